#!/bin/sh
# Start a masked shell for a screen-sharing session: what the shell and every program run
# in it print is masked, prompts and colours included; `exit` ends it with the shell's status.
# Full-screen programs (editors, pagers, top) that draw a secret piecewise with cursor
# movement cannot be masked: keep secrets out of them while sharing.
exec maskrun --policy "${MASKRUN_SCREEN_POLICY:-$HOME/.config/maskrun/screen-share.yml}" \
    -- "${SHELL:-/bin/sh}" -l
