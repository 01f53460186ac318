"""RSS and Atom feeds (kg.readers.feed): entries, no network, XML that is no feed."""
from __future__ import annotations

from datetime import date

from .inputs import RSS, collect
from kg.readers.record import safe_id


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
