"""How one phrase resolves, for people curating the gazetteer (``kg resolve``).

The phrase goes through the gazetteer first ("Daesh", "American warplanes",
"senior Hungarian officials"); when the gazetteer does not know it as a whole,
it is parsed and indexed like an article sentence, so the answer is what the
extractor would make of it (a surname, a place with its country and
coordinates, an unknown name kept raw with ``known: false``).
"""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..gazetteer import Gazetteer, find_place


def _actor_dict(actor, how: str, text: str) -> dict:
    from ..rdf.iri import mint_iri

    return {"text": text, "resolved": True, "key": actor.key, "label": actor.label,
            "iri": str(mint_iri("actor", actor.key)), "type": actor.type, "country": actor.country,
            "sector": actor.sector, "part_of": actor.part_of, "known": actor.known, "how": how}


def resolve_phrase(text: str, on: Optional[date] = None) -> dict:
    gaz = Gazetteer.load()
    actor = gaz.resolve(text, on)
    if actor is not None:
        return _actor_dict(actor, "gazetteer", text)
    from ..nlp import build_pipeline
    from .actors import index_actors

    doc = build_pipeline()(text)
    index = index_actors(doc, gaz, on)
    if index.mentions:
        m = max(index.mentions, key=lambda m: m.end - m.start)
        return _actor_dict(index.actors[m.actor], m.how, text)
    for i, (label, country) in index.places.items():
        out = {"text": text, "resolved": True, "label": label, "type": "Place", "country": country, "how": "place"}
        coords = index.place_coords.get(i)
        if coords:
            out["coordinates"] = list(coords)
        return out
    place = find_place(text)
    if place is not None:
        return {"text": text, "resolved": True, "label": place.label, "type": "Place", "country": place.country,
                "how": "place", "coordinates": [place.latitude, place.longitude]}
    return {"text": text, "resolved": False}
