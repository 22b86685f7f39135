"""Leak nothing under real conditions (SPEC §4), as a property under a real pty: a child
writes a corpus with secrets of every detector family in random pieces, maskrun's stdout
is a small pipe drained by a reader that stalls for longer than the flush window, and
maskrun itself is stopped and continued at random. Whatever happens, the output equals
`maskrun filter` on the same bytes, and no 8-character piece of any secret appears."""
import fcntl
import os
import random
import signal
import subprocess
import sys
import threading
import time

from conftest import run

FLUSH = 0.2  # seconds, given as --flush-after
ESC = "\x1b"

# One or more per detector family: (line as the command prints it, the secret in it).
SECRETS = [
    ("OPENAI_API_KEY=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",
     "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"),
    ("aws_access_key_id = AKIAZ3MSJV4WWNKWW5FG", "AKIAZ3MSJV4WWNKWW5FG"),
    ("aws_secret_access_key = 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", "0xdmrzzbSZf6/I/pA0eMrVJas1LqFYkTFOK8dlEO"),
    ("DATABASE_URL=postgres://app:x5WBtAlPnHFWXTyt@db.internal:5432/app", "x5WBtAlPnHFWXTyt"),
    ("DB_PASSWORD=yboGSogM7kllmN", "yboGSogM7kllmN"),
    ("VAULT_TOKEN=hvs.1HOmROahkvtmowjLLPd6uT3Y", "hvs.1HOmROahkvtmowjLLPd6uT3Y"),
    ("SLACK_TOKEN=xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d",
     "xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d"),
    ("stripe.api_key = 'sk_test_4J9Gg4X1iR8s5i6pzyE58Rvu'", "sk_test_4J9Gg4X1iR8s5i6pzyE58Rvu"),
    ("card=4355785419473367 exp=12/29", "4355785419473367"),
    ("IBAN: DE43851379693598805118", "DE43851379693598805118"),
    ("NPM_TOKEN=npm_sN6siQetJKEP5eofyusOxah6jql9D9GFGvFR", "npm_sN6siQetJKEP5eofyusOxah6jql9D9GFGvFR"),
    ("NOTION_TOKEN=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", "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"),
    ("token ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY ok", "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"),
    ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
     "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
    # Colour and a pager's line wrap inside a token.
    (f"grep: ghp_Qz7d{ESC}[01;31m{ESC}[KXc8LQm4ZpT7vW1yK3nB6sH0aJf{ESC}[m \bE5uGxY{ESC}[m{ESC}[K",
     "ghp_Qz7dXc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"),
]
KEY_BODY = ["b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
            "QyNTUxOQAAACBkZXBsb3ktZGVtby1rZXktMDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1u"]
KEY_BLOCK = ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(KEY_BODY) + "\n-----END OPENSSH PRIVATE KEY-----")
WORDS = "build step cache layer pulled done ok running tests compile link module package ready".split()

# The child: output processing off, so the pty passes the bytes unchanged (as filter sees
# them); then the corpus in random pieces of 1-7 bytes, and now and then 4 KiB.
CHILD = r"""
import os, random, sys, termios
attrs = termios.tcgetattr(1)
attrs[1] &= ~termios.OPOST
termios.tcsetattr(1, termios.TCSANOW, attrs)
data = open(sys.argv[1], "rb").read()
rng = random.Random(int(sys.argv[2]))
i = 0
while i < len(data):
    n = 4096 if rng.random() < 0.02 else rng.randint(1, 7)
    i += os.write(1, data[i:i + n])
"""


def corpus(rng, size=40_000):
    lines = []
    while sum(len(line) + 1 for line in lines) < size:
        choice = rng.random()
        if choice < 0.45:
            lines.append(rng.choice(SECRETS)[0])
        elif choice < 0.5:
            lines.append(KEY_BLOCK)
        else:
            lines.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))))
    return ("\n".join(lines) + "\n").encode()


def pieces(secret, size=8):
    return {secret[i:i + size] for i in range(len(secret) - size + 1)}


def leaks(output):
    shown = output.decode(errors="replace")
    found = []
    for secret in [s for _, s in SECRETS] + KEY_BODY:
        found += [p for p in pieces(secret) if p in shown]
    return found


def run_under_pressure(maskrun, path, seed):
    """Runs the child under maskrun with a stalling reader and random SIGSTOP/SIGCONT;
    returns (output, stalls, stops)."""
    rng = random.Random(seed)
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    env.pop("MASKRUN_POLICY", None)
    proc = subprocess.Popen(
        [maskrun, "--flush-after", f"{int(FLUSH * 1000)}ms", "--", sys.executable, "-c", CHILD, str(path), str(seed)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    fcntl.fcntl(proc.stdout.fileno(), 1031, 4096)  # F_SETPIPE_SZ: writes block soon
    counts = {"stops": 0}
    done = threading.Event()

    def stopper():
        local = random.Random(seed + 1)
        while not done.wait(local.uniform(0.05, 0.4)):
            try:
                os.kill(proc.pid, signal.SIGSTOP)
                counts["stops"] += 1
                time.sleep(local.uniform(FLUSH * 1.2, FLUSH * 2.5))
                os.kill(proc.pid, signal.SIGCONT)
            except ProcessLookupError:
                return

    thread = threading.Thread(target=stopper)
    thread.start()
    output, stalls = b"", 0
    try:
        while True:
            chunk = os.read(proc.stdout.fileno(), rng.choice([64, 512, 4096]))
            if not chunk:
                break
            output += chunk
            if rng.random() < 0.15:
                stalls += 1
                time.sleep(rng.uniform(FLUSH * 1.2, FLUSH * 3))
    finally:
        done.set()
        thread.join()
        try:
            os.kill(proc.pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
        proc.wait(timeout=60)
        proc.stderr.read()
    assert proc.returncode == 0
    return output, stalls, counts["stops"]


def test_output_equals_filter_and_no_secret_leaks_under_stalls_and_stops(maskrun, tmp_path):
    totals = {"runs": 0, "stalls": 0, "stops": 0, "secrets": 0, "leaks": 0}
    for seed in range(4):
        data = corpus(random.Random(seed))
        path = tmp_path / f"corpus{seed}.txt"
        path.write_bytes(data)
        expected = run([maskrun, "filter", "--flush-after", f"{int(FLUSH * 1000)}ms"], input=data).stdout
        assert not leaks(expected)
        output, stalls, stops = run_under_pressure(maskrun, path, seed)
        found = leaks(output)
        totals["runs"] += 1
        totals["stalls"] += stalls
        totals["stops"] += stops
        totals["secrets"] += sum(data.count(s.encode()) for _, s in SECRETS) + data.count(KEY_BLOCK.encode())
        totals["leaks"] += len(found)
        assert not found, f"seed {seed}: leaked {sorted(found)[:5]}"
        assert output == expected, f"seed {seed}: run mode differs from filter"
    print(f"\nbackpressure property: {totals}")
