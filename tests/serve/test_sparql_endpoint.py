"""`kg serve`'s SPARQL 1.1 endpoint, from real clients (SPARQLWrapper, rdflib's
SPARQLStore, plain HTTP) against the server running on the seed store."""
from __future__ import annotations

import csv
import io
import json
import time
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

PREFIXES = """PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COORDINATES = PREFIXES + """SELECT ?source ?target ?modality WHERE { GRAPH ?g {
  ?c rdf:predicate kg:coordinatesWith ; rdf:subject/rdfs:label ?source ; rdf:object/rdfs:label ?target ; kg:modality ?m }
  BIND(STRAFTER(STR(?m), "#") AS ?modality) } ORDER BY ?source ?target ?modality"""
#: Four article-sized patterns joined with nothing in common: 800^4 rows to count.
ENDLESS = """SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 }
  GRAPH ?c { ?s3 ?p3 ?o3 } GRAPH ?d { ?s4 ?p4 ?o4 } }"""


def client(server, query: str, fmt=JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_a_sparqlwrapper_select_returns_the_coordination_rows(seed_server):
    rows = client(seed_server, COORDINATES).query().convert()["results"]["bindings"]
    got = {(r["source"]["value"], r["target"]["value"], r["modality"]["value"]) for r in rows}
    assert ("United States Armed Forces", "Taliban", "Asserted") in got
    assert ("United States", "Taliban", "Hypothetical") in got
    assert all(m in {"Asserted", "Hypothetical", "Negated", "Future", "Reported"} for *_, m in got)


def test_sparqlwrapper_formats_xml_csv_tsv_and_construct_as_turtle_and_json_ld(seed_server):
    xml = client(seed_server, COORDINATES, XML).query().convert()  # a DOM document
    assert "Hypothetical" in xml.toxml() and "United States Armed Forces" in xml.toxml()
    table = list(csv.reader(io.StringIO(client(seed_server, COORDINATES, CSV).query().convert().decode())))
    assert table[0] == ["source", "target", "modality"]
    assert ["United States", "Taliban", "Hypothetical"] in table
    tsv = client(seed_server, COORDINATES, TSV).query().convert().decode().splitlines()
    assert tsv[0] == "?source\t?target\t?modality"
    assert '"United States"\t"Taliban"\t"Hypothetical"' in tsv
    construct = PREFIXES + """CONSTRUCT { ?s kg:coordinatesWith ?o } WHERE { GRAPH ?g { ?s kg:coordinatesWith ?o } }"""
    turtle = client(seed_server, construct, TURTLE).query().convert()
    g = Graph().parse(data=turtle, format="turtle")
    assert len(g) >= 1 and all(str(p).endswith("#coordinatesWith") for _, p, _ in g)
    ld = client(seed_server, construct, JSONLD).query().convert()  # SPARQLWrapper parses it into a Graph
    assert set(ld) == set(g)


def test_content_negotiation_by_accept_header(seed_server):
    q = urllib.parse.quote(COORDINATES)
    for accept, media in [("application/sparql-results+json", "application/sparql-results+json"),
                          ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
                          ("text/tab-separated-values", "text/tab-separated-values"), ("*/*", "application/sparql-results+json")]:
        status, headers, _ = seed_server.request(f"/sparql?query={q}", headers={"Accept": accept})
        assert status == 200 and headers["content-type"].startswith(media), (accept, headers["content-type"])
    status, _, body = seed_server.request(f"/sparql?query={q}", headers={"Accept": "image/png"})
    assert status == 406 and b"image/png" in body
    ask = urllib.parse.quote(PREFIXES + "ASK { GRAPH ?g { ?s kg:coordinatesWith ?o } }")
    status, headers, body = seed_server.request(f"/sparql?query={ask}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = urllib.parse.quote("CONSTRUCT { ?s <https://w3id.org/kg/ontology#coordinatesWith> ?o } "
                                   "WHERE { GRAPH ?g { ?s <https://w3id.org/kg/ontology#coordinatesWith> ?o } }")
    status, headers, body = seed_server.request(f"/sparql?query={construct}", headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    assert body.decode().count("coordinatesWith") == len(body.decode().strip().splitlines())


def test_rdflibs_sparqlstore_reads_the_endpoint(seed_server):
    store = SPARQLStore(seed_server.url + "/sparql", returnFormat="json")
    rows = list(store.query(COORDINATES))
    assert (Literal("United States"), Literal("Taliban"), Literal("Hypothetical")) in {tuple(r) for r in rows}


def triples(server) -> int:
    return server.json("/api/status")["triples"]


REFUSED_QUERIES = [
    "INSERT DATA { GRAPH <urn:kg-test:g> { <urn:kg-test:a> <urn:kg-test:b> <urn:kg-test:c> } }",
    "# a comment first\nprefix t: <urn:kg-test:>\ninsert   data {\n graph t:g { t:a t:b t:c } }",
    "\\u0049NSERT DATA { GRAPH <urn:kg-test:g> { <urn:kg-test:a> <urn:kg-test:b> <urn:kg-test:c> } }",  # SPARQL's \\u
    "PREFIX t: <urn:kg-test:> # a comment to Oxigraph's line end\rINSERT DATA { GRAPH t:g { t:a t:b 1 } }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "WITH <urn:kg-test:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "DROP ALL", "clear default", "CREATE GRAPH <urn:kg-test:new>",
    "LOAD <http://example.org/data.ttl>", "load silent <file:///etc/passwd> into graph <urn:kg-test:g>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <http://example.org/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "PREFIX x: <http://example.org/> ASK { { SELECT * { SERVICE x:sparql { ?s ?p ?o } } } }",
]


def store_files(folder: Path) -> tuple:
    """The store's files as they are (names, sizes, times) and what the server reads."""
    from kg.store.snapshots import signature

    return signature(folder), json.loads(Path(folder, "kg-snapshots", "LATEST").read_text())


@pytest.mark.parametrize("query", REFUSED_QUERIES)
def test_updates_loads_and_service_calls_are_refused_and_change_nothing(seed_server, seed_copy, query):
    before, files = triples(seed_server), store_files(seed_copy)
    for how in ("get", "form", "body"):
        if how == "get":
            status, _, body = seed_server.request("/sparql?query=" + urllib.parse.quote(query))
        elif how == "form":
            status, _, body = seed_server.request("/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        else:
            status, _, body = seed_server.request("/sparql", data=query.encode(),
                                                  headers={"Content-Type": "application/sparql-query"})
        assert status == 403, (how, query, status, body)
        assert b"read-only" in body or b"SERVICE" in body or b"remote" in body
        assert b"kg query" not in body and b"--allow" not in body  # the server's words, not kg query's
    assert triples(seed_server) == before and store_files(seed_copy) == files
    ask = urllib.parse.quote("ASK { GRAPH ?g { <urn:kg-test:a> ?p ?o } }")
    assert json.loads(seed_server.get(f"/sparql?query={ask}"))["boolean"] is False


def test_the_update_operation_of_the_protocol_is_refused(seed_server):
    insert = "INSERT DATA { GRAPH <urn:kg-test:g> { <urn:kg-test:a> <urn:kg-test:b> <urn:kg-test:c> } }"
    before = triples(seed_server)
    status, _, _ = seed_server.request("/sparql", data=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = seed_server.request("/sparql", data=urllib.parse.urlencode({"update": insert}).encode(),
                                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    sw = client(seed_server, insert)
    sw.setMethod("POST")
    with pytest.raises(Exception) as refused:  # SPARQLWrapper sends it as an update and reports the 403
        sw.query()
    assert "403" in str(refused.value)
    ask = urllib.parse.quote("ASK { GRAPH ?g { <urn:kg-test:a> ?p ?o } }")
    assert json.loads(seed_server.get(f"/sparql?query={ask}"))["boolean"] is False
    assert triples(seed_server) == before


def test_bad_requests_say_what_is_wrong(seed_server):
    status, _, body = seed_server.request("/sparql?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x ?p"))
    assert status == 400 and b"line 1" in body
    status, _, body = seed_server.request("/sparql")
    assert status == 400 and b"no query" in body
    q = urllib.parse.quote("SELECT * { ?s ?p ?o }")
    status, _, body = seed_server.request(f"/sparql?query={q}&default-graph-uri=urn:x")
    assert status == 400 and b"default-graph-uri" in body
    # a path or a query name is never read as a query
    for name in ("/etc/passwd", "coordinates-with", str(Path(__file__))):
        status, _, body = seed_server.request("/sparql?query=" + urllib.parse.quote(name))
        assert status == 400 and b"root:" not in body and b"import" not in body


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks of 1/100 s


def test_an_endless_query_stops_at_the_time_limit_and_the_server_answers_the_next_request(seed_server):
    started = time.monotonic()
    status, _, body = seed_server.request("/sparql?query=" + urllib.parse.quote(ENDLESS), timeout=60)
    took = time.monotonic() - started
    assert status == 503 and b"3 s" in body, body
    assert took < 15
    rows = client(seed_server, COORDINATES).query().convert()["results"]["bindings"]
    assert len(rows) >= 2
    # stopped, not left running: the server stops spending CPU on it
    time.sleep(1)
    spent = cpu_seconds(seed_server.proc.pid)
    time.sleep(3)
    assert cpu_seconds(seed_server.proc.pid) - spent < 0.25


def test_answers_are_cut_at_the_row_limit(start_server, seed_copy, tmp_path):
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(seed_copy, copy)
    server = start_server(copy, "--max-rows", "5")
    q = urllib.parse.quote("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    status, headers, body = server.request(f"/sparql?query={q}")
    assert status == 200 and headers["KG-Truncated"] == "5 rows"
    assert len(json.loads(body)["results"]["bindings"]) == 5


def test_cors_for_pages_of_this_machine_only_and_no_other_host_name(seed_server):
    q = "/sparql?query=" + urllib.parse.quote("ASK {}")
    _, headers, _ = seed_server.request(q, headers={"Origin": "http://localhost:3000"})
    assert headers.get("access-control-allow-origin") == "http://localhost:3000"
    _, headers, _ = seed_server.request(q, headers={"Origin": "https://evil.example"})
    assert headers.get("access-control-allow-origin") is None
    status, headers, _ = seed_server.request("/sparql", method="OPTIONS", headers={
        "Origin": "http://127.0.0.1:5173", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and headers.get("access-control-allow-origin") == "http://127.0.0.1:5173"
    status, _, _ = seed_server.request(q, headers={"Host": "evil.example"})  # DNS rebinding
    assert status == 400
