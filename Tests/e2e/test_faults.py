"""Faults from outside: maskrun killed, its reader gone, stdin closed, a full file system,
many sessions at once, a child that will not die (SPEC §4, §5, §7)."""
import json
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import IN_CI, run
from ptydriver import PtySession

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
ENV = {**os.environ, "XDG_CONFIG_HOME": "/nonexistent"}
ENV.pop("MASKRUN_POLICY", None)


def gone(pid, timeout=10):
    """True once process `pid` has exited (or was never ours to see)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def cast_events(path):
    """The header and the complete events of an asciicast file; an incomplete last line
    (cut by the kill) is allowed, anything else must parse."""
    lines = path.read_bytes().split(b"\n")
    header = json.loads(lines[0])
    events = [json.loads(line) for line in lines[1:-1]]
    return header, events


def test_sigkill_of_maskrun_hangs_up_the_child_and_leaves_readable_recordings(maskrun, tmp_path):
    log, raw, audit = tmp_path / "s.cast", tmp_path / "raw.cast", tmp_path / "a.jsonl"
    s = PtySession([maskrun, "--log", str(log), "--raw-log", str(raw), "--audit", str(audit), "--",
                    "sh", "-c", f"echo pid=$$; echo token {GITHUB_TOKEN}; echo done-printing; exec sleep 60"])
    try:
        before = s.attributes()
        s.read_until(b"done-printing")
        child = int(s.output.split(b"pid=")[1].split()[0])
        time.sleep(0.3)
        s.proc.send_signal(signal.SIGKILL)
        assert s.wait(timeout=10) == -signal.SIGKILL
        assert gone(child), "the command outlived maskrun's SIGKILL"
        time.sleep(0.3)
        assert s.attributes() == before  # the terminal guardian put the modes back
    finally:
        s.close()
    for path, token_shown in ((log, False), (raw, True)):
        header, events = cast_events(path)
        text = "".join(e[2] for e in events if e[1] == "o")
        assert header["version"] == 2
        assert "done-printing" in text
        assert (GITHUB_TOKEN in text) == token_shown
        replay = run([maskrun, "replay", "--cat", str(path)])
        assert replay.returncode == 0, replay.stderr
    assert GITHUB_TOKEN.encode() not in audit.read_bytes()
    for line in audit.read_bytes().splitlines():
        json.loads(line)


def test_the_reader_of_stdout_going_away_ends_maskrun_and_the_command(maskrun, tmp_path):
    pidfile = tmp_path / "pid"
    proc = subprocess.Popen(
        [maskrun, "--", "sh", "-c", f"echo $$ > {pidfile}; while :; do echo line {GITHUB_TOKEN}; done"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV)
    first = proc.stdout.read(4096)
    assert GITHUB_TOKEN.encode() not in first and b"[MASKED:github-token]" in first
    proc.stdout.close()
    try:
        status = proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("maskrun kept running after its reader went away")
    assert status != 0
    assert gone(int(pidfile.read_text()))
    assert GITHUB_TOKEN.encode() not in proc.stderr.read()


@pytest.mark.parametrize("how", ["<&-", "</dev/null"])
def test_stdin_closed_or_empty_gives_the_command_end_of_file(maskrun, how):
    result = subprocess.run(["sh", "-c", f'exec "$0" -- sh -c "cat; echo after-eof" {how}', maskrun],
                            capture_output=True, env=ENV, timeout=20)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"after-eof\n"


def test_stdin_closed_under_filter_is_empty_input(maskrun):
    result = subprocess.run(["sh", "-c", 'exec "$0" filter <&-', maskrun], capture_output=True, env=ENV, timeout=20)
    assert result.returncode == 0 and result.stdout == b""


def small_filesystem_script(directory, inner):
    """sh code that mounts a 64 KiB tmpfs at `directory` in a private mount namespace and
    runs `inner` there; None when this machine cannot do it."""
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {directory}"],
                           capture_output=True)
    if probe.returncode != 0:
        return None
    return ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {directory} && {inner}"]


def test_a_log_on_a_full_file_system_warns_once_and_the_command_goes_on(maskrun, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    audit, kept = tmp_path / "audit.jsonl", tmp_path / "kept.cast"
    lines = 3000
    script = tmp_path / "print.sh"
    # One cat of the whole text, so maskrun reads it in batches larger than the disk.
    text_file = tmp_path / "lines.txt"
    text_file.write_text("".join(f"line {i} {GITHUB_TOKEN}\n" for i in range(lines)))
    script.write_text(f"cat {text_file}; exit 3\n")
    inner = (f'"$0" --log {small}/s.cast --audit {audit} -- sh {script}; status=$?; '
             f"cp {small}/s.cast {kept}; exit $status")
    argv = small_filesystem_script(small, inner)
    if argv is None:
        if IN_CI:
            pytest.fail("CI must be able to mount a tmpfs in a private namespace (unshare -m)")
        pytest.skip("cannot mount a small tmpfs here")
    result = subprocess.run([*argv, maskrun], capture_output=True, env=ENV, timeout=60)
    assert result.returncode == 3, result.stderr
    assert result.stdout.count(b"[MASKED:github-token]") == lines and GITHUB_TOKEN.encode() not in result.stdout
    warnings = result.stderr.decode().splitlines()
    assert len(warnings) == 1, warnings
    assert "recording stopped" in warnings[0] and "No space left on device" in warnings[0]
    summary = json.loads(audit.read_text().splitlines()[-1])
    assert summary["exit_status"] == 3 and "No space left on device" in summary["recording_errors"][0]
    # What reached the disk is a recording of the beginning, complete lines readable.
    header, events = cast_events(kept)
    # How many lines fit before the disk filled varies: those there are the first ones, whole
    # and masked, however large the batches maskrun read.
    text = "".join(event[2] for event in events)
    assert header["version"] == 2 and text.endswith("\r\n")
    recorded = text.splitlines()
    assert recorded and recorded == [f"line {i} [MASKED:github-token]" for i in range(len(recorded))]
    assert GITHUB_TOKEN.encode() not in kept.read_bytes()


def test_fifty_sessions_in_parallel_each_get_their_own_masked_output(maskrun, tmp_path):
    """Under load each session must still end only after every line its command wrote:
    the lines are counted one by one, so a session cut short at its exit shows up."""
    count, lines = 50, 200
    procs = []
    for n in range(count):
        token = "ghp_" + f"{n:02d}" + GITHUB_TOKEN[6:]  # distinct per session, not a placeholder
        script = f"i=0; while [ $i -lt {lines} ]; do echo session-{n} line $i {token}; i=$((i+1)); done; exit {n % 7}"
        procs.append((n, token, subprocess.Popen(
            [maskrun, "--log", str(tmp_path / f"s{n}.cast"), "--", "sh", "-c", script],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV)))
    wrong = []
    for n, token, proc in procs:
        out, err = proc.communicate(timeout=120)
        expected = [f"session-{n} line {i} [MASKED:github-token]" for i in range(lines)]
        got = out.decode(errors="replace").split("\n")
        if proc.returncode != n % 7 or err != b"" or got != expected + [""]:
            wrong.append((n, proc.returncode, f"{len(got) - 1} lines", got[-2:], err[-200:]))
            continue
        recorded = tmp_path / f"s{n}.cast"
        _, events = cast_events(recorded)
        # Casts end lines as a terminal shows them (issue 11): "\r\n" for output that reached none.
        assert "".join(e[2] for e in events if e[1] == "o") == "".join(line + "\r\n" for line in expected)
        assert token.encode() not in recorded.read_bytes()
    assert wrong == [], f"{len(wrong)} of {count} sessions wrong: {wrong}"


def test_a_reader_that_stalls_past_the_drain_limit_still_gets_everything(maskrun, tmp_path):
    """`maskrun -- git log | less`, read slowly: the command has written its last lines
    into the pty and exited while maskrun waits on the stalled reader for longer than the
    drain limit (grace + 10 s). Those lines are the command's own, not a grandchild's:
    all of them arrive, the last secret masked, on stdout and stderr alike."""
    # 68.9 KB fill the 64 KiB pipe to the stalled reader, so maskrun blocks writing. A
    # window resize then ends that first write early, so that maskrun is blocked in the
    # next one (nothing written yet) when the command writes its last lines and exits:
    # the exit is noticed there, long before maskrun can read those lines.
    first, lines = 7000, 7020
    filled, done = tmp_path / "filled", tmp_path / "done"
    script = (f"i=0; while [ $i -lt {first} ]; do echo line $i; i=$((i+1)); done; : > {filled}; sleep 1; "
              f"while [ $i -lt {lines} ]; do echo line $i; i=$((i+1)); done; "
              f"echo last {GITHUB_TOKEN}; echo on-stderr {GITHUB_TOKEN} >&2; : > {done}; exit 3")
    proc = subprocess.Popen([maskrun, "--", "sh", "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=ENV)

    def wait_for(path):
        deadline = time.monotonic() + 60
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert path.exists(), f"the command should get to {path.name} while its reader stalls"

    wait_for(filled)
    time.sleep(0.3)
    proc.send_signal(signal.SIGWINCH)
    wait_for(done)
    time.sleep(12)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    got = out.decode().split("\n")
    assert len(got) - 1 == lines + 1
    assert got == [f"line {i}" for i in range(lines)] + ["last [MASKED:github-token]", ""]
    assert err == b"on-stderr [MASKED:github-token]\n"


def test_a_child_ignoring_sighup_and_sigterm_is_waited_for_and_its_output_masked(maskrun):
    s = PtySession([maskrun, "--", "sh", "-c",
                    f"trap '' HUP TERM; echo ready; sleep 1; echo still-here {GITHUB_TOKEN}; exit 4"])
    try:
        s.read_until(b"ready")
        for sig in (signal.SIGTERM, signal.SIGHUP):
            s.proc.send_signal(sig)
            time.sleep(0.1)
        assert s.wait(timeout=20) == 4
        assert b"still-here [MASKED:github-token]" in s.output and GITHUB_TOKEN.encode() not in s.output
    finally:
        s.close()


def test_sigkill_with_a_child_ignoring_sighup_does_not_leave_maskrun_behind(maskrun, tmp_path):
    pidfile = tmp_path / "pid"
    s = PtySession([maskrun, "--", "sh", "-c",
                    f"trap '' HUP TERM; echo $$ > {pidfile}; echo ready; sleep 3; exit 0"])
    try:
        s.read_until(b"ready")
        s.proc.send_signal(signal.SIGKILL)
        assert s.wait(timeout=10) == -signal.SIGKILL
        # The child outlives maskrun (it ignores the hangup) but ends on its own, and
        # nothing it prints after the kill reaches the terminal unmasked.
        assert gone(int(pidfile.read_text()), timeout=15)
    finally:
        s.close()
