"""Normalise news-story date expressions against the publication date.

spaCy tags spans such as "Saturday", "by an Aug. 31 deadline", "last week"
or "the past three weeks" as DATE. :func:`normalise_date` turns the ones that
name a point in time into an ISO 8601 value with a precision, and returns
``None`` for durations, vague spans and anything it cannot anchor.

The parsing itself (month names and abbreviations, ordinals, "two days ago",
"last week") is delegated to ``dateparser``; weekdays are date arithmetic.
This module adds the news conventions on top:

* a bare weekday is the most recent such day *strictly before* publication,
  or the next one strictly after it when the text or its clause is clearly
  about the future ("next Saturday", "talks will resume on Saturday"); the
  publication day's own name is that day (AP style: "said Thursday" in a
  Thursday story), unless "last" or "next" comes before it;
* a month (with or without day) and no year is the most recent such
  month/day not after publication (in future context: the first one not
  before it); a relative year in the same span ("twice last year, most
  recently in December") fixes the year instead;
* an explicit year is kept; a season or modifier around an anchor ("the fall
  of 2001", "mid-August") is not modelled, so the precision is that of the
  anchor itself (year, month);
* durations, frequencies, ranges and narrative-relative spans ("the next
  day") give ``None``;
* without a publication date only expressions with an explicit year resolve.

Everything is deterministic and offline. dateparser parsers are cached per
(publication date, preference), and whole results are memoised, because this
is called once per DATE entity.

>>> from datetime import date
>>> normalise_date("On Saturday", date(2021, 9, 2))
NormalisedDate(value='2021-08-28', precision='day', text='On Saturday')
>>> normalise_date("twice last year, most recently in December", date(2021, 9, 2)).value
'2020-12'
>>> normalise_date("the past three weeks", date(2021, 9, 2)) is None
True
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

__all__ = ["NormalisedDate", "normalise_date", "PRECISIONS"]

#: Allowed precisions, finest first.
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class NormalisedDate:
    """A resolved date expression.

    ``value`` is ISO 8601 at the given precision: ``"2021-08-28"`` (day),
    ``"2021-08"`` (month), ``"2021"`` (year). For ``"week"`` it is the day the
    week-relative expression points at ("last week" in a 2021-09-02 story is
    ``"2021-08-26"``). ``text`` is the expression as given.
    """

    value: str
    precision: str
    text: str


# --------------------------------------------------------------------------
# Word lists. Kept small and explicit on purpose: these are the conventions
# written by hand; everything else goes to dateparser.
# --------------------------------------------------------------------------

#: Markers of durations, frequencies and vague spans. An expression that
#: matches any of these denotes a stretch of time (or a rate), not a point,
#: so it gets no date even when it contains something parseable: dateparser
#: would happily read "20-year" as the 20th of the month, "two decades" as
#: 2001 and "the 1990s" as 1990 seconds ago. "ago" turns a duration back
#: into a point ("two days ago"), so it is checked before these are applied.
VAGUE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # plural units: "the past three weeks", "recent days", "the 19 years that followed"
        r"\b(?:seconds|minutes|hours|days|nights|weeks|weekends|months|years|decades|centuries)\b",
        # a counted singular unit: "a year", "one decade" (durations / rates)
        r"\b(?:a|an|one|\d+)\s+(?:hour|day|night|week|month|year|decade|century)\b",
        # unit adjectives: "20-year", "two-day", "decade-long", "year-old"
        r"\b[\w]+-(?:hour|day|night|week|month|year|decade|century)s?\b",
        r"\b(?:decade|century|year|month|week)-(?:long|old)\b",
        # decades and centuries: "the 1990s", "the '90s", "the past decade"
        r"(?:\b\d{2,4}|'\d0)'?s\b",
        r"\b(?:decade|century|era)\b",
        # spans relative to the narrative or to now: "the next day",
        # "the following week", "the past year", "the last 20 years"
        r"\bthe\s+(?:past|last|next|coming|following|previous|prior|same)\s+"
        r"(?:[\w-]+\s+)?(?:hour|day|night|week|month|year)\b",
        # frequencies and open-ended words: "daily", "every Saturday", "the days ahead"
        r"\b(?:hourly|daily|nightly|weekly|monthly|yearly|annually|every|each|ahead|recent|lately|so far|to date)\b",
        # ranges: "Aug. 1-5", "2001-2021", "between March and May" (handled below by counting anchors)
        r"\b\d{1,4}\s*[-–]\s*\d{1,4}\b",
    )
)

#: Words that, next to the expression (same clause), say it lies in the
#: future: "the talks will resume on Saturday", "Saturday's scheduled vote".
#: Only these flip the default (past) reading, because news mostly reports.
FUTURE_WORDS = frozenset(
    {"will", "shall", "won't", "wo", "'ll", "scheduled", "upcoming", "coming", "next", "due", "expected", "planned", "plans", "planning"}
)

#: Words that, nearer to the expression than any future word, keep the past
#: reading: "He said Saturday that he will resign" is about a past Saturday.
PAST_WORDS = frozenset(
    {"said", "told", "announced", "reported", "added", "confirmed", "was", "were", "had", "did", "last", "ago"}
)

#: Words and punctuation that end a clause when scanning the context around
#: the expression for FUTURE_WORDS / PAST_WORDS.
CLAUSE_BREAKS = frozenset(
    {".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”", "—", "–",
     "that", "and", "but", "while", "after", "before", "when", "because", "as", "since", "until", "although"}
)

# Season -> month it starts in (northern hemisphere, as US/European news uses).
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "Aug. 31", "August 31st", "31 August", "the 31st of August", "August"
_MONTH_RE = re.compile(
    r"(?:\b(?P<dayfirst>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"\b(?P<month>" + _MONTH + r")\b\.?"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d))?",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_WEEKEND_RE = re.compile(r"\bweekend\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w-])(1[5-9]\d\d|20\d\d)(?![\w-])")
_SEASON_RE = re.compile(
    r"\b(spring|summer|fall|autumn|winter)\b(?!\s+of\s+(?!\d))", re.IGNORECASE
)
_REL_YEAR_RE = re.compile(r"\b(last|this|next)\s+year\b", re.IGNORECASE)
# Point expressions relative to publication, handed to dateparser as matched.
_RELATIVE_RE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow"
    r"|(?:[\w-]+\s+)?(?:hour|day|week|month|year|decade)s?\s+ago"
    r"|(?:last|this|next)\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
_SHIFT_BEFORE_RE = r"\b(last|this|next|coming)\s+(?:[\w-]+\s+)?$"
_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")
_DATEPARSER_PERIODS = {"day": "day", "time": "day", "part_of_day": "day", "week": "week", "month": "month", "year": "year"}
# Fixed base for parsing month/day without a year: a leap year (so "Feb. 29"
# parses) on its last day (so preferring the past keeps every date in it).
_NEUTRAL_BASE = datetime.datetime(2000, 12, 31)


# --------------------------------------------------------------------------
# dateparser, cached
# --------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _parser(base: datetime.datetime, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


@lru_cache(maxsize=8192)
def _parse(text: str, base: datetime.datetime, prefer: str = "past"):
    """(datetime, period) from dateparser, or None."""
    data = _parser(base, prefer).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period


# --------------------------------------------------------------------------
# the conventions
# --------------------------------------------------------------------------

def _format(d: datetime.date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _tokens(s: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN_RE.findall(s)]


def _polarity(words) -> Optional[bool]:
    """True/False at the first future/past word, scanning outwards."""
    for i, w in enumerate(words):
        if w in CLAUSE_BREAKS or i >= 6:
            return None
        if w in FUTURE_WORDS or w.endswith("'ll"):
            return True
        if w in PAST_WORDS:
            return False
    return None


def _future_context(text: str, context: str) -> bool:
    """Does the clause around ``text`` in ``context`` clearly say future?"""
    if not context:
        return False
    at = context.lower().find(text.lower())
    if at < 0:
        before, after = context, ""
    else:
        before, after = context[:at], context[at + len(text):]
    pre = _polarity(list(reversed(_tokens(before))))
    if pre is not None:
        return pre
    return bool(_polarity(_tokens(after)))


def _is_vague(text: str) -> bool:
    if re.search(r"\bago\b", text, re.IGNORECASE):
        return False
    return any(p.search(text) for p in VAGUE_PATTERNS)


def _shift_word(text: str, start: int) -> Optional[str]:
    """"last"/"this"/"next"/"coming" directly before position ``start``."""
    m = re.search(_SHIFT_BEFORE_RE, text[:start], re.IGNORECASE)
    return m.group(1).lower() if m else None


def _pick_year(pub: datetime.date, key: tuple, pub_key: tuple, mode: str) -> int:
    """Year for a yearless month (key=(m,)) or month/day (key=(m,d))."""
    y = pub.year
    if mode == "past":  # most recent not after publication
        return y if key <= pub_key else y - 1
    if mode == "last":  # strictly before the publication month
        return y if key[:1] < pub_key[:1] else y - 1
    if mode == "this":
        return y
    if mode == "future":  # first not before publication
        return y if key >= pub_key else y + 1
    if mode == "next":  # strictly after the publication month
        return y if key[:1] > pub_key[:1] else y + 1
    raise ValueError(mode)


def _relative_year(text: str, pub: Optional[datetime.date]) -> Optional[int]:
    m = _REL_YEAR_RE.search(text)
    if not m or pub is None:
        return None
    return pub.year + {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]


def _resolve_month(text, m, years, pub, future) -> Optional[tuple[datetime.date, str]]:
    day_s = m.group("day") or m.group("dayfirst")
    if m.group("day") and m.group("dayfirst"):
        return None  # "5 August 31": not a date
    core = m.group("month") + (f" {day_s}" if day_s else "")
    parsed = _parse(core, _NEUTRAL_BASE)
    if parsed is None:
        return None
    month, day = parsed[0].month, (parsed[0].day if day_s else None)
    precision = "day" if day_s else "month"

    if years:
        year = years[0]
    else:
        year = _relative_year(text, pub)
        if year is None:
            if pub is None:
                return None
            shift = _shift_word(text, m.start())
            mode = {"last": "last", "this": "this", "next": "next", "coming": "future"}.get(
                shift, "future" if future else "past"
            )
            key = (month, day) if day else (month,)
            pub_key = (pub.month, pub.day) if day else (pub.month,)
            year = _pick_year(pub, key, pub_key, mode)
    step = 1 if future else -1
    for _ in range(8):  # Feb. 29 outside a leap year: the nearest leap year
        try:
            return datetime.date(year, month, day or 1), precision
        except ValueError:
            if years:
                return None
            year += step
    return None


def _resolve_weekday(text, weekday: str, pos: int, pub, future) -> Optional[tuple[datetime.date, str]]:
    if pub is None:
        return None
    if re.search(r"\blast\s+week\b|\bweek\s+(?:before|earlier)\b", text, re.IGNORECASE):
        # "Tuesday of last week": that weekday in the Monday-Sunday week before
        monday = pub - datetime.timedelta(days=pub.weekday() + 7)
        return monday + datetime.timedelta(days=_WEEKDAYS.index(weekday.lower())), "day"
    shift = _shift_word(text, pos)
    if weekday.lower() == _WEEKDAYS[pub.weekday()] and shift in (None, "this"):
        return pub, "day"
    # plain arithmetic (dateparser's relative parser cost a millisecond a call here)
    days = _WEEKDAYS.index(weekday.lower()) - pub.weekday()
    if future or shift in ("next", "this", "coming"):
        return pub + datetime.timedelta(days=days % 7 or 7), "day"
    return pub - datetime.timedelta(days=-days % 7 or 7), "day"


def _resolve_season(text, m, years, pub, future) -> Optional[tuple[datetime.date, str]]:
    if years:
        return datetime.date(years[0], 1, 1), "year"
    year = _relative_year(text, pub)
    if year is None:
        if pub is None:
            return None
        start = _SEASONS[m.group(1).lower()]
        shift = _shift_word(text, m.start())
        mode = {"last": "last", "this": "this", "next": "next", "coming": "future"}.get(
            shift, "future" if future else "past"
        )
        year = _pick_year(pub, (start,), (pub.month,), mode)
    return datetime.date(year, 1, 1), "year"


def _resolve(text: str, pub: Optional[datetime.date], context: str):
    if _is_vague(text):
        return None
    years = sorted(set(int(y) for y in _YEAR_RE.findall(text)))
    months = list(_MONTH_RE.finditer(text))
    # "may"/"march" in lower case are a verb, not a month
    months = [m for m in months if m.group("month")[0].isupper()]
    weekdays = {w.lower() for w in _WEEKDAY_RE.findall(text)}
    if len(years) > 1 or len({m.group("month").lower()[:3] for m in months}) > 1 or len(weekdays) > 1:
        return None  # a range or a list: no single point
    future = bool(re.search(r"\b(?:next|coming|upcoming)\b", text, re.IGNORECASE)) or _future_context(text, context)

    if months:
        return _resolve_month(text, months[0], years, pub, future)
    if weekdays:
        return _resolve_weekday(text, weekdays.pop(), _WEEKDAY_RE.search(text).start(), pub, future)
    season = _SEASON_RE.search(text)
    if season:
        return _resolve_season(text, season, years, pub, future)
    if years:
        return datetime.date(years[0], 1, 1), "year"
    if pub is None:
        return None
    weekend = _WEEKEND_RE.search(text)
    if weekend:
        # the Saturday of the weekend meant, at week precision
        got = _resolve_weekday(text, "Saturday", weekend.start(), pub, future)
        return (got[0], "week") if got else None
    rel = _RELATIVE_RE.search(text)
    if rel:
        base = datetime.datetime(pub.year, pub.month, pub.day)
        parsed = _parse(rel.group(0), base)
        if parsed is None or parsed[1] not in _DATEPARSER_PERIODS:
            return None
        return parsed[0].date(), _DATEPARSER_PERIODS[parsed[1]]
    return None


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, published: Optional[datetime.date], context: str) -> Optional[NormalisedDate]:
    try:
        got = _resolve(text.replace("’", "'"), published, context.replace("’", "'"))
    except OverflowError:  # counted from a date at the end of the calendar (9999-12-31): no date
        return None
    if got is None:
        return None
    d, precision = got
    return NormalisedDate(value=_format(d, precision), precision=precision, text=text)


def normalise_date(
    text: str, published: Optional[datetime.date], *, context: str = ""
) -> Optional[NormalisedDate]:
    """Normalise a DATE expression against the publication date.

    ``text`` is the expression as tagged (it may carry surrounding words:
    "by an Aug. 31 deadline", "Wednesday's"); ``published`` the article's
    publication date (a ``datetime`` is reduced to its date); ``context`` the
    sentence around it, used only to tell a future weekday/month ("will
    resume on Saturday") from the default past reading. Returns ``None`` for
    durations, frequencies, ranges, vague spans, unanchorable expressions and
    dates that would fall off the calendar.

    >>> from datetime import date
    >>> thursday = date(2021, 9, 2)
    >>> normalise_date("Tuesday", thursday).value
    '2021-08-31'
    >>> normalise_date("Saturday", thursday, context="Talks will resume on Saturday.").value
    '2021-09-04'
    >>> normalise_date("last week", thursday)
    NormalisedDate(value='2021-08-26', precision='week', text='last week')
    >>> normalise_date("December", thursday).value
    '2020-12'
    >>> normalise_date("Sept. 11, 2001", None).value
    '2001-09-11'
    >>> normalise_date("Saturday", None) is None
    True
    >>> normalise_date("Saturday", date(1, 1, 1)) is None, normalise_date("next week", date(9999, 12, 31)) is None
    (True, True)
    """
    if not text or not text.strip():
        return None
    if isinstance(published, datetime.datetime):
        published = published.date()
    return _normalise_cached(text, published, context or "")
