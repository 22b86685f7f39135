#!/usr/bin/env python3
"""Writes the table of built-in detectors in README.md from `maskrun policy show --builtin`.

    scripts/readme_detectors.py MASKRUN_BINARY README.md [--check]

The table goes between the lines `<!-- detectors:begin -->` and `<!-- detectors:end -->`.
With --check nothing is written: it exits 1 and says so when the table is stale
(Tests/e2e/test_shipping.py runs it that way). `make readme-detectors` regenerates it.
"""
import os
import re
import subprocess
import sys

BEGIN = "<!-- detectors:begin -->"
END = "<!-- detectors:end -->"
LINE = re.compile(r"^(\S+)\s+(\S+)\s+(on|off)\s+(.*)$")


def detectors(binary):
    """(id, confidence, on with the default policy, description) for every built-in."""
    env = dict(os.environ)
    env.pop("MASKRUN_POLICY", None)
    env["XDG_CONFIG_HOME"] = "/nonexistent"  # the built-in default policy, not the user's
    out = subprocess.run([binary, "policy", "show", "--builtin"], check=True, capture_output=True,
                         text=True, env=env).stdout
    rows = []
    for line in out.splitlines():
        match = LINE.match(line)
        if not match:
            sys.exit(f"readme_detectors.py: cannot read this line of 'policy show --builtin': {line!r}")
        rows.append(match.groups())
    return rows


def table(rows):
    def cell(text):
        return text.replace("|", "\\|")
    off = sum(on == "off" for _, _, on, _ in rows)
    summary = f"{len(rows)} detectors, {len(rows) - off} of them on in the default policy (`builtin: default`)"
    summary += f"; `builtin: all` turns on the other {off}." if off else "."
    lines = [
        summary,
        "",
        "<details>",
        "<summary>Every detector: id, confidence, on by default, what it finds</summary>",
        "",
        "| id | confidence | default | finds |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{id}` | {confidence} | {on} | {cell(description)} |" for id, confidence, on, description in rows]
    lines += ["", "</details>"]
    return "\n".join(lines)


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    binary, readme = args
    text = open(readme).read()
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        sys.exit(f"readme_detectors.py: {readme} needs one {BEGIN} line and one {END} line")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    updated = head + BEGIN + "\n" + table(detectors(binary)) + "\n" + END + tail
    if check:
        if updated != text:
            print(f"{readme}: the detector table does not match 'maskrun policy show --builtin'; "
                  "run 'make readme-detectors'", file=sys.stderr)
            sys.exit(1)
        return
    if updated != text:
        with open(readme, "w") as f:
            f.write(updated)


if __name__ == "__main__":
    main()
