"""RDF formats: the store's triples themselves, serialised by rdflib.

:data:`RDF_FORMATS` is the one table of kg's RDF formats, by name, aliases,
file extension and rdflib's name: the exporters here are made from it, and
``kg load --format`` takes the names of those that keep named graphs (one per
article), which are the lossless ones: ``trig``, ``nquads``, ``jsonld``.
``turtle`` has no named graphs and writes the union of every article's graph.

>>> rdf_format("json-ld")
RdfFormat(name='jsonld', aliases=('json-ld',), extension='.jsonld', rdflib_name='json-ld', named_graphs=True)
>>> [f.name for f in RDF_FORMATS if f.named_graphs]
['trig', 'nquads', 'jsonld']
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Union

from ..errors import FormatError
from . import Exporter


class RdfFormat(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    extension: str
    rdflib_name: str  # the format's name for rdflib's parse and serialize
    named_graphs: bool  # keeps each article's graph (else: their union)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


RDF_FORMATS = (
    RdfFormat("turtle", ("ttl",), ".ttl", "turtle", named_graphs=False),
    RdfFormat("trig", (), ".trig", "trig", named_graphs=True),
    RdfFormat("nquads", ("nq",), ".nq", "nquads", named_graphs=True),
    RdfFormat("jsonld", ("json-ld",), ".jsonld", "json-ld", named_graphs=True),
)


def rdf_format(name: str) -> RdfFormat:
    """The RDF format called ``name`` or one of its aliases."""
    for f in RDF_FORMATS:
        if name in f.names:
            return f
    raise FormatError(f"unknown RDF format {name!r}; known: {', '.join(n for f in RDF_FORMATS for n in f.names)}")


def _rdflib_data(store, named_graphs: bool):
    """What rdflib serialises: the dataset with each article's graph, or the union of them all."""
    return store.rdf_dataset() if named_graphs else store.union_graph()


class RdfExporter(Exporter):
    """Writes the store in one of :data:`RDF_FORMATS`."""

    def __init__(self, rdf: RdfFormat):
        self.rdf = rdf
        self.names, self.extensions = rdf.names, (rdf.extension,)

    def write(self, store, output: Union[str, Path]) -> None:
        data = _rdflib_data(store, self.rdf.named_graphs).serialize(format=self.rdf.rdflib_name)
        with self.open(output) as fh:
            fh.write(data)


TURTLE, TRIG, NQUADS, JSONLD = (RdfExporter(f) for f in RDF_FORMATS)
