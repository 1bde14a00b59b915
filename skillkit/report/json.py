"""`--json FILE`: every result with its differences, and the run's metadata."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from skillkit.files import printable_json
from skillkit.report import FileReport

if TYPE_CHECKING:
    from skillkit.runner import RunResult

FORMAT_VERSION = 1


def render(run: RunResult) -> str:
    """The report as JSON text. Names that are not UTF-8, and control or bidi characters, are
    written as \\u escapes (`printable_json`): the same JSON, safe in any viewer."""
    data = {"skillkit_report": FORMAT_VERSION, **run.to_dict()}
    return printable_json(json.dumps(data, indent=2, ensure_ascii=False, default=str)) + "\n"


class Report(FileReport):
    def render(self, run: RunResult) -> str:
        return render(run)
