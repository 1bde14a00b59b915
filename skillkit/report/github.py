"""GitHub Actions (GITHUB_ACTIONS=true): `::error` annotations and the step summary."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

from skillkit.files import printable
from skillkit.report import Reporter
from skillkit.report import markdown as markdown_report

if TYPE_CHECKING:
    from skillkit.runner import CaseResult, RunResult


def enabled() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """Workflow-command escaping for a message (shared with `skillkit validate --format github`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Workflow-command escaping for a property value (`file=`, `title=`): also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: CaseResult) -> str:
    """`::error file=...,line=...,title=...::message` for a failed or errored case."""
    props = [f"file={escape_property(printable(result.file))}"]
    if result.line:
        props.append(f"line={result.line}")
    title = printable(f"skillkit {result.status}: {result.case_id}")
    props.append(f"title={escape_property(title)}")
    lines = [printable(line) for line in result.detail_lines()[:20]]  # no escapes in the log
    body = "\n".join(lines) or printable(result.message or result.status)
    return f"::error {','.join(props)}::{escape_data(body)}"


class Report(Reporter):
    """Annotations on stdout as cases fail; the Markdown summary appended at the end."""

    def __init__(self, stream: TextIO | None = None, summary_path: str | None = None) -> None:
        self.stream = stream or sys.stdout
        self.summary_path = summary_path or os.environ.get("GITHUB_STEP_SUMMARY")

    def case_finished(self, result: CaseResult, run: RunResult) -> None:
        if result.status in ("failed", "error"):
            print(annotation(result), file=self.stream, flush=True)

    def finish(self, run: RunResult) -> None:
        if self.summary_path:
            with open(self.summary_path, "a", encoding="utf-8") as fh:
                fh.write(markdown_report.render(run) + "\n")
