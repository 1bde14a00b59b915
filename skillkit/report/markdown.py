"""`--markdown FILE` (and the GitHub step summary): a results table and each failure's fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillkit.files import printable
from skillkit.report import (
    FileReport,
    fmt_delta,
    fmt_score,
    run_lines,
    skill_versions_text,
    summary_line,
)

if TYPE_CHECKING:
    from skillkit.runner import CaseResult, RunResult

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
        *(["", f"**Stopped:** {_cell(run.stopped)}"] if run.stopped else []),
        "",
        *[f"- {_cell(line)}" for line in run_lines(run)],
        *([""] if run_lines(run) else []),
        *_table(run),
    ]
    fields = run.field_summary()
    if fields:
        lines += [
            "",
            "## Fields",
            "",
            "Every field over the judged cases, weakest first (array rows collapsed to `*`).",
            "",
            "| field | cases | P | R | F1 | correct | correct null | missing | hallucinated "
            "| wrong |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for f in fields:
            c = f.counts
            lines.append(
                f"| {_code(f.path or '(root)')} | {f.cases} "
                f"| {f.precision:.3f} | {f.recall:.3f} | {f.f1:.3f} | {c.correct} "
                f"| {c.correct_null} | {c.missing} | {c.hallucinated} | {c.wrong} |"
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


def _code(text: str) -> str:
    """Inline code in a table cell (a backtick in the text itself becomes a quote)."""
    return "`" + _cell(text).replace("`", "'") + "`"


def _table(run: RunResult) -> list[str]:
    """One row per case: status, F1, the null accounting, then --repeat, --lift and cost."""
    repeat = run.options.repeat
    head = ["skill", "case", "status", "F1", "correct", "correct null", "missing"]
    head += ["hallucinated", "wrong"]
    if repeat > 1:
        head += ["F1 std", f"pass^{repeat}"]
    if run.options.lift:
        head += ["F1 without skill", "lift"]
    head += ["credits", "elements", "seconds"]
    align = ["---"] * 3 + ["---:"] * (len(head) - 3)
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|"]
    for r in run.results:
        status = ICONS.get(r.outcome, r.outcome)
        if r.pass_rate is not None:
            status += f" ({r.pass_rate:.0%})"
        if r.unreviewed:
            status += " (unreviewed draft)"
        cells = [_cell(r.skill), _cell(r.case), status, fmt_score(r.f1), *_counts(r)]
        if repeat > 1:
            cells += [fmt_score(r.f1_std), "-" if r.pass_all is None else str(r.pass_all)]
        if run.options.lift:
            lift = r.lift
            cells += [
                fmt_score(lift.without if lift else None),
                fmt_delta(lift.delta if lift else None),
            ]
        cost = r.cost
        credits = cost.credits_used if cost is not None else None
        elements = cost.elements_processed if cost is not None else None
        kind = f" {cost.element_type}" if cost is not None and cost.element_type else ""
        cells += [
            "-" if credits is None else f"{credits:g}",
            "-" if elements is None else f"{elements}{kind}",
            f"{r.seconds:.2f}",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _counts(r: CaseResult) -> list[str]:
    acc = r.accounting
    if acc is None:
        return ["-"] * 5
    return [str(v) for v in acc.to_dict().values()]


class Report(FileReport):
    def render(self, run: RunResult) -> str:
        return render(run)
