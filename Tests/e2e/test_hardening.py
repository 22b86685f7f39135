"""maskrun under attack: its own messages, the hash key, recording file safety, closed
descriptors, values that could overflow, and crashes (SPEC §5, §7, §8)."""
import json
import os
import signal
import stat
import subprocess
import time

import pytest

from conftest import run
from ptydriver import PtySession

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
AWS_KEY = "AKIAQ7MZ4RX2WJTKP5NB"
RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"


def write_policy(tmp_path, text, name="policy.yml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# ---- maskrun's own messages (SPEC §8) ----------------------------------------------------

@pytest.mark.parametrize("command", [
    [GITHUB_TOKEN],                       # a token pasted where the command goes
    [f"./{GITHUB_TOKEN}"],                # ... as a path
    ["--", f"AWS={AWS_KEY}"],
])
def test_a_mistyped_command_that_is_a_secret_is_masked_in_the_error(maskrun, command):
    result = run([maskrun, *command])
    assert result.returncode == 127, result.stderr
    assert GITHUB_TOKEN.encode() not in result.stderr and AWS_KEY.encode() not in result.stderr
    assert b"[MASKED:" in result.stderr and b"maskrun: " in result.stderr


def test_a_mistyped_command_is_masked_on_a_terminal_too(maskrun):
    s = PtySession([maskrun, GITHUB_TOKEN])
    try:
        assert s.wait() == 127
        assert GITHUB_TOKEN.encode() not in s.output
        assert b"[MASKED:github-token]: command not found" in s.output
    finally:
        s.close()


@pytest.mark.parametrize("options", [
    ["--flush-after", GITHUB_TOKEN],
    ["--log-format", GITHUB_TOKEN],
    ["--mask-env", GITHUB_TOKEN],
    ["--log", f"x-{{{GITHUB_TOKEN}}}.cast"],
    ["--raw-recipient", GITHUB_TOKEN, "--raw-log", "r.cast.age"],
    ["--mask-values-from", f"/nonexistent/{GITHUB_TOKEN}"],
    ["--policy", f"/nonexistent/{GITHUB_TOKEN}.yml"],
])
def test_errors_that_quote_an_option_value_mask_it(maskrun, tmp_path, options):
    marker = tmp_path / "ran"
    result = subprocess.run([maskrun, *options, "--", "touch", str(marker)], capture_output=True,
                            cwd=tmp_path, env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    assert result.returncode == 125, result.stderr
    assert GITHUB_TOKEN.encode() not in result.stderr and b"maskrun: " in result.stderr
    assert not marker.exists()


def test_policy_errors_quoting_the_file_mask_secrets(maskrun, tmp_path):
    # An unknown key and a bad regex, each spelt with a token: the messages are located,
    # and the token is masked.
    for text in (f"version: 1\n{GITHUB_TOKEN}: 1\n",
                 f"version: 1\nrules:\n  - id: r\n    regex: '{GITHUB_TOKEN}('\n"):
        policy = write_policy(tmp_path, text)
        for args in (["policy", "check", policy], ["--policy", policy, "--", "true"]):
            result = run([maskrun, *args])
            assert result.returncode in (1, 125), result.stderr
            assert GITHUB_TOKEN.encode() not in result.stderr
            assert f"{policy}:".encode() in result.stderr


def test_mask_env_values_are_masked_in_maskrun_s_own_errors(maskrun):
    secret = "s3cr3t-value-only-this-session-knows"
    result = run([maskrun, "--mask-env", "DEPLOY_KEY", "--", secret], env={"DEPLOY_KEY": secret})
    assert result.returncode == 127
    assert secret.encode() not in result.stderr and b"[MASKED:env:DEPLOY_KEY]" in result.stderr


# ---- the hash key (SPEC §8) --------------------------------------------------------------

def test_the_hash_key_is_masked_and_not_inherited(maskrun, tmp_path):
    key = "audit-team-hash-key-2026-do-not-share"
    policy = write_policy(tmp_path, "version: 1\nhash_key_env: MASKRUN_HASH_KEY\n")
    script = 'env | grep -c "^MASKRUN_HASH_KEY=" ; echo "copy=$COPY_OF_KEY"'
    result = run([maskrun, "--policy", policy, "--", "sh", "-c", script],
                 env={"MASKRUN_HASH_KEY": key, "COPY_OF_KEY": key})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == b"0"            # not in the command's environment
    assert key.encode() not in result.stdout + result.stderr  # masked where it shows anyway
    assert b"copy=[MASKED:env:MASKRUN_HASH_KEY]" in result.stdout


def test_the_hash_key_is_masked_in_filter_and_recordings(maskrun, tmp_path):
    key = "audit-team-hash-key-2026-do-not-share"
    policy = write_policy(tmp_path, "version: 1\nhash_key_env: HK\n")
    log, audit = tmp_path / "s.cast", tmp_path / "a.jsonl"
    result = run([maskrun, "filter", "--policy", policy, "--log", str(log), "--audit", str(audit)],
                 input=f"key {key}\n".encode(), env={"HK": key})
    assert result.returncode == 0
    assert result.stdout == b"key [MASKED:env:HK]\n"
    for path in (log, audit):
        assert key.encode() not in path.read_bytes()


# ---- recordings: .age and --append (SPEC §5) ---------------------------------------------

@pytest.mark.parametrize("name", ["raw.cast.age", "sub/raw.age", "raw-{time}.cast.age"])
def test_a_raw_log_named_age_needs_a_recipient(maskrun, tmp_path, name):
    marker = tmp_path / "ran"
    result = run([maskrun, "--raw-log", str(tmp_path / name), "--", "touch", str(marker)])
    assert result.returncode == 125
    assert b".age" in result.stderr and b"recipient" in result.stderr
    assert sorted(os.listdir(tmp_path)) == []  # nothing written, not even a directory


def test_a_policy_raw_log_named_age_needs_a_recipient(maskrun, tmp_path):
    raw = tmp_path / "raw.cast.age"
    policy = write_policy(tmp_path, f"version: 1\nlogs:\n  raw: {raw}\n")
    result = run([maskrun, "--policy", policy, "--", "true"])
    assert result.returncode == 125 and b"logs.raw" in result.stderr
    assert not raw.exists()


def private_file(path, content=b"earlier\n", mode=0o600):
    path.write_bytes(content)
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("mode", [0o666, 0o644, 0o640, 0o620, 0o606, 0o602, 0o660])
@pytest.mark.parametrize("option", ["--log", "--raw-log", "--audit"])
def test_append_refuses_a_file_others_can_reach_and_leaves_it_alone(maskrun, tmp_path, mode, option):
    target = private_file(tmp_path / "shared.txt", mode=mode)
    marker = tmp_path / "ran"
    result = run([maskrun, option, str(target), "--log-format", "text", "--append", "--",
                  "sh", "-c", f"touch {marker}; echo {GITHUB_TOKEN}"])
    assert result.returncode == 125, result.stderr
    assert b"group or others" in result.stderr
    assert target.read_bytes() == b"earlier\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == mode   # no chmod before refusing
    assert not marker.exists()


def test_append_refuses_a_second_name_of_a_file(maskrun, tmp_path):
    target = private_file(tmp_path / "target.txt")
    os.link(target, tmp_path / "second-name.txt")
    result = run([maskrun, "--raw-log", str(tmp_path / "second-name.txt"), "--log-format", "text",
                  "--append", "--", "echo", "hi"])
    assert result.returncode == 125 and b"hard links" in result.stderr
    assert target.read_bytes() == b"earlier\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_append_as_root_refuses_another_user_s_file(maskrun, tmp_path):
    # The attack: root appending raw output to a file another user planted.
    target = private_file(tmp_path / "raw.txt")
    os.chown(target, 65534, 65534)
    result = run([maskrun, "--raw-log", str(target), "--log-format", "text", "--append", "--",
                  "echo", GITHUB_TOKEN])
    assert result.returncode == 125 and b"another user" in result.stderr
    assert target.read_bytes() == b"earlier\n"
    info = os.stat(target)
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (65534, 0o600)


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_append_refuses_what_is_not_a_regular_file(maskrun, tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path, 0o600)
    elif kind == "directory":
        path = tmp_path / "dir"
        path.mkdir(mode=0o700)
    else:
        path = "/dev/null"
    result = run([maskrun, "--log", str(path), "--append", "--", "echo", "hi"], timeout=10)
    assert result.returncode == 125, result.stderr
    assert b"hi" not in result.stdout


def test_append_to_a_private_file_that_is_not_a_recording_changes_nothing(maskrun, tmp_path):
    target = private_file(tmp_path / "notes.cast", b"my notes, not a recording\n")
    result = run([maskrun, "--log", str(target), "--append", "--", "echo", "hi"])
    assert result.returncode == 125 and b"not an asciicast" in result.stderr
    assert target.read_bytes() == b"my notes, not a recording\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_append_to_a_private_recording_still_works(maskrun, tmp_path):
    log = tmp_path / "s.txt"
    assert run([maskrun, "--log", str(log), "--log-format", "text", "--", "echo", "one"]).returncode == 0
    assert run([maskrun, "--log", str(log), "--log-format", "text", "--append", "--",
                "echo", GITHUB_TOKEN]).returncode == 0
    assert log.read_bytes() == b"one\n[MASKED:github-token]\n"


# ---- closed descriptors 0-2 (SPEC §7) ----------------------------------------------------

@pytest.mark.parametrize("closing", [">&-", "2>&-", "<&-", "<&- >&- 2>&-"])
def test_closed_standard_descriptors_never_become_a_recording(maskrun, tmp_path, closing):
    log, raw = tmp_path / "s.cast", tmp_path / "raw.cast"
    script = f'exec "$0" --log {log} --raw-log {raw} -- sh -c "echo visible {GITHUB_TOKEN}" {closing}'
    result = subprocess.run(["sh", "-c", script, maskrun], capture_output=True, timeout=30,
                            env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    # Casts carry the line endings a terminal needs (SPEC §5), also without one.
    for path, expected in ((log, "visible [MASKED:github-token]\r\n"), (raw, f"visible {GITHUB_TOKEN}\r\n")):
        lines = path.read_text().splitlines()
        header = json.loads(lines[0])
        assert header["version"] == 2
        events = [json.loads(line) for line in lines[1:]]
        assert "".join(e[2] for e in events if e[1] == "o") == expected
        replayed = run([maskrun, "replay", "--cat", str(path)])
        assert replayed.returncode == 0 and replayed.stdout == expected.encode()
    if ">&-" not in closing or "2>&-" in closing:
        return
    assert result.stdout == b""


# ---- no trap from any value (SPEC §8) -----------------------------------------------------

@pytest.mark.parametrize("value", ["1e300s", "1e300ms", "99999999999999999999s", "3601s", "61m",
                                   "nans", "infs", "-1s", "0x10s", "s", ""])
def test_flush_after_out_of_range_is_an_error_not_a_trap(maskrun, tmp_path, value):
    marker = tmp_path / "ran"
    result = run([maskrun, "--flush-after", value, "--", "touch", str(marker)])
    assert result.returncode == 125, (value, result.stderr)
    assert b"--flush-after" in result.stderr and not marker.exists()


@pytest.mark.parametrize("value", ["1e300s", "99999999999999999999ms", "2h", "3601s"])
def test_flush_after_in_a_policy_out_of_range_is_a_located_error(maskrun, tmp_path, value):
    policy = write_policy(tmp_path, f"version: 1\nflush_after: {value}\n")
    checked = run([maskrun, "policy", "check", policy])
    assert checked.returncode == 1
    assert f"{policy}:2:14: flush_after".encode() in checked.stderr
    for args in (["--policy", policy, "--", "true"], ["filter", "--policy", policy],
                 ["policy", "show", "--policy", policy]):
        result = run([maskrun, *args])
        assert result.returncode == 125, (args, result.stderr)
        assert f"{policy}:2:14:".encode() in result.stderr


@pytest.mark.parametrize("text", [
    "version: 99999999999999999999\n",
    "version: 1\nmin_value_length: 99999999999999999999\n",
    "version: 1\nmin_value_length: -9223372036854775808\n",
    "version: 1\nrules:\n  - id: r\n    regex: 'a(b)'\n    group: 99999999999999999999\n",
    "version: 1\nrules:\n  - id: r\n    regex: 'a(b)'\n    group: 9223372036854775807\n",
])
def test_huge_numbers_in_a_policy_are_located_errors(maskrun, tmp_path, text):
    policy = write_policy(tmp_path, text)
    result = run([maskrun, "policy", "check", policy])
    assert result.returncode == 1, result.stderr
    assert f"{policy}:".encode() in result.stderr


@pytest.mark.parametrize("options", [["--speed", "1e-300"], ["--speed", "1e308"], ["--idle-limit", "1e308"]])
def test_replay_of_extreme_times_does_not_trap(maskrun, tmp_path, options):
    cast = tmp_path / "s.cast"
    cast.write_text('{"version": 2, "width": 80, "height": 24}\n[0.0, "o", "a"]\n[1e-300, "o", "b"]\n')
    result = run([maskrun, "replay", *options, str(cast)], timeout=20)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"ab"


def test_replay_of_a_recording_with_a_huge_size_or_time_does_not_trap(maskrun, tmp_path):
    cast = tmp_path / "s.cast"
    cast.write_text('{"version": 2, "width": 1e300, "height": -1e300}\n[0.0, "o", "a"]\n')
    result = run([maskrun, "replay", "--cat", str(cast)])
    assert result.returncode in (0, 125) and result.returncode != 132
    cast.write_text('{"version": 2, "width": 80, "height": 24}\n[1e300, "o", "late"]\n')
    result = run([maskrun, "replay", "--cat", str(cast)])
    assert result.returncode == 0 and result.stdout == b"late"


@pytest.mark.parametrize("time", ["1e300", "1.7976931348623157e308", "1000000001"])
def test_append_to_a_recording_with_an_impossible_last_time_is_refused_not_a_trap(maskrun, tmp_path, time):
    before = f'{{"version": 2, "width": 80, "height": 24}}\n[{time}, "o", "late"]\n'.encode()
    cast = private_file(tmp_path / "s.cast", before)
    marker = tmp_path / "ran"
    result = run([maskrun, "--log", str(cast), "--append", "--", "touch", str(marker)])
    assert result.returncode == 125, result.stderr
    assert b"cannot append" in result.stderr and b"out of range" in result.stderr
    assert cast.read_bytes() == before and not marker.exists()


def test_append_after_a_long_but_possible_last_time_continues_from_it(maskrun, tmp_path):
    cast = private_file(tmp_path / "s.cast", b'{"version": 2, "width": 80, "height": 24}\n[999999999.5, "o", "a"]\n')
    result = run([maskrun, "--log", str(cast), "--append", "--", "echo", "b"])
    assert result.returncode == 0, result.stderr
    times = [json.loads(line)[0] for line in cast.read_text().splitlines()[1:]]
    assert times == sorted(times) and times[0] == 999999999.5 and len(times) >= 3


@pytest.mark.parametrize("seconds", ["99999999999999999", "9223372036854775807", "-1", "253402300800", "soon"])
def test_a_test_clock_out_of_range_is_an_error_not_a_trap(maskrun, tmp_path, seconds):
    log, marker = tmp_path / "s.cast", tmp_path / "ran"
    result = run([maskrun, "--log", str(log), "--", "touch", str(marker)],
                 env={"MASKRUN_TEST_SECOND_SINCE_EPOCH": seconds})
    assert result.returncode == 125, result.stderr
    assert b"MASKRUN_TEST_SECOND_SINCE_EPOCH" in result.stderr
    assert not log.exists() and not marker.exists()


def test_the_last_second_of_year_9999_is_a_valid_test_clock(maskrun, tmp_path):
    log = tmp_path / "s-{time}.cast"
    result = run([maskrun, "--log", str(log), "--", "true"], env={"MASKRUN_TEST_SECOND_SINCE_EPOCH": "253402300799"})
    assert result.returncode == 0, result.stderr
    made = os.listdir(tmp_path)
    assert made == ["s-99991231T235959Z.cast"], made


# ---- crashes never reach a debugger (SPEC §8) --------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT])
def test_a_crash_restores_the_terminal_and_exits_125(maskrun, tmp_path, sig):
    # The backtracer asked for explicitly: maskrun's handler still takes the crash.
    s = PtySession([maskrun, "--", "sh", "-c", "echo pid=$$; stty -a >/dev/null; exec sleep 30"],
                   env={"SWIFT_BACKTRACE": "enable=yes,interactive=yes,color=no"})
    try:
        before = s.attributes()
        s.read_until(b"pid=")
        s.read_until(b"\n")
        child = int(s.output.split(b"pid=")[1].split()[0])
        time.sleep(0.3)
        assert s.attributes() != before     # raw mode while the command runs
        os.kill(s.proc.pid, sig)
        assert s.wait(timeout=15) == 125
        assert s.attributes() == before     # restored by the crash handler
        assert b"Press space" not in s.output and b"Crash" not in s.output and b">>>" not in s.output
        assert b"maskrun: internal error" in s.output
        # The command lost its terminal: it got SIGHUP and is gone.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the command survived maskrun's crash")
    finally:
        s.close()


def test_a_crash_in_filter_exits_125_without_a_backtrace(maskrun):
    proc = subprocess.Popen([maskrun, "filter"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent",
                                                         "SWIFT_BACKTRACE": "enable=yes"})
    proc.stdin.write(b"line\n")
    proc.stdin.flush()
    time.sleep(0.5)
    proc.send_signal(signal.SIGSEGV)
    _, err = proc.communicate(timeout=15)
    assert proc.returncode == 125
    assert b"Backtrace" not in err and b"Thread 0" not in err and b"0x" not in err


# ---- files maskrun reads: bounded, with the right errno ----------------------------------

@pytest.mark.parametrize("args", [
    ["--policy", "/dev/zero", "--", "true"],
    ["--mask-values-from", "/dev/zero", "--", "true"],
    ["filter", "--mask-values-from", "/dev/zero"],
])
def test_an_endless_file_is_refused_not_read_forever(maskrun, args):
    result = run([maskrun, *args], timeout=30)
    assert result.returncode == 125, result.stderr
    assert b"/dev/zero" in result.stderr and b"File too large" in result.stderr


def test_an_endless_values_file_in_a_policy_is_a_located_error(maskrun, tmp_path):
    policy = write_policy(tmp_path, "version: 1\nrules:\n  - id: z\n    values_file: /dev/zero\n")
    result = run([maskrun, "--policy", policy, "--", "true"], timeout=30)
    assert result.returncode == 125
    assert f"{policy}:3:5: rule 'z': cannot read /dev/zero: File too large".encode() in result.stderr


def test_a_directory_as_policy_says_so(maskrun, tmp_path):
    # Once "Inappropriate ioctl for device": an errno left over from another call.
    result = run([maskrun, "policy", "check", str(tmp_path)])
    assert result.returncode == 1
    assert result.stderr == f"maskrun: {tmp_path}:1:1: cannot read the policy file: Is a directory\n".encode()


@pytest.mark.parametrize("args", [["policy", "test"], ["--mask-values-from"]])
def test_a_directory_as_input_says_so_with_its_own_errno(maskrun, tmp_path, args):
    # Read through MaskrunSystem: the errno is the failed call's, not one FileHandle left.
    command = [maskrun, *args, str(tmp_path)] + (["--", "true"] if args[0].startswith("--") else [])
    result = run(command)
    assert result.returncode == 125
    assert b"Is a directory" in result.stderr and b"ioctl" not in result.stderr


def test_endless_standard_input_as_values_is_refused_not_read_forever(maskrun):
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([maskrun, "--mask-values-from", "-", "--", "true"], stdin=zero,
                                capture_output=True, timeout=60)
    assert result.returncode == 125
    assert result.stderr == b"maskrun: --mask-values-from -: cannot read standard input: File too large\n"


def test_a_values_file_of_many_thousand_secrets_is_no_trap(maskrun, tmp_path):
    # Once a trap: more than 65,535 keywords (each value in several encoded forms)
    # overflowed the first pass's 16-bit keyword index.
    import random
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    values = ["".join(rng.choice(alphabet) for _ in range(16)) for _ in range(8000)]
    (tmp_path / "values.txt").write_text("\n".join(values) + "\n")
    policy = write_policy(tmp_path, f"version: 1\nbuiltin: none\nrules:\n  - id: v\n    values_file: {tmp_path}/values.txt\n")
    # Then the values' alternation outgrew PCRE2's 64 KiB pattern limit, and every match
    # failed closed, taking the rest of its line with it.
    result = run([maskrun, "filter", "--policy", policy], input=f"one {values[4]} stays\ntwo {values[7999]} too\n".encode(), timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout == b"one [MASKED:v] stays\ntwo [MASKED:v] too\n"


def test_maskrun_s_own_results_on_stdout_are_masked_too(maskrun, tmp_path):
    # `policy check` names the file it checked; a name can be a token pasted by mistake.
    token = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
    policy = write_policy(tmp_path, "version: 1\n", name=f"{token}.yml")
    result = run([maskrun, "policy", "check", policy])
    assert result.returncode == 0, result.stderr
    assert token.encode() not in result.stdout
    assert b"[MASKED:github-token].yml: ok (0 rules, " in result.stdout
