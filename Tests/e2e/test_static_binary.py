"""The installed binary is self-contained (issue 11): the Swift runtime and Foundation are
linked in, so it needs only named system C libraries, and it runs with the toolchain it
was built with out of reach."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import IN_CI, ROOT, require_tool

GITHUB_TOKEN = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"

# The system libraries maskrun may need: the C library and its parts, the C++ runtime the
# Swift runtime uses, and the C libraries maskrun names (PCRE2; Vectorscan and ZeroMQ
# for the engine and the kernel proxy).
ALLOWED = re.compile(
    r"(ld-linux[-\w.]*|libc|libm|libdl|libpthread|librt|libutil|libresolv|libstdc\+\+|libgcc_s"
    r"|libpcre2-8|libhs|libhs_runtime|libzmq)\.so(\.\d+)*")


@pytest.fixture(scope="module")
def installed(maskrun, tmp_path_factory):
    require_tool("make")
    dest = tmp_path_factory.mktemp("install")
    subprocess.run(["make", "-s", "-C", ROOT, f"DESTDIR={dest}", "PREFIX=/usr/local", "install",
                    f"MASKRUN_BIN={maskrun}"], check=True, capture_output=True)
    return str(dest / "usr" / "local" / "bin" / "maskrun")


def toolchain_root():
    """The folder of the Swift toolchain that built maskrun (/opt/swift here)."""
    swiftc = shutil.which("swiftc")
    if swiftc is None:
        pytest.skip("no Swift toolchain on PATH")
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(swiftc))))


def dynamic_section(path):
    readelf = require_tool("readelf")
    out = subprocess.run([readelf, "-d", path], check=True, capture_output=True, text=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)
    paths = re.findall(r"\((?:RPATH|RUNPATH)\)\s+Library (?:rpath|runpath): \[(.+?)\]", out)
    return needed, [p for entry in paths for p in entry.split(":")]


def test_installed_binary_needs_only_named_system_c_libraries(installed):
    needed, search_paths = dynamic_section(installed)
    assert needed, "readelf found no dynamic section"
    assert "libpcre2-8.so.0" in needed
    unexpected = [name for name in needed if not ALLOWED.fullmatch(name)]
    assert unexpected == [], f"links libraries outside the system's C set: {unexpected}"
    root = toolchain_root()
    assert [p for p in search_paths if p.startswith(root) or "swift" in p] == []


def test_every_library_resolves_outside_the_toolchain(installed):
    ldd = require_tool("ldd")
    out = subprocess.run([ldd, installed], check=True, capture_output=True, text=True).stdout
    assert "not found" not in out
    root = toolchain_root()
    assert root not in out and "libswift" not in out and "libFoundation" not in out


def test_runs_with_the_toolchain_out_of_reach(installed, tmp_path):
    """In a mount namespace of its own, the toolchain's folder is an empty tmpfs; the
    installed binary still starts, masks, and reports its version."""
    unshare = require_tool("unshare")
    root = toolchain_root()
    probe = subprocess.run([unshare, "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        if IN_CI:
            pytest.fail(f"unshare --mount is refused: {probe.stderr.decode()}")
        pytest.skip("unshare --mount is refused here")
    script = (f"mount -t tmpfs tmpfs {root} && test -z \"$(ls -A {root})\" && "
              f"printf '%s\\n' {GITHUB_TOKEN} | {installed} filter && {installed} --version && "
              f"{installed} -- echo ran")
    result = subprocess.run([unshare, "--mount", "sh", "-c", script], capture_output=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": "/nonexistent"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "[MASKED:github-token]" and re.fullmatch(r"\d+\.\d+\.\d+", lines[1])
    assert lines[2] == "ran"
