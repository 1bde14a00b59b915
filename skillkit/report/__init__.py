"""Report writers for `skillkit test`: one module per format, all the same shape.

Each writer is a `Reporter` (the runner's listener): `start(run)`, `case_finished(result, run)`,
`finish(run)`. File formats (`json`, `junit`, `markdown`) also expose `render(run) -> str` and
rewrite their file atomically after every finished case, so an interrupted run keeps what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skillkit.files import atomic_write_bytes

if TYPE_CHECKING:
    from skillkit.runner import CaseResult, RunResult


class Reporter:
    """A listener that does nothing; writers override what they need."""

    def start(self, run: RunResult) -> None:
        pass

    def case_finished(self, result: CaseResult, run: RunResult) -> None:
        pass

    def finish(self, run: RunResult) -> None:
        pass


class FileReport(Reporter):
    """A report file rewritten (temp file + os.replace) at start, after each case and at the end."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def render(self, run: RunResult) -> str:
        raise NotImplementedError

    def write(self, run: RunResult) -> None:
        # backslashreplace: a name that is not UTF-8 (lone surrogates) must not stop a report.
        atomic_write_bytes(self.path, self.render(run).encode("utf-8", "backslashreplace"))

    def start(self, run: RunResult) -> None:
        self.write(run)

    def case_finished(self, result: CaseResult, run: RunResult) -> None:
        self.write(run)

    def finish(self, run: RunResult) -> None:
        self.write(run)


def fmt_score(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


# How a passed case's qualifier reads in the summary (`RunResult.counts` keys).
QUALIFIERS = (
    ("schema_only", "schema-only: values not checked"),
    ("unchecked", "unchecked: no expected file, no schema"),
    ("updated", "updated"),
    ("created", "created"),
)


def skill_versions_text(run: RunResult) -> str:
    """Which version of each skill the run sends, for every report's header:
    `invoice-extraction 20261202-9c3a43f5 (published; --published latest)`, or for the folders'
    own bundles `invoice-extraction inline:9c3a43f5e1aa (inline bundle)`; empty before any is
    known (no cases)."""
    if not run.skill_versions:
        return ""
    items = ", ".join(f"{name} {label}" for name, label in sorted(run.skill_versions.items()))
    published = run.options.published
    how = f"published; --published {published}" if published is not None else "inline bundle"
    return f"{items} ({how})"


def summary_line(run: RunResult) -> str:
    """`3 passed (1 schema-only: values not checked), 1 failed, 0 errors, 0 skipped`
    (+ `, interrupted`): passes that checked less, or were rewritten, are counted apart."""
    c = run.counts()
    qualifiers = [f"{c[key]} {label}" for key, label in QUALIFIERS if c.get(key)]
    passed = f"{c['passed']} passed" + (f" ({'; '.join(qualifiers)})" if qualifiers else "")
    text = (
        f"{passed}, {c['failed']} failed, {c['error']} error"
        f"{'' if c['error'] == 1 else 's'}, {c['skipped']} skipped"
    )
    if run.interrupted:
        text += f", interrupted after {len(run.results)} of {run.total}"
    return text
