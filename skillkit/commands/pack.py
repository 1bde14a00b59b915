"""Placeholder: being written."""

import click


@click.command(name="pack")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
