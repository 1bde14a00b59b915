"""The server's state: uploaded files on disk plus SQLite (WAL) records for files and predictions.

Layout of a data dir:
    skillkit-server.db     files and predictions (SQLite, WAL journal)
    files/<id><suffix>     uploaded documents (the suffix tells the engine the format)
    fetched/<name><suffix> documents downloaded for `url` predictions (a fresh server-made name)
    .lock                  held (flock) while a server uses the folder: one server per data dir

Every path under the data dir is built from the server's own names (UUIDs and a checked
suffix), never from a value in a request. A data dir the server creates is private (0700).

Everything a prediction needs to run (resolved schema, instructions, options) is stored with it,
so a prediction left pending or running by a crash is finished after the restart.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from skillkit.errors import UsageError
from skillkit.server.models import (
    CreditUsageResponse,
    FileResponse,
    PredictionResponse,
    utc_now,
)

try:  # POSIX only; elsewhere one-server-per-dir is simply not enforced
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

DB_NAME = "skillkit-server.db"
UNFINISHED = ("pending", "enqueued", "running")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY,
    filename TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    md5 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'ready',
    upload_token TEXT
);
CREATE INDEX IF NOT EXISTS files_md5 ON files (md5);
CREATE TABLE IF NOT EXISTS predictions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT,
    status TEXT NOT NULL,
    domain TEXT,
    response_json TEXT,
    usage_json TEXT NOT NULL,
    job_json TEXT NOT NULL,
    callback_url TEXT,
    callback_status TEXT
);
CREATE INDEX IF NOT EXISTS predictions_status ON predictions (status);
"""


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass
class FileRecord:
    id: str
    filename: str
    bytes: int
    purpose: str
    md5: str
    created_at: datetime
    stored_name: str
    state: str = "ready"  # "awaiting_upload" for a presigned upload not yet PUT
    upload_token: str | None = None

    def to_response(self) -> FileResponse:
        return FileResponse(
            id=self.id,
            filename=self.filename,
            bytes=self.bytes,
            purpose=self.purpose,  # type: ignore[arg-type]
            created_at=self.created_at,
        )


@dataclass
class PredictionRecord:
    id: str
    created_at: datetime
    status: str
    job: dict[str, Any]
    domain: str | None = None
    completed_at: datetime | None = None
    response: Any = None
    usage: dict[str, Any] = field(default_factory=dict)
    callback_url: str | None = None
    callback_status: str | None = None  # pending | delivered | failed

    def to_response(self) -> PredictionResponse:
        return PredictionResponse(
            id=self.id,
            created_at=self.created_at,
            completed_at=self.completed_at,
            status=self.status,  # type: ignore[arg-type]
            response=self.response,
            usage=CreditUsageResponse(**self.usage),
            domain=self.domain,
        )


class DuplicatePrediction(Exception):
    """A prediction with this id is already stored (the request gets a 409)."""


class Store:
    """Thread-safe access to one data dir (a single connection guarded by a lock)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.files_dir = data_dir / "files"
        self.fetched_dir = data_dir / "fetched"
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.files_dir.mkdir(mode=0o700, exist_ok=True)
            self.fetched_dir.mkdir(mode=0o700, exist_ok=True)
            probe = data_dir / ".write-probe"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UsageError(
                f"cannot write to the data dir ({exc.strerror or exc}); "
                "pick another with --data-dir",
                path=data_dir,
            ) from exc
        self._lock_fh = self._acquire_dir_lock()
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(
                str(data_dir / DB_NAME), check_same_thread=False, isolation_level=None
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._release_dir_lock()
            raise UsageError(
                f"cannot open the server database {DB_NAME}: {exc}", path=data_dir
            ) from exc

    # ------------------------------------------------------------------ lifecycle

    def _acquire_dir_lock(self) -> Any:
        if fcntl is None:  # pragma: no cover
            return None
        fh = open(self.data_dir / ".lock", "a+")  # noqa: SIM115 - held for the store's life
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise UsageError(
                "another skillkit server is using this data dir; stop it or pick another "
                "with --data-dir",
                path=self.data_dir,
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        return fh

    def _release_dir_lock(self) -> None:
        if self._lock_fh is not None:
            self._lock_fh.close()
            self._lock_fh = None

    def close(self) -> None:
        with self._lock:
            self._db.close()
        self._release_dir_lock()

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # ------------------------------------------------------------------ files

    def file_path(self, record: FileRecord) -> Path:
        return self.files_dir / record.stored_name

    def fetch_destination(self) -> Path:
        """Where a `url` document is downloaded to (plus a suffix): a fresh name of the
        server's own, never the prediction's client-chosen id."""
        return self.fetched_dir / uuid.uuid4().hex

    def add_file(self, record: FileRecord) -> None:
        self._exec(
            "INSERT INTO files (id, filename, bytes, purpose, md5, created_at, stored_name, "
            "state, upload_token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.filename,
                record.bytes,
                record.purpose,
                record.md5,
                _iso(record.created_at),
                record.stored_name,
                record.state,
                record.upload_token,
            ),
        )

    def claim_upload(self, file_id: str) -> bool:
        """Atomically move a presigned upload from awaiting to uploading: of two concurrent
        PUTs exactly one gets True."""
        cur = self._exec(
            "UPDATE files SET state = 'uploading' WHERE id = ? AND state = 'awaiting_upload'",
            (file_id,),
        )
        return cur.rowcount == 1

    def release_upload(self, file_id: str) -> None:
        """A claimed upload that failed part-way: the URL may be used again."""
        self._exec(
            "UPDATE files SET state = 'awaiting_upload' WHERE id = ? AND state = 'uploading'",
            (file_id,),
        )

    def finish_upload(self, file_id: str, *, size: int, md5: str) -> bool:
        """The claimed upload arrived; False when the file was deleted meanwhile."""
        cur = self._exec(
            "UPDATE files SET bytes = ?, md5 = ?, state = 'ready' "
            "WHERE id = ? AND state = 'uploading'",
            (size, md5, file_id),
        )
        return cur.rowcount == 1

    @staticmethod
    def _file(row: sqlite3.Row) -> FileRecord:
        return FileRecord(
            id=row["id"],
            filename=row["filename"],
            bytes=row["bytes"],
            purpose=row["purpose"],
            md5=row["md5"],
            created_at=_dt(row["created_at"]) or utc_now(),
            stored_name=row["stored_name"],
            state=row["state"],
            upload_token=row["upload_token"],
        )

    def get_file(self, file_id: str, *, any_state: bool = False) -> FileRecord | None:
        rows = self._rows("SELECT * FROM files WHERE id = ?", (file_id,))
        if not rows:
            return None
        record = self._file(rows[0])
        if record.state != "ready" and not any_state:
            return None
        return record

    def get_file_by_md5(self, md5: str) -> FileRecord | None:
        rows = self._rows(
            "SELECT * FROM files WHERE md5 = ? AND state = 'ready' "
            "ORDER BY created_at DESC LIMIT 1",
            (md5.lower(),),
        )
        return self._file(rows[0]) if rows else None

    def list_files(self, skip: int, limit: int) -> list[FileRecord]:
        rows = self._rows(
            "SELECT * FROM files WHERE state = 'ready' ORDER BY created_at DESC, id "
            "LIMIT ? OFFSET ?",
            (limit, skip),
        )
        return [self._file(r) for r in rows]

    def delete_file(self, file_id: str) -> FileRecord | None:
        with self._lock:
            record = self.get_file(file_id, any_state=True)
            if record is None:
                return None
            self._exec("DELETE FROM files WHERE id = ?", (file_id,))
        self.file_path(record).unlink(missing_ok=True)
        return record

    # ------------------------------------------------------------------ predictions

    def add_prediction(self, record: PredictionRecord) -> None:
        """Store a new prediction; DuplicatePrediction when its id is taken (also when two
        requests with one id race: the UNIQUE constraint decides)."""
        try:
            self._insert_prediction(record)
        except sqlite3.IntegrityError as exc:
            raise DuplicatePrediction(record.id) from exc

    def _insert_prediction(self, record: PredictionRecord) -> None:
        self._exec(
            "INSERT INTO predictions (id, created_at, completed_at, status, domain, "
            "response_json, usage_json, job_json, callback_url, callback_status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                _iso(record.created_at),
                _iso(record.completed_at),
                record.status,
                record.domain,
                json.dumps(record.response) if record.response is not None else None,
                json.dumps(record.usage),
                json.dumps(record.job),
                record.callback_url,
                record.callback_status,
            ),
        )

    def prediction_exists(self, prediction_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM predictions WHERE id = ?", (prediction_id,)))

    @staticmethod
    def _prediction(row: sqlite3.Row) -> PredictionRecord:
        return PredictionRecord(
            id=row["id"],
            created_at=_dt(row["created_at"]) or utc_now(),
            completed_at=_dt(row["completed_at"]),
            status=row["status"],
            domain=row["domain"],
            response=json.loads(row["response_json"]) if row["response_json"] else None,
            usage=json.loads(row["usage_json"]),
            job=json.loads(row["job_json"]),
            callback_url=row["callback_url"],
            callback_status=row["callback_status"],
        )

    def get_prediction(self, prediction_id: str) -> PredictionRecord | None:
        rows = self._rows("SELECT * FROM predictions WHERE id = ?", (prediction_id,))
        return self._prediction(rows[0]) if rows else None

    def list_predictions(self, skip: int, limit: int) -> list[PredictionRecord]:
        rows = self._rows(
            "SELECT * FROM predictions ORDER BY seq DESC LIMIT ? OFFSET ?", (limit, skip)
        )
        return [self._prediction(r) for r in rows]

    def mark_running(self, prediction_id: str) -> None:
        self._exec(
            "UPDATE predictions SET status = 'running' WHERE id = ? AND status IN (?, ?, ?)",
            (prediction_id, *UNFINISHED),
        )

    def finish_prediction(
        self,
        prediction_id: str,
        *,
        status: str,
        response: Any,
        usage: dict[str, Any],
        completed_at: datetime,
    ) -> None:
        self._exec(
            "UPDATE predictions SET status = ?, response_json = ?, usage_json = ?, "
            "completed_at = ? WHERE id = ?",
            (status, json.dumps(response), json.dumps(usage), _iso(completed_at), prediction_id),
        )

    def set_callback_status(self, prediction_id: str, status: str) -> None:
        self._exec(
            "UPDATE predictions SET callback_status = ? WHERE id = ?", (status, prediction_id)
        )

    def unfinished_prediction_ids(self) -> list[str]:
        rows = self._rows(
            "SELECT id FROM predictions WHERE status IN (?, ?, ?) ORDER BY seq", UNFINISHED
        )
        return [r["id"] for r in rows]

    def undelivered_callback_ids(self) -> list[str]:
        rows = self._rows(
            "SELECT id FROM predictions WHERE callback_status = 'pending' AND status IN "
            "('completed', 'failed') ORDER BY seq"
        )
        return [r["id"] for r in rows]
