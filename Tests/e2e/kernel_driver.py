"""A Jupyter client for test_kernel.py, run with the kernel test virtual environment's
Python (it has jupyter_client): reads one JSON command a line on stdin, answers with one
JSON line on stdout. Every frame the client receives is kept, so the tests can search
all of it for a secret, not only the fields they expect it in."""
import json
import os
import signal
import sys
import time

from jupyter_client import KernelManager
from jupyter_client.session import Session

RECEIVED = []  # every frame of every message the client deserialised, as bytes
_deserialize = Session.deserialize


def _recording_deserialize(self, msg_list, content=True, copy=True):
    for frame in msg_list:
        RECEIVED.append(bytes(frame.bytes if hasattr(frame, "bytes") else frame))
    return _deserialize(self, msg_list, content=content, copy=copy)


Session.deserialize = _recording_deserialize

km = None
kc = None


def plain(msg):
    """A message as JSON-able data (buffers as latin-1 text)."""
    return {
        "msg_type": msg["msg_type"],
        "parent_msg_id": msg["parent_header"].get("msg_id"),
        "content": msg["content"],
        "buffers": [bytes(b).decode("latin-1") for b in msg.get("buffers", [])],
    }


def descendants(pid):
    """Processes below pid (from /proc), so the tests can check none is left behind."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def start(args):
    global km, kc
    km = KernelManager(kernel_name=args["kernel"])
    log = open(args["log"], "ab")
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    proxy = km.provisioner.process.pid
    return {"proxy": proxy, "kernel": descendants(proxy)}


def collect(msg_id, answers=(), timeout=30):
    """iopub messages of the request until idle, its reply, and input requests answered."""
    answers = list(answers)
    iopub, reply, requests = [], None, []
    idle = False
    deadline = time.time() + timeout
    while (not idle or reply is None) and time.time() < deadline:
        for channel in (kc.stdin_channel, kc.iopub_channel, kc.shell_channel):
            try:
                msg = channel.get_msg(timeout=0.02)
            except Exception:
                continue
            if channel is kc.stdin_channel:
                requests.append(plain(msg))
                kc.input(answers.pop(0) if answers else "")
            elif channel is kc.iopub_channel:
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                iopub.append(plain(msg))
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
            elif msg["parent_header"].get("msg_id") == msg_id:
                reply = plain(msg)
    return {"iopub": iopub, "reply": reply, "input_requests": requests, "timed_out": not idle or reply is None}


def execute(args):
    start_time = time.perf_counter()
    msg_id = kc.execute(args["code"], allow_stdin=bool(args.get("answers")))
    result = collect(msg_id, args.get("answers", ()), args.get("timeout", 30))
    result["seconds"] = time.perf_counter() - start_time
    return result


def timing(args):
    """Seconds per cell for `count` cells of `code`, each waited for (idle and reply)."""
    times = []
    for _ in range(args["count"]):
        start_time = time.perf_counter()
        result = collect(kc.execute(args["code"]))
        if result["timed_out"]:
            raise RuntimeError("a cell timed out")
        times.append(time.perf_counter() - start_time)
    return {"times": times}


def interrupt(args):
    msg_id = kc.execute(args["code"])
    time.sleep(args.get("after", 1.0))
    started = time.perf_counter()
    km.interrupt_kernel()
    result = collect(msg_id, timeout=args.get("timeout", 20))
    result["seconds"] = time.perf_counter() - started
    return result


def restart(args):
    proxy = km.provisioner.process.pid
    old = [proxy] + descendants(proxy)
    km.restart_kernel(now=args.get("now", False))
    kc.wait_for_ready(timeout=60)
    new_proxy = km.provisioner.process.pid
    return {"old": old, "proxy": new_proxy, "kernel": descendants(new_proxy)}


def shutdown(args):
    proxy = km.provisioner.process.pid
    old = [proxy] + descendants(proxy)
    kc.stop_channels()
    km.shutdown_kernel(now=args.get("now", False))
    return {"old": old}


def forged(args):
    """An execute_request signed with the wrong key: the proxy must drop it."""
    wrong = Session(key=b"not-the-connection-key", username="mallory")
    msg = wrong.msg("execute_request", content={
        "code": args["code"], "silent": False, "store_history": True,
        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    wrong.send(kc.shell_channel.socket, msg)
    return {"msg_id": msg["header"]["msg_id"]}


def received(args):
    return {"frames": [frame.decode("latin-1") for frame in RECEIVED]}


def kill_proxy(args):
    proxy = km.provisioner.process.pid
    old = [proxy] + descendants(proxy)
    os.kill(proxy, signal.SIGKILL)
    km.provisioner.process.wait()
    return {"old": old}


COMMANDS = {f.__name__: f for f in (start, execute, timing, interrupt, restart, shutdown, forged, received, kill_proxy)}

for line in sys.stdin:
    request = json.loads(line)
    try:
        answer = COMMANDS[request.pop("op")](request)
    except Exception as error:  # reported to the test, which fails with it
        answer = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
