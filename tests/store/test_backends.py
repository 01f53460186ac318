"""Store backends (kg.store.StoreBackend, the STORES registry): open_store asks them in
turn, and a backend of another package is used for its locations with no change to kg."""
from __future__ import annotations

import sys
import textwrap

import pytest

import kg
from kg.errors import StoreError
from kg.store import STORES, Store, StoreBackend, open_store
from kg.store.oxigraph import OxigraphStore


class Mem2Store(Store):
    """A store that implements only what a backend must, on an in-memory Oxigraph store it wraps."""

    def __init__(self, location: str, inner: OxigraphStore):
        super().__init__(location)
        self.inner = inner

    def query(self, sparql, initBindings=None):
        return self.inner.query(sparql, initBindings)

    def update(self, sparql):
        self.inner.update(sparql)

    def put_article(self, graph, triples):
        return self.inner.put_article(graph, triples)


class Mem2Backend(StoreBackend):
    """``mem2://NAME``: one in-memory store per name, kept while the backend lives (as a server keeps its data)."""

    name = "mem2"

    def __init__(self):
        self.stores: dict[str, OxigraphStore] = {}

    def accepts(self, location):
        return location.startswith("mem2://")

    def open(self, location, *, create=True):
        if location not in self.stores:
            if not create:
                raise StoreError(f"{location}: no such store")
            self.stores[location] = STORES.get("oxigraph-memory").open(":memory:")
        return Mem2Store(location, self.stores[location])


@pytest.fixture
def fresh_registry():
    """STORES as it is, restored after the test (whatever the test registers)."""
    with STORES.saved():
        yield STORES


@pytest.fixture
def mem2(fresh_registry):
    backend = Mem2Backend()
    fresh_registry.register("mem2", backend)
    return backend


@pytest.mark.parametrize("location,backend", [
    ("http://127.0.0.1:7878", "sparql-server"), ("https://example.org/ds/sparql", "sparql-server"),
    (":memory:", "oxigraph-memory"), ("output/store", "oxigraph"), ("/tmp/kg store", "oxigraph"),
    ("mem2://x", None),
])
def test_each_location_goes_to_one_of_kgs_backends(location, backend):
    found = STORES.find(lambda b: b.accepts(location))
    assert (found.name if found else None) == backend


def test_a_location_no_backend_takes_is_a_readable_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=r"^mem2://x: no store backend takes this location \(known: sparql-server"):
        open_store("mem2://x")
    assert not list(tmp_path.iterdir())  # no folder made of it


def test_open_store_uses_a_registered_backend_for_its_locations(mem2):
    store = open_store("mem2://x")
    assert isinstance(store, Mem2Store) and store.location == "mem2://x"
    assert open_store("mem2://x").inner is store.inner
    with pytest.raises(StoreError, match="mem2://y: no such store"):
        open_store("mem2://y", create=False)
    assert isinstance(open_store(":memory:"), OxigraphStore)  # kg's own locations stay kg's


def test_build_and_named_query_through_the_api_on_a_registered_backend(mem2, seed_path, seed_store, quads):
    summary = kg.build([str(seed_path)], store="mem2://news")
    assert summary.articles == 1 and summary.triples == len(seed_store)
    rows = kg.query("coordinates-with", store="mem2://news")
    assert any("coordinated daily" in r["sentences"] for r in rows)
    with open_store("mem2://news") as store:
        assert quads(store) == quads(seed_store)
        assert kg.build([str(seed_path)], store=store).unchanged == 1
        assert kg.stats(store)["articles"] == 1


def test_a_backend_declared_by_an_entry_point_is_found(fresh_registry, tmp_path, monkeypatch):
    """Another package, installed: a module and an entry point in the kg.stores group."""
    (tmp_path / "kg_mem3.py").write_text(textwrap.dedent('''
        from kg.store import STORES, StoreBackend

        class Mem3Backend(StoreBackend):
            name = "mem3"

            def accepts(self, location):
                return location.startswith("mem3://")

            def open(self, location, *, create=True):
                return STORES.get("oxigraph-memory").open(":memory:", create=create)
    '''))
    info = tmp_path / "kg_mem3-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kg-mem3\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[kg.stores]\nmem3 = kg_mem3:Mem3Backend\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(STORES, "_plugins_loaded", False)
    try:
        with open_store("mem3://x") as store:
            assert isinstance(store, OxigraphStore) and len(store) == 0
        assert type(STORES.get("mem3")).__module__ == "kg_mem3"
        assert STORES.names()[-1] == "mem3"  # asked after kg's own
    finally:
        sys.modules.pop("kg_mem3", None)
