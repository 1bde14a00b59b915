"""pytest plugin: collect skill cases as test items. Inert unless enabled with `--skillkit`
or `skillkit = true` in the ini file."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("skillkit")
    group.addoption("--skillkit", action="store_true", default=False,
                    help="collect skill test cases (tests/cases.yaml or *.expected.json)")
    parser.addini("skillkit", type="bool", default=False,
                  help="collect skill test cases as pytest items")
