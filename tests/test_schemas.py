"""schema.json as people write it (skillkit.schemas and every consumer of it).

`$schema` picks the draft (draft-07 with tuple `items`, 2019-09, 2020-12 by default) in lint,
the judge, the runner, the server and the engine; local `$ref`s to files in the skill folder
are inlined; remote refs are never fetched (a loopback server proves it); refs leaving the
folder are refused; `required` naming undefined properties is SK308 and the engine neither
blanks the document nor answers invalid output; SK302/SK304 name the line and what to write.
"""

from __future__ import annotations

import asyncio
import http.server
import io
import json
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import make_skill, run_cli

from skillkit.compare import judge
from skillkit.errors import CasesError, EngineError, SkillError
from skillkit.lint import lint_skill

DOC = "Invoice Number: INV-7\nTotal: 12.50\nCity: Springfield\n"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
MARKER = "zz-outside-content-marker-41"


def codes(findings) -> list[tuple[str, int | None]]:
    return [(f.code, f.line) for f in findings]


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=2) + "\n"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2, 3), result.output


def extract_text(tmp_path: Path, schema: dict, text: str = DOC) -> dict:
    from skillkit.engine import extract

    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    return extract(doc, schema).data


def schema_errors(data, schema) -> list[str]:
    return judge(data, data, schema=schema).schema_errors


# --------------------------------------------------------------------------- drafts

TUPLE_07 = {
    "$schema": DRAFT_07,
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string"},
        "pair": {
            "type": "array",
            "items": [{"type": "string"}, {"type": "number"}],
            "additionalItems": False,
        },
    },
}


def test_draft07_tuple_items_is_valid_in_validate(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        files={
            "schema.json": schema_text(TUPLE_07),
            "tests/a.txt": DOC,
            "tests/a.expected.json": '{\n  "invoice_number": "INV-7",\n  "pair": ["a", "b"]\n}',
        },
    )
    findings = lint_skill(root)
    assert [f for f in findings if f.code == "SK302"] == []
    # the tuple is applied (draft-07 semantics): the second item must be a number, on line 3
    (hit,) = [f for f in findings if f.code == "SK304"]
    assert hit.message.startswith("/pair/1:") and hit.line == 3
    result = run_cli("validate", root)
    no_traceback(result)
    assert "SK302" not in result.output


def test_draft07_tuple_items_in_the_judge_and_the_engine(tmp_path: Path) -> None:
    assert schema_errors({"invoice_number": "x", "pair": ["a", 1]}, TUPLE_07) == []
    errors = schema_errors({"invoice_number": "x", "pair": [1, "a", 2]}, TUPLE_07)
    assert any(e.startswith("/pair/0:") for e in errors)
    assert any("Additional items" in e for e in errors)

    from skillkit.engine.schema import conform

    fixed = conform({"invoice_number": "x", "pair": ["a", "not a number", 3]}, TUPLE_07)
    assert schema_errors(fixed, TUPLE_07) == []
    assert fixed["pair"][0] == "a"  # the valid tuple item is kept, not the whole array wiped
    out = extract_text(tmp_path, TUPLE_07)
    assert out["invoice_number"] == "INV-7" and schema_errors(out, TUPLE_07) == []


def test_2019_09_is_checked_in_its_own_draft(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "type": "object",
        "properties": {"pair": {"type": "array", "items": [{"type": "string"}]}},
        "dependentRequired": {"pair": ["invoice_number"]},
    }
    root = make_skill(tmp_path, files={"schema.json": schema_text(schema)})
    assert [f for f in lint_skill(root) if f.code.startswith("SK3")] == []
    assert schema_errors({"pair": [1]}, schema) == [
        "(root): 'invoice_number' is a dependency of 'pair'",
        "/pair/0: 1 is not of type 'string'",
    ]


def test_without_schema_keyword_it_is_2020_12_and_tuple_items_get_a_hint(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"pair": {"items": [{"type": "string"}]}}}
    text = schema_text(schema)
    root = make_skill(tmp_path, files={"schema.json": text})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == line_of(text, '"items"')
    assert "prefixItems" in hit.message and DRAFT_07 in hit.message


def test_unknown_schema_uri_is_a_clear_finding_everywhere(tmp_path: Path) -> None:
    schema = {"$schema": "https://example.com/my-own-draft", "type": "object"}
    text = schema_text(schema)
    root = make_skill(tmp_path, files={"schema.json": text, "tests/a.txt": DOC})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == line_of(text, '"$schema"')
    assert "https://example.com/my-own-draft" in hit.message and "draft-07" in hit.message
    result = run_cli("validate", root)
    no_traceback(result)
    assert result.exit_code == 1
    with pytest.raises(SkillError, match="not a JSON Schema draft skillkit knows"):
        judge({}, {}, schema=schema)
    with pytest.raises(EngineError, match="not a JSON Schema draft skillkit knows"):
        extract_text(tmp_path, schema)
    from skillkit.cases import load_cases
    from skillkit.runner import check_output_schema

    (case,) = load_cases(root)
    with pytest.raises(SkillError) as err:
        check_output_schema(case)
    assert err.value.line == hit.line and "draft" in err.value.message


# --------------------------------------------------------------------------- local refs

ADDRESS = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "zip": {"$ref": "#/definitions/zip"}},
    "definitions": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"}},
}
COMMON = {"definitions": {"money": {"type": "number", "minimum": 0}}}
WITH_REFS = {
    "$schema": DRAFT_07,
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string"},
        "total": {"$ref": "common.json#/definitions/money"},
        "vendor_address": {"$ref": "defs/address.json"},
    },
    "required": ["invoice_number", "total"],
}


def refs_skill(tmp_path: Path, **extra: str) -> Path:
    return make_skill(
        tmp_path,
        files={
            "schema.json": schema_text(WITH_REFS),
            "common.json": json.dumps(COMMON),
            "defs/address.json": json.dumps(ADDRESS),
            "tests/a.txt": DOC,
            "tests/a.expected.json": json.dumps(
                {
                    "invoice_number": "INV-7",
                    "total": 12.5,
                    "vendor_address": {"city": "Springfield"},
                }
            ),
            **extra,
        },
    )


def test_local_refs_resolve_in_validate(tmp_path: Path) -> None:
    root = refs_skill(
        tmp_path,
        **{
            "tests/b.txt": DOC,
            "tests/b.expected.json": '{"invoice_number": "x", "total": -1,'
            ' "vendor_address": {"city": "S", "zip": "abc"}}',
        },
    )
    findings = lint_skill(root)
    assert [f for f in findings if f.code in ("SK301", "SK302")] == []
    # the constraints of the referenced files apply (minimum, the file's own #/definitions)
    bad = sorted(f.message.split(":")[0] for f in findings if f.code == "SK304")
    assert bad == ["/total", "/vendor_address/zip"]
    result = run_cli("validate", root)
    no_traceback(result)


def test_local_refs_resolve_in_test_and_generate_and_the_schema_is_self_contained(
    tmp_path: Path,
) -> None:
    from skillkit.runner import RunOptions, run_tests
    from skillkit.skill import load_skill

    root = refs_skill(tmp_path)
    schema = load_skill(root).schema
    refs = [v for v in _walk_refs(schema)]
    assert refs and all(r.startswith("#/definitions/") for r in refs), refs

    run = run_tests([root], RunOptions(local=True))
    (case,) = run.results
    assert case.status == "passed", (case.message, case.actual)
    generated = run_cli("generate", root, root / "tests" / "a.txt", "--local")
    assert generated.exit_code == 0, generated.output
    assert json.loads(generated.stdout)["vendor_address"] == {"city": "Springfield"}


def _walk_refs(node) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from _walk_refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_refs(v)


def test_referenced_files_are_in_the_pack(tmp_path: Path) -> None:
    root = refs_skill(tmp_path)
    out = tmp_path / "skill.zip"
    result = run_cli("pack", root, "--format", "zip", "-o", out)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    names = zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist()
    assert {"schema.json", "common.json", "defs/address.json"} <= set(names)


def test_ref_into_tests_or_an_ignored_file_is_a_finding(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"$ref": "tests/shared.json"},
            "b": {"$ref": "private/notes.json"},
        },
    }
    text = schema_text(schema)
    root = make_skill(
        tmp_path,
        files={
            "schema.json": text,
            "tests/shared.json": "{}",
            "private/notes.json": "{}",
            ".skillignore": "private/\n",
        },
    )
    hits = {f.line: f.message for f in lint_skill(root) if f.code == "SK302"}
    assert set(hits) == {line_of(text, "tests/shared.json"), line_of(text, "private/notes")}
    assert "never bundled" in hits[line_of(text, "tests/shared.json")]
    assert "excluded from the bundle" in hits[line_of(text, "private/notes")]
    packed = run_cli("pack", root, "-o", tmp_path / "p.json")
    no_traceback(packed)
    assert packed.exit_code == 1 and "tests/shared.json" in packed.output


def test_ref_cycles_between_files_are_inlined_once(tmp_path: Path) -> None:
    from skillkit.skill import load_skill

    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "node.json"}},
            "parent": {"$ref": "#"},
        },
    }
    root = make_skill(
        tmp_path,
        files={
            "schema.json": json.dumps(
                {"type": "object", "properties": {"tree": {"$ref": "defs/node.json"}}}
            ),
            "defs/node.json": json.dumps(node),
        },
    )
    assert [f for f in lint_skill(root) if f.code.startswith("SK3")] == []
    schema = load_skill(root).schema
    assert list(schema["$defs"]) == ["defs_node.json"]
    good = {"tree": {"name": "a", "children": [{"name": "b", "parent": {"name": "c"}}]}}
    assert schema_errors(good, schema) == []
    assert schema_errors({"tree": {"children": [{"name": 5}]}}, schema) == [
        "/tree/children/0/name: 5 is not of type 'string'"
    ]


def test_cases_yaml_json_schema_file_gets_the_same_resolution(tmp_path: Path) -> None:
    from skillkit.cases import load_cases

    alt = {"type": "object", "properties": {"vendor_address": {"$ref": "../defs/address.json"}}}
    root = make_skill(
        tmp_path,
        files={
            "defs/address.json": json.dumps(ADDRESS),
            "tests/alt.schema.json": json.dumps(alt),
            "tests/a.txt": DOC,
            "tests/cases.yaml": "defaults:\n  config: {json_schema: alt.schema.json}\n",
        },
    )
    (case,) = load_cases(root)
    assert case.schema["properties"]["vendor_address"] == {"$ref": "#/$defs/defs_address.json"}
    assert schema_errors({"vendor_address": {"zip": "1"}}, case.schema) != []

    escaping = {"type": "object", "properties": {"x": {"$ref": "../../outside.json"}}}
    (tmp_path / "outside.json").write_text(json.dumps({"title": MARKER}))
    (root / "tests" / "alt.schema.json").write_text(json.dumps(escaping))
    with pytest.raises(CasesError, match="leaves the skill folder") as err:
        load_cases(root)
    assert MARKER not in str(err.value)


# --------------------------------------------------------------------------- never fetched


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        body = json.dumps({"type": "string", "title": MARKER}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that serves a schema and records every request it gets."""

    class Handler(_Recorder):
        hits: list[str] = []

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/x.json", Handler.hits
    finally:
        server.shutdown()
        server.server_close()


def _remote_skill(tmp_path: Path, ref: str) -> tuple[Path, str]:
    schema = {
        "type": "object",
        "properties": {"invoice_number": {"$ref": ref}, "total": {"type": "number"}},
    }
    text = schema_text(schema)
    root = make_skill(
        tmp_path,
        files={
            "schema.json": text,
            "tests/a.txt": DOC,
            "tests/a.expected.json": json.dumps({"invoice_number": 7, "total": 12.5}),
        },
    )
    return root, text


def test_remote_ref_is_never_fetched(tmp_path: Path, recorder) -> None:
    url, hits = recorder
    assert httpx.get(url).status_code == 200 and hits == ["/x.json"]  # the recorder works
    hits.clear()
    root, text = _remote_skill(tmp_path, url)

    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == line_of(text, url) and url in hit.message and "remote" in hit.message
    outputs = []
    for args in (
        ("validate", root),
        ("validate", root, "--format", "json"),
        ("pack", root, "-o", tmp_path / "p.json"),
        ("pack", root, "--no-validate", "-o", tmp_path / "p2.json"),
        ("test", root, "--local"),
        ("generate", root, root / "tests" / "a.txt", "--local"),
    ):
        result = run_cli(*args)
        no_traceback(result)
        assert result.exit_code != 0, args
        assert url in result.output, args
        outputs.append(result.output)
    with pytest.raises(SkillError, match="remote"):
        judge({"invoice_number": "x"}, {}, schema=json.loads(text))
    with pytest.raises(EngineError, match="remote"):
        extract_text(tmp_path, json.loads(text))
    body = _in_process_generate(tmp_path, {"json_schema": json.loads(text)})
    assert body["status_code"] == 422 and url in json.dumps(body["json"])
    assert hits == []
    assert not any(MARKER in out for out in outputs)


def test_file_uri_ref_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.json"
    secret.parent.mkdir()
    secret.write_text(json.dumps({"type": "string", "title": MARKER}))
    ref = secret.as_uri()
    root, _ = _remote_skill(tmp_path, ref)
    outputs = [
        run_cli(*args)
        for args in (
            ("validate", root),
            ("pack", root, "-o", tmp_path / "p.json"),
            ("test", root, "--local"),
            ("generate", root, root / "tests" / "a.txt", "--local"),
        )
    ]
    for result in outputs:
        no_traceback(result)
        assert result.exit_code != 0 and ref in result.output
        assert MARKER not in result.output
    assert ref in str([f.message for f in lint_skill(root)])


def test_refs_leaving_the_skill_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"type": "string", "title": MARKER}))
    schema = {
        "type": "object",
        "properties": {
            "a": {"$ref": "../outside.json"},
            "b": {"$ref": str(outside)},
            "c": {"$ref": "defs/link.json"},
        },
    }
    text = schema_text(schema)
    root = make_skill(tmp_path, files={"schema.json": text})
    (root / "defs").mkdir()
    os.symlink(outside, root / "defs" / "link.json")
    hits = {f.line: f.message for f in lint_skill(root) if f.code == "SK302"}
    assert hits.keys() >= {line_of(text, "../outside"), line_of(text, str(outside))}
    assert "leaves the skill folder" in hits[line_of(text, "../outside")]
    assert "absolute path" in hits[line_of(text, str(outside))]
    assert "leaves the skill folder" in hits[line_of(text, "defs/link.json")]
    for args in (("validate", root), ("pack", root, "--no-validate", "-o", tmp_path / "p")):
        result = run_cli(*args)
        no_traceback(result)
        assert result.exit_code != 0 and MARKER not in result.output


# --------------------------------------------------------------------------- bundles on the server


def _in_process_generate(tmp_path: Path, config: dict, skills: list | None = None) -> dict:
    from skillkit.server import ServerSettings, create_app

    app = create_app(ServerSettings(data_dir=tmp_path / "server-data", api_key="k"))

    async def run() -> dict:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": "Bearer k"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://local", headers=headers
        ) as c:
            up = await c.post("/v1/files", files={"file": ("doc.txt", DOC.encode())})
            r = await c.post(
                "/v1/document/generate",
                json={
                    "file_id": up.json()["id"],
                    "batch": False,
                    "config": {**config, **({"skills": skills} if skills else {})},
                },
            )
            return {"status_code": r.status_code, "json": r.json()}

    try:
        return asyncio.run(run())
    finally:
        app.state.runtime.close()


def test_server_inlines_the_refs_of_a_bundles_schema(tmp_path: Path) -> None:
    from skillkit.bundle import pack_skill

    payload = pack_skill(refs_skill(tmp_path)).payload()
    body = _in_process_generate(tmp_path, {}, skills=[payload])
    assert body["status_code"] == 201, body
    assert body["json"]["status"] == "completed", body
    assert body["json"]["response"]["vendor_address"] == {"city": "Springfield"}


# --------------------------------------------------------------------------- SK308 and the engine


def test_sk308_names_the_line_of_required_at_any_depth(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "total": {"type": "number"},
            "lines": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"sku": {"type": "string"}},
                    "required": ["skuu"],
                },
            },
            "party": {"anyOf": [{"$ref": "#/$defs/party"}, {"type": "null"}]},
        },
        "required": ["totl"],
        "$defs": {
            "party": {"type": "object", "properties": {"name": {}}, "required": ["nam"]},
            # only `required`, no `properties`: a conditional requirement, not a typo
            "cond": {"if": {"required": ["x"]}, "then": {"required": ["y"]}},
        },
    }
    text = schema_text(schema)
    root = make_skill(tmp_path, files={"schema.json": text})
    hits = sorted((f.line, f.message) for f in lint_skill(root) if f.code == "SK308")
    lines = [line for line, _ in hits]
    required_lines = [n for n, line in enumerate(text.split("\n"), 1) if '"required": [' in line]
    assert lines == sorted(required_lines[:3])
    messages = " ".join(m for _, m in hits)
    assert '"skuu"' in messages and '"totl"' in messages and '"nam"' in messages
    assert 'did you mean "total"' in messages
    assert '"x"' not in messages and '"y"' not in messages


REQUIRED_UNDEFINED = {
    "type": "object",
    "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}},
    "required": ["invoice_number", "totl"],
}


def test_engine_adds_a_required_undefined_key_instead_of_blanking(tmp_path: Path) -> None:
    out = extract_text(tmp_path, REQUIRED_UNDEFINED)
    assert out["invoice_number"] == "INV-7" and out["total"] == 12.5
    assert "totl" in out and out["totl"] is None
    assert schema_errors(out, REQUIRED_UNDEFINED) == []


def test_engine_fails_clearly_when_no_output_can_validate(tmp_path: Path) -> None:
    schema = {**REQUIRED_UNDEFINED, "additionalProperties": False}
    with pytest.raises(EngineError, match="cannot be satisfied.*'totl'.*additionalProperties"):
        extract_text(tmp_path, schema)
    body = _in_process_generate(tmp_path, {"json_schema": schema})
    assert body["status_code"] == 201 and body["json"]["status"] == "failed"
    assert "'totl'" in body["json"]["response"]["error"]
    root = make_skill(tmp_path, files={"schema.json": json.dumps(schema), "tests/a.txt": DOC})
    result = run_cli("generate", root, root / "tests" / "a.txt", "--local", "--no-validate")
    no_traceback(result)
    assert result.exit_code != 0 and "cannot be satisfied" in result.output
    assert result.stdout.strip() == "" or "INV-7" not in result.stdout


@pytest.mark.parametrize("nullable_children", [True, False])
def test_engine_answers_a_recursive_schema(tmp_path: Path, nullable_children: bool) -> None:
    """A tree node that refers to itself is a legitimate schema: the engine answers it (bounded
    depth) with valid output instead of recursing until RecursionError."""
    child = {"$ref": "#/$defs/node"}
    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "child": {"anyOf": [child, {"type": "null"}]} if nullable_children else child,
            "children": {"type": "array", "items": child},
        },
        "required": ["name", "child", "children"],
    }
    schema = {
        "type": "object",
        "properties": {"title": {"type": "string"}, "root": child},
        "required": ["title", "root"],
        "$defs": {"node": node},
    }
    if not nullable_children:  # every node requires a child node: no finite output exists
        with pytest.raises(EngineError, match="cannot be satisfied by finite output"):
            extract_text(tmp_path, schema, "Title: Outline\nName: top\n")
        return
    out = extract_text(tmp_path, schema, "Title: Outline\nName: top\n")
    assert out["title"] == "Outline"
    assert judge(out, None, schema=schema).schema_errors == []


# --------------------------------------------------------------------------- lines and hints


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("float", "number"),
        ("int", "integer"),
        ("str", "string"),
        ("string ", "string"),
        ("bool", "boolean"),
        ("dict", "object"),
        ("list", "array"),
    ],
)
def test_sk302_type_hint_with_the_line_of_the_key(tmp_path: Path, written: str, fix: str) -> None:
    text = (
        '{\n  "type": "object",\n  "properties": {\n    "total": {\n'
        f'      "type": "{written}"\n    }}\n  }}\n}}\n'
    )
    root = make_skill(tmp_path, files={"schema.json": text})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == 5
    assert hit.message.startswith("/properties/total/type:")
    assert f'use "{fix}"' in hit.message


def test_sk302_draft03_required_true_hint(tmp_path: Path) -> None:
    text = (
        '{\n  "type": "object",\n  "properties": {\n'
        '    "total": {"type": "number",\n      "required": true}\n  }\n}\n'
    )
    root = make_skill(tmp_path, files={"schema.json": text})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == 5
    assert "parent's `required` array" in hit.message and '"required": ["total"]' in hit.message


def test_sk302_other_metaschema_errors_name_their_line(tmp_path: Path) -> None:
    text = '{\n  "type": "object",\n  "properties": {\n    "n": {"minimum": "3"}\n  }\n}\n'
    root = make_skill(tmp_path, files={"schema.json": text})
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.line == 4 and hit.message.startswith("/properties/n/minimum:")


def test_sk302_in_a_referenced_file_names_that_file_and_line(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        files={
            "schema.json": '{"properties": {"a": {"$ref": "defs/a.json"}}}',
            "defs/a.json": '{\n  "type": "object",\n  "properties": {"n": {"type": "int"}}\n}',
        },
    )
    (hit,) = [f for f in lint_skill(root) if f.code == "SK302"]
    assert hit.path == str(root / "defs" / "a.json") and hit.line == 3
    assert 'use "integer"' in hit.message


def test_sk304_names_the_line_of_the_offending_key_and_what_to_write(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {
            "total": {"type": "number"},
            "date": {"type": "string", "format": "date"},
            "items": {"type": "array", "items": {"type": "object", "additionalProperties": False}},
        },
    }
    expected = (
        '{\n  "date": "2026-01-02",\n  "total": "12.50",\n'
        '  "items": [\n    {\n      "sku": "x"\n    }\n  ]\n}\n'
    )
    root = make_skill(
        tmp_path,
        files={
            "schema.json": json.dumps(schema),
            "tests/a.txt": DOC,
            "tests/a.expected.json": expected,
        },
    )
    hits = {f.message.split(":")[0]: f for f in lint_skill(root) if f.code == "SK304"}
    assert set(hits) == {"/total", "/items/0"}
    assert hits["/total"].line == 3 and "without quotes (12.50)" in hits["/total"].message
    assert hits["/items/0"].line == 6  # the extra key itself
    assert "remove it" in hits["/items/0"].message


def test_json_lines_locates_keys_and_items() -> None:
    from skillkit.schemas import json_lines

    text = '\ufeff{\r\n  "a": [\r\n    1,\r\n    {"b": "x\\"y"}\r\n  ],\r\n  "c": {}\r\n}'
    lines = json_lines(text.lstrip("\ufeff"))
    assert lines[("a",)] == 2 and lines[("a", 0)] == 3 and lines[("a", 1, "b")] == 4
    assert lines[("c",)] == 6 and lines[()] == 1
