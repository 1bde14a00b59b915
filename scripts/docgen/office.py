"""What the Word and PowerPoint renderers share: fixed metadata and a reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

# Fixed timestamp for core properties and zip entries (zip needs a year >= 1980).
FIXED_TIME = dt.datetime(2026, 1, 1, 9, 0, 0)

# The author every committed corpus document carries (changing it changes every document's bytes).
AUTHOR = "skillkit holdout corpus"


def set_core_properties(props: Any, title: str) -> None:
    """Title, author, fixed dates and revision of a python-docx or python-pptx document."""
    props.title = title
    props.author = AUTHOR
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_modified_by = "skillkit"
    props.revision = 1


def office_bytes(document: Any) -> bytes:
    """Save, then rewrite the zip with sorted entries and fixed timestamps (reproducible)."""
    raw = io.BytesIO()
    document.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()
