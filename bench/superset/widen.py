#!/usr/bin/env python3
"""Writes the prototype's inputs from a dump of the catalogue's keyworded detectors.

Usage: widen.py DETECTORS.json OUT_DIR [--widen]
DETECTORS.json: a list of {"id", "pattern", "keywords", "caseless", "default"} (see run.sh).
Writes OUT_DIR/patterns.tsv (default detectors' patterns) and OUT_DIR/keywords.tsv.
--widen first rewrites constructs Vectorscan refuses into ones that match at least as much:
branch reset and atomic groups become plain groups, possessive quantifiers greedy ones.
"""
import json
import sys


def widened(pattern):
    out = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            for opener in ("^", "]"):
                if i < n and pattern[i] == opener:
                    out.append(opener)
                    i += 1
            continue
        if pattern.startswith("(?|", i) or pattern.startswith("(?>", i):
            out.append("(?:")
            i += 3
            continue
        # `X*+`, `X++`, `X?+`, `X{m,n}+`: possessive; not `(?+`, which cannot occur here.
        if c == "+" and out and out[-1] in ("*", "+", "?", "}") and not out[-1].endswith("("):
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def main():
    detectors, folder = json.load(open(sys.argv[1])), sys.argv[2]
    widen = "--widen" in sys.argv[3:]
    chosen = [d for d in detectors if d["default"]]
    with open(f"{folder}/patterns.tsv", "w") as out:
        for d in chosen:
            out.write(d["id"] + "\t" + (widened(d["pattern"]) if widen else d["pattern"]) + "\n")
    with open(f"{folder}/keywords.tsv", "w") as out:
        for number, d in enumerate(chosen):
            for keyword in d["keywords"]:
                out.write(f"{number}\t{d['id']}\t{1 if d['caseless'] else 0}\t{keyword}\n")


main()
