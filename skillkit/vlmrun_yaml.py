"""`vlmrun.yaml`: VLM Run's execution config for agent skills, checked with line numbers.

The file sits at the skill root beside SKILL.md (docs.vlm.run, "vlmrun.yaml"). Its keys:

| key        | type             | required | checked                                              |
|------------|------------------|----------|------------------------------------------------------|
| apiVersion | string           | yes      | exactly `vlm.run/v1alpha`                            |
| model      | string           | yes      | non-empty (e.g. `vlmrun-orion-1:auto`)               |
| toolsets   | list of strings  | yes      | each one documented (an unknown one is a warning)    |
| metadata   | mapping          | no       | a mapping (`{}`)                                     |
| graph      | string           | yes      | a Mermaid `stateDiagram-v2` that parses, see below   |

Any other top-level key is an error, with the key it looks like.

**The graph.** The first line that is neither blank nor a `%%` comment is `stateDiagram-v2`.
Then, one statement a line: `Name: description` and `state "description" as Name` declare a
state (`state Name`, `state Name <<choice>>` too), `A --> B` (optionally `: label`) is a
transition, `[*] --> A` a start and `A --> [*]` an end; `%%` comments, `direction`, `note`,
`classDef` / `class` / `style` lines and `:::class` suffixes are accepted and ignored;
`state Name {` ... `}` is a composite state (its own `[*]` start and end). Once the graph
parses (a line that does not stops the checks there), its structure is checked:

- **Declared states.** When the graph declares states at all, every state a transition names
  must be declared: a name used only in transitions is almost always a typo of a declared one
  (an error naming it, with "did you mean"). A graph that declares no state at all (pure
  transitions, which Mermaid allows) is left alone.
- **Start and end.** There is a start (`[*] --> State`, at the top level), and an end
  (`State --> [*]`) can be reached from it along the transitions (errors).
- **Reachability.** A state that cannot be reached from the start is a warning (it never runs).

A graph of thousands of states stays linear: the first MAX_REPORTED states of each kind are
named and the rest counted in one more finding; "did you mean" looks among at most
MAX_GUESS_AMONG declared states.

Codes (the rule table is skillkit.lint.RULES): SK501 unreadable or not YAML, SK502 empty or
not a mapping, SK503 a required key missing, SK504 an unknown key, SK505 apiVersion, SK506
model, SK507 toolsets, SK508 metadata, SK509 the graph does not parse, SK510 a state used but
never declared, SK511 no start, SK512 no end reachable; warnings SK407 an undocumented
toolset, SK408 a state unreachable from the start.

The file is read as every skill file is: a regular file of at most MAX_VLMRUN_YAML_BYTES,
through the bounded YAML loader of skillkit.files (aliases, nesting and size bounded,
duplicate keys refused), so every line comes from the YAML nodes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skillkit.files import (
    MAX_FRONTMATTER_NODES,
    MIB,
    UnreadableFile,
    compose_yaml,
    construct_yaml,
    read_limited,
    yaml_problem,
)

FILE = "vlmrun.yaml"
API_VERSION = "vlm.run/v1alpha"
EXAMPLE_MODEL = "vlmrun-orion-1:auto"
KEYS = ("apiVersion", "metadata", "model", "toolsets", "graph")
REQUIRED = ("apiVersion", "model", "toolsets", "graph")
TOOLSETS = ("core", "document", "image", "image-gen", "video", "viz", "web", "world-gen")
HEADER = "stateDiagram-v2"
MAX_VLMRUN_YAML_BYTES = 1 * MIB
START = "[*]"
MAX_REPORTED = 20  # states named per kind of graph finding; the rest are counted
MAX_GUESS_AMONG = 2000  # "did you mean" only among this many declared states


@dataclass(frozen=True)
class Problem:
    """One finding in vlmrun.yaml: its rule code, the message, and the line (1-based)."""

    code: str
    message: str
    line: int | None = None


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _close(word: str, options: Iterator[str] | list[str] | tuple[str, ...]) -> str | None:
    """The option `word` most likely meant: same letters but for case, `_` and `-` first."""
    options = list(options)

    def norm(s: str) -> str:
        return re.sub(r"[-_\s]", "", s).lower()

    for option in options:
        if norm(option) == norm(word):
            return option
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return found[0] if found else None


def _did_you_mean(word: str, options: list[str] | tuple[str, ...]) -> str:
    close = _close(word, options)
    return f"did you mean '{close}'? " if close else ""


# --------------------------------------------------------------------------- the file


def check_file(path: Path) -> list[Problem]:
    """Every problem of the vlmrun.yaml at `path` (a file that exists or a special file)."""
    try:
        raw = read_limited(path, MAX_VLMRUN_YAML_BYTES, what=FILE)
    except UnreadableFile as exc:
        return [Problem("SK501", f"{exc.reason}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [Problem("SK501", f"not valid UTF-8 (byte {exc.start}); save it as UTF-8", 1)]
    return check_text(text)


def check_text(text: str) -> list[Problem]:
    """Every problem of vlmrun.yaml's text, in the order of the file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        root = compose_yaml(text, max_nodes=MAX_FRONTMATTER_NODES)
        if root is not None:
            construct_yaml(root)  # a tag that cannot be read is the file's YAML mistake
    except yaml.YAMLError as exc:
        problem, line = yaml_problem(exc)
        return [Problem("SK501", f"not valid YAML: {problem}", line or 1)]
    if root is None:
        return [
            Problem(
                "SK502",
                f"is empty; write apiVersion: {API_VERSION}, model, toolsets and graph "
                "(or delete the file: a skill without it is a plain skill)",
                1,
            )
        ]
    if not isinstance(root, yaml.MappingNode):
        return [
            Problem(
                "SK502",
                "must be a YAML mapping of keys (apiVersion, model, toolsets, graph) to values",
                root.start_mark.line + 1,
            )
        ]
    out: list[Problem] = []
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = construct_yaml(key_node)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str) or key not in KEYS:
            shown = _short(key)
            hint = _did_you_mean(shown, KEYS) if isinstance(key, str) else ""
            out.append(
                Problem(
                    "SK504",
                    f"unknown key '{shown}'; {hint}vlmrun.yaml has only {', '.join(KEYS)}",
                    line,
                )
            )
            continue
        seen[key] = key_node
        out += _CHECKS[key](value_node, construct_yaml(value_node), line)
    missing = [k for k in REQUIRED if k not in seen]
    if missing:
        examples = {
            "apiVersion": f"apiVersion: {API_VERSION}",
            "model": f"model: {EXAMPLE_MODEL}",
            "toolsets": "toolsets: [core]",
            "graph": "graph: | (a Mermaid stateDiagram-v2)",
        }
        for key in missing:
            out.append(Problem("SK503", f"'{key}' is required; add `{examples[key]}`", 1))
    return sorted(out, key=lambda p: (p.line or 0, p.code))


def _api_version(node: yaml.Node, value: Any, line: int) -> list[Problem]:
    if value == API_VERSION:
        return []
    return [
        Problem(
            "SK505",
            f"apiVersion is '{_short(value)}'; write `apiVersion: {API_VERSION}` "
            "(the version VLM Run documents)",
            line,
        )
    ]


def _model(node: yaml.Node, value: Any, line: int) -> list[Problem]:
    if isinstance(value, str) and value.strip():
        return []
    what = "empty" if value is None or value == "" else f"not a string ({_short(value)})"
    return [
        Problem(
            "SK506",
            f"model is {what}; name an Orion model, e.g. `model: {EXAMPLE_MODEL}`",
            line,
        )
    ]


def _toolsets(node: yaml.Node, value: Any, line: int) -> list[Problem]:
    if not isinstance(node, yaml.SequenceNode) or not isinstance(value, list):
        example = "[core, document]"
        if isinstance(value, str) and value.strip():
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            example = f"[{', '.join(parts)}]"
        return [
            Problem(
                "SK507",
                f"toolsets must be a list of strings; write `toolsets: {example}`",
                line,
            )
        ]
    out = []
    for item_node, item in zip(node.value, value, strict=False):
        item_line = item_node.start_mark.line + 1
        if not isinstance(item, str) or not item.strip():
            out.append(
                Problem(
                    "SK507",
                    f"toolset {_short(item)} is not a name; each toolset is a string, one of "
                    f"{', '.join(TOOLSETS)}",
                    item_line,
                )
            )
        elif item not in TOOLSETS:
            out.append(
                Problem(
                    "SK407",
                    f"toolset '{_short(item)}' is not one VLM Run documents; "
                    f"{_did_you_mean(item, TOOLSETS)}known: {', '.join(TOOLSETS)}",
                    item_line,
                )
            )
    return out


def _metadata(node: yaml.Node, value: Any, line: int) -> list[Problem]:
    if isinstance(value, dict):
        return []
    return [
        Problem(
            "SK508",
            f"metadata must be a mapping, not {_kind(value)}; write `metadata: {{}}` "
            "(VLM Run reserves it)",
            line,
        )
    ]


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return f"{_short(value)}"


def _graph(node: yaml.Node, value: Any, line: int) -> list[Problem]:
    if not isinstance(value, str) or not value.strip():
        what = "empty" if value is None or value == "" else f"not a string ({_kind(value)})"
        return [
            Problem(
                "SK509",
                f"graph is {what}; write `graph: |` with a Mermaid {HEADER} on the lines below",
                line,
            )
        ]
    assert isinstance(node, yaml.ScalarNode)
    if node.style == ">":
        return [
            Problem(
                "SK509",
                "graph is a folded block (`>`), which joins its lines into one; "
                "write `graph: |` (a literal block keeps each line)",
                line,
            )
        ]
    if node.style == "|":
        first = node.start_mark.line + 2  # the line after the `|` indicator

        def line_of(i: int) -> int:
            return first + i
    else:  # a quoted or plain string: its lines are not the file's lines

        def line_of(i: int) -> int:
            return node.start_mark.line + 1

    return check_graph(value, line_of)


_CHECKS: dict[str, Callable[[yaml.Node, Any, int], list[Problem]]] = {
    "apiVersion": _api_version,
    "model": _model,
    "toolsets": _toolsets,
    "metadata": _metadata,
    "graph": _graph,
}


# --------------------------------------------------------------------------- the graph

_ID = r"[^\W\d]\w*(?:-\w+)*|\d\w*(?:-\w+)*"  # letters, digits, underscores, inner hyphens
_END = rf"(?:{_ID}|\[\*\])"
_CLASS = r"(?::::[\w-]+)?"
_TRANSITION = re.compile(
    rf"^(?P<src>{_END}){_CLASS}\s*-->\s*(?P<dst>{_END}){_CLASS}\s*(?::(?P<label>.*))?$"
)
_DECLARATION = re.compile(rf"^(?P<id>{_ID}){_CLASS}\s*:(?P<text>.*)$")
_STATE_AS = re.compile(rf'^state\s+"(?P<text>[^"]*)"\s+as\s+(?P<id>{_ID})\s*(?P<open>\{{)?$')
_STATE = re.compile(
    rf"^state\s+(?P<id>{_ID})\s*(?:<<(?P<kind>choice|fork|join)>>)?\s*(?P<open>\{{)?$"
)
_IGNORED = re.compile(r"^(?:direction\s+(?:TB|BT|LR|RL)|(?:classDef|class|style)\s+.+|--)$")
_NOTE_LINE = re.compile(rf"^note\s+(?:left|right)\s+of\s+(?:{_ID})\s*:.*$")
_NOTE_BLOCK = re.compile(rf"^note\s+(?:left|right)\s+of\s+(?:{_ID})\s*$")


@dataclass
class Graph:
    """A parsed stateDiagram-v2: states declared (name -> line), transitions
    (source, target, line, scope), and the composite state each scope belongs to (None: the
    top level). `[*]` in a scope is that scope's start (as a source) or end (as a target)."""

    declared: dict[str, int] = field(default_factory=dict)
    transitions: list[tuple[str, str, int, str | None]] = field(default_factory=list)
    composites: dict[str, str | None] = field(default_factory=dict)  # state -> parent scope
    scope_of: dict[str, str | None] = field(default_factory=dict)  # state -> declaring scope
    header_line: int = 1


def parse_graph(text: str, line_of: Callable[[int], int]) -> tuple[Graph | None, list[Problem]]:
    """The graph, or None with the problems (SK509) that stop it from being read."""
    graph = Graph()
    problems: list[Problem] = []
    lines = text.split("\n")
    i = 0
    header = None
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("%%"):
            header = stripped
            break
        i += 1
    if header is None:
        return None, [Problem("SK509", f"graph is empty; start it with `{HEADER}`", line_of(0))]
    graph.header_line = line_of(i)
    if header != HEADER:
        if header.startswith(HEADER + " "):
            why = (
                "its lines were joined into one (a plain or quoted YAML string folds them); "
                "write `graph: |` with one statement a line below it"
            )
        elif header == "stateDiagram":
            why = f"write `{HEADER}` (the version VLM Run documents)"
        else:
            why = f"the first line of the graph must be `{HEADER}`"
        return None, [Problem("SK509", f"graph starts with '{_short(header)}'; {why}", line_of(i))]
    scopes: list[str | None] = [None]
    in_note = False
    for n in range(i + 1, len(lines)):
        stripped = lines[n].strip()
        line = line_of(n)
        if in_note:
            in_note = stripped != "end note"
            continue
        if not stripped or stripped.startswith("%%"):
            continue
        scope = scopes[-1]
        m = _TRANSITION.match(stripped)
        if m:
            graph.transitions.append((m["src"], m["dst"], line, scope))
            for name in (m["src"], m["dst"]):
                if name != START:
                    graph.scope_of.setdefault(name, scope)
            continue
        m = _STATE_AS.match(stripped) or _STATE.match(stripped)
        if m:
            graph.declared.setdefault(m["id"], line)
            graph.scope_of.setdefault(m["id"], scope)
            if m["open"]:
                graph.composites[m["id"]] = scope
                scopes.append(m["id"])
            continue
        if stripped == "}":
            if len(scopes) == 1:
                problems.append(
                    Problem("SK509", "graph: '}' closes no `state Name {`; remove it", line)
                )
            else:
                scopes.pop()
            continue
        if _IGNORED.match(stripped) or _NOTE_LINE.match(stripped):
            continue
        if _NOTE_BLOCK.match(stripped):
            in_note = True
            continue
        m = _DECLARATION.match(stripped)
        if m:
            if not m["text"].strip():
                problems.append(
                    Problem(
                        "SK509",
                        f"graph: state '{m['id']}' has an empty description; "
                        f"write `{m['id']}: what this step does`",
                        line,
                    )
                )
            graph.declared.setdefault(m["id"], line)
            graph.scope_of.setdefault(m["id"], scope)
            continue
        problems.append(Problem("SK509", f"graph: {_unreadable(stripped)}", line))
    if len(scopes) > 1:
        problems.append(
            Problem(
                "SK509",
                f"graph: `state {scopes[-1]} {{` is never closed; add a '}}' line",
                graph.declared.get(str(scopes[-1]), graph.header_line),
            )
        )
    return (None if problems else graph), problems


def _unreadable(line: str) -> str:
    shown = _short(line)
    if re.search(r"(?<!-)->(?!>)", line) and "-->" not in line:
        return f"cannot read '{shown}': a transition's arrow is `-->` (A --> B)"
    if "-->" in line:
        return (
            f"cannot read the transition '{shown}': write `A --> B` or `A --> B: label`, with "
            "state names of letters, digits, '_' and '-', and [*] for the start or end"
        )
    return (
        f"cannot read '{shown}'; write `Name: description`, `A --> B`, `[*] --> A`, "
        "`A --> [*]` or a `%%` comment"
    )


def check_graph(text: str, line_of: Callable[[int], int] = lambda i: i + 1) -> list[Problem]:
    """Every problem of a graph's text: SK509 if it does not parse (nothing else is checked
    then), else SK510 / SK511 / SK512 and the SK408 warnings."""
    graph, problems = parse_graph(text, line_of)
    if graph is None:
        return problems
    return _check_structure(graph)


def _check_structure(graph: Graph) -> list[Problem]:
    out: list[Problem] = []
    used: dict[str, int] = {}
    for src, dst, line, _ in graph.transitions:
        for name in (src, dst):
            if name != START:
                used.setdefault(name, line)
    if graph.declared:
        declared = sorted(graph.declared)
        undeclared = [(n, line) for n, line in used.items() if n not in graph.declared]
        for name, line in undeclared[:MAX_REPORTED]:
            # difflib is quadratic: a guess only where the graph is of a plausible size
            close = _close(name, declared) if len(declared) <= MAX_GUESS_AMONG else None
            hint = f"did you mean '{close}'? " if close else ""
            out.append(
                Problem(
                    "SK510",
                    f"graph: state '{name}' is used in a transition but never declared; "
                    f"{hint}declare it (`{name}: what it does`) or fix the name",
                    line,
                )
            )
        out += _more("SK510", undeclared, "used in transitions but never declared")
    # Nodes: the states, plus ("start", scope) and ("end", scope) for each scope's [*].
    edges: dict[Any, list[Any]] = {}
    for src, dst, _, scope in graph.transitions:
        a = ("start", scope) if src == START else src
        b = ("end", scope) if dst == START else dst
        edges.setdefault(a, []).append(b)
    for composite in graph.composites:
        edges.setdefault(composite, []).append(("start", composite))  # entering it starts it
    root_start, root_end = ("start", None), ("end", None)
    if root_start not in edges:
        first = next(iter(graph.declared), None) or next(iter(used), "FirstState")
        out.append(
            Problem(
                "SK511",
                f"graph has no start; add `[*] --> {first}` (the state the agent begins in)",
                graph.header_line,
            )
        )
        return sorted(out, key=lambda p: (p.line or 0, p.code))
    reached = {root_start}
    todo = [root_start]
    while todo:
        for nxt in edges.get(todo.pop(), []):
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    if root_end not in reached:
        has_end = any(dst == START and scope is None for _, dst, _, scope in graph.transitions)
        why = (
            "no state the start leads to goes on to the end (`--> [*]`)"
            if has_end
            else "it has no end"
        )
        order = [*used, *graph.declared]
        last = next((s for s in reversed(order) if s in reached), None) or "LastState"
        out.append(
            Problem(
                "SK512",
                f"graph: no end can be reached from the start: {why}; add a transition "
                f"`{last} --> [*]` from a state the start reaches",
                graph.header_line,
            )
        )
    states = {**used, **graph.declared}
    cut_off = [(n, states[n]) for n in sorted(states, key=lambda s: states[s]) if n not in reached]
    for name, line in cut_off[:MAX_REPORTED]:
        out.append(
            Problem(
                "SK408",
                f"graph: state '{name}' cannot be reached from the start (`[*]`); add a "
                f"transition to it, or remove it",
                line,
            )
        )
    out += _more("SK408", cut_off, "that cannot be reached from the start")
    return sorted(out, key=lambda p: (p.line or 0, p.code))


def _more(code: str, found: list[tuple[str, int]], what: str) -> list[Problem]:
    """One finding for what is left after the first MAX_REPORTED of a kind."""
    if len(found) <= MAX_REPORTED:
        return []
    name, line = found[MAX_REPORTED]
    left = len(found) - MAX_REPORTED
    return [
        Problem(
            code,
            f"graph: {left} more states {what}, from '{name}' on (only the first "
            f"{MAX_REPORTED} are named); fix those first",
            line,
        )
    ]


__all__ = [
    "API_VERSION",
    "FILE",
    "KEYS",
    "REQUIRED",
    "TOOLSETS",
    "Graph",
    "Problem",
    "check_file",
    "check_graph",
    "check_text",
    "parse_graph",
]
