"""`skillkit inspect`: read a bundle and report everything, extracting nothing."""

from __future__ import annotations

import json
import sys

import click

from skillkit.bundle import inspect_file
from skillkit.commands._common import handle_errors
from skillkit.files import plain_data, printable, printable_json


@click.command(name="inspect")
@click.argument("bundle", type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@handle_errors
def command(bundle: str, fmt: str) -> None:
    """Inspect a bundle: a .zip, a payload JSON (AgentSkill, InlineSkillSource or the legacy
    `bundle` field) or a bare base64 file. Lists entries, sizes, digest, frontmatter and every
    problem found. Exit 1 if the bundle would be refused.

    \b
    Examples:
      skillkit inspect invoice.payload.json
      skillkit pack invoice-extraction | skillkit inspect -
    """
    report = inspect_file(bundle)
    if fmt == "json":
        click.echo(printable_json(json.dumps(report.to_dict(), indent=2, ensure_ascii=False)))
    else:
        # Every name and value from the bundle is shown `printable`: an entry name holding a
        # newline cannot forge a line, nor an escape sequence reach the terminal.
        click.echo(f"bundle:  {printable(bundle)}")
        click.echo(f"sha256:  {report.sha256}  ({report.zip_size} bytes zipped)")
        if report.layout:
            click.echo(
                f"layout:  {report.layout}"
                + (f" ({printable(report.prefix)})" if report.prefix else "")
            )
        total = sum(e.size for e in report.entries)
        click.echo(f"entries: {len(report.entries)} files, {total} bytes")
        if report.entries:
            click.echo(f"  {'mode':>4} {'bytes':>10} {'zipped':>10}  path")
        for e in report.entries:
            click.echo(
                f"  {oct(e.mode)[2:]:>4} {e.size:>10} {e.compressed_size:>10}  {printable(e.path)}"
            )
        if report.frontmatter is not None:
            click.echo("frontmatter:")
            for key, value in plain_data(report.frontmatter).items():  # dates, binary: as text
                shown = printable(json.dumps(value, ensure_ascii=False))
                click.echo(f"  {printable(key)}: {shown}")
        for problem in report.problems:
            click.echo(f"problem: {printable(problem)}", err=True)
        if not report.problems:
            click.echo("ok: the bundle would be accepted", err=True)
    sys.exit(1 if report.problems else 0)
