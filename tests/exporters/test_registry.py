"""The registry of exporters: a format is found by name, alias or file extension;
unknown formats and unwritable outputs are kg errors; an exporter registered in
process or declared as an entry point serves kg.export and `kg export` like kg's own."""
from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import FormatError, OutputError
from kg.exporters import EXPORTERS, find_exporter
from kg.exporters.graph import GraphExporter

KG_FORMATS = ["gexf", "graphml", "nodelink", "turtle", "trig", "nquads", "jsonld"]


class EdgeListExporter(GraphExporter):
    """A format kg does not have: one line per edge, tab-separated."""

    names = ("edgelist", "tsv-edges")
    extensions = (".edges",)

    def write_graph(self, g, output):
        with self.open(output) as fh:
            for s, o, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
                fh.write(f"{g.nodes[s]['label']}\t{d['relation']}\t{g.nodes[o]['label']}\n")


def test_kg_formats_are_registered_in_order():
    assert EXPORTERS.names()[:len(KG_FORMATS)] == KG_FORMATS
    for name in KG_FORMATS:
        assert find_exporter("-", name).name == name


@pytest.mark.parametrize("alias,name", [("ttl", "turtle"), ("nq", "nquads"), ("json-ld", "jsonld")])
def test_aliases(alias, name):
    assert find_exporter("-", alias) is find_exporter("-", name)


@pytest.mark.parametrize("path,name", [("g.gexf", "gexf"), ("g.graphml", "graphml"), ("g.json", "nodelink"),
                                       ("g.ttl", "turtle"), ("G.TRIG", "trig"), ("a/b.nq", "nquads"),
                                       ("g.jsonld", "jsonld")])
def test_format_from_the_file_extension(path, name):
    assert find_exporter(path).name == name


def test_unknown_format_or_extension_is_a_format_error_listing_the_formats(seed_store, tmp_path):
    with pytest.raises(FormatError, match=r"unknown export format 'dot'; known: gexf, graphml, nodelink, "
                                          r"turtle \(ttl\), trig, nquads \(nq\), jsonld \(json-ld\)$"):
        kg.export(tmp_path / "g.dot", store=str(seed_store), fmt="dot")
    with pytest.raises(FormatError, match=r"g\.dot: cannot tell the export format .* \(\.gexf, \.graphml, \.json, "):
        kg.export(tmp_path / "g.dot", store=str(seed_store))
    with pytest.raises(FormatError, match=r"^-: standard output has no file extension .* name one with --format \(gexf"):
        kg.export("-", store=str(seed_store))
    # the format is checked before the store is opened: a wrong name creates no store
    with pytest.raises(FormatError):
        kg.export(tmp_path / "g.dot", store=str(tmp_path / "no-store"))
    assert not (tmp_path / "no-store").exists()


def test_cli_unknown_format_is_one_line_listing_the_formats(seed_store, tmp_path):
    r = CliRunner().invoke(main, ["export", "--store", str(seed_store), "-o", str(tmp_path / "g"), "--format", "dot"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "unknown export format 'dot'; known: gexf, graphml, nodelink, turtle (ttl)" in r.output


def test_cli_help_loads_no_entry_points(monkeypatch, exporters):
    def entry_points(**kw):
        raise AssertionError("entry points loaded to build the help")

    monkeypatch.setattr("kg.plugins.entry_points", entry_points)
    monkeypatch.setattr(exporters, "_plugins_loaded", False)
    r = CliRunner().invoke(main, ["export", "--help"])
    assert r.exit_code == 0 and "kg.exporters" in r.output


@pytest.mark.parametrize("fmt", ["gexf", "turtle"])
def test_a_folder_is_not_a_writable_output(seed_store, tmp_path, fmt):
    with pytest.raises(OutputError, match=f"^{tmp_path}: is a folder"):
        kg.export(tmp_path, store=str(seed_store), fmt=fmt)
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match=f"g.out: cannot write: {tmp_path / 'file'} is a file, not a folder$"):
        kg.export(tmp_path / "file" / "g.out", store=str(seed_store), fmt=fmt)
    r = CliRunner().invoke(main, ["export", "--store", str(seed_store), "-o", str(tmp_path), "--format", fmt])
    assert r.exit_code == 1 and "is a folder" in r.output and "Traceback" not in r.output


@pytest.fixture(params=["registered", "entry point"])
def edgelist(request, exporters, monkeypatch):
    """EdgeListExporter in the registry: registered in process, or declared as an
    entry point of another package (found by importlib.metadata)."""
    if request.param == "registered":
        exporters.register("edgelist", EdgeListExporter())
    else:
        declared = EntryPoint("edgelist", f"{__name__}:EdgeListExporter", "kg.exporters")
        monkeypatch.setattr("kg.plugins.entry_points", lambda group: [declared] if group == "kg.exporters" else [])
        monkeypatch.setattr(exporters, "_plugins_loaded", False)
    return request.param


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_a_new_exporter_serves_the_api_by_name_alias_and_extension(edgelist, seed_store, tmp_path):
    assert kg.export(tmp_path / "a.txt", store=str(seed_store), fmt="edgelist") == tmp_path / "a.txt"
    kg.export(tmp_path / "b.txt", store=str(seed_store), fmt="tsv-edges")
    kg.export(tmp_path / "c.edges", store=str(seed_store))
    lines = _lines(tmp_path / "a.txt")
    assert any(line.endswith("\tcoordinatesWith\tTaliban") for line in lines), lines
    assert _lines(tmp_path / "b.txt") == _lines(tmp_path / "c.edges") == lines
    assert isinstance(find_exporter("x.edges"), EdgeListExporter)
    with pytest.raises(FormatError, match=r"jsonld \(json-ld\), edgelist \(tsv-edges\)$"):
        find_exporter("-", "dot")


def test_a_new_exporter_serves_the_cli_by_name_and_extension(edgelist, seed_store, tmp_path):
    runner = CliRunner()
    by_name = tmp_path / "a.txt"
    r = runner.invoke(main, ["export", "--store", str(seed_store), "-o", str(by_name), "--format", "edgelist"])
    assert r.exit_code == 0, r.output
    by_extension = tmp_path / "b.edges"
    r = runner.invoke(main, ["export", "--store", str(seed_store), "-o", str(by_extension)])
    assert r.exit_code == 0, r.output
    assert _lines(by_name) == _lines(by_extension) and any("\tcoordinatesWith\t" in x for x in _lines(by_name))


def test_kg_formats_win_over_a_plugin_of_the_same_name(exporters, monkeypatch):
    class Impostor(EdgeListExporter):
        names, extensions = ("ttl",), (".ttl",)

    monkeypatch.setattr("kg.plugins.entry_points",
                        lambda group: [EntryPoint("ttl", f"{__name__}:EdgeListExporter", group)])
    monkeypatch.setattr(exporters, "_plugins_loaded", False)
    exporters.register("impostor", Impostor())
    assert find_exporter("-", "ttl").name == "turtle"
    assert find_exporter("g.ttl").name == "turtle"


def test_a_broken_plugin_is_a_plugin_error_when_named_and_skipped_otherwise(exporters, monkeypatch, caplog):
    from kg.errors import PluginError

    monkeypatch.setattr("kg.plugins.entry_points",
                        lambda group: [EntryPoint("broken", "kg_no_such_module:Exporter", group)])
    monkeypatch.setattr(exporters, "_plugins_loaded", False)
    with pytest.raises(PluginError, match=r"^exporter 'broken' \(kg_no_such_module:Exporter\) cannot be loaded"):
        find_exporter("-", "broken")
    with pytest.raises(FormatError, match=r"name a format with --format \(gexf, .*, jsonld \(json-ld\)\)$"):
        find_exporter("g.dot")
    assert "exporter 'broken' (kg_no_such_module:Exporter) cannot be loaded" in caplog.text
    assert find_exporter("g.ttl").name == "turtle"  # the others still work
