"""End-to-end tests: they run the built maskrun binary as a user would, in pipelines and
under a real pseudo-terminal, and check stdout, stderr, exit status and files."""
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("MASKRUN_BIN", os.path.join(ROOT, ".build", "debug", "maskrun"))
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def maskrun():
    if not os.access(BINARY, os.X_OK):
        pytest.fail(f"maskrun is not built at {BINARY} (run 'swift build' first)")
    return BINARY


def require_tool(name):
    """An outside program a test needs: skipped with a note when missing, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if IN_CI:
            pytest.fail(message + " (CI must install it in .ci/run)")
        pytest.skip(message)
    return path


def run(args, input=b"", env=None, timeout=30):
    """Runs maskrun with pipes; returns the CompletedProcess (bytes)."""
    full_env = dict(os.environ)
    full_env.pop("MASKRUN_POLICY", None)
    full_env["XDG_CONFIG_HOME"] = "/nonexistent"
    if env:
        full_env.update(env)
    return subprocess.run(args, input=input, capture_output=True, env=full_env, timeout=timeout)


@pytest.fixture
def age_key(tmp_path):
    """An age identity file and its recipient, made by the real age-keygen."""
    keygen = require_tool("age-keygen")
    key = tmp_path / "key.txt"
    subprocess.run([keygen, "-o", str(key)], check=True, capture_output=True)
    recipient = subprocess.run([keygen, "-y", str(key)], check=True, capture_output=True).stdout.decode().strip()
    return key, recipient
