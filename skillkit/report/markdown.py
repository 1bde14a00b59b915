"""`--markdown FILE` (and the GitHub step summary): a results table and each failure's fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillkit.files import printable
from skillkit.report import FileReport, fmt_score, skill_versions_text, summary_line

if TYPE_CHECKING:
    from skillkit.runner import RunResult

ICONS = {
    "passed": "✅ passed",
    "schema-only": "⚠️ schema-only (values not checked)",
    "unchecked": "⚠️ unchecked (no expected file, no schema)",
    "updated": "✏️ updated",
    "created": "✏️ created",
    "failed": "❌ failed",
    "error": "💥 error",
    "skipped": "⏭ skipped",
}
MAX_DETAIL_LINES = 30


def _cell(text: str) -> str:
    return printable(text).replace("|", "\\|")


def render(run: RunResult) -> str:
    lines = [
        "# skillkit test",
        "",
        f"Target: {run.target}  ",
        *(
            [f"Skill versions: {_cell(versions)}  "]
            if (versions := skill_versions_text(run))
            else []
        ),
        f"Started: {run.started}" + (f", finished: {run.finished}" if run.finished else ""),
        "",
        f"**{summary_line(run)}** ({len(run.results)} of {run.total} case(s) run)",
        "",
        "| skill | case | status | F1 | seconds |",
        "|---|---|---|---:|---:|",
    ]
    for r in run.results:
        status = ICONS.get(r.outcome, r.outcome)
        if r.pass_rate is not None:
            status += f" ({r.pass_rate:.0%})"
        lines.append(
            f"| {_cell(r.skill)} | {_cell(r.case)} | {status} | {fmt_score(r.f1)} "
            f"| {r.seconds:.2f} |"
        )
    problems = [r for r in run.results if r.status in ("failed", "error")]
    if problems:
        lines += ["", "## Failures", ""]
        for r in problems:
            lines.append(f"### {printable(r.case_id)} ({r.status})")
            lines.append("")
            lines.append(f"`{printable(r.location)}`")
            lines.append("")
            detail = [printable(line) for line in r.detail_lines()]
            lines.append("```")
            lines += detail[:MAX_DETAIL_LINES]
            if len(detail) > MAX_DETAIL_LINES:
                lines.append(f"... {len(detail) - MAX_DETAIL_LINES} more")
            lines.append("```")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


class Report(FileReport):
    def render(self, run: RunResult) -> str:
        return render(run)
