#!/usr/bin/env python3
"""Writes the long-value inputs of bench/long_values.sh into DIR: Kubernetes Secrets whose
first value is 40 KB (YAML and JSON), a 100 KB `password:` value, a 1 MB key block, and a
10 MB `password=` value without a line end."""
import base64
import json
import os
import random
import sys

out = sys.argv[1]
rng = random.Random(7)


def value(length):
    return base64.b64encode(rng.randbytes(length)).decode()[:length]


data = {"big.crt": value(40_000), "password": value(24), "token": value(28)}
with open(os.path.join(out, "secret.yaml"), "w") as f:
    f.write("apiVersion: v1\ndata:\n" + "".join(f"  {k}: {v}\n" for k, v in data.items())
            + "kind: Secret\nmetadata:\n  name: db\n")
with open(os.path.join(out, "secret.json"), "w") as f:
    f.write(json.dumps({"apiVersion": "v1", "data": data, "kind": "Secret", "metadata": {"name": "db"}}, indent=4))
with open(os.path.join(out, "password.txt"), "w") as f:
    f.write("password: " + value(100_000).replace("+", "x").replace("/", "y") + "\n")
with open(os.path.join(out, "key.pem"), "w") as f:
    f.write("-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(value(64) for _ in range(16_000))
            + "\n-----END RSA PRIVATE KEY-----\n")
with open(os.path.join(out, "endless.txt"), "w") as f:
    f.write("password=" + "q" * 10_000_000)
