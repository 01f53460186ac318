"""Plain text: an article's date and headline found in its first lines.

Reads ``.txt`` and ``.text`` files, files without extension that no other
reader claims, and plain text on standard input; each is one article. A
leading date line (``September 2, 2021``, ``Published: 3 September 2021``)
or a wire dateline (``KABUL, Sept 2 (Reuters) -``) gives ``published``, else a
date at the start of the file name (``2021-09-02-kabul.txt``); the first
headline-like line gives ``title``. A dateline also gives the place the
story was filed from and its offsets (``Article.dateline``; :mod:`kg.clean`
blanks it, so it names no actor). The other readers use the same
heuristics (:func:`parse_plain_text`, :func:`parse_date_line`,
:func:`find_dateline`) for the text they find.

>>> a = PlainTextReader().read_text("KABUL, Sept 2 (Reuters) - Aid arrived.", "2021-09-03-aid.txt", print)
>>> [(x.published.isoformat(), x.title, x.dateline.place) for x in a]
[('2021-09-02', None, 'Kabul')]
"""
from __future__ import annotations

import os
import re
import warnings
from datetime import date, datetime
from typing import Iterator, Optional

from ..model import Article, Dateline, content_id
from .base import STDIN, Reader, ReadError, Report
from .decode import no_surrogates

# Plain-text heuristics look only at the head of an article: the date line
# and the headline sit above the story, never deep inside it.
HEAD_LINES = 8
HEAD_CHARS = 20_000
#: The years a publication date may have: outside them it is a placeholder
#: (0001-01-01, 9999-12-31) or a typo, and the article is read without a date.
YEARS = range(1900, 2201)
MAX_TITLE_WORDS = 20


class PlainTextReader(Reader):
    """One article per text; the fallback for a text no other reader sniffs."""

    name = "text"
    extensions = (".txt", ".text")

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        article = parse_plain_text(text, path=where)
        if article is None:
            report(ReadError(where, "no text"))
        else:
            yield article


def parse_plain_text(
    text: str, *, path: Optional[str] = None, filename_date: bool = True, **fields
) -> Optional[Article]:
    """Make an article from plain text, finding its date and headline.

    >>> a = parse_plain_text("September 2, 2021\\n5 mins read\\n\\nMilley says so\\n\\nHe said so.")
    >>> a.published, a.title
    (datetime.date(2021, 9, 2), 'Milley says so')
    """
    text = no_surrogates(text)
    if not text or text.isspace():
        return None
    head = head_lines(text)
    file_date = date_from_filename(path) if filename_date else None
    dateline, dateline_date = find_dateline(text, file_date.year if file_date else None)
    published = fields.pop("published", None) or dateline_date or find_date(head, file_date)
    title = fields.pop("title", None) or find_title(head)
    if published is None:
        published = file_date
    return Article(
        id=fields.pop("id", None) or content_id(text),
        text=text,
        title=title,
        published=published,
        path=path,
        dateline=dateline,
        **fields,
    )


def head_lines(text: str) -> list[str]:
    """The first :data:`HEAD_LINES` non-blank lines of ``text`` within its first
    :data:`HEAD_CHARS` characters, stripped (a huge text is not split whole).

    >>> head_lines("\\n  Kabul airport  \\n\\nFighters took it.")
    ['Kabul airport', 'Fighters took it.']
    """
    lines = text[:HEAD_CHARS + 1].splitlines()
    if len(text) > HEAD_CHARS:
        lines.pop()  # cut short
    return [line for line in map(str.strip, lines) if line][:HEAD_LINES]


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PREFIX = re.compile(
    r"^(?:published|updated|last updated|posted|first published|date)\s*(?:on)?\s*:?\s*", re.I
)
# Datelines: "KABUL, Sept 2 (Reuters) -", "WASHINGTON, September 2, 2021 (AP) —",
# "WASHINGTON (AP) —", "Kyiv, March 3, 2024 -", and "Kyiv, March 3, 2024" as a line of
# its own. A place in capitals is how wires write it; a place in ordinary case needs a
# date with its year, so "However, May 5 -" is no dateline.
_DATE_IN_LINE = r"(?i:" + _MONTH + r")\s+\d{1,2}"
_AGENCY = r"(?:\s*\((?P<agency>[^)]{1,40})\))?"
_DATELINE = re.compile(
    r"^(?:(?P<caps>[A-Z][A-Z.'/-]*(?: [A-Z][A-Z.'/-]*){0,4}),\s+(?P<date>" + _DATE_IN_LINE + r"(?:,?\s+\d{4})?)"
    + _AGENCY + r"\s*[-–—]"
    r"|(?P<agency_only>[A-Z][A-Z.'/-]*(?: [A-Z][A-Z.'/-]*){0,4})\s*\((?P<agency2>[^)]{1,40})\)\s*[-–—]"
    r"|(?P<place>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}),\s+(?P<dated>" + _DATE_IN_LINE + r",?\s+\d{4})"
    + r"(?:" + _AGENCY.replace("agency", "agency3") + r"\s*[-–—]|\s*$))"
)
_READ_TIME = re.compile(r"^\d+\s*(?:mins?|minutes?)\s+read$", re.I)
_BYLINE = re.compile(r"^by\s+\S", re.I)


def parse_date_line(line: str, year: Optional[int] = None) -> Optional[date]:
    """The date a line states, if the line is essentially just a date.

    >>> parse_date_line("September 2, 2021"), parse_date_line("2021-09-02")
    (datetime.date(2021, 9, 2), datetime.date(2021, 9, 2))
    >>> parse_date_line("KABUL, Sept 2 (Reuters) - The Taliban said", year=2021)
    datetime.date(2021, 9, 2)
    >>> parse_date_line("Islamic State") is None, parse_date_line("5 mins read") is None
    (True, True)
    """
    line = line.strip()
    m = _DATELINE.match(line)
    if m:
        return _dateline_date(m, year)
    if len(line) > 60 or not re.search(r"\d", line):
        return None
    line = _DATE_PREFIX.sub("", line)
    for candidate in (line, re.split(r"\s*[|•·]\s*", line)[0]):
        d = _parse_date(candidate, None)
        if d:
            return d
    return None


def _dateline_date(m: re.Match, year: Optional[int]) -> Optional[date]:
    text = m.group("date") or m.group("dated")
    return _parse_date(text, year) if text else None


def find_dateline(text: str, year: Optional[int] = None) -> tuple[Optional[Dateline], Optional[date]]:
    r"""The dateline among the first lines of ``text`` and the date it gives (a date
    without a year takes ``year``): ``(None, None)`` when there is none. A dateline
    with no date ("WASHINGTON (AP) —") gives its place only.

    >>> find_dateline("Talks resume\n\nDOHA, Nov 22 (Reuters) - Mediators met.", 2024)
    (Dateline(place='Doha', start=14, end=38), datetime.date(2024, 11, 22))
    >>> find_dateline("Kyiv, March 3, 2024\nThe city was shelled.")[0].place
    'Kyiv'
    >>> find_dateline("However, May 5 - the talks stalled.")
    (None, None)
    """
    seen = 0
    pos = 0
    for line in text[:HEAD_CHARS].splitlines(keepends=True):  # the head only: a huge text is not split
        start, pos = pos, pos + len(line)
        content = line.strip()
        if not content:
            continue
        m = _DATELINE.match(content)
        if m:
            offset = start + line.index(content)
            place = m.group("caps") or m.group("agency_only") or m.group("place")
            name = place.title() if place.isupper() else place
            return Dateline(place=name, start=offset, end=offset + m.end()), _dateline_date(m, year)
        seen += 1
        if seen >= HEAD_LINES:
            break
    return None, None


def _parse_date(s: str, year: Optional[int]) -> Optional[date]:
    """Parse with dateutil, refusing strings that lack a day, month or year."""
    from dateutil import parser as dparser

    s = re.sub(r"\bsept\b", "Sep", s, flags=re.I)  # dateutil knows Sep, not Sept
    results = []
    # Parsing against two different defaults shows which parts were missing.
    for default in (datetime(1904, 1, 1), datetime(1908, 2, 2)):
        if year is not None:
            default = default.replace(year=year)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unknown time zone names
                results.append(dparser.parse(s, default=default, fuzzy=False))
        except (ValueError, OverflowError, TypeError):
            return None
    a, b = results
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    if a.year not in YEARS:
        return None
    return a.date()


def find_date(head: list[str], file_date: Optional[date]) -> Optional[date]:
    """The date of the first date line among the first lines of ``head``; a
    dateline without a year takes the year of ``file_date``."""
    year = file_date.year if file_date else None
    for line in head[:5]:
        d = parse_date_line(line, year)
        if d:
            return d
    return None


_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date_from_filename(path: Optional[str]) -> Optional[date]:
    """The date a file name starts with (``2021-09-02-kabul.txt``), if any.

    >>> date_from_filename("news/2021-09-02-kabul.txt"), date_from_filename("news/2021-02-30.txt")
    (datetime.date(2021, 9, 2), None)
    """
    if not path or path == STDIN:
        return None
    m = _FILENAME_DATE.match(os.path.basename(path))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def find_title(head: list[str]) -> Optional[str]:
    """The first line of ``head`` that looks like a headline."""
    for line in head:
        if _looks_like_headline(line):
            return line
    return None


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    if _READ_TIME.match(line) or _BYLINE.match(line) or parse_date_line(line):
        return False
    return any(c.isalpha() for c in line)
