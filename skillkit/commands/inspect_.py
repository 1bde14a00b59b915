"""`skillkit inspect`: read a bundle and report everything, extracting nothing."""

from __future__ import annotations

import json
import sys

import click

from skillkit.bundle import inspect_file
from skillkit.commands._common import handle_errors


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
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(f"bundle:  {bundle}")
        click.echo(f"sha256:  {report.sha256}  ({report.zip_size} bytes zipped)")
        if report.layout:
            click.echo(
                f"layout:  {report.layout}" + (f" ({report.prefix})" if report.prefix else "")
            )
        total = sum(e.size for e in report.entries)
        click.echo(f"entries: {len(report.entries)} files, {total} bytes")
        if report.entries:
            click.echo(f"  {'mode':>4} {'bytes':>10} {'zipped':>10}  path")
        for e in report.entries:
            click.echo(f"  {oct(e.mode)[2:]:>4} {e.size:>10} {e.compressed_size:>10}  {e.path}")
        if report.frontmatter is not None:
            click.echo("frontmatter:")
            for key, value in report.frontmatter.items():
                click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
        for problem in report.problems:
            click.echo(f"problem: {problem}", err=True)
        if not report.problems:
            click.echo("ok: the bundle would be accepted", err=True)
    sys.exit(1 if report.problems else 0)
