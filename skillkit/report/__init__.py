"""Report writers for `skillkit test`: one module per format, all the same shape.

Each writer is a `Reporter` (the runner's listener): `start(run)`, `case_finished(result, run)`,
`finish(run)`. File formats (`json`, `junit`, `markdown`) also expose `render(run) -> str` and
rewrite their file atomically after finished cases (every one while writes are cheap), so an
interrupted run keeps what it did.
"""

from __future__ import annotations

import time
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


# Rewriting the whole file after every case is quadratic in the cases and runs on the event
# loop: once a write costs more than CHEAP_WRITE_SECONDS, the next waits until WRITE_SPACING
# times that cost has passed (at most ~1/WRITE_SPACING of the run spent writing: every write
# blocks all the requests in flight); the end of a run, interrupted or not, always writes.
CHEAP_WRITE_SECONDS = 0.005
WRITE_SPACING = 50


class FileReport(Reporter):
    """A report file rewritten (temp file + os.replace) at start, after each case (spaced out
    once writes get slow) and at the end."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._cost = 0.0  # seconds the last write took
        self._written = 0.0  # time.monotonic() when it ended

    def render(self, run: RunResult) -> str:
        raise NotImplementedError

    def write(self, run: RunResult) -> None:
        started = time.monotonic()
        # backslashreplace: a name that is not UTF-8 (lone surrogates) must not stop a report.
        atomic_write_bytes(self.path, self.render(run).encode("utf-8", "backslashreplace"))
        self._written = time.monotonic()
        self._cost = self._written - started

    def start(self, run: RunResult) -> None:
        self.write(run)

    def case_finished(self, result: CaseResult, run: RunResult) -> None:
        if self._cost <= CHEAP_WRITE_SECONDS or (
            time.monotonic() - self._written >= WRITE_SPACING * self._cost
        ):
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
    if c.get("unreviewed"):
        text += f"; {c['unreviewed']} judged against an unreviewed draft (`review: draft`)"
    if run.interrupted:
        text += f", interrupted after {len(run.results)} of {run.total}"
    return text


# --------------------------------------------------------------------------- run totals
# One line each, shared by the console, Markdown and HTML reports (None: nothing to say).


def accounting_line(run: RunResult) -> str | None:
    """`leaves: 40 correct, 3 correct null, 1 missing, 0 hallucinated, 2 wrong` over the judged
    cases; None when no case checked values."""
    from skillkit.runner import accounting_text

    if not any(r.accounting is not None for r in run.results):
        return None
    return f"leaves: {accounting_text(run.accounting())}"


def cost_line(run: RunResult) -> str | None:
    """`cost: 12 credits, 4 pages, service 3.20 s (4 prediction(s))`; None when unknown."""
    cost = run.cost()
    return None if cost is None else f"cost: {cost.describe()}"


def stats_line(run: RunResult) -> str | None:
    """With --repeat N > 1: `repeat 3: mean F1 0.667 (std across cases 0.000), pass rate 67%,
    pass^3 0 of 1 case(s) (0%)`."""
    stats = run.stats()
    if "repeat" not in stats or not stats.get("cases_run"):
        return None
    n = stats["repeat"]
    return (
        f"repeat {n}: mean F1 {fmt_score(stats['f1_mean'])} (std across cases "
        f"{fmt_score(stats['f1_std'])}, mean std within a case "
        f"{fmt_score(stats['f1_std_within_mean'])}), pass rate {stats['pass_rate']:.0%}, "
        f"pass^{n} {stats['cases_passed_all']} of {stats['cases_run']} case(s) "
        f"({stats['pass_all']:.0%})"
    )


def fmt_delta(value: float | None) -> str:
    return "-" if value is None else f"{value:+.3f}"


def lift_line(run: RunResult) -> str | None:
    """--lift: `lift: +0.250 mean over 2 case(s) (F1 0.950 with the skill, 0.700 without)`."""
    lift = run.lift()
    if lift is None:
        return None
    if not lift["cases"]:
        return "lift: no case could be compared with and without the skill"
    return (
        f"lift: {fmt_delta(lift['delta'])} mean over {lift['cases']} case(s) (F1 "
        f"{fmt_score(lift['with'])} with the skill, {fmt_score(lift['without'])} without)"
    )


def run_lines(run: RunResult) -> list[str]:
    """Every run total that applies, one line each."""
    return [
        line
        for line in (accounting_line(run), stats_line(run), lift_line(run), cost_line(run))
        if line
    ]


def mhw(result: CaseResult) -> str:
    """`missing/hallucinated/wrong` of a case, `-` when it checked no values."""
    acc = result.accounting
    return "-" if acc is None else f"{acc.missing}/{acc.hallucinated}/{acc.wrong}"


def f1_text(result: CaseResult) -> str:
    """F1, with ± the standard deviation of the attempts under --repeat."""
    text = fmt_score(result.f1)
    if result.f1_std is not None and result.f1 is not None:
        text += f" ±{result.f1_std:.3f}"
    return text
