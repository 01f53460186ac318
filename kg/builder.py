"""The build runner: articles in, one store out, on all cores or on a Dask cluster.

The flow is the same whatever runs the extraction::

    read (parent, streaming)  ->  skip what is unchanged or met before (parent)
      -> chunks of articles  ->  clean + spaCy + extract (here, in worker processes, or on Dask workers)
      -> Extraction objects back to the parent  ->  RDF mapping + store (parent: the one writer)

- Engines: ``workers=1`` runs in this process; ``workers=N`` starts N spawned
  worker processes, each loading the spaCy pipeline once; ``dask="tcp://HOST:PORT"``
  (or a ``dask.distributed.Client``) sends the chunks to a Dask cluster. Workers
  never touch the store: they return plain :mod:`kg.model` objects.
- Streaming: articles are read lazily and at most a few chunks per worker are
  in flight, so memory does not grow with the corpus.
- Results are written in input order, so the store and the ``--records`` file
  are the same whichever engine and worker count produced them.
- The same article met twice (same id, or the same normalised text) is
  extracted once; an article the store already holds with the same text is
  not written again unless ``force``. With ``records``, it is still extracted
  (not written) for its records: the records file lists the claims of every
  article read, whatever the store held, so a rerun after a killed build
  writes the same file as an uninterrupted one. The file is written through
  :func:`~kg.files.atomic_output`: a killed or failed build leaves the old one.
- Worker processes die with the process that started them, however it ends
  (SIGKILL included: a parent-death signal on Linux, a watch on the parent
  elsewhere), and leave SIGINT to it: Ctrl-C stops the build, not the workers
  one by one. An interrupted build stops its workers at once.
- The summary keeps the first :data:`KEPT_ERRORS` errors and counts the
  rest; every error goes to ``on_error`` or to the ``kg.build`` log as it
  happens, so a corpus of millions of bad lines does not fill memory.

Pointing it at a real cluster: start ``dask scheduler`` on one machine and
``dask worker tcp://SCHEDULER:8786 --nthreads 1`` on each machine (one per core
is a good rule: spaCy work is CPU bound), each with ``kg`` installed in its
Python environment; then ``kg build corpus/ --dask tcp://SCHEDULER:8786``.
The store is written by the machine running ``kg build``; use a SPARQL
server (``--store http://...``) when several builds write at once.
"""
from __future__ import annotations

import ctypes
import itertools
import json
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Iterator, Optional

from .errors import BuildError
from .files import atomic_output
from .model import Article, Extraction, content_id
from .store import COMPACT_AFTER

log = logging.getLogger("kg.build")

#: Articles sent to a worker at a time (spaCy batches inside a chunk).
CHUNK_SIZE = 8
#: spaCy ``nlp.pipe`` batch size inside a chunk.
BATCH_SIZE = 8
#: Chunks in flight per worker: enough to keep workers busy, few enough to bound memory.
INFLIGHT_PER_WORKER = 3
#: Flush the store's write buffers after this many triples. Oxigraph's on-disk store (RocksDB)
#: otherwise keeps every write of a long build in memory tables: about 0.6 MB per seed-sized
#: article, 1.3 GB after 2,000 articles; with a flush every 100,000 triples it stays flat.
FLUSH_TRIPLES = 100_000
#: Errors a :class:`BuildSummary` keeps (the others are counted, and logged as they happen).
KEPT_ERRORS = 100


@dataclass
class _Errors:
    """The errors of a run: ``errors`` holds the first :data:`KEPT_ERRORS`, ``error_count``
    counts them all.

    >>> s = BuildSummary()
    >>> for i in range(KEPT_ERRORS + 5):
    ...     s.add_error(f"news.jsonl:{i + 1}: invalid JSON")
    >>> s.error_count, len(s.errors), s.errors[-1]
    (105, 100, 'news.jsonl:100: invalid JSON')
    """

    errors: list[str] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, error: str) -> None:
        self.error_count += 1
        if len(self.errors) < KEPT_ERRORS:
            self.errors.append(error)

    def reporter(self, on_error: Optional[Callable] = None) -> Callable:
        """What a run calls with each error: counted here, then passed to ``on_error``
        (logged as a warning without one)."""
        def report(err) -> None:
            self.add_error(str(err))
            if on_error:
                on_error(err)
            else:
                log.warning("%s", err)
        return report


def _path_list(paths) -> list[str]:
    """``paths`` (one path, or several) as a list of strings."""
    return [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]


@dataclass
class BuildSummary(_Errors):
    """What a build did. ``actors`` counts distinct actors over the articles built."""

    articles: int = 0
    unchanged: int = 0
    duplicates: int = 0
    actors: int = 0
    claims: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1
    model: str = ""

    def __str__(self) -> str:
        rate = f" ({self.articles / self.seconds:.1f} articles/s)" if self.seconds and self.articles else ""
        dup = f", {self.duplicates} duplicate(s) skipped" if self.duplicates else ""
        return (f"{self.articles} article(s) built, {self.unchanged} unchanged{dup}, {self.error_count} error(s); "
                f"{self.actors} actors, {self.claims} claims, {self.events} events; "
                f"{self.triples} triples in the store; {self.seconds:.1f} s{rate} "
                f"[{self.engine}, {self.workers} worker(s), model {self.model or 'unknown'}]")


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk: extractions in input order, and failures."""

    extractions: list[Extraction]
    errors: list[str]


# --------------------------------------------------------------------------
# worker side (runs in worker processes and on Dask workers)

_LOCK = threading.Lock()  # Dask workers may run tasks in threads; one spaCy pipeline per process


def _pipeline(model: Optional[str]):
    from .nlp import build_pipeline

    return build_pipeline(model)  # cached per process


def init_worker(model: Optional[str] = None, parent: Optional[int] = None) -> None:
    """Start a worker process: tie its life to ``parent`` (the pid of the process
    that started it), leave SIGINT to the parent, load the pipeline once."""
    if parent is not None:
        die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with _LOCK:
        _pipeline(model)


#: prctl(2) option: the signal this process gets when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """End this process when ``parent`` dies, however it dies (SIGKILL included).

    On Linux the kernel sends SIGKILL on the parent's death (``prctl``); the
    parent here is the thread that started the process, which for a
    ``ProcessPoolExecutor`` is the one that submits work, i.e. the one running
    the build. Elsewhere a thread checks every second whether the process was
    handed to another parent. A parent already gone ends it at once.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):  # not Linux
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="kg-watch-parent").start()
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def extract_chunk(articles: list[Article], model: Optional[str] = None,
                  batch_size: int = BATCH_SIZE) -> ChunkResult:
    """Clean, parse and extract a chunk of articles. An article that fails is
    reported and the others still come back."""
    from .extract import extract_articles

    with _LOCK:
        nlp = _pipeline(model)
        try:
            return ChunkResult(list(extract_articles(articles, nlp, batch_size=batch_size)), [])
        except Exception:
            if len(articles) == 1:
                a = articles[0]
                return ChunkResult([], [f"{a.path or a.id}: extraction failed: {_exc_text()}"])
        out = ChunkResult([], [])
        for a in articles:  # find the one that fails
            try:
                out.extractions.extend(extract_articles([a], nlp, batch_size=1))
            except Exception:
                out.errors.append(f"{a.path or a.id}: extraction failed: {_exc_text()}")
        return out


def _exc_text() -> str:
    exc = sys.exc_info()[1]
    return f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------
# engines: each maps an iterator of chunks to an iterator of ChunkResults, in order


def _ordered(submit: Callable[[list], Any], result: Callable[[Any], ChunkResult], chunks: Iterable[list],
             inflight: int) -> Iterator[ChunkResult]:
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        while len(pending) >= inflight:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _worker_result(item) -> ChunkResult:
    """The result of a chunk sent to a worker; a dead worker or cluster is one clear error."""
    future, chunk = item
    try:
        return future.result()
    except Exception as exc:  # BrokenProcessPool, a lost Dask worker, a pickling error...
        names = ", ".join(sorted({a.path or a.id for a in chunk}))[:300]
        raise BuildError(f"extraction failed in a worker ({type(exc).__name__}: {exc}) on {names}; "
                         "the articles written before it are in the store; rerun the build to go on") from None


class LocalEngine:
    name = "local"

    def __init__(self, model, batch_size):
        self.model, self.batch_size, self.workers = model, batch_size, 1

    def map(self, chunks):
        for chunk in chunks:
            yield extract_chunk(chunk, self.model, self.batch_size)

    def close(self, abort: bool = False):
        pass


class ProcessEngine:
    name = "processes"

    def __init__(self, workers: int, model, batch_size):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.model, self.batch_size, self.workers = model, batch_size, workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=init_worker, initargs=(model, os.getpid()))

    def map(self, chunks):
        return _ordered(lambda c: (self.pool.submit(extract_chunk, c, self.model, self.batch_size), c),
                        _worker_result, chunks, self.workers * INFLIGHT_PER_WORKER)

    def close(self, abort: bool = False):
        """Stop the workers; ``abort`` (an error, SIGINT, SIGTERM): without waiting
        for the chunks they are extracting, whose results nobody will write."""
        if abort:
            # concurrent.futures has no public way to stop busy workers before Python 3.14
            # (terminate_workers); the pool's own table of its processes is the one place they are.
            stop = getattr(self.pool, "terminate_workers", None)
            if stop is not None:
                stop()
            else:
                for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                    process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    name = "dask"

    def __init__(self, client, model, batch_size, timeout: float = 60):
        from dask.distributed import Client

        self.owned = not isinstance(client, Client)
        self.client = Client(client, timeout=timeout) if self.owned else client
        self.model, self.batch_size = model, batch_size
        self.workers = max(1, sum(self.client.nthreads().values()))

    def map(self, chunks):
        return _ordered(lambda c: (self.client.submit(extract_chunk, c, self.model, self.batch_size, pure=False), c),
                        _worker_result, chunks, self.workers * INFLIGHT_PER_WORKER)

    def close(self, abort: bool = False):
        if self.owned:
            self.client.close()


# --------------------------------------------------------------------------
# the parent: read, skip, dispatch, write


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def run_build(paths: Iterable[str], store, *, workers: Optional[int] = None, dask=None,
              records=None, on_error: Optional[Callable] = None, force: bool = False,
              progress: Optional[bool] = None, chunk_size: int = CHUNK_SIZE, batch_size: int = BATCH_SIZE,
              model: Optional[str] = None, stdin_date: Optional[date] = None,
              stdin_title: Optional[str] = None) -> BuildSummary:
    """Build the articles under ``paths`` into ``store`` (an open :class:`~kg.store.Store`).

    ``workers``: worker processes (default: all cores; a corpus that fits in
    one chunk then runs in this process). ``dask``: a scheduler address or a
    ``dask.distributed.Client``. ``progress``: a progress bar on standard error
    (default: only when standard error is a terminal). ``stdin_date``,
    ``stdin_title``: the publication date and title of what standard input holds.
    """
    from .rdf import article_graph
    from .rdf.iri import hashed_key
    from .readers import read_articles
    from .nlp import installed_model
    from .records import records as article_records

    started = time.perf_counter()
    paths = _path_list(paths)
    summary = BuildSummary(model=installed_model() or "")
    actors: set[str] = set()
    seen_texts: set[str] = set()

    report = summary.reporter(on_error)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(paths if show else None)
    records_only: set[str] = set()  # ids of unchanged articles extracted for their records alone

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            key = content_id(article.text)
            if key in seen_texts:  # same text under another id (a .txt and a JSON Lines copy)
                summary.duplicates += 1
                bar.update(1)
                continue
            seen_texts.add(key)
            if not force and store.article_hash(article.id) == hashed_key(article.text):
                summary.unchanged += 1
                if records is None:
                    bar.update(1)
                    continue
                records_only.add(article.id)
            yield article

    chunks = _chunks(fresh(read_articles(paths, on_error=report, stdin_date=stdin_date, stdin_title=stdin_title)),
                     max(1, chunk_size))
    with ExitStack() as outputs:
        # Opened first: a records file that cannot be written fails before any extraction.
        records_fh = outputs.enter_context(atomic_output(records)) if records is not None else None
        outputs.callback(bar.close)
        engine, chunks = outputs.enter_context(_running_engine(chunks, workers, dask, model, batch_size))
        summary.engine, summary.workers = engine.name, engine.workers
        unflushed = written = 0
        for result in engine.map(chunks):
            for err in result.errors:
                report(err)
            for ex in result.extractions:
                if records_fh:
                    for rec in article_records(ex):
                        records_fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                if ex.article.id in records_only:
                    records_only.discard(ex.article.id)
                    continue
                graph, triples = article_graph(ex)
                n_triples = store.put_article(graph, triples)
                unflushed += n_triples
                written += n_triples
                if unflushed >= FLUSH_TRIPLES:
                    store.flush()
                    unflushed = 0
                summary.articles += 1
                actors.update(ex.actors)
                summary.claims += len(ex.claims)
                summary.events += len(ex.events)
            bar.update(len(result.extractions) + len(result.errors))
        store.flush()
        if written >= COMPACT_AFTER:  # a bulk build: compact (it rewrites the store: not after small ones)
            store.optimize()
        summary.actors = len(actors)
        summary.triples = len(store)
    summary.seconds = time.perf_counter() - started
    return summary


@contextmanager
def _running_engine(chunks: Iterator[list], workers: Optional[int], dask, model, batch_size):
    """The engine for a stream of chunks, and the stream (its head was looked at), for the
    block: closed when it ends, stopped at once (workers killed) if it ends by an exception,
    Ctrl-C and SIGTERM included. Two chunks are looked at ahead: no worker is started for
    nothing, nor for a corpus of one chunk unless asked for (workers given explicitly, or a
    Dask cluster)."""
    head = list(itertools.islice(chunks, 2))
    chunks = itertools.chain(head, chunks)
    n = workers if workers is not None else default_workers()
    if workers is None and len(head) < 2:
        n = 1
    if head and dask is not None:
        engine = DaskEngine(dask, model, batch_size)
    elif head and n > 1:
        engine = ProcessEngine(n, model, batch_size)
    else:
        engine = LocalEngine(model, batch_size)
    try:
        yield engine, chunks
    except BaseException:
        engine.close(abort=True)
        raise
    engine.close()


@dataclass
class ExtractSummary(_Errors):
    """What ``kg extract`` did."""

    articles: int = 0
    records: int = 0
    seconds: float = 0.0
    engine: str = "local"
    workers: int = 1

    def __str__(self) -> str:
        return (f"{self.records} record(s) from {self.articles} article(s), {self.error_count} error(s); "
                f"{self.seconds:.1f} s [{self.engine}, {self.workers} worker(s)]")


def run_extract(paths: Iterable[str], output, *, workers: Optional[int] = None, dask=None,
                on_error: Optional[Callable] = None, progress: Optional[bool] = None,
                chunk_size: int = CHUNK_SIZE, batch_size: int = BATCH_SIZE, model: Optional[str] = None,
                stdin_date: Optional[date] = None, stdin_title: Optional[str] = None) -> ExtractSummary:
    """Extract the articles under ``paths`` and write their records (:mod:`kg.records`) to
    ``output`` (a path, or ``-`` for standard output), in input order, with the engines of
    :func:`run_build` and no store. Every article read gets its records, whatever other
    article has the same text (the reader still takes an id met twice once)."""
    from .readers import read_articles
    from .records import records

    started = time.perf_counter()
    paths = _path_list(paths)
    summary = ExtractSummary()

    report = summary.reporter(on_error)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(paths if show else None, "kg extract")
    with ExitStack() as outputs:
        fh = outputs.enter_context(atomic_output(output))  # opened first: an output that cannot be written fails at once
        outputs.callback(bar.close)
        chunks = _chunks(read_articles(paths, on_error=report, stdin_date=stdin_date, stdin_title=stdin_title),
                         max(1, chunk_size))
        engine, chunks = outputs.enter_context(_running_engine(chunks, workers, dask, model, batch_size))
        summary.engine, summary.workers = engine.name, engine.workers
        for result in engine.map(chunks):
            for err in result.errors:
                report(err)
            for ex in result.extractions:
                summary.articles += 1
                for rec in records(ex):
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    summary.records += 1
            bar.update(len(result.extractions) + len(result.errors))
    summary.seconds = time.perf_counter() - started
    return summary


# --------------------------------------------------------------------------
# progress


class _Progress:
    """A tqdm bar (articles/s, ETA) when ``paths`` is given; a thread counts
    the articles ahead (cheaply, without parsing them) to give the bar a total."""

    def __init__(self, paths: Optional[list[str]], desc: str = "kg build"):
        self.bar = None
        self.total: Optional[int] = None
        if paths is None:
            return
        from tqdm import tqdm

        self.bar = tqdm(total=None, unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1,
                        desc=desc)
        if "-" not in paths:
            threading.Thread(target=self._count, args=(paths,), daemon=True).start()

    def _count(self, paths):
        from .readers import count_articles

        try:
            self.total = count_articles(paths)
        except Exception:  # only an estimate; never fatal
            pass

    def update(self, n: int) -> None:
        if self.bar is None:
            return
        if self.total is not None and self.bar.total is None:
            self.bar.total = max(self.total, self.bar.n + n)
        self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
