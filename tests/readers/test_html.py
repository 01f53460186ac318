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
