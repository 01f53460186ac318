"""The store on real SPARQL 1.1 servers: the same tests against `oxigraph serve` and Virtuoso 7
(``sparql_server``/``server`` in conftest.py, started by ``tests/store/servers.py``), and a server
that answers garbage."""
from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

import kg
from kg.rdf import KG, graph_iri, mint_iri
from kg.store import StoreError, open_store

from .servers import VIRTUOSO_MAX_ROWS, free_port

REPO = Path(__file__).resolve().parents[2]

PAIRS = [("Qatar", "Iran"), ("Pakistan", "China"), ("Russia", "Turkey"), ("India", "Pakistan"),
         ("China", "Russia"), ("Turkey", "Qatar"), ("Iran", "India"), ("Egypt", "Qatar")]
ARTICLES = {
    "2021-08-29-drone.txt": "Pentagon confirms drone strike in Kabul\n\nThe U.S. military said a drone strike hit a "
                            "vehicle in Kabul on Sunday. The Taliban condemned the strike.\n",
    "2021-09-01-doha.txt": "Qatar hosts talks with Taliban\n\nOfficials from Qatar met Taliban envoys in Doha on "
                           "Wednesday. Pakistan supported the talks.\n",
    "2021-09-03-evac.txt": "Evacuation flights resume\n\nQatar Airways flew 200 people out of Kabul on Thursday, "
                           "officials said. The United States thanked Qatar.\n",
    **{f"2021-09-{i + 10}-brief.txt": f"Brief {i} from Kabul\n\n{a} criticized {b} on Monday, officials said. "
                                      f"{b} met {a} in Doha on day {i}.\n" for i, (a, b) in enumerate(PAIRS)},
}


def _kg(*args, timeout=600) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("KG_STORE", None)
    return subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)


def test_build_query_validate_export_remove_on_a_server(server, seed_path, seed_store, tmp_path, quads):
    summary = kg.build([str(seed_path)], store=server)
    assert summary.articles == 1 and summary.triples == len(seed_store) > VIRTUOSO_MAX_ROWS
    # the same graph as a local build, triple for triple (and more quads than one answer holds on Virtuoso)
    with open_store(server) as remote:
        assert quads(remote) == quads(seed_store)
        assert len(list(remote.quads())) == len(seed_store)
        # a rebuild is a no-op, a forced one changes nothing
        assert kg.build([str(seed_path)], store=remote).unchanged == 1
        assert kg.build([str(seed_path)], store=remote, force=True).triples == len(seed_store)
        assert quads(remote) == quads(seed_store)

        rows = kg.query("coordinates-with", store=remote)
        hit = [r for r in rows if (r["source"], r["target"], r["modality"])
               == ("United States Armed Forces", "Taliban", "Asserted")]
        assert hit and "coordinated daily" in hit[0]["sentences"]
        assert rows == kg.query("coordinates-with", store=seed_store)
        # parameters travel as a VALUES clause; actors are found by alias too
        about = kg.query("actor", store=remote, params={"name": "daesh"})
        assert about and all("Islamic State" in (r["source"], r["target"]) for r in about)
        assert "avowed enemies" in " ".join(r["sentence"] for r in about)
        # CONSTRUCT and ASK come back too
        ask = kg.query(f"ASK {{ GRAPH ?g {{ <{mint_iri('actor', 'taliban')}> <{KG.opposes}> ?x }} }}", store=remote)
        assert ask == [{"ask": True}]
        built = kg.query(f"CONSTRUCT {{ ?c <{KG.modality}> ?m }} WHERE {{ GRAPH ?g {{ ?c <{KG.modality}> ?m }} }}",
                         store=remote)
        assert built and {r["object"] for r in built} <= {str(KG[m]) for m in
                                                          ("Asserted", "Negated", "Hypothetical", "Future", "Reported")}
        # an ordered SELECT longer than one answer (Virtuoso's is cut at 500 rows here) comes back whole, in order
        ordered = (f"PREFIX kgg: <{str(graph_iri('x'))[:-1]}>\nSELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                   "FILTER(STRSTARTS(STR(?g), STR(kgg:))) } ORDER BY ?s ?p ?o  # kg's graphs only")
        every = kg.query(ordered, store=remote)
        assert len(every) == len(seed_store)
        assert every == kg.query(ordered, store=seed_store)
        # an ad-hoc query reads the union of the article graphs, as on a local store
        assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=remote) == [{"n": len(seed_store)}]
        assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=remote,
                        union_default_graph=False) == [{"n": 0}]

        from kg.validate import validate_store

        assert validate_store(remote).conforms
        out = kg.export(tmp_path / "remote.trig", store=remote)
        fresh = open_store(":memory:")
        fresh.load(out)
        assert quads(fresh) == quads(seed_store)
        assert kg.stats(store=remote) == kg.stats(store=seed_store)

        article = seed_store.articles()[0][0].rsplit("/", 1)[1]
        assert remote.find_articles(str(seed_path)) == [article]
        assert remote.remove_article(article) == len(seed_store)
        assert len(remote) == 0 and remote.articles() == []


def test_two_builds_at_once_give_the_union(server, seed_path, tmp_path, quads):
    """Two `kg build` processes writing into one server at the same time, one article in both:
    both succeed, and the server holds exactly what one build of everything holds."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, names in ((a, list(ARTICLES)[::2]), (b, list(ARTICLES)[1::2])):
        folder.mkdir()
        for name in names:
            (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    # the seed in both (the same file, so the same source file in both copies)
    builds = [_kg("build", seed_path, folder, "--store", server, "--workers", "1", "--chunk-size", "1")
              for folder in (a, b)]
    results = [p.communicate(timeout=600) for p in builds]
    for p, (_, err) in zip(builds, results):
        assert p.returncode == 0 and "Traceback" not in err, err
    reference = open_store(":memory:")
    kg.build([str(seed_path), str(a), str(b)], store=reference, workers=1)
    assert len(reference.articles()) == len(ARTICLES) + 1
    with open_store(server) as remote:
        assert quads(remote) == quads(reference)
        assert len(remote) == len(reference)


def test_no_blank_nodes_go_to_a_server(server):
    with open_store(server) as remote:
        with pytest.raises(StoreError, match="blank nodes"):
            remote.put_article(graph_iri("bnode"), [(BNode(), KG.sentence, Literal("x"))])
        assert remote.graph_size(graph_iri("bnode")) == 0
        # literals with quotes, backslashes, newlines, other scripts and long texts arrive intact
        s = URIRef("https://w3id.org/kg/id/actor/tricky")
        tricky = [Literal('say "no"\\\nor\tnot', lang="en"), Literal("طالبان 🚀 Kabul\u202e"),
                  Literal("Kabul " * 20_000), Literal("0.75", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))]
        remote.put_article(graph_iri("tricky"), [(s, KG.sentence, t) for t in tricky])
        got = {r[0] for r in remote.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}")}
        assert got == set(tricky)
        remote.remove_article("tricky")
        assert len(remote) == 0


def test_sparql_update_goes_to_the_server(server):
    from kg.sparql import run_query

    g, s = graph_iri("upd"), mint_iri("actor", "upd")
    with open_store(server) as remote:
        done = run_query(remote, f'INSERT DATA {{ GRAPH <{g}> {{ <{s}> <{KG.sector}> "GOV" }} }}', allow_update=True)
        assert (done.before, done.after) == (0, 1)
        assert remote.graph_size(g) == 1
        assert [str(r[0]) for r in remote.query(f"SELECT ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")] == ["GOV"]
        # (DROP GRAPH without SILENT fails on Virtuoso, as SPARQL says it may: a graph no CREATE made "does not exist")
        run_query(remote, f"DELETE WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", allow_update=True)
        assert len(remote) == 0


def test_an_unreachable_server_is_a_readable_error():
    port = free_port()  # nothing listens here
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server"):
        open_store(f"http://127.0.0.1:{port}")


def test_wrong_or_missing_credentials_are_one_line_without_the_password(sparql_server, tmp_path, seed_path):
    """A server that refuses kg's writes: Virtuoso refuses anonymous updates, and any server
    refuses a wrong password. The message names the server and says what to do; the
    password is never shown."""
    if "@" not in sparql_server:
        pytest.skip("this server takes updates from anyone")
    anonymous = sparql_server.replace("dba:dba@", "").replace("/sparql-auth", "/sparql")
    wrong = sparql_server.replace("dba:dba@", "dba:not-the-password@")
    for url, shown, reason in ((anonymous, anonymous, "permission"),
                               (wrong, wrong.replace("not-the-password", "***"), "401")):
        p = _kg("build", seed_path, "--store", url, "--workers", "1")
        _, err = p.communicate(timeout=600)
        lines = err.strip().splitlines()
        assert p.returncode == 1 and "Traceback" not in err, err
        assert lines[-1].startswith(f"Error: {shown}: the SPARQL server answered "), err
        assert reason in lines[-1].lower() and "http://USER:PASSWORD@HOST/" in lines[-1], err
        assert "not-the-password" not in err


# --------------------------------------------------------------------------
# a server that answers garbage

GARBAGE = {
    "bad JSON": (200, "application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s":'),
    "JSON of another shape": (200, "application/sparql-results+json", b'{"rows": [1, 2, 3]}'),
    "an HTML page": (200, "text/html; charset=utf-8", b"<html><head><title>Welcome</title></head><body><h1>It works!"
                                                      b"</h1><p>This is the default page.</p></body></html>"),
    "malformed Turtle": (200, "text/turtle", b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;; ex:d ."),
    "malformed N-Triples": (200, "application/n-triples", b"<urn:a> <urn:b> \"unterminated .\n"),
    "broken XML results": (200, "application/sparql-results+xml", b"<?xml version='1.0'?><sparql><head><variable"),
    "an error page": (500, "text/html", b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>\n<hr>"
                                        b"<center>nginx</center>\n</body></html>"),
    "nothing": (200, "", b""),
}


@pytest.fixture
def garbage_server():
    """``serve(kind)``: the URL of a local HTTP server that answers every request with GARBAGE[kind]."""
    answer = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.do_POST()

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            code, ctype, body = answer["now"]
            self.send_response(code)
            if ctype:
                self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def serve(kind):
        answer["now"] = GARBAGE[kind]
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield serve
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_a_server_that_answers_garbage_is_one_clear_line(garbage_server, kind, seed_path, tmp_path):
    url = garbage_server(kind)
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith(f"{url}/query: ") and "\n" not in message, message
    # ...and on the command line: one line, exit status 1, no traceback, whatever the command
    for args in (["build", seed_path, "--workers", "1"], ["query", "SELECT * WHERE { ?s ?p ?o }"], ["stats"]):
        p = _kg(*args, "--store", url)
        out, err = p.communicate(timeout=300)
        assert p.returncode == 1 and "Traceback" not in err, err
        assert err.strip().splitlines() == [f"Error: {message}"], err
