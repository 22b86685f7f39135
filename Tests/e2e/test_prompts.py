"""Prompts printed without a newline reach the terminal at once, not after the flush window,
whatever their last character and whatever detector could begin there (SPEC §4), while a
secret printed in pieces after the prompt is still never shown in part."""
import sys
import time

import pytest

from ptydriver import PtySession

TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"

# Each prompt once held its end back for the whole window: a non-space last character
# (kept back in case a backspace draws over it), a quote, a URL, a shell prompt's `$ `
# (password hashes begin with `$`).
PROMPTS = [
    "password:", "Enter PIN:", "Password for 'https://ci@git.example.org': ",
    "user@host:~$ ", "$ ", "root@box:/srv# ", "Password: ", "Enter passphrase for key '/root/.ssh/id_ed25519': ",
]

# Prints the prompt, waits for a line typed without echo (as a password prompt does), then
# prints the secret right after the prompt in pieces 20 ms apart (far shorter than the 30 s
# window: the pieces must be joined, never shown alone), then the suffix.
PRINTER = """
import os, sys, termios, time
mode = termios.tcgetattr(0)
mode[3] &= ~termios.ECHO
termios.tcsetattr(0, termios.TCSANOW, mode)
os.write(1, sys.argv[1].encode())
sys.stdin.readline()
secret = sys.argv[2]
for i in range(0, len(secret), 5):
    os.write(1, secret[i:i + 5].encode())
    time.sleep(0.02)
os.write(1, sys.argv[3].encode())
"""


def pieces(secret, size=8):
    return [secret[i:i + size] for i in range(len(secret) - size + 1)]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_a_prompt_shows_at_once_and_a_secret_after_it_only_masked(maskrun, prompt):
    s = PtySession([maskrun, "--flush-after", "30s", "--", sys.executable, "-c", PRINTER, prompt, TOKEN, "\ndone\n"])
    try:
        start = time.monotonic()
        s.read_until(prompt.encode(), timeout=5)  # long before the 30 s window
        assert time.monotonic() - start < 5
        s.write(b"\r")
        assert s.wait(timeout=60) == 0
        shown = s.output.decode(errors="replace")
        assert "[MASKED:" in shown.split(prompt, 1)[1], shown
        leaked = [piece for piece in pieces(TOKEN) if piece in shown]
        assert not leaked, shown
        assert shown.rstrip().endswith("done"), shown
    finally:
        s.close()


def test_a_quoted_prompt_value_is_never_shown_in_part(maskrun):
    """`api_key = '` then a value printed in pieces: the name and joint show at once, the
    value only masked."""
    s = PtySession([maskrun, "--flush-after", "30s", "--", sys.executable, "-c", PRINTER, "api_key = '", "k8Lq2Wz7Xr4Tm9Vb3Nc6", "' end\n"])
    try:
        s.read_until(b"api_key = ", timeout=5)  # long before the 30 s window
        s.write(b"\r")
        assert s.wait(timeout=60) == 0
        shown = s.output.decode(errors="replace")
        assert not [piece for piece in pieces("k8Lq2Wz7Xr4Tm9Vb3Nc6", 6) if piece in shown], shown
        assert "[MASKED:secret-field]" in shown, shown
    finally:
        s.close()
