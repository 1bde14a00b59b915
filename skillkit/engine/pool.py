"""Run extractions in warm worker processes that can be bounded and killed.

The engine is plain Python under the GIL: a runaway extraction in the server process would
stop every route. Here each extraction runs in a child process instead:

- **Warm.** A child imports the engine and its readers' libraries (pypdfium2, python-docx,
  jsonschema, regex) once at start, then serves one job after another; a job only ever goes
  to a child that is ready. `start()` warms one child; more start on demand, up to `size`
  (see EnginePool). One pool serves every server app of the process that asks for the same
  memory limit (`EnginePool.shared`), so tests and `skillkit test --local` pay the start-up
  once.
- **Time.** The parent waits for the answer with a wall-clock deadline (`limits.seconds`); at
  the deadline it kills the child (its whole process group: an OCR subprocess too) and starts
  a fresh one. The job fails with `time limit exceeded (N s)`. A child whose parent is gone
  stops itself (SIGALRM a little after the deadline).
- **Memory.** A child caps its address space (RLIMIT_AS) at what it holds when warm plus
  `limits.memory_mb`, so a job that allocates past it gets a MemoryError, reported as
  `memory limit exceeded (N MB)`, and the child is replaced. (POSIX; elsewhere only the
  per-document limits and the time limit apply.)
- **PDFium.** A child runs one job at a time on one thread, so PDFium is called once at a
  time per process, as it requires (the pdf reader's lock still guards in-process callers).

Protocol: frames of an 8-byte length and JSON (never pickle: the parent does not unpickle
what a process reading hostile documents sends), over the child's stdin and stdout (the
child moves its own stdout to stderr, so a library that prints cannot corrupt a frame). The
child answers ("ready", pid) once, then one reply per job: ("ok", result), ("error", ...),
("memory",) or ("internal", text), each followed by a flag: True when the child should be
replaced (it came close to its memory cap).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillkit.errors import EngineError, SkillkitError
from skillkit.limits import DEFAULT_LIMITS, Limits, memory_exceeded, time_exceeded

log = logging.getLogger("skillkit.engine")

STARTUP_TIMEOUT_SECONDS = 120.0  # a child that cannot import the engine in this long is broken
MAX_JOBS_PER_PROCESS = 500  # then the child is replaced (bounds slow leaks and fragmentation)
ORPHAN_GRACE_SECONDS = 10.0  # a child outlives its deadline by this much only when orphaned
_HEADER = struct.Struct(">Q")
_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the skillkit package
# Modules a child imports before it says it is ready (optional ones may be missing).
# python-pptx (and the Pillow it pulls in) is left to the first PPTX job: it is slow to import
# and rarely needed.
PRELOAD = (
    "skillkit.engine.extract",
    "skillkit.engine.readers.pdf",
    "skillkit.engine.readers.docx",
    "skillkit.engine.readers.pptx",
    "skillkit.engine.readers.html",
    "skillkit.engine.readers.text",
    "skillkit.engine.readers.csv",
    "pypdfium2",
    "pypdfium2.raw",
    "docx",
    "regex",
)


@dataclass
class Result:
    """What an extraction in a worker gives back (the fields of engine.Extraction)."""

    data: dict
    pages: int
    element_type: str


class PoolClosed(Exception):
    """The pool was closed (or the job cancelled) before the job finished."""


# --------------------------------------------------------------------------- frames


def _write_frame(stream: Any, obj: Any) -> None:
    body = json.dumps(obj, separators=(",", ":")).encode()
    view = memoryview(_HEADER.pack(len(body)) + body)
    while view:  # an unbuffered pipe may take a large frame in parts
        view = view[stream.write(view) :]


def _read_exact(stream: Any, n: int) -> bytes | None:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream: Any) -> Any:
    """The next object, or EOFError when the other side is gone."""
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        raise EOFError
    body = _read_exact(stream, _HEADER.unpack(header)[0])
    if body is None:
        raise EOFError
    return json.loads(body)


# --------------------------------------------------------------------------- the parent side


class _Worker:
    """One child process and its pipes. A thread reads its "ready" frame, so a job is only
    ever handed to a warm worker (`ready`); `failed` says why one never got there."""

    def __init__(self, memory_mb: int, on_ready: Any) -> None:
        # `-c` puts the working directory first on sys.path: replace it with skillkit's own
        # root, so a stray json.py where the server was started is never imported
        code = (
            f"import sys; sys.path[:1] = [{_ROOT!r}]; "
            "from skillkit.engine.pool import child_main; child_main()"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            start_new_session=os.name == "posix",  # its own process group, killed as one
        )
        self.ready = False
        self.failed: str | None = None
        self.jobs = 0
        self.expired = False
        self.cancelled = False
        self.retire = False
        threading.Thread(
            target=self._await_ready, args=(on_ready,), name="skillkit-engine-start", daemon=True
        ).start()

    def _await_ready(self, on_ready: Any) -> None:
        done = threading.Event()
        watchdog = self._watch(STARTUP_TIMEOUT_SECONDS, None, done)
        try:
            hello = _read_frame(self.proc.stdout)
        except (EOFError, OSError, ValueError):
            hello = None
        finally:
            done.set()
            watchdog.join()
        if isinstance(hello, list) and hello[:1] == ["ready"]:
            self.ready = True
        else:
            how = "did not start in time" if self.expired else f"stopped ({self.died()})"
            self.failed = f"the local engine's worker process {how} while starting; see the log"
        on_ready()

    @property
    def alive(self) -> bool:
        return (
            self.failed is None
            and not (self.expired or self.cancelled or self.retire)
            and self.proc.poll() is None
        )

    def signal_kill(self) -> None:
        """SIGKILL the child's process group (an OCR subprocess included)."""
        if self.proc.poll() is None:
            try:
                if os.name == "posix":
                    os.killpg(self.proc.pid, signal.SIGKILL)
                else:  # pragma: no cover
                    self.proc.kill()
            except (ProcessLookupError, PermissionError):
                pass

    def stop(self, timeout: float = 1.0) -> None:
        """Ask the child to leave (EOF on its stdin), kill it if it does not, reap it."""
        try:
            self.proc.stdin.close()  # type: ignore[union-attr]
        except OSError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal_kill()
            self.proc.wait()
        try:
            self.proc.stdout.close()  # type: ignore[union-attr]
        except OSError:
            pass

    def died(self) -> str:
        code = self.proc.wait()
        if code < 0:
            try:
                return f"killed by signal {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"

    def _watch(
        self, seconds: float, cancel: threading.Event | None, done: threading.Event
    ) -> threading.Thread:
        """A watchdog thread: kills the child at the deadline, or when `cancel` is set,
        unless `done` is set first."""
        deadline = time.monotonic() + seconds

        def watch() -> None:
            while not done.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    self.expired = True
                    self.signal_kill()
                    return
                if cancel is not None and cancel.is_set():
                    self.cancelled = True
                    self.signal_kill()
                    return
                done.wait(min(left, 0.05) if cancel is not None else left)

        thread = threading.Thread(target=watch, name="skillkit-engine-watchdog", daemon=True)
        thread.start()
        return thread

    def run(self, job: dict, limits: Limits, cancel: threading.Event | None) -> Any:
        """Send one job and wait for its reply within `limits.seconds`."""
        self.jobs += 1
        try:
            _write_frame(self.proc.stdin, job)
        except (BrokenPipeError, OSError, ValueError):
            self.retire = True
            raise EngineError(
                f"the local engine's worker process stopped ({self.died()}); see the log"
            ) from None
        done = threading.Event()
        watchdog = self._watch(limits.seconds, cancel, done)
        try:
            reply = _read_frame(self.proc.stdout)
        except (EOFError, OSError, ValueError):
            reply = None
        finally:
            done.set()
            watchdog.join()
        if self.cancelled:
            raise PoolClosed
        if self.expired:
            raise time_exceeded(limits, job["path"])
        if reply is None:
            self.retire = True
            raise EngineError(
                f"the extraction process died ({self.died()}); the document may be damaged, "
                f"or need more than the memory limit ({limits.memory_mb} MB)",
                path=job["path"],
            )
        *reply, recycle = reply
        if recycle or self.jobs >= MAX_JOBS_PER_PROCESS or reply[0] == "memory":
            self.retire = True  # after a MemoryError the child leaves by itself
        return reply


class EnginePool:
    """Up to `size` warm worker processes with one memory limit; a job takes the first warm
    one that is free. Workers are added on demand: when there is none, or when a job has
    waited GROW_AFTER_SECONDS for one (so a short run warms one process, not `size`, while a
    runaway job never blocks the others for long)."""

    GROW_AFTER_SECONDS = 1.0
    _shared: dict[int, EnginePool] = {}
    _shared_lock = threading.Lock()

    def __init__(self, size: int = 2, *, memory_mb: int = DEFAULT_LIMITS.memory_mb) -> None:
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self._workers: list[_Worker] = []  # every live worker, idle or busy
        self._idle: list[_Worker] = []
        self._cond = threading.Condition()
        self._closed = False
        self._finalizer = weakref.finalize(self, _stop_all, self._workers)

    @classmethod
    def shared(cls, size: int, memory_mb: int) -> EnginePool:
        """The process-wide pool for `memory_mb`, grown to at least `size` workers."""
        with cls._shared_lock:
            pool = cls._shared.get(memory_mb)
            if pool is None or pool._closed:
                pool = cls._shared[memory_mb] = cls(size, memory_mb=memory_mb)
            else:
                with pool._cond:
                    pool.size = max(pool.size, size)
            return pool

    @property
    def processes(self) -> list[int]:
        """The pids of the worker processes (for tests and benchmarks)."""
        with self._cond:
            return [w.proc.pid for w in self._workers if w.proc.poll() is None]

    def _notify(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def _spawn(self) -> None:  # with self._cond held
        worker = _Worker(self.memory_mb, self._notify)
        self._workers.append(worker)
        self._idle.append(worker)

    def start(self) -> None:
        """Warm one worker now, unless the pool has one."""
        with self._cond:
            if not self._closed and not self._workers:
                self._spawn()

    def close(self) -> None:
        """Stop every worker; running jobs fail with PoolClosed."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._finalizer()

    def _discard(self, worker: _Worker) -> None:  # with self._cond held
        if worker in self._workers:
            self._workers.remove(worker)
        if worker in self._idle:
            self._idle.remove(worker)
        threading.Thread(target=worker.stop, daemon=True).start()

    def _acquire(self, cancel: threading.Event | None) -> _Worker:
        since: float | None = time.monotonic()
        failure: str | None = None
        with self._cond:
            while True:
                if self._closed or (cancel is not None and cancel.is_set()):
                    raise PoolClosed
                for worker in [w for w in self._idle if w.failed or (w.ready and not w.alive)]:
                    failure = worker.failed or failure
                    self._discard(worker)
                ready = [w for w in self._idle if w.ready]
                if ready:
                    self._idle.remove(ready[0])
                    return ready[0]
                warming = len(self._idle)
                if failure and not warming:
                    raise EngineError(failure)
                # the clock runs only while no worker is warming up: waiting for a start-up
                # is not waiting behind a job
                if warming:
                    since = None
                elif since is None:
                    since = time.monotonic()
                waited = time.monotonic() - since if since is not None else 0.0
                if len(self._workers) < self.size and not warming:
                    if not self._workers or waited >= self.GROW_AFTER_SECONDS:
                        self._spawn()
                        continue
                    self._cond.wait(self.GROW_AFTER_SECONDS - waited)
                else:
                    self._cond.wait(0.05 if cancel is not None else None)

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if worker.alive and not self._closed:
                self._idle.append(worker)
            else:
                self._discard(worker)
                if not self._closed and not self._workers:
                    self._spawn()  # never left without a warm (or warming) worker
            self._cond.notify_all()

    def extract(
        self,
        path: Path | str,
        schema: dict,
        *,
        page_indices: list[int] | None = None,
        grounding: bool = False,
        confidence: bool = False,
        instructions: str | None = None,
        limits: Limits | None = None,
        cancel: threading.Event | None = None,
    ) -> Result:
        """engine.extract in a worker, within `limits` (time and memory included). Raises
        EngineError (LimitExceeded for a limit), or PoolClosed when closed or `cancel`led."""
        limits = limits or DEFAULT_LIMITS
        if limits.memory_mb != self.memory_mb:
            raise ValueError("this pool's workers run with another memory limit")
        job = {
            "path": str(path),
            "schema": schema,
            "page_indices": page_indices,
            "grounding": grounding,
            "confidence": confidence,
            "instructions": instructions,
            "limits": dataclasses.asdict(limits),
        }
        worker = self._acquire(cancel)
        try:
            reply = worker.run(job, limits, cancel)
        except BaseException:
            self._release(worker)
            if self._closed:
                raise PoolClosed from None
            raise
        self._release(worker)
        return _result(reply, limits, job["path"])


def _result(reply: Any, limits: Limits, path: str) -> Result:
    kind = reply[0]
    if kind == "ok":
        return Result(**reply[1])
    if kind == "memory":
        raise memory_exceeded(limits, path)
    if kind == "error":
        _, cls_name, message, where, line, limit = reply
        if limit:
            from skillkit.limits import LimitExceeded

            raise LimitExceeded(message, limit=limit, path=where)
        cls = _ERRORS.get(cls_name, EngineError)
        err = cls(message, path=where, line=line)
        raise err
    raise EngineError(f"internal error in the local engine: {reply[1]}", path=path)


def _error_classes() -> dict[str, type[SkillkitError]]:
    from skillkit import errors

    return {
        name: obj
        for name, obj in vars(errors).items()
        if isinstance(obj, type) and issubclass(obj, SkillkitError)
    }


_ERRORS = _error_classes()


def _stop_all(workers: list[_Worker]) -> None:
    """Kill every worker (also at interpreter exit); a busy one's waiting thread sees its
    pipe close and fails its job."""
    for worker in list(workers):
        worker.signal_kill()
    for worker in list(workers):
        worker.proc.wait()
    workers.clear()


# --------------------------------------------------------------------------- the child side


def _address_space() -> int | None:
    """This process's mapped address space in bytes (Linux), else None."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


_CAP: int | None = None  # the child's address-space cap, once set


def _limit_memory(memory_mb: int) -> None:
    global _CAP
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    base = _address_space()
    if base is None:  # pragma: no cover - no /proc (macOS ignores RLIMIT_AS anyway)
        return
    cap = base + memory_mb * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        _CAP = cap
    except (ValueError, OSError):  # pragma: no cover
        log.warning("cannot limit the worker's memory")


def _near_cap() -> bool:
    """Did this process's address space come within 10% (at least 32 MB) of its cap? A C
    library that cannot allocate (libxml2 under python-docx, say) reports its own error, not
    a MemoryError; reaching the cap is what tells the two apart."""
    if _CAP is None:
        return False
    try:
        with open("/proc/self/status") as f:
            peak = next(int(ln.split()[1]) * 1024 for ln in f if ln.startswith("VmPeak:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return False
    return peak >= _CAP - max(32 * 1024 * 1024, _CAP // 10)


def _out_of_memory(exc: BaseException) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, MemoryError):
            return True
        stack += [e.__cause__, e.__context__]
    return False


def _run_job(job: dict) -> tuple:
    from skillkit.engine.extract import extract
    from skillkit.limits import LimitExceeded

    try:
        result = extract(
            job["path"],
            job["schema"],
            page_indices=job["page_indices"],
            grounding=job["grounding"],
            confidence=job["confidence"],
            instructions=job["instructions"],
            limits=Limits(**job["limits"]),
        )
        return (
            "ok",
            {"data": result.data, "pages": result.pages, "element_type": result.element_type},
        )
    except BaseException as exc:  # everything goes back to the parent, nothing kills the loop
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        if _out_of_memory(exc):
            return ("memory",)
        if isinstance(exc, LimitExceeded):
            return ("error", type(exc).__name__, exc.message, exc.path, exc.line, exc.limit)
        if _near_cap():
            return ("memory",)
        if isinstance(exc, SkillkitError):
            return ("error", type(exc).__name__, exc.message, exc.path, exc.line, None)
        import traceback

        traceback.print_exc()
        return ("internal", f"{type(exc).__name__}: {exc}")


def child_main() -> None:
    """The worker loop (run by `_Worker` as `python -c ...`)."""
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_LIMITS.memory_mb
    # private copies of the pipes; fd 0 and 1 become /dev/null and stderr for everyone else
    inp = os.fdopen(os.dup(0), "rb", buffering=0)
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    _limit_memory(memory_mb)
    alarm = getattr(signal, "setitimer", None)
    try:
        _write_frame(out, ("ready", os.getpid()))
    except OSError:  # the parent went away while this process started
        return
    while True:
        try:
            job = _read_frame(inp)
        except EOFError:
            return
        if alarm is not None:  # an orphan cannot run past its deadline for long
            alarm(signal.ITIMER_REAL, job["limits"]["seconds"] + ORPHAN_GRACE_SECONDS)
        reply = _run_job(job)
        if alarm is not None:
            alarm(signal.ITIMER_REAL, 0)
        try:
            try:
                _write_frame(out, (*reply, reply[0] == "memory" or _near_cap()))
            except (TypeError, ValueError) as exc:  # not JSON: a bug in the engine
                _write_frame(out, ("internal", f"the result is not JSON ({exc})", True))
        except MemoryError:
            _write_frame(out, ("memory", True))
            return
        except OSError:
            return
        if reply[0] == "memory":
            return  # state after a MemoryError is not to be trusted: the parent replaces us


__all__ = ["EnginePool", "PoolClosed", "Result", "child_main"]
