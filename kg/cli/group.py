"""The ``kg`` command group and what every command shares: the ``--store``
option and the handling of errors."""
from __future__ import annotations

import functools
import logging
import signal
import sys
import threading
import traceback

import click

from .._version import __version__
from ..errors import KgError


class KgGroup(click.Group):
    def list_commands(self, ctx):
        return list(self.commands)  # in the order they were added: the order of the pipeline


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
        except Exception:
            traceback.print_exc()
            click.echo("kg: this is a bug in kg, not in your input; please report it with the traceback above "
                       f"(kg {__version__}).", err=True)
            sys.exit(2)

    return wrapper
