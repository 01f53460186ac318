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
from typing import Iterable, Iterator, Optional

from ..model import Article
from ..settings import settings
from .base import Reader, ReadError, Report, os_reason
from .record import article_from_record


class JsonLinesReader(Reader):
    """One article per line; a file is streamed, never read whole."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def sniff(self, head: str) -> bool:
        lines = [ln for ln in head.splitlines() if ln.strip()]
        return bool(lines) and all(json_object(ln) is not None for ln in lines)

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
                lines = io.TextIOWrapper(f, encoding="utf-16", newline=None)
            else:
                lines = _utf8_lines(f, path, report)
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


def _utf8_lines(f, path: str, report: Report) -> Iterator[Optional[str]]:
    """Decode a binary file line by line; a bad line yields None, reported.

    No line is held in memory whole if it is longer than the file size limit.
    """
    max_bytes = settings().max_file_bytes
    for n in itertools.count(1):
        raw = f.readline(max_bytes + 1) if max_bytes else f.readline()
        if not raw:
            return
        if max_bytes and len(raw) > max_bytes:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = f.readline(1 << 20)
            report(ReadError(path, f"line too long (over {max_bytes:,} bytes)", line=n))
            yield None
            continue
        try:
            yield raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            report(ReadError(path, "line is not valid UTF-8", line=n))
            yield None


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
