"""HTML pages: the main text and metadata of a page, found by trafilatura.

Reads ``.html``, ``.htm`` and ``.xhtml`` files, and texts that start with an
``<html>``, ``<!DOCTYPE html>`` or ``<body>`` tag; each page is one article.
Navigation, asides and footers are left out; the page's title, date, URL and
site name fill the article's fields, and the plain-text heuristics
(:mod:`kg.readers.text`) fill those the page lacks. :func:`html_to_text`
gives the text of an HTML fragment (the feed reader uses it for entries).

>>> HtmlReader().sniff("<!DOCTYPE html><html><body><p>Kabul</p></body></html>")
True
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Article, content_id
from .base import Reader, ReadError, Report
from .decode import no_surrogates
from .record import iso_date
from .text import date_from_filename, find_date, find_dateline, find_title, head_lines


class HtmlReader(Reader):
    """One article per page."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def sniff(self, head: str) -> bool:
        start = markup_start(head)
        return "<html" in start or "<!doctype html" in start or "<body" in start

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, favor_precision=False
            )
        except Exception as e:  # trafilatura can fail on odd markup; never fatal
            report(ReadError(where, f"cannot parse HTML: {e}"))
            return
        body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
        if not body:
            body = html_to_text(text).strip()
        if not body:
            report(ReadError(where, "no text found in HTML"))
            return
        head = head_lines(body)
        published = iso_date(getattr(doc, "date", None)) if doc is not None else None
        file_date = date_from_filename(where)
        dateline, dateline_date = find_dateline(body, (published or file_date).year if published or file_date else None)
        yield Article(
            id=content_id(body),
            text=body,
            title=(getattr(doc, "title", None) if doc is not None else None) or find_title(head),
            published=published or dateline_date or find_date(head, file_date) or file_date,
            dateline=dateline,
            url=getattr(doc, "url", None) if doc is not None else None,
            source=(getattr(doc, "sitename", None) or getattr(doc, "hostname", None)) if doc is not None else None,
            path=where,
        )


def markup_start(text: str) -> str:
    """The start of ``text`` in lower case if it begins with a tag, else "":
    what the HTML and feed readers sniff.

    >>> markup_start("  <RSS version='2.0'>"), markup_start("Kabul <b>")
    ("<rss version='2.0'>", '')
    """
    start = text.lstrip()[:500].lower()
    return start if start.startswith("<") else ""


_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "table", "tr", "pre", "figure", "figcaption",
}


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element.

    >>> html_to_text("<p>Kabul <b>airport</b></p><p>Second&nbsp;line</p>")
    'Kabul airport\\nSecond line'
    """
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    fragment = no_surrogates(fragment)
    if "<" not in fragment:
        return " ".join(fragment.split())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS:
            parts.append("\n")

    walk(root)
    lines = (" ".join(ln.split()) for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)
