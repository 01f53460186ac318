"""``kg serve``: a local explorer and a read-only SPARQL endpoint over the store.

One process, offline, listening on the loopback address by default:

- :mod:`kg.serve.app`: the web application (Starlette) and its routes;
- :mod:`kg.serve.protocol`: the SPARQL 1.1 Protocol of ``/sparql``;
- :mod:`kg.serve.explore`: what the explorer and the pages read from the
  store, from the fact index each article graph holds;
- :mod:`kg.serve.names`: the actors' names and descriptions, held in memory;
- :mod:`kg.serve.graph_view`: the explorer page, the graph view of ``kg render`` fed by the server;
- :mod:`kg.serve.queries`: the named queries as pages;
- :mod:`kg.serve.reader`: the store, read while builds write to it.

Starlette and uvicorn serve it: an ASGI application answers many requests at
once from a thread pool while a slow SPARQL query runs, and Starlette brings
the CORS and trusted-host checks a local server needs; the standard library's
WSGI server answers one request at a time.

>>> from kg.serve.app import create_app  # doctest: +SKIP
>>> app = create_app("output/store")     # doctest: +SKIP
"""
from __future__ import annotations

import logging

log = logging.getLogger("kg.serve")

__all__ = ["serve"]


def serve(location=None, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 30.0,
          max_rows: int = 10_000) -> None:
    """Serve the store at ``location`` (default: :func:`kg.store.default_location`) until interrupted."""
    import click
    import uvicorn

    from ..store import default_location
    from .app import create_app

    location = str(location) if location is not None else default_location()
    app = create_app(location, host=host, timeout=timeout, max_rows=max_rows)  # a store that cannot be read fails here
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"kg serve: http://{shown}:{port}/  (store {location}; SPARQL at /sparql; Ctrl-C stops)", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"kg serve: listening on {host}: anyone who can reach this machine can read the store", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
