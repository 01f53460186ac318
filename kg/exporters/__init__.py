"""Exporters: the output formats of ``kg export`` and :func:`kg.export`.

An :class:`Exporter` names its format (the names it answers to, its own
first, then aliases), the file extensions it writes, and writes a store to
a file. Exporters live in :data:`EXPORTERS`, a :class:`kg.plugins.Registry`:

- :mod:`.graph`: ``gexf`` (for Gephi), ``graphml``, ``nodelink`` (JSON), written
  from the networkx graph of :func:`kg.views.graph.graph_from_store`;
- :mod:`.rdf`: ``turtle``, ``trig``, ``nquads``, ``jsonld``, the store's RDF itself.

:func:`find_exporter` picks one by format name or by the output's file
extension; :func:`export` writes with it. A new format is an exporter::

    class DotExporter(Exporter):
        names = ("dot", "graphviz")
        extensions = (".dot", ".gv")

        def write(self, store, output):
            with self.open(output) as fh:
                ...

registered in process (``EXPORTERS.register("dot", DotExporter())``) or, from
another package and with no change to kg, declared in its ``pyproject.toml``::

    [project.entry-points."kg.exporters"]
    dot = "my_package.exporters:DotExporter"

``kg export --format dot``, ``-o graph.gv`` and ``kg.export(..., fmt="dot")``
then use it. A graph format subclasses :class:`kg.exporters.graph.GraphExporter`
and writes a networkx graph instead (``write_graph``): it then also writes
what ``kg export --actor/--depth/--from/--to/--query/--events`` select (a
:class:`kg.views.selection.Selection`, the one ``kg render`` draws). Other
formats write the whole store and refuse a selection that leaves anything out.

>>> find_exporter("graph.ttl").names
('turtle', 'ttl')
>>> find_exporter("-", "json-ld").name, find_exporter("graph.turtle").name
('jsonld', 'turtle')
>>> find_exporter("graph.xyz")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.FormatError: graph.xyz: cannot tell the export format from the file name; use an extension (.gexf, ...
"""
from __future__ import annotations

from pathlib import Path
from typing import IO, ContextManager, Iterator, Optional, Union

from ..errors import FormatError
from ..files import atomic_output
from ..plugins import Registry


class Exporter:
    """One output format.

    A subclass sets :attr:`names` and :attr:`extensions` and implements
    :meth:`write`, opening the output with :meth:`open`. It is registered as
    an instance (``EXPORTERS.register("dot", DotExporter())``); an entry point
    names the class, which kg instantiates without arguments, or an instance."""

    #: The format names it answers to: its own first, then aliases (``("turtle", "ttl")``).
    names: tuple[str, ...] = ()
    #: The file extensions it writes, lower case with the dot (``(".ttl",)``).
    extensions: tuple[str, ...] = ()

    #: Whether it writes a selection of the store (see :meth:`write_selection`), not only all of it.
    selects: bool = False

    @property
    def name(self) -> str:
        return self.names[0]

    def write(self, store, output: Union[str, Path]) -> None:
        """Write ``store`` (a :class:`kg.store.Store`) to the file ``output`` (``-``: standard output)."""
        raise NotImplementedError

    def check_selection(self, output: Union[str, Path], selection) -> None:
        """:class:`~kg.errors.FormatError` if ``selection`` (a :class:`kg.views.selection.Selection`)
        leaves out part of the store and this format cannot write a part."""
        if selection.narrows and not self.selects:
            graphs = ", ".join(names[0] for names, e in _formats() if e.selects)
            raise FormatError(f"{output}: the {self.name} format writes the whole store; a selection (actor, dates, "
                              f"query) is exported as a graph: {graphs}")

    def write_selection(self, store, selection, output: Union[str, Path]) -> None:
        """Write what ``selection`` selects of ``store``; this class: the whole
        store, after :meth:`check_selection`."""
        self.check_selection(output, selection)
        self.write(store, output)

    @staticmethod
    def open(output: Union[str, Path], mode: str = "w") -> ContextManager[IO]:
        """``output`` opened for writing (``"w"``: UTF-8 text, ``"wb"``: bytes) by
        :func:`kg.files.atomic_output`: a file is complete or untouched, a device or
        a FIFO is written in place, ``-`` is standard output; what cannot be
        written raises :class:`~kg.errors.OutputError`."""
        return atomic_output(output, mode)


#: Every exporter: kg's own by module path (loaded when first used), other packages' by entry point.
EXPORTERS = Registry("kg.exporters", "exporter")
EXPORTERS.register("gexf", "kg.exporters.graph:GexfExporter")
EXPORTERS.register("graphml", "kg.exporters.graph:GraphmlExporter")
EXPORTERS.register("nodelink", "kg.exporters.graph:NodeLinkExporter")
EXPORTERS.register("turtle", "kg.exporters.rdf:TURTLE")
EXPORTERS.register("trig", "kg.exporters.rdf:TRIG")
EXPORTERS.register("nquads", "kg.exporters.rdf:NQUADS")
EXPORTERS.register("jsonld", "kg.exporters.rdf:JSONLD")


def _formats() -> Iterator[tuple[tuple[str, ...], Exporter]]:
    """(names, exporter) for every exporter that loads, kg's own first; an
    exporter answers to its registry (entry-point) name as well as to its ``names``."""
    for key, exporter in EXPORTERS.items():
        yield tuple(dict.fromkeys((key, *exporter.names))), exporter


def _known_names() -> str:
    return ", ".join(names[0] + (f" ({', '.join(names[1:])})" if len(names) > 1 else "") for names, _ in _formats())


def find_exporter(output: Union[str, Path], fmt: Optional[str] = None) -> Exporter:
    """The exporter of the format named ``fmt`` (a name or an alias), else the
    one writing ``output``'s file extension (``.ttl``) or named by it
    (``.turtle``); kg's own come first. Standard output (``-``) needs ``fmt``.
    :class:`~kg.errors.FormatError` if there is none, :class:`~kg.errors.PluginError`
    if ``fmt`` names an entry point that cannot be loaded."""
    if fmt is not None:
        found = next((e for names, e in _formats() if fmt in names), None)
        if found is None:
            if fmt in EXPORTERS:  # declared, but it does not load: the PluginError says why
                EXPORTERS.get(fmt)
            raise FormatError(f"unknown export format {fmt!r}; known: {_known_names()}")
        return found
    if str(output) == "-":
        raise FormatError(f"-: standard output has no file extension to tell the format by; name one with "
                          f"--format ({_known_names()})")
    suffix = Path(str(output)).suffix.lower()
    # the extension a format writes (.ttl), else a format name used as one (g.turtle, g.nodelink)
    found = None
    if suffix:
        found = next((e for _, e in _formats() if suffix in e.extensions), None)
        found = found or next((e for names, e in _formats() if suffix[1:] in names), None)
    if found is None:
        extensions = ", ".join(ext for _, e in _formats() for ext in e.extensions)
        raise FormatError(f"{output}: cannot tell the export format from the file name; use an extension "
                          f"({extensions}) or a format name, or name a format with --format ({_known_names()})")
    return found


def export(store, output: Union[str, Path], fmt: Optional[str] = None) -> Path:
    """Write ``store`` (a :class:`kg.store.Store`) to ``output`` in the format
    named ``fmt`` (default: from the file extension); returns the path written."""
    find_exporter(output, fmt).write(store, output)
    return Path(str(output))
