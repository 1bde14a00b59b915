"""Delivering `callback_url` webhooks: signed, retried with backoff, off the request path.

The body is the final PredictionResponse JSON; the header
`X-VLMRun-Signature: sha256=<hex HMAC-SHA256 of the raw body>` uses the server's webhook
secret (no header when the server has none). Each delivery runs in its own daemon thread so a
slow receiver never holds up predictions or other webhooks. Retried on connection errors,
408, 429 and 5xx; other answers are final. The outcome is stored, and deliveries still pending
when the server stopped are sent again after a restart.

Every delivery goes through `skillkit.server.urls.open_url`, under the same allow-list and
private-address rules as `url` documents, checked against the address actually connected to
(DNS rebinding cannot move it); redirects are not followed. A refused URL is never POSTed:
the callback is marked failed at once. One attempt is bounded as a whole by `timeout`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
from collections.abc import Callable

from skillkit.server.urls import Deadline, FetchFailed, UrlPolicy, UrlRefused, open_url

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
    policy: UrlPolicy,
    timeout: float = 10.0,
) -> bool:
    """POST `body` to `url` until a 2xx, a final refusal, or the attempts run out."""
    headers = [("Content-Type", "application/json")]
    if secret:
        headers.append((SIGNATURE_HEADER, sign(body, secret)))
    delay = backoff
    for attempt in range(1, attempts + 1):
        try:
            with open_url(
                "POST",
                url,
                policy=policy,
                deadline=Deadline(timeout),
                headers=headers,
                content=body,
            ) as resp:
                status = resp.status
            if 200 <= status < 300:
                return True
            retry = status in RETRY_STATUSES or status >= 500
            log.warning("webhook %s answered HTTP %s (attempt %d)", url, status, attempt)
            if not retry:
                return False
        except UrlRefused as exc:
            log.warning("webhook %s refused, not sent: %s", url, exc)
            return False
        except FetchFailed as exc:
            log.warning("webhook %s failed: %s (attempt %d)", url, exc, attempt)
        if attempt < attempts and stop.wait(delay):
            return False  # shutting down: stays pending, sent again after a restart
        delay *= 2
    return False


class WebhookSender:
    """Starts one daemon thread per delivery and reports the outcome through `on_done`.

    `policy` says which callback URLs may be reached; the default refuses every one (the app
    sets the server's policy, the same as for `url` documents)."""

    def __init__(
        self,
        *,
        secret: str | None,
        attempts: int,
        backoff: float,
        stop: threading.Event,
        on_done: Callable[[str, bool], None],
        policy: UrlPolicy | None = None,
        timeout: float = 10.0,
    ):
        self.policy = policy or UrlPolicy()
        self.timeout = timeout
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
                    policy=self.policy,
                    timeout=self.timeout,
                )
                if not self.stop.is_set() or ok:
                    self.on_done(prediction_id, ok)
            except Exception:  # never let a webhook take the server down
                log.exception("webhook delivery for %s crashed", prediction_id)
            finally:
                with self._lock:
                    self._active.discard(prediction_id)

        threading.Thread(target=run, name=f"webhook-{prediction_id[:8]}", daemon=True).start()
