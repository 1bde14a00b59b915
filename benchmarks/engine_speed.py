"""Speed of the local extraction engine on the example skills' documents (issue 3, item 7).

Extracts every document under example_skills/*/tests/ that has a sibling
`<stem>.expected.json`, with its skill's schema.json, N times each (after one warm-up pass
that also loads the optional readers), and prints per-document milliseconds and the
overall pages per second.

    python benchmarks/engine_speed.py [-n 20] [--min-pages-per-second 20]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from skillkit.engine import SUPPORTED_SUFFIXES, extract  # noqa: E402

EXPECTED = ".expected.json"


def cases() -> list[tuple[Path, dict]]:
    found = []
    for schema_path in sorted(REPO.glob("example_skills/*/schema.json")):
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        tests = schema_path.parent / "tests"
        if not tests.is_dir():
            continue
        for doc in sorted(tests.iterdir()):
            if doc.name.endswith(EXPECTED) or doc.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if doc.with_name(doc.stem + EXPECTED).is_file():
                found.append((doc, schema))
    return found


def clear_engine_caches() -> None:
    """Empty every functools cache in the engine, so repeats do not measure a warm cache."""
    import skillkit.engine

    for name, module in list(sys.modules.items()):
        if not name.startswith(skillkit.engine.__name__):
            continue
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="extractions per document")
    parser.add_argument("--min-pages-per-second", type=float, default=0.0)
    args = parser.parse_args(argv)
    docs = cases()
    if not docs:
        print("no example documents found")
        return 1
    for doc, schema in docs:  # warm-up: imports, font caches
        extract(doc, schema)
    total_pages = 0
    total_seconds = 0.0
    print(f"{'document':56} {'pages':>5} {'ms/doc':>8} {'pages/s':>8}")
    for doc, schema in docs:
        elapsed = 0.0
        for _ in range(args.n):
            clear_engine_caches()  # each run must pay as a new document would
            start = time.perf_counter()
            result = extract(doc, schema)
            elapsed += time.perf_counter() - start
        pages = result.pages * args.n
        total_pages += pages
        total_seconds += elapsed
        name = f"{doc.parent.parent.name}/{doc.name}"
        print(f"{name:56} {result.pages:5d} {1000 * elapsed / args.n:8.1f} {pages / elapsed:8.1f}")
    rate = total_pages / total_seconds
    per_doc = 1000 * total_seconds / (len(docs) * args.n)
    print(
        f"TOTAL: {len(docs)} documents x {args.n}: {rate:.1f} pages/s, "
        f"{per_doc:.1f} ms per document (mean)"
    )
    if args.min_pages_per_second and rate < args.min_pages_per_second:
        print(f"FAIL: below {args.min_pages_per_second} pages/s")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
