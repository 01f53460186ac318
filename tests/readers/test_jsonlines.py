"""JSON Lines (kg.readers.jsonlines): bad lines by number, ids, invalid UTF-8."""
from __future__ import annotations

import json
from datetime import date

from .inputs import collect
from kg.model import content_id
from kg.readers.record import safe_id


def test_jsonl_bad_line_reported_with_line_number(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        '{"id": "a1", "text": "Taliban met US envoys.", "title": "Envoys meet"}\n'
        "\n"
        '{"id": "a2", "text": "broken\n'
        '{"id": "a3", "text": "Qatar hosted the talks.", "published": "2021-09-01T10:00:00Z"}\n'
        '["not", "an", "object"]\n'
        '{"id": "a4", "title": "no text"}\n',
        encoding="utf-8",
    )
    arts, errors = collect([f])
    assert [a.id for a in arts] == ["a1", "a3"]
    assert arts[1].published == date(2021, 9, 1)
    assert arts[0].path == f"{f}#L1" and arts[1].path == f"{f}#L4"
    messages = [str(e) for e in errors]
    assert messages[0].startswith(f"{f}:3: invalid JSON")
    assert messages[1] == f"{f}:5: not a JSON object"
    assert messages[2] == f"{f}:6: no 'text' field"
    assert [e.line for e in errors] == [3, 5, 6]


def test_jsonl_ids_sanitised_and_raw_kept(tmp_path):
    f = tmp_path / "ids.ndjson"
    rows = [
        {"id": "ok_id-1.2", "text": "First."},
        {"id": "tag:news/2021 09", "text": "Second."},
        {"id": 42, "text": "Third."},
        {"url": "https://news.example/a?b=1", "text": "Fourth."},
        {"text": "Fifth."},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts, errors = collect([f])
    assert errors == []
    assert arts[0].id == "ok_id-1.2" and arts[0].doc_id == "ok_id-1.2"
    assert arts[1].id == safe_id("tag:news/2021 09") and arts[1].doc_id == "tag:news/2021 09"
    assert len(arts[1].id) == 16 and all(c in "0123456789abcdef" for c in arts[1].id)
    assert arts[2].id == "42" and arts[2].doc_id == "42"
    assert arts[3].id == safe_id("https://news.example/a?b=1") and arts[3].doc_id is None
    assert arts[4].id == content_id("Fifth.")


def test_jsonl_invalid_utf8_line_reported(tmp_path):
    f = tmp_path / "enc.jsonl"
    f.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok too"}\n')
    arts, errors = collect([f])
    assert [a.id for a in arts] == ["a", "c"]
    assert str(errors[0]) == f"{f}:2: line is not valid UTF-8"


def test_placeholder_dates_are_no_date_and_the_article_is_read(tmp_path):
    """0001-01-01 and 9999-12-31 (the placeholders of many systems) are outside the years kg
    believes: reported, and the article is read without a date, as a date line saying so would be."""
    f = tmp_path / "dates.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": "Qatar met Taliban envoys in Doha on Saturday.", "published": d})
                         + "\n" for i, d in (("a1", "0001-01-01"), ("a2", "9999-12-31T23:59:59Z"), ("a3", "2200-12-31"),
                                             ("a4", "1899-12-31"))))
    arts, errors = collect([f])
    assert [(a.id, a.published) for a in arts] == [("a1", None), ("a2", None), ("a3", date(2200, 12, 31)),
                                                    ("a4", None)]
    assert [str(e) for e in errors] == [
        f"{f}:1: date '0001-01-01' out of range (years 1900 to 2200); read without a date",
        f"{f}:2: date '9999-12-31T23:59:59Z' out of range (years 1900 to 2200); read without a date",
        f"{f}:4: date '1899-12-31' out of range (years 1900 to 2200); read without a date",
    ]
