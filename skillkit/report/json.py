"""`--json FILE`: every result with its differences, and the run's metadata."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from skillkit.report import FileReport

if TYPE_CHECKING:
    from skillkit.runner import RunResult

FORMAT_VERSION = 1


def render(run: RunResult) -> str:
    data = {"skillkit_report": FORMAT_VERSION, **run.to_dict()}
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


class Report(FileReport):
    def render(self, run: RunResult) -> str:
        return render(run)
