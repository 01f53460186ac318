"""Graph formats (kg.exporters.graph): GEXF for Gephi (attributes, absent ones
absent, positions, colours and labels as in the HTML, events, time intervals
and spells), GraphML with scalar attributes, node-link JSON; ``kg export``
writes the selection ``kg render`` draws."""
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
NODE_ATTRS = {"type", "country", "sector", "mentions", "kind", "label"}
EDGE_ATTRS = {"relation", "modality", "family", "weight", "confidence", "evidence", "sentences", "label"}
TALIBAN = "https://w3id.org/kg/id/actor/taliban"


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
    taliban = g.nodes[TALIBAN]
    assert NODE_ATTRS <= set(taliban) and "part_of" not in taliban
    assert taliban["label"] == "Taliban" and taliban["type"] == "ArmedGroup" and taliban["country"] == "AFG"
    assert isinstance(taliban["mentions"], int) and taliban["mentions"] >= 10
    for _, _, d in g.edges(data=True):
        assert EDGE_ATTRS <= set(d), EDGE_ATTRS - set(d)
        if d.get("first_date"):  # "2020-12" is all of December
            assert (d["start"], d["end"]) == date_bounds(d["first_date"], d["last_date"])
        else:
            assert "start" not in d and "end" not in d
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
    assert h.nodes["a"]["tags"] == '["x", "y"]' and "maybe" not in h.nodes["a"]
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


# --- positions, events, labels, absent attributes, time; the selection of kg render ------------


def gexf_items(path) -> tuple[dict, list]:
    """Nodes by id and edges of a GEXF file, each a dict: its XML attributes, ``values`` (attvalues by
    title), ``position`` (x, y) and ``spells``."""
    root = ET.parse(path).getroot()
    titles = {a.get("id"): a.get("title") for a in root.iter(f"{GEXF}attribute")}

    def item(el) -> dict:
        out = dict(el.attrib)
        out["values"] = {titles[v.get("for")]: v.get("value") for v in el.iter(f"{GEXF}attvalue")}
        pos = el.find(f"{VIZ}position")
        out["position"] = (float(pos.get("x")), float(pos.get("y"))) if pos is not None else None
        out["spells"] = [(s.get("start"), s.get("end")) for s in el.iter(f"{GEXF}spell")]
        return out

    return {n.get("id"): item(n) for n in root.iter(f"{GEXF}node")}, [item(e) for e in root.iter(f"{GEXF}edge")]


def cli(*args) -> tuple[int, str]:
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def page_nodes(html_path) -> dict:
    """The nodes of a page written by kg render, by IRI."""
    html = html_path.read_text(encoding="utf-8")
    data = json.loads(html.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    return {n["iri"]: n for n in data["nodes"]}


def test_gexf_nodes_are_where_the_page_draws_them(seed_store, tmp_path):
    """One layout for both: the GEXF of a selection puts each node where the page of that selection does
    (y pointing up in Gephi, down on a screen)."""
    code, out = cli("render", "--store", seed_store, "-o", tmp_path / "t.html", "--actor", "Taliban")
    assert code == 0, out
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / "t.gexf", "--actor", "Taliban", "--events")
    assert code == 0, out
    page = page_nodes(tmp_path / "t.html")
    nodes, _ = gexf_items(tmp_path / "t.gexf")
    assert set(nodes) == set(page) and len(nodes) > 5
    for iri, node in nodes.items():
        assert node["position"] == (page[iri]["x"], -page[iri]["y"]), node["label"]
    # Clusters apart: the positions are not all on one spot, and two runs agree.
    assert len({n["position"] for n in nodes.values()}) == len(nodes)
    cli("export", "--store", seed_store, "-o", tmp_path / "again.gexf", "--actor", "Taliban", "--events")
    assert gexf_items(tmp_path / "again.gexf")[0] == nodes


def test_gexf_has_events_when_asked(seed_store, tmp_path):
    kg.export(tmp_path / "plain.gexf", store=str(seed_store))
    kg.export(tmp_path / "events.gexf", store=str(seed_store), events=True)
    plain, plain_edges = gexf_items(tmp_path / "plain.gexf")
    nodes, edges = gexf_items(tmp_path / "events.gexf")
    assert not any(n["values"]["type"] == "Event" for n in plain.values())
    assert all(n["position"] for n in plain.values()) and all(n["position"] for n in nodes.values())
    events = {n["values"]["event_type"]: n for n in nodes.values() if n["values"]["type"] == "Event"}
    assert (events["Bombing"]["start"], events["Bombing"]["end"]) == ("2021-08-26", "2021-08-26")
    assert events["Bombing"]["label"] == "suicide bombing" and events["Bombing"]["values"]["kind"] == "event"
    assert "suicide bombing" in json.loads(events["Bombing"]["values"]["evidence"])[0]["sentence"]
    roles = [e for e in edges if e["target"] in {n["id"] for n in events.values()} or
             e["source"] in {n["id"] for n in events.values()}]
    assert {e["label"] for e in roles} >= {"agent", "target"} and all(e["values"]["family"] == "event" for e in roles)
    bombers = {nodes[e["source"]]["label"] for e in roles if e["target"] == events["Bombing"]["id"] and e["label"] == "agent"}
    assert bombers == {"Islamic State"}
    assert len(edges) == len(plain_edges) + len(roles)


def test_gexf_edges_are_labelled(seed_store, tmp_path):
    kg.export(tmp_path / "g.gexf", store=str(seed_store))
    _, edges = gexf_items(tmp_path / "g.gexf")
    labels = set()
    for e in edges:
        relation, modality = e["values"]["relation"], e["values"]["modality"]
        assert e["label"] == (relation if modality == "asserted" else f"{relation} ({modality})")
        labels.add(e["label"])
    assert {"coordinatesWith", "coordinatesWith (hypothetical)", "opposes"} <= labels


def test_gexf_absent_attributes_are_absent(seed_store, tmp_path):
    """No empty-string values: an attribute a node or edge does not have is not written for it (networkx
    declares each attribute once and writes the values each element has)."""
    kg.export(tmp_path / "g.gexf", store=str(seed_store), events=True)
    nodes, edges = gexf_items(tmp_path / "g.gexf")
    graph = kg.api.graph(str(seed_store), events=True)
    for iri, node in nodes.items():
        assert "" not in node["values"].values(), node
        expected = {k for k, v in graph.nodes[iri].items() if v not in ("", None, [], {}) and k != "label"}
        assert set(node["values"]) == expected, node["label"]
    by_label = {n["label"]: n["values"] for n in nodes.values()}
    assert by_label["Taliban"]["country"] == "AFG"
    assert "country" not in by_label["Islamic State"] and "country" not in by_label["suicide bombing"]
    assert "part_of" not in by_label["Taliban"] and "sector" not in by_label["suicide bombing"]
    for e in edges:
        assert "" not in e["values"].values() and "" not in e.values(), e
    # networkx reads them back absent, not empty.
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert "country" not in g.nodes["https://w3id.org/kg/id/actor/islamic-state"]


def test_gexf_time_spans_of_edges_events_and_actors(seed_store, tmp_path):
    """Edges and events from their dates; an actor is there while one of its dated edges is."""
    kg.export(tmp_path / "g.gexf", store=str(seed_store), events=True)
    nodes, edges = gexf_items(tmp_path / "g.gexf")
    graph = kg.api.graph(str(seed_store), events=True)
    for e in edges:
        d = graph.edges[e["source"], e["target"], e["values"]["networkx_key"]]
        assert (e.get("start"), e.get("end")) == (date_bounds(d["first_date"], d["last_date"]) if d["first_date"] else (None, None))
        for end in (e["source"], e["target"]):
            node = nodes[end]
            spans = node["spells"] or ([(node["start"], node["end"])] if "start" in node else [])
            if e.get("start") and spans:  # (no spans: an actor with an undated edge, always there)
                assert any(a <= e["start"] and e["end"] <= b for a, b in spans), (node["label"], e["label"])
    islamic_state = nodes["https://w3id.org/kg/id/actor/islamic-state"]
    assert ("2021-08-26", "2021-08-26") in islamic_state["spells"]  # the bombing
    assert islamic_state["spells"] == sorted(islamic_state["spells"])
    assert all(not n["spells"] for n in nodes.values() if "start" in n)  # a dated event: its own date
    alone = [n for iri, n in nodes.items() if graph.degree(iri) == 0]
    assert alone and all(not n["spells"] and "start" not in n for n in alone)  # no edge: always there


@pytest.mark.parametrize("selection", [
    ["--actor", "Taliban", "--depth", "1"],
    ["--actor", "islamic state", "--depth", "2"],
    ["--from", "2021-08-26", "--to", "2021-08-31"],
])
def test_export_writes_the_selection_render_draws(seed_store, tmp_path, selection):
    drawn_without_events = None
    for render_events, export_events in ((["--no-events"], []), ([], ["--events"])):
        code, out = cli("render", "--store", seed_store, "-o", tmp_path / "r.html", *selection, *render_events)
        assert code == 0, out
        code, out = cli("export", "--store", seed_store, "-o", tmp_path / "x.gexf", *selection, *export_events)
        assert code == 0, out
        drawn = page_nodes(tmp_path / "r.html")
        nodes, edges = gexf_items(tmp_path / "x.gexf")
        assert set(nodes) == set(drawn) and len(nodes) < 30
        drawn_without_events = drawn_without_events if drawn_without_events is not None else set(drawn)
        html = (tmp_path / "r.html").read_text(encoding="utf-8")
        assert len(edges) == len(json.loads(html.split('id="graph-data">', 1)[1].split("</script>", 1)[0])["edges"])
        # (the seed's relations are dated 2021-09-02: the August window holds only events)
        assert len(nodes) > 2 or (selection[0] == "--from" and not export_events)
        assert any(n["values"]["type"] == "Event" for n in nodes.values()) == bool(export_events)
    if selection[0] == "--actor":
        assert "https://w3id.org/kg/id/actor/taliban" in nodes and "Lloyd Austin" not in {n["label"] for n in nodes.values()}
    else:
        assert all("2021-08-26" <= e["start"] <= "2021-08-31" for e in edges)
    # The other graph formats take the same selection.
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / "x.graphml", *selection)
    assert code == 0, out
    assert set(nx.read_graphml(tmp_path / "x.graphml")) == drawn_without_events


def test_export_selection_errors(seed_store, tmp_path):
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / "x.gexf", "--actor", "Nobody at all")
    assert code == 1 and "no actor named 'Nobody at all'" in out and "Traceback" not in out
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / "x.gexf", "--from", "2021-02-30")
    assert code == 2 and "not a date" in out
    assert not (tmp_path / "x.gexf").exists()


@pytest.mark.parametrize("name", ["x.ttl", "x.trig", "x.nq", "x.jsonld"])
def test_rdf_formats_refuse_a_selection(seed_store, tmp_path, name):
    """The RDF formats write the whole store: a selection that leaves anything out is refused, by name."""
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / name, "--actor", "Taliban")
    assert code == 1
    assert f"{tmp_path / name}: the " in out and "writes the whole store" in out
    assert "gexf, graphml, nodelink" in out and "Traceback" not in out
    assert not (tmp_path / name).exists()
    with pytest.raises(kg.errors.FormatError, match="writes the whole store"):
        kg.export(tmp_path / name, store=str(seed_store), start="2021-09")
    # Events as nodes leave nothing out: the RDF holds them anyway.
    code, out = cli("export", "--store", seed_store, "-o", tmp_path / name, "--events")
    assert code == 0 and (tmp_path / name).stat().st_size > 1000
