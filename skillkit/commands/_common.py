"""Helpers every command shares: error reporting and atomic output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from skillkit.errors import SkillkitError
from skillkit.files import atomic_write_bytes, printable
from skillkit.output import Printer


def service_options(purpose: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--base-url URL` and `--api-key KEY` (VLMRUN_BASE_URL / VLMRUN_API_KEY when absent, read
    by `skillkit.client.resolve_target`), the same in every command that talks to a service;
    `purpose` completes "Service to ...". The command gets `base_url` and `api_key`."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option(
            "--api-key", metavar="KEY", help="Bearer key for the service [env VLMRUN_API_KEY]."
        )(func)
        return click.option(
            "--base-url",
            metavar="URL",
            help=f"Service to {purpose}, e.g. http://127.0.0.1:8000/v1 [env VLMRUN_BASE_URL].",
        )(func)

    return decorate


def engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--model`, `--engine`, `--model-url`, `--model-timeout`: the embedded server's engine, the
    same in `generate` and `test` (settings from `skillkit.engine.model.embedded_settings`).
    `--model` is the model name sent to generate, and with --engine openai the model server's
    model too."""
    from skillkit.api import DEFAULT_MODEL

    options = [
        click.option(
            "--model",
            default=None,
            help=f"Model name sent to generate [default: {DEFAULT_MODEL}]; with --engine "
            "openai, the model server's model [env SKILLKIT_MODEL].",
        ),
        click.option(
            "--engine",
            type=click.Choice(["deterministic", "openai"]),
            default="deterministic",
            show_default=True,
            envvar="SKILLKIT_ENGINE",
            show_envvar=True,
            help="Engine of the embedded server; openai sends each document to --model-url "
            "(API key from SKILLKIT_MODEL_API_KEY, else OPENAI_API_KEY).",
        ),
        click.option(
            "--model-url",
            envvar="SKILLKIT_MODEL_URL",
            show_envvar=True,
            metavar="URL",
            help="OpenAI-compatible base URL for --engine openai, e.g. http://127.0.0.1:11434/v1.",
        ),
        click.option(
            "--model-timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            help="Seconds one request to the model server may take [default: 120; env "
            "SKILLKIT_MODEL_TIMEOUT].",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a SkillkitError into `error: <where>: <message>` on stderr and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SkillkitError as exc:
            findings = getattr(exc, "findings", None)
            if findings:  # the lint findings behind a refusal, as `skillkit validate` prints them
                out = Printer()
                for finding in findings:
                    out.line(out.finding(finding, err=True), err=True)
            click.echo(f"error: {printable(str(exc))}", err=True)  # names may be hostile
            sys.exit(exc.exit_code)
        except BrokenPipeError:  # `skillkit pack X | head -c 10`: the reader left; so do we
            _silence_stdout()
            sys.exit(EXIT_BROKEN_PIPE)
        except OSError as exc:  # a path the user gave cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {printable(where + str(exc.strerror or exc))}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper


# What a shell reports for a process killed by SIGPIPE (128 + 13), as `yes | head` does.
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. captured in tests)
        pass


def write_output(out: str, data: bytes | str) -> None:
    """Write to a file atomically (temp file + rename), or to stdout when `out` is '-'."""
    payload = data.encode() if isinstance(data, str) else data
    if out == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    atomic_write_bytes(Path(out), payload)
