function __maskrun_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __maskrun_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __maskrun_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __maskrun_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __maskrun_parse_tokens -S
    set -l unparsed_tokens (__maskrun_tokens -pc)
    switch $unparsed_tokens[1]
    case 'maskrun'
        __maskrun_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'filter'
            __maskrun_parse_subcommand 0 'p/policy=' 'mask-env=+' 'mask-values-from=+' 'flush-after=' 'log=' 'raw-log=' 'raw-recipient=+' 'raw-recipients-file=+' 'audit=' 'log-format=' 'append' 'version' 'h/help'
        case 'replay'
            __maskrun_parse_subcommand 1 'speed=' 'idle-limit=' 'i/identity=+' 'cat' 'version' 'h/help'
        case 'policy'
            __maskrun_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __maskrun_parse_subcommand 1 'version' 'h/help'
            case 'test'
                __maskrun_parse_subcommand 1 'p/policy=' 'version' 'h/help'
            case 'show'
                __maskrun_parse_subcommand 0 'p/policy=' 'builtin' 'version' 'h/help'
            end
        case 'kernel'
            __maskrun_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'install'
                __maskrun_parse_subcommand 0 'kernel=' 'name=' 'display-name=' 'p/policy=' 'user' 'sys-prefix' 'prefix=' 'version' 'h/help'
            case 'list'
                __maskrun_parse_subcommand 0 'version' 'h/help'
            case 'remove'
                __maskrun_parse_subcommand 1 'version' 'h/help'
            case 'proxy'
                __maskrun_parse_subcommand -r 2 'p/policy=' 'mask-env=+' 'mask-values-from=+' 'flush-after=' 'log=' 'raw-log=' 'raw-recipient=+' 'raw-recipients-file=+' 'audit=' 'log-format=' 'append' 'version' 'h/help'
            end
        case 'help'
            __maskrun_parse_subcommand -r 1 'version'
        end
    end
end

function __maskrun_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __maskrun_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __maskrun_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __maskrun_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__maskrun_tokens -p)
    if test -z "$(__maskrun_tokens -t)"
        set -l index (count (__maskrun_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'maskrun' -f
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun" -eq 1' -fa 'filter' -d 'Mask standard input to standard output.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun" -eq 1' -fa 'replay' -d 'Replay a recording in the terminal.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun" -eq 1' -fa 'policy' -d 'Validate, try out and print masking policies.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun" -eq 1' -fa 'kernel' -d 'Wrap installed Jupyter kernels so notebooks show masked output.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" p policy' -s 'p' -l 'policy' -d 'Policy file (also MASKRUN_POLICY).' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter"' -l 'mask-env' -d 'Mask the value of environment variable NAME and its encodings. Repeatable.' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter"' -l 'mask-values-from' -d 'Mask each non-empty line of FILE as a literal secret.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" flush-after' -l 'flush-after' -d 'Idle time after which held-back output is released (default 30ms on a terminal, 1s otherwise).' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" log' -l 'log' -d 'Write the masked recording to FILE (placeholders {time}, {pid}, {cmd}).' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" raw-log' -l 'raw-log' -d 'Write the unmasked recording to FILE.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter"' -l 'raw-recipient' -d 'Encrypt the raw recording to this age X25519 recipient (age1...). Repeatable.' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter"' -l 'raw-recipients-file' -d 'Encrypt the raw recording to the age recipients listed in FILE. Repeatable.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" audit' -l 'audit' -d 'Write one JSON line per masked span, then a summary, to FILE.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" log-format' -l 'log-format' -d 'Recording format: cast (asciicast v2) or text (the output bytes).' -rfka 'cast text'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" append' -l 'append' -d 'Add to existing recording files instead of refusing them.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun filter" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun replay" -eq 1' -F
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay" speed' -l 'speed' -d 'Play faster (2) or slower (0.5).' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay" idle-limit' -l 'idle-limit' -d 'Cut pauses longer than this many seconds to it.' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay"' -s 'i' -l 'identity' -d 'age key file to decrypt an encrypted recording with. Repeatable.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay" cat' -l 'cat' -d 'Print the output at once, without timing.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun replay" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun policy" -eq 1' -fa 'check' -d 'Validate a policy file (exit 0 valid, 1 invalid).'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun policy" -eq 1' -fa 'test' -d 'Show what would be masked in FILE (or stdin), and by which rule.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun policy" -eq 1' -fa 'show' -d 'Print the effective policy, built-in detectors included.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun policy check" -eq 1' -F
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy check" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy test" p policy' -s 'p' -l 'policy' -d 'Policy file.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun policy test" -eq 1' -F
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy test" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy show" p policy' -s 'p' -l 'policy' -d 'Policy file.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy show" builtin' -l 'builtin' -d 'List every built-in detector with its confidence and description.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy show" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun policy show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun kernel" -eq 1' -fa 'install' -d 'Install a masked copy of an installed kernel.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun kernel" -eq 1' -fa 'list' -d 'List the masked kernels and the kernels they wrap.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun kernel" -eq 1' -fa 'remove' -d 'Remove a masked kernel (only kernels maskrun installed).'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun kernel" -eq 1' -fa 'proxy' -d 'Run a kernel behind maskrun\'s masking proxy (kernelspecs from \'kernel install\' start this).'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" kernel' -l 'kernel' -d 'The installed kernel to wrap (as `jupyter kernelspec list` names it).' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" name' -l 'name' -d 'Name of the new kernel (default: NAME-masked).' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" display-name' -l 'display-name' -d 'Name shown in notebook menus (default: the original\'s, with " (masked)").' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" p policy' -s 'p' -l 'policy' -d 'Policy file the kernel masks with (checked now; default: as for maskrun run, when the kernel starts).' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" user' -l 'user' -d 'Install for the current user (the default).'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" sys-prefix' -l 'sys-prefix' -d 'Install into the Python environment Jupyter runs in.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" prefix' -l 'prefix' -d 'Install into PREFIX/share/jupyter/kernels.' -rfa '(__maskrun_complete_directories)'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel install" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel list" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel remove" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" p policy' -s 'p' -l 'policy' -d 'Policy file (also MASKRUN_POLICY).' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy"' -l 'mask-env' -d 'Mask the value of environment variable NAME and its encodings. Repeatable.' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy"' -l 'mask-values-from' -d 'Mask each non-empty line of FILE as a literal secret.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" flush-after' -l 'flush-after' -d 'Idle time after which held-back output is released (default 30ms on a terminal, 1s otherwise).' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" log' -l 'log' -d 'Write the masked recording to FILE (placeholders {time}, {pid}, {cmd}).' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" raw-log' -l 'raw-log' -d 'Write the unmasked recording to FILE.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy"' -l 'raw-recipient' -d 'Encrypt the raw recording to this age X25519 recipient (age1...). Repeatable.' -rfka ''
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy"' -l 'raw-recipients-file' -d 'Encrypt the raw recording to the age recipients listed in FILE. Repeatable.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" audit' -l 'audit' -d 'Write one JSON line per masked span, then a summary, to FILE.' -rF
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" log-format' -l 'log-format' -d 'Recording format: cast (asciicast v2) or text (the output bytes).' -rfka 'cast text'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" append' -l 'append' -d 'Add to existing recording files instead of refusing them.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_positional "maskrun kernel proxy" -eq 1' -F
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" version' -l 'version' -d 'Show the version.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun kernel proxy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'maskrun' -n '__maskrun_should_offer_completions_for_flags_or_options "maskrun help" version' -l 'version' -d 'Show the version.'

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
    if set -q tokens[2]; and contains -- $tokens[1] filter replay policy kernel help
        return 1
    end
    argparse -s 'p/policy=' 'mask-env=+' 'mask-values-from=+' 'flush-after=' 'log=' 'raw-log=' 'raw-recipient=+' 'raw-recipients-file=+' 'audit=' 'log-format=' 'append' 'version' 'h/help' -- $tokens 2>/dev/null; or return 1
    string join0 -- $argv
end

# The command line has maskrun's options only, before the cursor: options may follow.
function __maskrun_run_options_allowed
    set -l tokens (commandline -opc)
    set -e tokens[1]
    contains -- -- $tokens; and return 1
    if set -q tokens[1]; and contains -- $tokens[1] filter replay policy kernel help
        return 1
    end
    # An option still waiting for its value (the cursor is on it) parses with a stand-in.
    argparse -s 'p/policy=' 'mask-env=+' 'mask-values-from=+' 'flush-after=' 'log=' 'raw-log=' 'raw-recipient=+' 'raw-recipients-file=+' 'audit=' 'log-format=' 'append' 'version' 'h/help' -- $tokens 2>/dev/null
    or argparse -s 'p/policy=' 'mask-env=+' 'mask-values-from=+' 'flush-after=' 'log=' 'raw-log=' 'raw-recipient=+' 'raw-recipients-file=+' 'audit=' 'log-format=' 'append' 'version' 'h/help' -- $tokens value 2>/dev/null
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

complete -c maskrun -n __maskrun_run_options_allowed -s p -l policy -d 'Policy file (also MASKRUN_POLICY).' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l mask-env -d 'Mask the value of environment variable NAME and its encodings. Repeatable.' -rfa '(set -nx)'
complete -c maskrun -n __maskrun_run_options_allowed -l mask-values-from -d 'Mask each non-empty line of FILE as a literal secret.' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l flush-after -d 'Idle time after which held-back output is released (default 30ms on a terminal, 1s otherwise).' -rf
complete -c maskrun -n __maskrun_run_options_allowed -l log -d 'Write the masked recording to FILE (placeholders {time}, {pid}, {cmd}).' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l raw-log -d 'Write the unmasked recording to FILE.' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l raw-recipient -d 'Encrypt the raw recording to this age X25519 recipient (age1...). Repeatable.' -rf
complete -c maskrun -n __maskrun_run_options_allowed -l raw-recipients-file -d 'Encrypt the raw recording to the age recipients listed in FILE. Repeatable.' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l audit -d 'Write one JSON line per masked span, then a summary, to FILE.' -rF
complete -c maskrun -n __maskrun_run_options_allowed -l log-format -d 'Recording format: cast (asciicast v2) or text (the output bytes).' -rfa 'cast text'
complete -c maskrun -n __maskrun_run_options_allowed -l append -d 'Add to existing recording files instead of refusing them.'
complete -c maskrun -n __maskrun_at_command -fa '(__fish_complete_command)'
complete -c maskrun -n __maskrun_in_command -fa '(__maskrun_complete_command_line)'
