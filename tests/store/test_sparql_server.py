"""The store on a real SPARQL 1.1 server: `oxigraph serve` on a free loopback port."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

import kg
from kg.rdf import KG, graph_iri, mint_iri
from kg.store import StoreError, open_store

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """URL of a fresh `oxigraph serve`, stopped after the module's tests."""
    binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        pytest.skip(f"the oxigraph server binary is not installed (looked for {OXIGRAPH} and on PATH); "
                    "it comes with the `oxigraph` package")
    location = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(location.parent / "oxigraph.log", "wb")
    proc = subprocess.Popen([str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {proc.returncode}: "
                            + (location.parent / "oxigraph.log").read_text(errors="replace")[-500:])
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 20 s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def test_build_query_validate_export_remove_on_a_server(server, seed_path, seed_store, tmp_path, quads):
    summary = kg.build([str(seed_path)], store=server)
    assert summary.articles == 1 and summary.triples == len(seed_store)
    # the same graph as a local build, triple for triple
    with open_store(server) as remote:
        assert quads(remote) == quads(seed_store)
        # a rebuild is a no-op, a forced one changes nothing
        assert kg.build([str(seed_path)], store=remote).unchanged == 1
        assert kg.build([str(seed_path)], store=remote, force=True).triples == len(seed_store)

        rows = kg.query("coordinates-with", store=remote)
        hit = [r for r in rows if (r["source"], r["target"], r["modality"])
               == ("United States Armed Forces", "Taliban", "Asserted")]
        assert hit and "coordinated daily" in hit[0]["sentences"]
        # parameters travel as a VALUES clause; actors are found by alias too
        about = kg.query("actor", store=remote, params={"name": "daesh"})
        assert about and all("Islamic State" in (r["source"], r["target"]) for r in about)
        assert "avowed enemies" in " ".join(r["sentence"] for r in about)
        # CONSTRUCT and ASK come back too
        ask = kg.query(f"ASK {{ GRAPH ?g {{ <{mint_iri('actor', 'taliban')}> <{KG.opposes}> ?x }} }}", store=remote)
        assert ask == [{"ask": True}]
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

        article = seed_store.articles()[0][0].rsplit("/", 1)[1]
        assert remote.find_articles(str(seed_path)) == [article]
        assert remote.remove_article(article) == len(seed_store)
        assert len(remote) == 0 and remote.articles() == []


def test_no_blank_nodes_go_to_a_server(server):
    with open_store(server) as remote:
        with pytest.raises(StoreError, match="blank nodes"):
            remote.put_article(graph_iri("bnode"), [(BNode(), KG.sentence, Literal("x"))])
        assert remote.graph_size(graph_iri("bnode")) == 0
        # literals with quotes, backslashes and newlines arrive intact
        tricky = Literal('say "no"\\\nor\tnot', lang="en")
        s = URIRef("https://w3id.org/kg/id/actor/tricky")
        remote.put_article(graph_iri("tricky"), [(s, KG.sentence, tricky)])
        assert [r[0] for r in remote.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}")] == [tricky]
        remote.remove_article("tricky")
        assert len(remote) == 0


def test_sparql_update_goes_to_the_server(server):
    from kg.sparql import run_query

    g, s = graph_iri("upd"), mint_iri("actor", "upd")
    with open_store(server) as remote:
        done = run_query(remote, f'INSERT DATA {{ GRAPH <{g}> {{ <{s}> <{KG.sector}> "GOV" }} }}', allow_update=True)
        assert (done.before, done.after) == (0, 1)
        assert remote.graph_size(g) == 1
        run_query(remote, f"DROP GRAPH <{g}>", allow_update=True)
        assert len(remote) == 0


def test_an_unreachable_server_is_a_readable_error():
    port = _free_port()  # nothing listens here
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server"):
        open_store(f"http://127.0.0.1:{port}")
