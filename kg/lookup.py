"""Finding actors by the names people type: the one actor lookup of kg.

Reads: the actors of a store (their IRI, ``rdfs:label`` and ``skos:altLabel``
aliases) or of a graph view (the nodes' ``label`` and ``aliases``).
Writes: nothing; answers which actors a name means.

Every command, query parameter and view that takes an actor asks here, so
``Daesh``, ``islamic state``, ``islamic-state``, ``kgr:actor/islamic-state``
and the full IRI all mean the same actor everywhere. A name matches, in
this order (the first rule that matches anything decides):

1. exactly: the IRI, the id (the end of ``kgr:actor/ID``), the label or an
   alias, compared case-insensitively, with dots, a leading "the" and extra
   spaces ignored ("the U.S. military" is "US military");
2. by words: every word of the name is a word of the label or of an alias
   ("milley" is Mark Milley).

One actor found is the answer; several are :class:`AmbiguousActor`, whose
message lists them with their ids (which are unique, so one of them can be
given instead); none is :class:`UnknownActor`, suggesting close names.

>>> taliban = ActorName("https://w3id.org/kg/id/actor/taliban", "Taliban", ("Taleban",))
>>> state = ActorName("https://w3id.org/kg/id/actor/islamic-state", "Islamic State", ("IS", "Daesh"))
>>> khorasan = ActorName("https://w3id.org/kg/id/actor/isis-k", "Islamic State Khorasan Province", ("ISIS-K",))
>>> [a.label for a in match_actors("daesh", [taliban, state, khorasan])]
['Islamic State']
>>> one_actor("kgr:actor/taliban", [taliban, state]).label
'Taliban'
>>> one_actor("islamic", [taliban, state, khorasan])
Traceback (most recent call last):
...
kg.lookup.AmbiguousActor: 'islamic' names 2 actors: Islamic State (id islamic-state), Islamic State Khorasan Province (id isis-k); give its label, an alias or its id
>>> one_actor("Talibn", [taliban, state])
Traceback (most recent call last):
...
kg.lookup.UnknownActor: no actor named 'Talibn' in the graph; did you mean Taliban?
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import unquote

from .errors import NotFoundError
from .rdf.namespace import KGR, SPARQL_PREFIXES

__all__ = ["ActorName", "AmbiguousActor", "UnknownActor", "actor_names", "find_actor", "find_actors",
           "match_actors", "name_key", "one_actor"]

ACTOR_PREFIX = f"{KGR}actor/"


class UnknownActor(NotFoundError):
    """No actor has this name."""


class AmbiguousActor(NotFoundError):
    """Several actors have this name; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list["ActorName"]):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True)
class ActorName:
    """An actor and the names it answers to."""

    iri: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The key kg minted the IRI from (``taliban`` for ``kgr:actor/taliban``)."""
        return unquote(self.iri[len(ACTOR_PREFIX):]) if self.iri.startswith(ACTOR_PREFIX) else self.iri

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


_DROPPED = re.compile(r"[.\u2019']")
_SPACES = re.compile(r"[\s_]+")
_WORD_BREAK = re.compile(r"[\s\-/,()]+")


def name_key(name: str) -> str:
    """A name as the lookup compares it: case folded, dots and apostrophes
    dropped, spaces collapsed, a leading "the" left out.

    >>> name_key("  The U.S.  Military "), name_key("Da'esh")
    ('us military', 'daesh')
    """
    key = _SPACES.sub(" ", _DROPPED.sub("", name.casefold())).strip()
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def _id_forms(name: str) -> set[str]:
    """The IRI or id a name may be: itself, and the full IRI of ``kgr:actor/ID`` or ``actor/ID``."""
    name = name.strip()
    forms = {name}
    for short in ("kgr:actor/", "actor/"):
        if name.startswith(short):
            forms.add(ACTOR_PREFIX + name[len(short):])
    return forms


def match_actors(name: str, actors: Iterable[ActorName]) -> list[ActorName]:
    """The actors ``name`` means, by the rules of this module (empty if none)."""
    actors = list(actors)
    forms = _id_forms(name)
    key = name_key(name)
    if not key:
        return []
    exact = [a for a in actors
             if a.iri in forms or name_key(a.id) == key or any(name_key(n) == key for n in a.names())]
    if exact:
        return _unique(exact)
    words = key.split()
    by_words = [a for a in actors if any(_has_words(name_key(n), words) for n in a.names())]
    return _unique(by_words)


def _has_words(text: str, words: list[str]) -> bool:
    have = set(_WORD_BREAK.split(text))
    return all(w in have for w in words)


def _unique(actors: list[ActorName]) -> list[ActorName]:
    """One entry per IRI (the same actor with different aliases in different graphs merged)."""
    by_iri: dict[str, ActorName] = {}
    for a in actors:
        old = by_iri.get(a.iri)
        by_iri[a.iri] = a if old is None else ActorName(a.iri, old.label, tuple(dict.fromkeys(old.aliases + a.aliases)))
    return sorted(by_iri.values(), key=lambda a: (a.label.casefold(), a.iri))


def one_actor(name: str, actors: Iterable[ActorName], where: str = "the graph") -> ActorName:
    """The one actor ``name`` means; :class:`UnknownActor` or :class:`AmbiguousActor` otherwise."""
    actors = list(actors)
    found = match_actors(name, actors)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{a.label} (id {a.id})" for a in found[:12])
        more = f" and {len(found) - 12} more" if len(found) > 12 else ""
        raise AmbiguousActor(f"{name!r} names {len(found)} actors: {listed}{more}; "
                             "give its label, an alias or its id", found)
    raise UnknownActor(f"no actor named {name!r} in {where}{_suggestion(name, actors)}")


def _suggestion(name: str, actors: list[ActorName]) -> str:
    """"; did you mean ...?" with the closest names, one per actor ("" if none is close)."""
    by_key: dict[str, tuple[str, ActorName]] = {}
    for a in actors:
        for n in a.names():
            by_key.setdefault(name_key(n), (n, a))
    shown: dict[str, str] = {}
    for key in difflib.get_close_matches(name_key(name), list(by_key), n=6, cutoff=0.75):
        n, a = by_key[key]
        shown.setdefault(a.iri, n if n == a.label else f"{n} ({a.label})")
    return f"; did you mean {' or '.join(list(shown.values())[:3])}?" if shown else ""


#: Labels and aliases are read apart: a join of the two, in every article's graph, took half as long again.
ACTOR_LABELS = SPARQL_PREFIXES + """
SELECT DISTINCT ?actor ?label WHERE { GRAPH ?g { ?actor kg:inGazetteer ?known ; rdfs:label ?label } }"""
ACTOR_ALIASES = SPARQL_PREFIXES + """
SELECT DISTINCT ?actor ?alias WHERE { GRAPH ?g { ?actor skos:altLabel ?alias } }"""


def actor_names(store) -> list[ActorName]:
    """Every actor of a :class:`kg.store.Store` with its label and aliases."""
    labels: dict[str, str] = {}
    for actor, label in store.query(ACTOR_LABELS):
        labels.setdefault(str(actor), str(label))
    aliases: dict[str, list[str]] = {}
    for actor, alias in store.query(ACTOR_ALIASES):
        aliases.setdefault(str(actor), []).append(str(alias))
    return [ActorName(iri, label, tuple(aliases.get(iri, ()))) for iri, label in labels.items()]


def find_actors(store, name: str) -> list[ActorName]:
    """The actors of ``store`` that ``name`` means (see the module's rules)."""
    return match_actors(name, actor_names(store))


def find_actor(store, name: str, names: Optional[list[ActorName]] = None) -> ActorName:
    """The one actor of ``store`` that ``name`` means; :class:`UnknownActor`
    or :class:`AmbiguousActor` (listing the candidates) otherwise.
    ``names``: the store's :func:`actor_names`, when already read."""
    return one_actor(name, names if names is not None else actor_names(store), "the store")
