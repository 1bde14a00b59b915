"""Packing: reproducible zips, exclusions, layouts, the SDK's view of the payload, and every
output format round-tripping through `inspect` and `unpack`."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from conftest import make_skill, run_cli, tree_files

from skillkit.bundle import (
    FIXED_DATE_TIME,
    pack_skill,
    pack_to_file,
    read_agent_skill,
    read_bundle_bytes,
    select_files,
)
from skillkit.errors import SkillError

SUMMARY = re.compile(
    r"packed (?P<name>[a-z0-9-]+): (?P<files>\d+) files, (?P<bytes>\d+) bytes -> zip "
    r"(?P<zip>\d+) bytes, sha256 (?P<sha>[0-9a-f]{64})"
)

# Bundled by a rich skill (relative path -> content); EXCLUDED never are.
BUNDLED: dict[str, str | bytes] = {
    "schema.json": '{"type": "object", "properties": {"total": {"type": "number"}}}\n',
    "references/guide.md": "# Guide\n\nDetails.\n",
    "references/deep/more.md": "more\n",
    "scripts/run.sh": "#!/bin/sh\necho hi\n",
    "scripts/helper.py": "print('helper')\n",
    "assets/logo.png": bytes(range(256)) * 4,
    "assets/café.txt": "unicode name\n",
    "sub/tests/nested-tests-are-kept.md": "only the root tests/ is the regression suite\n",
    "data/keep.csv": "a,b\n1,2\n",
}
EXCLUDED: dict[str, str | bytes] = {
    "tests/acme.txt": "Total: 1\n",
    "tests/acme.expected.json": '{"total": 1}\n',
    ".git/HEAD": "ref: refs/heads/main\n",
    ".git/objects/ab/cdef": b"\x00blob",
    "__pycache__/x.cpython-311.pyc": b"\x00pyc",
    "scripts/__pycache__/helper.cpython-311.pyc": b"\x00pyc",
    "scripts/old.pyc": b"\x00pyc",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
    "assets/.DS_Store": b"\x00\x00\x00\x01Bud1",
    "__MACOSX/._SKILL.md": b"\x00mac",
    "env/pyvenv.cfg": "home = /usr/bin\n",
    "env/lib/site.py": "x = 1\n",
    ".venv/bin/python": "#!/bin/false\n",
    "node_modules/left-pad/index.js": "module.exports = 1\n",
    "scripts/node_modules/x/index.js": "module.exports = 2\n",
    ".skillignore": "# patterns, gitignore syntax\n*.log\n!keep.log\n/data/*\n!/data/keep.csv\nbuild/\n",
    "debug.log": "noise\n",
    "references/trace.log": "noise\n",
    "data/drop.csv": "x\n",
    "build/out.txt": "artifact\n",
    "references/build/cache.txt": "artifact\n",
}
KEPT_BY_NEGATION = {"keep.log": "kept by !keep.log\n"}


def rich_skill(base: Path, name: str = "rich") -> Path:
    files: dict[str, str | bytes] = {**BUNDLED, **EXCLUDED, **KEPT_BY_NEGATION}
    root = make_skill(base, name, files=files)
    os.chmod(root / "scripts" / "run.sh", 0o755)
    return root


def expected_files(root: Path) -> dict[str, bytes]:
    """What must be in the bundle: SKILL.md plus BUNDLED plus the negated file, as on disk."""
    rels = ["SKILL.md", *BUNDLED, *KEPT_BY_NEGATION]
    return {rel: (root / rel).read_bytes() for rel in rels}


def zip_files(data: bytes, prefix: str = "") -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename[len(prefix) :]: zf.read(i) for i in zf.infolist() if not i.is_dir()}


# --------------------------------------------------------------------------- reproducibility


def _copy_with_other_metadata(src: Path, dest: Path, *, umask: int, when: float) -> None:
    """Recreate src at dest in reverse order under another umask, with other mtimes."""
    old = os.umask(umask)
    try:
        dest.mkdir(parents=True)
        files = sorted((p for p in src.rglob("*") if p.is_file()), reverse=True)
        for p in files:
            target = dest / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(p.read_bytes())
            executable = bool(p.stat().st_mode & stat.S_IXUSR)
            # Different permission bits, same "executable or not" meaning.
            os.chmod(target, 0o700 if executable else 0o600)
            os.utime(target, (when, when))
    finally:
        os.umask(old)


def test_two_copies_with_other_mtimes_and_umasks_give_identical_bytes(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        a = rich_skill(tmp_path / "one")
        for p in a.rglob("*"):
            if p.is_file():
                os.utime(p, (1_700_000_000, 1_700_000_000))
    finally:
        os.umask(old)
    b = tmp_path / "two" / "rich"
    _copy_with_other_metadata(a, b, umask=0o077, when=946_684_800)
    assert (a / "SKILL.md").stat().st_mtime != (b / "SKILL.md").stat().st_mtime
    assert stat.S_IMODE((a / "schema.json").stat().st_mode) != stat.S_IMODE(
        (b / "schema.json").stat().st_mode
    )

    pa, pb = pack_skill(a), pack_skill(b)
    assert pa.zip_bytes == pb.zip_bytes
    assert pa.sha256 == pb.sha256 == hashlib.sha256(pa.zip_bytes).hexdigest()

    # The CLI writes the same bytes, from either copy.
    out_a, out_b = tmp_path / "a.zip", tmp_path / "b.zip"
    assert run_cli("pack", a, "--format", "zip", "-o", out_a).exit_code == 0
    assert run_cli("pack", b, "--format", "zip", "-o", out_b).exit_code == 0
    assert out_a.read_bytes() == out_b.read_bytes() == pa.zip_bytes


def test_packing_twice_is_stable_and_file_equals_memory(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    first = pack_skill(root)
    info = pack_to_file(root, tmp_path / "x.zip")
    assert pack_skill(root).zip_bytes == first.zip_bytes
    assert (tmp_path / "x.zip").read_bytes() == first.zip_bytes
    assert info.sha256 == first.sha256
    assert info.zip_size == len(first.zip_bytes)
    assert info.files == first.files
    assert info.total_bytes == sum(len(v) for v in expected_files(root).values())


def test_zip_entries_are_normalised(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    packed = pack_skill(root)
    with zipfile.ZipFile(io.BytesIO(packed.zip_bytes)) as zf:
        infos = zf.infolist()
        assert zf.comment == b""
    assert infos, "empty zip"
    for info in infos:
        assert not info.is_dir(), "no directory entries"
        assert info.date_time == FIXED_DATE_TIME == (1980, 1, 1, 0, 0, 0)
        assert info.extra == b""
        assert info.comment == b""
        assert info.create_system == 3
        mode = info.external_attr >> 16
        assert stat.S_ISREG(mode)
        want = 0o755 if info.filename == "scripts/run.sh" else 0o644
        assert stat.S_IMODE(mode) == want, info.filename
        if not info.filename.isascii():
            assert info.flag_bits & 0x800, "non-ASCII names are flagged UTF-8"
    assert "assets/café.txt" in {i.filename for i in infos}


def test_entries_are_sorted_by_full_path(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"a/b.txt": "1", "a-b.txt": "2", "a.txt": "3"})
    with zipfile.ZipFile(io.BytesIO(pack_skill(root).zip_bytes)) as zf:
        names = zf.namelist()
    assert names == sorted(names)


def test_entries_are_in_a_deterministic_order(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    with zipfile.ZipFile(io.BytesIO(pack_skill(root).zip_bytes)) as zf:
        names = zf.namelist()
    assert names == pack_skill(root).files
    # Within each folder, children are sorted.
    top = [n for n in names if "/" not in n]
    assert top == sorted(top)


# --------------------------------------------------------------------------- exclusions


def test_exclusions_and_skillignore(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    packed = pack_skill(root)
    assert zip_files(packed.zip_bytes) == expected_files(root)
    assert sorted(packed.files) == sorted(expected_files(root))
    selection = select_files(root)
    assert "tests/" in selection.excluded
    assert "env/" in selection.excluded  # a virtualenv under any name


def test_skillignore_negation_and_anchoring(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={
            ".skillignore": "\n# comment\ndrafts/\n*.tmp\n!important.tmp\n/top-only.md\n",
            "drafts/a.md": "x",
            "references/drafts/b.md": "x",
            "a.tmp": "x",
            "references/c.tmp": "x",
            "important.tmp": "keep",
            "references/important.tmp": "keep",
            "top-only.md": "x",
            "references/top-only.md": "keep",
        },
    )
    assert sorted(pack_skill(root).files) == [
        "SKILL.md",
        "important.tmp",
        "references/important.tmp",
        "references/top-only.md",
    ]


def test_skillignore_cannot_bring_back_builtin_exclusions(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        files={
            ".skillignore": "!tests/\n!tests/a.md\n!*.pyc\n!.DS_Store\n",
            "tests/a.md": "x",
            "old.pyc": b"\0",
            ".DS_Store": b"\0",
        },
    )
    assert pack_skill(root).files == ["SKILL.md"]


def test_symlink_inside_the_skill_is_bundled_as_its_file(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={"references/guide.md": "guide\n"})
    os.symlink("references/guide.md", root / "alias.md")
    files = zip_files(pack_skill(root).zip_bytes)
    assert files["alias.md"] == b"guide\n"


def test_pack_never_follows_a_symlink_out_of_the_skill(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    root = make_skill(tmp_path, "demo")
    os.symlink(secret, root / "leak.txt")
    packed = pack_skill(root)
    assert "leak.txt" not in packed.files
    assert b"top secret" not in packed.zip_bytes
    # validate reports it, and so pack refuses without --no-validate
    result = run_cli("pack", root, "-o", tmp_path / "out.json")
    assert result.exit_code != 0
    assert "SK202" in result.stderr


# --------------------------------------------------------------------------- layouts


def test_folder_layout_puts_everything_under_the_name(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    packed = pack_skill(root, layout="folder")
    with zipfile.ZipFile(io.BytesIO(packed.zip_bytes)) as zf:
        names = zf.namelist()
    assert all(n.startswith("rich/") for n in names)
    assert zip_files(packed.zip_bytes, "rich/") == expected_files(root)
    bundle = read_bundle_bytes(packed.zip_bytes)
    assert bundle.layout == "folder"
    assert bundle.files == expected_files(root)


def test_root_layout_is_the_default(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    out = tmp_path / "out.zip"
    assert run_cli("pack", root, "--format", "zip", "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as zf:
        assert "SKILL.md" in zf.namelist()
    assert read_bundle_bytes(out.read_bytes()).layout == "root"
    folder = tmp_path / "folder.zip"
    assert (
        run_cli("pack", root, "--layout", "folder", "--format", "zip", "-o", folder).exit_code == 0
    )
    with zipfile.ZipFile(folder) as zf:
        assert "rich/SKILL.md" in zf.namelist()


def test_unknown_layout_is_a_usage_error(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    assert run_cli("pack", root, "--layout", "flat").exit_code == 2


# --------------------------------------------------------------------------- the SDK's view


def test_payload_is_an_inline_agentskill_for_the_official_sdk(tmp_path: Path) -> None:
    from vlmrun.client.types import AgentSkill

    root = rich_skill(tmp_path)
    out = tmp_path / "payload.json"
    result = run_cli("pack", root, "-o", out)
    assert result.exit_code == 0, result.stderr
    payload = json.loads(out.read_text())
    assert set(payload) == {"type", "name", "description", "source"}
    skill = AgentSkill.model_validate(payload)
    assert skill.is_inline is True
    assert skill.type == "inline"
    assert skill.name == "rich"
    assert skill.description == payload["description"] != ""
    assert skill.source is not None
    assert skill.source.type == "base64"
    assert skill.source.media_type == "application/zip"
    data = base64.b64decode(skill.inline_data or "", validate=True)
    # Decoding gives exactly the files on disk minus exclusions, byte for byte.
    assert zip_files(data) == expected_files(root)
    assert hashlib.sha256(data).hexdigest() == pack_skill(root).sha256


def test_packed_skill_payload_matches_the_cli(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    packed = pack_skill(root)
    result = run_cli("pack", root, "-o", "-")
    assert json.loads(result.stdout) == packed.payload()
    assert read_agent_skill(packed.payload()).files == expected_files(root)


# --------------------------------------------------------------------------- the pack command


def test_pack_to_stdout_and_summary_on_stderr(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    result = run_cli("pack", root, "-o", "-")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    data = base64.b64decode(payload["source"]["data"])
    m = SUMMARY.search(result.stderr)
    assert m, result.stderr
    want = expected_files(root)
    assert m["name"] == "rich"
    assert int(m["files"]) == len(want)
    assert int(m["bytes"]) == sum(len(v) for v in want.values())
    assert int(m["zip"]) == len(data)
    assert m["sha"] == hashlib.sha256(data).hexdigest()
    assert len(result.stderr.strip().splitlines()) == 1


def test_pack_default_output_is_stdout(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    result = run_cli("pack", root, "--format", "base64")
    assert result.exit_code == 0
    data = base64.b64decode(result.stdout, validate=False)
    assert zip_files(data)["SKILL.md"] == (root / "SKILL.md").read_bytes()


def test_pack_zip_to_stdout_is_the_raw_zip(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    result = run_cli("pack", root, "--format", "zip", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == pack_skill(root).zip_bytes


def test_pack_to_file_summary_names_the_file(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    out = tmp_path / "deeper" / "demo.zip"
    result = run_cli("pack", root, "--format", "zip", "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    m = SUMMARY.search(result.stderr)
    assert m and m["sha"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert str(out) in result.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["demo.zip"]  # no temp files


def test_pack_accepts_the_skill_md_path(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    result = run_cli("pack", root / "SKILL.md", "--format", "zip", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == pack_skill(root).zip_bytes


def test_pack_refuses_a_skill_with_errors_and_names_them(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "demo",
        frontmatter_text="name: demo\ndescription: Does x. Use when y.\nversion: 1\n",
        files={".env": "TOKEN=1\n"},
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "payload.json"
    result = run_cli("pack", root, "-o", out)
    assert result.exit_code != 0
    assert f"{root / 'SKILL.md'}:4: SK116" in result.stderr  # `version: 1` is not a string
    assert "SK203" in result.stderr and ".env" in result.stderr
    assert "--no-validate" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert list(out_dir.iterdir()) == []

    forced = run_cli("pack", root, "--no-validate", "-o", out)
    assert forced.exit_code == 0, forced.stderr
    files = read_agent_skill(json.loads(out.read_text())).files
    assert set(files) == {"SKILL.md", ".env"}
    assert sorted(p.name for p in out_dir.iterdir()) == ["payload.json"]


def test_pack_warnings_do_not_block(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", frontmatter_text="name: demo\ndescription: Does x.\n")
    result = run_cli("pack", root, "-o", tmp_path / "p.json")
    assert result.exit_code == 0
    assert (tmp_path / "p.json").is_file()


def test_pack_missing_folder_and_unreadable_skill(tmp_path: Path) -> None:
    result = run_cli("pack", tmp_path / "nope", "-o", tmp_path / "x.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert not (tmp_path / "x.json").exists()
    bad = make_skill(tmp_path, "bad", skill_md="no frontmatter\n")
    forced = run_cli("pack", bad, "--no-validate", "-o", tmp_path / "x.json")
    assert forced.exit_code == 2
    assert "frontmatter" in forced.stderr
    assert not (tmp_path / "x.json").exists()


def test_pack_skill_refuses_when_everything_is_excluded(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo", files={".skillignore": "*\n"})
    with pytest.raises(SkillError, match="nothing to bundle"):
        pack_skill(root)


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["payload", "source", "zip", "base64"])
@pytest.mark.parametrize("layout", ["root", "folder"])
def test_every_format_round_trips_through_inspect_and_unpack(
    tmp_path: Path, fmt: str, layout: str
) -> None:
    root = rich_skill(tmp_path)
    out = tmp_path / f"bundle.{fmt}"
    packed = run_cli("pack", root, "--format", fmt, "--layout", layout, "-o", out)
    assert packed.exit_code == 0, packed.stderr
    sha = SUMMARY.search(packed.stderr)["sha"]  # type: ignore[index]

    if fmt == "source":
        source = json.loads(out.read_text())
        assert set(source) == {"type", "media_type", "data"}
    if fmt == "base64":
        assert re.fullmatch(rb"[A-Za-z0-9+/=]+\n?", out.read_bytes())

    inspected = run_cli("inspect", "--format", "json", out)
    assert inspected.exit_code == 0, inspected.stderr
    report = json.loads(inspected.stdout)
    assert report["sha256"] == sha
    assert report["layout"] == layout
    assert report["problems"] == []
    assert report["frontmatter"]["name"] == "rich"
    prefix = "rich/" if layout == "folder" else ""
    assert sorted(e["path"] for e in report["entries"]) == sorted(
        prefix + rel for rel in expected_files(root)
    )
    modes = {e["path"]: e["mode"] for e in report["entries"]}
    assert modes[prefix + "scripts/run.sh"] == "0o755"
    assert modes[prefix + "SKILL.md"] == "0o644"

    text = run_cli("inspect", out)
    assert text.exit_code == 0
    assert sha in text.stdout

    dest = tmp_path / "unpacked" / "rich"
    unpacked = run_cli("unpack", out, "-o", dest)
    assert unpacked.exit_code == 0, unpacked.stderr
    assert tree_files(dest) == expected_files(root)
    assert os.access(dest / "scripts" / "run.sh", os.X_OK)
    assert stat.S_IMODE((dest / "SKILL.md").stat().st_mode) == 0o644
    assert sorted(p.name for p in dest.parent.iterdir()) == ["rich"]  # no temp dirs

    # The unpacked folder packs back to the very same bytes.
    repacked = run_cli("pack", dest, "--format", "zip", "--layout", layout, "-o", "-")
    assert hashlib.sha256(repacked.stdout_bytes).hexdigest() == sha


def test_inspect_reads_stdin(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    payload = run_cli("pack", root, "-o", "-").stdout
    result = run_cli("inspect", "--format", "json", "-", input=payload)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["sha256"] == pack_skill(root).sha256


def test_unpack_into_an_existing_empty_folder(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    zip_path = tmp_path / "demo.zip"
    zip_path.write_bytes(pack_skill(root).zip_bytes)
    dest = tmp_path / "empty"
    dest.mkdir()
    assert run_cli("unpack", zip_path, "-o", dest).exit_code == 0
    assert (dest / "SKILL.md").read_bytes() == (root / "SKILL.md").read_bytes()


def test_unpack_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    zip_path = tmp_path / "demo.zip"
    zip_path.write_bytes(pack_skill(root).zip_bytes)
    dest = tmp_path / "full"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep")
    result = run_cli("unpack", zip_path, "-o", dest)
    assert result.exit_code != 0
    assert "not empty" in result.stderr
    assert tree_files(dest) == {"mine.txt": b"keep"}


def test_unpack_requires_an_output(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "demo")
    zip_path = tmp_path / "demo.zip"
    zip_path.write_bytes(pack_skill(root).zip_bytes)
    assert run_cli("unpack", zip_path).exit_code == 2


def test_read_bundle_gives_instructions_schema_and_metadata(tmp_path: Path) -> None:
    root = rich_skill(tmp_path)
    bundle = read_agent_skill(pack_skill(root).payload())
    assert bundle.name == "rich"
    assert bundle.description
    assert bundle.instructions.strip().startswith("# Demo")
    assert bundle.schema == json.loads(BUNDLED["schema.json"])  # type: ignore[arg-type]
    assert bundle.skill_md == (root / "SKILL.md").read_text()
    shutil.rmtree(root)  # the bundle stands alone
    assert bundle.files["scripts/run.sh"].startswith(b"#!/bin/sh")
