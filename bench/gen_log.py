#!/usr/bin/env python3
"""Writes realistic log text of about SIZE_MB megabytes to stdout: access logs, JSON lines,
key=value application logs, stack traces, env dumps, with a planted secret now and then."""
import random
import sys

size = int(float(sys.argv[1] if len(sys.argv) > 1 else 100) * 1024 * 1024)
rng = random.Random(1234)
words = ("request completed user order payment cache miss hit retry timeout connected closed "
         "worker started shutdown queue message processed invoice shipment token count password "
         "reset email sent session renewed upstream latency").split()
secrets = [
    "AWS_ACCESS_KEY_ID=AKIAZ3MSJV4WWNKWW5FG",
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "GITHUB_TOKEN=ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY",
    'db_password="s3cr3t-Pa55word"',
    "connecting to postgres://app:s3cr3t-Pa55@db.internal:5432/app",
    "slack xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d",
]

def line(i):
    kind = rng.random()
    ts = f"2026-11-25T14:{i % 60:02d}:{(i * 7) % 60:02d}.{i % 1000:03d}Z"
    if kind < 0.001:
        return f"{ts} WARN leaked {rng.choice(secrets)}\n"
    if kind < 0.35:
        return (f'10.0.{i % 256}.{(i * 3) % 256} - - [{ts}] "GET /api/v1/orders/{i}?page={i % 9} HTTP/1.1" '
                f'200 {rng.randint(100, 99999)} "-" "curl/8.5.0"\n')
    if kind < 0.65:
        return ('{"ts":"%s","level":"info","msg":"%s","user_id":%d,"trace":"%032x","duration_ms":%d}\n'
                % (ts, " ".join(rng.choices(words, k=5)), i, rng.getrandbits(128), rng.randint(1, 900)))
    if kind < 0.9:
        return (f"{ts} level=info component=worker-{i % 7} event={rng.choice(words)} "
                f"sha=sha256:{rng.getrandbits(256):064x} count={rng.randint(0, 9999)} ok=true\n")
    if kind < 0.97:
        return f'  File "/srv/app/{rng.choice(words)}.py", line {rng.randint(1, 999)}, in handle_{rng.choice(words)}\n'
    return f"{ts} ERROR {' '.join(rng.choices(words, k=12))}\n"

out = sys.stdout
written = 0
i = 0
chunk = []
while written < size:
    text = line(i)
    chunk.append(text)
    written += len(text)
    i += 1
    if len(chunk) >= 10000:
        out.write("".join(chunk))
        chunk = []
out.write("".join(chunk))
