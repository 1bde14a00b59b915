"""The bundle writer's STORED entries and parallel compression (issue 13): a file that does not
compress is stored, one that does is deflated exactly as zipfile deflates it (so the bundles of
text-only skills, and the cassettes keyed by their sha256, do not change), the reader takes
both, and the same files still give the same bytes."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from conftest import make_skill

from skillkit import bundle
from skillkit.bundle import inspect_zip, pack_skill, pack_to_file, read_bundle_bytes
from skillkit.files import open_regular

REPO = Path(__file__).resolve().parents[1]


def _text(size: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    words = "invoice total amount due vendor the of and schema field value null".split()
    lines, length = [], 0
    while length < size:
        lines.append(" ".join(rng.choices(words, k=12)) + "\n")
        length += len(lines[-1])
    return "".join(lines).encode()[:size]


def _random(size: int, seed: int = 2) -> bytes:
    return random.Random(seed).randbytes(size)


def _zipfile_way(files: list[bundle.SourceFile], out: io.BytesIO) -> None:
    """How bundles were written before issue 13: every entry through ZipFile.open(info, "w")."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            info = bundle._zipinfo(f.arcname, f.executable, f.size)
            with open_regular(f.path) as src, zf.open(info, "w", force_zip64=f.size > 2**31) as dst:
                while chunk := src.read(1024 * 1024):
                    dst.write(chunk)


def _methods(data: bytes) -> dict[str, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: i.compress_type for i in zf.infolist()}


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Text and random files, small and large (streamed: over the writer's buffered size)."""
    big = bundle._BUFFERED_MAX + 12345
    return make_skill(
        tmp_path,
        files={
            "references/notes.md": _text(50_000).decode(),
            "references/big.md": _text(big).decode(),
            "references/empty.md": "",
            "assets/photo.jpg": _random(40_000),
            "assets/big.bin": _random(big),
            "assets/tiny.bin": _random(300),  # under _STORE_MIN: deflated, as it always was
            "assets/half.bin": _random(20_000) + _text(20_000),
        },
    )


def test_incompressible_files_are_stored_and_text_is_deflated(mixed: Path) -> None:
    packed = pack_skill(mixed)
    methods = _methods(packed.zip_bytes)
    stored, deflated = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
    assert methods["assets/photo.jpg"] == stored
    assert methods["assets/big.bin"] == stored
    assert methods["references/notes.md"] == deflated
    assert methods["references/big.md"] == deflated
    assert methods["references/empty.md"] == deflated
    assert methods["assets/tiny.bin"] == deflated
    assert methods["SKILL.md"] == deflated


def test_stored_and_deflated_entries_read_back(mixed: Path, tmp_path: Path) -> None:
    packed = pack_skill(mixed)
    report = inspect_zip(packed.zip_bytes)
    assert report.ok, report.problems
    read = read_bundle_bytes(packed.zip_bytes)
    for rel, content in read.files.items():
        assert content == (mixed / rel).read_bytes(), rel
    with zipfile.ZipFile(io.BytesIO(packed.zip_bytes)) as zf:
        assert zf.testzip() is None


def test_two_packs_are_identical_in_memory_and_on_disk(mixed: Path, tmp_path: Path) -> None:
    first = pack_skill(mixed).zip_bytes
    assert pack_skill(mixed).zip_bytes == first
    info = pack_to_file(mixed, tmp_path / "a.zip")
    pack_to_file(mixed, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes() == first
    assert info.sha256 == pack_skill(mixed).sha256


def test_compressible_files_give_the_bytes_zipfile_gives(tmp_path: Path) -> None:
    """Text-only skills keep their bundles byte for byte (cassettes are keyed by them),
    whatever the file sizes: empty, tiny, over a 1 MiB piece, over the buffered size."""
    sizes = [0, 1, 100, 4095, 4096, 12288, 300_000, 1024 * 1024 + 1, bundle._BUFFERED_MAX + 1]
    root = make_skill(
        tmp_path,
        files={f"references/f{i:02}.md": _text(n, i).decode() for i, n in enumerate(sizes)}
        | {"scripts/run.sh": "#!/bin/sh\necho hi\n"},
    )
    (root / "scripts/run.sh").chmod(0o755)
    files = bundle.select_files(root).files
    old = io.BytesIO()
    _zipfile_way(files, old)
    assert pack_skill(root).zip_bytes == old.getvalue()


@pytest.mark.parametrize(
    "skill", sorted(p.name for p in (REPO / "example_skills").iterdir() if p.is_dir())
)
def test_example_skills_bundle_as_before(skill: str) -> None:
    root = REPO / "example_skills" / skill
    files = bundle.select_files(root).files
    old = io.BytesIO()
    _zipfile_way(files, old)
    assert pack_skill(root).zip_bytes == old.getvalue()


def test_one_worker_or_many_give_the_same_bytes(mixed: Path, monkeypatch) -> None:
    many = pack_skill(mixed).zip_bytes
    monkeypatch.setattr(bundle, "_workers", lambda: 1)
    assert pack_skill(mixed).zip_bytes == many
    monkeypatch.setattr(bundle, "_workers", lambda: 3)
    monkeypatch.setattr(bundle, "_IN_FLIGHT", 1)  # one file ahead of the writer at a time
    assert pack_skill(mixed).zip_bytes == many


class _Stream(io.RawIOBase):
    """A write-only stream that cannot seek (a pipe)."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[override]
        self.buf += bytes(b)
        return len(b)


def test_a_stream_that_cannot_seek_gets_a_readable_zip(mixed: Path) -> None:
    out = _Stream()
    bundle.write_zip(bundle.select_files(mixed).files, out)
    data = bytes(out.buf)
    assert inspect_zip(data).ok
    assert _methods(data)["assets/photo.jpg"] == zipfile.ZIP_STORED
    assert read_bundle_bytes(data).files == read_bundle_bytes(pack_skill(mixed).zip_bytes).files


def test_an_unreadable_file_still_fails_the_pack(mixed: Path, monkeypatch) -> None:
    from skillkit.errors import SkillError

    (mixed / "assets/photo.jpg").unlink()
    (mixed / "assets/photo.jpg").mkdir()  # selected as a file, then gone: open_regular refuses
    files = bundle.select_files(mixed).files
    files.append(bundle.SourceFile("assets/photo.jpg", mixed / "assets/photo.jpg", False, 40_000))
    with pytest.raises(SkillError):
        bundle.write_zip(sorted(files, key=lambda f: f.arcname), io.BytesIO())
