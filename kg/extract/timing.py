"""When things happened: the dates of events and the event time of claims.

Reads: a parsed document, the claims and events of one article, the
publication date. Writes: ``Claim.event_date`` (an ISO date, or ``YYYY-MM``
/ ``YYYY`` when the text is less precise), the time of what the claim
states, as opposed to the time the article was published. It is taken, the
first that gives one:

1. from the event the claim derives from (``Claim.event``) when it is dated
   ("the IS suicide bombing last week" → 2021-08-26);
2. from a dated event with the claim's trigger ("most recently in December,
   he met face-to-face with them": the verb frame's claim and the meeting are
   the same "met");
3. from a date expression of its sentence attached to the claim's trigger
   ("ousted the Taliban from power in the fall of 2001" → 2001): the
   expression's head words lead to the trigger (or the verb governing it)
   before they reach another verb ("... and set for May 1"), no preposition
   makes it a deadline or a bound ("negotiated ... for May 1", "until
   Friday": ``time_bound_prepositions`` in ``ontology/words.yaml``), and it
   does not already date another event of the sentence ("promised to target
   Daesh in response to the suicide bombing last week": last week is the
   bombing's). Of several, the most precise wins, as for events
   (:func:`date_near`).

A claim none of these dates keeps ``event_date`` None; views and queries then
use the publication date. Expressions are normalised by
:func:`kg.extract.dates.normalise_date`.

>>> from datetime import date
>>> from kg.model import Claim, Event
>>> claim = Claim("islamic-state", "attacks", "us-military", "asserted", "...", 0, 90, 10, 25, 0.7, event="e1")
>>> bombing = Event("e1", "Bombing", "suicide bombing", "...", 10, 25, date="2021-08-26")
>>> time_claims(None, [claim], [bombing], date(2021, 9, 2), frozenset())
>>> claim.event_date
'2021-08-26'
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from ..model import Claim, Event
from .dates import NormalisedDate, normalise_date
from .syntax import governing_verb

__all__ = ["date_entities", "date_near", "most_precise", "time_claims"]

#: Finest first: the most precise expression attached to a trigger dates it.
_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


def date_entities(doc) -> dict[int, list]:
    """The DATE entities of a document by the start of their sentence
    (``sent.ents`` scans the whole document each time)."""
    found: dict[int, list] = {}
    for ent in doc.ents:
        if ent.label_ == "DATE":
            found.setdefault(ent.sent.start, []).append(ent)
    return found


def date_near(tokens, sent, date_ents, published: Optional[date], trigger_end: int) -> Optional[NormalisedDate]:
    """When: the most precise date expression (among the sentence's DATE
    entities ``date_ents``) attached to one of ``tokens`` (a trigger, the verb
    governing it), or standing right after the trigger, which ends at token
    ``trigger_end`` ("the bombing last week")."""
    anchors = {t.i for t in tokens}
    attached = []
    for ent in date_ents:
        near = trigger_end <= ent.start <= trigger_end + 1
        t = ent.root
        for _ in range(3):
            if t.i in anchors or t.head.i in anchors:
                near = True
                break
            t = t.head
        if near:
            attached.append(ent)
    return most_precise(attached, sent, published)


def most_precise(date_ents, sent, published: Optional[date]) -> Optional[NormalisedDate]:
    """The most precise of the dates ``date_ents`` name (normalised against ``published``); None if none does."""
    found = [nd for nd in (normalise_date(ent.text, published, context=sent.text) for ent in date_ents) if nd]
    return min(found, key=lambda nd: _PRECISION.get(nd.precision, 9)) if found else None


def time_claims(doc, claims: Iterable[Claim], events: Iterable[Event], published: Optional[date],
                bound_prepositions: frozenset[str]) -> None:
    """Set ``event_date`` on each claim the rules of this module date (``doc``
    may be None when every claim is dated by its event). ``bound_prepositions``:
    prepositions that make a date a deadline or a bound (the lexicon's
    ``time_bound_prepositions``)."""
    events = list(events)
    by_key = {e.key: e for e in events}
    by_trigger = {(e.start, e.trigger): e for e in events if e.date}
    date_ents = None
    for c in claims:
        event = by_key.get(c.event) if c.event else None
        if event is not None and event.date:
            c.event_date = event.date
            continue
        token = _trigger_token(doc, c) if doc is not None else None
        if token is None:
            continue
        event = by_trigger.get((token.idx, token.text))
        if event is not None:
            c.event_date = event.date
            continue
        if date_ents is None:
            date_ents = date_entities(doc)
        # expressions that date another event of the sentence are that event's
        taken = {e.date_text for e in events if e.date_text and c.sentence_start <= e.start < c.sentence_end}
        governor = governing_verb(token)
        anchors = {token.i} | ({governor.i} if governor is not None else set())
        own = [ent for ent in date_ents.get(token.sent.start, ())
               if ent.text not in taken and _leads_to(ent.root, anchors)
               and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ in bound_prepositions)]
        nd = most_precise(own, token.sent, published)
        if nd is not None:
            c.event_date = nd.value


def _leads_to(token, anchors: set[int], steps: int = 4) -> bool:
    """Whether the head words above ``token`` reach one of ``anchors`` before any other verb."""
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in anchors:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _trigger_token(doc, claim: Claim):
    """The token of a claim's one-word trigger, inside its evidence span; None for longer triggers."""
    if not claim.trigger or " " in claim.trigger:
        return None
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if span is None:
        return None
    return next((t for t in span if t.text == claim.trigger), None)
