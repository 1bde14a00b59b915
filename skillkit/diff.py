"""Compare two runs: which cases and fields regressed or improved between two JSON reports.

    old = load_report("baseline.json")          # as `skillkit test --json FILE` writes it
    new = load_report("report.json")            # or read_report(run.to_dict(), "this run")
    changes = diff_reports(old, new, tolerance=0.01)
    print(render(changes, "markdown"))          # "text", "markdown" (a PR comment) or "json"
    exit_code = 1 if changes.has_regressions else 0

Pure library: no I/O beyond `load_report`, no click. Reports written before per-field data
existed are read too: every key but `results` and each result's `status` is optional.

Cases (matched by `case_id`, else `skill/case`, else `node_id`)
    new        only in the new report; vanished: only in the old one.
    regressed  the status got worse (passed -> failed or error), or, with the status the same
               kind, F1 fell by more than `tolerance` (new < old - tolerance; 1e-9 absorbs
               float rounding). improved: the reverse. A status decides before F1 does.
    unchanged  everything else, including a case skipped in either run, and failed <-> error
               (neither passes; an error has no F1 to compare).

Fields (over the cases judged in both runs: F1 not null on both sides)
    With per-field data in both reports (each result's `fields`: pointer -> counts, as
    `skillkit.fields.FieldCounts.to_dict` writes them) the measure is the field's F1 over
    those cases (tp / fp / fn summed first; a field absent from one run counts as empty,
    F1 1.0): regressed when it fell by more than `tolerance`. Otherwise (an older report) it
    is the number of differences at the field, from each result's `differences` (paths with
    numeric segments written `*`, so an object key made of digits reads as an index; a missing
    row counts once, at the row): regressed when there are more. Each field change names the
    cases where the field moved the same way.

`has_regressions`: some case or some field regressed (what `skillkit diff` exits 1 on).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillkit import jsonpointer
from skillkit.errors import SkillkitError, UsageError
from skillkit.fields import FieldCounts

__all__ = [
    "FORMATS",
    "CaseChange",
    "CaseRecord",
    "FieldChange",
    "ReportError",
    "Report",
    "RunDiff",
    "diff_reports",
    "load_report",
    "read_report",
    "render",
]

FORMATS = ("text", "markdown", "json")
MAX_REPORT_BYTES = 512 * 1024 * 1024
FLOAT_SLACK = 1e-9  # F1 sums of fractional (anls) counts carry float noise

REGRESSED, IMPROVED, UNCHANGED, NEW, VANISHED = (
    "regressed",
    "improved",
    "unchanged",
    "new",
    "vanished",
)
CHANGES = (REGRESSED, IMPROVED, NEW, VANISHED, UNCHANGED)  # the order cases are listed in

# Statuses by how good they are; a status not here (skipped, unknown) is not compared.
_RANK = {"passed": 2, "failed": 1, "error": 1}
_INDEX = re.compile(r"0|[1-9][0-9]*")


class ReportError(UsageError):
    """A report that cannot be read: one line naming the file and what is wrong (exit 2)."""


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class CaseRecord:
    """One case as a report holds it."""

    case_id: str
    status: str
    f1: float | None = None
    differences: tuple[Mapping[str, Any], ...] = ()
    fields: Mapping[str, FieldCounts] | None = None  # None: the report has no per-field data

    @property
    def judged(self) -> bool:
        """The case's output was scored (it has an F1)."""
        return self.f1 is not None


@dataclass(frozen=True)
class Report:
    """A JSON report's cases, by id in report order, and where it came from."""

    source: str
    cases: Mapping[str, CaseRecord]
    started: str | None = None
    target: str | None = None


def load_report(path: str | Path) -> Report:
    """Read a `skillkit test --json` report. ReportError (one line: the file and what is wrong)
    when it is missing, not a regular file, not UTF-8 JSON, or not shaped like a report."""
    from skillkit.files import read_limited

    where = Path(path)
    try:
        data = read_limited(where, MAX_REPORT_BYTES, what="a JSON report")
    except SkillkitError as exc:
        raise ReportError(exc.message, path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(f"is not UTF-8 text (byte {exc.start})", path=str(path)) from None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"is not JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    except RecursionError:
        raise ReportError("is not JSON: nested too deeply", path=str(path)) from None
    return read_report(parsed, source=str(path))


def read_report(data: Any, source: str = "<report>") -> Report:
    """A report from its parsed JSON (a file's, or `RunResult.to_dict()` of a run in memory).
    ReportError naming `source` when it is not shaped like one."""

    def fail(message: str) -> ReportError:
        return ReportError(message, path=source)

    if not isinstance(data, Mapping):
        raise fail(f"is not a skillkit JSON report: expected an object, got {_kind(data)}")
    results = data.get("results")
    if results is None:
        raise fail('is not a skillkit JSON report: no "results" list')
    if not isinstance(results, list):
        raise fail(f'is not a skillkit JSON report: its "results" is {_kind(results)}, not a list')
    cases: dict[str, CaseRecord] = {}
    for n, entry in enumerate(results):
        record = _case(entry, f"results[{n}]", fail)
        if record.case_id in cases:
            raise fail(f"results[{n}]: case {record.case_id!r} appears twice")
        cases[record.case_id] = record
    started, target = data.get("started"), data.get("target")
    return Report(
        source=source,
        cases=cases,
        started=started if isinstance(started, str) else None,
        target=target if isinstance(target, str) else None,
    )


def _kind(value: Any) -> str:
    from skillkit.compare import json_type_name

    return json_type_name(value)


def _case(entry: Any, at: str, fail: Any) -> CaseRecord:
    if not isinstance(entry, Mapping):
        raise fail(f"{at}: expected an object, got {_kind(entry)}")
    case_id = entry.get("case_id")
    if not isinstance(case_id, str) or not case_id:
        skill, case = entry.get("skill"), entry.get("case")
        if isinstance(skill, str) and isinstance(case, str):
            case_id = f"{skill}/{case}"
        elif isinstance(entry.get("node_id"), str):
            case_id = entry["node_id"]
        else:
            raise fail(f'{at}: no "case_id" string')
    status = entry.get("status")
    if not isinstance(status, str):
        raise fail(f'{at} ({case_id}): no "status" string')
    f1 = entry.get("f1")
    if f1 is not None and (
        isinstance(f1, bool) or not isinstance(f1, (int, float)) or not math.isfinite(f1)
    ):
        raise fail(f'{at} ({case_id}): "f1" must be a number or null, got {f1!r}')
    differences = entry.get("differences") or []
    if not isinstance(differences, list) or not all(isinstance(d, Mapping) for d in differences):
        raise fail(f'{at} ({case_id}): "differences" must be a list of objects')
    fields = entry.get("fields")
    per_field: dict[str, FieldCounts] | None = None
    if fields is not None:
        if not isinstance(fields, Mapping):
            raise fail(f'{at} ({case_id}): "fields" must be an object, got {_kind(fields)}')
        per_field = {}
        for path, counts in fields.items():
            if not isinstance(counts, Mapping):
                raise fail(f"{at} ({case_id}): fields {path!r} must be an object of counts")
            try:
                per_field[str(path)] = FieldCounts.from_dict(counts)
            except ValueError as exc:
                raise fail(f"{at} ({case_id}): fields {path!r}: {exc}") from None
    return CaseRecord(
        case_id=case_id,
        status=status,
        f1=None if f1 is None else float(f1),
        differences=tuple(differences),
        fields=per_field,
    )


# --------------------------------------------------------------------------- comparing


@dataclass(frozen=True)
class CaseChange:
    """What happened to one case between the runs."""

    case_id: str
    change: str  # regressed, improved, unchanged, new, vanished
    old_status: str | None = None
    new_status: str | None = None
    old_f1: float | None = None
    new_f1: float | None = None

    @property
    def delta(self) -> float | None:
        """new F1 - old F1, when both runs scored the case."""
        if self.old_f1 is None or self.new_f1 is None:
            return None
        return self.new_f1 - self.old_f1

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status and None not in (
            self.old_status,
            self.new_status,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "change": self.change,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "old_f1": self.old_f1,
            "new_f1": self.new_f1,
            "delta": None if self.delta is None else round(self.delta, 12),
        }


@dataclass(frozen=True)
class FieldChange:
    """One field that regressed or improved. `measure` is "f1" (old / new are the field's F1
    over the cases judged in both runs) or "differences" (old / new count its differences)."""

    path: str
    change: str  # regressed or improved
    measure: str
    old: float
    new: float
    cases: tuple[str, ...] = ()  # the cases where the field moved this way

    @property
    def delta(self) -> float:
        return self.new - self.old

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "change": self.change,
            "measure": self.measure,
            "old": self.old,
            "new": self.new,
            "delta": round(self.delta, 12),
            "cases": list(self.cases),
        }


@dataclass(frozen=True)
class RunDiff:
    """Every case's change and the fields that moved, between an old and a new report."""

    old_source: str
    new_source: str
    tolerance: float
    cases: tuple[CaseChange, ...]
    fields: tuple[FieldChange, ...] = ()
    field_measure: str | None = None  # "f1", "differences", None (no case judged in both)
    compared_cases: int = 0  # cases judged in both runs (what the fields are measured over)

    def of(self, change: str) -> list[CaseChange]:
        return [c for c in self.cases if c.change == change]

    @property
    def regressed(self) -> list[CaseChange]:
        return self.of(REGRESSED)

    @property
    def improved(self) -> list[CaseChange]:
        return self.of(IMPROVED)

    @property
    def unchanged(self) -> list[CaseChange]:
        return self.of(UNCHANGED)

    @property
    def new(self) -> list[CaseChange]:
        return self.of(NEW)

    @property
    def vanished(self) -> list[CaseChange]:
        return self.of(VANISHED)

    @property
    def regressed_fields(self) -> list[FieldChange]:
        return [f for f in self.fields if f.change == REGRESSED]

    @property
    def improved_fields(self) -> list[FieldChange]:
        return [f for f in self.fields if f.change == IMPROVED]

    @property
    def has_regressions(self) -> bool:
        """Some case or some field regressed: what `skillkit diff` exits 1 on."""
        return bool(self.regressed or self.regressed_fields)

    def counts(self) -> dict[str, int]:
        return {change: len(self.of(change)) for change in CHANGES}

    def summary(self) -> str:
        """One line: `1 regressed, 2 improved, 5 unchanged, 1 new, 0 vanished; fields: ...`."""
        counts = self.counts()
        text = ", ".join(
            f"{counts[c]} {c}" for c in (REGRESSED, IMPROVED, UNCHANGED, NEW, VANISHED)
        )
        if self.fields:
            text += (
                f"; fields: {len(self.regressed_fields)} regressed, "
                f"{len(self.improved_fields)} improved"
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_source,
            "new": self.new_source,
            "tolerance": self.tolerance,
            "has_regressions": self.has_regressions,
            "counts": self.counts(),
            "field_measure": self.field_measure,
            "compared_cases": self.compared_cases,
            "cases": [c.to_dict() for c in self.cases],
            "fields": [f.to_dict() for f in self.fields],
        }


def check_tolerance(tolerance: Any, name: str = "the F1 tolerance") -> float:
    """`tolerance` as a float; UsageError unless it is a finite number >= 0 (`name` is what
    the message calls it: `--tolerance` on the command line)."""
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, (int, float))
        or not math.isfinite(tolerance)
        or tolerance < 0
    ):
        raise UsageError(f"{name} must be a number >= 0, not {tolerance!r}")
    return float(tolerance)


def diff_reports(old: Report, new: Report, tolerance: float = 0.0) -> RunDiff:
    """Compare two reports (see the module docstring for what counts as what)."""
    tolerance = check_tolerance(tolerance)
    changes = [
        _case_change(old.cases.get(cid), new.cases.get(cid), cid, tolerance)
        for cid in _ids(old, new)
    ]
    order = {c: n for n, c in enumerate(CHANGES)}
    changes.sort(key=lambda c: (order[c.change], _severity(c), c.case_id))
    both = [
        cid
        for cid in new.cases
        if cid in old.cases and old.cases[cid].judged and new.cases[cid].judged
    ]
    measure, fields = _field_changes(
        [old.cases[c] for c in both], [new.cases[c] for c in both], tolerance
    )
    return RunDiff(
        old_source=old.source,
        new_source=new.source,
        tolerance=tolerance,
        cases=tuple(changes),
        fields=tuple(fields),
        field_measure=measure,
        compared_cases=len(both),
    )


def _ids(old: Report, new: Report) -> list[str]:
    seen = dict.fromkeys(old.cases)
    seen.update(dict.fromkeys(new.cases))
    return list(seen)


def _severity(change: CaseChange) -> float:
    """Within a group: the biggest F1 move first (status changes before F1-only ones)."""
    delta = change.delta
    return -(abs(delta) if delta is not None else 0.0) - (2.0 if change.status_changed else 0.0)


def _case_change(
    old: CaseRecord | None, new: CaseRecord | None, cid: str, tol: float
) -> CaseChange:
    if old is None or new is None:
        kind = NEW if old is None else VANISHED
        only = new or old
        assert only is not None
        if kind == NEW:
            return CaseChange(cid, kind, new_status=only.status, new_f1=only.f1)
        return CaseChange(cid, kind, old_status=only.status, old_f1=only.f1)
    kind = UNCHANGED
    a, b = _RANK.get(old.status), _RANK.get(new.status)
    if a is not None and b is not None and a != b:
        kind = REGRESSED if b < a else IMPROVED
    elif a is not None and b is not None and old.f1 is not None and new.f1 is not None:
        if new.f1 < old.f1 - tol - FLOAT_SLACK:
            kind = REGRESSED
        elif new.f1 > old.f1 + tol + FLOAT_SLACK:
            kind = IMPROVED
    return CaseChange(cid, kind, old.status, new.status, old.f1, new.f1)


def _field_changes(
    old: list[CaseRecord], new: list[CaseRecord], tol: float
) -> tuple[str | None, list[FieldChange]]:
    if not old:
        return None, []
    if all(r.fields is not None for r in (*old, *new)):
        return "f1", _by_f1(old, new, tol)
    return "differences", _by_differences(old, new)


def _by_f1(old: list[CaseRecord], new: list[CaseRecord], tol: float) -> list[FieldChange]:
    def total(records: list[CaseRecord]) -> dict[str, FieldCounts]:
        sums: dict[str, FieldCounts] = {}
        for r in records:
            for path, counts in (r.fields or {}).items():
                sums[path] = sums[path] + counts if path in sums else counts
        return sums

    before, after = total(old), total(new)
    out = []
    for path in _union(before, after):
        f_old = before.get(path, FieldCounts()).f1
        f_new = after.get(path, FieldCounts()).f1
        if f_new < f_old - tol - FLOAT_SLACK:
            kind = REGRESSED
        elif f_new > f_old + tol + FLOAT_SLACK:
            kind = IMPROVED
        else:
            continue
        moved = []
        for o, n in zip(old, new, strict=True):
            a = (o.fields or {}).get(path, FieldCounts()).f1
            b = (n.fields or {}).get(path, FieldCounts()).f1
            if (b < a - FLOAT_SLACK) if kind == REGRESSED else (b > a + FLOAT_SLACK):
                moved.append(o.case_id)
        out.append(FieldChange(path, kind, "f1", f_old, f_new, tuple(moved)))
    return _sorted(out)


def _by_differences(old: list[CaseRecord], new: list[CaseRecord]) -> list[FieldChange]:
    def per_case(record: CaseRecord) -> dict[str, int]:
        counts: dict[str, int] = {}
        for d in record.differences:
            path = d.get("path")
            if isinstance(path, str):
                key = _field_of(path)
                counts[key] = counts.get(key, 0) + 1
        return counts

    olds, news = [per_case(r) for r in old], [per_case(r) for r in new]
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for src, dst in ((olds, before), (news, after)):
        for counts in src:
            for key, n in counts.items():
                dst[key] = dst.get(key, 0) + n
    out = []
    for path in _union(before, after):
        a, b = before.get(path, 0), after.get(path, 0)
        if a == b:
            continue
        kind = REGRESSED if b > a else IMPROVED
        sign = 1 if kind == REGRESSED else -1
        moved = tuple(
            r.case_id
            for r, o, n in zip(old, olds, news, strict=True)
            if (n.get(path, 0) - o.get(path, 0)) * sign > 0
        )
        out.append(FieldChange(path, kind, "differences", a, b, moved))
    return _sorted(out)


def _field_of(pointer: str) -> str:
    """A difference's path as a field: numeric segments written `*`."""
    try:
        parts = jsonpointer.parse(pointer)
    except ValueError:
        return pointer
    return jsonpointer.format("*" if _INDEX.fullmatch(p) else p for p in parts)


def _union(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    keys = dict.fromkeys(a)
    keys.update(dict.fromkeys(b))
    return list(keys)


def _sorted(changes: list[FieldChange]) -> list[FieldChange]:
    """Regressions first, each group by the size of the move (largest first), then path."""

    def worse(c: FieldChange) -> float:
        # a fall in F1 or a rise in differences is worse: both as a positive number
        return -c.delta if c.measure == "f1" else c.delta

    return sorted(changes, key=lambda c: (c.change != REGRESSED, -abs(worse(c)), c.path))


# --------------------------------------------------------------------------- rendering


def render(diff: RunDiff, fmt: str = "text") -> str:
    """The diff as `text` (a terminal), `markdown` (a pull-request comment) or `json`."""
    if fmt == "text":
        return _text(diff)
    if fmt == "markdown":
        return _markdown(diff)
    if fmt == "json":
        from skillkit.files import printable_json

        return printable_json(json.dumps(diff.to_dict(), indent=2, ensure_ascii=False)) + "\n"
    raise UsageError(f"unknown diff format {fmt!r} (allowed: {', '.join(FORMATS)})")


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.3f}"


def _status(c: CaseChange) -> str:
    if c.change == NEW:
        return c.new_status or "-"
    if c.change == VANISHED:
        return f"was {c.old_status}"
    if c.old_status == c.new_status:
        return c.new_status or "-"
    return f"{c.old_status or '-'} -> {c.new_status or '-'}"


def _f1s(c: CaseChange) -> str:
    if c.change == NEW:
        return _score(c.new_f1)
    if c.change == VANISHED:
        return _score(c.old_f1)
    return f"{_score(c.old_f1)} -> {_score(c.new_f1)}"


def _measure(f: FieldChange, value: float) -> str:
    return _score(value) if f.measure == "f1" else str(int(value))


def _field_line(f: FieldChange) -> tuple[str, str, str]:
    """(value change, delta, what) for a field change."""
    what = "F1" if f.measure == "f1" else "differences"
    delta = _signed(f.delta) if f.measure == "f1" else f"{int(f.delta):+d}"
    return f"{what} {_measure(f, f.old)} -> {_measure(f, f.new)}", delta, ", ".join(f.cases)


def _tolerance(diff: RunDiff) -> str:
    return f"F1 tolerance {diff.tolerance:g}"


def _fields_title(diff: RunDiff) -> str:
    if diff.field_measure == "f1":
        return f"F1 over the {diff.compared_cases} case(s) judged in both runs"
    return f"differences over the {diff.compared_cases} case(s) judged in both runs"


def _text(diff: RunDiff) -> str:
    from skillkit.files import printable

    lines = [
        f"skillkit diff: {printable(diff.old_source)} -> {printable(diff.new_source)}",
        f"{diff.summary()} ({_tolerance(diff)})",
    ]

    def cases(title: str, group: list[CaseChange]) -> None:
        if not group:
            return
        width = max(len(printable(c.case_id)) for c in group)
        statuses = [printable(_status(c)) for c in group]
        room = max(len(s) for s in statuses)
        lines.extend(["", f"{title}:"])
        for c, status in zip(group, statuses, strict=True):
            line = f"  {printable(c.case_id):<{width}}  {status:<{room}}  F1 {_f1s(c)}"
            if c.delta is not None and c.change in (REGRESSED, IMPROVED):
                line += f" ({_signed(c.delta)})"
            lines.append(line.rstrip())

    def fields(title: str, group: list[FieldChange]) -> None:
        if not group:
            return
        width = max(len(printable(f.path or "(root)")) for f in group)
        lines.extend(["", f"{title} ({_fields_title(diff)}):"])
        for f in group:
            change, delta, where = _field_line(f)
            line = f"  {printable(f.path or '(root)'):<{width}}  {change} ({delta})"
            if where:
                line += f"  in {printable(where)}"
            lines.append(line)

    cases("Regressed", diff.regressed)
    fields("Fields regressed", diff.regressed_fields)
    cases("Improved", diff.improved)
    fields("Fields improved", diff.improved_fields)
    cases("New", diff.new)
    cases("Vanished", diff.vanished)
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    from skillkit.files import printable

    return printable(text).replace("|", "\\|")


def _code(text: str) -> str:
    """Inline code in a table cell (backticks in the text itself are dropped to quotes)."""
    return "`" + _cell(text).replace("`", "'") + "`"


def _markdown(diff: RunDiff) -> str:
    counts = diff.counts()
    icon = "❌" if diff.has_regressions else "✅"
    parts = [
        f"**{counts[REGRESSED]} regressed**" if counts[REGRESSED] else "0 regressed",
        f"{counts[IMPROVED]} improved",
        f"{counts[UNCHANGED]} unchanged",
        f"{counts[NEW]} new",
        f"{counts[VANISHED]} vanished",
    ]
    summary = f"{icon} {', '.join(parts)}"
    if diff.fields:
        summary += (
            f"; fields: {len(diff.regressed_fields)} regressed, "
            f"{len(diff.improved_fields)} improved"
        )
    lines = [
        "### skillkit diff",
        "",
        summary,
        "",
        f"{_code(diff.old_source)} → {_code(diff.new_source)} ({_tolerance(diff)})",
    ]

    def cases(title: str, group: list[CaseChange]) -> None:
        if not group:
            return
        moved = group[0].change in (REGRESSED, IMPROVED)
        head = ["| case | status | F1 | change |", "|---|---|---:|---:|"]
        if not moved:
            head = ["| case | status | F1 |", "|---|---|---:|"]
        lines.extend(["", f"#### {title}", "", *head])
        for c in group:
            status = _status(c).replace(" -> ", " → ")
            f1 = _f1s(c).replace(" -> ", " → ")
            change = f" {_signed(c.delta) or '-'} |" if moved else ""
            lines.append(f"| {_cell(c.case_id)} | {status} | {f1} |{change}")

    def fields(title: str, group: list[FieldChange]) -> None:
        if not group:
            return
        lines.extend(
            [
                "",
                f"#### {title}",
                "",
                f"_{_fields_title(diff)}_",
                "",
                "| field | change | delta | cases |",
                "|---|---|---:|---|",
            ]
        )
        for f in group:
            change, delta, where = _field_line(f)
            lines.append(
                f"| {_code(f.path or '(root)')} | {change.replace(' -> ', ' → ')} | {delta} "
                f"| {_cell(where)} |"
            )

    cases("Regressions", diff.regressed)
    fields("Field regressions", diff.regressed_fields)
    cases("Improvements", diff.improved)
    fields("Field improvements", diff.improved_fields)
    cases("New cases", diff.new)
    cases("Vanished cases", diff.vanished)
    return "\n".join(lines) + "\n"
