"""Plain text (kg.readers.text): dates, datelines, headlines, line ends."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from .inputs import SEED, SEED_TITLE, collect
from kg.model import content_id
from kg.readers.text import parse_date_line


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


def test_dateline_needs_a_capitalised_place():
    assert parse_date_line("KABUL, Sept 2 (Reuters) - The Taliban said", year=2021) == date(2021, 9, 2)
    assert parse_date_line("However, May 5 - the talks stalled", year=2021) is None


def test_crlf_normalised(tmp_path):
    f = tmp_path / "dos.txt"
    f.write_bytes(b"Headline from Windows\r\n\r\nBody text.\r\n")
    (a,), _ = collect([f])
    assert a.text == "Headline from Windows\n\nBody text.\n"


def test_datelines_give_place_and_date_and_no_title(tmp_path):
    from kg.clean import clean

    cases = {
        "caps.txt": ("Shelling resumes in the east\n\nKYIV, March 3, 2024 - Russian forces shelled the city.\n",
                     date(2024, 3, 3), "Kyiv", "KYIV, March 3, 2024 -"),
        "line.txt": ("Kyiv, March 3, 2024\nShelling resumes in the east\n\nRussian forces shelled the city.\n",
                     date(2024, 3, 3), "Kyiv", "Kyiv, March 3, 2024"),
        "2024-11-25-agency.txt": ("Talks resume\n\nDOHA, Nov 22 (Reuters) — Mediators met Hamas officials.\n",
                                  date(2024, 11, 22), "Doha", "DOHA, Nov 22 (Reuters) —"),
        "2024-11-25-nodate.txt": ("Talks resume\n\nNEW YORK (AP) - Diplomats met at the UN.\n",
                                  date(2024, 11, 25), "New York", "NEW YORK (AP) -"),
    }
    for name, (text, *_) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert errors == []
    for a in arts:
        _, published, place, written = cases[Path(a.path).name]
        assert (a.published, a.dateline.place) == (published, place), a.path
        assert a.text[a.dateline.start:a.dateline.end] == written
        assert a.title and a.title[0] in "ST", a.path  # the headline, never the dateline
        body = clean(a).body
        assert written not in body and body[a.dateline.start:a.dateline.end].strip() == ""
        assert len(body) == len(a.text)


def test_no_dateline_in_ordinary_sentences():
    from kg.readers.text import find_dateline

    assert find_dateline("However, May 5 - the talks stalled.\n") == (None, None)
    assert find_dateline("Officials met in Doha.\nTALKS, they said, went well.") == (None, None)
