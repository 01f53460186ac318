"""kg: knowledge graphs of geopolitical events from news articles.

The public API mirrors the command line (``kg build``, ``kg query``, ...):

>>> import kg  # doctest: +SKIP
>>> kg.build(["seeds/"], store="output/store")  # doctest: +SKIP
>>> kg.query("coordinates-with", store="output/store")  # doctest: +SKIP
"""
__version__ = "0.1.0"

__all__ = ["build", "query", "render", "export", "extract", "stats", "__version__"]


def __getattr__(name):
    # Imported lazily: `import kg` stays fast and does not load spaCy.
    if name in ("build", "query", "render", "export", "extract", "stats"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
