"""The bad-input corpus through every reader, the cleaner, and `kg build` end to end.

Every bad file is either read (an article, maybe with no facts) or reported
by file name and reason; nothing raises, and no traceback reaches the user.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import sys
import time
from pathlib import Path

import pytest

from .corpus import EXPECT, GOOD, SIMULATE_UNREADABLE, make_corpus, many_entities_text
from kg.clean import clean
from kg.model import Article
from kg.readers import ReadError, read_articles
from kg.settings import MAX_ARTICLE_CHARS


def collect(paths, **kw):
    errors: list[ReadError] = []
    articles = list(read_articles(paths, on_error=errors.append, **kw))
    return articles, errors


@pytest.fixture
def unreadable_as_root(monkeypatch):
    """Make open() of a file named unreadable.txt fail, as chmod 0 does for anyone but root."""
    import builtins
    import errno

    real_open = builtins.open

    def guarded(file, *a, **k):
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.basename(os.fsdecode(file)) == "unreadable.txt":
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", guarded)


def test_corpus_every_file_read_or_reported_by_name(tmp_path, unreadable_as_root):
    folder = make_corpus(tmp_path / "corpus")
    articles, errors = collect([folder])
    by_file: dict[str, list[str]] = {}
    for e in errors:
        name = Path(e.path.split("#")[0]).name
        by_file.setdefault(name, []).append(e.reason)
    texts: dict[str, str] = {}
    for a in articles:
        texts[Path(a.path.split("#")[0]).name] = texts.get(Path(a.path.split("#")[0]).name, "") + a.text
    assert GOOD in texts and GOOD not in by_file
    for name, (outcome, words) in EXPECT.items():
        if outcome == "reported":
            assert name in by_file, f"{name} was not reported"
            assert any(words in r for r in by_file[name]), (name, by_file[name])
        else:
            assert name not in by_file, (name, by_file[name])
            assert words in texts.get(name, ""), f"{name} was not read"
    # the good lines of the JSON Lines files are read despite their bad neighbours
    ids = {a.id for a in articles}
    assert {"jsonl-good-1", "jsonl-good-2", "jsonl-good-3"} <= ids
    assert by_file["mixed.jsonl"] and all(e.line in (2, 3, 4, 5) for e in errors if e.path.endswith("mixed.jsonl"))
    # every file of the folder is accounted for
    assert set(os.listdir(folder)) == set(texts) | set(by_file)
    # and decoding gave the right characters
    assert "São Paulo" in texts["latin1.txt"] and "Officials from Qatar" in texts["utf16.txt"]


# --------------------------------------------------------------------------
# each kind of bad content through each reader path (file extensions and stdin)

BAD_CONTENT = {
    "empty": b"",
    "whitespace": b" \n\t \r\n ",
    "binary": bytes(range(256)) * 16,
    "nul-in-text": b"Kabul\x00airport\x00" * 50,
    "invalid-utf8": b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc" * 30,
    "latin1": "Réunion à Genève\n\nLe président a parlé.\n".encode("latin-1"),
    "utf16-bom": codecs.BOM_UTF16_LE + "Talks in Doha\n\nQatar hosted talks.\n".encode("utf-16-le"),
    "utf16-lying-bom": codecs.BOM_UTF16_LE + b"\x00\xd8" * 40,  # a lone surrogate after the BOM
    "utf32-bom": codecs.BOM_UTF32_LE + "Kabul news\n\nText.\n".encode("utf-32-le"),
    "truncated-json": b'{"id": "x", "text": "Kabul airport',
    "json-scalar": b"42",
    "json-deep": b"[" * 5000 + b"]" * 5000,
    "html-garbage": b"<html><body><div><p>Kabul <b>airport</div></p><<>></html>\x00",
    "xml-not-feed": b"<?xml version='1.0'?><root><item>x</item>",
    "one-char": b"x",
    "control-chars": bytes(range(1, 32)) * 20,
    "rtl-and-emoji": "طالبان 🚀 Kabul\u202e\u200b\n\nText here.\n".encode(),
}
EXTENSIONS = [".txt", "", ".html", ".json", ".jsonl", ".rss", ".xml"]


@pytest.mark.parametrize("ext", EXTENSIONS)
@pytest.mark.parametrize("kind", list(BAD_CONTENT))
def test_bad_content_in_every_reader(tmp_path, kind, ext):
    f = tmp_path / f"input{ext}"
    f.write_bytes(BAD_CONTENT[kind])
    articles, errors = collect([f])  # never raises
    assert articles or errors, "nothing read and nothing reported"
    for e in errors:
        assert e.path.startswith(str(f)) and e.reason
    for a in articles:
        assert a.text.strip() and a.id


@pytest.mark.parametrize("kind", list(BAD_CONTENT))
def test_bad_content_on_stdin(monkeypatch, kind):
    class Stdin(io.TextIOWrapper):
        pass

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_CONTENT[kind]), encoding="utf-8",
                                                       errors="strict"))
    articles, errors = collect(["-"])
    assert articles or errors or not BAD_CONTENT[kind].strip()
    for e in errors:
        assert e.path.startswith("<stdin>")


# --------------------------------------------------------------------------
# size: a 50 MB article, a 1 MB line


def _big_text(n_bytes: int) -> str:
    para = ("Taliban fighters guarded the gates of Kabul airport on Monday, officials said, "
            "as evacuation flights continued through the night. ") * 4
    paras = "Headline of a very long article\n\n" + "\n\n".join([para] * (n_bytes // (len(para) + 2) + 1))
    return paras[:n_bytes]


def test_a_50_mb_article_is_read_and_cleaned(tmp_path):
    f = tmp_path / "huge.txt"
    f.write_text(_big_text(50 * 1024 * 1024) + "\nALSO READ: other news\nTeaser\n", encoding="utf-8")
    started = time.monotonic()
    # By default it is reported as too long for the pipeline, without harm.
    articles, errors = collect([f])
    assert articles == [] and "article too long" in errors[0].reason and errors[0].path == str(f)
    # Without the limit it is read; the cleaner keeps its length and cuts the teaser.
    (article,), errors = collect([f], max_chars=None)
    assert errors == [] and len(article.text) > 50_000_000
    cleaned = clean(article)
    assert len(cleaned.body) == len(article.text)
    assert "ALSO READ" not in cleaned.body[-200:] and "Teaser" not in cleaned.body[-100:]
    assert cleaned.body[:1000] == article.text[:1000]
    assert time.monotonic() - started < 120


def test_a_1_mb_line(tmp_path):
    line = ("kabul airport taliban " * 50_000)[: 1024 * 1024]
    txt = tmp_path / "line.txt"
    txt.write_text("Headline\n\n" + line + "\n", encoding="utf-8")
    jsonl = tmp_path / "line.jsonl"
    jsonl.write_text(json.dumps({"id": "big", "text": line}) + "\n" + json.dumps({"id": "small", "text": "Ok."}) + "\n")
    started = time.monotonic()
    articles, errors = collect([txt, jsonl], max_chars=2_000_000)
    assert sorted(a.id for a in articles)[-2:] == ["big", "small"] and errors == []
    for a in articles:
        assert len(clean(a).body) == len(a.text)
    # With the default limit (a million characters) both long ones are reported, the small one read.
    articles, errors = collect([txt, jsonl])
    assert [a.id for a in articles] == ["small"]
    assert len(errors) == 2 and all("too long" in e.reason for e in errors)
    assert time.monotonic() - started < 30


def test_the_limits_follow_the_environment(tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("Headline here\n\n" + "word " * 100, encoding="utf-8")
    monkeypatch.setenv("KG_MAX_ARTICLE_CHARS", "100")
    assert "too long" in collect([f])[1][0].reason
    monkeypatch.setenv("KG_MAX_ARTICLE_CHARS", "0")  # no limit
    assert len(collect([f])[0]) == 1
    monkeypatch.setenv("KG_MAX_FILE_BYTES", "50")
    assert "file too large" in collect([f])[1][0].reason
    jl = tmp_path / "a.jsonl"
    jl.write_text(json.dumps({"id": "long", "text": "x" * 100}) + "\n" + json.dumps({"id": "ok", "text": "y"}) + "\n")
    articles, errors = collect([jl])
    assert [a.id for a in articles] == ["ok"] and errors[0].line == 1 and "line too long" in errors[0].reason
    assert MAX_ARTICLE_CHARS == 1_000_000


# --------------------------------------------------------------------------
# the whole road: `kg build` on the corpus, as a user runs it


def test_kg_build_on_the_corpus(tmp_path, kg_run):
    folder = make_corpus(tmp_path / "corpus")
    (folder / "many-entities.txt").write_text(many_entities_text(10_000), encoding="utf-8")
    store = tmp_path / "store"
    wrapper = tmp_path / "kg_as_user.py"  # as root, unreadable.txt is made unreadable here
    wrapper.write_text(SIMULATE_UNREADABLE + "\nimport sys\nfrom kg.cli import main\n"
                       "if __name__ == '__main__':  # build workers are spawned and import this file\n"
                       "    sys.argv[0] = 'kg'\n    main()\n")
    started = time.monotonic()
    r = kg_run(wrapper, "build", folder, "--store", store, timeout=600, module=False)
    seconds = time.monotonic() - started
    print(f"kg build on the corpus: {seconds:.1f} s\n{r.stderr}")
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.returncode == 0, r.stderr
    for name, (outcome, words) in EXPECT.items():
        if outcome == "reported":
            lines = [ln for ln in r.stderr.splitlines() if f"{folder / name}" in ln]
            assert lines, f"stderr does not name {name}"
            assert any(words in ln for ln in lines), (name, lines)
    assert GOOD not in r.stderr and "many-entities.txt" not in r.stderr
    # the good article's claims are in the store
    r = kg_run("query", "opposes", "--store", store, "--format", "csv")
    assert r.returncode == 0 and "Taliban" in r.stdout, r.stderr
    # the 10,000-entity article is in it too
    q = ("PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
         "SELECT ?t WHERE { GRAPH ?g { ?a a kg:Article ; dcterms:title ?t } } ORDER BY ?t")
    r = kg_run("query", q, "--store", store, "--format", "csv")
    titles = r.stdout.splitlines()
    assert "Ten thousand names" in titles and "Qatar hosts talks" in titles and "Талибан заявил о новом правительстве" in titles


@pytest.mark.parametrize("kind", ["binary", "utf16-lying-bom", "control-chars"])
def test_binary_stdin_is_reported_not_read(monkeypatch, kind):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD_CONTENT[kind]), encoding="utf-8"))
    articles, errors = collect(["-"])
    assert articles == [] and errors[0].reason == "binary or undecodable input"


def test_kg_build_with_nothing_readable_fails_in_one_clear_message(tmp_path, kg_run):
    """Binary standard input and a folder of bad files only: every one named, a non-zero exit, no traceback."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "cut.jsonl").write_text('{"id": "x", "text": "cut of', encoding="utf-8")
    r = kg_run("build", "-", folder, "--store", tmp_path / "store", input="\x00\x01\x02" * 500, timeout=300)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    for name in ("<stdin>: binary or undecodable input", "empty.txt: empty file", "blob.txt: binary",
                 "cut.jsonl:1: invalid JSON"):
        assert name in r.stderr, r.stderr
    assert r.stderr.rstrip().splitlines()[-1].startswith("Error: no article could be read from -")


def test_dates_at_the_ends_of_the_calendar_lose_no_article(tmp_path, kg_run):
    """Issue 12: a `published` of 0001-01-01 or 9999-12-31 lost the whole article to an
    OverflowError ("on Saturday" counted back from 0001-01-01). Read from JSON it is no date;
    given through the API it stays, and the dates that would fall off the calendar are no date."""
    from datetime import date

    from kg.extract import extract_articles

    text = "The Taliban attacked Kabul on Saturday. Qatar met the Taliban envoys in Doha last week."
    f = tmp_path / "dates.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": f"{text} ({i})", "published": d}) + "\n"
                         for i, d in (("first", "0001-01-01"), ("last", "9999-12-31"))))
    r = kg_run("build", f, "--store", tmp_path / "store", "--workers", "1")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "2 article(s) built" in r.stderr and "extraction failed" not in r.stderr
    assert f"{f}:1: date '0001-01-01' out of range (years 1900 to 2200); read without a date" in r.stderr
    for published in (date(1, 1, 1), date(9999, 12, 31)):
        (ex,) = extract_articles([Article(id="edge", text=text, published=published)])
        assert ("qat", "taliban") in {(c.source, c.target) for c in ex.claims}  # Qatar (by ISO code) meets the Taliban
        assert all(e.date is None or e.date[:4] == str(published.year).zfill(4) for e in ex.events)
