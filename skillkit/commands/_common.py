"""Helpers every command shares: error reporting and atomic output."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from skillkit.errors import SkillkitError
from skillkit.files import atomic_write_bytes


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a SkillkitError into `error: <where>: <message>` on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SkillkitError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # a path the user gave cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


def write_output(out: str, data: bytes | str) -> None:
    """Write to a file atomically (temp file + rename), or to stdout when `out` is '-'."""
    payload = data.encode() if isinstance(data, str) else data
    if out == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    atomic_write_bytes(Path(out), payload)
