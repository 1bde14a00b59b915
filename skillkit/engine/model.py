"""The model engine: each prediction becomes a chat-completions request to an OpenAI-compatible
server (vLLM, Ollama, llama.cpp server, LM Studio, OpenAI), whose answer is checked against the
output schema.

`skillkit serve --engine openai --model-url URL --model NAME` (or SKILLKIT_ENGINE,
SKILLKIT_MODEL_URL, SKILLKIT_MODEL). The API key comes only from the environment:
SKILLKIT_MODEL_API_KEY, else OPENAI_API_KEY, else none (local servers need none). It is sent
as `Authorization: Bearer ...` to the model server and nowhere else: never logged, never in a
prediction, an error or a cassette (any text the model server sends back has it masked).

What one request holds (`build_request`):

- **system**: the instructions of every skill (`skill_instructions`): its SKILL.md body, then
  the text files the body links to (`[guide](references/guide.md)`, bundled files only, in link
  order), within INSTRUCTIONS_BUDGET (64 KB of UTF-8) for all of it; what did not fit is cut or
  left out, and a closing line says which. Then `config.prompt`, whole.
- **response_format**: `{"type": "json_schema", "json_schema": {"name", "schema", "strict":
  false}}` with the prediction's output schema.
- **user**: the document's text layer as the engine's readers read it (`read_document`: PDF,
  DOCX, PPTX, HTML, text, CSV; page by page, at most MAX_TEXT_CHARS), then PDF pages rendered
  by pypdfium2 as `data:image/png;base64,...` `image_url` parts. `detail` sets the long side of
  each page image: `lo` 512 px, `hi` 1536 px, `auto` hi for up to AUTO_HI_MAX_PAGES (4) pages
  and lo above. At most MAX_IMAGES (20) page images; later pages go as text only (the request
  says so). PNG, JPEG, WebP and GIF documents are sent as they are (one image, no OCR text);
  TIFF and BMP as their OCR text. `page_indices` selects the pages of both text and images.
- `temperature` (config.temperature, 0 by default) and `max_tokens` only when the request
  set it (the API's default of 65535 is more than many local servers allow).

The answer (`choices[0].message.content`; a ```json fence is tolerated) must be JSON that
validates against the schema (`skillkit.schemas.validator`, the validator the server uses
everywhere). If not, up to `config.max_retries` repair turns (at most MAX_REPAIRS) send the
problem back as a user message and ask for the corrected JSON; an answer still invalid fails
the prediction with the problem, one line.

HTTP: one attempt waits at most `model_timeout` seconds (connect at most 10 s), and the whole
prediction, every turn included, at most `limits.seconds` (`--job-seconds`). HTTP 429 and 5xx
and refused connections are retried HTTP_RETRIES (2) times with backoff (0.5 s, 1 s; a 429's
Retry-After is honoured up to 4 s); a timeout is not retried. Every failure is one line naming
the model server's URL (without user info or query).

The model engine runs in the server's worker threads (it waits on the network; nothing to
isolate): the document is read in the server process under the per-document limits (pages,
characters, zip sizes, pixels), without the memory limit of the deterministic engine's worker
processes.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import posixpath
import re
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from skillkit.errors import EngineError, UsageError
from skillkit.limits import DEFAULT_LIMITS, LimitExceeded, Limits, time_exceeded

__all__ = [
    "API_KEY_ENVS",
    "ENGINES",
    "Cancelled",
    "ModelEngine",
    "ModelError",
    "ModelResult",
    "PreparedDocument",
    "api_key_from_env",
    "build_request",
    "check_answer",
    "prepare_document",
    "skill_instructions",
]

log = logging.getLogger("skillkit.engine")

DETERMINISTIC, OPENAI = "deterministic", "openai"
ENGINES = (DETERMINISTIC, OPENAI)
ENGINE_ENV = "SKILLKIT_ENGINE"
MODEL_URL_ENV = "SKILLKIT_MODEL_URL"
MODEL_ENV = "SKILLKIT_MODEL"
MODEL_TIMEOUT_ENV = "SKILLKIT_MODEL_TIMEOUT"
API_KEY_ENVS = ("SKILLKIT_MODEL_API_KEY", "OPENAI_API_KEY")  # the first one set is used
DEFAULT_MODEL_TIMEOUT = 120.0

INSTRUCTIONS_BUDGET = 64 * 1024  # bytes of skill text (SKILL.md bodies + linked files)
DETAIL_LONG_SIDE = {"lo": 512, "hi": 1536}  # pixels of a page image's long side
AUTO_HI_MAX_PAGES = 4  # `auto`: hi for this many pages or fewer, lo above
MAX_IMAGES = 20  # page images in one request
MAX_IMAGE_FILE_BYTES = 20 * 1024 * 1024  # an image document sent as it is
MAX_TEXT_CHARS = 200_000  # of the text layer sent
MAX_REPAIRS = 5  # repair turns, whatever config.max_retries asks
HTTP_RETRIES = 2  # more attempts after a 429, a 5xx or a refused connection
RETRY_BASE_SECONDS = 0.5
RETRY_MAX_SECONDS = 4.0
CONNECT_TIMEOUT_SECONDS = 10.0
MAX_ANSWER_BYTES = 10 * 1024 * 1024
PROBLEM_CHARS = 300  # of a validation problem or a server's error text

WEB_IMAGES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
WEB_IMAGES.update({".webp": "image/webp", ".gif": "image/gif"})


def require_model_server(model_url: str | None, model: str | None) -> None:
    """UsageError unless --engine openai has both a model server URL and a model name."""
    if not (model_url and model):
        raise UsageError(
            f"--engine openai needs --model-url and --model (or {MODEL_URL_ENV} and {MODEL_ENV})"
        )


def embedded_settings(
    engine: str,
    model: str | None,
    model_url: str | None,
    model_timeout: float | None,
    timeout: float,
) -> dict[str, Any]:
    """The embedded server's engine settings for `generate` and `test` (`local_client(**)`):
    none for the deterministic engine; for `openai` the model server, its model and timeout
    (options first, then SKILLKIT_MODEL / SKILLKIT_MODEL_TIMEOUT), UsageError when one is
    missing. The key is never here: the engine reads it from the environment."""
    if engine != OPENAI:
        return {}
    from dataclasses import replace

    model = model or os.environ.get(MODEL_ENV) or None
    require_model_server(model_url, model)
    if model_timeout is None:
        try:
            model_timeout = float(os.environ.get(MODEL_TIMEOUT_ENV) or DEFAULT_MODEL_TIMEOUT)
        except ValueError:
            raise UsageError(f"{MODEL_TIMEOUT_ENV} must be a number of seconds") from None
    if not model_timeout > 0:
        raise UsageError("--model-timeout must be a positive number of seconds")
    return {
        "engine": OPENAI,
        "model_url": model_url,
        "model": model,
        "model_timeout": model_timeout,
        # the prediction's time limit bounds the model engine's turns too
        "limits": replace(DEFAULT_LIMITS, seconds=timeout),
    }


DEFAULT_INSTRUCTIONS = (
    "Extract the information the JSON schema asks for from the document. Report what the "
    "document says; use null for what it does not show."
)
ANSWER_RULE = "Answer with one JSON object that matches the JSON schema, and nothing else."
REPAIR_PROMPT = (
    "Your answer does not validate against the JSON schema: {problem}\n"
    "Reply with the corrected JSON object only, no prose."
)


class ModelError(EngineError):
    """A prediction the model engine could not complete (one line, the model URL named)."""


class Cancelled(Exception):
    """The server is stopping: the prediction is left to be resumed."""


def api_key_from_env(environ: Mapping[str, str] | None = None) -> tuple[str | None, str | None]:
    """(key, the variable it came from), or (None, None)."""
    env = os.environ if environ is None else environ
    for name in API_KEY_ENVS:
        value = (env.get(name) or "").strip()
        if value:
            return value, name
    return None, None


def shown_url(url: str) -> str:
    """`url` as messages show it: without user info, query or fragment."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _size(n: int) -> str:
    return f"{n // 1024} KB" if n % 1024 == 0 else f"{n:,} bytes"


def _one_line(text: str, limit: int = PROBLEM_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- instructions


def _linked_files(body: str, files: Mapping[str, bytes]) -> list[str]:
    """Bundled files the SKILL.md body links to, in link order, each once."""
    from skillkit.lint import md_links

    found: list[str] = []
    for line in body.split("\n"):
        for target in md_links(line):
            target = unquote(target.split("#")[0].split("?")[0]).strip()
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            if target.startswith("/"):
                continue
            rel = posixpath.normpath(target.removeprefix("./"))
            if rel.startswith("../") or rel in ("..", ".") or rel.lower() == "skill.md":
                continue
            if rel in files and rel not in found:
                found.append(rel)
    return found


def _text_of(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def skill_instructions(
    skills: Sequence[Any], prompt: str | None = None, budget: int = INSTRUCTIONS_BUDGET
) -> tuple[str | None, list[str]]:
    """The system instructions of a request, and what was cut to fit `budget`.

    `skills`: bundles (skillkit.bundle.SkillBundle: `instructions`, `files`, `name`). Every
    SKILL.md body first, then the text files each links to, until `budget` bytes of UTF-8;
    then `prompt`, whole. None when there is nothing to say."""
    left = budget
    cut: list[str] = []

    def take(label: str, text: str) -> str | None:
        nonlocal left
        data = text.encode("utf-8")
        if len(data) <= left:
            left -= len(data)
            return text
        if left <= 0:
            cut.append(f"{label} left out")
            return None
        kept = data[:left].decode("utf-8", "ignore")
        cut.append(f"{label} cut to {left:,} of {len(data):,} bytes")
        left = 0
        return kept + "\n[... cut: instructions budget]"

    several = len(skills) > 1
    sections: list[list[str]] = []
    for skill in skills:
        body = (getattr(skill, "instructions", "") or "").strip()
        name = getattr(skill, "name", None) or "skill"
        parts: list[str] = []
        if body:
            kept = take(f"{name}: SKILL.md", body)
            if kept is not None:
                parts.append(f"# Skill: {name}\n\n{kept}" if several else kept)
        sections.append(parts)
    for skill, parts in zip(skills, sections, strict=True):
        body = (getattr(skill, "instructions", "") or "").strip()
        files = getattr(skill, "files", {}) or {}
        name = getattr(skill, "name", None) or "skill"
        for rel in _linked_files(body, files):
            text = _text_of(files[rel])
            if text is None:
                continue  # an image or other binary file: not instructions
            kept = take(f"{name}: {rel}", text.strip())
            if kept is not None:
                parts.append(f'<file path="{rel}">\n{kept}\n</file>')
    out = ["\n\n".join(p) for p in sections if p]
    if cut:
        out.append(
            f"(skillkit: the skill instructions were cut to {_size(budget)}: "
            + "; ".join(cut)
            + ")"
        )
    if prompt and prompt.strip():
        out.append(prompt.strip())
    text = "\n\n".join(out).strip()
    return (text or None), cut


# --------------------------------------------------------------------------- the document


@dataclass
class PageImage:
    page: int  # 0-based index in the document
    media_type: str
    data: bytes
    width: int = 0
    height: int = 0

    def data_url(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass
class PreparedDocument:
    """What the model is shown of a document."""

    name: str
    kind: str
    page_count: int  # pages of the whole file
    pages: list[int]  # 0-based indices sent
    text: str
    images: list[PageImage] = field(default_factory=list)
    detail: str = "lo"  # the resolved detail of the images: lo or hi
    element_type: str = "page"
    notes: list[str] = field(default_factory=list)


def long_side(detail: str | None, pages: int) -> tuple[str, int]:
    """The resolved detail (lo/hi) and the long side in pixels for `pages` page images."""
    chosen = detail if detail in DETAIL_LONG_SIDE else None
    if chosen is None:  # auto
        chosen = "hi" if pages <= AUTO_HI_MAX_PAGES else "lo"
    return chosen, DETAIL_LONG_SIDE[chosen]


def render_pdf_pages(path: Path, indices: Sequence[int], side: int) -> list[PageImage]:
    """PNG images of PDF pages, each `side` pixels on its long side."""
    from skillkit.engine.readers import require
    from skillkit.engine.readers.pdf import PDFIUM_LOCK
    from skillkit.report.html import encode_png

    pdfium = require("pypdfium2", path)
    images: list[PageImage] = []
    with PDFIUM_LOCK:  # PDFium is not thread-safe
        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:
            raise EngineError(f"cannot render PDF ({exc})", path=path) from exc
        try:
            for index in indices:
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    scale = side / max(width, height, 1.0)
                    bitmap = page.render(scale=scale, rev_byteorder=True)
                    try:
                        pixels = memoryview(bitmap.buffer).cast("B")
                        png = encode_png(
                            pixels, bitmap.width, bitmap.height, bitmap.stride, bitmap.n_channels
                        )
                        w, h = bitmap.width, bitmap.height
                    finally:
                        bitmap.close()
                finally:
                    page.close()
                images.append(PageImage(index, "image/png", png, w, h))
        finally:
            pdf.close()
    return images


def _page_text(doc: Any, max_chars: int) -> tuple[str, bool]:
    chunks: list[str] = []
    size = 0
    for page in doc.pages:
        lines = "\n".join(ln.text for ln in page.lines)
        chunk = f"--- page {page.index + 1} of {doc.page_count} ---\n{lines}".rstrip()
        if size + len(chunk) > max_chars:
            chunks.append(chunk[: max(0, max_chars - size)])
            return "\n\n".join(chunks), True
        chunks.append(chunk)
        size += len(chunk) + 2
    return "\n\n".join(chunks), False


def prepare_document(
    path: Path,
    *,
    name: str | None = None,
    page_indices: list[int] | None = None,
    detail: str | None = "auto",
    limits: Limits | None = None,
    max_images: int = MAX_IMAGES,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> PreparedDocument:
    """Text layer and page images of `path` (only `page_indices` if given), within `limits`."""
    from skillkit.engine import read_document
    from skillkit.engine.readers import select_pages

    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    shown = name or path.name
    media = WEB_IMAGES.get(path.suffix.lower())
    if media is not None:
        if not path.is_file():
            raise EngineError("document not found", path=path)
        select_pages(1, page_indices, path, limits)  # an image is one page
        size = path.stat().st_size
        if size > MAX_IMAGE_FILE_BYTES:
            raise LimitExceeded(
                f"image of {size:,} bytes is over the {MAX_IMAGE_FILE_BYTES // (1024 * 1024)} MB "
                "the model engine sends",
                limit="image_bytes",
                path=path,
            )
        chosen, _ = long_side(detail, 1)
        return PreparedDocument(
            name=shown,
            kind="image",
            page_count=1,
            pages=[0],
            text="",
            images=[PageImage(0, media, path.read_bytes())],
            detail=chosen,
            element_type="image",
            notes=["the image is sent as it is (no text layer)"],
        )
    doc = read_document(path, page_indices, limits)
    pages = [p.index for p in doc.pages]
    text, text_cut = _page_text(doc, max_text_chars)
    notes: list[str] = []
    if text_cut:
        notes.append(f"text layer cut to {max_text_chars:,} characters")
    images: list[PageImage] = []
    chosen, side = long_side(detail, len(pages))
    if doc.kind == "pdf" and pages:
        rendered = pages[:max_images]
        if len(pages) > len(rendered):
            rest = ", ".join(str(i + 1) for i in pages[len(rendered) :][:20])
            notes.append(f"page images only for the first {max_images} pages; text only: {rest}")
        images = render_pdf_pages(path, rendered, side)
    return PreparedDocument(
        name=shown,
        kind=doc.kind,
        page_count=doc.page_count,
        pages=pages,
        text=text,
        images=images,
        detail=chosen,
        element_type=doc.element_type or "page",
        notes=notes,
    )


# --------------------------------------------------------------------------- the request


def schema_name(schema: Mapping[str, Any], fallback: str = "output") -> str:
    """A `json_schema.name` servers accept (^[A-Za-z0-9_-]{1,64}$): the schema's title, else
    `fallback`."""
    title = schema.get("title") if isinstance(schema, Mapping) else None
    for candidate in (title, fallback, "output"):
        if isinstance(candidate, str):
            cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", candidate).strip("_")[:64]
            if cleaned:
                return cleaned
    return "output"


def _user_content(document: PreparedDocument) -> list[dict[str, Any]]:
    sent = ", ".join(str(i + 1) for i in document.pages[:50])
    if len(document.pages) > 50:
        sent += ", ..."
    head = f"Document: {document.name} ({document.kind}, {document.page_count} page(s)"
    head += f"; pages sent: {sent})" if document.pages else ")"
    lines = [head]
    if document.notes:
        lines.append("Note: " + "; ".join(document.notes) + ".")
    if document.text.strip():
        lines.append("Text layer, as read from the file:\n\n" + document.text)
    elif document.kind != "image":
        lines.append("(the document has no text layer on these pages)")
    if document.images:
        which = ", ".join(str(im.page + 1) for im in document.images)
        lines.append(f"Images of page(s) {which} follow, in that order.")
    parts: list[dict[str, Any]] = [{"type": "text", "text": "\n\n".join(lines)}]
    detail = "high" if document.detail == "hi" else "low"
    for image in document.images:
        parts.append(
            {"type": "image_url", "image_url": {"url": image.data_url(), "detail": detail}}
        )
    parts.append({"type": "text", "text": ANSWER_RULE})
    return parts


def build_request(
    *,
    model: str,
    instructions: str | None,
    document: PreparedDocument,
    schema: dict[str, Any],
    name: str = "output",
    temperature: float | None = 0.0,
    max_tokens: int | None = None,
) -> dict[str, Any]:
    """The chat-completions request body for one document."""
    body: dict[str, Any] = {
        "model": model,
        "messages": [
            {"role": "system", "content": instructions or DEFAULT_INSTRUCTIONS},
            {"role": "user", "content": _user_content(document)},
        ],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": schema_name(schema, name), "schema": schema, "strict": False},
        },
    }
    if temperature is not None:
        body["temperature"] = temperature
    if max_tokens is not None:
        body["max_tokens"] = max_tokens
    return body


# --------------------------------------------------------------------------- the answer

_FENCE = re.compile(r"^```[A-Za-z0-9_-]*\s*\n(.*?)\n?```\s*$", re.S)
_THINK = re.compile(r"^\s*<think>.*?</think>\s*", re.S)


def _content(message: Any) -> str:
    content = message.get("content") if isinstance(message, dict) else None
    if isinstance(content, list):  # content parts
        content = "".join(
            str(p.get("text", "")) for p in content if isinstance(p, dict) and p.get("text")
        )
    return content if isinstance(content, str) else ""


def check_answer(text: str, schema: dict[str, Any]) -> tuple[Any, str | None]:
    """(value, None) when `text` is JSON valid against `schema`; else (None, the problem)."""
    from jsonschema.exceptions import best_match

    from skillkit import jsonpointer, schemas
    from skillkit.files import JsonTooDeep, loads_json

    stripped = _THINK.sub("", text).strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    if not stripped:
        return None, "the answer is empty; send the JSON object"
    try:
        value = loads_json(stripped)
    except JsonTooDeep as exc:
        return None, f"the answer is {exc}"
    except json.JSONDecodeError as exc:
        return None, _one_line(f"the answer is not JSON ({exc.msg} at character {exc.pos})")
    error = best_match(schemas.validator(schema).iter_errors(value))
    if error is None:
        return value, None
    where = jsonpointer.format(error.absolute_path) or "(the root)"
    return None, _one_line(f"at {where}: {error.message}")


# --------------------------------------------------------------------------- the engine


@dataclass
class ModelResult:
    """A finished prediction of the model engine (the shape the server's worker reads)."""

    data: Any
    pages: int
    element_type: str
    model: str
    url: str
    requests: int = 0
    repairs: int = 0
    images: int = 0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    total_tokens: int | None = None
    notes: list[str] = field(default_factory=list)

    def usage(self) -> dict[str, Any]:
        """Usage fields of the prediction: `steps` the model requests, `message` a line with
        the tokens, `model_usage` the numbers (kept with the stored prediction)."""
        tokens = (
            f"{self.prompt_tokens or 0:,} prompt + {self.completion_tokens or 0:,} completion tokens"
            if self.prompt_tokens is not None or self.completion_tokens is not None
            else "tokens not reported"
        )
        message = (
            f"skillkit model engine: {self.model} at {self.url}: {tokens}, "
            f"{self.requests} request(s) ({self.repairs} repair), {self.pages} page(s), "
            f"{self.images} image(s); no credits used"
        )
        if self.notes:
            message += "; " + "; ".join(self.notes)
        return {
            "steps": self.requests,
            "message": message,
            "model_usage": {
                "model": self.model,
                "prompt_tokens": self.prompt_tokens,
                "completion_tokens": self.completion_tokens,
                "total_tokens": self.total_tokens,
                "requests": self.requests,
                "repairs": self.repairs,
                "images": self.images,
            },
        }


class ModelEngine:
    """Chat completions against one OpenAI-compatible server. The key is held privately and
    only ever put in the Authorization header."""

    def __init__(
        self,
        model_url: str,
        model: str,
        *,
        timeout: float = DEFAULT_MODEL_TIMEOUT,
        api_key: str | None = None,
        key_source: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        parts = urlsplit(model_url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(
                f"--model-url must be an http(s) URL such as http://127.0.0.1:11434/v1, "
                f"not {shown_url(model_url or '')!r}"
            )
        if not model:
            raise UsageError("--engine openai needs --model (the model name the server serves)")
        if not timeout or timeout <= 0:
            raise UsageError("--model-timeout must be a positive number of seconds")
        self.model_url = model_url.rstrip("/")
        self.endpoint = self.model_url + "/chat/completions"
        self.url = shown_url(self.model_url)
        self.model = model
        self.timeout = float(timeout)
        self.key_source = key_source
        self.__key = api_key
        self._transport = transport

    def __repr__(self) -> str:
        return f"ModelEngine({self.url!r}, {self.model!r}, key from {self.key_source or 'nowhere'})"

    @classmethod
    def from_settings(cls, settings: Any) -> ModelEngine:
        """The engine of ServerSettings (engine, model_url, model, model_timeout); the key
        from the environment (API_KEY_ENVS)."""
        key, source = api_key_from_env()
        return cls(
            settings.model_url or "",
            settings.model or "",
            timeout=settings.model_timeout,
            api_key=key,
            key_source=source,
        )

    def describe(self) -> str:
        key = f"API key from {self.key_source}" if self.key_source else "no API key"
        return f"model {self.model} at {self.url} ({key})"

    # ------------------------------------------------------------------ redaction

    def redact(self, text: str) -> str:
        key = self.__key
        if key and key in text:
            text = text.replace(key, "***")
        return text

    def _fail(self, message: str) -> ModelError:
        return ModelError(self.redact(_one_line(message, 500)))

    # ------------------------------------------------------------------ one prediction

    def extract(
        self,
        path: Path,
        job: Mapping[str, Any],
        *,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
        name: str | None = None,
    ) -> ModelResult:
        """Run the job (jobs.build_job's dict) on the document at `path`."""
        limits = limits or DEFAULT_LIMITS
        started = time.monotonic()
        deadline = started + limits.seconds
        document = prepare_document(
            path,
            name=name,
            page_indices=job.get("page_indices"),
            detail=job.get("detail") or "auto",
            limits=limits,
        )
        instructions = job.get("model_instructions")
        if instructions is None:  # a job stored without them (another engine): the bodies
            instructions = job.get("instructions")
        cut = list(job.get("instructions_cut") or [])
        schema = job["schema"]
        request = build_request(
            model=self.model,
            instructions=instructions,
            document=document,
            schema=schema,
            name=_skill_name(job),
            temperature=job.get("temperature", 0.0),
            max_tokens=job.get("max_tokens"),
        )
        repairs = max(0, min(int(job.get("max_retries") or 0), MAX_REPAIRS))
        result = ModelResult(
            data=None,
            pages=len(document.pages),
            element_type=document.element_type,
            model=self.model,
            url=self.url,
            images=len(document.images),
            notes=document.notes
            + (
                [f"instructions cut to {_size(INSTRUCTIONS_BUDGET)}: {'; '.join(cut)}"]
                if cut
                else []
            ),
        )
        transport = self._transport
        with httpx.Client(transport=transport, follow_redirects=False) as client:
            problem = ""
            for turn in range(repairs + 1):
                answer = self._post(client, request, deadline, limits, cancel)
                result.requests += 1
                self._count(result, answer)
                message, finish = _first_choice(answer)
                text = _content(message)
                value, problem = check_answer(text, schema)
                if problem is None:
                    result.data = value
                    result.repairs = turn
                    return result
                if finish == "length":
                    problem += " (the answer was cut off at the token limit)"
                if turn == repairs:
                    break
                request["messages"].append({"role": "assistant", "content": text})
                request["messages"].append(
                    {"role": "user", "content": REPAIR_PROMPT.format(problem=problem)}
                )
        turns = f"after {repairs} repair turn(s)" if repairs else "(no repair turns: max_retries 0)"
        raise self._fail(
            f"the answer of {self.model} at {self.url} does not validate against the output "
            f"schema {turns}: {problem}"
        )

    @staticmethod
    def _count(result: ModelResult, answer: dict[str, Any]) -> None:
        usage = answer.get("usage")
        if not isinstance(usage, dict):
            return
        for name in ("prompt_tokens", "completion_tokens", "total_tokens"):
            value = usage.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                setattr(result, name, (getattr(result, name) or 0) + value)

    # ------------------------------------------------------------------ HTTP

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.__key:
            headers["Authorization"] = f"Bearer {self.__key}"
        return headers

    def _post(
        self,
        client: httpx.Client,
        request: dict[str, Any],
        deadline: float,
        limits: Limits,
        cancel: threading.Event | None,
    ) -> dict[str, Any]:
        body = json.dumps(request, ensure_ascii=False).encode("utf-8")
        attempt = 0
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise time_exceeded(limits)
            wait = min(self.timeout, remaining)
            retry_after: float | None = None
            try:
                status, data, retry_after = self._send(client, body, wait)
            except httpx.TimeoutException:
                if wait < self.timeout:
                    raise time_exceeded(limits) from None
                raise self._fail(
                    f"the model server at {self.url} did not answer within {self.timeout:g} s "
                    "(the model timeout, --model-timeout)"
                ) from None
            except httpx.ConnectError as exc:
                if attempt >= HTTP_RETRIES:
                    raise self._fail(
                        f"cannot connect to the model server at {self.url}: {exc} "
                        f"({attempt + 1} attempts); is it running? (--model-url)"
                    ) from None
                status, data = 0, b""
            except httpx.HTTPError as exc:
                raise self._fail(
                    f"the model server at {self.url} failed: {type(exc).__name__}: {exc}"
                ) from None
            else:
                if status == 200:
                    return self._json(data)
                if status != 429 and status < 500:
                    hint = {
                        401: "; check SKILLKIT_MODEL_API_KEY (or OPENAI_API_KEY)",
                        403: "; check SKILLKIT_MODEL_API_KEY (or OPENAI_API_KEY)",
                        404: "; check --model-url (usually ending in /v1) and --model",
                    }.get(status, "")
                    raise self._fail(
                        f"the model server at {self.url} refused the request: HTTP {status}: "
                        f"{_error_text(data)}{hint}"
                    )
                if attempt >= HTTP_RETRIES:
                    raise self._fail(
                        f"the model server at {self.url} answered HTTP {status} "
                        f"({_error_text(data)}) {attempt + 1} times; giving up"
                    )
            delay = min(RETRY_BASE_SECONDS * 2**attempt, RETRY_MAX_SECONDS)
            if retry_after is not None:
                delay = min(max(delay, retry_after), RETRY_MAX_SECONDS)
            if time.monotonic() + delay >= deadline:
                raise time_exceeded(limits)
            attempt += 1
            log.info(
                "model server %s: HTTP %s, retrying in %.1f s", self.url, status or "error", delay
            )
            if cancel is not None:
                if cancel.wait(delay):
                    raise Cancelled()
            else:
                time.sleep(delay)  # backoff between attempts, not synchronisation

    def _send(
        self, client: httpx.Client, body: bytes, wait: float
    ) -> tuple[int, bytes, float | None]:
        """One attempt: (status, body, Retry-After seconds), read within `wait` seconds."""
        timeout = httpx.Timeout(wait, connect=min(CONNECT_TIMEOUT_SECONDS, wait))
        until = time.monotonic() + wait
        with client.stream(
            "POST", self.endpoint, content=body, headers=self._headers(), timeout=timeout
        ) as response:
            retry_after = _seconds(response.headers.get("retry-after"))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    raise self._fail(
                        f"the model server at {self.url} sent more than "
                        f"{MAX_ANSWER_BYTES // (1024 * 1024)} MB"
                    )
                chunks.append(chunk)
                if time.monotonic() > until:
                    raise httpx.ReadTimeout("the answer took too long")
            return response.status_code, b"".join(chunks), retry_after

    def _json(self, data: bytes) -> dict[str, Any]:
        try:
            answer = json.loads(data)
        except (ValueError, RecursionError):
            answer = None
        if not isinstance(answer, dict) or not isinstance(answer.get("choices"), list):
            raise self._fail(
                f"the model server at {self.url} answered HTTP 200 without a chat completion "
                f"(no 'choices'): {_error_text(data)}"
            )
        return answer


def _first_choice(answer: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    choices = answer.get("choices") or []
    first = choices[0] if choices and isinstance(choices[0], dict) else {}
    message = first.get("message") if isinstance(first.get("message"), dict) else {}
    finish = first.get("finish_reason")
    return message, finish if isinstance(finish, str) else None


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _error_text(data: bytes) -> str:
    """The server's error message from an error body, one short line."""
    text = data[:4096].decode("utf-8", "replace")
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get("error", body.get("detail", body.get("message")))
        if isinstance(error, dict):
            error = error.get("message") or error
        if error is not None:
            text = error if isinstance(error, str) else json.dumps(error)
    return _one_line(text or "(empty body)", 200)


def _skill_name(job: Mapping[str, Any]) -> str:
    skills = job.get("skills") or []
    if skills and isinstance(skills[0], dict) and skills[0].get("name"):
        return str(skills[0]["name"])
    return "output"
