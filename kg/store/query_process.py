"""A SPARQL query in a child process, which can be stopped.

Oxigraph cannot interrupt a running query: a thread that runs one holds the
store and a core until the query ends, hours later for a careless cross
product, and Ctrl-C waits for it too. So a user's query on an on-disk store
runs in a child process that opens the store read-only, answers, and exits;
at the time limit, on Ctrl-C, or when the parent dies, the child is killed
and whatever it held goes with it.

:func:`run_in_child` is the parent's side. Run as a script, this file is the
child: it reads one request (JSON: the folder, the query, the engine's
options) on standard input, answers on standard output (a JSON header line,
then the results serialised by Oxigraph: TSV for solutions, N-Triples for
triples), and exits. It imports nothing of kg, only ``pyoxigraph``, so it
starts in some 30 ms; the answer is parsed back by Oxigraph as well.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from typing import Optional


class ChildFailed(Exception):
    """The child reported an error: ``kind`` is the Python exception's name
    (``SyntaxError``, ``OSError``, ...), ``message`` Oxigraph's text."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind, self.message = kind, message


class Stopped(Exception):
    """The child ran past the time limit and was killed."""


def run_in_child(folder: str, sparql: str, options: dict, timeout: Optional[float] = None):
    """Run ``sparql`` on the store at ``folder`` (opened read-only) in a child
    process, with ``options`` for ``pyoxigraph.Store.query``; the answer as
    pyoxigraph objects (``QuerySolutions``, ``bool``, or a list of ``Triple``).
    The child is killed when ``timeout`` seconds pass (:class:`Stopped`) or on
    ``KeyboardInterrupt`` (raised again once it is dead)."""
    import pyoxigraph as ox

    request = json.dumps({"folder": str(folder), "query": sparql, "options": options}).encode("utf-8") + b"\n"
    child = subprocess.Popen([sys.executable, "-I", os.path.abspath(__file__)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out: dict = {}

    def read():
        out["stdout"] = child.stdout.read()
        out["stderr"] = child.stderr.read()

    reader = threading.Thread(target=read, name="kg-query-answer", daemon=True)
    try:
        child.stdin.write(request)
        child.stdin.flush()  # stdin stays open: the child exits when it closes (this process died)
        reader.start()
        reader.join(timeout)  # Ctrl-C interrupts the wait
        if reader.is_alive():
            raise Stopped()
    except BaseException:
        child.kill()  # the child this call started, by its handle
        child.wait()
        raise
    finally:
        child.stdin.close()
    child.wait()
    if child.returncode == -signal.SIGINT:  # Ctrl-C reached the child first
        raise KeyboardInterrupt
    header, _, payload = out["stdout"].partition(b"\n")
    try:
        answer = json.loads(header)
    except ValueError:
        last = out["stderr"].decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
        raise ChildFailed("crash", last[0]) from None
    kind = answer["kind"]
    if kind == "error":
        raise ChildFailed(answer["type"], answer["message"])
    if kind == "boolean":
        return answer["value"]
    if kind == "triples":
        return list(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES))
    return ox.parse_query_results(payload, format=ox.QueryResultsFormat.TSV)


def _child() -> None:
    """Answer one request from standard input, then exit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C at the terminal ends the child at once
    import pyoxigraph as ox

    request = json.loads(sys.stdin.buffer.readline())
    out = sys.stdout.buffer

    def answer():
        try:
            store = ox.Store.read_only(request["folder"])
            result = store.query(request["query"], **request["options"])
            if isinstance(result, ox.QueryBoolean):
                out.write(json.dumps({"kind": "boolean", "value": bool(result)}).encode() + b"\n")
            elif isinstance(result, ox.QueryTriples):
                payload = result.serialize(format=ox.RdfFormat.N_TRIPLES)
                out.write(b'{"kind": "triples"}\n' + payload)
            else:
                payload = result.serialize(format=ox.QueryResultsFormat.TSV)
                out.write(b'{"kind": "solutions"}\n' + payload)
        except Exception as exc:  # noqa: BLE001  (every error goes back to the parent as text)
            out.write(json.dumps({"kind": "error", "type": type(exc).__name__, "message": str(exc)}).encode() + b"\n")
        out.flush()
        os._exit(0)

    threading.Thread(target=answer, daemon=True).start()
    sys.stdin.buffer.read()  # returns when the parent closes the pipe: it is gone, or gave up
    os._exit(1)


if __name__ == "__main__":
    _child()
