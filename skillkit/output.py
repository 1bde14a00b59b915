"""All colour decisions in one place (`use_colour`): never with NO_COLOR, always with
FORCE_COLOR, else only on a terminal. The console report (`skillkit.report.console`) asks here
too."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

import click

from skillkit.files import printable

if TYPE_CHECKING:
    from skillkit.lint import Finding


def use_colour(stream: TextIO | None = None, *, terminal: bool | None = None) -> bool:
    """Whether to colour what goes to `stream` (default stdout): never with NO_COLOR, always
    with FORCE_COLOR (https://no-color.org, https://force-color.org), else when it is a
    terminal. `terminal` says whether it is one, when the caller has decided that already."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if terminal is not None:
        return terminal
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


class Printer:
    """Prints lines with optional colour, decided once per stream (stdout, or stderr: `err`)."""

    def __init__(self) -> None:
        self.colour = use_colour(sys.stdout)
        self.colour_err = use_colour(sys.stderr)

    def _style(self, text: str, colour: str, bold: bool = False, *, err: bool = False) -> str:
        on = self.colour_err if err else self.colour
        return click.style(text, fg=colour, bold=bold) if on else text

    def severity(self, severity: str, code: str, *, err: bool = False) -> str:
        return self._style(code, "red" if severity == "error" else "yellow", bold=True, err=err)

    def finding(self, finding: Finding, *, err: bool = False) -> str:
        """A lint finding as `skillkit validate` prints it: `path:line: CODE message`, on one
        line whatever the names in it hold (`printable`: no forged lines, no escapes)."""
        code = self.severity(finding.severity, finding.code, err=err)
        return f"{printable(finding.location)}: {code} {printable(finding.message)}"

    def ok(self, text: str, *, err: bool = False) -> str:
        return self._style(text, "green", err=err)

    def line(self, text: str, *, err: bool = False) -> None:
        click.echo(text, err=err, color=self.colour_err if err else self.colour)
