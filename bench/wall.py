#!/usr/bin/env python3
"""Runs a command RUNS times (stdin from /dev/null, stdout and stderr to /dev/null) and
prints the median and 90th percentile wall time in milliseconds. Usage: wall.py RUNS CMD..."""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
print(f"median {statistics.median(times):7.2f} ms   p90 {p90:7.2f} ms")
