"""How one phrase resolves, for people curating the gazetteer (``kg resolve``).

The phrase goes through the gazetteer first ("Daesh", "American warplanes",
"senior Hungarian officials"); when the gazetteer does not know it as a whole,
it is parsed and indexed like an article sentence, so the answer is what the
extractor would make of it (a surname, a place with its country and
coordinates, an unknown name kept raw with ``known: false``). An actor comes
with its ``key``; the RDF layer mints IRIs from it (``kg resolve`` shows the IRI).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..gazetteer import Gazetteer
from ..nlp import build_pipeline
from .actors import index_actors
from .lexicon import Lexicon


def _actor_dict(actor, how: str, text: str) -> dict:
    return {"text": text, "resolved": True, "key": actor.key, "label": actor.label, "type": actor.type,
            "country": actor.country, "sector": actor.sector, "part_of": actor.part_of, "known": actor.known,
            "how": how}


def resolve_phrase(text: str, on: Optional[date] = None) -> dict:
    """What ``text`` resolves to, as the extractor would resolve it in an article published ``on``."""
    gaz = Gazetteer.load()
    actor = gaz.resolve(text, on)
    if actor is not None:
        return _actor_dict(actor, "gazetteer", text)
    doc = build_pipeline()(text)
    index = index_actors(doc, gaz, Lexicon.load(), on)
    if index.mentions:
        m = max(index.mentions, key=lambda m: m.end - m.start)
        return _actor_dict(index.actors[m.actor], m.how, text)
    for i, (label, country) in index.places.items():
        out = {"text": text, "resolved": True, "label": label, "type": "Place", "country": country, "how": "place"}
        coords = index.place_coords.get(i)
        if coords:
            out["coordinates"] = list(coords)
        return out
    place = gaz.find_place(text)
    if place is not None:
        return {"text": text, "resolved": True, "label": place.label, "type": "Place", "country": place.country,
                "how": "place", "coordinates": [place.latitude, place.longitude]}
    return {"text": text, "resolved": False}
