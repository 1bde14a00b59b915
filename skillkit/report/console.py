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
from skillkit.report import Reporter, fmt_score, skill_versions_text, summary_line

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
        if run.options.published is not None and run.skill_versions:
            ran = ", ".join(f"{n} {v}" for n, v in sorted(run.skill_versions.items()))
            summary += f"; ran published {ran}"
        self.console.print(Text(printable(summary), style=style))

    def table(self, run: RunResult) -> Table:
        table = Table(box=box.SIMPLE if self.live else box.ASCII, show_edge=False)
        for name, justify in (
            ("skill", "left"),
            ("case", "left"),
            ("status", "left"),
            ("F1", "right"),
            ("seconds", "right"),
        ):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for r in run.results:
            status = Text(r.outcome, style=STYLES.get(r.outcome, ""))
            if r.pass_rate is not None:
                status.append(f" ({r.pass_rate:.0%})")
            table.add_row(  # names as Text: printable, and never read as rich markup
                Text(printable(r.skill)),
                Text(printable(r.case)),
                status,
                fmt_score(r.f1),
                f"{r.seconds:.2f}",
            )
        return table
