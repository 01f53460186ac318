"""``kg validate`` on every kg store a test session built (issue 11: "kg validate passes on
every store the test suite builds").

Reads: a folder (the session's pytest base temp) and the folders left out on purpose.
Writes: nothing; :func:`invalid_stores` returns one line per store that does not
validate (its path and violations) or cannot be opened.

A kg store on disk is a folder with RocksDB's ``CURRENT`` and ``OPTIONS-*`` files
(Oxigraph's; ``kg build``, ``kg load`` and ``oxigraph serve --location`` make them).
Stores holding the same graph (many tests build the seed) are validated once, and
the distinct graphs in parallel processes, so the check costs seconds, not minutes.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     (Path(tmp) / "a" / "store").mkdir(parents=True)
...     for name in ("CURRENT", "OPTIONS-000007"):
...         _ = (Path(tmp) / "a" / "store" / name).write_text("")
...     [p.relative_to(tmp).as_posix() for p in store_folders(Path(tmp))]
['a/store']
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator, Mapping, Optional


#: Folders whose stores are left out of the check, with why: stores that hold invalid data or
#: are damaged on purpose. Filled by :func:`leave_out` (fixtures) and by the
#: ``invalid_store`` marker (a test's ``tmp_path``; tests/conftest.py).
LEFT_OUT: dict[Path, str] = {}


def leave_out(folder: Path, why: str) -> None:
    """Leave the stores under ``folder`` out of the check, for the reason ``why``."""
    LEFT_OUT[Path(folder)] = why


def store_folders(root: Path) -> Iterator[Path]:
    """The store folders under ``root`` (not looking inside a store: its snapshots are its own)."""
    for folder, subfolders, files in os.walk(root):
        if "CURRENT" in files and any(f.startswith("OPTIONS-") for f in files):
            subfolders.clear()
            yield Path(folder)
        else:
            subfolders.sort()


def _graph(folder: Path) -> tuple[Optional[str], Optional[str], int]:
    """(graph as sorted N-Triples, or None; the error opening the store, or None; triples)."""
    from kg.errors import KgError
    from kg.store import open_store

    try:
        with open_store(str(folder), read_only=True) as store:
            graph = store.union_graph()
    except KgError as exc:
        return None, str(exc), 0
    lines = sorted(graph.serialize(format="nt").splitlines())
    return "\n".join(lines), None, len(graph)


def _violations(ntriples: str) -> list[str]:
    from rdflib import Graph

    from kg.validate import validate_graph

    report = validate_graph(Graph().parse(data=ntriples, format="nt"))
    return [] if report.conforms else [str(v) for v in report.violations]


def invalid_stores(root: Path, left_out: Mapping[Path, str] = {}, workers: Optional[int] = None) -> list[str]:
    """One line per store under ``root`` that cannot be opened or does not validate.
    Stores inside a folder of ``left_out`` (folder -> why) are not checked."""
    problems: list[str] = []
    by_graph: dict[str, list[Path]] = {}
    for folder in store_folders(root):
        if any(folder == out or out in folder.parents for out in left_out):
            continue
        ntriples, error, triples = _graph(folder)
        if error is not None:
            problems.append(error if str(folder) in error else f"{folder}: {error}")
        elif triples:
            by_graph.setdefault(ntriples, []).append(folder)
    if not by_graph:
        return problems
    graphs = sorted(by_graph, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    # new processes, not forks of the session's (which may hold threads of a browser or a store)
    with ProcessPoolExecutor(max_workers=workers or min(len(graphs), os.cpu_count() or 1),
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        for ntriples, violations in zip(graphs, pool.map(_violations, graphs)):
            for folder in by_graph[ntriples] if violations else ():
                problems.append(f"{folder}: {len(violations)} violation(s)")
                problems += [f"    {v}" for v in violations]
    return problems
