"""Views of the graph: the store as a networkx graph (:mod:`.graph`), the
interactive offline HTML page (:mod:`.html`, with :mod:`.layout` for large
graphs) and files for Gephi and other tools (:mod:`.export`)."""
