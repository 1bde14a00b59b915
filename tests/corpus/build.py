"""Builders for the hostile-input corpus: skill folders, byte-exact zips, bombs and odd files.

Everything here writes under a folder it is given and returns paths; nothing is committed. The
zips are written byte by byte (`raw_zip`), not with zipfile, so that headers can lie: sizes, CRCs,
offsets, flags, names with NUL or invalid UTF-8, zip64 fields, records that overlap.
"""

from __future__ import annotations

import base64
import io
import json
import os
import stat
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MB = 1024 * 1024

DESCRIPTION = "Extracts the total from corpus documents. Use when a corpus entry needs a skill."
BODY = "# Demo\n\nRead the document and return the total it states.\n"
SCHEMA = {"type": "object", "properties": {"total": {"type": "number"}}}
DOC_TEXT = "Invoice 42\nTotal: 12.50\n"
EXPECTED = {"total": 12.5}


class Unsupported(Exception):
    """This platform (or user) cannot make the input: the entry is skipped, saying why."""


@dataclass(frozen=True)
class Place:
    """Where an entry is built. Every command runs in `work`; `sentinel` is a folder outside it
    that no command may write into (absolute paths in hostile zips aim there)."""

    work: Path
    sentinel: Path


# --------------------------------------------------------------------------- skill folders


def frontmatter(name: str = "demo", description: str = DESCRIPTION, extra: str = "") -> str:
    return f"name: {name}\ndescription: {description}\n{extra}"


def skill_md(fm: str | None = None, body: str = BODY) -> bytes:
    fm = frontmatter() if fm is None else fm
    if not fm.endswith("\n"):
        fm += "\n"
    return f"---\n{fm}---\n\n{body}".encode()


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    """`relative path -> text or bytes` under root, creating folders."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)


def skill(
    work: Path,
    *,
    name: str = "demo",
    md: str | bytes | None = None,
    files: Mapping[str, str | bytes] | None = None,
    schema: object = SCHEMA,
    case: bool = True,
) -> Path:
    """A skill folder `work/<name>/`: SKILL.md (valid unless `md` is given), schema.json (None:
    none) and, with `case`, one passing case tests/a.txt + tests/a.expected.json."""
    root = work / name
    root.mkdir(parents=True, exist_ok=True)
    if md is None:
        md = skill_md(frontmatter(name))
    tree: dict[str, str | bytes] = {"SKILL.md": md if isinstance(md, bytes) else md.encode()}
    if schema is not None:
        tree["schema.json"] = json.dumps(schema, indent=2) + "\n"
    if case:
        tree["tests/a.txt"] = DOC_TEXT
        tree["tests/a.expected.json"] = json.dumps(EXPECTED) + "\n"
    tree.update(files or {})
    write_tree(root, tree)
    return root


def fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        raise Unsupported("no os.mkfifo on this platform")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def char_device(path: Path, major: int = 1, minor: int = 5) -> Path:
    """A character device node (default 1,5: what /dev/zero is on Linux). Needs CAP_MKNOD."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(major, minor))
    except (AttributeError, PermissionError, OSError) as exc:
        raise Unsupported(f"cannot make a device node here: {exc}") from exc
    return path


def symlink(link: Path, target: str | Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as exc:
        raise Unsupported(f"cannot make symlinks here: {exc}") from exc
    return link


def long_path(base: Path, total: int = 4200, segment: int = 200) -> Path:
    """Folders nested under `base` until the path is longer than `total` characters (beyond
    Linux's PATH_MAX of 4096): made with dir_fd, since no single path can reach the bottom.
    Returns the deepest folder's path (too long to open by name; for messages only)."""
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base, os.O_RDONLY)
    path = str(base)
    try:
        i = 0
        while len(path) <= total:
            name = f"{i:03d}" + "d" * (segment - 3)
            os.mkdir(name, dir_fd=fd)
            new = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
            path = f"{path}/{name}"
            i += 1
        leaf = os.open("notes.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(leaf, b"# Deep\n")
        os.close(leaf)
    finally:
        os.close(fd)
    return Path(path)


# --------------------------------------------------------------------------- hostile text


def alias_bomb(indent: str = "  ", levels: int = 9, width: int = 9) -> str:
    """Billion laughs: level k is a list of `width` aliases of level k-1 (9**9 leaves)."""
    lines = [f"{indent}l0: &l0 [{', '.join(['lol'] * width)}]"]
    for k in range(1, levels):
        refs = ", ".join([f"*l{k - 1}"] * width)
        lines.append(f"{indent}l{k}: &l{k} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_json(depth: int, leaf: str = "1") -> str:
    """`[[[...1...]]]` nested `depth` deep: valid JSON no recursive parser can read."""
    return "[" * depth + leaf + "]" * depth


def deep_yaml_flow(depth: int) -> str:
    return "[" * depth + "]" * depth


def big_expected_json(path: Path, target: int) -> Path:
    """A valid expected file of about `target` bytes: the total, plus a long list of strings
    (streamed to disk)."""
    item = json.dumps("x" * 90) + ","
    count = target // len(item)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('{"total": 12.5, "junk": [')
        chunk = item * 10_000
        for _ in range(count // 10_000):
            fh.write(chunk)
        fh.write('"end"]}\n')
    return path


# --------------------------------------------------------------------------- raw zips


@dataclass
class Member:
    """One zip member as `raw_zip` writes it; every header field can be made to lie.

    `share`: this central record points at the local header and data of an earlier member
    (by index) instead of getting its own, as overlapping zip bombs do."""

    name: str | bytes
    data: bytes = b""
    method: int = 8  # 0 stored, 8 deflated, anything else: unsupported
    mode: int = stat.S_IFREG | 0o644
    flags: int | None = None  # default: bit 11 (UTF-8 names) for str names, 0 for bytes
    stored: bytes | None = None  # the bytes as stored in the zip (default: from `data`)
    size: int | None = None  # declared uncompressed size, both headers (default: len(data))
    crc: int | None = None  # declared CRC-32, both headers (default: CRC of `data`)
    central_size: int | None = None  # the central directory's declared size, when it lies
    central_crc: int | None = None
    zip64_size: int | None = None  # declare this uncompressed size through zip64 extra fields
    local_offset: int | None = None  # the central record's local header offset, when it lies
    share: int | None = None


def _compress(data: bytes, method: int) -> bytes:
    if method != 8:
        return data
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush()


_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00


def raw_zip(
    members: list[Member],
    *,
    eocd_entries: int | None = None,
    eocd_cd_offset: int | None = None,
    zip64_eocd: dict[str, int] | None = None,
) -> bytes:
    """A zip written field by field. `eocd_*` make the end record lie; `zip64_eocd` adds a zip64
    end record (and locator) whose fields (`entries`, `cd_size`, `cd_offset`) may lie too."""
    out = bytearray()
    placed: list[tuple[int, int, int, int]] = []  # offset, crc, compressed, uncompressed
    central = bytearray()
    for m in members:
        name = m.name.encode() if isinstance(m.name, str) else m.name
        flags = m.flags if m.flags is not None else (0x800 if isinstance(m.name, str) else 0)
        if m.share is not None:
            offset, crc, csize, size = placed[m.share]
        else:
            stored = m.stored if m.stored is not None else _compress(m.data, m.method)
            crc = m.crc if m.crc is not None else zlib.crc32(m.data)
            size = m.size if m.size is not None else len(m.data)
            csize = len(stored)
            offset = len(out)
            extra, l_csize, l_size = b"", csize, size
            if m.zip64_size is not None:
                extra = struct.pack("<HHQQ", 1, 16, m.zip64_size, csize)
                l_csize = l_size = 0xFFFFFFFF
            out += struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                45 if m.zip64_size is not None else 20,
                flags,
                m.method,
                _DOS_TIME,
                _DOS_DATE,
                crc,
                l_csize,
                l_size,
                len(name),
                len(extra),
            )
            out += name + extra + stored
        placed.append((offset, crc, csize, size))
        c_size = m.central_size if m.central_size is not None else size
        c_crc = m.central_crc if m.central_crc is not None else crc
        extra, c_csize = b"", csize
        if m.zip64_size is not None:
            extra = struct.pack("<HHQQ", 1, 16, m.zip64_size, csize)
            c_size = c_csize = 0xFFFFFFFF
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            (3 << 8) | 45,
            45 if m.zip64_size is not None else 20,
            flags,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            c_crc,
            c_csize,
            c_size,
            len(name),
            len(extra),
            0,
            0,
            0,
            m.mode << 16,
            m.local_offset if m.local_offset is not None else offset,
        )
        central += name + extra
    cd_offset = len(out)
    out += central
    count = len(members) if eocd_entries is None else eocd_entries
    if zip64_eocd is not None:
        record_at = len(out)
        out += struct.pack(
            "<4sQ2H2L4Q",
            b"PK\x06\x06",
            44,
            (3 << 8) | 45,
            45,
            0,
            0,
            zip64_eocd.get("entries", count),
            zip64_eocd.get("entries", count),
            zip64_eocd.get("cd_size", len(central)),
            zip64_eocd.get("cd_offset", cd_offset),
        )
        out += struct.pack("<4sLQL", b"PK\x06\x07", 0, record_at, 1)
    out += struct.pack(
        "<4s4H2LH",
        b"PK\x05\x06",
        0,
        0,
        min(count, 0xFFFF),
        min(count, 0xFFFF),
        len(central),
        eocd_cd_offset if eocd_cd_offset is not None else cd_offset,
        0,
    )
    return bytes(out)


def ok_md(name: str = "demo") -> bytes:
    return skill_md(frontmatter(name))


def good_members(prefix: str = "") -> list[Member]:
    """What a small valid bundle holds: SKILL.md, schema.json, a reference, a script."""
    return [
        Member(prefix + "SKILL.md", ok_md()),
        Member(prefix + "references/guide.md", b"# Guide\n\nThe total is near the bottom.\n"),
        Member(prefix + "schema.json", json.dumps(SCHEMA).encode()),
        Member(prefix + "scripts/run.sh", b"#!/bin/sh\necho hi\n", mode=stat.S_IFREG | 0o755),
    ]


def good_zip(prefix: str = "") -> bytes:
    return raw_zip(good_members(prefix))


def zip_with(*extra: Member, prefix: str = "") -> bytes:
    """A valid bundle plus hostile members."""
    return raw_zip([*good_members(prefix), *extra])


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def payload(data_field: object = None, **source: object) -> bytes:
    """An AgentSkill payload JSON; `data_field` replaces the base64 data (default: a good zip)."""
    src: dict[str, object] = {
        "type": "base64",
        "media_type": "application/zip",
        "data": b64(good_zip()) if data_field is None else data_field,
    }
    src.update(source)
    return json.dumps(
        {"type": "inline", "name": "demo", "description": "d", "source": src}
    ).encode()


# --------------------------------------------------------------------------- bombs


def overlapping_zip(count: int, blob_size: int = MB) -> bytes:
    """One deflated blob of zeros and `count` central records all pointing at it (under
    different names): a small file whose entries declare count * blob_size bytes."""
    blob = Member("assets/bomb-00.bin", bytes(blob_size))
    members = [Member("SKILL.md", ok_md()), blob]
    members += [Member(f"assets/bomb-{i:02d}.bin", share=1) for i in range(1, count)]
    return raw_zip(members)


def nested_zip() -> bytes:
    """A bundle holding a zip of zip bombs (each 10 MB of zeros): harmless unless a reader
    descends into archives, which none should."""
    inner = raw_zip([Member(f"layer-{i}.bin", bytes(10 * MB)) for i in range(8)])
    middle = raw_zip([Member(f"inner-{i}.zip", inner, method=0) for i in range(4)])
    return zip_with(Member("assets/nested.zip", middle, method=0))


@cache
def _repeated_deflate(head: bytes, chunk: bytes, count: int, tail: bytes) -> tuple[bytes, int, int]:
    """Deflate of head + chunk * count + tail without compressing it all: after a full flush
    the compressor's output for the same chunk is the same bytes, so one is repeated.
    Returns (stream, CRC-32, uncompressed size)."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)
    piece = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    last = co.compress(tail) + co.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return first + piece * count + last, crc, len(head) + len(chunk) * count + len(tail)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Total: 12.50</w:t></w:r></w:p>"
    '<w:p><w:r><w:t xml:space="preserve">'
)
_DOC_TAIL = "</w:t></w:r></w:p></w:body></w:document>"


def docx(padding_mb: int = 0) -> bytes:
    """A minimal DOCX saying `Total: 12.50`; `padding_mb` MB of spaces in a second paragraph,
    compressed about 1000:1 (2048 makes a 2 GB document.xml in a 2 MB file: a DOCX bomb)."""
    stream, crc, size = _repeated_deflate(
        _DOC_HEAD.encode(), b" " * MB, padding_mb, _DOC_TAIL.encode()
    )
    return raw_zip(
        [
            Member("[Content_Types].xml", _CONTENT_TYPES.encode()),
            Member("_rels/.rels", _RELS.encode()),
            Member("word/document.xml", stored=stream, crc=crc, size=size),
        ]
    )


def encrypted_pdf() -> bytes:
    """A PDF that needs a user password to open (reportlab's standard encryption)."""
    try:
        from reportlab.lib import pdfencrypt
        from reportlab.pdfgen import canvas
    except ImportError as exc:
        raise Unsupported("reportlab is not installed (the dev extra has it)") from exc
    buf = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("user-secret", "owner-secret", canPrint=0)
    c = canvas.Canvas(buf, encrypt=enc)
    c.drawString(72, 720, "Total: 12.50")
    c.save()
    return buf.getvalue()
