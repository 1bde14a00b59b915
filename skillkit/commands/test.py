"""`skillkit test`: run skills on their regression cases and judge the JSON field by field."""

from __future__ import annotations

import os
import sys

import click

from skillkit.api import DEFAULT_MODEL
from skillkit.client import DEFAULT_DATA_DIR
from skillkit.commands._common import engine_options, handle_errors, service_options
from skillkit.errors import UsageError


def _shard(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from skillkit.cases import parse_shard

    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--local", is_flag=True, help="Run on the embedded engine in-process (no key).")
@service_options("test against")
@click.option(
    "--published",
    is_flag=False,
    flag_value="latest",
    default=None,
    metavar="[VERSION]",
    help="Run the version published in the registry (`skillkit publish`) by reference, not "
    "the folder's bundle; VERSION defaults to latest. Put it after PATHS (or write "
    "--published=VERSION).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help=f"With --local --published: the registry's data dir, as `skillkit serve --data-dir` "
    f"[default: {DEFAULT_DATA_DIR}].",
)
@engine_options
@click.option("-j", "--jobs", type=int, default=4, show_default=True, help="Cases run at once.")
@click.option(
    "--timeout", type=float, default=300.0, show_default=True, help="Seconds allowed per case."
)
@click.option(
    "--request-timeout",
    type=float,
    default=None,
    metavar="SECONDS",
    help="Seconds one HTTP attempt may wait; a stall is retried within the retry budget "
    "[default: 30].",
)
@click.option(
    "-k",
    "pattern",
    metavar="PATTERN",
    help="Only cases whose id (skill/case) contains PATTERN or matches it as a glob.",
)
@click.option(
    "--shard", callback=_shard, metavar="I/N", help="Run the I-th of N stable slices (CI matrix)."
)
@click.option("--repeat", type=int, default=1, show_default=True, help="Run each case N times.")
@click.option(
    "--min-pass-rate",
    type=float,
    default=1.0,
    show_default=True,
    help="With --repeat: share of runs that must pass.",
)
@click.option(
    "--max-credits",
    type=float,
    default=None,
    metavar="N",
    help="Stop starting cases once the credits the service reports reach N (cases in flight "
    "finish; the rest are skipped; exit 1).",
)
@click.option(
    "--lift",
    is_flag=True,
    help="Also run each case without the skill and report the F1 the skill adds.",
)
@click.option(
    "--baseline",
    metavar="OLD.json",
    type=click.Path(),
    help="After the run, diff against this JSON report (as `skillkit diff`); exit 1 on any "
    "regression.",
)
@click.option(
    "--tolerance",
    type=float,
    default=0.0,
    show_default=True,
    help="With --baseline: how far an F1 may fall before it counts as a regression.",
)
@click.option(
    "--require-expected",
    is_flag=True,
    help="Fail cases that have no expected file (schema-only cases check no values).",
)
@click.option(
    "--no-validate",
    is_flag=True,
    help="Run skills even if `skillkit validate` finds errors in them.",
)
@click.option("--update", is_flag=True, help="Write actual outputs as the expected files.")
@click.option("--update-missing", is_flag=True, help="Only create expected files that are missing.")
@click.option("--record", is_flag=True, help="Save each final response under tests/cassettes/.")
@click.option(
    "--replay", is_flag=True, help="Answer from tests/cassettes/ only: no server, no key."
)
@click.option("--json", "json_path", metavar="FILE", type=click.Path(), help="Write a JSON report.")
@click.option("--junit", metavar="FILE", type=click.Path(), help="Write a JUnit XML report.")
@click.option("--markdown", metavar="FILE", type=click.Path(), help="Write a Markdown report.")
@click.option(
    "--html",
    "html_path",
    metavar="FILE",
    type=click.Path(),
    help="Write a self-contained HTML report (first pages, expected vs actual).",
)
@click.option("-q", "--quiet", is_flag=True, help="Only the target, failures and the summary.")
@handle_errors
def command(
    paths: tuple[str, ...],
    local: bool,
    base_url: str | None,
    api_key: str | None,
    published: str | None,
    data_dir: str | None,
    model: str | None,
    engine: str,
    model_url: str | None,
    model_timeout: float | None,
    jobs: int,
    timeout: float,
    request_timeout: float | None,
    pattern: str | None,
    shard: tuple[int, int] | None,
    repeat: int,
    min_pass_rate: float,
    max_credits: float | None,
    lift: bool,
    baseline: str | None,
    tolerance: float,
    require_expected: bool,
    no_validate: bool,
    update: bool,
    update_missing: bool,
    record: bool,
    replay: bool,
    json_path: str | None,
    junit: str | None,
    markdown: str | None,
    html_path: str | None,
    quiet: bool,
) -> None:
    """Run the regression cases of the skills under PATHS (default: .) and judge each output.

    A case is a document in a skill's tests/ folder with its `<stem>.expected.json` (or a
    case in tests/cases.yaml). The output must validate against schema.json and match the
    expected JSON field by field; failures show the differing fields. A document without an
    expected file is a schema-only case: reports say so, and --require-expected fails it.

    Every skill is linted first, as `skillkit validate` does: a skill with errors is not
    run (exit 2) unless --no-validate.

    \b
    Target: --base-url/--api-key (or VLMRUN_BASE_URL/VLMRUN_API_KEY); with neither, or with
    --local, the embedded engine runs in-process (no key, no network). --replay needs no
    server at all.

    \b
    --published [VERSION]: the cases run the skill as published (`skillkit publish`), named by
    a skill_reference, instead of the folder's inline bundle; the version (default latest) is
    looked up once per skill, and every report names it. Locally the registry is the one in
    --data-dir (default .skillkit-server, as `skillkit serve` and `skillkit publish --local`).

    \b
    --repeat N: each case runs N times; a case's F1 is the mean over its attempts, with the
    population standard deviation, its pass rate and pass^N (1 when all N passed).
    --lift: each case also runs without the skill (no `skills`, no schema from the skill's
    schema.json: only the case's own config and domain); the lift is F1 with - F1 without.
    --max-credits N: no case starts once the credits reported reach N; the rest are skipped.
    --baseline OLD.json: the run is diffed against an earlier JSON report (`skillkit diff`).

    \b
    Examples:
      skillkit test example_skills                       # local engine
      skillkit test example_skills -k invoice -j 8
      skillkit test . --base-url http://127.0.0.1:8000/v1 --api-key KEY
      skillkit test . --record                           # then, in CI:
      skillkit test . --replay --junit report.xml
      skillkit test . --shard 2/4 --json shard2.json
      skillkit test my-skill --update                    # accept current outputs
      skillkit test my-skill --local --published         # the latest published version
      skillkit test my-skill --local --published 20260408-9c3a43f5
      skillkit test . --repeat 5 --min-pass-rate 0.8   # flaky: statistics per case
      skillkit test . --lift                             # what the skill adds
      skillkit test . --json new.json --baseline old.json
      skillkit test . --local --engine openai --model-url http://127.0.0.1:11434/v1 \\
          --model qwen2.5vl:7b                           # a model server does the extraction

    \b
    Exit codes: 0 all passed, 1 some case failed (or --max-credits stopped the run, or
    --baseline found a regression), 2 usage or invalid skill/cases (lint errors included, and
    an unreadable --baseline), 3 the service failed on every case.
    """
    from skillkit.report import console, github
    from skillkit.report import html as html_report
    from skillkit.report import json as json_report
    from skillkit.report import junit as junit_report
    from skillkit.report import markdown as markdown_report
    from skillkit.runner import RunOptions, plan, run_tests

    if replay and (local or base_url or api_key):
        raise UsageError("--replay uses recordings only; drop --local/--base-url/--api-key")
    if published is not None and os.path.isdir(published):
        raise UsageError(
            f"--published took {published!r} as the version; put the paths first "
            f"(`skillkit test {published} --published`) or write --published=VERSION"
        )
    options = RunOptions(
        jobs=jobs,
        timeout=timeout,
        request_timeout=request_timeout,
        pattern=pattern,
        shard=shard,
        repeat=repeat,
        min_pass_rate=min_pass_rate,
        update=update,
        update_missing=update_missing,
        record=record,
        replay=replay,
        local=local,
        base_url=base_url,
        api_key=api_key,
        model=model or DEFAULT_MODEL,
        engine=engine,
        model_url=model_url,
        engine_model=model,
        model_timeout=model_timeout,
        published=published,
        data_dir=data_dir,
        validate=not no_validate,
        require_expected=require_expected,
        max_credits=max_credits,
        lift=lift,
    )
    old = None
    if baseline is not None:  # a usage error before anything runs
        from skillkit.diff import check_tolerance, diff_reports, load_report, read_report, render

        check_tolerance(tolerance, "--tolerance")
        old = load_report(baseline)
    planned = plan(list(paths) or ["."], options)
    listeners: list = [console.Report(quiet=quiet)]
    for path, module in (
        (json_path, json_report),
        (junit, junit_report),
        (markdown, markdown_report),
    ):
        if path:
            listeners.append(module.Report(path))
    if html_path:
        from skillkit.engine.preview import EnginePreviewer

        listeners.append(html_report.Report(html_path, previewer=EnginePreviewer()))
    if github.enabled():
        listeners.append(github.Report())
    run = run_tests(
        list(paths) or ["."], options, listeners, cases=planned.cases, notes=planned.notes
    )
    code = run.exit_code
    if old is not None:
        changes = diff_reports(old, read_report(run.to_dict(), "this run"), tolerance)
        click.echo(render(changes, "text").rstrip("\n"))
        if changes.has_regressions:
            code = max(code, 1) if code != 3 else code
    sys.exit(code)
