"""Fixtures for the store tests: the seed's triples (extracted once per
session), fresh in-memory stores, and hand-made articles that share facts."""
from __future__ import annotations

import os
from datetime import date

import pytest

from kg.model import Actor, Article, Claim, Extraction
from kg.rdf import article_graph
from kg.rdf.iri import graph_iri
from kg.store import open_store

from .servers import SERVERS, Unavailable, start


@pytest.fixture(scope="session")
def seed_graph(seed_extraction):
    """(named graph IRI, triples) of the seed article."""
    return article_graph(seed_extraction)


@pytest.fixture
def seed_store(seed_graph):
    """A fresh in-memory store holding the seed."""
    st = open_store(":memory:")
    st.put_article(*seed_graph)
    yield st
    st.close()


@pytest.fixture
def memory_store():
    st = open_store(":memory:")
    yield st
    st.close()


ACTORS = {
    "taliban": Actor("taliban", "Taliban", "ArmedGroup", country="AFG", sector="REB"),
    "islamic-state": Actor("islamic-state", "Islamic State", "ArmedGroup", sector="REB", aliases=("IS", "Daesh")),
    "us-military": Actor("us-military", "United States Armed Forces", "Organization", country="USA", sector="MIL"),
}


def make_extraction(article_id: str, claims: list[tuple[str, str, str, str, str]], *, title: str = None,
                    path: str = None) -> Extraction:
    """An extraction by hand: claims are (subject, relation, object, modality, sentence)."""
    text = " ".join(c[4] for c in claims) or "Nothing happened."
    art = Article(id=article_id, text=text, title=title or f"Article {article_id}", published=date(2021, 9, 2),
                  path=path)
    ex = Extraction(article=art)
    pos = 0
    for s, rel, o, modality, sentence in claims:
        ex.actors[s] = ACTORS[s]
        ex.actors[o] = ACTORS[o]
        ex.claims.append(Claim(source=s, relation=rel, target=o, modality=modality, sentence=sentence,
                               sentence_start=pos, sentence_end=pos + len(sentence), start=pos,
                               end=pos + len(sentence), confidence=0.8, trigger=rel))
        pos += len(sentence) + 1
    return ex


@pytest.fixture
def make_article():
    return make_extraction


def _norm(term):
    """RDF 1.1: "x" and "x"^^xsd:string are the same literal; rdflib tells them apart."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _all_quads(store) -> set:
    """Every quad of a store's graphs (``Store.quads``), as a set comparable across backends."""
    return {tuple(_norm(t) for t in quad) for quad in store.quads()}


@pytest.fixture(scope="session")
def quads():
    """``quads(store)``: every quad of a store as a set comparable across backends."""
    return _all_quads


@pytest.fixture(scope="session", params=SERVERS)
def sparql_server(request, tmp_path_factory):
    """The --store URL of a running SPARQL server, each kind in turn (``oxigraph serve``,
    Virtuoso), started once for the session and stopped at its end, however the tests ended.
    A server that is not installed skips its tests, except in CI (CI=true), where that fails."""
    try:
        url, stop = start(request.param, tmp_path_factory.mktemp(request.param))
    except Unavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"SPARQL server tests cannot run in CI: {exc}")
        pytest.skip(str(exc))
    request.addfinalizer(stop)
    return url


@pytest.fixture
def server(sparql_server):
    """The URL of a SPARQL server that holds no kg graph when the test starts."""
    prefix = str(graph_iri("x"))[:-1]
    with open_store(sparql_server) as st:
        st.update(f'DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                  f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')
        assert len(st) == 0
    return sparql_server
