"""pytest plugin: every skill case becomes a test item.

Inert unless enabled with `--skillkit` or `skillkit = true` in the ini file. Node ids name a file
that exists, so that pytest can collect it again from the id alone:

- a skill with `tests/cases.yaml`: the file is one collector holding every case,
  `example_skills/invoice-extraction/tests/cases.yaml::acme-001`;
- a skill without one: each document in `tests/` is a collector holding its case,
  `example_skills/invoice-extraction/tests/acme-001.pdf::acme-001`.

So `pytest --skillkit PATH/tests/cases.yaml::ID` re-runs exactly that case, and
`pytest --skillkit PATH/tests` (or the skill folder, or a tree of skills) collects every case.
Each skill is linted first, as `skillkit validate` does; one with errors is a collection error
listing its findings (`--skillkit-no-validate` runs it anyway).

The plugin holds no logic of its own: the first item to run asks the runner to run every selected
case in one go (each skill packed once, each document uploaded once, cases in parallel), and each
item then reports its own result with the same field-level failure text as `skillkit test`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skillkit.cases import CASES_FILE, Case, folder_documents, load_cases
from skillkit.errors import SkillkitError
from skillkit.lint import require_valid
from skillkit.skill import find_skill_md

_RESULTS = pytest.StashKey[dict[str, Any]]()
_CASES = pytest.StashKey[dict[Path, Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("skillkit", "skillkit: run skill regression cases")
    group.addoption(
        "--skillkit",
        action="store_true",
        default=False,
        help="collect skill cases (each SKILL.md's tests/) as test items",
    )
    group.addoption(
        "--skillkit-replay",
        action="store_true",
        default=False,
        help="answer every case from its recorded cassette (no server, no key)",
    )
    group.addoption(
        "--skillkit-no-validate",
        action="store_true",
        default=False,
        help="run skills even if `skillkit validate` finds errors in them",
    )
    group.addoption(
        "--skillkit-jobs",
        type=int,
        default=4,
        metavar="N",
        help="cases run concurrently (default 4)",
    )
    group.addoption(
        "--skillkit-timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="per-case timeout (default 300)",
    )
    parser.addini(
        "skillkit",
        type="bool",
        default=False,
        help="collect skill cases as pytest items (same as --skillkit)",
    )


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("skillkit") or config.getini("skillkit"))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not _enabled(parent.config) or file_path.parent.name != "tests":
        return None
    tests_dir = file_path.parent
    if find_skill_md(tests_dir.parent) is None:
        return None
    if file_path.name == CASES_FILE:
        return SkillCasesFile.from_parent(parent, path=file_path)
    if (tests_dir / CASES_FILE).is_file():
        return None  # cases.yaml holds this skill's cases, documents included
    if file_path in folder_documents(tests_dir):
        return SkillDocumentFile.from_parent(parent, path=file_path)
    return None


def _skill_cases(config: pytest.Config, root: Path) -> list[Case]:
    """The skill's cases, linted first; read once per session. SkillkitError on bad input."""
    cache = config.stash.setdefault(_CASES, {})
    key = root.resolve()
    if key not in cache:
        try:
            if not config.getoption("skillkit_no_validate"):
                require_valid([root])
            cache[key] = load_cases(root)
        except SkillkitError as exc:
            cache[key] = exc
    found = cache[key]
    if isinstance(found, SkillkitError):
        raise found
    return found


def _collect_error(collector: pytest.Collector, exc: SkillkitError) -> Exception:
    """One line per finding and one for the error, like the CLI, never a traceback."""
    lines = [f.location + f": {f.code} {f.message}" for f in getattr(exc, "findings", [])]
    return collector.CollectError("\n".join([*lines, f"skillkit: {exc}"]))


class SkillCasesFile(pytest.File):
    """Every case of one skill's `tests/cases.yaml`."""

    def holds(self, case: Case) -> bool:
        return True

    def collect(self):  # type: ignore[override]
        try:
            cases = _skill_cases(self.config, self.path.parent.parent)
        except SkillkitError as exc:
            raise _collect_error(self, exc) from None
        for case in cases:
            if self.holds(case):
                yield SkillCaseItem.from_parent(self, name=case.name, case=case)


class SkillDocumentFile(SkillCasesFile):
    """The case of one document in a skill's `tests/` (a skill without cases.yaml)."""

    def holds(self, case: Case) -> bool:
        return case.document.resolve() == self.path.resolve()


class SkillCaseFailed(Exception):
    """A case ran and its output did not pass the judge (or the service errored)."""

    def __init__(self, result: Any) -> None:
        super().__init__(result.case_id)
        self.result = result


class SkillCaseItem(pytest.Item):
    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        result = _results(self.session)[self.case.id]
        if result.status == "skipped":
            pytest.skip(result.message or "skipped")
        if result.status != "passed":
            raise SkillCaseFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:
        if isinstance(excinfo.value, SkillCaseFailed):
            r = excinfo.value.result
            if r.status == "error":
                return f"{r.case_id}: error: {r.message or 'the service failed'}"
            score = f"F1 {r.f1:.3f}" if r.f1 is not None else "no score"
            head = f"{r.case_id}: failed ({score}, needs {r.min_score})"
            return "\n".join([head, *(f"  {line}" for line in r.detail_lines())])
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        path = self.case.source or self.case.document
        line = (self.case.line - 1) if self.case.line else None
        return path, line, f"skill case {self.case.id}"


def _results(session: pytest.Session) -> dict[str, Any]:
    """Run every selected case once, on first use, and keep the results by case id."""
    stash = session.config.stash
    if _RESULTS not in stash:
        from skillkit.runner import RunOptions, run_tests

        cases = [item.case for item in session.items if isinstance(item, SkillCaseItem)]
        config = session.config
        options = RunOptions(
            jobs=config.getoption("skillkit_jobs"),
            timeout=config.getoption("skillkit_timeout"),
            replay=config.getoption("skillkit_replay"),
        )
        run = run_tests([], options, cases=cases)
        stash[_RESULTS] = {r.case_id: r for r in run.results}
    return stash[_RESULTS]
