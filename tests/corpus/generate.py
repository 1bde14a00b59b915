"""Build the hostile-input corpus into a folder, to look at or run by hand.

    python tests/corpus/generate.py /tmp/corpus                 # every entry
    python tests/corpus/generate.py /tmp/corpus zip-slip-dotdot  # some entries

Each entry lands in DIR/<id>/work (the folder its commands run in; DIR/<id>/sentinel is the
folder no command may write into). For each run the script prints the command and what it must
answer. Some inputs are big or odd on purpose (a 2 GB DOCX bomb in 2 MB, 50 MB JSON, FIFOs,
symlink loops, paths beyond PATH_MAX): use a scratch folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.build import Place, Unsupported  # noqa: E402
from corpus.entries import ENTRIES  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = set(argv[1:])
    unknown = wanted - {e.id for e in ENTRIES}
    if unknown:
        print(f"unknown entries: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for entry in ENTRIES:
        if wanted and entry.id not in wanted:
            continue
        root = out / entry.id
        if root.exists():
            print(f"{entry.id}: {root} exists; skipped", file=sys.stderr)
            continue
        place = Place(work=root / "work", sentinel=root / "sentinel")
        place.work.mkdir(parents=True)
        place.sentinel.mkdir()
        try:
            targets = entry.build(place)
        except Unsupported as exc:
            print(f"{entry.id}: not built here: {exc}", file=sys.stderr)
            continue
        values = {k: str(v) for k, v in targets.items()}
        print(f"{entry.id} [{entry.category}] {entry.what}")
        for run in entry.runs:
            args = list(run.args)
            for key, value in {**values, "out": run.out or ""}.items():
                args = [a.replace("{" + key + "}", value) for a in args]
            print(f"  (cd {place.work}; skillkit {' '.join(args)})")
            print(f"      -> exit {run.exit}, {run.where} contains one of {list(run.expect)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
