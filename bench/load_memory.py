"""Memory: the resident size of a till process after 1 000 and after 10 000 sales through `load`.

`till-loyalty load` runs as its own process (the real checkout, SOAP client, journal and outbox,
no window) against the sandbox on loopback, in this process's thread. Its resident memory (VmRSS
from /proc) is read when its output says the N-th sale is on disk: after the first 100 sales
(the floor: everything loaded and warm), after 1 000 and after 10 000 (or the counts given).
Prints the sizes, the growth between the two checkpoints and the ratio last/first; target: flat,
under 10 % growth between 1 000 and 10 000 sales. Linux only (reads /proc).

What a long run keeps is bounded: the load run picks its refunds from a window of its latest
sales (`app.cli.load.REFUND_WINDOW`), not from every sale it made.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loyalty_client.sandbox import start_sandbox

TARGET_GROWTH = 0.10
SALE_EVENTS = ("committed ", "anonymous ")  # one of these per sale, printed once it is on disk


def resident_kib(pid: int) -> tuple[int, int]:
    """Resident size and its peak (VmRSS, VmHWM) of process `pid`, in KiB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def measure(url: str, folder: Path, checkpoints: list[int], seed: int) -> list[tuple[int, int, int, float]]:
    """(sales, RSS KiB, peak KiB, seconds since start) at each checkpoint of one load run."""
    command = [
        sys.executable, "-m", "app", "load", "--service", url, "--db", str(folder / "till.sqlite"),
        "--config", str(folder / "till.ini"), "--sales", str(checkpoints[-1]), "--seed", str(seed),
    ]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    points: list[tuple[int, int, int, float]] = []
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True) as proc:
        assert proc.stdout is not None
        sales, due = 0, list(checkpoints)
        for line in proc.stdout:
            if line.startswith(SALE_EVENTS):
                sales += 1
                if due and sales == due[0]:
                    due.pop(0)
                    rss, peak = resident_kib(proc.pid)  # the process waits on this pipe: it is still there
                    points.append((sales, rss, peak, time.perf_counter() - started))
        if proc.wait() != 0 or due:
            raise RuntimeError(f"load ended with exit {proc.returncode} after {sales} sales")
    return points


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench load_memory", description=__doc__)
    parser.add_argument("--floor", type=int, default=100, help="sales before the floor is read")
    parser.add_argument("--first", type=int, default=1000, help="sales at the first checkpoint")
    parser.add_argument("--last", type=int, default=10000, help="sales at the last checkpoint")
    parser.add_argument("--seed", type=int, default=7, help="seed of the load run")
    args, _ = parser.parse_known_args(argv)
    checkpoints = [args.floor, args.first, args.last]
    with tempfile.TemporaryDirectory(prefix="till-bench-") as folder, start_sandbox() as sandbox:
        points = measure(sandbox.url, Path(folder), checkpoints, args.seed)
    print(f"{'till-loyalty load':<28}{'sales':>8}{'RSS MiB':>10}{'peak MiB':>10}{'sales/s':>10}")
    for label, (sales, rss, peak, seconds) in zip(("floor (warm)", "first", "last"), points):
        print(f"{label:<28}{sales:>8}{rss / 1024:>10.1f}{peak / 1024:>10.1f}{sales / seconds:>10.0f}")
    (_, floor, _, _), (_, first, _, _), (_, last, _, _) = points
    growth = (last - first) / first
    print(f"{'growth first -> last':<28}{growth * 100:>17.1f} %  (target under {TARGET_GROWTH * 100:.0f} %)")
    print(f"{'ratio last/first':<28}{last / first:>18.2f}")
    print(f"{'ratio last/floor':<28}{last / floor:>18.2f}")
