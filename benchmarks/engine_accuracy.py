"""Accuracy of the local extraction engine on the regression corpora and the example skills.

Runs the engine on every regression corpus tests/data/regression/<corpus>/ (`<case>.<ext>` with
`<case>.schema.json` and `<case>.expected.json`; see tests/data/regression/README.md) and,
reported separately, on every example skill case; judges each output with
`skillkit.compare.judge(actual, expected, schema=schema)` and prints per-case precision, recall
and F1 over leaf fields, then per corpus the mean F1 and the micro F1 (from summed counts).

The regression corpora were written by this team and the engine was tuned on them: these
scores catch regressions, they do not measure generality (real documents do:
../shared/corpus-real/, not committed).

    python benchmarks/engine_accuracy.py [-v] [--corpus NAME ...] [--json OUT]

`-v` lists each case's differing fields; `--corpus corpus2` (repeatable; `examples` for the
example skills) limits the run to the named corpora.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from skillkit.compare import judge  # noqa: E402
from skillkit.engine import SUPPORTED_SUFFIXES, extract  # noqa: E402

REGRESSION = REPO / "tests" / "data" / "regression"
EXPECTED = ".expected.json"
SCHEMA = ".schema.json"


@dataclass
class Score:
    name: str
    tp: int
    fp: int
    fn: int
    schema_errors: int
    differences: list

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 1.0


def corpus_cases(folder: Path) -> list[tuple[str, Path, Path, Path]]:
    """(name, document, schema, expected) for every case of one regression corpus."""
    out = []
    for doc in sorted(folder.iterdir()) if folder.is_dir() else []:
        if doc.name.endswith((EXPECTED, SCHEMA)) or doc.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        stem = doc.name[: -len(doc.suffix)]
        schema, expected = folder / f"{stem}{SCHEMA}", folder / f"{stem}{EXPECTED}"
        if schema.is_file() and expected.is_file():
            out.append((stem, doc, schema, expected))
    return out


def example_cases() -> list[tuple[str, Path, Path, Path]]:
    out = []
    for schema in sorted(REPO.glob("example_skills/*/schema.json")):
        tests = schema.parent / "tests"
        for doc in sorted(tests.iterdir()) if tests.is_dir() else []:
            if doc.name.endswith(EXPECTED) or doc.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            expected = doc.with_name(doc.stem + EXPECTED)
            if expected.is_file():
                out.append((f"{schema.parent.name}/{doc.name}", doc, schema, expected))
    return out


def score_case(name: str, doc: Path, schema_path: Path, expected_path: Path) -> Score:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    actual = extract(doc, schema).data
    j = judge(actual, expected, schema=schema)
    return Score(
        name,
        j.true_positives,
        j.false_positives,
        j.false_negatives,
        len(j.schema_errors),
        j.differences,
    )


def report(title: str, scores: list[Score], verbose: bool) -> dict:
    print(f"\n== {title} ({len(scores)} cases)")
    print(f"{'case':52} {'P':>6} {'R':>6} {'F1':>6}  {'tp/fp/fn':>10} {'schema':>6}")
    for s in scores:
        counts = f"{s.tp}/{s.fp}/{s.fn}"
        print(
            f"{s.name:52} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  "
            f"{counts:>10} {'ok' if not s.schema_errors else 'FAIL':>6}"
        )
        if verbose:
            for d in s.differences:
                print(f"      {d.kind:8} {d.path}: expected {d.expected!r} got {d.actual!r}")
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    micro = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    mean = sum(s.f1 for s in scores) / len(scores) if scores else 1.0
    exact = sum(1 for s in scores if not s.differences)
    print(f"mean F1 {mean:.3f}  micro F1 {micro:.3f}  exact {exact}/{len(scores)}")
    return {"mean_f1": mean, "micro_f1": micro, "exact": exact, "cases": len(scores)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list differing fields")
    parser.add_argument("--json", type=Path, help="write the corpus summaries as JSON")
    parser.add_argument(
        "--corpus",
        action="append",
        metavar="NAME",
        help="only this corpus (a tests/data/regression/ folder name, or 'examples'); repeatable",
    )
    args = parser.parse_args(argv)
    corpora = {d.name: d for d in sorted(REGRESSION.iterdir()) if d.is_dir()}
    wanted = args.corpus or [*corpora, "examples"]
    unknown = sorted(set(wanted) - {*corpora, "examples"})
    if unknown:
        parser.error(
            f"unknown corpus {', '.join(unknown)}; have {', '.join([*corpora, 'examples'])}"
        )
    summary = {}
    for name in wanted:
        if name == "examples":
            scores = [score_case(*c) for c in example_cases()]
            summary[name] = report("example skills", scores, args.verbose)
        else:
            scores = [score_case(*c) for c in corpus_cases(corpora[name])]
            summary[name] = report(f"regression corpus {name}", scores, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
