"""``kg validate``, ``kg remove``, ``kg load`` and ``kg ontology``: looking after the store."""
from __future__ import annotations

import click

from ..exporters.rdf import RDF_FORMATS, rdf_format
from .group import format_option, friendly_errors, main, output_option, store_option, write_output


@main.command()
@store_option
@format_option("table", "json", help="table: one line per violation, or \"valid\"; json: the report.")
@output_option()
@friendly_errors
def validate(store, fmt, output):
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
        write_output(output, json.dumps({"conforms": report.conforms, "triples": report.triples,
                                         "violations": [v.__dict__ for v in report.violations]}, indent=1))
    else:
        write_output(output, str(report))
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
              help="RDF format, by the names kg export gives it (default: from the file extension).")
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
@format_option("table", "markdown", "csv", "json")
@output_option()
@click.option("--width", default=70, show_default=True, help="Clip descriptions to this many characters (0: never).")
@friendly_errors
def ontology(fmt, output, width):
    """Show the ontology (ontology/kg.ttl) as a table: classes, then properties
    with domain and range, each with its label and description."""
    from ..rdf.vocabulary import ontology_rows
    from ..table import format_rows

    rows = ontology_rows()
    header = ["term", "kind", "domain → range / superclass", "description"]

    def clip(text):
        return text if not width or len(text) <= width else text[: width - 1] + "…"

    if fmt in ("csv", "json"):
        write_output(output, format_rows(header, rows, fmt))
    elif fmt == "markdown":
        write_output(output, "\n".join(
            ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(c.replace("|", "\\|") for c in (r[0], r[1], r[2], clip(r[3]))) + " |" for r in rows]))
    else:
        write_output(output, format_rows(header, [[r[0], r[1], r[2], clip(r[3])] for r in rows], "table", width=0))
