"""Standard input (``-`` among the paths): JSON Lines streamed, or one document.

If the first non-blank line is a JSON object, the input is read as JSON
Lines, line by line as it arrives (a pipe from a crawler may never end).
Otherwise the whole input is one document, its format sniffed (see
:func:`~kg.readers.registry.sniffed`): plain text, HTML, JSON, a feed, or a
format another package's reader claims. Binary input is reported, not read.
Input is decoded line by line as UTF-8, a line that is not by
:func:`~kg.readers.decode.decode`; the articles' path is ``<stdin>``.
A publication date and a title given by the caller (``kg build - --date
2024-03-03 --title ...``) are those of every article read here.
"""
from __future__ import annotations

import codecs
import dataclasses
import itertools
import sys
from datetime import date
from typing import Iterator, Optional

from ..model import Article
from .base import STDIN, ReadError, Report
from .decode import control_ratio, decode
from .jsonlines import json_object, read_lines
from .registry import sniffed


def read_stdin(report: Report, *, published: Optional[date] = None, title: Optional[str] = None) -> Iterator[Article]:
    """The articles on standard input; ``published`` and ``title``, when given, replace what the input says."""
    given = {k: v for k, v in (("published", published), ("title", title)) if v is not None}
    for article in _read_stdin(report):
        yield dataclasses.replace(article, **given) if given else article


def _read_stdin(report: Report) -> Iterator[Article]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        lines: Iterator[str] = _stdin_lines(buffer)
    else:  # a StringIO or other text stream
        lines = iter(stream)
    leading: list[str] = []
    for line in lines:
        leading.append(line)
        if line.strip():
            break
    if leading and json_object(leading[-1]) is not None:
        yield from read_lines(itertools.chain(leading, lines), STDIN, report)
        return
    rest = "".join(leading) + "".join(lines)
    if not rest.strip():
        report(ReadError(STDIN, "empty input"))
        return
    text = rest.replace("\r\n", "\n").replace("\r", "\n")
    if control_ratio(text) > 0.01 or text.count("\ufffd") > 0.1 * len(text):
        report(ReadError(STDIN, "binary or undecodable input"))
        return
    yield from sniffed(text).read_text(text, STDIN, report)


def _stdin_lines(buffer) -> Iterator[str]:
    """Decode binary standard input line by line (UTF-8, else cp1252/detected)."""
    first = True
    for raw in buffer:
        if first and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # UTF-16 lines cannot be split on b"\n"; decode all of it.
            data = raw + buffer.read()
            try:
                yield decode(data)
            except UnicodeError:
                yield data.decode("utf-8", errors="replace")  # reported as binary by the caller's checks
            return
        try:
            yield raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            try:
                yield decode(raw)
            except UnicodeError:
                yield raw.decode("utf-8", errors="replace")
        first = False
