#!/bin/sh
# Follow a log file, masked. New lines appear as they are written: held-back text is
# released after 30 ms of quiet on a terminal, 1 s when the output is a pipe or a file.
# Usage: tail-filter.sh LOGFILE
tail -n +1 -F "${1:?usage: tail-filter.sh LOGFILE}" | maskrun filter
