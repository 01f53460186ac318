"""Every error kg reports to its user derives from :class:`KgError`.

A ``KgError`` is an expected failure with a message meant for people: one
line that names the input (a file, a store, a query, a data file) and says
what is wrong and, where there is one, what to do. The command line prints
that line and exits with status 1; any other exception is a bug in kg and
is shown with its traceback.

>>> try:
...     raise StoreError("output/store: not a kg store")
... except KgError as e:
...     str(e)
'output/store: not a kg store'
"""
from __future__ import annotations


class KgError(Exception):
    """The base of kg's own errors; the message is for the user."""


class DataFileError(KgError):
    """A data file under ``ontology/`` (or ``$KG_ONTOLOGY``) is missing or malformed."""


class InputError(KgError):
    """An input kg was asked to read cannot be used (see :class:`kg.readers.ReadError` for one article)."""


class OutputError(KgError):
    """An output cannot be written (a folder where a file was named, no permission, a full disk)."""


class FormatError(KgError):
    """A format name, or a file whose format kg cannot tell or does not know."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query that cannot run (see :mod:`kg.sparql` for its kinds)."""


class QueryTimeout(QueryError):
    """A query that ran longer than its time limit, and was stopped."""


class ModelNotFound(KgError):
    """No English spaCy model is installed."""


class BuildError(KgError):
    """A build could not go on (a worker process or the cluster failed)."""


class NotFoundError(KgError):
    """Something named by the user (an actor, an article) is not in the store."""


class PluginError(KgError):
    """An extension registered by another package (an entry point) cannot be loaded or used."""


class EvalError(KgError):
    """A gold file kg cannot score against."""
