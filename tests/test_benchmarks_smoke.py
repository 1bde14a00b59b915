"""`benchmarks/run.py` end to end on tiny inputs: the benchmarks are not unit tests, but the
command the README names must keep working (it starts `skillkit serve`, so: slow tier)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow


def test_run_py_writes_every_section_and_the_targets(tmp_path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--tiny", "--repeats", "1"]
        + ["--out", str(out), "--only", "runner,engine,suite", "--workdir", str(tmp_path / "w")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert proc.stdout == text + "\n"  # the same table on stdout and in the file
    for heading in ("# Benchmarks", "### Targets", "### runner", "### engine", "### suite"):
        assert heading in text, heading
    assert "- machine: " in text
    # the runner's rows: each -j leg with its ideal, and the SDK loop as the peer
    assert "| skillkit test -j 1 |" in text and "of ideal" in text
    assert "vlmrun SDK loop" in text
    assert "pages/s" in text
    assert "skipped with --tiny" in text


def test_run_py_refuses_an_unknown_section() -> None:
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--only", "packing", "--out", "-"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "unknown section(s) ['packing']" in proc.stderr
