"""``kg query`` and ``kg stats``."""
from __future__ import annotations

import json

import click

from .group import (format_option, friendly_errors, main, output_option, say_empty, signal_name, store_option,
                    write_output)


def _params(values):
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r}: expected NAME=VALUE", param_hint="--param")
        k, val = v.split("=", 1)
        out[k.strip()] = val
    return out


def _list_queries() -> str:
    from ..sparql import named_queries, named_query

    lines = []
    for name in named_queries():
        q = named_query(name)
        lines.append(f"{name:22} {q.description}")
        for p in q.parameters.values():
            lines.append(f"{'':24}--param {p.describe()}")
    return "\n".join(lines)


@main.command()
@click.argument("sparql", required=False)
@store_option
@click.option("-f", "--file", "file_", type=click.Path(exists=True, dir_okay=False), help="Read the query from a file.")
@format_option("table", "csv", "json")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Give the query a parameter (repeatable): --list shows what each named query takes, e.g. "
                   "--param name=Daesh (an actor by label, alias, IRI or id). Values are bound as RDF terms, "
                   "never pasted into the query.")
@output_option()
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters, and exit.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop the query if it runs longer than this.")
@click.option("--empty-default-graph", is_flag=True,
              help="Query the store's own default graph, which is empty (kg keeps every triple in its "
                   "article's named graph), instead of the union of all named graphs.")
@click.option("--allow-update", is_flag=True,
              help="Let SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) change the store.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses query remote endpoints.")
@friendly_errors
def query(sparql, store, file_, fmt, params, output, list_, timeout, empty_default_graph, allow_update,
          allow_service):
    """Run SPARQL against the store.

    SPARQL is a query string, a .rq file, or the name of a query in
    ontology/queries (see --list), e.g. `kg query coordinates-with`.

    \b
    The default graph of a query is the union of every article's named
    graph, so `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }` counts the whole
    store; GRAPH ?g still names each article's graph
    (--empty-default-graph: the store's own default graph, which is empty).

    Read-only: SPARQL Update is refused unless --allow-update is given, and
    SERVICE (remote endpoints) unless --allow-service is. A syntax error
    shows its line and column. JSON output gives numbers as numbers.
    --timeout or Ctrl-C stops the query itself.
    """
    from ..sparql import check_params, check_sparql, query_label, resolve_query, result_rows, run_query
    from ..store import open_store
    from ..table import format_rows

    if list_:
        write_output(output, _list_queries())
        return
    text = file_ or sparql
    if not text:
        raise click.UsageError("give a query, a .rq file (-f) or a named query (--list shows them)")
    params = _params(params)
    # Check before opening the store: a refused or malformed query, or a wrong parameter, never touches it.
    sparql_text = resolve_query(text)
    check_params(sparql_text, params, query_label(text))
    check_sparql(sparql_text, allow_update=allow_update, allow_service=allow_service)
    with open_store(store, create=False, read_only=not allow_update) as st:
        try:
            result = run_query(st, text, params, allow_update=allow_update, allow_service=allow_service,
                               timeout=timeout, union_default_graph=not empty_default_graph)
        except KeyboardInterrupt as exc:  # the query's process is gone by now: say so
            raise click.ClickException(f"interrupted ({signal_name(exc)}); the query was stopped") from None
        if getattr(result, "type", None) == "UPDATE":
            click.echo(str(result), err=True)
            return
        header, rows = result_rows(result)  # once: every cell of a large result converted once
        out = format_rows(header, rows, fmt)
    write_output(output, out)
    if not rows:
        say_empty("no rows: the query matched nothing")


@main.command()
@store_option
@format_option("table", "csv", "json")
@output_option()
@friendly_errors
def stats(store, fmt, output):
    """Count what the store holds: articles, actors, claims by modality, events, triples."""
    from ..api import stats as run
    from ..store import open_store
    from ..table import format_rows

    with open_store(store, read_only=True) as st:
        s = run(st)
    rows = [[k, s.get(k, 0)] for k in ("articles", "actors", "claims", "events", "triples")]
    rows += [[f"claims {m}", n] for m, n in sorted(s.get("claims_by_modality", {}).items())]
    if fmt == "json":
        write_output(output, json.dumps(s, indent=1))
    elif fmt == "csv":
        write_output(output, format_rows(["count", "n"], rows, "csv"))
    else:
        write_output(output, "\n".join(f"{k:20} {n}" for k, n in rows))
    if not s.get("triples"):
        say_empty("the store is empty")
