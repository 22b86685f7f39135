"""A secret masked once is masked where it is printed again without its name (SPEC §3,
known values): on the same stream, and on the session's other stream (a `set -x` trace on
stderr, the bare value on stdout). What is not a secret's repeat stays readable. The values
are random strings written for these tests."""
import json
import os
import subprocess

from conftest import run

VALUE = "q8Zr2Lm5Xv9Tn3Wb"


def filtered(maskrun, text):
    out = run([maskrun, "filter"], input=text.encode())
    assert out.returncode == 0
    return out.stdout.decode()


def test_repeats_through_filter_side_by_side(maskrun):
    cases = [
        (f"+ export API_TOKEN={VALUE}\n+ echo {VALUE}\n{VALUE}\n",
         "+ export API_TOKEN=[MASKED:secret-field]\n+ echo [MASKED:secret-field]\n[MASKED:secret-field]\n"),
        ("token = 'Hk7Pq2Zx9Lm4Rt8W' | 'Hk7Pq2Zx9Lm4Rt8W'\n",
         "token = '[MASKED:secret-field]' | '[MASKED:secret-field]'\n"),
        ('DB_PASSWORD="Vb4!rT9qLw2x"\nmysql -uapp -pVb4!rT9qLw2x db\nretrying with Vb4!rT9qLw2x\n',
         'DB_PASSWORD="[MASKED:secret-field]"\nmysql -uapp -p[MASKED:secret-field] db\nretrying with [MASKED:secret-field]\n'),
        # A word given as a password is masked there, not in an image name.
        ("password: wordpress\nimage: wordpress:latest\n", "password: [MASKED:secret-field]\nimage: wordpress:latest\n"),
    ]
    for given, expected in cases:
        assert filtered(maskrun, given) == expected


def test_a_provider_token_masked_once_is_masked_in_its_encodings_later(maskrun):
    import base64
    import urllib.parse
    token = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
    # The last two are a program's output in which the token is part of what was encoded.
    encoded = [base64.b64encode(token.encode()).decode(), base64.b64encode(f"x:{token}".encode()).decode(),
               urllib.parse.quote(f"?t={token}")]
    out = filtered(maskrun, f"GH={token}\n" + "".join(f"later: {form}\n" for form in encoded))
    assert token not in out and out.count("[MASKED:github-token]") == 1 + len(encoded), out
    for form in encoded:
        assert form[4:-4] not in out, out


def test_a_value_traced_on_stderr_is_masked_on_stdout(maskrun, tmp_path):
    err, log = tmp_path / "err.txt", tmp_path / "masked.cast"
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    env.pop("MASKRUN_POLICY", None)
    script = f"export API_TOKEN={VALUE}; sleep 0.2; echo $API_TOKEN; echo done"
    with open(err, "wb") as err_file:
        result = subprocess.run([maskrun, "--log", str(log), "--", "bash", "-xc", script],
                                stdout=subprocess.PIPE, stderr=err_file, env=env, timeout=30)
    assert result.returncode == 0
    assert result.stdout == b"[MASKED:secret-field]\ndone\n"
    trace = err.read_text()
    assert "+ export API_TOKEN=[MASKED:secret-field]" in trace and VALUE not in trace
    recorded = "".join(e[2] for e in map(json.loads, log.read_text().splitlines()[1:]) if e[1] == "o")
    # stdout's and stderr's lines interleave as they happened to arrive: the echo's masked
    # line is looked for as a line of its own, wherever the trace's lines fell.
    lines = recorded.replace("\r\r", "\r").split("\r\n")
    assert VALUE not in recorded and "[MASKED:secret-field]" in lines and "done" in lines
