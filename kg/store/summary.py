"""The fact index and the summary graph: what lets ``kg serve`` answer a click
on millions of triples in a fraction of a second.

Grouping an actor's claims to find its strongest relations takes 5 s for the
Taliban on a store of 10 million triples: each claim is five triples to
join. The answers come instead from two things kg keeps as it writes.

**The fact index, inside each article's graph** (written by
:mod:`kg.rdf.mapping`). A *fact* is one subject, relation, object and
modality, whichever article states it, with an IRI made of them
(:func:`kg.rdf.iri.fact_iri`, read back by :func:`kg.rdf.iri.fact_parts`);
each claim points to it (``kg:fact``). Once per fact it states, an
article's graph describes it::

    kgr:fact/taliban/opposes/islamic-state/asserted kg:factSubject kgr:actor/taliban ;
        kg:factPredicate kg:opposes ; kg:factObject kgr:actor/islamic-state ; kg:factModality kg:Asserted ;
        kg:factDate "2021-09-02"^^xsd:date .      # the dates of its claims in this article

so the number of articles stating a fact is the number of graphs describing
it, its first and last dates the least and greatest ``kg:factDate``, and an
actor's facts one index range of ``kg:factSubject`` (and ``kg:factObject``)
with the actor bound: grouping that range by fact, or by relation, needs no
join with the claims (the Taliban's strongest facts among 10 million
triples: 0.1 s, against 3 s from the claims). Being part of the article's
graph, the index is replaced and removed with it, in the same request: it is
exact however articles are added, rebuilt or removed, and whatever number of
builds write to one SPARQL server at once, as no two writers ever change the
same triple. (Counters kept in a shared graph cannot be: ``oxigraph serve``
runs two concurrent read-and-increment updates both from the old value; two
builds of twelve articles each counted twenty.)

**The summary graph** :data:`SUMMARY_GRAPH` (``kgr:summary``) holds one copy
of each actor's class, label, aliases, country and sector, so that finding
an actor by name reads a few thousand triples rather than every article's
copy::

    kgr:actor/taliban a kg:ArmedGroup ; rdfs:label "Taliban" ; skos:altLabel "Taleban" ; kg:countryCode "AFG" .

These change only when the gazetteer does, so
:meth:`kg.store.Store.put_article` adds them with the article
(:func:`descriptions`; adding a triple twice changes nothing, so concurrent
writers cannot conflict), and it and :meth:`~kg.store.Store.remove_article`
take out the actors no article names any more (:func:`forget`), in the same
request. As the graph only repeats triples of the article graphs, queries
over the union of all graphs see nothing new. :func:`rebuild` recomputes it
from the article graphs (after a SPARQL Update that bypassed
``put_article``, ``kg query --allow-update``).

>>> from kg.store import open_store
>>> from kg.rdf import article_graph
>>> from kg.model import Actor, Article, Claim, Extraction
>>> from datetime import date
>>> def article(i, modality="asserted"):
...     actors = {"a": Actor("a", "Alpha", "Country"), "b": Actor("b", "Beta", "ArmedGroup")}
...     claim = Claim(source="a", relation="opposes", target="b", modality=modality, sentence="Alpha opposes Beta.",
...                   sentence_start=0, sentence_end=19, start=0, end=19, confidence=0.9)
...     text = "Alpha opposes Beta."
...     return article_graph(Extraction(article=Article(id=f"a{i}", text=text, published=date(2021, 9, i + 1)),
...                                     actors=actors, claims=[claim]))
>>> store = open_store(":memory:")
>>> for i in range(3):
...     _ = store.put_article(*article(i))
>>> fact_counts(store)
[('a', 'opposes', 'b', 'asserted', 3, '2021-09-01', '2021-09-03')]
>>> _ = store.put_article(*article(1, "negated"))  # a1 rebuilt: it now denies it
>>> store.remove_article("a2") > 0
True
>>> fact_counts(store)
[('a', 'opposes', 'b', 'asserted', 1, '2021-09-01', '2021-09-01'), ('a', 'opposes', 'b', 'negated', 1, '2021-09-02', '2021-09-02')]
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..rdf.iri import SUMMARY_GRAPH, fact_parts
from ..rdf.namespace import KG, SPARQL_PREFIXES

__all__ = ["SUMMARY_GRAPH", "descriptions", "fact_counts", "forget", "named_actors", "rebuild"]

#: What the summary copies of an actor's description, from the articles naming it.
DESCRIPTION = (RDF.type, RDFS.label, SKOS.altLabel, KG.countryCode, KG.sector)

_S = f"<{SUMMARY_GRAPH}>"


def descriptions(triples: Iterable[tuple]) -> str:
    """The SPARQL Update copying into the summary graph the description of
    each actor an article's ``triples`` name ("" if none)."""
    triples = list(triples)
    named = {o for _, p, o in triples if p == KG.mentions}
    out = sorted({(s, p, o) for s, p, o in triples
                  if p in DESCRIPTION and s in named and _writable(s) and _writable(o)})
    if not out:
        return ""
    return "INSERT DATA { GRAPH %s {\n%s\n} }" % (_S, "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in out))


def named_actors(store, graph: URIRef) -> list[URIRef]:
    """The actors the article graph ``graph`` names now (none for a new article)."""
    rows = store.query(f"SELECT ?x WHERE {{ GRAPH <{graph}> {{ ?article <{KG.mentions}> ?x }} }}")
    return [r[0] for r in rows if _writable(r[0])]


def forget(actors: Iterable[URIRef], graph: URIRef) -> str:
    """The SPARQL Update taking out of the summary graph, once ``graph`` is
    replaced or removed, those of ``actors`` no article names any more ("" if none)."""
    actors = list(actors)
    if not actors:
        return ""
    return (f"DELETE {{ GRAPH {_S} {{ ?x ?p ?o }} }} WHERE {{ VALUES ?x {{ {' '.join(a.n3() for a in actors)} }} "
            f"GRAPH {_S} {{ ?x ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?article <{KG.mentions}> ?x }} }} }}")


def _writable(term) -> bool:
    """Whether a term can be written into SPARQL text as it is: every
    literal, and every IRI but those with characters SPARQL forbids (from a
    file loaded from elsewhere; kg's own IRIs are percent-encoded)."""
    if isinstance(term, Literal):
        return True
    return isinstance(term, URIRef) and not any(ch in str(term) for ch in '<>"{}|^`\\ \n\t\r')


def rebuild(store) -> None:
    """Recompute the summary graph from the article graphs."""
    store.update(SPARQL_PREFIXES + f"""DROP SILENT GRAPH {_S} ;
INSERT {{ GRAPH {_S} {{ ?x ?p ?o }} }}
WHERE {{
  VALUES ?p {{ {' '.join(p.n3() for p in DESCRIPTION)} }}
  GRAPH ?g {{ ?article kg:mentions ?x . ?x ?p ?o }}
}}""")


def fact_counts(store) -> list[tuple]:
    """(subject, relation, object, modality, articles, first date, last date)
    of every fact some article states, sorted: the index read as the explorer reads it."""
    rows = store.query(SPARQL_PREFIXES + """
SELECT ?f ?n ?first ?last WHERE {
  { SELECT ?f (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?f kg:factSubject ?x } } GROUP BY ?f }
  OPTIONAL { SELECT ?f (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { GRAPH ?g { ?f kg:factDate ?d } } GROUP BY ?f }
}""")
    return sorted((*fact_parts(r[0]), int(r[1]), str(r[2] or ""), str(r[3] or "")) for r in rows)
