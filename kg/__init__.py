"""kg: knowledge graphs of geopolitical events from news articles.

The public API mirrors the command line (``kg build``, ``kg query``, ...):

>>> import kg  # doctest: +SKIP
>>> kg.build(["seeds/"], store="output/store")  # doctest: +SKIP
>>> kg.query("coordinates-with", store="output/store")  # doctest: +SKIP
"""
from ._version import __version__

__all__ = ["build", "query", "render", "export", "stats", "graph", "__version__"]

# kg.api imports spaCy and the heavy parts lazily, inside its functions, so
# `import kg` stays fast. No submodule may share a name with these functions.
from .api import build, export, graph, query, render, stats  # noqa: E402
