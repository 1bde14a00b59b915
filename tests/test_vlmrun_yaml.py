"""vlmrun.yaml (VLM Run's agent config) is checked in the vlmrun profile: every key with its
line, and the graph, a Mermaid stateDiagram-v2, parsed and walked from its start to its end.

Each test builds a real skill folder on tmp_path and lints it as `skillkit validate` does; the
findings are asserted by exact code, line and message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_skill, run_cli
from conftest import only as only_findings

from skillkit.lint import Finding, lint_skill
from skillkit.vlmrun_yaml import TOOLSETS, check_graph

GRAPH = """\
  stateDiagram-v2
  AnalyzeImage: Analyze input image content
  Output: Produce structured output conforming to the target schema
  [*] --> AnalyzeImage
  AnalyzeImage --> Output
  Output --> [*]
"""

HEAD = """\
apiVersion: vlm.run/v1alpha
metadata: {}
model: vlmrun-orion-1:auto
toolsets: [core, document]
"""

VALID = HEAD + "graph: |\n" + GRAPH  # the example of VLM Run's docs; graph lines 6-11


def agent_skill(tmp_path: Path, text: str | bytes, name: str = "agent") -> Path:
    return make_skill(tmp_path, name, files={"vlmrun.yaml": text})


def yaml_findings(root: Path, profile: str = "vlmrun") -> list[Finding]:
    return [f for f in lint_skill(root, profile=profile) if f.path.endswith("vlmrun.yaml")]


def only(findings: list[Finding], code: str) -> list[Finding]:
    """conftest's `only`, and each finding in vlmrun.yaml."""
    hits = only_findings(findings, code)
    assert all(f.path.endswith("vlmrun.yaml") for f in hits), hits
    return hits


def shown(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


def with_graph(graph: str) -> str:
    """vlmrun.yaml with the given graph lines (indented under `graph: |`, from line 6)."""
    body = "".join(f"  {line}\n" if line else "\n" for line in graph.split("\n"))
    return HEAD + "graph: |\n" + body


# --------------------------------------------------------------------------- the file


def test_the_docs_example_is_clean(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID)
    assert lint_skill(root) == []
    assert lint_skill(root, profile="agentskills") == []


def test_invalid_yaml_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, HEAD + "graph: [unclosed\n")
    (hit,) = only(yaml_findings(root), "SK501")
    assert hit.line == 6
    assert hit.message.startswith("not valid YAML: ")


def test_a_duplicate_key_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID + "model: other\n")
    (hit,) = only(yaml_findings(root), "SK501")
    assert hit.line == 12
    assert "duplicate key 'model' (first on line 3)" in hit.message


def test_not_utf8_and_a_folder_are_unreadable(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, b"apiVersion: \xff\n")
    (hit,) = only(yaml_findings(root), "SK501")
    assert hit.message == "not valid UTF-8 (byte 12); save it as UTF-8" and hit.line == 1
    other = make_skill(tmp_path, "folder")
    (other / "vlmrun.yaml").mkdir()
    (hit,) = only(yaml_findings(other), "SK501")
    assert "is a folder, not a regular file" in hit.message and hit.line is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "fifo")
    os.mkfifo(root / "vlmrun.yaml")
    (hit,) = only(yaml_findings(root), "SK501")
    assert "FIFO" in hit.message


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("", 1, "is empty; write apiVersion: vlm.run/v1alpha"),
        ("# only a comment\n", 1, "is empty;"),
        ("\n\n- apiVersion\n", 3, "must be a YAML mapping"),
        ("just text\n", 1, "must be a YAML mapping"),
    ],
)
def test_empty_or_not_a_mapping(tmp_path: Path, text: str, line: int, start: str) -> None:
    root = agent_skill(tmp_path, text)
    (hit,) = only(yaml_findings(root), "SK502")
    assert hit.line == line and hit.message.startswith(start)


def test_every_required_key_missing_is_named(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, "metadata: {}\n")
    hits = only(yaml_findings(root), "SK503")
    assert [h.message for h in hits] == [
        "'apiVersion' is required; add `apiVersion: vlm.run/v1alpha`",
        "'model' is required; add `model: vlmrun-orion-1:auto`",
        "'toolsets' is required; add `toolsets: [core]`",
        "'graph' is required; add `graph: | (a Mermaid stateDiagram-v2)`",
    ]
    assert {h.line for h in hits} == {1}


def test_metadata_is_optional(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID.replace("metadata: {}\n", ""))
    assert yaml_findings(root) == []


@pytest.mark.parametrize(
    ("key", "meant"),
    [("modle", "model"), ("api_version", "apiVersion"), ("Toolsets", "toolsets")],
)
def test_unknown_keys_are_errors_with_did_you_mean(tmp_path: Path, key: str, meant: str) -> None:
    root = agent_skill(tmp_path, VALID + f"{key}: x\n")
    (hit,) = only(yaml_findings(root), "SK504")
    assert hit.line == 12
    assert hit.message == (
        f"unknown key '{key}'; did you mean '{meant}'? vlmrun.yaml has only apiVersion, "
        "metadata, model, toolsets, graph"
    )


def test_an_unknown_key_like_nothing_gets_no_guess(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, "kind: Agent\n" + VALID)
    (hit,) = only(yaml_findings(root), "SK504")
    assert hit.line == 1 and "did you mean" not in hit.message


@pytest.mark.parametrize("value", ["vlm.run/v1", "v1alpha", "1"])
def test_api_version_must_be_v1alpha(tmp_path: Path, value: str) -> None:
    root = agent_skill(tmp_path, VALID.replace("vlm.run/v1alpha", value))
    (hit,) = only(yaml_findings(root), "SK505")
    assert hit.line == 1
    assert hit.message.endswith(
        "write `apiVersion: vlm.run/v1alpha` (the version VLM Run documents)"
    )
    assert repr(value).strip("'") in hit.message


@pytest.mark.parametrize(
    ("value", "what"), [('""', "empty"), ("", "empty"), ("3", "not a string (3)")]
)
def test_model_must_be_a_non_empty_string(tmp_path: Path, value: str, what: str) -> None:
    root = agent_skill(tmp_path, VALID.replace("model: vlmrun-orion-1:auto", f"model: {value}"))
    (hit,) = only(yaml_findings(root), "SK506")
    assert hit.line == 3
    assert hit.message == f"model is {what}; name an Orion model, e.g. `model: vlmrun-orion-1:auto`"


def test_toolsets_as_a_string_gets_the_list_to_write(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID.replace("[core, document]", "core, document"))
    (hit,) = only(yaml_findings(root), "SK507")
    assert hit.line == 4
    assert hit.message == "toolsets must be a list of strings; write `toolsets: [core, document]`"


def test_a_toolset_that_is_not_a_string_is_an_error_on_its_own_line(tmp_path: Path) -> None:
    text = VALID.replace("toolsets: [core, document]\n", "toolsets:\n  - core\n  - 42\n")
    root = agent_skill(tmp_path, text)
    (hit,) = only(yaml_findings(root), "SK507")
    assert hit.line == 6
    assert hit.message.startswith("toolset 42 is not a name;")


def test_an_undocumented_toolset_is_a_warning_with_did_you_mean(tmp_path: Path) -> None:
    text = VALID.replace(
        "toolsets: [core, document]\n", "toolsets:\n  - core\n  - documents\n  - telepathy\n"
    )
    root = agent_skill(tmp_path, text)
    hits = only(yaml_findings(root), "SK407")
    known = ", ".join(TOOLSETS)
    assert [(h.line, h.message) for h in hits] == [
        (
            6,
            f"toolset 'documents' is not one VLM Run documents; did you mean 'document'? known: {known}",
        ),
        (7, f"toolset 'telepathy' is not one VLM Run documents; known: {known}"),
    ]
    result = run_cli("validate", root)
    assert result.exit_code == 0  # warnings only
    strict = run_cli("validate", "--strict", root)
    assert strict.exit_code == 1 and "SK407" in strict.stdout


def test_every_documented_toolset_is_accepted(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID.replace("[core, document]", f"[{', '.join(TOOLSETS)}]"))
    assert yaml_findings(root) == []


@pytest.mark.parametrize(
    ("value", "what"), [("[]", "a list"), ("", "empty"), ("reserved", "a string")]
)
def test_metadata_must_be_a_mapping(tmp_path: Path, value: str, what: str) -> None:
    root = agent_skill(tmp_path, VALID.replace("metadata: {}", f"metadata: {value}"))
    (hit,) = only(yaml_findings(root), "SK508")
    assert hit.line == 2
    assert hit.message == (
        f"metadata must be a mapping, not {what}; write `metadata: {{}}` (VLM Run reserves it)"
    )


# --------------------------------------------------------------------------- the graph


def test_graph_must_be_a_string(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, HEAD + "graph: [a, b]\n")
    (hit,) = only(yaml_findings(root), "SK509")
    assert hit.line == 5
    assert hit.message == (
        "graph is not a string (a list); write `graph: |` with a Mermaid stateDiagram-v2 on "
        "the lines below"
    )


def test_a_folded_graph_is_refused_with_the_fix(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, HEAD + "graph: >\n" + GRAPH)
    (hit,) = only(yaml_findings(root), "SK509")
    assert hit.line == 5 and "write `graph: |`" in hit.message


def test_a_quoted_one_line_graph_with_joined_lines_says_so(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, HEAD + 'graph: "stateDiagram-v2 A: x [*] --> A A --> [*]"\n')
    (hit,) = only(yaml_findings(root), "SK509")
    assert hit.line == 5
    assert "its lines were joined into one" in hit.message


def test_a_quoted_graph_with_newline_escapes_parses(tmp_path: Path) -> None:
    text = HEAD + 'graph: "stateDiagram-v2\\nA: Read it\\n[*] --> A\\nA --> [*]\\n"\n'
    assert yaml_findings(agent_skill(tmp_path, text)) == []


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("stateDiagram", "write `stateDiagram-v2` (the version VLM Run documents)"),
        ("flowchart TD", "the first line of the graph must be `stateDiagram-v2`"),
    ],
)
def test_the_header_must_be_state_diagram_v2(tmp_path: Path, header: str, why: str) -> None:
    root = agent_skill(tmp_path, with_graph(GRAPH.replace("  stateDiagram-v2\n", f"{header}\n")))
    (hit,) = only(yaml_findings(root), "SK509")
    assert hit.line == 6
    assert hit.message == f"graph starts with '{header}'; {why}"


def test_comments_and_blank_lines_before_the_header_are_fine(tmp_path: Path) -> None:
    graph = "\n%% the agent's steps\n" + "\n".join(x.strip() for x in GRAPH.splitlines())
    assert yaml_findings(agent_skill(tmp_path, with_graph(graph))) == []


def test_a_line_that_does_not_parse_is_named_with_its_file_line(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\nA: Read\nB: Answer\n[*] --> A\nA -> B\nB --> [*]\nwhat is this"
    root = agent_skill(tmp_path, with_graph(graph))
    hits = only(yaml_findings(root), "SK509")
    assert [(h.line, h.message) for h in hits] == [
        (10, "graph: cannot read 'A -> B': a transition's arrow is `-->` (A --> B)"),
        (
            12,
            "graph: cannot read 'what is this'; write `Name: description`, `A --> B`, "
            "`[*] --> A`, `A --> [*]` or a `%%` comment",
        ),
    ]
    # a graph that does not parse is not walked: no SK408/SK510-512 on top
    assert {f.code for f in yaml_findings(root)} == {"SK509"}


def test_an_empty_state_description_is_an_error(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\nA:\n[*] --> A\nA --> [*]"
    (hit,) = only(yaml_findings(agent_skill(tmp_path, with_graph(graph))), "SK509")
    assert hit.line == 7
    assert (
        hit.message == "graph: state 'A' has an empty description; write `A: what this step does`"
    )


def test_mermaid_extras_are_accepted(tmp_path: Path) -> None:
    graph = """stateDiagram-v2
direction LR
%% comments anywhere
state "Read every page" as Read
Check: Is the document complete?
state Decide <<choice>>
Output: Produce the JSON
classDef important font-weight:bold
class Output important
note right of Read : pages in order
note left of Check
  several lines
  of note
end note
[*] --> Read
Read --> Check : pages read
Check --> Decide
Decide --> Output: complete
Decide --> Read: pages missing
Output:::important --> [*]"""
    assert yaml_findings(agent_skill(tmp_path, with_graph(graph))) == []


def test_composite_states_have_their_own_start(tmp_path: Path) -> None:
    graph = """stateDiagram-v2
Output: Produce the JSON
state Extract {
  Fields: Find the fields
  Tables: Read the tables
  [*] --> Fields
  Fields --> Tables
  Tables --> [*]
}
[*] --> Extract
Extract --> Output
Output --> [*]"""
    assert yaml_findings(agent_skill(tmp_path, with_graph(graph))) == []
    unclosed = graph.replace("\n}", "")
    (hit,) = only(yaml_findings(agent_skill(tmp_path, with_graph(unclosed), "other")), "SK509")
    assert (
        hit.line == 8 and hit.message == "graph: `state Extract {` is never closed; add a '}' line"
    )


def test_an_undeclared_state_is_an_error_with_did_you_mean(tmp_path: Path) -> None:
    graph = GRAPH.replace("AnalyzeImage --> Output", "AnalyzeImage --> Ouptut")
    root = agent_skill(tmp_path, with_graph("\n".join(x.strip() for x in graph.splitlines())))
    findings = yaml_findings(root)
    (hit,) = only(findings, "SK510")
    assert hit.line == 10
    assert hit.message == (
        "graph: state 'Ouptut' is used in a transition but never declared; did you mean "
        "'Output'? declare it (`Ouptut: what it does`) or fix the name"
    )
    # and the misspelling cuts the path to the end: Output is no longer reached
    assert shown(findings) == [("SK512", 6), ("SK408", 8), ("SK510", 10)]


def test_a_graph_without_declarations_uses_mermaid_implicit_states(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\n[*] --> Read\nRead --> Answer\nAnswer --> [*]"
    assert yaml_findings(agent_skill(tmp_path, with_graph(graph))) == []


def test_no_start_is_an_error_on_the_header_line(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\nA: Read\nB: Answer\nA --> B\nB --> [*]"
    (hit,) = only(yaml_findings(agent_skill(tmp_path, with_graph(graph))), "SK511")
    assert hit.line == 6
    assert hit.message == "graph has no start; add `[*] --> A` (the state the agent begins in)"


def test_no_end_at_all_is_an_error(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\nA: Read\nB: Answer\n[*] --> A\nA --> B"
    (hit,) = only(yaml_findings(agent_skill(tmp_path, with_graph(graph))), "SK512")
    assert hit.line == 6
    assert hit.message == (
        "graph: no end can be reached from the start: it has no end; add a transition "
        "`B --> [*]` from a state the start reaches"
    )


def test_an_end_the_start_never_reaches_is_an_error_and_the_cut_off_states_warnings(
    tmp_path: Path,
) -> None:
    graph = "stateDiagram-v2\nA: Read\nB: Answer\nC: Loop\n[*] --> A\nA --> C\nC --> A\nB --> [*]"
    findings = yaml_findings(agent_skill(tmp_path, with_graph(graph)))
    (end,) = only(findings, "SK512")
    assert end.line == 6
    assert "no state the start leads to goes on to the end (`--> [*]`)" in end.message
    assert "`C --> [*]`" in end.message  # the suggestion starts from a state that is reached
    (cut,) = only(findings, "SK408")
    assert cut.line == 8
    assert cut.message == (
        "graph: state 'B' cannot be reached from the start (`[*]`); add a transition to it, "
        "or remove it"
    )


def test_an_unreachable_state_alone_is_only_a_warning(tmp_path: Path) -> None:
    graph = "stateDiagram-v2\nA: Read\nSpare: Never used\n[*] --> A\nA --> [*]"
    root = agent_skill(tmp_path, with_graph(graph))
    assert shown(yaml_findings(root)) == [("SK408", 8)]
    assert run_cli("validate", root).exit_code == 0


def test_check_graph_on_its_own_numbers_lines_from_one() -> None:
    problems = check_graph("stateDiagram-v2\n[*] --> A\nA --> B\nB -> C\n")
    assert [(p.code, p.line) for p in problems] == [("SK509", 4)]


# --------------------------------------------------------------------------- placement


def test_only_the_root_vlmrun_yaml_is_checked(tmp_path: Path) -> None:
    root = make_skill(tmp_path, "nested", files={"resources/vlmrun.yaml": "not: [valid\n"})
    assert lint_skill(root) == []


def test_a_symlink_leading_out_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("- not a mapping\n")
    root = make_skill(tmp_path, "linked")
    (root / "vlmrun.yaml").symlink_to(outside)
    codes = [f.code for f in lint_skill(root)]
    assert "SK202" in codes and not [c for c in codes if c.startswith("SK5")]


def test_crlf_and_a_bom_are_read(tmp_path: Path) -> None:
    text = "\ufeff" + VALID.replace("\n", "\r\n")
    assert yaml_findings(agent_skill(tmp_path, text.encode("utf-8"))) == []
    bad = ("\ufeff" + VALID.replace("vlm.run/v1alpha", "v2")).replace("\n", "\r\n")
    (hit,) = only(yaml_findings(agent_skill(tmp_path, bad.encode(), "crlf")), "SK505")
    assert hit.line == 1


def test_findings_name_file_and_line_in_text_output(tmp_path: Path) -> None:
    root = agent_skill(tmp_path, VALID.replace("model: vlmrun-orion-1:auto", "model: 7"))
    result = run_cli("validate", root)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{root / 'vlmrun.yaml'}:3: SK506 model is not a string (7); name an Orion model, "
        "e.g. `model: vlmrun-orion-1:auto`"
    ]


def test_a_huge_graph_names_the_first_twenty_and_counts_the_rest(tmp_path: Path) -> None:
    lines = ["stateDiagram-v2", "A: Read", "[*] --> A", "A --> [*]"]
    lines += [f"A --> Typo{i}" for i in range(25)]  # 25 undeclared, all reached
    findings = yaml_findings(agent_skill(tmp_path, with_graph("\n".join(lines))))
    hits = only(findings, "SK510")
    assert len(hits) == 21 and len(findings) == 21
    assert hits[0].line == 10 and "'Typo0'" in hits[0].message
    assert (hits[-1].line, hits[-1].message) == (
        30,
        "graph: 5 more states used in transitions but never declared, from 'Typo20' on (only "
        "the first 20 are named); fix those first",
    )
