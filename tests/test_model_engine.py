"""The model engine (skillkit.engine.model): `engine="openai"` turns each prediction into a
chat-completions request to an OpenAI-compatible server.

No model server can run here, so `StandInModelServer` stands in for one (vLLM, Ollama,
llama.cpp server, LM Studio, OpenAI): a threaded http.server on a free 127.0.0.1 port that
speaks POST /v1/chat/completions, answers scripted replies and records every request it
received. The real app is driven in-process (`local_client(engine="openai", ...)`), and once
as `skillkit serve --engine openai` (slow tier). A reply that must hang waits on an Event the
test releases; nothing synchronises by sleeping.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import make_skill, run_cli
from servers import free_port, start_server, wait_for

from skillkit.bundle import pack_skill, read_bundle_bytes
from skillkit.engine import model as model_engine
from skillkit.server.inprocess import local_client

KEY = "sk-model-secret-5f1d2c3b4a"  # the model server's key: must never leave the Authorization header
# MODEL_ENGINE_TRANSCRIPT=FILE: write the request the first test sends there (for a review).
TRANSCRIPT_ENV = "MODEL_ENGINE_TRANSCRIPT"  # not SKILLKIT_*: conftest clears those

SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string"},
        "total": {"type": "number"},
    },
    "required": ["invoice_number", "total"],
}
VALID = {"invoice_number": "INV-7", "total": 12.5}
SKILL_BODY = (
    "# Stand-in invoices\n\nSKILL-BODY-MARKER: report the invoice number and the total.\n\n"
    "Labels are listed in [the guide](references/guide.md); see also "
    "[the web](https://example.com/x).\n"
)
GUIDE = "GUIDE-MARKER: 'Invoice #' and 'Rechnung Nr.' both name the invoice number.\n"


# --------------------------------------------------------------------------- the stand-in


def completion(content: str, prompt_tokens: int = 120, completion_tokens: int = 30) -> dict:
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "model": "stand-in-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


class StandInModelServer:
    """A stand-in for an OpenAI-compatible model server, which cannot run here.

    `replies` is consumed one per request (the last one repeats): (status, JSON body) or
    HANG, which holds the request until `release` is set (the test's teardown sets it)."""

    HANG = "hang"

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.replies: list[Any] = [(200, completion(json.dumps(VALID)))]
        self.release = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                with outer._lock:
                    outer.requests.append(
                        {"path": self.path, "headers": dict(self.headers), "body": json.loads(raw)}
                    )
                    reply = outer.replies.pop(0) if len(outer.replies) > 1 else outer.replies[0]
                if reply == outer.HANG:
                    outer.release.wait(30)
                    return
                status, body = reply
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def stand_in() -> Iterator[StandInModelServer]:
    server = StandInModelServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _model_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLKIT_MODEL_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setattr(model_engine, "RETRY_BASE_SECONDS", 0.01)  # backoff, kept short


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3-page PDF (US letter) with a marker on each page."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("docs") / "three.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for n in ("ONE", "TWO", "THREE"):
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 700, f"PAGE-{n}-MARKER Invoice # INV-7")
        pdf.drawString(72, 680, "Total 12.50")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def skill(tmp_path: Path) -> Path:
    return make_skill(
        tmp_path,
        "standin-invoices",
        body=SKILL_BODY,
        files={"references/guide.md": GUIDE, "schema.json": json.dumps(SCHEMA)},
    )


def _config(skill: Path, **extra: Any) -> dict[str, Any]:
    return {"skills": [pack_skill(skill).payload()], **extra}


def _run(
    stand_in: StandInModelServer, document: Path, config: dict[str, Any], **settings: Any
) -> dict[str, Any]:
    """One prediction through the real app in-process; the final prediction's JSON."""
    settings.setdefault("model_timeout", 10.0)
    with local_client(
        engine="openai", model_url=stand_in.url, model="stand-in-model", **settings
    ) as client:
        file = client.upload_file(document)
        return _final(client, client.generate(file.id, config).id)


def _final(client: Any, prediction_id: str) -> dict[str, Any]:
    from skillkit.client import PredictionFailed

    try:
        return client.wait(prediction_id, timeout=30).raw
    except PredictionFailed as exc:
        return exc.prediction.raw


def _images(request: dict[str, Any]) -> list[str]:
    user = request["body"]["messages"][1]["content"]
    return [p["image_url"]["url"] for p in user if p["type"] == "image_url"]


def _text(request: dict[str, Any]) -> str:
    user = request["body"]["messages"][1]["content"]
    return "\n".join(p["text"] for p in user if p["type"] == "text")


def _png_size(url: str) -> tuple[int, int]:
    prefix = "data:image/png;base64,"
    assert url.startswith(prefix)
    png = base64.b64decode(url[len(prefix) :])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def _truncated(body: Any) -> Any:
    """The request with each image's base64 cut (for the transcript)."""
    if isinstance(body, dict):
        return {k: _truncated(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_truncated(v) for v in body]
    if isinstance(body, str) and body.startswith("data:image/") and len(body) > 80:
        return body[:60] + f"...({len(body):,} characters)"
    return body


# --------------------------------------------------------------------------- what is sent


def test_request_holds_instructions_schema_text_and_page_images(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    config = _config(
        skill, prompt="PROMPT-MARKER: totals in EUR.", page_indices=[0, 2], detail="lo"
    )
    final = _run(stand_in, three_pages, config)

    assert final["status"] == "completed", final
    assert final["response"] == VALID
    assert len(stand_in.requests) == 1
    sent = stand_in.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == f"Bearer {KEY}"
    body = sent["body"]
    assert body["model"] == "stand-in-model"
    system = body["messages"][0]
    assert system["role"] == "system"
    instructions = system["content"]
    assert "SKILL-BODY-MARKER" in instructions
    assert '<file path="references/guide.md">' in instructions and "GUIDE-MARKER" in instructions
    assert instructions.index("GUIDE-MARKER") < instructions.index("PROMPT-MARKER")
    assert instructions.rstrip().endswith("PROMPT-MARKER: totals in EUR.")
    assert "name: standin-invoices" not in instructions  # the body, not the frontmatter
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["schema"] == SCHEMA and fmt["json_schema"]["strict"] is False
    assert fmt["json_schema"]["name"] == "standin-invoices"
    # text layer and images of pages 1 and 3 only
    text = _text(sent)
    assert "PAGE-ONE-MARKER" in text and "PAGE-THREE-MARKER" in text
    assert "PAGE-TWO-MARKER" not in text
    assert "pages sent: 1, 3" in text
    images = _images(sent)
    assert len(images) == 2
    for url in images:
        width, height = _png_size(url)
        assert abs(max(width, height) - 512) <= 1 and width < height  # portrait letter
    assert body["temperature"] == 0 and "max_tokens" not in body
    # usage: pages, model requests, tokens
    usage = final["usage"]
    assert usage["elements_processed"] == 2 and usage["element_type"] == "page"
    assert usage["steps"] == 1 and usage["credits_used"] == 0
    assert "120 prompt + 30 completion tokens" in usage["message"]
    assert "stand-in-model" in usage["message"] and stand_in.url in usage["message"]
    if os.environ.get(TRANSCRIPT_ENV):
        Path(os.environ[TRANSCRIPT_ENV]).write_text(
            json.dumps(_truncated(body), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


@pytest.mark.parametrize(
    ("detail", "pages", "side"),
    [("hi", [0], 1536), ("lo", None, 512), ("auto", None, 1536), ("auto", [1], 1536)],
)
def test_detail_sets_the_page_image_size(
    stand_in: StandInModelServer,
    three_pages: Path,
    skill: Path,
    detail: str,
    pages: list[int] | None,
    side: int,
) -> None:
    final = _run(stand_in, three_pages, _config(skill, detail=detail, page_indices=pages))
    assert final["status"] == "completed", final
    images = _images(stand_in.requests[0])
    assert len(images) == (len(pages) if pages else 3)
    for url in images:
        assert abs(max(_png_size(url)) - side) <= 1
    hint = stand_in.requests[0]["body"]["messages"][1]["content"][1]["image_url"]["detail"]
    assert hint == ("high" if side == 1536 else "low")


def test_an_image_document_is_sent_as_it_is(
    stand_in: StandInModelServer, skill: Path, tmp_path: Path
) -> None:
    from skillkit.report.html import encode_png

    png = encode_png(b"\xff" * (40 * 30 * 3), 40, 30, 40 * 3, 3)
    scan = tmp_path / "scan.png"
    scan.write_bytes(png)
    final = _run(stand_in, scan, _config(skill))
    assert final["status"] == "completed", final
    assert _images(stand_in.requests[0]) == [
        "data:image/png;base64," + base64.b64encode(png).decode()
    ]
    assert "Text layer" not in _text(stand_in.requests[0])
    assert final["usage"]["elements_processed"] == 1
    assert final["usage"]["element_type"] == "image"


def test_auto_detail_is_lo_above_four_pages() -> None:
    assert model_engine.long_side("auto", 4) == ("hi", 1536)
    assert model_engine.long_side("auto", 5) == ("lo", 512)


def test_instructions_budget_says_what_was_cut(tmp_path: Path) -> None:
    root = make_skill(
        tmp_path,
        "big",
        body="Read [a](a.md) and [b](b.md).\n",
        files={"a.md": "A" * 3000, "b.md": "B" * 3000},
    )
    bundle = read_bundle_bytes(pack_skill(root).zip_bytes, source="t")
    text, cut = model_engine.skill_instructions([bundle], "PROMPT", budget=4000)
    assert text is not None and text.endswith("PROMPT")
    assert "A" * 3000 in text and "B" * 3000 not in text
    assert cut == ["big: b.md cut to 971 of 3,000 bytes"]
    assert "(skillkit: the skill instructions were cut to 4,000 bytes: big: b.md cut to" in text


# --------------------------------------------------------------------------- answers


def test_invalid_answer_is_repaired_in_a_second_turn(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    wrong = json.dumps({"invoice_number": "INV-7", "total": "twelve"})
    stand_in.replies = [(200, completion(wrong)), (200, completion(json.dumps(VALID)))]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0]))

    assert final["status"] == "completed", final
    assert final["response"] == VALID
    assert len(stand_in.requests) == 2
    messages = stand_in.requests[1]["body"]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == wrong
    assert "at /total: 'twelve' is not of type 'number'" in messages[3]["content"]
    assert final["usage"]["steps"] == 2
    assert "240 prompt + 60 completion tokens" in final["usage"]["message"]


def test_answer_that_is_not_json_gets_a_repair_turn_too(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    fenced = "```json\n" + json.dumps(VALID) + "\n```"
    stand_in.replies = [(200, completion("Sure! Here it is.")), (200, completion(fenced))]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0]))
    assert final["status"] == "completed" and final["response"] == VALID, final
    assert "the answer is not JSON" in stand_in.requests[1]["body"]["messages"][3]["content"]


def test_still_invalid_after_max_retries_fails_with_the_problem(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    stand_in.replies = [(200, completion(json.dumps({"invoice_number": "INV-7"})))]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0], max_retries=2))

    assert final["status"] == "failed"
    assert len(stand_in.requests) == 3  # the first answer and two repair turns
    reason = final["response"]["error"]
    assert reason == final["usage"]["message"] and "\n" not in reason
    assert "does not validate against the output schema after 2 repair turn(s)" in reason
    assert "'total' is a required property" in reason
    assert stand_in.url in reason


def test_max_retries_zero_sends_one_request(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    stand_in.replies = [(200, completion("[]"))]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0], max_retries=0))
    assert final["status"] == "failed" and len(stand_in.requests) == 1
    assert "no repair turns" in final["response"]["error"]


# --------------------------------------------------------------------------- failures


def test_model_timeout_fails_naming_it(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    stand_in.replies = [StandInModelServer.HANG]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0]), model_timeout=0.5)
    assert final["status"] == "failed"
    reason = final["response"]["error"]
    assert f"the model server at {stand_in.url} did not answer within 0.5 s" in reason
    assert "--model-timeout" in reason
    assert len(stand_in.requests) == 1  # a timeout is not retried


def test_job_time_limit_bounds_the_model_engine(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    from skillkit.limits import Limits

    stand_in.replies = [StandInModelServer.HANG]
    final = _run(
        stand_in,
        three_pages,
        _config(skill, page_indices=[0]),
        model_timeout=30,
        limits=Limits(seconds=1),
    )
    assert final["status"] == "failed"
    assert "time limit exceeded (1 s)" in final["response"]["error"]


def test_server_error_is_retried_then_fails(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    stand_in.replies = [(500, {"error": {"message": "CUDA out of memory"}})]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0]))
    assert final["status"] == "failed"
    assert len(stand_in.requests) == 1 + model_engine.HTTP_RETRIES
    reason = final["response"]["error"]
    assert f"the model server at {stand_in.url} answered HTTP 500 (CUDA out of memory)" in reason
    assert "3 times; giving up" in reason


def test_server_error_then_success_completes(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    stand_in.replies = [
        (503, {"error": "loading"}),
        (429, {}),
        (200, completion(json.dumps(VALID))),
    ]
    final = _run(stand_in, three_pages, _config(skill, page_indices=[0]))
    assert final["status"] == "completed" and final["response"] == VALID, final
    assert len(stand_in.requests) == 3
    assert final["usage"]["steps"] == 1  # one model answer; retries are not steps


def test_connection_refused_fails_naming_the_url(three_pages: Path, skill: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    with local_client(engine="openai", model_url=url, model="m", model_timeout=5) as client:
        file = client.upload_file(three_pages)
        final = _final(client, client.generate(file.id, _config(skill, page_indices=[0])).id)
    assert final["status"] == "failed"
    assert f"cannot connect to the model server at {url}" in final["response"]["error"]


def test_the_key_is_sent_to_the_model_server_and_nowhere_else(
    stand_in: StandInModelServer,
    three_pages: Path,
    skill: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    data_dir = tmp_path / "data"
    # a hostile or careless server that echoes the key back in its error
    stand_in.replies = [
        (200, completion(json.dumps(VALID))),
        (401, {"error": {"message": f"Incorrect API key provided: {KEY}"}}),
    ]
    with local_client(
        engine="openai", model_url=stand_in.url, model="m", data_dir=data_dir
    ) as client:
        file = client.upload_file(three_pages)
        ok = _final(client, client.generate(file.id, _config(skill, page_indices=[0])).id)
        bad = _final(client, client.generate(file.id, _config(skill, page_indices=[1])).id)
        listed = client.get_prediction(bad["id"]).raw
    assert ok["status"] == "completed" and bad["status"] == "failed"
    assert "Incorrect API key provided: ***" in bad["response"]["error"]
    assert "SKILLKIT_MODEL_API_KEY" in bad["response"]["error"]  # the hint names the variable
    assert all(r["headers"]["Authorization"] == f"Bearer {KEY}" for r in stand_in.requests)
    for shown in (json.dumps(ok), json.dumps(bad), json.dumps(listed), caplog.text):
        assert KEY not in shown
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    from skillkit.engine.model import ModelEngine

    engine = ModelEngine(stand_in.url, "m", api_key=KEY, key_source="SKILLKIT_MODEL_API_KEY")
    assert KEY not in repr(engine) and KEY not in engine.describe()


def test_openai_key_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLKIT_MODEL_API_KEY")
    assert model_engine.api_key_from_env() == (None, None)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai")
    assert model_engine.api_key_from_env() == ("sk-openai", "OPENAI_API_KEY")
    monkeypatch.setenv("SKILLKIT_MODEL_API_KEY", "sk-skillkit")
    assert model_engine.api_key_from_env() == ("sk-skillkit", "SKILLKIT_MODEL_API_KEY")


def test_settings_are_checked_when_the_app_is_made() -> None:
    from skillkit.errors import UsageError
    from skillkit.server import ServerSettings, create_app

    with pytest.raises(UsageError, match="--model-url must be an http"):
        create_app(ServerSettings(engine="openai", model_url="ftp://x", model="m"))
    with pytest.raises(UsageError, match="needs --model"):
        create_app(ServerSettings(engine="openai", model_url="http://127.0.0.1:1/v1"))
    with pytest.raises(UsageError, match="unknown engine 'gpt'"):
        create_app(ServerSettings(engine="gpt"))


def test_check_answer() -> None:
    assert model_engine.check_answer('{"invoice_number": "A", "total": 1}', SCHEMA)[1] is None
    assert (
        model_engine.check_answer("<think>hm</think>\n```\n" + json.dumps(VALID) + "\n```", SCHEMA)[
            0
        ]
        == VALID
    )
    assert model_engine.check_answer("", SCHEMA)[1] == "the answer is empty; send the JSON object"
    assert "nested more than 64 levels" in (
        model_engine.check_answer("[" * 100 + "]" * 100, SCHEMA)[1] or ""
    )


# --------------------------------------------------------------------------- the commands


def test_generate_with_the_model_engine(
    stand_in: StandInModelServer, three_pages: Path, skill: Path
) -> None:
    result = run_cli(
        "generate", skill, three_pages, "--pages", "0", "--engine", "openai",
        "--model-url", stand_in.url, "--model", "stand-in-model",
        env={"SKILLKIT_MODEL_API_KEY": KEY},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == VALID
    assert "engine: openai, stand-in-model at " + stand_in.url in result.stderr
    assert KEY not in result.output
    assert stand_in.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert len(_images(stand_in.requests[0])) == 1


def test_test_command_runs_cases_on_the_model_engine(
    stand_in: StandInModelServer, skill: Path, three_pages: Path, tmp_path: Path
) -> None:
    import shutil

    tests = skill / "tests"
    tests.mkdir()
    shutil.copy(three_pages, tests / "inv-7.pdf")
    (tests / "inv-7.expected.json").write_text(json.dumps(VALID), encoding="utf-8")
    report = tmp_path / "run.json"
    result = run_cli(
        "test", skill, "--local", "--engine", "openai", "--model-url", stand_in.url,
        "--model", "stand-in-model", "--json", report, env={"SKILLKIT_MODEL_API_KEY": KEY},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    ((case),) = data["results"]
    assert case["status"] == "passed" and case["f1"] == 1.0
    # the target says where the documents went; the model server saw the skill's text
    assert f"model stand-in-model at {stand_in.url}" in data["target"]
    assert "documents go to that model server" in result.output
    assert len(stand_in.requests) == 1
    assert "SKILL-BODY-MARKER" in json.dumps(stand_in.requests[0]["body"])
    assert KEY not in result.output and KEY not in report.read_text(encoding="utf-8")

    # a wrong answer from the model fails the case: the judge runs on the model's output
    stand_in.replies = [(200, completion(json.dumps({**VALID, "total": 99.0})))]
    failed = run_cli(
        "test", skill, "--local", "--engine", "openai", "--model-url", stand_in.url,
        "--model", "stand-in-model", env={"SKILLKIT_MODEL_API_KEY": KEY},
    )  # fmt: skip
    assert failed.exit_code == 1 and "/total" in failed.output


def test_test_command_engine_needs_a_model_url_and_no_remote(skill: Path) -> None:
    missing = run_cli("test", skill, "--engine", "openai", "--model", "m")
    assert missing.exit_code == 2
    assert "--engine openai needs --model-url and --model" in missing.stderr
    remote = run_cli(
        "test", skill, "--engine", "openai", "--model-url", "http://127.0.0.1:9/v1",
        "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--api-key", "k",
    )  # fmt: skip
    assert remote.exit_code == 2 and "runs the embedded server" in remote.stderr


def test_generate_needs_a_model_url(skill: Path, three_pages: Path) -> None:
    result = run_cli("generate", skill, three_pages, "--engine", "openai", "--model", "m")
    assert result.exit_code == 2
    assert "--engine openai needs --model-url and --model" in result.stderr


def test_serve_needs_a_model_url(tmp_path: Path) -> None:
    result = run_cli("serve", "--engine", "openai", "--data-dir", tmp_path / "d", "--port", "0")
    assert result.exit_code == 2
    assert "--engine openai needs --model-url and --model" in result.stderr


@pytest.mark.slow  # starts `skillkit serve` as a subprocess
def test_serve_subprocess_with_the_model_engine(
    stand_in: StandInModelServer, three_pages: Path, skill: Path, tmp_path: Path
) -> None:
    server = start_server(
        tmp_path / "store",
        tmp_path / "server.log",
        "--engine", "openai", "--model-url", stand_in.url, "--model", "stand-in-model",
        env={"SKILLKIT_MODEL_API_KEY": KEY},
    )  # fmt: skip
    try:
        with server.http() as http:
            uploaded = http.post(
                "/files", files={"file": ("three.pdf", three_pages.read_bytes())}
            ).json()
            accepted = http.post(
                "/document/generate",
                json={"file_id": uploaded["id"], "config": _config(skill, page_indices=[2])},
            ).json()
            final = wait_for(http, accepted["id"])
    finally:
        server.stop()
    assert final["status"] == "completed", final
    assert final["response"] == VALID
    assert stand_in.requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert "PAGE-THREE-MARKER" in _text(stand_in.requests[0])
    log = server.log.read_text()
    assert f"engine: openai, model stand-in-model at {stand_in.url}" in log
    assert "(API key from SKILLKIT_MODEL_API_KEY)" in log
    assert KEY not in log
    for path in (tmp_path / "store").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
