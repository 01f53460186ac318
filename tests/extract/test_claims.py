"""One claim per fact: two triggers of one sentence that state the same fact give one claim,
and every store built from such sentences validates (one confidence per claim node)."""
from __future__ import annotations

import subprocess
import sys

from .conftest import triples

WASHINGTON = "Washington could impose sanctions on Chinese banks that help Russia.\n"


def test_verb_and_noun_of_one_sanction_are_one_claim(extract_text):
    ex = extract_text(WASHINGTON)
    found = [c for c in ex.claims if c.relation == "sanctions"]
    assert len(found) == 1, [(c.trigger, c.source, c.target, c.confidence) for c in found]
    assert found[0].modality == "hypothetical"
    assert found[0].trigger == "impose"  # the first trigger found is kept


def test_symmetric_relation_stated_both_ways_is_one_claim():
    from kg.extract.claims import merge_claims
    from kg.extract.lexicon import Lexicon
    from kg.model import Claim

    def stated(source, relation, target, start):
        return Claim(source, relation, target, "asserted", "s", 0, 50, start, start + 9, 0.7)

    relations = Lexicon.load().relations
    merged = merge_claims([stated("jor", "meetsWith", "egy", 0), stated("egy", "meetsWith", "jor", 20),
                           stated("jor", "attacks", "egy", 0), stated("egy", "attacks", "jor", 20)], relations)
    assert [(c.source, c.relation, c.target) for c in merged] == [
        ("jor", "meetsWith", "egy"), ("jor", "attacks", "egy"), ("egy", "attacks", "jor")]


def test_different_modalities_stay_two_claims(extract_text):
    ex = extract_text("Turkey attacked Syrian forces and will attack Syrian forces again.")
    mods = sorted(c.modality for c in ex.claims if (c.source, c.relation, c.target) == ("tur", "attacks", "syr-mil"))
    assert mods == ["asserted", "future"], triples(ex)


def test_washington_repro_builds_a_valid_store(tmp_path):
    store = tmp_path / "store"
    built = subprocess.run([sys.executable, "-m", "kg", "build", "-", "--store", str(store)], input=WASHINGTON,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    checked = subprocess.run([sys.executable, "-m", "kg", "validate", "--store", str(store)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
