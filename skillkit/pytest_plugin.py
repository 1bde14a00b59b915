"""pytest plugin: every skill case becomes a test item.

Inert unless enabled with `--skillkit` or `skillkit = true` in the ini file. Each SKILL.md that
pytest meets yields one collector named after the skill's `tests/cases.yaml` (whether or not the
file exists), so node ids read `example_skills/invoice-extraction/tests/cases.yaml::acme-001`.

The plugin holds no logic of its own: the first item to run asks the runner to run every selected
case in one go (each skill packed once, each document uploaded once, cases in parallel), and each
item then reports its own result with the same field-level failure text as `skillkit test`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skillkit.cases import CASES_FILE, Case, load_cases
from skillkit.errors import SkillkitError

_RESULTS = pytest.StashKey[dict[str, Any]]()


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
    if file_path.name.lower() != "skill.md" or not _enabled(parent.config):
        return None
    return SkillCasesFile.from_parent(parent, path=file_path.parent / "tests" / CASES_FILE)


class SkillCasesFile(pytest.File):
    """The cases of one skill (`tests/cases.yaml`, or discovered from `tests/`)."""

    def collect(self):  # type: ignore[override]
        try:
            cases = load_cases(self.path.parent.parent)
        except SkillkitError as exc:  # one line, like the CLI, not a traceback
            raise self.CollectError(f"skillkit: {exc}") from None
        for case in cases:
            yield SkillCaseItem.from_parent(self, name=case.name, case=case)


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
