"""JSON documents: a list of objects, or one object, each an article.

Reads ``.json`` files, and texts that parse as JSON and start with ``[`` or
``{``. The document is read whole (within ``$KG_MAX_FILE_BYTES``); the
fields of each object are those of
:func:`~kg.readers.record.article_from_record`, and article ``i`` of a list
has the path ``file#i``. JSON Lines saved as ``.json`` (a common slip) is
read as JSON Lines.

>>> [a.path for a in JsonReader().read_text('[{"text": "One."}, 2, {"text": "Two."}]', "a.json", print)]
a.json#2: not a JSON object
['a.json#1', 'a.json#3']
"""
from __future__ import annotations

import io
import json
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
        if not head.lstrip().startswith(("[", "{")):
            return False
        try:
            loads(head)
        except ValueError:
            return False
        return True

    def read_text(self, text: str, where: str, report: Report) -> Iterator[Article]:
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
        if isinstance(data, dict):
            records = [data]
        elif isinstance(data, list):
            records = data
        else:
            report(ReadError(where, "JSON is neither an object nor a list of objects"))
            return
        for i, obj in enumerate(records, 1):
            path = where if len(records) == 1 and isinstance(data, dict) else f"{where}#{i}"
            if not isinstance(obj, dict):
                report(ReadError(path, "not a JSON object"))
                continue
            article = article_from_record(obj, path, path, report)
            if article is not None:
                yield article

    def count(self, path: str) -> int:
        """The length of a list, one for an object, a line per line if it is not JSON."""
        try:
            with open(path, "rb") as fh:
                obj = json.load(fh)
            return len(obj) if isinstance(obj, list) else 1
        except ValueError:
            with open(path, "rb") as fh:
                return sum(1 for line in fh if line.strip())
