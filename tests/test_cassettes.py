"""Cassettes: the documented fingerprint, what is (never) stored, and stale-recording messages."""

from __future__ import annotations

import hashlib
import json

import pytest

from skillkit import cassettes
from skillkit.cassettes import CassetteMiss, Inputs


def inputs(**overrides) -> Inputs:
    values = {
        "bundle_sha256": "b" * 64,
        "document_sha256": "d" * 64,
        "config": {"json_schema": {"type": "object"}, "page_indices": [0]},
        "domain": None,
        "model": "vlm-1",
    }
    values.update(overrides)
    return Inputs.build(**values)


def test_fingerprint_is_sha256_of_the_documented_canonical_json():
    i = inputs()
    canonical = json.dumps(
        {
            "bundle_sha256": "b" * 64,
            "config": {"json_schema": {"type": "object"}, "page_indices": [0]},
            "document_sha256": "d" * 64,
            "domain": None,
            "model": "vlm-1",
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    assert i.fingerprint == hashlib.sha256(canonical.encode()).hexdigest()


def test_config_normalisation_drops_defaults_nulls_and_skills():
    noisy = {
        "page_indices": [0],
        "json_schema": {"type": "object"},
        "temperature": 0.0,
        "detail": "auto",
        "grounding": False,
        "prompt": None,
        "use_context_cache": True,
        "skills": [{"type": "inline", "source": {"data": "..."}}],
    }
    assert inputs(config=noisy).fingerprint == inputs().fingerprint
    assert cassettes.normalise_config({"grounding": True, "max_retries": 1}) == {"grounding": True}


def test_save_keeps_only_the_prediction_outcome(tmp_path):
    path = tmp_path / "cassettes" / "case.json"
    prediction = {
        "id": "pred_123",
        "file_id": "file_abc",
        "created_at": "2026-01-01T00:00:00Z",
        "status": "completed",
        "response": {"total": 1},
        "usage": {"elements_processed": 1},
        "domain": None,
    }
    assert cassettes.save(path, "case", inputs(), prediction) is True
    text = path.read_text()
    assert text.endswith("\n")
    assert "pred_123" not in text and "file_abc" not in text
    data = json.loads(text)
    assert data["prediction"] == {
        "status": "completed",
        "response": {"total": 1},
        "usage": {"elements_processed": 1},
        "domain": None,
    }
    assert data["inputs"]["bundle_sha256"] == "b" * 64
    before = path.stat().st_mtime_ns
    assert cassettes.save(path, "case", inputs(), prediction) is False  # unchanged: not rewritten
    assert path.stat().st_mtime_ns == before
    assert cassettes.replay(path, inputs(), skill_dir="s", case_name="case") == data["prediction"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"bundle_sha256": "c" * 64}, "the skill changed"),
        ({"document_sha256": "e" * 64}, "the document changed"),
        ({"config": {"json_schema": {"type": "object"}, "page_indices": [1]}}, "page_indices"),
        ({"domain": "document.invoice"}, "domain"),
    ],
)
def test_stale_recording_says_what_changed_and_how_to_re_record(tmp_path, change, words):
    path = tmp_path / "c.json"
    cassettes.save(path, "acme", inputs(), {"status": "completed", "response": {}})
    with pytest.raises(CassetteMiss) as info:
        cassettes.replay(path, inputs(**change), skill_dir="skills/inv", case_name="acme")
    message = str(info.value)
    assert "stale" in message and words in message
    assert "skillkit test skills/inv --record -k acme" in message


def test_missing_and_corrupt_recordings(tmp_path):
    with pytest.raises(CassetteMiss, match="no recording"):
        cassettes.replay(tmp_path / "none.json", inputs(), skill_dir="s", case_name="x")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CassetteMiss, match="not readable"):
        cassettes.replay(bad, inputs(), skill_dir="s", case_name="x")


def test_a_response_too_large_to_replay_is_not_recorded(tmp_path):
    """`load` refuses cassettes over MAX_CASSETTE_BYTES, so `save` must not write one."""
    from skillkit.errors import CasesError
    from skillkit.files import MAX_CASSETTE_BYTES

    path = tmp_path / "big.json"
    huge = {"status": "completed", "response": {"text": "x" * (MAX_CASSETTE_BYTES + 1)}}
    with pytest.raises(CasesError, match="not recorded: the response is .* over the 10 MB limit"):
        cassettes.save(path, "big", inputs(), huge)
    assert not path.exists()
