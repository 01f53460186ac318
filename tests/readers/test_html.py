"""HTML pages (kg.readers.html)."""
from __future__ import annotations

from datetime import date

from .inputs import HTML, collect
from kg.model import content_id


def test_html_page(tmp_path):
    f = tmp_path / "page.htm"
    f.write_text(HTML, encoding="utf-8")
    (a,), errors = collect([f])
    assert errors == []
    assert a.title == "Taliban seize Kabul airport"
    assert a.published == date(2021, 8, 16)
    assert a.id == content_id(a.text)
    assert "Copyright" not in a.text


def test_a_dateline_in_a_page_gives_place_and_date(tmp_path):
    f = tmp_path / "2024-11-25-talks.html"
    f.write_text("<html><head><title>Mediators meet Hamas in Doha</title></head><body><article>"
                 "<h1>Mediators meet Hamas in Doha</h1>"
                 "<p>DOHA, Nov 22 (Reuters) - Qatari and Egyptian mediators met Hamas officials in Doha on Friday "
                 "in an effort to revive talks on a ceasefire in Gaza and the release of hostages.</p>"
                 "<p>Two officials briefed on the talks said the mediators would keep pressing both sides, and "
                 "that a delegation could travel to Cairo next week.</p></article></body></html>", encoding="utf-8")
    (a,), errors = collect([f])
    assert errors == []
    assert a.dateline.place == "Doha" and a.published == date(2024, 11, 22)
    assert a.text[a.dateline.start:a.dateline.end] == "DOHA, Nov 22 (Reuters) -"
