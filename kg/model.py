"""Plain data objects that flow through the pipeline.

Readers produce :class:`Article`; extractors turn an article into an
:class:`Extraction` holding :class:`Actor`, :class:`Mention`, :class:`Event`
and :class:`Claim` objects. Nothing here knows about spaCy or RDF, so every
stage can be tested, pickled (for worker processes) and serialised to JSON.

The closed sets of values are enumerations whose members are their strings
(:class:`Modality`, :class:`ActorType`, :class:`Sector`), so they compare equal
to, and serialise as, the plain strings of the data files and the RDF.

Roles have one name per layer they belong to: a :class:`Claim` relates a
``source`` to a ``target`` (the ``source``/``target`` of claim records and
named queries; the RDF writes them as ``rdf:subject``/``rdf:object``); an
:class:`Event` keeps ``agents``, ``targets`` and ``participants``, the RDF's
``kg:agent``, ``kg:target`` and ``kg:participant``.

>>> a = Actor(key="taliban", label="Taliban", type=ActorType.ARMED_GROUP, country="AFG", sector=Sector.REB)
>>> a.label, a.type, a.sector
('Taliban', 'ArmedGroup', 'REB')
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Optional


class _Strings(StrEnum):
    """A closed set of strings: members are equal to, serialise and print as their strings."""

    def __repr__(self) -> str:
        return repr(self.value)


class Modality(_Strings):
    """How a claim or an event is stated; members are listed strongest first, and
    a statement takes the strongest that applies.

    >>> Modality.NEGATED.stronger_than(Modality.FUTURE), Modality("asserted").stronger_than("reported")
    (True, False)
    """

    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    REPORTED = "reported"
    ASSERTED = "asserted"

    def stronger_than(self, other: str) -> bool:
        order = list(Modality)
        return order.index(self) < order.index(Modality(other))


class ActorType(_Strings):
    """The kinds of actor (the RDF classes ``kg:Person``, ``kg:Country``, ...)."""

    PERSON = "Person"
    COUNTRY = "Country"
    ORGANIZATION = "Organization"
    ARMED_GROUP = "ArmedGroup"
    GROUP = "Group"
    ACTOR = "Actor"  # found by NER only, kind unknown


class Sector(_Strings):
    """PLOVER sector codes; their names and the nouns that name them are in ``ontology/sectors.yaml``."""

    GOV = "GOV"  # government
    MIL = "MIL"  # military
    COP = "COP"  # police
    SPY = "SPY"  # intelligence
    JUD = "JUD"  # judiciary
    LEG = "LEG"  # legislature
    REB = "REB"  # rebels
    OPP = "OPP"  # opposition
    PTY = "PTY"  # political party
    CVL = "CVL"  # civilians
    REF = "REF"  # refugees
    JRN = "JRN"  # journalists
    MED = "MED"  # media
    BUS = "BUS"  # business
    LAB = "LAB"  # labour
    EDU = "EDU"  # education
    REL = "REL"  # religious
    ELI = "ELI"  # elites
    UAF = "UAF"  # unidentified armed forces
    IGO = "IGO"  # intergovernmental organisation
    NGO = "NGO"  # non-governmental organisation


def stable_key(*parts, length: int = 16) -> str:
    """A short, stable hex key from parts joined by "|"; any str hashes (lone surrogates too).

    >>> stable_key("a1", "Bombing", 120) == stable_key("a1|Bombing|120")
    True
    >>> len(stable_key("x", length=20))
    20
    """
    joined = "|".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def slug(text: str) -> str:
    """A lower-case ASCII slug, for the keys of actors minted from their names.

    >>> slug("Shafqat Ali Khan"), slug("Abdullah Gül")
    ('shafqat-ali-khan', 'abdullah-gul')
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if not s:  # non-Latin names keep a stable key from their code points
        s = "u" + "-".join(f"{ord(c):x}" for c in text.strip()[:24])
    return s[:80]


def content_id(text: str) -> str:
    """Stable id of an article from its normalised text (whitespace folded):
    ``stable_key(" ".join(text.split()))``, computed a slice at a time, so a
    text of hundreds of megabytes is never split into words whole.

    >>> content_id("  Talks in\\n\\nDoha. ") == stable_key("Talks in Doha.")
    True
    """
    digest = hashlib.sha256()
    started = space = False
    for i in range(0, len(text), _SLICE):
        piece = _WHITESPACE.sub(" ", text[i:i + _SLICE])
        if piece.startswith(" "):
            space, piece = True, piece[1:]
        trailing = piece.endswith(" ")
        if trailing:
            piece = piece[:-1]
        if piece:
            if started and space:
                digest.update(b" ")
            digest.update(piece.encode("utf-8", "surrogatepass"))
            started, space = True, False
        space = space or trailing
    return digest.hexdigest()[:16]


_SLICE = 1 << 20
_WHITESPACE = re.compile(r"\s+")  # the characters str.split() splits on (both use Py_UNICODE_ISSPACE)


@dataclass(frozen=True)
class Dateline:
    """Where a wire story says it was filed ("DOHA, Nov 22 (Reuters) -"): the place as
    a name ("Doha") and the dateline's offsets in :attr:`Article.text`. The dateline
    is no part of the story: it names no actor and states no event."""

    place: str
    start: int
    end: int


@dataclass
class Article:
    """One news article as read from disk, standard input or a feed.

    ``text`` is the text as read; every character offset in the pipeline
    refers to it. ``body`` is the same text with page furniture (teasers,
    navigation) blanked out, set by :mod:`kg.clean`; it has the same length.
    """

    id: str
    text: str
    title: Optional[str] = None
    published: Optional[date] = None
    url: Optional[str] = None
    source: Optional[str] = None  # publisher
    path: Optional[str] = None  # where it was read from
    doc_id: Optional[str] = None  # id given in the input (JSON Lines), if any
    body: Optional[str] = None  # cleaned text, same length as ``text``
    dateline: Optional[Dateline] = None

    @property
    def clean_text(self) -> str:
        return self.body if self.body is not None else self.text


@dataclass
class Actor:
    """Someone who acts: a person, a state, an armed group, an agency.

    ``key`` is the canonical identity (a gazetteer id, or a slug of the raw
    name for actors the gazetteer does not know); IRIs are minted from it.
    """

    key: str
    label: str
    type: ActorType = ActorType.ACTOR
    country: Optional[str] = None  # ISO 3166 alpha-3
    sector: Optional[Sector] = None
    aliases: tuple[str, ...] = ()
    part_of: Optional[str] = None  # key of the parent actor
    known: bool = True  # False for actors found only by NER


@dataclass
class Mention:
    """A stretch of article text that refers to an actor."""

    actor: str  # Actor.key
    text: str
    start: int
    end: int
    how: str = "gazetteer"  # gazetteer, ner, surname, pronoun, sector


@dataclass
class Event:
    """Something that happened (or is said to have happened)."""

    key: str
    type: str  # e.g. Airstrike, Bombing, Evacuation, PressConference, Meeting
    trigger: str
    sentence: str
    start: int  # offsets of the trigger in Article.text
    end: int
    agents: list[str] = field(default_factory=list)  # Actor keys
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    place: Optional[str] = None  # place label
    place_country: Optional[str] = None
    # Heads of agent and target phrases that name no actor ("gunmen", "12 soldiers", "a bakery")
    agent_texts: list[str] = field(default_factory=list)
    target_texts: list[str] = field(default_factory=list)
    latitude: Optional[float] = None  # of the place, when the gazetteer knows it
    longitude: Optional[float] = None
    date: Optional[str] = None  # ISO date, or YYYY-MM / YYYY when coarser
    date_text: Optional[str] = None
    casualties: Optional[int] = None
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.7  # lower for an event read from a relation with no object ("Iran condemned ...")
    # PLOVER/CAMEO coding of this statement of the event (kg.extract.coding)
    plover: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None
    recoded: bool = False  # an intention or a refusal, coded apart from the event type's coding


@dataclass
class Claim:
    """One relation between two actors as stated by one sentence of one article."""

    source: str  # Actor.key
    relation: str  # ontology property name, e.g. coordinatesWith
    target: str  # Actor.key
    modality: Modality
    sentence: str
    sentence_start: int
    sentence_end: int
    start: int  # offsets of the evidence (trigger and arguments) in Article.text
    end: int
    confidence: float
    trigger: str = ""
    attributed_to: Optional[str] = None  # Actor.key of the speaker
    plover: Optional[str] = None
    plover_mode: Optional[str] = None
    cameo: Optional[str] = None
    quad_class: Optional[int] = None
    intensity: Optional[float] = None
    event: Optional[str] = None  # Event.key
    event_date: Optional[str] = None  # when what it states happened (ISO date, or YYYY-MM / YYYY); kg.extract.timing
    source_text: str = ""  # the words that named the source in the sentence
    target_text: str = ""
    recoded: bool = False  # an intention or a refusal, coded apart from the relation's coding (kg.extract.coding)

    @property
    def asserted(self) -> bool:
        return self.modality == Modality.ASSERTED


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def one_actor_events(self) -> list[tuple[Event, str]]:
        """(event, agent) of the events that name an agent and no target or participant
        ("Iran condemned the strikes" with no agent of the strikes named; "students
        demonstrated"), as PLOVER codes them: a source with no target. An agent that a
        claim of the event's sentence relates with the same PLOVER type is left out:
        that claim is the event, with its target.

        >>> c = Claim("irn", "criticizes", "usa", Modality.ASSERTED, "s", 0, 30, 0, 20, 0.7, plover="ACCUSE")
        >>> e = Event("e1", "Accusation", "condemned", "s", 5, 14, agents=["irn", "syr"], plover="ACCUSE")
        >>> [(ev.key, agent) for ev, agent in Extraction(Article("a", "s"), claims=[c], events=[e]).one_actor_events()]
        [('e1', 'syr')]
        """
        out = []
        for e in self.events:
            if e.targets or e.participants:
                continue
            for agent in e.agents:
                if not any(c.source == agent and c.plover == e.plover and c.sentence_start <= e.start < c.sentence_end
                           for c in self.claims):
                    out.append((e, agent))
        return out

    def mention_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.mentions:
            counts[m.actor] = counts.get(m.actor, 0) + 1
        return counts

