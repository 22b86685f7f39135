"""Secrets known by their name, their command line or an earlier occurrence, and literal
values in the encodings real programs print (SPEC §3), end to end: through `filter`, the
pty, and random small writes. Encoded forms are produced here by the real encoders
(Python's json, urllib, base64, html; bash's declare -p and printf %q), not by maskrun."""
import base64
import html
import json
import random
import subprocess
import sys
import urllib.parse

import pytest

from conftest import require_tool, run
from ptydriver import PtySession

# Random-looking values of 5,000 and 6,000 bytes, written here.
LONG_MASKED = "".join(random.Random(7).choices("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", k=5000))
LONG_PRINTED = "".join(random.Random(8).choices("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+/", k=6000))

# Input line, and the part of it that must not survive.
NAMED = [
    ("dbPassword=Tr0ub4dor&3x", "Tr0ub4dor&3x"),
    ("PGPASSWORD=pg-Secr3t-77", "pg-Secr3t-77"),
    ("GITHUBTOKEN=9f8e7d6c5b4a3f2e", "9f8e7d6c5b4a3f2e"),
    ('System.setProperty("APP_TOKEN", "j4va8Xk2mQ0z");', "j4va8Xk2mQ0z"),
    ("'password' => 'php-Pa55-word',", "php-Pa55-word"),
    ("- name: DB_PASSWORD\n  value: pG8xK2mQ0z", "pG8xK2mQ0z"),
    ('{"name": "API_TOKEN", "value": "Q29kZS1Ub2tlbi05"}', "Q29kZS1Ub2tlbi05"),
    ("password: |\n  Blk8Scalar9Pw\nuser: app", "Blk8Scalar9Pw"),
    ("+ mysql -uroot '-pHunter2Secret!' shop", "Hunter2Secret!"),
    ("+ redis-cli -a 'two words here' ping", "two words here"),
    ("+ smbclient //fs/share -U bob%Sm8Pass-x", "Sm8Pass-x"),
    ("token = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5r…'", "ghp_aB3dE5fG7hJ9kL1mN3pQ5r"),
    ('curl -H "X-Api-Key: abc123def456" https://api.example.com/v1/items', "abc123def456"),
    ("dbpass=Lq4-Tz8Wk2", "Lq4-Tz8Wk2"),
    # Structures and tables that CLIs print (terraform output -json, doppler, aws ssm --output text).
    ('{"db_password":{"sensitive":true,"type":"string","value":"Tf7#Kq2Wz9"}}', "Tf7#Kq2Wz9"),
    ("│ DB_PASSWORD  │ Dp3Vx8Lm5Rq2Wz6K     │", "Dp3Vx8Lm5Rq2Wz6K"),
    ("PARAMETER\t/prod/db\tSecureString\tSs4Mq9Lx2Kv7\t3", "Ss4Mq9Lx2Kv7"),
    ('Config { host: "db", api_token: Some("Rs5Kw2Lq8Zx4"), port: 5432 }', "Rs5Kw2Lq8Zx4"),
    # A command that prints a secret alone on the next line; a value a build declares secret.
    ("$ op read op://ci/db/password\nOp6Tz3Wq9Lk2Rm5V", "Op6Tz3Wq9Lk2Rm5V"),
    ("+ echo $DEPLOY_TOKEN\nEc8Rq3Lw6Zk1", "Ec8Rq3Lw6Zk1"),
    ("::add-mask::am-Hx4Wq9", "am-Hx4Wq9"),
    # Values longer than a pattern's usual bound (an ECR password, a key file on one line).
    ("::add-mask::" + LONG_MASKED, LONG_MASKED[2000:2040]),
    ("+ aws ecr get-login-password\n" + LONG_PRINTED, LONG_PRINTED[3000:3040]),
]
READABLE = [
    "password reset email sent", "password: ${DB_PASSWORD}", "secret = var.db_password",
    "credentialsId: '6f1e3c2a-8b7d-4e5f-9a0b-1c2d3e4f5a6b'", "secretKey: api-key",
    '" https://api.example.com/v1/items',  # after a masked header value
    "video_box.ico-7a388b4f2e1d9c0a", "xoxo-indieweb-1.jpg", "commit 61bbda5262023687c9f6eae8b17cccb377cd282a",
    "compass=Cp7Lx2Wq9Rz4", "│ LOG_LEVEL    │ info                 │", "+ echo $TOKEN_COUNT\n4096",
    "+ cat /run/secrets/db\ncat: /run/secrets/db: No such file or directory",
]


def corpus():
    lines = []
    for text, _ in NAMED:
        lines += [text, "ordinary line between cases"]
    return ("\n".join(lines + READABLE) + "\n").encode()


def check(output, source):
    for _, secret in NAMED:
        assert secret.encode() not in output, secret
    for line in READABLE:
        assert line.encode() in output, line
    assert output.count(b"ordinary line between cases") == source.count(b"ordinary line between cases")


def test_names_syntaxes_and_command_lines_through_filter(maskrun):
    source = corpus()
    result = run([maskrun, "filter"], input=source)
    assert result.returncode == 0
    check(result.stdout, source)


def test_the_same_under_random_small_writes(maskrun, tmp_path):
    source = corpus()
    writer = tmp_path / "writer.py"
    writer.write_text(
        "import os, random, sys, time\n"
        "data = open(sys.argv[1], 'rb').read(); r = random.Random(int(sys.argv[2])); i = 0\n"
        "while i < len(data):\n"
        "    n = r.randint(1, 9); os.write(1, data[i:i + n]); i += n; time.sleep(0.001)\n")
    path = tmp_path / "in.txt"
    path.write_bytes(source)
    for seed in range(3):
        feeder = subprocess.Popen([sys.executable, str(writer), str(path), str(seed)], stdout=subprocess.PIPE)
        result = subprocess.run([maskrun, "filter"], stdin=feeder.stdout, capture_output=True, timeout=60)
        feeder.wait()
        check(result.stdout, source)


def test_the_same_under_the_pty(maskrun, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(corpus())
    s = PtySession([maskrun, "--", "cat", str(path)])
    try:
        assert s.wait() == 0
        check(s.output.replace(b"\r\n", b"\n"), corpus())
    finally:
        s.close()


def test_a_value_seen_with_its_name_is_masked_when_it_recurs_bare(maskrun):
    value = "Xk2mQ0zP9wL1vB3nYt"
    source = (f"seen {value} before\n+ export DEPLOY_TOKEN={value}\n+ echo {value}\n"
              f"{base64.b64encode(value.encode()).decode()}\n").encode()
    result = run([maskrun, "filter"], input=source)
    lines = result.stdout.split(b"\n")
    # Before the name there is nothing to tell it from any other word.
    assert lines[0] == f"seen {value} before".encode()
    assert value.encode() not in b"\n".join(lines[1:])
    assert base64.b64encode(value.encode()) not in result.stdout


VALUE = "p@ss w<rd>&'é\"$x/y"


def encodings(value):
    """The value as real encoders print it."""
    forms = {
        "go json": json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")[1:-1],
        "python json": json.dumps(value)[1:-1],
        "quote keeping /": urllib.parse.quote(value),
        "html.escape": html.escape(value),
        "xml": value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace('"', "&quot;"),
    }
    return forms


@pytest.mark.parametrize("kind", list(encodings(VALUE)))
def test_literal_values_in_the_encodings_programs_print(maskrun, kind):
    form = encodings(VALUE)[kind]
    result = run([maskrun, "filter", "--mask-env", "SECRET_VALUE"], input=f"out: {form} end\n".encode(),
                 env={"SECRET_VALUE": VALUE})
    assert form.encode() not in result.stdout and b"[MASKED:env:SECRET_VALUE]" in result.stdout, result.stdout


@pytest.mark.parametrize("length", [12, 13, 14])
@pytest.mark.parametrize("prefix", ["", "u:", "user:"])
def test_base64_of_a_value_leaves_nothing_of_it_after_the_mask(maskrun, length, prefix):
    # The encoding's last characters (before the padding) hold the value's last bits: the
    # mask must reach the end of the encoding, however the value is aligned in it.
    value = "k9Qx/Z+2mW7pL4vB8nR3"[:length]
    data = (prefix + value).encode()
    printed = [base64.b64encode(data), base64.b64encode(data).rstrip(b"="),
               base64.urlsafe_b64encode(data).rstrip(b"=")]
    source = b"".join(b"out: " + form + b" end\n" for form in printed)
    result = run([maskrun, "filter", "--mask-env", "SECRET_VALUE"], input=source, env={"SECRET_VALUE": value})
    lines = result.stdout.split(b"\n")[:-1]
    assert len(lines) == len(printed), result.stdout
    for line in lines:
        assert line.endswith(b"[MASKED:env:SECRET_VALUE] end"), (source, result.stdout)


def test_long_values_in_wrapped_base64(maskrun):
    value = "k" + "".join(random.Random(3).choice("abcdefXYZ0123456789") for _ in range(150))
    wrapped = base64.encodebytes(value.encode())  # wraps at 76 columns, as `base64` does
    result = run([maskrun, "filter", "--mask-env", "LONG_VALUE"], input=wrapped, env={"LONG_VALUE": value})
    for line in wrapped.split(b"\n")[:-2]:  # every full line; the last holds padding
        assert line not in result.stdout


@pytest.mark.parametrize("script", ['declare -p SECRET_VALUE', 'printf "%q\\n" "$SECRET_VALUE"'])
def test_literal_values_as_bash_quotes_them(maskrun, script):
    bash = require_tool("bash")
    value = "a b$c'd\"e\\f"
    printed = subprocess.run([bash, "-c", script], capture_output=True, env={"SECRET_VALUE": value}).stdout
    result = run([maskrun, "filter", "--mask-env", "SECRET_VALUE"], input=printed, env={"SECRET_VALUE": value})
    assert b"MASKED:env:SECRET_VALUE" in result.stdout, (printed, result.stdout)
    for piece in (b"b$c", b"d\\\"e", b"d\\'e"):
        if piece in printed:
            assert piece not in result.stdout, (printed, result.stdout)
