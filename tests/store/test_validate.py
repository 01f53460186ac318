"""kg validate: the seed build passes; broken graphs fail with readable messages."""
from __future__ import annotations

import pytest

from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import PROV, RDF

from kg.cli import main
from kg.rdf import KG, mint_iri
from kg.store import open_store
from kg.validate import validate_graph, validate_store


def test_seed_build_conforms(seed_store):
    report = validate_store(seed_store)
    assert report.conforms, str(report)
    assert report.triples == len(seed_store) and "valid" in str(report)


def test_kg_validate_passes_on_the_seed_build(built_seed_store):
    r = CliRunner().invoke(main, ["validate", "--store", str(built_seed_store)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("valid:")


def _without_source(triples):
    claim = next(s for s, p, o in triples if p == RDF.type and o == KG.Claim)
    return claim, [t for t in triples if not (t[0] == claim and t[1] == PROV.wasDerivedFrom)]


@pytest.mark.invalid_store("a claim without its source article, for kg validate to report")
def test_a_claim_missing_its_source_article_fails_readably(seed_graph, tmp_path):
    graph, triples = seed_graph
    claim, broken = _without_source(triples)
    path = tmp_path / "broken"
    with open_store(path) as st:
        st.put_article(graph, broken)
    r = CliRunner().invoke(main, ["validate", "--store", str(path)])
    assert r.exit_code == 1, r.output
    short = "kgr:" + str(claim).split("/id/", 1)[1]
    lines = [line for line in r.output.splitlines() if short in line]
    assert lines == [f"  Violation: {short} prov:wasDerivedFrom: "
                     "a claim needs exactly one source article (prov:wasDerivedFrom a kg:Article)"], r.output
    assert r.output.startswith("1 violation(s) in ")
    j = CliRunner().invoke(main, ["validate", "--store", str(path), "--format", "json"])
    assert j.exit_code == 1 and '"conforms": false' in j.output and '"path": "prov:wasDerivedFrom"' in j.output


def test_a_direct_triple_without_an_asserted_claim_is_a_violation(seed_store):
    g = seed_store.union_graph()
    hedged = next(c for c in g.subjects(KG.modality, KG.Hypothetical) if (c, RDF.type, KG.Claim) in g)
    s, p, o = g.value(hedged, RDF.subject), g.value(hedged, RDF.predicate), g.value(hedged, RDF.object)
    assert (s, p, o) not in g  # a hedged claim writes no direct triple ...
    g.add((s, p, o))  # ... and a graph where one leaked is flagged
    report = validate_graph(g)
    assert not report.conforms
    assert any("no asserted claim supports it" in v.message and "kgr:actor/" in v.message for v in report.violations)


def test_bad_values_are_named(seed_store):
    g = seed_store.union_graph()
    claim = next(g.subjects(RDF.type, KG.Claim))
    g.set((claim, KG.confidence, Literal(1.5)))
    g.set((claim, KG.modality, KG.Certain))
    g.set((claim, RDF.predicate, KG.likes))
    g.add((mint_iri("event", "orphan"), RDF.type, KG.Event))
    messages = [str(v) for v in validate_graph(g).violations]
    assert any("kg:confidence" in m and "between 0 and 1" in m and "'1.5'" in m for m in messages), messages
    assert any("kg:modality" in m and "kg:Asserted" in m for m in messages), messages
    assert any("rdf:predicate: the relation of a claim must be a kg relation" in m and "kg:likes" in m
               for m in messages), messages
    assert any(m.startswith("Violation: kgr:event/orphan") and "source article" in m for m in messages), messages
