"""kg.extract.timing: claims carry the time of what they state, not only the publication date."""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import DCTERMS, XSD

from kg.rdf import article_graph
from kg.rdf.namespace import KG


def _claims(ex, relation, source=None):
    return [c for c in ex.claims if c.relation == relation and (source is None or c.source == source)]


def test_the_seed_claims_are_dated_by_what_they_state(seed_extraction):
    ex = seed_extraction
    meets = _claims(ex, "meetsWith", "mark-milley")
    assert [c.event_date for c in meets] == ["2020-12"]  # "twice last year, most recently in December, he met"
    bombing = [c for c in _claims(ex, "attacks", "islamic-state") if c.modality == "asserted"]
    assert bombing and {c.event_date for c in bombing} == {"2021-08-26"}  # "the IS suicide bombing last week"
    ousted = [c for c in _claims(ex, "fightsAgainst") if c.trigger == "ousted"]
    assert [c.event_date for c in ousted] == ["2001"]  # "ousted the Taliban from power in the fall of 2001"
    strike = _claims(ex, "attacks", "us-military")
    assert [c.event_date for c in strike] == ["2021-08-28"]  # "On Saturday ... carried out a drone strike"


def test_dates_that_belong_to_something_else_date_no_claim(seed_extraction):
    ex = seed_extraction
    # "first negotiated with the Taliban for May 1": a deadline, not when they negotiated
    assert [c.event_date for c in _claims(ex, "negotiatesWith")] == [None]
    # "promised to target Daesh ... in response to the suicide bombing last week": last week is the bombing's
    assert [c.event_date for c in _claims(ex, "attacks", "joe-biden")] == [None]
    # "over the past three weeks" is a span, not a point
    assert [c.event_date for c in _claims(ex, "coordinatesWith", "us-military")] == [None]


def test_a_date_attached_to_the_trigger_dates_the_claim(extract_text):
    ex = extract_text("The Taliban attacked the Afghan government in Kandahar on Tuesday.", "2021-09-02")
    assert [(c.relation, c.event_date) for c in ex.claims] == [("attacks", "2021-08-31")]
    ex = extract_text("The Taliban attacked the Afghan government, officials said on Tuesday.", "2021-09-02")
    assert [(c.relation, c.event_date) for c in ex.claims if c.relation == "attacks"] == [("attacks", None)]


def test_the_event_date_is_written_beside_the_publication_date(seed_extraction):
    g, triples = article_graph(seed_extraction)
    dated = {(s, o) for s, p, o in triples if p == KG.eventDate}
    assert Literal("2020-12", datatype=XSD.gYearMonth) in {o for _, o in dated}
    assert Literal("2021-08-26", datatype=XSD.date) in {o for _, o in dated}
    claims = {s for s, p, o in triples if p == KG.eventDate}
    published = {s for s, p, o in triples if p == DCTERMS.date and s in claims}
    assert published == claims  # every dated claim keeps its article's date too
