"""Placeholder: being written."""

import click


@click.command(name="inspect")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
