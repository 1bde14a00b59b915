"""Our spec verdict agrees with the peer validator `skills-ref` wherever the spec is clear.

Fixtures: tests/data/spec_cases/<case>/<skill folder>/SKILL.md (the inner folder's name is the
one the `name` rule compares with). Encoding and Unicode variants are built in tmp_path, since
a checkout may rewrite line endings or normalise file names.

Our verdict: "invalid" when lint finds any error-level spec rule (SK1xx). Theirs:
`skills_ref.validator.validate(dir)` returns a non-empty list of errors.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import DATA

from skillkit.lint import ERROR, lint_skill

skills_ref_validator = pytest.importorskip("skills_ref.validator")

SPEC_CASES = DATA / "spec_cases"

# case -> the error codes we must report (empty: valid by the spec)
EXPECTED: dict[str, set[str]] = {
    "valid-minimal": set(),
    "valid-all-fields": set(),
    "valid-folded-description": set(),
    "valid-literal-description": set(),
    "valid-digits-and-hyphens": set(),
    "valid-max-name-length": set(),
    "valid-max-description": set(),
    "valid-lowercase-skill-md": set(),
    "name-bad-chars": {"SK106"},
    "name-uppercase": {"SK106"},
    "name-leading-hyphen": {"SK106"},
    "name-trailing-hyphen": {"SK106"},
    "name-double-hyphen": {"SK106"},
    "name-too-long": {"SK106"},
    "name-folder-mismatch": {"SK107"},
    "name-missing": {"SK105"},
    "name-empty": {"SK105"},
    "name-number": {"SK105"},
    "description-missing": {"SK108"},
    "description-empty": {"SK108"},
    "description-too-long": {"SK109"},
    "unknown-key": {"SK104"},
    "compatibility-too-long": {"SK110"},
    "compatibility-empty": {"SK110"},
    "metadata-non-string": {"SK111"},
    "metadata-flow-style": set(),
    "metadata-list": {"SK111"},
    "allowed-tools-list": {"SK112"},
    "missing-frontmatter": {"SK101"},
    "unclosed-frontmatter": {"SK101"},
    "empty-frontmatter": {"SK103"},
    "non-mapping-frontmatter": {"SK103"},
    "invalid-yaml": {"SK102"},
    "no-skill-md": {"SK100"},
}

# Deliberate disagreements with skills-ref 0.1.x, and why. Everywhere else we must agree.
DISAGREE: dict[str, str] = {
    "compatibility-empty": "the spec says compatibility is 1-500 characters; skills-ref "
    "checks only the maximum",
    "metadata-non-string": "the spec says metadata maps strings to strings; skills-ref reads "
    "YAML with strictyaml, which turns 1.0 and true into strings",
    "metadata-list": "the spec says metadata is a map; skills-ref does not check its type",
    "metadata-flow-style": "valid YAML (the spec says YAML); skills-ref's strictyaml refuses "
    "flow-style mappings",
    "allowed-tools-list": "the spec says allowed-tools is a space-delimited string; skills-ref "
    "does not check it",
    "name-number": "`name: 123` is a YAML integer, not a string; skills-ref's strictyaml reads "
    "every scalar as a string",
    "bom": "DESIGN/issue 2 require reading a UTF-8 BOM; skills-ref reads the BOM as content and "
    "reports missing frontmatter",
}


def our_errors(skill_dir: Path) -> set[str]:
    return {
        f.code
        for f in lint_skill(skill_dir, profile="agentskills")  # the open spec, as skills-ref
        if f.code.startswith("SK1") and f.severity == ERROR
    }


def their_errors(skill_dir: Path) -> list[str]:
    return list(skills_ref_validator.validate(skill_dir))


def skill_dir_of(case: str) -> Path:
    (inner,) = [p for p in (SPEC_CASES / case).iterdir() if p.is_dir()]
    return inner


def check(case: str, skill_dir: Path, expected: set[str]) -> None:
    ours = our_errors(skill_dir)
    theirs = their_errors(skill_dir)
    assert ours == expected, f"{case}: ours {sorted(ours)}"
    ours_valid, theirs_valid = not ours, not theirs
    if case in DISAGREE:
        assert ours_valid != theirs_valid, (
            f"{case}: skills-ref now agrees with us ({theirs}); drop it from DISAGREE"
        )
    else:
        assert ours_valid == theirs_valid, f"{case}: ours {sorted(ours)} vs skills-ref {theirs}"


def test_fixture_set_matches_the_table() -> None:
    present = {p.name for p in SPEC_CASES.iterdir() if p.is_dir()}
    assert present == set(EXPECTED)
    assert set(DISAGREE) - set(EXPECTED) == {"bom"}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_spec_case_agrees_with_skills_ref(case: str) -> None:
    check(case, skill_dir_of(case), EXPECTED[case])


# --------------------------------------------------------------------------- built variants

DESC = "Extracts fields from test documents. Use when a spec fixture needs a description."


def _skill(base: Path, folder: str, raw: bytes) -> Path:
    root = base / folder
    root.mkdir(parents=True)
    (root / "SKILL.md").write_bytes(raw)
    return root


def test_crlf_agrees(tmp_path: Path) -> None:
    text = f"---\nname: crlf\ndescription: >\n  {DESC}\n  More.\n---\n\n# Body\n"
    root = _skill(tmp_path, "crlf", text.replace("\n", "\r\n").encode())
    check("crlf", root, set())


def test_bom_is_a_deliberate_disagreement(tmp_path: Path) -> None:
    text = f"---\nname: bom\ndescription: {DESC}\n---\n\n# Body\n"
    root = _skill(tmp_path, "bom", b"\xef\xbb\xbf" + text.encode())
    check("bom", root, set())


@pytest.mark.parametrize("name", ["café", "日本語-skill", "ünïcode"])
def test_lowercase_unicode_names_agree(tmp_path: Path, name: str) -> None:
    """The spec text says a-z; skills-ref accepts lowercase Unicode letters, and so do we."""
    text = f"---\nname: {name}\ndescription: {DESC}\n---\n\n# Body\n"
    check(name, _skill(tmp_path, name, text.encode()), set())


def test_uppercase_unicode_name_agrees(tmp_path: Path) -> None:
    text = f"---\nname: Ärger\ndescription: {DESC}\n---\n\n# Body\n"
    check("Ärger", _skill(tmp_path, "Ärger", text.encode()), {"SK106"})


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        (unicodedata.normalize("NFD", "café"), "café"),
        ("ﬁle-tools", "ﬁle-tools"),  # U+FB01 ligature in both
    ],
    ids=["nfd-folder", "nfkc-ligature"],
)
def test_unicode_normalised_folder_names_agree(tmp_path: Path, folder: str, name: str) -> None:
    text = f"---\nname: {name}\ndescription: {DESC}\n---\n\n# Body\n"
    check("normalised", _skill(tmp_path, folder, text.encode()), set())
