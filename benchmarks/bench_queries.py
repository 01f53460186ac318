"""Benchmark: kg's named queries on a graph of about 1,000,000 triples, on the
Oxigraph store (how kg stores graphs: rdflib's Dataset API over oxrdflib) and
on rdflib's in-memory Dataset, timed side by side.

The graph is synthetic but made the way kg makes graphs: articles with actors,
events and claims (all five modalities, some facts asserted by several
articles and negated by others) are ``kg.model`` objects passed through
``kg.rdf.mapping.article_graph``, one named graph per article. The N-Quads are
bulk-loaded into an on-disk Oxigraph store (pyoxigraph's fast path), which is
then opened with ``kg.store.open_store`` like any ``--store`` folder; the same
quads go into an ``rdflib.Dataset`` in memory.

Each query runs with its parameters where it takes them (``name=Taliban``;
``source=Taliban``, ``target=Daesh`` for the fact that ``supporting-articles``
is about), bound as ``kg query`` binds them (actors looked up by
:mod:`kg.lookup`, the lookup's time included in Oxigraph's). On
Oxigraph: the first run and the best of three; on rdflib: one run, in a forked
process stopped after ``--rdflib-timeout`` seconds (rdflib cannot be
interrupted otherwise). Rows are counted to make sure both engines agree.
The column ``kg query`` is the best of three as ``kg query`` and ``kg.query``
run a query: in a child process that can be stopped
(``Store.query_stoppable``), the answer sent back serialised.

The explorer's interactions (``kg serve``: search, an actor's top 50 facts,
a fact's evidence 20 at a time, actor and article pages) are timed as the
server answers them, beside the same questions answered from the claims.
``--existing DIR`` times a store kept by an earlier run (``--keep``) or made
by ``kg build`` (e.g. of ``benchmarks/corpus.py``'s articles), opened
read-only: the hub is the Taliban, the fact its strongest, the article and
the small actor taken from the store.

    .venv/bin/python benchmarks/bench_queries.py [--triples 1000000] [--rdflib-timeout 40] [--keep DIR]
    .venv/bin/python benchmarks/bench_queries.py --existing DIR [--skip-named]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.model import Actor, Article, Claim, Event, Extraction, Mention  # noqa: E402
from kg.rdf import article_graph  # noqa: E402
from kg.sparql import bind_query, named_queries, resolve_query  # noqa: E402

PARAMS = {"actor": {"name": "Taliban"}, "actor-timeline": {"name": "Taliban"},
          "supporting-articles": {"source": "Taliban", "target": "Daesh"}}
RELATIONS = ["coordinatesWith", "cooperatesWith", "opposes", "attacks", "meetsWith", "criticizes", "threatens",
             "negotiatesWith", "supports", "fightsAgainst", "accuses", "sanctions"]
EVENTS = ["Airstrike", "Bombing", "Attack", "Meeting", "PressConference", "Evacuation", "Withdrawal", "Speech"]
MODALITIES = ["asserted"] * 6 + ["negated", "hypothetical", "future", "reported"]
TYPES = ["Person", "Country", "Organization", "ArmedGroup", "Group"]
WORDS = ("forces commanders officials said on Tuesday that the talks in the capital would continue despite "
         "attacks near the airport and the border where fighters were seen").split()


def actor_pool(n: int, r: random.Random) -> list[Actor]:
    named = [Actor("taliban", "Taliban", "ArmedGroup", country="AFG", sector="REB", aliases=("Taleban",)),
             Actor("islamic-state", "Islamic State", "ArmedGroup", sector="REB", aliases=("IS", "Daesh", "ISIS")),
             Actor("us-military", "United States Armed Forces", "Organization", country="USA", sector="MIL"),
             Actor("united-states", "United States", "Country", country="USA", sector="GOV")]
    for i in range(n - len(named)):
        named.append(Actor(f"actor-{i}", f"Actor {i}", r.choice(TYPES), country=r.choice(["AFG", "USA", "PAK", "QAT"]),
                           sector=r.choice(["GOV", "MIL", "REB", "CVL"]), aliases=(f"A{i}",), known=r.random() < .8))
    return named


def sentence(r: random.Random, n: int = 18) -> str:
    return " ".join(r.choice(WORDS) for _ in range(n)).capitalize() + "."


def synthetic_extraction(i: int, actors: list[Actor], r: random.Random, *, claims: int = 14, events: int = 3) -> Extraction:
    # a few actors are in most articles (hubs, as in the news), the rest drawn uniformly
    cast = {a.key: a for a in actors[:4] if r.random() < 0.5}
    while len(cast) < 8:
        a = r.choice(actors)
        cast[a.key] = a
    keys = list(cast)
    published = date(2021, 1, 1) + timedelta(days=i % 900)
    text = " ".join(sentence(r) for _ in range(claims + events))
    ex = Extraction(article=Article(id=f"bench-{i:06d}", text=text, title=f"Synthetic article {i}",
                                    published=published, url=f"https://news.example/{i}", source="Example News",
                                    path=f"bench/{i:06d}.txt"), actors=cast)
    for k in keys:
        ex.mentions += [Mention(k, cast[k].label, 0, 1)] * r.randint(1, 4)
    for j in range(events):
        agents, targets = r.sample(keys, 2)
        pos = j * 120
        ex.events.append(Event(key=f"bench-{i}-e{j}", type=r.choice(EVENTS), trigger="strike", sentence=sentence(r),
                               start=pos, end=pos + 6, agents=[agents], targets=[targets],
                               participants=[r.choice(keys)], place=r.choice(["Kabul", "Kandahar", "Doha"]),
                               place_country="AFG", date=(published - timedelta(days=r.randint(0, 5))).isoformat(),
                               date_text="on Tuesday", casualties=r.choice([None, 3, 13]),
                               modality=r.choice(MODALITIES)))
    for j in range(claims):
        s, o = r.sample(keys, 2)
        if j == 0 and r.random() < 0.3:  # facts several articles share, and some dispute
            s, o = "taliban", "islamic-state"
            ex.actors.setdefault(s, actors[0])
            ex.actors.setdefault(o, actors[1])
        pos = 400 + j * 100
        ex.claims.append(Claim(source=s, relation=r.choice(RELATIONS) if j else "opposes", target=o,
                               modality=r.choice(MODALITIES), sentence=sentence(r), sentence_start=pos,
                               sentence_end=pos + 90, start=pos + 5, end=pos + 40,
                               confidence=round(r.uniform(0.3, 0.95), 3), trigger="coordinated",
                               attributed_to=r.choice([None, keys[0]]), plover="COOPERATE", cameo="062",
                               quad_class=2, intensity=9.5, event=f"bench-{i}-e0" if j == 1 else None,
                               event_date=ex.events[0].date if j == 1 else None))
    return ex


def generate(target: int, seed: int = 7) -> tuple[list[tuple], int]:
    """Quads (s, p, o, g) of about ``target`` triples, and the number of articles."""
    r = random.Random(seed)
    actors = actor_pool(3000, r)
    quads, i = [], 0
    while len(quads) < target:
        g, triples = article_graph(synthetic_extraction(i, actors, r))
        quads.extend((s, p, o, g) for s, p, o in triples)
        i += 1
    return quads, i


def nquads(quads) -> str:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n" for s, p, o, g in quads)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def timed_cpu(fn):
    """Wall and CPU seconds (CPU time is steadier on a shared machine)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - t, time.process_time() - c, out


def run_rows(ds_or_store, sparql: str) -> int:
    return len(list(ds_or_store.query(sparql)))


def run_rows_stoppable(store, sparql: str) -> int:
    return len(list(store.query_stoppable(sparql)))


def _rdflib_child(conn, sparql):
    t = time.perf_counter()
    try:
        n = run_rows(_RDFLIB_DS, sparql)
        conn.send((time.perf_counter() - t, n, None))
    except Exception as exc:  # report, do not hide
        conn.send((time.perf_counter() - t, None, repr(exc)))


_RDFLIB_DS = None  # set before forking, inherited by the children


def time_rdflib(sparql: str, timeout: float):
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_rdflib_child, args=(child, sparql))
    p.start()
    if parent.poll(timeout):
        result = parent.recv()
        p.join()
        return result
    p.kill()
    p.join()
    return None, None, f"stopped after {timeout:.0f} s"


def named_benchmark(store, n_triples, args) -> float:
    """Time each named query on Oxigraph (and on rdflib unless skipped); the slowest on Oxigraph."""
    names = sorted(named_queries())
    header = (f"{'query':22} {'rows':>7} {'oxigraph 1st':>13} {'oxigraph best':>14} {'(cpu)':>8} {'kg query':>9} "
              f"{'rdflib':>10} {'rdflib/oxigraph':>16}")
    print()
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name in names:
        def bound(name=name):
            return bind_query(store, resolve_query(name), PARAMS.get(name), name)

        sparql = bound()
        first, first_cpu, rows = timed_cpu(lambda: run_rows(store, bound()))
        runs = [(first, first_cpu)] + [timed_cpu(lambda: run_rows(store, bound()))[:2] for _ in range(2)]
        best, best_cpu = min(runs)
        worst = max(worst, best)
        child = min(timed(lambda: run_rows_stoppable(store, bound()))[0] for _ in range(3))
        if args.skip_rdflib:
            rd, rd_rows, err = None, None, "skipped"
        else:
            rd, rd_rows, err = time_rdflib(sparql, args.rdflib_timeout)
        rd_text = f"{rd:9.2f}s" if rd is not None else f"{'—':>10}"
        ratio = f"{rd / best:15.0f}x" if rd is not None and best > 0 else f"{'—':>16}"
        note = ""
        if err and err.startswith("stopped") and best > 0:  # a lower bound is still a figure
            rd_text = f"{'>' + format(args.rdflib_timeout, '.0f') + 's':>10}"
            ratio = f"{'>' + format(args.rdflib_timeout / best, '.0f') + 'x':>16}"
            note = "  (rdflib stopped)"
        elif err:
            note = f"  rdflib: {err}"
        elif rd_rows != rows:
            note = f"  ROW COUNTS DIFFER: rdflib {rd_rows}"
        print(f"{name:22} {rows:>7} {first:12.3f}s {best:13.3f}s {best_cpu:7.3f}s {child:8.3f}s {rd_text} {ratio}{note}",
              flush=True)
    print()
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    triples = len(store) if n_triples is None else n_triples
    print(f"slowest named query on Oxigraph: {worst:.3f} s ({'under' if worst < 1 else 'OVER'} one second) "
          f"on {triples:,} triples")
    return worst


#: The explorer's interactions (``kg serve``): what the page asks, and the same
#: question answered from the claims, as the named queries answer (no fact index).
HUB = "taliban"
_P = ("PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
      "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/> ")
FROM_CLAIMS = {
    "search": _P + """SELECT DISTINCT ?a ?l WHERE { GRAPH ?g { ?a rdfs:label|skos:altLabel ?l }
        FILTER(CONTAINS(LCASE(STR(?l)), "daesh")) }""",
    "neighbours": _P + """SELECT ?s ?p ?o ?m (COUNT(DISTINCT ?g) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{
        GRAPH ?g {{ {{ ?c rdf:subject {hub} }} UNION {{ ?c rdf:object {hub} }}
                   ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?m OPTIONAL {{ ?c dcterms:date ?d }} }}
        }} GROUP BY ?s ?p ?o ?m ORDER BY DESC(?n) LIMIT 50""",
    "evidence": _P + """SELECT ?c ?sentence ?date ?confidence ?title WHERE {{ GRAPH ?g {{ ?c rdf:subject {s} ;
        rdf:predicate {p} ; rdf:object {o} ; kg:modality {m} ; kg:sentence ?sentence ;
        kg:confidence ?confidence ; prov:wasDerivedFrom ?a OPTIONAL {{ ?c dcterms:date ?date }}
        OPTIONAL {{ ?a dcterms:title ?title }} }} }} ORDER BY ?date ?c LIMIT 20 OFFSET {offset}""",
    "actor": _P + """SELECT ?p ?other (COUNT(DISTINCT ?g) AS ?articles) WHERE {{ GRAPH ?g {{
        {{ ?c rdf:subject {hub} ; rdf:object ?other }} UNION {{ ?c rdf:object {hub} ; rdf:subject ?other }}
        ?c rdf:predicate ?p }} }} GROUP BY ?p ?other""",
}


def explorer_interactions(store, client, n_articles: int) -> list[tuple[str, str, str]]:
    """(what, request path, the same answered from the claims or "") on any store
    kg made (this script's, or a ``kg build``): the hub is the Taliban, the fact
    the hub's strongest (the most evidence to page), the article the middle
    one, the small actor the least named of those its facts are about."""
    from rdflib import URIRef

    from kg.rdf.iri import fact_parts, mint_iri
    from kg.rdf.namespace import KG

    hub = client.get(f"/api/neighbours?actor={HUB}").json()
    fact = max(hub["edges"], key=lambda e: (e["weight"], e["id"]))
    s, p, o, m = fact_parts(fact["id"])
    terms = {"s": mint_iri("actor", s).n3(), "p": KG[p].n3(), "o": mint_iri("actor", o).n3(), "m": KG[m.capitalize()].n3()}
    hub_iri = mint_iri("actor", HUB).n3()
    article = str(next(iter(store.query(_P + f"""SELECT ?a WHERE {{ GRAPH ?g {{ ?a a kg:Article }} }} ORDER BY ?a
        OFFSET {n_articles // 2} LIMIT 1""")))[0])
    key = article.rsplit("/", 1)[-1]
    named = [a for (a,) in store.query(_P + f"""SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ <{article}> kg:mentions ?a .
        ?f kg:factSubject|kg:factObject ?a }} }}""")]  # actors of the article's facts: a neighbourhood to draw
    counts = {a: int(n) for a, n in store.query(_P + f"""SELECT ?a (COUNT(?g) AS ?n) WHERE {{
        VALUES ?a {{ {" ".join(URIRef(a).n3() for a in named)} }} GRAPH ?g {{ ?x kg:mentions ?a }} }} GROUP BY ?a""")}
    small = str(min(counts, key=lambda a: (counts[a], str(a)))).rsplit("/", 1)[-1]
    hub_articles = client.get("/api/search?q=Taliban").json()[0]["articles"]
    deep = max(0, min(2000, fact["weight"] - 20))
    later = min(5000, hub_articles // 2)
    print(f"hub: {HUB} ({hub_articles:,} articles); fact: {fact['id']} ({fact['weight']:,} articles); "
          f"small actor: {small} ({counts[URIRef(mint_iri('actor', small))]} articles); article: {key}")
    return [
        ("search 'Daesh'", "/api/search?q=Daesh", FROM_CLAIMS["search"]),
        ("search 'a' (many hits)", "/api/search?q=a", ""),
        ("neighbours of Taliban (top 50)", f"/api/neighbours?actor={HUB}", FROM_CLAIMS["neighbours"].format(hub=hub_iri)),
        ("neighbours of a small actor", f"/api/neighbours?actor={small}", ""),
        ("evidence, first 20", f"/api/evidence?fact={fact['id']}", FROM_CLAIMS["evidence"].format(offset=0, **terms)),
        (f"evidence, 20 from {deep}", f"/api/evidence?fact={fact['id']}&offset={deep}",
         FROM_CLAIMS["evidence"].format(offset=deep, **terms)),
        ("actor page of Taliban", f"/actor/{HUB}", FROM_CLAIMS["actor"].format(hub=hub_iri)),
        (f"its timeline from {later}", f"/actor/{HUB}?offset={later}", ""),
        ("actor page of a small actor", f"/actor/{small}", ""),
        ("article page", f"/article/{key}", ""),
    ]


def explorer_benchmark(store, n_articles: int) -> float:
    """Time each interaction as the server answers it (in process, templates
    and JSON included: server time, no network; and the CPU time it took,
    steadier on a shared machine), beside the same question answered from
    the claims; the slowest server time."""
    import warnings

    warnings.filterwarnings("ignore", message=".*starlette.testclient")
    from starlette.testclient import TestClient

    from kg.serve.app import create_app

    header = (f"{'explorer interaction':32} {'server 1st':>11} {'best':>8} {'(cpu)':>8} {'from claims':>12} "
              f"{'claims/server':>14}")
    worst = 0.0
    with TestClient(create_app(store), base_url="http://127.0.0.1:8000") as client:
        interactions = explorer_interactions(store, client, n_articles)
        print()
        print(header)
        print("-" * len(header))
        for what, path, claims_query in interactions:
            def ask():
                r = client.get(path)
                assert r.status_code == 200, (path, r.status_code, r.text[:300])
                return r
            runs = [timed_cpu(ask)[:2] for _ in range(3)]
            best, best_cpu = min(runs)
            worst = max(worst, best)
            if claims_query:
                claims = min(timed(lambda: run_rows(store, claims_query))[0] for _ in range(2))
                side = f"{claims:11.3f}s {claims / best:13.1f}x"
            else:
                side = f"{'—':>12} {'—':>14}"
            print(f"{what:32} {runs[0][0]:10.3f}s {best:7.3f}s {best_cpu:7.3f}s {side}", flush=True)
    print(f"slowest explorer interaction: {worst:.3f} s of server time ({'under' if worst < 0.5 else 'OVER'} 0.5 s)")
    return worst


def main() -> None:
    global _RDFLIB_DS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-timeout", type=float, default=40.0, help="seconds per query on rdflib (default 40)")
    ap.add_argument("--keep", default=None, help="keep the Oxigraph store in this folder")
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--existing", default=None, metavar="DIR",
                    help="time a store kept by an earlier run (--keep) instead of generating one")
    ap.add_argument("--skip-named", action="store_true", help="time the explorer only, not the named queries")
    args = ap.parse_args()

    import pyoxigraph
    from rdflib import Dataset

    from kg.store import open_store

    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True)
    if args.existing:
        store = open_store(args.existing, read_only=True)
        n_articles = len(store.articles())
        print(f"{args.existing}: {len(store):,} triples in {n_articles:,} articles")
        if not args.skip_named:
            named_benchmark(store, None, args)
        explorer_benchmark(store, n_articles)
        store.close()
        return
    t, (quads, n_articles) = timed(lambda: generate(args.triples))
    print(f"generated {len(quads):,} triples in {n_articles:,} articles (one named graph each) in {t:.1f} s")

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    if folder.exists():
        shutil.rmtree(folder)
    t_ser, data = timed(lambda: nquads(quads).encode("utf-8"))
    ox = pyoxigraph.Store(str(folder))
    t_load, _ = timed(lambda: ox.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS))
    ox.flush()
    del ox
    print(f"Oxigraph: bulk-loaded in {t_load:.1f} s ({len(quads) / t_load:,.0f} triples/s; N-Quads written in {t_ser:.1f} s)")
    store = open_store(folder, create=False)
    t_opt, _ = timed(store.optimize)  # as `kg build` and `kg load` do after writing this much
    print(f"Oxigraph: compacted in {t_opt:.1f} s (Store.optimize, as after a build)")
    assert len(store) == len(quads), (len(store), len(quads))

    if not args.skip_rdflib:
        ds = Dataset()
        t, _ = timed(lambda: ds.addN(quads))
        _RDFLIB_DS = ds
        print(f"rdflib in-memory Dataset: {len(quads):,} triples added in {t:.1f} s")
    del data

    if not args.skip_named:
        named_benchmark(store, len(quads), args)
    explorer_benchmark(store, n_articles)
    store.close()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
