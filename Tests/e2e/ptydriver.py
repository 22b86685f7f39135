"""A small pseudo-terminal driver: runs a program with a pty as its controlling terminal
and stdin/stdout/stderr, like a user's terminal emulator would."""
import fcntl
import os
import select
import struct
import subprocess
import termios
import time


class PtySession:
    def __init__(self, argv, cols=80, rows=24, env=None, stderr=None):
        self.master, self.slave = os.openpty()
        self.resize(cols, rows)
        full_env = dict(os.environ)
        full_env.pop("MASKRUN_POLICY", None)
        full_env["XDG_CONFIG_HOME"] = "/nonexistent"
        full_env["TERM"] = "xterm"
        if env:
            full_env.update(env)
        self.proc = subprocess.Popen(
            argv, stdin=self.slave, stdout=self.slave,
            stderr=stderr if stderr is not None else self.slave,
            start_new_session=True, env=full_env,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        self.output = b""

    def resize(self, cols, rows):
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def attributes(self):
        """The terminal's settings, as `stty -g` would show them."""
        return termios.tcgetattr(self.slave)

    def write(self, data):
        os.write(self.master, data)

    def _read_available(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def read_until(self, needle, timeout=10):
        deadline = time.monotonic() + timeout
        while needle not in self.output:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for {needle!r}; got {self.output[-500:]!r}")
            self._read_available(remaining)
        return self.output

    def wait(self, timeout=20):
        """Waits for the program to exit, collecting all its output; returns its status."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"did not exit within {timeout}s; output {self.output[-500:]!r}")
            self._read_available(0.05)
        while self._read_available(0.2):
            pass
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        os.close(self.slave)
