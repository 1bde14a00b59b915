"""How a server instance is configured: one dataclass shared by `skillkit serve` and in-process use."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Environment variables the server reads (documented in `skillkit serve --help`).
API_KEY_ENV = "SKILLKIT_SERVER_API_KEY"
WEBHOOK_SECRET_ENV = "SKILLKIT_WEBHOOK_SECRET"
# Test hook: seconds each prediction waits (interruptibly) before the engine runs, so a test
# can kill the server while a batch is in flight. Never set it in real use.
TEST_DELAY_ENV = "SKILLKIT_SERVER_TEST_DELAY"

DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024


@dataclass
class ServerSettings:
    """Settings of one server app.

    data_dir: where files and the SQLite database live; None makes a fresh temporary folder
        (removed when the app's runtime is closed).
    api_key: the Bearer key every route requires; None disables auth (for in-process use
        only: `skillkit serve` always has a key).
    skills_dirs: folders searched for `skill_reference` skills (by name and version).
    webhook_secret: HMAC-SHA256 key for `X-VLMRun-Signature`; None sends callbacks unsigned.
    url_allow_list: hosts `url` may point at (exact host, or `*.example.com`); empty refuses
        every URL.
    allow_private_urls: allow URLs resolving to private/loopback/link-local addresses.
    workers: background threads running predictions.
    job_delay_seconds: test hook (see TEST_DELAY_ENV); 0 in real use.
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
    webhook_attempts: int = 4
    webhook_backoff_seconds: float = 0.5
    fetch_timeout_seconds: float = 30.0

    @staticmethod
    def test_delay_from_env() -> float:
        """The test hook's delay, 0 when unset or malformed."""
        try:
            return max(0.0, float(os.environ.get(TEST_DELAY_ENV, "0") or 0))
        except ValueError:
            return 0.0
