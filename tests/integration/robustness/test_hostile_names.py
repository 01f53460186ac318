"""Names that break formats: quotes, angle brackets, newlines, '#', spaces, other scripts.

kg.model objects are built directly (no spaCy), mapped with
kg.rdf.mapping.article_graph into an in-memory store, exported in every RDF
format with kg.exporters.export, and parsed back with rdflib.
"""
from __future__ import annotations

import re
from datetime import date

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.exporters import export
from kg.model import Actor, Article, Claim, Event, Extraction, Mention
from kg.rdf.iri import mint_iri
from kg.rdf.mapping import article_graph
from kg.store import open_store

HOSTILE = [
    'The "Quoted" Front',
    "<script>alert('x')</script>",
    "x> <http://evil.example/> <y",
    "Line one\nline two\r\nthree",
    "#hashtag #Group",
    "Name with   spaces ",
    "Талибан",
    "طالبان",
    "塔利班",
    "तालिबान",
    "a\\b\\\\c",
    "Back`tick' & ampersand; semi",
    "tab\there",
    "emoji 🚀 and \u202eRTL override\u200b",
    "percent %20 %zz %",
    "?query=1&x=y",
    "..",
    "/slashes/and/../dots",
    "nul\x00and\x07bell",
    "{braces} [brackets] |pipe| ^caret^",
    "'''triple''' \"\"\"quotes\"\"\"",
]


def hostile_extraction() -> Extraction:
    article = Article(id="hostile article #1 <x>", text="x" * 200, title='Title "with" <tags> & #',
                      published=date(2021, 9, 2), url="https://example.org/a b?c=\"d\"#e",
                      source="Source <Inc.>\n", path="/tmp/dir with spaces/<file>.txt", doc_id='id "1"')
    actors = {}
    for i, name in enumerate(HOSTILE):
        key = name if i % 2 else f"ner:{name}"  # keys as hostile as labels
        actors[key] = Actor(key=key, label=name, type="Group", aliases=(name + " alias", f"«{name}»"),
                            country="AFG", known=bool(i % 3))
    keys = list(actors)
    mentions = [Mention(actor=k, text=actors[k].label, start=i, end=i + 1) for i, k in enumerate(keys)]
    events = [Event(key=f"event {keys[i]}", type="Meeting", trigger=HOSTILE[i], sentence=HOSTILE[-i - 1],
                    start=i, end=i + 2, agents=[keys[i]], targets=[keys[-i - 1]], participants=keys[:2],
                    place=HOSTILE[i], place_country="AFG", date="2021-09", date_text=HOSTILE[i], casualties=3)
              for i in range(len(keys))]
    claims = [Claim(source=keys[i], relation="opposes", target=keys[-i - 1],
                    modality=("asserted", "negated", "reported")[i % 3], sentence=HOSTILE[i], sentence_start=i,
                    sentence_end=i + 10, start=i, end=i + 5, confidence=0.8, trigger=HOSTILE[-i - 1],
                    attributed_to=keys[0], event=events[i].key)
              for i in range(len(keys))]
    return Extraction(article=article, actors=actors, mentions=mentions, events=events, claims=claims)


@pytest.fixture(scope="module")
def store():
    st = open_store(":memory:")
    graph, triples = article_graph(hostile_extraction())
    st.put_article(graph, triples)
    yield st
    st.close()


# What the N-Triples grammar allows inside <...>.
IRI_OK = re.compile(r'[^\x00-\x20<>"{}|^`\\]*')


def test_every_iri_is_valid(store):
    iris = {t for q in store.quads() for t in q if isinstance(t, URIRef)}
    assert len(iris) > 3 * len(HOSTILE)
    minted = [i for i in iris if str(i).startswith("https://w3id.org/kg/id/")]
    assert len(minted) > 3 * len(HOSTILE)
    for iri in iris:
        assert IRI_OK.fullmatch(str(iri)), iri
    for iri in minted:  # no fragment, query or path step smuggled in by a name
        rest = str(iri)[len("https://w3id.org/kg/id/"):]
        kind, key = rest.split("/", 1)
        # a fact's key is its subject, relation, object and modality, each a path step of its own
        for part in key.split("/", 3) if kind == "fact" else [key]:
            assert "#" not in part and "?" not in part and "/" not in part, iri


def _quads(ds: Dataset) -> set:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_parse_back_to_the_same_quads(store, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"graph.{fmt}"
    export(store, out, fmt)
    parsed = Dataset()
    parsed.parse(out, format=rdflib_format)
    assert _quads(parsed) == _quads(store.rdf_dataset())


def test_turtle_parses_back_to_the_same_triples(store, tmp_path):
    out = tmp_path / "graph.ttl"
    export(store, out, "turtle")
    parsed = Graph().parse(out, format="turtle")
    assert set(parsed) == set(store.union_graph())


def test_labels_survive_exactly(store, tmp_path):
    out = tmp_path / "graph.nq"
    export(store, out, "nquads")
    parsed = Dataset()
    parsed.parse(out, format="nquads")
    labels = {str(o) for s, p, o, _ in parsed.quads((None, RDFS.label, None, None))}
    for name in HOSTILE:
        expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", name)  # control characters are dropped
        assert expected in labels, repr(name)
    # a hostile key gives the same IRI whatever its label, and a readable one
    assert mint_iri("actor", "ner:Талибан") == URIRef("https://w3id.org/kg/id/actor/ner%3A%D0%A2%D0%B0%D0%BB%D0%B8%D0%B1%D0%B0%D0%BD")


def test_nothing_breaks_out_of_a_line_in_n_quads(store, tmp_path):
    out = tmp_path / "graph.nq"
    export(store, out, "nquads")
    lines = [ln for ln in out.read_text(encoding="utf-8").split("\n") if ln.strip()]
    assert len(lines) == len(store)
    for line in lines:
        assert line.endswith(" .") and line.count("<https://w3id.org/kg/id/graph/") >= 1


def test_gexf_and_html_views_escape_names(store, tmp_path):
    """The views (GEXF for Gephi, the HTML page) carry the same names, escaped."""
    import networkx as nx

    import kg

    gexf = tmp_path / "graph.gexf"
    kg.export(gexf, store=store)
    g = nx.read_gexf(gexf)
    labels = {d.get("label") for _, d in g.nodes(data=True)}
    assert 'The "Quoted" Front' in labels and "塔利班" in labels
    html = tmp_path / "graph.html"
    kg.render(html, store=store)
    page = html.read_text(encoding="utf-8")
    assert "<script>alert(" not in page
