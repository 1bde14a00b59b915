"""Wall time of `skillkit test example_skills` on the embedded engine, with -j 4, -j 1 and --replay.

    python benchmarks/runner_wall_time.py [--runs 3]

Each configuration runs in a fresh subprocess (imports included, as a user would see it); the
best and median of --runs are printed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CONFIGS = {
    "-j 4 (default)": [],
    "-j 1": ["-j", "1"],
    "--replay": ["--replay"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    for label, extra in CONFIGS.items():
        times = []
        for _ in range(args.runs):
            cmd = [sys.executable, "-m", "skillkit", "test", "example_skills", "-q", *extra]
            start = time.perf_counter()
            proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                failed = True
                print(f"{label}: exit {proc.returncode}\n{proc.stdout}{proc.stderr}")
        print(
            f"skillkit test example_skills {label:>15}: best {min(times):.2f} s, "
            f"median {statistics.median(times):.2f} s over {args.runs} runs"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
