"""The ``kg`` command line. Each command lives in its own module of this package
and mirrors a function of :mod:`kg.api`.

Conventions shared by every command (see :mod:`kg.cli.group`): ``--store
PATH|URL`` names the graph (default ``output/store``, or ``$KG_STORE``),
``--format`` picks what is written, ``-o/--output FILE`` where (``-``, standard
output, unless the command names a default); actors are found by
:mod:`kg.lookup`; an empty result says so on standard error; a closed pipe
ends the command quietly.
"""
from __future__ import annotations

from .group import main

# Each module registers its commands on the group, in the order of the pipeline.
from . import build as _build, query as _query, views as _views, eval as _eval, store as _store, serve as _serve  # noqa: E402,F401

__all__ = ["main"]
