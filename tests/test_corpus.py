"""Walk the hostile-input corpus (tests/corpus/entries.py) through validate, pack, test,
generate, inspect and unpack.

Every run is `python -m skillkit ...` in a subprocess, in a fresh folder built for its entry,
with a timeout, a memory cap and a file-size cap (Linux), so that a bomb or a hang fails its
entry instead of taking the suite down. For every run the walker asserts:

- the exit code the entry states, and one of its message fragments in the output;
- no traceback;
- it finished within the timeout;
- nothing was created, changed or removed anywhere in the entry's folder (the skill, the
  bundle, a sentinel folder beside them, HOME and TMPDIR) except the run's own output;
- no partial output: a run given `-o OUT` that fails leaves no OUT, one that succeeds leaves it.

Entries run two at a time in a thread pool, started by one module-scoped fixture; each entry is
then its own test item, so a failure names the entry and every broken expectation.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus.build import Place, Unsupported
from corpus.entries import ENTRIES
from corpus.manifest import CorpusEntry, Run

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="the corpus needs POSIX files (FIFOs, symlinks, modes)"
)

TIMEOUT = 60  # seconds per run
MEMORY_CAP = 1536 * 1024 * 1024  # RLIMIT_AS per run, on Linux
FILE_CAP = 256 * 1024 * 1024  # RLIMIT_FSIZE per run: no run may write (or print) more
WORKERS = 2
OUTPUT_READ = 4 * 1024 * 1024  # bytes of each stream kept for the checks
TRACEBACK = "Traceback (most recent call last)"
# How deep `../` entries may climb from a run's folder and still land in the entry's folder.
DEPTH = ("a", "b", "c", "d", "e")

BY_ID = {e.id: e for e in ENTRIES}
ENTRY_INDEX = {e.id: i for i, e in enumerate(ENTRIES)}

REQUIRED_CATEGORIES = {
    "frontmatter",
    "names",
    "symlinks",
    "special-files",
    "unreadable",
    "secrets",
    "limits",
    "schema",
    "expected",
    "cases",
    "documents",
    "zip-paths",
    "zip-structure",
    "zip-content",
    "payload",
    "controls",
}


def _limits() -> None:  # pragma: no cover - runs in the child between fork and exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_CAP, FILE_CAP))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


# --------------------------------------------------------------------------- snapshots


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root (not following links): type, and for files mode, size and
    mtime; for links the target. fd-relative, so paths beyond PATH_MAX are seen too."""
    state: dict[str, tuple] = {}
    for dirpath, dirnames, filenames, dirfd in os.fwalk(root, follow_symlinks=False):
        rel = os.path.relpath(dirpath, root)
        for name in dirnames + filenames:
            try:
                st = os.stat(name, dir_fd=dirfd, follow_symlinks=False)
            except OSError:
                continue
            key = os.path.normpath(os.path.join(rel, name))
            kind = stat.S_IFMT(st.st_mode)
            if stat.S_ISREG(kind):
                state[key] = ("file", stat.S_IMODE(st.st_mode), st.st_size, st.st_mtime_ns)
            elif stat.S_ISLNK(kind):
                state[key] = ("link", os.readlink(name, dir_fd=dirfd))
            else:
                state[key] = (kind, stat.S_IMODE(st.st_mode))
    return state


def _under(key: str, prefix: str | None) -> bool:
    return prefix is not None and (key == prefix or key.startswith(prefix + os.sep))


def changes(before: dict[str, tuple], after: dict[str, tuple], allowed: str | None) -> list[str]:
    """What a run did to the entry's folder outside `allowed` (a path relative to it)."""
    found = []
    for key in sorted(after.keys() - before.keys()):
        if not _under(key, allowed):
            found.append(f"created {key}")
    for key in sorted(before.keys() - after.keys()):
        found.append(f"removed {key}")
    for key in sorted(before.keys() & after.keys()):
        if before[key] != after[key] and not _under(key, allowed):
            found.append(f"changed {key}")
    return found


# --------------------------------------------------------------------------- running


@dataclass
class RunResult:
    run: Run
    argv: list[str]
    exit: int | None  # None: killed at the timeout
    seconds: float
    output: str
    problems: list[str] = field(default_factory=list)


@dataclass
class EntryResult:
    entry: CorpusEntry
    runs: list[RunResult] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None  # the builder itself failed
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        lines = [f"builder failed: {self.error}"] if self.error else []
        for r in self.runs:
            lines += [f"skillkit {_shown(r.argv)}: {p}" for p in r.problems]
        return lines


def _shown(argv: list[str]) -> str:
    return " ".join(repr(a) if (" " in a or not a.isprintable()) else a for a in argv)[:300]


def _child_env(home: Path, tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith(("SKILLKIT_", "VLMRUN_", "GITHUB_")) or k == "FORCE_COLOR")
    }
    env.update(
        NO_COLOR="1",
        HOME=str(home),
        TMPDIR=str(tmp),
        PYTHONIOENCODING="utf-8",
        COLUMNS="120",
    )
    return env


def _read(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(OUTPUT_READ)
    return head.decode("utf-8", errors="replace")


def _substitute(arg: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        arg = arg.replace("{" + key + "}", value)
    return arg


def _relative(path: Path, work: Path) -> str:
    """Paths inside the run's folder are given relative to it, as a user would type them."""
    return os.path.relpath(path, work) if path.is_relative_to(work) else str(path)


def _said(run: Run, stdout: str, stderr: str) -> str:
    """The text a run's fragments are looked for in (see Run.where)."""
    if run.where == "stderr":
        return stderr
    if run.where == "problems":
        try:
            return "\n".join(map(str, json.loads(stdout)["problems"]))
        except (ValueError, KeyError, TypeError):
            return ""
    return stdout + stderr


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def execute(
    run: Run, index: int, root: Path, place: Place, values: dict[str, str], logs: Path
) -> RunResult:
    home, tmp = root / "home", root / "tmp"
    out_rel = run.out
    values = {**values, "out": out_rel or ""}
    argv = [_substitute(a, values) for a in run.args]
    allowed = os.path.relpath(place.work / out_rel, root) if out_rel else None
    before = snapshot(root)
    out_log, err_log = logs / f"{index}-{run.command}.out", logs / f"{index}-{run.command}.err"
    start = time.monotonic()
    with out_log.open("wb") as so, err_log.open("wb") as se:
        proc = subprocess.Popen(
            [sys.executable, "-m", "skillkit", *argv],
            cwd=place.work,
            stdin=subprocess.DEVNULL,
            stdout=so,
            stderr=se,
            env=_child_env(home, tmp),
            preexec_fn=_limits if sys.platform.startswith("linux") else None,
            start_new_session=True,
        )
        try:
            code: int | None = proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
    seconds = time.monotonic() - start
    stdout, stderr = _read(out_log), _read(err_log)
    output = stdout + stderr
    result = RunResult(run, argv, code, seconds, output)
    problems = result.problems
    wanted = run.exit if isinstance(run.exit, tuple) else (run.exit,)
    if code is None:
        problems.append(f"no answer within {TIMEOUT} s (killed): a hang")
    elif code < 0:
        problems.append(f"killed by {_signal_name(-code)} (SIGXFSZ: the file-size cap)")
    elif code not in wanted:
        problems.append(f"exit {code}, wanted {' or '.join(map(str, wanted))}")
    said = _said(run, stdout, stderr)
    if not any(f.casefold() in said.casefold() for f in run.expect):
        problems.append(f"none of {list(run.expect)} in the {run.where}")
    if TRACEBACK in output:
        problems.append("a traceback")
    if out_rel is not None:
        exists = os.path.lexists(place.work / out_rel)
        if code != 0 and exists:
            problems.append(f"failed but left its output {out_rel} (partial output)")
        if code == 0 and not exists:
            problems.append(f"succeeded but wrote no {out_rel}")
    problems += changes(before, snapshot(root), allowed if code == 0 else None)
    if code in wanted and run.verify is not None:
        try:
            run.verify(place.work)
        except AssertionError as exc:
            problems.append(f"wrong result: {exc}")
    if problems:
        tail = "\n".join(output.strip().splitlines()[-12:])
        problems.append(f"output ({seconds:.1f} s), last lines:\n{tail}")
    return result


def walk(entry: CorpusEntry, base: Path) -> EntryResult:
    result = EntryResult(entry)
    if entry.needs_non_root and hasattr(os, "geteuid") and os.geteuid() == 0:
        result.skipped = "running as root: chmod 000 does not keep root out"
        return result
    start = time.monotonic()
    # A neutral folder name: an entry's id in its paths could supply the fragment it expects.
    root = base / f"e{ENTRY_INDEX[entry.id]:03d}"
    work = root.joinpath(*DEPTH, "work")
    for folder in (work, root / "sentinel", root / "home", root / "tmp"):
        folder.mkdir(parents=True)
    logs = base / "_logs" / entry.id
    logs.mkdir(parents=True)
    place = Place(work=work, sentinel=root / "sentinel")
    try:
        targets = entry.build(place)
    except Unsupported as exc:
        result.skipped = str(exc)
        return result
    except Exception as exc:  # a broken builder fails the entry, it does not stop the walk
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    values = {key: _relative(Path(path), work) for key, path in targets.items()}
    values.update(work=str(work), sentinel=str(place.sentinel))
    for index, run in enumerate(entry.runs):
        result.runs.append(execute(run, index, root, place, values, logs))
    result.seconds = time.monotonic() - start
    return result


# --------------------------------------------------------------------------- tests


def test_the_corpus_is_complete() -> None:
    """At least 60 entries with unique ids, each run stating an exit code and a fragment, and
    every category of hostile input the issue lists."""
    assert len(ENTRIES) >= 60
    assert len(BY_ID) == len(ENTRIES), "entry ids must be unique"
    commands = set()
    for entry in ENTRIES:
        assert entry.runs and entry.what, entry.id
        for run in entry.runs:
            assert run.expect and isinstance(run.exit, (int, tuple)), entry.id
            commands.add(run.command)
    assert commands == {"validate", "pack", "test", "generate", "inspect", "unpack"}
    assert REQUIRED_CATEGORIES <= {e.category for e in ENTRIES}


class Walked(dict):
    """The results by entry id (a short repr: pytest prints fixture values on failure)."""

    def __repr__(self) -> str:
        return f"<{len(self)} corpus entries walked>"


def test_the_walker_sees_every_change(tmp_path: Path) -> None:
    """The walker's own check: a file created, changed or removed outside the output is seen,
    links and FIFOs included, and the output folder itself is allowed."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f").write_text("x")
    os.symlink("f", tmp_path / "a" / "link")
    os.mkfifo(tmp_path / "pipe")
    before = snapshot(tmp_path)
    (tmp_path / "a" / "f").write_text("longer")
    (tmp_path / "new").write_text("n")
    (tmp_path / "a" / "link").unlink()
    (tmp_path / "out" / "deep").mkdir(parents=True)
    (tmp_path / "out" / "deep" / "x").write_text("ok")
    os.symlink("elsewhere", tmp_path / "pipe2")
    found = changes(before, snapshot(tmp_path), "out")
    assert found == ["created new", "created pipe2", "removed a/link", "changed a/f"]
    assert "created out" in changes(before, snapshot(tmp_path), None)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the caps are set on Linux")
def test_every_run_is_capped() -> None:
    """The caps the walker relies on reach the child process."""
    probe = (
        "import resource as r; print(r.getrlimit(r.RLIMIT_AS)[0], r.getrlimit(r.RLIMIT_FSIZE)[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        preexec_fn=_limits,
        check=True,
    ).stdout.split()
    assert out == [str(MEMORY_CAP), str(FILE_CAP)]


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest, tmp_path_factory) -> Walked:
    """Walk the entries this session selected, two at a time, slow ones first."""
    wanted = [
        item.callspec.params["entry_id"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_corpus_entry"
    ]
    wanted.sort(key=lambda i: "slow" not in BY_ID[i].tags)
    base = tmp_path_factory.mktemp("corpus")
    with ThreadPoolExecutor(WORKERS) as pool:
        done = Walked(zip(wanted, pool.map(lambda i: walk(BY_ID[i], base), wanted), strict=True))
    slowest = sorted(done.values(), key=lambda r: -r.seconds)[:5]
    print(
        "\ncorpus: slowest entries:", ", ".join(f"{r.entry.id} {r.seconds:.1f}s" for r in slowest)
    )
    return done


@pytest.mark.parametrize("entry_id", list(BY_ID))
def test_corpus_entry(corpus: Walked, entry_id: str) -> None:
    result = corpus[entry_id]
    if result.skipped:
        pytest.skip(result.skipped)
    problems = result.problems
    assert not problems, f"{entry_id}: {result.entry.what}\n" + "\n".join(problems)
