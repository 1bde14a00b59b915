"""Placeholder: being written."""

import click


@click.command(name="generate")
def command() -> None:
    """Not yet implemented."""
    raise SystemExit(2)
