"""One exception tree for every error a user can cause.

    SkillkitError            base; carries the exit code the CLI returns
     +-- UsageError          bad flags or arguments (exit 2)
     +-- SkillError          a skill folder cannot be read at all (exit 2)
     +-- ValidationFailed    a skill has lint errors, so it is not packed (exit 1)
     |    +-- SkillInvalid   ... so `test` / `generate` do not run it (exit 2)
     +-- BundleError         a zip / payload / base64 bundle is unsafe or malformed (exit 1)
     +-- CasesError          tests/cases.yaml is invalid (exit 2)
     +-- EngineError         the local engine cannot read a document
     +-- ClientError         talking to a VLM Run-compatible service failed (exit 3)

The CLI turns each into one line on stderr (`error: <file>:<line>: <message>`) and its exit
code; it never shows a traceback for these.
"""

from __future__ import annotations

from pathlib import Path


class SkillkitError(Exception):
    """A user-facing error: one clear line, a file (and line) where there is one."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class UsageError(SkillkitError):
    exit_code = 2


class SkillError(SkillkitError):
    exit_code = 2


class ValidationFailed(SkillkitError):
    """A skill has findings at error level (exit 1, like `skillkit validate`).

    `findings` (skillkit.lint.Finding) are printed before the error line, as `validate` prints
    them."""

    exit_code = 1

    def __init__(self, message: str, *, findings: list | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.findings = list(findings or [])


class SkillInvalid(ValidationFailed):
    """A skill under test has lint errors: it is not run (exit 2, an invalid skill)."""

    exit_code = 2


class BundleError(SkillkitError):
    exit_code = 1


class CasesError(SkillkitError):
    exit_code = 2


class EngineError(SkillkitError):
    exit_code = 1


class ClientError(SkillkitError):
    exit_code = 3
