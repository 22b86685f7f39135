"""Added latency of a masked notebook kernel: the median time of N `print` cells (each
waited for until the kernel reports idle and the reply arrives), through the unwrapped
python3 kernel and through `maskrun kernel proxy`, with the same jupyter_client.

    .venv-kernel/bin/python bench/kernel.py [MASKRUN] [N]

MASKRUN defaults to .build/release/maskrun; the masked kernel is installed into a
temporary JUPYTER_DATA_DIR, so nothing outside it changes."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
maskrun = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "maskrun"))
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
data = tempfile.mkdtemp(prefix="maskrun-bench-")
os.environ["JUPYTER_DATA_DIR"] = data
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]
subprocess.run([maskrun, "kernel", "install", "--kernel", "python3"], check=True, capture_output=True)


def started(kernel):
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def cpu_seconds(pid):
    """User plus system CPU time of a process (from /proc), which the machine's load does
    not change the way it changes wall-clock latency."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cell_time(kc, i):
    start = time.perf_counter()
    kc.execute_interactive(f"print('line {i} of the benchmark')", output_hook=lambda msg: None, timeout=30)
    return time.perf_counter() - start


# Both kernels run at once and take turns, so a load that comes and goes on the machine
# weighs on both alike; the first 10 cells of each warm up the kernel and the proxy.
kernels = {name: started(name) for name in ("python3", "python3-masked")}
times = {name: [] for name in kernels}
proxy = kernels["python3-masked"][0].provisioner.process.pid
cpu_before = None
try:
    for i in range(count + 10):
        for name, (km, kc) in kernels.items():
            elapsed = cell_time(kc, i)
            if i >= 10:
                times[name].append(elapsed)
        if i == 9:
            cpu_before = cpu_seconds(proxy)
    proxy_cpu = cpu_seconds(proxy) - cpu_before
finally:
    for km, kc in kernels.values():
        kc.stop_channels()
        km.shutdown_kernel(now=True)

results = {name: {"median_ms": statistics.median(t) * 1000, "p90_ms": sorted(t)[int(len(t) * 0.9)] * 1000}
           for name, t in times.items()}
for kernel, r in results.items():
    print(f"{kernel:16} median {r['median_ms']:.2f} ms   p90 {r['p90_ms']:.2f} ms   ({count} print cells)")
print(f"added by the proxy: {results['python3-masked']['median_ms'] - results['python3']['median_ms']:.2f} ms per cell (median)")
print(f"proxy CPU time: {proxy_cpu / count * 1000:.2f} ms per cell")
