#!/usr/bin/env python3
"""Runs maskrun over a generated leak corpus and prints recall (planted secrets that did not
survive) and the share of look-alikes damaged, per detector family, for each way of
feeding it: `filter` (whole file on stdin), `pty` (maskrun -- cat FILE), `chunked`
(random 1-64 byte writes into maskrun filter) and `pty-chunked` (the same writer under
the pty).

    score.py --maskrun BIN --dir DIR [--policy FILE] [--modes filter,pty,chunked,pty-chunked]

A secret counts as leaked when any 12 consecutive characters of it (all of it when
shorter) that belong to no other planted secret appear in the output, escape sequences
removed. A look-alike is damaged when it occurs fewer times in the output than in the input.
Coloured secrets (jq -C, grep --color) are reported on their own line."""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")
WINDOW = 12


def run(mode, maskrun, policy, path):
    if mode == "filter":
        with open(path, "rb") as f:
            return subprocess.run([maskrun, "filter", "--policy", policy], stdin=f, capture_output=True, check=True).stdout
    if mode == "pty":
        out = subprocess.run([maskrun, "--policy", policy, "--", "cat", path], stdin=subprocess.DEVNULL,
                             capture_output=True, check=True).stdout
        return out.replace(b"\r\n", b"\n")
    writer = [sys.executable, os.path.join(HERE, "chunkwriter.py"), path]
    if mode == "chunked":
        feeder = subprocess.Popen(writer, stdout=subprocess.PIPE)
        out = subprocess.run([maskrun, "filter", "--policy", policy], stdin=feeder.stdout, capture_output=True, check=True).stdout
        feeder.wait()
        return out
    if mode == "pty-chunked":
        out = subprocess.run([maskrun, "--policy", policy, "--"] + writer, stdin=subprocess.DEVNULL,
                             capture_output=True, check=True).stdout
        return out.replace(b"\r\n", b"\n")
    raise SystemExit(f"unknown mode {mode}")


def active_detectors(maskrun, policy):
    listing = subprocess.run([maskrun, "policy", "show", "--builtin", "--policy", policy], capture_output=True, text=True,
                             check=True).stdout
    return {line.split()[0] for line in listing.splitlines() if len(line.split()) > 2 and line.split()[2] == "on"}


def windows(secret):
    pieces = [p for part in secret.split("\n") for p in part.split("\\n") if p]
    found = set()
    for piece in pieces:
        if len(piece) <= WINDOW:
            found.add(piece)
        else:
            found.update(piece[i:i + WINDOW] for i in range(len(piece) - WINDOW + 1))
    return found


def hits(text, table):
    """How often each window of `table` occurs in `text`."""
    found = collections.Counter()
    for length in sorted({len(w) for w in table}):
        for start in range(len(text) - length + 1):
            window = text[start:start + length]
            if window in table:
                found[window] += 1
    return found


def secret_windows(secrets, source):
    """Each secret's windows that occur once in the input: in it, and nowhere else (not in
    another secret, a look-alike such as jwt.io's sample token, or ordinary text)."""
    owners = collections.defaultdict(set)
    for index, secret in enumerate(secrets):
        for window in windows(secret["secret"]):
            owners[window].add(index)
    counts = hits(source, owners)
    # A repeat case prints its secret `times` times on purpose (named, then bare).
    return {w: next(iter(o)) for w, o in owners.items()
            if len(o) == 1 and counts[w] == secrets[next(iter(o))].get("times", 1)}


def leaked_secrets(table, text):
    return {table[w] for w in hits(text, table)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maskrun", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--policy", help="default: builtin: all")
    parser.add_argument("--modes", default="filter,pty,chunked,pty-chunked")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--misses", type=int, default=3, help="examples of misses to show per detector")
    args = parser.parse_args()

    policy = args.policy
    if not policy:
        policy = os.path.join(tempfile.mkdtemp(), "all.yml")
        with open(policy, "w") as f:
            f.write("version: 1\nbuiltin: all\n")
    path = os.path.join(args.dir, "output.txt")
    manifest = json.load(open(os.path.join(args.dir, "manifest.json")))
    active = active_detectors(args.maskrun, policy)
    secrets = [s for s in manifest["secrets"] if s["detector"] in active]
    skipped = len(manifest["secrets"]) - len(secrets)
    source = ESCAPES.sub("", open(path, encoding="utf-8", errors="replace").read())
    table = secret_windows(secrets, source)
    unverifiable = set(range(len(secrets))) - set(table.values())
    if unverifiable:
        print(f"note: {len(unverifiable)} secrets have no window of their own and are not counted")
        secrets = [s for i, s in enumerate(secrets) if i not in unverifiable]
        table = secret_windows(secrets, source)
    expected = collections.Counter()
    for look in manifest["lookalikes"]:
        expected[look["value"]] = source.count(look["value"])

    results = {}
    print(f"corpus: seed {manifest['seed']}, {len(secrets)} secrets of {len(active)} active detectors"
          + (f" ({skipped} of inactive ones not counted)" if skipped else "") + f", {len(manifest['lookalikes'])} look-alikes")
    for mode in args.modes.split(","):
        raw = run(mode, args.maskrun, policy, path)
        text = ESCAPES.sub("", raw.decode("utf-8", errors="replace"))
        leaked = leaked_secrets(table, text)
        damaged = collections.Counter()
        for value, count in expected.items():
            damaged[value] = max(0, count - text.count(value))
        results[mode] = {"leaked": sorted(leaked), "damaged": {v: n for v, n in damaged.items() if n}}
        report(mode, secrets, leaked, manifest["lookalikes"], expected, damaged, args.misses)
    if args.json:
        json.dump(results, open(args.json, "w"), indent=1)


def share(part, whole):
    return 100.0 * part / whole if whole else 100.0


def report(mode, secrets, leaked, lookalikes, expected, damaged, misses):
    print(f"\n== {mode}")
    families = collections.defaultdict(lambda: [0, 0, 0, 0])  # plain total, plain leaked, coloured total, coloured leaked
    for index, secret in enumerate(secrets):
        row = families[secret["family"]]
        offset = 2 if secret["coloured"] else 0
        row[offset] += 1
        row[offset + 1] += index in leaked
    print(f"  {'family':16} {'secrets':>8} {'recall':>8}   {'coloured':>8} {'recall':>8}")
    totals = [0, 0, 0, 0]
    for family in sorted(families):
        row = families[family]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"  {family:16} {row[0]:8d} {share(row[0] - row[1], row[0]):7.2f}%   {row[2]:8d} {share(row[2] - row[3], row[2]):7.2f}%")
    print(f"  {'all':16} {totals[0]:8d} {share(totals[0] - totals[1], totals[0]):7.2f}%   {totals[2]:8d} "
          f"{share(totals[2] - totals[3], totals[2]):7.2f}%")
    whole = totals[0] + totals[2]
    print(f"  recall, plain and coloured: {share(whole - totals[1] - totals[3], whole):.2f}%")

    kinds = collections.defaultdict(lambda: [0, 0])
    seen = set()
    for look in lookalikes:
        if look["value"] in seen:
            continue
        seen.add(look["value"])
        kinds[look["kind"]][0] += expected[look["value"]]
        kinds[look["kind"]][1] += damaged[look["value"]]
    total = sum(k[0] for k in kinds.values())
    broken = sum(k[1] for k in kinds.values())
    print(f"  look-alikes damaged: {broken} of {total} ({share(broken, total):.2f}%)"
          + ("" if not broken else ": " + ", ".join(f"{kind} {n[1]}/{n[0]}" for kind, n in sorted(kinds.items()) if n[1])))
    if misses:
        by_detector = collections.defaultdict(list)
        for index in sorted(leaked):
            by_detector[secrets[index]["detector"]].append(secrets[index])
        for detector, missed in sorted(by_detector.items()):
            contexts = ", ".join(sorted({("coloured " if m["coloured"] else "") + m["context"] for m in missed}))
            print(f"  missed {detector}: {len(missed)} ({contexts})")
        shown = [v for v, n in damaged.items() if n][:misses * 3]
        for value in shown:
            print(f"  damaged: {value[:100]!r}")


if __name__ == "__main__":
    main()
