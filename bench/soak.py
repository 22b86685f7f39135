"""The soak test's two halves (bench/soak.sh runs it):

  soak.py emit SECONDS    prints mixed output with planted secrets for SECONDS seconds:
                          log lines, JSON, colour, a long line now and then, each secret
                          drawn from SECRETS below; ends with a count line.
  soak.py drive SECONDS MASKRUN   runs `MASKRUN -- python3 soak.py emit SECONDS` on a pty
                          whose reader stalls (sleeps between slow reads), samples
                          maskrun's RSS, and reports RSS over time, throughput and every
                          secret that reached the terminal.
"""
import os
import pty
import random
import select
import subprocess
import sys
import time

# Values the default policy masks (one per family the emitter plants); the leak check
# looks for each in the terminal output.
SECRETS = [
    "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY",
    "AKIAQ7MZ4RX2WJTKP5NB",
    "xoxb-2934857610-4958372615-Zq8Wm3Kp5Rt7Yv9Bx2Nc4Df6",
    "glpat-Xc8LQm4ZpT7vW1yK3nB6",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dcR2d9Xc8LQm",
]
PASSWORD = "hunter2-correct-horse-battery"


def emit(seconds):
    rng = random.Random(1)
    end = time.monotonic() + seconds
    planted = 0
    out = sys.stdout.buffer
    while time.monotonic() < end:
        for _ in range(200):
            kind = rng.randrange(10)
            secret = rng.choice(SECRETS)
            if kind < 4:
                out.write(b"2026-12-01T10:00:00Z INFO request id=%d path=/api/v1/items took=%dms\n"
                          % (rng.randrange(10**6), rng.randrange(900)))
            elif kind < 6:
                out.write(b"token %s sent\n" % secret.encode())
                planted += 1
            elif kind == 6:
                out.write(b'{"user": "ana", "password": "%s", "ok": true}\n' % PASSWORD.encode())
                planted += 1
            elif kind == 7:
                out.write(b"\x1b[32mOK\x1b[0m key=\x1b[1m%s\x1b[0m\n" % secret.encode())
                planted += 1
            elif kind == 8:
                out.write(b"x" * rng.randrange(1, 20000) + b" " + secret.encode() + b"\n")
                planted += 1
            else:
                out.write(bytes(rng.randrange(32, 127) for _ in range(rng.randrange(80))) + b"\n")
        out.flush()
    out.write(b"soak-end planted=%d\n" % planted)
    out.flush()


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def drive(seconds, maskrun):
    master, slave = pty.openpty()
    proc = subprocess.Popen([maskrun, "--", sys.executable, os.path.abspath(__file__), "emit", str(seconds)],
                            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    os.close(slave)
    rng = random.Random(2)
    start = time.monotonic()
    tail = b""
    total = 0
    leaks = {secret: 0 for secret in SECRETS + [PASSWORD]}
    samples = []
    next_sample = start
    stalls = 0
    masks = 0
    planted = None
    while True:
        now = time.monotonic()
        if now >= next_sample:
            samples.append((now - start, rss_kib(proc.pid)))
            next_sample += 10
        if rng.randrange(200) == 0:   # the stalling reader: stops reading for a while
            time.sleep(rng.uniform(0.05, 1.0))
            stalls += 1
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, rng.choice([64, 1024, 65536]))
        except OSError:
            break
        if not chunk:
            break
        total += len(chunk)
        # Secrets may straddle reads: search the chunk with the end of the previous one.
        window = tail + chunk
        for secret in leaks:
            leaks[secret] += window.count(secret.encode())
        masks += window.count(b"[MASKED:") - tail.count(b"[MASKED:")
        if b"soak-end planted=" in window:
            planted = int(window.split(b"soak-end planted=")[1].split()[0] or 0) if b"\n" in window.split(b"soak-end planted=")[1] else planted
        tail = window[-64:]
    status = proc.wait()
    elapsed = time.monotonic() - start
    print(f"maskrun exited {status} after {elapsed:.0f} s; {stalls} reader stalls")
    print(f"throughput through the pty: {total / elapsed / 1e6:.1f} MB/s ({total / 1e6:.0f} MB)")
    print("RSS over time (s, MiB):", " ".join(f"{t:.0f}:{(r or 0) / 1024:.1f}" for t, r in samples))
    peaks = [r for _, r in samples if r]
    if peaks:
        print(f"RSS first {peaks[0] / 1024:.1f} MiB, last {peaks[-1] / 1024:.1f} MiB, peak {max(peaks) / 1024:.1f} MiB")
    print(f"planted {planted} secrets, saw {masks} masks")
    leaked = sum(leaks.values())
    print(f"secrets leaked: {leaked}" + ("" if leaked == 0 else f" {leaks}"))
    return 1 if leaked or status != 0 or planted is None or masks < planted else 0


if __name__ == "__main__":
    if sys.argv[1] == "emit":
        emit(float(sys.argv[2]))
    else:
        sys.exit(drive(float(sys.argv[2]), sys.argv[3]))
