"""The wheel ships the templates: a plain (non-editable) install into a fresh virtualenv can
scaffold, validate and pack, from a folder outside the repository.

The wheel is built from a copy of the source tree so that building never writes `build/` or
`*.egg-info` into the checkout. The fresh venv gets the dependencies from the current
environment through a .pth line (which adds the folder to sys.path without running that
folder's own .pth files, so the editable install of skillkit stays invisible).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(
    not (REPO / "pyproject.toml").is_file(), reason="needs the source checkout"
)

_EVERYWHERE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.pyc", "*.egg-info", ".pytest_cache", ".ruff_cache"
)
_TOP_LEVEL = {"build", "dist", ".venv", "venv", "tests", "example_skills", "benchmarks"}


def _ignore(folder: str, names: list[str]) -> set[str]:
    """What not to copy: caches anywhere, and bulky top-level folders the wheel never holds."""
    skipped = set(_EVERYWHERE(folder, names))
    if Path(folder) == REPO:
        skipped |= _TOP_LEVEL & set(names)
    return skipped


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: int = 300):
    proc = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert proc.returncode == 0, f"{' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(REPO, src, ignore=_ignore)
    out = work / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(src),
        ],
        cwd=work,
    )
    (whl,) = out.glob("skillkit_vlm-*.whl")
    return whl


def test_wheel_contains_templates_and_every_module(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(f"{dist_info}/METADATA").decode()
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode()
    for template_file in (REPO / "templates").rglob("*"):
        if template_file.is_file() and "__pycache__" not in template_file.parts:
            rel = template_file.relative_to(REPO / "templates").as_posix()
            assert f"skillkit/templates/{rel}" in names, rel
    assert "skillkit/templates/extraction/schema.json" in names
    assert "skillkit/templates/basic/SKILL.md" in names
    assert "skillkit/cases.schema.json" in names  # cases.yaml's validator needs it
    for module in (REPO / "skillkit").rglob("*.py"):
        rel = module.relative_to(REPO).as_posix()
        assert rel in names, f"{rel} is missing from the wheel (add its package to pyproject)"
    assert "skillkit = skillkit.cli:main" in entry_points
    assert "Provides-Extra: dev" in metadata
    for tool in ("pytest", "ruff", "skills-ref", "vlmrun"):
        assert any(
            line.startswith(f"Requires-Dist: {tool}") and 'extra == "dev"' in line
            for line in metadata.splitlines()
        ), tool


def test_installed_wheel_scaffolds_from_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=tmp_path,
        ).stdout.strip()
    )
    # Dependencies (click, pyyaml, ...) come from the current environment.
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        cwd=tmp_path,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_COLOR"] = "1"

    where = _run(
        [str(python), "-c", "import skillkit; print(skillkit.__file__)"], cwd=work, env=env
    )
    installed = Path(where.stdout.strip()).resolve()
    assert not installed.is_relative_to(REPO.resolve()), installed
    assert installed.is_relative_to(site.resolve()), installed

    skillkit_exe = venv / "bin" / "skillkit"
    assert skillkit_exe.is_file(), "console script not installed"
    _run([str(skillkit_exe), "new", "x", "-t", "extraction"], cwd=work, env=env)
    assert (work / "x" / "schema.json").is_file()
    assert (work / "x" / "tests" / "cases.yaml").is_file()
    validated = _run(
        [str(skillkit_exe), "validate", "--strict", "--format", "json", "x"], cwd=work, env=env
    )
    assert json.loads(validated.stdout) == []
    _run([str(python), "-m", "skillkit", "new", "y"], cwd=work, env=env)
    packed = _run([str(skillkit_exe), "pack", "x", "-o", "x.json"], cwd=work, env=env)
    assert "sha256" in packed.stderr
    assert json.loads((work / "x.json").read_text())["type"] == "inline"
