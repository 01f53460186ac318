"""How the graph is drawn: one source for the HTML page and the GEXF file.

:class:`Style` reads ``ontology/style.yaml``: node colour and shape by actor
(or event) type, edge colour by relation family, dashes and opacity by
modality. Node size, edge width and edge label follow from the graph
(degree, mentions, supporting articles, relation and modality), and
:func:`rgba` is the one parser of the style's colours, for formats that want
numbers rather than CSS.

>>> style = Style()
>>> style.node({"type": "Country"})
{'color': '#59a14f', 'shape': 'square'}
>>> style.edge_color({"family": "conflict-material"})
'#c0392b'
>>> rgba(style.edge_color({"family": "conflict-material"}), style.opacity("reported"))
(192, 57, 43, 0.8)
>>> node_size(degree=4, mentions=12), edge_width(weight=3)
(22.0, 4)
>>> edge_label({"relation": "coordinatesWith", "modality": "hypothetical"})
'coordinatesWith (hypothetical)'
"""
from __future__ import annotations

import math
import re
from typing import Optional, Union

from ..datafiles import load_yaml
from ..errors import DataFileError

#: A node whose type the style does not know, nor has an ``Actor`` entry for.
_FALLBACK_NODE = {"color": "#9c9c9c", "shape": "dot"}
_FALLBACK_EDGE_COLOR = "#888888"
#: A modality missing from the style is drawn dashed and faded, never like an asserted one.
_FALLBACK_DASHES = [4, 4]
_FALLBACK_OPACITY = 0.6

_HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


class Style:
    """The drawing rules of ``style.yaml`` (or of ``spec``, a dict of the same shape).

    >>> Style({"node_types": {"Person": {"color": "#123"}}}).node({"type": "Person"})
    {'color': '#123', 'shape': 'dot'}
    >>> Style({}).opacity("asserted"), Style({}).opacity("rumoured"), Style({}).dashes("rumoured")
    (1.0, 0.6, [4, 4])
    """

    def __init__(self, spec: Optional[dict] = None):
        self.spec = (load_yaml("style.yaml") or {}) if spec is None else spec

    def node(self, data: dict) -> dict:
        """Colour and shape (a vis-network shape) of a node, by its ``type``."""
        types = self.spec.get("node_types", {})
        found = types.get(data.get("type", "Actor"), types.get("Actor", {}))
        return {key: found.get(key, default) for key, default in _FALLBACK_NODE.items()}

    def edge_color(self, data: dict) -> str:
        """Colour of an edge, by its relation ``family`` (e.g. ``conflict-material``)."""
        families = self.spec.get("families", {})
        return families.get(data.get("family", "other"), families.get("other", _FALLBACK_EDGE_COLOR))

    def _modality(self, modality: str) -> dict:
        return (self.spec.get("modality") or {}).get(modality, {})

    def opacity(self, modality: str) -> float:
        """Opacity of a relation (or an event) of this modality: 1 when asserted, unless the style says otherwise."""
        return float(self._modality(modality).get("opacity", 1.0 if modality == "asserted" else _FALLBACK_OPACITY))

    def dashes(self, modality: str) -> Union[bool, list]:
        """The dash pattern of an edge of this modality; False (a solid line) when asserted."""
        return False if modality == "asserted" else self._modality(modality).get("dashes", _FALLBACK_DASHES)

    def legend(self) -> dict:
        """What the page's legend shows: node types, families, modalities."""
        return {"node_types": self.spec.get("node_types", {}), "families": self.spec.get("families", {}),
                "modality": self.spec.get("modality") or {}}


def node_size(degree: int, mentions: int = 0, *, compact: bool = False) -> float:
    """A node's size: grows with the square root of its degree plus mentions, capped.
    ``compact``: smaller, for the large graphs drawn without physics."""
    weight = math.sqrt(degree + (mentions or 0))
    size = (6 + 1.5 * weight) if compact else (10 + 3 * weight)
    return round(min(size, 40 if compact else 60), 1)


def edge_width(weight: Optional[int]) -> int:
    """An edge's width from its weight (the articles supporting it): 2 to 7."""
    return 1 + min(6, int(weight or 1))


def edge_label(data: dict) -> str:
    """The label drawn on an edge: its relation, and its modality unless asserted
    (a Gephi drawing shows no dashes, and a hedge must never read as a fact)."""
    relation, modality = data.get("relation", ""), data.get("modality", "asserted")
    return relation if modality == "asserted" else f"{relation} ({modality})"


def rgba(color: str, alpha: float = 1.0) -> tuple[int, int, int, float]:
    """Red, green, blue (0-255) and alpha of a style colour (``#rgb`` or ``#rrggbb``).

    >>> rgba("#4e79a7"), rgba("#fff", 0.5)
    ((78, 121, 167, 1.0), (255, 255, 255, 0.5))
    >>> rgba("teal")
    Traceback (most recent call last):
    ...
    kg.errors.DataFileError: style.yaml: 'teal' is not a colour like #4e79a7 or #fff
    """
    match = _HEX_COLOR.fullmatch(color)
    if match is None:
        raise DataFileError(f"style.yaml: {color!r} is not a colour like #4e79a7 or #fff")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), float(alpha)
