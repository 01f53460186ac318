"""The registry (kg.readers.registry): a reader by extension or by sniffing, counts
for the progress bar, and a reader of a new format registered as a plugin's is."""
from __future__ import annotations

import json
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from .inputs import HTML, RSS, collect
from kg.readers import READERS, ReadError, Reader, count_articles, reader_for
from kg.readers.registry import extensions, sniffed
from kg.readers.text import parse_plain_text

SPEECHES = "SPEECH:\nBiden defends Afghanistan exit\n\nWe ended the war.\n---\nTaliban name a cabinet\n\nThe list came out.\n"


class SpeechReader(Reader):
    """Transcripts: ``SPEECH:`` on the first line, speeches separated by a line ``---``."""

    name = "speech"
    extensions = (".speech",)

    def sniff(self, head: str) -> bool:
        return head.startswith("SPEECH:")

    def read_text(self, text, where, report):
        for i, part in enumerate(text.removeprefix("SPEECH:").split("\n---\n"), 1):
            article = parse_plain_text(part, path=f"{where}#{i}", filename_date=False)
            if article is None:
                report(ReadError(f"{where}#{i}", "empty speech"))
            else:
                yield article

    def count(self, path):
        with open(path, encoding="utf-8") as f:
            return f.read().count("\n---\n") + 1


@pytest.fixture(params=["object", "entry point"])
def speech(request):
    """SpeechReader registered for one test: as an object, or as an entry point
    naming the class (loaded and instantiated as another package's reader is)."""
    READERS.names()  # entry points found now, so that the registry restored below keeps them
    with READERS.saved():
        if request.param == "object":
            READERS.register("speech", SpeechReader())
        else:
            READERS.register("speech", EntryPoint("speech", f"{__name__}:SpeechReader", "kg.readers"))
        yield READERS.get("speech")


def test_a_new_reader_reads_its_extension(tmp_path, speech):
    assert isinstance(speech, SpeechReader)
    f = tmp_path / "address.SPEECH"
    f.write_text(SPEECHES, encoding="utf-8")
    assert reader_for(f) is speech and ".speech" in extensions()
    arts, errors = collect([f])
    assert errors == []
    assert [(a.title, a.path) for a in arts] == [("Biden defends Afghanistan exit", f"{f}#1"),
                                                  ("Taliban name a cabinet", f"{f}#2")]


def test_a_new_reader_sniffs_a_file_without_extension(tmp_path, speech):
    (tmp_path / "transcript").write_text(SPEECHES, encoding="utf-8")
    (tmp_path / "wire").write_text('{"id": "w1", "text": "Talks in Doha."}\n', encoding="utf-8")
    (tmp_path / "note").write_text("Notes on transcripts, which start with SPEECH:\n", encoding="utf-8")
    arts, errors = collect([tmp_path])
    assert errors == []
    assert sorted(Path(a.path).name for a in arts) == ["note", "transcript#1", "transcript#2", "wire#L1"]
    assert sniffed(SPEECHES) is speech
    assert sniffed('{"id": "w1", "text": "Talks in Doha."}').name == "jsonl"  # kg's own are sniffed first


def test_a_new_reader_counts_its_files(tmp_path, speech):
    (tmp_path / "a.speech").write_text(SPEECHES, encoding="utf-8")
    (tmp_path / "b.txt").write_text("One article.", encoding="utf-8")
    assert count_articles([tmp_path]) == 3


def test_unsupported_file_type_names_every_extension_read(tmp_path, speech):
    f = tmp_path / "photo.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n")
    (error,) = collect([f])[1]
    assert error.reason.startswith("unsupported file type '.png' (kg reads .xml, .rss, .atom, .html,")
    assert error.reason.endswith(", .speech)")


def test_count_articles_by_format(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"text": "Three."}, {"text": "Four."}]), encoding="utf-8")
    (tmp_path / "c.json").write_text('{"text": "Five."}\n{"text": "Six."}\n', encoding="utf-8")  # JSON Lines
    (tmp_path / "d.rss").write_text(RSS, encoding="utf-8")  # two items
    (tmp_path / "e.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "f").write_text("No extension.", encoding="utf-8")
    (tmp_path / "g.png").write_bytes(b"\x89PNG")  # reported when read; counted as one
    assert count_articles([tmp_path]) == 2 + 2 + 2 + 2 + 1 + 1 + 1
    assert count_articles(tmp_path / "a.jsonl") == 2


def test_feeds_are_sniffed_before_pages():
    assert sniffed("<rss version='2.0'><channel><description><html>").name == "feed"
    assert sniffed("<html><body><p>Kabul</p></body></html>").name == "html"
    assert sniffed("[1, 2]").name == "json" and sniffed("Taliban take Kabul").name == "text"


def test_registering_for_a_test_is_undone():
    assert "speech" not in READERS and reader_for("a.speech") is None and ".speech" not in extensions()
