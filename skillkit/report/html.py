"""`--html FILE`: one self-contained page to review a run by eye.

Each case shows its document's first page (images embedded; PDFs rendered and other formats as
a text excerpt by the `previewer` the caller passes in: `skillkit test` gives the engine's,
`skillkit.engine.preview.EnginePreviewer`) next to the expected and the actual JSON, with the
differing fields listed and highlighted. Everything is inline (CSS, images as data: URIs, no
script), so the file can be attached to a CI run or mailed as is. Values come from documents:
all of it is escaped.
"""

from __future__ import annotations

import base64
import html
import json
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from skillkit import jsonpointer
from skillkit.report import (
    QUALIFIERS,
    FileReport,
    fmt_delta,
    fmt_score,
    run_lines,
    skill_versions_text,
    summary_line,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from skillkit.compare import Difference
    from skillkit.runner import CaseResult, RunResult

PAGE_WIDTH = 500  # pixels of a rendered PDF page
MAX_PAGE_HEIGHT = 2000  # long receipts: cap the rendered height instead
MAX_IMAGE_BYTES = 5_000_000  # larger images are not embedded
EXCERPT_LINES = 40
MAX_DIFFERENCES = 50
MAX_JSON_LINES = 2000
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


# --------------------------------------------------------------------------- first pages


@dataclass(frozen=True)
class Preview:
    """How a document's first page is shown: an image (data: URI), a text excerpt, or a note."""

    image: str | None = None
    text: str | None = None
    note: str | None = None


def encode_png(
    pixels: bytes | memoryview, width: int, height: int, stride: int, channels: int
) -> bytes:
    """A PNG from raw 8-bit rows (grey, RGB or RGBA): no imaging library needed."""
    colour = {1: 0, 3: 2, 4: 6}[channels]
    row = width * channels
    raw = b"".join(b"\x00" + bytes(pixels[y * stride : y * stride + row]) for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _data_uri(media_type: str, payload: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(payload).decode('ascii')}"


class Previewer(Protocol):
    """What the report needs to show a document that is not an image; passed in (the engine's
    is `skillkit.engine.preview.EnginePreviewer`), so that this module never imports a reader."""

    def render_first_page(
        self, path: Path, *, width: int, max_height: int
    ) -> tuple[bytes, int, int, int, int] | None:
        """Page 0 as `encode_png` takes it (pixels, width, height, stride, channels), or None
        when the format (or the install) cannot be rendered."""

    def first_page_lines(self, path: Path) -> list[str]:
        """The first page's text, one line per item."""


def _excerpt(lines: list[str]) -> str | None:
    text = "\n".join(lines[:EXCERPT_LINES])
    if len(lines) > EXCERPT_LINES:
        text += f"\n… {len(lines) - EXCERPT_LINES} more line(s)"
    return text or None


def first_page(path: Path, previewer: Previewer | None = None) -> Preview:
    """The preview of one document; never raises (a report must not fail over a preview).

    Images are embedded as they are; anything else needs a `previewer`: a rendered page, else
    a text excerpt."""
    suffix = path.suffix.lower()
    problem = None
    try:
        if suffix in IMAGE_TYPES:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                return Preview(note="image too large to embed")
            return Preview(image=_data_uri(IMAGE_TYPES[suffix], path.read_bytes()))
        if previewer is not None:
            raw = previewer.render_first_page(path, width=PAGE_WIDTH, max_height=MAX_PAGE_HEIGHT)
            if raw:
                return Preview(image=_data_uri("image/png", encode_png(*raw)))
    except Exception as exc:  # noqa: BLE001 - any rendering failure only loses the picture
        problem = f"could not render the page: {exc}"
    if previewer is None:
        return Preview(note=problem or "no preview for this format")
    try:
        text = _excerpt(previewer.first_page_lines(path))
    except Exception as exc:  # noqa: BLE001 - unreadable documents are reported by the case
        return Preview(note=problem or f"no preview: {exc}")
    if text:
        return Preview(text=text, note=problem)
    return Preview(note=problem or "no preview for this format")


class PreviewCache:
    """First pages by document (path, size, mtime): a document used by many cases renders once."""

    def __init__(self, previewer: Previewer | None = None) -> None:
        self.previewer = previewer
        self._previews: dict[tuple[str, int, int], Preview] = {}

    def get(self, path: Path) -> Preview:
        try:
            stat = path.stat()
        except OSError:
            return Preview(note="document not found")
        key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        if key not in self._previews:
            self._previews[key] = first_page(path, self.previewer)
        return self._previews[key]


# --------------------------------------------------------------------------- JSON with paths


@dataclass(frozen=True)
class Expected:
    """A case's expected JSON as read from its file (`problem` when absent or unreadable)."""

    value: Any = None
    problem: str | None = None


def load_expected(result: CaseResult) -> Expected:
    if not result.expected_path:
        return Expected(problem="no expected file: the output is only checked against the schema")
    from skillkit.cases import read_json  # bounded: a regular file, size and depth limits
    from skillkit.errors import SkillkitError

    try:
        return Expected(read_json(Path(result.expected_path)))
    except SkillkitError as exc:
        return Expected(problem=f"cannot read {exc}")


def json_lines(
    value: Any, pointer: str = "", prefix: str = "", suffix: str = "", depth: int = 0
) -> Iterator[tuple[str, str]]:
    """Pretty-printed JSON as (JSON pointer, line) pairs, so differing lines can be marked."""
    pad = "  " * depth
    if isinstance(value, dict) and value:
        items: list[tuple[Any, Any, str]] = [
            (k, v, json.dumps(str(k), ensure_ascii=False) + ": ") for k, v in value.items()
        ]
        open_, close = "{", "}"
    elif isinstance(value, list) and value:
        items = [(i, v, "") for i, v in enumerate(value)]
        open_, close = "[", "]"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
        yield pointer, f"{pad}{prefix}{text}{suffix}"
        return
    yield pointer, f"{pad}{prefix}{open_}"
    for n, (key, child, label) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        yield from json_lines(child, jsonpointer.append(pointer, key), label, comma, depth + 1)
    yield pointer, f"{pad}{close}{suffix}"


def _covers(diff_path: str, pointer: str) -> bool:
    return pointer == diff_path or pointer.startswith(diff_path + "/")


def json_block(value: Any, differences: list[Difference]) -> str:
    """A <pre> of the JSON with the lines under a differing path marked."""
    out = []
    for n, (pointer, line) in enumerate(json_lines(value)):
        if n == MAX_JSON_LINES:
            out.append('<span class="more">… (cut)</span>')
            break
        hits = [d for d in differences if _covers(d.path, pointer)]
        if hits:
            title = "; ".join(d.describe() for d in hits[:3])
            out.append(
                f'<span class="diff {esc(hits[0].kind)}" title="{esc(title)}">{esc(line)}</span>'
            )
        else:
            out.append(esc(line))
    return '<pre class="json">' + "\n".join(out) + "</pre>"


# --------------------------------------------------------------------------- the page

CSS = """
:root { --ok: #1a7f37; --bad: #cf222e; --err: #8250df; --skip: #9a6700; --line: #d0d7de;
  --muted: #57606a; --bg: #f6f8fa; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); background: var(--bg); }
h1 { font-size: 20px; margin: 0 0 6px; }
.meta { color: var(--muted); font-size: 13px; }
.meta b { color: #1f2328; font-weight: 600; }
.counts { margin-top: 10px; display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.pill { border-radius: 999px; padding: 2px 10px; font-weight: 600; font-size: 13px;
  border: 1px solid currentColor; }
.badge { display: inline-block; min-width: 62px; text-align: center; border-radius: 6px;
  padding: 1px 8px; font-size: 12px; font-weight: 700; color: #fff; text-transform: uppercase; }
.passed.pill { color: var(--ok); } .failed.pill { color: var(--bad); }
.error.pill { color: var(--err); } .skipped.pill { color: var(--skip); }
.badge.passed { background: var(--ok); } .badge.failed { background: var(--bad); }
.badge.error { background: var(--err); } .badge.skipped { background: var(--skip); }
.badge.schema-only, .badge.unchecked { background: #9a6700; }
.badge.updated, .badge.created { background: #0969da; }
.schema_only.pill, .unchecked.pill { color: #9a6700; }
.updated.pill, .created.pill { color: #0969da; }
.warn { color: var(--bad); font-weight: 600; }
input.show { position: absolute; opacity: 0; pointer-events: none; }
nav { padding: 10px 24px; display: flex; gap: 6px; border-bottom: 1px solid var(--line); }
nav label { cursor: pointer; padding: 3px 12px; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; font-size: 13px; }
#show-all:checked ~ nav label[for=show-all], #show-problems:checked ~ nav label[for=show-problems],
#show-passed:checked ~ nav label[for=show-passed],
#show-skipped:checked ~ nav label[for=show-skipped] { background: #1f2328; color: #fff; }
#show-problems:checked ~ main .passed.row, #show-problems:checked ~ main .skipped.row,
#show-passed:checked ~ main .row:not(.passed),
#show-skipped:checked ~ main .row:not(.skipped) { display: none; }
main { padding: 16px 24px 40px; }
table.summary { border-collapse: collapse; margin-bottom: 20px; font-size: 13px; }
.summary th, .summary td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; }
.summary td.num, .summary th.num { text-align: right; font-variant-numeric: tabular-nums; }
.summary a { color: inherit; }
section.case { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 14px; }
section.case > details > summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 12px;
  align-items: center; flex-wrap: wrap; background: var(--bg); border-radius: 8px; }
details[open] > summary { border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
.cid { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.scores { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.body { padding: 12px 14px; }
.problems { margin: 0 0 12px; }
.problems p { margin: 4px 0; }
.problems ul { margin: 4px 0; padding-left: 20px; }
.problems li { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
.kind { font-size: 11px; text-transform: uppercase; border-radius: 4px; padding: 0 5px;
  background: #ffebe9; color: var(--bad); margin-right: 4px; font-family: system-ui, sans-serif; }
.grid { display: grid; grid-template-columns: minmax(220px, 360px) minmax(0, 1fr) minmax(0, 1fr);
  gap: 12px; align-items: start; }
@media (max-width: 1000px) { .grid { grid-template-columns: minmax(0, 1fr); } }
.grid h4 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; color: var(--muted); }
figure { margin: 0; }
figure img { width: 100%; height: auto; border: 1px solid var(--line); background: #fff;
  box-shadow: 0 1px 3px rgba(0, 0, 0, .08); }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; word-break: break-all; }
pre { margin: 0; padding: 8px 10px; background: var(--bg); border: 1px solid var(--line);
  border-radius: 6px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace;
  overflow: auto; max-height: 640px; white-space: pre; }
pre.excerpt { white-space: pre-wrap; max-height: 480px; }
.diff { display: inline-block; min-width: 100%; background: #fff1c2; }
.diff.missing { background: #ffd7d5; } .diff.extra { background: #d1f0ff; }
.note { color: var(--muted); font-style: italic; }
"""

QUALIFIED = dict(QUALIFIERS)

FILTERS = (
    ("all", "All"),
    ("problems", "Failed & errors"),
    ("passed", "Passed"),
    ("skipped", "Skipped"),
)


def _header(run: RunResult) -> list[str]:
    counts = run.counts()
    versions = ", ".join(f"{esc(k)} {esc(v)}" for k, v in run.versions.items())
    finished = esc(run.finished) if run.finished else "<i>running…</i>"
    out = [
        "<header>",
        "<h1>skillkit test report</h1>",
        f'<div class="meta">Target: <b>{esc(run.target)}</b></div>',
        *(
            [f'<div class="meta">Skill versions: <b>{esc(ran)}</b></div>']
            if (ran := skill_versions_text(run))
            else []
        ),
        f'<div class="meta">Started: {esc(run.started)} · finished: {finished} · {versions}</div>',
        '<div class="counts">',
    ]
    for status, count in counts.items():  # statuses, then the qualified passes
        if status in QUALIFIED and not count:
            continue
        label = "errors" if status == "error" and count != 1 else status.replace("_", "-")
        if status in QUALIFIED:
            label = f"of them {QUALIFIED[status]}"
        out.append(f'<span class="pill {status}">{count} {esc(label)}</span>')
    out.append(f'<span class="meta">{len(run.results)} of {run.total} case(s) run</span>')
    if run.interrupted:
        out.append(f'<span class="warn">interrupted after {len(run.results)} of {run.total}</span>')
    out.append("</div>")
    if run.stopped:
        out.append(f'<div class="meta warn">Stopped: {esc(run.stopped)}</div>')
    out += [f'<div class="meta totals">{esc(line)}</div>' for line in run_lines(run)]
    out.append("</header>")
    return out


def _scores(result: CaseResult) -> str:
    parts = [
        f"F1 {fmt_score(result.f1)}",
        f"P {fmt_score(result.precision)}",
        f"R {fmt_score(result.recall)}",
        f"{result.seconds:.2f} s",
    ]
    if result.pass_rate is not None:
        parts.append(f"pass rate {result.pass_rate:.0%}")
    if result.f1_std is not None:
        parts.append(f"F1 std {result.f1_std:.3f}")
    if result.pass_all is not None:
        parts.append(f"pass^{len(result.attempts)} {result.pass_all}")
    if result.accounting is not None:
        from skillkit.runner import accounting_text

        parts.append(accounting_text(result.accounting))
    if result.lift is not None:
        parts.append(
            f"lift {fmt_delta(result.lift.delta)} (without the skill F1 "
            f"{fmt_score(result.lift.without)})"
        )
    if result.cost is not None:
        parts.append(result.cost.describe())
    return " · ".join(parts)


def _summary_table(run: RunResult) -> list[str]:
    repeat, lift = run.options.repeat, run.options.lift
    heads = ["F1", "P", "R", "correct", "correct null", "missing", "hallucinated", "wrong"]
    if repeat > 1:
        heads += ["F1 std", f"pass^{repeat}"]
    if lift:
        heads += ["F1 without skill", "lift"]
    heads += ["credits", "seconds"]
    out = [
        '<table class="summary"><thead><tr><th>status</th><th>case</th>'
        + "".join(f'<th class="num">{esc(h)}</th>' for h in heads)
        + "</tr></thead><tbody>"
    ]
    for n, r in enumerate(run.results):
        acc = r.accounting
        cells = [fmt_score(r.f1), fmt_score(r.precision), fmt_score(r.recall)]
        cells += [str(v) for v in acc.to_dict().values()] if acc is not None else ["-"] * 5
        if repeat > 1:
            cells += [fmt_score(r.f1_std), "-" if r.pass_all is None else str(r.pass_all)]
        if lift:
            cells += [
                fmt_score(r.lift.without if r.lift else None),
                fmt_delta(r.lift.delta if r.lift else None),
            ]
        credits = r.cost.credits_used if r.cost is not None else None
        cells += ["-" if credits is None else f"{credits:g}", f"{r.seconds:.2f}"]
        out.append(
            f'<tr class="row {esc(r.status)}"><td><span class="badge {esc(r.outcome)}">'
            f"{esc(r.outcome)}</span>{' unreviewed draft' if r.unreviewed else ''}</td>"
            f'<td class="cid"><a href="#case-{n}">{esc(r.case_id)}</a></td>'
            + "".join(f'<td class="num">{esc(c)}</td>' for c in cells)
            + "</tr>"
        )
    out.append("</tbody></table>")
    return out


def _fields_table(run: RunResult) -> list[str]:
    """Every field over the judged cases, weakest first."""
    fields = run.field_summary()
    if not fields:
        return []
    heads = ["cases", "P", "R", "F1", "correct", "correct null", "missing", "hallucinated"]
    heads.append("wrong")
    out = [
        '<details class="fields"><summary>Fields: precision, recall and F1 of every field '
        f"over the judged cases, weakest first ({len(fields)})</summary>",
        '<table class="summary fields"><thead><tr><th>field</th>'
        + "".join(f'<th class="num">{esc(h)}</th>' for h in heads)
        + "</tr></thead><tbody>",
    ]
    for f in fields:
        c = f.counts
        cells = [str(f.cases), f"{f.precision:.3f}", f"{f.recall:.3f}", f"{f.f1:.3f}"]
        cells += [str(v) for v in c.accounting.to_dict().values()]
        out.append(
            f'<tr><td class="cid">{esc(f.path or "(root)")}</td>'
            + "".join(f'<td class="num">{esc(x)}</td>' for x in cells)
            + "</tr>"
        )
    out.append("</tbody></table></details>")
    return out


def _problems(result: CaseResult) -> list[str]:
    out: list[str] = []
    if result.message and result.status != "passed":
        out.append(f"<p><b>{esc(result.message)}</b></p>")
    for note in (result.snapshot, result.cassette):
        if note:
            out.append(f'<p class="note">{esc(note)}</p>')
    if result.schema_errors:
        out.append("<p>Schema errors:</p><ul>")
        out += [f"<li>{esc(e)}</li>" for e in result.schema_errors[:MAX_DIFFERENCES]]
        out.append("</ul>")
    if result.differences:
        out.append(f"<p>{len(result.differences)} differing field(s):</p><ul>")
        for d in result.differences[:MAX_DIFFERENCES]:
            out.append(f'<li><span class="kind">{esc(d.kind)}</span>{esc(d.describe())}</li>')
        if len(result.differences) > MAX_DIFFERENCES:
            out.append(f"<li>… {len(result.differences) - MAX_DIFFERENCES} more</li>")
        out.append("</ul>")
    return ['<div class="problems">', *out, "</div>"] if out else []


def _figure(result: CaseResult, previews: PreviewCache) -> str:
    preview = previews.get(Path(result.document))
    parts = ["<figure>"]
    if preview.image:
        parts.append(f'<img src="{preview.image}" alt="first page of {esc(result.document)}">')
    elif preview.text:
        parts.append(f'<pre class="excerpt">{esc(preview.text)}</pre>')
    if preview.note:
        parts.append(f'<p class="note">{esc(preview.note)}</p>')
    parts.append(f"<figcaption>{esc(result.document)} (first page)</figcaption></figure>")
    return "".join(parts)


def _case(n: int, result: CaseResult, previews: PreviewCache, expected: Expected) -> list[str]:
    status, outcome = esc(result.status), esc(result.outcome)
    is_open = " open" if result.status in ("failed", "error") else ""
    out = [
        f'<section class="case row {status}" id="case-{n}"><details{is_open}><summary>',
        f'<span class="badge {outcome}">{outcome}</span>',
        f'<span class="cid">{esc(result.skill)}/<b>{esc(result.case)}</b></span>',
        f'<span class="scores">{esc(_scores(result))}</span>',
        f'<span class="meta">{esc(result.location)}</span>',
        f'<span class="meta">checked: {esc(result.checked)}</span>',
        *(['<span class="meta">expected: unreviewed draft</span>'] if result.unreviewed else []),
        *(
            [f'<span class="meta">skill version: {esc(result.skill_version)}</span>']
            if result.skill_version
            else []
        ),
        '</summary><div class="body">',
        *_problems(result),
    ]
    if result.status == "skipped":
        out.append(_figure(result, previews))
    else:
        exp_side = (
            f'<p class="note">{esc(expected.problem)}</p>'
            if expected.problem
            else json_block(expected.value, [d for d in result.differences if d.kind != "extra"])
        )
        act_side = (
            '<p class="note">no output</p>'
            if result.actual is None
            else json_block(result.actual, result.differences)
        )
        out += [
            '<div class="grid">',
            _figure(result, previews),
            f"<div><h4>Expected</h4>{exp_side}</div>",
            f"<div><h4>Actual</h4>{act_side}</div>",
            "</div>",
        ]
    out.append("</div></details></section>")
    return out


def render(
    run: RunResult,
    *,
    previews: PreviewCache | None = None,
    expected: dict[str, Expected] | None = None,
) -> str:
    """The whole page; `previews`/`expected` carry caches between rewrites of the same run."""
    previews = previews if previews is not None else PreviewCache()
    expected = expected if expected is not None else {}
    title = f"skillkit test: {summary_line(run)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        *_header(run),
    ]
    for key, _ in FILTERS:
        checked = " checked" if key == "all" else ""
        out.append(f'<input class="show" type="radio" name="show" id="show-{key}"{checked}>')
    out.append("<nav>")
    out += [f'<label for="show-{key}">{label}</label>' for key, label in FILTERS]
    out.append("</nav><main>")
    if not run.results:
        out.append('<p class="note">No case has finished yet.</p>')
    else:
        out += _summary_table(run)
        out += _fields_table(run)
    for n, result in enumerate(run.results):
        if result.case_id not in expected:
            expected[result.case_id] = load_expected(result)
        out += _case(n, result, previews, expected[result.case_id])
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


class Report(FileReport):
    """Rewritten after each case; first pages and expected files are read once per run.

    `previewer` renders and reads documents other than images (see `first_page`); without
    one they are shown by name only."""

    def __init__(self, path: str | Path, *, previewer: Previewer | None = None) -> None:
        super().__init__(path)
        self.previews = PreviewCache(previewer)
        self.expected: dict[str, Expected] = {}

    def render(self, run: RunResult) -> str:
        return render(run, previews=self.previews, expected=self.expected)
