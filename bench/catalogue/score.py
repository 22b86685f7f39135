#!/usr/bin/env python3
"""Runs `maskrun filter` over a scanner catalogue's own test strings and scores it per rule.

Usage: score.py SAMPLES_DIR [--bin MASKRUN] [--policy FILE] [--json OUT] [--show N] [--only structured]

SAMPLES_DIR is what extract.py wrote (one JSON file per rule). For each rule it reports the
positives whose secret maskrun leaves visible, and the negatives it changes. Three views:
  in context  the catalogue's positive as written (`twilio_api_token = "SK…"`)
  bare        the secret alone on its line (what a provider format must catch by itself)
  negatives   the catalogue's false-positive strings, which should pass unchanged
A positive counts as hidden when none of its secret strings is left whole in the output;
a positive whose secret the extractor could not pin down counts when the output changed.

Every positive of a batch belongs to a different rule and shares no word with the others,
so a value maskrun learns in one sample (SPEC §3, known values) cannot hide another
sample's copy of it; every negative runs alone.
MASKRUN: default $MASKRUN_BIN, else .build/release/maskrun.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

MARK = "@@maskrun-catalogue-sample-%06d@@"


def load(folder):
    rules = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name)) as f:
                rules.append(json.load(f))
    return rules


def run_filter(binary, policy, texts):
    """Output of one `maskrun filter` run per batch of texts, one output per text."""
    parts = []
    for i, t in enumerate(texts):
        parts.append(MARK % i + "\n" + t + "\n\n")
    data = "".join(parts).encode("utf-8", "surrogateescape")
    cmd = [binary, "filter"] + (["--policy", policy] if policy else [])
    out = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8", "surrogateescape")
    pieces, pos = [], 0
    for i in range(len(texts)):
        start = out.find(MARK % i + "\n", pos)
        if start < 0:
            return None
        end = out.find(MARK % (i + 1) + "\n", start) if i + 1 < len(texts) else len(out)
        if end < 0:
            return None
        pieces.append(out[start + len(MARK % i) + 1:end][:-2] if out[start:end].endswith("\n\n") else out[start + len(MARK % i) + 1:end])
        pos = end
    return pieces


def filtered(binary, policy, items):
    """items: (rule, text). Returns outputs in order. A batch holds one sample per rule and no
    two samples sharing 8 bytes in a row: catalogues reuse example values across rules
    (Kingfisher's `123e4567-e89b-…`, `abcdefgh…`), and a value maskrun learns from one
    sample (SPEC §3, known values, 8 bytes or more) would otherwise hide another's copy."""
    batches = []  # [indices, rules, words]
    for index, (rule, text) in enumerate(items):
        words = {text[i:i + 8] for i in range(len(text) - 7) if not SPACE.search(text, i, i + 8)}
        for batch in batches:
            if rule not in batch[1] and not (words & batch[2]):
                break
        else:
            batch = [[], set(), set()]
            batches.append(batch)
        batch[0].append(index)
        batch[1].add(rule)
        batch[2].update(words)
    outputs = [None] * len(items)
    for batch, _, _ in batches:
        texts = [items[i][1] for i in batch]
        result = run_filter(binary, policy, texts)
        if result is None:  # a marker did not survive: one run per sample
            result = [run_filter(binary, policy, [t])[0] for t in texts]
        for i, out in zip(batch, result):
            outputs[i] = out
    return outputs


SPACE = re.compile(r"\s")


def hidden(text, out, secrets):
    if not secrets:
        return out != text
    return all(s not in out for s in secrets)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    folder = args[0]

    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default

    binary = option("--bin", os.environ.get("MASKRUN_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "maskrun"))
    policy = option("--policy")
    show = int(option("--show", "2"))
    only = option("--only")
    rules = load(folder)
    if only == "structured":
        rules = [r for r in rules if r.get("structured")]

    context, bare, negatives = [], [], []
    # A positive's secret (12 bytes or more, letters and digits) inside a negative: the
    # catalogue skips it for want of context (a keyword, a second part), yet it is a secret.
    known = {s for r in rules for p in r["positives"] for s in p["secrets"] + p.get("tokens", [])
             if len(s) >= 12 and any(c.isdigit() for c in s) and any(c.isalpha() for c in s)}
    others = 0
    for r in rules:
        for p in r["positives"]:
            context.append((r["rule"], p["text"], p["secrets"]))
            for s in p.get("tokens", p["secrets"]):
                bare.append((r["rule"], s, [s]))
        for n in r["negatives"]:
            # Or another rule's positive (an admin key among the API keys' negatives).
            if any(k in n for k in known):
                others += 1
                continue
            negatives.append((r["rule"], n, None))
    bare = list({(rule, s): (rule, s, sec) for rule, s, sec in bare}.values())

    results = {}
    for view, items in (("context", context), ("bare", bare)):
        outs = filtered(binary, policy, [(rule, text) for rule, text, _ in items])
        results[view] = [(rule, text, sec, out) for (rule, text, sec), out in zip(items, outs)]
    # A negative runs alone: a value learned from another sample (a placeholder some rule
    # took for a secret) would otherwise change it.
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        outs = list(pool.map(lambda item: run_filter(binary, policy, [item[1]])[0], negatives))
    results["negatives"] = [(rule, text, sec, out) for (rule, text, sec), out in zip(negatives, outs)]

    per_rule = defaultdict(lambda: {"context": [0, 0], "bare": [0, 0], "negatives": [0, 0], "missed": [], "bare_missed": [], "changed": []})
    for view in ("context", "bare"):
        for rule, text, sec, out in results[view]:
            row = per_rule[rule][view]
            row[0] += 1
            if hidden(text, out, sec):
                row[1] += 1
            else:
                per_rule[rule]["missed" if view == "context" else "bare_missed"].append(text)
    for rule, text, _, out in results["negatives"]:
        row = per_rule[rule]["negatives"]
        row[0] += 1
        if out != text:
            row[1] += 1
            per_rule[rule]["changed"].append((text, out))

    def pct(a, b):
        return "%5.1f%%" % (100.0 * a / b) if b else "    -"

    print("%-44s %9s %9s %9s" % ("rule", "context", "bare", "neg chg"))
    for rule in sorted(per_rule):
        row = per_rule[rule]
        c, b, n = row["context"], row["bare"], row["negatives"]
        if c[0] == c[1] and b[0] == b[1] and n[1] == 0:
            continue
        print("%-44s %4d/%-4d %4d/%-4d %4d/%-4d" % (rule[:44], c[1], c[0], b[1], b[0], n[1], n[0]))
        for text in row["missed"][:show]:
            print("    visible: %s" % text.strip().replace("\n", "⏎")[:150])
        for text in row["bare_missed"][:show]:
            print("    bare visible: %s" % text[:150])
        for text, out in row["changed"][:show]:
            print("    changed: %s" % text.strip().replace("\n", "⏎")[:150])
            print("          → %s" % out.strip().replace("\n", "⏎")[:150])

    totals = {v: [sum(per_rule[r][v][0] for r in per_rule), sum(per_rule[r][v][1] for r in per_rule)] for v in ("context", "bare", "negatives")}
    rules_with_pos = [r for r in per_rule if per_rule[r]["context"][0]]
    all_hidden = sum(1 for r in rules_with_pos if per_rule[r]["context"][0] == per_rule[r]["context"][1])
    bare_rules = [r for r in per_rule if per_rule[r]["bare"][0]]
    bare_all = sum(1 for r in bare_rules if per_rule[r]["bare"][0] == per_rule[r]["bare"][1])
    print()
    print("rules: %d (%d with positives)" % (len(per_rule), len(rules_with_pos)))
    print("in context: %d of %d positives hidden (%s); rules with every positive hidden: %d of %d (%s)" % (
        totals["context"][1], totals["context"][0], pct(totals["context"][1], totals["context"][0]).strip(),
        all_hidden, len(rules_with_pos), pct(all_hidden, len(rules_with_pos)).strip()))
    print("bare secret: %d of %d hidden (%s); rules with every bare secret hidden: %d of %d (%s)" % (
        totals["bare"][1], totals["bare"][0], pct(totals["bare"][1], totals["bare"][0]).strip(),
        bare_all, len(bare_rules), pct(bare_all, len(bare_rules)).strip()))
    print("negatives changed: %d of %d (%s); %d more left out, another rule's positive" % (
        totals["negatives"][1], totals["negatives"][0], pct(totals["negatives"][1], totals["negatives"][0]).strip(), others))
    if option("--json"):
        with open(option("--json"), "w") as f:
            json.dump({"totals": totals, "rules_all_hidden": [all_hidden, len(rules_with_pos)], "bare_rules_all_hidden": [bare_all, len(bare_rules)],
                       "per_rule": {r: {k: per_rule[r][k] for k in ("context", "bare", "negatives")} for r in per_rule}}, f, indent=1)


if __name__ == "__main__":
    main()
