"""The named queries answer on the seed, with evidence sentences."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.datafiles import load_yaml
from kg.errors import NotFoundError, QueryError
from kg.sparql import describe, named_queries, resolve_query
from kg.rdf import article_graph
from kg.rdf.iri import mint_iri

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
    assert "coordinated daily" in hit[0]["sentences"] and 0 < hit[0]["confidence"] <= 1
    assert hit[0]["articles"] == 1
    # the hedged ones are there too, marked as such
    assert {r["modality"] for r in rows} >= {"Asserted", "Hypothetical"}


def test_opposes_taliban_against_islamic_state(seed_store):
    rows = kg.query("opposes", store=seed_store)
    hit = [r for r in rows if (r["source"], r["relation"], r["target"]) == ("Taliban", "opposes", "Islamic State")]
    assert len(hit) == 1 and hit[0]["modality"] == "Asserted"  # two sentences state it: one fact, one row
    assert "avowed enemies" in hit[0]["sentences"] and "Although the Taliban oppose IS" in hit[0]["sentences"]


def test_conflict_summarises_the_hostile_relations_asserted(seed_store):
    rows = kg.query("conflict", store=seed_store)
    assert ("Taliban", "opposes", "Islamic State", 1) in {(r["source"], r["relation"], r["target"], r["articles"])
                                                         for r in rows}
    opposes = next(r for r in rows if (r["source"], r["relation"]) == ("Taliban", "opposes"))
    assert "avowed enemies" in opposes["sentences"]
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
    assert rows == kg.query("actor", store=seed_store, params={"name": "daesh"})  # an alias, any case
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
    assert sum(r["claims"] for r in rows) == stats["claims"]
    by = {}
    for r in rows:
        by[r["modality"].lower()] = by.get(r["modality"].lower(), 0) + r["claims"]
    assert by == stats["claims_by_modality"]


def test_supporting_articles_and_disputed_facts_across_articles(memory_store, make_article):
    a = make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS.")])
    b = make_article("b", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban fight IS.")])
    c = make_article("c", [("taliban", "opposes", "islamic-state", "negated", "The Taliban do not oppose IS.")])
    for ex in (a, b, c):
        memory_store.put_article(*article_graph(ex))
    support = kg.query("supporting-articles", store=memory_store)
    assert [(r["source"], r["relation"], r["target"], r["articles"]) for r in support] == [
        ("Taliban", "opposes", "Islamic State", 2)]
    assert set(support[0]["titles"].split(" | ")) == {"Article a", "Article b"}
    disputed = kg.query("disputed", store=memory_store)
    assert [(r["source"], r["relation"], r["target"], r["otherModality"], r["assertedBy"], r["disputedBy"])
            for r in disputed] == [("Taliban", "opposes", "Islamic State", "Negated", 2, 1)]
    assert disputed[0]["disputedIn"] == "The Taliban do not oppose IS."


def test_supporting_articles_of_one_fact(memory_store, make_article):
    a = make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS."),
                           ("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated daily.")])
    b = make_article("b", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban fight IS.")])
    for ex in (a, b):
        memory_store.put_article(*article_graph(ex))
    one = kg.query("supporting-articles", store=memory_store,
                   params={"source": "United States Armed Forces", "target": "Taliban"})
    assert [(r["relation"], r["articles"], r["titles"]) for r in one] == [("coordinatesWith", 1, "Article a")]
    assert kg.query("supporting-articles", store=memory_store,
                    params={"source": "Taliban", "target": "Taliban"}) == []


def test_parameters_bound_at_the_start_mean_what_a_trailing_values_clause_means(seed_store):
    from kg.sparql import bind_params

    sparql = resolve_query("actor")
    leading = bind_params(sparql, {"actor": mint_iri("actor", "islamic-state")})
    assert leading.index("VALUES (?actor)") < leading.index("GRAPH ?g")
    trailing = sparql.rstrip() + f'\nVALUES (?actor) {{ (<{mint_iri("actor", "islamic-state")}>) }}'
    rows = lambda q: sorted(tuple(map(str, r)) for r in seed_store.query(q))  # noqa: E731
    assert rows(leading) == rows(trailing) and rows(leading)


def test_supporting_articles_covers_every_relation_of_the_lexicon():
    text = resolve_query("supporting-articles")
    listed = set(re.findall(r"kg:(\w+)", text.split("VALUES ?p {", 1)[1].split("}", 1)[0]))
    assert listed == set(load_yaml("relations.yaml"))


# -- parameters: declared by each query, actors found by the lookup -------------------------------------------------

def test_every_named_query_declares_its_parameters():
    from kg.sparql import declared_parameters, named_query

    for name, path in named_queries().items():
        assert declared_parameters(path.read_text(encoding="utf-8"), name) is not None, name
    assert named_query("actor").parameters["name"].required and named_query("actor").parameters["name"].type == "actor"
    assert {p.name for p in named_query("supporting-articles").parameters.values()} == {"source", "target", "relation"}
    assert named_query("conflict").parameters == {}


def test_an_actor_parameter_takes_an_alias_in_any_case(built_seed_store):
    def cli(name):
        r = CliRunner().invoke(main, ["query", "actor", "--param", f"name={name}", "--store", str(built_seed_store),
                                      "--format", "json"])
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    rows = cli("daesh")
    assert rows and all("Islamic State" in (r["source"], r["target"]) for r in rows)
    assert ("Taliban", "opposes", "Islamic State") in {(r["source"], r["relation"], r["target"]) for r in rows}
    assert rows == cli("Islamic State") == cli("islamic-state")
    assert cli("taliban") and all("Taliban" in (r["source"], r["target"]) for r in cli("taliban"))


def test_a_misspelt_or_missing_parameter_fails_listing_the_valid_ones(built_seed_store):
    for args, reason in ((["--param", "nme=Taliban"], "unknown parameter nme"), ([], "missing parameter name")):
        r = CliRunner().invoke(main, ["query", "actor", *args, "--store", str(built_seed_store)])
        assert r.exit_code == 1
        assert reason in r.output and "name=ACTOR (required)" in r.output
        assert len(r.output.strip().splitlines()) == 1 and "Traceback" not in r.output
    with pytest.raises(QueryError, match="unknown parameter name; it takes: none"):
        kg.query("conflict", store=built_seed_store, params={"name": "Taliban"})


def test_an_ambiguous_or_unknown_actor_is_a_readable_error(seed_store):
    with pytest.raises(NotFoundError, match=r"'islamic' names \d actors: .*Islamic State \(id islamic-state\)"):
        kg.query("actor", store=seed_store, params={"name": "islamic"})
    with pytest.raises(NotFoundError, match="no actor named 'Nobody' in the store"):
        kg.query("actor", store=seed_store, params={"name": "Nobody"})


def test_a_relation_parameter_names_a_relation_of_the_lexicon(seed_store):
    rows = kg.query("supporting-articles", store=seed_store, params={"target": "Taliban", "relation": "fightsagainst"})
    assert [(r["source"], r["relation"], r["target"]) for r in rows] == [
        ("United States Armed Forces", "fightsAgainst", "Taliban")]
    with pytest.raises(QueryError, match="unknown relation 'fights'; the relations are coordinatesWith"):
        kg.query("supporting-articles", store=seed_store, params={"relation": "fights"})


def test_an_ad_hoc_query_binds_only_its_own_variables(seed_store):
    rows = kg.query("SELECT ?label WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
                    store=seed_store, params={"label": "Taliban"})
    assert rows == [{"label": "Taliban"}]
    with pytest.raises(QueryError, match=r"has no variable \?nme to bind \(its variables: a, label\)"):
        kg.query("SELECT ?label WHERE { ?a <urn:p> ?label }", store=seed_store, params={"nme": "x"})


def test_query_list_shows_each_querys_parameters():
    r = CliRunner().invoke(main, ["query", "--list"])
    assert r.exit_code == 0
    block = r.output.split("\nactor ", 1)[1].split("\n")
    assert block[1].strip().startswith("--param name=ACTOR (required): the actor")
    assert "--param relation=RELATION (optional)" in r.output


# -- the default graph of ad-hoc queries ------------------------------------------------------------------------------

def test_an_ad_hoc_query_reads_the_union_of_the_article_graphs(built_seed_store):
    from kg.store import open_store

    with open_store(built_seed_store) as st:
        n = len(st)
    assert n > 500
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    r = CliRunner().invoke(main, ["query", count, "--store", str(built_seed_store), "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == [{"n": n}]
    assert kg.query(count, store=built_seed_store) == [{"n": n}]
    r = CliRunner().invoke(main, ["query", count, "--store", str(built_seed_store), "--format", "csv",
                                  "--empty-default-graph"])
    assert r.exit_code == 0 and r.output.split() == ["n", "0"]
    assert kg.query(count, store=built_seed_store, union_default_graph=False) == [{"n": 0}]
    # patterns outside GRAPH see every article's facts
    rows = kg.query("PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                    "SELECT ?b WHERE { ?a kg:opposes ?o . ?a rdfs:label 'Taliban' . ?o rdfs:label ?b }",
                    store=built_seed_store)
    assert {r["b"] for r in rows} == {"Islamic State"}


def test_json_gives_numbers_and_booleans_their_types(seed_store):
    rows = json.loads(kg.query("conflict", store=seed_store, fmt="json"))
    assert rows and all(isinstance(r["articles"], int) for r in rows)
    rows = json.loads(kg.query("coordinates-with", store=seed_store, fmt="json"))
    assert all(isinstance(r["confidence"], float) and 0 < r["confidence"] <= 1 for r in rows)
    assert json.loads(kg.query("ASK { GRAPH ?g { ?s ?p ?o } }", store=seed_store, fmt="json")) == [{"ask": True}]


def test_an_empty_result_says_so_on_standard_error(built_seed_store):
    r = CliRunner().invoke(main, ["query", "SELECT ?s WHERE { ?s <urn:nothing> ?o }", "--store",
                                                  str(built_seed_store), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout == "s\n" and "no rows" in r.stderr


# -- facts, once each -------------------------------------------------------------------------------------------------

def test_a_fact_stated_by_several_claims_is_one_row_with_its_sentences_and_articles(memory_store, make_article):
    a = make_article("a", [("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated daily."),
                           ("us-military", "coordinatesWith", "taliban", "asserted", "They kept coordinating.")])
    b = make_article("b", [("taliban", "coordinatesWith", "us-military", "asserted", "The Taliban coordinated.")])
    for ex in (a, b):
        memory_store.put_article(*article_graph(ex))
    rows = kg.query("coordinates-with", store=memory_store)
    assert len(rows) == 1  # one fact, however many claims and in either order (the relation is symmetric)
    assert rows[0]["articles"] == 2 and rows[0]["modality"] == "Asserted"
    assert set(rows[0]["sentences"].split(" | ")) == {"They coordinated daily.", "They kept coordinating.",
                                                      "The Taliban coordinated."}
    # claim-level queries keep one row per claim
    assert len(kg.query("actor", store=memory_store, params={"name": "Taliban"})) == 3


def test_a_symmetric_fact_asserted_one_way_and_denied_the_other_is_disputed(memory_store, make_article):
    a = make_article("a", [("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated daily.")])
    b = make_article("b", [("taliban", "coordinatesWith", "us-military", "negated",
                            "The group did not coordinate with the U.S. military.")])
    c = make_article("c", [("islamic-state", "opposes", "taliban", "negated", "IS does not oppose the Taliban.")])
    d = make_article("d", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS.")])
    for ex in (a, b, c, d):
        memory_store.put_article(*article_graph(ex))
    disputed = kg.query("disputed", store=memory_store)
    # opposes is not symmetric: "IS does not oppose the Taliban" disputes nothing the other articles say
    assert [(r["source"], r["relation"], r["target"], r["otherModality"], r["assertedBy"], r["disputedBy"])
            for r in disputed] == [("Taliban", "coordinatesWith", "United States Armed Forces", "Negated", 1, 1)]
    assert disputed[0]["disputedIn"] == "The group did not coordinate with the U.S. military."
    # supporting-articles matches a symmetric fact either way round, and shows it as asked
    for source, target in (("taliban", "us-military"), ("us-military", "taliban")):
        rows = kg.query("supporting-articles", store=memory_store, params={"source": source, "target": target})
        assert [(r["source"], r["relation"], r["target"], r["articles"], r["titles"]) for r in rows] == [
            (LABEL[source], "coordinatesWith", LABEL[target], 1, "Article a")]
    assert kg.query("supporting-articles", store=memory_store,
                    params={"source": "Islamic State", "target": "Taliban"}) == []


LABEL = {"taliban": "Taliban", "us-military": "United States Armed Forces"}


def test_the_symmetric_relations_of_the_queries_are_those_of_the_lexicon():
    symmetric = {n for n, d in load_yaml("relations.yaml").items() if d.get("symmetric")}
    for name in ("disputed", "supporting-articles"):
        text = resolve_query(name)
        lists = re.findall(r"\?p IN \(([^)]*)\)", text)
        assert lists and all(set(re.findall(r"kg:(\w+)", lst)) == symmetric for lst in lists), name
    turned = resolve_query("supporting-articles").split("stated the other way round", 1)[1].split("}", 1)[0]
    assert set(re.findall(r"kg:(\w+)", turned)) == symmetric
    coordination = set(re.findall(r"kg:(\w+)", resolve_query("coordinates-with").split("VALUES ?p {", 1)[1]
                                  .split("}", 1)[0]))
    assert coordination <= symmetric  # the query folds both orders of every fact it lists
