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


def cell_times(kernel):
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    times = []
    try:
        for i in range(count + 10):
            start = time.perf_counter()
            kc.execute_interactive(f"print('line {i} of the benchmark')", output_hook=lambda msg: None, timeout=30)
            if i >= 10:  # the first cells warm up the kernel and the proxy
                times.append(time.perf_counter() - start)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return times


results = {}
for kernel in ("python3", "python3-masked"):
    times = cell_times(kernel)
    results[kernel] = {"median_ms": statistics.median(times) * 1000, "p90_ms": sorted(times)[int(len(times) * 0.9)] * 1000}
for kernel, r in results.items():
    print(f"{kernel:16} median {r['median_ms']:.2f} ms   p90 {r['p90_ms']:.2f} ms   ({count} print cells)")
print(f"added by the proxy: {results['python3-masked']['median_ms'] - results['python3']['median_ms']:.2f} ms per cell (median)")
