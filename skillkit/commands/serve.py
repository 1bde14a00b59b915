"""Placeholder: being written."""

import click


@click.command(name="serve")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
