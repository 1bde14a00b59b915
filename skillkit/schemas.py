"""JSON Schema in one place: which draft, validators that never fetch, a skill's schema file
with its local `$ref`s inlined, and line numbers for JSON pointers.

Every consumer (lint, the judge, the runner, the local server, the engine) goes through here:

- **Draft.** `$schema` picks it: draft-07 (what VLM Run's skill docs prescribe, tuple `items`
  and `additionalItems` included), 2019-09 or 2020-12; without `$schema`, 2020-12. Any other
  `$schema` is a problem, never a crash.
- **No fetching, ever.** Validators get an explicit `referencing.Registry` whose retrieve
  refuses, so a remote `$ref` (http, https, file:, any URI with a scheme) is never opened. It is
  reported by name; its content is never read.
- **Local files.** `load` reads a schema file and inlines every `$ref` to a file under the skill
  folder (`defs/address.json`, `address.json#/definitions/x`) into the root schema: each file
  once, under `$defs` (`definitions` in draft-07) with a key made from its path, and every
  `$ref` rewritten to a `#/...` pointer, refs inside embedded files included (cycles are fine:
  a file already embedded is only pointed at). The result is self-contained: the judge, the
  engine and the request sent to a server (which cannot read the skill's files) all get the
  same schema. A ref that leaves the skill folder, an absolute path, a missing file, or (for a
  skill's schema.json) a file that is not bundled is a problem naming the ref and its line.
  Every file is read as `files.read_limited` reads: a regular file (never a FIFO or device)
  of at most MAX_SCHEMA_BYTES (5 MB), nested at most MAX_JSON_DEPTH (64) levels.
- **Refs that never end.** `$ref`, `$dynamicRef` and `$recursiveRef` are checked alike. A
  loop of refs that never consumes any of the value (`{"$ref": "#"}`, two definitions that
  refer to each other, a ref in an `allOf` back to its own schema) is a problem at its first
  ref (`ref_loops`); a validator from `validator` raises ValidationTooDeep (a SkillError),
  never a bare RecursionError, for a value nested past Python's recursion limit.
- **Lines.** `JsonDoc.line_of(pointer)` is the line of the key holding the value at a JSON
  pointer, so findings name the line of the offending key; common mistakes (`"type": "float"`,
  draft-03 `"required": true`) come with what to write instead.
"""

from __future__ import annotations

import bisect
import copy
import difflib
import functools
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

from jsonschema import Draft7Validator, Draft201909Validator, Draft202012Validator, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from skillkit import jsonpointer
from skillkit.errors import SkillError
from skillkit.files import (
    MAX_JSON_DEPTH,
    MAX_SCHEMA_BYTES,
    JsonTooDeep,
    UnreadableFile,
    loads_json,
    read_limited,
)

Parts = tuple[str | int, ...]

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
DRAFT_2019_09 = "https://json-schema.org/draft/2019-09/schema"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_CLASS = Draft202012Validator

# `$schema` without scheme and trailing '#' -> validator class
_DRAFTS: dict[str, type] = {
    "json-schema.org/draft-07/schema": Draft7Validator,
    "json-schema.org/draft/2019-09/schema": Draft201909Validator,
    "json-schema.org/draft/2020-12/schema": Draft202012Validator,
}
_DRAFT_NAMES = {Draft7Validator: "draft-07", Draft201909Validator: "2019-09"}
_SUPPORTED = (
    f'"{DRAFT_07}" (what VLM Run\'s skill docs use), "{DRAFT_2019_09}" or "{DRAFT_2020_12}", '
    "or leave `$schema` out (2020-12)"
)

JSON_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
# What people write for "type", and the JSON Schema spelling of it.
_TYPE_FIXES = {
    "float": "number",
    "double": "number",
    "decimal": "number",
    "real": "number",
    "int": "integer",
    "long": "integer",
    "str": "string",
    "text": "string",
    "bool": "boolean",
    "dict": "object",
    "map": "object",
    "list": "array",
    "tuple": "array",
    "none": "null",
    "nil": "null",
}
_FORMAT_TYPES = {"date": "date", "datetime": "date-time", "date-time": "date-time", "time": "time"}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# Keywords whose values are subschemas, by shape (every draft skillkit knows).
_ONE = (
    "additionalItems",
    "additionalProperties",
    "contains",
    "contentSchema",
    "else",
    "if",
    "items",
    "not",
    "propertyNames",
    "then",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
_MAPS = ("$defs", "definitions", "dependentSchemas", "patternProperties", "properties")
# Keywords that apply their subschemas to the value itself, not to a part of it (a property,
# an item): a loop through these alone never reaches the end of the value.
_IN_PLACE_ONE = ("not", "if", "then", "else")
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE_MAPS = ("dependentSchemas", "dependencies")


@dataclass(frozen=True)
class SchemaProblem:
    """What is wrong with a schema, and where: `file` (a path relative to the skill folder, or
    None for a schema given as a dict), the JSON pointer in it and, where known, the line."""

    message: str
    pointer: Parts = ()
    file: str | None = None
    line: int | None = None
    # "json": the file is not JSON (SK301); "draft": `$schema` names no draft skillkit checks
    # (the schema is still usable as data); "schema": anything else (not a JSON Schema)
    kind: str = "schema"

    @property
    def where(self) -> str:
        return jsonpointer.display(self.pointer)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.pointer else self.message


# --------------------------------------------------------------------------- drafts


def _draft_key(uri: str) -> str:
    key = uri.strip()
    key = re.sub(r"^https?://", "", key, flags=re.I)
    return key.rstrip("#").rstrip("/").lower()


def draft_problem(schema: Any) -> str | None:
    """Why the `$schema` of a schema is not one skillkit validates with, or None."""
    if not isinstance(schema, Mapping) or "$schema" not in schema:
        return None
    uri = schema["$schema"]
    if not isinstance(uri, str):
        return f'"$schema" must be a URI string; use {_SUPPORTED}'
    if _draft_key(uri) in _DRAFTS:
        return None
    old = re.search(r"draft-0?([346])", uri)
    if old:
        return f'"$schema" names draft-0{old.group(1)}, which skillkit does not check; use {_SUPPORTED}'
    return (
        f'"$schema": {json.dumps(uri)} is not a JSON Schema draft skillkit knows; use {_SUPPORTED}'
    )


def validator_class(schema: Any) -> type:
    """The validator class `$schema` names (2020-12 without one, or when it is unknown)."""
    if isinstance(schema, Mapping) and isinstance(schema.get("$schema"), str):
        return _DRAFTS.get(_draft_key(schema["$schema"]), DEFAULT_CLASS)
    return DEFAULT_CLASS


def draft_name(cls: type) -> str:
    return _DRAFT_NAMES.get(cls, "2020-12")


def ref_keywords(cls: type) -> tuple[str, ...]:
    """The keywords that refer to a schema by URI in a draft: `$ref` everywhere, plus
    `$recursiveRef` (2019-09) or `$dynamicRef` (2020-12). Each is checked alike: resolved
    inside the schema or refused, never fetched."""
    if cls is Draft7Validator:
        return ("$ref",)
    if cls is Draft201909Validator:
        return ("$ref", "$recursiveRef")
    return ("$ref", "$dynamicRef")


def _refuse(uri: str) -> Any:
    """The registry's retrieve: skillkit never fetches a schema from anywhere."""
    raise NoSuchResource(ref=uri)


def registry() -> Registry:
    """A registry that resolves nothing outside the schema itself (no network, no files)."""
    return Registry(retrieve=_refuse)  # type: ignore[call-arg]


# --------------------------------------------------------------------------- walking


def subschemas(schema: Any, parts: Parts = (), base: str = "") -> Iterator[tuple[dict, Parts, str]]:
    """Every subschema (dicts only) with its pointer and base URI, the root first.

    Only keyword positions that hold schemas are visited, so data (`enum`, `const`, `default`,
    `examples`) and property *names* such as `"$ref"` are never taken for schemas."""
    if not isinstance(schema, dict):
        return
    sid = schema.get("$id")
    if isinstance(sid, str) and not sid.startswith("#"):
        base = urljoin(base, sid)
    yield schema, parts, base
    for key, value in schema.items():
        if key in _MAPS and isinstance(value, dict):
            for name, sub in value.items():
                yield from subschemas(sub, (*parts, key, name), base)
        elif key == "dependencies" and isinstance(value, dict):
            for name, sub in value.items():
                if isinstance(sub, dict):
                    yield from subschemas(sub, (*parts, key, name), base)
        elif key in _LISTS and isinstance(value, list):
            for i, sub in enumerate(value):
                yield from subschemas(sub, (*parts, key, i), base)
        elif key in _ONE and isinstance(value, dict):
            yield from subschemas(value, (*parts, key), base)


@dataclass
class _Lookup:
    """Does a `$ref` resolve inside one document? referencing where it can read the document;
    a plain JSON-pointer check where it cannot (a schema too broken for its draft)."""

    doc: Any
    resolver: Any = None

    def __call__(self, base: str, ref: str) -> bool:
        if self.resolver is not None:
            try:
                self.resolver.lookup(urljoin(base, ref) if base else ref)
                return True
            except Unresolvable:
                return False
            except Exception:  # the document breaks its draft (e.g. a list under `items`)
                pass
        parts = jsonpointer.parse_fragment(ref[1:]) if ref.startswith("#") else None
        return parts is not None and jsonpointer.exists(self.doc, parts)

    def target(self, base: str, ref: str) -> Any:
        """What `ref` resolves to inside the document (the very object, not a copy), or
        None."""
        if self.resolver is not None:
            try:
                return self.resolver.lookup(urljoin(base, ref) if base else ref).contents
            except Unresolvable:
                return None
            except Exception:  # the document breaks its draft: plain pointers below
                pass
        parts = jsonpointer.parse_fragment(ref[1:]) if ref.startswith("#") else None
        return None if parts is None else jsonpointer.resolve(self.doc, parts, None)


def _resolver(schema: Any, cls: type) -> Any:
    """referencing's resolver inside `schema`, or None where it cannot read the document."""
    try:
        resource = Resource(contents=schema, specification=_specification(cls))
        sid = schema.get("$id") if isinstance(schema, dict) else None
        uri = sid if isinstance(sid, str) and not sid.startswith("#") else ""
        reg = registry().with_resource(uri, resource).crawl()
        return reg.resolver(base_uri=uri)
    except Exception:
        return None


class _LazyLookup(_Lookup):
    """A `_Lookup` whose resolver is made on first use: crawling a document takes longer than
    all the rest for a small schema, and most schemas hold no `$ref` to look up."""

    def __init__(self, schema: Any, cls: type) -> None:
        self.doc, self._cls, self._made = schema, cls, False

    @property  # type: ignore[override]
    def resolver(self) -> Any:
        if not self._made:
            self._resolver, self._made = _resolver(self.doc, self._cls), True
        return self._resolver


def _lookup(schema: Any, cls: type) -> _Lookup:
    """Where refs lead inside `schema` (which must not change while the lookup is in use)."""
    return _LazyLookup(schema, cls)


def _specification(cls: type) -> Any:
    import referencing.jsonschema as rj

    return {Draft7Validator: rj.DRAFT7, Draft201909Validator: rj.DRAFT201909}.get(
        cls, rj.DRAFT202012
    )


def _is_remote(ref: str) -> bool:
    return bool(_SCHEME.match(ref)) or ref.startswith("//")


def _ref_kind(ref: str) -> str:
    if ref.startswith("#"):
        return "internal"
    if _is_remote(ref):
        return "remote"
    if ref.startswith(("/", "\\")):
        return "absolute"
    return "file"


def _remote_message(ref: str, keyword: str = "$ref") -> str:
    return (
        f"{keyword} {json.dumps(ref)} is remote: skillkit never fetches schemas (no network, no "
        "files outside the skill); copy what it points at into the skill folder and refer to "
        "it by a relative path (defs/x.json), or put it under $defs"
    )


# --------------------------------------------------------------------------- checking


def _type_hint(value: Any) -> str | None:
    if not isinstance(value, str) or value in JSON_TYPES:
        return None
    low = value.strip().lower()
    if low in JSON_TYPES:
        return f'"type": {json.dumps(value)} is not a JSON Schema type; use "{low}"'
    if low in _TYPE_FIXES:
        return f'"type": {json.dumps(value)} is not a JSON Schema type; use "{_TYPE_FIXES[low]}"'
    if low in _FORMAT_TYPES:
        return (
            f'"type": {json.dumps(value)} is not a JSON Schema type; use "type": "string" '
            f'with "format": "{_FORMAT_TYPES[low]}"'
        )
    if low == "any":
        return '"type": "any" is not a JSON Schema type; leave "type" out to allow any value'
    close = difflib.get_close_matches(low, JSON_TYPES, n=1)
    also = f'; did you mean "{close[0]}"?' if close else ""
    return f'"type": {json.dumps(value)} is not a JSON Schema type ({", ".join(JSON_TYPES)}){also}'


def _hints(schema: Any, cls: type) -> list[SchemaProblem]:
    """Common mistakes, each with what to write instead (found before the metaschema's
    messages, which say only that a value is not valid under any of the given schemas)."""
    out: list[SchemaProblem] = []
    for node, parts, _ in subschemas(schema):
        types = node.get("type")
        if isinstance(types, str):
            hint = _type_hint(types)
            if hint:
                out.append(SchemaProblem(hint, (*parts, "type")))
        elif isinstance(types, list):
            for i, t in enumerate(types):
                hint = _type_hint(t)
                if hint:
                    out.append(SchemaProblem(hint, (*parts, "type", i)))
        required = node.get("required")
        if isinstance(required, bool):
            name = parts[-1] if len(parts) >= 2 and parts[-2] == "properties" else None
            if required:
                fix = (
                    f'"required": [{json.dumps(name)}]' if name is not None else '"required": [...]'
                )
                message = (
                    '"required": true inside a property is draft-03 style; list required '
                    f"property names in the parent's `required` array instead ({fix})"
                )
            else:
                message = (
                    '"required": false inside a property is draft-03 style; remove it '
                    "(a property is optional unless the parent's `required` array names it)"
                )
            out.append(SchemaProblem(message, (*parts, "required")))
        items = node.get("items")
        if isinstance(items, list) and cls is Draft202012Validator:
            out.append(
                SchemaProblem(
                    'a list under "items" is the draft-07 tuple form; in 2020-12 write it as '
                    '"prefixItems" (and "items" for the rest), or declare '
                    f'"$schema": "{DRAFT_07}"',
                    (*parts, "items"),
                )
            )
    return out


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


# The metaschema check, remembered. A draft's metaschema applies itself again to every
# subschema (2020-12 through `"$dynamicRef": "#meta"`, 2019-09 `"$recursiveRef": "#"`, draft-07
# `"$ref": "#"`), and jsonschema takes milliseconds over even a small schema. Whether a
# (sub)schema is valid under the metaschema depends on its content alone, so one found valid is
# remembered (by its content as canonical JSON text) and not walked
# again: the errors of a schema are those of its invalid parts, in the same order, so every
# problem reported is the same. Each draft's metaschema files are used without their own
# `$schema` (which would hand validation back to the plain validator class at each step).
_META_RECURSION: dict[type, tuple[str, str, str]] = {
    # validator class -> (keyword, value) the metaschema recurses with, its files' URI prefix
    Draft202012Validator: ("$dynamicRef", "#meta", "https://json-schema.org/draft/2020-12/"),
    Draft201909Validator: ("$recursiveRef", "#", "https://json-schema.org/draft/2019-09/"),
    Draft7Validator: ("$ref", "#", "http://json-schema.org/draft-07/"),
}
_VALID_REMEMBERED = 50_000  # distinct valid subschemas kept per draft (then forgotten, all)


def _content_key(value: Any) -> str | None:
    """A JSON value as canonical text (keys sorted: `validator` checks a schema re-read with its
    keys sorted; 1, 1.0, true and "1" stay apart), or None when it cannot be written."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None


_REMEMBER_UP_TO = 256 * 1024  # a bigger schema is checked without remembering (keys cost)


@functools.cache
def _metaschema_validators(cls: type) -> tuple[Any, Any, set[str] | None]:
    """The validator of `cls`'s metaschema (jsonschema's own), the one that remembers, and the
    set of the contents found valid (None: nothing remembered, a draft not in
    _META_RECURSION)."""
    meta_cls = validators.validator_for(cls.META_SCHEMA, default=cls)
    plain_meta = meta_cls(cls.META_SCHEMA, format_checker=cls.FORMAT_CHECKER, registry=registry())
    if meta_cls not in _META_RECURSION:  # pragma: no cover - every draft skillkit checks is
        return plain_meta, plain_meta, None
    keyword, target, prefix = _META_RECURSION[meta_cls]
    import jsonschema_specifications
    from referencing.jsonschema import specification_with

    spec = specification_with(meta_cls.META_SCHEMA["$schema"])

    def strip(doc: dict) -> dict:
        return {k: v for k, v in doc.items() if k != "$schema"}

    files = [
        (uri, spec.create_resource(strip(jsonschema_specifications.REGISTRY[uri].contents)))
        for uri in jsonschema_specifications.REGISTRY
        if uri.startswith(prefix)
    ]
    valid: set[str] = set()
    plain = meta_cls.VALIDATORS[keyword]

    def recurse(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[Any]:
        key = _content_key(instance) if value == target else None
        if key is None:
            yield from plain(validator, value, instance, schema)
            return
        if key in valid:
            return
        errors = list(plain(validator, value, instance, schema))
        if not errors:
            _remember(valid, key)
        yield from errors

    remembering = validators.extend(meta_cls, {keyword: recurse})(
        strip(cls.META_SCHEMA),
        format_checker=cls.FORMAT_CHECKER,
        registry=registry().with_resources(files),
    )
    return plain_meta, remembering, valid


def _remember(valid: set[str], key: str) -> None:
    if len(valid) >= _VALID_REMEMBERED:
        valid.clear()
    valid.add(key)


def _metaschema_errors(schema: Any, cls: type) -> list[Any]:
    """jsonschema's errors for `schema` under `cls`'s metaschema, in jsonschema's order."""
    plain_meta, meta, valid = _metaschema_validators(cls)
    key = _content_key(schema) if valid is not None else None
    if key is None or len(key) > _REMEMBER_UP_TO:
        return list(plain_meta.iter_errors(schema))
    if key in valid:
        return []
    errors = list(meta.iter_errors(schema))
    if not errors:
        _remember(valid, key)
    return errors


def metaschema_problems(schema: Any, cls: type | None = None) -> list[SchemaProblem]:
    """Where `schema` breaks its draft's metaschema: common mistakes with a hint first, then
    every other error (one per place), each with its pointer into `schema`."""
    cls = cls or validator_class(schema)
    hints = _hints(schema, cls)
    out = list(hints)
    seen = {p.pointer for p in hints}
    for error in _metaschema_errors(schema, cls):
        parts = tuple(error.absolute_path)
        if any(parts[: len(h)] == h or h[: len(parts)] == parts for h in seen):
            continue
        seen.add(parts)
        message = error.message
        if error.context:
            from jsonschema.exceptions import best_match

            message = best_match(error.context).message
        out.append(SchemaProblem(_short(message), parts))
    return sorted(out, key=lambda p: [str(x) for x in p.pointer])


def ref_problems(schema: Any, cls: type | None = None) -> list[SchemaProblem]:
    """Every `$ref` that does not resolve inside `schema` itself (nothing is ever fetched)."""
    cls = cls or validator_class(schema)
    if not isinstance(schema, dict):
        return []
    resolves = _lookup(schema, cls)
    out = []
    for node, parts, base in subschemas(schema):
        for keyword in ref_keywords(cls):
            ref = node.get(keyword)
            if not isinstance(ref, str) or resolves(base, ref):
                continue
            kind = _ref_kind(ref)
            if kind == "remote":
                message = _remote_message(ref, keyword)
            elif kind == "internal":
                message = f"{keyword} {json.dumps(ref)} points at nothing in the schema"
            else:
                message = (
                    f"{keyword} {json.dumps(ref)} names a file, which cannot be read here; "
                    "inline it (skillkit inlines the files a skill's schema.json refers to)"
                )
            out.append(SchemaProblem(message, (*parts, keyword)))
    return out


def _in_place(node: dict, cls: type) -> Iterator[Any]:
    """The subschemas of `node` that apply to the same value as `node` itself. (In draft-07 a
    `$ref` hides its siblings, so only the ref applies.)"""
    if cls is Draft7Validator and "$ref" in node:
        return
    for key in _IN_PLACE_ONE:
        if key in node:
            yield node[key]
    for key in _IN_PLACE_LISTS:
        value = node.get(key)
        if isinstance(value, list):
            yield from value
    for key in _IN_PLACE_MAPS:
        value = node.get(key)
        if isinstance(value, dict):
            yield from value.values()


RefLoop = list[tuple[Parts, str]]  # (pointer of the subschema holding the ref, keyword), ...


def ref_loops(schema: Any, cls: type | None = None) -> list[RefLoop]:
    """Every loop of refs that never consumes any of the value: `{"$ref": "#"}`, two
    definitions that refer to each other, a ref inside an `allOf` back to the schema holding
    it. Validating a value against such a loop never ends (a recursive schema that goes
    through `properties` or `items` is fine: each step takes a part of the value). Each loop
    is the refs along it, in order, starting with the first in the document. Iterative: never
    a RecursionError, whatever the schema."""
    cls = cls or validator_class(schema)
    if not isinstance(schema, dict):
        return []
    look = _lookup(schema, cls)
    where: dict[int, tuple[dict, Parts, str]] = {}
    refs = False
    keywords = ref_keywords(cls)
    for node, parts, base in subschemas(schema):
        where.setdefault(id(node), (node, parts, base))
        refs = refs or any(isinstance(node.get(k), str) for k in keywords)
    if not refs:  # without a ref the edges only go down the document: no loop
        return []

    def edges(key: int) -> list[tuple[int, str | None]]:
        node, _, base = where[key]
        out: list[tuple[int, str | None]] = [
            (id(sub), None) for sub in _in_place(node, cls) if id(sub) in where
        ]
        for keyword in ref_keywords(cls):
            ref = node.get(keyword)
            if isinstance(ref, str):
                target = look.target(base, ref)
                if isinstance(target, dict) and id(target) in where:
                    out.append((id(target), keyword))
        return out

    loops: list[RefLoop] = []
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in where:
        if start in state:
            continue
        state[start] = 1
        path, via = [start], []  # via[i]: the keyword of the edge path[i] -> path[i + 1]
        stack = [iter(edges(start))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                if via:
                    via.pop()
                continue
            child, keyword = step
            if state.get(child) == 1:  # back to a subschema on the path: a loop
                i = path.index(child)
                kinds = [*via[i:], keyword]
                refs = [(where[path[i + j]][1], k) for j, k in enumerate(kinds) if k]
                first = min(range(len(refs)), key=lambda n: [str(x) for x in refs[n][0]])
                loops.append(refs[first:] + refs[:first])
            elif child not in state:
                state[child] = 1
                path.append(child)
                via.append(keyword)
                stack.append(iter(edges(child)))
    return loops


def loop_message(refs: list[tuple[str, str]]) -> str:
    """The message for a loop of refs, given as (keyword, ref as written) along it."""
    keyword, ref = refs[0]
    chain = ""
    if len(refs) > 1:
        shown = [json.dumps(r) for _, r in refs]
        chain = f" (through {' -> '.join([*shown, shown[0]])})"
    return (
        f"{keyword} {json.dumps(ref)} refers back to itself without consuming any of the "
        f"value{chain}: validating anything against it would never end; make the recursion "
        'go through "properties" or "items" (a part of the value), or remove the ref'
    )


def ref_loop_problems(schema: Any, cls: type | None = None) -> list[SchemaProblem]:
    """`ref_loops` as problems, each at the first ref of its loop."""
    out = []
    for loop in ref_loops(schema, cls):
        refs = [(k, str(jsonpointer.resolve(schema, (*parts, k)))) for parts, k in loop]
        out.append(SchemaProblem(loop_message(refs), (*loop[0][0], loop[0][1])))
    return out


def check(schema: Any) -> list[SchemaProblem]:
    """Everything that makes `schema` unusable: a bad `$schema`, metaschema errors (with
    hints), and `$ref`s that do not resolve inside it. Empty: the schema is fine."""
    if not isinstance(schema, (dict, bool)):
        return [SchemaProblem("a JSON Schema must be a JSON object")]
    bad_draft = draft_problem(schema)
    if bad_draft:
        return [SchemaProblem(bad_draft, ("$schema",))]
    cls = validator_class(schema)
    try:
        return (
            metaschema_problems(schema, cls)
            or ref_problems(schema, cls)
            or ref_loop_problems(schema, cls)
        )
    except RecursionError:
        return [SchemaProblem(TOO_DEEP_TO_CHECK)]


TOO_DEEP_TO_CHECK = "the schema nests (or refers to itself) too deeply to be checked; flatten it"


def _canonical(schema: Any) -> str:
    return json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def validator(schema: Any, *, formats: bool = True) -> Any:
    """A checked validator for `schema` in its draft, format checks on, that never fetches.

    Raises SkillError naming the first problem. Cached per distinct schema (thread-safe)."""
    return _cached(_canonical(schema), formats)


@functools.lru_cache(maxsize=64)
def _cached(schema_json: str, formats: bool) -> Any:
    schema = json.loads(schema_json)
    found = check(schema)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise SkillError(f"not a valid JSON Schema: {found[0]}{more}")
    cls = validator_class(schema)
    with_patterns = any("patternProperties" in node for node, _, _ in subschemas(schema))
    return _Guarded(
        _bounded_class(cls, with_patterns)(
            schema,
            registry=registry(),
            format_checker=cls.FORMAT_CHECKER if formats else None,
        )
    )


TOO_DEEP_TO_VALIDATE = (
    "the value could not be validated: followed through the schema's refs, it nests deeper "
    "than Python's recursion limit; flatten it"
)


class ValidationTooDeep(SkillError, RecursionError):
    """Validating a value ran out of stack (a value nested deeply enough under a recursive
    schema). A SkillError, so that it is one clear line wherever it surfaces, and a
    RecursionError, so that code bounding its own recursion (the engine) still sees it."""


class _Guarded:
    """A jsonschema validator whose validation never lets a bare RecursionError out:
    `iter_errors`, `is_valid` and `validate` raise ValidationTooDeep instead. Every other
    attribute is the validator's own."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        try:
            yield from self._inner.iter_errors(instance)
        except RecursionError:
            raise ValidationTooDeep(TOO_DEEP_TO_VALIDATE) from None

    def is_valid(self, instance: Any) -> bool:
        try:
            return self._inner.is_valid(instance)
        except RecursionError:
            raise ValidationTooDeep(TOO_DEEP_TO_VALIDATE) from None

    def validate(self, instance: Any) -> None:
        try:
            self._inner.validate(instance)
        except RecursionError:
            raise ValidationTooDeep(TOO_DEEP_TO_VALIDATE) from None


# --------------------------------------------------------------------------- bounded patterns
#
# `pattern` and `patternProperties` are regular expressions from a schema, matched against
# values that may come from anywhere (a hostile service's output, a hostile document). Python's
# `re` backtracks without bound (`^(a|a)*$` on "aaaa...!" runs for hours, holding the GIL), so
# every such match goes through `pattern_search`: the `regex` module (mrab-regex, a core
# dependency) with a timeout, `re`-compatible syntax, and the GIL released while it matches. A
# match that times out is a validation error naming the pattern. A pattern that timed out
# once gets a short timeout from then on (ordinary values still match in microseconds), and
# after a few more timeouts it is refused at once: a response with 100,000 hostile strings
# costs about two seconds per slow pattern, not 100,000.

PATTERN_TIMEOUT_SECONDS = 1.0
SLOW_PATTERN_TIMEOUT_SECONDS = 0.05
SLOW_PATTERN_STRIKES = 20
_SLOW_PATTERNS: dict[str, int] = {}  # pattern -> timeouts so far (bounded, oldest out first)
_SLOW_PATTERNS_MAX = 256


class PatternTimeout(Exception):
    """Matching a schema pattern took longer than PATTERN_TIMEOUT_SECONDS."""

    def __init__(self, pattern: str, seconds: float, *, refused: bool = False):
        what = (
            "is no longer evaluated: it timed out too often"
            if refused
            else f"took over {seconds:g} s"
        )
        super().__init__(
            f"matching the pattern {_short(repr(pattern), 80)} {what} (it backtracks "
            "catastrophically, e.g. nested quantifiers like (a+)+); simplify it"
        )
        self.pattern = pattern


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> tuple[Any, bool]:
    """(compiled pattern, bounded?); `re` only where the regex module is missing."""
    try:
        import regex
    except ImportError:  # pragma: no cover - regex is a core dependency
        return re.compile(pattern), False
    try:
        return regex.compile(pattern), True
    except regex.error:
        # `re` accepts it (schemas are checked with `format: regex`) but regex does not: the
        # rare syntax regex reads differently. Never fall back to unbounded matching.
        return None, True


def pattern_search(pattern: str, text: str, *, timeout: float | None = None) -> bool:
    """`re.search(pattern, text) is not None`, bounded in time: raises PatternTimeout (at
    once for a pattern that timed out too often) and re.error for a bad pattern."""
    seconds = PATTERN_TIMEOUT_SECONDS if timeout is None else timeout
    strikes = _SLOW_PATTERNS.get(pattern, 0)
    if strikes > SLOW_PATTERN_STRIKES:
        raise PatternTimeout(pattern, seconds, refused=True)
    if strikes:
        seconds = min(seconds, SLOW_PATTERN_TIMEOUT_SECONDS)
    compiled, bounded = _compiled(pattern)
    if compiled is None:
        raise re.error(f"the regex module cannot compile {pattern!r}")
    if not bounded:  # pragma: no cover
        return compiled.search(text) is not None
    try:
        return compiled.search(text, timeout=seconds) is not None
    except TimeoutError:
        if pattern not in _SLOW_PATTERNS and len(_SLOW_PATTERNS) >= _SLOW_PATTERNS_MAX:
            _SLOW_PATTERNS.pop(next(iter(_SLOW_PATTERNS)), None)
        _SLOW_PATTERNS[pattern] = strikes + 1
        raise PatternTimeout(pattern, seconds) from None


def _search_or_error(pattern: str, text: str) -> tuple[bool, str | None]:
    """(matched, why it could not be told) for the keywords below."""
    try:
        return pattern_search(pattern, text), None
    except PatternTimeout as exc:
        return False, str(exc)
    except re.error as exc:
        return False, f"the pattern {pattern!r} cannot be evaluated: {exc}"


def _pattern(validator: Any, patrn: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    matched, why = _search_or_error(patrn, instance)
    if why:
        yield ValidationError(f"{_short(repr(instance), 80)} could not be checked: {why}")
    elif not matched:
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def _pattern_properties(validator: Any, pp: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pp.items():
        for k, v in instance.items():
            matched, why = _search_or_error(pattern, k)
            if why:
                yield ValidationError(f"property name {_short(repr(k), 80)}: {why}", path=[k])
            elif matched:
                yield from validator.descend(v, subschema, path=k, schema_path=pattern)


def _additional(instance: Mapping, schema: Mapping, problems: list[str]) -> list[str]:
    """jsonschema's find_additional_properties, with bounded pattern matches."""
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = []
    for prop in instance:
        if prop in properties:
            continue
        for pattern in patterns:
            matched, why = _search_or_error(pattern, prop)
            if why:
                problems.append(f"property name {_short(repr(prop), 80)}: {why}")
                break
            if matched:
                break
        else:
            extras.append(prop)
    return extras


def _additional_properties(validator: Any, aP: Any, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema._utils import extras_msg
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    problems: list[str] = []
    extras = _additional(instance, schema, problems)
    for problem in problems:
        yield ValidationError(problem)
    if validator.is_type(aP, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], aP, path=extra)
    elif not aP and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {patterns}")
        else:
            error = "Additional properties are not allowed (%s %s unexpected)"
            yield ValidationError(error % extras_msg(sorted(extras, key=str)))


def _evaluated_keys(
    validator: Any, instance: Any, schema: Any, legacy: bool, problems: list[str]
) -> list[str]:
    """jsonschema's find_evaluated_property_keys_by_schema (2020-12; 2019-09 when `legacy`),
    with bounded pattern matches. Used only by schemas that have patternProperties."""
    if validator.is_type(schema, "boolean"):
        return []
    keys: list[str] = []

    def deeper(v: Any, sub: Any) -> list[str]:
        return _evaluated_keys(v, instance, sub, legacy, problems)

    def valid(sub: Any) -> bool:
        return next(validator.descend(instance, sub), None) is None

    refs = [("$ref", schema.get("$ref"))]
    if not legacy:
        refs.append(("$dynamicRef", schema.get("$dynamicRef")))
    for _, ref in refs:
        if ref is not None:
            resolved = validator._resolver.lookup(ref)
            sub = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            keys += deeper(sub, resolved.contents)
    if legacy and "$recursiveRef" in schema:
        from jsonschema._legacy_keywords import lookup_recursive_ref

        resolved = lookup_recursive_ref(validator._resolver)
        sub = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
        keys += deeper(sub, resolved.contents)
    if legacy:
        for keyword in ("properties", "additionalProperties", "unevaluatedProperties"):
            value = schema.get(keyword)
            if validator.is_type(value, "boolean") and value:
                keys += instance.keys()
            elif validator.is_type(value, "object"):
                keys += [p for p in value if p in instance]
    else:
        properties = schema.get("properties")
        if validator.is_type(properties, "object"):
            keys += properties.keys() & instance.keys()
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            sub = schema.get(keyword)
            if sub is not None:
                keys += [
                    k for k, v in instance.items() if next(validator.descend(v, sub), None) is None
                ]
    for prop in instance:
        for pattern in schema.get("patternProperties", {}):
            matched, why = _search_or_error(pattern, prop)
            if why:
                problems.append(f"property name {_short(repr(prop), 80)}: {why}")
            elif matched:
                keys.append(prop)
    for prop, sub in schema.get("dependentSchemas", {}).items():
        if prop in instance:
            keys += deeper(validator, sub)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for sub in schema.get(keyword, []):
            if valid(sub):
                keys += deeper(validator, sub)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys += deeper(validator, schema["if"])
            if "then" in schema:
                keys += deeper(validator, schema["then"])
        elif "else" in schema:
            keys += deeper(validator, schema["else"])
    return keys


def _unevaluated(legacy: bool) -> Callable[..., Iterator[Any]]:
    def unevaluated_properties(validator: Any, uP: Any, instance: Any, schema: Any):
        from jsonschema._utils import extras_msg
        from jsonschema.exceptions import ValidationError

        if not validator.is_type(instance, "object"):
            return
        problems: list[str] = []
        evaluated = _evaluated_keys(validator, instance, schema, legacy, problems)
        for problem in dict.fromkeys(problems):
            yield ValidationError(problem)
        bad = [
            p
            for p in instance
            if p not in evaluated
            and next(validator.descend(instance[p], uP, path=p, schema_path=p), None) is not None
        ]
        if bad:
            if uP is False:
                error = "Unevaluated properties are not allowed (%s %s unexpected)"
                yield ValidationError(error % extras_msg(sorted(bad, key=str)))
            else:
                error = (
                    "Unevaluated properties are not valid under the given schema "
                    "(%s %s unevaluated and invalid)"
                )
                yield ValidationError(error % extras_msg(bad))

    return unevaluated_properties


@functools.lru_cache(maxsize=8)
def _bounded_class(cls: type, with_patterns: bool) -> type:
    """`cls` with every schema regex matched through `pattern_search`. The unevaluated
    keywords are replaced only where a schema has patternProperties (the only regexes they
    evaluate); elsewhere jsonschema's own implementation runs."""
    keywords: dict[str, Callable[..., Any]] = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
    }
    if with_patterns and "unevaluatedProperties" in cls.VALIDATORS:
        keywords["unevaluatedProperties"] = _unevaluated(legacy=cls is Draft201909Validator)
    return validators.extend(cls, keywords)


def required_undefined(schema: Any) -> list[tuple[Parts, str, str | None]]:
    """(pointer of the `required` key, name, closest defined name) for every name a `required`
    array lists that the same subschema's `properties` do not define (nor its patternProperties,
    nor the properties of its allOf/anyOf/oneOf branches). Subschemas without `properties`
    (an `if`/`then` holding only `required`, say) are left alone."""
    out = []
    for node, parts, _ in subschemas(schema):
        required, props = node.get("required"), node.get("properties")
        if not isinstance(required, list) or not isinstance(props, dict):
            continue
        defined = set(props)
        for key in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(key) or []:
                if isinstance(branch, dict) and isinstance(branch.get("properties"), dict):
                    defined |= set(branch["properties"])
        patterns = [p for p in node.get("patternProperties") or {} if isinstance(p, str)]
        for name in required:
            if not isinstance(name, str) or name in defined:
                continue
            if any(_search_or_error(p, name)[0] for p in patterns):
                continue
            close = difflib.get_close_matches(name, sorted(defined), n=1)
            out.append(((*parts, "required"), name, close[0] if close else None))
    return out


# --------------------------------------------------------------------------- JSON lines


def json_lines(text: str) -> dict[Parts, int]:
    """For valid JSON text: pointer -> line (1-based) of the key holding the value (for object
    members) or of the value itself (array items, the root)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines: dict[Parts, int] = {(): 1}
    decoder = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")

    def line(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    def skip(pos: int) -> int:
        return ws.match(text, pos).end()  # type: ignore[union-attr]

    def value(pos: int, path: Parts) -> int:
        pos = skip(pos)
        ch = text[pos]
        if ch == "{":
            pos = skip(pos + 1)
            if text[pos] == "}":
                return pos + 1
            while True:
                pos = skip(pos)
                key, end = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
                lines[(*path, key)] = line(pos)
                pos = skip(end) + 1  # past ':'
                pos = skip(value(pos, (*path, key)))
                if text[pos] == "}":
                    return pos + 1
                pos += 1  # past ','
        if ch == "[":
            pos = skip(pos + 1)
            if text[pos] == "]":
                return pos + 1
            index = 0
            while True:
                pos = skip(pos)
                lines[(*path, index)] = line(pos)
                pos = skip(value(pos, (*path, index)))
                if text[pos] == "]":
                    return pos + 1
                pos += 1
                index += 1
        _, end = decoder.raw_decode(text, pos)
        return end

    try:
        value(0, ())
    except (ValueError, IndexError, RecursionError):
        pass  # not JSON after all (or absurdly deep): keep the lines found so far
    return lines


@dataclass
class JsonDoc:
    """A JSON file as read: its name (relative to the skill folder), text and data."""

    name: str
    text: str
    data: Any
    path: Path | None = None
    _lines: dict[Parts, int] | None = field(default=None, repr=False)

    def line_of(self, parts: Parts) -> int:
        """The line of the key at `parts`, or of its nearest enclosing key (1 for the root)."""
        if self._lines is None:
            self._lines = json_lines(self.text)
        parts = tuple(parts)
        while parts and parts not in self._lines:
            parts = parts[:-1]
        return self._lines.get(parts, 1)


def parse_json(
    raw: bytes, name: str, path: Path | None = None, *, max_depth: int = MAX_JSON_DEPTH
) -> JsonDoc | SchemaProblem:
    """A JsonDoc, or the problem (kind "json") with the line where the JSON breaks; JSON nested
    more than `max_depth` levels (MAX_JSON_DEPTH, what the server accepts too) is a problem
    too, before anything recursive sees it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SchemaProblem(
            f"not valid UTF-8 (byte {exc.start}); save it as UTF-8", file=name, line=1, kind="json"
        )
    try:
        data = loads_json(text, max_depth=max_depth)
    except json.JSONDecodeError as exc:
        return SchemaProblem(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            file=name,
            line=exc.lineno,
            kind="json",
        )
    except JsonTooDeep as exc:  # no line: the whole file is the problem
        return SchemaProblem(str(exc), file=name, kind="json")
    return JsonDoc(name, text, data, path)


# --------------------------------------------------------------------------- loading


class Unreadable(Exception):
    """A referenced file that may not or cannot be read; the message says why."""


@dataclass
class Loaded:
    """A schema file with its local refs inlined: `schema` is self-contained (None when the
    file cannot be used), `docs` every JSON file read (the root first), `problems` what is
    wrong, each naming the file and line."""

    schema: dict[str, Any] | None
    docs: dict[str, JsonDoc] = field(default_factory=dict)
    problems: list[SchemaProblem] = field(default_factory=list)
    cls: type = DEFAULT_CLASS
    folder: Path | None = None  # what the files' names are relative to, when read from disk

    @property
    def root(self) -> JsonDoc | None:
        return next(iter(self.docs.values()), None)


def _def_key(name: str, taken: set[str]) -> str:
    key = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "schema"
    candidate, n = key, 1
    while candidate in taken:
        n += 1
        candidate = f"{key}_{n}"
    taken.add(candidate)
    return candidate


def inline(
    name: str,
    read: Callable[[str], bytes],
    *,
    check_target: Callable[[str], str | None] | None = None,
) -> Loaded:
    """Read the schema file `name` (a posix path relative to the skill folder) through `read`
    and inline the files its `$ref`s name. `read(name)` returns the bytes or raises Unreadable;
    `check_target(name)` may refuse a referenced file (say, one that is not bundled)."""
    loaded = Loaded(None)
    first = _read_doc(name, read, loaded)
    if first is None:
        return loaded
    root_doc = first
    if not isinstance(root_doc.data, dict):
        loaded.problems.append(
            SchemaProblem("a JSON Schema must be a JSON object", file=name, line=1)
        )
        return loaded
    bad_draft = draft_problem(root_doc.data)
    if bad_draft:
        loaded.problems.append(
            SchemaProblem(
                bad_draft, ("$schema",), name, root_doc.line_of(("$schema",)), kind="draft"
            )
        )
    cls = loaded.cls = validator_class(root_doc.data)
    container = "definitions" if cls is Draft7Validator else "$defs"
    result = copy.deepcopy(root_doc.data)
    defs = result.get(container)
    if defs is not None and not isinstance(defs, dict):
        loaded.problems.append(
            SchemaProblem(
                f'"{container}" must be an object',
                (container,),
                name,
                root_doc.line_of((container,)),
            )
        )
        return loaded
    taken = set(defs or {})
    keys: dict[str, str] = {name: ""}  # file -> key under the container ("" is the root)
    embedded: dict[str, Any] = {}
    queue: list[tuple[str, Any]] = [(name, result)]

    def target_of(doc: JsonDoc, ref: str, where: Parts) -> str | None:
        """The key for the file a file ref names (reading and queueing it), or None."""
        file_part, _, fragment = ref.partition("#")
        line = doc.line_of(where)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(doc.name), unquote(file_part)))
        if target == ".." or target.startswith("../"):
            loaded.problems.append(
                SchemaProblem(
                    f"$ref {json.dumps(ref)} leaves the skill folder; copy the file into the "
                    "skill and refer to it by a path inside it",
                    where,
                    doc.name,
                    line,
                )
            )
            return None
        if target not in keys:
            refusal, raw = None, b""
            try:
                raw = read(target)
            except Unreadable as exc:
                refusal = str(exc)
            if refusal is None and check_target is not None:
                refusal = check_target(target)
            if refusal:
                loaded.problems.append(
                    SchemaProblem(f"$ref {json.dumps(ref)}: {refusal}", where, doc.name, line)
                )
                return None
            other = parse_json(raw, target)
            if isinstance(other, SchemaProblem):
                loaded.problems.append(other)
                return None
            loaded.docs[target] = other
            if not isinstance(other.data, (dict, bool)):
                loaded.problems.append(
                    SchemaProblem(
                        f"$ref {json.dumps(ref)}: {target} must hold a JSON Schema (an object)",
                        where,
                        doc.name,
                        line,
                    )
                )
                return None
            other_problem = _draft_clash(other, cls)
            if other_problem:
                loaded.problems.append(other_problem)
            keys[target] = _def_key(target, taken)
            content = copy.deepcopy(other.data)
            if isinstance(content, dict):
                content.pop("$schema", None)
                content.pop("$id", None)
            embedded[keys[target]] = content
            queue.append((target, content))
        parts = jsonpointer.parse_fragment(fragment)
        if parts is not None and not jsonpointer.exists(loaded.docs[target].data, parts):
            loaded.problems.append(
                SchemaProblem(
                    f"$ref {json.dumps(ref)}: {target} has nothing at #{fragment}",
                    where,
                    doc.name,
                    line,
                )
            )
            return None
        return keys[target]

    def rewritten(key: str, fragment: str) -> str:
        if key == "":
            return "#" + fragment
        if fragment == "" or fragment.startswith("/"):
            return f"#/{container}/{key}{fragment}"
        return "#" + fragment  # an anchor: anchors of embedded files are the root's now

    while queue:
        file_name, content = queue.pop(0)
        doc = loaded.docs[file_name]
        resolves = _lookup(doc.data, cls)
        for node, parts, base in subschemas(content):
            for keyword in ref_keywords(cls):
                ref = node.get(keyword)
                if not isinstance(ref, str):
                    continue
                where = (*parts, keyword)
                kind = _ref_kind(ref)
                if kind == "internal":
                    fragment = ref[1:]
                    if not resolves(base, ref):
                        loaded.problems.append(
                            SchemaProblem(
                                f"{keyword} {json.dumps(ref)} points at nothing in {file_name}",
                                where,
                                file_name,
                                doc.line_of(where),
                            )
                        )
                    elif keys[file_name]:
                        node[keyword] = rewritten(keys[file_name], fragment)
                    continue
                if file_name == name and resolves(base, ref):
                    continue  # names a subschema by its $id: nothing to inline
                if kind == "remote":
                    loaded.problems.append(
                        SchemaProblem(
                            _remote_message(ref, keyword), where, file_name, doc.line_of(where)
                        )
                    )
                    continue
                if kind == "absolute":
                    loaded.problems.append(
                        SchemaProblem(
                            f"{keyword} {json.dumps(ref)} is an absolute path; refer to files by "
                            f"a path relative to {posixpath.basename(file_name)}, inside the "
                            "skill folder",
                            where,
                            file_name,
                            doc.line_of(where),
                        )
                    )
                    continue
                key = target_of(doc, ref, where)
                if key is not None:
                    node[keyword] = rewritten(key, ref.partition("#")[2])
    if embedded:
        result[container] = {**(defs or {}), **embedded}
    if not any(p.kind == "json" for p in loaded.problems):
        loaded.schema = result
        loaded.problems += _loops_in_files(result, cls, loaded, container, keys)
    return loaded


def _loops_in_files(
    result: dict[str, Any], cls: type, loaded: Loaded, container: str, keys: dict[str, str]
) -> list[SchemaProblem]:
    """`ref_loops` of an inlined schema, each named in the file (and at the line) that holds
    its first ref, with the refs as their files write them."""
    files = {key: file for file, key in keys.items() if key}

    def located(parts: Parts) -> tuple[str, Parts]:
        if len(parts) >= 2 and parts[0] == container and parts[1] in files:
            return files[str(parts[1])], parts[2:]
        return next(iter(loaded.docs)), parts

    try:
        loops = ref_loops(result, cls)
    except RecursionError:
        return [SchemaProblem(TOO_DEEP_TO_CHECK, file=next(iter(loaded.docs)), line=1)]
    out = []
    for loop in loops:
        refs = []
        for parts, keyword in loop:
            file, local = located(parts)
            data = loaded.docs[file].data
            written = (*local, keyword)
            text = jsonpointer.resolve(data, written, None)
            if text is None:
                text = jsonpointer.resolve(result, (*parts, keyword))
            refs.append((keyword, str(text)))
        file, local = located(loop[0][0])
        where = (*local, loop[0][1])
        out.append(SchemaProblem(loop_message(refs), where, file, loaded.docs[file].line_of(where)))
    return out


def _draft_clash(doc: JsonDoc, cls: type) -> SchemaProblem | None:
    if not isinstance(doc.data, dict) or "$schema" not in doc.data:
        return None
    if draft_problem(doc.data) is None and validator_class(doc.data) is cls:
        return None
    return SchemaProblem(
        f'"$schema" of {doc.name} differs from the schema that refers to it '
        f"({draft_name(cls)}); use the same draft in both, or leave it out here",
        ("$schema",),
        doc.name,
        doc.line_of(("$schema",)),
        kind="draft",
    )


def _read_doc(name: str, read: Callable[[str], bytes], loaded: Loaded) -> JsonDoc | None:
    try:
        raw = read(name)
    except Unreadable as exc:
        loaded.problems.append(SchemaProblem(str(exc), file=name))
        return None
    parsed = parse_json(raw, name)
    if isinstance(parsed, SchemaProblem):
        loaded.problems.append(parsed)
        return None
    loaded.docs[name] = parsed
    return parsed


def folder_reader(root: Path) -> Callable[[str], bytes]:
    """Read files by relative name, never outside `root` (symlinks included): regular files of
    at most MAX_SCHEMA_BYTES each (`files.read_limited`: never a FIFO or a device)."""
    real_root = root.resolve()

    def read(name: str) -> bytes:
        path = root / name
        try:
            real = path.resolve()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
            raise Unreadable(f"{name} cannot be read: {_why(exc)}") from exc
        if real != real_root and real_root not in real.parents:
            raise Unreadable(f"{name} leaves the skill folder (a symlink?); copy the file in")
        if not os.path.lexists(path):
            raise Unreadable(f"no such file {name} in the skill folder")
        try:
            return read_limited(path, MAX_SCHEMA_BYTES, what="a schema file")
        except UnreadableFile as exc:
            raise Unreadable(f"{name} {exc.reason}") from exc

    return read


def _why(exc: Exception) -> str:
    if isinstance(exc, RuntimeError):
        return "a symlink loop"
    return getattr(exc, "strerror", None) or str(exc)


def bundled_check(root: Path) -> Callable[[str], str | None]:
    """Refuses a referenced file that `skillkit pack` would leave out (tests/, .skillignore)."""
    bundled: set[str] | None = None

    def check_target(name: str) -> str | None:
        nonlocal bundled
        if bundled is None:
            from skillkit.bundle import select_files

            bundled = {f.arcname for f in select_files(root).files}
        if name in bundled or not (root / name).is_file():
            return None  # bundled, or missing (reported as missing)
        if name == "tests" or name.startswith("tests/"):
            return (
                f"{name} is in tests/, which is never bundled, so the service would not "
                "see it; move it beside schema.json (e.g. defs/)"
            )
        return (
            f"{name} is excluded from the bundle (.skillignore or a built-in exclusion), so "
            "the service would not see it; include it, or move it"
        )

    return check_target


def load(path: Path, *, root: Path | None = None, bundled: bool = False) -> Loaded:
    """Load the schema file at `path` with its local refs inlined, bounded by `root` (the skill
    folder; default: the file's folder). `bundled`: refs must name files `pack` bundles."""
    root = root if root is not None else path.parent
    try:
        name = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        root, name = path.parent, path.name
    loaded = inline(
        name, folder_reader(root), check_target=bundled_check(root) if bundled else None
    )
    loaded.folder = root
    for doc in loaded.docs.values():
        doc.path = root / doc.name
    return loaded


def load_from_files(files: Mapping[str, bytes], name: str = "schema.json") -> Loaded:
    """The same, for a bundle's files (relative name -> bytes)."""

    def read(target: str) -> bytes:
        if target not in files:
            raise Unreadable(f"no such file {target} in the bundle")
        return files[target]

    return inline(name, read)


def first_error(loaded: Loaded) -> SkillError | None:
    """The first problem that leaves a load without a usable schema (not JSON, a `$ref` that
    cannot be inlined) as a SkillError naming its file and line, or None. A `$schema` that
    names no known draft is left to the checks (`check`, lint), which report it."""
    fatal = [p for p in loaded.problems if p.kind != "draft"]
    if not fatal:
        return None
    p = fatal[0]
    more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
    path: Path | str | None = p.file
    if p.file and loaded.folder is not None:
        path = loaded.folder / p.file
    return SkillError(p.message + more, path=path, line=p.line)


__all__ = [
    "DRAFT_07",
    "DRAFT_2019_09",
    "DRAFT_2020_12",
    "JsonDoc",
    "Loaded",
    "SchemaProblem",
    "ValidationTooDeep",
    "check",
    "draft_problem",
    "first_error",
    "inline",
    "json_lines",
    "line_in_file",
    "load",
    "load_from_files",
    "metaschema_problems",
    "parse_json",
    "ref_problems",
    "ref_keywords",
    "ref_loop_problems",
    "ref_loops",
    "registry",
    "required_undefined",
    "subschemas",
    "validator",
    "validator_class",
]


def line_in_file(path: Path, parts: Parts) -> int | None:
    """The line of the key at `parts` in the JSON file at `path`, if the file has that exact
    key (a pointer into an inlined file does not point into this one); else None."""
    try:
        doc = parse_json(
            read_limited(path, MAX_SCHEMA_BYTES, what="a schema file"), path.name, path
        )
    except UnreadableFile:
        return None
    if isinstance(doc, SchemaProblem) or not jsonpointer.exists(doc.data, parts):
        return None
    return doc.line_of(parts)
