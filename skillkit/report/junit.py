"""`--junit FILE`: JUnit XML, one testsuite per skill and one testcase per case.

Judgement failures are `<failure>`, service and prediction errors `<error>`, skipped cases
`<skipped>`: CI dashboards keep "the skill regressed" apart from "the service was down".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from skillkit.files import escape_char
from skillkit.report import FileReport, fmt_score

if TYPE_CHECKING:
    from skillkit.fields import NullAccounting
    from skillkit.runner import CaseResult, Cost, RunResult


def _case_element(result: CaseResult) -> ET.Element:
    element = ET.Element(
        "testcase",
        {
            "classname": result.skill,
            "name": result.case,
            "time": f"{result.seconds:.3f}",
            "file": result.file,
        },
    )
    if result.line:
        element.set("line", str(result.line))
    details = "\n".join(result.detail_lines())
    if result.status == "failed":
        child = ET.SubElement(
            element, "failure", {"message": result.message or "failed", "type": "judgement"}
        )
        child.text = details
    elif result.status == "error":
        child = ET.SubElement(
            element, "error", {"message": result.message or "error", "type": "service"}
        )
        child.text = details
    elif result.status == "skipped":
        ET.SubElement(element, "skipped", {"message": result.message or "skipped"})
    props = ET.SubElement(element, "properties")
    ET.SubElement(props, "property", {"name": "f1", "value": fmt_score(result.f1)})
    ET.SubElement(props, "property", {"name": "document", "value": result.document})
    # What the verdict rests on: a schema-only pass checked no values, and says so.
    ET.SubElement(props, "property", {"name": "checked", "value": result.checked})
    ET.SubElement(props, "property", {"name": "outcome", "value": result.outcome})
    if result.unreviewed:  # the expected values are an unreviewed draft (`review: draft`)
        ET.SubElement(props, "property", {"name": "unreviewed", "value": "true"})
    if result.skill_version:  # which version of the skill ran: published, or inline:<sha>
        ET.SubElement(props, "property", {"name": "skill_version", "value": result.skill_version})
    if result.bundle_sha256:
        ET.SubElement(props, "property", {"name": "bundle_sha256", "value": result.bundle_sha256})
    if result.pass_rate is not None:
        ET.SubElement(props, "property", {"name": "pass_rate", "value": f"{result.pass_rate:.3f}"})
    for name, value in _extra_properties(result):
        ET.SubElement(props, "property", {"name": name, "value": value})
    return element


def _accounting_properties(acc: NullAccounting | None) -> list[tuple[str, str]]:
    if acc is None:
        return []
    return [(name, str(count)) for name, count in acc.to_dict().items()]


def _cost_properties(cost: Cost | None) -> list[tuple[str, str]]:
    if cost is None:
        return []
    out = []
    for name, value in cost.to_dict().items():
        if value is not None and name != "predictions":
            out.append((name, f"{value:g}" if isinstance(value, float) else str(value)))
    return out


def _extra_properties(result: CaseResult) -> list[tuple[str, str]]:
    """Null accounting (correct, correct_null, missing, hallucinated, wrong), --repeat
    statistics (f1_std, pass_all = pass^N), the cost, and --lift."""
    out = _accounting_properties(result.accounting)
    if result.f1_std is not None:
        out.append(("f1_std", f"{result.f1_std:.3f}"))
    if result.pass_all is not None:
        out.append(("pass_all", str(result.pass_all)))
    out += _cost_properties(result.cost)
    if result.lift is not None:
        out += [
            ("lift_with", fmt_score(result.lift.with_skill)),
            ("lift_without", fmt_score(result.lift.without)),
            ("lift", "-" if result.lift.delta is None else f"{result.lift.delta:+.3f}"),
        ]
    return out


# What XML 1.0 cannot hold at all (not even as a character reference): C0 controls other than
# tab, newline and carriage return, lone surrogates (bytes of non-UTF-8 file names), U+FFFE/F.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` as XML 1.0 can hold it: each forbidden character shown escaped (`\\x1b`,
    `\\xff` for a byte of a non-UTF-8 name) instead of making the whole file unreadable."""
    return _NOT_XML.sub(lambda m: escape_char(m.group()), text)


def _xml_safe(root: ET.Element) -> None:
    """Every attribute and text of the tree made `xml_text`: case and file names come from
    the file system, messages from the service."""
    for element in root.iter():
        element.attrib = {xml_text(k): xml_text(v) for k, v in element.attrib.items()}
        if element.text:
            element.text = xml_text(element.text)
        if element.tail:
            element.tail = xml_text(element.tail)


def _span(results: list[CaseResult]) -> float:
    """Wall time of a group of cases: first own request to last verdict (cases overlap with -j,
    so their seconds do not add up to it)."""
    spans = [(r.started_at, r.finished_at) for r in results if r.started_at is not None]
    if not spans:
        return 0.0
    return max(e for _, e in spans if e is not None) - min(s for s, _ in spans)


def _counts(results: list[CaseResult], seconds: float) -> dict[str, str]:
    return {
        "tests": str(len(results)),
        "failures": str(sum(r.status == "failed" for r in results)),
        "errors": str(sum(r.status == "error" for r in results)),
        "skipped": str(sum(r.status == "skipped" for r in results)),
        "time": f"{seconds:.3f}",
    }


def render(run: RunResult) -> str:
    """`testsuites` time is the run's wall time; each skill's suite, its cases' wall span."""
    root = ET.Element("testsuites", {"name": "skillkit", **_counts(run.results, run.wall_seconds)})
    by_skill: dict[str, list[CaseResult]] = {}
    for result in run.results:
        by_skill.setdefault(result.skill, []).append(result)
    for skill, results in by_skill.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            {"name": skill, "timestamp": run.started, **_counts(results, _span(results))},
        )
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "target", "value": run.target})
        version = run.skill_versions.get(skill)
        if version:
            ET.SubElement(props, "property", {"name": "skill_version", "value": version})
            source = "published" if run.options.published is not None else "inline"
            ET.SubElement(props, "property", {"name": "skill_source", "value": source})
        # The skill's totals: its cases' null accounting and cost, added up.
        from skillkit.fields import NullAccounting
        from skillkit.runner import sum_costs

        judged = [r.accounting for r in results if r.accounting is not None]
        totals = _accounting_properties(sum(judged, NullAccounting()) if judged else None)
        totals += _cost_properties(sum_costs(r.cost for r in results))
        for name, value in totals:
            ET.SubElement(props, "property", {"name": name, "value": value})
        if run.stopped:
            ET.SubElement(props, "property", {"name": "stopped", "value": run.stopped})
        for result in results:
            suite.append(_case_element(result))
    _xml_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


class Report(FileReport):
    def render(self, run: RunResult) -> str:
        return render(run)
