"""Rows as text: the ``table``, ``csv`` and ``json`` output of every command that prints rows.

Reads: a header and rows of plain Python values (``str``, ``int``, ``float``,
``bool``, ``None``), as :func:`kg.sparql.result_rows` gives them.
Writes: text. JSON keeps the values' types (a count is a number, a flag a
boolean); a table clips long cells and ends with the row count; CSV writes
every value as text, ``true``/``false`` for booleans.

>>> print(format_rows(["actor", "n", "known"], [["Taliban", 3, True]], "json"))
[
 {
  "actor": "Taliban",
  "n": 3,
  "known": true
 }
]
>>> print(format_rows(["actor", "n"], [["Taliban", 3], ["Islamic State", None]], "table"))
actor          n
-------------  -
Taliban        3
Islamic State
(2 rows)
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from .errors import FormatError

#: the formats of :func:`format_rows`, the first the default
ROW_FORMATS = ("table", "csv", "json")


def cell_text(value: Any) -> str:
    """A value as a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def format_rows(header: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", *,
                width: int = 60) -> str:
    """``rows`` under ``header`` as ``fmt`` (one of :data:`ROW_FORMATS`); table
    cells longer than ``width`` characters are clipped (0: never)."""
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows([cell_text(c) for c in r] for r in rows)
        return buf.getvalue()
    if fmt != "table":
        raise FormatError(f"unknown format {fmt!r}; choose {', '.join(ROW_FORMATS)}")
    texts = [[cell_text(c) for c in r] for r in rows]
    clipped = [[c if not width or len(c) <= width else c[: width - 1] + "…" for c in r] for r in texts]
    widths = [max([len(h)] + [len(r[i]) for r in clipped]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(header)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in clipped]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
