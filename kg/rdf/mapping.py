"""Map an :class:`~kg.model.Extraction` to the triples of its article's named graph.

The model (documented in ``ontology/README.md``):

- every actor and event has an IRI minted from its identity;
- every relation is a ``kg:Claim`` node (an ``rdf:Statement``) carrying
  subject, predicate, object, modality, attribution, confidence, the sentence,
  character offsets and the article it came from;
- the direct triple (``kgr:actor/taliban kg:opposes kgr:actor/islamic-state``)
  is written only for asserted claims, so a plain SPARQL pattern never returns
  what an article hedged, negated or only reported;
- each article's graph also holds its share of the fact index (each fact it
  states described once, and for each actor the relations it takes part in
  and the days it acts on, :func:`_fact_index`), which ``kg serve`` reads
  instead of grouping claims;
- one named graph per article holds all of it, so an article can be replaced
  or removed on its own.

>>> from kg.model import Article, Extraction, Actor
>>> ex = Extraction(article=Article(id="a1", text="..."), actors={"taliban": Actor("taliban", "Taliban", "ArmedGroup")})
>>> g, triples = article_graph(ex)
>>> str(g)
'https://w3id.org/kg/id/graph/a1'
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .._version import __version__
from ..errors import DataFileError
from ..model import ActorType, Extraction, Modality
from .iri import fact_iri, graph_iri, hashed_key, mint_iri
from .namespace import KG

MODALITY = {m: KG[m.capitalize()] for m in Modality}
ACTOR_CLASSES = frozenset(ActorType)
EXTRACTOR = mint_iri("extractor", f"kg-{__version__}")

# Characters XML 1.0 (and so TriG/RDF/XML readers) refuse; stripped from literals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Triple = tuple


_TERM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def term(name: str, what: str) -> URIRef:
    """An ontology term (kg:NAME) for a relation or event type named in the data files."""
    if not _TERM_NAME.fullmatch(name or ""):
        raise DataFileError(f"{what} {name!r} is not a valid ontology term name (letters, digits, _); "
                            "check the entry in ontology/relations.yaml or ontology/events.yaml")
    return KG[name]


def text(value: str) -> Literal:
    return Literal(_CONTROL.sub("", value))


def article_text(value: str) -> Literal:
    """The article's text with the characters XML refuses replaced by spaces:
    it keeps its length, so the character offsets of claims and events still point into it."""
    return Literal(_CONTROL.sub(" ", value))


def date_literal(value: str) -> Optional[Literal]:
    """An ISO date of day, month or year precision as the matching XSD type."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return None


def claim_iri(article_id: str, claim) -> URIRef:
    return mint_iri("claim", hashed_key(article_id, claim.start, claim.end, claim.relation, claim.source, claim.target))


def extraction_to_triples(ex: Extraction) -> Iterator[Triple]:
    art = ex.article
    a = mint_iri("article", art.id)
    yield a, RDF.type, KG.Article
    if art.title:
        yield a, DCTERMS.title, text(art.title)
    if art.published:
        yield a, DCTERMS.date, Literal(art.published.isoformat(), datatype=XSD.date)
    if art.source:
        yield a, DCTERMS.publisher, text(art.source)
    if art.url:
        yield a, KG.url, Literal(art.url, datatype=XSD.anyURI)
    if art.doc_id:
        yield a, DCTERMS.identifier, text(art.doc_id)
    if art.path:
        yield a, KG.sourceFile, text(art.path)
    yield a, KG.contentHash, Literal(hashed_key(art.text))
    yield a, KG.text, article_text(art.clean_text)
    yield a, PROV.wasGeneratedBy, EXTRACTOR
    yield EXTRACTOR, RDF.type, KG.ExtractionActivity
    yield EXTRACTOR, RDFS.label, Literal(f"kg {__version__}")
    yield EXTRACTOR, KG.extractorVersion, Literal(__version__)

    counts = ex.mention_counts()
    for key, actor in ex.actors.items():
        s = mint_iri("actor", key)
        yield s, RDF.type, KG[actor.type if actor.type in ACTOR_CLASSES else ActorType.ACTOR]
        yield s, RDFS.label, text(actor.label)
        for alias in actor.aliases:
            yield s, SKOS.altLabel, text(alias)
        if actor.country:
            yield s, KG.countryCode, Literal(actor.country)
        if actor.sector:
            yield s, KG.sector, Literal(actor.sector)
        if actor.part_of and actor.part_of in ex.actors:
            yield s, KG.partOf, mint_iri("actor", actor.part_of)
        yield s, KG.inGazetteer, Literal(actor.known)
        yield a, KG.mentions, s
        if counts.get(key):
            m = mint_iri("mentions", f"{art.id}/{key}")
            yield m, RDF.type, KG.MentionCount
            yield m, KG.actor, s
            yield m, KG.article, a
            yield m, KG.mentionCount, Literal(counts[key])

    for ev in ex.events:
        e = mint_iri("event", ev.key)
        yield e, RDF.type, KG.Event
        yield e, RDF.type, term(ev.type, "event type")
        yield e, RDFS.label, text(ev.trigger)
        yield e, KG.trigger, text(ev.trigger)
        yield e, KG.modality, MODALITY[ev.modality]
        for key in ev.agents:
            yield e, KG.agent, mint_iri("actor", key)
        for key in ev.targets:
            yield e, KG.target, mint_iri("actor", key)
        for key in ev.participants:
            yield e, KG.participant, mint_iri("actor", key)
        if ev.place:
            p = mint_iri("place", f"{ev.place_country or 'xx'}/{ev.place}")
            yield e, KG.place, p
            yield p, RDF.type, KG.Place
            yield p, RDFS.label, text(ev.place)
            if ev.place_country:
                yield p, KG.countryCode, Literal(ev.place_country)
        if ev.date and date_literal(ev.date) is not None:
            yield e, KG.date, date_literal(ev.date)
        if ev.date_text:
            yield e, KG.dateText, text(ev.date_text)
        if ev.casualties:
            yield e, KG.casualties, Literal(ev.casualties)
        yield e, KG.sentence, text(ev.sentence)
        yield e, KG.startOffset, Literal(ev.start)
        yield e, KG.endOffset, Literal(ev.end)
        yield e, KG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)
        yield from _coding(e, ev)
        yield e, PROV.wasDerivedFrom, a

    for c in ex.claims:
        node = claim_iri(art.id, c)
        s, o, p = mint_iri("actor", c.source), mint_iri("actor", c.target), term(c.relation, "relation")
        yield node, RDF.type, KG.Claim
        yield node, RDF.subject, s
        yield node, RDF.predicate, p
        yield node, RDF.object, o
        yield node, KG.modality, MODALITY[c.modality]
        yield node, KG.fact, fact_iri(c.source, c.relation, c.target, c.modality)
        yield node, KG.confidence, Literal(round(c.confidence, 3), datatype=XSD.decimal)
        yield node, KG.sentence, text(c.sentence)
        yield node, KG.sentenceStart, Literal(c.sentence_start)
        yield node, KG.sentenceEnd, Literal(c.sentence_end)
        yield node, KG.startOffset, Literal(c.start)
        yield node, KG.endOffset, Literal(c.end)
        if c.trigger:
            yield node, KG.trigger, text(c.trigger)
        if c.attributed_to:
            yield node, KG.attributedTo, mint_iri("actor", c.attributed_to)
        yield from _coding(node, c)
        if c.event:
            yield node, KG.aboutEvent, mint_iri("event", c.event)
        event_date = date_literal(c.event_date) if c.event_date else None
        if event_date is not None:
            yield node, KG.eventDate, event_date
        if art.published:
            yield node, DCTERMS.date, Literal(art.published.isoformat(), datatype=XSD.date)
        yield node, PROV.wasDerivedFrom, a
        yield node, PROV.wasGeneratedBy, EXTRACTOR
        if c.asserted:
            yield s, p, o
    yield from _fact_index(ex)


def _fact_index(ex: Extraction) -> Iterator[Triple]:
    """The article's share of the fact index:
    each fact it states, described in its graph (subject, relation, object,
    modality, and the dates of its claims here); for each actor, the
    relations it is the subject or the object of here, and the days it acts
    on here (its claims' dates and its events'). Once per article, so that
    counting the graphs holding one counts articles; inside the article's
    graph, so that they come and go with it."""
    published = ex.article.published.isoformat() if ex.article.published else None
    facts: dict[URIRef, set] = {}
    roles: set[tuple] = set()
    days: dict[URIRef, set] = {}
    for c in ex.claims:
        f, s, o = fact_iri(c.source, c.relation, c.target, c.modality), mint_iri("actor", c.source), mint_iri("actor", c.target)
        p = term(c.relation, "relation")
        if f not in facts:
            facts[f] = set()
            yield f, KG.factSubject, s
            yield f, KG.factPredicate, p
            yield f, KG.factObject, o
            yield f, KG.factModality, MODALITY[c.modality]
        roles.update([(s, KG.subjectOfRelation, p), (o, KG.objectOfRelation, p)])
        day = _first_day(c.event_date) or published  # the claim's time: its event's, else its article's
        if day:
            facts[f].add(day)
            days.setdefault(s, set()).add(day)
            days.setdefault(o, set()).add(day)
    for ev in ex.events:
        day = _first_day(ev.date) or published
        if day:
            for key in (*ev.agents, *ev.targets, *ev.participants):
                days.setdefault(mint_iri("actor", key), set()).add(day)
    for f, dates in facts.items():
        for d in sorted(dates):
            yield f, KG.factDate, Literal(d, datatype=XSD.date)
    yield from sorted(roles)
    for actor, dates in days.items():
        for d in sorted(dates):
            yield actor, KG.activeOn, Literal(d, datatype=XSD.date)


def _first_day(value: Optional[str]) -> Optional[str]:
    """The first day of a date of day, month or year precision ("2020-12" is 2020-12-01)."""
    if not value or date_literal(value) is None:
        return None
    return value if len(value) == 10 else f"{value}-01" if len(value) == 7 else f"{value}-01-01"


def _coding(node, stated) -> Iterator[Triple]:
    """The PLOVER/CAMEO coding of a claim or an event (:mod:`kg.extract.coding`)."""
    if stated.plover:
        yield node, KG.ploverType, Literal(stated.plover)
    if stated.plover_mode:
        yield node, KG.ploverMode, Literal(stated.plover_mode)
    if stated.cameo:
        yield node, KG.cameoCode, Literal(stated.cameo)
    if stated.quad_class is not None:
        yield node, KG.quadClass, Literal(int(stated.quad_class))
    if stated.intensity is not None:
        yield node, KG.intensity, Literal(float(stated.intensity))  # one decimal at most: a double is exact


def article_graph(ex: Extraction) -> tuple[URIRef, list[Triple]]:
    """The named graph IRI of an article and the triples it holds."""
    return graph_iri(ex.article.id), list(dict.fromkeys(extraction_to_triples(ex)))
