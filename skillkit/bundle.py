"""Build reproducible skill zips and read bundles safely. Written once; used by `pack`,
`inspect`, `unpack`, the runner and the local server alike.

Writing: files are walked in sorted order, exclusions applied (built-ins plus `.skillignore`),
and every entry gets a fixed timestamp, normalised permissions (0644, or 0755 when executable),
no extra fields and a UTF-8 name — so the same files give the same bytes on any machine.

Reading: a bundle is accepted in either layout (SKILL.md at the root, or everything under one
top-level folder) and refused, with a message naming the entry, for path traversal, absolute
paths, drive letters, backslashes, NUL and control characters in names, names that are not
UTF-8, symlinks, duplicates, names equal but for case, zip bombs (entry count, ratio, sizes,
overlapping entries), encrypted entries, unknown compression methods, local headers or an end
record that disagree with the central directory, zero or several SKILL.md files, a SKILL.md or
schema.json that cannot be read, invalid base64 and a media type other than application/zip.
Whatever zipfile raises on a damaged zip becomes one problem line. `inspect_zip` is the one
reader: `read_bundle_bytes` (unpack, the runner, the server) refuses exactly what it reports.

Names: `name_problem` and `names_problems` are the rules for the names in a bundle, applied by
the reader to every entry and by the writer's walk to every file (what they refuse is left out,
or reported, and `validate` says so as SK209), so that `pack` never makes a bundle that
`inspect`, `unpack` or the server would refuse.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import re
import shutil
import stat
import struct
import sys
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pathspec

from skillkit.api import INLINE_SKILL_SOURCE, inline_skill
from skillkit.errors import BundleError, SkillError
from skillkit.files import (
    MAX_IGNORE_BYTES,
    MAX_SKILL_MD_BYTES,
    open_regular,
    plain_data,
    printable,
    read_limited,
    size_text,
    special_kind,
)
from skillkit.skill import SCHEMA_FILE, SKIP_DIRS, load_skill, parse_skill_md_text

try:  # zipfile reads lzma entries when Python has the module
    import lzma

    _LZMA_ERRORS: tuple[type[BaseException], ...] = (lzma.LZMAError,)
except ImportError:  # pragma: no cover - a Python built without lzma
    _LZMA_ERRORS = ()

MEDIA_TYPE = INLINE_SKILL_SOURCE["media_type"].default  # application/zip
FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)
IGNORE_FILE = ".skillignore"

# Never bundled (gitignore syntax, relative to the skill root).
BUILTIN_EXCLUDES = (
    "/tests/",
    ".git/",
    ".hg/",
    ".svn/",
    "__pycache__/",
    "*.pyc",
    "*.pyo",
    ".DS_Store",
    "Thumbs.db",
    "__MACOSX/",
    ".venv/",
    "venv/",
    "node_modules/",
    ".pytest_cache/",
    ".mypy_cache/",
    ".ruff_cache/",
    "/" + IGNORE_FILE,
)


@dataclass(frozen=True)
class Limits:
    """What a reader accepts. Defaults follow the strictest public API limits (OpenAI skills)."""

    max_entries: int = 500
    max_entry_bytes: int = 25 * 1024 * 1024
    max_total_bytes: int = 50 * 1024 * 1024
    max_ratio: float = 100.0  # uncompressed / compressed, for entries over ratio_floor
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()
# A bundle file read by inspect/unpack (zip, payload JSON or base64, so up to 4/3 of the zip).
MAX_BUNDLE_INPUT_BYTES = 100 * 1024 * 1024


# --------------------------------------------------------------------------- names

# The one set of rules for the names in a bundle. The reader applies them to every entry of a
# bundle it is given (inspect, unpack, the runner, the server); the writer's walk applies them to
# every file it would bundle, and `validate` reports what they refuse as SK209, so that `pack`
# never makes a bundle its own reader would refuse.

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def name_problem(name: str) -> str | None:
    """Why `name` cannot be the name of a bundle entry, or None.

    `name` is a path inside the bundle with '/' between segments (a trailing '/' marks a folder).
    The answer completes "entry 'NAME' ..." and "its name ...": not UTF-8, a NUL byte or other
    control characters, backslashes, an absolute path, a drive letter in any segment (`c:x.md`
    is a drive-relative path, or an NTFS stream, on Windows), '..' segments, or '.' and empty
    segments."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid UTF-8"
    if "\x00" in name:
        return "has a NUL byte in it"
    if _CONTROL.search(name):
        return "has control characters (newlines, escapes) in it"
    if "\\" in name:
        return "uses backslashes (zip paths use '/')"
    if name.startswith("/"):
        return "is an absolute path"
    path = name[:-1] if name.endswith("/") else name
    if not path:
        return "is empty"
    segments = path.split("/")
    if any(_DRIVE.match(s) for s in segments):
        return "has a drive letter (like 'C:') in it"
    if ".." in segments:
        return "escapes the bundle with '..' (path traversal)"
    if "." in segments or "" in segments:
        return "is not a canonical path ('.' or empty segments)"
    return None


def _fold(name: str) -> str:
    """What makes two names one file on Windows and macOS: case and Unicode normalisation."""
    return unicodedata.normalize("NFC", name).casefold()


def names_problems(names: Iterable[str]) -> list[tuple[str, str]]:
    """(name, why) for the names that cannot sit together in one bundle: a file that is also a
    folder of other entries, and names equal but for case or Unicode normalisation (one file
    once extracted on Windows or macOS). The first of two such names is kept, the later one
    named; each `why` completes "entry 'NAME' ..." and "its name ..."."""
    names = list(names)
    folders: dict[str, str] = {}  # folded folder path -> as first spelled
    for n in names:
        parts = n.split("/")
        for k in range(1, len(parts)):
            folder = "/".join(parts[:k])
            folders.setdefault(_fold(folder), folder)
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for n in names:
        key = _fold(n)
        folder = folders.get(key)
        if folder == n:
            problems.append((n, "is both a file and a folder of other entries"))
        elif folder is not None:
            problems.append((n, f"differs only in case from the folder {folder!r}"))
        elif (other := seen.setdefault(key, n)) != n:
            problems.append((n, f"differs only in case (or Unicode normalisation) from {other!r}"))
    return problems


# --------------------------------------------------------------------------- writing


_BUILTIN_SPEC = pathspec.PathSpec.from_lines("gitignore", BUILTIN_EXCLUDES)


class _Excludes:
    """Built-in exclusions plus `.skillignore`; a `!pattern` there cannot bring back a built-in."""

    def __init__(self, root: Path) -> None:
        ignore = root / IGNORE_FILE
        lines: list[str] = []
        if os.path.lexists(ignore):  # a FIFO or folder named .skillignore is an error
            try:
                raw = read_limited(ignore, MAX_IGNORE_BYTES, what=IGNORE_FILE)
                lines = raw.decode("utf-8-sig").splitlines()
            except UnicodeDecodeError as exc:
                raise SkillError(
                    f"not valid UTF-8 (byte {exc.start}); save it as UTF-8", path=ignore
                ) from exc
        self.user = pathspec.PathSpec.from_lines("gitignore", lines)

    def match_file(self, path: str) -> bool:
        return _BUILTIN_SPEC.match_file(path) or self.user.match_file(path)


@dataclass(frozen=True)
class SourceFile:
    """One file that goes into the bundle: its zip path and where its bytes come from."""

    arcname: str  # relative to the skill root, forward slashes
    path: Path
    executable: bool
    size: int


@dataclass
class FileSelection:
    """What a skill folder would bundle, and what it leaves out or cannot include."""

    files: list[SourceFile] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    escaping_links: list[tuple[str, str]] = field(default_factory=list)  # (arcname, target)
    # Left out because they cannot be bundled: (arcname, why) for FIFOs, sockets, devices,
    # and names the bundle reader refuses (`name_problem`: not UTF-8, control characters,
    # backslashes, drive letters). `printable` arcnames.
    unbundlable: list[tuple[str, str]] = field(default_factory=list)
    # Bundled, but refused by the reader beside another bundled file (`names_problems`: names
    # equal but for case): (arcname, why). `validate` reports them (SK209), so `pack` refuses.
    clashes: list[tuple[str, str]] = field(default_factory=list)


def select_files(root: Path) -> FileSelection:
    """Walk a skill folder in sorted order and apply the exclusions.

    Symlinks that stay inside the folder are bundled as the files they point to; symlinks that
    leave it are reported and never followed. Only regular files are bundled: FIFOs, sockets
    and devices (which could block or never end) and names the bundle reader refuses
    (`name_problem`) are left out and listed in `unbundlable`; names that the reader refuses
    side by side (`names_problems`: equal but for case) are listed in `clashes`.
    """
    root = root.resolve()
    spec = _Excludes(root)
    selection = FileSelection()

    def os_error(arc: str, full: Path, exc: OSError) -> None:
        """An entry the walk cannot look at: a symlink that loops or breaks is an escaping
        link (SK202); anything else (a path too long for the system, no permission) cannot
        be bundled, named with why; an excluded one stays excluded."""
        from skillkit.files import os_error_kind

        if spec.match_file(arc) or spec.match_file(arc + "/"):
            selection.excluded.append(arc)
        elif os.path.islink(full):
            try:
                selection.escaping_links.append((arc, os.readlink(full)))
            except OSError:
                selection.escaping_links.append((arc, "?"))
        else:
            kind, fix = os_error_kind(exc), "make it readable"
            if kind.startswith("a path too long"):
                kind = f"{kind} ({len(os.fsencode(full)):,} bytes), so it cannot be read"
                fix = "shorten its folder names"
            elif kind == "a symlink loop":
                fix = "remove the loop"
            why = f"is {kind}; {fix}, or list it in {IGNORE_FILE}"
            selection.unbundlable.append((printable(arc), why))

    def loops(full: Path, target: Path) -> bool:
        """A folder link to the folder that holds it (or one above it, up to the root):
        walking it would never end."""
        return any(target == p.resolve() for p in full.parents if root in (p, *p.parents))

    def walk(folder: Path, rel: str) -> None:
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            if not rel:  # the skill folder itself
                raise SkillError(f"cannot read folder: {exc.strerror}", path=folder) from exc
            os_error(rel.rstrip("/"), folder, exc)
            return
        for entry in children:
            arc = f"{rel}{entry.name}"
            full = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:  # a symlink loop (ELOOP), a path too long, ...
                os_error(arc, full, exc)
                continue
            why = name_problem(arc + "/" if is_dir else arc)
            if why:
                if not spec.match_file(arc + "/" if is_dir else arc):
                    selection.unbundlable.append((printable(arc), f"its name {why}; rename it"))
                continue
            if spec.match_file(arc + "/" if is_dir else arc) or (
                is_dir and entry.name in SKIP_DIRS
            ):
                selection.excluded.append(arc + ("/" if is_dir else ""))
                continue
            if entry.is_symlink():
                target = full.resolve()
                if (
                    not (target == root or root in target.parents)
                    or not target.exists()
                    or (is_dir and loops(full, target))  # never walked: it would not end
                ):
                    selection.escaping_links.append((arc, os.readlink(full)))
                    continue
            if is_dir:
                try:
                    venv = (full / "pyvenv.cfg").is_file()
                except OSError:  # no room left for the name (ENAMETOOLONG): not a virtualenv
                    venv = False
                if venv:
                    selection.excluded.append(arc + "/")
                    continue
                walk(full, arc + "/")
            elif entry.is_file(follow_symlinks=True):
                try:
                    st = full.stat()
                except OSError as exc:
                    os_error(arc, full, exc)
                    continue
                selection.files.append(
                    SourceFile(arc, full, bool(st.st_mode & stat.S_IXUSR), st.st_size)
                )
            else:
                kind = special_kind(full) or "not a regular file"
                selection.unbundlable.append(
                    (
                        printable(arc),
                        f"is {kind}, not a regular file; remove it, or list it in {IGNORE_FILE}",
                    )
                )

    walk(root, "")
    selection.files.sort(key=lambda f: f.arcname.encode("utf-8"))
    selection.clashes = [
        (arc, f"its name {why}; rename it")
        for arc, why in names_problems(f.arcname for f in selection.files)
    ]
    return selection


def _zipinfo(arcname: str, executable: bool, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=FIXED_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, so the permission bits below are read back
    mode = 0o755 if executable else 0o644
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.file_size = size
    return info


# How entries are compressed. Deflate at zlib's default level, fed in 1 MiB pieces (what the
# bytes of a bundle have always been: recorded cassettes are keyed by them), except a file that
# does not compress: one of at least _STORE_MIN bytes whose sample (its first, middle and last
# _SAMPLE bytes; the whole file when it is smaller than that) deflated at level 1 keeps more
# than _STORE_RATIO of its size is STORED. The verdict depends on the bytes alone, so the same
# files still give the same zip; text never comes near the bar (prose deflates to ~50% of a
# 4 KiB sample, code and JSON lower), while random data, images, PDFs and archives (already
# compressed) keep ~100%, and storing them saves deflating them for nothing.
_PIECE = 1024 * 1024
_STORE_MIN = 4096
_SAMPLE = 4096
_STORE_RATIO = 0.9
# Files up to _BUFFERED_MAX bytes are read and compressed whole by worker threads (zlib lets go
# of the GIL), at most _IN_FLIGHT bytes of them ahead of the writer, which writes them in order;
# bigger files are streamed by the writer itself. Memory stays flat whatever the skill's size.
_BUFFERED_MAX = 2 * 1024 * 1024
_IN_FLIGHT = 8 * 1024 * 1024


def _sample(size: int, read_at) -> bytes:
    """The bytes the STORED verdict looks at; `read_at(offset, n)` reads the file."""
    if size < 3 * _SAMPLE:
        return read_at(0, size)
    middle = (size - _SAMPLE) // 2
    return read_at(0, _SAMPLE) + read_at(middle, _SAMPLE) + read_at(size - _SAMPLE, _SAMPLE)


def _incompressible(sample: bytes) -> bool:
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    kept = len(deflate.compress(sample)) + len(deflate.flush())
    return kept > _STORE_RATIO * len(sample)


@dataclass
class _Prepared:
    """One file read and compressed by a worker: what its entry holds."""

    method: int
    crc: int
    size: int
    pieces: list[bytes]


def _prepare(f: SourceFile) -> _Prepared:
    """Read a (small) file whole, decide STORED or DEFLATED, and compress it."""
    with open_regular(f.path) as src:
        data = src.read()
    size = len(data)
    view = memoryview(data)
    if size >= _STORE_MIN and _incompressible(
        _sample(size, lambda at, n: bytes(view[at : at + n]))
    ):
        return _Prepared(zipfile.ZIP_STORED, zlib.crc32(data), size, [data])
    deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    pieces = [deflate.compress(view[at : at + _PIECE]) for at in range(0, size, _PIECE)]
    pieces.append(deflate.flush())
    return _Prepared(zipfile.ZIP_DEFLATED, zlib.crc32(data), size, [p for p in pieces if p])


def _write_prepared(zf: zipfile.ZipFile, info: zipfile.ZipInfo, zip64: bool, p: _Prepared) -> None:
    """Write a prepared entry as `ZipFile.open(info, "w")` would on a seekable output (local
    header, data; the central directory record at close): the same bytes, byte for byte."""
    info.compress_type = p.method
    info.CRC, info.file_size = p.crc, p.size
    info.compress_size = sum(len(piece) for piece in p.pieces)
    info.flag_bits = 0
    if not zip64 and max(info.file_size, info.compress_size) > zipfile.ZIP64_LIMIT:
        raise RuntimeError("File size too large, try using force_zip64")
    fp = zf.fp
    assert fp is not None
    # The stream stands at start_dir (zipfile leaves it there after each entry, and so does
    # this): no seek, which would flush the write buffer at every entry.
    info.header_offset = zf.start_dir
    zf._writecheck(info)  # noqa: SLF001 - zipfile's own checks, as open() runs them
    zf._didModify = True  # noqa: SLF001
    header = info.FileHeader(zip64)
    fp.write(header)
    for piece in p.pieces:
        fp.write(piece)
    zf.start_dir = info.header_offset + len(header) + info.compress_size
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info


def _stream_entry(zf: zipfile.ZipFile, f: SourceFile, info: zipfile.ZipInfo, zip64: bool) -> None:
    """Write a (big) file through zipfile in pieces, after the same STORED verdict."""
    with open_regular(f.path) as src:
        if f.size >= _STORE_MIN:

            def read_at(at: int, n: int) -> bytes:
                src.seek(at)
                return src.read(n)

            if _incompressible(_sample(f.size, read_at)):
                info.compress_type = zipfile.ZIP_STORED
            src.seek(0)
        with zf.open(info, "w", force_zip64=zip64) as dst:
            while chunk := src.read(_PIECE):
                dst.write(chunk)


def _workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def write_zip(files: list[SourceFile], out: IO[bytes], *, prefix: str = "") -> None:
    """Stream the files into a zip, in order: constant memory whatever the skill's size.

    Small files are read and compressed by worker threads, a bounded window ahead of the writer;
    the bytes of the zip do not depend on that (see _STORE_RATIO for how each entry is
    compressed)."""
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        workers = _workers()
        # On a stream that cannot seek zipfile writes data descriptors: every entry streamed.
        seekable = bool(zf._seekable)  # noqa: SLF001
        pool = None
        if seekable and workers > 1 and len(files) > 1:
            pool = ThreadPoolExecutor(workers, thread_name_prefix="skillkit-pack")
        ahead: deque[tuple[SourceFile, Future[_Prepared] | None]] = deque()
        todo = iter(files)
        in_flight = 0
        try:
            while True:
                while (not ahead or in_flight < _IN_FLIGHT) and (f := next(todo, None)):
                    small = seekable and f.size <= _BUFFERED_MAX
                    if small and pool is not None:
                        ahead.append((f, pool.submit(_prepare, f)))
                    else:
                        ahead.append((f, None))
                    in_flight += f.size
                if not ahead:
                    break
                f, future = ahead.popleft()
                info = _zipinfo(prefix + f.arcname, f.executable, f.size)
                # What ZipFile.open(info, "w", force_zip64=...) decides.
                zip64 = f.size > 2**31 or f.size * 1.05 > zipfile.ZIP64_LIMIT
                if future is not None:
                    _write_prepared(zf, info, zip64, future.result())
                elif seekable and f.size <= _BUFFERED_MAX:
                    _write_prepared(zf, info, zip64, _prepare(f))
                else:
                    _stream_entry(zf, f, info, zip64)
                in_flight -= f.size
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class PackedSkill:
    """A packed skill in memory: the zip, its digest, and the AgentSkill payload it makes."""

    name: str
    description: str
    zip_bytes: bytes
    sha256: str
    files: list[str]
    layout: str = "root"

    @property
    def base64(self) -> str:
        return base64.b64encode(self.zip_bytes).decode("ascii")

    def source(self) -> dict[str, str]:
        """The InlineSkillSource object."""
        return self.payload()["source"]

    def payload(self) -> dict[str, Any]:
        """The AgentSkill inline object that goes into `config.skills`."""
        return inline_skill(self.name, self.description, self.base64, media_type=MEDIA_TYPE)


def _checked_skill(skill_dir: str | Path) -> tuple[Path, str, str, FileSelection]:
    skill = load_skill(skill_dir)
    if not skill.name:
        raise SkillError("frontmatter has no usable 'name'", path=skill.skill_md)
    selection = select_files(skill.root)
    if not selection.files:
        raise SkillError("nothing to bundle: every file is excluded", path=skill.root)
    return skill.root, skill.name, (skill.description or "").strip(), selection


def pack_skill(skill_dir: str | Path, *, layout: str = "root") -> PackedSkill:
    """Pack a skill folder in memory (for the runner and tests; `pack_to_file` for big skills)."""
    root, name, description, selection = _checked_skill(skill_dir)
    buf = io.BytesIO()
    write_zip(selection.files, buf, prefix=_prefix(layout, name))
    data = buf.getvalue()
    return PackedSkill(
        name,
        description,
        data,
        hashlib.sha256(data).hexdigest(),
        [f.arcname for f in selection.files],
        layout,
    )


@dataclass(frozen=True)
class PackInfo:
    """What `pack_to_file` wrote: the zip's digest and size, and the bundled files."""

    name: str
    description: str
    sha256: str
    zip_size: int
    files: list[str]
    total_bytes: int


def _prefix(layout: str, name: str) -> str:
    if layout not in ("root", "folder"):
        raise BundleError(f"unknown layout {layout!r}: use 'root' or 'folder'")
    return f"{name}/" if layout == "folder" else ""


def pack_to_file(skill_dir: str | Path, zip_path: Path, *, layout: str = "root") -> PackInfo:
    """Build the zip on disk, streaming; memory stays flat however large the skill is."""
    root, name, description, selection = _checked_skill(skill_dir)
    with zip_path.open("wb") as out:
        write_zip(selection.files, out, prefix=_prefix(layout, name))
    digest = hashlib.sha256()
    with zip_path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return PackInfo(
        name,
        description,
        digest.hexdigest(),
        zip_path.stat().st_size,
        [f.arcname for f in selection.files],
        sum(f.size for f in selection.files),
    )


def iter_base64(zip_path: Path, chunk: int = 3 * 256 * 1024) -> Iterator[bytes]:
    """Base64 of a file in pieces (chunk is a multiple of 3, so pieces join without padding)."""
    with zip_path.open("rb") as fh:
        while piece := fh.read(chunk):
            yield base64.b64encode(piece)


def write_payload(zip_path: Path, info: PackInfo, out: IO[bytes], *, kind: str = "payload") -> None:
    """Write the AgentSkill (`payload`) or InlineSkillSource (`source`) JSON, streaming the data."""
    doc = inline_skill(info.name, info.description, _DATA_MARK, media_type=MEDIA_TYPE)
    if kind != "payload":
        doc = doc["source"]
    head, tail = json.dumps(doc, ensure_ascii=False, indent=2).split(_DATA_MARK)
    out.write(head.encode())
    for piece in iter_base64(zip_path):
        out.write(piece)
    out.write(tail.encode() + b"\n")


_DATA_MARK = "@@skillkit-data@@"


# --------------------------------------------------------------------------- reading

_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/=\s]*")


@dataclass(frozen=True)
class BundleEntry:
    path: str  # as stored in the zip
    size: int
    compressed_size: int
    mode: int


@dataclass(frozen=True)
class SkillBundle:
    """A bundle that passed every check: its files relative to the skill root."""

    zip_bytes: bytes
    sha256: str
    layout: str
    prefix: str
    entries: list[BundleEntry]
    files: dict[str, bytes]
    skill_md: str
    frontmatter: dict[str, Any]
    name: str | None
    description: str | None
    instructions: str
    schema: dict[str, Any] | None


@dataclass
class BundleReport:
    """What `inspect` shows: everything found, problems included, nothing extracted."""

    sha256: str
    zip_size: int
    entries: list[BundleEntry] = field(default_factory=list)
    layout: str | None = None
    prefix: str = ""
    frontmatter: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    # Read once every check has passed (what `read_bundle_bytes` hands on).
    skill_md: str = ""
    instructions: str = ""
    schema: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """True when the bundle passed every check (what the server would accept)."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "zip_bytes": self.zip_size,
            "layout": self.layout,
            "entries": [
                {
                    "path": e.path,
                    "size": e.size,
                    "compressed_size": e.compressed_size,
                    "mode": oct(e.mode),
                }
                for e in self.entries
            ],
            "total_bytes": sum(e.size for e in self.entries),
            "frontmatter": plain_data(self.frontmatter),  # YAML dates, binary: as text
            "problems": self.problems,
        }


# What zipfile raises on hostile input, opening a zip or reading an entry: each becomes one
# problem line (UnicodeDecodeError, for a name marked UTF-8 that is not, is a ValueError).
_ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # a "version needed" or compression method it does not know
    EOFError,
    OSError,
    ValueError,
    zlib.error,
    struct.error,
    RuntimeError,  # an encrypted entry, a missing compression module
    *_LZMA_ERRORS,
)
# The compression methods zipfile reads: stored, deflated, bzip2, lzma.
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature .. extra length: 30 bytes
_END_RECORD = struct.Struct("<4s4H2LH")  # 22 bytes
_END_LOCATOR64 = struct.Struct("<4sLQL")  # 20 bytes
_END_RECORD64 = struct.Struct("<4sQ2H2L4Q")  # 56 bytes
_FLAG_ENCRYPTED, _FLAG_DESCRIPTOR, _FLAG_UTF8 = 0x1, 0x8, 0x800


def _open_zip(data: bytes, report: BundleReport) -> zipfile.ZipFile | None:
    """zipfile's view of the central directory, or None with the reason in the report."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except UnicodeDecodeError as exc:
        raw = exc.object if isinstance(exc.object, bytes) else b""
        shown = raw.decode("utf-8", "backslashreplace")
        report.problems.append(
            f"entry '{shown}' is marked as having a UTF-8 name, but the name is not valid "
            f"UTF-8 (byte {exc.start})"
        )
    except zipfile.LargeZipFile:
        report.problems.append("zip64 archive too large to read")
    except NotImplementedError as exc:
        report.problems.append(f"the zip uses a feature that cannot be read ({exc})")
    except _ZIP_ERRORS as exc:
        report.problems.append(f"not a zip archive, or a truncated or corrupt one ({exc})")
    return None


def _end_record_counts(data: bytes) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The entry counts (this disk, in all) of the end record, and of the zip64 end record when
    there is one, found where zipfile finds them; None if there is no end record."""
    at = len(data) - _END_RECORD.size
    if not (at >= 0 and data[at : at + 4] == b"PK\x05\x06" and data[-2:] == b"\0\0"):
        at = data.rfind(b"PK\x05\x06", max(len(data) - 0x10000 - _END_RECORD.size, 0))
    if at < 0 or at + _END_RECORD.size > len(data):
        return None
    fields = _END_RECORD.unpack_from(data, at)
    zip64 = None
    locator = at - _END_LOCATOR64.size
    record = locator - _END_RECORD64.size
    if (
        record >= 0
        and data[locator : locator + 4] == b"PK\x06\x07"
        and data[record : record + 4] == b"PK\x06\x06"
    ):
        fields64 = _END_RECORD64.unpack_from(data, record)
        zip64 = (fields64[6], fields64[7])
    return (fields[3], fields[4]), zip64


def _count_problem(data: bytes, count: int) -> str | None:
    """The end record must count the records the central directory holds."""
    found = _end_record_counts(data)
    if found is None:
        return None  # zipfile found one; nothing to compare
    counts, zip64 = found
    if zip64 is not None:
        ok = all(c in (count, 0xFFFF) for c in counts) and zip64 == (count, count)
        stated = zip64[1]
    else:
        ok = counts == (count, count)
        stated = counts[1]
    if ok:
        return None
    return (
        f"the end record says {stated} entries but the central directory holds {count}: a "
        "corrupt or crafted zip"
    )


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    """The name bytes of a central directory record (zipfile decoded them one of two ways)."""
    return info.orig_filename.encode("utf-8" if info.flag_bits & _FLAG_UTF8 else "cp437")


def _local_sizes(extra: bytes, size: int, csize: int) -> tuple[int, int]:
    """The sizes a local header states, through its zip64 extra field when they overflow."""
    if size != 0xFFFFFFFF and csize != 0xFFFFFFFF:
        return size, csize
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        body = extra[at + 4 : at + 4 + length]
        if kind == 0x0001:
            values = [v for (v,) in struct.iter_unpack("<Q", body[: len(body) // 8 * 8])]
            if size == 0xFFFFFFFF and values:
                size = values.pop(0)
            if csize == 0xFFFFFFFF and values:
                csize = values.pop(0)
            break
        at += 4 + length
    return size, csize


def _descriptor_length(data: bytes, at: int, info: zipfile.ZipInfo) -> int | None:
    """The length of the data descriptor at `at` if it states the central directory's CRC and
    sizes (with or without its signature; 4- or 8-byte sizes), else None."""
    central = (info.CRC, info.compress_size, info.file_size)
    for sig in (b"PK\x07\x08", b""):
        if data[at : at + len(sig)] != sig:
            continue
        for fmt in ("<3L", "<LQQ"):
            start = at + len(sig)
            if start + struct.calcsize(fmt) <= len(data):
                if struct.unpack_from(fmt, data, start) == central:
                    return len(sig) + struct.calcsize(fmt)
    return None


def _header_problem(data: bytes, info: zipfile.ZipInfo) -> tuple[str | None, int]:
    """Why an entry's local header disagrees with its central directory record (name,
    compression method, encryption, CRC, sizes; or the data descriptor that stands in for
    them), or None; and where the entry's bytes end. zipfile reads the data the central
    directory describes, a streaming reader the data the local header describes: a zip in which
    they differ (a 10-byte file that is 30 MB to another reader) is refused."""
    name = info.filename
    start = info.header_offset
    if start < 0 or start + _LOCAL_HEADER.size > len(data):
        return f"entry {name!r}: its local header lies outside the file (truncated or corrupt)", 0
    sig, _, flags, method, _, _, crc, csize, size, nlen, elen = _LOCAL_HEADER.unpack_from(
        data, start
    )
    if sig != b"PK\x03\x04":
        return f"entry {name!r}: no local header where the central directory says (corrupt)", 0
    data_at = start + _LOCAL_HEADER.size + nlen + elen
    end = data_at + info.compress_size
    if end > len(data):
        return f"entry {name!r}: its data runs past the end of the file (truncated)", 0
    local_name = data[start + _LOCAL_HEADER.size : start + _LOCAL_HEADER.size + nlen]
    if local_name != _raw_name(info):
        shown = local_name.decode("utf-8", "backslashreplace")
        return (
            f"entry {name!r}: its local header names it {shown!r}; headers that disagree are "
            "refused (overlapping entries, or a corrupt zip)",
            end,
        )
    disagree = "its local header and the central directory disagree on"
    if method != info.compress_type:
        return (
            f"entry {name!r}: {disagree} its compression method ({method} vs {info.compress_type})",
            end,
        )
    if (flags ^ info.flag_bits) & _FLAG_ENCRYPTED:
        return f"entry {name!r}: {disagree} whether it is encrypted", end
    size, csize = _local_sizes(data[data_at - elen : data_at], size, csize)
    if flags & _FLAG_DESCRIPTOR:  # CRC and sizes follow the data (or are repeated here)
        if (crc, csize, size) not in ((0, 0, 0), (info.CRC, info.compress_size, info.file_size)):
            return f"entry {name!r}: {disagree} its CRC and sizes", end
        length = _descriptor_length(data, end, info)
        if length is None:
            return (
                f"entry {name!r}: its data descriptor disagrees with the central directory "
                "(CRC and sizes)",
                end,
            )
        return None, end + length
    for what, local, central in (
        ("uncompressed size", size, info.file_size),
        ("compressed size", csize, info.compress_size),
        ("CRC", crc, info.CRC),
    ):
        if local != central:
            return f"entry {name!r}: {disagree} its {what} ({local} vs {central})", end
    return None, end


def _check_headers(
    data: bytes, zf: zipfile.ZipFile, files: list[zipfile.ZipInfo], report: BundleReport
) -> None:
    """Each file's local header agrees with the central directory, and no two files share
    bytes (overlapping entries, the trick of the small zips that inflate to terabytes)."""
    spans: list[tuple[int, int, str]] = []
    for info in files:
        problem, end = _header_problem(data, info)
        if problem:
            report.problems.append(problem)
        else:
            spans.append((info.header_offset, end, info.filename))
    central_at = getattr(zf, "start_dir", len(data))
    spans.sort()
    for (_, prev_end, prev), (start, _, name) in zip(spans, spans[1:], strict=False):
        if start < prev_end:
            report.problems.append(
                f"entry {name!r} overlaps the data of entry {prev!r}: overlapping entries "
                "(a zip bomb, or a corrupt zip)"
            )
    for _, end, name in spans:
        if end > central_at:
            report.problems.append(
                f"entry {name!r}: its data runs into the central directory (a corrupt zip)"
            )


def _entry_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why one entry is refused on its own (name, type, method, size, ratio), or None."""
    name = info.orig_filename  # the whole name: zipfile cuts `filename` at a NUL byte
    why = name_problem(name)
    if why:
        return f"entry {name!r} {why}"
    if info.filename != name:
        return (
            f"entry {name!r} is also named {info.filename!r} (in an extra field): names that "
            "disagree are refused"
        )
    if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
        return f"entry {name!r} is a symlink; bundles may hold files only"
    if info.is_dir():
        return None
    if info.flag_bits & _FLAG_ENCRYPTED:
        return f"entry {name!r} is encrypted"
    if info.compress_type not in _METHODS:
        return (
            f"entry {name!r} uses compression method {info.compress_type}, which cannot be "
            "read; use deflate"
        )
    if info.file_size > limits.max_entry_bytes:
        return (
            f"entry {name!r} is {info.file_size} bytes uncompressed: over the "
            f"{limits.max_entry_bytes} byte limit per file"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
        return (
            f"entry {name!r} expands {ratio:.0f}x (limit {limits.max_ratio:.0f}x): zip bomb guard"
        )
    return None


def _check_entries(
    infos: list[zipfile.ZipInfo], report: BundleReport, limits: Limits
) -> list[zipfile.ZipInfo]:
    """The file entries that pass every per-entry check; the rest become problems."""
    seen: set[str] = set()
    files: list[zipfile.ZipInfo] = []
    for info in infos:
        problem = _entry_problem(info, limits)
        norm = info.filename.rstrip("/")
        if problem is None and norm in seen:
            problem = f"entry {info.filename!r} appears more than once"
        if problem:
            report.problems.append(problem)
            continue
        seen.add(norm)
        if info.is_dir():
            continue
        files.append(info)
        mode = stat.S_IMODE(info.external_attr >> 16) or 0o644
        report.entries.append(BundleEntry(info.filename, info.file_size, info.compress_size, mode))
    return files


def _find_layout(files: list[zipfile.ZipInfo], report: BundleReport) -> None:
    """Exactly one SKILL.md, at the root or in one top-level folder holding everything."""
    skill_mds = [i.filename for i in files if PurePosixPath(i.filename).name.lower() == "skill.md"]
    if not skill_mds:
        report.problems.append("no SKILL.md in the bundle")
    elif len(skill_mds) > 1:
        report.problems.append(f"more than one SKILL.md: {', '.join(sorted(skill_mds))}")
    else:
        parts = PurePosixPath(skill_mds[0]).parts
        if len(parts) == 1:
            report.layout, report.prefix = "root", ""
        elif len(parts) == 2 and all(i.filename.startswith(parts[0] + "/") for i in files):
            report.layout, report.prefix = "folder", parts[0] + "/"
        else:
            report.problems.append(
                f"{skill_mds[0]!r}: SKILL.md must be at the zip root, or in one top-level folder "
                "that holds everything"
            )
    report.problems += [
        f"entry {name!r} {why}" for name, why in names_problems(i.filename for i in files)
    ]


def _read_contents(
    zf: zipfile.ZipFile, files: list[zipfile.ZipInfo], report: BundleReport, limits: Limits
) -> None:
    """Decompress every file, counting real bytes: headers can lie."""
    for info in files:
        try:
            with zf.open(info) as fh:
                content = fh.read(limits.max_entry_bytes + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            report.problems.append(f"entry {info.filename!r} cannot be read: {exc}")
            continue
        except Exception as exc:  # zlib.error and friends on corrupt data
            report.problems.append(f"entry {info.filename!r} is corrupt: {exc}")
            continue
        if len(content) != info.file_size:
            report.problems.append(f"entry {info.filename!r} does not match its declared size")
            continue
        report.files[info.filename[len(report.prefix) :]] = content


def _read_frontmatter(report: BundleReport) -> None:
    skill_md_name = next((n for n in report.files if n.lower() == "skill.md"), None)
    if skill_md_name is None:
        return
    raw = report.files[skill_md_name]
    if len(raw) > MAX_SKILL_MD_BYTES:
        report.problems.append(
            f"SKILL.md is {size_text(len(raw))}: over the {size_text(MAX_SKILL_MD_BYTES)} limit "
            "for SKILL.md; move detail into references/"
        )
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        report.problems.append("SKILL.md is not valid UTF-8")
        return
    md = parse_skill_md_text(text, skill_md_name)
    if md.problem:
        report.problems.append(f"SKILL.md:{md.problem[2] or 1}: {md.problem[1]}")
    else:
        report.skill_md = text
        report.frontmatter = md.frontmatter
        report.instructions = md.body


def _read_schema(report: BundleReport) -> None:
    """schema.json, when the bundle has one, must be a JSON object (the server uses it)."""
    raw = report.files.get(SCHEMA_FILE)
    if raw is None:
        return
    try:
        schema = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problems.append(f"schema.json in the bundle is not valid JSON: {exc}")
        return
    except RecursionError:
        report.problems.append("schema.json in the bundle is nested too deeply to read")
        return
    if not isinstance(schema, dict):
        report.problems.append("schema.json in the bundle must be a JSON object")
        return
    report.schema = schema


def inspect_zip(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> BundleReport:
    """Check a zip without extracting: every problem is collected, none raised.

    This is the one reader: `inspect` shows its report, and `read_bundle_bytes` (unpack, the
    runner, the server) refuses a bundle exactly when the report holds a problem. The checks run
    cheapest first and stop before decompressing anything once the structure is wrong: the end
    record, the entry count, each entry (name, type, method, size, ratio), the total size, the
    local headers against the central directory, the layout; then the contents, SKILL.md and
    schema.json."""
    report = BundleReport(hashlib.sha256(data).hexdigest(), len(data))
    zf = _open_zip(data, report)
    if zf is None:
        return report
    infos = zf.infolist()
    problem = _count_problem(data, len(infos))
    if problem:
        report.problems.append(problem)
        return report
    if len(infos) > limits.max_entries:
        report.problems.append(
            f"{len(infos)} entries: more than the limit of {limits.max_entries} (zip bomb guard)"
        )
        return report
    files = _check_entries(infos, report, limits)
    total = sum(i.file_size for i in files)
    if total > limits.max_total_bytes:
        report.problems.append(
            f"{total} bytes uncompressed in all: over the {limits.max_total_bytes} byte limit"
        )
        return report
    _check_headers(data, zf, files, report)
    _find_layout(files, report)
    if report.problems:
        return report
    _read_contents(zf, files, report, limits)
    _read_frontmatter(report)
    _read_schema(report)
    return report


def read_bundle_bytes(
    zip_bytes: bytes, *, source: str = "<bundle>", limits: Limits = DEFAULT_LIMITS
) -> SkillBundle:
    """Check and read a zip; raises BundleError naming the first problem `inspect_zip` found."""
    report = inspect_zip(zip_bytes, limits=limits)
    if report.problems:
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        raise BundleError(report.problems[0] + more, path=source)
    fm = report.frontmatter or {}
    name, description = fm.get("name"), fm.get("description")
    return SkillBundle(
        zip_bytes=zip_bytes,
        sha256=report.sha256,
        layout=report.layout or "root",
        prefix=report.prefix,
        entries=report.entries,
        files=report.files,
        skill_md=report.skill_md,
        frontmatter=fm,
        name=name if isinstance(name, str) else None,
        description=description if isinstance(description, str) else None,
        instructions=report.instructions,
        schema=report.schema,
    )


def decode_base64(text: str, *, source: str = "<bundle>") -> bytes:
    """Strict base64 (whitespace and line breaks allowed); BundleError otherwise."""
    compact = "".join(text.split())
    if not compact:
        raise BundleError("the base64 data is empty", path=source)
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BundleError(f"invalid base64 data ({exc})", path=source) from exc


def payload_zip_bytes(payload: Any, *, source: str = "<payload>") -> bytes:
    """The zip inside an AgentSkill (inline `source` or legacy `bundle`) or InlineSkillSource."""
    if not isinstance(payload, dict):
        raise BundleError("a skill payload must be a JSON object", path=source)
    src = payload.get("source")
    if src is None and "data" in payload:
        src = payload  # a bare InlineSkillSource
    if src is not None:
        if not isinstance(src, dict):
            raise BundleError(
                "'source' must be an object with type, media_type and data", path=source
            )
        if src.get("type", "base64") != "base64":
            raise BundleError(
                f"source type {src.get('type')!r} is not supported: use 'base64'", path=source
            )
        media = src.get("media_type", MEDIA_TYPE)
        if media != MEDIA_TYPE:
            raise BundleError(
                f"media_type {media!r} is not supported: it must be {MEDIA_TYPE!r}", path=source
            )
        data = src.get("data")
        if not isinstance(data, str):
            raise BundleError("'source.data' must be a base64 string", path=source)
        return decode_base64(data, source=source)
    legacy = payload.get("bundle")
    if isinstance(legacy, str):
        return decode_base64(legacy, source=source)
    if payload.get("type", "skill_reference") == "skill_reference" or payload.get("skill_id"):
        raise BundleError(
            "this is a skill_reference, not an inline skill: it holds no bundle", path=source
        )
    raise BundleError(
        "no bundle found: expected 'source.data' (or the legacy 'bundle')", path=source
    )


def read_agent_skill(
    payload: Any, *, source: str = "<payload>", limits: Limits = DEFAULT_LIMITS
) -> SkillBundle:
    """Read the bundle of an AgentSkill / InlineSkillSource dict, with every check."""
    return read_bundle_bytes(
        payload_zip_bytes(payload, source=source), source=source, limits=limits
    )


def load_bundle_bytes(path: str | Path) -> bytes:
    """The zip bytes of a bundle file: a zip, a payload JSON or a bare base64 file."""
    p = Path(path)
    try:
        if str(path) == "-":
            raw = sys.stdin.buffer.read(MAX_BUNDLE_INPUT_BYTES + 1)
        else:  # a pipe the user names (`<(...)`) is read like stdin: bounded
            with p.open("rb") as fh:
                raw = fh.read(MAX_BUNDLE_INPUT_BYTES + 1)
    except OSError as exc:
        raise BundleError(f"cannot read: {exc.strerror}", path=p) from exc
    if len(raw) > MAX_BUNDLE_INPUT_BYTES:
        raise BundleError(
            f"over {size_text(MAX_BUNDLE_INPUT_BYTES)}: too large for a skill bundle "
            f"(the limit in all is {size_text(DEFAULT_LIMITS.max_total_bytes)} uncompressed)",
            path=p,
        )
    if raw[:2] == b"PK":
        return raw
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        try:
            payload = json.loads(stripped.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BundleError(f"looks like JSON but is not valid: {exc}", path=p) from exc
        except RecursionError as exc:
            raise BundleError("looks like JSON but is nested too deeply to read", path=p) from exc
        return payload_zip_bytes(payload, source=str(p))
    try:
        text = stripped.decode("ascii")
    except UnicodeDecodeError:
        text = None
    if text is None or not _BASE64_TEXT.fullmatch(text):
        raise BundleError(
            "not a zip, a skill payload JSON or base64 text (invalid base64 data); give a "
            "bundle made by "
            "`skillkit pack`",
            path=p,
        )
    try:
        return decode_base64(text, source=str(p))
    except BundleError as exc:
        raise BundleError(
            f"not a zip, a skill payload JSON or base64 text ({exc.message})", path=p
        ) from exc


def inspect_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> BundleReport:
    """`inspect_zip` of a bundle file: a .zip, or base64 / an AgentSkill JSON as `inspect` reads."""
    return inspect_zip(load_bundle_bytes(path), limits=limits)


def extract_bundle(bundle: SkillBundle, dest: Path) -> list[Path]:
    """Write a checked bundle's files under a new folder, all or nothing (temp dir + rename)."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BundleError("the destination exists and is not empty; choose a new folder", path=dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    tmp.chmod(0o755)
    modes = {e.path[len(bundle.prefix) :]: e.mode for e in bundle.entries}
    written: list[Path] = []
    try:
        for rel, content in sorted(bundle.files.items()):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            target.chmod(0o755 if modes.get(rel, 0o644) & 0o111 else 0o644)
            written.append(dest / rel)
        if dest.exists():
            dest.rmdir()
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return written
