"""Placeholder: being written."""

import click


@click.command(name="test")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
