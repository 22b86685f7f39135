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
    # Found by hand: a CLI's warnings before the value, password files, Redis, prose, wallets,
    # nested objects, table columns.
    ("$ heroku auth:token\n \u203a   Warning: token will expire 01/15/2027\n \u203a   Use heroku authorizations:create\n"
     "4f7c2a91-6b3e-4d8a-9e15-7c0b2d6f8a34", "4f7c2a91-6b3e-4d8a-9e15-7c0b2d6f8a34"),
    ("$ argocd admin initial-password -n argocd\nHq7ZkP2mXv9Wt4Lr\n\n This password must be only used for first time login.",
     "Hq7ZkP2mXv9Wt4Lr"),
    ("db.internal.example:5432:orders:app_rw:Vq7mT2xKp9Lz", "Vq7mT2xKp9Lz"),
    ("*:*:*:postgres:Hr5nW8cQ2jYb", "Hr5nW8cQ2jYb"),
    ("127.0.0.1:6379> AUTH Xk9pQ2mVt7Lw", "Xk9pQ2mVt7Lw"),
    ("127.0.0.1:6379> AUTH default Zr4nB8cW1qYe", "Zr4nB8cW1qYe"),
    ("+ redis-cli -h cache.internal AUTH Jm6tR3vP8sKd", "Jm6tR3vP8sKd"),
    ("Log in with credentials deploy:Wy8qT3kZ5rMx to continue.", "Wy8qT3kZ5rMx"),
    ("mnemonic: canyon velvet orbit timber hazard pledge walnut ribbon sample glide fossil anchor",
     "canyon velvet orbit timber hazard pledge walnut ribbon sample glide fossil anchor"),
    ('{\n  "functionKeys": {\n    "default": "qX7vT2mK9pLw4zR8nB3cY6jH1sD5fG0aE2uI7oP9kQ4rT6vW8xZ1yA=="\n  }\n}',
     "qX7vT2mK9pLw4zR8nB3cY6jH1sD5fG0aE2uI7oP9kQ4rT6vW8xZ1yA=="),
    ("SID                                 Friendly Name  Date Created                   Secret\n"
     "SK3f9a2c7e1b4d6f8a0c2e4b6d8f0a1c3e  ci             Dec 02 2026 14:00:00 GMT+0000  Tq8Wz3Lk5Rm2Xn7Vp4Bc9Hd6Jf1Gs0Ky",
     "Tq8Wz3Lk5Rm2Xn7Vp4Bc9Hd6Jf1Gs0Ky"),
    ("&{Token:Zr4nB8cW1qYx Retries:3 Verbose:true}", "Zr4nB8cW1qYx"),
    ("UATP 1470 90054 749952 exp 09/28", "1470 90054 749952"),
    ("$ kubeadm token create\nk7x2qp.9v4mz8lt3wq6rn5c", "k7x2qp.9v4mz8lt3wq6rn5c"),
    ("$ wg genkey\nyAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=", "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="),
    ("$ ngrok config add-authtoken 2Hk8QzLw5Rb9Tm3Vn7Xc1Pd4Jf6Gs0Ky_7Lq2Wz9Rm4Xk8Tb3Vn",
     "2Hk8QzLw5Rb9Tm3Vn7Xc1Pd4Jf6Gs0Ky_7Lq2Wz9Rm4Xk8Tb3Vn"),
    ("CREDENTIALS\tASIAQ7R2MZWXK4LT9BNE\t2026-12-03T02:00:00+00:00\tWq8Zr3Lk5Tm2Xn7Vp4Bc9Hd6Jf1Gs0KyR7mK2xQ9\tIQoJb3JpZ2luX2VjEJr//wEa",
     "Wq8Zr3Lk5Tm2Xn7Vp4Bc9Hd6Jf1Gs0KyR7mK2xQ9"),
    ("$ rabbitmqctl add_user ci Rb7Mq-Pw2Lk9", "Rb7Mq-Pw2Lk9"),
    ("$ vault kv get -format=json secret/ci | jq -r .data.data.password\nJq5Lw8Xk2Rm7", "Jq5Lw8Xk2Rm7"),
    ("$ chamber read prod db_password -q\nCh3Lw7Xk5Rm9", "Ch3Lw7Xk5Rm9"),
    ("$ htpasswd -b -c /etc/nginx/.htpasswd admin Ng1nx-Adm1n", "Ng1nx-Adm1n"),
]
READABLE = [
    "password reset email sent", "password: ${DB_PASSWORD}", "secret = var.db_password",
    "credentialsId: '6f1e3c2a-8b7d-4e5f-9a0b-1c2d3e4f5a6b'", "secretKey: api-key",
    '" https://api.example.com/v1/items',  # after a masked header value
    "video_box.ico-7a388b4f2e1d9c0a", "xoxo-indieweb-1.jpg", "commit 61bbda5262023687c9f6eae8b17cccb377cd282a",
    "compass=Cp7Lx2Wq9Rz4", "│ LOG_LEVEL    │ info                 │", "+ echo $TOKEN_COUNT\n4096",
    "+ cat /run/secrets/db\ncat: /run/secrets/db: No such file or directory",
    # Look-alikes of the cases found by hand.
    "$ heroku auth:token\n \u203a   Error: not logged in", "root:x:0:0:root:/root:/bin/bash", "docker:x:999:alice",
    "127.0.0.1:6379> AUTH $REDIS_PASSWORD", "credentials file: ~/.aws/credentials",
    "mnemonic: a short phrase that helps you remember the order of the planets",
    '"tokens": {"primary": "#1f6feb", "surface": "#ffffff"}', "NAME      ROLE     TOKEN\ndeploy    writer   <none>",
    "order id 135412345678911 shipped", "ref 1470 90054 749953", "rabbitmqctl add_user ci -- --help",
    "$ jq -r .token_type resp.json\nBearer",
]

# Only the value is masked: what follows it on its line stays (Go's %+v and maps, Azure
# Pipelines' issecret=true).
VALUE_ONLY = [
    ("config: {Host:db.internal User:app Password:Vq7mT2xKp9Lz Database:orders SSLMode:require}",
     "Vq7mT2xKp9Lz", ["config: {Host:db.internal User:app Password:", " Database:orders SSLMode:require}"]),
    ("map[password:Hr5nW8cQ2jYb region:eu-west-1 timeout:30s]", "Hr5nW8cQ2jYb", ["map[password:", " region:eu-west-1 timeout:30s]"]),
    ("##vso[task.setvariable variable=dbPass;issecret=true]Kp4Xz9Lq2Wm7", "Kp4Xz9Lq2Wm7",
     ["##vso[task.setvariable variable=dbPass;issecret=true]"]),
]


def test_only_the_value_is_masked(maskrun):
    for text, secret, kept in VALUE_ONLY:
        out = run([maskrun, "filter"], input=(text + "\n").encode()).stdout.decode()
        assert secret not in out, text
        for part in kept:
            assert part in out, (part, out)


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
