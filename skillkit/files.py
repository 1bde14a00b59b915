"""Reading a skill's files no further than skillkit must trust them, and writing results whole
or not at all.

Every file skillkit reads from a skill (SKILL.md, cases.yaml, expected files, .skillignore,
bundle inputs) goes through `read_limited`: a regular file (symlinks resolved; never a FIFO,
device or socket, which could block or never end), read with a size cap. Every YAML document
goes through `compose_yaml` / `load_yaml` (alias expansion, nesting and size bounded, duplicate
keys refused), JSON read from a skill through `loads_json` (nesting bounded). Untrusted names shown on a terminal or in a
text report go through `printable`. The limits are the constants below (README, "Security and
limits").
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from skillkit.errors import SkillError

KIB, MIB = 1024, 1024 * 1024

# --------------------------------------------------------------------------- limits
MAX_SKILL_MD_BYTES = 1 * MIB  # SKILL.md, in a folder or a bundle
MAX_CASES_YAML_BYTES = 1 * MIB  # tests/cases.yaml
MAX_EXPECTED_BYTES = 5 * MIB  # an expected file (<stem>.expected.json)
MAX_SCHEMA_BYTES = 5 * MIB  # schema.json, and each file its `$ref`s name
MAX_CASSETTE_BYTES = 10 * MIB  # a recording (tests/cassettes/<case>.json)
MAX_IGNORE_BYTES = 1 * MIB  # .skillignore
MAX_JSON_DEPTH = 64  # nesting of JSON read from a skill (expected files, schema files)
# a recording wraps a response (itself up to MAX_JSON_DEPTH) in a few levels of its own
MAX_CASSETTE_DEPTH = MAX_JSON_DEPTH + 8
MAX_YAML_DEPTH = 64  # nesting of any YAML document, aliases expanded
MAX_FRONTMATTER_NODES = 10_000  # values in the frontmatter, each alias use counted in full
MAX_YAML_NODES = 100_000  # values in cases.yaml, each alias use counted in full


def size_text(n: int) -> str:
    """`5 MB`, `1.2 MB`, `300 KB`, `12 bytes`: how limit messages show sizes."""
    if n >= MIB:
        return f"{n / MIB:.1f}".rstrip("0").rstrip(".") + " MB"
    if n >= KIB:
        return f"{n / KIB:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{n} bytes"


# --------------------------------------------------------------------------- reading


class UnreadableFile(SkillError):
    """A file skillkit would read is not a regular file, is over its size limit, or cannot be
    read. `reason` is the message without the path, for callers that report it elsewhere."""

    def __init__(self, reason: str, *, path: str | Path) -> None:
        super().__init__(reason, path=printable(str(path)))
        self.reason = reason


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def special_kind(path: Path) -> str | None:
    """None when `path` is (or links to) a regular file, or does not exist at all; otherwise
    what it is instead (`a FIFO (named pipe)`, `a device`, `a folder`, `a broken symlink`,
    `a symlink loop`, `a path too long for this system`...)."""
    try:
        return _kind(os.stat(path).st_mode)
    except FileNotFoundError:
        return "a broken symlink" if os.path.islink(path) else None
    except ValueError:  # a NUL in the name: no such file can exist
        return None
    except OSError as exc:
        return os_error_kind(exc)


def os_error_kind(exc: OSError) -> str:
    """What an OSError met while looking at a path says the path is, in the words of
    `special_kind`: `a symlink loop` (ELOOP), `a path too long for this system`
    (ENAMETOOLONG), else `unreadable (<reason>)`."""
    if exc.errno == errno.ELOOP:
        return "a symlink loop"
    if exc.errno == errno.ENAMETOOLONG:
        return "a path too long for this system"
    return f"unreadable ({_why(exc)})"


def is_regular(path: Path) -> bool:
    """A regular file, symlinks resolved (what `read_limited` would accept, size aside)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _refusal(kind: str) -> str:
    return f"is {kind}, not a regular file; replace it with a regular file (or remove it)"


def _open_checked(path: Path) -> int:
    """A descriptor of `path` opened for reading, if it is a regular file (symlinks resolved).

    The type is checked before opening (a device is never opened) and again on the descriptor
    (the file may have been swapped since); the open itself is non-blocking, so a FIFO that
    appears in between cannot block it."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        gone = "is a broken symlink" if os.path.islink(path) else "does not exist"
        raise UnreadableFile(gone, path=path) from exc
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENAMETOOLONG):
            raise UnreadableFile(_refusal(os_error_kind(exc)), path=path) from exc
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc
    except ValueError as exc:
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc
    kind = _kind(st.st_mode)
    if kind:
        raise UnreadableFile(_refusal(kind), path=path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc
    try:
        kind = _kind(os.fstat(fd).st_mode)
    except OSError as exc:
        os.close(fd)
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc
    if kind:
        os.close(fd)
        raise UnreadableFile(_refusal(kind), path=path)
    return fd


def _why(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def open_regular(path: Path) -> BinaryIO:
    """A binary handle on a regular file (see `read_limited`), for streaming big files (the
    bundle writer); UnreadableFile otherwise."""
    return os.fdopen(_open_checked(path), "rb")


def read_limited(path: Path, max_bytes: int, *, what: str = "this file") -> bytes:
    """The bytes of a regular file (symlinks resolved) of at most `max_bytes`.

    Never opens a FIFO, device or socket in blocking mode (they could block forever or never
    end). UnreadableFile (a SkillError naming the file) for anything else: missing, not
    regular, too large (checked before reading, and again while reading), unreadable."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        size = 0  # _open_checked says why
    fd = _open_checked(path)
    if size > max_bytes:
        os.close(fd)
        raise UnreadableFile(_too_big(size, max_bytes, what), path=path)
    try:
        with os.fdopen(fd, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc
    if len(data) > max_bytes:  # grew since the stat
        raise UnreadableFile(_too_big(None, max_bytes, what), path=path)
    return data


def read_head(path: Path, n: int) -> bytes:
    """The first `n` bytes of a regular file (for sniffing); UnreadableFile otherwise."""
    try:
        with os.fdopen(_open_checked(path), "rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {_why(exc)}", path=path) from exc


def _too_big(size: int | None, limit: int, what: str) -> str:
    """`size` None: it grew past the limit while being read."""
    if size is None:
        shown = "grew over"
    else:  # exact bytes where rounding would make it look like the limit itself
        rounded = size_text(size)
        shown = f"is {rounded if rounded != size_text(limit) else f'{size:,} bytes'}: over"
    return f"{shown} the {size_text(limit)} limit for {what}; make it smaller"


def inside(path: Path, folder: Path) -> bool:
    """True when `path`, symlinks resolved, is `folder` (resolved) or below it."""
    path = Path(path)
    if path.parent == Path(folder) and path.name not in ("", "..") and not path.is_symlink():
        return True  # folder/name, not a link: resolves into folder's own resolution
    try:
        real, base = Path(path).resolve(), Path(folder).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return real == base or base in real.parents


# --------------------------------------------------------------------------- JSON


class JsonTooDeep(ValueError):
    """JSON nested deeper than the limit."""


def json_depth_problem(value: Any, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why `value` is nested too deeply to use (iteratively: never a RecursionError), or None."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            return f"nested more than {max_depth} levels deep; flatten it"
        stack.extend((child, depth + 1) for child in children)
    return None


def loads_json(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """json.loads with a nesting limit: JsonTooDeep (a ValueError) past it; the usual
    json.JSONDecodeError for broken JSON."""
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise JsonTooDeep(f"nested more than {max_depth} levels deep; flatten it") from exc
    problem = json_depth_problem(value, max_depth)
    if problem:
        raise JsonTooDeep(problem)
    return value


# --------------------------------------------------------------------------- YAML


class YamlLimit(yaml.MarkedYAMLError):
    """Valid YAML that skillkit refuses to expand: too many values (an alias bomb), nested too
    deeply, or a recursive alias. `problem` says which, `problem_mark` where."""


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping that names the same key twice. YAML requires keys to be unique, and keeping
    only the last value (what PyYAML does) would hide the mistake. `problem_mark` is the
    second key, `first_mark` the first; `key` the key as written."""

    def __init__(self, key: str, first_mark: yaml.Mark, mark: yaml.Mark) -> None:
        super().__init__(
            problem=f"duplicate key {key}: a key may appear only once in a mapping",
            problem_mark=mark,
        )
        self.key, self.first_mark = key, first_mark


def yaml_problem(exc: yaml.YAMLError, first_line: int = 1) -> tuple[str, int | None]:
    """(what is wrong, line) for a YAML error from `compose_yaml` / `load_yaml`, with line
    numbers of the file whose line `first_line` holds the YAML text's first line."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else None
    if isinstance(exc, DuplicateKey):
        return (
            f"duplicate key {exc.key} (first on line {exc.first_mark.line + first_line}); "
            "a key may appear only once: keep one of them",
            line,
        )
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return problem, line


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, counting while it composes: every node with its expanded size (an
    alias counts as much as what it names) and depth, so that a few hundred bytes of anchors
    and aliases cannot expand to billions of values, and deep nesting cannot exhaust the stack.
    Time and memory stay linear in the text."""

    def __init__(self, stream: str, max_nodes: int, max_depth: int) -> None:
        super().__init__(stream)
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.depth = 0
        self.measured: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, depth)
        self.aliases = False
        self._key_constructor: yaml.constructor.SafeConstructor | None = None

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases = True
            target = self.anchors.get(event.anchor)
            if target is not None and id(target) not in self.measured:
                raise YamlLimit(
                    problem=f"the alias *{event.anchor} refers to the value that holds it "
                    "(a recursive alias); write the value out",
                    problem_mark=event.start_mark,
                )
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.max_depth:
            raise YamlLimit(
                problem=f"nested more than {self.max_depth} levels deep; flatten it",
                problem_mark=event.start_mark,
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        self._measure(node)
        if isinstance(node, yaml.MappingNode):
            self._refuse_duplicates(node)
        return node

    def _refuse_duplicates(self, node: yaml.MappingNode) -> None:
        """DuplicateKey at the second of two keys with the same value (as the constructor
        would read them: `1` and `0x1`, `a` and `"a"` are the same key). Merge keys (`<<`)
        are left to the constructor, whose explicit keys override merged ones by design."""
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue  # a list or mapping as a key is refused when constructed
            try:
                key: Any = (True, self._keys.construct_object(key_node))
                hash(key)
            except Exception:  # a value its tag cannot read: compare the text itself
                key = (False, key_node.tag, key_node.value)
            first = seen.get(key)
            if first is not None:
                raise DuplicateKey(
                    _short_key(key_node.value), first.start_mark, key_node.start_mark
                )
            seen[key] = key_node

    @property
    def _keys(self) -> yaml.constructor.SafeConstructor:
        if self._key_constructor is None:
            self._key_constructor = _Constructor()
        return self._key_constructor

    def _measure(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        sizes = [self.measured[id(child)] for child in children]
        size = 1 + sum(s for s, _ in sizes)
        depth = 1 + max((d for _, d in sizes), default=0)
        self.measured[id(node)] = (size, depth)
        if size > self.max_nodes:
            why = " (aliases counted at each use: an alias bomb?)" if self.aliases else ""
            raise YamlLimit(
                problem=f"holds more than {self.max_nodes} values{why}; write less, or write "
                "the values out instead of repeating aliases",
                problem_mark=node.start_mark,
            )
        if depth > self.max_depth:
            raise YamlLimit(
                problem=f"nested more than {self.max_depth} levels deep once its aliases are "
                "expanded; flatten it",
                problem_mark=node.start_mark,
            )


def _short_key(text: str, limit: int = 60) -> str:
    shown = printable(text)
    return repr(shown if len(shown) <= limit else shown[: limit - 3] + "...")


try:  # libyaml, when PyYAML was built with it
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    _CParser = None


class _FastBoundedLoader(_BoundedLoader):
    """The bounded loader with its events parsed by libyaml (C): the same composer, bounds and
    duplicate-key checks (all in Python, as above) over the same events, several times faster.
    Used for documents that load: `compose_yaml` reads any document this one refuses again
    with the pure-Python parser, whose messages (and judgement) are the ones skillkit gives."""

    def __init__(self, stream: str, max_nodes: int, max_depth: int) -> None:
        self._events = _CParser(stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.max_nodes, self.max_depth = max_nodes, max_depth
        self.depth = 0
        self.measured = {}
        self.aliases = False
        self._key_constructor = None

    def check_event(self, *choices: Any) -> bool:
        return self._events.check_event(*choices)

    def peek_event(self) -> Any:
        return self._events.peek_event()

    def get_event(self) -> Any:
        event = self._events.get_event()
        if isinstance(event, yaml.ScalarEvent) and not event.style:
            event.style = None  # a plain scalar, as the Python parser says it
        return event

    def dispose(self) -> None:
        self._events.dispose()


# libyaml reads a few documents differently from PyYAML's own parser (a tab in a plain scalar,
# `?` inside a flow collection, a comma in a tag: refused by one, read by the other), so it is
# used only for the plain subset that frontmatter and cases.yaml are made of: block mappings
# and sequences, plain, quoted and block scalars, comments. Any other text is read by the
# pure-Python parser from the start: what its reader refuses (non-printable characters), tabs,
# other line breaks than LF, byte order marks, flow collections, tags, anchors and aliases,
# complex keys, directives and the reserved indicators.
_PYTHON_ONLY = re.compile(
    yaml.reader.Reader.NON_PRINTABLE.pattern
    + "|[\t\r\x85\u2028\u2029\ufeff?\\[\\]{}!&*%@`]"
    + "|[|>][-+0-9]*#"  # a block scalar's header run into a comment: refused by PyYAML alone
)


def compose_yaml(
    text: str, *, max_nodes: int = MAX_YAML_NODES, max_depth: int = MAX_YAML_DEPTH
) -> yaml.Node | None:
    """The one YAML reader of skillkit: the node tree of a single document (with marks, for
    line numbers), safe tags only, bounded in values and depth, every mapping's keys unique.
    Raises yaml.YAMLError (YamlLimit for what is valid but refused, DuplicateKey for a key
    given twice; `yaml_problem` words either with its line).

    A mapping in the plain subset (`_PYTHON_ONLY`) is parsed by libyaml when PyYAML has it
    (`_FastBoundedLoader`: the same tree, marks and bounds; block collections' `flow_style` is
    False where PyYAML may say None, and end marks can differ: neither is read here); anything
    else, and anything libyaml refuses, by PyYAML's own parser."""
    if _CParser is not None and isinstance(text, str) and not _PYTHON_ONLY.search(text):
        fast = _FastBoundedLoader(text, max_nodes, max_depth)
        try:
            node = fast.get_single_node()
            if isinstance(node, yaml.MappingNode):  # what both read alike; else read again
                return node
        except Exception:  # noqa: BLE001, S110 - refused or not YAML: the Python parser says why
            pass
        finally:
            fast.dispose()
    loader = _BoundedLoader(text, max_nodes, max_depth)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class _Constructor(yaml.constructor.SafeConstructor):
    """The safe constructor, whose every failure is a YAML error at the value's line: a tagged
    value that does not parse (`!!int abc`, `2024-02-30`, `!!bool x`) is the file's mistake."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep=deep)
            if isinstance(value, int) and value.bit_length() > 4096:  # str() would fail
                raise ValueError("a number of more than 1000 digits")
            return value
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            tag = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read this value as {tag} ({exc})", node.start_mark
            ) from exc


def construct_yaml(node: yaml.Node | None) -> Any:
    """The Python value of a node from `compose_yaml` (aliases shared, as yaml.safe_load does);
    yaml.YAMLError (with the value's mark) for a value its tag cannot read."""
    if node is None:
        return None
    return _Constructor().construct_document(node)


def load_yaml(
    text: str, *, max_nodes: int = MAX_YAML_NODES, max_depth: int = MAX_YAML_DEPTH
) -> tuple[yaml.Node | None, Any]:
    """(node tree, value) of a YAML document, bounded as `compose_yaml` is."""
    node = compose_yaml(text, max_nodes=max_nodes, max_depth=max_depth)
    return node, construct_yaml(node)


def plain_data(value: Any, *, max_depth: int = MAX_YAML_DEPTH) -> Any:
    """A YAML value as JSON can hold it, for showing it: dates and times as ISO text, binary
    (`!!binary`) as `<binary: N bytes>`, sets as sorted lists, keys as strings."""
    import datetime as _dt

    if max_depth <= 0:
        return "..."
    if isinstance(value, dict):
        return {
            k if isinstance(k, str) else str(plain_data(k, max_depth=1)): plain_data(
                v, max_depth=max_depth - 1
            )
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [plain_data(v, max_depth=max_depth - 1) for v in items]
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return f"<binary: {len(value)} bytes>"
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# --------------------------------------------------------------------------- showing names

# Shown escaped: C0/C1 controls (newlines, ESC, ...), DEL, lone surrogates (bytes of a file
# name that is not UTF-8), line/paragraph separators and the bidi controls that reorder text.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(ch: str) -> str:
    """One character as an escape: `\\n`, `\\x1b`, `\\u202e`; `\\xff` for the lone surrogate
    that stands for byte 0xff of a file name that is not UTF-8."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the raw byte of a non-UTF-8 name
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _unsafe(ch: str) -> bool:
    if ch < " " or "\x7f" <= ch <= "\x9f":
        return True
    return ch in _BIDI or unicodedata.category(ch) in ("Cs", "Zl", "Zp")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` safe to print on a terminal or in a one-line text report: control characters
    (newlines, ESC and the rest of C0/C1, DEL), bidi controls, line separators and the lone
    surrogates that stand for the bytes of a non-UTF-8 file name are shown escaped (`\\n`,
    `\\x1b`, `\\u202e`, `\\xff`), so an untrusted name can neither forge lines nor reach the
    terminal as an escape sequence. `keep_newlines`: multi-line text keeps its line breaks."""
    if text.isprintable():
        return text  # the common case, fast (bidi controls and separators are not printable)
    return "".join(
        escape_char(ch) if _unsafe(ch) and not (keep_newlines and ch == "\n") else ch for ch in text
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces `path` only if the block succeeds.

    A temp file beside `path`, then a rename; an interrupted write leaves the old file (or
    none). The result gets the usual permissions (0666 less the umask), not mkstemp's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write a whole file or nothing (see `atomic_write`)."""
    with atomic_write(path) as fh:
        fh.write(payload)


# In JSON text, what json.dumps(ensure_ascii=False) leaves raw but a terminal or a UTF-8
# encoder must not see: DEL, C1 controls, bidi controls, line separators, lone surrogates.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def printable_json(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with those characters written as
    `\\uXXXX` escapes: the same JSON value, safe to print and to encode as UTF-8 (file names
    that are not UTF-8 included)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
