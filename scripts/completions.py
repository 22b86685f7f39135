#!/usr/bin/env python3
"""Writes maskrun's shell completions from its argument parser.

    scripts/completions.py MASKRUN_BINARY OUTPUT_DIRECTORY

Each file is what `maskrun --generate-completion-script SHELL` prints (swift-argument-parser),
with a hand-written part for what the generator cannot know: maskrun's default action is to
run a command, so `maskrun <TAB>` offers the subcommands and the commands on PATH, and after
the command (or `--`) the wrapped command's own completion takes over. The options of that
hidden default subcommand (`run`) come from `maskrun --experimental-dump-help`, so they stay
in step with the parser too.

Writes maskrun.bash, _maskrun (zsh) and maskrun.fish. `make completions` runs this into
completions/; Tests/e2e/test_shipping.py fails when the checked-in files are stale.
"""
import json
import os
import subprocess
import sys

# Options whose value is the name of an environment variable. The parser has no completion
# kind for that, so it is named here.
ENVIRONMENT_NAME_OPTIONS = {"mask-env"}


def run(binary, *args):
    return subprocess.run([binary, *args], check=True, capture_output=True, text=True).stdout


class Option:
    """One option or flag of the run command, from the parser's dump."""

    def __init__(self, argument):
        self.names = [("-" if n["kind"] == "short" else "--") + n["name"] for n in argument["names"]]
        self.takes_value = argument["kind"] == "option"
        self.repeating = argument.get("isRepeating", False)
        self.help = argument.get("abstract", "")
        self.value_name = argument.get("valueName", "value")
        kind = argument.get("completionKind") or {}
        long_names = [n["name"] for n in argument["names"] if n["kind"] == "long"]
        if any(name in ENVIRONMENT_NAME_OPTIONS for name in long_names):
            self.completion = ("environment", None)
        elif "file" in kind:
            self.completion = ("file", kind["file"].get("extensions", []))
        elif "directory" in kind:
            self.completion = ("directory", None)
        elif "list" in kind:
            self.completion = ("list", kind["list"]["values"])
        else:
            self.completion = ("none", None)


def command_info(binary):
    dump = json.loads(run(binary, "--experimental-dump-help"))["command"]
    subcommands = [c["commandName"] for c in dump.get("subcommands", []) if c.get("shouldDisplay", True)]
    hidden = [c for c in dump.get("subcommands", []) if not c.get("shouldDisplay", True)]
    runs = [c for c in hidden if c["commandName"] == "run"]
    if not runs:
        sys.exit("completions.py: the parser has no hidden 'run' subcommand; update scripts/completions.py")
    options = [
        Option(a) for a in runs[0].get("arguments", [])
        if a["kind"] in ("option", "flag") and a.get("shouldDisplay", True) and a.get("names")
    ]
    return subcommands, options


def shell_words(words):
    return " ".join(words)


# MARK: - bash

def bash(binary, subcommands, options):
    generated = run(binary, "--generate-completion-script", "bash")
    value_options = [n for o in options if o.takes_value for n in o.names]
    cases = []
    for o in options:
        if not o.takes_value:
            continue
        kind, detail = o.completion
        if kind == "file":
            action = "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))"
        elif kind == "directory":
            action = "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))"
        elif kind == "environment":
            action = "COMPREPLY=($(compgen -e -- \"$cur\"))"
        elif kind == "list":
            action = f"COMPREPLY=($(compgen -W '{shell_words(detail)}' -- \"$cur\"))"
        else:
            action = ":"
        cases.append(f"    {'|'.join(o.names)})\n        {action}\n        return\n        ;;")
    return generated + BASH_WRAPPER.format(
        subcommands=shell_words(subcommands),
        value_options=shell_words(value_options),
        all_options=shell_words([n for o in options for n in o.names]),
        value_cases="\n".join(cases),
    )


BASH_WRAPPER = r"""
# ---- Written by scripts/completions.py: maskrun runs a command by default. ----
# `maskrun <TAB>` offers the subcommands and the commands on PATH; after the command (or
# `--`) the wrapped command's own completion applies, through bash-completion's
# _command_offset when it is loaded. Options of the default `run` command come from the
# parser (`maskrun --experimental-dump-help`).

__maskrun_subcommands=({subcommands})
__maskrun_run_value_options=({value_options})
__maskrun_run_options=({all_options})

# Sets __maskrun_command_index (where the wrapped command's name is, or would be) and
# __maskrun_dashdash (whether `--` came before it), from the words before the cursor.
__maskrun_find_command() {{
    local -i i=1
    local word
    __maskrun_dashdash=false
    while ((i < COMP_CWORD)); do
        word=${{COMP_WORDS[i]}}
        if [[ $word == -- ]]; then
            __maskrun_dashdash=true
            __maskrun_command_index=$((i + 1))
            return
        elif [[ " ${{__maskrun_run_value_options[*]}} " == *" $word "* ]]; then
            # bash splits --option=value at '=' (COMP_WORDBREAKS)
            if [[ ${{COMP_WORDS[i + 1]}} == = ]]; then ((i += 3)); else ((i += 2)); fi
        elif [[ $word == -* ]]; then
            ((i += 1))
        else
            break
        fi
    done
    __maskrun_command_index=$i
}}

__maskrun_value_completion() {{
    case "$1" in
{value_cases}
    esac
    return 1
}}

_maskrun_main() {{
    local -r cur="$2" prev="$3"
    COMPREPLY=()
    if ((COMP_CWORD > 1)) && [[ " ${{__maskrun_subcommands[*]}} " == *" ${{COMP_WORDS[1]}} "* ]]; then
        _maskrun "$@"
        return
    fi

    local -i __maskrun_command_index
    local __maskrun_dashdash
    __maskrun_find_command
    local -i at=$__maskrun_command_index
    if ! $__maskrun_dashdash && ((at < COMP_CWORD)) &&
        [[ " ${{__maskrun_subcommands[*]}} " == *" ${{COMP_WORDS[at]}} "* ]]; then
        # Options before a subcommand (`maskrun --policy p.yml filter --<TAB>`): complete
        # as if the subcommand came first, which is how maskrun reads the line.
        local -a COMP_WORDS=("${{COMP_WORDS[0]}}" "${{COMP_WORDS[at]}}" "${{COMP_WORDS[@]:1:at-1}}" "${{COMP_WORDS[@]:at+1}}")
        _maskrun "$@"
        return
    fi
    if ((__maskrun_command_index < COMP_CWORD)); then
        # An argument of the wrapped command.
        if declare -F _comp_command_offset >/dev/null; then
            _comp_command_offset "$__maskrun_command_index"
        elif declare -F _command_offset >/dev/null; then
            _command_offset "$__maskrun_command_index"
        else
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
        return
    fi
    if ((__maskrun_command_index > COMP_CWORD)); then
        # The value of one of maskrun's options.
        local option=$prev
        [[ $prev == = ]] && option=${{COMP_WORDS[COMP_CWORD - 2]}}
        __maskrun_value_completion "$option"
        return
    fi
    if ! $__maskrun_dashdash && [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-- ${{__maskrun_run_options[*]}}" -- "$cur"))
        return
    fi
    # The command's name: a subcommand (also after maskrun's options, not after `--`), a
    # command on PATH, or a path.
    if ! $__maskrun_dashdash; then
        COMPREPLY=($(compgen -W "${{__maskrun_subcommands[*]}}" -- "$cur"))
    fi
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY+=($(compgen -d -c -- "$cur"))
}}

complete -F _maskrun_main maskrun
"""


# MARK: - zsh

def zsh_escape(text):
    """Text inside a single-quoted _arguments spec: quotes, brackets and colons escaped."""
    return text.replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh(binary, subcommands, options, descriptions):
    generated = run(binary, "--generate-completion-script", "zsh")
    dispatch = '\nif [[ "${funcstack[1]}" = _maskrun ]]; then\n'
    if generated.count(dispatch) != 1:
        sys.exit("completions.py: the generated zsh script no longer ends as expected; update scripts/completions.py")
    body, tail = generated.split(dispatch)
    specs = []
    for o in options:
        exclusion = "" if o.repeating else "(" + " ".join(o.names) + ")"
        star = "*" if o.repeating else ""
        action = ""
        if o.takes_value:
            kind, detail = o.completion
            action = {
                "file": "_files",
                "directory": "_files -/",
                "environment": "_parameters -g \"*export*\"",
                "list": "(" + " ".join(detail or []) + ")",
                "none": " ",
            }[kind]
            action = f":{zsh_escape(o.value_name)}:{action}"
        for name in o.names:
            specs.append(f"        '{exclusion}{star}{name}[{zsh_escape(o.help)}]{action}'")
    subcommand_lines = [f"        '{name}:{zsh_escape(descriptions.get(name, ''))}'" for name in subcommands]
    return body + ZSH_WRAPPER.format(
        subcommands="|".join(subcommands),
        value_options=" ".join(n for o in options if o.takes_value for n in o.names),
        specs="\n".join(specs),
        subcommand_descriptions="\n".join(subcommand_lines),
    ) + dispatch + tail


ZSH_WRAPPER = r"""
# ---- Written by scripts/completions.py: maskrun runs a command by default. ----
# The generated _maskrun above knows only the subcommands; it is kept as
# __maskrun_subcommand. `maskrun <TAB>` offers the subcommands and the commands on PATH;
# after the command (or `--`) _normal completes the wrapped command's own arguments.
# Options of the default `run` command come from the parser (`--experimental-dump-help`).
zmodload -i zsh/parameter
functions[__maskrun_subcommand]=${{functions[_maskrun]}}

_maskrun() {{
    if ((CURRENT > 2)) && [[ ${{words[2]}} == ({subcommands}) ]]; then
        __maskrun_subcommand "$@"
        return
    fi
    local -ar value_options=({value_options})
    # Options before a subcommand (`maskrun --policy p.yml filter --<TAB>`): complete as if
    # the subcommand came first, which is how maskrun reads the line.
    local -i at=2
    while ((at < CURRENT)); do
        case ${{words[at]}} in
        --) at=CURRENT; break ;;
        -*) ((${{value_options[(Ie)${{words[at]}}]}})) && ((at++)) ;;
        *) break ;;
        esac
        ((at++))
    done
    if ((at > 2 && at < CURRENT)) && [[ ${{words[at]}} == ({subcommands}) ]]; then
        words=("${{words[1]}}" "${{words[at]}}" "${{(@)words[2,at-1]}}" "${{(@)words[at+1,-1]}}")
        __maskrun_subcommand "$@"
        return
    fi
    # After maskrun's options, `--` ends them and the rest is the command: what _arguments
    # would do, but it does not when `--` comes first.
    local -i dashdash=2
    while ((dashdash < CURRENT)); do
        case ${{words[dashdash]}} in
        --) break ;;
        -*) ((${{value_options[(Ie)${{words[dashdash]}}]}})) && ((dashdash++)) ;;
        *) dashdash=CURRENT; break ;;
        esac
        ((dashdash++))
    done
    if ((dashdash < CURRENT)); then
        shift dashdash words
        ((CURRENT -= dashdash))
        if ((CURRENT == 1)); then
            _command_names -e
        else
            _normal
        fi
        return
    fi
    local curcontext="$curcontext" context state state_descr line
    local -A opt_args
    local -i ret=1
    local -ar run_specs=(
{specs}
    )
    _arguments -s -S : "${{run_specs[@]}}" \
        '(-)1: :->command' \
        '(-)*:: :->arguments' && ret=0
    case $state in
    command)
        # A subcommand may follow maskrun's options too.
        local -a subcommands=(
{subcommand_descriptions}
        )
        _describe -t subcommands 'maskrun subcommand' subcommands && ret=0
        _command_names -e && ret=0
        ;;
    arguments)
        _normal && ret=0
        ;;
    esac
    return ret
}}
"""


# MARK: - fish

def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(binary, subcommands, options, descriptions):
    generated = run(binary, "--generate-completion-script", "fish")
    for name in ("__maskrun_should_offer_completions_for_flags_or_options",
                 "__maskrun_should_offer_completions_for_positional"):
        if f"function {name} " not in generated:
            sys.exit(f"completions.py: the generated fish script has no {name}; update scripts/completions.py")
    specs = []
    for o in options:
        short = [n[1:] for n in o.names if not n.startswith("--")]
        long = [n[2:] for n in o.names if n.startswith("--")]
        spec = "/".join(short + long) if short and long else (short or long)[0]
        if o.takes_value:
            spec += "=+" if o.repeating else "="
        specs.append(spec)
    lines = []
    for o in options:
        if o.names == ["--version"] or set(o.names) == {"-h", "--help"}:
            continue  # the generated part offers these at the top level
        parts = ["complete -c maskrun -n __maskrun_run_options_allowed"]
        parts += [f"-s {n[1:]}" for n in o.names if not n.startswith("--")]
        parts += [f"-l {n[2:]}" for n in o.names if n.startswith("--")]
        parts.append(f"-d {fish_quote(o.help)}")
        if o.takes_value:
            kind, detail = o.completion
            parts.append({
                "file": "-rF",
                "directory": "-rfa '(__fish_complete_directories)'",
                "environment": "-rfa '(set -nx)'",
                "list": "-rfa " + fish_quote(" ".join(detail or [])),
                "none": "-rf",
            }[kind])
        lines.append(" ".join(parts))
    return generated + FISH_WRAPPER.format(
        subcommands=" ".join(subcommands),
        specs=" ".join(fish_quote(s) for s in specs),
        option_lines="\n".join(lines),
    )


FISH_WRAPPER = r"""
# ---- Written by scripts/completions.py: maskrun runs a command by default. ----
# `maskrun <TAB>` offers the subcommands and the commands on PATH; after the command (or
# `--`) the wrapped command's own completion applies. The generated conditions above are
# kept for the subcommands and switched off for a wrapped command's arguments. Options of
# the default `run` command come from the parser (`--experimental-dump-help`).

# Prints the wrapped command and its arguments up to the cursor (the current token last),
# NUL-separated; fails when maskrun's first word is a subcommand or an option is unknown.
function __maskrun_run_words
    set -l tokens (commandline -opc) (commandline -ct)
    set -e tokens[1]
    if set -q tokens[2]; and contains -- $tokens[1] {subcommands}
        return 1
    end
    argparse -s {specs} -- $tokens 2>/dev/null; or return 1
    string join0 -- $argv
end

# The command line has maskrun's options only, before the cursor: options may follow.
function __maskrun_run_options_allowed
    set -l tokens (commandline -opc)
    set -e tokens[1]
    contains -- -- $tokens; and return 1
    if set -q tokens[1]; and contains -- $tokens[1] {subcommands}
        return 1
    end
    # An option still waiting for its value (the cursor is on it) parses with a stand-in.
    argparse -s {specs} -- $tokens 2>/dev/null
    or argparse -s {specs} -- $tokens value 2>/dev/null
    or return 1
    not set -q argv[1]
end

# The cursor is on the wrapped command's name.
function __maskrun_at_command
    set -l words (__maskrun_run_words | string split0); or return 1
    test (count $words) -eq 1
end

# The cursor is past the wrapped command's name.
function __maskrun_in_command
    set -l words (__maskrun_run_words | string split0); or return 1
    test (count $words) -gt 1
end

function __maskrun_complete_command_line
    set -l words (__maskrun_run_words | string split0); or return
    __fish_complete_subcommand --commandline $words
end

functions -c __maskrun_should_offer_completions_for_flags_or_options __maskrun_generated_offer_flags
function __maskrun_should_offer_completions_for_flags_or_options
    __maskrun_in_command; and return 1
    __maskrun_generated_offer_flags $argv
end
functions -c __maskrun_should_offer_completions_for_positional __maskrun_generated_offer_positional
function __maskrun_should_offer_completions_for_positional
    # maskrun's own positionals are its subcommands, and only as the first word.
    if test "$argv[1]" = maskrun
        test (count (commandline -opc)) -eq 1; or return 1
    end
    __maskrun_generated_offer_positional $argv
end

{option_lines}
complete -c maskrun -n __maskrun_at_command -fa '(__fish_complete_command)'
complete -c maskrun -n __maskrun_in_command -fa '(__maskrun_complete_command_line)'
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    binary, directory = sys.argv[1], sys.argv[2]
    subcommands, options = command_info(binary)
    dump = json.loads(run(binary, "--experimental-dump-help"))["command"]
    descriptions = {c["commandName"]: c.get("abstract", "") for c in dump.get("subcommands", [])}
    os.makedirs(directory, exist_ok=True)
    outputs = {
        "maskrun.bash": bash(binary, subcommands, options),
        "_maskrun": zsh(binary, subcommands, options, descriptions),
        "maskrun.fish": fish(binary, subcommands, options, descriptions),
    }
    for name, text in outputs.items():
        with open(os.path.join(directory, name), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
