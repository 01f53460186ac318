"""JSON Lines: one article per line, each a JSON object, streamed.

Reads ``.jsonl`` and ``.ndjson`` files, and texts whose every non-blank line
is a JSON object (standard input whose first non-blank line is one is
streamed too, see :mod:`kg.readers.stdin`). A file is read line by line and
never held whole, so it has no size limit, but each line is held to
``$KG_MAX_FILE_BYTES``. A bad line (invalid JSON, not an object, invalid
UTF-8, no text) is reported with its line number and the next one is read.
The fields of an object are those of :func:`~kg.readers.record.article_from_record`.

>>> import io
>>> lines = io.StringIO('{"id": "a1", "text": "One."}\\n[1]\\n{"id": "a2", "text": "Two."}\\n')
>>> [a.path for a in read_lines(lines, "a.jsonl", print)]
a.jsonl:2: not a JSON object
['a.jsonl#L1', 'a.jsonl#L3']
"""
from __future__ import annotations

import codecs
import io
import itertools
import json
from typing import Callable, Iterable, Iterator, Optional

from ..model import Article
from ..settings import settings
from .base import Reader, ReadError, Report, os_reason
from .record import article_from_record


class JsonLinesReader(Reader):
    """One article per line; a file is streamed, never read whole."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def sniff(self, head: str) -> bool:
        lines = (ln for ln in head.splitlines() if ln.strip())
        first = next(lines, None)
        return first is not None and json_object(first) is not None and all(json_object(ln) is not None for ln in lines)

    def read_file(self, path: str, report: Report) -> Iterator[Article]:
        try:
            f = open(path, "rb")
        except OSError as e:
            report(ReadError(path, os_reason(e)))
            return
        with f:
            start = f.read(4)
            f.seek(0)
            if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                lines = bounded_lines(io.TextIOWrapper(f, encoding="utf-16", newline=None), path, report)
            else:
                lines = utf8_lines(f, path, report)
            seen = [False]

            def noting(it):
                for line in it:
                    if line is None or line.strip():
                        seen[0] = True
                    yield line

            try:
                yield from read_lines(noting(lines), path, report)
            except OSError as e:
                report(ReadError(path, os_reason(e)))
            except UnicodeError as e:  # UTF-16 that is not
                report(ReadError(path, f"cannot decode: {e}"))
            if not seen[0]:
                report(ReadError(path, "empty file"))

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        yield from read_lines(io.StringIO(text), where, report)

    def count(self, path: str) -> int:
        """A record per non-blank line."""
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())


def read_lines(lines: Iterable[Optional[str]], where: str, report: Report) -> Iterator[Article]:
    """The articles of JSON Lines; a None line (already reported) is skipped.
    Article ``n`` (from line ``n``) has the path ``where#Ln``."""
    for n, line in enumerate(lines, 1):
        if line is None or not line.strip():
            continue
        try:
            obj = loads(line)
        except ValueError as e:
            report(ReadError(where, f"invalid JSON ({e.args[0] if e.args else e})", line=n))
            continue
        if not isinstance(obj, dict):
            report(ReadError(where, "not a JSON object", line=n))
            continue
        article = article_from_record(obj, f"{where}#L{n}", where, report, line=n)
        if article is not None:
            yield article


def utf8_lines(f, path: str, report: Report) -> Iterator[Optional[str]]:
    """The lines of the binary stream ``f`` decoded as UTF-8 (see :func:`bounded_lines`);
    a line that is not UTF-8 yields None, reported."""

    def utf8(raw: bytes, n: int) -> Optional[str]:
        try:
            return raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            report(ReadError(path, "line is not valid UTF-8", line=n))
            return None

    return bounded_lines(f, path, report, utf8)


def bounded_lines(f, path: str, report: Report, decode: Optional[Callable] = None) -> Iterator:
    """The lines of the stream ``f`` (bytes or text), each held to ``$KG_MAX_FILE_BYTES``:
    a longer one is reported, skipped without being held, and yields None. A
    stream with no end (``/dev/zero``) is read for ever, in bounded memory.
    ``decode(line, n)``, if given, turns each line into what is yielded (the
    line read is let go first: a long line is not held twice)."""
    max_bytes = settings().max_file_bytes
    for n in itertools.count(1):
        line = f.readline(max_bytes + 1) if max_bytes else f.readline()
        if not line:
            return
        if max_bytes and len(line) > max_bytes:
            newline = "\n" if isinstance(line, str) else b"\n"
            while line and not line.endswith(newline):  # skip the rest of the line
                line = f.readline(1 << 20)
            report(ReadError(path, f"line too long (over {max_bytes:,} bytes)", line=n))
            yield None
            continue
        if decode is not None:
            line = decode(line, n)
        yield line


def json_object(line: str) -> Optional[dict]:
    """``line`` as a JSON object, or None if it is not one.

    >>> json_object(' {"id": 1} '), json_object("[1]"), json_object("{nope")
    ({'id': 1}, None, None)
    """
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        obj = loads(line)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


def loads(text: str):
    """``json.loads``, with JSON nested too deeply for Python's stack as a ``ValueError``."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
