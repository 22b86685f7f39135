#!/usr/bin/env python3
"""Writes realistic command output with planted secrets of every built-in detector and
look-alikes that must survive, plus a JSON manifest of both.

    gen.py [--seed N] [--per-detector K] [--lookalikes N] OUT_DIR

OUT_DIR/output.txt is the text (env dumps, curl -v, JSON logs, kubectl YAML, tracebacks,
git remote -v, CI logs, jq -C and grep --color output); OUT_DIR/manifest.json lists every
planted secret (detector id, family, the exact bytes that must not survive, context,
whether escape sequences colour or split it) and every look-alike (kind, value)."""
import argparse
import json
import os

from detectors import DETECTORS
from lookalikes import lookalikes
from values import Rand

HEADERS = {
    "env": "$ env | sort", "json": "$ cat config/settings.json", "yaml": "$ cat deploy/values.yaml",
    "ci-log": "##[group]Run ./scripts/release.sh", "curl-v": "$ curl -v https://api.example.com/v1/me",
    "log": "$ journalctl -u app --since today", "json-log": "$ kubectl logs deploy/api", "traceback": "$ python3 manage.py sync",
    "git-remote": "$ git remote -v", "kubectl-yaml": "$ kubectl get secret -n prod", "shell": "$ history | tail",
}


def filler(r, n):
    lines = []
    for _ in range(n):
        kind = r.random()
        if kind < 0.3:
            lines.append(f'10.0.{r.randint(0, 255)}.{r.randint(1, 254)} - - [25/Nov/2026:14:{r.randint(0, 59):02d}:07 +0000] '
                         f'"GET /api/v1/orders/{r.randint(1, 99999)}?page={r.randint(1, 9)} HTTP/1.1" 200 {r.randint(100, 99999)} "-" "curl/8.5.0"')
        elif kind < 0.6:
            lines.append(json.dumps({"ts": r.ts(), "level": r.choice(["info", "debug", "warn"]),
                                     "msg": " ".join(r.word() for _ in range(5)), "duration_ms": r.randint(1, 900)}))
        elif kind < 0.8:
            lines.append(f"{r.ts()} level=info component=worker-{r.randint(0, 7)} event={r.word()} count={r.randint(0, 9999)} ok=true")
        else:
            lines.append(f'  File "/srv/app/{r.word()}.py", line {r.randint(1, 999)}, in handle_{r.word()}')
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=None, help="default: a fresh random seed")
    parser.add_argument("--per-detector", type=int, default=8, help="planted secrets per detector")
    parser.add_argument("--lookalikes", type=int, default=3000)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    r = Rand(seed)

    secrets, cases = [], []
    for detector, (family, planter) in DETECTORS.items():
        for plant in planter(r, args.per_detector):
            cases.append(("secret", plant.context, plant.text))
            for value in plant.secrets:
                secrets.append({"detector": detector.split("/")[0], "family": family, "secret": value,
                                "context": plant.context, "coloured": plant.coloured,
                                "times": plant.text.count(value) if plant.context == "repeat" else 1})
    looks = []
    for text, values, kind in lookalikes(r, args.lookalikes):
        cases.append(("lookalike", kind, text))
        looks += [{"kind": kind, "value": v} for v in values]
    r.shuffle(cases)

    # Sections of a few cases each, under a command that could have printed them, with
    # ordinary log lines between: secrets never sit at a predictable offset.
    out = []
    i = 0
    while i < len(cases):
        group = cases[i:i + r.randint(2, 6)]
        i += len(group)
        out.append(HEADERS.get(group[0][1], "$ ./run.sh"))
        for _, _, text in group:
            out.append(text)
            out += filler(r, r.randint(0, 3))
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "output.txt"), "w") as f:
        f.write("\n".join(out) + "\n")
    with open(os.path.join(args.out_dir, "manifest.json"), "w") as f:
        json.dump({"seed": seed, "secrets": secrets, "lookalikes": looks}, f, indent=1)
    print(f"seed {seed}: {len(secrets)} secrets of {len(DETECTORS)} detectors, {len(looks)} look-alikes, "
          f"{sum(len(line) + 1 for line in out) // 1024} KiB")


if __name__ == "__main__":
    main()
