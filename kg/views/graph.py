"""The store as a networkx graph: the common input of every view and graph export.

Nodes are actors (and, optionally, events); one edge per (subject, relation,
object, modality) with its evidence. Edge ``weight`` is the number of distinct
articles that support it. A symmetric relation (``symmetric: true`` in
``relations.yaml``) is one edge either way round, drawn in the direction most
of its evidence states.

Actor nodes carry ``label`` and ``aliases`` (the names :mod:`kg.lookup` finds
them by). Time is the time of what happened: each evidence item has the
article's ``date`` and, when the sentence or its event gives one, the
``event_date`` of what it states; an edge's ``first_date`` and ``last_date``
span the evidence's event dates, publication dates where there is none, and
:func:`time_window` keeps what is dated inside a window.

>>> from kg.store import open_store
>>> graph_from_store(open_store(":memory:")).number_of_nodes()
0
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

import networkx as nx
from rdflib import Literal, URIRef

from ..datafiles import load_yaml
from ..lookup import ActorName, actor_names, one_actor
from ..model import ActorType, Modality
from ..rdf.iri import local_name
from ..rdf.namespace import SPARQL_PREFIXES as _PREFIXES

ACTORS = _PREFIXES + """
SELECT ?actor ?label ?type ?country ?sector ?parent (SUM(?n) AS ?mentions) WHERE {
  GRAPH ?g {
    ?actor rdfs:label ?label ; kg:inGazetteer ?known .
    ?actor a ?type . FILTER(?type != kg:Actor || NOT EXISTS { ?actor a ?other . FILTER(?other != kg:Actor) })
    OPTIONAL { ?actor kg:countryCode ?country }
    OPTIONAL { ?actor kg:sector ?sector }
    OPTIONAL { ?actor kg:partOf ?parent }
    OPTIONAL { ?m kg:actor ?actor ; kg:mentionCount ?n }
  }
} GROUP BY ?actor ?label ?type ?country ?sector ?parent
"""

CLAIMS = _PREFIXES + """
SELECT ?claim ?s ?p ?o ?modality ?confidence ?sentence ?article ?title ?date ?eventDate ?attributed ?plover ?quad
WHERE {
  GRAPH ?g {
    ?claim a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
           kg:modality ?modality ; kg:confidence ?confidence ; kg:sentence ?sentence ;
           prov:wasDerivedFrom ?article .
    OPTIONAL { ?article dcterms:title ?title }
    OPTIONAL { ?article dcterms:date ?date }
    OPTIONAL { ?claim kg:eventDate ?eventDate }
    OPTIONAL { ?claim kg:attributedTo ?attributed }
    OPTIONAL { ?claim kg:ploverType ?plover }
    OPTIONAL { ?claim kg:quadClass ?quad }
  }
}
"""

EVENTS = _PREFIXES + """
SELECT ?event ?type ?label ?date ?role ?actor ?sentence ?article ?title ?modality ?published WHERE {
  GRAPH ?g {
    ?event a kg:Event ; a ?type ; rdfs:label ?label ; kg:sentence ?sentence ; prov:wasDerivedFrom ?article .
    FILTER(?type != kg:Event)
    OPTIONAL { ?event kg:date ?date }
    OPTIONAL { ?event kg:modality ?modality }
    OPTIONAL { ?article dcterms:title ?title }
    OPTIONAL { ?article dcterms:date ?published }
    OPTIONAL { VALUES ?role { kg:agent kg:target kg:participant } ?event ?role ?actor }
  }
}
"""


_NODE_TYPES = frozenset(ActorType) - {ActorType.ACTOR}


def symmetric_relations() -> frozenset[str]:
    """The relations for which "A r B" is "B r A" (``symmetric: true`` in ``relations.yaml``)."""
    return frozenset(name for name, spec in (load_yaml("relations.yaml") or {}).items() if spec.get("symmetric"))


def relation_families() -> dict[str, str]:
    """relation name -> family key used for colours ("conflict-material", ...)."""
    out = {}
    for name, spec in (load_yaml("relations.yaml") or {}).items():
        quad = spec.get("quad_class")
        kind = "material" if quad in (2, 4) else "verbal"
        out[name] = f"{spec.get('family', 'other')}-{kind}"
    return out


def when(evidence: dict) -> str:
    """The date one piece of evidence is about: its event's, else its article's ("" if neither)."""
    return evidence.get("event_date") or evidence.get("date") or ""


def graph_from_store(store, *, events: bool = False, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """Actors as nodes, claims aggregated into edges (and events as nodes when asked)."""
    g = nx.MultiDiGraph()
    for row in store.query(ACTORS):
        actor, label, type_, country, sector, parent, mentions = row
        node = str(actor)
        if node in g and g.nodes[node].get("type") not in (None, "Actor"):
            continue
        g.add_node(node, label=str(label), type=local_name(type_), country=str(country or ""),
                   sector=str(sector or ""), part_of=str(parent or ""), mentions=int(mentions or 0), kind="actor",
                   aliases=[])
    for name in actor_names(store):
        if name.iri in g:
            g.nodes[name.iri]["aliases"] = sorted(name.aliases, key=str.casefold)
    families, symmetric = relation_families(), symmetric_relations()
    edges: dict[tuple, dict] = {}
    for row in store.query(CLAIMS):
        (claim, s, p, o, modality, confidence, sentence, article, title, date, event_date, attributed, plover,
         quad) = row
        if float(confidence) < min_confidence:
            continue
        relation, mod = local_name(p), local_name(modality).lower()
        pair = (str(s), str(o))
        key = (*(sorted(pair) if relation in symmetric else pair), relation, mod)
        e = edges.setdefault(key, {"relation": relation, "modality": mod, "family": families.get(relation, "other"),
                                   "plover": str(plover or ""), "evidence": [], "confidence": 0.0, "stated": {}})
        e["stated"][pair] = e["stated"].get(pair, 0) + 1
        e["confidence"] = max(e["confidence"], float(confidence))
        ev = {"sentence": str(sentence), "article": str(article), "title": str(title or ""),
              "date": str(date or ""), "event_date": str(event_date or ""), "confidence": float(confidence),
              "modality": mod, "attributed_to": str(attributed or ""), "claim": str(claim)}
        if ev not in e["evidence"]:
            e["evidence"].append(ev)
    for (first, second, relation, mod), e in edges.items():
        # the direction most claims state (a symmetric fact may be stated both ways), else the key's
        s, o = max(e["stated"], key=lambda pair: (e["stated"][pair], pair == (first, second)))
        for node in (s, o):
            if node not in g:
                g.add_node(node, label=local_name(node), type="Actor", country="", sector="", part_of="", mentions=0,
                           kind="actor", aliases=[])
        evidence = sorted(e["evidence"], key=lambda x: (when(x), x["date"], x["sentence"]))
        g.add_edge(s, o, key=f"{relation}/{mod}", relation=relation, modality=mod, family=e["family"],
                   plover=e["plover"], confidence=round(e["confidence"], 3), evidence=evidence,
                   **_evidence_summary(evidence))
    if events:
        _add_events(g, store)
    return g


def _evidence_summary(evidence: list[dict]) -> dict:
    """``weight`` (distinct articles), ``first_date`` and ``last_date`` (see :func:`when`) of an edge's evidence."""
    dates = sorted(d for d in map(when, evidence) if d)
    return {"weight": len({ev.get("article") or ev.get("title") for ev in evidence}) or 1,
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else ""}


def _add_events(g: nx.MultiDiGraph, store) -> None:
    """Events as nodes, linked to their actors by role edges (agent and
    participant point at the event, the event points at its targets)."""
    seen_roles = defaultdict(set)
    for row in store.query(EVENTS):
        event, type_, label, date, role, actor, sentence, article, title, modality, published = row
        node = str(event)
        mod = local_name(modality).lower() if modality is not None else Modality.ASSERTED
        if node not in g:
            g.add_node(node, label=f"{label}", type="Event", event_type=local_name(type_), kind="event",
                       date=str(date or ""), modality=mod, country="", sector="", part_of="", mentions=1,
                       evidence=[{"sentence": str(sentence), "article": str(article), "title": str(title or ""),
                                  "date": str(published or ""), "event_date": str(date or ""), "modality": mod,
                                  "event_type": local_name(type_)}])
        if role is None or actor is None:
            continue
        r = local_name(role)
        if (r, str(actor)) in seen_roles[node]:
            continue
        seen_roles[node].add((r, str(actor)))
        if str(actor) not in g:
            continue
        src, dst = (str(actor), node) if r in ("agent", "participant") else (node, str(actor))
        evidence = list(g.nodes[node]["evidence"])
        g.add_edge(src, dst, key=r, relation=r, modality=mod, family="event", plover="", confidence=1.0,
                   evidence=evidence, **_evidence_summary(evidence))


def date_bounds(first: str, last: str) -> tuple[str, str]:
    """Full ISO dates spanning ``first`` .. ``last``, which may be of year or
    month precision ("2020-12" starts 2020-12-01 and ends 2020-12-31); "" if unknown.

    >>> date_bounds("2020-12", "2021")
    ('2020-12-01', '2021-12-31')
    """
    import calendar

    def lo(d: str) -> str:
        if len(d) == 4:
            return f"{d}-01-01"
        return f"{d}-01" if len(d) == 7 else d[:10]

    def hi(d: str) -> str:
        if len(d) == 4:
            return f"{d}-12-31"
        if len(d) == 7:
            y, m = int(d[:4]), int(d[5:7])
            return f"{d}-{calendar.monthrange(y, m)[1]:02d}"
        return d[:10]

    first, last = first or last or "", last or first or ""
    return (lo(first) if first else "", hi(last) if last else "")


def ego_graph(g: nx.MultiDiGraph, actor: str, depth: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of one actor, found by :mod:`kg.lookup` among the
    graph's actors (label, alias, IRI or id, any case); a
    :class:`~kg.lookup.UnknownActor` or :class:`~kg.lookup.AmbiguousActor` otherwise.

    Hops follow relations between actors, in either direction; events (when
    the graph has them) are not stepping stones, but the events of every kept
    actor come along with their role edges."""
    node = find_actor_node(g, actor)
    actors = g.subgraph([n for n, d in g.nodes(data=True) if d.get("kind") != "event"])
    keep = set(nx.ego_graph(actors.to_undirected(as_view=True), node, radius=depth)) if node in actors else {node}
    events = {e for n in keep for e in nx.all_neighbors(g, n) if g.nodes[e].get("kind") == "event"}
    return g.subgraph(keep | events).copy()


def find_actor_node(g: nx.MultiDiGraph, name: str) -> str:
    """The actor node ``name`` means (see :mod:`kg.lookup`)."""
    names = [ActorName(str(n), str(d.get("label", n)), tuple(d.get("aliases") or ()))
             for n, d in g.nodes(data=True) if d.get("kind") != "event"]
    return one_actor(name, names).iri


def time_window(g: nx.MultiDiGraph, start: Optional[str], end: Optional[str]) -> nx.MultiDiGraph:
    """What is dated inside [start, end] (ISO dates of day, month or year
    precision, either may be None): each edge keeps the evidence whose date
    (:func:`when`: the event's, else the article's) falls in the window, and
    goes if none does; nodes left without edges go too."""
    start = date_bounds(start, start)[0] if start else None
    end = date_bounds(end, end)[1] if end else None

    def inside(first: str, last: str) -> bool:
        first, last = date_bounds(first, last)
        return not (start and (not last or last < start)) and not (end and (not first or first > end))

    h = nx.MultiDiGraph()
    h.add_nodes_from(g.nodes(data=True))
    for s, o, k, d in g.edges(keys=True, data=True):
        evidence = d.get("evidence")
        if evidence:
            kept = [ev for ev in evidence if inside(when(ev), when(ev))]
            if kept:
                h.add_edge(s, o, key=k, **{**d, "evidence": kept, **_evidence_summary(kept)})
        elif inside(d.get("first_date") or "", d.get("last_date") or ""):
            h.add_edge(s, o, key=k, **d)
    h.remove_nodes_from([n for n in list(h) if h.degree(n) == 0])
    return h


#: SELECT variable names read as edge endpoints and attributes by graph_from_query
_SOURCE_VARS = ("source", "subject", "s", "from", "actor")
_RELATION_VARS = ("relation", "predicate", "p", "rel")
_TARGET_VARS = ("target", "object", "o", "to", "other")


def graph_from_query(store, sparql: str) -> nx.MultiDiGraph:
    """A graph drawn from a query result (a query text, ``.rq`` file or named query).

    CONSTRUCT/DESCRIBE: every triple between two resources is an edge. SELECT:
    each row is an edge, from the columns named source/relation/target (or
    subject/predicate/object, s/p/o) or else the first three columns (two:
    source and target); columns named modality, confidence, sentence (or
    sentences, joined with " | " as the fact-level named queries give them),
    article or title, and date become the edge's evidence, and a column
    named articles (a count) its weight. Labels (literals) that name a
    resource of the store stand for it, so nodes keep their type and colour."""
    from ..sparql import run_query

    result = run_query(store, sparql)
    g = nx.MultiDiGraph()
    labels, types, by_label = {}, {}, {}
    for r in store.query(_PREFIXES + """SELECT ?s ?l ?t WHERE { GRAPH ?g { ?s rdfs:label ?l .
            OPTIONAL { ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(kg:))) } } }"""):
        iri = str(r[0])
        labels[iri] = str(r[1])
        t = local_name(r[2]) if r[2] is not None else ""
        if t in _NODE_TYPES:
            types[iri] = t
            by_label.setdefault(str(r[1]), iri)
        elif t == "Event" or (t and t not in ("Actor", "Article", "Place", "Claim", "MentionCount")):
            types.setdefault(iri, "Event")
        by_label.setdefault(str(r[1]), iri)

    def node(term) -> str:
        key = str(term)
        if not isinstance(term, URIRef) and key in by_label:
            key = by_label[key]
        if key not in g:
            t = types.get(key, "Actor")
            g.add_node(key, label=labels.get(key, local_name(key) if "/" in key else key), type=t, country="",
                       sector="", part_of="", mentions=0, kind="event" if t == "Event" else "actor")
        return key

    families = relation_families()
    edges: dict[tuple, dict] = {}

    def add(s, p, o, row: Optional[dict] = None):
        if s is None or o is None:
            return
        rel = local_name(p) if p is not None else "related"
        row = row or {}
        mod = local_name(row["modality"]).lower() if row.get("modality") is not None else Modality.ASSERTED
        key = (node(s), rel, node(o), mod)
        e = edges.setdefault(key, {"evidence": [], "dates": set(), "confidence": 0.0, "articles": 0})
        try:
            e["articles"] = max(e["articles"], int(str(row.get("articles") or 0)))
        except ValueError:
            pass
        if row.get("confidence") is not None:
            try:
                e["confidence"] = max(e["confidence"], float(row["confidence"]))
            except ValueError:
                pass
        date = str(row.get("date") or "")
        if date:
            e["dates"].add(date)
        sentences = ([str(row["sentence"])] if row.get("sentence") is not None
                     else str(row["sentences"]).split(" | ") if row.get("sentences") is not None else [])
        for sentence in sentences:
            ev = {"sentence": sentence, "title": str(row.get("title") or row.get("article") or ""),
                  "date": date, "modality": mod}
            if row.get("confidence") is not None:
                ev["confidence"] = float(row["confidence"])
            if ev not in e["evidence"]:
                e["evidence"].append(ev)

    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for s, p, o in result.graph:
            if isinstance(o, URIRef) or not isinstance(o, Literal):
                add(s, p, o)
    else:
        names = [str(v) for v in result.vars]

        def pick(candidates, position):
            for c in candidates:
                if c in names:
                    return c
            return names[position] if len(names) > position else None

        src = pick(_SOURCE_VARS, 0)
        rel = pick(_RELATION_VARS, 1) if len(names) >= 3 else None
        dst = pick(_TARGET_VARS, 2 if len(names) >= 3 else 1)
        for r in result:
            row = {n: r[i] for i, n in enumerate(names)}
            add(row.get(src), row.get(rel) if rel else None, row.get(dst), row)
    for (s, rel, o, mod), e in edges.items():
        dates = sorted(e["dates"])
        g.add_edge(s, o, key=f"{rel}/{mod}", relation=rel, modality=mod, family=families.get(rel, "other"),
                   plover="", weight=e["articles"] or max(1, len({ev["title"] for ev in e["evidence"]})),
                   confidence=round(e["confidence"] or 1.0, 3), evidence=e["evidence"],
                   first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "")
    return g
