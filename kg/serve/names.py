"""The actors ``kg serve`` finds by name, and how it shows them: each actor's
label, aliases, type, country and sector, held in memory and kept current.

Reads the article graphs: every article repeats the description of each
actor it names, so reading the descriptions from the store on each click
would read every copy (seconds for a hub on a store of millions of triples).
Here they are read once: all of them when the index is made (a few seconds
on 10 million triples), then, on :meth:`ActorNames.refresh`, only those of
the articles the index has not seen, when the number of articles has
changed. Writes nothing to the store.

An actor no article names any more stays known here (its description is
still right); :meth:`kg.serve.explore.Explorer.search` leaves it out by
counting its articles, which is read from the store each time.

>>> from kg.store import open_store
>>> from kg.rdf import article_graph
>>> from kg.model import Actor, Article, Extraction
>>> store = open_store(":memory:")
>>> _ = store.put_article(*article_graph(Extraction(article=Article(id="a1", text="..."),
...     actors={"islamic-state": Actor("islamic-state", "Islamic State", "ArmedGroup", aliases=("Daesh",))})))
>>> names = ActorNames(store)
>>> [a.label for a in names.find("daesh")]
['Islamic State']
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import unquote

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..rdf.namespace import KG, SPARQL_PREFIXES

__all__ = ["ActorName", "ActorNames"]

#: What is read of each actor, from the articles naming it.
DESCRIPTION = (RDFS.label, SKOS.altLabel, RDF.type, KG.countryCode, KG.sector)
#: ``?a``'s description, one ``(?p, ?o)`` per row.
_DESCRIBED = " UNION ".join(f"{{ ?a {p.n3()} ?o BIND({p.n3()} AS ?p) }}" for p in DESCRIPTION)
#: New article graphs read at a time.
BATCH = 500


@dataclass
class ActorName:
    """One actor as the explorer shows it."""

    iri: str
    label: str = ""
    aliases: list[str] = field(default_factory=list)
    type: str = "Actor"
    country: str = ""
    sector: str = ""

    @property
    def key(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    def as_dict(self) -> dict:
        return {"iri": self.iri, "key": unquote(self.key), "label": self.label or unquote(self.key),
                "aliases": sorted(set(self.aliases) - {self.label}), "type": self.type, "country": self.country,
                "sector": self.sector}


class ActorNames:
    """The actors of one store by IRI, searchable by name."""

    def __init__(self, store):
        self.store = store
        self._actors: dict[str, ActorName] = {}
        self._graphs: set[str] = set()
        self._count = -1
        self._lock = threading.Lock()
        self.refresh()

    # -- keeping current ------------------------------------------------------------
    def refresh(self) -> int:
        """Read the actors of the articles not seen yet, if the number of
        articles has changed; how many article graphs were read."""
        with self._lock:
            count = int(next(iter(self.store.query(
                SPARQL_PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }")))[0])
            if count == self._count:
                return 0
            graphs = {str(g) for (g,) in self.store.query(
                SPARQL_PREFIXES + "SELECT ?g WHERE { GRAPH ?g { ?a a kg:Article } }")}
            new = sorted(graphs - self._graphs)
            if not self._graphs:
                self._read_all()
            else:
                for i in range(0, len(new), BATCH):
                    self._read("VALUES ?g { %s } GRAPH ?g { ?article kg:mentions ?a . %s }"
                               % (" ".join(f"<{g}>" for g in new[i:i + BATCH]), _DESCRIBED))
            self._graphs, self._count = graphs, count
            return len(new)

    def _read_all(self) -> None:
        # Each actor once, then its description: joining every mention with the description
        # of its article repeats the work for each article naming the actor (on 12 million
        # triples 0.8 s against 11.5 s, the same rows).
        self._read("{ SELECT DISTINCT ?a WHERE { GRAPH ?g { ?article kg:mentions ?a } } } GRAPH ?h { %s }"
                   % _DESCRIBED)

    def _read(self, where: str) -> None:
        rows = self.store.query(SPARQL_PREFIXES + f"SELECT DISTINCT ?a ?p ?o WHERE {{ {where} }}")
        for a, p, o in rows:
            actor = self._actors.setdefault(str(a), ActorName(str(a)))
            if p == RDFS.label:
                actor.label = str(o)
            elif p == SKOS.altLabel:
                if str(o) not in actor.aliases:
                    actor.aliases.append(str(o))
            elif p == RDF.type:
                kind = str(o).rsplit("#", 1)[-1]
                if kind != "Actor":
                    actor.type = kind
            elif p == KG.countryCode:
                actor.country = str(o)
            elif p == KG.sector:
                actor.sector = str(o)

    # -- reading ----------------------------------------------------------------------
    def describe(self, actors: Iterable) -> dict[URIRef, dict]:
        """``{actor IRI: its description}``; an actor not known gets its key as label."""
        return {URIRef(str(a)): self._actors.get(str(a), ActorName(str(a))).as_dict() for a in actors}

    def find(self, text: str) -> list[ActorName]:
        """The actors whose label or an alias contains ``text`` (any case):
        exact names first, then names starting with it, then the rest; shorter first."""
        folded = " ".join(text.split()).casefold()
        if not folded:
            return []
        ranked = []
        for actor in list(self._actors.values()):
            best = None
            for name in (actor.label, *actor.aliases):
                n = name.casefold()
                if folded in n:
                    rank = (0 if n == folded else 1 if n.startswith(folded) else 2, len(n))
                    best = rank if best is None else min(best, rank)
            if best is not None:
                ranked.append((best, actor.label, actor))
        return [a for _, _, a in sorted(ranked, key=lambda r: (r[0], r[1]))]
