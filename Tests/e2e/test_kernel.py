"""Notebook kernels (SPEC §6): `maskrun kernel install|list|remove` and the masking
proxy, driven by the real jupyter_client and ipykernel (from the virtual environment
that .ci/run makes). The client's side of every message is searched for the secret."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import IN_CI, ROOT

SECRET = "ghp_" + "Kq7RtZ2mXv9LbN4cWd8HsJ3fPy6GaE1uTo5i"
HALVES = (SECRET[:12], SECRET[12:])
MASK = "[MASKED:github-token]"
VENV = os.environ.get("MASKRUN_KERNEL_VENV", os.path.join(ROOT, ".venv-kernel"))
DRIVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernel_driver.py")


def require_kernel_venv():
    """The virtual environment with jupyter_client, ipykernel and nbconvert."""
    python = os.path.join(VENV, "bin", "python")
    ok = os.access(python, os.X_OK) and subprocess.run(
        [python, "-c", "import jupyter_client, ipykernel, nbconvert"], capture_output=True).returncode == 0
    if not ok:
        message = f"no kernel test environment at {VENV} (.ci/run makes it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return python


def leaks(text):
    """The secret, or a half of it, anywhere in text."""
    return [part for part in (SECRET, *HALVES) if part in text]


@pytest.fixture(scope="module")
def jupyter(maskrun, tmp_path_factory):
    """An environment whose Jupyter data directory is private to these tests."""
    python = require_kernel_venv()
    base = tmp_path_factory.mktemp("jupyter")
    env = dict(os.environ)
    env.pop("MASKRUN_POLICY", None)
    env.update({
        "PATH": os.path.join(VENV, "bin") + os.pathsep + env.get("PATH", ""),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "XDG_CONFIG_HOME": "/nonexistent",
        "JUPYTER_PLATFORM_DIRS": "1",
    })
    env.pop("JUPYTER_PATH", None)
    return {"python": python, "env": env, "base": base, "maskrun": maskrun}


def maskrun_kernel(jupyter, *args):
    return subprocess.run([jupyter["maskrun"], "kernel", *args], capture_output=True, text=True,
                          env=jupyter["env"], timeout=60)


@pytest.fixture(scope="module")
def masked_kernel(jupyter):
    """python3-masked, wrapping the environment's python3 kernel, audited per session."""
    logs = jupyter["base"] / "logs"
    policy = jupyter["base"] / "policy.yml"
    policy.write_text(f"version: 1\nlogs:\n  audit: {logs}/audit-{{pid}}.jsonl\n  redacted: {logs}/masked-{{pid}}.cast\n")
    result = maskrun_kernel(jupyter, "install", "--kernel", "python3", "--policy", str(policy))
    assert result.returncode == 0, result.stderr
    return "python3-masked"


class Client:
    """kernel_driver.py in the virtual environment: one JSON command a line."""

    def __init__(self, jupyter, kernel):
        self.log = jupyter["base"] / f"kernel-{time.monotonic_ns()}.log"
        self.process = subprocess.Popen(
            [jupyter["python"], DRIVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=jupyter["env"])
        self.started = self("start", kernel=kernel, log=str(self.log))

    def __call__(self, op, **args):
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert "error" not in answer, answer["error"]
        return answer

    def frames(self):
        return "".join(self("received")["frames"])

    def close(self):
        try:
            self("shutdown", now=True)
        except Exception:
            pass
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def client(jupyter, masked_kernel):
    c = Client(jupyter, masked_kernel)
    yield c
    c.close()


def texts(result):
    """What a notebook would show for one cell: stream text, MIME text, errors, prompts."""
    out = []
    for msg in result["iopub"]:
        content = msg["content"]
        if msg["msg_type"] == "stream":
            out.append(content["text"])
        elif msg["msg_type"] in ("execute_result", "display_data", "update_display_data"):
            out += [json.dumps(v) if not isinstance(v, str) else v for v in content["data"].values()]
        elif msg["msg_type"] == "error":
            out += [content["evalue"]] + content["traceback"]
        elif msg["msg_type"] in ("comm_open", "comm_msg"):
            out.append(json.dumps(content["data"]))
    out += [r["content"]["prompt"] for r in result["input_requests"]]
    return "".join(out)


def alive(pids):
    still = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                    still.append(pid)
        except OSError:
            pass
    return still


def wait_gone(pids, timeout=10):
    deadline = time.time() + timeout
    while alive(pids) and time.time() < deadline:
        time.sleep(0.1)
    return alive(pids)


# --- install, list, remove -------------------------------------------------------------

def test_install_writes_a_kernelspec_that_starts_the_proxy(jupyter, masked_kernel):
    spec_dir = os.path.join(jupyter["env"]["JUPYTER_DATA_DIR"], "kernels", masked_kernel)
    with open(os.path.join(spec_dir, "kernel.json")) as f:
        spec = json.load(f)
    assert spec["argv"][:3] == [os.path.realpath(jupyter["maskrun"]), "kernel", "proxy"]
    assert spec["argv"].count("{connection_file}") == 2
    tail = spec["argv"][spec["argv"].index("--") + 1:]
    assert tail[1:] == ["-m", "ipykernel_launcher", "-f", "{connection_file}"]
    assert os.path.isabs(tail[0])
    assert spec["language"] == "python" and spec["display_name"].endswith("(masked)")
    assert "debugger" not in json.dumps(spec.get("metadata", {}))
    assert any(name.startswith("logo-") for name in os.listdir(spec_dir))
    # Jupyter itself lists it.
    listed = subprocess.run(["jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True,
                            env=jupyter["env"], timeout=60)
    assert masked_kernel in json.loads(listed.stdout)["kernelspecs"]
    shown = maskrun_kernel(jupyter, "list")
    assert shown.returncode == 0
    line = next(l for l in shown.stdout.splitlines() if l.startswith(masked_kernel + "\t"))
    assert "wraps python3" in line and spec_dir in line


def test_install_errors_are_clear_and_change_nothing(jupyter, masked_kernel, tmp_path):
    again = maskrun_kernel(jupyter, "install", "--kernel", "python3")
    assert again.returncode == 125 and "already exists" in again.stderr
    wrapped = maskrun_kernel(jupyter, "install", "--kernel", masked_kernel, "--name", "twice")
    assert wrapped.returncode == 125 and "already masked" in wrapped.stderr
    unknown = maskrun_kernel(jupyter, "install", "--kernel", "no-such-kernel")
    assert unknown.returncode == 125 and "no kernel named 'no-such-kernel'" in unknown.stderr
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("")
    unwritable = maskrun_kernel(jupyter, "install", "--kernel", "python3", "--prefix", str(not_a_dir))
    assert unwritable.returncode == 125 and str(not_a_dir) in unwritable.stderr
    bad_policy = tmp_path / "bad.yml"
    bad_policy.write_text("version: 1\nrules:\n  - id: x\n    regex: '('\n")
    invalid = maskrun_kernel(jupyter, "install", "--kernel", "python3", "--name", "p2", "--policy", str(bad_policy))
    assert invalid.returncode == 125 and f"{bad_policy}:4:" in invalid.stderr
    assert not os.path.exists(os.path.join(jupyter["env"]["JUPYTER_DATA_DIR"], "kernels", "p2"))


def test_remove_removes_only_masked_kernels(jupyter):
    made = maskrun_kernel(jupyter, "install", "--kernel", "python3", "--name", "to-remove", "--display-name", "Gone")
    assert made.returncode == 0, made.stderr
    assert "to-remove\t" in maskrun_kernel(jupyter, "list").stdout
    removed = maskrun_kernel(jupyter, "remove", "to-remove")
    assert removed.returncode == 0, removed.stderr
    assert "to-remove\t" not in maskrun_kernel(jupyter, "list").stdout
    refused = maskrun_kernel(jupyter, "remove", "python3")
    assert refused.returncode == 125 and "not a masked kernel" in refused.stderr
    missing = maskrun_kernel(jupyter, "remove", "to-remove")
    assert missing.returncode == 125 and "no kernel named" in missing.stderr


# --- the proxy ---------------------------------------------------------------------------

@pytest.mark.parametrize("content,message", [
    (None, "cannot read the connection file"),
    ("{not json", "not a Jupyter connection file"),
    ('{"shell_port": 1}', "the connection file has no"),
    ('{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k",'
     ' "signature_scheme": "hmac-rot13"}', "signature_scheme 'hmac-rot13' is not supported"),
    ('{"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "key": "k",'
     ' "transport": "udp"}', "transport 'udp' is not supported"),
])
def test_proxy_refuses_a_bad_connection_file_and_never_starts_the_kernel(maskrun, tmp_path, content, message):
    connection = tmp_path / "kernel.json"
    if content is not None:
        connection.write_text(content)
    marker = tmp_path / "kernel-ran"
    result = subprocess.run([maskrun, "kernel", "proxy", str(connection), "--", "touch", str(marker)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 125
    assert result.stderr.startswith("maskrun: ") and message in result.stderr
    assert '"k"' not in result.stderr
    assert not marker.exists()


def test_proxy_needs_a_kernel_command(maskrun, tmp_path):
    result = subprocess.run([maskrun, "kernel", "proxy", str(tmp_path / "k.json")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 125 and "no kernel command" in result.stderr


CELLS = [
    # (code, text that must still show)
    (f"print('token is {SECRET} ok')", "token is "),
    # The code holds the secret reversed, so only the output can put its halves together.
    ("import sys, time\n"
     f"s = {SECRET[::-1]!r}[::-1]\n"
     "sys.stdout.write('split ' + s[:12]); sys.stdout.flush(); time.sleep(0.4)\n"
     "print(s[12:] + ' done')", " done"),
    (f"'value ' + '{SECRET}'", "'value "),
    (f"from IPython.display import HTML, display\ndisplay(HTML('<b>html {SECRET}</b>'))", "<b>html "),
    (f"from IPython.display import JSON, display\ndisplay(JSON({{'note': 'json', 'token': '{SECRET}'}}))", "json"),
    (f"raise ValueError('raised {SECRET}')", "ValueError"),
    (f"import sys\nprint('err {SECRET}', file=sys.stderr)", "err "),
    (f"import os\nos.system('echo subprocess {SECRET}')", "subprocess "),
    # A widget's state and updates are comm messages: a front end shows their values.
    ("from comm import create_comm\n"
     f"c = create_comm(target_name='maskrun.test', data={{'value': 'widget {SECRET}'}})\n"
     f"c.send({{'state': {{'value': 'update {SECRET}'}}}})", "widget "),
]


@pytest.mark.parametrize("code,visible", CELLS, ids=["print", "two-writes", "value", "html", "json", "error", "stderr", "os-system", "comm"])
def test_no_message_the_client_receives_holds_the_secret(client, code, visible):
    before = len(client("received")["frames"])
    result = client("execute", code=code)
    assert not result["timed_out"]
    shown = texts(result)
    frames = "".join(client("received")["frames"][before:])
    assert leaks(frames) == []
    if "os.system" in code:
        # The subprocess writes to the kernel's own stdout, which the proxy masks too.
        time.sleep(1.5)
        logged = client.log.read_text(errors="replace")
        assert leaks(logged) == []
        assert visible in shown + logged and MASK in shown + logged
    else:
        assert visible in shown and MASK in shown


def test_arithmetic_is_unchanged(client):
    result = client("execute", code="6*7")
    values = [m["content"]["data"]["text/plain"] for m in result["iopub"] if m["msg_type"] == "execute_result"]
    assert values == ["42"]
    assert result["reply"]["content"]["status"] == "ok"


def test_input_prompt_is_masked_and_the_answer_arrives(client):
    result = client("execute", code=f"x = input('Enter {SECRET}: ')\nprint('got', len(x))", answers=["abcde"])
    prompts = [r["content"]["prompt"] for r in result["input_requests"]]
    assert prompts == [f"Enter {MASK}: "]
    assert "got 5" in texts(result)
    assert leaks("".join(client("received")["frames"])) == []


def test_binary_buffers_arrive_unchanged(client):
    code = ("from ipykernel.comm import Comm\n"
            "c = Comm(target_name='maskrun-test', data={})\n"
            "c.send(data={'kind': 'bytes'}, buffers=[bytes(range(256)), b'\\x89PNG\\r\\n\\x1a\\n' + bytes(100)])")
    result = client("execute", code=code)
    sent = [m for m in result["iopub"] if m["msg_type"] == "comm_msg"]
    assert len(sent) == 1
    assert [b.encode("latin-1") for b in sent[0]["buffers"]] == [bytes(range(256)), b"\x89PNG\r\n\x1a\n" + bytes(100)]


def test_a_wrongly_signed_message_is_dropped(client, tmp_path):
    marker = tmp_path / "forged-ran"
    client("forged", code=f"open({str(marker)!r}, 'w').close()")
    time.sleep(2)
    assert not marker.exists()
    assert "signature does not verify" in client.log.read_text(errors="replace")
    # The kernel still answers the real client.
    assert "42" in texts(client("execute", code="6*7"))


def test_audit_names_the_cell_and_recordings_hold_no_secret(jupyter, client):
    result = client("execute", code=f"print('audited {SECRET}')")
    cell = result["iopub"][0]["parent_msg_id"]
    logs = jupyter["base"] / "logs"
    deadline = time.time() + 5
    events = []
    while time.time() < deadline and not events:
        for name in os.listdir(logs):
            if name.startswith("audit-"):
                events += [json.loads(l) for l in (logs / name).read_text().splitlines() if l.strip()]
        events = [e for e in events if e.get("cell") == cell]
        time.sleep(0.2)
    assert events and events[0]["rule"] == "github-token"
    for name in os.listdir(logs):
        assert leaks((logs / name).read_text(errors="replace")) == []


# --- interrupt, restart, shutdown ---------------------------------------------------------

def test_interrupt_stops_a_sleeping_cell(jupyter, masked_kernel):
    c = Client(jupyter, masked_kernel)
    try:
        result = c("interrupt", code="import time\ntime.sleep(60)")
        assert not result["timed_out"] and result["seconds"] < 10
        assert result["reply"]["content"]["status"] == "error"
        assert result["reply"]["content"]["ename"] == "KeyboardInterrupt"
        assert "42" in texts(c("execute", code="6*7"))
    finally:
        c.close()


def test_interrupt_by_message(jupyter):
    """interrupt_mode message: the client sends interrupt_request on control."""
    spec_dir = os.path.join(jupyter["env"]["JUPYTER_DATA_DIR"], "kernels", "py-message")
    os.makedirs(spec_dir, exist_ok=True)
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump({"argv": [jupyter["python"], "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "message interrupts", "language": "python", "interrupt_mode": "message"}, f)
    made = maskrun_kernel(jupyter, "install", "--kernel", "py-message")
    assert made.returncode == 0, made.stderr
    with open(os.path.join(jupyter["env"]["JUPYTER_DATA_DIR"], "kernels", "py-message-masked", "kernel.json")) as f:
        assert json.load(f)["interrupt_mode"] == "message"
    c = Client(jupyter, "py-message-masked")
    try:
        result = c("interrupt", code="import time\ntime.sleep(60)")
        assert not result["timed_out"] and result["seconds"] < 10
        assert result["reply"]["content"]["ename"] == "KeyboardInterrupt"
    finally:
        c.close()


def test_restart_and_shutdown_leave_no_process(jupyter, masked_kernel):
    c = Client(jupyter, masked_kernel)
    assert c.started["kernel"], "the proxy started no kernel"
    # A cell that leaves a child process running, as notebooks do.
    c("execute", code="import subprocess\np = subprocess.Popen(['sleep', '300'])")
    restarted = c("restart")
    assert wait_gone(restarted["old"]) == []
    assert restarted["kernel"]
    assert "42" in texts(c("execute", code="6*7"))
    c("execute", code="import subprocess\np = subprocess.Popen(['sleep', '300'])")
    down = c("shutdown")
    assert wait_gone(down["old"]) == []
    c.process.stdin.close()
    c.process.wait(timeout=30)


def test_killing_the_proxy_takes_the_kernel_with_it(jupyter, masked_kernel):
    c = Client(jupyter, masked_kernel)
    try:
        killed = c("kill_proxy")
        assert len(killed["old"]) >= 2
        assert wait_gone(killed["old"]) == []
        # The killed proxy's private directory is removed by the next proxy that starts.
        tmp = os.environ.get("TMPDIR", "/tmp")
        left = f"maskrun-kernel-{killed['old'][0]}-"
        assert any(name.startswith(left) for name in os.listdir(tmp))
        Client(jupyter, masked_kernel).close()
        assert not any(name.startswith(left) for name in os.listdir(tmp))
    finally:
        c.process.stdin.close()
        c.process.wait(timeout=30)


# --- a whole notebook -----------------------------------------------------------------------

def test_nbconvert_execute_saves_no_secret(jupyter, masked_kernel, tmp_path):
    cells = [
        f"print('nb {SECRET}')",
        f"'{SECRET}'",
        f"raise RuntimeError('{SECRET}')",
    ]
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": code}
                  for code in cells],
        "metadata": {"kernelspec": {"name": masked_kernel, "display_name": "masked", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    source = tmp_path / "secret.ipynb"
    source.write_text(json.dumps(notebook))
    run = subprocess.run(
        ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
         f"--ExecutePreprocessor.kernel_name={masked_kernel}", "--output", "executed", str(source)],
        capture_output=True, text=True, env=jupyter["env"], timeout=180, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    saved = (tmp_path / "executed.ipynb").read_text()
    outputs = json.dumps([cell["outputs"] for cell in json.loads(saved)["cells"]])
    assert leaks(outputs) == []
    assert "nb " + MASK in outputs and "RuntimeError" in outputs
