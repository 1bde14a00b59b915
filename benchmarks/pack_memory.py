"""Peak memory of `skillkit pack` must not grow with the skill's size (issue 2, item 4).

Makes skills of random (incompressible) files, e.g. 5 MB and 40 MB, packs each in its own
subprocess (`python -m skillkit pack DIR --format payload -o OUT --no-validate`), and reads that
process's peak RSS (getrusage RUSAGE_CHILDREN in a small wrapper). Prints both peaks, their
ratio, and PASS/FAIL with a tolerance.

    python benchmarks/pack_memory.py [--sizes 5 40] [--tolerance-mb 15]
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

FILE_MB = 4  # each skill is made of files of this size (the per-file limit is 25 MB)


@dataclass
class Run:
    size_mb: int
    peak_rss_mb: float
    output_mb: float
    seconds: float


def make_skill(base: Path, size_mb: int) -> Path:
    name = f"bench-{size_mb}mb"
    root = base / name
    (root / "assets").mkdir(parents=True)
    (root / "SKILL.md").write_text(
        f"---\nname: {name}\ndescription: Benchmark skill. Use when measuring pack memory.\n"
        "---\n\n# Benchmark\n\nNothing to do.\n",
        encoding="utf-8",
    )
    left = size_mb * 1024 * 1024
    index = 0
    while left > 0:
        chunk = min(left, FILE_MB * 1024 * 1024)
        with (root / "assets" / f"random-{index:03}.bin").open("wb") as fh:
            fh.write(os.urandom(chunk))
        left -= chunk
        index += 1
    return root


# A small, fresh interpreter starts the pack and reports its child's peak RSS. Measuring from
# this (larger) process directly would be wrong: a forked child's ru_maxrss includes the
# parent's resident pages until exec.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(done.returncode)\n"
)


def pack(root: Path, out: Path, size_mb: int) -> Run:
    """Pack in a grandchild process and read its peak RSS (Linux reports KiB, macOS bytes)."""
    cmd = [sys.executable, "-m", "skillkit", "pack", str(root)]
    cmd += ["--format", "payload", "-o", str(out), "--no-validate"]
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"pack failed ({proc.returncode}): {proc.stderr}")
    peak = int(proc.stdout.split()[-1])
    peak_mb = peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024
    return Run(size_mb, peak_mb, out.stat().st_size / 1024 / 1024, elapsed)


def check_output(root: Path, out: Path) -> None:
    """The payload really holds every file (so the benchmark measures a real pack)."""
    payload = json.loads(out.read_text())
    data = base64.b64decode(payload["source"]["data"])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
    want = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    if names != want:
        raise SystemExit(f"payload of {root.name} holds {sorted(names)}, expected {sorted(want)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 40], help="skill sizes, MB")
    parser.add_argument("--tolerance-mb", type=float, default=15.0)
    args = parser.parse_args(argv)

    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-") as tmp:
        base = Path(tmp)
        for size in args.sizes:
            root = make_skill(base, size)
            out = base / f"{root.name}.payload.json"
            run = pack(root, out, size)
            check_output(root, out)
            runs.append(run)
            print(
                f"skill {run.size_mb:>4} MB -> payload {run.output_mb:6.1f} MB: "
                f"peak RSS {run.peak_rss_mb:6.1f} MB ({run.seconds:.1f} s)"
            )
            out.unlink()

    small, large = runs[0], runs[-1]
    growth = large.peak_rss_mb - small.peak_rss_mb
    ratio = large.peak_rss_mb / small.peak_rss_mb
    size_ratio = large.size_mb / small.size_mb
    ok = growth <= args.tolerance_mb
    print(
        f"peak RSS {small.peak_rss_mb:.1f} MB -> {large.peak_rss_mb:.1f} MB "
        f"(x{ratio:.2f}, {growth:+.1f} MB) while the skill grew x{size_ratio:.0f}; "
        f"tolerance +{args.tolerance_mb:.0f} MB"
    )
    print("PASS" if ok else "FAIL: peak memory grows with the skill's size")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
