"""`skillkit new`: scaffold a skill folder from a template."""

from __future__ import annotations

from pathlib import Path

import click

from skillkit.commands._common import handle_errors
from skillkit.scaffold import create_skill


@click.command(name="new")
@click.argument("name")
@click.option(
    "-t",
    "--template",
    default="basic",
    show_default=True,
    help="basic: SKILL.md only; extraction: SKILL.md, schema.json and tests/; agent: extraction "
    "plus vlmrun.yaml and resources/ (VLM Run's agent layout).",
)
@click.option(
    "-d",
    "--dir",
    "parent",
    default=".",
    type=click.Path(file_okay=False),
    show_default=True,
    help="Folder to create the skill in.",
)
@click.option("--description", help="One line: what the skill does and when to use it.")
@click.option(
    "--domain",
    help="A VLM Run domain (e.g. document.invoice): its schema from vlmrun-hub becomes "
    "schema.json (needs the hub extra).",
)
@handle_errors
def command(
    name: str, template: str, parent: str, description: str | None, domain: str | None
) -> None:
    """Scaffold a new skill folder NAME (refuses to overwrite).

    \b
    Examples:
      skillkit new invoice-extraction --template extraction
      skillkit new contract-review --dir skills --description "Reviews contracts. Use when ..."
      skillkit new invoices --template extraction --domain document.invoice
    """
    dest = create_skill(
        name, template=template, parent=Path(parent), description=description, domain=domain
    )
    click.echo(f"created {dest}/ from template '{template}'")
    if domain:
        from skillkit.server.hub import hub_version

        click.echo(f"schema.json: the {domain} schema from vlmrun-hub {hub_version()}")
        if (dest / "tests").is_dir():
            click.echo(
                "tests/: the sample is a schema-only case; "
                f"`skillkit test {dest} --update-missing` writes its expected file"
            )
    click.echo(f"next: edit {dest}/SKILL.md, then `skillkit validate {dest}`")
