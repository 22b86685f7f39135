"""Recordings (SPEC §5): masked and raw logs, age-encrypted raw logs, the audit log and
replay, checked with the real asciinema and age where they are installed."""
import base64
import json
import os
import re
import subprocess
import time

import pytest

from conftest import require_tool
from ptydriver import PtySession

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
DB_PASSWORD = "hunter2-correct-horse"
# A command whose output is the same every run: a secret, a masked field, a split
# UTF-8 character (\303\251 = é), and bytes that are not UTF-8 at all (\377, a lone \303).
DETERMINISTIC = (
    f"printf 'token {GITHUB_TOKEN}\\n'; printf 'DB_PASSWORD=%s\\n' \"$DB_PASSWORD\"; "
    "printf 'caf\\303'; printf '\\251 \\377 \\303\\nend\\n'"
)
RAW_OUTPUT = (f"token {GITHUB_TOKEN}\nDB_PASSWORD={DB_PASSWORD}\n".encode()
              + b"caf\xc3\xa9 \xff \xc3\nend\n")


def run(args, input=b"", env=None, timeout=30, **kwargs):
    """conftest's run(), taking subprocess options too (umask, cwd)."""
    full_env = dict(os.environ)
    full_env.pop("MASKRUN_POLICY", None)
    full_env["XDG_CONFIG_HOME"] = "/nonexistent"
    full_env.update(env or {})
    return subprocess.run(args, input=input, capture_output=True, env=full_env, timeout=timeout, **kwargs)


def secrets_in(data):
    """The secrets of DETERMINISTIC found in `data`, in any common encoding."""
    found = []
    for secret in (GITHUB_TOKEN, DB_PASSWORD):
        for form in (secret.encode(), base64.b64encode(secret.encode()), secret[4:-4].encode()):
            if form in data:
                found.append(form)
    return found


def record(maskrun, tmp_path, *options, command=DETERMINISTIC, env=None, **kwargs):
    """Runs the deterministic command under maskrun with recording options."""
    full_env = {"DB_PASSWORD": DB_PASSWORD}
    full_env.update(env or {})
    return run([maskrun, *options, "--", "sh", "-c", command], env=full_env, **kwargs)


def cast_lines(path):
    """The header and events of an asciicast file (every line must be JSON)."""
    lines = path.read_bytes().decode("utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def pty_output(argv, tmp_path):
    """What a program prints on a terminal (asciinema cat needs /dev/tty). asciinema gets
    a config directory of its own: it creates one, and must not in /nonexistent."""
    session = PtySession(argv, env={"ASCIINEMA_CONFIG_HOME": str(tmp_path / "asciinema-config")})
    try:
        assert session.wait() == 0, session.output
        return session.output
    finally:
        session.close()


# ---- the masked recording -------------------------------------------------------------

def test_masked_cast_is_asciicast_v2_that_asciinema_cat_plays(maskrun, tmp_path):
    asciinema = require_tool("asciinema")
    log = tmp_path / "session.cast"
    result = record(maskrun, tmp_path, "--log", str(log),
                    env={"MASKRUN_TEST_SECOND_SINCE_EPOCH": "1700000000", "TERM": "xterm", "SHELL": "/bin/sh",
                         "AWS_SECRET_ACCESS_KEY": "not-in-the-header"})
    assert result.returncode == 0, result.stderr
    assert b"[MASKED:github-token]" in result.stdout and not secrets_in(result.stdout)
    data = log.read_bytes()
    assert not secrets_in(data)
    header, events = cast_lines(log)
    assert header["version"] == 2 and header["timestamp"] == 1700000000
    assert isinstance(header["width"], int) and isinstance(header["height"], int)
    assert header["env"] == {"TERM": "xterm", "SHELL": "/bin/sh"}
    assert "[MASKED:github-token]" in header["command"] and GITHUB_TOKEN not in header["command"]
    assert events[-1][1:] == ["m", "exit 0"]
    for line in data.decode().splitlines()[1:]:
        assert re.match(r'^\[\d+\.\d{6}, "[orm]", ', line), line
    # asciinema's own player shows exactly what maskrun printed (invalid bytes as U+FFFD),
    # with the line endings a terminal needs: maskrun printed to a pipe, not a terminal.
    shown = pty_output([asciinema, "cat", str(log)], tmp_path)
    assert shown == result.stdout.decode("utf-8", "replace").encode().replace(b"\n", b"\r\n")
    assert "café".encode() in shown


def test_text_format_is_the_masked_output_byte_for_byte(maskrun, tmp_path):
    log = tmp_path / "session.txt"
    result = record(maskrun, tmp_path, "--log", str(log), "--log-format", "text")
    assert result.returncode == 0, result.stderr
    assert log.read_bytes() == result.stdout
    assert b"\xff" in log.read_bytes() and not secrets_in(log.read_bytes())


def test_exit_status_is_the_last_marker_and_passes_through(maskrun, tmp_path):
    log = tmp_path / "s.cast"
    result = record(maskrun, tmp_path, "--log", str(log), command="echo bye; exit 7")
    assert result.returncode == 7
    assert cast_lines(log)[1][-1][1:] == ["m", "exit 7"]


def test_resizes_are_r_events(maskrun, tmp_path):
    log = tmp_path / "s.cast"
    session = PtySession([maskrun, "--log", str(log), "--", "sh", "-c",
                          "trap 'echo resized; exit 0' WINCH; echo ready; while :; do sleep 0.05; done"],
                         cols=100, rows=40)
    try:
        session.read_until(b"ready")
        session.resize(132, 50)
        assert session.wait() == 0
    finally:
        session.close()
    header, events = cast_lines(log)
    assert (header["width"], header["height"]) == (100, 40)
    assert [e[2] for e in events if e[1] == "r"] == ["132x50"]


# ---- the raw recording, plain and encrypted ---------------------------------------------

def test_raw_text_recording_is_exactly_what_the_command_printed(maskrun, tmp_path):
    raw = tmp_path / "raw.txt"
    result = record(maskrun, tmp_path, "--raw-log", str(raw), "--log-format", "text")
    assert result.returncode == 0, result.stderr
    assert raw.read_bytes() == RAW_OUTPUT


def test_age_decrypts_the_raw_recording_to_exactly_what_the_command_printed(maskrun, tmp_path, age_key):
    age = require_tool("age")
    key, recipient = age_key
    plain, encrypted = tmp_path / "plain.txt", tmp_path / "raw.txt.age"
    assert record(maskrun, tmp_path, "--raw-log", str(plain), "--log-format", "text").returncode == 0
    result = record(maskrun, tmp_path, "--raw-log", str(encrypted), "--raw-recipient", recipient,
                    "--log-format", "text")
    assert result.returncode == 0, result.stderr
    assert encrypted.read_bytes().startswith(b"age-encryption.org/v1\n-> X25519 ")
    assert not secrets_in(encrypted.read_bytes())
    decrypted = subprocess.run([age, "-d", "-i", str(key), str(encrypted)], capture_output=True, check=True).stdout
    assert decrypted == plain.read_bytes() == RAW_OUTPUT


def test_age_decrypts_a_large_cast_recording_to_any_of_several_recipients(maskrun, tmp_path, age_key):
    age, keygen = require_tool("age"), require_tool("age-keygen")
    key, recipient = age_key
    second = tmp_path / "second.txt"
    subprocess.run([keygen, "-o", str(second)], check=True, capture_output=True)
    recipients = tmp_path / "recipients.txt"
    recipients.write_text("# auditors\n" + subprocess.run(
        [keygen, "-y", str(second)], check=True, capture_output=True).stdout.decode())
    encrypted = tmp_path / "raw.cast.age"
    # 300 000 bytes: several 64 KiB chunks, and a last one that is not full.
    result = record(maskrun, tmp_path, "--raw-log", str(encrypted), "--raw-recipient", recipient,
                    "--raw-recipients-file", str(recipients),
                    command=f"echo {GITHUB_TOKEN}; head -c 300000 /dev/zero | tr '\\0' x; echo")
    assert result.returncode == 0, result.stderr
    for identity in (key, second):
        decrypted = subprocess.run([age, "-d", "-i", str(identity), str(encrypted)],
                                   capture_output=True, check=True).stdout
        lines = decrypted.decode().splitlines()
        output = "".join(json.loads(line)[2] for line in lines[1:] if json.loads(line)[1] == "o")
        assert output == f"{GITHUB_TOKEN}\r\n" + "x" * 300000 + "\r\n"


def test_replay_decrypts_with_an_identity_and_reads_files_age_encrypted(maskrun, tmp_path, age_key):
    age = require_tool("age")
    key, recipient = age_key
    encrypted = tmp_path / "raw.cast.age"
    assert record(maskrun, tmp_path, "--raw-log", str(encrypted), "--raw-recipient", recipient).returncode == 0
    replayed = run([maskrun, "replay", "--identity", str(key), "--cat", str(encrypted)])
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout == RAW_OUTPUT.decode("utf-8", "replace").encode().replace(b"\n", b"\r\n")
    # Without the key, or with another one: a clear error, nothing printed.
    refused = run([maskrun, "replay", "--cat", str(encrypted)])
    assert refused.returncode == 125 and b"--identity" in refused.stderr and refused.stdout == b""
    other = tmp_path / "other.txt"
    subprocess.run([require_tool("age-keygen"), "-o", str(other)], check=True, capture_output=True)
    wrong = run([maskrun, "replay", "--identity", str(other), "--cat", str(encrypted)])
    assert wrong.returncode == 125 and b"no identity matches" in wrong.stderr
    # A recording that the real age encrypted plays too.
    plain = tmp_path / "plain.cast"
    assert record(maskrun, tmp_path, "--log", str(plain)).returncode == 0
    by_age = tmp_path / "by-age.cast.age"
    subprocess.run([age, "-r", recipient, "-o", str(by_age), str(plain)], check=True)
    replayed = run([maskrun, "replay", "-i", str(key), "--cat", str(by_age)])
    assert replayed.returncode == 0 and b"[MASKED:github-token]" in replayed.stdout


def test_a_bad_recipient_stops_before_the_command_runs(maskrun, tmp_path):
    marker = tmp_path / "ran"
    raw = tmp_path / "raw.age"
    for bad in ("age1notavalidkey", "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"):
        result = run([maskrun, "--raw-log", str(raw), "--raw-recipient", bad, "--", "touch", str(marker)])
        assert result.returncode == 125
        assert result.stderr.startswith(b"maskrun: --raw-recipient: ")
        assert b"GFPYYSJZ" not in result.stderr
    assert not marker.exists() and not raw.exists()
    result = run([maskrun, "--raw-recipient", "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",
                  "--", "touch", str(marker)])
    assert result.returncode == 125 and b"need --raw-log" in result.stderr and not marker.exists()


# ---- file safety ------------------------------------------------------------------------

def test_every_file_is_0600_and_new_directories_0700_under_umask_000(maskrun, tmp_path, age_key):
    _, recipient = age_key
    deep = tmp_path / "new" / "dirs"
    paths = [deep / "masked.cast", deep / "raw.txt", deep / "audit.jsonl"]
    result = run([maskrun, "--log", str(paths[0]), "--raw-log", str(paths[1]), "--audit", str(paths[2]),
                  "--", "sh", "-c", f"echo {GITHUB_TOKEN}"], umask=0)
    assert result.returncode == 0, result.stderr
    encrypted = tmp_path / "raw.age"
    result = run([maskrun, "--raw-log", str(encrypted), "--raw-recipient", recipient,
                  "--", "echo", "hi"], umask=0)
    assert result.returncode == 0, result.stderr
    filtered = tmp_path / "filter.cast"
    assert run([maskrun, "filter", "--log", str(filtered)], input=b"x\n", umask=0).returncode == 0
    for path in paths + [encrypted, filtered]:
        assert os.stat(path).st_mode & 0o777 == 0o600, path
    for directory in (tmp_path / "new", deep):
        assert os.stat(directory).st_mode & 0o777 == 0o700, directory


@pytest.mark.parametrize("option", ["--log", "--raw-log", "--audit"])
def test_a_symlink_at_the_path_is_refused_and_nothing_written_through_it(maskrun, tmp_path, option):
    marker = tmp_path / "ran"
    target = tmp_path / "target"
    target.write_bytes(b"precious")
    link, dangling = tmp_path / "link", tmp_path / "dangling"
    link.symlink_to(target)
    dangling.symlink_to(tmp_path / "would-be-created")
    for path in (link, dangling):
        for extra in ([], ["--append"]):
            result = run([maskrun, option, str(path), *extra, "--", "touch", str(marker)])
            assert result.returncode == 125, result.stderr
            assert b"symbolic link" in result.stderr
    assert target.read_bytes() == b"precious"
    assert not (tmp_path / "would-be-created").exists() and not marker.exists()


def test_an_existing_file_is_not_clobbered(maskrun, tmp_path):
    marker = tmp_path / "ran"
    log = tmp_path / "s.cast"
    log.write_bytes(b"earlier session\n")
    result = run([maskrun, "--log", str(log), "--", "touch", str(marker)])
    assert result.returncode == 125
    assert b"--append" in result.stderr
    assert log.read_bytes() == b"earlier session\n" and not marker.exists()


def test_append_continues_a_cast_after_its_last_event(maskrun, tmp_path):
    asciinema = require_tool("asciinema")
    log = tmp_path / "s.cast"
    assert run([maskrun, "--log", str(log), "--", "echo", "first"]).returncode == 0
    assert run([maskrun, "--log", str(log), "--append", "--", "echo", "second"]).returncode == 0
    header, events = cast_lines(log)
    assert header["version"] == 2
    assert [e[1:] for e in events if e[1] != "r"] == [
        ["o", "first\r\n"], ["m", "exit 0"], ["o", "second\r\n"], ["m", "exit 0"]]
    times = [e[0] for e in events]
    assert times == sorted(times)
    assert pty_output([asciinema, "cat", str(log)], tmp_path) == b"first\r\nsecond\r\n"


def test_an_encrypted_raw_log_is_never_appended_to(maskrun, tmp_path):
    raw = tmp_path / "raw.age"
    raw.write_bytes(b"age-encryption.org/v1\n")
    result = run([maskrun, "--raw-log", str(raw), "--append", "--raw-recipient",
                  "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj", "--", "true"])
    assert result.returncode == 125 and b"cannot be appended" in result.stderr
    assert raw.read_bytes() == b"age-encryption.org/v1\n"


def test_masked_and_raw_at_the_same_path_are_refused(maskrun, tmp_path):
    marker = tmp_path / "ran"
    for other in ("s.cast", "./s.cast", "sub/../s.cast"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        result = run([maskrun, "--log", "s.cast", "--raw-log", other, "--", "touch", str(marker)], cwd=tmp_path)
        assert result.returncode == 125 and b"same file" in result.stderr, result.stderr
    assert not (tmp_path / "s.cast").exists() and not marker.exists()


def test_path_templates_make_a_new_file_each_run(maskrun, tmp_path):
    env = {"MASKRUN_TEST_SECOND_SINCE_EPOCH": "1700000000"}
    template = str(tmp_path / "logs" / "{cmd}-{time}.cast")
    for _ in range(2):
        assert run([maskrun, "--log", template, "--", "echo", "hi"], env=env).returncode == 0
    assert sorted(p.name for p in (tmp_path / "logs").iterdir()) == [
        "echo-20231114T221320Z-2.cast", "echo-20231114T221320Z.cast"]
    pid_log = run([maskrun, "--log", str(tmp_path / "p-{pid}.cast"), "--", "true"])
    assert pid_log.returncode == 0 and len(list(tmp_path.glob("p-[0-9]*.cast"))) == 1
    bad = run([maskrun, "--log", str(tmp_path / "{date}.cast"), "--", "true"])
    assert bad.returncode == 125 and b"unknown placeholder {date}" in bad.stderr


def test_policy_logs_are_used_and_the_command_line_overrides_them(maskrun, tmp_path):
    policy = tmp_path / "policy.yml"
    policy.write_text(f"version: 1\nlogs:\n  redacted: {tmp_path}/policy.cast\n  audit: {tmp_path}/policy.jsonl\n")
    assert run([maskrun, "--policy", str(policy), "--", "echo", GITHUB_TOKEN]).returncode == 0
    assert b"[MASKED:github-token]" in (tmp_path / "policy.cast").read_bytes()
    assert (tmp_path / "policy.jsonl").exists()
    override = tmp_path / "cli.cast"
    assert run([maskrun, "--policy", str(policy), "--log", str(override), "--audit", str(tmp_path / "cli.jsonl"),
                "--", "echo", "x"]).returncode == 0
    assert override.exists() and (tmp_path / "cli.jsonl").exists()


# ---- the audit log ----------------------------------------------------------------------

def test_audit_log_is_json_lines_whose_counts_match_the_masked_spans(maskrun, tmp_path):
    audit, log = tmp_path / "audit.jsonl", tmp_path / "s.cast"
    command = DETERMINISTIC + f"; echo again {GITHUB_TOKEN}; echo err {GITHUB_TOKEN} >&2; exit 4"
    result = record(maskrun, tmp_path, "--audit", str(audit), "--log", str(log), "--mask-env", "DB_PASSWORD",
                    command=command)
    assert result.returncode == 4
    data = audit.read_bytes()
    assert not secrets_in(data) and not secrets_in(log.read_bytes())
    entries = [json.loads(line) for line in data.decode().splitlines()]
    spans, summary = entries[:-1], entries[-1]
    assert all(e["type"] == "mask" for e in spans) and summary["type"] == "summary"
    shown = result.stdout + result.stderr
    assert len(spans) == shown.count(b"[MASKED:") == summary["masked"]
    counts = {}
    for e in spans:
        counts[e["rule"]] = counts.get(e["rule"], 0) + 1
        assert set(e) == {"type", "time", "elapsed", "stream", "rule", "offset", "length", "replacement",
                          "fingerprint"}
        assert re.fullmatch(r"[0-9a-f]{12}", e["fingerprint"])
    assert counts == summary["rules"] and counts["github-token"] == 3
    assert {e["stream"] for e in spans} == {"stdout", "stderr"}
    # Offsets and lengths point at the secret in the raw stream.
    first = next(e for e in spans if e["rule"] == "github-token")
    assert RAW_OUTPUT[first["offset"]:first["offset"] + first["length"]] == GITHUB_TOKEN.encode()
    token_fingerprints = {e["fingerprint"] for e in spans if e["rule"] == "github-token"}
    assert len(token_fingerprints) == 1  # the same value, the same fingerprint
    assert summary["exit_status"] == 4 and summary["recording_errors"] == []
    assert summary["bytes_in"] > summary["bytes_out"] > 0 and summary["duration"] >= 0


def test_filter_records_input_as_raw_and_output_as_masked(maskrun, tmp_path):
    masked, raw, audit = tmp_path / "f.txt", tmp_path / "f.raw", tmp_path / "f.jsonl"
    data = f"line {GITHUB_TOKEN}\nplain\n".encode() + b"\xff\n"
    result = run([maskrun, "filter", "--log", str(masked), "--raw-log", str(raw), "--audit", str(audit),
                  "--log-format", "text"], input=data)
    assert result.returncode == 0, result.stderr
    assert masked.read_bytes() == result.stdout and raw.read_bytes() == data
    entries = [json.loads(line) for line in audit.read_text().splitlines()]
    assert entries[0]["stream"] == "stdin" and entries[0]["offset"] == 5
    assert entries[-1]["exit_status"] == 0 and "command" not in entries[-1]
    cast = tmp_path / "f.cast"
    assert run([maskrun, "filter", "--log", str(cast)], input=data).returncode == 0
    header, events = cast_lines(cast)
    assert "command" not in header and "".join(e[2] for e in events if e[1] == "o") == result.stdout.decode(
        "utf-8", "replace").replace("\n", "\r\n")


# ---- failures after the start -----------------------------------------------------------

# A full file system: Tests/e2e/test_faults.py (a small tmpfs; --append no longer takes
# /dev/full, which is not a regular file).


def test_a_file_size_limit_does_not_kill_maskrun(maskrun, tmp_path):
    import resource
    log = tmp_path / "s.txt"

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [maskrun, "--log", str(log), "--log-format", "text", "--", "sh", "-c",
         "head -c 20000 /dev/zero | tr '\\0' y; echo; exit 5"],
        capture_output=True, preexec_fn=limit, timeout=30,
        env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    assert result.returncode == 5
    assert result.stdout == b"y" * 20000 + b"\n"
    assert result.stderr.count(b"recording stopped") == 1 and b"File too large" in result.stderr
    assert os.path.getsize(log) <= 4096


# ---- replay -----------------------------------------------------------------------------

def test_replay_keeps_the_timing_and_honours_idle_limit_and_speed(maskrun, tmp_path):
    log = tmp_path / "pauses.cast"
    assert run([maskrun, "--log", str(log), "--", "sh", "-c", "echo one; sleep 2; echo two"]).returncode == 0

    def timed(*options):
        start = time.monotonic()
        result = run([maskrun, "replay", *options, str(log)])
        assert result.returncode == 0, result.stderr
        assert result.stdout == b"one\r\ntwo\r\n"
        return time.monotonic() - start

    assert timed() >= 1.8
    assert timed("--idle-limit", "0.2") < 1.2
    assert timed("--speed", "4") < 1.2
    assert timed("--cat") < 1.0
    # A long pause in a recording written by hand, as asciinema would: cut to the limit.
    long = tmp_path / "long.cast"
    long.write_text('{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "a"]\n[3600.0, "o", "b"]\n')
    start = time.monotonic()
    assert run([maskrun, "replay", "--idle-limit", "0.3", str(long)]).stdout == b"ab"
    assert time.monotonic() - start < 1.5


def test_replay_says_what_is_wrong_with_bad_input(maskrun, tmp_path):
    cases = {
        "text.txt": (b"just some text\n", b"not an asciicast v2 recording"),
        "empty.cast": (b"", b"empty file"),
        "cut.cast": (b'{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "a"]\n[0.2, "o", "b', b"truncated"),
        "armored.age": (b"-----BEGIN AGE ENCRYPTED FILE-----\n", b"--identity"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = run([maskrun, "replay", "--cat", str(path)])
        assert result.returncode == 125, (name, result.stderr)
        assert message in result.stderr, (name, result.stderr)
        assert result.stderr.startswith(b"maskrun: "), result.stderr
    missing = run([maskrun, "replay", str(tmp_path / "missing.cast")])
    assert missing.returncode == 125 and b"No such file or directory" in missing.stderr
