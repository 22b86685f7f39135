#!/usr/bin/env python3
"""Prompt latency through a wrapper: the program on a pseudo-terminal prints a prompt with
no newline ("Password: ", "$ ", "[y/N] "), notes the time it wrote it, and waits for an
answer; this driver times how long the whole prompt takes to reach the terminal, then
answers. Prints the median and 90th percentile over COUNT prompts (CLOCK_MONOTONIC on
both sides). Usage: prompt.py COUNT [--prompt TEXT]... -- WRAPPER... (the program is
appended to WRAPPER, or stands, shell-quoted, for a word {} of it: script -qc {} /dev/null;
--prompt: only these prompts, e.g. --prompt 'Password: ')"""
import fcntl
import os
import select
import shlex
import statistics
import subprocess
import sys
import tempfile
import termios
import time

count = int(sys.argv[1])
wrapper = sys.argv[sys.argv.index("--") + 1:]
own = sys.argv[2:sys.argv.index("--")]
prompts = [own[i + 1] for i in range(len(own) - 1) if own[i] == "--prompt"] or ["$ ", "[y/N] ", "Continue? ", "> ", "Password: "]
program = f"""
import os, sys, time
prompts = {prompts!r}
times = open(sys.argv[1], "w")
for i in range({count}):
    prompt = prompts[i % len(prompts)]
    times.write(f"{{time.monotonic()}}\\n"); times.flush()
    os.write(1, prompt.encode())
    sys.stdin.readline()
    time.sleep(0.1)  # past maskrun's echo window: the next prompt is program output
"""

with tempfile.NamedTemporaryFile("r", suffix=".times") as stamps:
    master, slave = os.openpty()
    argv = [sys.executable, "-c", program, stamps.name]
    if "{}" in wrapper:
        argv = [shlex.join(argv) if word == "{}" else word for word in wrapper]
    else:
        argv = wrapper + argv
    proc = subprocess.Popen(argv,
                            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    samples = []
    for i in range(count):
        prompt = prompts[i % len(prompts)].encode()
        got = b""
        while not got.endswith(prompt):
            if not select.select([master], [], [], 5)[0]:
                sys.exit(f"prompt {prompt!r} did not arrive (got {got[-40:]!r})")
            got += os.read(master, 65536)
        arrived = time.monotonic()
        stamps.seek(0)
        written = float(stamps.read().split()[i])
        samples.append((arrived - written) * 1000)
        os.write(master, b"answer\r")  # its echo arrives before the next prompt
    proc.wait(timeout=10)
samples.sort()
print(f"median {statistics.median(samples):.2f} ms   p90 {samples[int(len(samples) * 0.9)]:.2f} ms   "
      f"max {samples[-1]:.2f} ms   ({count} prompts)")
