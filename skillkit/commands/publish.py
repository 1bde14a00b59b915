"""`skillkit publish PATH`: validate, pack reproducibly, and register the bundle in a skill
registry (`/v1/skills`) as a new version, unless the latest version already holds these bytes.

The steps, against any VLM Run-compatible registry (the hosted API, `skillkit serve`, or the
one in a local data dir with `--local`):

    1. lint, exactly as `skillkit test` does: a skill with errors is refused (exit 2);
    2. pack (`skillkit.bundle.pack_skill`): the same files give the same bytes, so the
       bundle's sha256 says whether anything changed;
    3. look up `name` at `latest`: none -> upload the zip and create the skill; the same
       digest (the registry's `bundle_sha256`, else the latest zip downloaded and hashed) ->
       nothing is uploaded, the existing version is printed; another digest -> upload and
       update (a new version);
    4. print the version and the `skill_reference` to put in `config.skills`.

`--dry-run` stops after step 3 and says what it would do. Exit codes: 0 published or
unchanged, 1 the registry refused the upload or the skill, 2 usage or an invalid skill, 3 the
service could not be reached (or failed).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from skillkit.client import DEFAULT_DATA_DIR
from skillkit.commands._common import handle_errors, service_options
from skillkit.errors import ClientError, SkillError, UsageError

if TYPE_CHECKING:
    from skillkit.bundle import PackedSkill
    from skillkit.client import Client, SkillInfo

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


class PublishRefused(ClientError):
    """The registry answered, and said no (422, 404 on the skill, 413, ...): exit 1."""

    exit_code = 1


@dataclass
class Published:
    """What `publish_skill` did (or, in a dry run, would do)."""

    action: str  # create, update or unchanged
    name: str
    description: str
    bundle_sha256: str
    files: int
    zip_bytes: int
    dry_run: bool
    target: str
    version: SkillInfo | None = None  # the version published (or the unchanged latest)
    previous: SkillInfo | None = None  # the latest version before
    previous_sha256: str | None = None  # its bundle's digest
    digest_from: str | None = None  # how that digest was known: registry / download
    upload_id: str | None = None
    note: str | None = None

    @property
    def reference(self) -> dict[str, Any] | None:
        """The `skill_reference` for `config.skills` (None while no version exists)."""
        return self.version.reference() if self.version and self.version.skill_version else None

    def to_dict(self) -> dict[str, Any]:
        previous = None
        if self.previous is not None:
            previous = {
                "skill_id": self.previous.id,
                "skill_version": self.previous.skill_version,
                "bundle_sha256": self.previous_sha256,
            }

        return {
            "skill": self.name,
            "action": self.action,
            "dry_run": self.dry_run,
            "uploaded": self.upload_id is not None,
            "target": self.target,
            "bundle_sha256": self.bundle_sha256,
            "files": self.files,
            "zip_bytes": self.zip_bytes,
            "description": self.description,
            "skill_id": self.version.id if self.version else None,
            "skill_version": self.version.skill_version if self.version else None,
            "skill_reference": self.reference,
            "previous": previous,
            "digest_from": self.digest_from,
            "note": self.note,
        }


def _refused(exc: ClientError) -> ClientError:
    """A refusal (4xx other than auth and rate limits) is exit 1; the rest keeps exit 3."""
    from skillkit.client import BadResponse, NotFound, RequestFailed, RequestRejected

    if isinstance(exc, (RequestRejected, NotFound)) or (
        isinstance(exc, RequestFailed) and not isinstance(exc, BadResponse)
    ):
        return PublishRefused(f"the registry refused it: {exc.message}")
    return exc


def latest_digest(client: Client, latest: SkillInfo) -> tuple[str, str]:
    """(sha256 of the latest version's zip, how it is known): the registry's `bundle_sha256`
    when it gives one (skillkit's server), else the zip downloaded and hashed."""
    if latest.bundle_sha256:
        return latest.bundle_sha256.lower(), "registry"
    return hashlib.sha256(client.download_skill_bundle(latest.id)).hexdigest(), "download"


def publish_skill(
    client: Client | None, packed: PackedSkill, *, target: str, dry_run: bool = False
) -> Published:
    """Publish `packed` through `client` (None: an empty registry, for a dry run that must not
    create one); see the module docstring. A refusal by the registry is PublishRefused
    (exit 1); an unreachable or failing service the client's error (exit 3)."""
    try:
        return _publish(client, packed, target, dry_run)
    except PublishRefused:
        raise
    except ClientError as exc:
        raise _refused(exc) from None


def _publish(client: Client | None, packed: PackedSkill, target: str, dry_run: bool) -> Published:
    from skillkit.client import BadResponse, NotFound

    outcome = Published(
        action=CREATE,
        name=packed.name,
        description=packed.description,
        bundle_sha256=packed.sha256,
        files=len(packed.files),
        zip_bytes=len(packed.zip_bytes),
        dry_run=dry_run,
        target=target,
    )
    latest = None
    if client is not None:
        try:
            latest = client.lookup_skill(packed.name, "latest")
        except NotFound:
            latest = None
    if latest is not None:
        assert client is not None
        outcome.previous = latest
        digest, outcome.digest_from = latest_digest(client, latest)
        outcome.previous_sha256 = digest
        if digest == packed.sha256:
            outcome.action, outcome.version = UNCHANGED, latest
            return outcome
        outcome.action = UPDATE
    if dry_run:
        return outcome
    assert client is not None
    description = packed.description or None
    upload = client.upload_bytes(f"{packed.name}-{packed.sha256[:12]}.zip", packed.zip_bytes)
    outcome.upload_id = upload.id
    if latest is None:
        made = client.create_skill(upload.id, packed.name, description)
    else:
        made = client.update_skill(latest.id, upload.id, description)
    if made.bundle_sha256 and made.bundle_sha256.lower() != packed.sha256:
        raise BadResponse(
            f"the registry registered a bundle with sha256 {made.bundle_sha256}, not the "
            f"uploaded {packed.sha256}"
        )
    outcome.version = made
    if latest is not None and made.skill_version == latest.skill_version:
        outcome.action = UNCHANGED
    elif latest is not None:
        newest = client.lookup_skill(packed.name, "latest")
        if newest.skill_version != made.skill_version:  # these bytes were an older version
            outcome.note = (
                f"the registry already held this bundle as version {made.skill_version}; "
                f"'latest' still names {newest.skill_version}, so reference "
                f"{made.skill_version} explicitly"
            )
    return outcome


def _size(n: int) -> str:
    return f"{n} bytes" if n < 10_000 else f"{n / 1024:.0f} KiB"


def describe(outcome: Published) -> list[str]:
    """The text report: what was (or would be) done, the version, the reference to use."""
    o = outcome
    bundle = f"bundle sha256 {o.bundle_sha256[:12]}, {o.files} files, {_size(o.zip_bytes)}"
    prev_text = ""
    if o.previous is not None:
        how = "" if o.digest_from == "registry" else ", downloaded and hashed"
        prev_text = (
            f"latest was {o.previous.skill_version}, sha256 {(o.previous_sha256 or '?')[:12]}{how}"
        )
    if o.action == UNCHANGED:
        assert o.version is not None
        lines = [
            f"{o.name}: unchanged: the latest version {o.version.skill_version} already holds "
            f"this bundle ({bundle}); "
            + ("nothing uploaded" if o.upload_id is None else "no new version")
        ]
    elif o.dry_run and o.action == CREATE:
        lines = [f"{o.name}: would create the first version ({bundle}); dry run, nothing uploaded"]
    elif o.dry_run:
        lines = [f"{o.name}: would publish a new version: {prev_text}, this {bundle}; dry run, "
                 "nothing uploaded"]  # fmt: skip
    elif o.action == CREATE:
        assert o.version is not None
        lines = [f"{o.name}: created version {o.version.skill_version} ({bundle})"]
    else:
        assert o.version is not None
        lines = [f"{o.name}: published version {o.version.skill_version} ({bundle}; {prev_text})"]
    if o.note:
        lines.append(f"note: {o.note}")
    if o.reference is not None:
        lines.append("use in config.skills:")
        lines.append(json.dumps(o.reference))
    return lines


@click.command(name="publish")
@click.argument("path", type=click.Path())
@click.option(
    "--local",
    is_flag=True,
    help="Publish to the registry in --data-dir, in-process (no server, no key).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="With --local: the data dir, the same as `skillkit serve --data-dir` "
    f"[default: {DEFAULT_DATA_DIR}].",
)
@service_options("publish to")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Say what would be done (create, update, unchanged); upload nothing.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one object (action, skill_version, skill_reference, bundle_sha256, ...).",
)
@handle_errors
def command(
    path: str,
    local: bool,
    data_dir: str | None,
    base_url: str | None,
    api_key: str | None,
    dry_run: bool,
    fmt: str,
) -> None:
    """Publish the skill folder PATH to a skill registry as a new version.

    Lints the skill exactly as `skillkit test` does (errors: refused, exit 2), packs it
    reproducibly (`skillkit pack`), then looks up the latest published version of its name:
    the same bundle (sha256) means nothing is uploaded and that version is printed; otherwise
    the zip is uploaded and registered (the first version, or a new one). Prints the version
    and the `skill_reference` to use in `config.skills`; `skillkit test PATH --published`
    runs the cases against it.

    \b
    Target: --base-url/--api-key (or VLMRUN_BASE_URL/VLMRUN_API_KEY), or --local for the
    registry kept in --data-dir (what `skillkit serve --data-dir` serves).

    \b
    Examples:
      skillkit publish invoice-extraction --local
      skillkit publish invoice-extraction --local --dry-run
      skillkit publish invoice-extraction --base-url http://127.0.0.1:8000/v1 --api-key KEY
      skillkit publish invoice-extraction --format json | jq .skill_reference
      skillkit test invoice-extraction --local --published      # then run its cases on it

    \b
    Exit codes: 0 published or unchanged, 1 refused by the registry, 2 usage or invalid skill
    (lint errors included), 3 the service could not be reached.
    """
    from skillkit.bundle import pack_skill
    from skillkit.client import Client, remote_target
    from skillkit.lint import require_valid
    from skillkit.skill import skill_root

    root = skill_root(path)
    if not root.exists():
        raise SkillError("no such file or folder", path=root)
    remote = remote_target(base_url, api_key, local=local)  # --local with a URL: UsageError
    if remote is None and not local:
        raise UsageError(
            "publish needs a registry: --base-url URL --api-key KEY (or VLMRUN_BASE_URL / "
            "VLMRUN_API_KEY), or --local for the one in --data-dir"
        )
    if data_dir is not None and not local:
        raise UsageError("--data-dir only applies with --local")
    require_valid([root], action="published")
    packed = pack_skill(root)
    client: Client | None
    if remote is None:
        registry = Path(data_dir or DEFAULT_DATA_DIR)
        target = f"local registry in {registry} (in-process, no key, no network)"
        if dry_run and not registry.exists():
            client = None  # a dry run creates nothing, not even an empty data dir
        else:
            from skillkit.server.inprocess import local_client

            client = local_client(data_dir=registry)
    else:
        client = Client(*remote, use_env=False)
        target = client.target
    try:
        outcome = publish_skill(client, packed, target=target, dry_run=dry_run)
    finally:
        if client is not None:
            client.close()
    if fmt == "json":
        click.echo(json.dumps(outcome.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"skillkit publish: target: {target}")
    for line in describe(outcome):
        click.echo(line)
