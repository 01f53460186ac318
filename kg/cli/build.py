"""``kg build`` and ``kg extract``."""
from __future__ import annotations

import click

from ..errors import BuildError
from .group import format_option, friendly_errors, main, output_option, signal_name, store_option


def stdin_options(f):
    """``--date`` and ``--title``: what standard input cannot say about itself."""
    f = click.option("--title", default=None, metavar="TEXT",
                     help="The title of the article read from standard input (-).")(f)
    return click.option("--date", "stdin_date", default=None, type=click.DateTime(["%Y-%m-%d"]),
                        metavar="YYYY-MM-DD",
                        help="The publication date of the article read from standard input (-); relative "
                             "dates in its text (\"on Saturday\") are resolved against it.")(f)


def _stdin_given(paths, stdin_date, title) -> dict:
    if (stdin_date or title) and "-" not in paths:
        raise click.UsageError("--date and --title describe standard input: give - among the paths")
    return {"stdin_date": stdin_date.date() if stdin_date else None, "stdin_title": title}


def _cores() -> int:
    from ..builder import default_workers

    return default_workers()


def _chunk_size() -> int:
    from ..builder import CHUNK_SIZE

    return CHUNK_SIZE


def engine_options(dask: str):
    """``--workers``, ``--dask`` (helped by ``dask``), ``--progress`` and ``--chunk-size``:
    where and how extraction runs, for every command that extracts."""
    def add(f):
        for option in reversed((
                click.option("-w", "--workers", type=click.IntRange(min=1), default=None, metavar="N",
                             help="Extraction processes (default: all cores, here %d)." % _cores()),
                click.option("--dask", "dask_address", metavar="tcp://HOST:PORT", default=None, help=dask),
                click.option("--progress/--no-progress", default=None,
                             help="Progress bar on standard error (default: only when it is a terminal)."),
                click.option("--chunk-size", type=click.IntRange(min=1), default=None, metavar="N",
                             help="Articles sent to a worker at a time (default: %d)." % _chunk_size()))):
            f = option(f)
        return f
    return add


def _one_engine(workers, dask_address) -> None:
    if workers is not None and dask_address:
        raise click.UsageError("--workers and --dask exclude each other (Dask workers are set on the cluster)")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--records", type=click.Path(dir_okay=False), default=None,
              help="Also write one JSON object per claim (JSON Lines) to this file: the claims of every "
                   "article read, unchanged ones too (extracted again, not stored again). Written whole or "
                   "not at all: a killed build leaves the old file.")
@click.option("--force", is_flag=True, help="Re-extract articles even if the store holds them unchanged.")
@engine_options(dask="Run extraction on this Dask scheduler's workers; this process writes the store.")
@stdin_options
@friendly_errors
def build(paths, store, records, force, workers, dask_address, progress, chunk_size, stdin_date, title):
    """Read articles into the store.

    PATHS are files, folders (read recursively), glob patterns, or - for
    standard input (with --date and --title: `kg build - --date 2024-03-03
    --title "..." < story.txt`): plain text, HTML, JSON Lines, JSON or RSS/Atom.
    Each article becomes one named graph; building the same article again
    changes nothing, and a changed article replaces its graph. The same
    article met twice in one run (same id or same text) is extracted once.

    \b
    Corpora stream: articles are read, extracted by N worker processes (or by
    a Dask cluster with --dask) and written as they come, never all held in
    memory. A cluster: `dask scheduler` on one machine, `dask worker
    tcp://HOST:8786 --nthreads 1` on each worker machine (kg installed), then
    `kg build corpus/ --dask tcp://HOST:8786`.
    """
    from ..api import build as run

    _one_engine(workers, dask_address)
    try:
        summary = run(paths, store, records=records, force=force, workers=workers, dask=dask_address,
                      progress=progress, chunk_size=chunk_size, **_stdin_given(paths, stdin_date, title))
    except KeyboardInterrupt as exc:
        raise BuildError(f"interrupted ({signal_name(exc)}); the articles written are in the store, each whole, "
                         "and --records was left as it was: rerun the build to go on") from None
    click.echo(str(summary), err=True)
    if summary.articles == 0 and summary.unchanged == 0 and summary.duplicates == 0:
        raise click.ClickException("no article could be read from " + ", ".join(paths))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("jsonl", help="jsonl: one JSON object per claim and per one-actor event (the format of kg build "
                                "--records).")
@click.option("-o", "--output", "--records", "output", default="-", show_default=True, metavar="FILE",
              help="Where to write the records (- for standard output); written whole or not at all.")
@engine_options(dask="Run extraction on this Dask scheduler's workers.")
@stdin_options
@friendly_errors
def extract(paths, fmt, output, workers, dask_address, progress, chunk_size, stdin_date, title):
    """Extract articles without a store: one JSON object per claim, and per
    agent of an event that names no target (format in the README).

    PATHS are as for kg build (- for standard input, with --date and --title),
    extracted by the same workers; every article read gets its records, also
    two with the same text under different ids (kg build stores such a text
    once).
    """
    from ..builder import CHUNK_SIZE, run_extract

    _one_engine(workers, dask_address)
    summary = run_extract(paths, output, workers=workers, dask=dask_address, progress=progress,
                          chunk_size=chunk_size or CHUNK_SIZE, **_stdin_given(paths, stdin_date, title))
    click.echo(str(summary), err=True)
    if summary.articles == 0:
        raise click.ClickException("no article could be read from " + ", ".join(paths))
