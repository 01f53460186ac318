"""``kg build`` and ``kg extract``."""
from __future__ import annotations

import json
import sys

import click

from . import friendly_errors, main, store_option


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--records", type=click.Path(dir_okay=False), default=None,
              help="Also write one JSON object per claim (JSON Lines) to this file.")
@click.option("--force", is_flag=True, help="Re-extract articles even if the store holds them unchanged.")
@friendly_errors
def build(paths, store, records, force):
    """Read articles into the store.

    PATHS are files, folders (read recursively), glob patterns, or - for
    standard input: plain text, HTML, JSON Lines, JSON or RSS/Atom files.
    Each article becomes one named graph; building the same article again
    changes nothing, and a changed article replaces its graph.
    """
    from ..api import build as run

    summary = run(paths, store, records=records, force=force)
    click.echo(str(summary), err=True)
    if summary.articles == 0 and summary.unchanged == 0:
        raise click.ClickException("no article could be read from " + ", ".join(paths))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Where to write the JSON Lines records.")
@friendly_errors
def extract(paths, output):
    """Extract claims from articles without a store: one JSON object per claim."""
    from ..api import extract as run
    from ..files import atomic_output
    from ..records import claim_records

    n = 0
    with atomic_output(output) as fh:
        for ex in run(paths):
            for rec in claim_records(ex):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    click.echo(f"{n} claim record(s)", err=True)
