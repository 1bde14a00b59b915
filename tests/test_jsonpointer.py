"""JSON Pointers (RFC 6901): one module writes and reads them for the judge, the schema checks,
the lint messages, the engine's `$ref`s and the HTML report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_skill
from hypothesis import given
from hypothesis import strategies as st

from skillkit import jsonpointer
from skillkit.compare import judge
from skillkit.lint import lint_skill
from skillkit.report.html import json_lines
from skillkit.schemas import SchemaProblem

# RFC 6901 section 5: the example document and what each pointer names.
RFC_DOC = {
    "foo": ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    'k"l': 6,
    " ": 7,
    "m~n": 8,
}
RFC_POINTERS = {
    "": RFC_DOC,
    "/foo": ["bar", "baz"],
    "/foo/0": "bar",
    "/": 0,
    "/a~1b": 1,
    "/c%d": 2,
    "/e^f": 3,
    "/g|h": 4,
    "/i\\j": 5,
    '/k"l': 6,
    "/ ": 7,
    "/m~0n": 8,
}
# Section 6: the same pointers as URI fragments (percent-encoded).
RFC_FRAGMENTS = {
    "": RFC_DOC,
    "/foo": ["bar", "baz"],
    "/foo/0": "bar",
    "/": 0,
    "/a~1b": 1,
    "/c%25d": 2,
    "/e%5Ef": 3,
    "/g%7Ch": 4,
    "/i%5Cj": 5,
    "/k%22l": 6,
    "/%20": 7,
    "/m~0n": 8,
}


@pytest.mark.parametrize("text", sorted(RFC_POINTERS))
def test_the_rfc_examples_resolve(text: str) -> None:
    parts = jsonpointer.parse(text)
    assert jsonpointer.resolve(RFC_DOC, parts) == RFC_POINTERS[text]
    assert jsonpointer.format(parts) == text  # and they are written back as they were


@pytest.mark.parametrize("fragment", sorted(RFC_FRAGMENTS))
def test_the_rfc_fragment_examples_resolve(fragment: str) -> None:
    parts = jsonpointer.parse_fragment(fragment)
    assert parts is not None
    assert jsonpointer.resolve(RFC_DOC, parts) == RFC_FRAGMENTS[fragment]


def test_escaping_order_keeps_a_literal_tilde_one() -> None:
    # "~01" is "~" then "1", not "/": ~1 is undone before ~0.
    assert jsonpointer.parse("/a~01b") == ("a~1b",)
    assert jsonpointer.format(["a~1b"]) == "/a~01b"
    assert jsonpointer.format(["a/b~c", 0]) == "/a~1b~0c/0"
    assert jsonpointer.escape("~/") == "~0~1" and jsonpointer.unescape("~0~1") == "~/"
    assert jsonpointer.append("/a", "b/c") == "/a/b~1c"


def test_root_and_display() -> None:
    assert jsonpointer.format(()) == "" and jsonpointer.parse("") == ()
    assert jsonpointer.display(()) == "(root)"
    assert jsonpointer.display(("pair", 1)) == "/pair/1"
    # "/" is the key "" (not the root): the lint used to write the root that way.
    assert jsonpointer.parse("/") == ("",)


def test_not_a_pointer() -> None:
    with pytest.raises(ValueError, match="must start with '/'"):
        jsonpointer.parse("total")
    assert jsonpointer.parse_fragment("address") is None  # a plain-name anchor
    assert jsonpointer.parse_fragment("%2Fa") is None  # decided as written, like `referencing`


def test_resolve_lists_and_misses() -> None:
    doc = {"rows": [{"a": 1}, {"a": 2}], "0": "key"}
    assert jsonpointer.resolve(doc, ("rows", "1", "a")) == 2
    assert jsonpointer.resolve(doc, ("rows", 1, "a")) == 2  # ints from jsonschema paths
    assert jsonpointer.resolve(doc, (0,)) == "key"  # object keys are strings
    for missing in (("rows", "2"), ("rows", "01"), ("rows", "-1"), ("rows", "-"), ("x",)):
        assert not jsonpointer.exists(doc, missing)
        assert jsonpointer.resolve(doc, missing, None) is None
        with pytest.raises(LookupError):
            jsonpointer.resolve(doc, missing)
    assert jsonpointer.exists(doc, ()) and jsonpointer.resolve(doc, ()) is doc


@given(st.lists(st.text(alphabet="ab/~01 %", max_size=6), max_size=5))
def test_format_and_parse_round_trip(parts: list[str]) -> None:
    text = jsonpointer.format(parts)
    assert jsonpointer.parse(text) == tuple(parts)


def test_every_module_writes_the_same_pointer() -> None:
    """The judge, the schema checks and the report agree on `~` and `/` in keys."""
    key = "a/b~c"
    expected = jsonpointer.format([key, 0])
    (difference,) = judge({key: [2]}, {key: [1]}).differences
    assert difference.path == expected
    assert SchemaProblem("x", pointer=(key, 0)).where == expected
    assert (expected, "    1") in list(json_lines({key: [1]}))


def test_lint_names_the_root_as_the_judge_does(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"total": {"type": "number"}}}
    files = {"schema.json": json.dumps(schema), "tests/a.txt": "Total: 1"}
    root = make_skill(tmp_path, "demo", files={**files, "tests/a.expected.json": "[1]"})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK304"]
    assert hit.message.startswith("(root): ")
