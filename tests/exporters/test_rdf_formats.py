"""RDF formats (kg.exporters.rdf): one table of names, aliases, extensions and
rdflib names serves `kg export` and `kg load`; what is written parses back."""
from __future__ import annotations

import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import FormatError
from kg.exporters import find_exporter
from kg.exporters.rdf import RDF_FORMATS, rdf_format
from kg.store import open_store


def test_each_rdf_format_is_an_exporter_by_its_names_and_extension():
    for f in RDF_FORMATS:
        for name in f.names:
            assert find_exporter("-", name).rdf is f
        assert find_exporter(f"graph{f.extension}").rdf is f
    assert rdf_format("nq").rdflib_name == "nquads"
    with pytest.raises(FormatError, match="unknown RDF format 'gexf'; known: turtle, ttl, trig, nquads, nq, jsonld"):
        rdf_format("gexf")


@pytest.mark.parametrize("f", RDF_FORMATS, ids=lambda f: f.name)
def test_what_is_written_parses_back_with_rdflib(seed_store, tmp_path, f):
    out = kg.export(tmp_path / f"g{f.extension}", store=str(seed_store), fmt=f.name)
    with open_store(str(seed_store), create=False) as st:
        n = len(st)
    if f.named_graphs:
        parsed = rdflib.Dataset()
        parsed.parse(out, format=f.rdflib_name)
        assert sum(len(c) for c in parsed.contexts()) == n
    else:
        assert 0 < len(rdflib.Graph().parse(out, format=f.rdflib_name)) <= n


@pytest.mark.parametrize("export_name,load_name", [("jsonld", "jsonld"), ("jsonld", "json-ld"), ("nquads", "nq"),
                                                   ("trig", "trig")])
def test_kg_load_takes_the_names_and_aliases_of_kg_export(seed_store, tmp_path, export_name, load_name):
    out = tmp_path / "graph.rdf"  # an extension rdflib cannot guess from: the format is the one named
    runner = CliRunner()
    r = runner.invoke(main, ["export", "--store", str(seed_store), "-o", str(out), "--format", export_name])
    assert r.exit_code == 0, r.output
    r = runner.invoke(main, ["load", str(out), "--store", str(tmp_path / "copy"), "--format", load_name])
    assert r.exit_code == 0, r.output
    with open_store(str(seed_store), create=False) as original, open_store(str(tmp_path / "copy")) as copy:
        assert len(copy) == len(original) > 300


def test_kg_load_refuses_formats_without_named_graphs(tmp_path):
    (tmp_path / "g.ttl").write_text("", encoding="utf-8")
    r = CliRunner().invoke(main, ["load", str(tmp_path / "g.ttl"), "--store", str(tmp_path / "s"), "--format", "ttl"])
    assert r.exit_code == 2 and "'ttl' is not one of 'trig', 'nquads', 'nq', 'jsonld', 'json-ld'" in r.output
