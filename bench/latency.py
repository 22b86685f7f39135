#!/usr/bin/env python3
"""Keystroke echo latency through a wrapper: types characters into a pseudo-terminal whose
program is `WRAPPER... cat` and times each echo. Prints the median and 90th percentile.
Usage: latency.py CHARS COUNT -- ARGV..."""
import fcntl
import os
import select
import statistics
import subprocess
import sys
import termios
import time

chars = sys.argv[1].encode()
count = int(sys.argv[2])
argv = sys.argv[sys.argv.index("--") + 1:]

master, slave = os.openpty()
proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
time.sleep(0.5)  # let the wrapper set up its terminal
while select.select([master], [], [], 0.1)[0]:
    os.read(master, 65536)

samples = []
for i in range(count):
    ch = chars[i % len(chars):i % len(chars) + 1]
    start = time.perf_counter()
    os.write(master, ch)
    got = b""
    while ch not in got:
        if not select.select([master], [], [], 2)[0]:
            break
        got += os.read(master, 65536)
    samples.append((time.perf_counter() - start) * 1000)
    if i % len(chars) == len(chars) - 1:
        os.write(master, b"\r")  # end the line so cat does not collect it forever
        time.sleep(0.01)
        while select.select([master], [], [], 0.05)[0]:
            os.read(master, 65536)
os.write(master, b"\x04")
proc.terminate()
proc.wait()
samples.sort()
print(f"median {statistics.median(samples):.2f} ms   p90 {samples[int(len(samples) * 0.9)]:.2f} ms")
