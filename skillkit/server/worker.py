"""Background processing: a small pool of daemon threads that run predictions.

The pool starts lazily (on the first request or on ASGI lifespan startup, whichever comes
first), so the app also works in-process under `httpx.ASGITransport`, which runs no lifespan.
On start it resumes every prediction left pending or running (by a crash or a kill) and resends
undelivered webhooks. Threads are daemons: stopping the process never waits for a document;
what was running is simply run again after the restart.

Extraction runs in warm worker processes (skillkit.engine.pool), one job per process at a
time (so PDFium, which must never be called from two threads at once, is called once at a time
per process): a runaway job is killed at `settings.limits.seconds` and its process replaced,
a job's memory is capped at `settings.limits.memory_mb`, and the server's own threads only wait,
so every route stays responsive. The per-document limits (pages, characters, zip sizes,
pixels; skillkit.limits) travel with each job. `settings.isolate_engine = False` runs the engine
in this process instead (no time or memory limit; calls serialised by one lock), for debugging.
`settings.engine = "openai"` (skillkit.engine.model) sends each prediction to a model server
from the worker thread itself (no worker processes): `limits.seconds` bounds all its requests,
usage.steps counts them and usage.message carries the tokens.

Usage of a finished prediction: elements_processed = pages read, element_type from the engine,
credits_used = 0 (nothing is billed locally), duration_seconds rounded up to whole seconds.
A failed prediction carries its reason twice: `response = {"error": ...}` and `usage.message`.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import queue
import shutil
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillkit.engine.model import Cancelled, ModelEngine, ModelResult
from skillkit.engine.pool import EnginePool, PoolClosed
from skillkit.errors import SkillkitError, UsageError
from skillkit.server.models import FINAL_STATUSES, utc_now
from skillkit.server.settings import ServerSettings
from skillkit.server.store import PredictionRecord, Store
from skillkit.server.urls import FetchFailed, fetch_url
from skillkit.server.webhooks import WebhookSender

log = logging.getLogger("skillkit.server")

ENGINE_LOCK = threading.Lock()
ENGINE_NOTE = "skillkit local engine: deterministic, no model; no credits used"


@dataclass
class _Done:
    """A prediction's outcome, processed but not yet stored (--latency holds it until due)."""

    prediction_id: str
    status: str
    response: Any
    usage: dict[str, Any]


class Runtime:
    """Everything a running app owns besides its routes: store, workers, webhook sender."""

    def __init__(self, settings: ServerSettings, store: Store, *, temp_dir: Path | None = None):
        self.settings = settings
        self.store = store
        self.temp_dir = temp_dir
        self.stop = threading.Event()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._futures: dict[str, Future[PredictionRecord]] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._started = False
        self._closed = False
        # --latency: when each prediction is due (submitted + latency), and the processed ones
        # waiting for it (due time, order, outcome), none of them holding a worker
        self._due: dict[str, float] = {}
        self._delayed: list[tuple[float, int, _Done]] = []
        self._delayed_cv = threading.Condition()
        self._delayed_order = itertools.count()  # ties of due time: first submitted first
        self.pool: EnginePool | None = None
        # the model engine (skillkit.engine.model) runs in the worker threads: it waits on the
        # network, and limits.seconds bounds the whole prediction
        self.model_engine: ModelEngine | None = None
        if settings.engine == "openai":
            self.model_engine = ModelEngine.from_settings(settings)
        elif settings.engine != "deterministic":
            raise UsageError(f"unknown engine {settings.engine!r}; use 'deterministic' or 'openai'")
        self.webhooks = WebhookSender(
            secret=settings.webhook_secret,
            attempts=max(1, settings.webhook_attempts),
            backoff=settings.webhook_backoff_seconds,
            stop=self.stop,
            on_done=self._webhook_done,
        )

    # ------------------------------------------------------------------ lifecycle

    def ensure_started(self) -> None:
        """Start the workers once, then resume unfinished predictions and webhooks."""
        if self._started:
            return
        with self._lock:
            if self._started or self._closed:
                return
            if self.settings.isolate_engine and self.model_engine is None:
                # shared by every app of this process with the same memory limit; warmed now
                self.pool = EnginePool.shared(
                    max(1, self.settings.workers), self.settings.limits.memory_mb
                )
                self.pool.start()
            for n in range(max(1, self.settings.workers)):
                t = threading.Thread(target=self._work, name=f"skillkit-worker-{n}", daemon=True)
                t.start()
                self._threads.append(t)
            if self.settings.latency_seconds > 0:
                t = threading.Thread(target=self._release, name="skillkit-latency", daemon=True)
                t.start()
            self._started = True
        for prediction_id in self.store.unfinished_prediction_ids():
            log.info("resuming prediction %s", prediction_id)
            self.submit(prediction_id)
        for prediction_id in self.store.undelivered_callback_ids():
            record = self.store.get_prediction(prediction_id)
            if record is not None:
                self._send_webhook(record)

    def close(self) -> None:
        """Stop the workers (running jobs stay `running` and are resumed next start)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.stop.set()
        with self._delayed_cv:
            self._delayed_cv.notify_all()
        for _ in self._threads:
            self._queue.put(None)
        deadline = time.monotonic() + 2.0
        for t in self._threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))
        if all(not t.is_alive() for t in self._threads):
            self.store.close()
        if self.temp_dir is not None and all(not t.is_alive() for t in self._threads):
            shutil.rmtree(self.temp_dir, ignore_errors=True)

    # ------------------------------------------------------------------ queue

    def submit(self, prediction_id: str) -> Future[PredictionRecord]:
        """Queue a prediction (once); the future resolves to its final record."""
        self.ensure_started()
        with self._lock:
            fut = self._futures.get(prediction_id)
            if fut is not None:
                return fut
            fut = Future()
            self._futures[prediction_id] = fut
            if self.settings.latency_seconds > 0:
                self._due[prediction_id] = time.monotonic() + self.settings.latency_seconds
        self._queue.put(prediction_id)
        return fut

    def _release(self) -> None:
        """--latency: complete each processed prediction when its due time comes, so that
        any number of them wait at once while the workers stay free."""
        while not self.stop.is_set():
            with self._delayed_cv:
                if not self._delayed:
                    self._delayed_cv.wait()
                    continue
                wait = self._delayed[0][0] - time.monotonic()
                if wait > 0:
                    self._delayed_cv.wait(wait)
                    continue
                _, _, done = heapq.heappop(self._delayed)
            self._complete(done)  # the store's write, outside the lock the workers push under

    def _work(self) -> None:
        while not self.stop.is_set():
            prediction_id = self._queue.get()
            if prediction_id is None:
                return
            try:
                done = self.process(prediction_id)
            except Exception as exc:  # a bug, not a user error: keep the worker alive
                log.exception("prediction %s crashed the worker", prediction_id)
                self._resolve(prediction_id, exc)
                continue
            if not isinstance(done, _Done):  # already final, or stopped part-way
                self._resolve(prediction_id, done)
                continue
            with self._lock:
                due = self._due.pop(prediction_id, 0.0)
            if due > time.monotonic():  # --latency: not yet; the release thread completes it
                with self._delayed_cv:
                    heapq.heappush(self._delayed, (due, next(self._delayed_order), done))
                    self._delayed_cv.notify_all()
            else:
                self._complete(done)

    def _complete(self, done: _Done) -> None:
        try:
            record = self.finish(done)
        except Exception as exc:  # a bug, not a user error: keep the thread alive
            log.exception("prediction %s could not be stored", done.prediction_id)
            self._resolve(done.prediction_id, exc)
        else:
            self._resolve(done.prediction_id, record)

    def _resolve(self, prediction_id: str, outcome: PredictionRecord | Exception | None) -> None:
        """Settle the prediction's future (None: the server stopped before it finished)."""
        with self._lock:
            fut = self._futures.pop(prediction_id, None)
            self._due.pop(prediction_id, None)
        if fut is None or fut.done():
            return
        if isinstance(outcome, Exception):
            fut.set_exception(outcome)
        elif outcome is None:
            fut.set_exception(RuntimeError("the server is shutting down"))
        else:
            fut.set_result(outcome)

    # ------------------------------------------------------------------ one prediction

    def process(self, prediction_id: str) -> PredictionRecord | _Done | None:
        """Run one prediction's extraction: its outcome, to be stored by `finish`; the record
        when it is final already; None when stopped part-way."""
        record = self.store.get_prediction(prediction_id)
        if record is None:
            return None
        if record.status in FINAL_STATUSES:
            return record
        self.store.mark_running(prediction_id)
        delay = self.settings.job_delay_seconds
        if delay > 0 and self.stop.wait(delay):
            return None  # shutting down: left `running`, resumed after the restart
        started = time.monotonic()
        status, response, usage = "failed", None, {}
        try:
            extraction = self._extract(record)
        except (PoolClosed, Cancelled):
            return None  # shutting down: left `running`, resumed after the restart
        except (SkillkitError, FetchFailed) as exc:
            message = str(exc)
        except Exception as exc:
            log.exception("prediction %s failed unexpectedly", prediction_id)
            message = f"internal error in the local server: {type(exc).__name__}: {exc}"
        else:
            pages = int(getattr(extraction, "pages", 0) or 0)
            status, response = "completed", extraction.data
            usage = {
                "elements_processed": pages,
                "element_type": getattr(extraction, "element_type", "page") or "page",
                "credits_used": pages * self.settings.credits_per_page,
                "steps": 1,
                "message": ENGINE_NOTE,
            }
            if isinstance(extraction, ModelResult):  # steps, message with tokens, model_usage
                usage.update(extraction.usage())
            message = ""
        if status == "failed":
            response = {"error": message}
            usage = {"message": message}
        usage["duration_seconds"] = math.ceil(time.monotonic() - started)
        return _Done(prediction_id, status, response, usage)

    def finish(self, done: _Done) -> PredictionRecord | None:
        """Store a prediction's outcome (now `completed` or `failed`) and send its webhook."""
        self.store.finish_prediction(
            done.prediction_id,
            status=done.status,
            response=done.response,
            usage=done.usage,
            completed_at=utc_now(),
        )
        final = self.store.get_prediction(done.prediction_id)
        if final is not None and final.callback_url:
            self._send_webhook(final)
        return final

    def _document(self, record: PredictionRecord) -> Path:
        source = record.job["source"]
        if "file_id" in source:
            file = self.store.get_file(source["file_id"])
            if file is None:
                raise FetchFailed(f"file {source['file_id']} was deleted before it was processed")
            path = self.store.file_path(file)
            if not path.is_file():
                raise FetchFailed(f"file {file.id} is missing from the data dir")
            return path
        return fetch_url(
            source["url"],
            self.store.fetch_destination(),
            allow_list=self.settings.url_allow_list,
            allow_private=self.settings.allow_private_urls,
            max_bytes=self.settings.max_upload_bytes,
            timeout=self.settings.fetch_timeout_seconds,
        )

    def _document_name(self, record: PredictionRecord) -> str:
        """The uploaded file's own name (or the URL): what the user knows the document by."""
        source = record.job["source"]
        if "file_id" in source:
            file = self.store.get_file(source["file_id"])
            return file.filename if file is not None else source["file_id"]
        return source["url"]

    def _extract(self, record: PredictionRecord) -> Any:
        job = record.job
        path = self._document(record)
        options: dict[str, Any] = {
            "page_indices": job.get("page_indices"),
            "grounding": bool(job.get("grounding")),
            "confidence": bool(job.get("confidence")),
            "instructions": job.get("instructions"),
            "limits": self.settings.limits,
        }
        try:
            if self.model_engine is not None:
                return self.model_engine.extract(
                    path,
                    job,
                    limits=self.settings.limits,
                    cancel=self.stop,
                    name=self._document_name(record),
                )
            if self.pool is not None:
                return self.pool.extract(path, job["schema"], cancel=self.stop, **options)
            from skillkit.engine import extract

            with ENGINE_LOCK:
                return extract(path, job["schema"], **options)
        except SkillkitError as exc:
            if exc.path == str(path):  # name the user's document, not the data dir's copy
                exc.path = self._document_name(record)
            raise
        finally:
            if "url" in job["source"]:
                path.unlink(missing_ok=True)

    # ------------------------------------------------------------------ webhooks

    def _send_webhook(self, record: PredictionRecord) -> None:
        if not record.callback_url:
            return
        body = record.to_response().model_dump_json().encode()
        self.webhooks.send(record.id, record.callback_url, body)

    def _webhook_done(self, prediction_id: str, ok: bool) -> None:
        if self._closed:
            return
        self.store.set_callback_status(prediction_id, "delivered" if ok else "failed")
