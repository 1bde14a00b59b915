"""Scaffold a new skill folder from a template shipped with skillkit."""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from skillkit.errors import UsageError
from skillkit.lint import DESCRIPTION_MAX, name_problem

if TYPE_CHECKING:  # importlib.resources.abc is Python 3.11+
    from importlib.resources.abc import Traversable

DEFAULT_DESCRIPTION = (
    "Extracts structured data from documents. Use when a document of this kind must be turned "
    "into JSON."
)


def templates() -> dict[str, Traversable]:
    root = resources.files("skillkit.templates")
    return {t.name: t for t in root.iterdir() if t.is_dir() and not t.name.startswith(("_", "."))}


def _copy(src: Traversable, dest: Path, values: dict[str, str]) -> None:
    for item in src.iterdir():
        if item.name == "__pycache__":
            continue
        target = dest / item.name
        if item.is_dir():
            target.mkdir()
            _copy(item, target, values)
            continue
        data = item.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            target.write_bytes(data)
            continue
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        target.write_text(text, encoding="utf-8")


def create_skill(
    name: str,
    *,
    template: str = "basic",
    parent: Path = Path("."),
    description: str | None = None,
    domain: str | None = None,
) -> Path:
    """Make `parent/name` from a template; never overwrites anything.

    With `domain`, schema.json is that domain's schema from vlmrun-hub (the `hub` extra): a
    UsageError saying how to install it, or naming the known domains, before anything is
    written. A template's sample expected file was written for its own schema, so it is left
    out then: the sample becomes a schema-only case until `skillkit test --update-missing`."""
    why = name_problem(name)
    if why or not name:
        raise UsageError(
            f"invalid skill name '{name}': it {why or 'is empty'}; use lowercase "
            "letters, digits and single hyphens (e.g. invoice-extraction)"
        )
    available = templates()
    if template not in available:
        raise UsageError(
            f"unknown template '{template}'; choose one of: {', '.join(sorted(available))}"
        )
    dest = parent / name
    if dest.exists():
        raise UsageError(
            "already exists; choose another name or folder (nothing was changed)", path=dest
        )
    description = (description or DEFAULT_DESCRIPTION).strip()
    if "\n" in description or len(description) > DESCRIPTION_MAX:
        raise UsageError(
            f"the description must be one line of at most {DESCRIPTION_MAX} characters"
        )
    schema = _domain_schema(domain) if domain else None
    words = name.replace("-", " ")
    values = {
        "name": name,
        "title": words.title(),
        "description": _yaml_scalar(description),
        "when": f"a document needs the '{words}' treatment",
        "domain": domain or "",
    }
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=parent))
    try:
        _copy(available[template], staging, values)
        if not domain:
            _drop_domain_lines(staging)
        if schema is not None:
            _use_domain_schema(staging, schema)
        os.replace(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dest


def _domain_schema(domain: str) -> dict:
    from skillkit import install_hint
    from skillkit.server.hub import HUB_EXTRA_HINT, HubUnavailable, UnknownDomain, domain_schema

    try:
        found = domain_schema(domain)
    except HubUnavailable as exc:
        raise UsageError(
            f"--domain {domain}: its schema comes from vlmrun-hub, which is not installed: "
            f"{install_hint('hub')} (nothing was created)"
            if str(exc) == HUB_EXTRA_HINT
            else f"--domain {domain}: {exc} (nothing was created)"
        ) from None
    except UnknownDomain as exc:
        raise UsageError(f"--domain: {exc} (nothing was created)") from None
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **found.json_schema}


def _use_domain_schema(folder: Path, schema: dict) -> None:
    import json

    (folder / "schema.json").write_text(
        json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tests = folder / "tests"
    if tests.is_dir():
        for expected in tests.glob("*.expected.json"):
            expected.unlink()  # written for the template's schema, not the domain's


def _yaml_scalar(text: str) -> str:
    """Quote a description so any characters survive as one YAML string."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _drop_domain_lines(folder: Path) -> None:
    """Without --domain, the template's `domain:` line would be an empty promise: drop it."""
    skill_md = folder / "SKILL.md"
    if skill_md.exists():
        lines = skill_md.read_text(encoding="utf-8").splitlines(keepends=True)
        skill_md.write_text(
            "".join(x for x in lines if not x.strip().startswith("domain:")), encoding="utf-8"
        )
