"""`skillkit generate SKILL DOCUMENT`: one skill on one document, print the JSON it produced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from skillkit.api import DEFAULT_MODEL, GENERATION_CONFIG
from skillkit.commands._common import engine_options, handle_errors, write_output
from skillkit.errors import UsageError


def _read_schema(path: str) -> dict[str, Any]:
    from skillkit.skill import load_schema

    schema = load_schema(Path(path))
    if schema is None:
        raise UsageError("no such file", path=path)
    return schema


@click.command(name="generate")
@click.argument("skill", type=click.Path())
@click.argument("document", type=click.Path())
@click.option(
    "--json-schema",
    metavar="FILE",
    type=click.Path(),
    help="Output schema (default: the skill's schema.json).",
)
@click.option("--domain", metavar="DOMAIN", help="Domain, e.g. document.invoice.")
@click.option("--prompt", metavar="TEXT", help="Extra instructions appended to the skill's.")
@click.option(
    "--pages", metavar="0,1,..", help="0-based page indices to process (default: all pages)."
)
@click.option("--grounding", is_flag=True, help="Ask for `_metadata` with where values were found.")
@click.option(
    "-o",
    "--output",
    "out",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Where to write the JSON ('-' is stdout).",
)
@click.option("--local", is_flag=True, help="Run on the embedded engine in-process (no key).")
@click.option("--base-url", metavar="URL", help="Service URL [env VLMRUN_BASE_URL].")
@click.option("--api-key", metavar="KEY", help="Bearer key [env VLMRUN_API_KEY].")
@engine_options
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds to wait.")
@click.option(
    "--no-validate", is_flag=True, help="Run the skill even if `skillkit validate` finds errors."
)
@handle_errors
def command(
    skill: str,
    document: str,
    json_schema: str | None,
    domain: str | None,
    prompt: str | None,
    pages: str | None,
    grounding: bool,
    out: str,
    local: bool,
    base_url: str | None,
    api_key: str | None,
    model: str | None,
    engine: str,
    model_url: str | None,
    model_timeout: float | None,
    timeout: float,
    no_validate: bool,
) -> None:
    """Run SKILL (a skill folder) on DOCUMENT once and print the JSON output.

    Packs the skill, uploads the document, calls /v1/document/generate with the inline skill
    and waits for the result. Same target rules as `skillkit test`: the embedded engine
    unless --base-url/--api-key (or VLMRUN_BASE_URL/VLMRUN_API_KEY) are set. The skill is
    linted first, as `skillkit validate` does: with errors it is not run (exit 2) unless
    --no-validate.

    \b
    Examples:
      skillkit generate example_skills/invoice-extraction invoice.pdf
      skillkit generate my-skill scan.pdf --pages 0 -o out.json
      skillkit generate my-skill doc.pdf --base-url http://127.0.0.1:8000/v1 --api-key KEY
      skillkit generate my-skill doc.pdf --engine openai \\
          --model-url http://127.0.0.1:11434/v1 --model qwen2.5vl:7b
    """
    from skillkit.bundle import pack_skill
    from skillkit.client import Client, remote_target
    from skillkit.lint import require_valid
    from skillkit.skill import load_skill, skill_root

    doc = Path(document)
    if not doc.is_file():
        raise UsageError("no such document", path=document)
    if not no_validate:  # first, so that a broken skill gets validate's findings, not a crash
        root = skill_root(skill)
        if not root.exists():
            raise UsageError("no such skill folder", path=skill)
        require_valid([root])
    loaded = load_skill(skill)
    packed = pack_skill(loaded.root)
    schema = _read_schema(json_schema) if json_schema else loaded.schema
    try:
        page_indices = [int(p) for p in pages.split(",") if p.strip()] if pages else None
    except ValueError:
        raise UsageError(f"--pages must be comma-separated numbers, not {pages!r}") from None
    config = GENERATION_CONFIG.body(
        skills=[packed.payload()],
        json_schema=schema,
        prompt=prompt or None,
        grounding=True if grounding else None,
        page_indices=page_indices,
    )
    from skillkit.engine.model import embedded_settings

    settings = embedded_settings(engine, model, model_url, model_timeout, timeout)
    if settings and (base_url or api_key):
        raise UsageError("--engine openai runs the embedded server; drop --base-url/--api-key")
    remote = remote_target(base_url, api_key, local=local or bool(settings))
    if remote is None:  # the command, not the client, decides to host the server
        from skillkit.server.inprocess import local_client

        client = local_client(**settings)
    else:
        client = Client(*remote, use_env=False)
    click.echo(f"skillkit generate: target: {client.target}", err=True)
    if settings:  # never the key
        from skillkit.engine.model import shown_url

        shown = shown_url(settings["model_url"])
        click.echo(f"skillkit generate: engine: openai, {settings['model']} at {shown}", err=True)
    with client:
        prediction = client.predict(
            doc, config=config, domain=domain, model=model or DEFAULT_MODEL, timeout=timeout
        )
    text = json.dumps(prediction.response, indent=2, ensure_ascii=False) + "\n"
    write_output(out, text)
    if out != "-":
        click.echo(f"wrote {out}", err=True)
