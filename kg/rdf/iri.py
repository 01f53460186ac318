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

from typing import Optional
from urllib.parse import quote, unquote

from rdflib import URIRef

from ..model import stable_key
from .namespace import KGR

KINDS = {"actor", "event", "claim", "article", "graph", "place", "mentions", "extractor", "fact"}


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


def fact_iri(source: str, relation: str, target: str, modality: str) -> URIRef:
    """The fact a claim states, whichever article states it: one IRI per
    subject, relation, object and modality, made of them (:func:`fact_parts` reads them back).

    >>> str(fact_iri("taliban", "opposes", "islamic-state", "asserted"))
    'https://w3id.org/kg/id/fact/taliban/opposes/islamic-state/asserted'
    >>> str(fact_iri("a/b c", "opposes", "d", "negated"))
    'https://w3id.org/kg/id/fact/a%2Fb%20c/opposes/d/negated'
    """
    parts = (source, relation, target, modality)
    if not all(parts):
        raise ValueError(f"a fact needs a subject, a relation, an object and a modality, not {parts}")
    return URIRef(f"{KGR}fact/" + "/".join(quote(p, safe="-._~") for p in parts))


def fact_parts(iri: str) -> Optional[tuple[str, str, str, str]]:
    """(subject key, relation, object key, modality) of a fact IRI; None for any other IRI.

    >>> fact_parts(fact_iri("a/b c", "opposes", "d", "negated"))
    ('a/b c', 'opposes', 'd', 'negated')
    """
    prefix = f"{KGR}fact/"
    if not str(iri).startswith(prefix):
        return None
    parts = str(iri)[len(prefix):].split("/")
    if len(parts) != 4 or not all(parts):
        return None
    return tuple(unquote(p) for p in parts)


def hashed_key(*parts) -> str:
    """A short stable key from several parts (claim IRIs: article, span, predicate, arguments)."""
    return stable_key(*parts, length=20)


def local_name(iri) -> str:
    """The last step of an IRI: after its ``#``, else after its last ``/``.

    >>> local_name("https://w3id.org/kg/ontology#Hypothetical"), local_name("https://w3id.org/kg/id/actor/taliban")
    ('Hypothetical', 'taliban')
    """
    s = str(iri)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]
