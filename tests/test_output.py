"""One colour policy (skillkit.output.use_colour) for the commands and the console report:
NO_COLOR always wins, FORCE_COLOR colours even a pipe, else colour only on a terminal."""

from __future__ import annotations

import io

import pytest

from skillkit.output import use_colour
from skillkit.report.console import make_console


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def coloured(stream: io.StringIO) -> bool:
    """Whether the console report on `stream` writes colour."""
    make_console(stream).print("[red]x[/red]")
    return "\x1b[" in stream.getvalue()


@pytest.mark.parametrize(
    ("env", "tty", "expected"),
    [
        ({}, False, False),
        ({}, True, True),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ],
)
def test_commands_and_console_report_agree(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool, expected: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")  # not "dumb": a terminal that takes colour
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = Tty() if tty else io.StringIO()
    assert use_colour(stream) is expected
    assert use_colour(io.StringIO(), terminal=tty) is expected
    assert coloured(Tty() if tty else io.StringIO()) is expected


def test_forced_colour_off_a_terminal_has_no_live_progress(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    console = make_console(io.StringIO())
    assert not console.is_terminal  # colour, but still one plain line per case
