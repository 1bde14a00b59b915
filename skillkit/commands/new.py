"""Placeholder: being written."""

import click


@click.command(name="new")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
