"""`kg query` is read-only, reports syntax errors by position, and stops at --timeout."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

import kg
from kg.cli import main
import os

from kg.errors import QueryError, QueryTimeout
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


# -- the check and the engine read the same query ------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint():
    """A local HTTP server that records every request: a SERVICE call that got through shows up here."""
    import http.server
    import socketserver
    import threading

    hits: list = []

    class Record(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/x", hits
    server.shutdown()
    server.server_close()


def hidden_service(url: str) -> dict:
    """SERVICE spelled so that a reader of the text who ends comments only at \\n, or who
    leaves \\u escapes alone, would read another query than a reader who does not."""
    return {
        "comment ended by \\r": f"SELECT * WHERE {{ # c\r SERVICE <{url}> {{ ?s ?p ?o }} \n}}",
        "comment ended by \\r\\n": f"SELECT * WHERE {{ # c\r\nSERVICE <{url}> {{ ?s ?p ?o }} }}",
        "\\u escape of a letter": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "\\u escape of a line end": f"SELECT * WHERE {{ # c\\u000d SERVICE <{url}> {{ ?s ?p ?o }} \n}}",
        "\\U escape": f"SELECT * WHERE {{ # c\\U0000000D SERVICE <{url}> {{ ?s ?p ?o }} \n}}",
        "escape of an escape": f"SELECT * WHERE {{ # \\u005cu000d\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "lowercase, SILENT": f"select * where {{ # c\r service silent <{url}> {{ ?s ?p ?o }} \n}}",
        "in an update": f"INSERT {{ GRAPH <urn:g> {{ ?s ?p ?o }} }} WHERE {{ # c\r SERVICE <{url}> {{ ?s ?p ?o }} \n}}",
    }


#: SERVICE inside a string once \\u0027 is a quote, as SPARQL reads it; Oxigraph, reading the escape only
#: inside strings, used to call it while the check saw a string.
QUOTE_ESCAPE = ("SELECT * WHERE {{ BIND('a\\u0027 AS ?x) BIND(' AS ?y) SERVICE <{url}> {{ ?s ?p ?o }} "
                "BIND(' AS ?q) #' AS ?w)\n}}")
HIDDEN = list(hidden_service("http://h/x"))


@pytest.mark.parametrize("spelling", HIDDEN)
def test_a_hidden_service_is_refused_by_kg_query_and_sends_nothing(store, store_snapshot, endpoint, spelling):
    url, hits = endpoint
    before = store_snapshot(store)
    sparql = hidden_service(url)[spelling]
    r = cli("query", sparql, "--store", store, *(["--allow-update"] if sparql.startswith("INSERT") else []))
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "SERVICE" in r.output or "escape" in r.output or "syntax error" in r.output, r.output
    assert hits == []
    assert store_snapshot(store) == before


@pytest.mark.parametrize("spelling", [s for s in HIDDEN if not s.startswith("in an update")])
def test_a_hidden_service_is_refused_by_the_api_and_render(store, endpoint, tmp_path, spelling):
    url, hits = endpoint
    sparql = hidden_service(url)[spelling]
    with pytest.raises(QueryError):
        kg.query(sparql, store=str(store))
    r = cli("render", "--store", store, "--query", sparql, "-o", tmp_path / "g.html")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert not (tmp_path / "g.html").exists()
    assert hits == []


def test_a_service_inside_a_string_by_an_escaped_quote_stays_a_string(store, endpoint):
    url, hits = endpoint
    rows = kg.query(QUOTE_ESCAPE.format(url=url), store=str(store))
    assert rows == [{"x": "a", "q": f" AS ?y) SERVICE <{url}> {{ ?s ?p ?o }} BIND("}]
    assert hits == []


def test_allow_service_lets_the_engine_call_the_endpoint(store, endpoint):
    """The server sees the request once the user allows it (so the tests above would see one too)."""
    url, hits = endpoint
    r = cli("query", hidden_service(url)["comment ended by \\r"], "--store", store, "--allow-service")
    assert r.exit_code == 1 and "query failed" in r.output and "500" in r.output
    assert hits == ["/x"]
    hits.clear()


def test_escapes_and_line_ends_mean_what_sparql_says(store):
    """\\u escapes are characters (SPARQL expands them before parsing); \\r ends a comment line."""
    q = (f"SELECT ?s WHERE {{ # the next line is the pattern\r GRAPH ?g {{ ?s <{SAYS}> '\\u0068ello' }} }}")
    assert kg.query(q, store=str(store)) == [{"s": "urn:kg-test:b"}]
    with pytest.raises(QueryError, match="not a character"):
        kg.query("SELECT * WHERE { ?s ?p '\\uD800' }", store=str(store))


# Pieces of queries where the two parsers have read text differently: comments and what ends them, quotes and
# escapes inside strings, escapes outside them, with a SERVICE call among the pieces and inside the strings.
TRICKY = ["'", '"', "\\", "\\'", '\\"', "#", "\r", "\n", "\x0c", "\x85", "\u2028", "\\u0027", "\\u0022", "\\u005c",
          "\\u000d", "\\u000a", "\\u0023", "\\U0000000D", "\\u005cu0027", "a", " AS ?z) ", " } ", "SERVICE <URL> { ?s ?p ?o }"]
LINE_ENDS = ["\n", "\r", "\r\n", "\u2028", "\x85", "\\u000d", "\\u000a", ""]


def _pieces(url: str):
    from hypothesis import strategies as st

    text = st.lists(st.sampled_from([t.replace("URL", url) for t in TRICKY]), max_size=5).map("".join)
    return st.one_of(
        st.just("?s ?p ?o ."),
        st.just(f"SERVICE <{url}> {{ ?s ?p ?o }}"),
        st.builds(lambda t: f"?s ?p '{t}' .", text),
        st.builds(lambda t: f'?s ?p "{t}" .', text),
        st.builds(lambda t: f"?s ?p '''{t}''' .", text),
        st.builds(lambda t: f"BIND('{t}' AS ?v)", text),
        st.builds(lambda t, end: f"# {t}{end}", text, st.sampled_from(LINE_ENDS)),
        st.builds(lambda t: f"?s ?p <urn:{t}> .", text),
    )


def _engine_called(sparql: str, url: str, hits: list) -> bool:
    import pyoxigraph as ox

    engine = ox.Store()
    engine.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c")))  # patterns match
    try:
        list(engine.query(sparql))
    except (SyntaxError, OSError, ValueError):
        pass
    called, hits[:] = bool(hits), []
    return called


def test_what_the_check_lets_through_never_reaches_a_service(endpoint):
    from hypothesis import HealthCheck, example, given, settings
    from hypothesis import strategies as st

    from kg.sparql import engine_text

    url, hits = endpoint
    passed = []

    @settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(_pieces(url), min_size=1, max_size=6))
    @example([f"# c\r SERVICE <{url}> {{ ?s ?p ?o }}\n"])  # a comment ended by \r
    @example([f"# c\\u000d SERVICE <{url}> {{ ?s ?p ?o }}\n"])  # ... by \u000d
    @example([f"BIND('a\\u0027 AS ?x) BIND(' AS ?y) SERVICE <{url}> {{ ?s ?p ?o }} BIND(' AS ?q) #' AS ?w)\n"])
    def check(pieces):
        sparql = "SELECT * WHERE { " + " ".join(pieces) + "\n}"
        try:
            text = engine_text(sparql)
            check_sparql(text)
        except QueryError:
            return  # refused or unreadable: nothing runs
        passed.append(sparql)
        assert not _engine_called(text, url, hits), repr(sparql)

    check()
    assert len(set(passed)) > 40  # enough got through the check for the property to mean something
    # and the engine does call out when a query reaches it: the property can fail
    assert _engine_called(engine_text(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"), url, hits)


# -- stopping a query: at its time limit, by Ctrl-C ---------------------------------------------------------


def _descendants(pid: int) -> set:
    """Process ids of every live descendant of ``pid`` (from /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.fixture
def big_store(tmp_path):
    path = tmp_path / "big"
    with open_store(str(path)) as st:
        st.put_article(G, [(URIRef(f"urn:kg-test:s{i}"), SAYS, Literal(i)) for i in range(2000)])
    return path


CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?x ?y ?z } }"  # 8e9 rows


def test_a_timeout_in_the_api_stops_the_query_and_frees_the_store(big_store):
    before = _descendants(os.getpid())  # servers other tests of the session started
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="ran longer than 1 s and was stopped"):
        kg.query(CROSS_PRODUCT, store=str(big_store), timeout=1)
    assert time.monotonic() - started < 20
    assert _descendants(os.getpid()) == before  # the query's process is gone
    with open_store(str(big_store)) as st:  # nothing holds the store: it opens for writing at once
        st.put_article(URIRef("urn:kg-test:after"), [(URIRef("urn:kg-test:z"), SAYS, Literal("z"))])
    assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", store=str(big_store)) == [{"n": 2001}]


def test_ctrl_c_stops_a_running_query(big_store):
    import signal
    import subprocess
    import sys

    from .conftest import REPO

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", CROSS_PRODUCT, "--store", str(big_store)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
    deadline = time.monotonic() + 60
    while not _descendants(proc.pid) and time.monotonic() < deadline:  # the query runs in its child
        time.sleep(0.05)
    running = _descendants(proc.pid)
    assert running, "the query never started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)  # Ctrl-C, to the process this test started
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert err.strip() == "Error: interrupted (SIGINT); the query was stopped" and out == ""
    assert not any(os.path.exists(f"/proc/{pid}") and _descendants(os.getpid()) & {pid} for pid in running)
    with open_store(str(big_store)) as st:
        assert len(st) == 2000


def test_ctrl_c_in_the_api_stops_the_query_too(big_store):
    import signal
    import threading

    before = _descendants(os.getpid())
    threading.Timer(2.0, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C to this test's own process
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        kg.query(CROSS_PRODUCT, store=str(big_store))
    assert time.monotonic() - started < 20
    assert _descendants(os.getpid()) == before
