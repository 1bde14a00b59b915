"""The fast paths of issue 13 give what the slow ones gave: the remembered metaschema check,
libyaml under the bounded YAML composer, and `lint_paths` in several processes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from conftest import make_skill

from skillkit import files, lint, schemas
from skillkit.schemas import SchemaProblem, validator_class

GOOD = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"total": {"type": ["number", "null"]}, "items": {"type": "array"}},
    "required": ["total"],
}
BAD = {
    "type": "object",
    "properties": {
        "total": {"type": "float"},
        "items": {"items": 5, "minimum": "x"},
        "ok": {"type": ["number", "null"]},
    },
    "required": "total",
}


def _jsonschema_problems(schema: dict) -> list[SchemaProblem]:
    """metaschema_problems as it was: jsonschema's own metaschema validator, nothing kept."""
    from jsonschema import validators

    cls = validator_class(schema)
    hints = schemas._hints(schema, cls)
    meta_cls = validators.validator_for(cls.META_SCHEMA, default=cls)
    meta = meta_cls(cls.META_SCHEMA, format_checker=cls.FORMAT_CHECKER, registry=schemas.registry())
    out, seen = list(hints), {p.pointer for p in hints}
    for error in meta.iter_errors(schema):
        parts = tuple(error.absolute_path)
        if any(parts[: len(h)] == h or h[: len(parts)] == parts for h in seen):
            continue
        seen.add(parts)
        message = error.message
        if error.context:
            from jsonschema.exceptions import best_match

            message = best_match(error.context).message
        out.append(SchemaProblem(schemas._short(message), parts))
    return sorted(out, key=lambda p: [str(x) for x in p.pointer])


@pytest.mark.parametrize("draft", [None, schemas.DRAFT_07, schemas.DRAFT_2019_09])
def test_remembered_metaschema_check_finds_the_same_problems(draft: str | None) -> None:
    for schema in (GOOD, BAD):
        schema = copy.deepcopy(schema)
        if draft:
            schema["$schema"] = draft
        for _ in range(3):  # the first run remembers what is valid; the next ones use it
            assert schemas.metaschema_problems(schema) == _jsonschema_problems(schema)
    # A subschema remembered valid (from GOOD) inside a schema that is not.
    mixed = copy.deepcopy(BAD)
    mixed["properties"]["total"] = GOOD["properties"]["total"]
    assert schemas.metaschema_problems(mixed) == _jsonschema_problems(mixed)
    assert schemas.metaschema_problems(GOOD) == []


def test_remembering_keeps_1_and_true_apart() -> None:
    ok = {"type": "object", "minProperties": 1}
    bad = {"type": "object", "minProperties": True}
    assert schemas.metaschema_problems(ok) == []
    assert schemas.metaschema_problems(bad) == _jsonschema_problems(bad) != []


YAML_TEXTS = [
    "name: demo\ndescription: >-\n  Extracts totals.\n  Use when asked.\nmetadata:\n  version: '1.0'\n",
    "a: 1\nb:\n- x\n- y: z\n  w: |\n    text\n    more\n",
    "a: 1\na: 2\n",  # a duplicate key: the Python parser's message and line
    "a: b\tc\n",  # a tab in a plain scalar: refused by PyYAML (libyaml would take it)
    "a: [1, 2]\nb: {c: d}\n",  # flow collections: read by the Python parser
    "a: &x 1\nb: *x\n",
    "a: b\n  c: d\n",  # not YAML
    "- a\n- b\n",  # not a mapping
    "",
]


def _pure(text: str):
    loader = files._BoundedLoader(text, files.MAX_YAML_NODES, files.MAX_YAML_DEPTH)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _shape(node):
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("S", node.tag, node.value, node.style, marks)
    kids = node.value
    if isinstance(node, yaml.MappingNode):
        kids = [(_shape(k), _shape(v)) for k, v in kids]
    else:
        kids = [_shape(k) for k in kids]
    return (type(node).__name__, node.tag, bool(node.flow_style), marks, kids)


def _outcome(fn, text: str):
    try:
        return "ok", _shape(fn(text))
    except yaml.YAMLError as exc:
        return "error", type(exc).__name__, files.yaml_problem(exc)


@pytest.mark.parametrize("text", YAML_TEXTS)
def test_compose_yaml_reads_as_the_python_parser_does(text: str) -> None:
    assert _outcome(files.compose_yaml, text) == _outcome(_pure, text)


def test_compose_yaml_fast_path_is_taken_for_plain_mappings(monkeypatch) -> None:
    if files._CParser is None:
        pytest.skip("PyYAML without libyaml")
    used = []
    real = files._FastBoundedLoader.get_single_node
    monkeypatch.setattr(
        files._FastBoundedLoader, "get_single_node", lambda self: used.append(1) or real(self)
    )
    files.compose_yaml(YAML_TEXTS[0])
    assert used
    used.clear()
    with pytest.raises(yaml.YAMLError):  # a tab: the Python parser from the start, refused
        files.compose_yaml(YAML_TEXTS[3])
    assert not used


def test_alias_bombs_and_depth_are_refused_as_before() -> None:
    bomb = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    deep = "a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(80)) + "  " * 81 + "x: 1\n"
    for text in (bomb, deep):
        assert _outcome(files.compose_yaml, text) == _outcome(_pure, text)
        assert _outcome(files.compose_yaml, text)[0] == "error"


def _tree(base: Path, n: int) -> Path:
    tree = base / "tree"
    for i in range(n):
        files_ = {"schema.json": json.dumps(GOOD if i % 3 else BAD)}
        if i % 5 == 0:
            files_["tests/a.txt"] = "Total: 1\n"
            files_["tests/a.expected.json"] = json.dumps({"total": "x"})
        make_skill(tree, f"skill-{i:03}", files=files_)
    return tree


def test_lint_paths_in_processes_finds_the_same_in_the_same_order(tmp_path, monkeypatch) -> None:
    tree = _tree(tmp_path, 30)
    one = lint.lint_paths([tree])
    assert any(f.code == "SK302" for f in one) and any(f.code == "SK304" for f in one)
    monkeypatch.setattr(lint, "_SKILLS_PER_PROCESS", 2)
    assert lint.lint_paths([tree], jobs=2) == one
    assert lint.lint_paths([tree], jobs=3) == one
