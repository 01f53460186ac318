"""Property-based tests (hypothesis): readers, cleaner, IRI minting, RDF mapping.

Arbitrary input never raises outside the documented error types (readers
report ReadError through on_error; decode raises UnicodeError), and what is
written always parses back. Example counts are modest so the folder stays fast.
"""
from __future__ import annotations

import io
import json
import re
import sys
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.clean import clean, clean_text, load_rules, story_text
from kg.errors import DataFileError
from kg.model import Actor, Article, Claim, Event, Extraction, Mention, Modality
from kg.rdf.iri import mint_iri
from kg.rdf.mapping import ACTOR_CLASSES, article_graph
from kg.readers import ReadError, read_articles
from kg.readers.decode import decode
from kg.readers.html import html_to_text
from kg.readers.record import safe_id
from kg.readers.text import parse_date_line, parse_plain_text

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

# Text as the web sends it: any character (surrogates too, as JSON escapes give them), with line breaks.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
web_text = st.one_of(
    any_text,
    st.lists(st.sampled_from(["Taliban", "Kabul", "ALSO READ", "Advertisement", "5 mins read", "September 2, 2021",
                              "said on Monday.", "\n", "\n\n", "\r\n", " ", "<p>", "</p>", "{", "\"", "©",
                              "Share this", "Related:", "Subscribe now", "\u2028", "\x0c", "\x00", "é", "塔"]),
             max_size=60).map("".join),
)
IRI_OK = re.compile(r'[^\x00-\x20<>"{}|^`\\]+')
# What the readers hand on: any character but lone surrogates (they become U+FFFD, tested above).
model_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=300)


# --------------------------------------------------------------------------
# readers


@FAST
@given(data=st.binary(max_size=2000), ext=st.sampled_from([".txt", "", ".html", ".json", ".jsonl", ".rss", ".xml"]))
def test_any_bytes_in_any_reader(tmp_path_factory, data, ext):
    f = tmp_path_factory.mktemp("prop") / f"input{ext}"
    f.write_bytes(data)
    errors: list = []
    articles = list(read_articles([f], on_error=errors.append))
    assert all(isinstance(e, ReadError) and e.path.startswith(str(f)) for e in errors)
    assert articles or errors
    for a in articles:
        assert a.text.strip() and a.id
        a.text.encode("utf-8")  # no lone surrogates reach the pipeline
        assert len(clean(a).body) == len(a.text)


@FAST
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "source", "body", "date"]),
                    st.one_of(any_text, st.integers(), st.none(), st.booleans(), st.lists(st.integers(), max_size=3)),
                    max_size=6),
    any_text, st.integers()), max_size=6))
def test_any_json_lines(tmp_path_factory, records):
    f = tmp_path_factory.mktemp("prop") / "input.jsonl"
    f.write_text("\n".join(json.dumps(r) if not isinstance(r, str) else r for r in records) + "\n",
                 encoding="utf-8", errors="surrogatepass")
    errors: list = []
    articles = list(read_articles([f], on_error=errors.append))
    for a in articles:
        a.text.encode("utf-8") and (a.title or "").encode("utf-8") and a.id.encode("utf-8")
        assert re.fullmatch(r"[A-Za-z0-9._-]+", a.id)


@FAST
@given(data=st.binary(max_size=2000))
def test_any_bytes_on_stdin(monkeypatch, data):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    errors: list = []
    for a in read_articles(["-"], on_error=errors.append):
        assert a.text.strip()
    assert all(isinstance(e, ReadError) for e in errors)


@FAST
@given(data=st.binary(max_size=3000))
def test_decode_returns_text_or_raises_unicode_error(data):
    try:
        text = decode(data)
    except UnicodeError:
        return
    assert "\r" not in text


@FAST
@given(text=web_text)
def test_text_helpers_never_raise(text):
    a = parse_plain_text(text, path="2021-09-02-x.txt")
    assert (a is None) == (not text.strip())
    html_to_text(text)
    parse_date_line(text)
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,128}", safe_id(text))


# --------------------------------------------------------------------------
# the cleaner


@FAST
@given(text=web_text)
def test_clean_keeps_length_and_line_breaks(text):
    body = clean_text(text, load_rules())
    assert len(body) == len(text)
    for original, cleaned in zip(text, body):
        assert cleaned == original or (cleaned == " " and original not in "\n\r")
    story_text(Article(id="x", text=text, body=body))


# --------------------------------------------------------------------------
# IRIs


def _round_trip_nt(iri: URIRef) -> URIRef:
    g = Graph()
    g.add((iri, RDFS.label, Literal("x")))
    back = Graph().parse(data=g.serialize(format="nt"), format="nt")
    (s,) = set(back.subjects())
    return s


@FAST
@given(key=model_text.filter(bool), kind=st.sampled_from(sorted(["actor", "event", "claim", "article", "graph", "place"])))
def test_mint_iri_is_valid_and_round_trips(key, kind):
    iri = mint_iri(kind, key)
    assert IRI_OK.fullmatch(str(iri)), iri
    assert str(iri).startswith(f"https://w3id.org/kg/id/{kind}/")
    assert "/" not in str(iri)[len(f"https://w3id.org/kg/id/{kind}/"):]
    assert _round_trip_nt(iri) == iri
    assert mint_iri(kind, key) == iri  # stable


@FAST
@given(a=model_text.filter(bool), b=model_text.filter(bool))
def test_mint_iri_is_injective(a, b):
    assume(a != b)
    assert mint_iri("actor", a) != mint_iri("actor", b)


def test_mint_iri_refuses_lone_surrogates_with_a_value_error():
    with pytest.raises(ValueError):
        mint_iri("actor", "\ud800")


# --------------------------------------------------------------------------
# the RDF mapping of random kg.model objects

label = model_text
key = model_text.filter(bool)
RELATIONS = ["coordinatesWith", "opposes", "attacks", "meetsWith", "supports", "accuses"]
EVENT_TYPES = ["Airstrike", "Bombing", "Meeting", "Evacuation", "PressConference"]
offsets = st.integers(min_value=0, max_value=10**9)


@st.composite
def extractions(draw):
    keys = draw(st.lists(key, min_size=1, max_size=5, unique=True))
    actors = {k: Actor(key=k, label=draw(label), type=draw(st.sampled_from(sorted(ACTOR_CLASSES) + ["Weird Type"])),
                       country=draw(st.none() | st.sampled_from(["AFG", "USA"])),
                       aliases=tuple(draw(st.lists(label, max_size=2))),
                       part_of=draw(st.none() | st.sampled_from(keys)), known=draw(st.booleans()))
              for k in keys}
    ak = st.sampled_from(keys)
    events = [Event(key=draw(key), type=draw(st.sampled_from(EVENT_TYPES)), trigger=draw(label), sentence=draw(label),
                    start=draw(offsets), end=draw(offsets), agents=draw(st.lists(ak, max_size=2)),
                    targets=draw(st.lists(ak, max_size=2)), place=draw(st.none() | label),
                    place_country=draw(st.none() | st.just("AFG")),
                    date=draw(st.none() | st.sampled_from(["2021-09-02", "2021-09", "2021", "garbage", ""])),
                    date_text=draw(st.none() | label), casualties=draw(st.none() | st.integers(0, 10**6)),
                    modality=draw(st.sampled_from(list(Modality))))
              for _ in range(draw(st.integers(0, 3)))]
    claims = [Claim(source=draw(ak), relation=draw(st.sampled_from(RELATIONS)), target=draw(ak),
                    modality=draw(st.sampled_from(list(Modality))), sentence=draw(label), sentence_start=draw(offsets),
                    sentence_end=draw(offsets), start=draw(offsets), end=draw(offsets),
                    confidence=draw(st.floats(0, 1)), trigger=draw(label),
                    attributed_to=draw(st.none() | ak), plover=draw(st.none() | label),
                    cameo=draw(st.none() | st.sampled_from(["040", "190"])),
                    quad_class=draw(st.none() | st.integers(0, 4)),
                    intensity=draw(st.none() | st.integers(-100, 100).map(lambda i: i / 10)),  # Goldstein scale
                    event=draw(st.none() | st.sampled_from([e.key for e in events] or ["none"])))
              for _ in range(draw(st.integers(0, 4)))]
    article = Article(id=draw(key), text=draw(label.filter(bool)), title=draw(st.none() | label),
                      published=draw(st.none() | st.dates(date(1900, 1, 1), date(2200, 1, 1))),
                      url=draw(st.none() | label), source=draw(st.none() | label), path=draw(st.none() | label),
                      doc_id=draw(st.none() | label))
    mentions = [Mention(actor=draw(ak), text=draw(label), start=0, end=1) for _ in range(draw(st.integers(0, 3)))]
    return Extraction(article=article, actors=actors, mentions=mentions, events=events, claims=claims)


def _norm(term):
    """Typed literals by value: the store writes 0.0^^xsd:decimal as its canonical "0"."""
    if isinstance(term, Literal) and term.datatype is not None and term.value is not None:
        return ("literal", term.datatype, term.value)
    return term


def _quads(ds: Dataset) -> set:
    return {(s, p, _norm(o), getattr(g, "identifier", g)) for s, p, o, g in ds.quads((None, None, None, None))}


def _triples(g: Graph) -> set:
    return {(s, p, _norm(o)) for s, p, o in g}


@SLOW
@given(ex=extractions())
def test_mapping_of_random_extractions_parses_back(ex):
    from kg.store import open_store

    graph, triples = article_graph(ex)
    for t in triples:
        for term in t:
            if isinstance(term, URIRef):
                assert IRI_OK.fullmatch(str(term)), term
    with open_store(":memory:") as store:
        store.put_article(graph, triples)
        assert len(store) == len(triples)
        for fmt in ("nquads", "trig"):
            parsed = Dataset()
            parsed.parse(data=store.rdf_dataset().serialize(format=fmt), format=fmt)
            assert _quads(parsed) == _quads(store.rdf_dataset()), fmt
        ttl = store.union_graph().serialize(format="turtle")
        assert _triples(Graph().parse(data=ttl, format="turtle")) == _triples(store.union_graph())


@pytest.mark.xfail(strict=True, reason="rdflib's Turtle/TriG serializer writes xsd:double in short form with "
                   "'%e' (7 significant digits): 5.960464477539063e-08 comes back as 5.960464e-08. kg writes "
                   "no double that needs more (intensity has one decimal); a general fix would serialise "
                   "with Oxigraph in kg/exporters/rdf.py")
def test_doubles_keep_their_precision_in_trig():
    from kg.store import open_store

    value = Literal(5.960464477539063e-08)
    with open_store(":memory:") as store:
        store.put_article(URIRef("urn:kg-test:g"), [(URIRef("urn:kg-test:s"), URIRef("urn:kg-test:p"), value)])
        parsed = Dataset()
        parsed.parse(data=store.rdf_dataset().serialize(format="trig"), format="trig")
        (o,) = [q[2] for q in parsed.quads((None, None, None, None))]
        assert o.value == value.value


@pytest.mark.parametrize("relation,event_type", [("opp oses>", "Meeting"), ("opposes", "Meet ing")])
def test_bad_ontology_names_are_refused_by_the_mapping(relation, event_type):
    ex = Extraction(article=Article(id="a", text="t"), actors={"x": Actor("x", "X")},
                    claims=[Claim("x", relation, "x", "asserted", "s", 0, 1, 0, 1, 0.5)],
                    events=[Event("e", event_type, "t", "s", 0, 1)])
    with pytest.raises(DataFileError):
        article_graph(ex)


@FAST
@given(text=any_text, slice_size=st.integers(min_value=1, max_value=9))
def test_content_id_slice_by_slice_is_the_folded_text_hashed(monkeypatch, text, slice_size):
    """content_id folds white space a slice at a time (huge texts are never split whole); whatever the
    slice boundaries, the id is that of the whole text folded at once."""
    from kg import model

    monkeypatch.setattr(model, "_SLICE", slice_size)
    assert model.content_id(text) == model.stable_key(" ".join(text.split()))
