"""Cassettes: recorded final predictions, so cases can be replayed with no server and no key.

`skillkit test --record` stores the final prediction of each case in
`<skill>/tests/cassettes/<case>.json`; `skillkit test --replay` answers each case from that file
only, and fails a case whose inputs no longer match the recording.

The fingerprint
---------------
sha256 (hex) of the canonical JSON (sorted keys, separators `,` and `:`, UTF-8) of::

    {"bundle_sha256":   sha256 of the reproducible skill zip (`skillkit pack`): SKILL.md,
                        schema.json and every bundled file,
     "document_sha256": sha256 of the document's bytes,
     "config":          the GenerationConfig sent, normalised: without `skills` (the bundle
                        stands for it), without null values and without values equal to the
                        API's defaults (detail "auto", max_retries 1, max_tokens 65535,
                        temperature 0, confidence/grounding/keyframes false,
                        video_transcribe_audio false, use_context_cache true),
     "domain":          the domain or null,
     "model":           the model name (default "vlm-1", `skillkit.api.DEFAULT_MODEL`),
     "skill_reference": only for `skillkit test --published`: the published version the
                        request named, {"skill_name": ..., "skill_version": ...} (then
                        `bundle_sha256` is "" and `config` holds no schema but the case's own),
     "without_skill":   only for `skillkit test --lift`'s run without the skill: true (then
                        `bundle_sha256` is "" and `config` is the case's own; the recording is
                        `<case>.noskill.json`, next to the case's own)}

An inline run has no `skill_reference` key, so its fingerprint is what it always was, and a
recording of the folder's bundle never answers a published run (nor one version another).

The cassette also keeps these components, so a mismatch names which input changed (skill,
document, config, domain or model) and prints the command that re-records the case.

Never stored: API keys, tokens, base URLs, upload/file ids, prediction ids. Only the
prediction's `status`, `response`, `usage` (without its timing) and `domain` are kept, so
re-recording an unchanged result leaves the file untouched.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillkit import __version__
from skillkit.api import GENERATION_CONFIG
from skillkit.errors import CasesError
from skillkit.files import (
    MAX_CASSETTE_BYTES,
    MAX_CASSETTE_DEPTH,
    UnreadableFile,
    atomic_write_bytes,
    loads_json,
    read_limited,
)

FORMAT_VERSION = 1

# GenerationConfig defaults (skillkit.api): equal values are left out of the fingerprint.
CONFIG_DEFAULTS: dict[str, Any] = GENERATION_CONFIG.defaults()
# Fields of a prediction worth keeping; everything else (ids, timestamps) is dropped.
KEPT_PREDICTION_FIELDS = ("status", "response", "usage", "domain")
VOLATILE_USAGE = frozenset({"duration_seconds"})
# `skillkit test --lift` records each case's run without the skill next to the case's own.
NO_SKILL_SUFFIX = ".noskill.json"
_NO_DEFAULT = object()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def normalise_config(config: dict[str, Any] | None) -> dict[str, Any]:
    """The config as fingerprinted: no skills, no nulls, no default values."""
    out: dict[str, Any] = {}
    for key, value in (config or {}).items():
        if key == "skills" or value is None:
            continue
        default = CONFIG_DEFAULTS.get(key, _NO_DEFAULT)
        if value == default and isinstance(value, bool) == isinstance(default, bool):
            continue
        out[key] = value
    return json.loads(canonical_json(out))


@dataclass(frozen=True)
class Inputs:
    """What determines a prediction; equal inputs mean the recording still applies."""

    bundle_sha256: str
    document_sha256: str
    config: dict[str, Any]
    domain: str | None
    model: str
    skill_reference: dict[str, str] | None = None  # a published run: the version it named
    without_skill: bool = False  # --lift's run without the skill (no bundle, no skill schema)

    @classmethod
    def build(
        cls,
        *,
        bundle_sha256: str,
        document_sha256: str,
        config: dict[str, Any] | None,
        domain: str | None,
        model: str,
        skill_reference: dict[str, Any] | None = None,
        without_skill: bool = False,
    ) -> Inputs:
        reference = None
        if skill_reference is not None:
            reference = {
                key: str(skill_reference[key])
                for key in ("skill_name", "skill_id", "skill_version")
                if skill_reference.get(key) is not None
            }
        return cls(
            bundle_sha256,
            document_sha256,
            normalise_config(config),
            domain or None,
            model,
            reference,
            without_skill,
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "bundle_sha256": self.bundle_sha256,
            "document_sha256": self.document_sha256,
            "config": self.config,
            "domain": self.domain,
            "model": self.model,
        }
        if self.skill_reference is not None:  # absent for inline runs: their fingerprint stays
            data["skill_reference"] = self.skill_reference
        if self.without_skill:  # absent otherwise: existing fingerprints stay as they were
            data["without_skill"] = True
        return data

    @property
    def skill(self) -> str:
        """The skill the inputs ran, in words: `published NAME VERSION` or `the folder's bundle`."""
        ref = self.skill_reference
        if self.without_skill:
            return "no skill (--lift)"
        if ref is None:
            return "the folder's bundle (inline)"
        name = ref.get("skill_name") or ref.get("skill_id") or "?"
        return f"published {name} {ref.get('skill_version', 'latest')}"

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(canonical_json(self.to_dict()).encode("utf-8")).hexdigest()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inputs:
        return cls(
            str(data.get("bundle_sha256", "")),
            str(data.get("document_sha256", "")),
            dict(data.get("config") or {}),
            data.get("domain"),
            str(data.get("model", "")),
            _reference(data.get("skill_reference")),
            bool(data.get("without_skill", False)),
        )


def _reference(value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    return {str(k): str(v) for k, v in value.items() if v is not None}


@dataclass
class Cassette:
    """One recording as read from disk."""

    path: Path
    case: str
    fingerprint: str
    inputs: Inputs
    prediction: dict[str, Any]
    recorded_at: str | None = None


class CassetteMiss(CasesError):
    """No usable recording for a case (missing, or recorded for other inputs)."""

    exit_code = 1


def rerecord_command(skill_dir: str, case_name: str, published: str | None = None) -> str:
    """The command that records the case again (`published`: the version a published run named)."""
    extra = f" --published {published}" if published else ""
    return f"skillkit test {skill_dir} --record -k {case_name}{extra}"


def load(path: Path) -> Cassette | None:
    """The cassette at `path`, None if there is none; CasesError if it is unreadable: not a
    regular file, over MAX_CASSETTE_BYTES, not UTF-8 JSON, or nested more than
    MAX_CASSETTE_DEPTH levels (read with `files.read_limited` and `files.loads_json`)."""
    if not os.path.lexists(path):
        return None
    try:
        raw = read_limited(path, MAX_CASSETTE_BYTES, what="a cassette")
    except UnreadableFile as exc:
        raise CassetteMiss(f"cassette {exc.reason}; re-record it", path=path) from exc
    try:
        data = loads_json(raw.decode("utf-8"), max_depth=MAX_CASSETTE_DEPTH)
    except (UnicodeDecodeError, ValueError) as exc:  # ValueError: broken JSON, or too deep
        raise CassetteMiss(
            f"cassette is not readable JSON ({exc}); re-record it", path=path
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("prediction"), dict):
        raise CassetteMiss("not a skillkit cassette; re-record it", path=path)
    return Cassette(
        path=path,
        case=str(data.get("case", path.stem)),
        fingerprint=str(data.get("fingerprint", "")),
        inputs=Inputs.from_dict(data.get("inputs") or {}),
        prediction=data["prediction"],
        recorded_at=data.get("recorded_at"),
    )


def _kept(prediction: dict[str, Any]) -> dict[str, Any]:
    """The outcome only; timings are dropped so that re-recording the same result is a no-op."""
    kept = {key: prediction.get(key) for key in KEPT_PREDICTION_FIELDS if key in prediction}
    if isinstance(kept.get("usage"), dict):
        kept["usage"] = {k: v for k, v in kept["usage"].items() if k not in VOLATILE_USAGE}
    return kept


def save(path: Path, case_name: str, inputs: Inputs, prediction: dict[str, Any]) -> bool:
    """Write the recording; returns False (and leaves the file alone) when nothing changed."""
    kept = _kept(prediction)
    existing = None
    try:
        existing = load(path)
    except CasesError:
        existing = None
    if existing is not None and existing.fingerprint == inputs.fingerprint:
        if canonical_json(existing.prediction) == canonical_json(kept):
            return False
    document = {
        "skillkit_cassette": FORMAT_VERSION,
        "case": case_name,
        "fingerprint": inputs.fingerprint,
        "inputs": inputs.to_dict(),
        "recorded_at": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "recorded_with": f"skillkit {__version__}",
        "prediction": kept,
    }
    data = (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()
    if len(data) > MAX_CASSETTE_BYTES:  # `load` would refuse it: do not write what cannot replay
        raise CasesError(
            f"not recorded: the response is {len(data):,} bytes, over the "
            f"{MAX_CASSETTE_BYTES // (1024 * 1024)} MB limit for a cassette",
            path=str(path),
        )
    atomic_write_bytes(path, data)
    return True


def changed_inputs(recorded: Inputs, current: Inputs) -> list[str]:
    """Which inputs differ, in words: 'skill', 'document', 'config (page_indices)', ..."""
    changed = []
    if recorded.skill_reference != current.skill_reference or (
        recorded.without_skill != current.without_skill
    ):
        changed.append(f"skill ({recorded.skill} -> {current.skill})")
    elif recorded.bundle_sha256 != current.bundle_sha256:
        changed.append("skill")
    if recorded.document_sha256 != current.document_sha256:
        changed.append("document")
    if canonical_json(recorded.config) != canonical_json(current.config):
        keys = sorted(
            k
            for k in set(recorded.config) | set(current.config)
            if canonical_json(recorded.config.get(k)) != canonical_json(current.config.get(k))
        )
        changed.append(f"config ({', '.join(keys)})")
    if recorded.domain != current.domain:
        changed.append(f"domain ({recorded.domain} -> {current.domain})")
    if recorded.model != current.model:
        changed.append(f"model ({recorded.model} -> {current.model})")
    return changed


_WHAT = {
    "skill": "the skill changed (SKILL.md, schema.json or a bundled file)",
    "document": "the document changed",
}


def replay(path: Path, inputs: Inputs, *, skill_dir: str, case_name: str) -> dict[str, Any]:
    """The recorded prediction for these inputs, or CassetteMiss saying why and how to fix."""
    ref = inputs.skill_reference
    command = rerecord_command(skill_dir, case_name, ref.get("skill_version") if ref else None)
    cassette = load(path)
    if cassette is None:
        raise CassetteMiss(f"no recording for this case; record it with `{command}`", path=path)
    if cassette.fingerprint != inputs.fingerprint:
        changes = changed_inputs(cassette.inputs, inputs) or ["the fingerprint"]
        words = [_WHAT.get(c, f"{c} changed") for c in changes]
        raise CassetteMiss(
            f"recording is stale: {'; '.join(words)} since it was recorded; "
            f"re-record with `{command}`",
            path=path,
        )
    return cassette.prediction
