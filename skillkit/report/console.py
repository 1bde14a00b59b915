"""The console report: target first, progress while running, then a table and each failure's
differing fields (never two whole objects).

On a terminal: a live rich progress bar and colour. Elsewhere (CI logs, pipes): one plain line
per finished case, no cursor tricks, and no colour unless FORCE_COLOR (colour follows
`skillkit.output.use_colour`, as for every command: NO_COLOR always wins).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from skillkit.files import printable
from skillkit.output import use_colour
from skillkit.report import (
    Reporter,
    f1_text,
    fmt_delta,
    mhw,
    run_lines,
    skill_versions_text,
    summary_line,
)

if TYPE_CHECKING:
    from skillkit.runner import CaseResult, RunResult

STYLES = {
    "passed": "green",
    "schema-only": "yellow",
    "unchecked": "yellow",
    "updated": "cyan",
    "created": "cyan",
    "failed": "red",
    "error": "magenta",
    "skipped": "yellow",
}
MAX_DETAIL_LINES = 25
MAX_WEAK_FIELDS = 5  # fields printed after the table (F1 < 1, weakest first)


def make_console(stream: TextIO | None = None, *, force_terminal: bool | None = None) -> Console:
    """A console on `stream` (stdout): live and wrapped on a terminal, plain elsewhere."""
    stream = stream or sys.stdout
    terminal = force_terminal if force_terminal is not None else stream.isatty()
    colour = use_colour(stream, terminal=terminal)
    return Console(
        file=stream,
        force_terminal=terminal,
        color_system=("auto" if terminal else "standard") if colour else None,
        no_color=not colour,
        highlight=False,
        soft_wrap=not terminal,
        width=None if terminal else 120,
    )


class Report(Reporter):
    """Prints to stdout; `quiet` keeps only the first line, failures and the summary."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        force_terminal: bool | None = None,
        quiet: bool = False,
    ) -> None:
        self.console = make_console(stream, force_terminal=force_terminal)
        self.live = self.console.is_terminal
        self.quiet = quiet
        self.progress: Progress | None = None
        self.task_id = None

    def start(self, run: RunResult) -> None:
        # The first line always names the target.
        self.console.print(f"skillkit test: target: {run.target}")
        versions = skill_versions_text(run)
        if versions:  # which version runs: said even with --quiet
            self.console.print(Text(printable(f"skill versions: {versions}")))
        for note in run.notes:  # e.g. an empty shard: on stderr, so CI logs show it
            print(f"note: {note}", file=sys.stderr, flush=True)
        skills = len(run.skills)
        repeat = run.options.repeat
        extra = f", repeated {repeat}x" if repeat > 1 else ""
        if not self.quiet:
            self.console.print(
                f"{run.total} case(s) in {skills} skill(s), {run.options.jobs} at a time{extra}"
            )
        if self.live and run.total:
            self.progress = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
            self.task_id = self.progress.add_task("running", total=run.total)

    def _line(self, result: CaseResult) -> Text:
        text = Text()
        outcome = result.outcome
        text.append(f"{outcome.upper():8}", style=STYLES.get(outcome, ""))
        text.append(f" {printable(result.case_id)}")
        bits = []
        if outcome in ("schema-only", "unchecked") or (
            result.status == "passed" and "values" not in result.checks
        ):
            bits.append(f"checked {result.checked}")
        if result.unreviewed:
            bits.append("unreviewed draft")
        if result.f1 is not None:
            bits.append(f"F1 {result.f1:.3f}")
        if result.pass_rate is not None:
            bits.append(f"pass rate {result.pass_rate:.0%}")
        bits.append(f"{result.seconds:.2f} s")
        text.append(f" ({', '.join(bits)})")
        if result.status == "skipped" and result.message:
            text.append(f": {printable(result.message)}")
        return text

    def case_finished(self, result: CaseResult, run: RunResult) -> None:
        if self.progress is not None and self.task_id is not None:
            description = Text(printable(result.case_id)).markup  # a name, not rich markup
            self.progress.update(self.task_id, advance=1, description=description)
            if result.status in ("failed", "error"):
                self.progress.console.print(self._line(result))
        elif not self.quiet or result.status in ("failed", "error"):
            self.console.print(self._line(result))

    def finish(self, run: RunResult) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
        if run.results and not self.quiet:
            self.console.print(self.table(run))
            for line in run_lines(run):
                self.console.print(Text(printable(line)))
            self.print_weak_fields(run)
        if run.stopped:  # --max-credits: said on stderr too, so CI logs show it
            print(f"skillkit test: {run.stopped}", file=sys.stderr, flush=True)
        for result in run.results:
            if result.snapshot:
                line = f"snapshot: {result.case_id}: {result.snapshot}"
                self.console.print(Text(printable(line)))
                if result.status == "passed":  # what the update changed
                    for diff in result.differences[:MAX_DETAIL_LINES]:
                        self.console.print(Text(f"    {printable(diff.describe())}"))
        for result in run.results:
            if result.status not in ("failed", "error"):
                continue
            header = Text()
            header.append(result.status.upper(), style=STYLES[result.status])
            header.append(f" {printable(result.case_id)}  ({printable(result.location)})")
            self.console.print(header)
            lines = result.detail_lines()
            for line in lines[:MAX_DETAIL_LINES]:
                self.console.print(Text(f"    {printable(line)}"))
            if len(lines) > MAX_DETAIL_LINES:
                self.console.print(f"    ... {len(lines) - MAX_DETAIL_LINES} more")
        if run.options.record:
            recorded = sum(r.cassette == "recorded" for r in run.results)
            same = sum(r.cassette == "recording unchanged" for r in run.results)
            self.console.print(f"cassettes: {recorded} recorded, {same} unchanged")
        if run.total == 0:
            self.console.print("no cases to run")
        elif not run.results and not run.interrupted:
            return  # the run stopped before any case (its error is reported on stderr)
        style = "green" if run.exit_code == 0 else "red"
        summary = summary_line(run)
        if run.stopped:
            summary += f"; stopped: {run.stopped}"
        if run.options.published is not None and run.skill_versions:
            ran = ", ".join(f"{n} {v}" for n, v in sorted(run.skill_versions.items()))
            summary += f"; ran published {ran}"
        self.console.print(Text(printable(summary), style=style))

    def print_weak_fields(self, run: RunResult) -> None:
        """The weakest fields of the run (F1 < 1), at most MAX_WEAK_FIELDS."""
        weak = [f for f in run.field_summary() if f.f1 < 1 - 1e-9]
        if not weak:
            return
        more = len(weak) - MAX_WEAK_FIELDS
        title = f"weakest fields ({len(weak)} with F1 < 1" + (
            f", {MAX_WEAK_FIELDS} shown):" if more > 0 else "):"
        )
        self.console.print(title)
        shown = weak[:MAX_WEAK_FIELDS]
        width = min(40, max(len(printable(f.path or "(root)")) for f in shown))
        for f in shown:
            c = f.counts
            line = (
                f"  {printable(f.path or '(root)'):<{width}}  F1 {f.f1:.3f}  P {f.precision:.3f}"
                f"  R {f.recall:.3f}  missing {c.missing}, hallucinated {c.hallucinated}, "
                f"wrong {c.wrong} ({f.cases} case(s))"
            )
            self.console.print(Text(line))

    def table(self, run: RunResult) -> Table:
        """skill, case, status, F1 (± std with --repeat), M/H/W (missing / hallucinated /
        wrong leaves), then pass^N (--repeat), lift (--lift), credits (when any were
        spent) and seconds."""
        table = Table(box=box.SIMPLE if self.live else box.ASCII, show_edge=False)
        repeat = run.options.repeat
        credits = any(r.cost is not None and r.cost.credits for r in run.results)
        columns = [
            ("skill", "left"),
            ("case", "left"),
            ("status", "left"),
            ("F1", "right"),
            ("M/H/W", "right"),
        ]
        if repeat > 1:
            columns.append((f"pass^{repeat}", "right"))
        if run.options.lift:
            columns.append(("lift", "right"))
        if credits:
            columns.append(("credits", "right"))
        columns.append(("seconds", "right"))
        for name, justify in columns:
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for r in run.results:
            status = Text(r.outcome, style=STYLES.get(r.outcome, ""))
            if r.pass_rate is not None:
                status.append(f" ({r.pass_rate:.0%})")
            if r.unreviewed:
                status.append(" (unreviewed draft)", style="yellow")
            row: list[Text | str] = [  # names as Text: printable, never read as rich markup
                Text(printable(r.skill)),
                Text(printable(r.case)),
                status,
                f1_text(r),
                mhw(r),
            ]
            if repeat > 1:
                row.append("-" if r.pass_all is None else str(r.pass_all))
            if run.options.lift:
                row.append(fmt_delta(r.lift.delta if r.lift is not None else None))
            if credits:
                cost = r.cost
                row.append(
                    "-" if cost is None or cost.credits_used is None else f"{cost.credits_used:g}"
                )
            row.append(f"{r.seconds:.2f}")
            table.add_row(*row)
        return table
