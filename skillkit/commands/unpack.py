"""`skillkit unpack`: extract a checked bundle, all or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from skillkit.bundle import extract_bundle, load_bundle_bytes, read_bundle_bytes
from skillkit.commands._common import handle_errors


@click.command(name="unpack")
@click.argument("bundle", type=click.Path())
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(),
    help="A new (or empty) folder to extract into.",
)
@handle_errors
def command(bundle: str, out: str) -> None:
    """Extract a bundle safely into a new folder.

    Refuses (exit 1, nothing written) path traversal, absolute paths, symlinks, zip bombs,
    duplicate entries, zero or several SKILL.md files, bad base64 and non-zip media types.

    \b
    Example:
      skillkit unpack invoice.payload.json -o invoice-extraction
    """
    checked = read_bundle_bytes(load_bundle_bytes(bundle), source=bundle)
    written = extract_bundle(checked, Path(out))
    click.echo(f"unpacked {len(written)} files into {out}", err=True)
