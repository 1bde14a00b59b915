"""Build reproducible skill zips and read bundles safely. Written once; used by `pack`,
`inspect`, `unpack`, the runner and the local server alike.

Writing: files are walked in sorted order, exclusions applied (built-ins plus `.skillignore`),
and every entry gets a fixed timestamp, normalised permissions (0644, or 0755 when executable),
no extra fields and a UTF-8 name — so the same files give the same bytes on any machine.

Reading: a bundle is accepted in either layout (SKILL.md at the root, or everything under one
top-level folder) and refused, with a message naming the entry, for path traversal, absolute
paths, drive letters, backslashes, symlinks, duplicates, zip bombs, encrypted entries, zero or
several SKILL.md files, invalid base64 and a media type other than application/zip.
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
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pathspec

from skillkit.errors import BundleError, SkillError
from skillkit.skill import SCHEMA_FILE, SKIP_DIRS, load_skill, parse_skill_md_text

MEDIA_TYPE = "application/zip"
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


# --------------------------------------------------------------------------- writing


_BUILTIN_SPEC = pathspec.PathSpec.from_lines("gitignore", BUILTIN_EXCLUDES)


class _Excludes:
    """Built-in exclusions plus `.skillignore`; a `!pattern` there cannot bring back a built-in."""

    def __init__(self, root: Path) -> None:
        ignore = root / IGNORE_FILE
        lines = ignore.read_text(encoding="utf-8-sig").splitlines() if ignore.is_file() else []
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


def select_files(root: Path) -> FileSelection:
    """Walk a skill folder in sorted order and apply the exclusions.

    Symlinks that stay inside the folder are bundled as the files they point to; symlinks that
    leave it are reported and never followed.
    """
    root = root.resolve()
    spec = _Excludes(root)
    selection = FileSelection()

    def walk(folder: Path, rel: str) -> None:
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            raise SkillError(f"cannot read folder: {exc.strerror}", path=folder) from exc
        for entry in children:
            arc = f"{rel}{entry.name}"
            full = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=True)
            if spec.match_file(arc + "/" if is_dir else arc) or (
                is_dir and entry.name in SKIP_DIRS
            ):
                selection.excluded.append(arc + ("/" if is_dir else ""))
                continue
            if entry.is_symlink():
                target = full.resolve()
                if not (target == root or root in target.parents) or not target.exists():
                    selection.escaping_links.append((arc, os.readlink(full)))
                    continue
            if is_dir:
                if (full / "pyvenv.cfg").is_file():
                    selection.excluded.append(arc + "/")
                    continue
                walk(full, arc + "/")
            elif entry.is_file(follow_symlinks=True):
                st = full.stat()
                selection.files.append(
                    SourceFile(arc, full, bool(st.st_mode & stat.S_IXUSR), st.st_size)
                )

    walk(root, "")
    selection.files.sort(key=lambda f: f.arcname.encode("utf-8"))
    return selection


def _zipinfo(arcname: str, executable: bool, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(arcname, date_time=FIXED_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, so the permission bits below are read back
    mode = 0o755 if executable else 0o644
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.file_size = size
    return info


def write_zip(files: list[SourceFile], out: IO[bytes], *, prefix: str = "") -> None:
    """Stream the files into a zip: constant memory whatever the skill's size."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for f in files:
            info = _zipinfo(prefix + f.arcname, f.executable, f.size)
            with f.path.open("rb") as src, zf.open(info, "w", force_zip64=f.size > 2**31) as dst:
                while chunk := src.read(1024 * 1024):
                    dst.write(chunk)


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
        return {"type": "base64", "media_type": MEDIA_TYPE, "data": self.base64}

    def payload(self) -> dict[str, Any]:
        """The AgentSkill inline object that goes into `config.skills`."""
        return {
            "type": "inline",
            "name": self.name,
            "description": self.description,
            "source": self.source(),
        }


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
    source = {"type": "base64", "media_type": MEDIA_TYPE, "data": _DATA_MARK}
    doc: dict[str, Any] = source
    if kind == "payload":
        doc = {
            "type": "inline",
            "name": info.name,
            "description": info.description,
            "source": source,
        }
    head, tail = json.dumps(doc, ensure_ascii=False, indent=2).split(_DATA_MARK)
    out.write(head.encode())
    for piece in iter_base64(zip_path):
        out.write(piece)
    out.write(tail.encode() + b"\n")


_DATA_MARK = "@@skillkit-data@@"


# --------------------------------------------------------------------------- reading

_DRIVE = re.compile(r"^[A-Za-z]:")
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
            "frontmatter": self.frontmatter,
            "problems": self.problems,
        }


def _path_problem(name: str) -> str | None:
    if "\\" in name:
        return f"entry {name!r} uses backslashes; zip paths must use '/'"
    if name.startswith("/"):
        return f"entry {name!r} is an absolute path"
    if _DRIVE.match(name):
        return f"entry {name!r} has a drive letter"
    if "\x00" in name:
        return f"entry {name!r} has a NUL byte in its name"
    segments = name.rstrip("/").split("/")
    if ".." in segments:
        return f"entry {name!r} escapes the bundle with '..' (path traversal)"
    if not name.rstrip("/"):
        return f"entry {name!r} has an empty name"
    if "." in segments or "" in segments:
        return f"entry {name!r} is not a canonical path ('.' or empty segments)"
    return None


def _collisions(names: list[str]) -> list[str]:
    """A file that is also a folder of another entry, or names equal but for case."""
    problems = []
    as_dirs = {"/".join(n.split("/")[:k]) for n in names for k in range(1, n.count("/") + 1)}
    for n in names:
        if n in as_dirs:
            problems.append(f"entry {n!r} is both a file and a folder of other entries")
    folded: dict[str, str] = {}
    for n in names:
        other = folded.setdefault(n.casefold(), n)
        if other != n:
            problems.append(f"entries {other!r} and {n!r} differ only in case")
    return problems


def _entry_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why one entry is refused on its own (name, type, size, ratio), or None."""
    name = info.filename
    problem = _path_problem(name)
    if problem:
        return problem
    if info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16):
        return f"entry {name!r} is a symlink; bundles may hold files only"
    if info.is_dir():
        return None
    if info.flag_bits & 0x1:
        return f"entry {name!r} is encrypted"
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
    report.problems += _collisions([i.filename for i in files])


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
    try:
        text = report.files[skill_md_name].decode("utf-8")
    except UnicodeDecodeError:
        report.problems.append("SKILL.md is not valid UTF-8")
        return
    md = parse_skill_md_text(text, skill_md_name)
    if md.problem:
        report.problems.append(f"SKILL.md:{md.problem[2] or 1}: {md.problem[1]}")
    else:
        report.frontmatter = md.frontmatter


def inspect_zip(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> BundleReport:
    """Check a zip without extracting: every problem is collected, none raised.

    The checks run cheapest first and stop before decompressing anything once the structure is
    wrong: entry count, then each entry, then the layout, then the contents."""
    report = BundleReport(hashlib.sha256(data).hexdigest(), len(data))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        report.problems.append("not a zip archive, or a truncated one")
        return report
    except zipfile.LargeZipFile:
        report.problems.append("zip64 archive too large to read")
        return report
    infos = zf.infolist()
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
    _find_layout(files, report)
    if report.problems:
        return report
    _read_contents(zf, files, report, limits)
    _read_frontmatter(report)
    return report


def read_bundle_bytes(
    zip_bytes: bytes, *, source: str = "<bundle>", limits: Limits = DEFAULT_LIMITS
) -> SkillBundle:
    """Check and read a zip; raises BundleError naming the first problem."""
    report = inspect_zip(zip_bytes, limits=limits)
    if report.problems:
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        raise BundleError(report.problems[0] + more, path=source)
    skill_md_name = next(n for n in report.files if n.lower() == "skill.md")
    skill_md = report.files[skill_md_name].decode("utf-8")
    md = parse_skill_md_text(skill_md, skill_md_name)
    fm = md.frontmatter or {}
    schema = None
    if SCHEMA_FILE in report.files:
        try:
            schema = json.loads(report.files[SCHEMA_FILE].decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BundleError(
                f"schema.json in the bundle is not valid JSON: {exc}", path=source
            ) from exc
        if not isinstance(schema, dict):
            raise BundleError("schema.json in the bundle must be a JSON object", path=source)
    name, description = fm.get("name"), fm.get("description")
    return SkillBundle(
        zip_bytes=zip_bytes,
        sha256=report.sha256,
        layout=report.layout or "root",
        prefix=report.prefix,
        entries=report.entries,
        files=report.files,
        skill_md=skill_md,
        frontmatter=fm,
        name=name if isinstance(name, str) else None,
        description=description if isinstance(description, str) else None,
        instructions=md.body,
        schema=schema,
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
        raw = sys.stdin.buffer.read() if str(path) == "-" else p.read_bytes()
    except OSError as exc:
        raise BundleError(f"cannot read: {exc.strerror}", path=p) from exc
    if raw[:2] == b"PK":
        return raw
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        try:
            payload = json.loads(stripped.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BundleError(f"looks like JSON but is not valid: {exc}", path=p) from exc
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
