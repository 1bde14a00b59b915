"""Render the regression corpora's PDF, DOCX and PPTX documents from their sources.

A corpus is a folder tests/data/regression/<corpus>/ of `<case>.<ext>` documents, each with
`<case>.schema.json` and `<case>.expected.json`. The JSON files and the text documents (HTML,
Markdown, TXT, CSV) are their own source and are edited in place; each binary document is rendered
from `source/<case>.yaml` by the docgen package (its modules describe the formats). Run from the
repository root after editing a source (needs the dev extra: reportlab, python-docx, python-pptx):

    python scripts/make_regression_documents.py [CORPUS ...] [--out DIR]

Without CORPUS every corpus is rendered; `--out DIR` writes into DIR/<corpus>/ instead of the
corpus folders. See tests/data/regression/README.md for what each corpus holds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import docgen  # noqa: E402

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "data" / "regression"


def corpora() -> list[Path]:
    return sorted(p for p in CORPORA.iterdir() if (p / "source").is_dir())


def sources(corpus: Path) -> list[Path]:
    return sorted((corpus / "source").glob("*.yaml"))


def render_corpus(corpus: Path, out: Path) -> list[Path]:
    """Render every source of `corpus` into `out`; the paths written, in source order."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sources(corpus):
        source = docgen.load(path)
        target = out / f"{path.stem}.{source['format']}"
        target.write_bytes(docgen.render(source))
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", help="corpus folder names (default: all)")
    parser.add_argument("--out", type=Path, help="write into OUT/<corpus>/ instead")
    args = parser.parse_args(argv)
    known = {p.name: p for p in corpora()}
    unknown = sorted(set(args.corpus) - set(known))
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; have {', '.join(known)}")
    for name in args.corpus or list(known):
        out = args.out / name if args.out else known[name]
        for path in render_corpus(known[name], out):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
