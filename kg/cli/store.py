"""``kg validate``, ``kg remove``, ``kg load`` and ``kg ontology``: looking after the store."""
from __future__ import annotations

import click

from ..exporters.rdf import RDF_FORMATS, rdf_format
from .group import friendly_errors, main, store_option


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly_errors
def validate(store, fmt):
    """Check the store against the SHACL shapes (ontology/shapes.ttl).

    Prints one line per violation (the node, the property, what is wrong) and
    exits with status 1 when there is any; prints "valid" and exits 0 otherwise.
    """
    import json

    from ..store import open_store
    from ..validate import validate_store

    with open_store(store, read_only=True) as st:
        report = validate_store(st)
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "triples": report.triples,
                               "violations": [v.__dict__ for v in report.violations]}, indent=1))
    else:
        click.echo(str(report))
    if not report.conforms:
        raise SystemExit(1)


@main.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
@click.option("-n", "--dry-run", is_flag=True, help="Only say which articles would be removed.")
@friendly_errors
def remove(articles, store, dry_run):
    """Take articles back out of the store.

    ARTICLES are article ids, article IRIs (kgr:article/ID or the full IRI), or
    the files or folders they were built from. Each article's named graph goes,
    with its claims and events; facts that other articles also state stay,
    since those articles hold them in their own graphs.
    """
    from ..store import open_store

    with open_store(store, create=False, read_only=dry_run) as st:
        ids, missing = [], []
        for ref in articles:
            found = st.find_articles(ref)
            (ids.extend(found) if found else missing.append(ref))
        if missing:
            raise click.ClickException("no article in the store matches " + ", ".join(repr(m) for m in missing)
                                       + " (give an article id, its IRI, or the file it was built from)")
        removed = 0
        for article_id in dict.fromkeys(ids):
            if dry_run:
                click.echo(f"would remove {article_id}")
                continue
            n = st.remove_article(article_id)
            removed += n
            click.echo(f"removed {article_id} ({n} triples)", err=True)
        if not dry_run:
            click.echo(f"{len(set(ids))} article(s) removed, {removed} triples; {len(st)} triples left", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@store_option
@click.option("--format", "fmt", default=None,
              type=click.Choice([name for f in RDF_FORMATS if f.named_graphs for name in f.names]),
              help="RDF format, named as for kg export (default: from the file extension).")
@friendly_errors
def load(files, store, fmt):
    """Load RDF with named graphs (a `kg export` in TriG, N-Quads or JSON-LD) into the store,
    replacing the graphs it names."""
    from ..store import open_store

    with open_store(store) as st:
        for f in files:
            n = st.load(f, rdf_format(fmt).rdflib_name if fmt else None)
            click.echo(f"loaded {n} triples from {f}", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True)
@click.option("--width", default=70, show_default=True, help="Clip descriptions to this many characters (0: never).")
@friendly_errors
def ontology(fmt, width):
    """Show the ontology (ontology/kg.ttl) as a table: classes, then properties
    with domain and range, each with its label and description."""
    from ..rdf.vocabulary import ontology_rows

    rows = ontology_rows()
    header = ["term", "kind", "domain → range / superclass", "description"]

    def clip(text):
        return text if not width or len(text) <= width else text[: width - 1] + "…"

    if fmt == "markdown":
        click.echo("| " + " | ".join(header) + " |")
        click.echo("|" + "---|" * len(header))
        for r in rows:
            click.echo("| " + " | ".join(c.replace("|", "\\|") for c in (r[0], r[1], r[2], clip(r[3]))) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header[:3])]
    click.echo("  ".join(h.ljust(w) for h, w in zip(header, widths + [0])).rstrip())
    click.echo("  ".join("-" * w for w in widths + [11]))
    for r in rows:
        click.echo("  ".join([r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].ljust(widths[2]), clip(r[3])]))
