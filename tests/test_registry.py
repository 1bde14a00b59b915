"""The skill registry of the local server (`/v1/skills...`, server/registry.py).

Fast: the real app in-process (skillkit.server.inprocess, a threaded ASGI transport) driven by
httpx. Slow (the `server_url` fixture, or a server of their own): the real `skillkit serve` on
a loopback port, driven by the official SDK's `client.skills` and the official `vlmrun skills`
CLI as a subprocess, and a restart on the same data dir.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import build_zip, make_skill, minimal_skill_md, run_cli, tree_files
from servers import KEY, official_cli, start_server

from skillkit.bundle import inspect_zip, pack_skill
from skillkit.server.inprocess import LOCAL_BASE_URL, LocalApp, ThreadedInProcessTransport

ORIGIN = LOCAL_BASE_URL.rsplit("/v1", 1)[0]  # http://skillkit.local
VERSION = re.compile(r"^\d{8}-[0-9a-f]{8}$")
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"total": {"type": "number"}},
}
DOCUMENT = b"Total: 5\n"


def tally_skill(base: Path, body: str = "Read the total.\n", **kwargs: Any) -> Path:
    return make_skill(base, "tally", body=body, files={"schema.json": json.dumps(SCHEMA)}, **kwargs)


def message(r: httpx.Response) -> str:
    detail = r.json()["detail"]
    return detail[0]["msg"] if isinstance(detail, list) else detail


# --------------------------------------------------------------------------- in-process


class Local:
    """The real app in this process: `c` an authorised httpx client, `anon` one without key."""

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        settings.setdefault("isolate_engine", False)
        self.app = LocalApp(
            data_dir=data_dir, api_key=KEY, public_base_url=ORIGIN, workers=1, **settings
        )
        self.transport = ThreadedInProcessTransport(self.app)
        auth = {"Authorization": f"Bearer {KEY}"}
        self.c = httpx.Client(transport=self.transport, base_url=LOCAL_BASE_URL, headers=auth)
        self.anon = httpx.Client(transport=self.transport, base_url=LOCAL_BASE_URL)

    def upload(self, data: bytes, filename: str = "skill.zip") -> str:
        r = self.c.post("/files", files={"file": (filename, data)})
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def publish(self, zip_bytes: bytes, **fields: Any) -> httpx.Response:
        return self.c.post("/skills/create", json={"file_id": self.upload(zip_bytes), **fields})

    def generate(self, *skills: dict[str, Any]) -> httpx.Response:
        body = {
            "file_id": self.upload(DOCUMENT, "doc.txt"),
            "batch": False,
            "config": {"skills": [{"type": "skill_reference", **s} for s in skills]},
        }
        return self.c.post("/document/generate", json=body)

    def close(self) -> None:
        self.c.close()
        self.anon.close()
        self.transport.close()


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Callable[..., Local]]:
    made: list[Local] = []

    def make(**settings: Any) -> Local:
        made.append(Local(settings.pop("data_dir", tmp_path / f"data-{len(made)}"), **settings))
        return made[-1]

    yield make
    for one in made:
        one.close()


def test_publish_names_the_version_by_date_and_digest(local, tmp_path: Path) -> None:
    srv = local()
    packed = pack_skill(tally_skill(tmp_path))
    r = srv.publish(packed.zip_bytes, name="tally")
    assert r.status_code == 201, r.text
    info = r.json()
    created = datetime.datetime.fromisoformat(info["created_at"].replace("Z", "+00:00"))
    assert created.utcoffset() == datetime.timedelta(0)
    assert info["skill_version"] == f"{created:%Y%m%d}-{packed.sha256[:8]}"
    assert VERSION.match(info["skill_version"])
    assert info["bundle_sha256"] == packed.sha256
    assert info["name"] == "tally" and info["version"] == info["skill_version"]
    assert info["updated_at"] == info["created_at"] and info["status"] == "completed"
    assert info["description"].startswith("Extracts the totals")  # from the frontmatter


def test_the_same_digest_under_the_same_name_is_the_same_version(local, tmp_path: Path) -> None:
    """Idempotent publish: the existing version, unchanged, with 200 instead of 201 - by
    create, by update, and by concurrent publishes of one bundle."""
    srv = local()
    packed = pack_skill(tally_skill(tmp_path))
    first = srv.publish(packed.zip_bytes)
    assert first.status_code == 201
    again = srv.publish(packed.zip_bytes, name="tally", description="another description")
    assert again.status_code == 200
    assert again.json() == first.json()  # immutable: the description is not applied
    file_id = srv.upload(packed.zip_bytes)
    update = srv.c.post(f"/skills/{first.json()['id']}/update", json={"file_id": file_id})
    assert (update.status_code, update.json()["id"]) == (200, first.json()["id"])

    other = pack_skill(make_skill(tmp_path / "o", "racer"))
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: srv.publish(other.zip_bytes), range(6)))
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(srv.c.get("/skills").json()) == 2


def test_update_makes_a_new_version_and_ids_name_versions(local, tmp_path: Path) -> None:
    srv = local()
    v1 = srv.publish(pack_skill(tally_skill(tmp_path / "1")).zip_bytes).json()
    new_zip = pack_skill(tally_skill(tmp_path / "2", body="Read the total, twice.\n")).zip_bytes
    r = srv.c.post(
        f"/skills/{v1['id']}/update",
        json={"file_id": srv.upload(new_zip), "description": "Second take."},
    )
    assert r.status_code == 201, r.text
    v2 = r.json()
    assert v2["name"] == "tally" and v2["id"] != v1["id"]
    assert v2["skill_version"] != v1["skill_version"] and v2["description"] == "Second take."

    # an id names one version; a name names the newest
    assert srv.c.get(f"/skills/{v1['id']}").json() == v1
    assert srv.c.get("/skills/tally").json() == v2
    lookup = srv.c.post("/skills/lookup", json={"name": "tally"}).json()
    assert lookup == v2
    assert (
        srv.c.post("/skills/lookup", json={"name": "tally", "skill_version": "latest"}).json() == v2
    )
    pinned = srv.c.post("/skills/lookup", json={"name": "tally", "version": v1["skill_version"]})
    assert pinned.json() == v1  # the deprecated field
    missing = srv.c.post("/skills/lookup", json={"name": "tally", "skill_version": "20200101-0"})
    assert missing.status_code == 404
    assert v1["skill_version"] in message(missing) and v2["skill_version"] in message(missing)

    # list: every version, or the newest per name; sorted, paged
    srv.publish(pack_skill(make_skill(tmp_path / "3", "alpha")).zip_bytes)
    every = srv.c.get("/skills").json()
    assert [s["name"] for s in every] == ["alpha", "tally", "tally"]  # newest first
    grouped = srv.c.get("/skills", params={"grouped": True}).json()
    assert [(s["name"], s["id"]) for s in grouped] == [
        ("alpha", grouped[0]["id"]),
        ("tally", v2["id"]),
    ]
    by_name = srv.c.get("/skills", params={"order_by": "name", "descending": False}).json()
    assert [s["name"] for s in by_name] == ["alpha", "tally", "tally"]
    page = srv.c.get("/skills", params={"limit": 1, "offset": 1, "descending": False}).json()
    assert [s["id"] for s in page] == [v2["id"]]
    assert srv.c.get("/skills", params={"order_by": "updated_at"}).json() == every


def test_a_taken_version_is_a_409_and_never_overwritten(
    local, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two bundles whose versions collide (same day, same 8 hex; forced here): the second is
    refused, the first stays as it was."""
    from skillkit.server import registry

    monkeypatch.setattr(registry, "version_for", lambda created, sha256: "20260101-00000000")
    srv = local()
    first = pack_skill(tally_skill(tmp_path / "1"))
    info = srv.publish(first.zip_bytes).json()
    r = srv.publish(pack_skill(tally_skill(tmp_path / "2", body="Other.\n")).zip_bytes)
    assert r.status_code == 409 and "already held by another bundle" in message(r)
    assert srv.publish(first.zip_bytes).json() == info  # its own digest: still idempotent
    assert srv.c.get("/skills").json() == [info]


def test_latest_is_the_newest_by_creation_then_by_sequence(tmp_path: Path) -> None:
    from skillkit.server.store import SkillRecord, Store

    store = Store(tmp_path / "d")
    try:
        when = datetime.datetime(2026, 4, 8, tzinfo=datetime.timezone.utc)
        for n, digest in enumerate(("a" * 64, "b" * 64, "c" * 64)):
            created = when - datetime.timedelta(days=1) if n == 2 else when  # the last is older
            record = SkillRecord(f"id-{n}", "tally", f"v{n}", None, digest, 1, created)
            store.add_skill(record, b"zip")
        assert store.latest_skill("tally").id == "id-1"  # same time as id-0: later insert wins
        assert store.skill_versions("tally") == ["v1", "v0", "v2"]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("zip_bytes", "fields", "expected"),
    [
        (b"not a zip at all", {}, "not a zip archive"),
        (build_zip([("README.md", "x")]), {}, "SKILL.md"),
        (build_zip([("SKILL.md", minimal_skill_md()), ("../evil.txt", "x")]), {}, "'..'"),
        (build_zip([("SKILL.md", minimal_skill_md("Demo_Skill"))]), {}, "must be lowercase"),
        (build_zip([("SKILL.md", minimal_skill_md())]), {"name": "other"}, "does not match"),
        (build_zip([("SKILL.md", minimal_skill_md())]), {"name": "Bad Name"}, "must be lowercase"),
        (
            build_zip([("SKILL.md", minimal_skill_md()), ("schema.json", '{"type": 5}')]),
            {},
            "not a valid JSON Schema",
        ),
    ],
    ids=[
        "not-zip",
        "no-skill-md",
        "traversal",
        "bad-fm-name",
        "name-differs",
        "bad-name",
        "schema",
    ],
)
def test_a_bad_bundle_is_a_422_naming_the_problem(
    local, zip_bytes: bytes, fields: dict, expected: str
) -> None:
    srv = local()
    r = srv.publish(zip_bytes, **fields)
    assert r.status_code == 422, r.text
    assert expected in message(r), message(r)
    assert srv.c.get("/skills").json() == []


def test_requests_the_registry_refuses(local, tmp_path: Path) -> None:
    srv = local()
    c = srv.c
    ok = pack_skill(tally_skill(tmp_path)).zip_bytes
    assert c.post("/skills/create", json={"file_id": "nope"}).status_code == 404
    for body in ({}, {"file_id": "f", "prompt": "p"}):
        r = c.post("/skills/create", json=body)
        assert r.status_code == 422 and "exactly one of" in message(r)
    r = c.post("/skills/create", json={"session_id": "s"})
    assert r.status_code == 422 and "session_id is not supported" in message(r)
    r = c.post("/skills/create", json={"file_id": srv.upload(ok), "json_schema": {}})
    assert r.status_code == 422 and "json_schema goes with prompt" in message(r)
    tally = srv.publish(ok).json()
    r = c.post(f"/skills/{tally['id']}/update", json={"description": "only"})
    assert r.status_code == 422 and "file_id is required" in message(r)
    other = pack_skill(make_skill(tmp_path / "o", "other")).zip_bytes
    r = c.post(f"/skills/{tally['id']}/update", json={"file_id": srv.upload(other)})
    assert r.status_code == 422 and "is not the skill's name" in message(r)
    assert c.post("/skills/no-such/update", json={"file_id": "f"}).status_code == 404
    for path in (
        "/skills/no-such",
        "/skills/" + "a" * 5000,
        "/skills/%2e%2e%2fetc",
        "/skills/x/download",
    ):
        assert c.get(path).status_code == 404, path
    r = c.post("/skills/lookup", json={"name": "Not A Name"})
    assert r.status_code == 422 and "must be lowercase" in message(r)
    assert (
        c.post("/skills/lookup", json={"name": "tally", "skill_version": "x" * 200}).status_code
        == 422
    )
    for params in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"order_by": "id"}):
        assert c.get("/skills", params=params).status_code == 422, params
    assert srv.anon.get("/skills").status_code == 401  # the key, as everywhere


def test_a_folded_description_from_the_sdk_counts_as_absent(local, tmp_path: Path) -> None:
    """The SDK's line parser sends `>-` for a folded description: the frontmatter's is used."""
    root = make_skill(
        tmp_path,
        "folded",
        frontmatter_text="name: folded\ndescription: >-\n  Reads totals.\n  Use in tests.\n",
    )
    r = local().publish(pack_skill(root).zip_bytes, name="folded", description=">-")
    assert r.status_code == 201 and r.json()["description"] == "Reads totals. Use in tests."


def test_a_prompt_and_schema_make_a_skill_inspect_accepts(local, tmp_path: Path) -> None:
    srv = local()
    prompt = "# Totals\n\nFind the grand total and return it as `total`."
    r = srv.c.post("/skills/create", json={"prompt": prompt, "json_schema": SCHEMA})
    assert r.status_code == 201, r.text
    info = r.json()
    assert re.fullmatch(r"prompt-[0-9a-f]{8}", info["name"]) and info["description"] == "Totals"
    download = srv.c.get(f"/skills/{info['id']}/download").json()
    data = srv.anon.get(download["download_url"]).content
    report = inspect_zip(data)
    assert report.ok, report.problems
    assert report.frontmatter == {"name": info["name"], "description": "Totals"}
    assert report.instructions.strip() == prompt and report.schema == SCHEMA
    assert sorted(report.files) == ["SKILL.md", "schema.json"]
    zip_path = tmp_path / "made.zip"
    zip_path.write_bytes(data)
    assert run_cli("inspect", zip_path).exit_code == 0
    # packed reproducibly: the same prompt and schema are the same bytes, the same version
    again = srv.c.post("/skills/create", json={"prompt": prompt, "json_schema": SCHEMA})
    assert (again.status_code, again.json()["id"]) == (200, info["id"])
    named = srv.c.post(
        "/skills/create",
        json={"prompt": "Return the total.", "name": "totals", "description": "D."},
    ).json()
    assert (named["name"], named["description"]) == ("totals", "D.")
    # and it runs: generate by name
    answer = srv.generate({"skill_name": info["name"]}).json()
    assert answer["status"] == "completed" and answer["response"] == {"total": 5}
    for body, expected in (
        ({"prompt": "  "}, "prompt is empty"),
        ({"prompt": "p", "json_schema": {"type": 5}}, "not a valid JSON Schema"),
        ({"prompt": "p", "name": "Bad"}, "must be lowercase"),
    ):
        r = srv.c.post("/skills/create", json=body)
        assert r.status_code == 422 and expected in message(r), r.text


def test_the_download_url_answers_the_exact_bytes_with_its_own_token(local, tmp_path: Path) -> None:
    srv = local(skill_download_seconds=1.0)
    packed = pack_skill(tally_skill(tmp_path))
    info = srv.publish(packed.zip_bytes).json()
    other = srv.publish(pack_skill(make_skill(tmp_path / "o", "other")).zip_bytes).json()
    answer = srv.c.get(f"/skills/{info['id']}/download").json()
    assert set(answer) == {"download_url", "expires_in", "expires_at", "skill_id", "bundle_sha256"}
    url = answer["download_url"]
    assert url.startswith(f"{ORIGIN}/v1/skills/{info['id']}/bundle?token=")
    assert (answer["expires_in"], answer["skill_id"]) == (1, info["id"])
    fetched = srv.anon.get(url)  # no API key: the token is the authorisation
    assert fetched.status_code == 200
    assert fetched.content == packed.zip_bytes
    assert fetched.headers["content-type"] == "application/zip"
    token = url.split("token=", 1)[1]
    for wrong in (
        url[:-4] + "AAAA",  # a wrong token
        f"{ORIGIN}/v1/skills/{other['id']}/bundle?token={token}",  # another skill's
    ):
        r = srv.anon.get(wrong)
        assert r.status_code == 403 and "not valid" in message(r), wrong
    assert srv.anon.get(f"{ORIGIN}/v1/skills/{info['id']}/download").status_code == 401
    time.sleep(1.1)  # the URL's lifetime in this app
    expired = srv.anon.get(url)
    assert expired.status_code == 403 and "expired" in message(expired)


def test_a_non_ascii_skill_name_downloads_too(local, tmp_path: Path) -> None:
    """The name rule allows lowercase letters of any script; the download header stays
    latin-1 safe (RFC 5987 for the real name)."""
    srv = local()
    packed = pack_skill(make_skill(tmp_path, "café-总计"))
    info = srv.publish(packed.zip_bytes).json()
    assert info["name"] == "café-总计"
    fetched = srv.anon.get(srv.c.get(f"/skills/{info['id']}/download").json()["download_url"])
    assert fetched.status_code == 200 and fetched.content == packed.zip_bytes
    assert "filename*=UTF-8''caf%C3%A9-" in fetched.headers["content-disposition"]


def test_generate_resolves_references_against_the_registry_first(local, tmp_path: Path) -> None:
    folders = tmp_path / "folders"
    tally_skill(
        folders,
        frontmatter_text='name: tally\ndescription: From a folder.\nmetadata:\n  version: "1.0"\n',
    )
    srv = local(skills_dirs=[folders])
    v1 = srv.publish(pack_skill(tally_skill(tmp_path / "1")).zip_bytes).json()
    v2 = srv.publish(pack_skill(tally_skill(tmp_path / "2", body="Total.\n")).zip_bytes).json()

    def used(*refs: dict[str, Any]) -> dict[str, Any]:
        r = srv.generate(*refs)
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["status"] == "completed" and body["response"] == {"total": 5}, body
        (skill,) = body["skills_used"]
        return skill

    latest = used({"skill_name": "tally", "skill_version": "latest"})
    assert latest == {
        "name": "tally",
        "skill_version": v2["skill_version"],
        "skill_id": v2["id"],
        "bundle_sha256": v2["bundle_sha256"],
        "source": "registry",
    }
    assert used({"skill_name": "tally"})["skill_id"] == v2["id"]
    assert used({"skill_id": "tally", "skill_version": v1["skill_version"]})["skill_id"] == v1["id"]
    assert used({"skill_name": "tally", "version": v1["skill_version"]})["skill_id"] == v1["id"]
    assert used({"skill_id": v1["id"]})["skill_version"] == v1["skill_version"]  # pinned
    assert used({"skill_id": v1["id"], "skill_name": "other"})["skill_id"] == v1["id"]
    folder = used({"skill_name": "tally", "skill_version": "1.0"})  # not in the registry
    assert (folder["source"], folder["skill_version"], folder["skill_id"]) == (
        "skills_dir",
        "1.0",
        None,
    )

    r = srv.generate({"skill_id": v1["id"], "skill_version": v2["skill_version"]})
    assert r.status_code == 422 and "contradicts" in message(r)
    r = srv.generate({"skill_name": "nope"})
    assert r.status_code == 404 and "'nope'" in message(r)
    r = srv.generate({"skill_name": "tally", "skill_version": "20200101-00000000"})
    assert r.status_code == 404
    assert "20200101-00000000" in message(r) and v2["skill_version"] in message(r)
    assert "tally@1.0" in message(r)  # and what the folders hold

    prediction = srv.c.get(f"/predictions/{srv.generate({'skill_name': 'tally'}).json()['id']}")
    assert prediction.json()["skills_used"][0]["skill_id"] == v2["id"]  # stored with it


def test_inline_skills_are_recorded_with_the_sdks_id(local, tmp_path: Path) -> None:
    import hashlib

    srv = local()
    payload = pack_skill(tally_skill(tmp_path)).payload()
    body = {
        "file_id": srv.upload(DOCUMENT, "d.txt"),
        "batch": False,
        "config": {"skills": [payload]},
    }
    (skill,) = srv.c.post("/document/generate", json=body).json()["skills_used"]
    data = payload["source"]["data"]
    assert skill["skill_id"] == "inline_" + hashlib.sha256(data.encode()).hexdigest()[:16]
    assert (skill["source"], skill["name"], skill["skill_version"]) == ("inline", "tally", None)
    plain = {"file_id": body["file_id"], "batch": False, "config": {"json_schema": SCHEMA}}
    assert srv.c.post("/document/generate", json=plain).json()["skills_used"] is None


def test_the_registry_survives_a_restart_in_process(local, tmp_path: Path) -> None:
    first = local(data_dir=tmp_path / "same")
    packed = pack_skill(tally_skill(tmp_path))
    info = first.publish(packed.zip_bytes).json()
    first.close()
    second = local(data_dir=tmp_path / "same")
    assert second.c.get(f"/skills/{info['id']}").json() == info
    url = second.c.get("/skills/tally/download").json()["download_url"]
    assert second.anon.get(url).content == packed.zip_bytes
    assert (tmp_path / "same" / "skills" / f"{packed.sha256}.zip").read_bytes() == packed.zip_bytes


def test_the_registry_routes_are_documented(local) -> None:
    spec = local().anon.get(f"{ORIGIN}/openapi.json").json()
    expected = {
        ("/v1/skills", "get"): "List Skills",
        ("/v1/skills/lookup", "post"): "Lookup Skill",
        ("/v1/skills/create", "post"): "Create Skill",
        ("/v1/skills/{skill_id}", "get"): "Get Skill",
        ("/v1/skills/{skill_id}/update", "post"): "Update Skill",
        ("/v1/skills/{skill_id}/download", "get"): "Download Skill",
    }
    for (path, method), summary in expected.items():
        op = spec["paths"][path][method]
        assert op["summary"] == summary
        assert {"401", "422"} <= set(op["responses"]), path
        if "{" in path or method == "post":
            assert "404" in op["responses"], path
    assert {"200", "201", "409"} <= set(spec["paths"]["/v1/skills/create"]["post"]["responses"])
    assert not any("bundle" in p for p in spec["paths"])  # the token URL is not an API route
    info = spec["components"]["schemas"]["SkillInfo"]["properties"]
    assert "bundle_sha256" in info


# --------------------------------------------------------------------------- the real server


def test_the_official_sdk_drives_the_registry(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlmrun.client import VLMRun
    from vlmrun.client.types import GenerationConfig

    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # create_from_directory writes ~/.vlmrun
    client = VLMRun(api_key=KEY, base_url=server_url, max_retries=1)
    folder = tally_skill(tmp_path / "src")
    ref = client.skills.create_from_directory(folder)
    assert (ref.type, ref.skill_name) == ("skill_reference", "tally")
    got = client.skills.get(id=ref.skill_id)
    assert (got.name, got.status, got.is_public) == ("tally", "completed", False)
    assert VERSION.match(got.skill_version) and got.created_at is not None
    assert client.skills.get(name="tally").id == got.id
    assert client.skills.get(name="tally", skill_version=got.skill_version).id == got.id
    assert [s.id for s in client.skills.list(grouped=True) if s.name == "tally"] == [got.id]

    prediction = client.document.generate(
        file=_document(tmp_path), batch=False, config=GenerationConfig(skills=[ref])
    )
    assert prediction.status == "completed" and prediction.response == {"total": 5}

    (folder / "SKILL.md").write_text((folder / "SKILL.md").read_text() + "\nBe exact.\n")
    new_zip = tmp_path / "new.zip"
    new_zip.write_bytes(pack_skill(folder).zip_bytes)
    uploaded = client.files.upload(file=new_zip, purpose="assistants")
    updated = client.skills.update(got.id, file_id=uploaded.id, description="Updated.")
    assert updated.id != got.id and updated.name == "tally" and updated.description == "Updated."
    assert client.skills.get(name="tally").id == updated.id
    again = client.skills.update(got.id, file_id=uploaded.id)
    assert again.id == updated.id  # the same bundle: the same version
    made = client.skills.create(prompt="Return the total.", json_schema=SCHEMA, name="from-prompt")
    assert made.name == "from-prompt"

    download = client.skills.download(updated.id)
    assert download.expires_in and download.expires_in > 0
    fetched = httpx.get(download.download_url, timeout=30)  # as the CLI does: no key
    assert fetched.status_code == 200 and fetched.content == new_zip.read_bytes()
    with httpx.Client(base_url=server_url, headers={"Authorization": f"Bearer {KEY}"}) as c:
        stored = c.get(f"/predictions/{prediction.id}").json()
    assert stored["skills_used"][0]["skill_id"] == got.id


def _document(tmp_path: Path) -> Path:
    path = tmp_path / "receipt.txt"
    path.write_bytes(DOCUMENT)
    return path


def test_the_official_cli_uploads_lists_gets_and_downloads(server_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    folder = make_skill(tmp_path / "src", "cli-skill", files={"schema.json": json.dumps(SCHEMA)})

    def vlmrun(*args: str) -> str:
        proc = official_cli(server_url, KEY, home, "skills", *args)
        assert proc.returncode == 0, (args, proc.stdout[-2000:], proc.stderr[-2000:])
        return proc.stdout

    assert "Created skill" in vlmrun("upload", str(folder))
    listed = json.loads(vlmrun("list", "--json", "--grouped"))
    (mine,) = [s for s in listed if s["name"] == "cli-skill"]
    assert VERSION.match(mine["skill_version"])
    by_name = json.loads(vlmrun("get", "cli-skill", "--json"))
    assert by_name["id"] == mine["id"]
    assert json.loads(vlmrun("get", mine["id"], "--json"))["id"] == mine["id"]
    pinned = json.loads(vlmrun("get", "cli-skill", "--version", mine["skill_version"], "--json"))
    assert pinned["id"] == mine["id"]
    vlmrun("download", "cli-skill", "-o", str(tmp_path / "out"))
    assert tree_files(tmp_path / "out" / "cli-skill") == tree_files(folder)
    failed = official_cli(server_url, KEY, home, "skills", "get", "no-such-skill")
    assert failed.returncode != 0


@pytest.mark.slow  # starts `skillkit serve` twice
def test_the_registry_survives_a_restart_of_skillkit_serve(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    packed = pack_skill(tally_skill(tmp_path))
    srv = start_server(data, log)
    try:
        with srv.http() as c:
            file_id = c.post("/files", files={"file": ("t.zip", packed.zip_bytes)}).json()["id"]
            info = c.post("/skills/create", json={"file_id": file_id}).json()
    finally:
        srv.stop()
    srv = start_server(data, log)
    try:
        with srv.http() as c:
            assert c.get(f"/skills/{info['id']}").json() == info
            assert c.post("/skills/lookup", json={"name": "tally"}).json()["id"] == info["id"]
            url = c.get(f"/skills/{info['id']}/download").json()["download_url"]
            assert url.startswith(f"http://127.0.0.1:{srv.port}/v1/skills/")
            assert httpx.get(url, timeout=30).content == packed.zip_bytes
            doc = c.post("/files", files={"file": ("d.txt", DOCUMENT)}).json()["id"]
            body = {
                "file_id": doc,
                "batch": False,
                "config": {"skills": [{"type": "skill_reference", "skill_id": info["id"]}]},
            }
            answer = c.post("/document/generate", json=body).json()
            assert answer["response"] == {"total": 5}
            assert answer["skills_used"][0]["skill_version"] == info["skill_version"]
            republished = c.post("/skills/create", json={"file_id": file_id})
            assert (republished.status_code, republished.json()["id"]) == (200, info["id"])
    finally:
        srv.stop()


def test_zip_reader_is_the_inspect_reader(local) -> None:
    """A zip the reader refuses for a reason only it knows (duplicate names) is refused."""
    dup = build_zip([("SKILL.md", minimal_skill_md()), ("a.txt", "1"), ("a.txt", "2")])
    r = local().publish(dup)
    assert r.status_code == 422
    assert inspect_zip(dup).problems[0].split(":")[0] in message(r)
