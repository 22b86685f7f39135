"""Typed input, through a real pty driver at 100 ms a key (SPEC §4): the masked recording
and the audit log never hold a piece of a secret typed key by key, and keys typed after a
password prompt read as one growing mask on the terminal."""
import json
import time

from ptydriver import PtySession

TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"


def pieces(secret, size=8):
    return [secret[i:i + size] for i in range(0, len(secret) - size + 1)]


def type_keys(session, keys, delay=0.1):
    for key in keys:
        session.write(key.encode() if isinstance(key, str) else key)
        time.sleep(delay)
        session._read_available(0)


def test_a_token_typed_key_by_key_never_reaches_the_recording_or_the_audit_log(maskrun, tmp_path):
    cast, audit, text = tmp_path / "k.cast", tmp_path / "a.jsonl", tmp_path / "k.txt"
    s = PtySession([maskrun, "--log", str(cast), "--audit", str(audit), "--", "cat"])
    try:
        time.sleep(0.3)
        type_keys(s, list(TOKEN) + ["\r"])
        s.read_until(b"[MASKED:github-token]")  # cat's copy of the line, masked whole
        s.write(b"\x04")
        assert s.wait() == 0
    finally:
        s.close()
    recorded = cast.read_text()
    log = audit.read_text()
    for piece in pieces(TOKEN):
        assert piece not in recorded, f"recording holds {piece!r}"
        assert piece not in log, f"audit log holds {piece!r}"
    # The recording shows the echo and cat's line, both masked whole.
    events = [json.loads(line) for line in recorded.splitlines()[1:]]
    shown = "".join(e[2] for e in events if e[1] == "o")
    assert shown.count("[MASKED:github-token]") == 2
    rules = [json.loads(line).get("rule") for line in log.splitlines()]
    assert rules.count("github-token") == 2
    # What the live terminal showed (documented in README): each key's echo after the
    # 30 ms window, as typed (a token is not complete before the key after its last one),
    # then cat's copy of the line masked.
    live = s.output.decode(errors="replace")
    assert live == TOKEN + "\r\n[MASKED:github-token]\r\n"


def test_a_password_typed_after_read_p_reads_as_one_growing_mask(maskrun, tmp_path):
    script = 'read -p "Password: " a; read -p "Password: " b; echo done'
    s = PtySession([maskrun, "--", "bash", "--norc", "-c", script])
    try:
        s.read_until(b"Password: ")
        time.sleep(0.2)
        type_keys(s, list("hunter2x") + [b"\x7f", "2", "\r"])
        s.read_until(b"Password: ", timeout=5)
        while s.output.count(b"Password: ") < 2:
            s._read_available(0.1)
        time.sleep(0.2)
        type_keys(s, list("s3cr3t!") + ["\r"])
        assert s.wait() == 0
    finally:
        s.close()
    live = s.output.decode(errors="replace")
    for secret in ("hunter2", "s3cr3t"):
        assert secret[:3] not in live.replace("Password: ", "")
    # Each answer is one mask that grows a star per key, with the erase as the terminal did it.
    first, second = live.split("Password: ")[1:3]
    assert first.startswith("[MASKED:secret-field]******") and first.count("[MASKED") == 1
    assert "\b \b" in first
    assert second.startswith("[MASKED:secret-field]*****") and second.count("[MASKED") == 1
    assert live.count("Password: ") == 2 and "done" in live
