"""Registries: the extension points of kg, open to other packages.

Each registry holds the named implementations of one extension point:

=================  ===============================  ======================================
registry           entry-point group                an item
=================  ===============================  ======================================
readers            ``kg.readers``                   :class:`kg.readers.Reader`
exporters          ``kg.exporters``                 :class:`kg.exporters.Exporter`
store backends     ``kg.stores``                    :class:`kg.store.StoreBackend`
=================  ===============================  ======================================

kg registers its own implementations by module path, imported when first
used; another package adds its own by declaring an entry point in its
``pyproject.toml``, with no change to kg (as rdflib's plugins do)::

    [project.entry-points."kg.readers"]
    speech = "my_package.readers:SpeechReader"

An entry point names a class (instantiated without arguments) or an
instance. A kg implementation of the same name wins over a plugin's.

>>> r = Registry("kg.example", "decoder")
>>> r.register("json", "json:JSONDecoder")
>>> r.get("json").decode("[1, 2]")
[1, 2]
>>> r.get("yaml")
Traceback (most recent call last):
...
kg.errors.PluginError: unknown decoder 'yaml'; known: json
>>> r.register("broken", "no_such_module:Decoder")
>>> r.get("broken")
Traceback (most recent call last):
...
kg.errors.PluginError: decoder 'broken' (no_such_module:Decoder) cannot be loaded: ModuleNotFoundError: No module named 'no_such_module'
>>> r.unregister("broken"); r.names()
['json']
>>> with r.saved():
...     r.register("csv", "csv:Sniffer")
>>> r.names()
['json']
"""
from __future__ import annotations

import importlib
import logging
from contextlib import contextmanager
from importlib.metadata import entry_points
from typing import Any, Iterator, Optional, Union

from .errors import PluginError

log = logging.getLogger("kg.plugins")


def _load(target: str) -> Any:
    module, _, attr = target.partition(":")
    obj = importlib.import_module(module)
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


def _instance(obj: Any) -> Any:
    return obj() if isinstance(obj, type) else obj


class Registry:
    """Named items of one extension point: kg's own (by module path, loaded
    lazily) and those of installed packages (entry points of ``group``)."""

    def __init__(self, group: str, what: str):
        self.group, self.what = group, what
        self._targets: dict[str, Union[str, Any]] = {}
        self._items: dict[str, Any] = {}
        self._failed: dict[str, PluginError] = {}  # a broken plugin is reported once, not at every lookup
        self._plugins_loaded = False

    def register(self, name: str, target: Union[str, Any]) -> None:
        """Register ``target`` (an object, or ``"module:attribute"`` imported on first use) as ``name``."""
        self._targets[name] = target
        self._items.pop(name, None)
        self._failed.pop(name, None)

    def unregister(self, name: str) -> None:
        """Forget ``name`` (tests, or a notebook replacing an implementation)."""
        for table in (self._targets, self._items, self._failed):
            table.pop(name, None)

    @contextmanager
    def saved(self) -> Iterator["Registry"]:
        """The registry comes back as it is now when the block ends: whatever the block
        registers, unregisters or loads is forgotten (tests; a notebook trying an implementation)."""
        state = (dict(self._targets), dict(self._items), dict(self._failed), self._plugins_loaded)
        try:
            yield self
        finally:
            self._targets, self._items, self._failed = (dict(t) for t in state[:3])
            self._plugins_loaded = state[3]

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group=self.group):
            if ep.name in self._targets:
                log.warning("%s %r from %s ignored: kg has its own of that name", self.what, ep.name, ep.value)
                continue
            self._targets[ep.name] = ep

    def get(self, name: str) -> Any:
        """The item registered as ``name``; :class:`~kg.errors.PluginError` if there is none
        or it cannot be loaded."""
        if name in self._items:
            return self._items[name]
        if name in self._failed:
            raise self._failed[name]
        if name not in self._targets:
            self._load_plugins()
        target = self._targets.get(name)
        if target is None:
            raise PluginError(f"unknown {self.what} {name!r}; known: {', '.join(self.names())}")
        try:
            if isinstance(target, str):
                item = _instance(_load(target))
            elif hasattr(target, "load") and hasattr(target, "group"):  # an entry point
                item = _instance(target.load())
            else:
                item = target
        except Exception as exc:
            where = getattr(target, "value", target)
            error = self._failed[name] = PluginError(
                f"{self.what} {name!r} ({where}) cannot be loaded: {type(exc).__name__}: {exc}")
            raise error from None
        self._items[name] = item
        return item

    def names(self) -> list[str]:
        """Every registered name, kg's own first, in the order they were registered."""
        self._load_plugins()
        return list(self._targets)

    def items(self) -> Iterator[tuple[str, Any]]:
        """(name, item) for every item that loads; one that does not is logged and skipped."""
        for name in self.names():
            try:
                yield name, self.get(name)
            except PluginError as exc:
                log.warning("%s", exc)

    def find(self, predicate) -> Optional[Any]:
        """The first item (in :meth:`names` order) for which ``predicate(item)`` is true."""
        for _, item in self.items():
            if predicate(item):
                return item
        return None

    def __contains__(self, name: str) -> bool:
        return name in self.names()
