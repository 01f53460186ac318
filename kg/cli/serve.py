"""``kg serve``."""
from __future__ import annotations

import click

from .group import friendly_errors, main, store_option


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; 0.0.0.0 answers anyone who can reach it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Stop a SPARQL query that runs longer than this.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) of a SPARQL answer sent at most.")
@friendly_errors
def serve(store, host, port, timeout, max_rows):
    """Serve the store: an explorer, actor and article pages, the named queries, and SPARQL.

    \b
    http://HOST:PORT/                 the explorer: search an actor, expand its neighbours, read the evidence
    http://HOST:PORT/actor/taliban    an actor's page;  /article/ID  an article's page
    http://HOST:PORT/queries          the named queries, as tables and JSON
    http://HOST:PORT/sparql           a read-only SPARQL 1.1 endpoint (YASGUI, SPARQLWrapper, Gephi)

    It runs offline and keeps serving while `kg build` adds articles to the store."""
    from ..serve import serve as run

    run(store, host=host, port=port, timeout=timeout, max_rows=max_rows)
