"""JSON documents: a list of objects, or one object, each an article.

Reads ``.json`` files, and texts that parse as JSON and start with ``[`` or
``{``. The document's text is held whole (within ``$KG_MAX_FILE_BYTES``), but
a list is decoded one object at a time: its articles never all exist at once
as Python objects (which would take many times the size of the text), and
the objects before a syntax error are read. The fields of each object are
those of :func:`~kg.readers.record.article_from_record`, and article ``i``
of a list has the path ``file#i``. JSON Lines saved as ``.json`` (a common
slip) is read as JSON Lines.

>>> [a.path for a in JsonReader().read_text('[{"text": "One."}, 2, {"text": "Two."}]', "a.json", print)]
a.json#2: not a JSON object
['a.json#1', 'a.json#3']
>>> [a.path for a in JsonReader().read_text('[{"text": "One."},\\n {"text": "Two."} {"text"', "cut.json", print)]
cut.json: invalid JSON (expected ',' or ']' at line 2 column 19 (char 37)) after 2 item(s)
['cut.json#1', 'cut.json#2']
"""
from __future__ import annotations

import io
import json
import re
from typing import Iterator

from ..model import Article
from .base import Reader, ReadError, Report
from .jsonlines import json_object, loads, read_lines
from .record import article_from_record


class JsonReader(Reader):
    """One article per object of the document."""

    name = "json"
    extensions = (".json",)

    def sniff(self, head: str) -> bool:
        start = _skip_space(head, 0)
        if head.startswith("[", start):  # a list: its first item (or its end) is JSON
            first = _skip_space(head, start + 1)
            if head.startswith("]", first):
                return True
            try:
                _DECODER.raw_decode(head, first)
            except (ValueError, RecursionError):
                return False
            return True
        if not head.startswith("{", start):
            return False
        try:
            loads(head)
        except ValueError:
            return False
        return True

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
        start = _skip_space(text, 0)
        if text.startswith("[", start):
            yield from self._read_list(text, start + 1, where, report)
            return
        try:
            data = loads(text)
        except ValueError as e:
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if len(lines) > 1 and all(json_object(ln) is not None for ln in lines):
                # JSON Lines saved as .json: a common slip, and unambiguous.
                yield from read_lines(io.StringIO(text), where, report)
            else:
                report(ReadError(where, f"invalid JSON ({e})"))
            return
        if not isinstance(data, dict):
            report(ReadError(where, "JSON is neither an object nor a list of objects"))
            return
        article = article_from_record(data, where, where, report)
        if article is not None:
            yield article

    def _read_list(self, text: str, at: int, where: str, report: Report) -> Iterator[Article]:
        """The articles of the list whose items start at ``at``, decoded one by one."""
        i = 0
        at = _skip_space(text, at)
        if text.startswith("]", at):
            _trailing(text, at + 1, where, report)
            return
        while True:
            try:
                obj, at = _DECODER.raw_decode(text, at)
            except (ValueError, RecursionError) as e:
                reason = e if isinstance(e, ValueError) else "nested too deeply"
                report(ReadError(where, f"invalid JSON ({reason})" + (f" after {i} item(s)" if i else "")))
                return
            i += 1
            path = f"{where}#{i}"
            if isinstance(obj, dict):
                article = article_from_record(obj, path, path, report)
                del obj
                if article is not None:
                    yield article
            else:
                report(ReadError(path, "not a JSON object"))
            at = _skip_space(text, at)
            if text.startswith("]", at):
                _trailing(text, at + 1, where, report)
                return
            if not text.startswith(",", at):
                report(ReadError(where, f"invalid JSON (expected ',' or ']' at {_position(text, at)}) "
                                        f"after {i} item(s)"))
                return
            at = _skip_space(text, at + 1)

    def count(self, path: str) -> int:
        """The length of a list, one for an object, a line per line if it is not JSON."""
        try:
            with open(path, "rb") as fh:
                obj = json.load(fh)
            return len(obj) if isinstance(obj, list) else 1
        except ValueError:
            with open(path, "rb") as fh:
                return sum(1 for line in fh if line.strip())


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()


def _position(text: str, at: int) -> str:
    line = text.count("\n", 0, at) + 1
    return f"line {line} column {at - text.rfind(chr(10), 0, at)} (char {at})"


def _trailing(text: str, at: int, where: str, report: Report) -> None:
    """Report anything but white space after the end of the list."""
    at = _skip_space(text, at)
    if at < len(text):
        report(ReadError(where, f"invalid JSON (extra data at {_position(text, at)})"))
