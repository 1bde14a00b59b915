"""All colour decisions in one place: colour only on a terminal, never with NO_COLOR."""

from __future__ import annotations

import os
import sys

import click


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


class Printer:
    """Prints lines with optional colour, decided once per stream."""

    def __init__(self) -> None:
        self.colour = use_colour(sys.stdout)
        self.colour_err = use_colour(sys.stderr)

    def _style(self, text: str, colour: str, bold: bool = False) -> str:
        return click.style(text, fg=colour, bold=bold) if self.colour else text

    def severity(self, severity: str, code: str) -> str:
        return self._style(code, "red" if severity == "error" else "yellow", bold=True)

    def ok(self, text: str) -> str:
        return self._style(text, "green")

    def line(self, text: str, *, err: bool = False) -> None:
        click.echo(text, err=err, color=self.colour_err if err else self.colour)
