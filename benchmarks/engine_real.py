"""Field accuracy of the local engine on real documents with ground truth.

    python benchmarks/engine_real.py CORPUS_DIR [--only FOLDER ...] [--limit N] [-v] [--json [OUT]]

CORPUS_DIR holds one folder per document type (e.g. ../shared/corpus-real/: `invoice/`,
`invoice_xml_rendering/`, `receipt/`), each with a `schema.json` and documents `<stem>.<ext>`
beside `<stem>.expected.json`. The corpus is read in place, never copied into the project.
`--only receipt` (repeatable) limits the run to folders, `--limit 5` to the first N documents
of each folder (sorted by name); `-v` lists every wrong field; `--json` prints the summary as
JSON to stdout (or writes it to OUT). The exit status is 0 whatever the scores.

Scoring (this script's own scorer, not `skillkit.compare`):

- Only properties present in an expected file are scored (a missing property is not known);
  every top-level property present is one field with a score between 0 and 1.
- A string is correct (1) when it equals the expected string after normalisation: Unicode
  NFKC, casefolded, every run of characters that are not letters or digits (punctuation,
  whitespace, line breaks) replaced by one space, and trailing legal-form words dropped from
  both sides (gmbh, mbh, ag, kg, ohg, ug, ev, ek, co, sarl, sas, sasu, sa, eurl, ltd, limited,
  inc, llc, plc, bv, nv, sdn, bhd, haftungsbeschrankt, ...). So "Au bon moulin SARL" equals
  "Au bon moulin", "RE-20201121/508" equals "RE 20201121 508"; address lines must still match
  word for word.
- A number is correct when the output is a number (or a string that parses as one) within
  0.005 of the expected number.
- A date (schema `format: date`) is correct when the output is the same ISO `yyyy-mm-dd`.
- An array of objects (`line_items`) is ONE field whose score is the matched share of its
  cells: expected rows and output rows are aligned in printed order (an order-preserving
  alignment that maximises the number of equal cells, by dynamic programming); a cell is one
  expected column value of one row, compared by the rules above; the score is matched cells
  / (expected cells + cells of output rows left unaligned, counting the columns the expected
  rows carry). Missing output rows and extra output rows both lower the score.
- A null or absent output counts 0.

Folder accuracy is the sum of field scores over the number of scored fields (micro average);
the per-field table gives the same per property; the total is over all scored fields of the
run. Seconds per document are wall time of `extract()` (reading, OCR included).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from skillkit.engine import SUPPORTED_SUFFIXES, extract  # noqa: E402

EXPECTED = ".expected.json"
LEGAL_FORMS = frozenset(
    "gmbh mbh ag kg kgaa ohg gbr ug ev ek eg co cie sarl sas sasu sa eurl sci snc ltd limited "
    "inc llc llp plc corp bv nv spa srl sdn bhd haftungsbeschrankt".split()
)


def norm_text(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    words = [w for w in re.split(r"[^\w]+|_", text) if w]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def as_number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def kind_of(schema: dict) -> str:
    t = schema.get("type")
    types = [t] if isinstance(t, str) else list(t or [])
    types = [x for x in types if x != "null"]
    if schema.get("format") == "date":
        return "date"
    return types[0] if types else "string"


def scalar_ok(expected: object, actual: object, schema: dict) -> bool:
    if actual is None:
        return False
    kind = kind_of(schema)
    if kind in ("number", "integer"):
        a, e = as_number(actual), as_number(expected)
        return a is not None and e is not None and abs(a - e) <= 0.005
    if kind == "date":
        return str(actual).strip() == str(expected).strip()
    return norm_text(actual) == norm_text(expected) != ""


def rows_score(expected: list, actual: object, item_schema: dict) -> tuple[float, float]:
    """(matched cells, denominator) of an order-preserving best alignment of rows."""
    props = item_schema.get("properties", {})
    actual = [r for r in actual if isinstance(r, dict)] if isinstance(actual, list) else []
    expected = [r for r in expected if isinstance(r, dict)]
    columns = sorted({k for r in expected for k in r})

    def cells(e: dict, a: dict) -> int:
        return sum(1 for k in e if scalar_ok(e[k], a.get(k), props.get(k, {})))

    n, m = len(expected), len(actual)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(
                best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + cells(expected[i], actual[j])
            )
    # walk the alignment to count unaligned output rows
    i = j = aligned = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + cells(expected[i], actual[j]) and (
            cells(expected[i], actual[j]) > 0
        ):
            aligned += 1
            i, j = i + 1, j + 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            i += 1
    extra_rows = m - aligned
    extra_cells = (
        sum(1 for r in actual for k in columns if r.get(k) is not None) * extra_rows / m if m else 0
    )
    total = sum(len(r) for r in expected) + extra_cells
    return float(best[0][0]), total


def field_score(expected: object, actual: object, schema: dict) -> float:
    if kind_of(schema) == "array":
        item = schema.get("items", {})
        if not isinstance(expected, list):
            return 0.0
        if not expected:
            return 1.0 if actual in ([], None) else 0.0
        matched, total = rows_score(expected, actual, item)
        return matched / total if total else 0.0
    return 1.0 if scalar_ok(expected, actual, schema) else 0.0


def folder_docs(folder: Path) -> list[tuple[Path, Path]]:
    out = []
    for doc in sorted(folder.iterdir()):
        if doc.name.endswith(EXPECTED) or doc.name == "schema.json":
            continue
        if doc.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        exp = doc.with_name(doc.name[: -len(doc.suffix)] + EXPECTED)
        if exp.is_file():
            out.append((doc, exp))
    return out


def run_folder(folder: Path, limit: int | None, verbose: bool) -> dict:
    schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
    props = schema.get("properties", {})
    per_field: dict[str, list[float]] = {}
    docs = folder_docs(folder)[:limit] if limit else folder_docs(folder)
    seconds = 0.0
    ocr: dict[str, int] = {}
    for doc, exp_path in docs:
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        start = time.perf_counter()
        try:
            result = extract(doc, schema)
            actual, error = result.data, None
            engine = getattr(result, "ocr", None)
            if engine:
                ocr[engine] = ocr.get(engine, 0) + 1
        except Exception as exc:  # noqa: BLE001 - a failing document scores 0, the run goes on
            actual, error = {}, exc
        seconds += time.perf_counter() - start
        if error is not None:
            print(f"  {doc.name}: extraction failed: {error}", file=sys.stderr)
        for name, value in expected.items():
            s = field_score(value, actual.get(name), props.get(name, {}))
            per_field.setdefault(name, []).append(s)
            if verbose and s < 1:
                got = actual.get(name)
                if isinstance(value, list):
                    print(f"  {doc.name} {name}: {s:.2f}\n    expected {value}\n    got      {got}")
                else:
                    print(f"  {doc.name} {name}: expected {value!r} got {got!r}")
    fields = {k: {"accuracy": sum(v) / len(v), "n": len(v)} for k, v in per_field.items()}
    score = sum(sum(v) for v in per_field.values())
    n = sum(len(v) for v in per_field.values())
    return {
        "documents": len(docs),
        "fields_scored": n,
        "score": score,
        "accuracy": score / n if n else 0.0,
        "seconds_per_document": seconds / len(docs) if docs else 0.0,
        "fields": fields,
        "ocr": ocr,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    parser.add_argument("--only", action="append", metavar="FOLDER", help="only this folder")
    parser.add_argument("--limit", type=int, help="first N documents per folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong fields")
    parser.add_argument(
        "--json", nargs="?", const="-", metavar="OUT", help="JSON summary to stdout or OUT"
    )
    args = parser.parse_args(argv)
    folders = [d for d in sorted(args.corpus.iterdir()) if (d / "schema.json").is_file()]
    if args.only:
        unknown = sorted(set(args.only) - {d.name for d in folders})
        if unknown:
            parser.error(f"unknown folder {', '.join(unknown)}")
        folders = [d for d in folders if d.name in args.only]
    quiet = args.json == "-"
    summary: dict = {"folders": {}}
    for folder in folders:
        if not quiet:
            print(f"== {folder.name}", flush=True)
        summary["folders"][folder.name] = run_folder(folder, args.limit, args.verbose and not quiet)
    score = sum(f["score"] for f in summary["folders"].values())
    n = sum(f["fields_scored"] for f in summary["folders"].values())
    docs = sum(f["documents"] for f in summary["folders"].values())
    secs = sum(f["seconds_per_document"] * f["documents"] for f in summary["folders"].values())
    summary["total"] = {
        "documents": docs,
        "fields_scored": n,
        "accuracy": score / n if n else 0.0,
        "seconds_per_document": secs / docs if docs else 0.0,
    }
    if quiet:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"\n{'folder':24} {'docs':>5} {'fields':>7} {'accuracy':>9} {'s/doc':>7}  ocr")
    for name, f in summary["folders"].items():
        ocr = ", ".join(f"{k} x{v}" for k, v in f["ocr"].items())
        print(
            f"{name:24} {f['documents']:5} {f['fields_scored']:7} {f['accuracy']:9.3f} "
            f"{f['seconds_per_document']:7.2f}  {ocr}"
        )
    t = summary["total"]
    print(
        f"{'total':24} {t['documents']:5} {t['fields_scored']:7} {t['accuracy']:9.3f} "
        f"{t['seconds_per_document']:7.2f}"
    )
    for name, f in summary["folders"].items():
        print(f"\n-- {name} per field")
        for field, s in f["fields"].items():
            print(f"   {field:20} {s['accuracy']:6.3f}  (n={s['n']})")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
