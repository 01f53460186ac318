"""What the explorer asks the store: search, an actor's neighbourhood, a fact's
evidence, an actor's page, an article's page (:class:`Explorer`).

Each method takes names and keys and returns plain Python data (dicts,
lists, a networkx graph) with nothing from an article marked up: the
templates escape it. Each reads a bounded amount whatever the size of the
store, from the fact index each article graph holds (``ontology/README.md``,
"Facts": one index range rather than a grouping of claims) and from the
actor names held in memory (:mod:`kg.serve.names`), and pages what may be
long (``offset``, ``limit``):

- :meth:`Explorer.search`: actors by name or alias, with their article counts;
- :meth:`Explorer.neighbourhood`: an actor's strongest facts by article count
  (one range of ``kg:factSubject`` and one of ``kg:factObject``), as a graph the HTML view draws;
- :meth:`Explorer.evidence`: the claims stating one fact, 20 at a time, with
  their article, date, modality, confidence and speaker;
- :meth:`Explorer.actor_page` and :meth:`Explorer.actor_timeline`: an actor's
  description, dated roles (from the gazetteer), articles per relation
  (``kg:subjectOfRelation``, ``kg:objectOfRelation``), strongest facts, and
  the days it acts on, article by article (``kg:activeOn``);
- :meth:`Explorer.article_page`: an article's text with its claims and events
  by character offsets, and what ``kg remove`` would take out with it.

Actors and articles are named by their IRI or by the key in it
(``taliban`` for ``kgr:actor/taliban``); :func:`actor_key` and
:func:`article_key` go back.

>>> actor_iri("taliban"), actor_key("https://w3id.org/kg/id/actor/taliban")
(rdflib.term.URIRef('https://w3id.org/kg/id/actor/taliban'), 'taliban')
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional
from urllib.parse import unquote

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from ..errors import NotFoundError
from ..rdf.iri import fact_parts, graph_iri, local_name, mint_iri
from ..rdf.namespace import KG, SPARQL_PREFIXES
from ..views.graph import date_bounds, relation_families
from .names import ActorNames

__all__ = ["Explorer", "actor_iri", "actor_key", "article_key", "fact_counts", "highlight", "warm_up"]

_ACTOR = str(mint_iri("actor", "x"))[:-1]
_ARTICLE = str(mint_iri("article", "x"))[:-1]


def warm_up() -> None:
    """Read the data files the pages use (gazetteer, relations, styles), so the first request does not wait for them."""
    from ..gazetteer import Gazetteer
    from ..views.style import Style

    Gazetteer.load()
    relation_families()
    Style()


# -- names ------------------------------------------------------------------


def actor_iri(ref: str) -> URIRef:
    """The IRI of an actor given by IRI or key."""
    return URIRef(ref) if ref.startswith(_ACTOR) else mint_iri("actor", ref)


def actor_key(iri) -> str:
    return unquote(str(iri)[len(_ACTOR):]) if str(iri).startswith(_ACTOR) else str(iri)


def article_key(iri) -> str:
    return unquote(str(iri)[len(_ARTICLE):]) if str(iri).startswith(_ARTICLE) else str(iri)


def _values(var: str, terms: Iterable) -> str:
    return f"VALUES ?{var} {{ {' '.join(t.n3() for t in terms)} }}"


# -- actors -------------------------------------------------------------------


# -- the neighbourhood ------------------------------------------------------------


def _fact_edge(fact: URIRef, articles: int, families: dict) -> dict:
    s, relation, o, modality = fact_parts(fact)
    return {"fact": str(fact), "source": actor_iri(s), "target": actor_iri(o), "relation": relation,
            "modality": modality, "family": families.get(relation, "other"), "weight": articles}


def _facts_of(actor: URIRef, more: str = "") -> str:
    """The graph pattern binding ``?f`` and ``?g`` to each fact an actor is the
    subject or object of and each article graph describing it (and ``?out``:
    whether the actor is the subject); ``more`` adds to the fact's description there."""
    return (f"{{ GRAPH ?g {{ ?f kg:factSubject {actor.n3()} {more} }} BIND(true AS ?out) }} UNION "
            f"{{ GRAPH ?g {{ ?f kg:factObject {actor.n3()} {more} }} BIND(false AS ?out) }}")


# -- evidence -------------------------------------------------------------------


_CLAIM_FIELDS = (KG.sentence, KG.modality, PROV.wasDerivedFrom, RDF.subject, RDF.predicate, RDF.object, KG.confidence,
                 KG.eventDate, DCTERMS.date, KG.attributedTo, KG.startOffset, KG.endOffset, KG.sentenceStart, KG.sentenceEnd,
                 KG.trigger, KG.ploverType, KG.ploverMode, KG.cameoCode, KG.quadClass)


def _int(term) -> Optional[int]:
    return int(term) if term is not None else None


# -- an actor's page --------------------------------------------------------------


def _roles(key: str) -> list[dict]:
    """The dated roles and periods of a gazetteer actor (none for others)."""
    from ..gazetteer import Gazetteer

    entry = Gazetteer.load().entries.get(key)
    if entry is None:
        return []
    roles = [{"title": r.title, "of": r.of or "", "from": r.start.isoformat() if r.start else "",
              "to": r.end.isoformat() if r.end else "", "sector": str(r.sector or "")} for r in entry.roles]
    roles += [{"title": p.note or f"{p.type or ''} {p.sector or ''}".strip(), "of": "",
               "from": p.start.isoformat() if p.start else "", "to": p.end.isoformat() if p.end else "",
               "sector": str(p.sector or "")} for p in entry.periods]
    return sorted(roles, key=lambda r: (r["from"], r["to"]))


def _either(var: str, actor: URIRef) -> str:
    """A pattern binding ``var`` to the facts ``actor`` is the subject or the object of."""
    return f"{{ {var} kg:factSubject {actor.n3()} }} UNION {{ {var} kg:factObject {actor.n3()} }}"


def _day_of(event: dict, day: str) -> bool:
    """Whether an event falls on ``day`` of the timeline (the first day of its date, or its article's when it has none)."""
    when = event.get("event_date") or event.get("published", "")
    return bool(when) and date_bounds(when, when)[0] == day


_EVENT_FIELDS = (RDF.type, RDFS.label, KG.sentence, KG.modality, PROV.wasDerivedFrom, KG.place, KG.date,
                 KG.startOffset, KG.endOffset)


# -- an article's page --------------------------------------------------------------


def highlight(text: str, claims: list[dict]) -> list[dict]:
    """``text`` cut where a claim's sentence or span starts or ends: each
    segment says which claims' sentences and spans cover it, so a template
    marks the sentences lightly and the spans strongly.

    >>> [(s["text"], s["in_span"]) for s in highlight("Alpha opposes Beta. Then.", [
    ...     {"claim": "c", "start": 0, "end": 13, "sentence_start": 0, "sentence_end": 19}])]
    [('Alpha opposes', ['c']), (' Beta.', []), (' Then.', [])]
    """
    cuts = {0, len(text)}
    for c in claims:
        for k in ("start", "end", "sentence_start", "sentence_end"):
            if c.get(k) is not None and 0 <= c[k] <= len(text):
                cuts.add(c[k])
    cuts = sorted(cuts)
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        span = [c["claim"] for c in claims if c.get("start") is not None and c["start"] <= lo and hi <= c["end"]]
        sentence = [c["claim"] for c in claims if c.get("sentence_start") is not None
                    and c["sentence_start"] <= lo and hi <= c["sentence_end"]]
        out.append({"text": text[lo:hi], "start": lo, "in_span": span, "in_sentence": sentence})
    return out


class Explorer:
    """What the explorer and the pages ask one store: each method reads a
    bounded amount from the fact index, whatever the size of the store, and
    actors' names and descriptions come from ``names`` (an
    :class:`~kg.serve.names.ActorNames` of the store, made here if not given)."""

    def __init__(self, store, names: Optional[ActorNames] = None):
        self.store = store
        self.names = names if names is not None else ActorNames(store)

    def _query(self, sparql: str):
        return self.store.query(SPARQL_PREFIXES + sparql)

    def article_counts(self, actors: Iterable[URIRef]) -> dict[URIRef, int]:
        """How many articles name each actor (0 for one no article names any more)."""
        actors = list(dict.fromkeys(actors))
        counts = {a: 0 for a in actors}
        if actors:
            for a, n in self._query(f"""SELECT ?a (COUNT(?g) AS ?n) WHERE {{
                    {_values('a', actors)} GRAPH ?g {{ ?article kg:mentions ?a }} }} GROUP BY ?a"""):
                counts[a] = int(n)
        return counts

    def search(self, text: str, *, limit: int = 20) -> list[dict]:
        """Actors whose label or an alias contains ``text`` (case-insensitive):
        exact names first, then names starting with it, then the rest, the
        most named first among equals, each with its article count; actors no
        article names any more are left out."""
        candidates = [URIRef(a.iri) for a in self.names.find(text)[: limit * 3]]
        counts = self.article_counts(candidates)
        rank = {a: i for i, a in enumerate(candidates)}
        found = sorted((a for a in candidates if counts[a]), key=lambda a: rank[a])[:limit]
        described = self.names.describe(found)
        return [{**described[a], "articles": counts[a]} for a in found]

    def fact_dates(self, facts: Iterable[URIRef]) -> dict[URIRef, tuple[str, str]]:
        """First and last date of each fact, over every article stating it."""
        facts = list(facts)
        out = {}
        if facts:
            for f, first, last in self._query(f"""SELECT ?f (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{
                    {_values('f', facts)} GRAPH ?g {{ ?f kg:factDate ?d }} }} GROUP BY ?f"""):
                out[f] = (str(first or ""), str(last or ""))
        return out

    def neighbourhood(self, actor: str, *, limit: int = 50) -> nx.MultiDiGraph:
        """The actor and its ``limit`` strongest facts (by the number of articles
        stating them), as a graph with the node and edge attributes of
        :func:`kg.views.graph.graph_from_store` (evidence left out: :func:`evidence`
        pages it); edges carry their ``fact`` IRI."""
        a = actor_iri(actor)
        if not self.article_counts([a])[a]:
            raise NotFoundError(f"no article in the store names the actor {actor!r}")
        # No tie-break on ?f: ordering IRIs makes the engine read their text, seconds for a hub's facts.
        rows = list(self._query(f"""SELECT ?f (COUNT(?g) AS ?n) WHERE {{ {_facts_of(a)} }}
            GROUP BY ?f ORDER BY DESC(?n) LIMIT {int(limit)}"""))
        families = relation_families()
        edges = [_fact_edge(f, int(n), families) for f, n in rows if fact_parts(f)]
        return self._graph([a], edges)

    def _graph(self, actors: list[URIRef], edges: list[dict]) -> nx.MultiDiGraph:
        nodes = list(dict.fromkeys([*actors, *(e["source"] for e in edges), *(e["target"] for e in edges)]))
        described = self.names.describe(nodes)
        counts = self.article_counts(nodes)
        dates = self.fact_dates([URIRef(e["fact"]) for e in edges])
        g = nx.MultiDiGraph()
        for n in nodes:
            d = described[n]
            g.add_node(str(n), label=d["label"], type=d["type"], country=d["country"], sector=d["sector"],
                       aliases=d["aliases"], part_of="", mentions=counts[n], articles=counts[n], kind="actor")
        for e in edges:
            first, last = dates.get(URIRef(e["fact"]), ("", ""))
            g.add_edge(str(e["source"]), str(e["target"]), key=f"{e['relation']}/{e['modality']}",
                       relation=e["relation"], modality=e["modality"], family=e["family"], plover="",
                       weight=e["weight"], confidence=None, evidence=[], first_date=first, last_date=last,
                       fact=e["fact"])
        return g

    def evidence(self, fact: str, *, offset: int = 0, limit: int = 20) -> dict:
        """The claims stating ``fact`` (an IRI), oldest first, ``limit`` from
        ``offset``: each with its sentence, article (IRI, title, date), modality,
        confidence and speaker; and how many there are."""
        parts = fact_parts(fact)
        if parts is None:
            raise NotFoundError(f"{fact!r} is not a fact IRI")
        f = URIRef(fact)
        total = next(iter(self._query(f"SELECT (COUNT(?c) AS ?n) WHERE {{ GRAPH ?g {{ ?c kg:fact {f.n3()} }} }}")))[0]
        # Ordered by date alone (the engine keeps ties in a fixed order): a tie-break on IRIs reads their text.
        page = [c for c, _ in self._query(f"""SELECT ?c ?d WHERE {{ GRAPH ?g {{ ?c kg:fact {f.n3()}
            OPTIONAL {{ ?c dcterms:date ?d }} }} }} ORDER BY ?d LIMIT {int(limit)} OFFSET {int(offset)}""")]
        items = self.claim_details(page)
        s, relation, o, modality = parts
        return {"fact": fact, "source": str(actor_iri(s)), "relation": relation, "target": str(actor_iri(o)),
                "modality": modality, "total": int(total), "offset": offset, "limit": limit,
                "items": [items[c] for c in page if c in items]}

    def properties(self, subjects: Iterable[URIRef], predicates: Iterable[URIRef] = ()) -> dict[URIRef, dict]:
        """``{subject: {predicate: [objects]}}`` for each subject, from the graphs
        that describe it; only ``predicates`` if given.
        One pattern with the subject bound: an index lookup per subject, where
        OPTIONAL clauses would make the engine read every claim of the store."""
        subjects, wanted = list(dict.fromkeys(subjects)), set(predicates)
        out: dict[URIRef, dict] = {x: defaultdict(list) for x in subjects}
        if not subjects:
            return out
        # Each predicate is its own pattern: a VALUES list of them makes the engine scan each predicate's index.
        pattern = " UNION ".join(f"{{ ?x {p.n3()} ?o BIND({p.n3()} AS ?p) }}" for p in wanted) or "{ ?x ?p ?o }"
        for x, p, o in self._query(f"""SELECT DISTINCT ?x ?p ?o WHERE {{ {_values('x', subjects)}
                GRAPH ?g {{ {pattern} }} }}"""):
            out[x][p].append(o)
        return out

    def claim_details(self, claims: list[URIRef]) -> dict[URIRef, dict]:
        """What the evidence panel and the pages show of each claim: its sentence,
        offsets, modality, confidence, coding, speaker and article."""
        found = {c: p for c, p in self.properties(claims, _CLAIM_FIELDS).items() if p.get(KG.sentence)}
        articles = self.properties({p[PROV.wasDerivedFrom][0] for p in found.values() if p.get(PROV.wasDerivedFrom)},
                              (DCTERMS.title, DCTERMS.date))
        speakers = self.names.describe({p[KG.attributedTo][0] for p in found.values() if p.get(KG.attributedTo)})
        out = {}
        for c, p in found.items():
            def one(predicate, default=None):
                values = p.get(predicate)
                return values[0] if values else default
            article, who = one(PROV.wasDerivedFrom, ""), one(KG.attributedTo)
            about = articles.get(article, {})
            confidence = one(KG.confidence)
            out[c] = {"claim": str(c), "sentence": str(one(KG.sentence, "")), "modality": local_name(one(KG.modality, "")).lower(),
                      "confidence": float(confidence) if confidence is not None else None,
                      "article": str(article), "article_key": article_key(article),
                      "title": str((about.get(DCTERMS.title) or [""])[0]),
                      "date": str(one(KG.eventDate) or one(DCTERMS.date) or (about.get(DCTERMS.date) or [""])[0]),
                      "attributed_to": speakers[who]["label"] if who is not None else "", "attributed_iri": str(who or ""),
                      "source": str(one(RDF.subject, "")), "relation": local_name(one(RDF.predicate, "")),
                      "target": str(one(RDF.object, "")), "start": _int(one(KG.startOffset)), "end": _int(one(KG.endOffset)),
                      "sentence_start": _int(one(KG.sentenceStart)), "sentence_end": _int(one(KG.sentenceEnd)),
                      "trigger": str(one(KG.trigger, "")), "plover": str(one(KG.ploverType, "")),
                      "plover_mode": str(one(KG.ploverMode, "")), "cameo": str(one(KG.cameoCode, "")),
                      "quad_class": _int(one(KG.quadClass))}
        return out

    def actor_page(self, actor: str, *, per_group: int = 25) -> dict:
        """An actor's description and dated roles, its article count, and its
        relations by relation and direction: for each the number of articles,
        and its strongest facts (up to ``per_group``: the other actor, the
        modality, the articles)."""
        a = actor_iri(actor)
        described = self.names.describe([a])[a]
        articles = self.article_counts([a])[a]
        if not articles:
            raise NotFoundError(f"no article in the store names the actor {actor!r}")
        key = actor_key(a)
        # Articles per relation and direction from the actor's own index triples: one range, no join.
        groups = {(local_name(r), out.toPython()): {"relation": local_name(r), "outgoing": out.toPython(), "articles": int(k), "facts": []}
                  for r, out, k in self._query(f"""SELECT ?r ?out (COUNT(?g) AS ?k) WHERE {{
                      {{ GRAPH ?g {{ {a.n3()} kg:subjectOfRelation ?r }} BIND(true AS ?out) }} UNION
                      {{ GRAPH ?g {{ {a.n3()} kg:objectOfRelation ?r }} BIND(false AS ?out) }} }} GROUP BY ?r ?out""")}
        # the strongest facts of all groups at once: listing every fact of a hub would read thousands
        top = [(f, int(n)) for f, n in self._query(f"""SELECT ?f (COUNT(?g) AS ?n) WHERE {{ {_facts_of(a)} }}
            GROUP BY ?f ORDER BY DESC(?n) LIMIT {int(per_group) * 4}""") if fact_parts(f)]
        others = self.names.describe([actor_iri(fact_parts(f)[2 if fact_parts(f)[0] == key else 0]) for f, _ in top])
        for f, n in top:
            s, relation, o, modality = fact_parts(f)
            group = groups.get((relation, s == key))
            if group is not None and len(group["facts"]) < per_group:
                group["facts"].append({"fact": str(f), "other": others[actor_iri(o if s == key else s)],
                                       "modality": modality, "articles": n})
        out_groups = sorted(groups.values(), key=lambda g: (-g["articles"], g["relation"], not g["outgoing"]))
        return {**described, "articles": articles, "roles": _roles(key), "relations": out_groups}

    def actor_timeline(self, actor: str, *, offset: int = 0, limit: int = 20) -> dict:
        """The days the actor acts on, article by article, in date order
        (``kg:activeOn``: one index range, no join), ``limit`` from ``offset``:
        each entry a day and an article, with the actor's facts (and their
        claims) and events of that day in it; and how many entries there are."""
        a = actor_iri(actor)
        # Ordered by date alone (the engine keeps ties in a fixed order): a tie-break on IRIs reads their text.
        rows = [(d, g) for d, g in self._query(f"""SELECT ?d ?g WHERE {{ GRAPH ?g {{ {a.n3()} kg:activeOn ?d }} }}
            ORDER BY ?d LIMIT {int(limit)} OFFSET {int(offset)}""")]
        total = next(iter(self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {a.n3()} kg:activeOn ?d }} }}")))[0]
        facts, events = defaultdict(list), defaultdict(list)
        if rows:
            pairs = " ".join(f"({g.n3()} {d.n3()})" for d, g in rows)
            for g, d, f in self._query(f"""SELECT ?g ?d ?f WHERE {{ VALUES (?g ?d) {{ {pairs} }}
                    GRAPH ?g {{ {_either('?f', a)} ?f kg:factDate ?d }} }}"""):
                facts[(g, str(d))].append(f)
            graphs = " ".join(dict.fromkeys(g.n3() for _, g in rows))
            found = list(self._query(f"""SELECT ?g ?e ?role WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{
                {{ ?e kg:agent {a.n3()} BIND(kg:agent AS ?role) }} UNION {{ ?e kg:target {a.n3()} BIND(kg:target AS ?role) }} UNION
                {{ ?e kg:participant {a.n3()} BIND(kg:participant AS ?role) }} }} }}"""))
            details = self._event_details([e for _, e, _ in found])
            for g, e, role in found:
                if e in details:
                    events[g].append({**details[e], "role": local_name(role)})
        claims = self._claims_of([(f, g) for (g, _), fs in facts.items() for f in fs])
        labels = self.names.describe([actor_iri(fact_parts(f)[i]) for fs in facts.values() for f in fs for i in (0, 2)])
        entries = []
        for d, g in rows:
            day = str(d)
            entry_facts = []
            for f in facts.get((g, day), []):
                s, relation, o, modality = fact_parts(f)
                said = [c for c in claims.get((f, g), []) if date_bounds(c["date"], c["date"])[0] == day]
                entry_facts.append({"fact": str(f), "source": labels[actor_iri(s)], "relation": relation,
                                    "target": labels[actor_iri(o)], "modality": modality, "claims": said})
            entry_events = [ev for ev in events.get(g, []) if _day_of(ev, day)]
            article = entry_facts[0]["claims"][0] if entry_facts and entry_facts[0]["claims"] else (entry_events or [{}])[0]
            entries.append({"date": day, "article": article.get("article", ""), "article_key": article.get("article_key", ""),
                            "title": article.get("title", ""), "facts": entry_facts, "events": entry_events})
        return {"actor": str(a), "total": int(total), "offset": int(offset), "limit": int(limit), "entries": entries}

    def _claims_of(self, pairs: list[tuple]) -> dict[tuple, list[dict]]:
        """The claims of each (fact, article graph) pair."""
        if not pairs:
            return {}
        rows = self._query(f"""SELECT ?f ?g ?c WHERE {{ VALUES (?f ?g) {{ {' '.join(f'({f.n3()} {g.n3()})' for f, g in pairs)} }}
            GRAPH ?g {{ ?c kg:fact ?f }} }}""")
        by_pair = defaultdict(list)
        for f, g, c in rows:
            by_pair[(f, g)].append(c)
        details = self.claim_details([c for cs in by_pair.values() for c in cs])
        return {pair: sorted((details[c] for c in cs if c in details), key=lambda d: (d["start"] or 0))
                for pair, cs in by_pair.items()}

    def _event_details(self, events: list[URIRef]) -> dict[URIRef, dict]:
        """What the pages show of each event: its type, words, sentence, modality, date, place and article."""
        found = {e: p for e, p in self.properties(events, _EVENT_FIELDS).items() if p.get(KG.sentence)}
        places = self.properties({p[KG.place][0] for p in found.values() if p.get(KG.place)}, (RDFS.label,))
        articles = self.properties({p[PROV.wasDerivedFrom][0] for p in found.values() if p.get(PROV.wasDerivedFrom)},
                              (DCTERMS.title, DCTERMS.date))
        out = {}
        for e, p in found.items():
            types = [local_name(t) for t in p.get(RDF.type, []) if t != KG.Event]
            article = (p.get(PROV.wasDerivedFrom) or [""])[0]
            place = (p.get(KG.place) or [None])[0]
            out[e] = {"event": str(e), "type": types[0] if types else "Event", "label": str((p.get(RDFS.label) or [""])[0]),
                      "sentence": str(p[KG.sentence][0]),
                      "modality": local_name(p[KG.modality][0]).lower() if p.get(KG.modality) else "asserted",
                      "article": str(article), "article_key": article_key(article),
                      "title": str((articles.get(article, {}).get(DCTERMS.title) or [""])[0]),
                      "published": str((articles.get(article, {}).get(DCTERMS.date) or [""])[0]),
                      "place": str((places.get(place, {}).get(RDFS.label) or [""])[0]) if place is not None else "",
                      "event_date": str((p.get(KG.date) or [""])[0]),
                      "start": _int((p.get(KG.startOffset) or [None])[0]), "end": _int((p.get(KG.endOffset) or [None])[0])}
        return out

    def article_page(self, article: str) -> dict:
        """An article: its metadata and text, its claims and events with their
        offsets, and what ``kg remove`` would take out: its triples, and the
        facts and actors no other article states or names."""
        key = article_key(article)
        a, g = mint_iri("article", key), graph_iri(key)
        meta = {str(p): o for p, o in self._query(f"SELECT ?p ?o WHERE {{ GRAPH {g.n3()} {{ {a.n3()} ?p ?o }} }}")}
        if not meta:
            raise NotFoundError(f"no article {key!r} in the store")
        claims = [c for (c,) in self._query(f"SELECT ?c WHERE {{ GRAPH {g.n3()} {{ ?c a kg:Claim }} }}")]
        details = sorted(self.claim_details(claims).values(), key=lambda d: (d["start"] or 0, d["end"] or 0, d["claim"]))
        events = [e for (e,) in self._query(f"SELECT DISTINCT ?e WHERE {{ GRAPH {g.n3()} {{ ?e a kg:Event }} }}")]
        event_list = list(self._event_details(events).values())
        facts = [f for (f,) in self._query(f"SELECT ?f WHERE {{ GRAPH {g.n3()} {{ ?f kg:factSubject ?x }} }}")]
        fact_articles = {}
        if facts:
            fact_articles = {f: int(n) for f, n in self._query(f"""SELECT ?f (COUNT(?h) AS ?n) WHERE {{
                {_values('f', facts)} GRAPH ?h {{ ?f kg:factSubject ?x }} }} GROUP BY ?f""")}
        named = [x for (x,) in self._query(f"SELECT ?x WHERE {{ GRAPH {g.n3()} {{ {a.n3()} kg:mentions ?x }} }}")]
        counts = self.article_counts(named)
        labels = self.names.describe([*named, *(actor_iri(fact_parts(f)[i]) for f in facts for i in (0, 2))])
        for d in details:
            d["source_label"] = labels.get(URIRef(d["source"]), {}).get("label") or actor_key(d["source"])
            d["target_label"] = labels.get(URIRef(d["target"]), {}).get("label") or actor_key(d["target"])
        removal_facts = []
        for f in sorted(facts, key=lambda f: (fact_articles.get(f, 1), str(f))):
            s, relation, o, modality = fact_parts(f)
            removal_facts.append({"fact": str(f), "source": labels[actor_iri(s)], "relation": relation,
                                  "target": labels[actor_iri(o)], "modality": modality,
                                  "articles": fact_articles.get(f, 1)})
        text = str(meta.get(str(KG.text), ""))
        return {
            "key": key, "iri": str(a), "graph": str(g),
            "title": str(meta.get(str(DCTERMS.title), "")), "date": str(meta.get(str(DCTERMS.date), "")),
            "publisher": str(meta.get(str(DCTERMS.publisher), "")), "identifier": str(meta.get(str(DCTERMS.identifier), "")),
            "url": str(meta.get(str(KG.url), "")), "source_file": str(meta.get(str(KG.sourceFile), "")),
            "text": text, "segments": highlight(text, details), "claims": details,
            "events": sorted(event_list, key=lambda e: (e["start"] or 0)),
            "removal": {"triples": self.store.graph_size(g), "claims": len(details), "events": len(event_list),
                        "facts": removal_facts,
                        "actors": sorted(({**labels[x], "articles": counts[x]} for x in named),
                                         key=lambda d: (d["articles"], d["label"]))},
        }


def fact_counts(store) -> list[tuple]:
    """(subject key, relation, object key, modality, articles, first date, last
    date) of every fact some article states, sorted: the whole fact index at a
    glance (for tests, and a look at a small store).

    >>> from kg.store import open_store
    >>> fact_counts(open_store(":memory:"))
    []
    """
    rows = store.query(SPARQL_PREFIXES + """
SELECT ?f ?n ?first ?last WHERE {
  { SELECT ?f (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?f kg:factSubject ?x } } GROUP BY ?f }
  OPTIONAL { SELECT ?f (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { GRAPH ?g { ?f kg:factDate ?d } } GROUP BY ?f }
}""")
    return sorted((*fact_parts(r[0]), int(r[1]), str(r[2] or ""), str(r[3] or "")) for r in rows)
