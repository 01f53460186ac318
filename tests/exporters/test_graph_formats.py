"""Graph formats (kg.exporters.graph): GEXF for Gephi (attributes, viz colours as
in the HTML, time intervals), GraphML with scalar attributes, node-link JSON."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import yaml

import kg
from kg.views.graph import date_bounds

from .conftest import REPO

STYLE = yaml.safe_load((REPO / "ontology" / "style.yaml").read_text(encoding="utf-8"))
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"
NODE_ATTRS = {"type", "country", "sector", "mentions", "part_of", "kind", "label"}
EDGE_ATTRS = {"relation", "plover", "modality", "family", "weight", "confidence", "evidence", "sentences",
              "first_date", "last_date", "start", "end"}


def rgb(hex_color: str) -> tuple:
    c = hex_color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


@pytest.fixture(scope="module")
def gexf(seed_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("gexf") / "seed.gexf"
    kg.export(path, store=str(seed_store))
    return path


def test_gexf_header_is_1_2draft_and_dynamic(gexf):
    root = ET.parse(gexf).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    assert "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" in root.get(
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    graph = root.find(f"{GEXF}graph")
    assert graph.get("defaultedgetype") == "directed"
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"


def test_gexf_round_trips_through_networkx_with_every_attribute(gexf, seed_store):
    original = kg.api.graph(str(seed_store))
    g = nx.read_gexf(gexf)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == original.number_of_nodes()
    assert g.number_of_edges() == original.number_of_edges()
    taliban = g.nodes["https://w3id.org/kg/id/actor/taliban"]
    assert NODE_ATTRS <= set(taliban)
    assert taliban["label"] == "Taliban" and taliban["type"] == "ArmedGroup" and taliban["country"] == "AFG"
    assert isinstance(taliban["mentions"], int) and taliban["mentions"] >= 10
    for _, _, d in g.edges(data=True):
        assert EDGE_ATTRS <= set(d), EDGE_ATTRS - set(d)
        assert (d["start"], d["end"]) == date_bounds(d["first_date"], d["last_date"])  # "2020-12": all December
        assert d["weight"] >= 1
        # Lists arrive as strings (JSON), never as networkx's dynamic values.
        assert isinstance(d["evidence"], str)
        assert json.loads(d["evidence"])[0]["sentence"] in d["sentences"]
    coord = [d for s, o, d in g.edges(data=True) if s.endswith("/us-military") and o.endswith("/taliban")
             and d["relation"] == "coordinatesWith" and d["modality"] == "asserted"]
    assert coord and coord[0]["plover"] and coord[0]["start"] == "2021-09-02"


def test_gexf_viz_matches_the_html_colours(gexf):
    root = ET.parse(gexf).getroot()
    ids = {a.get("id"): a.get("title") for a in root.iter(f"{GEXF}attribute")}
    for node in root.iter(f"{GEXF}node"):
        values = {ids[v.get("for")]: v.get("value") for v in node.iter(f"{GEXF}attvalue")}
        color = node.find(f"{VIZ}color")
        assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == \
            rgb(STYLE["node_types"][values["type"]]["color"])
        assert float(node.find(f"{VIZ}size").get("value")) >= 10
    shapes = set()
    for edge in root.iter(f"{GEXF}edge"):
        values = {ids[v.get("for")]: v.get("value") for v in edge.iter(f"{GEXF}attvalue")}
        color = edge.find(f"{VIZ}color")
        assert (int(color.get("r")), int(color.get("g")), int(color.get("b"))) == rgb(STYLE["families"][values["family"]])
        shape = edge.find(f"{VIZ}shape").get("value")
        assert (shape == "solid") == (values["modality"] == "asserted")
        assert (float(color.get("a")) == 1.0) == (values["modality"] == "asserted")
        shapes.add(shape)
        assert edge.get("start") and edge.get("end")
    assert shapes >= {"solid", "dashed"}


def test_gexf_coarse_dates_and_lists(tmp_path):
    from kg.exporters.graph import GexfExporter

    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Person", tags=["x", "y"], mentions=2, maybe=None)
    g.add_node("b", label="B", type="Event", kind="event", date="2020-12", mentions=1)
    g.add_edge("a", "b", key="agent", relation="agent", modality="asserted", family="event", weight=1,
               evidence=[{"sentence": "A met B."}], first_date="2020-12", last_date="2021", sources={"s2", "s1"})
    GexfExporter().write_graph(g, tmp_path / "g.gexf")
    h = nx.read_gexf(tmp_path / "g.gexf")
    assert h.nodes["a"]["tags"] == '["x", "y"]' and h.nodes["a"]["maybe"] == ""
    assert (h.nodes["b"]["start"], h.nodes["b"]["end"]) == ("2020-12-01", "2020-12-31")
    (_, _, d), = h.edges(data=True)
    assert (d["start"], d["end"]) == ("2020-12-01", "2021-12-31")
    assert d["sources"] == '["s1", "s2"]'


def test_graphml_has_scalar_attributes(seed_store, tmp_path):
    path = tmp_path / "seed.graphml"
    kg.export(path, store=str(seed_store))
    g = nx.read_graphml(path)
    assert g.number_of_edges() > 5
    for _, d in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
        assert {"label", "type", "mentions"} <= set(d)
    for _, _, d in g.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
        assert {"relation", "modality", "weight", "sentences", "first_date"} <= set(d)


def test_nodelink_json(seed_store, tmp_path):
    path = tmp_path / "seed.json"
    kg.export(path, store=str(seed_store))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["directed"] and data["multigraph"]
    g = nx.node_link_graph(data, edges="edges")
    taliban = g.nodes["https://w3id.org/kg/id/actor/taliban"]
    assert taliban["label"] == "Taliban"
    assert any(isinstance(d["evidence"], list) and d["evidence"][0]["sentence"] for _, _, d in g.edges(data=True))


def test_cli_export(seed_store, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "cli.gexf"
    result = CliRunner().invoke(main, ["export", "--store", str(seed_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(out).number_of_edges() > 5


def test_gexf_writer_draws_with_the_style_module_not_the_html_page():
    """The GEXF writer and the page share kg.views.style; the page (and pyvis) stay unloaded."""
    import subprocess
    import sys

    code = "import sys, kg.exporters.graph; print(sorted(m for m in ('kg.views.html', 'pyvis') if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"
