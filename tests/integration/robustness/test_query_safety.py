"""`kg query` is read-only, reports syntax errors by position, and stops at --timeout."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

import kg
from kg.cli import main
from kg.sparql import QueryRefused, QuerySyntaxError, check_sparql
from kg.store import open_store

G = URIRef("https://w3id.org/kg/id/graph/test")
SAYS = URIRef("urn:kg-test:says")


@pytest.fixture
def store(tmp_path):
    """A small on-disk store; one literal holds update keywords, as hostile text would."""
    path = tmp_path / "store"
    with open_store(str(path)) as st:
        st.put_article(G, [
            (URIRef("urn:kg-test:a"), SAYS, Literal("DROP ALL; CLEAR DEFAULT")),
            (URIRef("urn:kg-test:b"), SAYS, Literal("hello")),
            (URIRef("urn:kg-test:DELETE"), SAYS, Literal("INSERT DATA { <a:b> <a:c> <a:d> }")),
        ])
    return path


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


UPDATES = {
    "DROP ALL": "DROP ALL",
    "drop lowercase": "drop all",
    "DROP GRAPH": f"DROP GRAPH <{G}>",
    "CLEAR DEFAULT": "CLEAR DEFAULT",
    "CLEAR ALL": "CLEAR SILENT ALL",
    "LOAD": "LOAD <http://127.0.0.1:1/evil.ttl> INTO GRAPH <urn:x>",
    "CREATE": "CREATE GRAPH <urn:kg-test:new>",
    "ADD": f"ADD <{G}> TO DEFAULT",
    "MOVE": f"MOVE <{G}> TO <urn:kg-test:elsewhere>",
    "COPY": f"COPY <{G}> TO DEFAULT",
    "INSERT DATA": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }",
    "DELETE DATA": f"DELETE DATA {{ GRAPH <{G}> {{ <urn:kg-test:b> <{SAYS}> 'hello' }} }}",
    "DELETE WHERE": "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DELETE/INSERT": "PREFIX x: <urn:x#>\nDELETE { GRAPH ?g { ?s ?p ?o } } INSERT { GRAPH ?g { ?s x:p 1 } }\nWHERE { GRAPH ?g { ?s ?p ?o } }",
    "two operations": "INSERT DATA { <urn:a> <urn:b> <urn:c> } ;\nDROP ALL",
    "with comment": "# just a harmless SELECT\nCLEAR ALL",
}


@pytest.mark.parametrize("sparql", list(UPDATES.values()), ids=list(UPDATES))
def test_updates_are_refused_and_the_store_is_unchanged(store, store_snapshot, sparql):
    before = store_snapshot(store)
    r = cli("query", sparql, "--store", store)
    assert r.exit_code != 0
    assert "read-only" in r.output and "--allow-update" in r.output
    assert "Traceback" not in r.output
    assert store_snapshot(store) == before


def test_refusal_names_the_operations():
    with pytest.raises(QueryRefused, match=r"\(INSERT DATA, DROP\)"):
        check_sparql("INSERT DATA { <urn:a> <urn:b> <urn:c> } ; DROP ALL")


def test_update_words_inside_literals_and_iris_are_data(store, store_snapshot):
    before = store_snapshot(store)
    q = (f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{SAYS}> ?o }} "
         "FILTER(?o IN ('DROP ALL; CLEAR DEFAULT', 'INSERT DATA { <a:b> <a:c> <a:d> }')) } ORDER BY ?s")
    r = cli("query", q, "--store", store, "--format", "csv")
    assert r.exit_code == 0, r.output
    assert "DROP ALL; CLEAR DEFAULT" in r.output
    assert "urn:kg-test:DELETE" in r.output
    assert store_snapshot(store) == before


def test_an_update_smuggled_after_a_query_is_a_syntax_error(store, store_snapshot):
    before = store_snapshot(store)
    r = cli("query", "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "--store", store)
    assert r.exit_code != 0
    assert "syntax error at line 1, column 29" in r.output
    assert store_snapshot(store) == before


def test_parameters_cannot_inject_an_update(store, store_snapshot):
    before = store_snapshot(store)
    q = f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{SAYS}> ?text }} }}"
    r = cli("query", q, "--store", store, "--param", 'text=x" } } ; DROP ALL #', "--format", "json")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "[]" and "no rows" in r.stderr
    r = cli("query", q, "--store", store, "--param", "text=DROP ALL; CLEAR DEFAULT", "--format", "csv")
    assert "urn:kg-test:a" in r.output
    assert store_snapshot(store) == before


def test_a_query_file_holding_an_update_is_refused(store, store_snapshot, tmp_path):
    before = store_snapshot(store)
    rq = tmp_path / "innocent.rq"
    rq.write_text("PREFIX kg: <https://w3id.org/kg/ontology#>\nCLEAR ALL\n", encoding="utf-8")
    for args in (["-f", rq], [rq]):
        r = cli("query", *args, "--store", store)
        assert r.exit_code != 0 and "read-only" in r.output, r.output
    assert store_snapshot(store) == before


def test_service_is_refused_without_its_flag(store):
    r = cli("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "--store", store)
    assert r.exit_code != 0
    assert "SERVICE" in r.output and "--allow-service" in r.output


def test_allow_update_runs_the_update(store, store_snapshot):
    before = store_snapshot(store)
    r = cli("query", "INSERT DATA { GRAPH <urn:kg-test:g2> { <urn:kg-test:x> <urn:kg-test:y> 'z' } }",
            "--store", store, "--allow-update")
    assert r.exit_code == 0, r.output
    assert "update done (INSERT DATA): 3 triples before, 4 after" in r.output
    after = store_snapshot(store)
    assert before < after and len(after - before) == 1
    r = cli("query", f"DROP GRAPH <{G}>", "--store", store, "--allow-update")
    assert r.exit_code == 0, r.output
    assert len(store_snapshot(store)) == 1


def test_the_python_api_is_read_only_too(store, store_snapshot):
    before = store_snapshot(store)
    with pytest.raises(QueryRefused):
        kg.query("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", store=str(store))
    assert store_snapshot(store) == before


SYNTAX_ERRORS = [
    # (query, line, column, words expected in the reason)
    ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1, "SELEC"),
    ("PREFIX kg: <https://w3id.org/kg/ontology#>\nSELECT ?x WHERE {\n  ?x kg:opposes ?y ", 3, 20, "end of text"),
    ("SELECT ?x WHERE { ?x ?p ?o } LIMT 5", 1, 30, "LIMT"),
    ("SELECT ?x WHERE { ?x ?p \"unterminated }", 1, 19, "Expected"),
    ("INSERT DATA { <urn:a> <urn:b> }", 1, 15, "Expected"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> } ;\nDROP NOTHING", 2, 1, "DROP"),
]


@pytest.mark.parametrize("sparql,line,column,words", SYNTAX_ERRORS)
def test_syntax_errors_give_line_column_and_reason(store, sparql, line, column, words):
    r = cli("query", sparql, "--store", store)
    assert r.exit_code != 0
    assert "Traceback" not in r.output
    assert f"syntax error at line {line}, column {column}" in r.output, r.output
    assert words in r.output
    assert r.output.rstrip().endswith("^")  # a caret under the position
    with pytest.raises(QuerySyntaxError) as info:
        check_sparql(sparql)
    assert (info.value.line, info.value.column) == (line, column)


def test_a_mistyped_query_name_lists_the_names(store):
    r = cli("query", "opposs", "--store", store)
    assert r.exit_code != 0
    assert "'opposs' is neither SPARQL" in r.output and "opposes" in r.output


@pytest.mark.parametrize("bad", ["0", "-1", "soon"])
def test_bad_timeouts_are_usage_errors(store, bad):
    r = CliRunner().invoke(main, ["query", "SELECT * { ?s ?p ?o }", "--store", str(store), "--timeout", bad])
    assert r.exit_code == 2 and "--timeout" in r.output


def test_a_fast_query_finishes_within_its_timeout(store):
    r = cli("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", store,
            "--timeout", "30", "--format", "csv")
    assert r.exit_code == 0 and r.output.split() == ["n", "3"]


def test_a_slow_query_stops_at_the_timeout(tmp_path, kg_run, store_snapshot):
    """A cross product over a generated store would run for hours; --timeout 1 stops it.

    Run in its own process: the engine cannot be interrupted, so the worker
    thread keeps going until the process exits, as the CLI does at once.
    """
    path = tmp_path / "big"
    with open_store(str(path)) as st:
        st.put_article(G, [(URIRef(f"urn:kg-test:s{i}"), SAYS, Literal(i)) for i in range(2000)])
    before = store_snapshot(path)
    q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?x ?y ?z } }"  # 8e9 rows
    started = time.monotonic()
    r = kg_run("query", q, "--store", path, "--timeout", "1", timeout=120)
    elapsed = time.monotonic() - started
    assert r.returncode == 1
    assert "ran longer than 1 s and was stopped" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    assert elapsed < 30  # start-up, one second of query, exit
    assert store_snapshot(path) == before  # and the store still opens


def test_a_deeply_nested_query_is_an_error_not_a_crash(store):
    r = cli("query", "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000, "--store", store)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert r.output.startswith("Error: ") and len(r.output.splitlines()) <= 3
