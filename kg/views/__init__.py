"""Views of the graph.

- :mod:`.graph`: the store as a networkx ``MultiDiGraph`` (actors, optionally
  events, one edge per subject/relation/object/modality with its evidence), and
  the views cut from it: ego network, time window, a SPARQL result as a graph.
- :mod:`.html`: the interactive page, one offline file (``kg render``); in a
  notebook ``kg.render(...)`` shows it inline, as does ``notebook_view(graph)``.
- :mod:`.layout`: a numpy force layout for graphs too large for the browser's physics.
- :mod:`.export`: GEXF 1.2draft for Gephi (attributes, viz colours as in the
  page, start/end dates for the timeline), GraphML, node-link JSON, and the
  RDF serialisations (``kg export``).

>>> import kg.api  # doctest: +SKIP
>>> g = kg.api.graph("output/store", events=True, actor="Taliban", depth=2)  # doctest: +SKIP
>>> kg.render("output/taliban.html", store="output/store", actor="Taliban", depth=2)  # doctest: +SKIP
"""
