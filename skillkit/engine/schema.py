"""JSON Schema helpers: read a property's effective type, and make output always valid.

Schemas in the wild use `$ref`/`$defs`, `anyOf: [{...}, {"type": "null"}]` (pydantic's
Optional), `type: [..., "null"]`, `allOf` wrappers, `enum` and `const`; `resolve` reduces all
of these to one plain subschema plus a "may be null" flag.

Missing values: a property the document does not give is `null` where the schema allows
null; otherwise the type's neutral value — "" for strings, 0 for numbers and integers,
false for booleans, [] for arrays, an object of defaults for objects, the first option of an
enum, the `const`, or the schema's own `default` when it has one. `conform` then checks the
result in the draft the schema's `$schema` names (draft-07, 2019-09, 2020-12 by default;
skillkit.schemas), formats included (a checker such as the test runner's treats
`format: date` as an assertion), and replaces anything still invalid with that default. A
value whose format no default can satisfy ("" is not a date) is left out when its property is
optional, and set to the format's neutral value (1970-01-01, 00:00:00) when it is required.
A required key that is missing is added (its default; null for a name `properties` does not
define), extra keys that `additionalProperties: false` forbids are dropped, and when no output
can validate (a required name that `additionalProperties: false` forbids, say) `conform`
raises EngineError saying why: the prediction fails rather than answer an invalid or blank
document.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from skillkit import jsonpointer, schemas
from skillkit.errors import EngineError, SkillError

Schema = dict[str, Any]


def _deref(node: Schema, root: Schema) -> Schema:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 32:
        ref = node["$ref"]
        seen += 1
        if not isinstance(ref, str) or not ref.startswith("#"):
            return {k: v for k, v in node.items() if k != "$ref"}
        parts = jsonpointer.parse_fragment(ref[1:])
        target: Any = {} if parts is None else jsonpointer.resolve(root, parts, {})
        rest = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **rest} if isinstance(target, dict) else rest
    return node if isinstance(node, dict) else {}


def resolve(node: Schema | bool, root: Schema) -> tuple[Schema, bool]:
    """The plain subschema a property describes, and whether null is allowed."""
    if not isinstance(node, dict):
        return {}, True
    node = _deref(node, root)
    nullable = False
    for key in ("anyOf", "oneOf"):
        options = node.get(key)
        if isinstance(options, list) and options:
            resolved = [_deref(o, root) for o in options if isinstance(o, dict)]
            non_null = [o for o in resolved if o.get("type") != "null"]
            nullable = nullable or len(non_null) < len(resolved)
            if non_null:
                inner, inner_null = resolve(non_null[0], root)
                merged = {k: v for k, v in node.items() if k != key}
                merged = {**inner, **{k: v for k, v in merged.items() if k not in inner}}
                for k in ("title", "description"):
                    if k in node:
                        merged[k] = node[k]
                return merged, nullable or inner_null
    all_of = node.get("allOf")
    if isinstance(all_of, list) and all_of:
        merged = {k: v for k, v in node.items() if k != "allOf"}
        for part in all_of:
            sub, sub_null = resolve(part, root)
            for k, v in sub.items():
                merged.setdefault(k, v)
        node = merged
    types = node.get("type")
    if isinstance(types, list):
        nullable = nullable or "null" in types
    elif types == "null":
        nullable = True
    if "enum" in node and isinstance(node["enum"], list) and None in node["enum"]:
        nullable = True
    return node, nullable


def main_type(node: Schema) -> str | None:
    """The first non-null type named (or implied by properties/items/enum)."""
    types = node.get("type")
    if isinstance(types, list):
        for t in types:
            if t != "null":
                return t
        return "null"
    if isinstance(types, str):
        return types
    if "properties" in node:
        return "object"
    if "items" in node:
        return "array"
    if "enum" in node and node["enum"]:
        first = next((v for v in node["enum"] if v is not None), None)
        return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(
            type(first), None
        )
    if "const" in node:
        return None
    return None


# A recursive schema's default object stops nesting here (deeper levels are `{}`).
MAX_DEFAULT_DEPTH = 16


def default_for(
    node: Schema | bool, root: Schema, *, allow_null: bool = True, _depth: int = 0
) -> Any:
    """The value used when the document does not give one (see the module docstring)."""
    sub, nullable = resolve(node, root)
    if "const" in sub:
        return copy.deepcopy(sub["const"])
    if nullable and allow_null:
        return None
    if "default" in sub:
        return copy.deepcopy(sub["default"])
    if isinstance(sub.get("enum"), list) and sub["enum"]:
        return copy.deepcopy(sub["enum"][0])
    t = main_type(sub)
    if t == "string":
        return ""
    if t in ("number", "integer"):
        minimum = sub.get("minimum", sub.get("exclusiveMinimum"))
        if isinstance(minimum, (int, float)) and minimum > 0:
            return int(minimum) + (1 if "exclusiveMinimum" in sub else 0)
        return 0
    if t == "boolean":
        return False
    if t == "array":
        return []
    if t == "object":
        if _depth >= MAX_DEFAULT_DEPTH:
            return {}
        return {
            name: default_for(prop, root, _depth=_depth + 1)
            for name, prop in (sub.get("properties") or {}).items()
        }
    if t == "null":
        return None
    return None


# Neutral values for required properties whose format "" cannot satisfy.
FORMAT_NEUTRAL = {
    "date": "1970-01-01",
    "date-time": "1970-01-01T00:00:00Z",
    "time": "00:00:00Z",
}


def conform(data: Any, schema: Schema) -> Any:
    """Replace every value that fails validation with its property's default (see the module
    docstring); EngineError when no output can validate."""
    try:
        return _conform(data, schema)
    except RecursionError:
        raise EngineError(
            "the output schema cannot be satisfied by finite output: an object requires itself "
            "(a required, non-nullable property that refers back to its own definition); make "
            "the property optional or nullable"
        ) from None


def _conform(data: Any, schema: Schema) -> Any:
    try:
        validator = schemas.validator(schema)
    except SkillError as exc:
        raise EngineError(f"the output schema is {exc.message}") from None
    for _ in range(40):
        errors = sorted(validator.iter_errors(data), key=lambda e: len(e.absolute_path))
        if not errors:
            return data
        error = errors[0]
        path = list(error.absolute_path)
        sub_schema = _schema_at(schema, path, schema)
        if error.validator == "required" and isinstance(error.instance, dict):
            _add_required(error.instance, error.validator_value, sub_schema, schema, path)
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            if _drop_extras(error.instance, sub_schema, schema):
                continue
        keep = _items_allowed(error)
        if keep is not None and isinstance(error.instance, list) and len(error.instance) > keep:
            del error.instance[keep:]  # a tuple's extra items, or more than maxItems
            continue
        replacement = default_for(sub_schema, schema) if sub_schema is not None else None
        if not path:
            data = replacement if isinstance(replacement, dict) else {}
            if validator.is_valid(data):
                return data
            data = _strip_to_required(schema)
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if error.validator == "format" and path:
            parent_schema = _schema_at(schema, path[:-1], schema)
            required = (
                resolve(parent_schema, schema)[0].get("required") or [] if parent_schema else []
            )
            if isinstance(parent, dict) and path[-1] not in required:
                parent.pop(path[-1], None)
            elif error.validator_value in FORMAT_NEUTRAL:
                parent[path[-1]] = FORMAT_NEUTRAL[error.validator_value]
            elif isinstance(parent, list):
                parent.pop(path[-1])
            else:
                return data  # nothing valid to put there; leave it as found
            continue
        if error.validator == "additionalProperties" or (
            replacement is None and error.validator == "type" and _null_invalid(sub_schema, schema)
        ):
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
                continue
        if parent[path[-1]] == replacement:
            replacement = default_for(sub_schema, schema, allow_null=False)
            if parent[path[-1]] == replacement:
                if isinstance(parent, list):
                    parent.pop(path[-1])
                elif isinstance(parent, dict):
                    parent.pop(path[-1])
                continue
        parent[path[-1]] = replacement
    errors = list(validator.iter_errors(data))
    if errors:
        raise EngineError(
            "the output schema cannot be satisfied: no output validates "
            f"({jsonpointer.display(tuple(errors[0].absolute_path))}: {errors[0].message})"
        )
    return data


def _add_required(
    target: dict, required: Any, sub: Schema | None, root: Schema, path: list
) -> None:
    """Add the required keys `target` lacks: the property's default (null where allowed), or
    null for a name `properties` does not define. EngineError when nothing may go there."""
    node = resolve(sub, root)[0] if sub is not None else {}
    props = node.get("properties") or {}
    for name in required if isinstance(required, list) else []:
        if not isinstance(name, str) or name in target:
            continue
        if name in props:
            target[name] = default_for(props[name], root)
            continue
        patterns = (node.get("patternProperties") or {}).items()
        pattern = next((s for p, s in patterns if _searches(p, name)), None)
        extra = node.get("additionalProperties", True)
        if pattern is not None:
            target[name] = default_for(pattern, root)
        elif extra is False:
            where = jsonpointer.display(tuple(path))
            raise EngineError(
                f"the output schema cannot be satisfied: {where} requires {name!r}, which its "
                "properties do not define, and additionalProperties is false; add "
                f"{name!r} to properties, or drop it from required"
            )
        else:
            target[name] = default_for(extra, root) if isinstance(extra, dict) else None


def _items_allowed(error: Any) -> int | None:
    """How many items an array may keep, for errors that only too many items cause."""
    if error.validator == "maxItems" and isinstance(error.validator_value, int):
        return error.validator_value
    if error.validator == "additionalItems" and isinstance(error.schema.get("items"), list):
        return len(error.schema["items"])  # draft-07 / 2019-09 tuple
    if error.validator == "items" and error.validator_value is False:
        prefix = error.schema.get("prefixItems")
        return len(prefix) if isinstance(prefix, list) else 0
    return None


def _searches(pattern: str, name: str) -> bool:
    try:
        return schemas.pattern_search(pattern, name)
    except (re.error, schemas.PatternTimeout):
        return False


def _drop_extras(target: dict, sub: Schema | None, root: Schema) -> bool:
    """Remove the keys `additionalProperties: false` forbids; False when there are none."""
    node = resolve(sub, root)[0] if sub is not None else {}
    if node.get("additionalProperties", True) is not False:
        return False
    props = node.get("properties") or {}
    patterns = list(node.get("patternProperties") or {})
    extras = [k for k in target if k not in props and not any(_searches(p, k) for p in patterns)]
    for key in extras:
        del target[key]
    return bool(extras)


def _null_invalid(sub: Schema | None, root: Schema) -> bool:
    if sub is None:
        return True
    _, nullable = resolve(sub, root)
    return not nullable


def _strip_to_required(schema: Schema) -> dict:
    sub, _ = resolve(schema, schema)
    return {
        name: default_for(prop, schema, allow_null=False)
        for name, prop in (sub.get("properties") or {}).items()
        if name in (sub.get("required") or [])
    }


def _schema_at(node: Schema, path: list, root: Schema) -> Schema | None:
    for key in path:
        sub, _ = resolve(node, root)
        if isinstance(key, int):
            items = sub.get("items")
            prefix = sub.get("prefixItems")
            if isinstance(items, list):  # draft-07 / 2019-09 tuple: items, then additionalItems
                prefix, items = items, sub.get("additionalItems")
            if isinstance(prefix, list) and key < len(prefix):
                node = prefix[key]
            elif isinstance(items, dict):
                node = items
            else:
                return None
        else:
            props = sub.get("properties") or {}
            if key in props:
                node = props[key]
            else:
                return None
    return node
