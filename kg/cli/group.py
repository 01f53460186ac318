"""The ``kg`` click group, the options every command shares, and error handling.

Conventions of every command: ``--store PATH|URL`` names the graph;
``--format`` picks what is written (``table``, ``csv``, ``json`` for rows, the
format names of ``kg export``/``kg load`` for graphs); ``-o/--output`` names
where, standard output (``-``) unless a command has a named default; a result
with nothing in it says so on standard error. A closed pipe (``kg stats |
head -1``) ends the command quietly with status 0.
"""
from __future__ import annotations

import errno
import functools
import logging
import os
import signal
import sys
import threading
import traceback
from typing import Optional

import click

from .._version import __version__
from ..errors import KgError


class KgGroup(click.Group):
    def list_commands(self, ctx):
        return list(self.commands)  # in the order they were added: the order of the pipeline

    def invoke(self, ctx):
        """Run the command; a reader that closed the pipe (``| head``) ends it quietly, with status 0."""
        try:
            value = super().invoke(ctx)
            sys.stdout.flush()  # output still buffered fails here, not at exit where it cannot be caught
            return value
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            # Python's advice: point standard output at /dev/null so that the flush at exit does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="Say more (-v: progress and the model loaded, -vv: debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """kg: knowledge graphs of geopolitical events from news articles.

    \b
    Typical session:
      kg build seeds/                 read articles into the store (output/store)
      kg query opposes                a named query (kg query --list shows them)
      kg render -o output/graph.html  interactive HTML graph
      kg export -o output/graph.gexf  for Gephi (also graphml, nodelink, turtle, trig, nquads, jsonld)
      kg stats                        what the store holds
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="kg: %(message)s", stream=sys.stderr)
    logging.getLogger("kg").setLevel(level)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)


def signal_name(interrupt: KeyboardInterrupt) -> str:
    """The signal a KeyboardInterrupt stands for: SIGTERM (see :func:`_stop`), else SIGINT."""
    return interrupt.args[0] if interrupt.args else "SIGINT"


def _stop(signum, frame):
    """SIGTERM stops a command as Ctrl-C does: what it was writing is cleaned up
    (a temporary output file removed, worker processes stopped, the store closed)."""
    raise KeyboardInterrupt(signal.Signals(signum).name)


def store_option(f):
    return click.option("--store", "store", metavar="PATH|URL", default=None,
                        help="The graph: a store folder or a SPARQL endpoint URL "
                             "(default: output/store, or $KG_STORE).")(f)


def friendly_errors(f):
    """kg's own errors (:class:`~kg.errors.KgError`) become one readable line and exit
    status 1. Anything else is a bug in kg: its traceback is shown, with a request to report it."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt as exc:
            raise click.ClickException(f"interrupted ({signal_name(exc)}); no output was left half-written") from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader of the output has gone: KgGroup.invoke ends quietly
            _bug()
        except Exception:
            _bug()

    return wrapper


def _bug() -> None:
    traceback.print_exc()
    click.echo("kg: this is a bug in kg, not in your input; please report it with the traceback above "
               f"(kg {__version__}).", err=True)
    sys.exit(2)


def output_option(default: str = "-", what: str = "Where to write the result"):
    """``-o/--output FILE``: ``-`` is standard output."""
    return click.option("-o", "--output", default=default, show_default=True, metavar="FILE",
                        help=f"{what} (- for standard output).")


def format_option(*names: str, default: Optional[str] = None, help: str = "Output format."):
    """``--format NAME``, one of ``names`` (the first is the default unless ``default`` is given)."""
    return click.option("--format", "fmt", type=click.Choice(names), default=default or names[0],
                        show_default=True, help=help)


def write_output(output: str, text: str) -> None:
    """Write ``text`` (with a final newline) to ``output``, a file written whole or ``-``."""
    from ..files import atomic_output

    if output == "-":
        click.echo(text.rstrip("\n"))
        return
    with atomic_output(output) as fh:
        fh.write(text if text.endswith("\n") else text + "\n")


def say_empty(what: str) -> None:
    """Tell standard error that a result is empty (the output itself may go to a file or a pipe),
    as a warning of the ``kg`` logger would, so ``-q`` silences it like :mod:`kg.api`'s."""
    if logging.getLogger("kg").isEnabledFor(logging.WARNING):
        click.echo(f"kg: {what}", err=True)
