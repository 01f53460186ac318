"""A small mixed corpus (plain text, HTML, JSON Lines, RSS) written in tmp_path, and store helpers."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

TXT = """Taliban fighters guard Kabul airport

KABUL, Sept. 2, 2021 (Reuters) - U.S. military commanders coordinated daily with Taliban commanders outside the Kabul airport to facilitate the evacuation.

The Taliban are avowed enemies of the Islamic State group in Afghanistan.
"""

HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Pentagon says strike killed Islamic State planners | Example News</title>
<meta property="og:title" content="Pentagon says strike killed Islamic State planners">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-08-28T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Pentagon says strike killed Islamic State planners</h1>
<p>The U.S. military said on Saturday that a drone strike in Nangarhar province killed two Islamic State planners.</p>
<p>Lloyd Austin said the United States would keep striking ISIS-K after the suicide bombing at the Kabul airport gate.</p>
<p>The Taliban condemned the strike, a spokesman said in Kabul.</p>
</article>
<footer>Copyright 2021 Example News. All rights reserved.</footer>
</body></html>
"""

JSONL = [
    {"id": "wire-001", "title": "Biden meets Blinken on Afghanistan", "published": "2021-08-30",
     "url": "https://example.org/wire-001", "source": "Example Wire",
     "text": "President Joe Biden met Antony Blinken at the White House on Monday to discuss the evacuation from Kabul."},
    {"id": "wire-002", "title": "Milley warns of Islamic State threat", "published": "2021-09-01",
     "url": "https://example.org/wire-002", "source": "Example Wire",
     "text": "Gen. Mark Milley said the Islamic State remains a threat. The Taliban oppose the Islamic State."},
    # The plain-text article again, under another id: the same article, built once.
    {"id": "wire-003", "title": "Copy of the Kabul story", "published": "2021-09-02", "text": TXT},
]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example Feed</title><link>https://feed.example.org/</link><description>News</description>
<item>
  <title>Qatar hosts talks with the Taliban</title>
  <link>https://feed.example.org/doha-talks</link>
  <guid>https://feed.example.org/doha-talks</guid>
  <pubDate>Fri, 03 Sep 2021 08:00:00 GMT</pubDate>
  <description>Qatar hosted talks between the Taliban and United States diplomats in Doha on Friday.</description>
</item>
<item>
  <title>Austin visits Qatar</title>
  <link>https://feed.example.org/austin-qatar</link>
  <guid>https://feed.example.org/austin-qatar</guid>
  <pubDate>Tue, 07 Sep 2021 09:30:00 GMT</pubDate>
  <description>Lloyd Austin met Qatari officials in Doha to thank them for help with the evacuation.</description>
</item>
</channel></rss>
"""

#: Title and date of each article the mixed folder holds (the JSON Lines copy of the text file excluded).
EXPECTED = {
    ("Taliban fighters guard Kabul airport", "2021-09-02"),
    ("Pentagon says strike killed Islamic State planners", "2021-08-28"),
    ("Biden meets Blinken on Afghanistan", "2021-08-30"),
    ("Milley warns of Islamic State threat", "2021-09-01"),
    ("Qatar hosts talks with the Taliban", "2021-09-03"),
    ("Austin visits Qatar", "2021-09-07"),
}


def write_mixed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kabul.txt").write_text(TXT, encoding="utf-8")
    (folder / "pentagon.html").write_text(HTML, encoding="utf-8")
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in JSONL), encoding="utf-8")
    sub = folder / "feeds"
    sub.mkdir(exist_ok=True)
    (sub / "example.rss").write_text(RSS, encoding="utf-8")
    return folder


@pytest.fixture
def mixed_folder(tmp_path) -> Path:
    return write_mixed(tmp_path / "news")


def titles_and_dates(store_path) -> set[tuple[str, str]]:
    from kg.store import open_store

    q = """PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?title ?date WHERE { GRAPH ?g { ?a a kg:Article ; dcterms:title ?title ; dcterms:date ?date } }"""
    with open_store(str(store_path), create=False) as st:
        return {(str(r[0]), str(r[1])) for r in st.query(q)}


def article_count(store_path) -> int:
    from kg.store import open_store

    q = "PREFIX kg: <https://w3id.org/kg/ontology#> SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }"
    with open_store(str(store_path), create=False) as st:
        return int(list(st.query(q))[0][0])


def sorted_nquads(store_path) -> list[str]:
    from kg.store import open_store

    with open_store(str(store_path), create=False) as st:
        data = st.rdf_dataset().serialize(format="nquads")
    return sorted(line for line in data.splitlines() if line.strip())
