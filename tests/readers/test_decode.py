"""Bytes to text (kg.readers.decode): BOMs, legacy encodings, corrupt UTF-8."""
from __future__ import annotations

import codecs
from pathlib import Path

from .inputs import collect
from kg.readers.decode import decode


def test_latin1_and_utf16_decode(tmp_path):
    text = "Café talks in Zürich\n\nLe président a déclaré à São Paulo que la réunion était terminée.\n"
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (tmp_path / "utf16be.txt").write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + text.replace("Zürich", "Zurich").encode("utf-8"))
    arts, errors = collect([tmp_path])
    assert errors == []
    by_name = {Path(a.path).name: a for a in arts}
    # latin1, utf16 and utf16be hold the same text, hence the same id: read once
    assert set(by_name) == {"bom8.txt", "latin1.txt"}
    assert by_name["latin1.txt"].text == text
    assert by_name["latin1.txt"].title == "Café talks in Zürich"
    assert by_name["bom8.txt"].text.startswith("Café talks in Zurich")
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == text


def test_cyrillic_legacy_encoding_is_not_taken_for_latin1():
    text = "Талибан заявил сегодня о новом правительстве в Кабуле."
    assert decode(text.encode("cp1251")) == text


def test_mostly_utf8_with_corrupt_byte_keeps_utf8():
    data = "Kabul “airport” reopens’s gates".encode("utf-8") + b"\xff"
    text = decode(data)
    assert text.startswith("Kabul “airport” reopens’s gates")
    assert text.endswith("\ufffd")
