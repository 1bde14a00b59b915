"""`skillkit diff OLD.json NEW.json`: which cases and fields regressed between two runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from skillkit.commands._common import handle_errors


@click.command(name="diff")
@click.argument("old", metavar="OLD.json", type=click.Path())
@click.argument("new", metavar="NEW.json", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a pull-request comment, json for tools.",
)
@click.option(
    "--tolerance",
    type=float,
    default=0.0,
    show_default=True,
    metavar="F",
    help="How far an F1 (a case's or a field's) may fall before it counts as a regression.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(),
    default="-",
    help="Write the diff to FILE (atomically) instead of stdout (`-`).",
)
@handle_errors
def command(old: str, new: str, fmt: str, tolerance: float, output: str) -> None:
    """Compare two JSON reports of `skillkit test --json FILE`: cases that regressed, improved,
    are new or vanished, and the fields whose F1 moved.

    Cases are matched by id. A case regressed when its status got worse (passed -> failed or
    error) or its F1 fell by more than --tolerance; a field regressed when its F1 over the
    cases judged in both runs fell by more than --tolerance (reports without per-field data:
    when it has more differences).

    \b
    Examples:
      skillkit test . --json baseline.json               # on main
      skillkit test . --json report.json                 # on the branch
      skillkit diff baseline.json report.json
      skillkit diff baseline.json report.json --format markdown -o comment.md
      skillkit diff baseline.json report.json --tolerance 0.01 --format json

    \b
    Exit codes: 0 nothing regressed, 1 some case or field regressed, 2 a report cannot be
    read (one line naming the file) or a bad option.
    """
    from skillkit.diff import check_tolerance, diff_reports, load_report, render

    check_tolerance(tolerance, "--tolerance")
    changes = diff_reports(load_report(old), load_report(new), tolerance)
    text = render(changes, fmt)
    if output == "-":
        click.echo(text, nl=False)
    else:
        from skillkit.files import atomic_write_bytes

        atomic_write_bytes(Path(output), text.encode("utf-8"))
    sys.exit(1 if changes.has_regressions else 0)
