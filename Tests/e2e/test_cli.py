"""The command line (SPEC §1): options anywhere, a subcommand picked by the first word that
is no option nor an option's value, `--help` that never runs anything, and errors with
suggestions. Every case runs under a real pseudo-terminal, from a shell, with programs
called `filter`, `policy` and `make` on PATH that leave a mark if they are ever run."""
import json
import os
import re
import shlex
import subprocess

import pytest

from conftest import ROOT, run
from ptydriver import PtySession

SECRET = "itk_" + "Q7" * 16


@pytest.fixture
def sandbox(tmp_path):
    """A PATH whose `filter`, `policy` and `make` write their name and arguments to a
    marks file; a policy with a rule only it knows; the secret in the environment."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    marks = tmp_path / "marks"
    for name in ("filter", "policy", "make"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> {shlex.quote(str(marks))}\n')
        script.chmod(0o755)
    policy = tmp_path / "p.yml"
    policy.write_text("version: 1\nrules:\n  - id: internal-token\n    regex: 'itk_[A-Za-z0-9]{32}'\n")
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", "ITK": SECRET}
    return tmp_path, marks, str(policy), env


def shell(maskrun, line, env, cwd):
    """Runs `line` in sh under a pty, with `maskrun` standing for the binary; returns
    (exit status, everything the terminal showed, with line ends as "\\n")."""
    session = PtySession(["sh", "-c", line.replace("maskrun", shlex.quote(maskrun))], env=env)
    try:
        status = session.wait()
        return status, session.output.replace(b"\r\n", b"\n").decode("utf-8", "replace")
    finally:
        session.close()


def marks_of(marks):
    return marks.read_text() if marks.exists() else ""


@pytest.mark.parametrize("line", [
    "echo $ITK | maskrun --policy {p} filter",
    "echo $ITK | maskrun filter --policy {p}",
    "echo $ITK | maskrun -p {p} filter",
    "echo $ITK | maskrun --policy={p} filter",
    "echo $ITK | maskrun --mask-env ITK filter",
    "echo $ITK | maskrun filter --mask-env ITK",
    "echo $ITK | maskrun --mask-env ITK --flush-after 5ms filter",
])
def test_options_before_or_after_filter_pick_filter(maskrun, sandbox, line):
    tmp, marks, policy, env = sandbox
    status, shown = shell(maskrun, line.format(p=policy), env, tmp)
    assert status == 0, shown
    assert SECRET not in shown and "[MASKED:" in shown
    assert marks_of(marks) == ""


@pytest.mark.parametrize("line", [
    "echo $ITK | maskrun -p {p} policy test",
    "echo $ITK | maskrun policy -p {p} test",
    "echo $ITK | maskrun policy test -p {p}",
    "echo $ITK | maskrun --policy {p} policy test -",
])
def test_options_before_policy_test(maskrun, sandbox, line):
    tmp, marks, policy, env = sandbox
    status, shown = shell(maskrun, line.format(p=policy), env, tmp)
    assert status == 0, shown
    assert f"[[internal-token: {SECRET}]]" in shown
    assert marks_of(marks) == ""


def test_after_the_terminator_a_subcommand_name_is_the_command(maskrun, sandbox):
    tmp, marks, policy, env = sandbox
    status, shown = shell(maskrun, f"maskrun --policy {policy} -- filter a b; maskrun -- policy x", env, tmp)
    assert status == 0, shown
    assert marks_of(marks) == "filter a b\npolicy x\n"


def test_any_other_word_is_the_command_and_keeps_its_own_options(maskrun, sandbox):
    tmp, marks, policy, env = sandbox
    status, shown = shell(maskrun, f"maskrun --policy {policy} make -j4 --help --policy q", env, tmp)
    assert status == 0, shown
    assert marks_of(marks) == "make -j4 --help --policy q\n"


@pytest.mark.parametrize("words, title", [
    (["--help"], "Run a command under a pseudo-terminal"),
    (["-h", "make"], "Run a command under a pseudo-terminal"),
    (["--help", "make", "all"], "Run a command under a pseudo-terminal"),
    (["--policy", "{p}", "--help", "make"], "Run a command under a pseudo-terminal"),
    (["--help", "filter"], "Mask standard input to standard output"),
    (["-h", "filter"], "Mask standard input to standard output"),
    (["filter", "--help"], "Mask standard input to standard output"),
    (["--policy", "{p}", "filter", "-h"], "Mask standard input to standard output"),
    (["--help", "policy", "test"], "Show what would be masked"),
    (["policy", "--help", "test"], "Show what would be masked"),
    (["help", "policy", "test"], "Show what would be masked"),
    (["help", "filter"], "Mask standard input to standard output"),
    (["help", "run"], "Run COMMAND under a pseudo-terminal"),
])
def test_help_in_every_position_never_runs_anything(maskrun, sandbox, words, title):
    tmp, marks, policy, env = sandbox
    line = "maskrun " + " ".join(shlex.quote(w.format(p=policy)) for w in words)
    status, shown = shell(maskrun, line, env, tmp)
    assert status == 0, shown
    assert title in shown and "USAGE:" in shown
    assert marks_of(marks) == ""


@pytest.mark.parametrize("words, wanted", [
    (["help", "bogus"], ["unknown subcommand 'bogus'", "filter, kernel, policy, replay"]),
    (["help", "fliter"], ["unknown subcommand 'fliter'", "did you mean 'filter'?"]),
    (["help", "policy", "tset"], ["unknown subcommand 'tset' for 'maskrun policy'", "did you mean 'test'?"]),
    (["policy", "chek", "f.yml"], ["unknown subcommand 'chek'", "did you mean 'check'?"]),
    (["--polcy", "{p}", "filter"], ["Unknown option '--polcy'", "Did you mean '--policy'?"]),
    (["--polcy", "{p}", "make"], ["Unknown option '--polcy'", "Did you mean '--policy'?"]),
    (["filter", "--mask-evn", "X"], ["Unknown option '--mask-evn'", "Did you mean '--mask-env'?"]),
    (["--policy"], ["Missing value for '--policy <file>'"]),
    (["--policy", "{p}"], ["no command given"]),
])
def test_mistakes_are_errors_that_say_what_to_type(maskrun, sandbox, words, wanted):
    tmp, marks, policy, env = sandbox
    line = "maskrun " + " ".join(shlex.quote(w.format(p=policy)) for w in words)
    status, shown = shell(maskrun, line, env, tmp)
    assert status == 125, shown
    for text in wanted:
        assert text in shown
    assert marks_of(marks) == ""


def value_options(maskrun):
    """Every option that takes a value, of every command, from the parser's own dump."""
    dump = json.loads(run([maskrun, "--experimental-dump-help"]).stdout)["command"]
    found = set()

    def walk(command):
        for argument in command.get("arguments", []):
            if argument["kind"] == "option":
                found.update(("--" if n["kind"] == "long" else "-") + n["name"] for n in argument["names"])
        for sub in command.get("subcommands", []):
            walk(sub)
    walk(dump)
    return sorted(found)


def test_the_value_options_table_is_the_parsers_own(maskrun):
    """ArgumentOrder reads a copy of the value options (building the parser's description
    cost most of a start-up); it must say what the parser says, or an option's value would
    be taken for the command to run."""
    with open(os.path.join(ROOT, "Sources", "maskrun", "ValueOptions.swift")) as source:
        table = source.read()
    listed = set(re.findall(r'"(-[-a-z]+)"', table[table.index("names"):]))
    assert listed == set(value_options(maskrun))


def test_every_option_value_before_a_subcommand_is_taken_as_its_value(maskrun, sandbox):
    """`maskrun OPTION VALUE filter --help`: whatever VALUE is, filter is the subcommand
    (its help shows), not VALUE nor filter the command to run."""
    tmp, marks, policy, env = sandbox
    options = value_options(maskrun)
    assert {"--policy", "-p", "--mask-env", "--log", "--flush-after", "--speed"} <= set(options)
    for option in options:
        result = run([maskrun, option, "make", "filter", "--help"], env=env)
        assert result.returncode == 0, (option, result.stderr)
        assert b"Mask standard input to standard output" in result.stdout, option
    assert marks_of(marks) == ""


def test_replay_takes_a_negative_speed_as_a_value_and_refuses_it(maskrun, tmp_path):
    result = run([maskrun, "replay", "--speed", "-1", str(tmp_path / "x.cast")])
    assert result.returncode == 125
    assert b"--speed: must be a positive number" in result.stderr
    assert b"Missing value" not in result.stderr


def test_run_is_the_command_called_run(maskrun, sandbox):
    tmp, marks, policy, env = sandbox
    script = tmp / "bin" / "run"
    script.write_text(f'#!/bin/sh\necho "run $*" >> {shlex.quote(str(marks))}\n')
    script.chmod(0o755)
    status, shown = shell(maskrun, "maskrun run --policy x", env, tmp)
    assert status == 0, shown
    assert marks_of(marks) == "run --policy x\n"
