"""IRIs minted from identities, never from counters, so rebuilding gives the same IRIs.

Keys come from the gazetteer or from article text; anything outside the
unreserved IRI characters is percent-encoded, so no article text can break
out of an IRI (no ``>``, spaces, quotes or newlines reach a serialiser).

>>> mint_iri("actor", "taliban")
rdflib.term.URIRef('https://w3id.org/kg/id/actor/taliban')
>>> str(mint_iri("actor", 'x> <y "z"'))
'https://w3id.org/kg/id/actor/x%3E%20%3Cy%20%22z%22'
"""
from __future__ import annotations

from urllib.parse import quote

from rdflib import URIRef

from ..model import stable_key
from .namespace import KGR

KINDS = {"actor", "event", "claim", "article", "graph", "place", "mentions", "extractor"}


def mint_iri(kind: str, key: str) -> URIRef:
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; expected one of {sorted(KINDS)}")
    if not key:
        raise ValueError(f"empty key for a {kind} IRI")
    return URIRef(f"{KGR}{kind}/{quote(key, safe='-._~')}")


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding one article's triples.

    >>> str(graph_iri("a1"))
    'https://w3id.org/kg/id/graph/a1'
    """
    return mint_iri("graph", article_id)


def hashed_key(*parts) -> str:
    """A short stable key from several parts (claim IRIs: article, span, predicate, arguments)."""
    return stable_key(*parts, length=20)
