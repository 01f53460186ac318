"""One record (a JSON object, the values of a feed entry) as article fields.

:func:`article_from_record` makes an :class:`~kg.model.Article` from a JSON
object with ``text`` (or ``body``, ``content``) and optionally ``id``,
``published`` (or ``date``), ``title``, ``url`` and ``source`` (or
``publisher``); the JSON and JSON Lines readers share it. :func:`safe_id`,
:func:`publication_date`, :func:`iso_date` and :func:`str_or_none` turn loose
values into the fields' types; the feed and HTML readers use them too.

>>> a = article_from_record({"id": 42, "text": "Talks in Doha.", "date": "2021-09-01T10:00:00Z"},
...                         "a.jsonl#L1", "a.jsonl", print, line=1)
>>> a.id, a.doc_id, a.published.isoformat(), a.path
('42', '42', '2021-09-01', 'a.jsonl#L1')
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Optional

from ..model import Article, stable_key
from .base import ReadError, Report
from .decode import no_surrogates
from .text import YEARS, parse_date_line, parse_plain_text


def article_from_record(obj: dict, where: str, path: str, report: Report,
                        line: Optional[int] = None) -> Optional[Article]:
    """Article from a JSON object with id, text, published, title, url, source.

    ``where`` becomes ``Article.path``; problems are reported against ``path``
    (and ``line``). An object without text is reported and gives None.
    """
    obj = {k: no_surrogates(v) if isinstance(v, str) else v for k, v in obj.items()}
    text = _first(obj, "text", "body", "content")
    if not isinstance(text, str) or text.isspace():
        report(ReadError(path, "no 'text' field", line=line))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_id = obj.get("id")
    raw_id = None if raw_id is None or raw_id == "" else str(raw_id)
    url = str_or_none(obj.get("url"))
    published = publication_date(_first(obj, "published", "date"), path, report, line=line)
    return parse_plain_text(
        text,
        path=where,
        filename_date=False,  # one file name says nothing about each record
        id=safe_id(raw_id or url) if (raw_id or url) else None,
        title=str_or_none(obj.get("title")),
        published=published,
        url=url,
        source=str_or_none(_first(obj, "source", "publisher")),
        doc_id=raw_id,
    )


def _first(obj: dict, *keys):
    for k in keys:
        if obj.get(k) not in (None, ""):
            return obj[k]
    return None


def str_or_none(v) -> Optional[str]:
    """``v`` as a stripped string; None for None or a blank string."""
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def publication_date(raw, path: str, report: Report, line: Optional[int] = None) -> Optional[date]:
    """The publication date ``raw`` (a string or a date) gives; None, reported, if
    it cannot be read or lies outside the years kg believes (:data:`~kg.readers.text.YEARS`:
    0001-01-01 and 9999-12-31 are placeholders): the article is then read without a date.

    >>> publication_date("9999-12-31", "a.jsonl", print, line=3) is None
    a.jsonl:3: date '9999-12-31' out of range (years 1900 to 2200); read without a date
    True
    """
    if raw in (None, ""):
        return None
    published = iso_date(raw)
    if published is None:
        report(ReadError(path, f"cannot read date {raw!r}", line=line))
    elif published.year not in YEARS:
        report(ReadError(path, f"date {str(raw)!r} out of range (years {YEARS.start} to {YEARS.stop - 1}); "
                               "read without a date", line=line))
        published = None
    return published


def iso_date(v) -> Optional[date]:
    """A date from ISO strings, datetimes, or any single full date string.

    >>> iso_date("2021-09-02T10:00:00Z"), iso_date("Sep 2, 2021"), iso_date("soon")
    (datetime.date(2021, 9, 2), datetime.date(2021, 9, 2), None)
    """
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if not isinstance(v, str):
        return None
    v = v.strip()
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return parse_date_line(v)


_SAFE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")


def safe_id(raw: str) -> str:
    """``raw`` if it is a safe token (file names, IRIs), else a hash of it.

    >>> safe_id("reuters-2021-09-02.1")
    'reuters-2021-09-02.1'
    >>> len(safe_id("https://example.com/a b")), safe_id("..") != ".."
    (16, True)
    """
    raw = str(raw)
    if _SAFE_ID.fullmatch(raw):
        return raw
    return stable_key(raw)
