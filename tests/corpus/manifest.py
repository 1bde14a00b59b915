"""The pieces the corpus manifest (entries.py) is written with: what a run expects (`Run`),
what an entry is (`CorpusEntry`), one constructor per command, and the builders entries use.

How expectations are stated (the *correct* behaviour, as the README and DESIGN.md describe it,
not whatever the code happens to do):

- `validate` exits 1 naming the rule (SKxxx); a clean skill exits 0.
- `pack` refuses a skill `validate` fails (exit 1, naming the findings) and writes nothing.
- `test` and `generate` lint first: an invalid skill is not run (exit 2, the findings printed as
  `validate` prints them); a document the engine cannot read fails the prediction (exit 3,
  naming the document, as tests/test_cli_errors.py pins).
- `inspect` and `unpack` refuse an unsafe or malformed bundle with exit 1, naming the problem,
  and `unpack` writes nothing.

`expect` holds fragments compared case-insensitively; one of them must appear (see
`Run.where`). Several are given only where the README fixes the outcome but not the wording
(e.g. an alias bomb is refused either as invalid YAML, SK102, or as metadata that is not a map
of strings, SK111). Placeholders in `args`: {skill}, {doc}, {bundle} (from the builder), {out}
(the run's own output path), {work} and {sentinel}.
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus import build as b
from corpus.build import MB, Member, Place

Targets = dict[str, Path]


@dataclass(frozen=True)
class Run:
    command: str
    args: tuple[str, ...]
    exit: int | tuple[int, ...]
    expect: tuple[str, ...]
    out: str | None = None  # the output path this run writes (relative to work), if any
    verify: Callable[[Path], None] | None = None  # more checks on `work` after the run
    # where the fragments are looked for: "output" (stdout and stderr), "stderr", or
    # "problems" (the `problems` list of a JSON report on stdout). `inspect` lists every entry
    # on stdout, so its fragments are looked for in what it says about them, not in the list.
    where: str = "output"

    def __post_init__(self) -> None:
        if not self.expect:
            raise ValueError(f"{self.command}: a run must name a message fragment")


@dataclass(frozen=True)
class CorpusEntry:
    id: str
    category: str
    what: str  # the hostile input, and why the expected answers are the right ones
    build: Callable[[Place], Targets]
    runs: tuple[Run, ...]
    needs_non_root: bool = False  # chmod 000 is no barrier to root: skipped when run as root
    tags: frozenset[str] = field(default_factory=frozenset)


SLOW = frozenset({"slow"})  # started first, so the pool does not end on one of them

# --------------------------------------------------------------------------- runs


def validate(exit: int, *expect: str) -> Run:
    return Run("validate", ("validate", "{skill}"), exit, expect)


def pack(exit: int, *expect: str, fmt: str = "payload", out: str = "packed.json") -> Run:
    return Run("pack", ("pack", "{skill}", "--format", fmt, "-o", "{out}"), exit, expect, out)


def test(exit: int, *expect: str) -> Run:
    return Run("test", ("test", "{skill}", "--local"), exit, expect)


def generate(exit: int, *expect: str, doc: str = "{doc}") -> Run:
    return Run(
        "generate", ("generate", "{skill}", doc, "--local", "-o", "{out}"), exit, expect, "gen.json"
    )


def inspect(exit: int, *expect: str, bundle: str = "{bundle}", fmt: str = "text") -> Run:
    where = "problems" if fmt == "json" and exit else "stderr"
    return Run("inspect", ("inspect", bundle, "--format", fmt), exit, expect, where=where)


def unpack(
    exit: int,
    *expect: str,
    bundle: str = "{bundle}",
    out: str = "unpacked",
    verify: Callable[[Path], None] | None = None,
) -> Run:
    return Run("unpack", ("unpack", bundle, "-o", "{out}"), exit, expect, out, verify)


CLEAN = ("all skills valid", "0 error(s)")
PACKED = ("packed demo",)
PASSED = ("1 passed",)
WROTE = ("wrote",)
ACCEPTED = ("would be accepted",)
UNPACKED = ("unpacked",)


def refused_skill(*expect: str, lint_only: bool = False) -> tuple[Run, ...]:
    """`validate` finds an error: pack refuses it (1), test and generate do not run it (2).

    `lint_only`: the problem is one only the linter reads (tests/, limits, secrets), so
    `generate` would take exactly the path `test` takes (lint, refuse) and is not run again."""
    runs = (validate(1, *expect), pack(1, *expect), test(2, *expect))
    return runs if lint_only else (*runs, generate(2, *expect))


def unreadable_document(name: str, *, generate_too: bool = True) -> tuple[Run, ...]:
    """A valid skill whose only case document cannot be read: lint passes (it checks names and
    existence, not content), pack leaves tests/ out, and the prediction fails naming it, in
    `test` and (`generate_too`) in `generate`, which reads it the same way."""
    runs = (validate(0, *CLEAN), pack(0, *PACKED), test(3, name))
    if not generate_too:
        return runs
    return (*runs, generate(3, name, doc=f"{{skill}}/tests/{name}"))


def refused_bundle(*expect: str, fmt: str = "text") -> tuple[Run, ...]:
    return (inspect(1, *expect, fmt=fmt), unpack(1, *expect))


# --------------------------------------------------------------------------- builders


def _targets(place: Place, root: Path, **more: Path) -> Targets:
    """The skill plus a plain document outside it for `generate`."""
    doc = place.work / "doc.txt"
    doc.write_text(b.DOC_TEXT)
    return {"skill": root, "doc": doc, **more}


def with_skill(**kwargs) -> Callable[[Place], Targets]:
    """A builder for `build.skill(work, **kwargs)`."""
    return lambda place: _targets(place, b.skill(place.work, **kwargs))


def with_md(md: str | bytes) -> Callable[[Place], Targets]:
    return with_skill(md=md)


def with_fm(fm: str) -> Callable[[Place], Targets]:
    return with_skill(md=b.skill_md(fm))


def then(make: Callable[[Place, Path], object], **kwargs) -> Callable[[Place], Targets]:
    """A builder: a skill, then `make(place, root)` adds the hostile part."""

    def builder(place: Place) -> Targets:
        root = b.skill(place.work, **kwargs)
        make(place, root)
        return _targets(place, root)

    return builder


def bundle_file(make: Callable[[Place], bytes], name: str = "bundle.zip"):
    def builder(place: Place) -> Targets:
        path = place.work / name
        path.write_bytes(make(place))
        return {"bundle": path}

    return builder


def zip_of(*members: Member, prefix: str = "") -> Callable[[Place], Targets]:
    return bundle_file(lambda place: b.zip_with(*members, prefix=prefix))


def with_test_doc(name: str, content: bytes | Callable[[], bytes]) -> Callable[[Place], Targets]:
    """A valid skill whose one case is `tests/<name>` (with its expected file)."""

    def builder(place: Place) -> Targets:
        data = content() if callable(content) else content
        stem = name.rsplit(".", 1)[0]
        root = b.skill(
            place.work,
            case=False,
            files={f"tests/{name}": data, f"tests/{stem}.expected.json": json.dumps(b.EXPECTED)},
        )
        return _targets(place, root)

    return builder


def unreadable(rel: str) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text("# Private notes\n")
        path.chmod(0)

    return make


def unreadable_folder(place: Place, root: Path) -> None:
    b.write_tree(root, {"references/notes.md": "# Notes\n"})
    (root / "references").chmod(0)


def symlink_at(rel: str, target: str | Callable[[Place], str]) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        b.symlink(root / rel, target(place) if callable(target) else target)

    return make


def outside_file(place: Place, root: Path) -> None:
    (place.work / "outside.md").write_text("# Outside the skill\n")
    b.symlink(root / "references/up.md", "../../outside.md")


def link_pair(place: Place, root: Path) -> None:
    b.symlink(root / "references/a.md", "b.md")
    b.symlink(root / "references/b.md", "a.md")


def skill_md_link_out(place: Place, root: Path) -> None:
    outside = place.work / "elsewhere"
    outside.mkdir()
    (outside / "SKILL.md").write_bytes(b.ok_md())
    (root / "SKILL.md").unlink()
    b.symlink(root / "SKILL.md", "../elsewhere/SKILL.md")


def replace_with_dir(rel: str) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        path = root / rel
        if path.exists():
            path.unlink()
        (path / "inner").mkdir(parents=True)

    return make


def replace_with_fifo(rel: str) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        path = root / rel
        if path.exists():
            path.unlink()
        b.fifo(path)

    return make


def fs_name(raw: bytes) -> str:
    """A file name from raw bytes, as the OS hands it back (surrogate-escaped if not UTF-8)."""
    return os.fsdecode(raw)


def with_cases_yaml(text: str | Callable[[Place], str], **kwargs) -> Callable[[Place], Targets]:
    def builder(place: Place) -> Targets:
        (place.work / "outside.txt").write_text(b.DOC_TEXT)
        (place.work / "outside.expected.json").write_text(json.dumps(b.EXPECTED))
        root = b.skill(place.work, **kwargs)
        content = text(place) if callable(text) else text
        (root / "tests" / "cases.yaml").write_text(content)
        return _targets(place, root)

    return builder


def big_expected(size: int) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        b.big_expected_json(root / "tests/a.expected.json", size)

    return make


def sparse(rel: str, size: int) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            fh.truncate(size)

    return make


def sparse_parts(count: int, size: int) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        for i in range(count):
            sparse(f"assets/part-{i}.bin", size)(place, root)

    return make


def outside_schema(place: Place, root: Path) -> None:
    (place.work / "outside.json").write_text('{"type": "object"}')
    (root / "schema.json").write_text('{"$ref": "../outside.json"}')


def many_files(count: int) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        refs = root / "references"
        refs.mkdir(exist_ok=True)
        for i in range(count):
            (refs / f"note-{i:04d}.md").write_text(f"# Note {i}\n")

    return make


def long_path(place: Place, root: Path) -> None:
    b.long_path(root / "references")


def write_file(rel: str, data: bytes | str) -> Callable[[Place, Path], None]:
    def make(place: Place, root: Path) -> None:
        b.write_tree(root, {rel: data})

    return make


def expect_tree(out: str, files: dict[str, bytes], modes: dict[str, int] | None = None):
    """verify: `work/out` holds exactly these files (and these permission bits)."""

    def verify(work: Path) -> None:
        root = work / out
        found = {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }
        assert found == files, f"{out}: holds {sorted(found)}, wanted {sorted(files)}"
        for rel, mode in (modes or {}).items():
            got = stat.S_IMODE((root / rel).stat().st_mode)
            assert got == mode, f"{out}/{rel}: mode {oct(got)}, wanted {oct(mode)}"

    return verify


GOOD_FILES = {m.name: m.data for m in b.good_members()}
SCHEMA_BYTES = (json.dumps(b.SCHEMA, indent=2) + "\n").encode()
CRLF_MD = (
    "\ufeff---\r\nname: demo\r\ndescription: >\r\n  Extracts the total.\r\n"
    "  Use when a corpus entry needs a skill.\r\n---\r\n\r\n# Demo\r\n\r\nRead it.\r\n"
).encode()


def absolute_entry(place: Place) -> bytes:
    return b.zip_with(Member(str(place.sentinel / "evil.txt"), b"owned\n"))


def symlink_then_write(place: Place) -> bytes:
    return b.zip_with(
        Member("references/out", str(place.sentinel).encode(), mode=stat.S_IFLNK | 0o777),
        Member("references/out/evil.txt", b"owned\n"),
    )


def lying_central(place: Place) -> bytes:
    """The central directory says 10 bytes (with their CRC); the local header and the data
    say 30 MB. A reader trusting the directory sees a tiny file, a streaming one a big one."""
    data = bytes(30 * MB)
    return b.zip_with(
        Member("assets/liar.bin", data, central_size=10, central_crc=zlib.crc32(data[:10]))
    )


def bad_local_offset(place: Place) -> bytes:
    members = b.good_members()
    members[1] = Member("references/guide.md", members[1].data, local_offset=10 * MB)
    return b.raw_zip(members)


def total_over(place: Place) -> bytes:
    return b.zip_with(*(Member(f"assets/part-{i}.bin", bytes(20 * MB), method=0) for i in range(3)))


def truncated(place: Place) -> bytes:
    data = b.good_zip()
    return data[: len(data) // 2]


def corrupt_deflate(place: Place) -> bytes:
    text = b"The quick brown fox jumps over the lazy dog. " * 200
    stored = bytearray(b._compress(text, 8))
    stored[len(stored) // 2] ^= 0xFF
    return b.zip_with(Member("references/notes.txt", text, stored=bytes(stored)))


def skill_md_zip(md: bytes) -> Callable[[Place], Targets]:
    members = b.good_members()
    members[0] = Member("SKILL.md", md)
    return bundle_file(lambda place: b.raw_zip(members))


def schema_zip(schema: bytes) -> Callable[[Place], Targets]:
    members = b.good_members()
    members[2] = Member("schema.json", schema)
    return bundle_file(lambda place: b.raw_zip(members))


def text_file(text: str | bytes, name: str) -> Callable[[Place], Targets]:
    raw = text.encode() if isinstance(text, str) else text
    return bundle_file(lambda place: raw, name=name)


def dev_zero(place: Place) -> Targets:
    if not Path("/dev/zero").exists():
        raise b.Unsupported("no /dev/zero")
    return {"bundle": Path("/dev/zero")}


def directory_bundle(place: Place) -> Targets:
    path = place.work / "bundle.zip"
    path.mkdir()
    (path / "SKILL.md").write_bytes(b.ok_md())
    return {"bundle": path}


def nonempty_out(place: Place) -> Targets:
    (place.work / "bundle.zip").write_bytes(b.good_zip())
    existing = place.work / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine\n")
    return {"bundle": place.work / "bundle.zip"}


def nested_verify(work: Path) -> None:
    got = (work / "unpacked" / "assets" / "nested.zip").read_bytes()
    members = {m.name: m.data for m in b.good_members()}
    assert (work / "unpacked" / "SKILL.md").read_bytes() == members["SKILL.md"]
    assert got[:4] == b"PK\x03\x04" and len(got) < 2 * MB, "the inner zip must stay as it was"


ALIAS_FM = b.frontmatter() + "metadata:\n" + b.alias_bomb()
DEEP_FM = b.frontmatter() + "metadata:\n  deep: " + b.deep_yaml_flow(10_000) + "\n"
NON_UTF8 = b"\xff\xfe-caf\xe9.md"
