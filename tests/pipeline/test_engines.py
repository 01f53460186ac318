"""Worker processes and a Dask cluster give the same graph as a run in this process."""
from __future__ import annotations

import pytest

import kg

from .conftest import EXPECTED, sorted_nquads, titles_and_dates, write_mixed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The mixed folder: text, HTML, JSON Lines (with a duplicate) and a feed in one corpus."""
    return write_mixed(tmp_path_factory.mktemp("corpus") / "news")


@pytest.fixture(scope="module")
def local_nquads(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("local") / "store"
    summary = kg.build([str(corpus)], store=str(store), workers=1, progress=False)
    assert summary.engine == "local" and summary.articles == 6 and summary.errors == []
    quads = sorted_nquads(store)
    assert len(quads) == summary.triples > 300
    return quads


def test_two_worker_processes_give_the_same_graph(corpus, local_nquads, tmp_path):
    store = tmp_path / "store"
    # chunk_size=2: three chunks, so both workers get some.
    summary = kg.build([str(corpus)], store=str(store), workers=2, chunk_size=2, progress=False)
    assert (summary.engine, summary.workers, summary.articles) == ("processes", 2, 6)
    assert sorted_nquads(store) == local_nquads
    assert titles_and_dates(store) >= EXPECTED


@pytest.fixture(scope="module")
def dask_cluster():
    """A real two-worker Dask cluster of spawned processes, closed after the module's tests."""
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       timeout="120s")
    try:
        yield cluster
    finally:
        cluster.close(timeout=60)


def test_dask_local_cluster_gives_the_same_graph(dask_cluster, corpus, local_nquads, tmp_path):
    from dask import distributed

    with distributed.Client(dask_cluster, timeout="120s") as client:
        client.wait_for_workers(2, timeout=120)
        store = tmp_path / "store"
        with distributed.get_task_stream(client) as ts:
            summary = kg.build([str(corpus)], store=str(store), dask=client, chunk_size=2, progress=False)
        assert (summary.engine, summary.workers, summary.articles) == ("dask", 2, 6)
        # The extraction ran on the cluster's workers: three chunks of two articles.
        ran = [t for t in ts.data if t["key"].startswith("extract_chunk")]
        assert len(ran) == 3
        assert {t["worker"] for t in ran} <= set(client.scheduler_info()["workers"])
    assert sorted_nquads(store) == local_nquads


def test_dask_address_from_the_command_line(dask_cluster, corpus, local_nquads, tmp_path):
    """`kg build --dask tcp://...` against a running scheduler."""
    import subprocess
    import sys

    store = tmp_path / "store"
    r = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store),
                        "--dask", dask_cluster.scheduler_address, "--chunk-size", "4"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert "6 article(s) built" in r.stderr and "[dask, 2 worker(s)," in r.stderr
    assert sorted_nquads(store) == local_nquads
