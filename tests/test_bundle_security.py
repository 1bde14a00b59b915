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
