"""`skillkit serve`: the local VLM Run-compatible API on loopback."""

from __future__ import annotations

import errno
import secrets
import socket
from dataclasses import replace
from pathlib import Path

import click

from skillkit import install_hint
from skillkit.commands._common import handle_errors
from skillkit.engine.model import (
    API_KEY_ENVS,
    DEFAULT_MODEL_TIMEOUT,
    ENGINE_ENV,
    ENGINES,
    MODEL_ENV,
    MODEL_TIMEOUT_ENV,
    MODEL_URL_ENV,
    OPENAI,
    require_model_server,
)
from skillkit.errors import UsageError
from skillkit.limits import DEFAULT_LIMITS
from skillkit.server.settings import (
    API_KEY_ENV,
    DEFAULT_MAX_UPLOAD_BYTES,
    WEBHOOK_SECRET_ENV,
    ServerSettings,
)

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _bind(host: str, port: int) -> socket.socket:
    """Bind the listening socket here, so a busy port is one clear line and `--port 0` can say
    which port it got."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot resolve --host {host!r}: {exc.strerror}") from exc
    family, _, _, _, address = infos[0]
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and
    # without it every keep-alive answer waits ~40 ms for the client's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use; stop what uses it or pick another "
                "with --port (0 picks a free one)"
            ) from exc
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


@click.command(name="serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind. Anything but loopback exposes the server to the network.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port; 0 picks a free one (the URL line says which).",
)
@click.option(
    "--data-dir",
    default=".skillkit-server",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Uploaded files and the SQLite database; kept across restarts.",
)
@click.option(
    "--api-key",
    envvar=API_KEY_ENV,
    show_envvar=True,
    default=None,
    help="Bearer key clients must send. Without one, a key is generated and printed once.",
)
@click.option(
    "--skills-dir",
    "skills_dirs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Skill folder(s) that `skill_reference` skills resolve against (by name, "
    "version `latest` or SKILL.md metadata.version). Repeatable.",
)
@click.option(
    "--webhook-secret",
    envvar=WEBHOOK_SECRET_ENV,
    show_envvar=True,
    default=None,
    help="Signs callback_url webhooks: X-VLMRun-Signature: sha256=<HMAC-SHA256 of the "
    "body>. Without it webhooks are sent unsigned.",
)
@click.option(
    "--max-upload-mb",
    default=DEFAULT_MAX_UPLOAD_BYTES / (1024 * 1024),
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Largest accepted upload (and fetched URL); larger requests get HTTP 413.",
)
@click.option(
    "--allow-url-host",
    "allow_url_hosts",
    multiple=True,
    metavar="HOST",
    help="Host that `url` documents may be fetched from and `callback_url` webhooks sent "
    "to (exact, or *.example.com). Repeatable; none by default, so every `url` and "
    "`callback_url` is refused.",
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let `url` and `callback_url` reach private, loopback and link-local addresses "
    "(refused by default even for allowed hosts).",
)
@click.option(
    "--fetch-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a `url` document download may take in all (redirects included).",
)
@click.option(
    "--public-url",
    default=None,
    metavar="URL",
    help="Base URL clients reach this server at, used in the upload and skill download URLs "
    "it hands out (default http://HOST:PORT; never taken from a request's Host header).",
)
@click.option(
    "--job-seconds",
    default=DEFAULT_LIMITS.seconds,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Wall-clock seconds one extraction may take; then it is killed: 'time limit exceeded'.",
)
@click.option(
    "--job-memory-mb",
    default=DEFAULT_LIMITS.memory_mb,
    show_default=True,
    type=click.IntRange(min=1),
    help="Memory one extraction may add to its worker process (Linux): 'memory limit exceeded'.",
)
@click.option(
    "--max-pages",
    default=DEFAULT_LIMITS.pages,
    show_default=True,
    type=click.IntRange(min=1),
    help="Pages one document may have read (send page_indices for fewer).",
)
@click.option(
    "--max-text-chars",
    default=DEFAULT_LIMITS.text_chars,
    show_default=True,
    type=click.IntRange(min=1),
    help="Characters of text one document may hold.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Background threads running predictions.",
)
@click.option(
    "--latency",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    metavar="SECONDS",
    help="Every prediction completes SECONDS after it is submitted (later only if its "
    "extraction takes longer); the waiting holds no worker, so predictions wait concurrently: "
    "a service's latency, for load tests of clients.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="deterministic",
    show_default=True,
    envvar=ENGINE_ENV,
    show_envvar=True,
    help="deterministic: skillkit's local engine, no model. openai: each prediction is a "
    "chat-completions request to --model-url (vLLM, Ollama, llama.cpp, LM Studio, OpenAI); "
    f"API key from {API_KEY_ENVS[0]}, else {API_KEY_ENVS[1]}.",
)
@click.option(
    "--model-url",
    envvar=MODEL_URL_ENV,
    show_envvar=True,
    metavar="URL",
    help="OpenAI-compatible base URL for --engine openai, e.g. http://127.0.0.1:11434/v1.",
)
@click.option(
    "--model",
    envvar=MODEL_ENV,
    show_envvar=True,
    metavar="NAME",
    help="Model name for --engine openai, e.g. qwen2.5vl:7b.",
)
@click.option(
    "--model-timeout",
    envvar=MODEL_TIMEOUT_ENV,
    show_envvar=True,
    default=DEFAULT_MODEL_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one request to the model server may take (--job-seconds bounds all of a "
    "prediction's requests).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn log level (info shows each request).",
)
@handle_errors
def command(
    host: str,
    port: int,
    data_dir: Path,
    api_key: str | None,
    skills_dirs: tuple[Path, ...],
    webhook_secret: str | None,
    max_upload_mb: float,
    allow_url_hosts: tuple[str, ...],
    allow_private_urls: bool,
    fetch_timeout: float,
    public_url: str | None,
    job_seconds: float,
    job_memory_mb: int,
    max_pages: int,
    max_text_chars: int,
    workers: int,
    latency: float,
    engine: str,
    model_url: str | None,
    model: str | None,
    model_timeout: float,
    log_level: str,
) -> None:
    """Run the local VLM Run-compatible API (deterministic engine, no model, no network;
    or --engine openai: a model server you name does the extraction).

    The official `vlmrun` SDK works against it unchanged. Every route, /v1/health included,
    needs `Authorization: Bearer <key>`. Files and predictions live in --data-dir; batch
    predictions interrupted by a crash finish after a restart.

    \b
    Examples:
      skillkit serve                                  # key generated and printed once
      SKILLKIT_SERVER_API_KEY=dev-key skillkit serve --port 8080
      skillkit serve --skills-dir ./skills --webhook-secret s3cret
      skillkit serve --allow-url-host files.example.com
      skillkit serve --port 0                         # a free port, printed in the URL line
      skillkit serve --latency 0.5                    # every prediction takes >= 0.5 s
      skillkit serve --engine openai --model-url http://127.0.0.1:11434/v1 --model qwen2.5vl:7b

    \b
    Then, from Python:
      from vlmrun.client import VLMRun
      client = VLMRun(api_key="<key>", base_url="http://127.0.0.1:8000/v1")
    """
    generated = not api_key
    key = api_key or "sk-local-" + secrets.token_urlsafe(24)
    settings = ServerSettings(
        data_dir=data_dir,
        api_key=key,
        skills_dirs=list(skills_dirs),
        webhook_secret=webhook_secret or None,
        max_upload_bytes=int(max_upload_mb * 1024 * 1024),
        url_allow_list=list(allow_url_hosts),
        allow_private_urls=allow_private_urls,
        fetch_timeout_seconds=fetch_timeout,
        workers=workers,
        job_delay_seconds=ServerSettings.test_delay_from_env(),
        latency_seconds=latency,
        limits=replace(
            DEFAULT_LIMITS,
            seconds=job_seconds,
            memory_mb=job_memory_mb,
            pages=max_pages,
            text_chars=max_text_chars,
        ),
        engine=engine,
        model_url=model_url or None,
        model=model or None,
        model_timeout=model_timeout,
    )
    if engine == OPENAI:
        require_model_server(model_url, model)
    try:
        import uvicorn

        from skillkit.server import create_app
    except ImportError as exc:
        raise UsageError(
            f"the local server needs the 'local' extra ({exc.name} is missing): "
            f"{install_hint('local')}"
        ) from exc

    sock = _bind(host, port)
    port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    settings.public_base_url = (public_url or f"http://{shown_host}:{port}").rstrip("/")
    try:
        app = create_app(settings)  # raises UsageError for an unwritable or busy data dir
    except BaseException:
        sock.close()
        raise
    data_shown = app.state.settings.data_dir
    click.echo(f"skillkit server: http://{shown_host}:{port}/v1  (data: {data_shown})")
    if skills_dirs:
        from skillkit.skill import discover_skills

        found = discover_skills(skills_dirs)
        click.echo(f"skills for skill_reference: {len(found)} found in --skills-dir")
    if generated:
        click.echo(f"API key (generated, shown once): {key}")
    if app.state.runtime.model_engine is not None:  # never the model's key, only where from
        click.echo(f"engine: openai, {app.state.runtime.model_engine.describe()}")
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: reachable from the network", err=True)

    class QuietServer(uvicorn.Server):
        """Ctrl+C shuts down gracefully and returns, instead of re-raising the signal."""

        def handle_exit(self, sig: int, frame: object) -> None:
            super().handle_exit(sig, frame)  # type: ignore[arg-type]
            captured = getattr(self, "_captured_signals", None)
            if isinstance(captured, list):
                captured.clear()

    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, lifespan="on")
    server = QuietServer(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.state.runtime.close()
    if not server.started:
        raise UsageError(f"could not start the server on {host}:{port} (see the log above)")
