"""One claim per fact stated in a sentence.

Reads: the claims of one article, in the order the extractors found them
(relation frames first, then the claims events imply), and the relation types
(which are symmetric).
Writes: the claims with duplicates folded in. Two claims are one when they
state the same fact in the same sentence: same relation, same pair of actors
(in either order for a symmetric relation) and same modality ("Washington
could impose sanctions on Chinese banks" states one sanction, through the
verb "impose ... on" and the noun "sanctions on"); or when they would get the
same IRI (same span, relation and pair, :func:`kg.rdf.mapping.claim_iri`).
The first claim found is kept, with the highest confidence of the ones folded
into it and the event any of them is about.

>>> from kg.model import Claim
>>> def c(trigger, confidence, start=0, event=None):
...     return Claim("usa", "sanctions", "chn", "hypothetical", "s", 0, 60, start, 40, confidence,
...                  trigger=trigger, event=event)
>>> [(m.trigger, m.confidence, m.event) for m in merge_claims([c("impose", 0.64), c("sanctions", 0.56, 5, "e1")], {})]
[('impose', 0.64, 'e1')]
"""
from __future__ import annotations

from typing import Iterable, Mapping

from ..model import Claim
from .lexicon import RelationType


def _fact(claim: Claim, relations: Mapping[str, RelationType]) -> tuple:
    rel = relations.get(claim.relation)
    pair = (claim.source, claim.target)
    if rel is not None and rel.symmetric:
        pair = tuple(sorted(pair))
    return claim.sentence_start, claim.relation, pair, claim.modality


def _iri_key(claim: Claim) -> tuple:
    return claim.start, claim.end, claim.relation, claim.source, claim.target


def merge_claims(claims: Iterable[Claim], relations: Mapping[str, RelationType]) -> list[Claim]:
    """The claims with those stating one fact folded into the first of them."""
    kept: list[Claim] = []
    by_key: dict[tuple, Claim] = {}
    for claim in claims:
        first = by_key.get(_fact(claim, relations)) or by_key.get(_iri_key(claim))
        if first is None:
            kept.append(claim)
            by_key[_fact(claim, relations)] = by_key[_iri_key(claim)] = claim
            continue
        first.confidence = max(first.confidence, claim.confidence)
        first.event = first.event or claim.event
    return kept
