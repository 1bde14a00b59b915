"""Smoke test of the pack and validate benchmarks (issue 13, items 1 and 2): each `bench()`
runs on its tiny inputs, once, and returns the structure `benchmarks/run.py` reads."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))  # as benchmarks/run.py imports them

import bench_pack  # noqa: E402
import bench_validate  # noqa: E402


def _check_structure(result: dict, name: str) -> None:
    assert result["name"] == name
    assert isinstance(result["inputs"], str) and result["inputs"]
    assert result["rows"] and result["rows"][0]["tool"].startswith("skillkit")
    for row in result["rows"]:
        assert set(row) == {"tool", "median_s", "peak_rss_mib", "note"}
        if row["median_s"] is None:
            assert row["note"].startswith("skipped")
        else:
            assert row["median_s"] > 0 and row["peak_rss_mib"] > 0
    for target in result["targets"]:
        assert set(target) == {"target", "value", "met"}
        assert isinstance(target["met"], bool)


def test_bench_pack_tiny(tmp_path: Path) -> None:
    result = bench_pack.bench(tmp_path, repeats=1, tiny=True)
    _check_structure(result, "pack")
    assert result["checks"]["byte_identical"] is True
    tools = [row["tool"] for row in result["rows"]]
    assert tools[:2] == ["skillkit pack", "vlmrun SDK bundle_from_directory"]
    assert "40 files" in result["inputs"]


def test_bench_validate_tiny(tmp_path: Path) -> None:
    result = bench_validate.bench(tmp_path, repeats=1, tiny=True)
    _check_structure(result, "validate")
    import importlib.util

    # skills-ref needs Python 3.11 (the dev extra skips it below): then its check is None
    peer = True if importlib.util.find_spec("skills_ref") else None
    assert result["checks"] == {"skillkit_all_valid": True, "skills_ref_all_valid": peer}
    assert "20 small valid skills" in result["inputs"]


def test_bench_inputs_are_deterministic(tmp_path: Path) -> None:
    a, _ = bench_pack.make_skill(tmp_path / "a", tiny=True)
    b, _ = bench_pack.make_skill(tmp_path / "b", tiny=True)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all(
        (a / f).read_bytes() == (b / f).read_bytes() for f in files_a if f.name != "SKILL.md"
    )
    tree_a, folders_a, _ = bench_validate.make_tree(tmp_path / "a", tiny=True)
    tree_b, folders_b, _ = bench_validate.make_tree(tmp_path / "b", tiny=True)
    assert [f.name for f in folders_a] == [f.name for f in folders_b] and len(folders_a) == 20
