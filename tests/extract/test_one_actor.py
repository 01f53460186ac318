"""Events with an agent and no target (PLOVER allows a source without a target), and
objects that name an earlier event standing for its agents, on sentences written for
these tests; the events' coding in the records and the RDF."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import claim, triples


def events_by(ex, trigger: str):
    return [e for e in ex.events if e.trigger == trigger]


def test_a_statement_with_no_object_actor_is_an_event_of_its_subject(extract_text):
    ex = extract_text("Iran condemned the decision on Tuesday.")
    assert not ex.claims
    (e,) = events_by(ex, "condemned")
    assert (e.type, e.agents, e.targets) == ("Accusation", ["irn"], [])
    assert (e.plover, e.plover_mode, e.cameo, e.modality) == ("ACCUSE", "disapprove", "111", "asserted")
    assert e.target_texts == ["decision"]
    assert e.confidence < 0.7  # less sure than an event of a trigger, or a claim


def test_the_object_names_an_earlier_event_whose_agents_are_the_target(extract_text):
    ex = extract_text("Israel carried out air strikes on Gaza overnight. Iran condemned the strikes.")
    c = claim(ex, "irn", "criticizes", "isr")  # the strikes are Israel's
    assert (c.plover, c.modality) == ("ACCUSE", "asserted")
    assert not events_by(ex, "condemned")
    assert len([e for e in ex.events if e.plover == "ASSAULT"]) == 1  # "carried out" is the strikes' verb


def test_no_one_actor_event_when_the_sentence_names_another_party(extract_text):
    ex = extract_text("Iran condemned the vote in the Egyptian parliament.")
    assert not events_by(ex, "condemned")  # the vote's party is named; no frame reached it
    # ... but one who only reports the statement is no party to it
    ex = extract_text("Iran condemned the vote, Egyptian state media said.")
    (e,) = events_by(ex, "condemned")
    assert e.agents == ["irn"] and e.modality == "reported"


def test_a_frame_whose_wording_is_absent_makes_no_event(extract_text):
    ex = extract_text("Egyptian police opened fire on Monday night.")
    assert not [e for e in ex.events if e.type == "Retreat"]  # no "open to": no retreat
    assert [e for e in ex.events if e.plover == "ASSAULT" and e.agents == ["egy-cop"]]  # "open fire" 193


def test_records_and_rdf_carry_the_one_actor_event(tmp_path):
    text = "Iran condemned the decision on Tuesday.\n"
    out = subprocess.run([sys.executable, "-m", "kg", "extract", "-", "--records", str(tmp_path / "r.jsonl")],
                         input=text, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    (rec,) = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert rec["target"] is None and rec["relation"] is None
    assert (rec["source"]["id"], rec["source"]["text"], rec["plover"], rec["cameo"]) == ("irn", "Iran", "ACCUSE", "111")
    assert rec["event"]["type"] == "Accusation" and rec["confidence"] < 0.7

    store = tmp_path / "store"
    built = subprocess.run([sys.executable, "-m", "kg", "build", "-", "--store", str(store)], input=text,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    q = ("SELECT ?type ?cameo ?quad ?conf WHERE { GRAPH ?g { ?e a kg:Accusation ; kg:ploverType ?type ;"
         " kg:cameoCode ?cameo ; kg:quadClass ?quad ; kg:confidence ?conf ; kg:agent ?a . ?a rdfs:label \"Iran\" } }")
    rows = subprocess.run([sys.executable, "-m", "kg", "query", q, "--store", str(store), "--format", "json"],
                          capture_output=True, text=True)
    assert rows.returncode == 0, rows.stderr
    (row,) = json.loads(rows.stdout)
    assert (row["type"], row["cameo"], int(row["quad"])) == ("ACCUSE", "111", 3)
    assert float(row["conf"]) < 0.7
    checked = subprocess.run([sys.executable, "-m", "kg", "validate", "--store", str(store)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout


def test_a_claim_and_its_event_are_coded_alike(extract_text):
    ex = extract_text("Egypt said it will attack Hamas.")
    c = claim(ex, "egy", "attacks", "hamas")
    attack = [e for e in ex.events if c.event == e.key] or events_by(ex, "attack")
    assert c.plover == "THREATEN" and c.recoded
    assert all(e.plover == "THREATEN" for e in attack)
    assert ("egy", "attacks", "hamas") in triples(ex, "future")
