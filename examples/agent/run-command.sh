#!/bin/sh
# The command runner for an AI coding agent's shell tool: runs one tool call's command line
# under maskrun, with no terminal and no standard input, and passes its exit status back.
# Usage: run-command.sh 'COMMAND LINE'
policy=${MASKRUN_AGENT_POLICY:-/etc/maskrun/agent.yml}
exec maskrun --policy "$policy" -- bash --noprofile --norc -c "$1" </dev/null
