"""The server's state: uploaded files on disk plus SQLite (WAL) records for files and predictions.

Layout of a data dir:
    skillkit-server.db     files, predictions, registry skills and their download tokens
                           (SQLite, WAL journal)
    files/<id><suffix>     uploaded documents (the suffix tells the engine the format)
    fetched/<name><suffix> documents downloaded for `url` predictions (a fresh server-made name)
    skills/<sha256>.zip    bundles of the skill registry, named by their digest (content-addressed)
    .lock                  held (flock) while a server uses the folder: one server per data dir

Every path under the data dir is built from the server's own names (UUIDs, a checked suffix,
the hex digest the server computed), never from a value in a request. A data dir the server
creates is private (0700).

Everything a prediction needs to run (resolved schema, instructions, options) is stored with it,
so a prediction left pending or running by a crash is finished after the restart.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
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
    SkillInfo,
    SkillUsed,
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
CREATE TABLE IF NOT EXISTS skills (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    skill_version TEXT NOT NULL,
    description TEXT,
    bundle_sha256 TEXT NOT NULL,
    bundle_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (name, skill_version),
    UNIQUE (name, bundle_sha256)
);
CREATE TABLE IF NOT EXISTS skill_downloads (
    token_sha256 TEXT PRIMARY KEY,
    skill_id TEXT NOT NULL,
    expires_at REAL NOT NULL
);
"""
# The registry's list orders (the column each sorts by; ties by insertion order). Versions are
# immutable, so a version's updated_at is its created_at.
SKILL_ORDER_COLUMNS = {"created_at": "created_at", "updated_at": "created_at", "name": "name"}


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
            skills_used=_skills_used(self.job),
        )


def _skills_used(job: dict[str, Any]) -> list[SkillUsed] | None:
    """What the job recorded of its skills (jobs.build_job); a job stored before the registry
    existed has no version, id or source: they are derived or left null."""
    skills = job.get("skills")
    if not skills:
        return None
    return [
        SkillUsed(
            name=s.get("name"),
            skill_version=s.get("skill_version"),
            skill_id=s.get("skill_id"),
            bundle_sha256=s.get("sha256", ""),
            source=s.get("source") or ("inline" if s.get("origin") == "inline" else "skills_dir"),
        )
        for s in skills
    ]


@dataclass
class SkillRecord:
    """One immutable version of a registry skill; its bundle is `skills/<bundle_sha256>.zip`."""

    id: str
    name: str
    skill_version: str
    description: str | None
    bundle_sha256: str
    bundle_bytes: int
    created_at: datetime
    seq: int = 0

    def to_response(self) -> SkillInfo:
        return SkillInfo(
            id=self.id,
            name=self.name,
            description=self.description,
            skill_version=self.skill_version,
            version=self.skill_version,
            created_at=self.created_at,
            updated_at=self.created_at,
            status="completed",
            is_public=False,
            bundle_sha256=self.bundle_sha256,
        )


class VersionClash(Exception):
    """Another bundle already holds this name and version (same day, same 8 hex)."""


class DuplicatePrediction(Exception):
    """A prediction with this id is already stored (the request gets a 409)."""


class Store:
    """Thread-safe access to one data dir (a single connection guarded by a lock)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.files_dir = data_dir / "files"
        self.fetched_dir = data_dir / "fetched"
        self.skills_dir = data_dir / "skills"
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            self.files_dir.mkdir(mode=0o700, exist_ok=True)
            self.fetched_dir.mkdir(mode=0o700, exist_ok=True)
            self.skills_dir.mkdir(mode=0o700, exist_ok=True)
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

    # ------------------------------------------------------------------ skill registry

    def skill_bundle_path(self, record: SkillRecord) -> Path:
        """The bundle's file: named by the digest the server computed, never by a request."""
        digest = record.bundle_sha256
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"not a sha256 hex digest: {digest[:80]!r}")
        return self.skills_dir / f"{digest}.zip"

    def read_skill_bundle(self, record: SkillRecord) -> bytes:
        return self.skill_bundle_path(record).read_bytes()

    def add_skill(self, record: SkillRecord, zip_bytes: bytes) -> tuple[SkillRecord, bool]:
        """Store a new version, or find the one this name already has for these bytes:
        (record, True) when stored, (the existing record, False) when the digest was
        published before under this name. VersionClash when another bundle holds the version.

        The check and the insert run under the store's lock (one server per data dir), so two
        concurrent publishes of one bundle give one version."""
        with self._lock:
            existing = self._skill_where("name = ? AND bundle_sha256 = ?",
                                         (record.name, record.bundle_sha256))  # fmt: skip
            if existing is not None:
                return existing, False
            if self.skill_version_of(record.name, record.skill_version) is not None:
                raise VersionClash(f"{record.name}@{record.skill_version}")
            path = self.skill_bundle_path(record)
            if not path.is_file():
                tmp = path.with_name(f".{uuid.uuid4().hex}.tmp")
                try:
                    tmp.write_bytes(zip_bytes)
                    os.replace(tmp, path)
                finally:
                    tmp.unlink(missing_ok=True)
            cur = self._exec(
                "INSERT INTO skills (id, name, skill_version, description, bundle_sha256, "
                "bundle_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.name,
                    record.skill_version,
                    record.description,
                    record.bundle_sha256,
                    record.bundle_bytes,
                    record.created_at.isoformat(timespec="microseconds"),
                ),
            )
            record.seq = int(cur.lastrowid or 0)
            return record, True

    @staticmethod
    def _skill(row: sqlite3.Row) -> SkillRecord:
        return SkillRecord(
            id=row["id"],
            name=row["name"],
            skill_version=row["skill_version"],
            description=row["description"],
            bundle_sha256=row["bundle_sha256"],
            bundle_bytes=row["bundle_bytes"],
            created_at=_dt(row["created_at"]) or utc_now(),
            seq=row["seq"],
        )

    def _skill_where(self, where: str, params: tuple[Any, ...]) -> SkillRecord | None:
        rows = self._rows(
            f"SELECT * FROM skills WHERE {where} ORDER BY created_at DESC, seq DESC LIMIT 1",
            params,
        )
        return self._skill(rows[0]) if rows else None

    def get_skill(self, skill_id: str) -> SkillRecord | None:
        return self._skill_where("id = ?", (skill_id,))

    def latest_skill(self, name: str) -> SkillRecord | None:
        """The newest version of `name`: by creation time, ties by insertion order."""
        return self._skill_where("name = ?", (name,))

    def skill_version_of(self, name: str, version: str) -> SkillRecord | None:
        return self._skill_where("name = ? AND skill_version = ?", (name, version))

    def skill_versions(self, name: str, limit: int = 20) -> list[str]:
        """The newest versions of `name` (for messages that say what is known)."""
        rows = self._rows(
            "SELECT skill_version FROM skills WHERE name = ? "
            "ORDER BY created_at DESC, seq DESC LIMIT ?",
            (name, limit),
        )
        return [r["skill_version"] for r in rows]

    def list_skills(
        self, *, limit: int, offset: int, order_by: str, descending: bool, grouped: bool
    ) -> list[SkillRecord]:
        """A page of versions; `grouped`: only the newest version of each name."""
        column = SKILL_ORDER_COLUMNS[order_by]  # a fixed column name, never request text
        direction = "DESC" if descending else "ASC"
        source = "skills"
        if grouped:
            source = (
                "(SELECT *, ROW_NUMBER() OVER (PARTITION BY name "
                "ORDER BY created_at DESC, seq DESC) AS newest FROM skills) WHERE newest = 1"
            )
        rows = self._rows(
            f"SELECT * FROM {source} ORDER BY {column} {direction}, seq {direction} "
            "LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [self._skill(r) for r in rows]

    def add_download_token(self, token_sha256: str, skill_id: str, expires_at: float) -> None:
        """Remember a download URL's token (its digest only); expired ones are dropped."""
        with self._lock:
            self._exec("DELETE FROM skill_downloads WHERE expires_at < ?", (time.time(),))
            self._exec(
                "INSERT INTO skill_downloads (token_sha256, skill_id, expires_at) VALUES (?, ?, ?)",
                (token_sha256, skill_id, expires_at),
            )

    def download_token(self, token_sha256: str) -> tuple[str, float] | None:
        """(skill id, expiry as a Unix time) of a token, None when unknown."""
        rows = self._rows(
            "SELECT skill_id, expires_at FROM skill_downloads WHERE token_sha256 = ?",
            (token_sha256,),
        )
        return (rows[0]["skill_id"], float(rows[0]["expires_at"])) if rows else None
