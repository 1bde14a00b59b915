"""`skillkit pack`: validate, then build the reproducible zip and emit it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

import click

from skillkit.bundle import PackInfo, iter_base64, pack_to_file, write_payload
from skillkit.commands._common import handle_errors
from skillkit.errors import SkillError, ValidationFailed
from skillkit.files import atomic_write
from skillkit.skill import skill_root


def _emit(zip_path: Path, info: PackInfo, fmt: str, out: BinaryIO) -> None:
    """Stream the packed zip to `out` in the chosen format (the zip never sits in memory)."""
    if fmt == "zip":
        with zip_path.open("rb") as fh:
            shutil.copyfileobj(fh, out)
    elif fmt == "base64":
        for piece in iter_base64(zip_path):
            out.write(piece)
        out.write(b"\n")
    else:
        write_payload(zip_path, info, out, kind=fmt)


@click.command(name="pack")
@click.argument("path", type=click.Path())
@click.option(
    "-o", "--output", "out", default="-", show_default=True, help="Where to write; '-' is stdout."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["payload", "source", "zip", "base64"]),
    default="payload",
    show_default=True,
    help="payload: AgentSkill JSON for config.skills; source: InlineSkillSource JSON; "
    "zip: the raw zip; base64: the zip as bare base64.",
)
@click.option(
    "--layout",
    type=click.Choice(["root", "folder"]),
    default="root",
    show_default=True,
    help="root: SKILL.md at the zip root (VLM Run); folder: under <name>/ "
    "(Anthropic/OpenAI uploads).",
)
@click.option("--no-validate", is_flag=True, help="Pack even if validation finds errors.")
@handle_errors
def command(path: str, out: str, fmt: str, layout: str, no_validate: bool) -> None:
    """Pack a skill folder into a reproducible bundle.

    Same files in, same bytes out: entries sorted, fixed timestamps, normalised permissions.
    tests/, .git/, __pycache__/, virtualenvs, node_modules/ and .skillignore patterns stay out.
    A summary (files, bytes, sha256 of the zip) goes to stderr.

    \b
    Examples:
      skillkit pack invoice-extraction -o invoice.payload.json
      skillkit pack invoice-extraction --format zip -o invoice.zip
      skillkit pack invoice-extraction --format base64 | wc -c
    """
    root = skill_root(path)
    if not root.exists():
        raise SkillError("no such file or folder", path=root)
    if not no_validate:
        from skillkit.lint import require_valid  # the linter's imports only when it runs

        require_valid([root], refusal=ValidationFailed, action="packed")
    if out == "-" and fmt == "zip" and sys.stdout.isatty():
        raise SkillError("refusing to write a zip to a terminal; use -o FILE", path=root)
    with tempfile.TemporaryDirectory(prefix="skillkit-pack-") as tmp:
        zip_path = Path(tmp) / "bundle.zip"
        info = pack_to_file(root, zip_path, layout=layout)
        if out == "-":
            _emit(zip_path, info, fmt, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with atomic_write(Path(out)) as fh:
                _emit(zip_path, info, fmt, fh)
    click.echo(
        f"packed {info.name}: {len(info.files)} files, {info.total_bytes} bytes -> zip "
        f"{info.zip_size} bytes, sha256 {info.sha256}" + ("" if out == "-" else f" -> {out}"),
        err=True,
    )
