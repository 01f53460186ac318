"""``kg render`` and ``kg export``, which take the same selection options
(:func:`selection_options`, read into one :class:`kg.views.selection.Selection`)."""
from __future__ import annotations

import click

from .group import friendly_errors, main, output_option, store_option


def _date(ctx, param, value):
    from ..errors import InputError
    from ..views.selection import check_date

    try:
        return check_date(value) if value is not None else None
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


def selection_options(f):
    """--actor, --depth, --from, --to and --query, for every command that draws or exports a selection."""
    for option in reversed((
        click.option("--actor", default=None,
                     help="The ego network of this actor: its label, an alias, its IRI or its id (Taliban, Daesh)."),
        click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="Hops around --actor."),
        click.option("--from", "start", default=None, metavar="YYYY-MM-DD", callback=_date,
                     help="Only relations dated on or after (also YYYY-MM, YYYY): the date of the event when "
                          "the sentence gives one, else of the article."),
        click.option("--to", "end", default=None, metavar="YYYY-MM-DD", callback=_date,
                     help="Only relations dated on or before (also YYYY-MM, YYYY)."),
        click.option("--query", "sparql", default=None,
                     help="A SPARQL result instead of the store (CONSTRUCT, or SELECT source/relation/target; "
                          "a named query, .rq file or text)."),
    )):
        f = option(f)
    return f


@main.command()
@store_option
@click.option("-o", "--output", default="output/graph.html", show_default=True, help="The HTML file to write.")
@selection_options
@click.option("--no-events", is_flag=True, help="Leave events out (they can also be toggled in the page).")
@click.option("--title", default=None, help="Page title (default: kg: knowledge graph).")
@friendly_errors
def render(store, output, actor, depth, start, end, sparql, no_events, title):
    """Draw the graph as one self-contained, offline HTML page.

    \b
    Views (kg export takes the same options):
      kg render                              the whole graph
      kg render --actor Taliban --depth 2    the ego network of one actor
      kg render --from 2021-08-26 --to 2021-08-31   relations dated in a window
      kg render --query opposes              a SPARQL result (named query, .rq file or text)

    The page needs no network: click a node or an edge for its evidence, search an
    actor by name or alias, filter relations, modality and dates, hide nodes without
    a relation, toggle events. Each cluster is drawn apart, as in kg export's GEXF."""
    from ..api import render as run
    from ..store import open_store

    with open_store(store, read_only=True) as st:
        path = run(output, st, events=not no_events, actor=actor, depth=depth, start=start, end=end,
                   sparql=sparql, title=title)
    click.echo(f"wrote {path}", err=True)


@main.command()
@store_option
@output_option(what="The file to write; its extension (.gexf) or a format name as extension (.turtle) tells "
                   "the format")
@click.option("--format", "fmt", default=None, metavar="NAME",
              help="Output format, by name or alias (default: from the file extension; needed for standard "
                   "output). The names are those of the exporters registered in kg.exporters (kg load takes "
                   "the same names); an unknown name lists them.")
@selection_options
@click.option("--events", is_flag=True, help="Events as nodes too, linked to their actors (graph formats).")
@friendly_errors
def export(store, output, fmt, actor, depth, start, end, sparql, events):
    """Export the graph for Gephi and other graph tools, or the RDF itself.

    \b
    kg's own formats:
      gexf (Gephi), graphml, nodelink (.json)   the graph of actors and relations
      turtle, trig, nquads, jsonld (json-ld)    the RDF (trig, nquads, jsonld keep each article's graph)
    \b
      kg export -o graph.gexf                   the format from the extension
      kg export --format turtle | less          standard output needs --format

    \b
    The graph formats write what kg render draws with the same options:
      kg export -o taliban.gexf --actor Taliban --depth 2 --events
      kg export -o august.graphml --from 2021-08-01 --to 2021-08-31
    The RDF formats write the whole store and refuse --actor, --from, --to and --query.

    Other packages add formats through the kg.exporters entry points."""
    from ..api import export as run
    from ..store import open_store

    with open_store(store, read_only=True) as st:
        run(output, st, fmt=fmt, events=events, actor=actor, depth=depth, start=start, end=end, sparql=sparql)
    if output != "-":
        click.echo(f"wrote {output}", err=True)
