"""Inputs the reader tests share (the seed, an HTML page, an RSS feed) and
``collect``, which reads paths into (articles, errors)."""
from __future__ import annotations

from pathlib import Path

from kg.readers import ReadError, read_articles

ROOT = Path(__file__).resolve().parents[2]

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
