"""kg.views.graph: the store as a networkx graph, and the views cut from it."""
from __future__ import annotations

import networkx as nx
import pytest

import kg
from kg.lookup import AmbiguousActor, UnknownActor
from kg.views.graph import date_bounds, ego_graph, find_actor_node, graph_from_query, time_window

KGR = "https://w3id.org/kg/id/actor/"


def edges_by(g, relation, modality=None):
    return [(s, o, d) for s, o, d in g.edges(data=True)
            if d["relation"] == relation and (modality is None or d["modality"] == modality)]


def test_seed_graph_has_the_actors_once_each_with_attributes(seed_graph):
    labels = {d["label"]: d for _, d in seed_graph.nodes(data=True) if d["kind"] == "actor"}
    for name in ("Mark Milley", "Lloyd Austin", "Taliban", "Islamic State", "United States",
                 "United States Armed Forces"):
        assert name in labels, name
    assert labels["Taliban"]["type"] == "ArmedGroup" and labels["Taliban"]["country"] == "AFG"
    assert labels["Mark Milley"]["type"] == "Person" and labels["Mark Milley"]["sector"] == "MIL"
    assert labels["Mark Milley"]["mentions"] >= 5
    assert not any("Jaishankar" in name or "Air India" in name for name in labels)


def test_asserted_coordination_carries_its_evidence(seed_graph):
    coord = [(s, o, d) for s, o, d in edges_by(seed_graph, "coordinatesWith", "asserted")
             if {s, o} == {KGR + "us-military", KGR + "taliban"}]
    assert coord, "U.S. military coordinates with the Taliban (asserted)"
    _, _, d = coord[0]
    assert d["family"] == "cooperation-material" and d["weight"] == 1
    ev = d["evidence"][0]
    assert "Taliban" in ev["sentence"] and ev["title"].startswith("US Gen. Milley says")
    assert ev["date"] == "2021-09-02" and 0 < ev["confidence"] <= 1 and ev["modality"] == "asserted"
    assert ev["event_date"] == ""  # "over the past three weeks" dates nothing: the publication date stands
    assert d["first_date"] == d["last_date"] == "2021-09-02"
    opposes = edges_by(seed_graph, "opposes", "asserted")
    assert any(s == KGR + "taliban" and o == KGR + "islamic-state" for s, o, _ in opposes)


def test_hedged_claims_are_separate_edges_with_their_modality(seed_graph):
    modalities = {d["modality"] for _, _, d in seed_graph.edges(data=True) if d["family"] != "event"}
    assert "asserted" in modalities and modalities - {"asserted"}
    hedged = edges_by(seed_graph, "coordinatesWith", "hypothetical")
    assert hedged and all(ev["modality"] == "hypothetical" for _, _, d in hedged for ev in d["evidence"])


def test_events_are_nodes_linked_by_roles(seed_graph):
    events = {n: d for n, d in seed_graph.nodes(data=True) if d["kind"] == "event"}
    assert any(d["event_type"] == "Bombing" and d["date"] == "2021-08-26" for d in events.values())
    for n, d in events.items():
        assert d["evidence"] and d["evidence"][0]["sentence"]
    roles = [d for _, _, d in seed_graph.edges(data=True) if d["family"] == "event"]
    assert {d["relation"] for d in roles} <= {"agent", "target", "participant"}
    assert all(d["evidence"] for d in roles)


def test_ego_network(seed_graph):
    ego = ego_graph(seed_graph, "taliban", 1)
    actors = {d["label"] for _, d in ego.nodes(data=True) if d["kind"] == "actor"}
    assert "Taliban" in actors and "Islamic State" in actors and "Mark Milley" in actors
    assert "Lloyd Austin" not in actors  # linked to Taliban only through a press conference
    wider = ego_graph(seed_graph, "Taliban", 2)
    assert set(ego) <= set(wider) and len(wider) > len(ego)
    with pytest.raises(UnknownActor):
        ego_graph(seed_graph, "Nobody at all", 1)
    with pytest.raises(AmbiguousActor):
        ego_graph(seed_graph, "Islamic", 1)
    assert find_actor_node(seed_graph, KGR + "taliban") == KGR + "taliban"
    # the lookup of every command: aliases, ids, any case
    for name in ("Daesh", "ISIL", "islamic-state", "kgr:actor/islamic-state", "ISLAMIC STATE"):
        assert find_actor_node(seed_graph, name) == KGR + "islamic-state", name
    assert set(ego_graph(seed_graph, "daesh", 1)) == set(ego_graph(seed_graph, "Islamic State", 1))


def test_actor_nodes_carry_their_aliases(seed_graph):
    aliases = seed_graph.nodes[KGR + "islamic-state"]["aliases"]
    assert {"Daesh", "ISIL", "IS"} <= set(aliases)
    assert seed_graph.nodes[KGR + "taliban"]["aliases"] and all(
        isinstance(d["aliases"], list) for _, d in seed_graph.nodes(data=True) if d["kind"] == "actor")


def test_edges_are_dated_by_what_happened_not_by_publication(seed_graph):
    attacks = [d for s, o, d in edges_by(seed_graph, "attacks", "asserted")
               if (s, o) == (KGR + "islamic-state", KGR + "us-military")]
    assert attacks and attacks[0]["first_date"] == attacks[0]["last_date"] == "2021-08-26"  # the bombing
    assert attacks[0]["evidence"][0]["date"] == "2021-09-02"  # the article's date stays with the evidence
    meets = [d for s, o, d in edges_by(seed_graph, "meetsWith") if (s, o) == (KGR + "mark-milley", KGR + "taliban")]
    assert meets and meets[0]["first_date"] == "2020-12"
    december = time_window(seed_graph, "2020-12-01", "2020-12-31")
    assert {(s, d["relation"], o) for s, o, d in december.edges(data=True) if d["family"] != "event"} == {
        (KGR + "mark-milley", "meetsWith", KGR + "taliban")}
    assert any(d.get("event_type") == "Meeting" for _, d in december.nodes(data=True))


def test_the_december_meeting_is_in_a_december_window_through_the_api(built_seed_store):
    g = kg.graph(store=built_seed_store, start="2020-12-01", end="2020-12-31")
    assert [(g.nodes[s]["label"], d["relation"], g.nodes[o]["label"]) for s, o, d in g.edges(data=True)] == [
        ("Mark Milley", "meetsWith", "Taliban")]
    assert "most recently in December" in next(iter(g.edges(data=True)))[2]["evidence"][0]["sentence"]


def test_time_window(seed_graph):
    week = time_window(seed_graph, "2021-08-26", "2021-08-31")
    assert week.number_of_edges() > 0
    for _, _, d in week.edges(data=True):
        assert "2021-08-26" <= d["first_date"][:10] <= d["last_date"][:10] <= "2021-08-31"
        assert all("2021-08-26" <= (ev["event_date"] or ev["date"])[:10] <= "2021-08-31" for ev in d["evidence"])
    assert all(week.degree(n) for n in week)
    assert time_window(seed_graph, "2021-09-03", None).number_of_edges() == 0
    # Coarse bounds: a month means all of it.
    assert time_window(seed_graph, "2021-09", "2021-09").number_of_edges() == \
        time_window(seed_graph, "2021-09-01", "2021-09-30").number_of_edges()


def test_date_bounds():
    assert date_bounds("2020-12", "2021") == ("2020-12-01", "2021-12-31")
    assert date_bounds("2024-02", "2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("", "2021-09-02") == ("2021-09-02", "2021-09-02")
    assert date_bounds("", "") == ("", "")


def test_query_views(seed_store):
    from kg.store import open_store

    with open_store(str(seed_store), create=False) as st:
        construct = graph_from_query(st, "PREFIX kg: <https://w3id.org/kg/ontology#> "
                                         "CONSTRUCT { ?s kg:opposes ?o } WHERE { GRAPH ?g { ?s kg:opposes ?o } }")
        named = graph_from_query(st, "coordinates-with")
        pairs = graph_from_query(st, "PREFIX kg: <https://w3id.org/kg/ontology#> "
                                     "SELECT ?a ?b WHERE { GRAPH ?g { ?a kg:coordinatesWith ?b } }")
    assert {d["label"] for _, d in construct.nodes(data=True)} == {"Taliban", "Islamic State"}
    assert all(d["type"] == "ArmedGroup" for _, d in construct.nodes(data=True))
    # A named SELECT of labels: nodes are the actors, edges keep modality and evidence.
    assert KGR + "taliban" in named
    rels = {(d["relation"], d["modality"]) for _, _, d in named.edges(data=True)}
    assert ("coordinatesWith", "asserted") in rels and ("coordinatesWith", "hypothetical") in rels
    assert all(d["evidence"] and d["family"].startswith("cooperation") for _, _, d in named.edges(data=True))
    assert (KGR + "us-military", KGR + "taliban") in {(s, o) for s, o in pairs.edges()}


def test_empty_store_gives_an_empty_graph():
    from kg.store import open_store
    from kg.views.graph import graph_from_store

    g = graph_from_store(open_store(":memory:"), events=True)
    assert isinstance(g, nx.MultiDiGraph) and g.number_of_nodes() == 0


def _extraction(article_id, claims):
    """An article by hand: claims are (subject, relation, object, modality, sentence)."""
    from kg.model import Actor, Article, Claim, Extraction

    actors = {"taliban": Actor("taliban", "Taliban", "ArmedGroup"),
              "us-military": Actor("us-military", "United States Armed Forces", "Organization")}
    ex = Extraction(article=Article(id=article_id, text=" ".join(c[4] for c in claims)), actors=actors)
    pos = 0
    for s, rel, o, modality, sentence in claims:
        ex.claims.append(Claim(s, rel, o, modality, sentence, pos, pos + len(sentence), pos, pos + len(sentence), 0.8))
        pos += len(sentence) + 1
    return ex


def test_a_symmetric_fact_stated_both_ways_is_one_edge():
    from kg.rdf import article_graph
    from kg.store import open_store
    from kg.views.graph import graph_from_store

    st = open_store(":memory:")
    for ex in (_extraction("a", [("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated."),
                                     ("us-military", "opposes", "taliban", "asserted", "They oppose them.")]),
               _extraction("b", [("taliban", "coordinatesWith", "us-military", "asserted", "The Taliban did."),
                                     ("us-military", "coordinatesWith", "taliban", "asserted", "Again.")]),
               _extraction("c", [("taliban", "opposes", "us-military", "asserted", "The Taliban oppose them.")])):
        st.put_article(*article_graph(ex))
    g = graph_from_store(st)
    coord = edges_by(g, "coordinatesWith")
    assert [(s, o) for s, o, _ in coord] == [(KGR + "us-military", KGR + "taliban")]  # as most claims state it
    assert coord[0][2]["weight"] == 2 and len(coord[0][2]["evidence"]) == 3
    assert sorted((s, o) for s, o, _ in edges_by(g, "opposes")) == [  # not symmetric: two facts
        (KGR + "taliban", KGR + "us-military"), (KGR + "us-military", KGR + "taliban")]
