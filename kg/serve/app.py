"""The web application of ``kg serve`` (Starlette): its routes, its pages, its headers.

=================================  ==========================================================
route                              what
=================================  ==========================================================
``/``                              the explorer: the graph view of ``kg render``, fed by the server
``/api/search?q=``                 actors by name or alias (JSON)
``/api/neighbours?actor=&limit=``  an actor's strongest facts, as the graph view's data (JSON)
``/api/evidence?fact=&offset=``    the claims stating one fact, 20 at a time (JSON)
``/api/status``                    the store, its article and triple counts (JSON)
``/actor/{key}``                   an actor's page (``?offset=`` pages its timeline)
``/article/{key}``                 an article's page: its text with its claims marked
``/queries``                       the named queries
``/queries/{name}?param=value``    a named query's answer, as a table, or JSON (``?format=json``)
``/sparql``                        the SPARQL 1.1 Protocol (:mod:`kg.serve.protocol`), read-only
``/static/kg.css``                 the pages' stylesheet
=================================  ==========================================================

It reads the store through a :class:`~kg.serve.reader.StoreReader` and
writes nothing. HTML comes from Jinja2 templates with autoescaping, so text
from an article reaches a page only escaped; every response forbids the
browser any request outside the server (Content-Security-Policy) and
framing, and names the exact type of what it is (``nosniff``). Requests must
name the server by a loopback name or the address it was started on (a page
elsewhere cannot reach it through DNS rebinding); browsers on the machine's
own pages (``http://localhost:PORT``) may read ``/sparql`` and ``/api`` (CORS).
"""
from __future__ import annotations

import contextlib
import functools
import logging
import time
from pathlib import Path
from typing import Union

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import KgError, NotFoundError, QueryError
from ..store import Store
from ..sparql import QueryRefused, QuerySyntaxError, QueryTimeout, run_sparql
from . import explore, protocol
from .reader import StoreReader

log = logging.getLogger("kg.serve")

HERE = Path(__file__).parent
#: What a page may load: only what the server sends (styles from /static), no script, no frame.
PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
#: Origins whose pages may call /sparql and /api from a browser: the machine's own.
LOCAL_ORIGINS = r"https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?"
LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"]


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]))
    env.filters["actor_href"] = lambda d: f"/actor/{_path(d.get('key', ''))}"
    env.filters["article_href"] = lambda key: f"/article/{_path(key)}"
    env.filters["actor_key"] = explore.actor_key
    env.filters["claim_anchor"] = lambda iri: "claim-" + str(iri).rsplit("/", 1)[-1]
    return env


def _path(key: str) -> str:
    from urllib.parse import quote

    return quote(str(key), safe="-._~")


class SecurityHeaders:
    """ASGI middleware: the headers every response carries (a response may set its own policy)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {k.lower() for k, _ in headers}
                for k, v in ((b"content-security-policy", PAGE_POLICY.encode()), (b"x-content-type-options", b"nosniff"),
                             (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")):
                    if k not in present:
                        headers.append((k, v))
            await send(message)

        await self.app(scope, receive, sending)


def create_app(location: Union[str, Store], *, host: str = "127.0.0.1", timeout: float = 30.0, max_rows: int = 10_000,
               refresh: float = 2.0) -> Starlette:
    """The application serving the store at ``location`` (or a store already open). ``timeout``: seconds
    a SPARQL query may run; ``max_rows``: rows (or triples) of an answer sent
    at most; ``refresh``: how often, at most, to look for new articles (seconds)."""
    reader = StoreReader(location, refresh=refresh)
    env = templates()

    def page(name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(store=reader.location, **context), status_code=status)

    def not_found(message: str) -> HTMLResponse:
        return page("error.html", 404, title="Not found", message=message)

    def reading(handler):
        """``handler`` reading the store: no move to a newer snapshot under it (:meth:`StoreReader.reading`)."""
        @functools.wraps(handler)
        def read(*args):
            with reader.reading():
                return handler(*args)
        return read

    # -- the explorer's data ---------------------------------------------------------------
    def api_search(request: Request):
        return JSONResponse(reader.explorer().search(request.query_params.get("q", ""),
                                                     limit=_int(request, "limit", 20, 1, 100)))

    def api_neighbours(request: Request):
        from .graph_view import graph_data

        actor = request.query_params.get("actor", "")
        if not actor:
            return JSONResponse({"error": "give ?actor=IRI or key"}, status_code=400)
        try:
            g = reader.explorer().neighbourhood(actor, limit=_int(request, "limit", 50, 1, 500))
        except NotFoundError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        return JSONResponse(graph_data(g, str(explore.actor_iri(actor))))

    def api_evidence(request: Request):
        try:
            return JSONResponse(reader.explorer().evidence(request.query_params.get("fact", ""),
                                                           offset=_int(request, "offset", 0, 0, 10**9),
                                                           limit=_int(request, "limit", 20, 1, 200)))
        except NotFoundError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)

    def api_status(request: Request):
        return JSONResponse(reader.status())

    # -- pages ------------------------------------------------------------------------------
    def actor(request: Request):
        key, explorer = request.path_params["key"], reader.explorer()
        try:
            details = explorer.actor_page(key)
        except NotFoundError as exc:
            return not_found(str(exc))
        timeline = explorer.actor_timeline(key, offset=_int(request, "offset", 0, 0, 10**9), limit=20)
        return page("actor.html", title=details["label"], actor=details, timeline=timeline)

    def article(request: Request):
        try:
            details = reader.explorer().article_page(request.path_params["key"])
        except NotFoundError as exc:
            return not_found(str(exc))
        return page("article.html", title=details["title"] or details["key"], article=details,
                    codings={c["claim"]: coding(c) for c in details["claims"]})

    def queries(request: Request):
        from .queries import named_query_list

        return page("queries.html", title="Named queries", queries=named_query_list())

    def query(request: Request):
        from .queries import run_named

        name = request.path_params["name"]
        params = {k: v for k, v in request.query_params.items() if k != "format" and v != ""}
        wants_json = request.query_params.get("format") == "json" or _prefers_json(request)
        try:
            answer = run_named(reader.store(), name, params, timeout=timeout, max_rows=max_rows)
        except NotFoundError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404) if wants_json else not_found(str(exc))
        if wants_json:
            if answer.error:
                return JSONResponse({"error": answer.error}, status_code=answer.status)
            return JSONResponse({"query": name, "params": params, "columns": answer.header,
                                 "rows": [dict(zip(answer.header, r)) for r in answer.rows],
                                 "truncated": answer.truncated})
        return page("query.html", answer.status, title=name, answer=answer, params=params)

    # -- SPARQL -------------------------------------------------------------------------------
    async def sparql(request: Request):
        body = await request.body() if request.method == "POST" else b""
        try:
            text = protocol.query_from_request(request.method, request.query_params,
                                               request.headers.get("content-type", ""), body)
        except protocol.ProtocolError as exc:
            if exc.status == 400 and request.method == "GET" and not request.query_params \
                    and "text/html" in request.headers.get("accept", ""):
                return page("sparql.html", title="SPARQL")
            return _error(exc.status, exc.message)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(reading(answer_sparql), text, request.headers.get("accept", ""),
                                       request.query_params.getlist("format"))

    def answer_sparql(text: str, accept: str, fmt_names: list[str]) -> Response:
        started = time.perf_counter()
        try:
            result = run_sparql(reader.store(), text, timeout=timeout)
        except QueryRefused as exc:
            return _error(403, f"this endpoint is read-only and refuses {exc.refused}")  # kg query's flags are not the server's
        except QuerySyntaxError as exc:
            return _error(400, str(exc))
        except QueryTimeout as exc:  # stopped (a store folder: its process killed), the server free for the next
            return _error(503, str(exc))
        except QueryError as exc:
            return _error(400, str(exc))
        try:
            fmt = protocol.negotiate(result.type, accept, fmt_names)
        except protocol.ProtocolError as exc:
            return _error(exc.status, exc.message)
        data, cut = protocol.serialize(result, fmt, max_rows)
        headers = {"KG-Truncated": f"{cut} rows"} if cut is not None else {}
        log.info("sparql %s %.3f s%s", result.type, time.perf_counter() - started, " (cut)" if cut else "")
        return Response(data, media_type=f"{fmt.media_type}; charset=utf-8", headers=headers)

    def explorer(request: Request):
        from .graph_view import explorer_page

        return HTMLResponse(explorer_page(), headers={"Content-Security-Policy": explorer_policy()})

    routes = [
        Route("/", explorer),
        Route("/api/search", reading(api_search)),
        Route("/api/neighbours", reading(api_neighbours)),
        Route("/api/evidence", reading(api_evidence)),
        Route("/api/status", reading(api_status)),
        Route("/actor/{key:path}", reading(actor)),
        Route("/article/{key:path}", reading(article)),
        Route("/queries", queries),
        Route("/queries/{name}", reading(query)),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    hosts = ["*"] if host in ("0.0.0.0", "::", "") else list(dict.fromkeys([*LOOPBACK_NAMES, host]))
    middleware = [
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        Middleware(CORSMiddleware, allow_origin_regex=LOCAL_ORIGINS, allow_methods=["GET", "POST"],
                   allow_headers=["Accept", "Content-Type"], expose_headers=["KG-Truncated"]),
        Middleware(SecurityHeaders),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(explore.warm_up)  # the data files, read once before the first click
        yield
        reader.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={KgError: _kg_error}, lifespan=lifespan)
    app.state.reader = reader
    return app


def coding(claim: dict) -> str:
    """One line saying what a claim states and how it is coded (a mark's tooltip)."""
    parts = [f"{claim['source_label']} {claim['relation']} {claim['target_label']}", claim["modality"].capitalize()]
    if claim.get("attributed_to"):
        parts.append(f"attributed to {claim['attributed_to']}")
    if claim.get("plover"):
        parts.append(f"PLOVER {claim['plover']}" + (f" ({claim['plover_mode']})" if claim.get("plover_mode") else ""))
    if claim.get("cameo"):
        parts.append(f"CAMEO {claim['cameo']}")
    if claim.get("confidence") is not None:
        parts.append(f"confidence {claim['confidence']}")
    return " · ".join(parts)


def explorer_policy() -> str:
    """The explorer's policy: the graph view's scripts and styles are inline; it calls this server only."""
    return ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    try:
        value = int(raw) if raw not in (None, "") else default
    except ValueError:
        value = default
    return max(lo, min(hi, value))


def _prefers_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def _kg_error(request: Request, exc: KgError) -> Response:
    """A user-caused error (a store that cannot be read, a bad data file) as one line, not a traceback."""
    return PlainTextResponse(f"{exc}\n", status_code=500 if not isinstance(exc, QueryError) else 400)
