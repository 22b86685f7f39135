"""Fail closed at the bound on held bytes (SPEC §4), end to end: values far longer than what
maskrun holds back are masked whole, in run mode (the pty hands them over in small reads)
exactly as in filter mode (large reads)."""
import base64
import json
import random

import pytest

from conftest import run


def value(length, seed):
    rng = random.Random(seed)
    return base64.b64encode(bytes(rng.randrange(256) for _ in range(length))).decode()[:length]


def pieces(secret, size=8):
    return {secret[i:i + size] for i in range(0, len(secret) - size + 1)}


def kubernetes_secret(fmt):
    values = {"big.crt": value(40_000, 1), "password": value(24, 2), "token": value(28, 3)}
    if fmt == "yaml":
        text = "apiVersion: v1\ndata:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items())
        text += "kind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
    else:
        text = json.dumps({"apiVersion": "v1", "data": values, "kind": "Secret",
                           "metadata": {"name": "db"}, "type": "Opaque"}, indent=4) + "\n"
    return text, list(values.values()), ["kind", "Secret", "name", "db", "Opaque"]


def password_value():
    secret = value(100_000, 4).replace("+", "x").replace("/", "y")
    return f"before\npassword: {secret}\nafter\n", [secret], ["before\n", "password: ", "\nafter\n"]


def key_block():
    lines = [value(64, 100 + i) for i in range(16_000)]
    text = "key:\n-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\ndone\n"
    return text, lines, ["key:\n", "\ndone\n"]


CASES = {
    "kubernetes-yaml-40k": lambda: kubernetes_secret("yaml"),
    "kubernetes-json-40k": lambda: kubernetes_secret("json"),
    "password-100k": password_value,
    "key-block-1m": key_block,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_long_value_is_masked_whole_in_run_and_filter_mode(maskrun, tmp_path, case):
    text, secrets, kept = CASES[case]()
    path = tmp_path / "input.txt"
    path.write_text(text)
    filtered = run([maskrun, "filter"], input=text.encode())
    ran = run([maskrun, "--", "cat", str(path)])  # stdout a pipe: line endings as written
    assert filtered.returncode == 0 and ran.returncode == 0
    for output in (filtered.stdout, ran.stdout):
        shown = output.decode(errors="replace")
        for secret in secrets:
            leaked = [p for p in pieces(secret) if p in shown]
            assert not leaked, f"{len(leaked)} pieces leaked, e.g. {leaked[0]!r}"
        for part in kept:
            assert part in shown
    assert ran.stdout == filtered.stdout
