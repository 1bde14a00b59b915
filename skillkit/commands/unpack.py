"""Placeholder: being written."""

import click


@click.command(name="unpack")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
