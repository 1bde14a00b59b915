"""`import skillkit` is the documented library: every exported name resolves to a documented
object, nothing else is reachable as `skillkit.X`, and importing the package loads no module."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import skillkit
from skillkit.errors import SkillkitError


@pytest.mark.parametrize("name", [n for n in skillkit.__all__ if not n.startswith("__")])
def test_every_export_resolves_and_is_documented(name: str) -> None:
    value = getattr(skillkit, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        assert inspect.getdoc(value), f"skillkit.{name} has no docstring"
        assert value.__module__.split(".")[0] == "skillkit", value.__module__


def test_every_exported_error_is_a_skillkit_error() -> None:
    errors = [getattr(skillkit, n) for n in skillkit.__all__ if n.endswith(("Error", "Failed"))]
    errors += [skillkit.NotFound, skillkit.RateLimited, skillkit.BadResponse]
    errors += [skillkit.PredictionTimeout, skillkit.RequestTimeout, skillkit.SkillInvalid]
    assert len(errors) > 15
    for error in errors:
        assert issubclass(error, SkillkitError), error
    assert issubclass(skillkit.RequestTimeout, skillkit.ConnectionFailed)
    assert issubclass(skillkit.SkillInvalid, skillkit.ValidationFailed)
    # the client's "server refused the request" is not the lint error any more
    assert not issubclass(skillkit.RequestRejected, skillkit.ValidationFailed)


def test_internal_names_are_not_reachable_through_the_package() -> None:
    with pytest.raises(AttributeError, match="no attribute 'select_files'"):
        skillkit.select_files  # noqa: B018 - internal to skillkit.bundle
    assert "select_files" not in dir(skillkit)
    assert "pack_skill" in dir(skillkit)


def test_importing_the_package_loads_nothing_until_a_name_is_used() -> None:
    code = (
        "import sys, skillkit\n"
        "before = sorted(m for m in sys.modules if m.startswith('skillkit.'))\n"
        "skillkit.judge\n"
        "after = 'skillkit.compare' in sys.modules and 'skillkit.runner' not in sys.modules\n"
        "print(before, after)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True", out.stdout + out.stderr


def test_library_and_cli_share_one_implementation() -> None:
    """The exports are the very objects the CLI's modules use, not wrappers."""
    from skillkit import bundle, compare, lint, runner

    assert skillkit.pack_skill is bundle.pack_skill
    assert skillkit.judge is compare.judge
    assert skillkit.RULES is lint.RULES
    assert skillkit.RunOptions is runner.RunOptions
