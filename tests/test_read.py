"""Tests for kg.read: formats, dates, titles, ids, errors, encodings, stdin."""
from __future__ import annotations

import codecs
import io
import json
import logging
import os
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.model import content_id
from kg.read import ReadError, decode, parse_date_line, read_articles, safe_id

ROOT = Path(__file__).resolve().parent.parent

SEED = ROOT / "seeds" / "2021-09-02-milley-taliban-daesh.txt"
SEED_TITLE = "US Gen. Milley says coordination with Taliban against Daesh likely"

HTML = """<!DOCTYPE html><html><head><title>Taliban seize Kabul airport | Daily News</title>
<meta property="og:site_name" content="Daily News">
<meta property="article:published_time" content="2021-08-16T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Taliban seize Kabul airport</h1>
<p>Taliban fighters took control of the main airport in Kabul on Monday, officials said,
as thousands of people tried to flee the country.</p>
<p>The United States sent more troops to secure the evacuation of its diplomats and of
Afghans who worked with them.</p>
</article><aside><h3>Related stories</h3><ul><li><a href="/x">Cricket club wins the cup again</a></li></ul></aside>
<footer>Copyright 2021 Daily News. All rights reserved.</footer></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example/</link>
<description>News</description>
<item><title>Pentagon confirms drone strike in Kabul</title>
<link>https://wire.example/2021/08/29/drone-strike</link>
<guid>https://wire.example/2021/08/29/drone-strike</guid>
<pubDate>Sun, 29 Aug 2021 18:00:00 GMT</pubDate>
<description>&lt;p&gt;The US military said a &lt;b&gt;drone strike&lt;/b&gt; hit a vehicle in Kabul.&lt;/p&gt;</description>
</item>
<item><title>Qatar hosts talks with Taliban</title>
<link>https://wire.example/2021/09/01/doha-talks</link>
<guid isPermaLink="false">wire-2021-0901-doha</guid>
<pubDate>Wed, 01 Sep 2021 09:30:00 GMT</pubDate>
<description>Officials met in Doha.</description>
</item></channel></rss>
"""


def collect(paths, **kw):
    """Read everything, returning (articles, errors)."""
    errors: list[ReadError] = []
    arts = list(read_articles(paths, on_error=errors.append, **kw))
    return arts, errors


# --------------------------------------------------------------------------
# the seed and plain text


def test_seed_title_and_date(tmp_path):
    f = tmp_path / SEED.name
    shutil.copy(SEED, f)
    (a,), errors = collect([f])
    assert errors == []
    assert a.title == SEED_TITLE
    assert a.published == date(2021, 9, 2)
    assert a.id == content_id(a.text)
    assert a.path == str(f)
    assert a.doc_id is None
    assert a.text == SEED.read_text(encoding="utf-8")


def test_plain_text_date_formats(tmp_path):
    cases = {
        "a.txt": ("2021-09-02\n\nTaliban name new cabinet\n\nThe cabinet met.", date(2021, 9, 2)),
        "b.txt": ("Sep 2, 2021\nTaliban name new cabinet\n\nThe cabinet met.", date(2021, 9, 2)),
        "c.txt": ("Thursday, September 2, 2021\nTaliban name a cabinet\nText.", date(2021, 9, 2)),
        "d.txt": ("Published: 3 September 2021 10:30 IST\nTaliban name a new cabinet\nText.", date(2021, 9, 3)),
    }
    for name, (text, _) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert errors == []
    got = {Path(a.path).name: (a.published, a.title) for a in arts}
    for name, (_, d) in cases.items():
        assert got[name][0] == d, name
        assert got[name][1].startswith("Taliban name"), name


def test_dateline_gives_date_and_is_not_title(tmp_path):
    f = tmp_path / "wire.txt"
    f.write_text(
        "Taliban appeal for foreign aid\n\n"
        "KABUL, Sept 2, 2021 (Reuters) - The Taliban appealed on Thursday for aid.\n",
        encoding="utf-8",
    )
    (a,), _ = collect([f])
    assert a.published == date(2021, 9, 2)
    assert a.title == "Taliban appeal for foreign aid"


def test_dateline_without_year_takes_year_from_filename(tmp_path):
    f = tmp_path / "2021-12-30-wire.txt"
    f.write_text("KABUL, Sept 2 (Reuters) - The Taliban appealed for aid.\n", encoding="utf-8")
    (a,), _ = collect([f])
    assert a.published == date(2021, 9, 2)


def test_date_from_filename_when_text_has_none(tmp_path):
    f = tmp_path / "2020-02-29-doha.txt"
    f.write_text("US and Taliban sign deal in Doha\n\nThe deal was signed.", encoding="utf-8")
    (a,), _ = collect([f])
    assert a.published == date(2020, 2, 29)
    assert a.title == "US and Taliban sign deal in Doha"


def test_no_date_no_title(tmp_path):
    f = tmp_path / "plain"
    f.write_text("This is a sentence that ends with a period.\nAnother one here.\n", encoding="utf-8")
    (a,), _ = collect([f])
    assert a.published is None
    assert a.title is None


def test_date_lines_are_strict():
    assert parse_date_line("September 2, 2021") == date(2021, 9, 2)
    assert parse_date_line("Islamic State") is None
    assert parse_date_line("5 mins read") is None
    assert parse_date_line("September 2021") is None  # no day: too coarse
    assert parse_date_line("Biden spoke on September 2, 2021 about the war") is None
    assert parse_date_line("13 American service members") is None


# --------------------------------------------------------------------------
# a folder of mixed formats


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


def test_folder_order_is_sorted_and_deterministic(tmp_path):
    for name in ["b.txt", "a.txt", "c/a.txt", "c/0.txt"]:
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text(f"Headline of {name}\n\nBody of {name}.", encoding="utf-8")
    names = [os.path.relpath(a.path, tmp_path) for a in read_articles([tmp_path])]
    assert names == ["a.txt", "b.txt", os.path.join("c", "0.txt"), os.path.join("c", "a.txt")]
    assert names == [os.path.relpath(a.path, tmp_path) for a in read_articles([tmp_path])]


def test_glob_pattern(tmp_path):
    (tmp_path / "x.txt").write_text("Headline x\n\nBody x.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("Headline y\n\nBody y.", encoding="utf-8")
    (tmp_path / "z.html").write_text(HTML, encoding="utf-8")
    arts, errors = collect([str(tmp_path / "*.txt")])
    assert [a.title for a in arts] == ["Headline x", "Headline y"]
    arts, errors = collect([str(tmp_path / "*.nothing")])
    assert arts == [] and "no files match" in errors[0].reason


def test_single_path_string_and_missing_path(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text("A headline here\n\nText.", encoding="utf-8")
    assert [a.title for a in read_articles(str(f))] == ["A headline here"]
    arts, errors = collect([tmp_path / "missing.txt"])
    assert arts == [] and errors[0].path.endswith("missing.txt")
    assert "no such file" in str(errors[0])


# --------------------------------------------------------------------------
# JSON Lines and JSON


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


def test_json_list_and_object(tmp_path):
    (tmp_path / "list.json").write_text(
        json.dumps([{"id": "j1", "text": "One.", "title": "T1"}, {"id": "j2", "text": "Two.", "title": "T2"}]),
        encoding="utf-8",
    )
    (tmp_path / "one.json").write_text(json.dumps({"id": "j3", "text": "Three.", "title": "T3"}), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["T1", "T2", "T3"]
    assert len(errors) == 1 and errors[0].path.endswith("bad.json") and "invalid JSON" in errors[0].reason


# --------------------------------------------------------------------------
# HTML and feeds


def test_html_page(tmp_path):
    f = tmp_path / "page.htm"
    f.write_text(HTML, encoding="utf-8")
    (a,), errors = collect([f])
    assert errors == []
    assert a.title == "Taliban seize Kabul airport"
    assert a.published == date(2021, 8, 16)
    assert a.id == content_id(a.text)
    assert "Copyright" not in a.text


def test_feed_never_touches_network(tmp_path, monkeypatch):
    import urllib.request

    def no_network(*a, **k):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    f = tmp_path / "feed.xml"
    f.write_text(RSS, encoding="utf-8")
    arts, errors = collect([f])
    assert errors == [] and len(arts) == 2
    assert arts[0].text.startswith("Pentagon confirms drone strike in Kabul\n\n")


def test_atom_feed(tmp_path):
    f = tmp_path / "feed.atom"
    f.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id>
<updated>2021-09-03T00:00:00Z</updated>
<entry><title>UN envoy visits Kabul</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<link href="https://atom.example/un-envoy"/><updated>2021-09-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;The envoy met Taliban leaders.&lt;/p&gt;&lt;p&gt;Talks went on.&lt;/p&gt;</content>
</entry></feed>""",
        encoding="utf-8",
    )
    (a,), errors = collect([f])
    assert errors == []
    assert a.title == "UN envoy visits Kabul" and a.published == date(2021, 9, 3)
    assert "The envoy met Taliban leaders.\nTalks went on." in a.text
    assert a.doc_id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert a.id == safe_id(a.doc_id)


def test_xml_that_is_not_a_feed_is_reported(tmp_path):
    f = tmp_path / "data.xml"
    f.write_text("<?xml version='1.0'?><root><x>1</x></root>", encoding="utf-8")
    arts, errors = collect([f])
    assert arts == [] and errors[0].path == str(f)


# --------------------------------------------------------------------------
# encodings and bad files


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
    with caplog.at_level(logging.WARNING, logger="kg.read"):
        assert list(read_articles([tmp_path])) == []
    assert any("blob.txt" in r.getMessage() for r in caplog.records)


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


def test_crlf_normalised(tmp_path):
    f = tmp_path / "dos.txt"
    f.write_bytes(b"Headline from Windows\r\n\r\nBody text.\r\n")
    (a,), _ = collect([f])
    assert a.text == "Headline from Windows\n\nBody text.\n"


def test_empty_file_reported(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert arts == [] and errors[0].reason == "empty file"


def test_symlink_loop_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text("A headline here\n\nText.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "back")  # a/back -> root: a cycle
    os.symlink("self", tmp_path / "self")  # points at itself
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["A headline here"]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "loop" in reasons["back"]
    assert "loop" in reasons["self"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_reported(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("A headline here\n\nText.", encoding="utf-8")
    f.chmod(0)
    try:
        arts, errors = collect([tmp_path])
    finally:
        f.chmod(0o644)
    assert arts == [] and errors[0].reason == "permission denied"


# --------------------------------------------------------------------------
# standard input and duplicates


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


def test_mostly_utf8_with_corrupt_byte_keeps_utf8():
    data = "Kabul “airport” reopens’s gates".encode("utf-8") + b"\xff"
    text = decode(data)
    assert text.startswith("Kabul “airport” reopens’s gates")
    assert text.endswith("\ufffd")


def test_dateline_needs_a_capitalised_place():
    assert parse_date_line("KABUL, Sept 2 (Reuters) - The Taliban said", year=2021) == date(2021, 9, 2)
    assert parse_date_line("However, May 5 - the talks stalled", year=2021) is None


def test_jsonl_saved_as_json_is_read(tmp_path):
    f = tmp_path / "lines.json"
    f.write_text('{"id": "l1", "text": "One."}\n{"id": "l2", "text": "Two."}\n', encoding="utf-8")
    arts, errors = collect([f])
    assert errors == [] and [a.id for a in arts] == ["l1", "l2"]


def test_stdin_json_document(monkeypatch):
    data = json.dumps([{"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}], indent=2)
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    arts, errors = collect(["-"])
    assert errors == [] and [a.id for a in arts] == ["p1", "p2"]


def test_stdin_html(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(HTML))
    (a,), errors = collect(["-"])
    assert a.title == "Taliban seize Kabul airport" and a.path == "<stdin>"


def test_permission_error_reported_even_as_root(tmp_path, monkeypatch):
    import kg.read as kread

    (tmp_path / "a.txt").write_text("Readable headline\n\nText.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Locked headline\n\nText.", encoding="utf-8")
    real_open = open

    def fake_open(path, *a, **k):
        if str(path).endswith("b.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(kread, "open", fake_open, raising=False)
    arts, errors = collect([tmp_path])
    assert [a.title for a in arts] == ["Readable headline"]
    assert str(errors[0]) == f"{tmp_path / 'b.txt'}: permission denied"
