"""Fixtures for the server tests: ``kg serve`` started as its own process on a
free loopback port, against copies of the seed store and of the store with
hostile text (so other tests can open the originals meanwhile)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from store_check import leave_out

from store.servers import _die_with_us as die_with_us  # a server stops when the test process does
from store.servers import free_port
from views.conftest import EVIL_NAME, EVIL_TEXT, Page, evil_store, wait_until  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[2]


class Server:
    """`kg serve` in a child process; ``url`` is its base URL."""

    def __init__(self, store: str, *args: str, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log = open(log, "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                                      "--port", str(self.port), *args],
                                     stdout=self._log, stderr=subprocess.STDOUT, cwd=REPO, preexec_fn=die_with_us)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kg serve exited with {self.proc.returncode}: {self.output()[-2000:]}")
            try:
                self.get("/api/status")
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"kg serve did not answer within 60 s: {self.output()[-2000:]}")
                time.sleep(0.2)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def request(self, path: str, *, data: bytes = None, headers: dict = None, method: str = None, timeout: float = 60):
        """(status, headers, body) of a request (headers as an ``email.message.Message``:
        names in any case); errors are answers too."""
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def get(self, path: str, **kw):
        status, _, body = self.request(path, **kw)
        if status != 200:
            raise AssertionError(f"GET {path}: {status} {body[:300]!r}")
        return body

    def json(self, path: str):
        return json.loads(self.get(path, headers={"Accept": "application/json"}))

    def text(self, path: str) -> str:
        return self.get(path, headers={"Accept": "text/html"}).decode("utf-8")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()


@pytest.fixture(scope="session")
def start_server(tmp_path_factory):
    """``start_server(store, *args)``: a running `kg serve`, stopped at the end of the session."""
    servers = []

    def start(store, *args) -> Server:
        servers.append(Server(str(store), *args, log=tmp_path_factory.mktemp("serve-log") / "serve.log"))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="session")
def seed_copy(built_seed_store, tmp_path_factory) -> Path:
    """A copy of the seed store, for a server to hold."""
    path = tmp_path_factory.mktemp("serve-seed") / "store"
    shutil.copytree(built_seed_store, path)
    return path


@pytest.fixture(scope="session")
def seed_server(start_server, seed_copy) -> Server:
    """`kg serve` on the seed, with a 3-second query time limit."""
    return start_server(seed_copy, "--timeout", "3")


@pytest.fixture(scope="session")
def evil_server(start_server, evil_store, tmp_path_factory) -> Server:  # noqa: F811
    folder = tmp_path_factory.mktemp("serve-evil")
    leave_out(folder, "tests/serve/conftest.py evil_server: a copy of tests/views' evil_store (injected text, on purpose)")
    path = folder / "store"
    shutil.copytree(evil_store, path)
    return start_server(path)


class ServedPage(Page):
    """A browser page (1280x800) that may reach the server only: any other request is aborted and recorded."""

    def __init__(self, browser, server: Server):
        self.server = server
        super().__init__(browser)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.server.url + "/") or url.startswith(("about:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def open(self, path: str, *, timeout: float = 30.0, drawn: bool = True):
        self.page.goto(self.server.url + path)
        if drawn:
            wait_until(self.page, "document.body.dataset.drawn === '1'", timeout=timeout)
        return self.page


@pytest.fixture
def served_page(browser):
    """``served_page(server)``: a new page limited to ``server``."""
    pages = []

    def make(server: Server) -> ServedPage:
        pages.append(ServedPage(browser, server))
        return pages[-1]

    yield make
    for p in pages:
        p.close()


__all__ = ["EVIL_NAME", "EVIL_TEXT", "ServedPage", "Server", "free_port", "wait_until"]
