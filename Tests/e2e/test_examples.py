"""The CI and usage recipes in examples/ (and README), each run as written: the command line
the recipe gives, with maskrun on PATH, stand-ins for the scripts it calls, and secrets in
the environment; the output must be masked and exit statuses must pass through."""
import base64
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import time

import pytest

from conftest import ROOT
from ptydriver import PtySession

EXAMPLES = os.path.join(ROOT, "examples")
DEPLOY_KEY = "dk_live_8Hq2Zr7Lw4Xp9Tn3"
DATABASE_URL = "postgres://app:Sup3r-S3cret@db.internal:5432/app"
GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
SECRETS = [DEPLOY_KEY, base64.b64encode(DEPLOY_KEY.encode()).decode(), "Sup3r-S3cret", GITHUB_TOKEN]


@pytest.fixture
def env(maskrun, tmp_path):
    """maskrun on PATH as `maskrun`, no user policy, and the secrets a job would have."""
    bin_dir = tmp_path / "path"
    bin_dir.mkdir()
    os.symlink(maskrun, bin_dir / "maskrun")
    environment = dict(os.environ)
    environment.pop("MASKRUN_POLICY", None)
    environment.update({
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "XDG_CONFIG_HOME": "/nonexistent",
        "HOME": str(tmp_path),
        "DEPLOY_KEY": DEPLOY_KEY,
        "DATABASE_URL": DATABASE_URL,
    })
    return environment


@pytest.fixture
def workdir(tmp_path):
    """A checkout: scripts that print what careless scripts do."""
    work = tmp_path / "work"
    (work / "ci").mkdir(parents=True)
    (work / ".github").mkdir()
    shutil.copy(os.path.join(EXAMPLES, "github-actions", "maskrun.yml"), work / ".github" / "maskrun.yml")
    shutil.copy(os.path.join(EXAMPLES, "github-actions", "maskrun.yml"), work / "ci" / "maskrun.yml")
    script(work / "deploy.sh", f"""
        echo "deploying to $1 with key $DEPLOY_KEY"
        printf '%s' "$DEPLOY_KEY" | base64
        echo "db: $DATABASE_URL"
        echo "token {GITHUB_TOKEN}" >&2
        exit 3
        """)
    (work / "Makefile").write_text(f"test:\n\t@echo 'curl -H \"Authorization: token {GITHUB_TOKEN}\"'\n\t@echo tests passed\n")
    script(work / "ci" / "smoke-test.sh", 'echo "smoke: $DATABASE_URL" | cat\nfalse | true\necho smoke ok\n')
    return work


def script(path, text):
    path.write_text("#!/bin/sh\n" + "\n".join(line.strip() for line in text.strip().splitlines()) + "\n")
    path.chmod(0o755)


def assert_masked(output):
    for secret in SECRETS:
        assert secret.encode() not in output, f"{secret!r} leaked: {output!r}"
    assert b"[MASKED:" in output


def run_line(line, env, cwd, shell=("bash", "-e", "-c")):
    return subprocess.run([*shell, line], capture_output=True, env=env, cwd=cwd, timeout=60,
                          stdin=subprocess.DEVNULL)


def read_example(*path):
    with open(os.path.join(EXAMPLES, *path)) as f:
        return f.read()


# MARK: - policies

@pytest.mark.parametrize("policy", ["github-actions/maskrun.yml", "screen-share.yml", "agent/policy.yml"])
def test_example_policies_are_valid(maskrun, env, policy):
    result = subprocess.run([maskrun, "policy", "check", os.path.join(EXAMPLES, policy)],
                            capture_output=True, env=env)
    assert result.returncode == 0, result.stderr
    assert b": ok (" in result.stdout


# MARK: - GitHub Actions

def github_shell():
    match = re.search(r"^\s*shell: (maskrun .*\{0\})$", read_example("github-actions", "workflow.yml"), re.M)
    return match.group(1)


def test_github_custom_shell_line_is_the_documented_one():
    assert github_shell() == "maskrun --policy .github/maskrun.yml -- bash --noprofile --norc -eo pipefail {0}"


@pytest.mark.parametrize("body,status", [
    ('echo "key=$DEPLOY_KEY"\nprintf %s "$DEPLOY_KEY" | base64\necho "$DATABASE_URL"\necho done', 0),
    ('echo "key=$DEPLOY_KEY"\nfalse | true\necho not reached', 1),   # -o pipefail and -e
    ('echo "key=$DEPLOY_KEY"\nexit 42', 42),
    ('echo "key=$DEPLOY_KEY"\nkill -TERM $$', 143),
])
def test_github_actions_custom_shell(env, workdir, body, status):
    step = workdir / "step.sh"   # what the runner writes for a `run:` step and passes as {0}
    step.write_text(body + "\n")
    argv = [str(step) if word == "{0}" else word for word in shlex.split(github_shell())]
    result = subprocess.run(argv, capture_output=True, env=env, cwd=workdir, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == status, result.stderr
    assert_masked(result.stdout)
    assert b"key=[MASKED:ci-secrets]\n" in result.stdout   # no "\r\n": the log is a pipe
    assert b"not reached" not in result.stdout
    if status == 0:
        assert result.stdout.endswith(b"done\n")


def test_github_actions_step_prefix(env, workdir):
    match = re.search(r"^\s*run: (maskrun --mask-env .*)$", read_example("github-actions", "workflow.yml"), re.M)
    result = run_line(match.group(1), env, workdir)   # a run: step's default shell is bash -e
    assert result.returncode == 3
    assert_masked(result.stdout + result.stderr)
    assert b"deploying to production with key [MASKED:env:DEPLOY_KEY]\n" in result.stdout
    assert b"token [MASKED:github-token]\n" in result.stderr   # stderr stays stderr


# MARK: - GitLab CI

def test_gitlab_ci_script_lines(env, workdir):
    lines = re.findall(r"^\s+- (maskrun .*)$", read_example("gitlab-ci.yml"), re.M)
    assert len(lines) == 3
    statuses = []
    for line in lines:
        result = run_line(line, env, workdir, shell=("sh", "-c"))
        statuses.append(result.returncode)
        assert_masked(result.stdout + result.stderr)
    assert statuses == [0, 3, 1]   # make test; deploy.sh exits 3; the smoke test's pipeline fails


# MARK: - docker

def test_docker_recipe_runs_what_the_container_runs(env, workdir):
    text = read_example("docker.sh").replace("\\\n", " ")
    command = re.search(r"docker run .*?\s(maskrun .*)$", text, re.M).group(1)
    assert command.startswith("maskrun --mask-env DEPLOY_KEY -- ")
    # Without -t, the container's output is a pipe, as here.
    result = run_line(command, env, workdir, shell=("sh", "-c"))
    assert result.returncode == 3
    assert_masked(result.stdout + result.stderr)


# MARK: - tail -f | maskrun filter

def test_tail_follow_through_filter(env, tmp_path):
    log = tmp_path / "app.log"
    log.write_text(f"starting\nDB_PASSWORD=hunter22\n")
    proc = subprocess.Popen(["sh", os.path.join(EXAMPLES, "tail-filter.sh"), str(log)], stdout=subprocess.PIPE,
                            env=env, start_new_session=True)
    try:
        output = read_until(proc, b"DB_PASSWORD=[MASKED:secret-field]\n")
        with open(log, "a") as f:   # lines written later appear as they come
            f.write(f"token {GITHUB_TOKEN}\n")
        output += read_until(proc, b"token [MASKED:github-token]\n")
        assert b"hunter22" not in output and GITHUB_TOKEN.encode() not in output
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()


def read_until(proc, needle, timeout=10):
    output = b""
    deadline = time.monotonic() + timeout
    while needle not in output:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {needle!r}; got {output!r}"
        ready, _, _ = select.select([proc.stdout], [], [], remaining)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            assert chunk, f"output ended before {needle!r}; got {output!r}"
            output += chunk
    return output


# MARK: - screen sharing

def test_screen_share_shell(env, tmp_path):
    env = dict(env, SHELL="/bin/bash", MASKRUN_SCREEN_POLICY=os.path.join(EXAMPLES, "screen-share.yml"),
               PS1="$ ", HISTFILE="/dev/null")
    (tmp_path / ".bash_profile").write_text("PS1='$ '\n")
    s = PtySession(["sh", os.path.join(EXAMPLES, "screen-share.sh")], env=env)
    try:
        s.read_until(b"$ ", timeout=20)
        s.write(b'echo "API_TOKEN=$DEPLOY_KEY"; echo END1\r')
        s.read_until(b"END1\r\n")
        s.write(f"echo {GITHUB_TOKEN} typed; echo END2\r".encode())   # typed text is echoed, masked too
        s.read_until(b"END2\r\n")
        s.write(b"exit 7\r")
        assert s.wait() == 7
        assert DEPLOY_KEY.encode() not in s.output and GITHUB_TOKEN.encode() not in s.output
        assert b"API_TOKEN=[MASKED:my-keys]" in s.output
        assert b"[MASKED:github-token] typed" in s.output
    finally:
        s.close()


# MARK: - an AI agent's command runner

def test_agent_command_runner(env, tmp_path):
    env = dict(env, MASKRUN_AGENT_POLICY=os.path.join(EXAMPLES, "agent", "policy.yml"),
               STRIPE_KEY="sk_live_51Habcdefghijklmnop")
    (tmp_path / ".env").write_text(f"DATABASE_URL={DATABASE_URL}\nSENTRY_DSN=https://k3y@o1.ingest.example.io/2\n"
                                   f"GITHUB_TOKEN={GITHUB_TOKEN}\nPORT=8080\n")
    runner = os.path.join(EXAMPLES, "agent", "run-command.sh")
    # A tool call that dumps the environment and the .env file, reads stdin (none: it must
    # not hang) and fails.
    result = subprocess.run([runner, "printenv; cat .env; cat; echo tool done; exit 5"], capture_output=True,
                            env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 5
    out = result.stdout
    assert_masked(out)
    for secret in (b"sk_live_51Habcdefghijklmnop", b"k3y@o1", b"Sup3r-S3cret"):
        assert secret not in out
    assert b"STRIPE_KEY=[MASKED:env-secret]\n" in out
    assert b"PORT=8080\n" in out and out.endswith(b"tool done\n")
