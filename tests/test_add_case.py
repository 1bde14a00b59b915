"""`skillkit add-case SKILL DOCUMENT`: copy, run (embedded engine), draft, mark `review: draft`."""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, make_skill, tree_files

from skillkit.cases import load_cases
from skillkit.commands.add_case import command
from skillkit.lint import lint_skill
from skillkit.runner import PASSED, RunOptions, run_tests

SCHEMA = {
    "type": "object",
    "properties": {
        "vendor": {"type": ["string", "null"]},
        "total": {"type": ["number", "null"]},
    },
}
DOCUMENT = "Vendor: ACME Supplies\nInvoice Number: INV-77\nTotal: 12.50\n"


def add_case(*args: str | os.PathLike[str]):
    """Run the command's click object in-process (stderr apart from stdout)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    result = runner.invoke(command, [str(a) for a in args], env={"NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"add-case raised {result.exception!r}") from result.exception
    return result


def demo(tmp_path: Path, files: dict[str, str] | None = None, schema: dict | None = SCHEMA) -> Path:
    extra = {"schema.json": json.dumps(schema)} if schema is not None else {}
    return make_skill(tmp_path, "demo", files={**extra, **(files or {})})


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "inbox" / "acme-77.txt"
    path.parent.mkdir()
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def only_result(skill: Path, case: str):
    run = run_tests([skill], RunOptions(local=True, jobs=1, pattern=case))
    (result,) = run.results
    return result


def test_copies_the_document_writes_the_output_and_marks_it_a_draft(
    tmp_path: Path, document: Path
) -> None:
    skill = demo(tmp_path)
    result = add_case(skill, document)
    assert result.exit_code == 0, result.output
    tests = skill / "tests"
    assert (tests / "acme-77.txt").read_bytes() == document.read_bytes()
    drafted = json.loads((tests / "acme-77.expected.json").read_text(encoding="utf-8"))
    # The expected file is exactly what the engine answers: `test` runs the case and every
    # field agrees; and it is the output alone, with no mark in it.
    judged = only_result(skill, "acme-77")
    assert judged.status == PASSED and judged.f1 == 1.0
    assert judged.actual == drafted
    assert "review" not in json.dumps(drafted)
    text = (tests / "cases.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: acme-77\n    document: acme-77.txt\n    expected: acme-77.expected.json\n" in text
    )
    (case,) = load_cases(skill)
    assert case.unreviewed and case.has_expected
    assert text.splitlines()[case.review_line - 1].strip().startswith("review: draft")
    assert f"cases.yaml:{case.review_line}" in result.stdout
    assert "next: check" in result.stdout and f"`skillkit test {skill}`" in result.stdout


def test_a_folder_of_discovered_cases_keeps_every_case_when_cases_yaml_is_created(
    tmp_path: Path, document: Path
) -> None:
    skill = demo(
        tmp_path,
        {
            "tests/old-1.txt": "Vendor: Old One\nTotal: 1.00\n",
            "tests/old-1.expected.json": '{"vendor": "Old One", "total": 1.0}',
            "tests/old-2.md": "Vendor: Old Two\n",
        },
    )
    before = {c.name: (c.document, c.expected_path) for c in load_cases(skill)}
    result = add_case(skill, document, "--name", "new-one")
    assert result.exit_code == 0, result.output
    after = {c.name: c for c in load_cases(skill)}
    assert set(after) == {"old-1", "old-2", "new-one"}
    for name, (doc, exp) in before.items():
        assert (after[name].document, after[name].expected_path) == (doc, exp)
        assert not after[name].unreviewed
    assert after["new-one"].unreviewed
    assert (skill / "tests" / "new-one.txt").is_file()
    assert "2 other case(s)" in result.stdout


def test_an_existing_cases_yaml_keeps_its_comments_and_layout(
    tmp_path: Path, document: Path
) -> None:
    original = (
        "# Regression cases: keep this comment\n"
        "cases:\n"
        "  - id: first   # the first one\n"
        "    document: first.txt\n"
        "    min_score: 0.5\n"
        "\n"
        "# defaults come last here\n"
        "defaults:\n"
        "  timeout: 60\n"
    )
    skill = demo(
        tmp_path,
        {"tests/first.txt": "Vendor: First\n", "tests/cases.yaml": original},
    )
    result = add_case(skill, document)
    assert result.exit_code == 0, result.output
    text = (skill / "tests" / "cases.yaml").read_text(encoding="utf-8")
    head, tail = original.split("\n\n", 1)
    # The old text is all there, in order, with the entry inserted at the end of the list.
    assert text.startswith(head + "\n  - id: acme-77\n")
    assert text.endswith("\n\n" + tail)
    cases = {c.name: c for c in load_cases(skill)}
    assert cases["first"].min_score == 0.5 and not cases["first"].unreviewed
    assert cases["acme-77"].unreviewed and cases["acme-77"].timeout == 60.0


def test_a_mapping_of_cases_gets_a_mapping_entry(tmp_path: Path, document: Path) -> None:
    original = "cases:\n  first:\n    document: first.txt  # mapping form\n"
    skill = demo(tmp_path, {"tests/first.txt": "Vendor: First\n", "tests/cases.yaml": original})
    assert add_case(skill, document).exit_code == 0
    text = (skill / "tests" / "cases.yaml").read_text(encoding="utf-8")
    assert text.startswith(original + "  acme-77:\n    document: acme-77.txt\n")
    assert {c.name: c.unreviewed for c in load_cases(skill)} == {"first": False, "acme-77": True}


def test_validate_warns_until_the_mark_is_deleted(tmp_path: Path, document: Path) -> None:
    from conftest import only, run_cli

    skill = demo(tmp_path)
    assert add_case(skill, document).exit_code == 0
    cases_yaml = skill / "tests" / "cases.yaml"
    (case,) = load_cases(skill)
    (hit,) = only(lint_skill(skill), "SK409")
    assert hit.line == case.review_line and hit.path == str(cases_yaml)
    assert "acme-77.expected.json against the document" in hit.message
    assert f"delete `review: draft` (cases.yaml:{case.review_line})" in hit.message
    shown = run_cli("validate", skill)
    assert shown.exit_code == 0 and f"cases.yaml:{case.review_line}: SK409" in shown.output

    lines = cases_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[case.review_line - 1]
    cases_yaml.write_text("".join(lines), encoding="utf-8")
    assert [f.code for f in lint_skill(skill)] == []
    (case,) = load_cases(skill)
    assert not case.unreviewed


def test_test_reports_a_draft_as_unreviewed_in_every_report(tmp_path: Path, document: Path) -> None:
    from conftest import run_cli

    skill = demo(tmp_path, {"tests/old-1.txt": "Vendor: Old One\nTotal: 1.00\n"})
    assert add_case(skill, document).exit_code == 0
    report = tmp_path / "run.json"
    junit = tmp_path / "run.xml"
    markdown = tmp_path / "run.md"
    shown = run_cli(
        "test", skill, "--local", "--json", report, "--junit", junit, "--markdown", markdown
    )
    assert shown.exit_code == 0, shown.output
    data = json.loads(report.read_text(encoding="utf-8"))
    flags = {r["case"]: r["unreviewed"] for r in data["results"]}
    assert flags == {"acme-77": True, "old-1": False}
    assert data["counts"]["unreviewed"] == 1
    (line,) = [ln for ln in shown.output.splitlines() if "demo/acme-77" in ln and "F1" in ln]
    assert "unreviewed draft" in line
    assert "1 judged against an unreviewed draft" in shown.output
    assert '<property name="unreviewed" value="true" />' in junit.read_text(encoding="utf-8")
    (row,) = [ln for ln in markdown.read_text(encoding="utf-8").splitlines() if "acme-77" in ln]
    assert "(unreviewed draft)" in row


def test_refuses_an_existing_document_unless_forced(tmp_path: Path, document: Path) -> None:
    skill = demo(tmp_path, {"tests/acme-77.txt": "Vendor: Someone else\n"})
    before = tree_files(skill)
    result = add_case(skill, document)
    assert result.exit_code == 2
    assert "tests/acme-77.txt already exists" in result.stderr and "--force" in result.stderr
    assert tree_files(skill) == before

    forced = add_case(skill, document, "--force")
    assert forced.exit_code == 0, forced.output
    assert (skill / "tests" / "acme-77.txt").read_bytes() == document.read_bytes()
    assert "replaced" in forced.stdout


@pytest.mark.parametrize(
    ("files", "args", "says"),
    [
        # another case has that id (cases.yaml names another document)
        (
            {
                "tests/x.txt": "x\n",
                "tests/cases.yaml": "cases:\n  - id: acme-77\n    document: x.txt\n",
            },
            (),
            "case 'acme-77' already exists",
        ),
        # a document with the same stem: both would share acme-77.expected.json
        ({"tests/acme-77.pdf": "%PDF-1.4\n"}, (), "would share acme-77.expected.json"),
        # an expected file is there already (without cases.yaml, lint refuses it: SK305)
        (
            {"tests/acme-77.expected.json": "{}", "tests/cases.yaml": "defaults: {timeout: 60}\n"},
            (),
            "acme-77.expected.json already exists",
        ),
        # --name must be a case id
        ({}, ("--name", "no spaces"), "may hold only letters"),
    ],
)
def test_refuses_a_name_in_use_and_writes_nothing(
    tmp_path: Path, document: Path, files: dict, args: tuple, says: str
) -> None:
    skill = demo(tmp_path, files)
    before = tree_files(skill)
    result = add_case(skill, document, *args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert tree_files(skill) == before


def test_an_unsupported_document_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    skill = demo(tmp_path)
    odd = tmp_path / "notes.xyz"
    odd.write_text("Total: 1\n", encoding="utf-8")
    before = tree_files(skill)
    result = add_case(skill, odd)
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1 and "not a supported document type ('.xyz')" in result.stderr
    )
    assert tree_files(skill) == before and not (skill / "tests").exists()

    missing = add_case(skill, tmp_path / "nowhere.pdf")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert not (skill / "tests").exists()


def test_an_output_the_schema_refuses_writes_nothing(
    tmp_path: Path, document: Path, hosted
) -> None:
    """A service whose answer does not validate against schema.json (a scripted mock on
    loopback): exit 1, the schema errors said, no file written."""
    skill = demo(tmp_path, {"tests/keep.txt": "Vendor: Keep\n"})
    before = tree_files(skill)
    md5 = hashlib.md5(document.read_bytes()).hexdigest()
    hosted.script[f"GET /v1/files/hash/{md5}"] = [(404, {}, {"detail": "unknown"})]
    hosted.script["POST /v1/files"] = [(201, {}, {"id": "file_1"})]
    hosted.script["POST /v1/document/generate"] = [(201, {}, {"id": "p1", "status": "pending"})]
    wrong = {"vendor": "ACME", "total": "twelve"}
    hosted.script["GET /v1/predictions/p1"] = [
        (200, {}, {"id": "p1", "status": "completed", "response": wrong})
    ]
    result = add_case(skill, document, "--base-url", hosted.base_url, "--api-key", "k")
    assert result.exit_code == 1, result.output
    assert "does not validate against the schema" in result.stderr
    assert "schema: " in result.stderr and "twelve" in result.stderr
    assert tree_files(skill) == before
    assert any(call[1] == "/v1/document/generate" for call in hosted.calls)


def test_a_failed_run_on_the_embedded_engine_writes_nothing(tmp_path: Path, document: Path) -> None:
    impossible = {
        "type": "object",
        "required": ["total"],
        "properties": {"total": {"type": "string", "pattern": "^NEVER$"}},
    }
    skill = demo(tmp_path, schema=impossible)
    result = add_case(skill, document)
    assert result.exit_code == 1, result.output
    assert "nothing written" in result.stderr
    assert not (skill / "tests").exists()


def test_force_redrafts_a_reviewed_case_in_place(tmp_path: Path, document: Path) -> None:
    skill = demo(tmp_path)
    assert add_case(skill, document).exit_code == 0
    tests = skill / "tests"
    cases_yaml = tests / "cases.yaml"
    reviewed = "".join(
        line for line in cases_yaml.read_text().splitlines(keepends=True) if "review:" not in line
    )
    cases_yaml.write_text(reviewed, encoding="utf-8")
    (tests / "acme-77.expected.json").write_text('{"vendor": "edited"}\n', encoding="utf-8")

    refused = add_case(skill, tests / "acme-77.txt")
    assert refused.exit_code == 2 and "acme-77.expected.json already exists" in refused.stderr
    result = add_case(skill, tests / "acme-77.txt", "--force")
    assert result.exit_code == 0, result.output
    assert "copied" not in result.stdout  # the document is already there
    (case,) = load_cases(skill)
    assert case.unreviewed and case.expected != {"vendor": "edited"}
    assert cases_yaml.read_text(encoding="utf-8").startswith(reviewed)
    assert only_result(skill, "acme-77").f1 == 1.0


def test_a_real_example_document_under_another_name(tmp_path: Path) -> None:
    import shutil

    skill = tmp_path / "receipt-extraction"
    shutil.copytree(REPO / "example_skills" / "receipt-extraction", skill)
    source = skill / "tests" / "harbor-hardware-2026-02-21.txt"
    result = add_case(skill, source, "--name", "harbor-copy")
    assert result.exit_code == 0, result.output
    drafted = json.loads((skill / "tests" / "harbor-copy.expected.json").read_text())
    # The same document drafts what its reviewed expected file says.
    assert drafted == json.loads(source.with_name(source.stem + ".expected.json").read_text())
    assert {c.name for c in load_cases(skill) if c.unreviewed} == {"harbor-copy"}


def test_help_has_an_example() -> None:
    result = add_case("--help")
    assert result.exit_code == 0 and "Example" in result.stdout
