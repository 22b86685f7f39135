#!/bin/bash

__maskrun_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__maskrun_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__maskrun_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__maskrun_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_maskrun() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __maskrun_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    filter|replay|policy|kernel|help)
        # Offer subcommand argument completions
        "_maskrun_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'filter replay policy kernel help' -- "${cur}"))
        ;;
    esac
}

_maskrun_filter() {
    repeating_flags=()
    non_repeating_flags=(--append --version -h --help)
    repeating_options=(--mask-env --mask-values-from --raw-recipient --raw-recipients-file)
    non_repeating_options=(-p --policy --flush-after --log --raw-log --audit --log-format)
    __maskrun_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--policy')
        __maskrun_add_completions -f
        return
        ;;
    '--mask-env')
        return
        ;;
    '--mask-values-from')
        __maskrun_add_completions -f
        return
        ;;
    '--flush-after')
        return
        ;;
    '--log')
        __maskrun_add_completions -f
        return
        ;;
    '--raw-log')
        __maskrun_add_completions -f
        return
        ;;
    '--raw-recipient')
        return
        ;;
    '--raw-recipients-file')
        __maskrun_add_completions -f
        return
        ;;
    '--audit')
        __maskrun_add_completions -f
        return
        ;;
    '--log-format')
        __maskrun_add_completions -W 'cast'$'\n''text'
        return
        ;;
    esac
}

_maskrun_replay() {
    repeating_flags=()
    non_repeating_flags=(--cat --version -h --help)
    repeating_options=(-i --identity)
    non_repeating_options=(--speed --idle-limit)
    __maskrun_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--speed')
        return
        ;;
    '--idle-limit')
        return
        ;;
    '-i'|'--identity')
        __maskrun_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __maskrun_add_completions -f
        return
        ;;
    esac
}

_maskrun_policy() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|test|show)
        # Offer subcommand argument completions
        "_maskrun_policy_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check test show' -- "${cur}"))
        ;;
    esac
}

_maskrun_policy_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __maskrun_add_completions -f
        return
        ;;
    esac
}

_maskrun_policy_test() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(-p --policy)
    __maskrun_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--policy')
        __maskrun_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __maskrun_add_completions -f
        return
        ;;
    esac
}

_maskrun_policy_show() {
    repeating_flags=()
    non_repeating_flags=(--builtin --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --policy)
    __maskrun_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--policy')
        __maskrun_add_completions -f
        return
        ;;
    esac
}

_maskrun_kernel() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    install|list|remove|proxy)
        # Offer subcommand argument completions
        "_maskrun_kernel_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'install list remove proxy' -- "${cur}"))
        ;;
    esac
}

_maskrun_kernel_install() {
    repeating_flags=()
    non_repeating_flags=(--user --sys-prefix --version -h --help)
    repeating_options=()
    non_repeating_options=(--kernel --name --display-name -p --policy --prefix)
    __maskrun_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kernel')
        return
        ;;
    '--name')
        return
        ;;
    '--display-name')
        return
        ;;
    '-p'|'--policy')
        __maskrun_add_completions -f
        return
        ;;
    '--prefix')
        __maskrun_add_completions -d
        return
        ;;
    esac
}

_maskrun_kernel_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options 0
}

_maskrun_kernel_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options 1
}

_maskrun_kernel_proxy() {
    repeating_flags=()
    non_repeating_flags=(--append --version -h --help)
    repeating_options=(--mask-env --mask-values-from --raw-recipient --raw-recipients-file)
    non_repeating_options=(-p --policy --flush-after --log --raw-log --audit --log-format)
    __maskrun_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--policy')
        __maskrun_add_completions -f
        return
        ;;
    '--mask-env')
        return
        ;;
    '--mask-values-from')
        __maskrun_add_completions -f
        return
        ;;
    '--flush-after')
        return
        ;;
    '--log')
        __maskrun_add_completions -f
        return
        ;;
    '--raw-log')
        __maskrun_add_completions -f
        return
        ;;
    '--raw-recipient')
        return
        ;;
    '--raw-recipients-file')
        __maskrun_add_completions -f
        return
        ;;
    '--audit')
        __maskrun_add_completions -f
        return
        ;;
    '--log-format')
        __maskrun_add_completions -W 'cast'$'\n''text'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __maskrun_add_completions -f
        return
        ;;
    esac
}

_maskrun_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __maskrun_offer_flags_options -1
}

complete -o filenames -F _maskrun maskrun

# ---- Written by scripts/completions.py: maskrun runs a command by default. ----
# `maskrun <TAB>` offers the subcommands and the commands on PATH; after the command (or
# `--`) the wrapped command's own completion applies, through bash-completion's
# _command_offset when it is loaded. Options of the default `run` command come from the
# parser (`maskrun --experimental-dump-help`).

__maskrun_subcommands=(filter replay policy kernel help)
__maskrun_run_value_options=(-p --policy --mask-env --mask-values-from --flush-after --log --raw-log --raw-recipient --raw-recipients-file --audit --log-format)
__maskrun_run_options=(-p --policy --mask-env --mask-values-from --flush-after --log --raw-log --raw-recipient --raw-recipients-file --audit --log-format --append --version -h --help)

# Sets __maskrun_command_index (where the wrapped command's name is, or would be) and
# __maskrun_dashdash (whether `--` came before it), from the words before the cursor.
__maskrun_find_command() {
    local -i i=1
    local word
    __maskrun_dashdash=false
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        if [[ $word == -- ]]; then
            __maskrun_dashdash=true
            __maskrun_command_index=$((i + 1))
            return
        elif [[ " ${__maskrun_run_value_options[*]} " == *" $word "* ]]; then
            # bash splits --option=value at '=' (COMP_WORDBREAKS)
            if [[ ${COMP_WORDS[i + 1]} == = ]]; then ((i += 3)); else ((i += 2)); fi
        elif [[ $word == -* ]]; then
            ((i += 1))
        else
            break
        fi
    done
    __maskrun_command_index=$i
}

__maskrun_value_completion() {
    case "$1" in
    -p|--policy)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --mask-env)
        COMPREPLY=($(compgen -e -- "$cur"))
        return
        ;;
    --mask-values-from)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --flush-after)
        :
        return
        ;;
    --log)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --raw-log)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --raw-recipient)
        :
        return
        ;;
    --raw-recipients-file)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --audit)
        compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --log-format)
        COMPREPLY=($(compgen -W 'cast text' -- "$cur"))
        return
        ;;
    esac
    return 1
}

_maskrun_main() {
    local -r cur="$2" prev="$3"
    COMPREPLY=()
    if ((COMP_CWORD > 1)) && [[ " ${__maskrun_subcommands[*]} " == *" ${COMP_WORDS[1]} "* ]]; then
        _maskrun "$@"
        return
    fi

    local -i __maskrun_command_index
    local __maskrun_dashdash
    __maskrun_find_command
    local -i at=$__maskrun_command_index
    if ! $__maskrun_dashdash && ((at < COMP_CWORD)) &&
        [[ " ${__maskrun_subcommands[*]} " == *" ${COMP_WORDS[at]} "* ]]; then
        # Options before a subcommand (`maskrun --policy p.yml filter --<TAB>`): complete
        # as if the subcommand came first, which is how maskrun reads the line.
        local -a COMP_WORDS=("${COMP_WORDS[0]}" "${COMP_WORDS[at]}" "${COMP_WORDS[@]:1:at-1}" "${COMP_WORDS[@]:at+1}")
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
        [[ $prev == = ]] && option=${COMP_WORDS[COMP_CWORD - 2]}
        __maskrun_value_completion "$option"
        return
    fi
    if ! $__maskrun_dashdash && [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-- ${__maskrun_run_options[*]}" -- "$cur"))
        return
    fi
    # The command's name: a subcommand (also after maskrun's options, not after `--`), a
    # command on PATH, or a path.
    if ! $__maskrun_dashdash; then
        COMPREPLY=($(compgen -W "${__maskrun_subcommands[*]}" -- "$cur"))
    fi
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY+=($(compgen -d -c -- "$cur"))
}

complete -F _maskrun_main maskrun
