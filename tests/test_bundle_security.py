"""Reading untrusted bundles: every unsafe or malformed input is refused by `inspect` and
`unpack` with its own one-line message, exit 1, and nothing written.

The zips are crafted with zipfile directly (conftest.build_zip), never with our packer.
"""

from __future__ import annotations

import base64
import io
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Entry, build_zip, minimal_skill_md, run_cli, tree_files

from skillkit.bundle import Limits, inspect_zip, read_agent_skill, read_bundle_bytes
from skillkit.errors import BundleError

MB = 1024 * 1024
OK_MD = minimal_skill_md("demo")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def good_zip(prefix: str = "") -> bytes:
    return build_zip(
        [
            (prefix + "SKILL.md", OK_MD),
            (prefix + "references/guide.md", "# Guide\n"),
            Entry(prefix + "scripts/run.sh", b"#!/bin/sh\necho hi\n", mode=stat.S_IFREG | 0o755),
        ]
    )


def payload(data: bytes, **source: str) -> bytes:
    src = {"type": "base64", "media_type": "application/zip", "data": b64(data), **source}
    doc = {"type": "inline", "name": "demo", "description": "d", "source": src}
    return json.dumps(doc).encode()


def lying_size_bomb() -> bytes:
    """30 MB of zeros whose headers claim 1000 bytes: the ratio and size guards see nothing."""
    data = bytearray(build_zip([Entry("assets/blob.bin", bytes(30 * MB)), ("SKILL.md", OK_MD)]))
    assert data[:4] == b"PK\x03\x04"
    struct.pack_into("<I", data, 22, 1000)  # local header: uncompressed size
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)  # central directory: uncompressed size
    return bytes(data)


def corrupt_data_zip() -> bytes:
    content = b"The quick brown fox jumps over the lazy dog. " * 50
    data = bytearray(build_zip([("SKILL.md", OK_MD), ("notes.txt", content)]))
    offset = data.find(b"PK\x03\x04", 10)  # second local header: notes.txt
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    data[start + 5] ^= 0xFF
    return bytes(data)


def encrypted_flag_zip() -> bytes:
    data = bytearray(build_zip([("SKILL.md", OK_MD), ("secret.txt", "x")]))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig, 10 if sig == b"PK\x03\x04" else 0)
        if sig == b"PK\x01\x02":
            pos = data.find(sig, pos + 4)  # the second central record: secret.txt
        (flags,) = struct.unpack_from("<H", data, pos + flag_at)
        struct.pack_into("<H", data, pos + flag_at, flags | 0x1)
    return bytes(data)


@dataclass
class Bad:
    """One refused input: the bytes of the file given to inspect/unpack and what must be said."""

    id: str
    make: Callable[[], bytes]
    message: str  # a fragment of the specific message, compared case-insensitively


BAD = [
    Bad("dotdot", lambda: build_zip([("SKILL.md", OK_MD), ("../evil", "x")]), "path traversal"),
    Bad(
        "dotdot-inside",
        lambda: build_zip([("SKILL.md", OK_MD), ("a/../../evil", "x")]),
        "path traversal",
    ),
    Bad("absolute", lambda: build_zip([("SKILL.md", OK_MD), ("/abs", "x")]), "absolute path"),
    Bad("drive-letter", lambda: build_zip([("SKILL.md", OK_MD), ("C:/x", "x")]), "drive letter"),
    Bad("backslash", lambda: build_zip([("SKILL.md", OK_MD), ("a\\b", "x")]), "backslash"),
    Bad(
        "backslash-traversal",
        lambda: build_zip([("SKILL.md", OK_MD), ("..\\..\\evil", "x")]),
        "backslash",
    ),
    Bad(
        "symlink",
        lambda: build_zip(
            [("SKILL.md", OK_MD), Entry("link", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)]
        ),
        "symlink",
    ),
    Bad(
        "ratio-bomb",
        lambda: build_zip([("SKILL.md", OK_MD), ("assets/zeros.bin", bytes(10 * MB))]),
        "zip bomb",
    ),
    Bad(
        "entry-over-size-limit",
        lambda: build_zip([("SKILL.md", OK_MD), ("assets/zeros.bin", bytes(26 * MB))]),
        "limit per file",
    ),
    Bad(
        "too-many-entries",
        lambda: build_zip([("SKILL.md", OK_MD), *((f"r/{i}.md", "x") for i in range(500))]),
        "more than the limit of 500",
    ),
    Bad(
        # 60 entries of exactly 1 MB of zeros: each is under the ratio floor, so only the
        # total-size guard stands between this 60 MB expansion and the disk.
        "total-size-bomb",
        lambda: build_zip([("SKILL.md", OK_MD), *((f"a/{i}.bin", bytes(MB)) for i in range(60))]),
        "uncompressed in all",
    ),
    Bad("lying-header-bomb", lying_size_bomb, "crc"),
    Bad(
        "duplicate-entry",
        lambda: build_zip([("SKILL.md", OK_MD), ("a.md", "1"), ("a.md", "2")]),
        "more than once",
    ),
    Bad(
        "duplicate-skill-md",
        lambda: build_zip([("SKILL.md", OK_MD), ("SKILL.md", OK_MD)]),
        "more than once",
    ),
    Bad("no-skill-md", lambda: build_zip([("README.md", "# hi\n")]), "no SKILL.md"),
    Bad("empty-zip", lambda: build_zip([]), "no SKILL.md"),
    Bad(
        "two-skill-md",
        lambda: build_zip([("SKILL.md", OK_MD), ("skill.md", OK_MD)]),
        "more than one SKILL.md",
    ),
    Bad(
        "two-skill-md-in-folders",
        lambda: build_zip([("demo/SKILL.md", OK_MD), ("demo/refs/Skill.MD", OK_MD)]),
        "more than one SKILL.md",
    ),
    Bad(
        "skill-md-too-deep",
        lambda: build_zip([("a/b/SKILL.md", OK_MD), ("a/b/x.md", "x")]),
        "zip root, or in one top-level folder",
    ),
    Bad(
        "folder-layout-with-stray-root-file",
        lambda: build_zip([("demo/SKILL.md", OK_MD), ("stray.txt", "x")]),
        "zip root, or in one top-level folder",
    ),
    Bad(
        "skill-md-without-frontmatter",
        lambda: build_zip([("SKILL.md", "# no frontmatter\n")]),
        "frontmatter",
    ),
    Bad("encrypted-entry", encrypted_flag_zip, "encrypted"),
    Bad("corrupt-data", corrupt_data_zip, "notes.txt"),
    Bad("truncated-zip", lambda: good_zip()[:-40], "truncated"),
    Bad("truncated-to-header", lambda: good_zip()[:30], "truncated"),
    Bad("non-zip-binary", lambda: b"%PDF-1.7\n\x00\xff\xfe binary junk", "not a zip"),
    Bad("invalid-base64-file", lambda: b"this is not base64 at all!\n", "invalid base64"),
    Bad("empty-file", lambda: b"", "empty"),
    Bad("base64-of-non-zip", lambda: base64.b64encode(b"hello world, no zip"), "not a zip"),
    Bad("invalid-json", lambda: b'{"type": "inline", "source": ', "not valid"),
    Bad(
        "payload-invalid-base64",
        lambda: payload(good_zip()).replace(b'"data": "', b'"data": "@@@'),
        "invalid base64",
    ),
    Bad(
        "payload-wrong-media-type",
        lambda: payload(good_zip(), media_type="application/x-tar"),
        "media_type",
    ),
    Bad("payload-wrong-source-type", lambda: payload(good_zip(), type="url"), "not supported"),
    Bad(
        "payload-traversal-inside",
        lambda: payload(build_zip([("SKILL.md", OK_MD), ("../evil", "x")])),
        "path traversal",
    ),
    Bad(
        "payload-skill-reference",
        lambda: json.dumps({"type": "skill_reference", "skill_id": "pillow"}).encode(),
        "skill_reference",
    ),
    Bad("payload-not-an-object", lambda: b'["a", "b"]', "JSON object"),
    Bad(
        "legacy-bundle-invalid-base64",
        lambda: json.dumps({"type": "inline", "bundle": "%%%"}).encode(),
        "invalid base64",
    ),
    Bad(
        "source-data-not-a-string",
        lambda: json.dumps({"type": "inline", "source": {"data": 5}}).encode(),
        "base64 string",
    ),
]


def _assert_nothing_written(parent: Path, dest: Path) -> None:
    assert not dest.exists()
    assert list(parent.iterdir()) == [], "temp files left behind"


@pytest.mark.parametrize("case", BAD, ids=[c.id for c in BAD])
def test_inspect_and_unpack_refuse(tmp_path: Path, case: Bad) -> None:
    bundle = tmp_path / f"{case.id}.bin"
    bundle.write_bytes(case.make())
    want = case.message.lower()

    inspected = run_cli("inspect", bundle)
    assert inspected.exit_code == 1, inspected.output
    assert want in inspected.stderr.lower(), inspected.stderr
    assert all(
        line.startswith(("problem: ", "error: ")) for line in inspected.stderr.splitlines()
    ), inspected.stderr
    assert "Traceback" not in inspected.output

    as_json = run_cli("inspect", "--format", "json", bundle)
    assert as_json.exit_code == 1
    if as_json.stdout:
        assert any(want in p.lower() for p in json.loads(as_json.stdout)["problems"])

    parent = tmp_path / "out"
    parent.mkdir()
    dest = parent / "skill"
    unpacked = run_cli("unpack", bundle, "-o", dest)
    assert unpacked.exit_code == 1, unpacked.output
    lines = unpacked.stderr.splitlines()
    assert len(lines) == 1, unpacked.stderr  # one line, naming the bundle and the problem
    assert lines[0].startswith(f"error: {bundle}: ")
    assert want in lines[0].lower()
    assert unpacked.stdout == ""
    _assert_nothing_written(parent, dest)


def test_unpack_refusal_into_an_existing_empty_folder_leaves_it_empty(tmp_path: Path) -> None:
    bundle = tmp_path / "evil.zip"
    bundle.write_bytes(build_zip([("SKILL.md", OK_MD), ("../evil", "x")]))
    dest = tmp_path / "out" / "skill"
    dest.mkdir(parents=True)
    assert run_cli("unpack", bundle, "-o", dest).exit_code == 1
    assert list(dest.iterdir()) == []
    assert [p.name for p in dest.parent.iterdir()] == ["skill"]
    assert not (tmp_path / "evil").exists()
    # ...and a refused bundle does not even create the missing parents of -o.
    deep = tmp_path / "new" / "deeper" / "skill"
    assert run_cli("unpack", bundle, "-o", deep).exit_code == 1
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------- custom limits


def test_small_custom_limits_each_guard(tmp_path: Path) -> None:
    four = build_zip([("SKILL.md", OK_MD), ("a.md", "a" * 400), ("b.md", "b"), ("c.md", "c")])
    assert read_bundle_bytes(four).files.keys() == {"SKILL.md", "a.md", "b.md", "c.md"}
    with pytest.raises(BundleError, match="limit of 3"):
        read_bundle_bytes(four, limits=Limits(max_entries=3))
    with pytest.raises(BundleError, match="over the 300 byte limit per file"):
        read_bundle_bytes(four, limits=Limits(max_entry_bytes=300))
    with pytest.raises(BundleError, match="uncompressed in all: over the 500 byte limit"):
        read_bundle_bytes(four, limits=Limits(max_total_bytes=500))
    with pytest.raises(BundleError, match="zip bomb"):
        read_bundle_bytes(four, limits=Limits(max_ratio=5, ratio_floor=100))
    # the ratio guard ignores small entries
    read_bundle_bytes(four, limits=Limits(max_ratio=5, ratio_floor=1000))


def test_limits_are_inclusive(tmp_path: Path) -> None:
    data = build_zip([("SKILL.md", OK_MD), ("a.md", "a" * 100)])
    total = len(OK_MD) + 100
    read_bundle_bytes(data, limits=Limits(max_entries=2, max_total_bytes=total))
    with pytest.raises(BundleError):
        read_bundle_bytes(data, limits=Limits(max_total_bytes=total - 1))


def test_inspect_zip_collects_every_problem() -> None:
    data = build_zip(
        [
            ("SKILL.md", OK_MD),
            ("../evil", "x"),
            ("/abs", "x"),
            Entry("link", b"x", mode=stat.S_IFLNK | 0o777),
        ]
    )
    report = inspect_zip(data)
    assert len(report.problems) == 3
    with pytest.raises(BundleError, match=r"\(and 2 more\)"):
        read_bundle_bytes(data, source="x.zip")


def test_refused_bundle_error_names_the_source() -> None:
    with pytest.raises(BundleError) as err:
        read_bundle_bytes(build_zip([("../x", "x")]), source="upload.zip")
    assert err.value.path == "upload.zip"
    assert "\n" not in str(err.value)


# --------------------------------------------------------------------------- accepted kinds


def _accepted_inputs() -> dict[str, bytes]:
    root_zip, folder_zip = good_zip(), good_zip("demo/")
    return {
        "zip-root": root_zip,
        "zip-folder": folder_zip,
        "agentskill-source": payload(root_zip),
        "agentskill-source-folder": payload(folder_zip),
        "inline-skill-source": json.dumps(
            {"type": "base64", "media_type": "application/zip", "data": b64(root_zip)}
        ).encode(),
        "inline-skill-source-data-only": json.dumps({"data": b64(folder_zip)}).encode(),
        "legacy-bundle": json.dumps(
            {"type": "inline", "name": "demo", "description": "d", "bundle": b64(root_zip)}
        ).encode(),
        "bare-base64": b64(root_zip).encode() + b"\n",
        "bare-base64-wrapped": base64.encodebytes(folder_zip),
        "payload-with-bom-and-crlf": b"\xef\xbb\xbf" + payload(root_zip).replace(b", ", b",\r\n"),
    }


ACCEPTED = _accepted_inputs()


@pytest.mark.parametrize("kind", sorted(ACCEPTED))
def test_accepted_kinds_and_layouts(tmp_path: Path, kind: str) -> None:
    bundle = tmp_path / f"{kind}.bin"
    bundle.write_bytes(ACCEPTED[kind])
    inspected = run_cli("inspect", "--format", "json", bundle)
    assert inspected.exit_code == 0, inspected.stderr
    report = json.loads(inspected.stdout)
    assert report["problems"] == []
    assert report["layout"] == (
        "folder" if "folder" in kind or "wrapped" in kind or "data-only" in kind else "root"
    )
    dest = tmp_path / "out"
    result = run_cli("unpack", bundle, "-o", dest)
    assert result.exit_code == 0, result.stderr
    assert tree_files(dest) == {
        "SKILL.md": OK_MD,
        "references/guide.md": b"# Guide\n",
        "scripts/run.sh": b"#!/bin/sh\necho hi\n",
    }
    assert (dest / "scripts" / "run.sh").stat().st_mode & 0o111


def test_read_agent_skill_accepts_every_payload_kind() -> None:
    data = good_zip()
    kinds = [
        {
            "type": "inline",
            "name": "demo",
            "description": "d",
            "source": json.loads(payload(data))["source"],
        },
        {"type": "base64", "media_type": "application/zip", "data": b64(data)},
        {"type": "inline", "bundle": b64(data)},
    ]
    for kind in kinds:
        bundle = read_agent_skill(kind)
        assert bundle.name == "demo"
        assert bundle.files["SKILL.md"] == OK_MD


def test_sdk_built_agentskill_is_read() -> None:
    """A payload made by the official SDK's own model, dumped as the SDK sends it."""
    from vlmrun.client.types import AgentSkill, InlineSkillSource

    sdk = AgentSkill(
        type="inline",
        name="demo",
        description="d",
        source=InlineSkillSource(data=b64(good_zip("demo/"))),
    )
    bundle = read_agent_skill(sdk.model_dump(exclude_none=True))
    assert bundle.layout == "folder"
    assert set(bundle.files) == {"SKILL.md", "references/guide.md", "scripts/run.sh"}


def test_zipfile_module_agrees_the_crafted_zips_are_zips() -> None:
    """Guard for this file's helpers: the 'bad' zips are well-formed zips, not accidents."""
    for case in BAD:
        if case.id in ("dotdot", "symlink", "duplicate-entry", "skill-md-too-deep"):
            assert zipfile.is_zipfile(io.BytesIO(case.make()))


# --------------------------------------------------------------------------- known bugs

CRASHERS = {
    # inspect says "ok" (frontmatter None) but read_bundle_bytes raises StopIteration: its
    # `next(n for n in report.files if n.lower() == "skill.md")` misses "./SKILL.md".
    "dot-slash-skill-md": [("./SKILL.md", OK_MD), ("x.md", "x")],
    # extract_bundle: mkdir over the file 'a' raises FileExistsError (a traceback).
    "file-and-folder-same-name": [("SKILL.md", OK_MD), ("a", "x"), ("a/b.md", "y")],
    # the same path spelled twice ('a/b.md', 'a//b.md'): the second silently overwrites.
    "duplicate-after-normalising": [("SKILL.md", OK_MD), ("a/b.md", "1"), ("a//b.md", "2")],
}


@pytest.mark.parametrize("case", sorted(CRASHERS))
def test_conflicting_or_unnormalised_names_are_refused_cleanly(tmp_path: Path, case: str) -> None:
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(build_zip(CRASHERS[case]))
    parent = tmp_path / "out"
    parent.mkdir()
    dest = parent / "skill"
    unpacked = run_cli("unpack", bundle, "-o", dest)  # raises on a traceback
    inspected = run_cli("inspect", bundle)
    assert unpacked.exit_code == 1, unpacked.output
    assert inspected.exit_code == 1, inspected.output
    _assert_nothing_written(parent, dest)


# --------------------------------------------------------------------------- one set of name rules

# Names a file can have on Linux that the reader refuses: validate/pack must refuse them too.
UNBUNDLABLE_NAMES = {
    "backslash": ("references/a\\b.md", "backslash"),
    "drive-like-at-root": ("c:notes.md", "drive letter"),
    "drive-like-in-a-folder": ("references/d:notes.md", "drive letter"),
    "newline": ("references/line\nbreak.md", "control characters"),
    "escape": ("references/\x1b[2Jclear.md", "control characters"),
}


@pytest.mark.parametrize("case", sorted(UNBUNDLABLE_NAMES))
def test_a_name_the_reader_refuses_is_not_bundled(tmp_path: Path, case: str) -> None:
    """One rule (bundle.name_problem) for both sides: the reader refuses the entry, validate
    reports the file (SK209), pack refuses the skill, and --no-validate leaves the file out."""
    from skillkit.bundle import name_problem, pack_skill, select_files
    from skillkit.lint import lint_skill

    rel, fragment = UNBUNDLABLE_NAMES[case]
    why = name_problem(rel)
    assert why and fragment in why
    problems = inspect_zip(build_zip([("SKILL.md", OK_MD), (rel, "x")])).problems
    assert problems == [f"entry {rel!r} {why}"]

    root = tmp_path / "demo"
    root.mkdir()
    (root / "SKILL.md").write_bytes(OK_MD)
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x")
    selection = select_files(root)
    assert [f.arcname for f in selection.files] == ["SKILL.md"]
    (hit,) = [f for f in lint_skill(root) if f.code == "SK209"]
    assert fragment in hit.message and "\n" not in hit.message
    assert run_cli("pack", root, "-o", tmp_path / "p.json").exit_code == 1
    assert not (tmp_path / "p.json").exists()
    assert read_bundle_bytes(pack_skill(root).zip_bytes).files.keys() == {"SKILL.md"}


@pytest.mark.parametrize(
    "names",
    [
        ("references/Guide.md", "references/guide.md"),
        ("references/caf\u00e9.md", "references/cafe\u0301.md"),  # NFC and NFD
        ("Refs", "refs/x.md"),  # a file and a folder, equal but for case
    ],
    ids=["case", "unicode-normalisation", "file-and-folder-case"],
)
def test_names_equal_but_for_case_are_refused_on_both_sides(
    tmp_path: Path, names: tuple[str, str]
) -> None:
    from skillkit.lint import lint_skill

    data = build_zip([("SKILL.md", OK_MD), *((n, "x") for n in names)])
    with pytest.raises(BundleError, match="differs only in case"):
        read_bundle_bytes(data)
    root = tmp_path / "demo"
    root.mkdir()
    (root / "SKILL.md").write_bytes(OK_MD)
    for n in names:
        (root / n).parent.mkdir(parents=True, exist_ok=True)
        (root / n).write_text("x")
    hits = [f for f in lint_skill(root) if f.code == "SK209"]
    assert len(hits) == 1 and "differs only in case" in hits[0].message
    packed = run_cli("pack", root, "-o", tmp_path / "p.json")
    assert packed.exit_code == 1 and "differs only in case" in packed.output


def test_names_the_reader_accepts_are_bundled(tmp_path: Path) -> None:
    """The rules refuse no more than they must: colons after the start of a segment, dots,
    spaces and non-ASCII letters are ordinary names on both sides."""
    from skillkit.bundle import name_problem, names_problems

    fine = ["a b.md", "ab:c.md", "refs/10:30 notes.md", "..hidden", "a..b/c.md", "日本/データ.md"]
    assert [n for n in fine if name_problem(n)] == []
    assert names_problems(["A/x.md", "a/y.md", "README.md", "readme.txt"]) == []
    data = build_zip([("SKILL.md", OK_MD), *((n, "x") for n in fine)])
    assert set(read_bundle_bytes(data).files) == {"SKILL.md", *fine}


# --------------------------------------------------------------------------- raw zips that lie


def _raw(*extra, **end):
    from corpus.build import raw_zip, zip_with

    return raw_zip(*extra, **end) if end else zip_with(*extra)


def test_a_nul_byte_in_a_name_is_seen_whole() -> None:
    """zipfile cuts ZipInfo.filename at a NUL; the reader checks the stored name."""
    from corpus.build import Member

    data = _raw(Member("references/a.md\x00../../evil", b"owned\n"))
    (problem,) = inspect_zip(data).problems
    assert "NUL" in problem and "a.md\\x00../../evil" in problem


def test_a_name_marked_utf8_that_is_not_is_one_problem(tmp_path: Path) -> None:
    from corpus.build import Member

    data = _raw(Member(b"references/\xff\xfe.md", b"x", flags=0x800))
    (problem,) = inspect_zip(data).problems
    assert "UTF-8" in problem and "\\xff\\xfe" in problem
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(data)
    for args in (("inspect", bundle), ("unpack", bundle, "-o", tmp_path / "out")):
        result = run_cli(*args)  # raises on a traceback
        assert result.exit_code == 1 and "UTF-8" in result.stderr
    assert not (tmp_path / "out").exists()


LYING_HEADERS = {
    # central directory field -> (Member keyword arguments, what the problem names)
    "uncompressed-size": ({"central_size": 10, "central_crc": zlib.crc32(b"\0" * 10)}, "size"),
    "crc": ({"central_crc": 1234}, "CRC"),
}


@pytest.mark.parametrize("case", sorted(LYING_HEADERS))
def test_a_central_directory_that_disagrees_with_the_local_header(case: str) -> None:
    from corpus.build import Member

    kwargs, what = LYING_HEADERS[case]
    data = _raw(Member("assets/liar.bin", bytes(3000), **kwargs))
    (problem,) = inspect_zip(data).problems
    assert "assets/liar.bin" in problem and what in problem and "disagree" in problem


def _patch_local(data: bytes, name: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of the local header of `name` only (the central record keeps it)."""
    out = bytearray(data)
    at = 0
    while (at := out.find(b"PK\x03\x04", at)) >= 0:
        nlen = struct.unpack_from("<H", out, at + 26)[0]
        if out[at + 30 : at + 30 + nlen] == name:
            struct.pack_into(fmt, out, at + offset, value)
            return bytes(out)
        at += 4
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("offset", "fmt", "value", "what"),
    [
        (8, "<H", 0, "compression method"),
        (18, "<L", 1, "compressed size"),
        (22, "<L", 99, "uncompressed size"),
        (14, "<L", 7, "CRC"),
        (6, "<H", 0x1, "encrypted"),
    ],
)
def test_each_local_header_field_is_compared(offset: int, fmt: str, value: int, what: str) -> None:
    data = _patch_local(good_zip(), b"references/guide.md", offset, fmt, value)
    problems = inspect_zip(data).problems
    assert len(problems) == 1 and what in problems[0] and "guide.md" in problems[0], problems


def test_a_local_header_naming_another_file_is_refused() -> None:
    data = bytearray(good_zip())
    at = data.find(b"references/guide.md")  # the local header's copy comes first
    data[at : at + 19] = b"references/guida.md"
    (problem,) = inspect_zip(bytes(data)).problems
    assert "'references/guide.md'" in problem and "references/guida.md" in problem


def test_overlapping_entries_are_refused() -> None:
    """b.bin's local header and data sit inside a.bin's (stored) data: every header agrees,
    only the overlap gives it away."""
    from corpus.build import Member, raw_zip

    inner_data = b"inner data " * 10
    inner = (
        struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            0x800,
            0,
            0,
            0x21,
            zlib.crc32(inner_data),
            len(inner_data),
            len(inner_data),
            len(b"assets/b.bin"),
            0,
        )
        + b"assets/b.bin"
        + inner_data
    )
    skill = Member("SKILL.md", OK_MD)
    outer = Member("assets/a.bin", inner, method=0)
    at = raw_zip([skill, outer]).find(inner)
    data = raw_zip([skill, outer, Member("assets/b.bin", inner_data, method=0, local_offset=at)])
    (problem,) = inspect_zip(data).problems
    assert "overlaps" in problem and "assets/b.bin" in problem and "assets/a.bin" in problem


def test_an_end_record_that_miscounts_is_refused() -> None:
    from corpus.build import good_members

    for count in (1000, 3, 0):
        problems = inspect_zip(_raw(good_members(), eocd_entries=count)).problems
        assert problems == [
            f"the end record says {count} entries but the central directory holds 4: a "
            "corrupt or crafted zip"
        ]
    # a zip64 end record that agrees is fine; one that miscounts is refused
    assert inspect_zip(_raw(good_members(), zip64_eocd={})).problems == []
    (problem,) = inspect_zip(_raw(good_members(), zip64_eocd={"entries": 5})).problems
    assert "says 5 entries" in problem


class _Unseekable(io.RawIOBase):
    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def _streamed_zip(zip64: bool = False) -> bytes:
    """A zip written to a pipe, as `zip -` or Java do: CRC and sizes in data descriptors."""
    out = _Unseekable()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SKILL.md", OK_MD)
        with zf.open("references/guide.md", "w", force_zip64=zip64) as fh:
            fh.write(b"# Guide\n" * 50)
    return bytes(out.data)


@pytest.mark.parametrize("zip64", [False, True])
def test_zips_with_data_descriptors_are_read_and_checked(zip64: bool) -> None:
    data = _streamed_zip(zip64)
    assert all(i.flag_bits & 0x8 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert read_bundle_bytes(data).files["references/guide.md"] == b"# Guide\n" * 50
    # a descriptor that disagrees with the central directory is refused
    damaged = bytearray(data)
    at = damaged.find(b"PK\x07\x08", damaged.find(b"references/guide.md"))
    damaged[at + 4] ^= 0xFF  # its CRC
    (problem,) = inspect_zip(bytes(damaged)).problems
    assert "data descriptor" in problem and "guide.md" in problem


def test_zip64_local_headers_are_read() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("SKILL.md", OK_MD)
        with zf.open("references/guide.md", "w", force_zip64=True) as fh:
            fh.write(b"# Guide\n")
    assert read_bundle_bytes(buf.getvalue()).files["references/guide.md"] == b"# Guide\n"


# --------------------------------------------------------------------------- every zipfile error


@pytest.mark.parametrize(
    "exc",
    [
        zipfile.BadZipFile("Bad magic number for central directory"),
        zipfile.LargeZipFile("Zipfile size would require ZIP64 extensions"),
        NotImplementedError("zip file version 14.8"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
        EOFError(),
        OSError("bad seek"),
        ValueError("negative seek value -1"),
        zlib.error("Error -3 while decompressing data"),
        struct.error("unpack requires a buffer of 46 bytes"),
        RuntimeError("File is encrypted, password required for extraction"),
    ],
    ids=lambda e: f"{type(e).__module__}.{type(e).__name__}",
)
def test_every_error_zipfile_raises_is_one_problem(monkeypatch, exc: Exception) -> None:
    data = good_zip()

    def broken(*args, **kwargs):
        raise exc

    monkeypatch.setattr(zipfile, "ZipFile", broken)
    (problem,) = inspect_zip(data).problems
    assert "\n" not in problem
    with pytest.raises(BundleError):
        read_bundle_bytes(data)


def test_an_unknown_version_needed_is_one_problem() -> None:
    """A flipped "version needed to extract" byte makes zipfile raise NotImplementedError."""
    data = bytearray(good_zip())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 6, 148)
    (problem,) = inspect_zip(bytes(data)).problems
    assert "zip file version 14.8" in problem


def test_an_unknown_compression_method_is_refused_before_reading() -> None:
    from corpus.build import Member

    (problem,) = inspect_zip(_raw(Member("references/n.txt", b"x" * 100, method=99))).problems
    assert "compression method 99" in problem and "references/n.txt" in problem


# --------------------------------------------------------------------------- inspect == unpack


SCHEMAS = {
    "not-json": (b'{"type": "object",', "not valid JSON"),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "a-list": (b"[1, 2]", "must be a JSON object"),
    "not-utf8": (b'{"title": "caf\xe9"}', "not valid JSON"),
}


@pytest.mark.parametrize("case", sorted(SCHEMAS))
def test_inspect_refuses_exactly_what_unpack_refuses(tmp_path: Path, case: str) -> None:
    schema, fragment = SCHEMAS[case]
    data = build_zip([("SKILL.md", OK_MD), ("schema.json", schema)])
    (problem,) = inspect_zip(data).problems
    assert problem.startswith("schema.json") and fragment in problem
    with pytest.raises(BundleError) as err:
        read_bundle_bytes(data)
    assert err.value.message == problem
    bundle = tmp_path / "b.zip"
    bundle.write_bytes(data)
    inspected = run_cli("inspect", bundle)
    assert inspected.exit_code == 1 and fragment in inspected.stderr
    assert "would be accepted" not in inspected.output


def test_a_good_schema_reaches_the_bundle() -> None:
    data = build_zip([("SKILL.md", OK_MD), ("schema.json", '{"type": "object"}')])
    assert inspect_zip(data).problems == []
    assert read_bundle_bytes(data).schema == {"type": "object"}
