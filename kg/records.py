"""Claim records: one JSON object per claim, the flat format for event-data users.

Fields: ``article``, ``doc_id``, ``published``, ``event_date`` (when what the
claim states happened, when the sentence or its event says; see
:mod:`kg.extract.timing`), ``sentence``, ``span`` ([start, end] in the
article text), ``relation``, ``plover``, ``plover_mode``, ``cameo``,
``quad_class``, ``modality``, ``attributed_to``, ``source`` and ``target``
(each ``id``, ``label``, ``text``, ``type``, ``country``, ``sector``),
``event`` (``id``, ``type``, ``trigger``, ``date``, ``place``, ``place_country``,
``coordinates`` [latitude, longitude] when the place is known) and ``confidence``.
"""
from __future__ import annotations

from typing import Iterator, Optional

from .model import Extraction


def _actor(ex: Extraction, key: Optional[str], text: str = "") -> Optional[dict]:
    if key is None:
        return None
    a = ex.actors.get(key)
    if a is None:
        return {"id": key, "label": key, "text": text, "type": None, "country": None, "sector": None}
    return {"id": key, "label": a.label, "text": text, "type": a.type, "country": a.country, "sector": a.sector}


def claim_records(ex: Extraction) -> Iterator[dict]:
    events = {e.key: e for e in ex.events}
    for c in ex.claims:
        ev = events.get(c.event) if c.event else None
        yield {
            "article": ex.article.id,
            "doc_id": ex.article.doc_id,
            "published": ex.article.published.isoformat() if ex.article.published else None,
            "event_date": c.event_date,
            "sentence": c.sentence,
            "span": [c.start, c.end],
            "relation": c.relation,
            "plover": c.plover,
            "plover_mode": c.plover_mode,
            "cameo": c.cameo,
            "quad_class": c.quad_class,
            "modality": c.modality,
            "attributed_to": _actor(ex, c.attributed_to),
            "source": _actor(ex, c.source, c.source_text),
            "target": _actor(ex, c.target, c.target_text),
            "event": ({"id": ev.key, "type": ev.type, "trigger": ev.trigger, "date": ev.date, "place": ev.place,
                       "place_country": ev.place_country,
                       "coordinates": [ev.latitude, ev.longitude] if ev.latitude is not None else None}
                      if ev else None),
            "confidence": c.confidence,
        }
