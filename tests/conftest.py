"""Shared test helpers: build skill folders and zips on disk, and run the CLI in-process.

Kept generic so that every test module can use them: `from conftest import make_skill, run_cli`
(pytest puts tests/ on sys.path), or the `cli` fixture.
"""

from __future__ import annotations

import inspect
import io
import os
import stat
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from skillkit.cli import main as cli_main

pytest_plugins = ["pytester"]

# Hypothesis's timing checks (a slow draw, a slow example) measure the machine, not skillkit: on a
# loaded 2-core CI runner one first draw took 1.35 s and failed a round-trip test that passed.
# Every property still runs its examples and asserts; only the wall-clock checks are off.
settings.register_profile("skillkit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("skillkit")

# Variables that change what skillkit targets or how it reports. A developer's shell or a CI job
# may set them; the suite must behave the same either way (tests that want one set it).
_OUTSIDE_ENV = (
    "VLMRUN_BASE_URL",
    "VLMRUN_API_KEY",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "FORCE_COLOR",
)


@pytest.fixture(scope="session", autouse=True)
def _hermetic_environment() -> Iterator[None]:
    """Clear the caller's target, CI and skillkit settings for the whole session.

    Session scope, so that module-scoped fixtures (servers started as subprocesses) see the
    cleaned environment too; per-test `monkeypatch.setenv` still works on top of it.
    """
    with pytest.MonkeyPatch.context() as mp:
        for name in list(os.environ):
            if name in _OUTSIDE_ENV or name.startswith("SKILLKIT_"):
                mp.delenv(name)
        yield


REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

DEFAULT_DESCRIPTION = (
    "Extracts the totals from test documents. Use when a test needs a small valid skill."
)
DEFAULT_BODY = "# Demo\n\nRead the document and return the JSON the schema asks for.\n"


def frontmatter_for(name: str, description: str = DEFAULT_DESCRIPTION) -> str:
    """The frontmatter text (between the `---` lines) of a minimal valid skill."""
    return f"name: {name}\ndescription: {description}\n"


def skill_md_text(frontmatter_text: str, body: str = DEFAULT_BODY) -> str:
    fm = frontmatter_text if frontmatter_text.endswith("\n") else frontmatter_text + "\n"
    return f"---\n{fm}---\n\n{body}"


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write `relative path -> text or bytes` under root, creating folders."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))


def make_skill(
    base: Path,
    name: str = "demo",
    *,
    frontmatter_text: str | None = None,
    body: str = DEFAULT_BODY,
    skill_md: str | bytes | None = None,
    files: Mapping[str, str | bytes] | None = None,
    folder: str | None = None,
) -> Path:
    """Create `base/<folder or name>/` holding a SKILL.md and extra files; return the folder.

    `frontmatter_text` replaces the default (valid) frontmatter; `skill_md` replaces the whole
    SKILL.md (text or raw bytes); `files` adds more files (relative path -> text or bytes).
    """
    root = base / (folder or name)
    root.mkdir(parents=True, exist_ok=True)
    if skill_md is None:
        skill_md = skill_md_text(
            frontmatter_for(name) if frontmatter_text is None else frontmatter_text, body
        )
    (root / "SKILL.md").write_bytes(
        skill_md if isinstance(skill_md, bytes) else skill_md.encode("utf-8")
    )
    write_files(root, files or {})
    return root


def tree_files(root: Path) -> dict[str, bytes]:
    """Every regular file under root, relative posix path -> bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --------------------------------------------------------------------------- zips


@dataclass
class Entry:
    """One entry of a hand-made zip (for bundle-reading tests)."""

    name: str
    data: bytes = b""
    mode: int | None = None  # full st_mode (e.g. stat.S_IFLNK | 0o777); None: regular 0644
    compress: int = zipfile.ZIP_DEFLATED


def build_zip(entries: Iterable[Entry | tuple[str, bytes | str]]) -> bytes:
    """A zip made with zipfile directly, entry by entry, with no checks at all."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for item in entries:
            if not isinstance(item, Entry):
                name, data = item
                item = Entry(name, data.encode() if isinstance(data, str) else data)
            info = zipfile.ZipInfo(item.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = item.compress
            info.create_system = 3
            info.external_attr = (
                item.mode if item.mode is not None else stat.S_IFREG | 0o644
            ) << 16
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # duplicate names are wanted in some tests
                zf.writestr(info, item.data)
    return buf.getvalue()


def minimal_skill_md(name: str = "demo") -> bytes:
    return skill_md_text(frontmatter_for(name)).encode()


# --------------------------------------------------------------------------- CLI


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes
    exception: BaseException | None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _runner() -> CliRunner:
    # click < 8.2 mixes stderr into stdout unless told not to; 8.2+ keeps them apart always.
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def run_cli(
    *args: str | os.PathLike[str],
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> CliResult:
    """Run `skillkit ARGS...` in-process; never raises for a non-zero exit.

    An exception other than SystemExit is a bug in skillkit (users must never see tracebacks),
    so it is re-raised to fail the test loudly.
    """
    result = _runner().invoke(
        cli_main,
        [str(a) for a in args],
        input=input,
        env={"NO_COLOR": "1", **(env or {})},
        catch_exceptions=True,
    )
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        raise AssertionError(f"skillkit {' '.join(map(str, args))} raised {exc!r}") from exc
    return CliResult(
        exit_code=result.exit_code,
        stdout=result.stdout,
        stderr=result.stderr,
        stdout_bytes=result.stdout_bytes,
        exception=exc,
    )


@pytest.fixture
def cli():
    """The `run_cli` helper as a fixture."""
    return run_cli


# --------------------------------------------------------------------------- servers


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real `skillkit serve` (key `servers.KEY`) for the module; yields its base URL."""
    from servers import serving

    with serving(tmp_path_factory.mktemp("server")) as root:
        yield f"{root}/v1"


@pytest.fixture
def hosted():
    """A mock of the hosted API on loopback (scripted answers), closed after the test."""
    from servers import MockHostedAPI

    api = MockHostedAPI()
    yield api
    api.close()


# --------------------------------------------------------------------------- the slow tier

# `python -m pytest -q` runs the fast tier (under a minute on two cores); `-m slow` runs the rest,
# and CI runs both. A module is slow as a whole when every test in it starts real servers,
# worker processes or subprocess pipelines, or walks a corpus; a test elsewhere is slow when it
# needs the real `skillkit serve` (the `server_url` fixture).
SLOW_MODULES = {
    "test_corpus.py": "walks 135 hostile inputs through every command in subprocesses",
    "test_engine_regression.py": "scores the engine on the eight regression corpora",
    "test_regression_documents.py": "re-renders every corpus document and compares bytes",
    "test_example_documents.py": "re-renders the example skills' documents",
    "test_server.py": "the real server, driven by the official SDK and CLI",
    "test_server_security.py": "attacks the real server from loopback",
    "test_server_fuzz.py": "schemathesis against the server's OpenAPI",
    "test_server_load.py": "500 requests, a SIGKILL and a restart",
    "test_engine_sandbox.py": "kills and replaces engine worker processes",
    "test_runner_faults.py": "a fault-injecting proxy in front of the real server",
    "test_hostile_inputs.py": "bounded subprocesses fed hostile skills",
    "test_properties.py": "hypothesis over packing, reading and judging",
    "test_packaging.py": "builds and installs the wheel",
}
SLOW_FIXTURES = {"server_url"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.name
        if module in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def only(findings: list, code: str) -> list:
    """The lint findings with this code: at least one, each with the rule's severity and a
    one-line message (the assertion names what was found instead)."""
    from skillkit.lint import RULES

    hits = [f for f in findings if f.code == code]
    assert hits, f"expected {code}, got {[(f.code, f.line, f.message) for f in findings]}"
    for f in hits:
        assert f.severity == RULES[code].severity
        assert f.message and "\n" not in f.message
    return hits
