"""The readers kg knows, and the choice of one for a file or a text.

:data:`READERS` holds kg's own readers, registered by module path and
imported when first used, and those other packages declare in the
``kg.readers`` entry-point group (see :mod:`kg.plugins`). A file is read by
the reader that claims its extension. A file without extension, and standard
input, are read by the first reader, in registry order, whose
:meth:`~kg.readers.Reader.sniff` accepts the text: kg's own (feeds before
HTML, as both start with a tag), then those of other packages; plain text is
the fallback.

>>> reader_for("news/2021-09-02-kabul.TXT").name, reader_for("photo.png")
('text', None)
>>> sniffed('{"id": "a1", "text": "One."}').name, sniffed("Taliban take Kabul").name
('jsonl', 'text')
>>> extensions()
['.xml', '.rss', '.atom', '.html', '.htm', '.xhtml', '.jsonl', '.ndjson', '.json', '.txt', '.text']
"""
from __future__ import annotations

import os
from typing import Optional

from ..plugins import Registry
from .base import PathLike, Reader

READERS = Registry("kg.readers", "reader")
# In sniffing order.
READERS.register("feed", "kg.readers.feed:FeedReader")
READERS.register("html", "kg.readers.html:HtmlReader")
READERS.register("jsonl", "kg.readers.jsonlines:JsonLinesReader")
READERS.register("json", "kg.readers.jsondoc:JsonReader")
READERS.register("text", "kg.readers.text:PlainTextReader")

#: The reader of a text no reader sniffs as its own.
FALLBACK = "text"


def extension(path: PathLike) -> str:
    """The extension of ``path`` in lower case, with the dot; "" if it has none."""
    return os.path.splitext(os.fspath(path))[1].lower()


def reader_for(path: PathLike) -> Optional[Reader]:
    """The reader that claims the extension of ``path``; None if none does or
    ``path`` has no extension (its content is then sniffed, see :func:`sniffed`)."""
    ext = extension(path)
    return READERS.find(lambda reader: ext in reader.extensions) if ext else None


def sniffed(head: str) -> Reader:
    """The reader of a text that starts with ``head``: the first whose sniff
    accepts it, else plain text."""
    return READERS.find(lambda reader: reader.sniff(head)) or READERS.get(FALLBACK)


def extensions() -> list[str]:
    """Every extension some reader claims, in registry order."""
    return list(dict.fromkeys(ext for _, reader in READERS.items() for ext in reader.extensions))
