"""Standard input (kg.readers.stdin): plain text, JSON Lines streamed, bytes, JSON, HTML."""
from __future__ import annotations

import io
import json
import sys
from datetime import date

from .inputs import HTML, SEED, SEED_TITLE, collect


def test_stdin_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(SEED.read_text(encoding="utf-8")))
    (a,), errors = collect(["-"])
    assert errors == []
    assert a.title == SEED_TITLE and a.published == date(2021, 9, 2)
    assert a.path == "<stdin>"


def test_stdin_jsonl(monkeypatch):
    data = '{"id": "s1", "text": "One."}\n\n{"id": "s2", "text": "Two."}\nbad\n'
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    arts, errors = collect(["-"])
    assert [a.id for a in arts] == ["s1", "s2"]
    assert arts[1].path == "<stdin>#L3"
    assert str(errors[0]).startswith("<stdin>:4: invalid JSON")


def test_stdin_binary_buffer(monkeypatch):
    raw = "Café talks end\n\nThe talks in Zürich ended.".encode("latin-1")
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)
    (a,), _ = collect(["-"])
    assert a.title == "Café talks end" and "Zürich" in a.text


def test_stdin_json_document(monkeypatch):
    data = json.dumps([{"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}], indent=2)
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    arts, errors = collect(["-"])
    assert errors == [] and [a.id for a in arts] == ["p1", "p2"]


def test_stdin_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(HTML))
    (a,), errors = collect(["-"])
    assert a.title == "Taliban seize Kabul airport" and a.path == "<stdin>"
