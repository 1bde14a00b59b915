"""Run skills on their regression cases through the generate API and judge every output.

Library entry points (used by `skillkit test` and the pytest plugin)::

    run_tests(paths, options=RunOptions(), listeners=()) -> RunResult          # blocking
    await run_tests_async(paths, options, listeners) -> RunResult

Per run, each skill is packed once and each document uploaded once; cases run concurrently
(`jobs`) under a per-case timeout; listeners (the report writers) hear about each case as it
finishes, so an interrupted run keeps what it did.

With `RunOptions(published=VERSION)` (`skillkit test --published`) the cases send a
`skill_reference` to the version published in the registry instead of the folder's inline
bundle: the version (`latest` or a concrete one) is looked up once per skill before the first
case, so every case and every report names the same concrete version (`RunResult.
skill_versions`, `CaseResult.skill_version`; inline runs name `inline:<sha256 prefix>`).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import math
import platform
import statistics
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from skillkit import __version__
from skillkit import cassettes as cassette_store
from skillkit.bundle import PackedSkill, pack_skill
from skillkit.cases import (
    Case,
    collect,
    display_path,
    inside_tests,
    matches,
    shard,
    shard_bounds,
)
from skillkit.client import (
    DEFAULT_DATA_DIR,
    DEFAULT_MODEL,
    AsyncClient,
    BadResponse,
    FileInfo,
    NotFound,
    PredictionFailed,
    RetryPolicy,
    describe_target,
    remote_target,
    skill_reference,
)
from skillkit.compare import Difference, judge
from skillkit.errors import ClientError, SkillError, SkillkitError, UsageError
from skillkit.fields import FieldCounts, FieldSummary, NullAccounting, summarise_fields
from skillkit.files import atomic_write_bytes, json_depth_problem
from skillkit.skill import discover_skills

PASSED, FAILED, ERROR, SKIPPED = "passed", "failed", "error", "skipped"
STATUSES = (PASSED, FAILED, ERROR, SKIPPED)
# What a passed case may have left unchecked, or what --update did to it: reports show these
# in place of "passed" and count them on their own (`RunResult.counts`).
SCHEMA_ONLY, UNCHECKED, UPDATED, CREATED = "schema-only", "unchecked", "updated", "created"
OUTCOMES = (PASSED, SCHEMA_ONLY, UNCHECKED, UPDATED, CREATED, FAILED, ERROR, SKIPPED)
# Lint codes that --update/--update-missing repair, so they do not stop such a run.
UPDATE_REPAIRS = ("SK309",)


# --------------------------------------------------------------------------- plain data


@dataclass
class RunOptions:
    """How to run: what `skillkit test` flags set."""

    jobs: int = 4
    timeout: float = 300.0
    pattern: str | None = None
    shard: tuple[int, int] | None = None
    repeat: int = 1
    min_pass_rate: float = 1.0
    update: bool = False
    update_missing: bool = False
    record: bool = False
    replay: bool = False
    local: bool = False
    base_url: str | None = None
    api_key: str | None = None
    model: str = DEFAULT_MODEL
    request_timeout: float | None = None  # seconds per HTTP attempt; None: the client's 30 s
    retry: RetryPolicy | None = None  # retries of one request; None: the client's default
    validate: bool = True  # lint every skill first; a skill with errors is not run
    require_expected: bool = False  # a case without an expected file fails
    # Run the version published in the registry (by `skill_reference`) instead of the folder's
    # inline bundle: a version, or "latest"; resolved once per skill before the cases run.
    published: str | None = None
    # The embedded engine's data dir for a published run (its registry); None: DEFAULT_DATA_DIR.
    data_dir: str | None = None
    # Stop starting cases once the credits the service reports (usage.credits_used) reach this.
    max_credits: float | None = None
    # Also run each case without the skill (no `skills`, no skill schema) and report the lift.
    lift: bool = False
    # The embedded server's engine: "deterministic" (no model) or "openai" (a chat-completions
    # server at model_url does the extraction, with engine_model; skillkit.engine.model).
    engine: str = "deterministic"
    model_url: str | None = None
    engine_model: str | None = None
    model_timeout: float | None = None

    def check(self) -> None:
        """UsageError for contradictory or out-of-range options."""
        if self.jobs < 1:
            raise UsageError("-j/--jobs must be at least 1")
        if self.repeat < 1:
            raise UsageError("--repeat must be at least 1")
        if not 0 <= self.min_pass_rate <= 1:
            raise UsageError("--min-pass-rate must be between 0 and 1")
        if self.timeout <= 0:
            raise UsageError("--timeout must be a positive number of seconds")
        if self.max_credits is not None and not (
            math.isfinite(self.max_credits) and self.max_credits >= 0
        ):
            raise UsageError("--max-credits must be a number >= 0")
        if self.lift and self.published is not None:
            raise UsageError(
                "--lift compares the folder's skill with no skill; it does not combine with "
                "--published"
            )
        if self.lift and (self.update or self.update_missing):
            raise UsageError("--lift does not combine with --update/--update-missing")
        if self.request_timeout is not None and self.request_timeout <= 0:
            raise UsageError("--request-timeout must be a positive number of seconds")
        if self.record and self.replay:
            raise UsageError("--record and --replay exclude each other")
        remote_target(self.base_url, self.api_key, local=self.local)  # --local with a URL/key
        if self.published is not None and not str(self.published).strip():
            raise UsageError("--published needs a version (or none at all, for latest)")
        if self.published == "latest" and self.replay:
            raise UsageError(
                "--replay cannot look up 'latest' without a server; name the version: "
                "--published VERSION"
            )
        if self.engine != "deterministic":
            if self.replay or not self.runs_local:
                raise UsageError(
                    f"--engine {self.engine} runs the embedded server; drop "
                    "--replay/--base-url/--api-key"
                )
            self.engine_settings()  # UsageError for a missing --model-url/--model
        if self.data_dir is not None and (self.published is None or not self.runs_local):
            raise UsageError(
                "--data-dir only applies to --published on the embedded engine (--local)"
            )

    @property
    def runs_local(self) -> bool:
        """True when the run uses the embedded engine: `--local`, or no URL and no key."""
        if self.replay:
            return False
        return remote_target(self.base_url, self.api_key, local=self.local) is None

    @property
    def target(self) -> str:
        """What the run talks to, as reports name it (`skillkit.client.describe_target`)."""
        if self.replay:
            return describe_target(None, replay=True)
        remote = remote_target(self.base_url, self.api_key, local=self.local)
        target = describe_target(remote[0] if remote else None, local=remote is None)
        if remote is None and self.engine != "deterministic":
            from skillkit.engine.model import shown_url

            settings = self.engine_settings()
            target = (
                f"embedded server, engine {self.engine}: model {settings['model']} at "
                f"{shown_url(settings['model_url'])} (documents go to that model server)"
            )
        if remote is None and self.published is not None:
            target += f", registry in {self.registry_dir}"
        return target

    def engine_settings(self) -> dict[str, Any]:
        """The embedded server's engine settings (`skillkit.engine.model.embedded_settings`)."""
        if self.engine == "deterministic":
            return {}
        from skillkit.engine.model import embedded_settings

        return embedded_settings(
            self.engine, self.engine_model, self.model_url, self.model_timeout, self.timeout
        )

    @property
    def registry_dir(self) -> Path:
        """The embedded engine's data dir for a published run (its skill registry)."""
        return Path(self.data_dir or DEFAULT_DATA_DIR)

    def to_dict(self) -> dict[str, Any]:
        """For report metadata: never the key; `local` says what the run did, flag or not."""
        data = asdict(self)
        data["api_key"] = "***" if self.api_key else None
        data["shard"] = f"{self.shard[0]}/{self.shard[1]}" if self.shard else None
        try:
            data["local"] = self.runs_local
        except UsageError:
            pass
        return data


def _parse_time(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def _count(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value if value >= 0 else None


def _add(a: Any, b: Any) -> Any:
    if a is None:
        return b
    return a if b is None else a + b


@dataclass
class Cost:
    """What predictions cost, as the service reports it in each prediction's `usage`
    (skillkit.api CREDIT_USAGE): credits used, elements processed and their type, and the
    service's own time (created_at -> completed_at, else usage.duration_seconds).

    None where the service did not say (a replayed case has no cost: nothing was spent).
    Costs add up with `+`: counts sum (None + x is x), an element type that differs between
    the parts reads `mixed`."""

    credits_used: int | float | None = None
    elements_processed: int | None = None
    element_type: str | None = None
    service_seconds: float | None = None
    predictions: int = 0  # how many predictions the numbers cover

    @classmethod
    def of_prediction(cls, raw: Any) -> Cost:
        """The cost of one final prediction (its JSON as the API returns it)."""
        raw = raw if isinstance(raw, dict) else {}
        usage = raw.get("usage") if isinstance(raw.get("usage"), dict) else {}
        elements = _count(usage.get("elements_processed"))
        kind = usage.get("element_type")
        seconds: float | None = None
        created, completed = (
            _parse_time(raw.get("created_at")),
            _parse_time(raw.get("completed_at")),
        )
        if created is not None and completed is not None and completed >= created:
            seconds = (completed - created).total_seconds()
        elif _count(usage.get("duration_seconds")) is not None:
            seconds = float(usage["duration_seconds"])
        return cls(
            credits_used=_count(usage.get("credits_used")),
            elements_processed=None if elements is None else int(elements),
            element_type=kind if isinstance(kind, str) and kind else None,
            service_seconds=seconds,
            predictions=1,
        )

    def __add__(self, other: Cost) -> Cost:
        if not isinstance(other, Cost):
            return NotImplemented
        kinds = {k for k in (self.element_type, other.element_type) if k}
        return Cost(
            credits_used=_add(self.credits_used, other.credits_used),
            elements_processed=_add(self.elements_processed, other.elements_processed),
            element_type=(kinds.pop() if len(kinds) == 1 else "mixed") if kinds else None,
            service_seconds=_add(self.service_seconds, other.service_seconds),
            predictions=self.predictions + other.predictions,
        )

    @property
    def credits(self) -> int | float:
        """Credits spent, 0 when the service did not say (what --max-credits counts)."""
        return self.credits_used or 0

    def to_dict(self) -> dict[str, Any]:
        seconds = self.service_seconds
        return {
            "credits_used": self.credits_used,
            "elements_processed": self.elements_processed,
            "element_type": self.element_type,
            "service_seconds": None if seconds is None else round(seconds, 3),
            "predictions": self.predictions,
        }

    def describe(self) -> str:
        """`12 credits, 4 pages, service 3.20 s (4 predictions)`."""
        credits = (
            "credits not reported"
            if self.credits_used is None
            else (f"{_number(self.credits_used)} credit{'' if self.credits_used == 1 else 's'}")
        )
        parts = [credits]
        if self.elements_processed is not None:
            kind = self.element_type or "element"
            kind = kind if kind == "mixed" else kind + ("" if self.elements_processed == 1 else "s")
            parts.append(f"{self.elements_processed} {kind if kind != 'mixed' else 'elements'}")
        if self.service_seconds is not None:
            parts.append(f"service {self.service_seconds:.2f} s")
        return f"{', '.join(parts)} ({self.predictions} prediction(s))"


def _number(value: int | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def sum_costs(costs: Iterable[Cost | None]) -> Cost | None:
    """Costs added up; None when none is known."""
    known = [c for c in costs if c is not None]
    if not known:
        return None
    total = known[0]
    for c in known[1:]:
        total = total + c
    return total


@dataclass
class Lift:
    """What the skill adds to one case: F1 with the skill, without it, and the difference.

    `without` is None when the run without the skill did not give an F1 (`note` says why)."""

    with_skill: float | None
    without: float | None
    note: str | None = None

    @property
    def delta(self) -> float | None:
        if self.with_skill is None or self.without is None:
            return None
        return self.with_skill - self.without

    def to_dict(self) -> dict[str, Any]:
        delta = self.delta
        return {
            "with": self.with_skill,
            "without": self.without,
            "delta": None if delta is None else round(delta, 12),
            "note": self.note,
        }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _pstdev(values: Sequence[float]) -> float | None:
    """Population standard deviation (divide by n): the spread of exactly these values."""
    return statistics.pstdev(values) if values else None


@dataclass
class Attempt:
    """One run of a case (several with --repeat)."""

    status: str
    f1: float | None = None
    seconds: float = 0.0
    message: str | None = None
    accounting: NullAccounting | None = None
    cost: Cost | None = None


@dataclass
class CaseResult:
    """The outcome of one case: status, scores, and what differed."""

    case_id: str
    skill: str
    case: str
    node_id: str
    file: str
    line: int | None
    document: str
    status: str
    f1: float | None = None
    precision: float | None = None
    recall: float | None = None
    min_score: float = 1.0
    differences: list[Difference] = field(default_factory=list)
    schema_errors: list[str] = field(default_factory=list)
    message: str | None = None
    seconds: float = 0.0
    attempts: list[Attempt] = field(default_factory=list)
    pass_rate: float | None = None
    actual: Any = None
    expected_path: str | None = None
    snapshot: str | None = None
    cassette: str | None = None
    checks: list[str] = field(default_factory=list)  # "schema", "values": what judging checks
    expected: Any = None  # the expected JSON (None for a schema-only case)
    snapshot_action: str | None = None  # UPDATED / CREATED when --update wrote the file
    started_at: float | None = None  # seconds since the run started: its first own request
    finished_at: float | None = None
    # Which skill ran: the published version (`--published`), or `inline:<sha256 prefix>` for
    # the folder's bundle; its digest when known, and the skill_reference a published run sent.
    skill_version: str | None = None
    bundle_sha256: str | None = None
    skill_reference: dict[str, Any] | None = None
    # Null accounting and per-field counts of the judged output (summed over the attempts
    # with --repeat); None / {} when no values were checked.
    accounting: NullAccounting | None = None
    fields: dict[str, FieldCounts] = field(default_factory=dict)
    # --repeat N > 1: the population standard deviation of the attempts' F1 (`f1` is their
    # mean), and pass^N: 1 when every attempt passed, else 0.
    f1_std: float | None = None
    pass_all: int | None = None
    cost: Cost | None = None  # every prediction of the case (--lift's runs without too)
    lift: Lift | None = None  # --lift
    # `review: draft` in cases.yaml: the expected values are an unchecked draft (`add-case`).
    unreviewed: bool = False

    @property
    def outcome(self) -> str:
        """The status as reports show it: a pass that left values unchecked, or that --update
        rewrote, says so."""
        if self.status != PASSED:
            return self.status
        if self.snapshot_action:
            return self.snapshot_action
        if "values" not in self.checks:
            return SCHEMA_ONLY if "schema" in self.checks else UNCHECKED
        return PASSED

    @property
    def checked(self) -> str:
        """What a verdict on this case rests on, in words."""
        if self.checks == ["schema", "values"]:
            return "schema and expected values"
        if self.checks == ["schema"]:
            return "schema only (no expected file: values not checked)"
        if self.checks == ["values"]:
            return "expected values only (no schema)"
        return "nothing (no expected file and no schema)"

    @property
    def location(self) -> str:
        """`file:line` (cases.yaml) or the case's expected/document file, for annotations."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def detail_lines(self) -> list[str]:
        """What to show under a failure: schema errors, then differing fields, then the reason
        and the leaves' null accounting."""
        lines = [f"schema: {e}" for e in self.schema_errors]
        lines += [d.describe() for d in self.differences]
        if self.message and self.status != PASSED:
            lines.append(self.message)
        if self.accounting is not None and lines:
            lines.append(f"leaves: {accounting_text(self.accounting)}")
        return lines

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["differences"] = [_difference_dict(d) for d in self.differences]
        data["location"] = self.location
        data["outcome"] = self.outcome
        data["checked"] = self.checked
        data["accounting"] = self.accounting.to_dict() if self.accounting is not None else None
        # null when no values were judged (skillkit.diff then falls back to `differences`)
        data["fields"] = (
            {path: counts.to_dict() for path, counts in self.fields.items()}
            if self.accounting is not None
            else None
        )
        data["cost"] = self.cost.to_dict() if self.cost is not None else None
        data["lift"] = self.lift.to_dict() if self.lift is not None else None
        data["attempts"] = [
            {
                **asdict(a),
                "accounting": a.accounting.to_dict() if a.accounting is not None else None,
                "cost": a.cost.to_dict() if a.cost is not None else None,
            }
            for a in self.attempts
        ]
        return data


def accounting_text(acc: NullAccounting) -> str:
    """`5 correct, 1 correct null, 1 missing, 0 hallucinated, 2 wrong`."""
    return (
        f"{acc.correct} correct, {acc.correct_null} correct null, {acc.missing} missing, "
        f"{acc.hallucinated} hallucinated, {acc.wrong} wrong"
    )


@dataclass
class RunResult:
    """A whole run: every case result plus what is needed to describe the run."""

    target: str
    options: RunOptions
    started: str
    finished: str | None = None
    total: int = 0
    results: list[CaseResult] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)  # e.g. an empty shard: said, not hidden
    versions: dict[str, str] = field(
        default_factory=lambda: {"skillkit": __version__, "python": platform.python_version()}
    )
    clock: float = field(default_factory=time.monotonic, repr=False)  # monotonic start
    seconds: float | None = None  # wall time, once finished
    # skill name -> the version that runs: the published version, or `inline:<sha256 prefix>`
    skill_versions: dict[str, str] = field(default_factory=dict)
    # Why the run stopped starting cases (--max-credits reached); the cases not started are
    # skipped with that reason, and the run exits 1.
    stopped: str | None = None

    def accounting(self) -> NullAccounting:
        """The null accounting of every judged case, added up."""
        return sum(
            (r.accounting for r in self.results if r.accounting is not None), NullAccounting()
        )

    def field_summary(self) -> list[FieldSummary]:
        """Every field over the judged cases (`skillkit.fields.summarise_fields`), weakest
        first."""
        return summarise_fields(r.fields for r in self.results if r.accounting is not None)

    def cost(self) -> Cost | None:
        """Every prediction's cost added up; None when the service reported none."""
        return sum_costs(r.cost for r in self.results)

    def stats(self) -> dict[str, Any]:
        """The run's totals over its cases: mean F1 and its population standard deviation
        across cases (each case's F1 is the mean of its attempts), and with --repeat the
        share of attempts that passed and pass^N (the share of cases whose every attempt
        passed), over the cases that ran (not skipped)."""
        scores = [r.f1 for r in self.results if r.f1 is not None]
        ran = [r for r in self.results if r.attempts and r.status != SKIPPED]
        attempts = [a for r in ran for a in r.attempts]
        out: dict[str, Any] = {
            "cases_scored": len(scores),
            "f1_mean": _mean(scores),
            "f1_std": _pstdev(scores),
        }
        if self.options.repeat > 1:
            out["repeat"] = self.options.repeat
            out["pass_rate"] = (
                sum(a.status == PASSED for a in attempts) / len(attempts) if attempts else None
            )
            out["pass_all"] = sum(r.pass_all == 1 for r in ran) / len(ran) if ran else None
            out["cases_passed_all"] = sum(r.pass_all == 1 for r in ran)
            out["cases_run"] = len(ran)
            stds = [r.f1_std for r in ran if r.f1_std is not None]
            out["f1_std_within_mean"] = _mean(stds)  # mean over cases of each case's std
        return out

    def lift(self) -> dict[str, Any] | None:
        """--lift: the mean F1 with and without the skill and the mean lift, over the cases
        that have both."""
        if not self.options.lift:
            return None
        both = [r.lift for r in self.results if r.lift is not None and r.lift.delta is not None]
        return {
            "cases": len(both),
            "with": _mean([x.with_skill for x in both if x.with_skill is not None]),
            "without": _mean([x.without for x in both if x.without is not None]),
            "delta": _mean([x.delta for x in both if x.delta is not None]),
        }

    def counts(self) -> dict[str, int]:
        """Cases per status, then how many passes were schema-only, unchecked, updated, created
        (those are counted within `passed` too), and how many cases (any status) were judged
        against an unreviewed draft."""
        out = dict.fromkeys(STATUSES, 0)
        extra = dict.fromkeys((SCHEMA_ONLY, UNCHECKED, UPDATED, CREATED), 0)
        for r in self.results:
            out[r.status] += 1
            if r.outcome in extra:
                extra[r.outcome] += 1
        unreviewed = sum(1 for r in self.results if r.unreviewed)
        return {
            **out,
            **{k.replace("-", "_"): v for k, v in extra.items()},
            "unreviewed": unreviewed,
        }

    @property
    def wall_seconds(self) -> float:
        """The run's wall time (so far, while it runs)."""
        return self.seconds if self.seconds is not None else time.monotonic() - self.clock

    @property
    def exit_code(self) -> int:
        """0 all passed, 1 some case failed, 3 the service errored on every case that ran."""
        counts = self.counts()
        ran = counts[PASSED] + counts[FAILED] + counts[ERROR]
        if ran and counts[ERROR] == ran:
            return 3
        if counts[FAILED] or counts[ERROR] or self.interrupted or self.stopped:
            return 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "started": self.started,
            "finished": self.finished,
            "interrupted": self.interrupted,
            "versions": self.versions,
            "options": self.options.to_dict(),
            "total": self.total,
            "seconds": round(self.wall_seconds, 3),
            "notes": self.notes,
            "skill_versions": self.skill_versions,
            "counts": self.counts(),
            "exit_code": self.exit_code,
            "stopped": self.stopped,
            "accounting": self.accounting().to_dict(),
            "stats": self.stats(),
            "cost": (cost.to_dict() if (cost := self.cost()) is not None else None),
            "lift": self.lift(),
            "fields": [f.to_dict() for f in self.field_summary()],
            "results": [r.to_dict() for r in self.results],
        }


class Listener(Protocol):
    """What report writers implement; each call gets the run so far."""

    def start(self, run: RunResult) -> None: ...

    def case_finished(self, result: CaseResult, run: RunResult) -> None: ...

    def finish(self, run: RunResult) -> None: ...


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- selection


def select_cases(cases: Sequence[Case], options: RunOptions) -> list[Case]:
    """-k then --shard (a balanced slice of the ids in sorted order); order kept."""
    chosen = list(cases)
    if options.pattern:
        chosen = [c for c in chosen if matches(c.id, options.pattern)]
    if options.shard:
        index, count = options.shard
        chosen = shard(chosen, index, count, key=lambda c: c.id)
    return chosen


def shard_note(total: int, options: RunOptions) -> str | None:
    """What to say when --shard leaves this leg nothing to run (more shards than cases)."""
    if not options.shard:
        return None
    index, count = options.shard
    start, end = shard_bounds(total, index, count)
    if end > start:
        return None
    return (
        f"shard {index}/{count} is empty: {total} case(s) for {count} shards, "
        f"so {count - total} shard(s) run nothing"
    )


# --------------------------------------------------------------------------- judging


@dataclass
class Verdict:
    passed: bool
    f1: float | None
    precision: float | None
    recall: float | None
    differences: list[Difference]
    schema_errors: list[str]
    schema_valid: bool
    accounting: NullAccounting | None = None  # None when no values were checked
    fields: dict[str, FieldCounts] = field(default_factory=dict)


@dataclass
class _Outcome:
    """An attempt with what it produced (the output, the judge's verdict, a cassette note)."""

    attempt: Attempt
    actual: Any = None
    verdict: Verdict | None = None
    note: str | None = None
    span: tuple[float, float] | None = None  # (start, end) in seconds since the run started


def _difference_dict(d: Difference) -> dict[str, Any]:
    """A differing field as the JSON report writes it: the judge's fields and its line."""
    return {
        "path": d.path,
        "kind": d.kind,
        "expected": d.expected,
        "actual": d.actual,
        "category": d.category,
        **({"score": d.score} if d.score is not None else {}),
        "text": d.describe(),
    }


def judge_case(case: Case, actual: Any) -> Verdict:
    """The judge's verdict on one output; pass means schema-valid and F1 >= min_score."""
    judgement = judge(
        actual,
        case.expected if case.has_expected else None,
        schema=case.schema,
        rules=case.rules,
    )
    schema_errors = [str(e) for e in getattr(judgement, "schema_errors", []) or []]
    schema_valid = not schema_errors
    f1 = getattr(judgement, "f1", None)
    differences = list(judgement.differences)
    if case.has_expected:
        passed = judgement.passed(case.min_score - 1e-9)
    else:
        passed = schema_valid
        f1 = None
        differences = []
    return Verdict(
        passed=passed,
        f1=f1,
        precision=getattr(judgement, "precision", None) if case.has_expected else None,
        recall=getattr(judgement, "recall", None) if case.has_expected else None,
        differences=differences,
        schema_errors=schema_errors,
        schema_valid=schema_valid,
        accounting=judgement.accounting if case.has_expected else None,
        fields=dict(judgement.fields) if case.has_expected else {},
    )


def _strip_metadata(value: Any) -> Any:
    """Grounding/confidence `_metadata` is about the output, not part of it."""
    if isinstance(value, dict) and "_metadata" in value:
        return {k: v for k, v in value.items() if k != "_metadata"}
    return value


def write_snapshot(path: Path, actual: Any) -> None:
    text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------- the run


def inline_label(bundle_sha256: str) -> str:
    """How reports name the folder's own bundle: `inline:` and the first 12 hex of its sha256."""
    return f"inline:{bundle_sha256[:12]}"


@dataclass(frozen=True)
class SkillSource:
    """What a skill's cases send: its inline bundle, or a reference to a published version."""

    label: str  # what reports name: the published version, or `inline:<sha256 prefix>`
    bundle_sha256: str | None  # the inline bundle's, or the registry's (when it says)
    reference: dict[str, Any] | None = None  # the skill_reference of a published run


class _Run:
    """State of one run: caches for packed skills and uploads, the client, the listeners."""

    def __init__(
        self, options: RunOptions, client: AsyncClient | None, clock: float | None = None
    ) -> None:
        self.options = options
        self.client = client
        self.clock = time.monotonic() if clock is None else clock  # the run's start
        self.semaphore = asyncio.Semaphore(options.jobs)
        self.packed: dict[Path, tuple[PackedSkill, dict[str, Any]]] = {}
        self.uploads: dict[Path, asyncio.Future[FileInfo]] = {}
        self.doc_sha: dict[Path, str] = {}
        self.sources: dict[Path, SkillSource] = {}
        self.spent: int | float = 0  # credits the service reported so far (--max-credits)
        # how long the last finished predictions took on the service's clock (the first
        # poll's hint)
        self.durations: deque[float] = deque(maxlen=32)
        self.started: set[str] = set()  # case ids that have started (their attempts all run)
        self.not_started = 0  # cases skipped because --max-credits was reached

    def expect(self) -> float | None:
        """How long the next prediction should take, so that its first poll is not wasted:
        0.9 x the lower quartile of the last 32 predictions' own times (the service's
        created_at -> completed_at, never what polling saw, which would only ratchet up);
        None before three have finished. A faster prediction is seen at most that much late."""
        recent = sorted(self.durations)
        if len(recent) < 3:
            return None
        return 0.9 * recent[len(recent) // 4]

    async def prepare(self, cases: Sequence[Case], target: str) -> dict[str, str]:
        """Decide once per skill what its cases send, before any runs; {skill name: label}.

        Inline: the folder packed (a skill that cannot be packed is left to its cases, which
        report it). Published: name + `--published` looked up in the registry, so every case
        names the same concrete version; an unknown name or version is one UsageError."""
        versions: dict[str, str] = {}
        for case in cases:
            root = case.skill.root
            if root not in self.sources:
                if self.options.published is not None:
                    self.sources[root] = await self._resolve(case, target)
                else:
                    try:
                        packed, _ = self.pack(case)
                    except SkillkitError:
                        continue
                    self.sources[root] = SkillSource(inline_label(packed.sha256), packed.sha256)
            versions[case.skill_name] = self.sources[root].label
        return versions

    async def _resolve(self, case: Case, target: str) -> SkillSource:
        wanted = str(self.options.published)
        name = case.skill.name or case.skill_name
        if self.client is None:  # --replay: the version named is the one recorded
            return SkillSource(wanted, None, skill_reference(name, wanted))
        try:
            info = await self.client.lookup_skill(name, wanted)
        except NotFound:
            raise UsageError(await self._not_published(name, wanted, target)) from None
        version = info.skill_version or wanted
        return SkillSource(version, info.bundle_sha256, skill_reference(name, version))

    async def _not_published(self, name: str, wanted: str, target: str) -> str:
        """One line: what is not there, and what is (the versions the registry lists)."""
        assert self.client is not None
        versions: list[str] = []
        try:
            listed = await self.client.list_skills(limit=1000)
            versions = [s.skill_version for s in listed if s.name == name and s.skill_version]
        except ClientError:
            pass
        if versions:
            shown = ", ".join(versions[:10]) + (", ..." if len(versions) > 10 else "")
            known = f"published versions, newest first: {shown}"
        else:
            known = "nothing is published under that name; publish it with `skillkit publish`"
        what = f"skill {name!r}" + ("" if wanted == "latest" else f" version {wanted!r}")
        return f"{what} is not published (target: {target}; {known})"

    def skill_payload(self, case: Case) -> tuple[SkillSource, dict[str, Any]]:
        """(what the case sends, its AgentSkill for `config.skills`)."""
        root = case.skill.root
        if self.options.published is not None:
            source = self.sources[root]
            assert source.reference is not None
            return source, dict(source.reference)
        packed, payload = self.pack(case)
        source = self.sources.get(root) or SkillSource(inline_label(packed.sha256), packed.sha256)
        return source, payload

    def pack(self, case: Case) -> tuple[PackedSkill, dict[str, Any]]:
        """The skill packed once per run, with its AgentSkill payload."""
        root = case.skill.root
        if root not in self.packed:
            packed = pack_skill(root)
            self.packed[root] = (packed, packed.payload())
        return self.packed[root]

    def document_sha(self, path: Path) -> str:
        if path not in self.doc_sha:
            self.doc_sha[path] = cassette_store.sha256_file(path)
        return self.doc_sha[path]

    async def upload(self, path: Path, deadline: float | None = None) -> FileInfo:
        """Each document once per run, even when several cases start at the same moment."""
        assert self.client is not None
        key = path.resolve()
        task = self.uploads.get(key)
        if task is None:
            task = asyncio.ensure_future(self.client.upload_file(path, deadline=deadline))
            self.uploads[key] = task
        return await asyncio.shield(task)

    def request_config(
        self, case: Case, payload: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(config as fingerprinted, config as sent): the latter adds the skill.

        An inline run sends the folder's schema as `json_schema` too; a published run only the
        case's own (cases.yaml `config.json_schema`), so that the published version's
        schema.json decides the output, as it would in production."""
        config = dict(case.config)
        if case.schema is not None and self.options.published is None:
            config["json_schema"] = case.schema
        return config, {**config, "skills": [payload]}

    def inputs(
        self, case: Case, source: SkillSource | None, config: dict[str, Any]
    ) -> cassette_store.Inputs:
        if source is None:  # --lift's run without the skill
            return cassette_store.Inputs.build(
                bundle_sha256="",
                document_sha256=self.document_sha(case.document),
                config=config,
                domain=case.domain,
                model=self.options.model,
                without_skill=True,
            )
        published = source.reference is not None
        return cassette_store.Inputs.build(
            bundle_sha256="" if published else (source.bundle_sha256 or ""),
            document_sha256=self.document_sha(case.document),
            config=config,
            domain=case.domain,
            model=self.options.model,
            skill_reference=source.reference,
        )

    async def predict(self, case: Case, with_skill: bool = True) -> tuple[Any, str | None, Any]:
        """(response, cassette note, the final prediction's JSON or None when replayed) of one
        completed prediction; ClientError otherwise.

        `with_skill=False` (--lift): the same request without the skill: no `skills`, and no
        schema from the skill's schema.json (only the case's own `config`, its json_schema
        included, and its domain); recorded in `<case>.noskill.json`, with its own
        fingerprint."""
        source: SkillSource | None
        if with_skill:
            source, payload = self.skill_payload(case)
            config, sent = self.request_config(case, payload)
        else:
            source, config = None, dict(case.config)
            sent = dict(config)
        inputs = self.inputs(case, source, config)
        cassette = (
            case.checked_cassette_path() if self.options.replay or self.options.record else None
        )
        if cassette is not None and not with_skill:
            cassette = cassette.with_name(f"{case.name}{cassette_store.NO_SKILL_SUFFIX}")
        if self.options.replay:
            assert cassette is not None
            prediction = cassette_store.replay(
                cassette,
                inputs,
                skill_dir=display_path(case.skill.root),
                case_name=case.name,
            )
            if prediction.get("status") == "failed":
                from skillkit.client import Prediction

                reason = Prediction.from_json(prediction).failure_reason()
                raise PredictionFailed(reason + " (recorded)")
            return prediction.get("response"), None, None
        assert self.client is not None
        timeout = case.timeout or self.options.timeout
        deadline = time.monotonic() + timeout  # every request of the case ends by then
        info = await self.upload(case.document, deadline)
        prediction = await self.client.generate(
            info.id, sent, case.domain, self.options.model, batch=True, deadline=deadline
        )
        try:
            final = await self.client.wait(
                prediction.id, timeout, first=prediction, deadline=deadline, expect=self.expect()
            )
        except PredictionFailed as exc:
            if exc.prediction is not None:
                self.spent += Cost.of_prediction(exc.prediction.raw).credits
            if self.options.record and exc.prediction is not None:
                assert cassette is not None
                cassette_store.save(cassette, case.name, inputs, exc.prediction.raw)
            raise
        cost = Cost.of_prediction(final.raw)
        self.spent += cost.credits
        if cost.service_seconds is not None:
            self.durations.append(cost.service_seconds)
        if source is not None:
            _check_ran(source, final.raw)
        note = None
        if self.options.record:
            assert cassette is not None
            changed = cassette_store.save(cassette, case.name, inputs, final.raw)
            note = "recorded" if changed else "recording unchanged"
        return final.response, note, final.raw

    def budget_reached(self) -> bool:
        limit = self.options.max_credits
        return limit is not None and self.spent >= limit - 1e-9

    def budget_note(self) -> str:
        return (
            f"--max-credits {_number(self.options.max_credits or 0)} reached "
            f"({_number(self.spent)} credits spent): case not started"
        )

    async def attempt(self, case: Case, with_skill: bool = True) -> _Outcome:
        """One run of a case: predict (or replay), then judge.

        Its clock starts once it holds a `-j` slot: the seconds are its own upload, generate,
        poll and judge, never the wait for a slot. With --max-credits, a case none of whose
        attempts has started yet is not started once the credits spent reach the limit."""
        async with self.semaphore:
            if case.id not in self.started:
                if self.budget_reached():
                    return _Outcome(Attempt(SKIPPED, message=self.budget_note()))
                self.started.add(case.id)
            started = time.monotonic()
            timeout = case.timeout or self.options.timeout

            def stop(
                status: str, message: str, actual: Any = None, cost: Cost | None = None
            ) -> _Outcome:
                now = time.monotonic()
                attempt = Attempt(status, None, now - started, message, cost=cost)
                return _Outcome(attempt, actual, span=(started - self.clock, now - self.clock))

            try:
                actual, note, raw = await asyncio.wait_for(
                    self.predict(case, with_skill), timeout + 5
                )
            except cassette_store.CassetteMiss as exc:
                return stop(FAILED, str(exc))
            except PredictionFailed as exc:
                failed = exc.prediction.raw if exc.prediction is not None else None
                return stop(
                    ERROR, exc.message, cost=None if failed is None else Cost.of_prediction(failed)
                )
            except asyncio.TimeoutError:
                return stop(ERROR, f"timed out after {timeout:g} s")
            except SkillkitError as exc:
                return stop(ERROR, str(exc))
            actual = _strip_metadata(actual)
            try:
                verdict = await asyncio.to_thread(judge_case, case, actual)
            except SkillkitError as exc:  # e.g. the schema itself is not a valid JSON Schema
                return stop(
                    ERROR, str(exc), actual, None if raw is None else Cost.of_prediction(raw)
                )
            now = time.monotonic()
            attempt = Attempt(PASSED if verdict.passed else FAILED, verdict.f1, now - started)
            attempt.accounting = verdict.accounting
            attempt.cost = None if raw is None else Cost.of_prediction(raw)
            if not verdict.passed:
                attempt.message = _failure_summary(case, verdict)
            span = (started - self.clock, now - self.clock)
            return _Outcome(attempt, actual, verdict, note, span)

    async def run_case(self, case: Case) -> CaseResult:
        result = CaseResult(
            case_id=case.id,
            skill=case.skill_name,
            case=case.name,
            node_id=case.node_id,
            file=_rel(case.source or case.expected_path or case.document),
            line=case.line if case.source else None,
            document=_rel(case.document),
            status=SKIPPED,
            min_score=case.min_score,
            expected_path=_rel(case.expected_path) if case.expected_path else None,
            checks=case.checks,
            expected=case.expected if case.has_expected else None,
            unreviewed=case.unreviewed,
        )
        source = self.sources.get(case.skill.root)
        if source is not None:
            result.skill_version = source.label
            result.bundle_sha256 = source.bundle_sha256
            result.skill_reference = dict(source.reference) if source.reference else None
        if case.skip:
            result.message = case.skip
            return result
        updating = self.options.update or self.options.update_missing
        if case.expected_missing and not updating:
            result.status = FAILED
            result.message = (
                f"expected file {_rel(case.expected_path)} named in cases.yaml does not exist; "
                "create it with `skillkit test --update-missing`"
            )
            return result
        repeat = self.options.repeat
        without_note = self._without_note(case) if self.options.lift else None
        lifting = self.options.lift and without_note is None
        try:
            everything = await asyncio.gather(
                *(self.attempt(case) for _ in range(repeat)),
                *(self.attempt(case, with_skill=False) for _ in range(repeat if lifting else 0)),
            )
        except SkillkitError as exc:  # packing failed, etc.
            result.status = ERROR
            result.message = str(exc)
            return result
        outcomes, without = everything[:repeat], everything[repeat:]
        if all(o.attempt.status == SKIPPED for o in outcomes):  # --max-credits reached
            self.not_started += 1
            result.message = outcomes[0].attempt.message
            return result
        result.cost = sum_costs(o.attempt.cost for o in everything)
        # Its own time: the sum of its attempts, each timed from when it held a -j slot.
        result.seconds = sum(o.attempt.seconds for o in outcomes)
        spans = [o.span for o in outcomes if o.span is not None]
        if spans:
            result.started_at = min(s for s, _ in spans)
            result.finished_at = max(e for _, e in spans)
        result.attempts = [o.attempt for o in outcomes]
        self._combine(case, result, outcomes)
        self._require_expected(case, result)
        if self.options.lift:
            result.lift = self._lift(case, result, without, without_note)
        return result

    @staticmethod
    def _without_note(case: Case) -> str | None:
        """Why a case cannot run without its skill (None when it can)."""
        if not case.has_expected:
            return "no expected file: no F1 to compare"
        if not isinstance(case.config.get("json_schema"), dict) and not case.domain:
            return (
                "not run without the skill: the request would have no output schema (the "
                "case names no domain and no config.json_schema)"
            )
        return None

    @staticmethod
    def _lift(
        case: Case, result: CaseResult, without: Sequence[_Outcome], note: str | None
    ) -> Lift:
        scores = [o.attempt.f1 for o in without if o.attempt.f1 is not None]
        if note is None and not scores:
            messages = [o.attempt.message for o in without if o.attempt.message]
            note = "without the skill: " + (messages[0] if messages else "no output")
        return Lift(result.f1, _mean(scores), note)

    def _require_expected(self, case: Case, result: CaseResult) -> None:
        """--require-expected: a pass that checked no values (and created none) fails."""
        if not self.options.require_expected or result.status != PASSED:
            return
        if case.has_expected or result.snapshot_action == CREATED:
            return
        result.status = FAILED
        result.message = (
            f"no expected file: only {'the schema' if case.schema else 'nothing'} was checked "
            "(--require-expected); write one with `skillkit test --update-missing`"
        )

    def _combine(self, case: Case, result: CaseResult, outcomes: Sequence[_Outcome]) -> None:
        attempts = result.attempts
        passed = sum(a.status == PASSED for a in attempts)
        if self.options.repeat > 1:
            result.pass_rate = passed / len(attempts)
            ok = result.pass_rate >= self.options.min_pass_rate - 1e-9
        else:
            ok = passed == 1
        # Show the first attempt that did not pass (or the first one when all passed).
        shown = next((o for o in outcomes if o.attempt.status != PASSED), outcomes[0])
        attempt, actual, verdict, note = shown.attempt, shown.actual, shown.verdict, shown.note
        if ok:
            result.status = PASSED
        elif all(a.status == ERROR for a in attempts):
            result.status = ERROR
        else:
            result.status = FAILED
        scores = [a.f1 for a in attempts if a.f1 is not None]
        result.f1 = sum(scores) / len(scores) if scores else None
        judged = [o.verdict for o in outcomes if o.verdict is not None]
        counted = [v for v in judged if v.accounting is not None]
        if counted:  # summed over the attempts (one attempt: its own counts)
            result.accounting = sum(
                (v.accounting for v in counted if v.accounting), NullAccounting()
            )
            per_field: dict[str, FieldCounts] = {}
            for v in counted:
                for path, counts in v.fields.items():
                    per_field[path] = per_field[path] + counts if path in per_field else counts
            result.fields = per_field
        if self.options.repeat > 1:
            result.f1_std = _pstdev(scores)
            result.pass_all = int(passed == len(attempts))
        if verdict is not None:
            result.precision = verdict.precision
            result.recall = verdict.recall
            if not verdict.passed:
                result.differences = verdict.differences
                result.schema_errors = verdict.schema_errors
        result.actual = actual
        result.cassette = note
        if result.status != PASSED:
            result.message = attempt.message
        if self.options.repeat > 1 and result.pass_rate is not None:
            rate = f"passed {passed}/{len(attempts)} runs"
            result.message = f"{rate}; {result.message}" if result.message else rate
        self._snapshot(case, result, actual, verdict)

    def _snapshot(
        self, case: Case, result: CaseResult, actual: Any, verdict: Verdict | None
    ) -> None:
        """--update / --update-missing: write schema-valid outputs as the expected files."""
        if verdict is None or not (self.options.update or self.options.update_missing):
            return
        if self.options.update_missing and not self.options.update and case.has_expected:
            return
        if not verdict.schema_valid:
            result.snapshot = "not updated: the output does not validate against the schema"
            return
        path = case.snapshot_path
        if not inside_tests(case.skill, path):  # cases.py refuses these; never write outside
            result.snapshot = f"not updated: {_rel(path)} is outside the skill's tests/ folder"
            return
        too_deep = json_depth_problem(actual)
        if too_deep:
            result.snapshot = f"not updated: the output is {too_deep.split(';')[0]}"
            return
        if case.has_expected and json.dumps(case.expected, sort_keys=True) == json.dumps(
            actual, sort_keys=True
        ):
            result.snapshot = None
            return
        changed = len(verdict.differences)
        write_snapshot(path, actual)
        result.snapshot_action = UPDATED if case.has_expected else CREATED
        if case.has_expected and changed:
            result.snapshot = f"updated {_rel(path)} ({changed} field(s) changed)"
            result.differences = verdict.differences
        elif case.has_expected:
            result.snapshot = f"updated {_rel(path)} (values equal under the match rules)"
        else:
            result.snapshot = f"created {_rel(path)}"
        # An updated snapshot is the new truth: the case passes.
        if result.status == FAILED and not any(a.status == ERROR for a in result.attempts):
            result.status = PASSED
            result.message = None


def _check_ran(source: SkillSource, prediction: dict[str, Any]) -> None:
    """When the service says which skill ran (skillkit's `skills_used`), it must be the one the
    request sent: the published version named, or the inline bundle's digest."""
    used = prediction.get("skills_used")
    if not isinstance(used, list) or not used or not isinstance(used[0], dict):
        return
    ran = used[0]
    if source.reference is not None:
        version = ran.get("skill_version")
        if version is not None and str(version) != source.label:
            raise BadResponse(
                f"the service ran version {version} of the skill, not {source.label} as the "
                "request named"
            )
    elif source.bundle_sha256 and ran.get("bundle_sha256") not in (None, source.bundle_sha256):
        raise BadResponse(
            f"the service ran a bundle with sha256 {str(ran.get('bundle_sha256'))[:12]}, not "
            f"the {source.bundle_sha256[:12]} the request sent"
        )


def _failure_summary(case: Case, verdict: Verdict) -> str:
    if not verdict.schema_valid:
        return (
            f"output does not validate against the schema ({len(verdict.schema_errors)} error(s))"
        )
    n = len(verdict.differences)
    return f"F1 {verdict.f1:.3f} below min_score {case.min_score:g}; {n} field(s) differ"


def _rel(path: Path | None) -> str:
    return display_path(path) if path is not None else ""


def _notify(listeners: Iterable[Listener], method: str, *args: Any) -> None:
    for listener in listeners:
        getattr(listener, method)(*args)


def _make_client(options: RunOptions) -> AsyncClient | None:
    if options.replay:
        return None
    remote = remote_target(options.base_url, options.api_key, local=options.local)
    if remote is None:  # the runner, not the client, decides to host the server
        from skillkit.server.inprocess import local_async_client

        settings = options.engine_settings()
        if options.published is None:
            return local_async_client(**settings)
        registry = options.registry_dir
        if not registry.is_dir():  # never make an empty one just to find nothing in it
            raise UsageError(
                f"no registry in {registry}: publish first with "
                f"`skillkit publish PATH --local --data-dir {registry}`"
            )
        return local_async_client(data_dir=registry, **settings)
    base_url, api_key = remote
    return AsyncClient(
        base_url,
        api_key,
        use_env=False,
        max_connections=max(options.jobs, 4),
        request_timeout=options.request_timeout,
        retry=options.retry,
    )


def check_output_schema(case: Case) -> None:
    """An invalid JSON Schema is the skill's mistake (exit 2), not the service's (exit 3).

    Checked in the draft its `$schema` names, `$ref`s included, never fetching anything
    (skillkit.schemas); the error names the line of the offending key in schema.json."""
    from skillkit import schemas

    schema = case.schema
    if schema is None:
        return
    problems = schemas.check(schema)
    if not problems:
        return
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    own = isinstance(case.config.get("json_schema"), dict)
    if own and case.source:
        path, line = case.source, case.line
    else:
        path, line = (
            case.skill.schema_path,
            schemas.line_in_file(case.skill.schema_path, first.pointer),
        )
    raise SkillError(
        f"not a valid JSON Schema at {first.where}: {first.message}{more}", path=path, line=line
    )


@dataclass
class Plan:
    """The cases a run will run, and what to say about the selection."""

    cases: list[Case]
    notes: list[str] = field(default_factory=list)


def plan(paths: Sequence[str | Path], options: RunOptions) -> Plan:
    """Lint, collect and select the cases of a run.

    Raises UsageError for bad options, SkillInvalid (with the findings) for a skill that
    `skillkit validate` fails, and SkillError/CasesError for what cannot be read at all."""
    options.check()
    paths = list(paths) or ["."]
    if options.validate:
        from skillkit.lint import require_valid

        ignore = UPDATE_REPAIRS if options.update or options.update_missing else ()
        require_valid(discover_skills(paths), ignore=ignore)
    cases = [case for sc in collect(paths) for case in sc.cases]
    checked: set[str] = set()  # a skill's cases share its schema: check each schema once
    for case in cases:
        key = json.dumps(case.schema, sort_keys=True) if case.schema is not None else ""
        if key not in checked:
            check_output_schema(case)
            checked.add(key)
    matching = select_cases(cases, replace(options, shard=None))
    if options.pattern and not matching and cases:
        raise UsageError(f"-k {options.pattern!r} matches none of the {len(cases)} case(s)")
    chosen = select_cases(cases, options)
    note = shard_note(len(matching), options)
    return Plan(chosen, [note] if note else [])


async def run_tests_async(
    paths: Sequence[str | Path],
    options: RunOptions | None = None,
    listeners: Sequence[Listener] = (),
    *,
    cases: Sequence[Case] | None = None,
    notes: Sequence[str] = (),
) -> RunResult:
    """Run the selected cases of the skills under `paths`; see the module docstring.

    `cases` (with their `notes`) skips planning: the caller has linted and selected them."""
    options = options or RunOptions()
    if cases is None:
        planned = plan(paths, options)
        cases, notes = planned.cases, planned.notes
    chosen = list(cases)
    run = RunResult(target=options.target, options=options, started=_now())
    run.total = len(chosen)
    run.notes = list(notes)
    run.skills = sorted({c.skill_name for c in chosen})
    client = _make_client(options)
    state = _Run(options, client, run.clock)
    tasks: list[asyncio.Future[CaseResult]] = []
    opened = False

    async def open_client() -> None:
        nonlocal opened
        if client is not None and not opened:
            opened = True
            await client.__aenter__()
            if chosen and not client.local:
                # One clear line for a wrong URL or key, instead of the same error per case.
                await client.health()

    try:
        if options.published is not None and chosen:
            await open_client()  # the versions are looked up before the first report line
        run.skill_versions = await state.prepare(chosen, run.target)
    except BaseException:
        if client is not None:
            try:
                await client.aclose()
            except ClientError:
                pass
        raise
    _notify(listeners, "start", run)
    try:
        await open_client()
        tasks = [asyncio.ensure_future(state.run_case(case)) for case in chosen]
        for next_done in asyncio.as_completed(tasks):
            result = await next_done
            run.results.append(result)
            _notify(listeners, "case_finished", result, run)
    except (asyncio.CancelledError, KeyboardInterrupt):
        run.interrupted = True
        for task in tasks:
            task.cancel()
        raise
    finally:
        if client is not None:
            try:
                await client.aclose()
            except ClientError:
                pass
        order = {c.id: i for i, c in enumerate(chosen)}
        run.results.sort(key=lambda r: order.get(r.case_id, 0))
        if state.not_started:
            run.stopped = (
                f"--max-credits {_number(options.max_credits or 0)} reached "
                f"({_number(state.spent)} credits spent): {state.not_started} case(s) not started"
            )
        run.finished = _now()
        run.seconds = time.monotonic() - run.clock
        _notify(listeners, "finish", run)
    return run


def run_tests(
    paths: Sequence[str | Path],
    options: RunOptions | None = None,
    listeners: Sequence[Listener] = (),
    *,
    cases: Sequence[Case] | None = None,
    notes: Sequence[str] = (),
) -> RunResult:
    """Blocking wrapper of `run_tests_async` (for the CLI and the pytest plugin)."""
    return asyncio.run(run_tests_async(paths, options, listeners, cases=cases, notes=notes))
