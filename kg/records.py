"""Records: one JSON object per coded statement, the flat format for event-data users.

:func:`records` gives one record per claim (a source and a target), then one per
agent of an event that names no target (PLOVER allows a source without a target:
"Iran condemned the strikes" when the strikes' agents are not named;
:meth:`kg.model.Extraction.one_actor_events`). Fields:

- ``article``, ``doc_id``, ``published``, ``event_date`` (when what the record
  states happened, when the sentence or its event says; see :mod:`kg.extract.timing`),
  ``sentence``, ``span`` ([start, end] in the article text: the evidence of a
  claim, the trigger of an event);
- ``relation`` (``null`` for a one-actor event), ``plover``, ``plover_mode``,
  ``cameo``, ``quad_class``, ``intensity``, ``modality``, ``attributed_to``;
- ``source`` and ``target`` (each ``id``, ``label``, ``text``, ``type``,
  ``country``, ``sector``; ``target`` is ``null`` for a one-actor event);
- ``event`` (``id``, ``type``, ``trigger``, ``date``, ``place``, ``place_country``,
  ``coordinates`` [latitude, longitude] when the place is known), ``confidence``.

A claim and the event it is about carry the same PLOVER coding (:mod:`kg.extract.coding`).
"""
from __future__ import annotations

from typing import Iterator, Optional

from .model import Event, Extraction


def _actor(ex: Extraction, key: Optional[str], text: str = "") -> Optional[dict]:
    if key is None:
        return None
    a = ex.actors.get(key)
    if a is None:
        return {"id": key, "label": key, "text": text, "type": None, "country": None, "sector": None}
    return {"id": key, "label": a.label, "text": text, "type": a.type, "country": a.country, "sector": a.sector}


def _event(ev: Optional[Event]) -> Optional[dict]:
    if ev is None:
        return None
    return {"id": ev.key, "type": ev.type, "trigger": ev.trigger, "date": ev.date, "place": ev.place,
            "place_country": ev.place_country,
            "coordinates": [ev.latitude, ev.longitude] if ev.latitude is not None else None}


def _named_near(ex: Extraction, actor: str, at: int) -> str:
    """The words that named an actor closest before offset ``at`` (else first after it)."""
    mentions = sorted((m for m in ex.mentions if m.actor == actor), key=lambda m: (m.end > at, abs(at - m.end)))
    return mentions[0].text if mentions else ""


def _article(ex: Extraction) -> dict:
    return {"article": ex.article.id, "doc_id": ex.article.doc_id,
            "published": ex.article.published.isoformat() if ex.article.published else None}


def records(ex: Extraction) -> Iterator[dict]:
    """The claim records of an article, then its one-actor event records."""
    yield from claim_records(ex)
    yield from event_records(ex)


def claim_records(ex: Extraction) -> Iterator[dict]:
    events = {e.key: e for e in ex.events}
    for c in ex.claims:
        yield {
            **_article(ex),
            "event_date": c.event_date,
            "sentence": c.sentence,
            "span": [c.start, c.end],
            "relation": c.relation,
            "plover": c.plover,
            "plover_mode": c.plover_mode,
            "cameo": c.cameo,
            "quad_class": c.quad_class,
            "intensity": c.intensity,
            "modality": c.modality,
            "attributed_to": _actor(ex, c.attributed_to),
            "source": _actor(ex, c.source, c.source_text),
            "target": _actor(ex, c.target, c.target_text),
            "event": _event(events.get(c.event) if c.event else None),
            "confidence": c.confidence,
        }


def event_records(ex: Extraction) -> Iterator[dict]:
    """One record per agent of an event that names no target (a source with no target)."""
    for e, agent in ex.one_actor_events():
        yield {
            **_article(ex),
            "event_date": e.date,
            "sentence": e.sentence,
            "span": [e.start, e.end],
            "relation": None,
            "plover": e.plover,
            "plover_mode": e.plover_mode,
            "cameo": e.cameo,
            "quad_class": e.quad_class,
            "intensity": e.intensity,
            "modality": e.modality,
            "attributed_to": None,
            "source": _actor(ex, agent, _named_near(ex, agent, e.start)),
            "target": None,
            "event": _event(e),
            "confidence": e.confidence,
        }
