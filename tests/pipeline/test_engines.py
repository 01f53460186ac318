"""Worker processes and a Dask cluster give the same graph as a run in this process."""
from __future__ import annotations

import shutil

import pytest

import kg

from .conftest import EXPECTED, sorted_nquads, titles_and_dates, write_mixed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_path):
    """The mixed folder plus the seed article: HTML, feeds and a long story in one corpus."""
    folder = write_mixed(tmp_path_factory.mktemp("corpus") / "news")
    shutil.copy(seed_path, folder / seed_path.name)
    return folder


@pytest.fixture(scope="module")
def local_nquads(corpus, tmp_path_factory):
    store = tmp_path_factory.mktemp("local") / "store"
    summary = kg.build([str(corpus)], store=str(store), workers=1, progress=False)
    assert summary.engine == "local" and summary.articles == 7 and summary.errors == []
    quads = sorted_nquads(store)
    assert len(quads) == summary.triples > 1000
    return quads


def test_two_worker_processes_give_the_same_graph(corpus, local_nquads, tmp_path):
    store = tmp_path / "store"
    # chunk_size=2: four chunks, so both workers get some.
    summary = kg.build([str(corpus)], store=str(store), workers=2, chunk_size=2, progress=False)
    assert (summary.engine, summary.workers, summary.articles) == ("processes", 2, 7)
    assert sorted_nquads(store) == local_nquads
    assert titles_and_dates(store) >= EXPECTED


def test_dask_local_cluster_gives_the_same_graph(corpus, local_nquads, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       timeout="60s")
    try:
        with distributed.Client(cluster, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
            store = tmp_path / "store"
            with distributed.get_task_stream(client) as ts:
                summary = kg.build([str(corpus)], store=str(store), dask=client, chunk_size=2, progress=False)
            assert (summary.engine, summary.workers, summary.articles) == ("dask", 2, 7)
            # The extraction ran on the cluster's workers: four chunks of at most two articles.
            ran = [t for t in ts.data if t["key"].startswith("extract_chunk")]
            assert len(ran) == 4
            assert {t["worker"] for t in ran} <= set(client.scheduler_info()["workers"])
        assert sorted_nquads(store) == local_nquads
    finally:
        cluster.close(timeout=30)


def test_dask_address_from_the_command_line(corpus, local_nquads, tmp_path):
    """`kg build --dask tcp://...` against a running scheduler (started here)."""
    import subprocess
    import sys

    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                                       timeout="60s")
    try:
        store = tmp_path / "store"
        r = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store),
                            "--dask", cluster.scheduler_address, "--chunk-size", "4"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        assert "7 article(s) built" in r.stderr and "[dask," in r.stderr
        assert sorted_nquads(store) == local_nquads
    finally:
        cluster.close(timeout=30)
