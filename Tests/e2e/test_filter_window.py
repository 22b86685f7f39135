"""maskrun filter keeps the flush window of SPEC §4 as the session loop does: only the
source's silence releases held bytes. A reader that stalls (backpressure) is not the
source being silent: a secret whose rest arrives soon after the stalled write finishes
is masked whole."""
import fcntl
import os
import subprocess
import threading
import time

from conftest import run

FLUSH = 0.4  # seconds
STALL = 1.2  # the reader stalls for three flush windows
SECRET = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
FILLER = b"".join(b"build step %05d ok\n" % i for i in range(1800))  # 32 KiB: more than the output pipe holds


def pieces(secret, size=8):
    return {secret[i:i + size] for i in range(len(secret) - size + 1)}


def test_a_stalled_reader_does_not_release_half_a_secret_in_filter(maskrun):
    head, rest = f"token {SECRET[:14]}".encode(), f"{SECRET[14:]} ok\n".encode()
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    env.pop("MASKRUN_POLICY", None)
    expected = run([maskrun, "filter"], input=FILLER + head + rest).stdout
    assert SECRET.encode() not in expected and b"[MASKED:github-token]" in expected

    proc = subprocess.Popen([maskrun, "filter", "--flush-after", f"{int(FLUSH * 1000)}ms"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    fcntl.fcntl(proc.stdout.fileno(), 1031, 4096)  # F_SETPIPE_SZ: maskrun's write blocks at once
    reading = threading.Event()

    def source():
        # The filler and the secret's start go in one write; maskrun then blocks writing
        # the filler to the stalled reader, for longer than the window.
        proc.stdin.write(FILLER + head)
        proc.stdin.flush()
        reading.wait(30)
        time.sleep(FLUSH * 0.4)  # the rest comes well within the window after the stall
        proc.stdin.write(rest)
        proc.stdin.close()

    writer = threading.Thread(target=source)
    writer.start()
    time.sleep(STALL)
    reading.set()
    output = b""
    while chunk := os.read(proc.stdout.fileno(), 65536):
        output += chunk
    writer.join()
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    shown = output.decode(errors="replace")
    assert not [p for p in pieces(SECRET) if p in shown], "part of the secret was released"
    assert output == expected
