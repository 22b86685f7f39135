"""maskrun filter and maskrun policy, end to end (SPEC §1, §2, §4)."""
import os
import select
import subprocess
import time

from conftest import run

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"


def test_filter_masks_built_in_detectors(maskrun):
    result = run([maskrun, "filter"], input=f"DB_PASSWORD=hunter22\ntoken {GITHUB_TOKEN} ok\npassword reset email sent\n".encode())
    assert result.returncode == 0
    assert result.stdout == (b"DB_PASSWORD=[MASKED:secret-field]\ntoken [MASKED:github-token] ok\n"
                             b"password reset email sent\n")
    assert result.stderr == b""


def test_filter_streams_before_end_of_input(maskrun):
    """tail -f | maskrun filter: each line appears while the input is still open."""
    process = subprocess.Popen([maskrun, "filter", "--flush-after", "50ms"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env={**os.environ, "XDG_CONFIG_HOME": "/nonexistent"})
    try:
        process.stdin.write(b"first line\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 5)
        assert ready, "no output while input is still open"
        assert os.read(process.stdout.fileno(), 100) == b"first line\n"
        # A prompt without a newline is released after the flush window.
        process.stdin.write(b"password: ")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 5)
        assert ready
        assert os.read(process.stdout.fileno(), 100) == b"password: "
        # The value arrives after the pause and is still masked.
        time.sleep(0.2)
        process.stdin.write(b"hunter22\n")
        process.stdin.close()
        assert process.stdout.read() == b"[MASKED:secret-field]\n"
        assert process.wait(5) == 0
    finally:
        process.kill()


def test_mask_env_and_its_encodings(maskrun):
    secret = "Zx9-deploy/key+42"
    import base64
    encoded = base64.b64encode(f"user:{secret}".encode()).decode()
    result = run([maskrun, "filter", "--mask-env", "DEPLOY_KEY"],
                 input=f"raw {secret}\nbasic {encoded}\n".encode(), env={"DEPLOY_KEY": secret})
    assert result.returncode == 0, result.stderr
    assert secret.encode() not in result.stdout
    assert b"[MASKED:env:DEPLOY_KEY]" in result.stdout
    assert encoded[8:20].encode() not in result.stdout


def test_mask_values_from_file(maskrun, tmp_path):
    values = tmp_path / "values"
    values.write_text("first-secret-value\nsecond-secret\n\n")
    result = run([maskrun, "filter", "--mask-values-from", str(values)], input=b"a first-secret-value b second-secret c\n")
    assert result.stdout == b"a [MASKED:values-file] b [MASKED:values-file] c\n"


def test_short_mask_env_value_is_refused_without_printing_it(maskrun):
    result = run([maskrun, "filter", "--mask-env", "SHORT"], input=b"x\n", env={"SHORT": "q7z"})
    assert result.returncode == 125
    assert b"q7z" not in result.stderr
    assert result.stderr.startswith(b"maskrun: --mask-env SHORT:")
    assert result.stdout == b""


def test_invalid_policy_exits_125_with_position(maskrun, tmp_path):
    policy = tmp_path / "policy.yml"
    policy.write_text("version: 1\nrules:\n  - id: bad\n    regex: 'abc(def'\n")
    result = run([maskrun, "filter", "--policy", str(policy)], input=b"abc\n")
    assert result.returncode == 125
    assert result.stderr.decode() == f"maskrun: {policy}:4:20: rule 'bad': invalid regex: missing closing parenthesis (at offset 7)\n"
    assert result.stdout == b""


def test_policy_check(maskrun, tmp_path):
    good = tmp_path / "good.yml"
    good.write_text("version: 1\nrules:\n  - id: t\n    regex: 'itk_[a-z0-9]{8}'\n")
    result = run([maskrun, "policy", "check", str(good)])
    assert result.returncode == 0
    assert result.stdout.decode().startswith(f"{good}: ok")
    bad = tmp_path / "bad.yml"
    bad.write_text("builtin: sometimes\n")
    result = run([maskrun, "policy", "check", str(bad)])
    assert result.returncode == 1
    assert result.stderr.decode() == f"maskrun: {bad}:1:10: builtin must be one of default, all, none\n"


def test_policy_test_marks_matches_by_rule(maskrun):
    result = run([maskrun, "policy", "test"], input=b"x DB_PASSWORD=hunter22 y\n")
    assert result.stdout == b"x DB_PASSWORD=[[secret-field: hunter22]] y\n"
    assert result.stderr == b"maskrun: 1 match: secret-field 1\n"


def test_policy_show_lists_built_ins(maskrun):
    result = run([maskrun, "policy", "show"])
    assert result.returncode == 0
    assert b"#   github-token\n" in result.stdout
    result = run([maskrun, "policy", "show", "--builtin"])
    assert b"github-token" in result.stdout and b"high" in result.stdout


def test_policy_is_never_read_from_the_working_directory(maskrun, tmp_path):
    (tmp_path / "policy.yml").write_text("builtin: none\n")
    (tmp_path / ".maskrun.yml").write_text("builtin: none\n")
    env = dict(os.environ, XDG_CONFIG_HOME="/nonexistent")
    env.pop("MASKRUN_POLICY", None)
    result = subprocess.run([maskrun, "filter"], input=f"{GITHUB_TOKEN}\n".encode(), capture_output=True,
                            cwd=tmp_path, env=env)
    assert result.stdout == b"[MASKED:github-token]\n"


def test_policy_from_xdg_config_and_environment(maskrun, tmp_path):
    config = tmp_path / "maskrun"
    config.mkdir()
    (config / "policy.yml").write_text("builtin: none\nrules:\n  - id: xdg\n    regex: 'xdg-[0-9]{4}'\n")
    result = run([maskrun, "filter"], input=b"xdg-1234\n", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.stdout == b"[MASKED:xdg]\n"
    other = tmp_path / "other.yml"
    other.write_text("builtin: none\nrules:\n  - id: env\n    regex: 'xdg-[0-9]{4}'\n")
    result = run([maskrun, "filter"], input=b"xdg-1234\n", env={"XDG_CONFIG_HOME": str(tmp_path), "MASKRUN_POLICY": str(other)})
    assert result.stdout == b"[MASKED:env]\n"


def test_binary_output_passes_through(maskrun):
    data = bytes(range(256)) * 64 + f" {GITHUB_TOKEN} ".encode() + bytes(range(255, -1, -1))
    result = run([maskrun, "filter"], input=data)
    assert result.stdout == bytes(range(256)) * 64 + b" [MASKED:github-token] " + bytes(range(255, -1, -1))


def test_the_cache_is_the_same_after_every_run(maskrun, tmp_path):
    """The compiled patterns kept in the cache are found again by the next process: a run
    adds no file once one run has filled it (a pattern built in a different order each run
    was compiled and stored again every time, and pushed out the rest)."""
    text = ("token = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5r…'\nkey: sk_live_51Hx9aB3dE5fG...\n"
            f"DB_PASSWORD=hunter22\nAuthorization: Bearer {GITHUB_TOKEN}\n"
            "mysql -uroot -pHunter2Secret db\napi_keys: [\"Kp3Vn8Qw2Lk7Xr5T\"]\n").encode()
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    first = run([maskrun, "filter"], input=text, env=env)
    assert first.returncode == 0 and b"Hunter2Secret" not in first.stdout
    kept = sorted(os.listdir(tmp_path / "maskrun"))
    assert any(name.startswith("pcre2-") for name in kept)
    for _ in range(3):  # each process orders hashed collections its own way
        again = run([maskrun, "filter"], input=text, env=env)
        assert again.stdout == first.stdout
        assert sorted(os.listdir(tmp_path / "maskrun")) == kept
