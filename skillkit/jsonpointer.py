"""JSON Pointers (RFC 6901), written and read in one place.

A pointer is `""` (the whole document) or `/` followed by reference tokens separated by `/`;
in a token `~` is written `~0` and `/` is written `~1`. Reading undoes `~1` before `~0`, so
a key holding a literal `~1` (written `~01`) survives the round trip. In a URI fragment
(`schema.json#/definitions/a%20b`) the pointer is also percent-encoded (RFC 6901 section 6).

    format(("properties", "a/b", 0))  ->  "/properties/a~1b/0"
    parse("/properties/a~1b/0")       ->  ("properties", "a/b", "0")
    display(())                       ->  "(root)"   (for messages: "" reads as nothing)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

__all__ = [
    "ROOT",
    "append",
    "display",
    "escape",
    "exists",
    "format",
    "parse",
    "parse_fragment",
    "resolve",
    "unescape",
]

ROOT = "(root)"  # how messages name the whole document
_INDEX = re.compile(r"0|[1-9][0-9]*")  # an array index token (no sign, no leading zero)
_NOTHING: Any = object()  # no default given


def escape(token: Any) -> str:
    """One reference token: `a/b~c` -> `a~1b~0c`."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """The key a reference token names: `a~1b~0c` -> `a/b~c`."""
    return token.replace("~1", "/").replace("~0", "~")


def format(parts: Iterable[Any]) -> str:  # read as `jsonpointer.format`
    """The pointer to `parts` (keys and list indices): `""` for none, else `/a/0/b~1c`."""
    return "".join("/" + escape(part) for part in parts)


def append(pointer: str, token: Any) -> str:
    """The pointer one level below `pointer`: `append("/a", "b/c")` -> `/a/b~1c`."""
    return f"{pointer}/{escape(token)}"


def display(parts: Iterable[Any]) -> str:
    """`format(parts)`, or `(root)` for the whole document, for messages."""
    return format(parts) or ROOT


def parse(text: str) -> tuple[str, ...]:
    """The unescaped tokens of a pointer; `""` is the root. ValueError unless it starts with /."""
    if text == "":
        return ()
    if not text.startswith("/"):
        raise ValueError(f"{text!r} is not a JSON pointer (it must start with '/')")
    return tuple(unescape(token) for token in text[1:].split("/"))


def parse_fragment(fragment: str) -> tuple[str, ...] | None:
    """The tokens of a URI fragment (without its `#`), percent-decoded first; None when the
    fragment is a plain-name anchor (`#address`), not a pointer (as `referencing` decides:
    by the fragment as written)."""
    if fragment != "" and not fragment.startswith("/"):
        return None
    return parse(unquote(fragment))


def resolve(data: Any, parts: Iterable[Any], default: Any = _NOTHING) -> Any:
    """The value at `parts` in `data`: object keys, and array indices written as decimals.

    `default` when there is no such value; without one, LookupError."""
    parts = tuple(parts)
    for part in parts:
        if isinstance(data, dict) and str(part) in data:  # JSON object keys are strings
            data = data[str(part)]
        elif isinstance(data, list) and _is_index(part) and int(part) < len(data):
            data = data[int(part)]
        elif default is _NOTHING:
            raise LookupError(f"no value at {format(parts)}")
        else:
            return default
    return data


def exists(data: Any, parts: Iterable[Any]) -> bool:
    """Whether `resolve(data, parts)` finds a value."""
    try:
        resolve(data, parts)
    except LookupError:
        return False
    return True


def _is_index(part: Any) -> bool:
    if isinstance(part, bool):
        return False
    if isinstance(part, int):
        return part >= 0
    return isinstance(part, str) and _INDEX.fullmatch(part) is not None
