"""ontology/kg.ttl declares, labels and explains every term the mapping writes."""
from __future__ import annotations

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.cli import main
from kg.datafiles import data_path, load_yaml
from kg.rdf import KG
from kg.rdf.mapping import ACTOR_CLASSES, MODALITY
from kg.rdf.namespace import SEM
from kg.rdf.vocabulary import declared_terms, load_ontology
from kg.validate import load_shapes


def kg_terms_written(triples) -> set[URIRef]:
    """Every kg: IRI the mapping uses as a predicate, a class, or an ontology value (modality, relation)."""
    out = set()
    for s, p, o in triples:
        for t in (p, o) if p != RDF.type else (p, o):
            if isinstance(t, URIRef) and str(t).startswith(str(KG)):
                out.add(t)
    return out


def test_ontology_parses_and_is_an_owl_ontology():
    g = Graph().parse(data_path("kg.ttl"), format="turtle")
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in g
    assert len(declared_terms(g)) > 80


def test_every_term_the_seed_build_writes_is_declared(seed_graph):
    _, triples = seed_graph
    written = kg_terms_written(triples)
    assert KG.Claim in written and KG.coordinatesWith in written and KG.Asserted in written
    missing = sorted(str(t) for t in written - declared_terms())
    assert not missing, f"written by kg/rdf/mapping.py but not declared in ontology/kg.ttl: {missing}"


def test_every_lexicon_relation_event_type_actor_class_and_modality_is_declared():
    declared = declared_terms()
    relations = {KG[name] for name in load_yaml("relations.yaml")}
    events = {KG[name] for name, d in load_yaml("events.yaml").items() if isinstance(d, dict)}
    actors = {KG[name] for name in ACTOR_CLASSES}
    modalities = set(MODALITY.values())
    for group in (relations, events, actors, modalities):
        assert group and group <= declared, (f"not declared in ontology/kg.ttl: {sorted(map(str, group - declared))}; "
                                             "`python -m kg.rdf.vocabulary` prints Turtle for them")
    g = load_ontology()
    for rel in relations:  # relation properties sit under kg:actorRelation, between actors
        assert KG.actorRelation in set(g.transitive_objects(rel, RDFS.subPropertyOf)), rel
        assert g.value(rel, RDFS.domain) == KG.Actor and g.value(rel, RDFS.range) == KG.Actor
    for ev in events:
        assert (ev, RDFS.subClassOf, KG.Event) in g


def test_every_declared_term_has_an_english_label_and_a_comment():
    g = load_ontology()
    for term in declared_terms(g):
        label, comment = g.value(term, RDFS.label), g.value(term, RDFS.comment)
        assert isinstance(label, Literal) and label.language == "en" and str(label), term
        assert isinstance(comment, Literal) and len(str(comment)) > 10, term


def test_aligned_with_sem_prov_skos():
    g = load_ontology()
    assert (KG.Event, RDFS.subClassOf, SEM.Event) in g
    assert (KG.Actor, RDFS.subClassOf, SEM.Actor) in g
    assert (KG.Place, RDFS.subClassOf, SEM.Place) in g
    for role in (KG.agent, KG.target, KG.participant):
        assert (role, RDFS.subPropertyOf, SEM.hasActor) in g
    assert (KG.Claim, RDFS.subClassOf, RDF.Statement) in g
    prov = "http://www.w3.org/ns/prov#"
    assert (KG.attributedTo, RDFS.subPropertyOf, URIRef(prov + "wasAttributedTo")) in g
    # the ontology does not re-declare what standard vocabularies already name
    assert not [t for t in declared_terms(g) if t.fragment in ("title", "label", "altLabel", "wasDerivedFrom")]


def test_shapes_parse():
    shapes = load_shapes()
    assert len(list(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 6


def test_kg_ontology_prints_a_table():
    r = CliRunner().invoke(main, ["ontology", "--width", "0"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    claim = next(line for line in lines if line.startswith("kg:Claim "))
    assert "class" in claim and "rdf:Statement" in claim
    coord = next(line for line in lines if line.startswith("kg:coordinatesWith "))
    assert "kg:Actor → kg:Actor" in coord and "coordinates with" in coord
    md = CliRunner().invoke(main, ["ontology", "--format", "markdown"])
    assert md.exit_code == 0 and md.output.startswith("| term |") and "| kg:Claim | class |" in md.output
