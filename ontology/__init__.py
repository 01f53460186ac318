"""kg's data files. The wheel installs this folder as the ``kg.data`` package (see
``pyproject.toml``) and :mod:`kg.datafiles` finds it with ``importlib.resources``.
Nothing here is Python: edit the YAML, Turtle and SPARQL files."""
