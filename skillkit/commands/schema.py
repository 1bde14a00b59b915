"""`skillkit schema cases`: the JSON Schema of tests/cases.yaml, for editors."""

from __future__ import annotations

import click

from skillkit.commands._common import handle_errors


@click.command(name="schema")
@click.argument("name", type=click.Choice(["cases"]), default="cases")
@click.option("--path", "show_path", is_flag=True, help="Print where the schema file is instead.")
@handle_errors
def command(name: str, show_path: bool) -> None:
    """Print the JSON Schema of a skillkit file: NAME `cases` is tests/cases.yaml.

    It is the schema `skillkit validate` and `skillkit test` check cases.yaml with. Editors that
    use yaml-language-server (VS Code's YAML extension, Neovim, ...) check cases.yaml as you type
    when its first line is `# yaml-language-server: $schema=<path>`, the path --path prints.

    \b
    Examples:
      skillkit schema cases --path
      skillkit schema cases > cases.schema.json
    """
    from skillkit import cases_schema

    if show_path:
        click.echo(str(cases_schema.SCHEMA_FILE.resolve()))
    else:
        click.echo(cases_schema.SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
