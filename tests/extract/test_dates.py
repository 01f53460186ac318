"""Tests for kg.extract.dates: news date expressions against a publication date."""
from __future__ import annotations

import dataclasses
import doctest
from datetime import date, datetime

import pytest

from kg.extract import dates

NormalisedDate = dates.NormalisedDate
normalise_date = dates.normalise_date

THURSDAY = date(2021, 9, 2)  # a Thursday
MONDAY_MARCH = date(2021, 3, 1)  # a Monday
MONDAY_JANUARY = date(2022, 1, 10)  # a Monday


def _vp(text, published, **kw):
    got = normalise_date(text, published, **kw)
    return None if got is None else (got.value, got.precision)


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("Saturday", "2021-08-28", "day"),
        ("On Saturday", "2021-08-28", "day"),
        ("Tuesday", "2021-08-31", "day"),
        ("Wednesday", "2021-09-01", "day"),
        ("Wednesday's", "2021-09-01", "day"),
        ("Wednesday’s", "2021-09-01", "day"),  # curly apostrophe
        ("Thursday", "2021-09-02", "day"),  # the publication day's own name: that day (AP style)
        ("last Thursday", "2021-08-26", "day"),
        ("next Thursday", "2021-09-09", "day"),
        ("Saturday night", "2021-08-28", "day"),
        ("last Saturday", "2021-08-28", "day"),
        ("Tuesday of last week", "2021-08-24", "day"),
        ("last week", "2021-08-26", "week"),
        ("this week", "2021-09-02", "week"),
        ("next week", "2021-09-09", "week"),
        ("Aug. 31", "2021-08-31", "day"),
        ("by an Aug. 31 deadline", "2021-08-31", "day"),
        ("31 August", "2021-08-31", "day"),
        ("the 31st of August", "2021-08-31", "day"),
        ("Sept. 5", "2020-09-05", "day"),  # not after publication
        ("May 1", "2021-05-01", "day"),
        ("mid-August", "2021-08", "month"),
        ("September", "2021-09", "month"),  # the publication month itself
        ("December", "2020-12", "month"),
        ("last December", "2020-12", "month"),
        ("last year", "2020", "year"),
        ("last year in December", "2020-12", "month"),
        ("twice last year, most recently in December", "2020-12", "month"),
        ("earlier this month", "2021-09", "month"),
        ("earlier this year", "2021", "year"),
        ("yesterday", "2021-09-01", "day"),
        ("today", "2021-09-02", "day"),
        ("two days ago", "2021-08-31", "day"),
        ("a week ago", "2021-08-26", "week"),
        ("two decades ago", "2001", "year"),
        ("last fall", "2020", "year"),
        ("the weekend", "2021-08-28", "week"),
    ],
)
def test_thursday_story(text, value, precision):
    got = normalise_date(text, THURSDAY)
    assert got == NormalisedDate(value=value, precision=precision, text=text)


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("the fall of 2001", "2001", "year"),
        ("2017", "2017", "year"),
        ("in 2017", "2017", "year"),
        ("March 2019", "2019-03", "month"),
        ("June 2020", "2020-06", "month"),
        ("Sept. 11, 2001", "2001-09-11", "day"),
        ("December of 2019", "2019-12", "month"),
        ("Feb. 29, 2020", "2020-02-29", "day"),
    ],
)
def test_explicit_year_is_kept_with_or_without_publication(text, value, precision):
    assert _vp(text, THURSDAY) == (value, precision)
    assert _vp(text, None) == (value, precision)
    assert _vp(text, MONDAY_JANUARY) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "the past three weeks",
        "the 19 years that followed",
        "20-year",
        "two decades",
        "the days ahead",
        "recent days",
        "daily",
        "the last 20 years",
        "the next day",  # relative to the narrative, not to publication
        "the following week",
        "a decade",
        "the 1990s",
        "every Saturday",
        "from 2001 to 2021",  # a range, not a point
        "2001-2021",
        "between March and May",
        "Saturday and Sunday",
        "that day",
        "",
        "   ",
    ],
)
def test_durations_and_vague_spans_give_none(text):
    assert normalise_date(text, THURSDAY) is None


@pytest.mark.parametrize(
    "text", ["Saturday", "last week", "December", "Aug. 31", "last year", "yesterday", "earlier this month"]
)
def test_no_publication_date_needs_an_explicit_year(text):
    assert normalise_date(text, None) is None


@pytest.mark.parametrize(
    "text, published, value, precision",
    [
        ("Saturday", MONDAY_MARCH, "2021-02-27", "day"),  # two days before
        ("Sunday", MONDAY_MARCH, "2021-02-28", "day"),
        ("Monday", MONDAY_MARCH, "2021-03-01", "day"),  # the day itself (AP style)
        ("last week", MONDAY_MARCH, "2021-02-22", "week"),
        ("January", MONDAY_MARCH, "2021-01", "month"),  # same year
        ("March", MONDAY_MARCH, "2021-03", "month"),
        ("December", MONDAY_MARCH, "2020-12", "month"),
        ("last year", MONDAY_MARCH, "2020", "year"),
        ("Saturday", MONDAY_JANUARY, "2022-01-08", "day"),
        ("December", MONDAY_JANUARY, "2021-12", "month"),  # previous year
        ("Dec. 31", MONDAY_JANUARY, "2021-12-31", "day"),
        ("Jan. 6", MONDAY_JANUARY, "2022-01-06", "day"),
        ("Jan. 11", MONDAY_JANUARY, "2021-01-11", "day"),
        ("twice last year, most recently in December", MONDAY_JANUARY, "2021-12", "month"),
        ("Feb. 29", MONDAY_MARCH, "2020-02-29", "day"),  # nearest leap year back
    ],
)
def test_other_publication_dates(text, published, value, precision):
    assert _vp(text, published) == (value, precision)


def test_future_context_flips_weekdays_and_months():
    assert _vp("next Saturday", THURSDAY) == ("2021-09-04", "day")
    assert _vp("this Saturday", THURSDAY) == ("2021-09-04", "day")
    assert _vp("Saturday", THURSDAY, context="The talks will resume on Saturday.") == ("2021-09-04", "day")
    assert _vp("Saturday's", THURSDAY, context="Saturday's vote will decide it.") == ("2021-09-04", "day")
    # the publication day's name is that day, in the past or the future tense
    assert _vp("Thursday", THURSDAY, context="The court is scheduled to rule Thursday.") == ("2021-09-02", "day")
    assert _vp("Friday", THURSDAY, context="The court is scheduled to rule Friday.") == ("2021-09-03", "day")
    assert _vp("December", THURSDAY, context="Elections will be held in December.") == ("2021-12", "month")
    assert _vp("September", THURSDAY, context="Elections will be held in September.") == ("2021-09", "month")
    assert _vp("next December", MONDAY_JANUARY) == ("2022-12", "month")
    aug20 = date(2021, 8, 20)
    assert _vp("Aug. 31", aug20, context="Troops will leave by Aug. 31.") == ("2021-08-31", "day")
    assert _vp("Aug. 31", aug20) == ("2020-08-31", "day")  # no future cue: the convention holds


def test_past_reading_wins_when_nearer_than_a_future_word():
    ctx = "He said Saturday that he will resign."
    assert _vp("Saturday", THURSDAY, context=ctx) == ("2021-08-28", "day")
    ctx = "The Taliban took Kabul on Saturday, and talks will follow."
    assert _vp("Saturday", THURSDAY, context=ctx) == ("2021-08-28", "day")
    # context that does not mention the text is scanned as a whole
    assert _vp("Saturday", THURSDAY, context="It was over by then.") == ("2021-08-28", "day")


def test_lower_case_may_and_march_are_not_months():
    assert normalise_date("may", THURSDAY) is None
    assert normalise_date("march 1", THURSDAY) is None


def test_datetime_publication_is_reduced_to_its_date():
    assert normalise_date("Saturday", datetime(2021, 9, 2, 23, 59)) == normalise_date("Saturday", THURSDAY)


def test_result_is_frozen_and_keeps_the_text():
    got = normalise_date("by an Aug. 31 deadline", THURSDAY)
    assert got.text == "by an Aug. 31 deadline"
    assert got.precision in dates.PRECISIONS
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.value = "x"


def test_deterministic_and_cached():
    a = normalise_date("twice last year, most recently in December", THURSDAY)
    b = normalise_date("twice last year, most recently in December", THURSDAY)
    assert a == b and a.value == "2020-12"


def test_docstring_examples_run():
    failures, tried = doctest.testmod(dates, verbose=False)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize("published", [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 28)])
def test_dates_off_the_calendar_are_no_date(published):
    """Counted from the ends of Python's calendar, "last week" or "next month" has no date (None),
    and the expressions that stay inside it keep theirs."""
    for text in ("Saturday", "last week", "next month", "last year", "in December", "yesterday", "tomorrow",
                 "last weekend", "in two days"):
        got = normalise_date(text, published, context="Talks will resume.")  # never raises
        assert got is None or abs(int(got.value[:4]) - published.year) <= 1, (text, got)
    assert normalise_date("next week", date(9999, 12, 31)) is None
    assert normalise_date("last week", date(1, 1, 1)) is None
