"""`skillkit publish` and `skillkit test --published`: against the real registry of the local
server, in-process on a data dir (most tests) and as a real `skillkit serve` over loopback,
with the official SDK as a second client of the same registry.

The two versions of the demo skill differ in schema.json, and the local engine fills exactly
the schema it is given, so which version ran shows in the outputs: version 1 extracts the
invoice number and the total (and passes), version 2 only the total (and fails on the
invoice number the expected file still holds).
"""

from __future__ import annotations

import hashlib
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import httpx
import pytest
from conftest import make_skill, run_cli
from servers import KEY, free_port

from skillkit.bundle import pack_skill
from skillkit.client import NotFound, SkillInfo
from skillkit.server.inprocess import local_async_client, local_client

SCHEMA_V1 = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": ["string", "null"], "description": "Invoice number"},
        "total": {"type": ["number", "null"], "description": "Total amount due"},
    },
}
SCHEMA_V2 = {
    "type": "object",
    "properties": {"total": {"type": ["number", "null"], "description": "Total amount due"}},
}
DOCUMENT = "ACME Corp\nInvoice Number: INV-1001\nTotal: 250.00\n"
EXPECTED = {"invoice_number": "INV-1001", "total": 250.0}
FOLDED = (
    "name: {name}\n"
    "description: >-\n"
    "  Extracts the totals from test documents.\n"
    "  Use when a test needs a small valid skill.\n"
)
FOLDED_TEXT = "Extracts the totals from test documents. Use when a test needs a small valid skill."


def demo_skill(base: Path, name: str = "demo", *, frontmatter_text: str | None = None) -> Path:
    files = {
        "schema.json": json.dumps(SCHEMA_V1, indent=2),
        "tests/inv.txt": DOCUMENT,
        "tests/inv.expected.json": json.dumps(EXPECTED),
    }
    return make_skill(base, name, files=files, frontmatter_text=frontmatter_text)


def to_v2(skill: Path) -> None:
    (skill / "schema.json").write_text(json.dumps(SCHEMA_V2, indent=2))


def versions(data_dir: Path, name: str = "demo") -> list[SkillInfo]:
    """Every version of `name` in the data dir's registry, newest first."""
    with local_client(data_dir=data_dir) as client:
        return [s for s in client.list_skills(limit=1000) if s.name == name]


def local(data_dir: Path) -> tuple[str, ...]:
    return ("--local", "--data-dir", str(data_dir))


def publish_json(*args: str | Path) -> dict:
    result = run_cli("publish", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- in-process


def test_publish_unchanged_update_then_test_each_version(tmp_path):
    skill, reg = demo_skill(tmp_path), tmp_path / "registry"

    first = run_cli("publish", skill, *local(reg))
    assert first.exit_code == 0, first.output
    (v1,) = versions(reg)
    assert v1.bundle_sha256 == pack_skill(skill).sha256
    assert f"demo: created version {v1.skill_version} " in first.stdout
    reference = {"type": "skill_reference", "skill_name": "demo", "skill_version": v1.skill_version}
    assert json.dumps(reference) in first.stdout.splitlines()

    again = run_cli("publish", skill, *local(reg))
    assert again.exit_code == 0, again.output
    assert f"demo: unchanged: the latest version {v1.skill_version} already holds" in again.stdout
    assert "nothing uploaded" in again.stdout
    assert [s.id for s in versions(reg)] == [v1.id]  # no new version

    to_v2(skill)
    update = run_cli("publish", skill, *local(reg))
    assert update.exit_code == 0, update.output
    v2, older = versions(reg)
    assert older.id == v1.id and v2.skill_version != v1.skill_version
    assert v2.bundle_sha256 == pack_skill(skill).sha256
    assert f"demo: published version {v2.skill_version} " in update.stdout
    assert f"latest was {v1.skill_version}" in update.stdout

    # latest = version 2: it drops the invoice number, so the case fails, and says which ran.
    out = tmp_path / "latest"
    latest = run_cli("test", skill, *local(reg), "--published", *reports(out))
    assert latest.exit_code == 1, latest.output
    assert (
        f"skill versions: demo {v2.skill_version} (published; --published latest)"
        in (latest.stdout.splitlines()[1])
    )
    data = json.loads((out / "r.json").read_text())
    assert data["skill_versions"] == {"demo": v2.skill_version}
    (case,) = data["results"]
    assert case["status"] == "failed"
    assert case["actual"] == {"total": 250.0}
    assert case["skill_version"] == v2.skill_version
    assert case["skill_reference"] == {**reference, "skill_version": v2.skill_version}
    assert any(d["path"] == "/invoice_number" for d in case["differences"])

    # An explicit old version runs that version: it passes, and every report names it.
    out = tmp_path / "old"
    old = run_cli("test", skill, *local(reg), f"--published={v1.skill_version}", *reports(out))
    assert old.exit_code == 0, old.output
    assert f"ran published demo {v1.skill_version}" in old.stdout
    data = json.loads((out / "r.json").read_text())
    assert data["skill_versions"] == {"demo": v1.skill_version}
    assert data["options"]["published"] == v1.skill_version
    assert data["results"][0]["actual"] == EXPECTED
    assert data["results"][0]["skill_version"] == v1.skill_version
    assert data["results"][0]["bundle_sha256"] == v1.bundle_sha256
    suite = ET.parse(out / "r.xml").getroot().find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["skill_version"] == v1.skill_version and props["skill_source"] == "published"
    case_props = {p.get("name"): p.get("value") for p in suite.find("testcase").iter("property")}
    assert case_props["skill_version"] == v1.skill_version
    assert f"Skill versions: demo {v1.skill_version} (published" in (out / "r.md").read_text()
    html = (out / "r.html").read_text()
    assert f"Skill versions: <b>demo {v1.skill_version} (published" in html
    assert f"skill version: {v1.skill_version}</span>" in html

    # The folder's own bundle (version 2's bytes) still runs inline, and says so.
    out = tmp_path / "inline"
    inline = run_cli("test", skill, "--local", "--json", out / "r.json")
    label = f"inline:{v2.bundle_sha256[:12]}"
    assert f"skill versions: demo {label} (inline bundle)" in inline.stdout
    assert json.loads((out / "r.json").read_text())["skill_versions"] == {"demo": label}


def reports(out: Path) -> tuple[str, ...]:
    out.mkdir()
    return (
        "--json",
        str(out / "r.json"),
        "--junit",
        str(out / "r.xml"),
        "--markdown",
        str(out / "r.md"),
        "--html",
        str(out / "r.html"),
    )


def test_dry_run_writes_nothing(tmp_path):
    skill, reg = demo_skill(tmp_path), tmp_path / "registry"

    dry = run_cli("publish", skill, *local(reg), "--dry-run")
    assert dry.exit_code == 0, dry.output
    sha = pack_skill(skill).sha256
    assert f"demo: would create the first version (bundle sha256 {sha[:12]}," in dry.stdout
    assert "dry run, nothing uploaded" in dry.stdout
    assert not reg.exists()  # not even an empty data dir

    publish_json(skill, *local(reg))
    (v1,) = versions(reg)
    to_v2(skill)
    plan = publish_json(skill, *local(reg), "--dry-run")
    assert plan["action"] == "update" and plan["dry_run"] is True and plan["uploaded"] is False
    assert plan["bundle_sha256"] == pack_skill(skill).sha256 != v1.bundle_sha256
    assert plan["previous"]["skill_version"] == v1.skill_version
    assert plan["skill_version"] is None and plan["skill_reference"] is None
    assert [s.id for s in versions(reg)] == [v1.id]  # still only version 1

    (skill / "schema.json").write_text(json.dumps(SCHEMA_V1, indent=2))  # back to version 1
    same = publish_json(skill, *local(reg), "--dry-run")
    assert same["action"] == "unchanged" and same["skill_version"] == v1.skill_version


def test_publish_json_names_the_version_and_the_reference(tmp_path):
    skill, reg = demo_skill(tmp_path), tmp_path / "registry"
    created = publish_json(skill, *local(reg))
    (v1,) = versions(reg)
    assert created["action"] == "create" and created["uploaded"] is True
    assert created["dry_run"] is False and created["previous"] is None
    assert created["skill_id"] == v1.id and created["skill_version"] == v1.skill_version
    assert created["bundle_sha256"] == pack_skill(skill).sha256
    assert created["skill_reference"] == {
        "type": "skill_reference",
        "skill_name": "demo",
        "skill_version": v1.skill_version,
    }
    assert created["target"].startswith(f"local registry in {reg}")

    unchanged = publish_json(skill, *local(reg))
    assert unchanged["action"] == "unchanged" and unchanged["uploaded"] is False
    assert unchanged["skill_id"] == v1.id and unchanged["digest_from"] == "registry"


def test_unknown_version_or_name_is_one_error_line(tmp_path):
    skill, reg = demo_skill(tmp_path), tmp_path / "registry"
    publish_json(skill, *local(reg))
    (v1,) = versions(reg)

    result = run_cli("test", skill, *local(reg), "--published", "20200101-deadbeef")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(
        "error: skill 'demo' version '20200101-deadbeef' is not published (target: local engine"
    )
    assert f"published versions, newest first: {v1.skill_version})" in result.stderr
    assert "Traceback" not in result.output and "PASSED" not in result.stdout

    other = demo_skill(tmp_path / "other", "never-published")
    result = run_cli("test", other, *local(reg), "--published")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert "skill 'never-published' is not published" in result.stderr
    assert "nothing is published under that name" in result.stderr

    result = run_cli("test", skill, *local(tmp_path / "missing"), "--published")
    assert result.exit_code == 2 and "no registry in" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_usage_errors_and_an_invalid_skill_are_refused_before_anything_is_sent(tmp_path):
    reg = tmp_path / "registry"
    bad = make_skill(tmp_path, "wrong-name", folder="demo")  # SK107: name differs from folder
    result = run_cli("publish", bad, *local(reg))
    assert result.exit_code == 2, result.output
    assert "SK107" in result.stderr and "not published" in result.stderr
    assert not reg.exists()

    skill = demo_skill(tmp_path / "ok")
    result = run_cli("publish", skill, env={"VLMRUN_BASE_URL": None, "VLMRUN_API_KEY": None})
    assert result.exit_code == 2 and "publish needs a registry" in result.stderr
    result = run_cli("publish", skill, "--local", "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 2 and "--local runs in-process" in result.stderr
    result = run_cli("test", "--published", skill, "--local")  # the path taken as the version
    assert result.exit_code == 2 and "put the paths first" in result.stderr
    result = run_cli("test", skill, "--local", "--data-dir", reg)  # without --published
    assert result.exit_code == 2 and "--data-dir only applies" in result.stderr
    result = run_cli("test", skill, "--replay", "--published")
    assert result.exit_code == 2 and "name the version" in result.stderr


def test_unreachable_registry_is_exit_3(tmp_path):
    skill = demo_skill(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    result = run_cli("publish", skill, "--base-url", url, "--api-key", KEY)
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("error: POST /v1/skills/lookup: cannot reach")


def test_cassettes_keep_inline_and_published_recordings_apart(tmp_path):
    skill, reg = demo_skill(tmp_path), tmp_path / "registry"
    publish_json(skill, *local(reg))
    (v1,) = versions(reg)
    cassette = skill / "tests" / "cassettes" / "inv.json"

    assert run_cli("test", skill, "--local", "--record").exit_code == 0
    inline_recording = json.loads(cassette.read_text())
    assert "skill_reference" not in inline_recording["inputs"]  # inline fingerprints as before
    miss = run_cli("test", skill, "--replay", "--published", v1.skill_version)
    assert miss.exit_code == 1, miss.output
    assert "recording is stale: skill (the folder's bundle (inline) -> published demo" in (
        miss.stdout
    )
    assert f"--record -k inv --published {v1.skill_version}" in miss.stdout

    recorded = run_cli("test", skill, *local(reg), "--published", "--record")
    assert recorded.exit_code == 0, recorded.output
    inputs = json.loads(cassette.read_text())["inputs"]
    assert inputs["skill_reference"] == {"skill_name": "demo", "skill_version": v1.skill_version}
    assert inputs["bundle_sha256"] == "" and "json_schema" not in inputs["config"]
    hit = run_cli("test", skill, "--replay", "--published", v1.skill_version)
    assert hit.exit_code == 0, hit.output
    assert f"skill versions: demo {v1.skill_version} (published" in hit.stdout
    other = run_cli("test", skill, "--replay", "--published", "20200101-deadbeef")
    assert other.exit_code == 1 and "recording is stale: skill (published demo" in other.stdout
    assert run_cli("test", skill, "--replay").exit_code == 1  # inline: no longer recorded


def test_client_registry_methods_sync_and_async(tmp_path):
    import asyncio

    skill = demo_skill(tmp_path)
    packed = pack_skill(skill)
    with local_client(data_dir=tmp_path / "reg") as client:
        with pytest.raises(NotFound, match="POST /v1/skills/lookup: 404"):
            client.lookup_skill("demo")
        upload = client.upload_bytes("demo.zip", packed.zip_bytes)
        made = client.create_skill(upload.id, "demo", packed.description)
        assert made.bundle_sha256 == packed.sha256
        assert made.skill_version and made.skill_version.endswith("-" + packed.sha256[:8])
        assert made.reference() == {
            "type": "skill_reference",
            "skill_name": "demo",
            "skill_version": made.skill_version,
        }
        assert client.get_skill(made.id) == made
        assert client.lookup_skill("demo", made.skill_version).id == made.id
        link = client.skill_download(made.id)
        assert link.skill_id == made.id and link.download_url.startswith("http")
        assert hashlib.sha256(client.fetch(link.download_url)).hexdigest() == packed.sha256
        zipped = zipfile.ZipFile(io.BytesIO(client.download_skill_bundle(made.id)))
        assert "SKILL.md" in zipped.namelist()
        to_v2(skill)
        v2 = pack_skill(skill)
        newer = client.update_skill(made.id, client.upload_bytes("v2.zip", v2.zip_bytes).id, None)
        assert newer.id != made.id and newer.bundle_sha256 == v2.sha256

    async def main() -> list[SkillInfo]:
        async with local_async_client(data_dir=tmp_path / "reg") as aclient:
            latest = await aclient.lookup_skill("demo", "latest")
            assert latest.id == newer.id
            assert (await aclient.get_skill(made.id)).skill_version == made.skill_version
            data = await aclient.download_skill_bundle(made.id)
            assert hashlib.sha256(data).hexdigest() == packed.sha256
            return await aclient.list_skills(grouped=True)

    grouped = asyncio.run(main())
    assert [s.id for s in grouped] == [newer.id]


# --------------------------------------------------------------------------- a real server


def test_publish_and_test_published_over_loopback_and_the_sdk_sees_it(server_url, tmp_path):
    from vlmrun.client import VLMRun

    skill = demo_skill(tmp_path, "loopback-demo")
    remote = ("--base-url", server_url, "--api-key", KEY)
    created = publish_json(skill, *remote)
    assert created["action"] == "create" and created["target"] == server_url
    version = created["skill_version"]
    assert publish_json(skill, *remote)["action"] == "unchanged"

    sdk = VLMRun(api_key=KEY, base_url=server_url, max_retries=1)
    seen = sdk.skills.get(name="loopback-demo", skill_version=version)
    assert seen.id == created["skill_id"] and seen.skill_version == version
    assert seen.description == created["description"]
    listed = [s for s in sdk.skills.list(limit=1000) if s.name == "loopback-demo"]
    assert [s.skill_version for s in listed] == [version]  # the second publish made none

    out = tmp_path / "r.json"
    result = run_cli("test", skill, *remote, "--published", "--json", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"skillkit test: target: {server_url}"
    assert json.loads(out.read_text())["results"][0]["skill_version"] == version


def test_sdk_gets_the_folded_description_and_the_bundle_wrong(server_url, tmp_path, monkeypatch):
    """The same folder, published by skillkit and by the SDK's `create_from_directory`, to the
    same real server. The SDK's line-based frontmatter reader sends a folded description as the
    literal `>-`, and its zip holds the whole folder, test documents included."""
    from vlmrun.client import VLMRun
    from vlmrun.client.skills import Skills, parse_skill_frontmatter

    skill = demo_skill(tmp_path, "folded", frontmatter_text=FOLDED.format(name="folded"))
    remote = ("--base-url", server_url, "--api-key", KEY)
    ours = publish_json(skill, *remote)
    assert ours["description"] == FOLDED_TEXT  # what skillkit sent: the YAML value

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the SDK writes ~/.vlmrun/skill_archives
    sent: list[dict] = []
    original = Skills.create

    def spy(self, **kwargs):
        sent.append(kwargs)
        return original(self, **kwargs)

    monkeypatch.setattr(Skills, "create", spy)
    sdk = VLMRun(api_key=KEY, base_url=server_url, max_retries=1)
    assert parse_skill_frontmatter(skill / "SKILL.md") == ("folded", ">-")
    ref = sdk.skills.create_from_directory(skill)
    assert sent[0]["description"] == ">-"  # the SDK's request: the block indicator, not the text

    theirs = sdk.skills.get(id=ref.skill_id)
    registered = sdk.skills.get(name="folded", skill_version=ours["skill_version"])
    assert registered.description == FOLDED_TEXT
    # skillkit's server takes a bare block indicator for no description and falls back to the
    # bundle's frontmatter: the SDK's version is described right only because the server
    # repairs what the SDK sent.
    assert theirs.description == FOLDED_TEXT
    assert theirs.skill_version != ours["skill_version"]  # another digest: another version

    def names(skill_id: str) -> list[str]:
        link = sdk.skills.download(skill_id).download_url
        assert link.startswith("http://127.0.0.1:")  # loopback only
        return zipfile.ZipFile(io.BytesIO(httpx.get(link, timeout=30).content)).namelist()

    ours_files, their_files = names(ours["skill_id"]), names(ref.skill_id)
    assert not [n for n in ours_files if n.startswith("tests/")]
    assert "tests/inv.txt" in their_files and "tests/inv.expected.json" in their_files
