"""The seed article against its hand annotation in ../shared/eval/seed-gold.json
(read from the shared folder, never copied here; skipped when it is absent)."""
from __future__ import annotations

import json

import pytest

from .conftest import SHARED_EVAL

GOLD = SHARED_EVAL / "seed-gold.json"
pytestmark = pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/seed-gold.json not available")


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(nlp):
    from kg.eval import evaluate

    return evaluate(GOLD, nlp=nlp)


def test_every_must_actor_and_relation_found_with_its_modality(report):
    assert not [f for f in report.failures if f.startswith("must")], report.table()


def test_no_absent_name_becomes_an_actor(report, gold, seed_extraction):
    assert not [f for f in report.failures if f.startswith("absent")]
    written = {a.label.casefold() for a in seed_extraction.actors.values()}
    written |= {m.text.casefold() for m in seed_extraction.mentions}
    for name in gold["absent"]:
        assert name.casefold() not in written, name


def test_never_asserted_is_not_written_as_fact(report):
    assert not [f for f in report.failures if f.startswith("never_asserted")]


def test_must_relations_modality_directly(gold, seed_extraction):
    """The same check without the scorer: each must relation has a claim with the gold
    modality between actors whose names include the gold mentions."""
    ex = seed_extraction
    names = {}
    for m in ex.mentions:
        if m.how != "pronoun":
            names.setdefault(m.actor, set()).add(m.text.casefold())
    for k, a in ex.actors.items():
        names.setdefault(k, set()).add(a.label.casefold())
    actors = {a["id"]: a for a in gold["actors"]}

    def keys(gid):
        wanted = {x.casefold() for x in actors[gid]["mentions"]} | {actors[gid]["label"].casefold()}
        parent = actors[gid].get("partOf")
        if parent and actors[gid]["type"] == actors.get(parent, {}).get("type") == "ArmedGroup":
            wanted |= {x.casefold() for x in actors[parent]["mentions"]}
        return {k for k, n in names.items() if n & wanted}

    for rel in (r for r in gold["relations"] if r.get("must")):
        s, o = keys(rel["source"]), keys(rel["target"])
        found = [c for c in ex.claims if c.relation == rel["relation"] and c.modality == rel["modality"]
                 and ((c.source in s and c.target in o) or (c.source in o and c.target in s))]
        assert found, rel["id"]


def test_scores_on_the_seed(report):
    assert report.parts["actors"].recall == 1.0
    assert report.parts["relations (with modality)"].recall >= 0.7
    assert report.parts["event dates"].f1 >= 0.9
