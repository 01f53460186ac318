"""Real SPARQL servers for the tests: `oxigraph serve` and Virtuoso 7, each started in a temporary
folder on free loopback ports and stopped afterwards, however the tests ended.

A server process also dies with the test process (a parent-death signal), so even a killed test
run leaves none behind. ``SERVERS`` names the kinds; :func:`start` starts one and gives its
``--store`` URL and a ``stop`` function.

Virtuoso (Debian's ``virtuoso-opensource``, ``virtuoso-t``) runs with its own defaults but for
its folders and ports: updates only from an authenticated user at ``/sparql-auth`` (``dba``/``dba``
in a new database), answers cut at ``ResultSetMaxRows`` (lowered here to 500 so that the tests'
small graphs are cut and paged), literals returned with their datatype as written, and system
graphs of its own. kg's backend copes with all of that; the tests do nothing special for it.
"""
from __future__ import annotations

import ctypes
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable

SERVERS = ["oxigraph", "virtuoso"]
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
#: Virtuoso's answers are cut at this many rows (its default, 10,000, is more than these tests hold).
VIRTUOSO_MAX_ROWS = 500

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""


class Unavailable(Exception):
    """The server's program is not installed."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_us() -> None:
    """In the server process before it starts: SIGKILL when the test process dies (Linux)."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start(kind: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """Start a server of ``kind`` with its data in ``folder``: (its --store URL, stop)."""
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / "server.log", "wb")
    if kind == "oxigraph":
        binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
        if not binary:
            raise Unavailable(f"the oxigraph server is not installed (looked for {OXIGRAPH} and on PATH); "
                              "it comes with the `oxigraph` package")
        port = free_port()
        command = [str(binary), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"]
        url = f"http://127.0.0.1:{port}"
        probe = f"{url}/query?query=ASK%7B%7D"
    elif kind == "virtuoso":
        binary = shutil.which("virtuoso-t")
        if not binary:
            raise Unavailable("Virtuoso is not installed (virtuoso-t; Debian: apt-get install virtuoso-opensource)")
        http_port, sql_port = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=folder, http_port=http_port, sql_port=sql_port,
                                           max_rows=VIRTUOSO_MAX_ROWS))
        command = [binary, "+foreground", "+configfile", str(ini)]
        url = f"http://dba:dba@127.0.0.1:{http_port}/sparql-auth"
        probe = f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D"
    else:
        raise ValueError(kind)
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=folder,
                            preexec_fn=_die_with_us)

    def stop() -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=20)
        log.close()

    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} exited with {proc.returncode}: "
                                   + (folder / "server.log").read_text(errors="replace")[-800:])
            try:
                with urllib.request.urlopen(probe, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{kind} did not answer within 60 s: "
                                       + (folder / "server.log").read_text(errors="replace")[-800:]) from None
                time.sleep(0.1)
    except BaseException:
        stop()
        raise
    return url, stop

