"""maskrun as script(1) behaves in pipes, log files and CI (SPEC §5, §7): raw input with
cooked output when stdout is not the terminal, one pty when stdout and stderr are one
file or pipe, pagers that never wait without a terminal on stdin, casts that replay the
same with or without a terminal, and closed standard descriptors."""
import os
import re
import shlex
import shutil
import subprocess
import time

import pytest

from conftest import IN_CI, ROOT, require_tool, run
from ptydriver import PtySession


def terminal(line, env=None, timeout=20):
    """Runs a shell line under a pty, as typed at an interactive terminal; returns
    (exit status, the exact bytes the terminal received)."""
    session = PtySession(["sh", "-c", line], env=env)
    try:
        status = session.wait(timeout=timeout)
        return status, session.output
    finally:
        session.close()


def q(path):
    return shlex.quote(str(path))


# ---- staircase: raw input, cooked output -------------------------------------------------

def test_piped_from_a_terminal_the_lines_start_at_the_left_margin(maskrun):
    status, shown = terminal(f"{q(maskrun)} -- sh -c 'echo a; sleep .3; echo b' | cat")
    assert status == 0
    assert shown == b"a\r\nb\r\n"


def test_a_tee_log_has_plain_newlines_and_the_terminal_no_staircase(maskrun, tmp_path):
    log = tmp_path / "build.log"
    script = "echo compiling; sleep .2; echo 'x.c:1: error' >&2; sleep .2; echo done"
    status, shown = terminal(f"{q(maskrun)} -- sh -c {q(script)} 2>&1 | tee {q(log)}")
    assert status == 0
    assert log.read_bytes() == b"compiling\nx.c:1: error\ndone\n"
    assert shown == b"compiling\r\nx.c:1: error\r\ndone\r\n"


def test_stderr_on_the_terminal_while_stdout_is_piped_is_not_staircased(maskrun, tmp_path):
    out = tmp_path / "out"
    status, shown = terminal(f"{q(maskrun)} -- sh -c 'echo one >&2; sleep .2; echo two >&2; echo o' > {q(out)}")
    assert status == 0
    assert shown == b"one\r\ntwo\r\n"
    assert out.read_bytes() == b"o\n"


def test_the_terminal_keeps_its_output_processing_only_while_piped(maskrun, tmp_path):
    """The user's terminal while the command runs: input raw in both cases, output
    processing (OPOST, ONLCR) kept when stdout is a pipe, off when it is the terminal."""
    import termios
    piped = tmp_path / "piped"
    session = PtySession(["sh", "-c", f"{q(maskrun)} -- sh -c 'echo ready; sleep 1' | cat > {q(piped)}"])
    try:
        deadline = time.monotonic() + 10
        while not piped.exists() or b"ready" not in piped.read_bytes():
            assert time.monotonic() < deadline, "the command did not start"
            time.sleep(0.02)
        attrs = session.attributes()
        assert attrs[1] & termios.OPOST and attrs[1] & termios.ONLCR, "output processing was turned off"
        assert not attrs[3] & (termios.ICANON | termios.ECHO | termios.ISIG), "input is not raw"
        assert session.wait() == 0
    finally:
        session.close()
    session = PtySession([maskrun, "--", "sh", "-c", "echo ready; sleep 1"])
    try:
        session.read_until(b"ready")
        assert not session.attributes()[1] & termios.OPOST, "raw output expected on the terminal"
        assert session.wait() == 0
    finally:
        session.close()


# ---- one pty for one output ---------------------------------------------------------------

REORDER = ('echo compiling foo.c; echo "foo.c:3: error" >&2; echo compiling bar.c; '
           'echo "bar.c:9: error" >&2; test -t 2 && echo "stderr is a terminal"')
IN_ORDER = b"compiling foo.c\nfoo.c:3: error\ncompiling bar.c\nbar.c:9: error\nstderr is a terminal\n"


def test_stdout_and_stderr_to_one_file_keep_their_order_in_20_of_20_runs(maskrun, tmp_path):
    out = tmp_path / "o.txt"
    for attempt in range(20):
        status, _ = terminal(f"{q(maskrun)} -- sh -c {q(REORDER)} > {q(out)} 2>&1")
        assert status == 0
        assert out.read_bytes() == IN_ORDER, f"run {attempt + 1}"


def test_stdout_and_stderr_to_one_pipe_keep_their_order_in_20_of_20_runs(maskrun, tmp_path):
    out = tmp_path / "o.txt"
    for attempt in range(20):
        status, _ = terminal(f"{q(maskrun)} -- sh -c {q(REORDER)} 2>&1 | cat > {q(out)}")
        assert status == 0
        assert out.read_bytes() == IN_ORDER, f"run {attempt + 1}"


def test_without_a_terminal_one_pipe_for_both_keeps_the_order_too(maskrun):
    for attempt in range(5):
        result = subprocess.run([maskrun, "--", "sh", "-c", REORDER], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        assert result.returncode == 0
        assert result.stdout == IN_ORDER, f"run {attempt + 1}"


def test_different_files_stay_separate(maskrun, tmp_path):
    out, err = tmp_path / "out", tmp_path / "err"
    status, _ = terminal(f"{q(maskrun)} -- sh -c {q(REORDER)} > {q(out)} 2> {q(err)}")
    assert status == 1  # stderr is the pipe maskrun reads it from, not a terminal
    assert out.read_bytes() == b"compiling foo.c\ncompiling bar.c\n"
    assert err.read_bytes() == b"foo.c:3: error\nbar.c:9: error\n"


# ---- CI: no terminal on stdin ------------------------------------------------------------

def ci_run(args, env=None, timeout=10):
    """As a CI runner starts a step: no terminal anywhere, stdin /dev/null, no
    controlling terminal. A pager waiting for a key would hit the timeout."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("PAGER", "GIT_PAGER", "MANPAGER", "SYSTEMD_PAGER", "MASKRUN_CI_DEFAULTS")}
    full_env["XDG_CONFIG_HOME"] = "/nonexistent"
    full_env.update(env or {})
    return subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, env=full_env,
                          timeout=timeout, start_new_session=True)


@pytest.fixture
def repository(tmp_path):
    """A git repository whose `git log -p` fills several screens."""
    git = require_tool("git")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    subprocess.run([git, "init", "-q", str(repo)], check=True, env=env)
    for n in range(30):
        (repo / "file.txt").write_text("".join(f"line {i} of commit {n}\n" for i in range(10)))
        subprocess.run([git, "-C", str(repo), "add", "file.txt"], check=True, env=env)
        subprocess.run([git, "-C", str(repo), "commit", "-q", "-m", f"commit {n}"], check=True, env=env)
    return repo


def test_git_log_p_ends_within_10_seconds_without_a_terminal(maskrun, repository):
    start = time.monotonic()
    result = ci_run([maskrun, "--", "git", "-C", str(repository), "log", "-p"])
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - start < 10
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout.decode())  # git colours a terminal
    assert all(f"commit {n}" in text for n in range(30))
    assert text.count("\ndiff --git") + text.startswith("diff --git") == 30


def test_man_ends_within_10_seconds_without_a_terminal(maskrun):
    require_tool("man")
    result = ci_run([maskrun, "--", "man", "-l", os.path.join(ROOT, "man", "maskrun.1")],
                    env={"MANWIDTH": "80"})
    assert result.returncode == 0, result.stderr
    assert b"SYNOPSIS" in result.stdout.replace(b"\x08", b"") or b"S\x08SY" in result.stdout


def test_systemctl_pager_ends_within_10_seconds_where_systemctl_exists(maskrun):
    if shutil.which("systemctl") is None:
        pytest.skip("systemctl is not installed (not needed in CI)")
    result = ci_run([maskrun, "--", "systemctl", "--help"])
    assert result.returncode == 0, result.stderr
    assert b"systemctl" in result.stdout


def child_environment(output):
    return dict(line.split("=", 1) for line in output.decode().replace("\r", "").splitlines() if "=" in line)


def test_pager_defaults_apply_only_without_a_terminal_and_only_where_unset(maskrun):
    seen = child_environment(ci_run([maskrun, "--", "env"], env={"PAGER": "more"}).stdout)
    assert seen["PAGER"] == "more"
    assert seen["GIT_PAGER"] == "cat" and seen["MANPAGER"] == "cat" and seen["SYSTEMD_PAGER"] == "cat"
    assert seen["GIT_TERMINAL_PROMPT"] == "0"
    off = child_environment(ci_run([maskrun, "--", "env"], env={"MASKRUN_CI_DEFAULTS": "0"}).stdout)
    assert "GIT_PAGER" not in off and "PAGER" not in off and "GIT_TERMINAL_PROMPT" not in off
    session = PtySession([maskrun, "--", "env"])
    try:
        session.proc.wait(timeout=20)
        session.wait()
        interactive = child_environment(session.output)
    finally:
        session.close()
    for name in ("GIT_PAGER", "MANPAGER", "GIT_TERMINAL_PROMPT"):
        assert interactive.get(name) == os.environ.get(name), name


# ---- casts with and without a terminal ----------------------------------------------------

def rendered(data, columns=80, rows=24):
    """The screen a VT100-style terminal shows after `data` (pyte, an emulator written
    independently of maskrun and asciinema)."""
    try:
        import pyte
    except ImportError:
        if IN_CI:
            pytest.fail("pyte is not installed (CI must install it in .ci/run)")
        pytest.skip("pyte is not installed")
    screen = pyte.Screen(columns, rows)
    pyte.ByteStream(screen).feed(data)
    return [line.rstrip() for line in screen.display]


CAST_SCRIPT = "printf 'one\\ntwo\\n\\tindented\\n'; printf 'x\\r\\ny\\n'; printf '\\033[1mbold\\033[0m done\\n'"
ON_SCREEN = ["one", "two", "        indented", "x", "y", "bold done"]


def asciinema_cat(asciinema, cast, tmp_path):
    session = PtySession([asciinema, "cat", str(cast)],
                         env={"ASCIINEMA_CONFIG_HOME": str(tmp_path / "asciinema-config")})
    try:
        assert session.wait() == 0, session.output
        return session.output
    finally:
        session.close()


@pytest.mark.parametrize("option", ["--log", "--raw-log"])
def test_casts_recorded_with_and_without_a_terminal_replay_the_same(maskrun, tmp_path, option):
    asciinema = require_tool("asciinema")
    with_tty, without_tty = tmp_path / "tty.cast", tmp_path / "ci.cast"
    status, _ = terminal(f"{q(maskrun)} {option} {q(with_tty)} -- sh -c {q(CAST_SCRIPT)}")
    assert status == 0
    result = ci_run([maskrun, option, str(without_tty), "--", "sh", "-c", CAST_SCRIPT])
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"one\ntwo\n\tindented\nx\r\ny\n\x1b[1mbold\x1b[0m done\n"
    shown_tty = asciinema_cat(asciinema, with_tty, tmp_path)
    shown_ci = asciinema_cat(asciinema, without_tty, tmp_path)
    assert rendered(shown_tty)[:len(ON_SCREEN)] == ON_SCREEN
    assert rendered(shown_ci) == rendered(shown_tty)


def test_a_filter_cast_replays_without_a_staircase(maskrun, tmp_path):
    asciinema = require_tool("asciinema")
    cast = tmp_path / "f.cast"
    result = run([maskrun, "filter", "--log", str(cast)], input=b"one\ntwo\n\tindented\n")
    assert result.returncode == 0, result.stderr
    assert rendered(asciinema_cat(asciinema, cast, tmp_path))[:3] == ["one", "two", "        indented"]


# ---- closed standard descriptors ----------------------------------------------------------

@pytest.mark.parametrize("closed", [[0], [2], [0, 2], [0, 1, 2]])
def test_closed_standard_descriptors_are_reopened_on_dev_null(maskrun, tmp_path, closed):
    """With fd 0 (or 2) closed, the next descriptor maskrun opens must not become its
    stdin (or stderr): the command's stderr still reaches a file, nothing hangs."""
    log = tmp_path / "x.cast"
    script = "echo out; echo err >&2; cat; echo after-cat"
    redirect = " ".join(f"{fd}>&-" for fd in closed)
    out, err = tmp_path / "out", tmp_path / "err"
    targets = ("" if 1 in closed else f" > {q(out)}") + ("" if 2 in closed else f" 2> {q(err)}")
    line = f"{q(maskrun)} --log {q(log)} -- sh -c {q(script)}{targets} {redirect}"
    result = subprocess.run(["sh", "-c", line], stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
    assert result.returncode == 0, result.stderr
    if 1 not in closed:
        assert out.read_bytes() == b"out\nafter-cat\n"
    if 2 not in closed:
        assert err.read_bytes() == b"err\n"
    assert b"after-cat" in log.read_bytes()


# ---- Ctrl-Z and stopping (README: what works) ----------------------------------------------

def interactive_bash(env=None):
    session = PtySession(["bash", "--norc", "--noprofile", "-i"], env={"PS1": "PROMPT$ ", **(env or {})})
    session.read_until(b"PROMPT$ ")
    return session


def read_after(session, start, needle, timeout=10):
    deadline = time.monotonic() + timeout
    while needle not in session.output[start:]:
        assert time.monotonic() < deadline, f"no {needle!r} in {session.output[start:][-300:]!r}"
        session._read_available(0.1)
    return session.output[start:]


def test_a_stopped_command_stops_maskrun_and_fg_resumes_both(maskrun):
    session = interactive_bash()
    try:
        session.write(f"{q(maskrun)} -- sh -c 'echo start''ed; sleep 1; echo fin''ished'\r".encode())
        read_after(session, 0, b"started\r\n")
        maskrun_pid = int(subprocess.run(["pgrep", "-P", str(session.proc.pid)], capture_output=True,
                                         text=True).stdout.split()[0])
        children = subprocess.run(["pgrep", "-P", str(maskrun_pid)], capture_output=True, text=True).stdout.split()
        command = next(int(c) for c in children if open(f"/proc/{c}/cmdline").read().startswith("sh"))
        mark = len(session.output)
        os.kill(command, 19)  # SIGSTOP, as `kill -STOP` from another terminal
        shown = read_after(session, mark, b"PROMPT$ ")
        assert b"Stopped" in shown
        mark = len(session.output)
        session.write(b"fg\r")
        assert b"finished\r\n" in read_after(session, mark, b"finished\r\n")
    finally:
        session.close()


def test_ctrl_z_stops_a_job_of_a_shell_run_under_maskrun(maskrun):
    session = PtySession([maskrun, "--", "bash", "--norc", "--noprofile", "-i"], env={"PS1": "INNER$ "})
    try:
        session.read_until(b"INNER$ ")
        mark = len(session.output)
        session.write(b"sleep 30\r")
        read_after(session, mark, b"sleep 30\r\n")
        time.sleep(0.3)
        mark = len(session.output)
        session.write(b"\x1a")
        shown = read_after(session, mark, b"INNER$ ")
        assert b"Stopped" in shown
        session.write(b"kill -9 %1; sleep 0.2; exit\r")
        assert session.wait() == 0
    finally:
        session.close()


# ---- filter and a reader that stops early --------------------------------------------------

def test_filter_exits_0_when_its_reader_stops_early(maskrun):
    """`yes | maskrun filter | head -1`: filter's status is 0, as documented, not 141."""
    line = f"set -o pipefail; yes ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY | {q(maskrun)} filter | head -1; echo \"status ${{PIPESTATUS[1]}}\""
    result = subprocess.run(["bash", "-c", line], capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                            env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    assert result.stdout == b"[MASKED:github-token]\nstatus 0\n", result.stderr
    assert result.stderr == b""
