"""Shared harness for the engine's regression corpora (tests/data/regression/<corpus>/).

Every corpus is a folder of `<case>.<ext>` documents, each with `<case>.schema.json` and
`<case>.expected.json` (see tests/data/regression/README.md). Import as
`from regression_corpora import ...` (pytest puts tests/ on sys.path). Extraction is the slow
part, so each corpus is extracted and judged once per session.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from skillkit.compare import judge
from skillkit.engine import SUPPORTED_SUFFIXES, extract

CORPORA = Path(__file__).resolve().parent / "data" / "regression"


@dataclass(frozen=True)
class Case:
    """One corpus document with its schema and expected output."""

    name: str
    doc: Path
    schema_path: Path
    expected_path: Path

    def schema(self) -> dict:
        return load_json(self.schema_path)

    def expected(self) -> dict:
        return load_json(self.expected_path)


@dataclass(frozen=True)
class Scores:
    """Corpus-level scores: micro F1 over all fields and the mean of per-case F1."""

    micro: float
    mean: float
    tp: int
    fp: int
    fn: int


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def cases(corpus: str) -> tuple[Case, ...]:
    """Documents under tests/data/regression/<corpus>/ with both a schema and an expected file."""
    folder = CORPORA / corpus
    out = []
    for doc in sorted(folder.iterdir()):
        if doc.name.endswith((".expected.json", ".schema.json")):
            continue
        if doc.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        stem = doc.name[: -len(doc.suffix)]
        schema = folder / f"{stem}.schema.json"
        expected = folder / f"{stem}.expected.json"
        if schema.is_file() and expected.is_file():
            out.append(Case(stem, doc, schema, expected))
    return tuple(out)


def case(corpus: str, name: str) -> Case:
    return next(c for c in cases(corpus) if c.name == name)


def is_hub_schema(c: Case) -> bool:
    """vlmrun-hub schemas (as pydantic emits them) carry `$defs`."""
    return "$defs" in c.schema()


@functools.cache
def judgements(corpus: str) -> dict:
    """Each case of the corpus extracted and judged once for the whole session."""
    out = {}
    for c in cases(corpus):
        schema = c.schema()
        out[c.name] = judge(extract(c.doc, schema).data, c.expected(), schema=schema)
    return out


def scores(corpus: str) -> Scores:
    js = judgements(corpus).values()
    tp = sum(j.true_positives for j in js)
    fp = sum(j.false_positives for j in js)
    fn = sum(j.false_negatives for j in js)
    micro = 2 * tp / (2 * tp + fp + fn)
    mean = sum(j.f1 for j in js) / len(js)
    return Scores(micro=micro, mean=mean, tp=tp, fp=fp, fn=fn)


def differences(judgement) -> str:
    """One line per difference, for a failure message."""
    return "\n".join(
        f"{d.kind} {d.path}: {d.expected!r} -> {d.actual!r}" for d in judgement.differences
    )


def floor_message(name: str, judgement, floor: float) -> str:
    return f"{name}: F1 {judgement.f1:.3f} < {floor}\n" + differences(judgement)
