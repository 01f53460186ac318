"""``kg eval`` (score the extraction against gold files) and ``kg resolve`` (how a phrase resolves)."""
from __future__ import annotations

import json

import click

from .group import format_option, friendly_errors, main, output_option, write_output


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@format_option("table", "json", help="table: precision, recall and F1 per part; json: the scores with "
                                      "per-record details.")
@output_option()
@click.option("--articles", multiple=True, metavar="DIR",
              help="Where to find the articles kg-gold files name (default: seeds/).")
@click.option("--limit", type=int, default=None, help="Score only the first N records or documents.")
@click.option("--part", type=click.Choice(["all", "tune", "held-out"]), default="all", show_default=True,
              help="Score one half of a file of many records: the part rules are tuned on (even positions) "
                   "or the held-out part (odd positions; WikiEvents documents in the order of their ids).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when a kg-gold must-check fails.")
@friendly_errors
def eval_(gold, fmt, output, articles, limit, part, strict):
    """Score the extraction against gold annotations.

    GOLD files are the project's own format (kg-gold JSON, see kg.eval.kg_gold),
    PLOVER gold-standard records (JSON list) or WikiEvents documents (JSON
    Lines, with the -coref.jsonlines file next to it). Prints precision,
    recall and F1 per part, e.g.

    \b
      kg eval ../shared/eval/seed-gold.json ../shared/eval/plover-gsr-dev.json
    """
    from ..eval import evaluate
    from ..nlp import build_pipeline

    nlp = build_pipeline()
    reports = [evaluate(g, articles=articles, nlp=nlp, limit=limit, part=part) for g in gold]
    if fmt == "json":
        write_output(output, json.dumps([r.as_dict() for r in reports], indent=1, ensure_ascii=False))
    else:
        write_output(output, "\n\n".join(r.table() for r in reports))
    if strict and any(r.failures for r in reports):
        raise SystemExit(1)


@main.command()
@click.argument("text")
@click.option("--date", "on", default=None, type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Resolve as of this date (roles, periods).")
@format_option("table", "json")
@output_option()
@friendly_errors
def resolve(text, on, fmt, output):
    """Show how a phrase resolves: label, IRI, type, country, sector.

    \b
      kg resolve "American warplanes"
      kg resolve "Taliban" --date 2021-09-01
    """
    from ..extract.resolve import resolve_phrase

    result = _with_iri(resolve_phrase(text, on.date() if on else None))
    if fmt == "json":
        write_output(output, json.dumps(result, indent=1, ensure_ascii=False))
        return
    if not result["resolved"]:
        click.echo(f"{text!r}: not resolved")
        raise SystemExit(1)
    write_output(output, "\n".join(f"{key:>11}: {result[key]}" for key in (
        "text", "label", "iri", "type", "country", "sector", "part_of", "known", "how", "coordinates")
        if result.get(key) is not None))


def _with_iri(result: dict) -> dict:
    """A resolution with the actor's IRI after its key: extraction knows actors by key,
    the RDF layer mints their IRIs."""
    from ..rdf.iri import mint_iri

    out = {}
    for name, value in result.items():
        out[name] = value
        if name == "key":
            out["iri"] = str(mint_iri("actor", value))
    return out
