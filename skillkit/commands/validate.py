"""Placeholder: being written."""

import click


@click.command(name="validate")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
