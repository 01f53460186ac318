"""Typed views of the PETRARCH-2 lexicons and of the CAMEO -> PLOVER crosswalk.

Reads (through :mod:`kg.datafiles`, so ``$KG_ONTOLOGY`` may replace any of them):

    lexicons/petrarch/verbs.tsv          verb lemmas by CAMEO verb synset
    lexicons/petrarch/verb_patterns.tsv  phrase patterns of the synsets, CAMEO-coded
    lexicons/petrarch/word_classes.tsv   the word classes (``&FOOD``) the patterns use
    lexicons/petrarch/actors.tsv         names of countries, places, people, organisations, armed groups
    lexicons/petrarch/agents.tsv         generic agent nouns and their sector codes
    lexicons/petrarch/discards.tsv       phrases that mean a sentence is not coded
    crosswalk.yaml                       CAMEO codes to PLOVER types, modes, QuadClass, intensity

``scripts/import_petrarch.py`` writes the lexicons from the PETRARCH-2 dictionaries
(MIT, Open Event Data Alliance); ``ontology/lexicons/README.md`` documents their
formats. Nothing is read on import: each group of files is read when first needed
and again when one of them changes (:func:`kg.datafiles.rebuilt_on_change`).
The patterns keep PETRARCH's CAMEO codes; :func:`crosswalk` gives their PLOVER coding.

>>> crosswalk("057")
PloverCoding(plover_type='AGREE', plover_mode=None, quad_class=1, intensity=None)
>>> [(p.code, crosswalk(p.code).plover_type) for p in verb_patterns("halt") if p.after_text == "aid"]
[('162', 'SANCTION')]
>>> [(a.kind, [c.code for c in a.codes_on(date(2010, 1, 1))]) for a in actor_names("Erdogan")]
[('person', ['TURGOV'])]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator, NamedTuple, Union

from .datafiles import data_path, load_yaml, read_text, rebuilt_on_change
from .errors import DataFileError

LEXICON_DIR = "lexicons/petrarch"
VERB_FILES = (f"{LEXICON_DIR}/verbs.tsv", f"{LEXICON_DIR}/verb_patterns.tsv", f"{LEXICON_DIR}/word_classes.tsv")
ACTOR_FILE = f"{LEXICON_DIR}/actors.tsv"
AGENT_FILE = f"{LEXICON_DIR}/agents.tsv"
DISCARD_FILE = f"{LEXICON_DIR}/discards.tsv"
CROSSWALK_FILE = "crosswalk.yaml"

#: What an actor entry names (see ontology/lexicons/README.md for how the importer tells).
ACTOR_KINDS = ("country", "place", "person", "organisation", "armed_group", "uncoded")

#: Markers of actor positions in patterns: source, target, compound (both), skip a phrase.
MARKERS = frozenset("$+%^")

def _rows(name: str, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """The rows of a lexicon TSV file with their line numbers, after its ``#`` comments
    and the line naming its columns (checked, so an edited format fails loudly)."""
    path = data_path(name)
    lines = read_text(name).split("\n")
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#"))
    first = next(numbered, None)
    if first is None or tuple(first[1].split("\t")) != columns:
        raise DataFileError(f"{path}: expected a line naming the columns {' '.join(columns)} after the comments")
    for number, line in numbered:
        row = line.split("\t")
        if len(row) != len(columns):
            raise DataFileError(f"{path}:{number}: expected {len(columns)} tab-separated values, found {len(row)}")
        yield number, row


def _split(cell: str) -> tuple[str, ...]:
    """A ``|``-separated list cell."""
    return tuple(cell.split("|")) if cell else ()


def _normal(text: str) -> str:
    """A name or word as the lexicons write it: lower case, single spaces."""
    return " ".join(text.split()).lower()


# ----------------------------------------------------------------------- crosswalk

class PloverCoding(NamedTuple):
    """The PLOVER coding of a CAMEO code (type and mode ``None`` where PLOVER has none)."""
    plover_type: str | None
    plover_mode: str | None
    quad_class: int
    intensity: float | None


@dataclass(frozen=True)
class _Crosswalk:
    roots: dict[str, tuple[str | None, int]]
    codes: dict[str, dict]
    types: dict[str, dict]


@rebuilt_on_change(CROSSWALK_FILE)
def _crosswalk_data() -> _Crosswalk:
    path = data_path(CROSSWALK_FILE)
    data = load_yaml(CROSSWALK_FILE) or {}
    try:
        roots = {str(k): (v["plover"], int(v["quad_class"])) for k, v in data["roots"].items()}
        codes = {str(k): dict(v) for k, v in (data.get("codes") or {}).items()}
        types = {str(k): dict(v) for k, v in data["types"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"{path}: expected roots (plover, quad_class), codes and types: {exc}") from None
    crosswalk_ = _Crosswalk(roots, codes, types)
    for code in codes:
        _walk(crosswalk_, code, path)      # every mode is one of its type's
    return crosswalk_


def _walk(table: _Crosswalk, code: str, where) -> tuple[str | None, str | None, int]:
    """Type, mode and QuadClass of ``code``: its root's, changed by its listed prefixes."""
    if code[:2] not in table.roots:
        raise ValueError(f"not a CAMEO event code: {code!r}")
    plover_type, quad_class = table.roots[code[:2]]
    mode = None
    for end in range(2, len(code) + 1):
        entry = table.codes.get(code[:end])
        if entry is None:
            continue
        if "plover" in entry:
            plover_type, mode = entry["plover"], None
        if "mode" in entry:
            mode = entry["mode"]
    if mode is not None and mode not in (table.types.get(plover_type, {}).get("modes") or {}):
        raise DataFileError(f"{where}: {code}: mode {mode!r} is not a mode of {plover_type}")
    return plover_type, mode, quad_class


def crosswalk(cameo_code: str) -> PloverCoding:
    """The PLOVER type, mode, CAMEO QuadClass and PLOVER intensity of a CAMEO event code.

    >>> crosswalk("057")
    PloverCoding(plover_type='AGREE', plover_mode=None, quad_class=1, intensity=None)
    >>> crosswalk("0871"), crosswalk("1831").intensity, crosswalk("010").plover_type
    (PloverCoding(plover_type='RETREAT', plover_mode='ceasefire', quad_class=2, intensity=None), -9.5, None)
    """
    code = cameo_code.strip()
    if not re.fullmatch(r"\d{2,4}", code):
        raise ValueError(f"not a CAMEO event code: {cameo_code!r}")
    table = _crosswalk_data()
    plover_type, mode, quad_class = _walk(table, code, data_path(CROSSWALK_FILE))
    about = table.types.get(plover_type) or {}
    intensity = (about.get("modes") or {}).get(mode) if mode else None
    if intensity is None:
        intensity = about.get("intensity")
    return PloverCoding(plover_type, mode, quad_class, None if intensity is None else float(intensity))


# --------------------------------------------------------------------------- verbs

@dataclass(frozen=True)
class Phrase:
    """A noun phrase of a pattern, as written (``aid``, ``{humanitarian aid}``, ``&FOOD``,
    or a marker ``$ + % ^``). ``terms`` holds, for each word position, the words that may
    stand there (a class gives all its words); the last position is the head."""
    text: str
    terms: tuple[frozenset[str], ...]
    marker: str = ""

    @property
    def head(self) -> frozenset[str]:
        return self.terms[-1] if self.terms else frozenset()


@dataclass(frozen=True)
class PrepPhrase:
    """``(to border)``: a preposition and the phrases after it (none for ``(to)``)."""
    text: str
    prep: str
    objects: tuple[Phrase, ...]


Item = Union[Phrase, PrepPhrase]


@dataclass(frozen=True)
class VerbPattern:
    """A PETRARCH phrase pattern of a verb synset.

    ``code`` is CAMEO's for the event from the source to the target, ``reverse_code``
    for the paired event from the target to the source (PETRARCH's ``[042:043]``);
    either is ``None`` where the source gives none (``[---]`` patterns say that the
    phrase is no event). ``before`` and ``after`` are the items on either side of the
    verb, in order."""
    verb: str
    code: str | None
    reverse_code: str | None
    before: tuple[Item, ...]
    after: tuple[Item, ...]
    before_text: str
    after_text: str
    found_with: tuple[str, ...]

    @property
    def objects(self) -> tuple[Phrase, ...]:
        """The noun phrases after the verb, outside prepositional phrases (particles such
        as ``off`` in ``put off talk`` included), markers left out."""
        return tuple(i for i in self.after if isinstance(i, Phrase) and not i.marker)

    @property
    def preps(self) -> tuple[PrepPhrase, ...]:
        return tuple(i for i in self.after if isinstance(i, PrepPhrase))


@dataclass(frozen=True)
class Verb:
    """A lemma of a CAMEO verb synset, its irregular forms, and its default CAMEO code
    (its own, else the synset's; ``None`` for ``---``)."""
    lemma: str
    synset: str
    code: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class VerbLexicon:
    """The whole verb lexicon: synset lemmas by word (lemma or listed form), patterns by
    synset, word classes by name (without ``&``)."""
    by_word: dict[str, tuple[Verb, ...]]
    patterns: dict[str, tuple[VerbPattern, ...]]
    classes: dict[str, frozenset[str]]


_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def _phrase(text: str, classes: dict[str, frozenset[str]], where: str) -> Phrase:
    if text in MARKERS:
        return Phrase(text, (), text)
    terms = []
    for term in text.strip("{}").split():
        if term.startswith("&"):
            if term[1:] not in classes:
                raise DataFileError(f"{where}: word class {term} is not in word_classes.tsv")
            terms.append(classes[term[1:]])
        else:
            terms.append(frozenset({term}))
    return Phrase(text, tuple(terms))


def _items(text: str, classes: dict[str, frozenset[str]], where: str) -> tuple[Item, ...]:
    """The items of a pattern cell: ``(to border) {humanitarian aid} &FOOD +``."""
    items: list[Item] = []
    for token in _TOKEN.findall(text):
        if token.startswith("("):
            prep, *rest = _TOKEN.findall(token[1:-1])
            items.append(PrepPhrase(token, prep, tuple(_phrase(t, classes, where) for t in rest)))
        else:
            items.append(_phrase(token, classes, where))
    return tuple(items)


def _code_pair(text: str) -> tuple[str | None, str | None]:
    """``042:043`` -> ("042", "043"); ``:173`` -> (None, "173"); ``---`` -> (None, None)."""
    code, _, reverse = text.partition(":")
    return (code if code and code != "---" else None), (reverse or None)


@rebuilt_on_change(*VERB_FILES)
def verb_lexicon() -> VerbLexicon:
    """The verb files as one object, for code that compiles them (read again when one changes).

    >>> len(verb_lexicon().patterns["cancel"]) > 10
    True
    """
    verbs_file, patterns_file, classes_file = VERB_FILES
    members: dict[str, list[str]] = {}
    for _, (name, word) in _rows(classes_file, ("class", "word")):
        members.setdefault(name, []).append(word)
    classes = {name: frozenset(words) for name, words in members.items()}

    by_word: dict[str, list[Verb]] = {}
    for _, (synset, synset_code, lemma, lemma_code, forms) in _rows(
            verbs_file, ("verb", "verb_code", "lemma", "lemma_code", "forms")):
        code = lemma_code or synset_code
        verb = Verb(lemma, synset, None if code == "---" else code, _split(forms))
        for word in dict.fromkeys((lemma, *verb.forms)):
            by_word.setdefault(word, []).append(verb)

    patterns: dict[str, list[VerbPattern]] = {}
    path = data_path(patterns_file)
    for number, (synset, code, before, after, found_with) in _rows(
            patterns_file, ("verb", "code", "before", "after", "found_with")):
        where = f"{path}:{number}"
        patterns.setdefault(synset, []).append(VerbPattern(
            synset, *_code_pair(code), _items(before, classes, where), _items(after, classes, where),
            before, after, tuple(found_with.split(", ")) if found_with else ()))
    return VerbLexicon({w: tuple(v) for w, v in by_word.items()},
                       {s: tuple(p) for s, p in patterns.items()}, classes)


def verbs(word: str) -> tuple[Verb, ...]:
    """The synset lemmas a verb (a lemma or one of its listed forms) belongs to.

    >>> [(v.synset, v.code) for v in verbs("call off")]
    [('cancel', '160')]
    """
    return verb_lexicon().by_word.get(_normal(word), ())


def verb_patterns(word: str) -> tuple[VerbPattern, ...]:
    """The patterns of every synset the verb belongs to (PETRARCH applies a synset's
    patterns to all its lemmas; ``found_with`` names the verbs a pattern was written for).

    >>> sorted({p.code for p in verb_patterns("close") if "embassy" in p.after_text})
    ['161']
    """
    data = verb_lexicon()
    synsets = dict.fromkeys(v.synset for v in data.by_word.get(_normal(word), ()))
    return tuple(p for s in synsets for p in data.patterns.get(s, ()))


def word_class(name: str) -> frozenset[str]:
    """The words of a pattern word class (``FOOD`` or ``&FOOD``); empty if unknown.

    >>> "truce" in word_class("&CEASEFIRE")
    True
    """
    return verb_lexicon().classes.get(name.lstrip("&").upper(), frozenset())


# -------------------------------------------------------------------------- actors

@dataclass(frozen=True)
class DatedCode:
    """A CAMEO actor code (country and sectors) and the dates it holds between
    (inclusive; ``None``: unbounded). ``coded`` is false for PETRARCH's ``---``
    (do not code). A code with neither date is the actor's default."""
    country: str
    sectors: tuple[str, ...]
    start: date | None = None
    end: date | None = None
    coded: bool = True

    @property
    def code(self) -> str:
        """The code as CAMEO writes it: ``TURGOV``, ``ELI``, ``---``."""
        return self.country + "".join(self.sectors) if self.coded else "---"

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ActorName:
    """An actor as the dictionaries name it: its kind, its names (primary first, then
    the aliases the source groups with it) and its dated codes."""
    kind: str
    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]

    @property
    def name(self) -> str:
        return self.names[0]

    def codes_on(self, day: date | None = None) -> tuple[DatedCode, ...]:
        """The codes that hold on ``day``, as PETRARCH picks them: the dated codes that
        cover it, else the undated ones. Without a day: every code."""
        if day is None:
            return self.codes
        dated = tuple(c for c in self.codes if c.dated and c.holds_on(day))
        return dated or tuple(c for c in self.codes if not c.dated)

    def countries(self, day: date | None = None) -> tuple[str, ...]:
        """The countries (first parts of the codes) on ``day``, without repeats.

        >>> [a.countries() for a in actor_names("Kabul")]
        [('AFG',)]
        """
        return tuple(dict.fromkeys(c.country for c in self.codes_on(day) if c.coded and c.country))


def _dated_code(text: str, where: str) -> DatedCode:
    """``TUR.GOV@2003-03-14..2014-08-28``, ``.ELI``, ``AFG``, ``---``."""
    if text == "---":
        return DatedCode("", (), coded=False)
    code, _, dates = text.partition("@")
    country, *sectors = code.split(".")
    try:
        start, _, end = dates.partition("..")
        return DatedCode(country, tuple(sectors), date.fromisoformat(start) if start else None,
                         date.fromisoformat(end) if end else None)
    except ValueError:
        raise DataFileError(f"{where}: not a code with dates FROM..UNTIL: {text!r}") from None


@dataclass(frozen=True)
class _Actors:
    entries: tuple[ActorName, ...]
    by_name: dict[str, tuple[ActorName, ...]]


@rebuilt_on_change(ACTOR_FILE)
def _actor_data() -> _Actors:
    path = data_path(ACTOR_FILE)
    entries = []
    for number, (kind, codes, names) in _rows(ACTOR_FILE, ("kind", "codes", "names")):
        where = f"{path}:{number}"
        if kind not in ACTOR_KINDS:
            raise DataFileError(f"{where}: unknown kind {kind!r} (one of {', '.join(ACTOR_KINDS)})")
        entries.append(ActorName(kind, _split(names), tuple(_dated_code(c, where) for c in codes.split())))
    by_name: dict[str, list[ActorName]] = {}
    for entry in entries:
        for name in entry.names:
            by_name.setdefault(name, []).append(entry)
    return _Actors(tuple(entries), {n: tuple(e) for n, e in by_name.items()})


def actors() -> tuple[ActorName, ...]:
    """Every actor entry, in the file's order (sorted by primary name)."""
    return _actor_data().entries


def actor_names(name: str) -> tuple[ActorName, ...]:
    """The entries that have ``name`` (any case) among their names.

    >>> [(a.kind, a.name) for a in actor_names("UN")]
    [('organisation', 'un')]
    """
    return _actor_data().by_name.get(_normal(name), ())


# -------------------------------------------------------------------------- agents

@dataclass(frozen=True)
class AgentNoun:
    """A generic agent noun (``police``) and the sectors it adds to an actor's country
    (``~COP``), or, for ``IGO~`` nouns (``peacekeeping troops``), the code put before
    the actor's code (``prefix``). ``plurals``: the forms the source lists."""
    noun: str
    sectors: tuple[str, ...]
    prefix: str
    plurals: tuple[str, ...]


@dataclass(frozen=True)
class _Agents:
    entries: tuple[AgentNoun, ...]
    by_noun: dict[str, tuple[AgentNoun, ...]]


def _agent(noun: str, code: str, plurals: str, where: str) -> AgentNoun:
    if code.startswith("~"):
        return AgentNoun(noun, tuple(code[1:].split(".")), "", _split(plurals))
    if code.endswith("~"):
        return AgentNoun(noun, (), code[:-1], _split(plurals))
    raise DataFileError(f"{where}: an agent code is '~SECTORS' or 'CODE~': {code!r}")


@rebuilt_on_change(AGENT_FILE)
def _agent_data() -> _Agents:
    path = data_path(AGENT_FILE)
    entries = tuple(_agent(noun, code, plurals, f"{path}:{number}")
                    for number, (noun, code, plurals) in _rows(AGENT_FILE, ("noun", "code", "plurals")))
    by_noun: dict[str, list[AgentNoun]] = {}
    for entry in entries:
        for word in (entry.noun, *entry.plurals):
            by_noun.setdefault(word, []).append(entry)
    return _Agents(entries, {n: tuple(e) for n, e in by_noun.items()})


def agents() -> tuple[AgentNoun, ...]:
    return _agent_data().entries


def agent_nouns(noun: str) -> tuple[AgentNoun, ...]:
    """The agent entries of a noun or of one of its listed plurals.

    >>> [a.sectors for a in agent_nouns("Police")]
    [('COP',)]
    """
    return _agent_data().by_noun.get(_normal(noun), ())


# ------------------------------------------------------------------------ discards

class Discard(NamedTuple):
    """A phrase that means the sentence (``scope`` "sentence") or the whole story
    ("story") should not be coded."""
    phrase: str
    scope: str


@rebuilt_on_change(DISCARD_FILE)
def _discard_data() -> tuple[Discard, ...]:
    path = data_path(DISCARD_FILE)
    found = []
    for number, (phrase, scope) in _rows(DISCARD_FILE, ("phrase", "scope")):
        if scope not in ("sentence", "story"):
            raise DataFileError(f"{path}:{number}: scope is 'sentence' or 'story', not {scope!r}")
        found.append(Discard(phrase, scope))
    return tuple(found)


def discards() -> tuple[Discard, ...]:
    """Every discard phrase.

    >>> Discard("world war ii", "sentence") in discards()
    True
    """
    return _discard_data()
