"""Typed input, through a real pty driver at 100 ms a key (SPEC §4): the masked recording
and the audit log never hold a piece of a secret typed key by key, and keys typed after a
password prompt read as one growing mask on the terminal."""
import json
import termios
import time

from ptydriver import PtySession

TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"


def pieces(secret, size=8):
    return [secret[i:i + size] for i in range(0, len(secret) - size + 1)]


def wait_for_raw_mode(session, timeout=10):
    """Waits until maskrun has put the terminal in raw mode: keys typed before would be
    echoed by the outer terminal itself, not by the command."""
    deadline = time.monotonic() + timeout
    while session.attributes()[3] & termios.ECHO:
        assert time.monotonic() < deadline, "maskrun never set raw mode"
        time.sleep(0.02)


def type_keys(session, keys, delay=0.1):
    for key in keys:
        session.write(key.encode() if isinstance(key, str) else key)
        time.sleep(delay)
        session._read_available(0)


def screen(output, columns=80):
    """What a terminal shows after `output`: printable ASCII, backspace, carriage return,
    line feed and ESC [ K (erase to the end of the line); other sequences are skipped."""
    lines, row, col, i = [[]], 0, 0, 0
    while i < len(output):
        c = output[i]
        if output.startswith("\x1b[K", i):
            del lines[row][col:]
            i += 3
            continue
        if c == "\x1b":
            i += 1
            while i < len(output) and not ("@" <= output[i] <= "~" and output[i] != "["):
                i += 1
        elif c == "\b":
            col = max(0, col - 1)
        elif c == "\r":
            col = 0
        elif c == "\n":
            row += 1
            lines.append([])
        elif c >= " ":
            line = lines[row]
            line.extend(" " * (col + 1 - len(line)))
            line[col] = c
            col += 1
        i += 1
    return ["".join(line) for line in lines]


def test_a_token_typed_key_by_key_never_reaches_the_recording_or_the_audit_log(maskrun, tmp_path):
    cast, audit, text = tmp_path / "k.cast", tmp_path / "a.jsonl", tmp_path / "k.txt"
    s = PtySession([maskrun, "--log", str(cast), "--audit", str(audit), "--", "cat"])
    try:
        wait_for_raw_mode(s)
        time.sleep(0.2)
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
    # 30 ms window, as typed (a token is not complete before the key after its last one);
    # once it is, it is redrawn masked where it stands. cat's copy of the line is masked.
    live = s.output.decode(errors="replace")
    assert live.startswith(TOKEN[:-1])
    assert screen(live)[:2] == ["[MASKED:github-token]", "[MASKED:github-token]"]


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
    shown = screen(live)
    # Each answer is one mask from its first key on, growing a star per key after it
    # ("hunter2x", erase, "2": 8 keys shown, one erased; "s3cr3t!": 7 keys), the erase done
    # as the terminal does it; the next prompt stays readable.
    assert shown[0] == "Password: [MASKED:secret-field]" + "*" * 7, shown
    assert shown[1] == "Password: [MASKED:secret-field]" + "*" * 6, shown
    assert shown[2] == "done", shown
    first = live.split("Password: ")[1]
    assert "\b \b" in first and first.count("[MASKED") == 1


def test_a_token_typed_at_a_prompt_naming_it_never_shows(maskrun, tmp_path):
    # A token's name is weaker than a password's ("token: expired" is prose), but keys
    # echoed one by one after it cannot be judged before they are shown: masked from the first.
    token = "Zk8pQ2mL7nR4tV9x"
    s = PtySession([maskrun, "--", "bash", "--norc", "-c", 'read -p "Enter API token: " t; echo done'])
    try:
        s.read_until(b"Enter API token: ")
        time.sleep(0.2)
        type_keys(s, list(token) + ["\r"])
        assert s.wait() == 0
    finally:
        s.close()
    live = s.output.decode(errors="replace")
    assert token[:2] not in live, live
    shown = screen(live)
    assert shown[0] == "Enter API token: [MASKED:secret-field]" + "*" * (len(token) - 1), shown
    assert shown[1] == "done", shown


def test_a_name_and_its_joint_show_at_once_while_the_value_waits(maskrun, tmp_path):
    """A program prints `password: ` and the first bytes of a value, then pauses: the name
    and joint are public text and show at once, long before the flush window ends, while
    the value's bytes are held and then shown only masked, never in part (SPEC §4)."""
    script = "printf 'password: hun'; sleep 4; printf 'ter22\\ndone\\n'"
    s = PtySession([maskrun, "--flush-after", "30s", "--", "sh", "-c", script])
    try:
        s.read_until(b"password: ", timeout=3)  # well before the 30 s window
        time.sleep(0.5)
        s._read_available(0.1)
        assert b"hun" not in s.output
        assert s.wait() == 0
        shown = s.output.decode(errors="replace")
        assert "password: [MASKED:secret-field]" in shown and "done" in shown
        assert "hun" not in shown and "ter22" not in shown
    finally:
        s.close()
