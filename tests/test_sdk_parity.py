"""Where the official SDK (`vlmrun`, `AgentSkill.from_directory`, what `vlmrun generate --skill
DIR` uses) gets a skill wrong, skillkit gets it right. Each test runs the real SDK on the same
folder as skillkit, no mocks, and asserts both: the SDK's behaviour as it is today (so the
test says when the SDK changes) and ours."""

from __future__ import annotations

import base64
import io
import os
import zipfile
from pathlib import Path

import pytest
from conftest import make_skill, run_cli

from skillkit.bundle import pack_skill

sdk_types = pytest.importorskip("vlmrun.client.types")
AgentSkill = sdk_types.AgentSkill

FOLDED = (
    "name: folded\n"
    "description: >-\n"
    "  Extracts the totals from invoices.\n"
    "  Use when an invoice must become JSON.\n"
)


def sdk_zip(skill: object) -> bytes:
    return base64.b64decode(skill.source.data)  # type: ignore[attr-defined]


def names(zip_bytes: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(zip_bytes)).namelist()


def test_a_folded_description_the_sdk_sends_as_the_yaml_indicator(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "folded", frontmatter_text=FOLDED)
    sdk = AgentSkill.from_directory(root)
    assert sdk.description == ">-"  # the SDK reads frontmatter line by line
    assert sdk.model_dump()["description"] == ">-"  # ... and sends that
    ours = pack_skill(root).payload()
    assert ours["description"] == (
        "Extracts the totals from invoices. Use when an invoice must become JSON."
    )
    assert ours["name"] == sdk.name == "folded"


def skill_with_clutter(tmp_path: Path, name: str = "clutter", *, secret: bool = False) -> Path:
    files: dict[str, str | bytes] = {
        "schema.json": '{"type": "object"}\n',
        "resources/guide.md": "# Guide\n",
        "tests/sample.pdf": b"%PDF-1.4 a test document\n",
        "tests/sample.expected.json": "{}\n",
        ".git/config": "[core]\n",
        "__pycache__/helper.cpython-311.pyc": b"\x00\x01",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    if secret:
        files[".env"] = "VLMRUN_API_KEY=sk-live-123\n"
    return make_skill(tmp_path, name, files=files)


def test_the_sdk_bundles_tests_git_and_caches_skillkit_does_not(tmp_path: Path) -> None:
    root = skill_with_clutter(tmp_path)
    sdk = names(sdk_zip(AgentSkill.from_directory(root)))
    assert sorted(sdk) == [
        ".DS_Store",
        ".git/config",
        "SKILL.md",
        "__pycache__/helper.cpython-311.pyc",
        "resources/guide.md",
        "schema.json",
        "tests/sample.expected.json",
        "tests/sample.pdf",
    ]
    ours = names(pack_skill(root).zip_bytes)
    assert ours == ["SKILL.md", "resources/guide.md", "schema.json"]


def test_the_sdk_bundles_an_env_file_skillkit_refuses_to_pack_it(tmp_path: Path) -> None:
    root = skill_with_clutter(tmp_path, secret=True)
    assert ".env" in names(sdk_zip(AgentSkill.from_directory(root)))
    result = run_cli("pack", root, "-o", tmp_path / "payload.json")
    assert result.exit_code == 1
    assert f"{root / '.env'}: SK203 looks like a secret" in result.stderr
    assert not (tmp_path / "payload.json").exists()


def test_the_sdk_bundle_changes_with_mtimes_skillkits_does_not(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "stamped", files={"resources/guide.md": "# Guide\n"})
    files = [p for p in root.rglob("*") if p.is_file()]

    def touch(when: int) -> None:
        for path in files:
            os.utime(path, (when, when))

    touch(1_700_000_000)
    sdk_before, ours_before = sdk_zip(AgentSkill.from_directory(root)), pack_skill(root)
    touch(1_800_000_000)  # the same files, checked out three years later
    sdk_after, ours_after = sdk_zip(AgentSkill.from_directory(root)), pack_skill(root)
    assert names(sdk_before) == names(sdk_after)  # same entries...
    assert sdk_before != sdk_after  # ...different bytes: the SDK keeps each file's mtime
    assert ours_before.zip_bytes == ours_after.zip_bytes
    assert ours_before.sha256 == ours_after.sha256
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(ours_after.zip_bytes)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}
