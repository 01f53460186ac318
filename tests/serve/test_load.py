"""A bounded load from one client on loopback: a few hundred requests over one
kept-alive connection, and over a few at once; every answer stays correct."""
from __future__ import annotations

import http.client
import json
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

FACT = "https://w3id.org/kg/id/fact/usa/coordinatesWith/taliban/hypothetical"
COORDINATES = ("SELECT ?s ?o WHERE { GRAPH ?g { ?s <https://w3id.org/kg/ontology#coordinatesWith> ?o } } "
               "ORDER BY ?s ?o")
PATHS = [
    "/api/search?q=Daesh", "/api/search?q=tal", "/api/neighbours?actor=taliban", "/api/neighbours?actor=usa",
    "/api/evidence?fact=" + urllib.parse.quote(FACT), "/actor/taliban", "/actor/mark-milley", "/queries/opposes?format=json",
    "/sparql?query=" + urllib.parse.quote(COORDINATES), "/api/status",
]
#: What each answer must say, whatever else it says.
MUST = {"/api/search?q=Daesh": "Islamic State", "/api/neighbours?actor=taliban": "coordinatesWith",
        "/actor/taliban": "Hypothetical", "/actor/mark-milley": "Mark Milley", "/api/status": '"articles":1'}


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": "application/json, text/html;q=0.9"})
    r = conn.getresponse()
    return r.status, r.read()


def test_three_hundred_requests_on_one_connection_all_answer_the_same(seed_server):
    conn = http.client.HTTPConnection("127.0.0.1", seed_server.port, timeout=60)
    reference = {p: fetch(conn, p) for p in PATHS}
    for path, (status, body) in reference.items():
        assert status == 200, (path, body[:200])
        assert MUST.get(path, "").encode() in body, path
    for i in range(300):
        path = PATHS[i % len(PATHS)]
        status, body = fetch(conn, path)
        assert (status, body) == reference[path], path
    conn.close()
    rows = json.loads(reference[PATHS[8]][1])["results"]["bindings"]
    assert ("https://w3id.org/kg/id/actor/us-military", "https://w3id.org/kg/id/actor/taliban") in {
        (r["s"]["value"], r["o"]["value"]) for r in rows}


def test_two_hundred_requests_four_at_a_time_all_answer_the_same(seed_server):
    def run(worker: int) -> list[tuple[str, int, bytes]]:
        conn = http.client.HTTPConnection("127.0.0.1", seed_server.port, timeout=60)
        out = [(PATHS[(worker + i) % len(PATHS)], *fetch(conn, PATHS[(worker + i) % len(PATHS)])) for i in range(50)]
        conn.close()
        return out

    conn = http.client.HTTPConnection("127.0.0.1", seed_server.port, timeout=60)
    reference = {p: fetch(conn, p) for p in PATHS}
    conn.close()
    with ThreadPoolExecutor(4) as pool:
        answers = [a for batch in pool.map(run, range(4)) for a in batch]
    assert len(answers) == 200
    for path, status, body in answers:
        assert (status, body) == reference[path], path
