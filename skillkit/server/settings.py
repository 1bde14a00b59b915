"""How a server instance is configured: one dataclass shared by `skillkit serve` and in-process use."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from skillkit.files import MAX_JSON_DEPTH as MAX_JSON_DEPTH  # one limit for all JSON
from skillkit.limits import Limits

# Environment variables the server reads (documented in `skillkit serve --help`).
API_KEY_ENV = "SKILLKIT_SERVER_API_KEY"
WEBHOOK_SECRET_ENV = "SKILLKIT_WEBHOOK_SECRET"
# Test hook: seconds each prediction waits (interruptibly) before the engine runs, so a test
# can kill the server while a batch is in flight. Never set it in real use.
TEST_DELAY_ENV = "SKILLKIT_SERVER_TEST_DELAY"

DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024
DEFAULT_SKILL_DOWNLOAD_SECONDS = 300.0  # a skill download URL's lifetime

# Fixed limits of the request surface (the README's "Security and limits" table lists them).
# (MAX_JSON_DEPTH, from skillkit.files, also bounds a JSON request body and a bundle's .json.)
MAX_LIST_SKIP = 2**31 - 1  # `skip` of the list routes
MAX_LIST_LIMIT = 1000  # `limit` of the list routes
MAX_PAGE_INDEX = 100_000  # largest `config.page_indices` entry
# (A client-chosen prediction `id` is held to models.PREDICTION_ID_PATTERN: 1..128 chars.)


@dataclass
class ServerSettings:
    """Settings of one server app.

    data_dir: where files and the SQLite database live; None makes a fresh temporary folder
        (removed when the app's runtime is closed).
    api_key: the Bearer key every route requires; None disables auth (for in-process use
        only: `skillkit serve` always has a key).
    skills_dirs: folders searched for `skill_reference` skills (by name and version).
    webhook_secret: HMAC-SHA256 key for `X-VLMRun-Signature`; None sends callbacks unsigned.
    url_allow_list: hosts `url` and `callback_url` may point at (exact host, or
        `*.example.com`); empty refuses every URL.
    allow_private_urls: allow URLs (documents and callbacks) resolving to
        private/loopback/link-local addresses.
    fetch_timeout_seconds: the whole download of one `url` document (redirects included).
    webhook_timeout_seconds: one webhook delivery attempt, as a whole.
    public_base_url: the server's own base (scheme://host:port) for the URLs it hands out
        (presigned uploads, skill downloads); None uses the address the server listens on, never the
        request's Host header.
    workers: background threads running predictions.
    skill_download_seconds: how long a skill download URL (GET /v1/skills/{id}/download)
        stays valid.
    job_delay_seconds: test hook (see TEST_DELAY_ENV); 0 in real use.
    latency_seconds: `skillkit serve --latency`: every prediction completes this long after
        it was submitted (later only when its extraction takes longer): the extraction runs at
        once and the finished ones wait without holding a worker, so that any number wait at
        once (a hosted service's latency, for load tests of clients such as
        benchmarks/run.py); 0 in real use.
    limits: per-job time and memory, per-document pages, characters, zip sizes and pixels
        (skillkit.limits has the table).
    isolate_engine: run extractions in worker processes, where the time and memory limits
        hold (False: in the server process, for debugging only).
    engine: `deterministic` (skillkit.engine, no model) or `openai`: every prediction is a
        chat-completions request to `model_url` (skillkit.engine.model; its API key only
        from SKILLKIT_MODEL_API_KEY or OPENAI_API_KEY), run in the worker threads, the whole
        prediction within `limits.seconds`.
    model_url, model: the OpenAI-compatible server's base URL (`.../v1`) and model name.
    model_timeout: seconds one request to the model server may take.
    """

    data_dir: Path | None = None
    api_key: str | None = None
    skills_dirs: list[Path] = field(default_factory=list)
    webhook_secret: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    url_allow_list: list[str] = field(default_factory=list)
    allow_private_urls: bool = False
    workers: int = 2
    job_delay_seconds: float = 0.0
    latency_seconds: float = 0.0
    webhook_attempts: int = 4
    webhook_backoff_seconds: float = 0.5
    fetch_timeout_seconds: float = 30.0
    limits: Limits = field(default_factory=Limits)
    isolate_engine: bool = True
    webhook_timeout_seconds: float = 10.0
    public_base_url: str | None = None
    skill_download_seconds: float = DEFAULT_SKILL_DOWNLOAD_SECONDS
    # Credits a completed prediction reports per page processed (usage.credits_used); 0 in
    # real use (nothing is billed locally); tests of `skillkit test --max-credits` set it.
    credits_per_page: int = 0
    engine: str = "deterministic"
    model_url: str | None = None
    model: str | None = None
    model_timeout: float = 120.0

    @staticmethod
    def test_delay_from_env() -> float:
        """The test hook's delay, 0 when unset or malformed."""
        try:
            return max(0.0, float(os.environ.get(TEST_DELAY_ENV, "0") or 0))
        except ValueError:
            return 0.0
