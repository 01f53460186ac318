"""Views of the graph.

- :mod:`.graph`: the store as a networkx ``MultiDiGraph`` (actors, optionally
  events, one edge per subject/relation/object/modality with its evidence), and
  the views cut from it: ego network, time window, a SPARQL result as a graph.
- :mod:`.selection`: which of those a view shows (``--actor/--depth/--from/--to/--query``,
  events or not), the one selection of ``kg render`` and ``kg export``.
- :mod:`.html`: the interactive page, one offline file (``kg render``); in a
  notebook ``kg.render(...)`` shows it inline, as does ``notebook_view(graph)``.
- :mod:`.layout`: where nodes go, each connected component apart, for the page
  and for the GEXF file of :mod:`kg.exporters.graph`.
- :mod:`.style`: how nodes and edges are drawn (``ontology/style.yaml``), for
  the page and for the GEXF file.

Files for other tools (GEXF, GraphML, RDF) are exporters: :mod:`kg.exporters`.

>>> import kg.api  # doctest: +SKIP
>>> g = kg.api.graph("output/store", events=True, actor="Taliban", depth=2)  # doctest: +SKIP
>>> kg.render("output/taliban.html", store="output/store", actor="Taliban", depth=2)  # doctest: +SKIP
"""
