"""Standard input (``-`` among the paths): JSON Lines streamed, or one document.

If the first non-blank line is a JSON object (or starts like one), the input
is read as JSON Lines, line by line as it arrives (a pipe from a crawler may
never end), each line held to ``$KG_MAX_FILE_BYTES`` exactly as in a file
(:func:`~kg.readers.jsonlines.utf8_lines`). Otherwise the whole input is one
document, held to ``$KG_MAX_FILE_BYTES`` like a file read whole: reading
stops at the limit (``kg build - < /dev/zero`` ends with one error), and the
document is decoded by :func:`~kg.readers.decode.decode` and read by the
reader that sniffs its format (see :func:`~kg.readers.registry.sniffed`):
plain text, HTML, JSON, a feed, or a format another package's reader claims.
Binary input is reported, not read; the articles' path is ``<stdin>``.
A publication date and a title given by the caller (``kg build - --date
2024-03-03 --title ...``) are those of every article read here.
"""
from __future__ import annotations

import codecs
import dataclasses
import sys
from datetime import date
from typing import Iterator, Optional

from ..model import Article
from ..settings import settings
from .base import STDIN, ReadError, Report
from .decode import control_ratio, decode
from .jsonlines import json_object, read_lines, utf8_lines
from .registry import sniffed


def read_stdin(report: Report, *, published: Optional[date] = None, title: Optional[str] = None) -> Iterator[Article]:
    """The articles on standard input; ``published`` and ``title``, when given, replace what the input says."""
    given = {k: v for k, v in (("published", published), ("title", title)) if v is not None}
    for article in _read_stdin(report):
        yield dataclasses.replace(article, **given) if given else article


def _read_stdin(report: Report) -> Iterator[Article]:
    stream = getattr(sys.stdin, "buffer", None) or _TextAsBytes(sys.stdin)
    limit = settings().max_file_bytes
    # Up to the end of the first non-blank line, or the limit, a megabyte at a time (a
    # bytearray, never a second copy: ``readline(n)`` holds its pieces and their join).
    head, line_start = bytearray(), 0
    while not limit or len(head) <= limit:
        piece = stream.readline(min(_PIECE, limit + 1 - len(head)) if limit else _PIECE)
        head += piece
        if not piece:
            break
        if piece.endswith(b"\n"):
            if not head[line_start:].isspace():
                break
            line_start = len(head)
    json_lines = _json_lines(memoryview(head)[line_start:], limit)
    over = bool(limit) and len(head) > limit
    replay = _Replay(head, stream)
    del head  # the replay's now, and let go of as it is read
    if json_lines:
        yield from read_lines(utf8_lines(replay, STDIN, report), STDIN, report)
        return
    data = None if over else replay.read(limit + 1 if limit else -1)
    if data is None or (limit and len(data) > limit):
        report(ReadError(STDIN, f"input too large (over {limit:,} bytes; see $KG_MAX_FILE_BYTES); "
                                "JSON Lines are streamed, any other input is one document"))
        return
    if not data.strip():
        report(ReadError(STDIN, "empty input"))
        return
    try:
        text = decode(data)
    except UnicodeError:
        text = ""
    del data
    if not text or control_ratio(text) > 0.01 or text.count("\ufffd") > 0.1 * len(text):
        report(ReadError(STDIN, "binary or undecodable input"))
        return
    yield from sniffed(text).read_text(text, STDIN, report)


_PIECE = 1 << 20
#: A first line up to this size is parsed to tell JSON Lines; a longer one by its braces.
_PARSED_FIRST_LINE = 1 << 20


def _json_lines(first: memoryview, limit) -> bool:
    """Whether the first non-blank line says JSON Lines: a JSON object (for a long
    line: braces at both ends), or the start of one too long to hold (that line is
    then reported as too long, and the next one read)."""
    if bytes(first[:2]) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return False  # UTF-16 cannot be split on b"\n": one document
    start = bytes(first[:64]).lstrip(codecs.BOM_UTF8 + b" \t\r")
    if not start.startswith(b"{"):
        return False
    cut = bool(limit) and len(first) > limit
    if cut or len(first) > _PARSED_FIRST_LINE:
        return cut or bytes(first[-64:]).rstrip().endswith(b"}")
    try:
        return json_object(bytes(first).decode("utf-8-sig")) is not None
    except UnicodeDecodeError:
        return False


class _Replay:
    """A binary stream whose first bytes, read to tell the format, are read again."""

    def __init__(self, head: bytearray, stream):
        self.head, self.at, self.stream = head, 0, stream

    def readline(self, size: int = -1) -> bytearray:
        if self.at >= len(self.head):
            return self.stream.readline(size)
        end = self.head.find(b"\n", self.at) + 1 or len(self.head)
        if size >= 0:
            end = min(end, self.at + size)
        if self.at == 0 and end == len(self.head):  # all of it: no copy
            line, self.head = self.head, bytearray()
        else:
            line, self.at = self.head[self.at:end], end
        if self.at >= len(self.head):
            self.head = bytearray()  # let go of it
            if not line.endswith(b"\n") and (size < 0 or len(line) < size):
                line += self.stream.readline(size - len(line) if size >= 0 else -1)
        return line

    def read(self, size: int = -1) -> bytearray:
        """What was read already and more, up to ``size`` bytes in all (all there is,
        if negative), gathered a megabyte at a time: never a second copy of it."""
        data, self.head = self.head, bytearray()
        del data[:self.at]
        while size < 0 or len(data) < size:
            chunk = self.stream.read(_PIECE if size < 0 else min(_PIECE, size - len(data)))
            if not chunk:
                break
            data += chunk
        return data


class _TextAsBytes:
    """A text stream standing in for standard input (a ``StringIO``), read as UTF-8 bytes."""

    def __init__(self, stream):
        self.stream = stream

    def readline(self, size: int = -1) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogatepass")

    def read(self, size: int = -1) -> bytes:
        return self.stream.read(size).encode("utf-8", "surrogatepass")
