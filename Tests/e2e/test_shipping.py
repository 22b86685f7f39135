"""What ships around the binary: man page, completions, make install, help and version,
README tables generated from the binary, colour rules."""
import os
import re
import shlex
import subprocess
import sys
import time

import pytest

from conftest import BINARY, IN_CI, ROOT, require_tool, run
from ptydriver import PtySession

MAN_PAGE = os.path.join(ROOT, "man", "maskrun.1")
COMPLETIONS = os.path.join(ROOT, "completions")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"


def dump_help(maskrun):
    import json
    return json.loads(subprocess.run([maskrun, "--experimental-dump-help"], check=True,
                                     capture_output=True).stdout)["command"]


def visible_subcommands(command):
    return [c for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]


def long_options(command):
    return {"--" + n["name"] for a in command.get("arguments", []) if a["kind"] in ("option", "flag")
            and a.get("shouldDisplay", True) for n in a.get("names", []) if n["kind"] == "long"}


# MARK: - man page

def test_man_page_has_no_groff_warnings():
    require_tool("groff")
    result = subprocess.run(["groff", "-man", "-ww", "-z", MAN_PAGE], capture_output=True)
    assert result.returncode == 0
    assert result.stdout == b"" and result.stderr == b""


def test_man_page_renders_with_man():
    require_tool("man")
    result = subprocess.run(["man", "-l", MAN_PAGE], capture_output=True,
                            env=dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80"))
    assert result.returncode == 0, result.stderr
    text = re.sub(r".\x08", "", result.stdout.decode())
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS", "POLICY FILE",
                    "DETECTORS", "EXIT STATUS", "SIGNALS", "ENVIRONMENT", "FILES", "SECURITY",
                    "EXAMPLES", "SEE ALSO"]:
        assert re.search(rf"^{section}$", text, re.M), f"no {section} section"


def man_text():
    """The man page source with roff escapes for '-' undone, for looking up names."""
    return open(MAN_PAGE).read().replace("\\-", "-")


def test_man_page_documents_every_option_and_subcommand(maskrun):
    root = dump_help(maskrun)
    text = man_text()
    for command in root["subcommands"]:
        for option in long_options(command):
            assert option in text, f"maskrun {command['commandName']} {option} is not in the man page"
    for command in visible_subcommands(root):
        if command["commandName"] != "help":
            assert f"maskrun {command['commandName']}" in text
        for sub in visible_subcommands(command):
            assert f"maskrun {command['commandName']} {sub['commandName']}" in text


def test_man_page_documents_every_policy_key():
    loader = open(os.path.join(ROOT, "Sources", "MaskrunPolicy", "PolicyLoader.swift")).read()
    keys = set()
    for name in ("topLevelKeys", "ruleKeys", "logKeys"):
        block = re.search(rf"static let {name} = \[(.*?)\]", loader, re.S).group(1)
        keys |= set(re.findall(r'"([a-z_]+)"', block))
    text = man_text()
    missing = [key for key in sorted(keys) if not re.search(rf"^\.B[RI]? {key}\b", text, re.M)]
    assert not missing, f"policy keys without an entry in POLICY FILE: {missing}"


# MARK: - completions

def test_completions_match_what_the_binary_generates(maskrun, tmp_path):
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "completions.py"), maskrun, str(tmp_path)],
                   check=True)
    for name in ("maskrun.bash", "_maskrun", "maskrun.fish"):
        with open(os.path.join(COMPLETIONS, name)) as f:
            checked_in = f.read()
        assert (tmp_path / name).read_text() == checked_in, \
            f"completions/{name} is stale: run 'make completions' and commit the result"


@pytest.fixture
def tool_dir(tmp_path):
    """A directory on PATH with one command whose name no system has."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "maskrun-test-tool"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    return bin_dir


BASH_DRIVER = r"""
[ -n "$WITH_BASH_COMPLETION" ] && source /usr/share/bash-completion/bash_completion
source "$COMPLETION_FILE"
complete -W "alpha-one beta-two" foo
complete_line() {
    COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<< "$COMP_LINE"
    [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    local spec func
    spec=$(complete -p maskrun); func=${spec#*-F }; func=${func%% *}
    COMPREPLY=()
    $func maskrun "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sort -u | tr '\n' ' '; echo
}
while IFS= read -r line; do complete_line "$line"; done
"""


def bash_complete(lines, tool_dir, with_bash_completion):
    env = dict(os.environ, PATH=f"{tool_dir}:{os.environ['PATH']}",
               COMPLETION_FILE=os.path.join(COMPLETIONS, "maskrun.bash"),
               WITH_BASH_COMPLETION="1" if with_bash_completion else "")
    out = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_DRIVER], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, env=env, timeout=60, cwd=tool_dir.parent)
    assert out.returncode == 0, out.stderr
    return [set(line.split()) for line in out.stdout.splitlines()]


def require_bash_completion():
    if not os.path.exists(BASH_COMPLETION):
        if IN_CI:
            pytest.fail("bash-completion is not installed (CI must install it in .ci/run)")
        pytest.skip("bash-completion is not installed")


COMMON_CASES = [
    # (command line, words that must be offered, words that must not)
    ("maskrun fil", {"filter"}, set()),
    ("maskrun maskrun-test-t", {"maskrun-test-tool"}, set()),
    ("maskrun --po", {"--policy"}, set()),
    ("maskrun --mask-env PAT", {"PATH"}, set()),
    ("maskrun -- fil", set(), {"filter"}),
    ("maskrun -- maskrun-test-t", {"maskrun-test-tool"}, set()),
    ("maskrun policy sh", {"show"}, set()),
    ("maskrun filter --po", {"--policy"}, set()),
]
WRAPPED_CASES = [
    ("maskrun foo al", {"alpha-one"}, set()),
    ("maskrun -- foo ", {"alpha-one", "beta-two"}, set()),
    ("maskrun --policy p.yml foo b", {"beta-two"}, set()),
    ("maskrun foo --", set(), {"--help", "--version", "--policy"}),
]


def check_cases(results, cases):
    for (line, wanted, unwanted), offered in zip(cases, results):
        assert wanted <= offered, f"{line!r}: offered {sorted(offered)}, wanted {sorted(wanted)}"
        assert not (unwanted & offered), f"{line!r}: offered {sorted(unwanted & offered)}"


def test_bash_completion_offers_subcommands_commands_and_options(tool_dir):
    require_tool("bash")
    cases = COMMON_CASES + [("maskrun --policy ", {"bin"}, {"filter"}),
                            # Options anywhere: a subcommand after maskrun's options.
                            ("maskrun --policy p.yml fil", {"filter"}, set()),
                            ("maskrun --mask-env X filter --fl", {"--flush-after"}, set()),
                            ("maskrun -p p.yml policy sh", {"show"}, set())]
    check_cases(bash_complete([c[0] for c in cases], tool_dir, with_bash_completion=False), cases)


def test_bash_completion_hands_over_to_the_wrapped_command(tool_dir):
    require_tool("bash")
    require_bash_completion()
    cases = COMMON_CASES + WRAPPED_CASES
    check_cases(bash_complete([c[0] for c in cases], tool_dir, with_bash_completion=True), cases)


FISH_DRIVER = """
source $argv[1]
complete -c foo -f -a 'alpha-one beta-two'
while read -l line
    set -l offered (complete -C "$line" | cut -f1 | sort -u)
    echo "x $offered"
end
"""


def test_fish_completion(tool_dir):
    require_tool("fish")
    cases = COMMON_CASES + WRAPPED_CASES + [("maskrun --policy ", {"bin/"}, {"filter"})]
    out = subprocess.run(["fish", "--no-config", "-c", FISH_DRIVER, os.path.join(COMPLETIONS, "maskrun.fish")],
                         input="\n".join(c[0] for c in cases) + "\n", capture_output=True, text=True,
                         env=dict(os.environ, PATH=f"{tool_dir}:{os.environ['PATH']}"), timeout=60,
                         cwd=tool_dir.parent)
    assert out.returncode == 0, out.stderr
    check_cases([set(line.split()[1:]) for line in out.stdout.splitlines()], cases)


ZSHRC = """
fpath=({completions} $fpath)
autoload -U compinit && compinit -u -d {home}/.zcompdump
PS1='%% '
unsetopt beep
zstyle ':completion:*' list-prompt ''
_foo() {{ compadd alpha-one beta-two }}
compdef _foo foo
"""


def zsh_complete(line, tool_dir):
    """What an interactive zsh shows after typing `line` and Tab: the edited line and any list."""
    home = tool_dir.parent
    (home / ".zshrc").write_text(ZSHRC.format(completions=COMPLETIONS, home=home))
    s = PtySession(["zsh", "-i"], cols=200,
                   env={"ZDOTDIR": str(home), "HOME": str(home), "TERM": "dumb",
                        "PATH": f"{tool_dir}:{os.environ['PATH']}"})
    try:
        s.read_until(b"% ", timeout=20)
        s.output = b""
        s.write(line.encode() + b"\t")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            s._read_available(0.3)
            if s.output and not s._read_available(0.5):
                break
        text = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", s.output).replace(b"\r", b"").decode(errors="replace")
        return set(re.split(r"\s+", text))
    finally:
        s.close()


@pytest.mark.parametrize("line,wanted", [
    ("maskrun fil", "filter"),
    ("maskrun maskrun-test-t", "maskrun-test-tool"),
    ("maskrun --po", "--policy"),
    ("maskrun foo al", "alpha-one"),
    ("maskrun -- foo al", "alpha-one"),
    ("maskrun --policy p.yml foo al", "alpha-one"),
    ("maskrun policy sh", "show"),
    # Options anywhere: a subcommand after maskrun's options.
    ("maskrun --policy p.yml fil", "filter"),
    ("maskrun --mask-env X filter --fl", "--flush-after"),
])
def test_zsh_completion(tool_dir, line, wanted):
    require_tool("zsh")
    assert wanted in zsh_complete(line, tool_dir)


# MARK: - make install

def test_make_install_and_uninstall(maskrun, tmp_path):
    require_tool("make")
    dest = tmp_path / "root"
    common = ["make", "-s", "-C", ROOT, f"DESTDIR={dest}", "PREFIX=/usr/local"]
    subprocess.run(common + ["install", f"MASKRUN_BIN={maskrun}"], check=True, capture_output=True)
    prefix = dest / "usr" / "local"
    installed = {
        "bin/maskrun": 0o755,
        "share/man/man1/maskrun.1": 0o644,
        "share/bash-completion/completions/maskrun": 0o644,
        "share/zsh/site-functions/_maskrun": 0o644,
        "share/fish/vendor_completions.d/maskrun.fish": 0o644,
    }
    for path, mode in installed.items():
        assert (prefix / path).is_file(), path
        assert (prefix / path).stat().st_mode & 0o777 == mode, path
    assert run([str(prefix / "bin" / "maskrun"), "--version"]).returncode == 0
    subprocess.run(common + ["uninstall"], check=True, capture_output=True)
    for path in installed:
        assert not (prefix / path).exists(), path


# MARK: - help, version, diagnostics, colour

def test_version(maskrun):
    result = run([maskrun, "--version"])
    assert result.returncode == 0
    assert re.fullmatch(rb"\d+\.\d+\.\d+\n", result.stdout)
    assert result.stderr == b""


def help_targets(maskrun):
    root = dump_help(maskrun)
    targets = [[]]
    for command in root["subcommands"]:
        if command["commandName"] == "help":
            continue
        targets.append([command["commandName"]])
        targets += [[command["commandName"], sub["commandName"]] for sub in command.get("subcommands", [])]
    return targets


def test_help_for_every_command_has_examples(maskrun):
    for path in help_targets(maskrun):
        result = run([maskrun, "help", *path] if path else [maskrun, "--help"])
        assert result.returncode == 0, path
        assert result.stderr == b""
        text = result.stdout.decode()
        assert "USAGE:" in text, path
        assert re.search(r"Examples?:", text), f"'maskrun help {' '.join(path)}' has no example"


@pytest.mark.parametrize("args", [
    ["--no-such-option"],
    ["filter", "--no-such-option"],
    ["policy", "show", "--policy", "/nonexistent/policy.yml"],
    ["--policy", "/nonexistent/policy.yml", "--", "true"],
    ["--mask-env", "MASKRUN_SURELY_UNSET", "--", "true"],
    ["--", "no-such-command-xyz"],
])
def test_diagnostics_go_to_stderr_with_the_maskrun_prefix(maskrun, args):
    result = run([maskrun, *args])
    assert result.returncode in (125, 127)
    assert result.stdout == b""
    assert result.stderr.startswith(b"maskrun: ")


POLICY_TEST_INPUT = "printf 'DB_PASSWORD=hunter22\\n' | {maskrun} policy test; exit 0"


@pytest.mark.parametrize("env,coloured", [
    ({}, True),
    ({"NO_COLOR": "1"}, False),
    ({"NO_COLOR": ""}, True),  # no-color.org: set and not empty
    ({"TERM": "dumb"}, False),
])
def test_policy_test_colours_only_on_a_terminal_without_no_color(maskrun, env, coloured):
    s = PtySession(["sh", "-c", POLICY_TEST_INPUT.format(maskrun=maskrun)], env=env)
    try:
        assert s.wait() == 0
        assert b"hunter22" in s.output
        assert (b"\x1b[" in s.output) == coloured, s.output
    finally:
        s.close()


def test_policy_test_has_no_colour_in_a_pipe(maskrun):
    result = run([maskrun, "policy", "test"], input=b"DB_PASSWORD=hunter22\n", env={"TERM": "xterm"})
    assert result.stdout == b"DB_PASSWORD=[[secret-field: hunter22]]\n"


# MARK: - README

README = os.path.join(ROOT, "README.md")


def test_readme_detector_table_matches_the_binary(maskrun):
    result = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "readme_detectors.py"), maskrun,
                             README, "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_ci_runs_the_test_command_the_readme_gives():
    readme = open(README).read()
    setup = re.search(r"## Set up\n(.*?)\n## ", readme, re.S).group(1)
    commands = re.findall(r"^(make test)\s", setup, re.M)
    assert commands == ["make test"]
    ci = [line.strip() for line in open(os.path.join(ROOT, ".ci", "run")) if line.strip() and not line.startswith("#")]
    # CI runs the README's command; the sanitizer and fuzzing runs come after it.
    assert "make test" in ci


def demo_blocks():
    """The README's demo: blocks of `$ command` lines, each followed by its output."""
    readme = open(README).read()
    section = re.search(r"## A 30-second demo\n(.*?)\n## ", readme, re.S).group(1)
    return re.findall(r"```\n(\$ .*?)```", section, re.S)


def test_readme_demo_output_is_real(maskrun, tmp_path):
    blocks = demo_blocks()
    assert len(blocks) == 3
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(maskrun, bin_dir / "maskrun")
    for block in blocks:
        lines = block.splitlines()
        commands = [line[2:] for line in lines if line.startswith("$ ")]
        expected = "".join(line + "\n" for line in lines if not line.startswith("$ "))
        # On a terminal, as a reader would type it: stdout and stderr in one stream.
        s = PtySession(["sh", "-c", "\n".join([f"cd {shlex.quote(ROOT)}", *commands])], cols=200,
                       env={"PATH": f"{bin_dir}:{os.environ['PATH']}", "NO_COLOR": "1"})
        try:
            s.wait()
            assert s.output.replace(b"\r\n", b"\n").decode() == expected, block
        finally:
            s.close()
