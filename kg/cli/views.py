"""``kg render`` and ``kg export``."""
from __future__ import annotations

import click

from . import friendly_errors, main, store_option


@main.command()
@store_option
@click.option("-o", "--output", default="output/graph.html", show_default=True, help="The HTML file to write.")
@click.option("--actor", default=None, help="Draw the ego network of this actor (label or IRI).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="Hops around --actor.")
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD", help="Only relations dated on or after.")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD", help="Only relations dated on or before.")
@click.option("--query", "sparql", default=None, help="Draw a SPARQL result (CONSTRUCT, or SELECT source/relation/target).")
@click.option("--no-events", is_flag=True, help="Leave events out (they can also be toggled in the page).")
@friendly_errors
def render(store, output, actor, depth, start, end, sparql, no_events):
    """Draw the graph as one self-contained, offline HTML page."""
    from ..api import render as run
    from ..store import open_store

    with open_store(store, create=False) as st:
        path = run(output, st, events=not no_events, actor=actor, depth=depth, start=start, end=end, sparql=sparql)
    click.echo(f"wrote {path}", err=True)


@main.command()
@store_option
@click.option("-o", "--output", required=True, help="The file to write (- for standard output).")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["gexf", "graphml", "nodelink", "turtle", "trig", "nquads", "jsonld"]),
              help="Output format (default: from the file extension).")
@friendly_errors
def export(store, output, fmt):
    """Export the graph for Gephi (gexf), other graph tools (graphml, nodelink JSON),
    or as RDF (turtle, trig with named graphs, nquads, jsonld)."""
    from ..api import export as run
    from ..store import open_store

    with open_store(store, create=False) as st:
        run(output, st, fmt=fmt)
    if output != "-":
        click.echo(f"wrote {output}", err=True)
