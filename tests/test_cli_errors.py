"""User mistakes across commands: one line, the right exit code, no traceback, nothing
half-written; and files written with ordinary permissions."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_skill, run_cli

EXAMPLE = REPO / "example_skills" / "invoice-extraction"


def test_help_works_without_the_local_extra() -> None:
    # Simulate a core-only install: fastapi and uvicorn cannot be imported.
    code = (
        "import sys; sys.modules['fastapi'] = None; sys.modules['uvicorn'] = None\n"
        "from skillkit.cli import main\n"
        "sys.argv = ['skillkit', '--help']\n"
        "main()\n"
    )
    # A timeout turns a regression (a server that starts and blocks) into a failure, not a hang.
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "serve" in proc.stdout and "Traceback" not in proc.stderr

    serve = code.replace("'--help'", "'serve', '--port', '1'")
    proc = subprocess.run(
        [sys.executable, "-c", serve], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert 'pip install "skillkit-vlm[local]"' in proc.stderr


def test_output_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    skill = make_skill(tmp_path, "demo")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    result = run_cli("pack", skill, "-o", blocker / "out.json")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "blocker" in lines[0]


def test_report_path_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(EXAMPLE, skill)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run_cli("test", skill, "--replay", "-q", "--json", folder)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "error: " in result.stderr and "a-folder" in result.stderr


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(EXAMPLE, skill)
    old = os.umask(0o022)
    try:
        result = run_cli("test", skill, "--replay", "-q", "--json", tmp_path / "r.json")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644


def test_pack_refusal_exits_1_like_validate(tmp_path: Path) -> None:
    skill = make_skill(tmp_path, "demo", frontmatter_text="name: Not-Valid\ndescription: x\n")
    out = tmp_path / "out.json"
    result = run_cli("pack", skill, "-o", out)
    assert result.exit_code == 1
    assert "SK106" in result.stderr and "--no-validate" in result.stderr
    assert not out.exists()


def test_invalid_json_schema_is_the_skills_fault_exit_2(tmp_path: Path) -> None:
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(EXAMPLE, skill)
    schema = json.loads((skill / "schema.json").read_text())
    schema["properties"]["total"]["type"] = "nmber"
    (skill / "schema.json").write_text(json.dumps(schema, indent=2))
    for extra in ([], ["--replay"]):
        result = run_cli("test", skill, "-q", *extra)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "schema.json" in result.stderr and "SK302" in result.stderr  # as validate says
        assert "/properties/total/type" in result.stderr


def test_failed_prediction_names_the_users_document(tmp_path: Path) -> None:
    skill = tmp_path / "invoice-extraction"
    shutil.copytree(EXAMPLE, skill)
    fake = skill / "tests" / "not-really.pdf"
    fake.write_text("this is text, not a PDF")
    result = run_cli("test", skill, "-q", "-k", "not-really")
    assert result.exit_code == 3, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "not-really.pdf" in out
    assert "/files/" not in out  # not the server's stored copy


@pytest.mark.parametrize("broken", ["schema", "cases"])
def test_pytest_plugin_collection_error_is_one_line(pytester: pytest.Pytester, broken: str) -> None:
    skill = pytester.path / "skills" / "invoice-extraction"
    shutil.copytree(EXAMPLE, skill)
    if broken == "schema":
        (skill / "schema.json").write_text("{ not json")
        want = "schema.json:1: SK301 not valid JSON"  # as `skillkit validate` says it
    else:
        (skill / "tests" / "cases.yaml").write_text("cases:\n  - document: missing.pdf\n")
        want = "cases.yaml:2"
    result = pytester.runpytest("skills", "--skillkit", "-q")
    out = result.stdout.str()
    assert want in out
    assert "Traceback" not in out and "raise " not in out


def test_pack_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`skillkit pack X | head -c 10`: the reader leaves early; no 'error: Broken pipe'."""
    skill = make_skill(tmp_path, "big", files={"assets/blob.bin": os.urandom(3_000_000)})
    for fmt in ("payload", "zip", "base64"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "skillkit", "pack", str(skill), "--format", fmt],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        head = proc.stdout.read(10)
        proc.stdout.close()  # what `head -c 10` does once it has its bytes
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141, err
        assert len(head) == 10 and err == "", err
