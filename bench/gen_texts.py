#!/usr/bin/env python3
"""Real-looking text for the throughput benchmarks, next to bench/gen_log.py's mix.

Usage: bench/gen_texts.py KIND SIZE_MB > file, KIND one of
  build    a C/C++ build log: compiler command lines, paths, warnings, progress, timings
  dpkg     dpkg.log lines: dates, package names, versions with many dots and digits
  json     JSON logs full of IPv4/IPv6 addresses and email addresses
  learned  2,000 distinct `export TOKEN_n=...` assignments, then their bare repeats
           (the learned-values store at work: every repeat is a literal match)
Seeded, so the same size gives the same bytes.
"""
import random
import sys

WORDS = ("cache worker queue shard parser render layout config module handler session "
         "buffer stream socket thread pool index table schema driver plugin").split()


def build(rnd, line):
    pkg = rnd.choice(WORDS)
    src = f"src/{pkg}/{rnd.choice(WORDS)}_{rnd.randrange(100)}.c"
    kind = rnd.randrange(10)
    if kind < 5:
        return (f"[{line % 999 + 1:3d}/999] gcc -O2 -g -Wall -fPIC -DVERSION=\"1.{rnd.randrange(20)}.{rnd.randrange(9)}\" "
                f"-I/usr/include/{pkg} -Iinclude -c {src} -o build/{src}.o")
    if kind < 7:
        return (f"{src}:{rnd.randrange(1, 3000)}:{rnd.randrange(1, 80)}: warning: unused variable "
                f"'{rnd.choice(WORDS)}_{rnd.randrange(50)}' [-Wunused-variable]")
    if kind < 8:
        return f"  CC      {src}  {rnd.random() * 3:.3f}s  0x{rnd.getrandbits(48):012x}"
    if kind < 9:
        return f"make[{rnd.randrange(1, 4)}]: Entering directory '/home/ci/work/{pkg}/build-{rnd.randrange(1000)}'"
    return f"-- Found {pkg.capitalize()}: /usr/lib/x86_64-linux-gnu/lib{pkg}.so.{rnd.randrange(9)}.{rnd.randrange(30)} (found version \"{rnd.randrange(9)}.{rnd.randrange(30)}\")"


def dpkg(rnd, line):
    pkg = f"lib{rnd.choice(WORDS)}{rnd.randrange(10)}"
    ver = f"{rnd.randrange(9)}.{rnd.randrange(40)}.{rnd.randrange(20)}-{rnd.randrange(9)}+deb12u{rnd.randrange(5)}"
    stamp = f"2026-11-{line % 28 + 1:02d} {line % 24:02d}:{line % 60:02d}:{(line * 7) % 60:02d}"
    kind = rnd.randrange(4)
    if kind == 0:
        return f"{stamp} status half-installed {pkg}:amd64 {ver}"
    if kind == 1:
        return f"{stamp} status unpacked {pkg}:amd64 {ver}"
    if kind == 2:
        return f"{stamp} upgrade {pkg}:amd64 {ver} {ver.replace('deb12', 'deb13')}"
    return f"{stamp} configure {pkg}:amd64 {ver} <none>"


def json_line(rnd, line):
    ip4 = f"{rnd.choice((10, 172, 192, 203))}.{rnd.randrange(256)}.{rnd.randrange(256)}.{rnd.randrange(1, 255)}"
    ip6 = f"2001:db8:{rnd.getrandbits(16):x}::{rnd.getrandbits(16):x}:{rnd.getrandbits(16):x}"
    user = f"{rnd.choice(WORDS)}.{rnd.choice(WORDS)}{rnd.randrange(100)}@{rnd.choice(WORDS)}.example.com"
    return (f'{{"ts":"2026-11-25T14:{line % 60:02d}:{(line * 7) % 60:02d}.{line % 1000:03d}Z","level":"info",'
            f'"client":"{ip4}","upstream":"[{ip6}]:8443","user":"{user}","status":{rnd.choice((200, 201, 404, 500))},'
            f'"bytes":{rnd.randrange(100000)},"path":"/api/v2/{rnd.choice(WORDS)}/{rnd.randrange(10000)}"}}')


def learned(size):
    rnd = random.Random(13)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    tokens = ["".join(rnd.choice(alphabet) for _ in range(24)) for _ in range(2000)]
    out = sys.stdout
    written = 0
    for index, token in enumerate(tokens):
        line = f"+ export DEPLOY_TOKEN_{index}={token}\n"
        out.write(line)
        written += len(line)
    line_no = 0
    while written < size:
        token = tokens[line_no % len(tokens)]
        line = f"step {line_no}: using {token} for {rnd.choice(WORDS)} at 2026-11-25 14:{line_no % 60:02d}\n"
        out.write(line)
        written += len(line)
        line_no += 1


def main():
    kind, size = sys.argv[1], int(float(sys.argv[2]) * 1024 * 1024)
    if kind == "learned":
        learned(size)
        return
    make = {"build": build, "dpkg": dpkg, "json": json_line}[kind]
    rnd = random.Random(13)
    written = 0
    line = 0
    out = sys.stdout
    while written < size:
        text = make(rnd, line) + "\n"
        out.write(text)
        written += len(text)
        line += 1


if __name__ == "__main__":
    main()
