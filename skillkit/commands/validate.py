"""`skillkit validate`: lint skills against the rule table."""

from __future__ import annotations

import json
import sys

import click

from skillkit.commands._common import handle_errors
from skillkit.files import printable
from skillkit.lint import (
    DEFAULT_PROFILE,
    PROFILES,
    RULES,
    Finding,
    count_line,
    has_errors,
    lint_paths,
)
from skillkit.output import Printer
from skillkit.report.github import escape_data, escape_property


def _github(f: Finding) -> str:
    level = "error" if f.severity == "error" else "warning"
    line = f",line={f.line}" if f.line else ""
    path, message = printable(f.path), printable(f.message)  # no escape sequences in logs
    return f"::{level} file={escape_property(path)}{line},title={f.code}::{escape_data(message)}"


def _sarif(findings: list[Finding], profile: str = DEFAULT_PROFILE) -> str:
    rules = [
        {
            "id": r.code,
            "shortDescription": {"text": r.summary},
            "defaultConfiguration": {"level": r.severity},
        }
        for r in RULES.values()
    ]
    results = []
    for f in findings:
        loc: dict = {"artifactLocation": {"uri": f.path}}
        if f.line:
            loc["region"] = {"startLine": f.line}
        results.append(
            {
                "ruleId": f.code,
                "level": f.severity,
                "message": {"text": f.message},
                "locations": [{"physicalLocation": loc}],
            }
        )
    return json.dumps(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "skillkit", "rules": rules}},
                    "properties": {"profile": profile},
                    "results": results,
                }
            ],
        },
        indent=2,
    )


def _cpus() -> int:
    """The CPUs this process may run on (lint uses them for large trees)."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


@click.command(name="validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--profile",
    type=click.Choice(PROFILES, case_sensitive=False),
    default=DEFAULT_PROFILE,
    show_default=True,
    envvar="SKILLKIT_PROFILE",
    show_envvar=True,
    help="vlmrun: VLM Run's skill format (skill_version/version in the frontmatter, "
    "vlmrun.yaml checked, resources/). agentskills: the open Agent Skills spec alone.",
)
@handle_errors
def command(paths: tuple[str, ...], fmt: str, strict: bool, profile: str) -> None:
    """Lint skills: a skill folder, a SKILL.md, or a tree holding many skills.

    \b
    Examples:
      skillkit validate invoice-extraction
      skillkit validate example_skills --format github   # annotations in GitHub Actions
      skillkit validate . --strict --format json
      skillkit validate . --profile agentskills          # the open spec only

    Exit 0 clean, 1 findings at error level (warnings too with --strict), 2 usage.
    """
    findings = lint_paths(paths or ["."], profile=profile.lower(), jobs=_cpus())
    failed = has_errors(findings, strict=strict)
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in findings], indent=2))
    elif fmt == "sarif":
        click.echo(_sarif(findings, profile.lower()))
    elif fmt == "github":
        for f in findings:
            click.echo(_github(f))
    else:
        out = Printer()
        for f in findings:
            out.line(out.finding(f))
        if findings:
            out.line(count_line(findings), err=True)
        else:
            out.line(out.ok("all skills valid", err=True), err=True)
    sys.exit(1 if failed else 0)
