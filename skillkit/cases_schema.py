"""The one validator of `tests/cases.yaml`: its JSON Schema, and each error as one line.

The schema is `skillkit/cases.schema.json` (draft-07, shipped in the package, so editors can use
it through yaml-language-server: `skillkit schema cases --path` prints where it is). Its
`config` part is the API's GenerationConfig from `skillkit.api` (`config_schema`, checked by
tests/test_cases_schema.py; `regenerate()` rewrites it after the table changes).

`first_problem(data)` validates the whole file, `match_problem(rules)` one `match:` mapping
(what `MatchRules.from_mapping` uses). A problem is the first error in document order, as one
message in the words cases.yaml errors have always used, and the path of the key (or list item)
it is about, which the YAML reader turns into a line. Outside `match:` a message reads
`'min_score' in defaults must be number, not string` or `unknown key 'expectd' in case #1 (did
you mean 'expected'?); allowed: ...`; inside it, `match.paths./total.abs_tol: expected a number
>= 0, got -1`. What JSON Schema cannot say (files exist inside tests/, ids are unique, ordered
and unordered do not overlap) stays with the code that reads the file.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator, validators
from jsonschema.exceptions import ValidationError

from skillkit import api

SCHEMA_FILE = Path(__file__).with_name("cases.schema.json")
CASE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$"
SKILLS_REFUSED = "the runner sends the skill under test itself"

Where = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with cases.yaml: the message, and where (keys and list indices)."""

    message: str
    path: Where


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of cases.yaml, as shipped."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def config_schema() -> dict[str, Any]:
    """`definitions.config`: GenerationConfig from the table, as a case may set it. `skills`
    is refused (the runner sends the skill under test), `json_schema` may also name a schema
    file in tests/, and page indices are 0-based."""
    properties: dict[str, Any] = {}
    for f in api.GENERATION_CONFIG.fields:
        prop = f.json_schema()
        if f.name == "skills":
            prop = {"not": {}, "description": "Not in cases.yaml: " + SKILLS_REFUSED + "."}
        elif f.name == "json_schema":
            prop["type"] = ["object", "string", "null"]
            prop["description"] += (
                " In cases.yaml also the name of a JSON Schema file in tests/, relative to it."
            )
        elif f.name == "page_indices":
            prop["items"] = {"type": "integer", "minimum": 0}
        properties[f.name] = prop
    return {
        "title": "config",
        "description": "Merged into the GenerationConfig of each request (defaults first, then "
        "the case's own keys).",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def regenerate() -> None:
    """Rewrite cases.schema.json with `definitions.config` from the table (after api.py)."""
    data = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data["definitions"]["config"] = config_schema()
    SCHEMA_FILE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    schema.cache_clear()


def case_id_message(case_id: Any) -> str:
    return f"case id {case_id!r} may hold only letters, digits and . _ - @ +"


# --------------------------------------------------------------------------- validating


def _is_number(checker: Any, value: Any) -> bool:
    """JSON numbers: not booleans, not NaN (YAML's `.nan` compares false with every bound)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _is_integer(checker: Any, value: Any) -> bool:
    """Integers as written: `1.0` is a number, not an integer (as cases.yaml always read it)."""
    return isinstance(value, int) and not isinstance(value, bool)


_Validator = validators.extend(
    Draft7Validator,
    type_checker=Draft7Validator.TYPE_CHECKER.redefine_many(
        {"number": _is_number, "integer": _is_integer}
    ),
)


@functools.lru_cache(maxsize=2)
def _validator(definition: str | None) -> Any:
    root = schema()
    if definition is None:
        return _Validator(root)
    return _Validator({"$ref": f"#/definitions/{definition}", "definitions": root["definitions"]})


def first_problem(data: Any) -> Problem | None:
    """The first problem of a whole cases.yaml (as read from YAML), None when it is valid."""
    return _first(data, _validator(None).iter_errors(data), ())


def match_problem(rules: Any) -> Problem | None:
    """The first problem of one `match:` mapping; the path is relative to it."""
    found = _first({"match": rules}, _validator("match").iter_errors(rules), ("match",))
    return None if found is None else Problem(found.message, found.path[1:])


def _first(data: Any, errors: Iterator[ValidationError], prefix: Where) -> Problem | None:
    best: tuple[tuple[Any, ...], Problem] | None = None
    indices: dict[int, dict[Any, int]] = {}  # key positions of each mapping, computed once
    for error in errors:
        path, message = _describe(error, prefix + tuple(error.absolute_path))
        order = (_position(data, path, indices), _PRIORITY.get(error.validator, 2))
        if best is None or order < best[0]:
            best = (order, Problem(message, path))
    return None if best is None else best[1]


_PRIORITY = {"additionalProperties": 0, "propertyNames": 0, "type": 1, "not": 1}


def _position(data: Any, path: Where, indices: dict[int, dict[Any, int]]) -> tuple[int, ...]:
    """Where `path` is in document order: the index of each key and item along it."""
    out = []
    for segment in path:
        if isinstance(data, Mapping):
            if id(data) not in indices:
                indices[id(data)] = {key: n for n, key in enumerate(data)}
            out.append(indices[id(data)].get(segment, len(data)))
            data = data.get(segment)
        elif isinstance(data, list) and isinstance(segment, int) and segment < len(data):
            out.append(segment)
            data = data[segment]
        else:
            break
    return tuple(out)


# --------------------------------------------------------------------------- messages


def _kind(value: Any) -> str:
    """A value's type in the words of cases.yaml messages: mapping, list, string, ..."""
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return _json_type(value)


def _json_type(value: Any) -> str:
    from skillkit.compare import json_type_name

    if isinstance(value, float) and value != value:
        return "nan"
    return json_type_name(value)


_KIND_WORDS = {"object": "mapping", "array": "list"}


def _kinds(types: Any) -> str:
    types = [types] if isinstance(types, str) else types
    return " or ".join(_KIND_WORDS.get(t, t) for t in types)


def _closest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _extra_key(error: ValidationError) -> Any:
    """The first key of the mapping that its schema does not allow."""
    allowed = error.schema.get("properties", {})
    return next(key for key in error.instance if key not in allowed)


def _allowed(error: ValidationError) -> list[str]:
    """The keys a mapping may hold (not those whose schema refuses every value)."""
    return [k for k, v in error.schema.get("properties", {}).items() if v.get("not") != {}]


def _match_at(path: Where) -> int | None:
    """Where `match` is in a path below a `match:` section (standalone, defaults or a case)."""
    if path[:1] == ("match",):
        return 0
    if path[:2] == ("defaults", "match"):
        return 1
    if len(path) > 2 and path[0] == "cases" and path[2] == "match":
        return 2
    return None


def _describe(error: ValidationError, path: Where) -> tuple[Where, str]:
    """(path of the key or item at fault, message) for one schema error."""
    at = _match_at(path)
    if at is not None and not (len(path) == at + 1 and error.validator == "type" and at > 0):
        return _describe_rule(error, path, path[at:])
    return _describe_setting(error, path)


def _dotted(segments: Where) -> str:
    """`match.paths./total.abs_tol`, list items as `[2]`."""
    out = ""
    for segment in segments:
        out += f"[{segment}]" if isinstance(segment, int) else ("." if out else "") + segment
    return out


def _describe_rule(error: ValidationError, path: Where, rel: Where) -> tuple[Where, str]:
    """An error inside `match:` (rel starts at 'match'), in the words of the judge's rules."""
    kind, title = error.validator, error.schema.get("title")
    where, value = _dotted(rel), error.instance
    got = _json_type(value)
    key_error = "propertyNames" in error.absolute_schema_path
    if kind == "additionalProperties":
        key = _extra_key(error)
        allowed = _allowed(error)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return path + (key,), (
            f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)}){hint}"
        )
    if title == "tolerance":
        shown = repr(value) if kind != "type" or _json_type(value) == "nan" else got
        return path, f"{where}: expected a number >= 0, got {shown}"
    if title == "flag":
        return path, f"{where}: expected true or false, got {got}"
    if title == "normalisers":
        return path, (
            f"{where}: expected a list of normalisers, a mapping of normaliser: true/false, "
            f"or true/false, got {got}"
        )
    if title == "normaliser":
        names = ", ".join(error.schema["enum"])
        shown = where if key_error else _dotted(rel[:-1])
        at = path + (value,) if key_error else path
        return at, f"{shown}: unknown normaliser {value!r} (allowed: {names})"
    if title in ("pointers", "pointer"):
        at = path + (value,) if key_error else path
        shown = f"{where} key {value!r}" if key_error else where
        if kind == "pattern":
            return at, f"{shown}: {value!r} is not a JSON pointer (it must start with '/')"
        if title == "pointers":
            return at, f"{shown}: expected a list of JSON pointers, got {got}"
        return at, f"{shown}: expected a JSON pointer string, got {got}"
    if title == "comparator":
        names = error.schema["enum"]
        word = str(value).casefold() if isinstance(value, str) else None
        close = difflib.get_close_matches(word, names, n=1) if word else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return path, f"{where}: unknown comparator {value!r} (allowed: {', '.join(names)}){hint}"
    if title == "fields":
        return path, f"{where}: expected a mapping of pointer: comparator, got {got}"
    if title == "any_of":
        return path, f"{where}: expected a mapping of pointer: [values], got {got}"
    if title == "acceptable values":
        return path, f"{where}: expected a non-empty list of acceptable values, got {got}"
    if title == "paths":
        return path, f"{where}: expected a mapping of pointer: {{rules}}, got {got}"
    if title in ("match rules", "path rules") and kind == "type":
        return path, f"{where}: expected a mapping of rules, got {got}"
    return path, f"{where}: {error.message}"


def _what(path: Where) -> str:
    """What a mapping of cases.yaml is called in messages."""
    if not path:
        return "cases.yaml"
    if len(path) == 2 and path[0] == "cases":
        return f"case #{path[1] + 1}" if isinstance(path[1], int) else f"case '{path[1]}'"
    if path[-1] == "config":
        return f"the config of {_what(path[:-1])}"
    return _dotted(path)


_UNITS = {"timeout": " of seconds"}


def _describe_setting(error: ValidationError, path: Where) -> tuple[Where, str]:
    """An error outside `match:`, in the words cases.yaml messages have always used."""
    kind, value, schema_ = error.validator, error.instance, error.schema
    if kind == "additionalProperties":
        key = _extra_key(error)
        what = _what(path)
        if not isinstance(key, str):
            return path + (key,), f"{what}: keys must be strings, not {key!r}"
        allowed = sorted(_allowed(error))
        close = _closest(key, allowed)
        hint = f" (did you mean '{close}'?)" if close else ""
        return path + (key,), f"unknown key '{key}' in {what}{hint}; allowed: {', '.join(allowed)}"
    if "propertyNames" in error.absolute_schema_path:  # a key of the `cases:` mapping
        if kind == "type":
            return path + (value,), f"{_what(path)}: keys must be strings, not {value!r}"
        return path + (value,), case_id_message(value)
    if not path:
        return path, f"cases.yaml must be a mapping, not a {_kind(value)}"
    if len(path) == 2 and path[0] == "cases":
        return path, f"{_what(path)} must be a mapping, not a {_kind(value)}"
    if len(path) > 1 and path[-2] == "page_indices" and isinstance(path[-1], int):
        where = _what(path[:-2])
        return path[:-1], f"'page_indices' in {where} must be a list of 0-based page numbers"
    key, what = path[-1], _what(path[:-1])
    ranged = any(k in schema_ for k in ("minimum", "maximum", "exclusiveMinimum"))
    if kind == "type" and not (ranged and _json_type(value) == "nan"):
        return path, f"'{key}' in {what} must be {_kinds(schema_['type'])}, not {_kind(value)}"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in schema_["enum"] if v is not None)
        return path, f"'{key}' in {what} must be one of {allowed}, not {value!r}"
    if ranged:
        low, high = schema_.get("minimum"), schema_.get("maximum")
        if "exclusiveMinimum" in schema_:
            return path, f"'{key}' in {what} must be a positive number{_UNITS.get(key, '')}"
        if high is not None:
            return path, f"'{key}' in {what} must be between {low:g} and {high:g}, not {value}"
        return path, f"'{key}' in {what} must be at least {low:g}, not {value}"
    if kind == "pattern" and key == "id":
        return path, case_id_message(value)
    if kind == "not" and key == "skills":
        return path, f"'skills' in {what}: {SKILLS_REFUSED}; remove it"
    return path, f"'{key}' in {what}: {error.message}"
