"""skillkit against its peers, in one run, on the same generated inputs (issue 13).

    python benchmarks/run.py                      # everything, median of 5 runs; writes BENCHMARKS.md
    python benchmarks/run.py --only pack,runner   # some of: pack, validate, runner, engine, suite
    python benchmarks/run.py --tiny --repeats 1 --out -   # the smoke test's run: tiny inputs

Needs the README's install (`pip install -e ".[dev]"`: the `vlmrun` SDK and `skills-ref` are
peers there); `zip` (Info-ZIP) is used when it is on PATH and skipped, saying so, when not.
Every tool runs in a fresh child process, start-up included; wall time is the median of
--repeats runs and peak RSS the largest of them (`benchmarks/_measure.py`). The whole run takes
about 20 minutes on a 2-core machine (the runner's -j 1 leg alone is 5 x 100 s).

Sections (each module's docstring says exactly what it runs):
  pack      benchmarks/bench_pack.py      skillkit pack vs the SDK's bundling vs zip -X -r
  validate  benchmarks/bench_validate.py  skillkit validate vs skills-ref over 1,000 skills
  runner    benchmarks/bench_runner.py    skillkit test -j 1/8/32 vs an SDK loop, serve --latency
  engine    benchmarks/bench_engine.py    pages per second, OCR seconds per image page
  suite     (here)                        wall time of the default `python -m pytest -q`
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from _measure import machine, measure, ratio, table  # noqa: E402

SECTIONS = ("pack", "validate", "runner", "engine", "suite")
MODULES = {
    "pack": "bench_pack",
    "validate": "bench_validate",
    "runner": "bench_runner",
    "engine": "bench_engine",
}


def bench_suite(workdir: Path, repeats: int = 5, tiny: bool = False) -> dict:
    """Wall time of the README's test command (the default, fast tier)."""
    if tiny:
        return {"name": "suite", "inputs": "-", "rows": [
            {"tool": "python -m pytest -q", "note": "skipped with --tiny (the smoke test runs in it)"}
        ], "checks": {}, "targets": []}  # fmt: skip
    m = measure(
        "pytest", [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        repeats, cwd=REPO,
    )  # fmt: skip
    return {
        "name": "suite",
        "inputs": "the default tier (`-m 'not slow' -n auto`, from pyproject)",
        "rows": [{"tool": "python -m pytest -q", "median_s": m.median_s,
                  "peak_rss_mib": m.peak_rss_mib, "note": f"{repeats} run(s)"}],
        "checks": {},
        "targets": [],
    }  # fmt: skip


def run_section(name: str, workdir: Path, repeats: int, tiny: bool) -> dict:
    if name == "suite":
        return bench_suite(workdir, repeats, tiny)
    try:
        module = importlib.import_module(MODULES[name])
    except ImportError as exc:
        return {"name": name, "inputs": "-", "rows": [{"tool": "-", "note": f"not run: {exc}"}],
                "checks": {}, "targets": []}  # fmt: skip
    try:
        return module.bench(workdir / name, repeats=repeats, tiny=tiny)
    except Exception as exc:  # a benchmark that breaks is a result to print, not a traceback
        return {"name": name, "inputs": "-",
                "rows": [{"tool": "-", "note": f"failed: {type(exc).__name__}: {exc}"}],
                "checks": {}, "targets": [], "failed": True}  # fmt: skip


def render_section(result: dict) -> str:
    rows = result.get("rows", [])
    # the peer the ratios are to: the row marked so, else the official SDK's or skills-ref's
    peer = next((r for r in rows if r.get("peer")), None) or next(
        (r for r in rows if any(k in r["tool"] for k in ("vlmrun", "skills-ref", "skills_ref"))),
        None,
    )
    body = []
    for r in rows:
        seconds, rss = r.get("median_s"), r.get("peak_rss_mib")
        cells = [
            r["tool"],
            "-" if seconds is None else f"{seconds:.3f}",
            "-" if rss is None else f"{rss:.0f}",
        ]
        if peer is not None and r is not peer and seconds is not None:
            cells.append(ratio(seconds, peer.get("median_s") or 0))
            cells.append(ratio(rss or 0, peer.get("peak_rss_mib") or 0) if rss else "-")
        else:
            cells += ["-", "-"]
        cells.append(r.get("note", ""))
        body.append(cells)
    head = ["tool", "wall s (median)", "peak RSS MiB", "wall vs peer", "RSS vs peer", "note"]
    out = [f"### {result['name']}", "", f"Inputs: {result.get('inputs', '-')}", ""]
    out.append(table(head, body, left_last=True))
    checks = result.get("checks") or {}
    if checks:
        out += ["", "Checks: " + ", ".join(f"{k}: {v}" for k, v in checks.items())]
    return "\n".join(out)


def render_targets(results: list[dict]) -> str:
    rows = []
    for result in results:
        for t in result.get("targets", []):
            met = {True: "met", False: "**not met**", None: "-"}[t.get("met")]
            rows.append([f"{result['name']}: {t['target']}", t["value"], met])
    if not rows:
        return ""
    return "### Targets\n\n" + table(["target", "measured", ""], rows)


def render(results: list[dict], repeats: int, tiny: bool) -> str:
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        "Written by `python benchmarks/run.py` (do not edit by hand; run it again).",
        "",
        f"- when: {when}",
        f"- machine: {machine()}",
        f"- runs: median of {repeats} per tool{' (tiny inputs)' if tiny else ''}; every tool in"
        " a fresh child process, start-up included; peak RSS from wait4",
        "",
    ]
    targets = render_targets(results)
    if targets:
        lines += [targets, ""]
    for result in results:
        lines += [render_section(result), ""]
    return "\n".join(lines)


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )  # fmt: skip
    parser.add_argument("--repeats", type=int, default=5, help="runs per tool (median)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--tiny", action="store_true", help="tiny inputs (a smoke test)")
    parser.add_argument(
        "--out", default=str(REPO / "BENCHMARKS.md"), help="Markdown file, or - for stdout only"
    )
    parser.add_argument("--workdir", help="where inputs are generated (default: a temp dir)")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or args.repeats < 1:
        parser.error(f"unknown section(s) {unknown}; choose from {', '.join(SECTIONS)}"
                     if unknown else "--repeats must be at least 1")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="skillkit-bench-") as tmp:
        workdir = Path(args.workdir) if args.workdir else Path(tmp)
        results = []
        for name in chosen:
            print(f"benchmarks: {name} ...", file=sys.stderr, flush=True)
            results.append(run_section(name, workdir, args.repeats, args.tiny))
    text = render(results, args.repeats, args.tiny)
    print(text)
    if args.out != "-":
        write_atomic(Path(args.out), text)
        print(f"wrote {args.out}", file=sys.stderr)
    return 1 if any(r.get("failed") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
