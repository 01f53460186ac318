"""RSS and Atom feeds: one article per entry, parsed by feedparser.

Reads ``.xml``, ``.rss`` and ``.atom`` files, and texts that start with an
``<rss>``, ``<feed>`` or ``<rdf:RDF>`` tag. A feed file is parsed from its
bytes (so the encoding it declares is used), a text from its UTF-8 encoding;
never from a path or URL: feedparser fetches the URLs it is given, and kg
reads no network. An entry's headline
heads its text, its content (or summary) follows as plain text; its id or
link gives the article id, the feed's title the source.

>>> FeedReader().sniff('<?xml version="1.0"?><rss version="2.0"><channel>')
True
"""
from __future__ import annotations

import io
from datetime import date
from typing import Iterator

from ..model import Article, content_id
from .base import Reader, ReadError, Report
from .html import html_to_text, markup_start
from .record import publication_date, safe_id, str_or_none


class FeedReader(Reader):
    """One article per feed entry."""

    name = "feed"
    extensions = (".xml", ".rss", ".atom")

    def sniff(self, head: str) -> bool:
        start = markup_start(head)
        return "<rss" in start or "<feed" in start or "<rdf:rdf" in start

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        yield from self.read_bytes(text.encode("utf-8"), where, report)

    def read_bytes(self, data: bytes, where: str, report: Report) -> Iterator[Article]:
        import feedparser

        # Bytes, not a path or URL: feedparser fetches URLs it is given.
        try:
            feed = feedparser.parse(io.BytesIO(data))
        except Exception as e:
            report(ReadError(where, f"cannot parse feed: {e}"))
            return

        def has_text(entry) -> bool:
            return any(html_to_text(v).strip() for v in
                       [entry.get("title", ""), entry.get("summary", "")] + [c.get("value", "") for c in entry.get("content") or []])

        if not feed.entries or (feed.get("bozo") and not any(has_text(e) for e in feed.entries)):
            reason = "no feed entries"
            if feed.get("bozo"):
                reason = f"not a readable feed ({feed.get('bozo_exception')})"
            report(ReadError(where, reason))
            return
        publisher = str_or_none(feed.feed.get("title"))
        for i, entry in enumerate(feed.entries, 1):
            path = f"{where}#{i}"
            body = ""
            if entry.get("content"):
                body = "\n".join(html_to_text(c.get("value", "")) for c in entry.content)
            if not body.strip():
                body = html_to_text(entry.get("summary", ""))
            title = str_or_none(html_to_text(entry.get("title", "")))
            if not body.strip() and not title:
                report(ReadError(path, "feed entry without text"))
                continue
            # The headline heads the text, as in a page, so offsets cover it too.
            text = f"{title}\n\n{body}".strip() if title else body.strip()
            parsed = entry.get("published_parsed") or entry.get("updated_parsed")
            published = publication_date(date(*parsed[:3]) if parsed else None, path, report)
            raw_id = str_or_none(entry.get("id"))
            link = str_or_none(entry.get("link"))
            key = raw_id or link
            yield Article(
                id=safe_id(key) if key else content_id(text),
                text=text,
                title=title,
                published=published,
                url=link,
                source=publisher,
                path=path,
                doc_id=raw_id,
            )

    def count(self, path: str) -> int:
        """An article per ``<item>`` or ``<entry>`` tag, at least one."""
        with open(path, "rb") as fh:
            data = fh.read()
        return max(1, data.count(b"<item") + data.count(b"<entry"))
