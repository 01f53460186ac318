"""``kg query`` and ``kg stats``."""
from __future__ import annotations

import json
import sys

import click

from .group import friendly_errors, main, store_option


def _params(values):
    out = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r}: expected NAME=VALUE", param_hint="--param")
        k, val = v.split("=", 1)
        out[k] = val
    return out


@main.command()
@click.argument("sparql", required=False)
@store_option
@click.option("-f", "--file", "file_", type=click.Path(exists=True, dir_okay=False), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable to a literal, e.g. --param name=Taliban (repeatable).")
@click.option("-o", "--output", default="-", show_default=True, help="Where to write the result.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop the query if it runs longer than this.")
@click.option("--allow-update", is_flag=True,
              help="Let SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) change the store.")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses query remote endpoints.")
@friendly_errors
def query(sparql, store, file_, fmt, params, output, list_, timeout, allow_update, allow_service):
    """Run SPARQL against the store.

    SPARQL is a query string, a .rq file, or the name of a query in
    ontology/queries (see --list), e.g. `kg query coordinates-with`.

    Read-only: SPARQL Update is refused unless --allow-update is given, and
    SERVICE (remote endpoints) unless --allow-service is. A syntax error
    shows its line and column. --timeout or Ctrl-C stops the query itself.
    """
    from ..files import atomic_output
    from ..sparql import bind_params, check_sparql, describe, format_result, named_queries, resolve_query, run_query
    from ..store import open_store

    if list_:
        for name, path in named_queries().items():
            click.echo(f"{name:22} {describe(path)}")
        return
    text = file_ or sparql
    if not text:
        raise click.UsageError("give a query, a .rq file (-f) or a named query (--list shows them)")
    params = _params(params)
    # Check before opening the store: a refused or malformed query never touches it.
    check_sparql(bind_params(resolve_query(text), params), allow_update=allow_update, allow_service=allow_service)
    with open_store(store, create=False, read_only=not allow_update) as st:
        try:
            result = run_query(st, text, params, allow_update=allow_update, allow_service=allow_service,
                               timeout=timeout)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; the query was stopped", err=True)
            sys.exit(130)
        if getattr(result, "type", None) == "UPDATE":
            click.echo(str(result), err=True)
            return
        out = format_result(result, fmt)
    with atomic_output(output) as fh:
        fh.write(out if out.endswith("\n") else out + "\n")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@friendly_errors
def stats(store, fmt):
    """Count what the store holds: articles, actors, claims by modality, events, triples."""
    from ..api import stats as run
    from ..store import open_store

    with open_store(store, read_only=True) as st:
        s = run(st)
    if fmt == "json":
        click.echo(json.dumps(s, indent=1))
        return
    for k in ("articles", "actors", "claims", "events", "triples"):
        click.echo(f"{k:10} {s.get(k, 0)}")
    for m, n in sorted(s.get("claims_by_modality", {}).items()):
        click.echo(f"  {m:12} {n}")
