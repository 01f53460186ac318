"""The Store operations (kg.store), on Oxigraph: incremental, idempotent builds, removal,
articles sharing facts, finding articles, export and load round trips."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

import kg
from kg.cli import main
from kg.rdf import KG, article_graph, graph_iri, mint_iri
from kg.store import StoreError, open_store

A = lambda key: mint_iri("actor", key)  # noqa: E731
FACT = (A("taliban"), KG.opposes, A("islamic-state"))




def test_building_the_seed_twice_gives_the_same_graph(built_seed_store, seed_path, tmp_path, quads):
    path = tmp_path / "store"
    shutil.copytree(built_seed_store, path)
    with open_store(path) as st:
        before, n = quads(st), len(st)
        assert n > 500
    unchanged = kg.build([str(seed_path)], store=str(path))
    assert (unchanged.articles, unchanged.unchanged, unchanged.triples) == (0, 1, n)
    forced = kg.build([str(seed_path)], store=str(path), force=True)
    assert (forced.articles, forced.triples) == (1, n)
    with open_store(path) as st:
        assert quads(st) == before  # same IRIs, same triples: minted from identities, not counters


def test_putting_the_same_article_twice_changes_nothing(seed_store, seed_graph, quads):
    n, before = len(seed_store), quads(seed_store)
    seed_store.put_article(*seed_graph)
    assert len(seed_store) == n and quads(seed_store) == before


def test_removing_the_seed_leaves_an_empty_store(seed_store, seed_extraction):
    n = len(seed_store)
    assert seed_store.remove_article(seed_extraction.article.id) == n
    assert len(seed_store) == 0 and seed_store.articles() == []


def test_remove_keeps_facts_other_articles_support(memory_store, make_article):
    a = make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS."),
                           ("us-military", "coordinatesWith", "taliban", "asserted", "They coordinated daily.")])
    b = make_article("b", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban are enemies of IS.")])
    for ex in (a, b):
        memory_store.put_article(*article_graph(ex))
    support = lambda: {r["source"] + "/" + r["relation"]: int(r["articles"])  # noqa: E731
                       for r in kg.query("supporting-articles", store=memory_store)}
    assert support() == {"Taliban/opposes": 2, "United States Armed Forces/coordinatesWith": 1}
    assert memory_store.find_articles("a") == ["a"]
    memory_store.remove_article("a")
    g = memory_store.union_graph()
    assert FACT in g  # still stated by b
    assert (A("us-military"), KG.coordinatesWith, A("taliban")) not in g  # only a said it
    assert support() == {"Taliban/opposes": 1}
    assert len(list(g.subjects(None, KG.Claim))) == 1
    assert g.value(A("islamic-state"), RDFS.label) is not None  # b still describes the actors
    memory_store.remove_article("b")
    assert len(memory_store) == 0


def test_a_changed_article_replaces_its_graph(memory_store, make_article):
    memory_store.put_article(*article_graph(
        make_article("a", [("taliban", "opposes", "islamic-state", "asserted", "The Taliban oppose IS.")])))
    memory_store.put_article(*article_graph(
        make_article("a", [("taliban", "opposes", "islamic-state", "negated", "The Taliban do not oppose IS.")])))
    g = memory_store.union_graph()
    assert FACT not in g
    assert len(list(g.subjects(KG.modality, KG.Negated))) == 1 and not list(g.subjects(KG.modality, KG.Asserted))


def test_find_articles_by_id_iri_and_source_path(memory_store, make_article, tmp_path):
    f = tmp_path / "news" / "one.txt"
    memory_store.put_article(*article_graph(make_article(
        "abc", [("taliban", "opposes", "islamic-state", "asserted", "x.")], path=str(f))))
    memory_store.put_article(*article_graph(make_article(
        "def", [("taliban", "opposes", "islamic-state", "asserted", "y.")], path=f"{tmp_path}/feed.jsonl#3")))
    find = memory_store.find_articles
    assert find("abc") == ["abc"]
    assert find(str(mint_iri("article", "abc"))) == ["abc"] == find(str(graph_iri("abc"))) == find("kgr:article/abc")
    assert find(str(f)) == ["abc"] == find(str(tmp_path / "news"))
    assert find(str(tmp_path / "feed.jsonl")) == ["def"]
    assert find(str(tmp_path)) == ["abc", "def"]
    assert find("nothing-like-it") == []


def test_kg_remove_by_source_file_on_the_built_seed(built_seed_store, seed_path, tmp_path):
    SEED = seed_path
    path = tmp_path / "store"
    shutil.copytree(built_seed_store, path)
    dry = CliRunner().invoke(main, ["remove", str(SEED), "--store", str(path), "--dry-run"])
    assert dry.exit_code == 0 and dry.output.startswith("would remove ")
    r = CliRunner().invoke(main, ["remove", str(SEED), "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert "1 article(s) removed" in r.output and "0 triples left" in r.output
    missing = CliRunner().invoke(main, ["remove", "no-such-article", "--store", str(path)])
    assert missing.exit_code == 1 and "no article in the store matches 'no-such-article'" in missing.output


@pytest.mark.parametrize("fmt,ext", [("trig", ".trig"), ("nquads", ".nq"), ("jsonld", ".jsonld")])
def test_export_and_load_round_trip(seed_store, memory_store, make_article, tmp_path, fmt, ext, quads):
    seed_store.put_article(*article_graph(
        make_article("a", [("taliban", "opposes", "islamic-state", "asserted", 'Quotes " and \\ and\nnewlines.')])))
    out = kg.export(tmp_path / f"g{ext}", store=seed_store, fmt=fmt)
    n = memory_store.load(out, {"jsonld": "json-ld"}.get(fmt, fmt))
    assert n == len(seed_store) == len(memory_store)
    assert quads(memory_store) == quads(seed_store)
    # and rdflib agrees, graph by graph: each named graph is isomorphic to the original
    fresh = Dataset()
    fresh.parse(out, format={"jsonld": "json-ld"}.get(fmt, fmt))
    graphs = {c.identifier: c for c in fresh.contexts() if len(c)}
    assert set(graphs) == {g for *_, g in quads(seed_store)}
    for gid, g in graphs.items():
        original = Graph()
        for s, p, o in seed_store.rdf_dataset().graph(gid):
            original.add((s, p, o))
        assert isomorphic(g, original), gid


def test_load_refuses_triples_outside_named_graphs(memory_store, seed_store, tmp_path):
    out = kg.export(tmp_path / "g.ttl", store=seed_store, fmt="turtle")
    with pytest.raises(StoreError, match="outside any named graph"):
        memory_store.load(out, "turtle")
