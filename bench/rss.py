#!/usr/bin/env python3
"""Runs a command with stdin from /dev/null and stdout to /dev/null; prints its wall time in
seconds and the peak resident set size of the largest process in its tree, in MB."""
import resource
import subprocess
import sys
import time

start = time.monotonic()
subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=False)
elapsed = time.monotonic() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed:.3f} {peak_kb / 1024:.1f}")
