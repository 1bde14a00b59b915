"""Delivering `callback_url` webhooks: signed, retried with backoff, off the request path.

The body is the final PredictionResponse JSON; the header
`X-VLMRun-Signature: sha256=<hex HMAC-SHA256 of the raw body>` uses the server's webhook
secret (no header when the server has none). Each delivery runs in its own daemon thread so a
slow receiver never holds up predictions or other webhooks. Retried on connection errors,
408, 429 and 5xx; other answers are final. The outcome is stored, and deliveries still pending
when the server stopped are sent again after a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable

import httpx

from skillkit import __version__

log = logging.getLogger("skillkit.server")

SIGNATURE_HEADER = "X-VLMRun-Signature"
RETRY_STATUSES = frozenset({408, 425, 429})


def sign(body: bytes, secret: str) -> str:
    """The header value for `body`: `sha256=<hex digest>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(
    url: str,
    body: bytes,
    *,
    secret: str | None,
    attempts: int,
    backoff: float,
    stop: threading.Event,
    timeout: float = 10.0,
) -> bool:
    """POST `body` to `url` until a 2xx, a final refusal, or the attempts run out."""
    headers = {"Content-Type": "application/json", "User-Agent": f"skillkit-server/{__version__}"}
    if secret:
        headers[SIGNATURE_HEADER] = sign(body, secret)
    delay = backoff
    for attempt in range(1, attempts + 1):
        try:
            resp = httpx.post(url, content=body, headers=headers, timeout=timeout)
            if 200 <= resp.status_code < 300:
                return True
            retry = resp.status_code in RETRY_STATUSES or resp.status_code >= 500
            log.warning("webhook %s answered HTTP %s (attempt %d)", url, resp.status_code, attempt)
            if not retry:
                return False
        except httpx.HTTPError as exc:
            log.warning("webhook %s failed: %s (attempt %d)", url, exc, attempt)
        if attempt < attempts and stop.wait(delay):
            return False  # shutting down: stays pending, sent again after a restart
        delay *= 2
    return False


class WebhookSender:
    """Starts one daemon thread per delivery and reports the outcome through `on_done`."""

    def __init__(
        self,
        *,
        secret: str | None,
        attempts: int,
        backoff: float,
        stop: threading.Event,
        on_done: Callable[[str, bool], None],
    ):
        self.secret = secret
        self.attempts = attempts
        self.backoff = backoff
        self.stop = stop
        self.on_done = on_done
        self._lock = threading.Lock()
        self._active: set[str] = set()

    def send(self, prediction_id: str, url: str, body: bytes) -> None:
        with self._lock:
            if prediction_id in self._active:
                return
            self._active.add(prediction_id)

        def run() -> None:
            try:
                ok = deliver(
                    url,
                    body,
                    secret=self.secret,
                    attempts=self.attempts,
                    backoff=self.backoff,
                    stop=self.stop,
                )
                if not self.stop.is_set() or ok:
                    self.on_done(prediction_id, ok)
            except Exception:  # never let a webhook take the server down
                log.exception("webhook delivery for %s crashed", prediction_id)
            finally:
                with self._lock:
                    self._active.discard(prediction_id)

        threading.Thread(target=run, name=f"webhook-{prediction_id[:8]}", daemon=True).start()
