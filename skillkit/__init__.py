"""skillkit: write, check, package and regression-test inline skills for VLM Run.

The public library is what this package exports (`skillkit.__all__`); the modules behind it
(`skillkit.bundle`, `skillkit.runner`, ...) are internal and may change between releases.

    import skillkit
    packed = skillkit.pack_skill("skills/invoice")          # reproducible zip + AgentSkill
    findings = skillkit.lint_skill("skills/invoice")        # the rule table `validate` uses
    run = skillkit.run_tests(["skills"], skillkit.RunOptions(local=True))
    print(run.passed, run.failed)

Names load on first use, so `import skillkit` stays as cheap as the command line needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The name on PyPI. `skillkit` there is an unrelated project, so the distribution is
# `skillkit-vlm`; the import package and the command stay `skillkit`.
DISTRIBUTION = "skillkit-vlm"


def install_hint(extra: str | None = None) -> str:
    """The pip command that brings an extra, e.g. `pip install "skillkit-vlm[local]"`."""
    return f'pip install "{DISTRIBUTION}[{extra}]"' if extra else f"pip install {DISTRIBUTION}"


# Public name -> the internal module that defines it. One table: `__all__`, lazy loading and
# the public-API test all read it.
_EXPORTS: dict[str, str] = {
    # skill folders
    "Skill": "skillkit.skill",
    "load_skill": "skillkit.skill",
    "discover_skills": "skillkit.skill",
    # packing and reading bundles
    "pack_skill": "skillkit.bundle",
    "pack_to_file": "skillkit.bundle",
    "PackedSkill": "skillkit.bundle",
    "PackInfo": "skillkit.bundle",
    "inspect_file": "skillkit.bundle",
    "inspect_zip": "skillkit.bundle",
    "read_agent_skill": "skillkit.bundle",
    "BundleReport": "skillkit.bundle",
    "SkillBundle": "skillkit.bundle",
    "Limits": "skillkit.bundle",
    # lint (the rules `validate` applies)
    "lint_skill": "skillkit.lint",
    "lint_paths": "skillkit.lint",
    "Finding": "skillkit.lint",
    "RULES": "skillkit.lint",
    # cases
    "load_cases": "skillkit.cases",
    "Case": "skillkit.cases",
    # judging
    "judge": "skillkit.compare",
    "MatchRules": "skillkit.compare",
    "PathRules": "skillkit.compare",
    "Judgement": "skillkit.compare",
    "Difference": "skillkit.compare",
    # running tests
    "run_tests": "skillkit.runner",
    "run_tests_async": "skillkit.runner",
    "RunOptions": "skillkit.runner",
    "RunResult": "skillkit.runner",
    "CaseResult": "skillkit.runner",
    # clients of the generate API
    "Client": "skillkit.client",
    "AsyncClient": "skillkit.client",
    "RetryPolicy": "skillkit.client",
    "PollPolicy": "skillkit.client",
    "Prediction": "skillkit.api",
    "FileInfo": "skillkit.api",
    "SkillInfo": "skillkit.client",  # a registry entry (`Client.lookup_skill`, `skillkit publish`)
    "local_client": "skillkit.server.inprocess",  # needs the `local` extra
    "local_async_client": "skillkit.server.inprocess",
    # the error tree: every error skillkit raises is a SkillkitError
    "SkillkitError": "skillkit.errors",
    "UsageError": "skillkit.errors",
    "SkillError": "skillkit.errors",
    "ValidationFailed": "skillkit.errors",
    "SkillInvalid": "skillkit.errors",
    "BundleError": "skillkit.errors",
    "CasesError": "skillkit.errors",
    "EngineError": "skillkit.errors",
    "ClientError": "skillkit.errors",
    "ConnectionFailed": "skillkit.client",
    "RequestTimeout": "skillkit.client",
    "AuthError": "skillkit.client",
    "NotFound": "skillkit.client",
    "RequestRejected": "skillkit.client",
    "RateLimited": "skillkit.client",
    "ServiceUnavailable": "skillkit.client",
    "RequestFailed": "skillkit.client",
    "BadResponse": "skillkit.client",
    "PredictionFailed": "skillkit.client",
    "PredictionTimeout": "skillkit.client",
}

__all__ = ["DISTRIBUTION", "__version__", "install_hint", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'skillkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # for type checkers and editors; at run time the names load lazily
    from skillkit.api import FileInfo, Prediction
    from skillkit.bundle import (
        BundleReport,
        Limits,
        PackedSkill,
        PackInfo,
        SkillBundle,
        inspect_file,
        inspect_zip,
        pack_skill,
        pack_to_file,
        read_agent_skill,
    )
    from skillkit.cases import Case, load_cases
    from skillkit.client import (
        AsyncClient,
        AuthError,
        BadResponse,
        Client,
        ConnectionFailed,
        NotFound,
        PollPolicy,
        PredictionFailed,
        PredictionTimeout,
        RateLimited,
        RequestFailed,
        RequestRejected,
        RequestTimeout,
        RetryPolicy,
        ServiceUnavailable,
        SkillInfo,
    )
    from skillkit.compare import Difference, Judgement, MatchRules, PathRules, judge
    from skillkit.errors import (
        BundleError,
        CasesError,
        ClientError,
        EngineError,
        SkillError,
        SkillInvalid,
        SkillkitError,
        UsageError,
        ValidationFailed,
    )
    from skillkit.lint import RULES, Finding, lint_paths, lint_skill
    from skillkit.runner import CaseResult, RunOptions, RunResult, run_tests, run_tests_async
    from skillkit.server.inprocess import local_async_client, local_client
    from skillkit.skill import Skill, discover_skills, load_skill
