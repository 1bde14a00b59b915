"""Render documents described as data, byte for byte.

A source is a mapping (a YAML file): ``format`` picks the renderer, the rest is that format's
description, documented in its module: ``pdf`` (pages of text, rules, line runs and tables),
``docx`` (paragraphs and tables), ``pptx`` (slides). Rendering is deterministic: ReportLab runs
with ``invariant=1`` and Office zips are rewritten with sorted entries and fixed timestamps, so a
source gives the same bytes on the same library versions. Scripts import this package as
``docgen`` after putting the scripts folder on ``sys.path``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from . import pdf, slides, word
from .office import FIXED_TIME, office_bytes

RENDERERS: dict[str, Callable[[Mapping[str, Any]], bytes]] = {
    "pdf": pdf.render,
    "docx": word.render,
    "pptx": slides.render,
}

__all__ = ["FIXED_TIME", "RENDERERS", "json_text", "load", "office_bytes", "render"]


def load(path: Path) -> dict:
    """A source file: YAML, one document."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def render(source: Mapping[str, Any]) -> bytes:
    """The document's bytes; its file suffix is ``"." + source["format"]``."""
    return RENDERERS[source["format"]](source)


def json_text(value: Any) -> str:
    """The JSON layout of every expected/schema file: 2-space indent, UTF-8, final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
