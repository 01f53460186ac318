"""The named queries answer on the seed, with evidence sentences."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.datafiles import load_yaml
from kg.sparql import describe, named_queries, resolve_query
from kg.rdf import article_graph

REQUIRED = {"coordinates-with", "opposes", "conflict", "actor", "claims-by-modality", "timeline", "actor-timeline",
            "supporting-articles", "disputed"}


def test_the_query_library_is_listed_with_descriptions():
    queries = named_queries()
    assert REQUIRED <= set(queries)
    r = CliRunner().invoke(main, ["query", "--list"])
    assert r.exit_code == 0
    for name in REQUIRED:
        assert describe(queries[name]), name
        assert re.search(rf"^{re.escape(name)}\s+\S", r.output, re.M), name


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_named_query_runs_on_the_seed(seed_store, name):
    rows = kg.query(name, store=seed_store, params={"name": "Taliban"} if "actor" in name else None)
    if name != "disputed":  # one article disputes nothing
        assert rows, name


def test_coordinates_with_us_forces_and_taliban_asserted_with_evidence(seed_store):
    rows = kg.query("coordinates-with", store=seed_store)
    hit = [r for r in rows if (r["source"], r["relation"], r["target"], r["modality"])
           == ("United States Armed Forces", "coordinatesWith", "Taliban", "Asserted")]
    assert len(hit) == 1
    assert "coordinated daily" in hit[0]["sentence"] and 0 < float(hit[0]["confidence"]) <= 1
    assert hit[0]["article"].startswith("US Gen. Milley says coordination with Taliban")
    # the hedged ones are there too, marked as such
    assert {r["modality"] for r in rows} >= {"Asserted", "Hypothetical"}


def test_opposes_taliban_against_islamic_state(seed_store):
    rows = kg.query("opposes", store=seed_store)
    hit = [r for r in rows if (r["source"], r["relation"], r["target"]) == ("Taliban", "opposes", "Islamic State")]
    assert hit and all(r["modality"] == "Asserted" for r in hit)
    assert any("avowed enemies" in r["sentence"] for r in hit)


def test_conflict_summarises_the_hostile_relations_asserted(seed_store):
    rows = kg.query("conflict", store=seed_store)
    assert ("Taliban", "opposes", "Islamic State", "1") in {(r["source"], r["relation"], r["target"], r["articles"])
                                                           for r in rows}
    assert {r["relation"] for r in rows} <= {n for n, d in load_yaml("relations.yaml").items()
                                            if d.get("family") == "conflict"}


def test_conflict_lists_facts_not_denials(memory_store, make_article):
    memory_store.put_article(*article_graph(make_article(
        "a", [("taliban", "opposes", "islamic-state", "negated", "The Taliban do not oppose IS."),
              ("islamic-state", "attacks", "taliban", "asserted", "IS attacked the Taliban.")])))
    rows = kg.query("conflict", store=memory_store)
    assert [(r["source"], r["relation"], r["target"]) for r in rows] == [("Islamic State", "attacks", "Taliban")]


def test_conflict_covers_every_conflict_relation_of_the_lexicon():
    text = resolve_query("conflict")
    listed = set(re.findall(r"kg:(\w+)", text.split("VALUES ?p {", 1)[1].split("}", 1)[0]))
    conflict = {name for name, d in load_yaml("relations.yaml").items() if d.get("family") == "conflict"}
    assert listed == conflict


def test_everything_about_one_actor_with_evidence(seed_store):
    rows = kg.query("actor", store=seed_store, params={"name": "Islamic State"})
    assert rows and all("Islamic State" in (r["source"], r["target"]) for r in rows)
    assert all(r["sentence"] for r in rows)
    assert ("Taliban", "opposes") in {(r["source"], r["relation"]) for r in rows}


def test_timeline_of_an_actor(seed_store):
    rows = kg.query("actor-timeline", store=seed_store, params={"name": "Mark Milley"})
    types = [r["type"] for r in rows]
    assert "PressConference" in types
    press = rows[types.index("PressConference")]
    assert press["date"] == "2021-09-01" and press["role"] == "participant" and "news conference" in press["sentence"]
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)
    whole = kg.query("timeline", store=seed_store)
    assert any(r["type"] == "Airstrike" and r["date"] == "2021-08-28" for r in whole)


def test_claims_by_modality_adds_up(seed_store):
    rows = kg.query("claims-by-modality", store=seed_store)
    stats = kg.stats(seed_store)
    assert sum(int(r["claims"]) for r in rows) == stats["claims"]
    by = {}
    for r in rows:
        by[r["modality"].lower()] = by.get(r["modality"].lower(), 0) + int(r["claims"])
    assert by == stats["claims_by_modality"]


def test_supporting_articles_and_disputed_facts_across_articles(memory_store, make_article):
    a = make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS.")])
    b = make_article("b", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban fight IS.")])
    c = make_article("c", [("taliban", "opposes", "islamic-state", "negated", "The Taliban do not oppose IS.")])
    for ex in (a, b, c):
        memory_store.put_article(*article_graph(ex))
    support = kg.query("supporting-articles", store=memory_store)
    assert [(r["source"], r["relation"], r["target"], r["articles"]) for r in support] == [
        ("Taliban", "opposes", "Islamic State", "2")]
    assert set(support[0]["titles"].split(" | ")) == {"Article a", "Article b"}
    disputed = kg.query("disputed", store=memory_store)
    assert [(r["source"], r["relation"], r["target"], r["otherModality"], r["assertedBy"], r["disputedBy"])
            for r in disputed] == [("Taliban", "opposes", "Islamic State", "Negated", "2", "1")]
    assert disputed[0]["disputedIn"] == "The Taliban do not oppose IS."


def test_supporting_articles_of_one_fact(memory_store, make_article):
    a = make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS."),
                           ("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated daily.")])
    b = make_article("b", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban fight IS.")])
    for ex in (a, b):
        memory_store.put_article(*article_graph(ex))
    one = kg.query("supporting-articles", store=memory_store,
                   params={"source": "United States Armed Forces", "target": "Taliban"})
    assert [(r["relation"], r["articles"], r["titles"]) for r in one] == [("coordinatesWith", "1", "Article a")]
    assert kg.query("supporting-articles", store=memory_store,
                    params={"source": "Taliban", "target": "Taliban"}) == []


def test_parameters_bound_at_the_start_mean_what_a_trailing_values_clause_means(seed_store):
    from kg.sparql import bind_params

    sparql = resolve_query("actor")
    leading = bind_params(sparql, {"name": "Islamic State"})
    assert leading.index("VALUES (?name)") < leading.index("GRAPH ?g")
    trailing = sparql.rstrip() + '\nVALUES (?name) { ("Islamic State") }'
    rows = lambda q: sorted(tuple(map(str, r)) for r in seed_store.query(q))  # noqa: E731
    assert rows(leading) == rows(trailing) and rows(leading)


def test_supporting_articles_covers_every_relation_of_the_lexicon():
    text = resolve_query("supporting-articles")
    listed = set(re.findall(r"kg:(\w+)", text.split("VALUES ?p {", 1)[1].split("}", 1)[0]))
    assert listed == set(load_yaml("relations.yaml"))
