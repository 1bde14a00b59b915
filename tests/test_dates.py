"""Month and weekday names: one table (skillkit.dates) for the judge and the engine."""

from __future__ import annotations

import re

from skillkit import compare, dates
from skillkit.compare import judge
from skillkit.engine import values, yearless


def test_one_table_for_judge_and_engine() -> None:
    assert compare._MONTHS is dates.ENGLISH_MONTHS
    assert values.MONTHS is dates.MONTHS and yearless.MONTHS is dates.MONTHS
    assert dates.ENGLISH_MONTHS.items() <= dates.MONTHS.items()
    assert sorted(set(dates.MONTHS.values())) == list(range(1, 13))
    assert all(name == name.lower() for name in dates.MONTHS)


def test_alternation_prefers_the_longest_name() -> None:
    pattern = re.compile(rf"(?:{dates.alternation(dates.MONTHS)})\b")
    assert pattern.match("september").group(0) == "september"
    assert pattern.match("sept").group(0) == "sept"
    weekday = re.compile(rf"(?:{dates.alternation(dates.WEEKDAYS)})\b")
    assert weekday.match("thurs").group(0) == "thurs"


def test_the_judge_reads_english_month_names_only() -> None:
    assert judge({"d": "Tue, 3rd March 2026"}, {"d": "2026-03-03"}).f1 == 1.0
    assert judge({"d": "Sept 3, 2026"}, {"d": "2026-09-03"}).f1 == 1.0
    assert judge({"d": "3 mars 2026"}, {"d": "2026-03-03"}).f1 < 1.0  # the engine reads it


def test_the_engine_reads_other_languages_too() -> None:
    (found,) = values.find_dates("Datum: 3. Dezember 2026")
    assert found.iso_date() == "2026-12-03"
    (found,) = values.find_dates("le 3 mars 2026")
    assert found.iso_date() == "2026-03-03"
