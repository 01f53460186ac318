"""``kg render`` and ``kg export``."""
from __future__ import annotations

import re

import click

from .group import friendly_errors, main, store_option

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _valid_date(value: str) -> bool:
    from datetime import date

    from ..views.graph import date_bounds

    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(date_bounds(value, value)[0])
        return True
    except ValueError:
        return False


@main.command()
@store_option
@click.option("-o", "--output", default="output/graph.html", show_default=True, help="The HTML file to write.")
@click.option("--actor", default=None, help="Draw the ego network of this actor (label or IRI).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="Hops around --actor.")
@click.option("--from", "start", default=None, metavar="YYYY-MM-DD", help="Only relations dated on or after.")
@click.option("--to", "end", default=None, metavar="YYYY-MM-DD", help="Only relations dated on or before.")
@click.option("--query", "sparql", default=None, help="Draw a SPARQL result (CONSTRUCT, or SELECT source/relation/target).")
@click.option("--no-events", is_flag=True, help="Leave events out (they can also be toggled in the page).")
@click.option("--title", default=None, help="Page title (default: kg: knowledge graph).")
@friendly_errors
def render(store, output, actor, depth, start, end, sparql, no_events, title):
    """Draw the graph as one self-contained, offline HTML page.

    \b
    Views:
      kg render                              the whole graph
      kg render --actor Taliban --depth 2    the ego network of one actor
      kg render --from 2021-08-26 --to 2021-08-31   relations dated in a window
      kg render --query opposes              a SPARQL result (named query, .rq file or text)

    The page needs no network: click a node or an edge for its evidence, search an
    actor, filter relations, modality and dates, toggle events. Above 1,000 nodes
    the layout is computed in Python and physics is off."""
    from ..api import render as run
    from ..store import open_store

    for name, value in (("--from", start), ("--to", end)):
        if value is not None and not _valid_date(value):
            raise click.BadParameter(f"{value!r} is not a date like 2021-09-02 (or 2021-09, 2021)", param_hint=name)
    with open_store(store, read_only=True) as st:
        try:
            path = run(output, st, events=not no_events, actor=actor, depth=depth, start=start, end=end,
                       sparql=sparql, title=title)
        except KeyError:
            raise click.BadParameter(f"no actor named {actor!r} in the graph", param_hint="--actor") from None
    click.echo(f"wrote {path}", err=True)


@main.command()
@store_option
@click.option("-o", "--output", required=True, help="The file to write (- for standard output).")
@click.option("--format", "fmt", default=None, metavar="NAME",
              help="Output format, by name or alias (default: from the file extension). The names are those of "
                   "the exporters registered in kg.exporters; an unknown name lists them.")
@friendly_errors
def export(store, output, fmt):
    """Export the graph for Gephi and other graph tools, or the RDF itself.

    \b
    kg's own formats:
      gexf (Gephi), graphml, nodelink (.json)   the graph of actors and relations
      turtle, trig, nquads, jsonld              the RDF (trig, nquads, jsonld keep each article's graph)

    Other packages add formats through the kg.exporters entry points."""
    from ..api import export as run
    from ..store import open_store

    with open_store(store, read_only=True) as st:
        run(output, st, fmt=fmt)
    if output != "-":
        click.echo(f"wrote {output}", err=True)
