"""The drawing rules of ontology/style.yaml (kg.views.style), shared by the page and the GEXF file."""
from __future__ import annotations

import re

import pytest
import yaml

from kg.errors import DataFileError
from kg.views.style import Style, edge_width, node_size, rgba

from .conftest import REPO

STYLE = yaml.safe_load((REPO / "ontology" / "style.yaml").read_text(encoding="utf-8"))


def test_node_style_by_type_with_actor_for_the_unknown():
    style = Style()
    for name, spec in STYLE["node_types"].items():
        assert style.node({"type": name}) == spec
    assert style.node({"type": "Spaceship"}) == style.node({}) == STYLE["node_types"]["Actor"]
    assert Style({}).node({"type": "Person"}) == {"color": "#9c9c9c", "shape": "dot"}


def test_edge_colour_by_family_with_other_for_the_unknown():
    style = Style()
    for family, color in STYLE["families"].items():
        assert style.edge_color({"family": family}) == color
    assert style.edge_color({"family": "nope"}) == style.edge_color({}) == STYLE["families"]["other"]
    assert Style({}).edge_color({"family": "event"}) == "#888888"


def test_only_asserted_relations_are_solid_and_opaque():
    style = Style()
    for modality, spec in STYLE["modality"].items():
        assert style.opacity(modality) == spec["opacity"]
        assert style.dashes(modality) == spec["dashes"]
        assert (style.opacity(modality) == 1.0) == (modality == "asserted") == (style.dashes(modality) is False)
    assert style.opacity("rumoured") == 0.6 and style.dashes("rumoured") == [4, 4]
    assert style.legend() == {"node_types": STYLE["node_types"], "families": STYLE["families"],
                              "modality": STYLE["modality"]}


def test_sizes():
    assert node_size(0) == 10 and node_size(0, compact=True) == 6
    assert node_size(4, 12) == 22.0 and node_size(2, None) == round(10 + 3 * 2 ** 0.5, 1)
    assert node_size(10_000) == 60 and node_size(10_000, compact=True) == 40
    assert [edge_width(w) for w in (None, 0, 1, 3, 6, 100)] == [2, 2, 2, 4, 7, 7]


@pytest.mark.parametrize("color,alpha,expected", [("#4e79a7", 1.0, (78, 121, 167, 1.0)),
                                                  ("#FFF", 0.5, (255, 255, 255, 0.5)),
                                                  ("c0392b", 0.45, (192, 57, 43, 0.45))])
def test_one_colour_parser(color, alpha, expected):
    assert rgba(color, alpha) == expected


@pytest.mark.parametrize("color", ["teal", "#12345", "#gggggg", "rgb(1,2,3)", ""])
def test_a_colour_that_is_not_hex_is_a_data_file_error(color):
    with pytest.raises(DataFileError, match=re.escape(f"style.yaml: {color!r} is not a colour like #4e79a7 or #fff")):
        rgba(color)
