"""A mixed folder (text, HTML, JSON Lines, RSS) and standard input build into one store."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import kg

from .conftest import EXPECTED, TXT, article_count, titles_and_dates


def test_mixed_folder_builds_one_graph_with_titles_and_dates(mixed_folder, tmp_path):
    store = tmp_path / "store"
    records = tmp_path / "claims.jsonl"
    summary = kg.build([str(mixed_folder)], store=str(store), workers=1, records=str(records), progress=False)

    assert summary.errors == []
    assert summary.articles == 6
    assert summary.duplicates == 1  # the JSON Lines copy of kabul.txt
    assert titles_and_dates(store) == EXPECTED
    assert article_count(store) == 6
    # The closing summary counts what was extracted and what the store holds.
    assert summary.actors >= 5 and summary.claims >= 1 and summary.events >= 1
    assert summary.triples > 100
    assert summary.seconds > 0
    text = str(summary)
    for word in ("6 article(s) built", "actors", "claims", "events", "triples", " s "):
        assert word in text
    # Records come from the same run.
    recs = [json.loads(line) for line in records.read_text().splitlines()]
    assert len([r for r in recs if r["target"] is not None]) == summary.claims
    assert all(r["relation"] is None and r["event"] for r in recs if r["target"] is None)  # one-actor events


def test_second_build_skips_unchanged_and_force_rebuilds(mixed_folder, tmp_path):
    store = str(tmp_path / "store")
    first = kg.build([str(mixed_folder)], store=store, workers=1, progress=False)
    again = kg.build([str(mixed_folder), str(mixed_folder / "kabul.txt")], store=store, workers=1, progress=False)
    assert (again.articles, again.unchanged) == (0, 6)
    assert again.triples == first.triples
    forced = kg.build([str(mixed_folder / "kabul.txt")], store=store, workers=1, force=True, progress=False)
    assert forced.articles == 1 and forced.triples == first.triples


def test_records_of_a_rerun_list_every_article_unchanged_or_not(mixed_folder, tmp_path):
    """--records is a function of the input: a rerun that finds every article unchanged (or some)
    writes the same complete file as the first build, and the store is not written again."""
    store, first, again = str(tmp_path / "store"), tmp_path / "first.jsonl", tmp_path / "again.jsonl"
    built = kg.build([str(mixed_folder)], store=store, workers=1, records=first, progress=False)
    partial = kg.build([str(mixed_folder / "kabul.txt")], store=str(tmp_path / "other"), workers=1, progress=False)
    assert partial.articles == 1
    rerun = kg.build([str(mixed_folder)], store=store, workers=1, records=again, progress=False)
    assert (rerun.articles, rerun.unchanged, rerun.claims) == (0, 6, 0)
    assert again.read_bytes() == first.read_bytes()
    claims = [line for line in again.read_text().splitlines() if json.loads(line)["target"] is not None]
    assert len(claims) == built.claims > 0  # then one record per agent of an event with no target
    # some articles in the store already, some not: still every article's claims, in input order
    some = kg.build([str(mixed_folder)], store=str(tmp_path / "other"), workers=1, records=again, progress=False)
    assert (some.articles, some.unchanged) == (5, 1)
    assert again.read_bytes() == first.read_bytes()


def test_a_failed_build_leaves_the_old_records_file(mixed_folder, tmp_path):
    """The records file is written whole or not at all: a build that fails half way keeps the old one."""
    from kg.builder import run_build
    from kg.errors import StoreError
    from kg.store import open_store

    (tmp_path / "out").mkdir()
    records = tmp_path / "out" / "claims.jsonl"
    records.write_text("old\n")

    class Full:  # an in-memory store whose disk fills up after two articles
        def __init__(self):
            self.store, self.puts = open_store(":memory:"), 0

        def put_article(self, graph, triples):
            self.puts += 1
            if self.puts > 2:
                raise StoreError("store: no space left on device")
            return self.store.put_article(graph, triples)

        def __getattr__(self, name):
            return getattr(self.store, name)

    with pytest.raises(StoreError, match="no space left"):
        run_build([str(mixed_folder)], Full(), workers=1, records=str(records), progress=False)
    assert records.read_text() == "old\n"
    assert [p.name for p in records.parent.iterdir()] == ["claims.jsonl"]  # no temporary file left


def test_the_summary_keeps_the_first_errors_and_counts_them_all(tmp_path):
    from kg.builder import KEPT_ERRORS

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Qatar met the Taliban in Doha."}\n' + "not json\n" * 1000)
    seen = []
    summary = kg.build([str(bad)], store=":memory:", workers=1, on_error=seen.append, progress=False)
    assert summary.articles == 1 and summary.error_count == len(seen) == 1000
    assert len(summary.errors) == KEPT_ERRORS and summary.errors[0] == f"{bad}:2: invalid JSON (Expecting value: line 1 column 1 (char 0))"
    assert str(seen[-1]) == f"{bad}:1001: invalid JSON (Expecting value: line 1 column 1 (char 0))"
    assert "1000 error(s)" in str(summary)


def test_same_article_met_twice_is_extracted_once(tmp_path):
    from kg.builder import run_build
    from kg.store import open_store

    a = tmp_path / "a.txt"
    a.write_text(TXT, encoding="utf-8")
    b = tmp_path / "copy" / "b.txt"
    b.parent.mkdir()
    b.write_text(TXT.replace("\n\n", "\n\n\n"), encoding="utf-8")  # same text, other whitespace
    with open_store(":memory:") as st:
        s = run_build([str(a), str(tmp_path / "*.txt"), str(b)], st, workers=1, progress=False)
        assert s.articles == 1  # same id: the reader drops the repeats
        assert len(st.articles()) == 1


def _kg(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600, **kw)


def test_standard_input(tmp_path):
    store = tmp_path / "store"
    r = _kg("build", "-", "--store", str(store), input=TXT)
    assert r.returncode == 0, r.stderr
    assert "1 article(s) built" in r.stderr
    assert titles_and_dates(store) == {("Taliban fighters guard Kabul airport", "2021-09-02")}
    # Not a terminal: no progress bar, only the summary line.
    assert "articles/s]" not in r.stderr and "it/s" not in r.stderr
    assert r.stdout == ""


def test_standard_input_json_lines(tmp_path):
    from .conftest import JSONL

    store = tmp_path / "store"
    lines = "".join(json.dumps(rec) + "\n" for rec in JSONL[:2])
    r = _kg("build", "-", "--store", str(store), input=lines)
    assert r.returncode == 0, r.stderr
    assert titles_and_dates(store) == {("Biden meets Blinken on Afghanistan", "2021-08-30"),
                                       ("Milley warns of Islamic State threat", "2021-09-01")}


def test_progress_bar_when_asked(mixed_folder, tmp_path, capsys):
    summary = kg.build([str(mixed_folder / "wire.jsonl")], store=str(tmp_path / "s"), workers=1, progress=True)
    err = capsys.readouterr().err
    # tqdm's bar: a total counted ahead, articles per second, and the ETA field.
    assert "kg build" in err and "3/3 [" in err and "articles/s]" in err and "<" in err
    assert summary.articles == 3


def test_no_progress_bar_by_default_when_not_a_terminal(mixed_folder, tmp_path, capsys):
    kg.build([str(mixed_folder / "wire.jsonl")], store=str(tmp_path / "s"), workers=1)
    assert "articles/s" not in capsys.readouterr().err
