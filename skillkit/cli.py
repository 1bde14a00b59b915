"""The `skillkit` command line: a thin layer that registers one click command per module.

Each command lives in `skillkit/commands/<name>.py` and calls the library API; user errors are
`SkillkitError`s, turned into one line and an exit code by `run_command`.
"""

from __future__ import annotations

import importlib

import click

from skillkit import __version__

# command name -> module under skillkit.commands holding a click command named `command`
COMMANDS = {
    "new": "new",
    "validate": "validate",
    "pack": "pack",
    "publish": "publish",
    "inspect": "inspect_",
    "unpack": "unpack",
    "test": "test",
    "diff": "diff",
    "add-case": "add_case",
    "generate": "generate",
    "serve": "serve",
    "schema": "schema",
}


class LazyGroup(click.Group):
    """Imports a command's module only when it runs, so `skillkit validate` stays fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"skillkit.commands.{module}").command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="skillkit")
def main() -> None:
    """Write, check, package and regression-test inline skills for the VLM Run
    document generate API.

    \b
    Typical loop:
      skillkit new invoice-extraction --template extraction
      skillkit validate invoice-extraction
      skillkit test invoice-extraction          # local engine, no key needed
      skillkit pack invoice-extraction -o payload.json
      skillkit publish invoice-extraction --local  # a registry version, then test --published
    """
