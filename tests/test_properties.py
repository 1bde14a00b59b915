"""Property-based tests (hypothesis) for the bundle round trip, the frontmatter reader, the
bundle reader and the judge.

- pack then unpack is the identity on arbitrary skill trees (unicode names, spaces, deep
  nesting, empty files, executables), in both layouts, and packing the unpacked tree again gives
  the same bytes (reproducible bundles);
- the frontmatter reader, given any text (or any bytes on disk), returns a parsed SKILL.md or
  raises skillkit's own error, never anything else;
- the bundle reader, given a damaged bundle, reports problems or raises BundleError only;
- the judge gives F1 = 1 on identical inputs, and reordering an array compared `unordered`
  (on either side) does not change the score.

The generated trees avoid what pack documents it leaves out or refuses (README, "Never
bundled" and SK201/SK203): tests/, VCS and cache folders, virtualenvs, node_modules, *.pyc,
.DS_Store, .skillignore, secrets (.env, *.pem, *.key, ...), a second SKILL.md, names equal but
for case; and what the bundle reader refuses in a name (control and bidi characters, line
separators, backslashes, drive letters: the corpus covers those). Example counts are bounded
and there is no example database, so the file runs in seconds and writes nothing into the repo.
"""

from __future__ import annotations

import copy
import json
import os
import random
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from skillkit.bundle import extract_bundle, inspect_zip, pack_to_file, read_bundle_bytes
from skillkit.compare import MatchRules, judge
from skillkit.errors import BundleError, SkillkitError
from skillkit.lint import SECRET_NAMES
from skillkit.skill import SKIP_DIRS, SkillMd, parse_skill_md_text, read_skill_md

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SKILL_MD = b"---\nname: demo\ndescription: A demo skill. Use when testing.\n---\n\n# Demo\n"

# ------------------------------------------------------------------ trees

# Names pack leaves out (README "Never bundled", bundle.BUILTIN_EXCLUDES, skill.SKIP_DIRS),
# compared case-insensitively so that no generated name comes near them.
_EXCLUDED = {n.casefold() for n in SKIP_DIRS} | {
    n.casefold()
    for n in (
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        ".DS_Store",
        "Thumbs.db",
        "__MACOSX",
        ".venv",
        "venv",
        "node_modules",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".skillignore",
        "pyvenv.cfg",  # marks a folder as a virtualenv
        "skill.md",  # a second SKILL.md is SK201
    )
}
_ROOT_RESERVED = {"tests", "schema.json", "vlmrun.yaml"}  # read by skillkit, not plain files


def _name_ok(name: str) -> bool:
    folded = name.casefold()
    return (
        name not in (".", "..")
        and folded not in _EXCLUDED
        and not folded.endswith((".pyc", ".pyo"))
        and not SECRET_NAMES.match(name)
        and len(name.encode("utf-8")) <= 200
    )


# Letters, marks, numbers, punctuation, symbols and the ordinary space: no control, format
# (bidi), surrogate, unassigned or separator characters, and no '/', '\\' or ':'.
_NAME_CHARS = st.characters(
    whitelist_categories=("L", "M", "N", "P", "S", "Zs"),
    blacklist_characters="/\\:\x00",
)
segments = st.text(_NAME_CHARS, min_size=1, max_size=12).filter(_name_ok)
paths = st.lists(segments, min_size=1, max_size=7).map(tuple)
contents = st.one_of(
    st.just(b""),
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


def _key(name: str) -> str:
    """What makes two names the same for the bundle reader (case) or a filesystem (NFC)."""
    return unicodedata.normalize("NFC", name).casefold()


@st.composite
def trees(draw) -> dict[tuple[str, ...], tuple[bytes, bool]]:
    """path segments -> (content, executable): no path is a folder of another, no two
    siblings differ only in case (or normalisation), nothing reserved at the root."""
    chosen: dict[tuple[str, ...], tuple[bytes, bool]] = {}
    children: dict[tuple[str, ...], dict[str, str]] = {}  # folder -> key -> name
    files: set[tuple[str, ...]] = set()
    folders: set[tuple[str, ...]] = set()
    for path in draw(st.lists(paths, min_size=1, max_size=12)):
        if path[0].casefold() in _ROOT_RESERVED:
            continue
        prefixes = [path[:i] for i in range(1, len(path))]
        if path in files or path in folders or any(p in files for p in prefixes):
            continue
        clash = False
        for i, name in enumerate(path):
            seen = children.get(path[:i], {})
            if seen.get(_key(name), name) != name:
                clash = True
        if clash:
            continue
        for i, name in enumerate(path):
            children.setdefault(path[:i], {})[_key(name)] = name
        folders.update(prefixes)
        files.add(path)
        chosen[path] = (draw(contents), draw(st.booleans()))
    assume(chosen)
    return chosen


def _write_tree(root: Path, tree: dict[tuple[str, ...], tuple[bytes, bool]]) -> None:
    root.mkdir(parents=True)
    (root / "SKILL.md").write_bytes(SKILL_MD)
    for path, (data, executable) in tree.items():
        target = root.joinpath(*path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o755 if executable else 0o644)


def _read_tree(root: Path) -> dict[str, tuple[bytes, int]]:
    out = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            full = Path(dirpath, name)
            rel = full.relative_to(root).as_posix()
            out[rel] = (full.read_bytes(), stat.S_IMODE(full.stat().st_mode))
    return out


@pytest.mark.skipif(os.name != "posix", reason="unix names and permission bits")
@settings(SETTINGS, max_examples=100)
@given(tree=trees(), layout=st.sampled_from(["root", "folder"]))
def test_pack_then_unpack_is_the_identity(tree, layout: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        skill = Path(tmp, "demo")
        _write_tree(skill, tree)
        zip_path = Path(tmp, "bundle.zip")
        info = pack_to_file(skill, zip_path, layout=layout)
        wanted = {"/".join(p): (data, 0o755 if x else 0o644) for p, (data, x) in tree.items()}
        wanted["SKILL.md"] = (SKILL_MD, 0o644)
        assert sorted(info.files) == sorted(wanted)

        bundle = read_bundle_bytes(zip_path.read_bytes())
        out = Path(tmp, "out")
        extract_bundle(bundle, out)
        assert _read_tree(out) == wanted

        again = Path(tmp, "again.zip")
        assert pack_to_file(out, again, layout=layout).sha256 == info.sha256
        assert again.read_bytes() == zip_path.read_bytes()


# ------------------------------------------------------------------ the frontmatter reader

_YAML_ALPHABET = st.sampled_from(
    list("abcnme:- \t\n'\"[]{},&*!|>#%@`?~.0123456789\\") + ["---", "...", "\r\n", "\ufeff", "\x00"]
)
yamlish = st.lists(_YAML_ALPHABET, max_size=60).map("".join)
frontmatter_texts = st.one_of(
    st.text(max_size=300),
    st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", yamlish, st.text(max_size=50)),
    st.builds(lambda fm: f"---\nname: demo\n{fm}\n---\n", yamlish),
    st.builds(lambda fm: f"---\n{fm}", yamlish),  # never closed
)


def _check_parsed(md: SkillMd) -> None:
    assert isinstance(md, SkillMd)
    if md.problem is None:
        assert isinstance(md.frontmatter, dict)
    else:
        code, message, line = md.problem
        assert code.startswith("SK") and message
        assert line is None or line >= 1


@SETTINGS
@given(text=frontmatter_texts)
def test_the_frontmatter_reader_raises_only_skillkit_errors(text: str) -> None:
    try:
        md = parse_skill_md_text(text)
    except SkillkitError:
        return
    _check_parsed(md)


@SETTINGS
@given(
    raw=st.one_of(
        st.binary(max_size=300), frontmatter_texts.map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_reading_any_skill_md_file_raises_only_skillkit_errors(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "SKILL.md")
        path.write_bytes(raw)
        try:
            md = read_skill_md(path)
        except SkillkitError:
            return
        _check_parsed(md)


# ------------------------------------------------------------------ the bundle reader

_GOOD_ZIP: bytes | None = None


def _good_zip() -> bytes:
    global _GOOD_ZIP
    if _GOOD_ZIP is None:
        with tempfile.TemporaryDirectory() as tmp:
            skill = Path(tmp, "demo")
            _write_tree(skill, {("references", "guide.md"): (b"# Guide\n" * 20, False)})
            pack_to_file(skill, Path(tmp, "b.zip"))
            _GOOD_ZIP = Path(tmp, "b.zip").read_bytes()
    return _GOOD_ZIP


@SETTINGS
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(1, 255)), min_size=1, max_size=6
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_a_damaged_bundle_is_reported_never_crashes(flips, cut) -> None:
    data = bytearray(_good_zip())
    for at, xor in flips:
        data[at % len(data)] ^= xor
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    report = inspect_zip(bytes(data))
    assert isinstance(report.problems, list)
    try:
        read_bundle_bytes(bytes(data))
    except BundleError:
        pass


def test_every_one_byte_damage_is_reported_never_crashes() -> None:
    """The deterministic companion of the property above: each byte of a small bundle flipped
    in turn (three ways), so that a header field no random draw happened to hit still counts."""
    good = _good_zip()
    crashes: dict[str, str] = {}  # exception type -> the first byte that raised it
    for at in range(len(good)):
        for xor in (0x01, 0x80, 0xFF):
            data = bytearray(good)
            data[at] ^= xor
            try:
                inspect_zip(bytes(data))
                read_bundle_bytes(bytes(data))
            except BundleError:
                pass
            except Exception as exc:  # what this test is for: any other exception is a crash
                crashes.setdefault(type(exc).__name__, f"byte {at} ^ {xor:#04x}: {exc}")
    assert not crashes, "\n".join(f"{kind} at {where}" for kind, where in crashes.items())


# ------------------------------------------------------------------ the judge

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(SETTINGS, max_examples=150)
@given(value=json_values)
def test_identical_inputs_score_f1_one(value: Any) -> None:
    result = judge(copy.deepcopy(value), value)
    assert result.f1 == 1.0, result.lines()
    assert result.differences == []


@SETTINGS
@given(value=json_values)
def test_identical_inputs_score_f1_one_through_json(value: Any) -> None:
    """What the runner compares: both sides as read back from JSON text."""
    text = json.dumps(value)
    assert judge(json.loads(text), json.loads(text)).f1 == 1.0


row_values = st.one_of(scalars, st.dictionaries(st.sampled_from("abc"), scalars, max_size=3))
arrays = st.lists(row_values, max_size=8)
UNORDERED = MatchRules(unordered=("/tags",))


def _shuffled(items: list[Any], seed: int) -> list[Any]:
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


@SETTINGS
@given(tags=arrays, seed=st.integers())
def test_reordering_an_unordered_array_keeps_f1_one(tags: list[Any], seed: int) -> None:
    expected = {"id": 7, "tags": tags}
    actual = {"id": 7, "tags": _shuffled(copy.deepcopy(tags), seed)}
    result = judge(actual, expected, rules=UNORDERED)
    assert result.f1 == 1.0, result.lines()


@SETTINGS
@given(expected=arrays, actual=arrays, seed=st.integers())
def test_reordering_an_unordered_array_does_not_change_the_score(
    expected: list[Any], actual: list[Any], seed: int
) -> None:
    base = judge({"tags": actual}, {"tags": expected}, rules=UNORDERED)
    moved = judge({"tags": _shuffled(actual, seed)}, {"tags": expected}, rules=UNORDERED)
    other = judge({"tags": actual}, {"tags": _shuffled(expected, seed)}, rules=UNORDERED)
    counts = (base.true_positives, base.false_positives, base.false_negatives)
    assert (moved.true_positives, moved.false_positives, moved.false_negatives) == counts
    assert (other.true_positives, other.false_positives, other.false_negatives) == counts
    assert moved.f1 == base.f1 == other.f1
