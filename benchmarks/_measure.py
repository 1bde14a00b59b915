"""Shared measuring for `benchmarks/run.py`: run a command N times in a child process and keep
the median wall time and the peak resident memory of each run (from `os.wait4` in a small
wrapper process, which reports the command's own maximum RSS, its waited-for children included),
so that skillkit and each peer are measured the same way, start-up included.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measurement:
    """Runs of one command: wall seconds and peak RSS (MiB) of each."""

    label: str
    seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)
    output: bytes = b""  # stdout of the last run (for checks such as byte-identical bundles)

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_rss_mib(self) -> float:
        return max(self.rss_mib)

    def row(self, note: str, **extra) -> dict:
        """A row of a benchmark's result (benchmarks/run.py renders them), named by label."""
        return {
            "tool": self.label,
            "median_s": round(self.median_s, 3),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            "note": note,
            **extra,
        }


# The command runs under this small wrapper, which reports the command's own wall time and
# peak RSS on a pipe of its own. Measuring the command as a direct child would be wrong: a child
# forked (or vforked) from this process keeps this process's peak RSS in its ru_maxrss across
# exec, so a 3 MiB `zip` run from a benchmark holding 100 MiB read as 100 MiB. The wrapper is a
# fresh interpreter (~9 MiB), so that is the floor of what a command can read as.
_WRAPPER = (
    "import os, sys, time\n"
    "fd, cmd = int(sys.argv[1]), sys.argv[2:]\n"
    "os.set_inheritable(fd, False)\n"
    "t = time.perf_counter()\n"
    "pid = os.posix_spawnp(cmd[0], cmd, os.environ)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "t = time.perf_counter() - t\n"
    "os.write(fd, f'{t!r} {usage.ru_maxrss}'.encode())\n"
    "sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)\n"
)


def run_once(cmd: Sequence[str], *, cwd: Path | None = None, env: dict | None = None):
    """(seconds, peak RSS in MiB, stdout) of one run; raises when the command fails."""
    read_fd, write_fd = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", _WRAPPER, str(write_fd), *cmd],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(write_fd,),
        )
    finally:
        os.close(write_fd)
    with os.fdopen(read_fd, "rb") as report:
        out, err = proc.communicate()
        stats = report.read().split()
    code = proc.returncode
    if code != 0 or len(stats) != 2:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(cmd)[:200]} exited {code}: {' | '.join(tail)}")
    seconds, max_rss_kib = float(stats[0]), int(stats[1])
    return seconds, max_rss_kib / 1024.0, out  # ru_maxrss is in KiB on Linux


def measure(
    label: str,
    cmd: Sequence[str],
    repeats: int,
    *,
    cwd: Path | None = None,
    env: dict | None = None,
    before=None,
    after=None,
) -> Measurement:
    """`repeats` runs of `cmd`; `before()` runs before each (e.g. removes an output file),
    `after()` after each (e.g. reads a report it wrote)."""
    m = Measurement(label)
    for _ in range(repeats):
        if before is not None:
            before()
        seconds, rss, out = run_once(cmd, cwd=cwd, env=env)
        m.seconds.append(seconds)
        m.rss_mib.append(rss)
        m.output = out
        if after is not None:
            after()
    return m


def python_env(workdir: Path) -> dict[str, str]:
    """The environment of every measured child: bytecode cached (under `workdir`, not in the
    source tree), as an installed package runs, whatever PYTHONDONTWRITEBYTECODE the caller
    has set; each tool gets one unmeasured warm-up run (`measured`) that fills the cache."""
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}


def measured(label: str, cmd: Sequence[str], repeats: int, env: dict, **kwargs) -> Measurement:
    """`measure` after one warm-up run (bytecode compiled, files in the page cache)."""
    before = kwargs.get("before")
    if before is not None:
        before()
    run_once(cmd, cwd=kwargs.get("cwd"), env=env)
    return measure(label, cmd, repeats, env=env, **kwargs)


def python(code: str) -> list[str]:
    """A command that runs `code` in a fresh interpreter of this environment."""
    return [sys.executable, "-c", code]


def tool(name: str) -> list[str]:
    """A console script of this environment (`skillkit`), else `python -m name`."""
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", name]


def machine() -> str:
    """One line on the machine: CPU model and count, memory, OS, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPU(s){mem}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def ratio(value: float, peer: float) -> str:
    return "-" if not peer else f"{value / peer:.2f}x"


def table(head: Sequence[str], rows: Sequence[Sequence[str]], left_last: bool = False) -> str:
    """A Markdown table; the first column left-aligned, the rest right-aligned (the last one
    left-aligned too with `left_last`: a note)."""
    align = ["---"] + ["---:"] * (len(head) - 1)
    if left_last:
        align[-1] = "---"
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
