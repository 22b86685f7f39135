"""A policy can require recipients for every raw log (SPEC §5): under
`logs: { require_raw_recipients: true }` no raw recording is ever written in clear, whoever
names it; a bad value for the key is a located policy error; the command never runs when
either is refused. Encryption is checked by the real age decrypting what maskrun wrote."""
import os
import subprocess

import pytest

from conftest import require_tool, run

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
# What the command prints, and so what the raw recording must hold byte for byte.
PRINTED = f"deploy token {GITHUB_TOKEN}\ndone\n".encode()
COMMAND = ["printf", "%s", PRINTED.decode()]


def policy_file(tmp_path, logs_lines, name="policy.yml"):
    """A policy whose `logs:` mapping is `logs_lines`; returns its path and, for each line,
    the 1-based line number it sits on, to check located messages against."""
    path = tmp_path / name
    path.write_text("version: 1\nlogs:\n" + "".join(f"  {line}\n" for line in logs_lines))
    return str(path)


def decrypt(path, key):
    age = require_tool("age")
    return subprocess.run([age, "-d", "-i", str(key), str(path)], capture_output=True, check=True).stdout


def refused_before_running(result, marker):
    assert result.returncode == 125, result.stderr
    assert not marker.exists(), "the command ran"


# ---- refused -------------------------------------------------------------------------------

@pytest.mark.parametrize("raw_name", ["raw.txt", "raw.cast", "sub/raw-{pid}.txt"])
def test_a_raw_log_on_the_command_line_without_a_recipient_is_refused(maskrun, tmp_path, raw_name):
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    out = tmp_path / "out"
    out.mkdir()
    marker = out / "ran"
    result = run([maskrun, "--policy", policy, "--log-format", "text", "--raw-log", str(out / raw_name),
                  "--", "touch", str(marker)])
    refused_before_running(result, marker)
    # Located at the value that asks for it: line 3, column 27 (after "  require_raw_recipients: ").
    assert result.stderr.startswith(f"maskrun: {policy}:3:27: logs.require_raw_recipients".encode()), result.stderr
    assert b"--raw-log" in result.stderr and b"--raw-recipient" in result.stderr
    assert os.listdir(out) == []  # no file, not even the sub-directory


def test_a_raw_log_named_in_the_policy_without_a_recipient_is_refused(maskrun, tmp_path):
    raw = tmp_path / "raw.txt"
    policy = policy_file(tmp_path, [f"raw: {raw}", "require_raw_recipients: true"])
    marker = tmp_path / "ran"
    result = run([maskrun, "--policy", policy, "--", "touch", str(marker)])
    refused_before_running(result, marker)
    assert f"{policy}:4:27: logs.require_raw_recipients".encode() in result.stderr
    assert b"logs.raw" in result.stderr
    assert not raw.exists()


def test_filter_is_held_to_the_same_requirement(maskrun, tmp_path):
    raw = tmp_path / "raw.txt"
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    result = run([maskrun, "filter", "--policy", policy, "--raw-log", str(raw)], input=PRINTED)
    assert result.returncode == 125 and result.stdout == b""
    assert f"{policy}:3:27:".encode() in result.stderr
    assert not raw.exists()


def test_a_recipients_file_with_no_recipient_in_it_does_not_satisfy_it(maskrun, tmp_path):
    listed = tmp_path / "recipients.txt"
    listed.write_text("# the auditors' keys go here\n\n")
    raw = tmp_path / "raw.txt"
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    marker = tmp_path / "ran"
    result = run([maskrun, "--policy", policy, "--raw-log", str(raw), "--raw-recipients-file", str(listed),
                  "--", "touch", str(marker)])
    refused_before_running(result, marker)
    assert not raw.exists()


@pytest.mark.parametrize("value, column", [
    ("yes", 27), ("1", 27), ("'true'", 27), ("[true]", 27), ("{}", 27), ("~", 27),
])
def test_a_value_other_than_true_or_false_is_a_located_policy_error(maskrun, tmp_path, value, column):
    policy = policy_file(tmp_path, [f"require_raw_recipients: {value}"])
    marker = tmp_path / "ran"
    result = run([maskrun, "--policy", policy, "--", "touch", str(marker)])
    refused_before_running(result, marker)
    expected = f"{policy}:3:{column}: logs.require_raw_recipients must be true or false"
    assert expected.encode() in result.stderr, result.stderr
    checked = run([maskrun, "policy", "check", policy])
    assert checked.returncode != 0 and expected.encode() in checked.stderr


def test_a_misspelt_key_is_a_located_error_with_a_suggestion(maskrun, tmp_path):
    policy = policy_file(tmp_path, ["require_raw_recipient: true"])
    result = run([maskrun, "policy", "check", policy])
    assert result.returncode != 0
    assert f"{policy}:3:3: unknown key 'require_raw_recipient' in logs; did you mean 'require_raw_recipients'?".encode() \
        in result.stderr, result.stderr


# ---- allowed -------------------------------------------------------------------------------

def test_a_recipient_on_the_command_line_satisfies_it_and_age_decrypts_the_log(maskrun, tmp_path, age_key):
    key, recipient = age_key
    raw = tmp_path / "raw.txt"  # not named .age: the requirement holds whatever the name
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    result = run([maskrun, "--policy", policy, "--log-format", "text", "--raw-log", str(raw),
                  "--raw-recipient", recipient, "--", *COMMAND])
    assert result.returncode == 0, result.stderr
    assert GITHUB_TOKEN.encode() not in result.stdout and b"[MASKED:github-token]" in result.stdout
    assert GITHUB_TOKEN.encode() not in raw.read_bytes()
    assert decrypt(raw, key) == PRINTED


def test_recipients_named_in_the_policy_satisfy_it(maskrun, tmp_path, age_key):
    key, recipient = age_key
    raw = tmp_path / "raw.txt.age"
    policy = policy_file(tmp_path, [f"raw: {raw}", f"raw_recipients: [{recipient}]", "require_raw_recipients: true"])
    result = run([maskrun, "--policy", policy, "--log-format", "text", "--", *COMMAND])
    assert result.returncode == 0, result.stderr
    assert decrypt(raw, key) == PRINTED


def test_a_recipients_file_satisfies_it_in_filter(maskrun, tmp_path, age_key):
    key, recipient = age_key
    listed = tmp_path / "recipients.txt"
    listed.write_text(f"# auditor\n{recipient}\n")
    raw = tmp_path / "raw.txt"
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    result = run([maskrun, "filter", "--policy", policy, "--log-format", "text", "--raw-log", str(raw),
                  "--raw-recipients-file", str(listed)], input=PRINTED)
    assert result.returncode == 0, result.stderr
    assert decrypt(raw, key) == PRINTED


@pytest.mark.parametrize("line", ["require_raw_recipients: false", "raw_recipients: []"])
def test_false_or_absent_leaves_a_plain_raw_log_allowed(maskrun, tmp_path, line):
    raw = tmp_path / "raw.txt"
    policy = policy_file(tmp_path, [line])
    result = run([maskrun, "--policy", policy, "--log-format", "text", "--raw-log", str(raw), "--", *COMMAND])
    assert result.returncode == 0, result.stderr
    assert raw.read_bytes() == PRINTED


def test_without_a_raw_log_nothing_is_required(maskrun, tmp_path):
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    result = run([maskrun, "--policy", policy, "--", *COMMAND])
    assert result.returncode == 0, result.stderr
    assert b"[MASKED:github-token]" in result.stdout


def test_policy_show_keeps_the_requirement(maskrun, tmp_path):
    # What `policy show` prints is itself a policy that still refuses a plain raw log.
    policy = policy_file(tmp_path, ["require_raw_recipients: true"])
    shown = run([maskrun, "policy", "show", "--policy", policy])
    assert shown.returncode == 0, shown.stderr
    again = tmp_path / "shown.yml"
    again.write_bytes(shown.stdout)
    marker = tmp_path / "ran"
    result = run([maskrun, "--policy", str(again), "--raw-log", str(tmp_path / "raw.txt"),
                  "--", "touch", str(marker)])
    refused_before_running(result, marker)
    assert b"logs.require_raw_recipients" in result.stderr
