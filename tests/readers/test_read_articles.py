"""read_articles: mixed formats, bad files, duplicates, laziness, logging."""
from __future__ import annotations

import json
import logging
import shutil
from datetime import date
from pathlib import Path

from .inputs import HTML, RSS, SEED, SEED_TITLE, collect
from kg.model import content_id
from kg.readers import ReadError, read_articles
from kg.readers.record import safe_id


def test_mixed_folder(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "sub" / "items.jsonl").write_text(
        json.dumps({"id": "ap-123", "text": "Blinken met allies in Qatar.", "title": "Blinken in Doha",
                    "published": "2021-09-07", "url": "https://ap.example/x", "source": "AP"}) + "\n",
        encoding="utf-8",
    )
    arts, errors = collect([tmp_path])
    assert errors == []
    by_title = {a.title: a for a in arts}
    assert set(by_title) == {
        SEED_TITLE,
        "Taliban seize Kabul airport",
        "Pentagon confirms drone strike in Kabul",
        "Qatar hosts talks with Taliban",
        "Blinken in Doha",
    }
    html = by_title["Taliban seize Kabul airport"]
    assert html.published == date(2021, 8, 16)
    assert html.source == "Daily News"
    assert "Taliban fighters took control" in html.text
    assert "Cricket club" not in html.text and "Home" not in html.text.split()
    drone = by_title["Pentagon confirms drone strike in Kabul"]
    assert drone.published == date(2021, 8, 29)
    assert "drone strike hit a vehicle" in drone.text and "<b>" not in drone.text
    assert drone.url == "https://wire.example/2021/08/29/drone-strike"
    assert drone.source == "World Wire"
    assert drone.id == safe_id("https://wire.example/2021/08/29/drone-strike")
    doha = by_title["Qatar hosts talks with Taliban"]
    assert doha.id == "wire-2021-0901-doha" and doha.doc_id == "wire-2021-0901-doha"
    assert doha.published == date(2021, 9, 1)
    jl = by_title["Blinken in Doha"]
    assert (jl.id, jl.doc_id, jl.published, jl.source) == ("ap-123", "ap-123", date(2021, 9, 7), "AP")
    assert jl.path.endswith("items.jsonl#L1")


def test_binary_and_invalid_utf8_never_crash(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "mixed.txt").write_bytes("Kabul airport reopens\n\nFlights resumed.".encode("utf-8") + b"\xff\xfe\xfa broken")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    arts, errors = collect([tmp_path])
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "binary" in reasons["image.txt"]
    assert "unsupported file type" in reasons["photo.png"]
    # the invalid-UTF-8 file is either decoded or reported, never fatal
    assert "mixed.txt" in reasons or any(a.path.endswith("mixed.txt") for a in arts)


def test_errors_are_logged_without_on_error(tmp_path, caplog):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    with caplog.at_level(logging.WARNING, logger="kg.readers"):
        assert list(read_articles([tmp_path])) == []
    assert any("blob.txt" in r.getMessage() for r in caplog.records)


def test_empty_file_reported(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert arts == [] and errors[0].reason == "empty file"


def test_duplicates_yielded_once(tmp_path):
    shutil.copy(SEED, tmp_path / "one.txt")
    shutil.copy(SEED, tmp_path / "two.txt")
    f = tmp_path / "dup.jsonl"
    f.write_text('{"id": "x", "text": "A."}\n{"id": "x", "text": "A."}\n', encoding="utf-8")
    arts, errors = collect([tmp_path, tmp_path / "one.txt", str(tmp_path / "*.jsonl")])
    assert errors == []
    assert sorted(a.id for a in arts) == sorted([content_id(SEED.read_text(encoding="utf-8")), "x"])


def test_streaming_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Headline number {i}\n\nBody {i}.", encoding="utf-8")
    errors: list[ReadError] = []
    it = read_articles([tmp_path], on_error=errors.append)
    assert next(it).title == "Headline number 0"
    (tmp_path / "2.txt").unlink()  # not read yet: the reader goes file by file
    assert [a.title for a in it] == ["Headline number 1"]
    assert [Path(e.path).name for e in errors] == ["2.txt"]
