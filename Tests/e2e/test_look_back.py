"""Tokens whose mark comes after their start (Mailchimp's `-us`, MaxMind's `_mmk`, Entra's
`Q~`, Terraform's `.atlasv1.`), through `filter` and the pty: masked whole, also when the
program writes the token's start, pauses within the flush window, then writes the rest.
A typed key's echo is not held back for them. The tokens are random strings written for
these tests."""
import os
import subprocess
import sys
import time

from conftest import run
from ptydriver import PtySession
from test_typed_input import wait_for_raw_mode

TOKENS = {
    "mailchimp-api-key": "0f7a2c9e41b86d35e0c4a7f19b2d6e83-us6",
    "maxmind-license-key": "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",
    "azure-ad-client-secret": "u~P5Q~Hn2Wq8Ec4Rv6Tb1Ym7Ux3Iz9Ok0Lp.As_D",
    "terraform-cloud-token": "Qd4Fg7Jk2Lz5Xc.atlasv1.Nb8Mv1Cx4Za7Sd0Fg3Hj6Kl9Qw2Er5Ty8Ui1Op4As7Df0Gh3Jk6Lz9Xc2Vb5Nm8Q",
}


def pieces(token, size=6):
    return {token[i:i + size] for i in range(len(token) - size + 1)}


def printer(token, cut, pause):
    """A program that prints `key: ` and the token's first `cut` bytes, pauses, then the rest."""
    code = ("import sys, time; w = sys.stdout.buffer; "
            f"w.write(b'key: {token[:cut]}'); w.flush(); time.sleep({pause}); "
            f"w.write(b'{token[cut:]} end\\n'); w.flush()")
    return [sys.executable, "-c", code]


def test_each_token_is_masked_whole_through_filter(maskrun):
    for rule, token in TOKENS.items():
        out = run([maskrun, "filter"], input=f"A {token}\n'{token}'\n".encode())
        assert out.returncode == 0
        assert out.stdout.decode() == f"A [MASKED:{rule}]\n'[MASKED:{rule}]'\n"


MARKS = {"mailchimp-api-key": "-us", "maxmind-license-key": "_mmk",
         "azure-ad-client-secret": "Q~", "terraform-cloud-token": ".atlasv1."}


def test_a_token_cut_before_its_mark_by_a_pause_is_masked_whole_in_filter(maskrun):
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    env.pop("MASKRUN_POLICY", None)
    for rule, token in TOKENS.items():
        # Cut in the token's first bytes and right before its mark.
        for cut in (2, token.index(MARKS[rule]) - (1 if rule == "azure-ad-client-secret" else 0)):
            source = subprocess.Popen(printer(token, cut, 0.3), stdout=subprocess.PIPE)
            live = subprocess.run([maskrun, "filter", "--flush-after", "3s"], stdin=source.stdout,
                                  capture_output=True, env=env)
            source.wait()
            assert live.stdout.decode() == f"key: [MASKED:{rule}] end\n", (rule, cut)


def test_a_token_cut_anywhere_by_a_pause_shows_none_of_it_under_the_pty(maskrun):
    token = TOKENS["mailchimp-api-key"]
    for cut in (1, 9, 31, 32, 33):
        s = PtySession([maskrun, "--flush-after", "3s", "--"] + printer(token, cut, 0.3))
        try:
            assert s.wait() == 0
        finally:
            s.close()
        shown = s.output.decode(errors="replace")
        assert "key: [MASKED:mailchimp-api-key] end" in shown, (cut, shown)
        assert not [p for p in pieces(token) if p in shown], (cut, shown)


def test_two_keys_echoed_in_one_read_are_not_held_for_the_flush_window(maskrun):
    # `de` could begin a Mailchimp key or a Terraform token; typed, it is shown at once.
    s = PtySession([maskrun, "--flush-after", "5s", "--", "cat"])
    try:
        wait_for_raw_mode(s)
        time.sleep(0.2)
        start = time.monotonic()
        s.write(b"de")
        s.read_until(b"de", timeout=4)
        assert time.monotonic() - start < 2.5, "the echo waited for the flush window"
        s.write(b"\r\x04")
        assert s.wait() == 0
    finally:
        s.close()
