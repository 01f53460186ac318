#!/usr/bin/env python3
"""Convert the PETRARCH-2 event-coding dictionaries into kg's lexicon files.

Reads, from the folder given (a copy of ``petrarch2/data/dictionaries/`` of
openeventdata/petrarch2 at commit 676801c):

    CAMEO.2.0.txt                     verb synsets, their phrase patterns, word classes
    Phoenix.Countries.actors.txt      countries, their places, people and institutions
    Phoenix.International.actors.txt  international organisations and their officials
    Phoenix.MilNonState.actors.txt    non-state armed groups
    Phoenix.agents.txt                generic agent nouns ("police", "rebels")
    Phoenix.discards.txt              phrases that mean a sentence should not be coded
    LICENSE                           the MIT licence of the dictionaries

Writes, into the output folder (``ontology/lexicons/petrarch/`` of the repository):

    verbs.tsv  verb_patterns.tsv  word_classes.tsv  actors.tsv  agents.tsv  discards.tsv  LICENSE

The formats are documented in ``ontology/lexicons/README.md``. Rows are sorted, so
running the importer twice gives byte-identical files. Lines that cannot be
converted (an undefined word class, a malformed date) are listed on standard
error with their file and line; a line of a kind the importer does not know
stops it with an error naming the file and the line.

    python scripts/import_petrarch.py ../shared/lexicons/petrarch2 -o ontology/lexicons/petrarch
"""
from __future__ import annotations

import argparse
import datetime
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

SOURCE = "openeventdata/petrarch2, commit 676801c, petrarch2/data/dictionaries/"
COMMAND = "python scripts/import_petrarch.py ../shared/lexicons/petrarch2 -o ontology/lexicons/petrarch"

VERB_FILE = "CAMEO.2.0.txt"
COUNTRY_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
NON_STATE_FILE = "Phoenix.MilNonState.actors.txt"
AGENT_FILE = "Phoenix.agents.txt"
DISCARD_FILE = "Phoenix.discards.txt"
LICENCE_FILE = "LICENSE"

#: CAMEO's sector, role and religion codes. A code whose first three letters are
#: one of these has no country part ([ELI], [MEDREF]); any other first three letters
#: are the country (ISO-like CAMEO codes, regions such as MEA, and IGO/NGO/IMG/MNC).
#: SUN (Sunni in CAMEO's religion list) is left out: these dictionaries use SUN for
#: the Soviet Union ([SUNRUS]).
SECTOR_CODES = frozenset("""
    AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PPL PTY
    RAD REB REF REL SEP SPY UAF
    ALE BAH BUD CHR CON CTH DOX HIN ITH JAN JEW MOS MUS ORT PRO SHI SIK TAO ZRO
""".split())

#: Words that do not tell one country's name from another's (see resembles).
GENERIC_NAME_WORDS = frozenset("""
    the of and de del la le el a an republic democratic people peoples people's popular united
    states state kingdom federal federation federated islamic arab north south east west
    northern southern eastern western new saint st st. great islands island union socialist
    commonwealth central principality grand duchy sultanate territory
""".split())

#: Words that make a name a place even when it repeats the country's name ("mexico city").
PLACE_WORDS = frozenset("city ciudad province district region capital".split())

#: Names of bodies rather than people, for entries whose dated codes would make them a
#: person ("sudan people's liberation movement", "palestinian authority", "the islamic state")...
ORGANISATION_NAME = re.compile(r"\b(party|movement|front|army|council|assembly|authority|organi[sz]ation|"
                               r"brigades?|union|committee|ministry|government|court|parliament|league|"
                               r"forces|agency|department|administration|commission|federation|group|"
                               r"politburo|presidium|islamic state|state of)\b")
#: ... unless they name a role held by a person ("general secretary of the communist party").
ROLE_NAME = re.compile(r"\b(secretary|sec\.|president|minister|chairman|leader|chief|head|governor|"
                       r"ambassador|king|premier)\b")

#: Sectors of armed groups: rebels, insurgents, separatists, unidentified armed forces.
ARMED_SECTORS = frozenset("REB INS SEP UAF".split())


class SourceError(Exception):
    """A line of a source file the importer does not understand."""


class Unconvertible(Exception):
    """A line the importer understands but cannot convert (it is skipped and noted)."""


@dataclass(frozen=True)
class Line:
    """One line of a source file, with its place for messages."""
    file: str
    number: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.number}"

    def error(self, message: str) -> SourceError:
        return SourceError(f"{self.where}: {message}: {self.text.strip()!r}")


@dataclass
class Notes:
    """What the importer skipped or read in a particular way, by source line."""
    items: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, line: Line, message: str) -> None:
        self.items.append((line.file, line.number, f"{message}: {line.text.strip()!r}"))

    def lines(self) -> list[str]:
        return [f"{file}:{number}: {message}" for file, number, message in sorted(self.items)]


def read_lines(folder: Path, name: str) -> list[Line]:
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read: {exc}") from None
    return [Line(name, number, raw) for number, raw in enumerate(text.splitlines(), 1)]


def without_comment(text: str) -> str:
    return text.split("#", 1)[0]


def words(token: str) -> str:
    """A dictionary phrase as text: ``_`` joins words, case is dropped, diacritics kept.

    >>> words("RECEP_TAYYIP_ERDOĞAN_")
    'recep tayyip erdoğan'
    """
    return " ".join(token.replace("_", " ").split()).lower()


def copyright_line(lines: list[Line]) -> str | None:
    """The ``Copyright (c) ...`` line of a file's header comment, if it has one."""
    for line in lines:
        found = re.match(r"#\s*(Copyright \(c\) .*?)\s*$", line.text)
        if found:
            return found.group(1)
    return None


# --------------------------------------------------------------------------- verbs

VERB_CODE = re.compile(r"^(---|\d{2,4}|\d{2,4}:\d{2,4}|:\d{2,4})$")
CLASS_NAME = re.compile(r"^&([A-Z][A-Z0-9_]*?)_?$")
MARKERS = frozenset("$+%^")


@dataclass
class Lemma:
    text: str
    code: str
    forms: tuple[str, ...]


@dataclass
class Pattern:
    code: str
    before: str
    after: str
    found_with: set[str]


@dataclass
class Synset:
    name: str
    code: str
    lemmas: list[Lemma] = field(default_factory=list)
    patterns: dict[tuple[str, str, str], Pattern] = field(default_factory=dict)


@dataclass
class VerbDictionary:
    classes: dict[str, list[str]]
    synsets: list[Synset]


def verb_code(text: str) -> str:
    code = text.strip()
    if not VERB_CODE.match(code):
        raise Unconvertible(f"[{code}] is not a CAMEO code")
    return code


def split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """The verb file's three parts, by their ``####### NAME #######`` banners."""
    sections: dict[str, list[Line]] = {"HEADER": []}
    current = "HEADER"
    for line in lines:
        banner = re.match(r"^#{3,}\s*([A-Z ]+?)\s*#{3,}\s*$", line.text)
        if banner:
            current = banner.group(1)
            sections[current] = []
        else:
            sections[current].append(line)
    for name in ("SYNONYM SETS", "VERB PATTERNS", "TRANSFORMATIONS"):
        if name not in sections:
            raise SourceError(f"{lines[0].file}: no '####### {name} #######' section")
    return sections


def parse_classes(lines: list[Line]) -> dict[str, list[str]]:
    """``&NAME`` word classes and their ``+WORD`` members."""
    classes: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        body = without_comment(line.text).strip()
        if not body:
            continue
        named = CLASS_NAME.match(body)
        if named:
            current = classes.setdefault(named.group(1), [])
        elif body.startswith("+") and current is not None:
            member = words(body[1:])
            if member not in current:
                current.append(member)
        else:
            raise line.error("expected '&CLASS' or '+WORD'")
    return classes


def parse_lemma(line: Line) -> Lemma:
    """``+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]``: a lemma, its irregular forms, its own code."""
    body = without_comment(line.text).split(";", 1)[0]   # ';' starts TABARI-era comments
    found = re.match(r"^\+?([^\s{\[]+)\s*(?:\{([^}]*)\})?\s*(?:\[([^\]]*)\])?\s*$", body.strip())
    if not found:
        raise line.error("expected 'LEMMA {FORMS} [CODE]'")
    lemma, forms, code = found.groups()
    form_list = tuple(words(f.lstrip("+")) for f in re.split(r"[\s,]+", forms or "") if f.strip("+"))
    return Lemma(words(lemma), verb_code(code) if code is not None else "", form_list)


def render_word(token: str, classes: dict[str, list[str]]) -> list[str]:
    """The words of one source token: ``CEASE_FIRE`` has two, ``&FOOD`` is a class."""
    rendered = []
    for part in token.split("_"):
        if not part:
            continue
        if part.startswith("&"):
            name = part[1:]
            if name not in classes:
                raise Unconvertible(f"word class {part} is not defined")
            rendered.append(part)
        elif part in MARKERS:
            rendered.append(part)
        else:
            rendered.append(part.lower())
    return rendered


def render_phrase(parts: list[str]) -> str:
    """One noun phrase of the output syntax: a single term, or ``{several terms}``."""
    return parts[0] if len(parts) == 1 else "{" + " ".join(parts) + "}"


def render_pattern_side(text: str, classes: dict[str, list[str]]) -> str:
    """One side of ``*`` in kg's pattern syntax: lower-case words, ``{multi word}``
    noun phrases, ``&CLASS``, markers ``$ + % ^``, ``(prep phrase ...)``."""
    tokens = re.findall(r"[(){}]|[^\s(){}]+", text)
    items: list[str] = []
    group: list[str] | None = None      # phrases of an open '(...)'
    brace: list[str] | None = None      # terms of an open '{...}'
    for token in tokens:
        if token == "{":
            if brace is not None:
                raise Unconvertible("'{' inside '{...}'")
            brace = []
        elif token == "}":
            if not brace:
                raise Unconvertible("'}' without '{', or an empty '{}'")
            (group if group is not None else items).append(render_phrase(brace))
            brace = None
        elif brace is not None:
            brace.extend(render_word(token, classes))
        elif token == "(":
            if group is not None:
                raise Unconvertible("'(' inside '(...)'")
            group = []
        elif token == ")":
            if not group:
                raise Unconvertible("')' without '(', or an empty '()'")
            items.append("(" + " ".join(group) + ")")
            group = None
        else:
            parts = render_word(token, classes)
            if parts:
                (group if group is not None else items).append(render_phrase(parts))
    if group is not None or brace is not None:
        raise Unconvertible("'(' or '{' not closed")
    return " ".join(items)


def found_with(comment: str) -> set[str]:
    """The verbs a pattern was first found with, from its comment (``# STEP_UP , STEPPED_UP``)."""
    return {words(w) for w in comment.split(",") if re.fullmatch(r"\s*[A-Z][A-Z_'\-]*\s*", w)}


def slash_alternatives(text: str) -> list[str]:
    """A pattern with each ``A/B`` word replaced by one of its alternatives.

    >>> slash_alternatives("* (BY/WITH &WEAPON)")
    ['* (BY &WEAPON)', '* (WITH &WEAPON)']
    """
    found = re.search(r"[A-Za-z][\w'-]*(?:/[A-Za-z][\w'-]*)+", text)
    if not found:
        return [text]
    head, tail = text[:found.start()], text[found.end():]
    return [expanded for word in found.group(0).split("/")
            for expanded in slash_alternatives(head + word + tail)]


def parse_patterns(line: Line, classes: dict[str, list[str]]) -> list[Pattern]:
    """``- WORDS * WORDS (PREP WORDS) [code] # VERB``: one pattern, or one per
    alternative where a word is written ``A/B`` (``(BY/WITH PROTESTS)``)."""
    body, _, comment = line.text.partition("#")
    found = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", body)
    if not found:
        raise line.error("expected '- ... * ... [code]'")
    text, code = found.groups()
    code = verb_code(code)
    text = re.sub(r"_?\*_?", " * ", text)        # '*_LAWS', 'SPY_*_DEAL': '_' next to the verb
    if text.count("*") != 1:
        raise Unconvertible("a pattern needs one '*' (the verb)")
    patterns = []
    for alternative in slash_alternatives(text):
        before, after = alternative.split("*")
        patterns.append(Pattern(code, render_pattern_side(before, classes),
                                render_pattern_side(after, classes), found_with(comment)))
    return patterns


def parse_verb_blocks(lines: list[Line], classes: dict[str, list[str]], notes: Notes) -> list[Synset]:
    synsets: list[Synset] = []
    for line in lines:
        body = without_comment(line.text).strip()
        if not body:
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", body)    # "[110]---  ---" once
        if header:
            if not VERB_CODE.match(header.group(2)):
                raise line.error("a verb synset without a CAMEO code")
            synsets.append(Synset(words(header.group(1)), header.group(2)))
        elif not synsets:
            raise line.error("a verb line before the first '--- VERB [code] ---'")
        else:
            try:
                if body.startswith("-"):
                    for pattern in parse_patterns(line, classes):
                        add_pattern(synsets[-1], pattern)
                else:
                    synsets[-1].lemmas.append(parse_lemma(line))
            except Unconvertible as exc:
                notes.add(line, f"skipped: {exc}")
    return synsets


def add_pattern(synset: Synset, pattern: Pattern) -> None:
    """Adds a pattern; a repeated one only adds the verbs it was found with."""
    key = (pattern.code, pattern.before, pattern.after)
    if key in synset.patterns:
        synset.patterns[key].found_with |= pattern.found_with
    else:
        synset.patterns[key] = pattern


def parse_verb_dictionary(lines: list[Line], notes: Notes) -> VerbDictionary:
    sections = split_sections(lines)
    classes = parse_classes(sections["SYNONYM SETS"])
    synsets = parse_verb_blocks(sections["VERB PATTERNS"], classes, notes)
    rules = [line for line in sections["TRANSFORMATIONS"] if line.text.startswith("~")]
    for rule in rules:
        notes.add(rule, "transformation rule not converted (a rewrite of PETRARCH's parse trees)")
    return VerbDictionary(classes, synsets)


# -------------------------------------------------------------------------- actors

ACTOR_CODE = re.compile(r"^(---|[A-Z0-9]+)(?:\s+(.*))?$")


@dataclass(frozen=True)
class ActorCode:
    """A CAMEO actor code split into country and sectors, valid between two dates."""
    country: str
    sectors: tuple[str, ...]
    start: str = ""        # ISO dates; empty: unbounded
    end: str = ""

    @property
    def uncoded(self) -> bool:
        return self.country == "---"

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def render(self) -> str:
        """``TUR.GOV@2003-03-14..2014-08-28``, ``.ELI``, ``AFG``, ``---``."""
        text = ".".join((self.country, *self.sectors))
        return f"{text}@{self.start}..{self.end}" if self.dated else text


@dataclass
class ActorEntry:
    """A primary name, its ``+`` aliases and its codes, as one block of an actor file."""
    line: Line
    names: list[str]
    codes: list[ActorCode] = field(default_factory=list)
    kind: str = ""


def petrarch_date(text: str) -> str:
    """``YYMMDD`` or ``YYYYMMDD`` as an ISO date. Two-digit years 00-30 are 20YY and the
    others 19YY, as KEDS, TABARI and PETRARCH read them.

    >>> petrarch_date("090120"), petrarch_date("320101"), petrarch_date("19270101")
    ('2009-01-20', '1932-01-01', '1927-01-01')
    """
    if len(text) == 6:
        year = int(text[:2])
        text = str(2000 + year if year <= 30 else 1900 + year) + text[2:]
    if len(text) != 8 or not text.isdigit():
        raise ValueError(f"not a YYMMDD or YYYYMMDD date: {text}")
    return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()


def date_range(text: str) -> tuple[str, str]:
    """``>20090120`` (from), ``<20090120`` (until), ``021118-030314`` (between); a lone
    date is a start (both in the source begin a term of office)."""
    text = text.replace(" ", "")
    if text.startswith(">"):
        return petrarch_date(text[1:]), ""
    if text.startswith("<"):
        return "", petrarch_date(text[1:])
    if "-" in text:
        start, end = text.split("-", 1)
        return petrarch_date(start), petrarch_date(end)
    return petrarch_date(text), ""


def split_code(code: str) -> tuple[str, tuple[str, ...]]:
    """A CAMEO code's country and sectors, three letters each.

    >>> split_code("TURGOV"), split_code("ELI"), split_code("IGOUNOHLHWHO")
    (('TUR', ('GOV',)), ('', ('ELI',)), ('IGO', ('UNO', 'HLH', 'WHO')))
    """
    chunks = tuple(code[i:i + 3] for i in range(0, len(code), 3))
    if chunks[0] in SECTOR_CODES:
        return "", chunks
    return chunks[0], chunks[1:]


def actor_code(text: str, line: Line, notes: Notes) -> ActorCode | None:
    found = ACTOR_CODE.match(text.strip())
    if not found:
        raise line.error(f"not an actor code: [{text}]")
    code, dates = found.groups()
    if code == "---":
        return ActorCode("---", ())
    if len(code) % 3:
        notes.add(line, f"code [{text}] skipped: not made of three-letter parts")
        return None
    start = end = ""
    if dates:
        try:
            start, end = date_range(dates)
        except ValueError as exc:
            notes.add(line, f"code [{text}] skipped: {exc}")
            return None
    country, sectors = split_code(code)
    return ActorCode(country, sectors, start, end)


def actor_line_parts(line: Line) -> tuple[str, list[str]]:
    """A line's name (text before the first ``[``) and its bracketed codes; text after
    the codes (revenue notes in the corporation lists) is not part of either."""
    body = without_comment(line.text)
    name, bracket, rest = body.partition("[")
    codes = re.findall(r"\[([^\]]*)\]", bracket + rest)
    if bracket and not codes:
        raise line.error("'[' without ']'")
    return name.strip(), codes


def parse_actor_file(lines: list[Line], notes: Notes) -> list[ActorEntry]:
    """Entries of a TABARI actor file.

    A name line starts an entry, ``+`` lines add aliases to it, and code lines
    (indented, or codes after a name) give codes. Names that follow each other
    with no codes between them share the codes that come next: the files use this
    both for spellings of one person (``LEONID_BREZHNEV_``, ``SECRETARY_BREZHNEV``)
    and for different groups given one code (four Syrian groups, ``[SYRREBMUS]``).
    So such names become one entry when the codes are dated (a history of roles
    belongs to one actor) and stay separate entries when they are not.
    """
    groups: list[list[ActorEntry]] = []      # entries sharing one block of codes
    for line in lines:
        if not without_comment(line.text).strip():
            continue
        name, code_texts = actor_line_parts(line)
        codes = [c for c in (actor_code(t, line, notes) for t in code_texts) if c is not None]
        if name.startswith("+"):
            if not groups:
                raise line.error("an alias before the first name")
            groups[-1][-1].names.append(words(name[1:]))
        elif name:
            if re.match(r"^\w+: ", name):
                notes.add(line, "not a name (a comment without '#'), skipped")
                continue
            entry = ActorEntry(line, [words(name)])
            if groups and not groups[-1][-1].codes:
                groups[-1].append(entry)
            else:
                groups.append([entry])
        elif not groups:
            raise line.error("codes before the first name")
        for entry in groups[-1] if codes else ():
            entry.codes.extend(c for c in codes if c not in entry.codes)
    entries = [entry for group in groups for entry in merge_dated(group)]
    for entry in entries:
        if not entry.codes:
            notes.add(entry.line, "name skipped: no codes follow it")
    return [e for e in entries if e.codes]


def merge_dated(group: list[ActorEntry]) -> list[ActorEntry]:
    """Names sharing dated codes as one entry (see parse_actor_file)."""
    if len(group) == 1 or not any(c.dated for c in group[0].codes):
        return group
    names = [name for entry in group for name in entry.names]
    return [ActorEntry(group[0].line, names, group[0].codes)]


def is_person(entry: ActorEntry) -> bool:
    """People have roles over time (dated codes) or are coded as elites (ELI); bodies
    with dated codes are told apart by their names."""
    codes = [c for c in entry.codes if not c.uncoded]
    if any("ELI" in c.sectors for c in codes):
        return True
    name = entry.names[0]
    body = ORGANISATION_NAME.search(name) and not ROLE_NAME.search(name)
    return any(c.dated for c in codes) and not body


def is_armed(entry: ActorEntry) -> bool:
    """Coded as rebels, insurgents, separatists or unidentified armed forces, or as an
    international militarised group (IMG)."""
    return any(c.country == "IMG" or ARMED_SECTORS.intersection(c.sectors) for c in entry.codes)


def is_country(entry: ActorEntry) -> bool:
    """Country entries carry only country-level codes: [AFG], [GBRMSR] (Montserrat),
    [USRARM <900823] (Soviet Armenia); no sector code."""
    return all(not SECTOR_CODES.intersection(c.sectors) for c in entry.codes if not c.uncoded)


def classify(entry: ActorEntry, file: str) -> str:
    """What an entry names: see ontology/lexicons/README.md for the rules and their limits."""
    if all(c.uncoded for c in entry.codes):
        return "uncoded"
    if file == NON_STATE_FILE:
        return "armed_group"
    if file == COUNTRY_FILE and is_country(entry):
        return "country"
    if is_person(entry):
        return "person"
    return "armed_group" if is_armed(entry) else "organisation"


def initials(name: str) -> set[str]:
    """``united states of america``: ``usoa`` and ``usa`` (with and without the small words)."""
    all_words = re.findall(r"[\w'-]+", name)
    return {"".join(w[0] for w in all_words),
            "".join(w[0] for w in all_words if w not in ("of", "the", "and", "de"))}


def letters(name: str) -> str:
    return "".join(ch for ch in name if ch.isalpha())


def distinctive_words(name: str) -> list[str]:
    """The words that make a name its own: not generic, at least four letters."""
    return [w for w in re.findall(r"[\w'-]+", name) if w not in GENERIC_NAME_WORDS and len(w) >= 4]


def resembles(alias: str, names: list[str]) -> bool:
    """A spelling of one of ``names``: all its distinctive words share their first four
    letters with one of theirs (``afghan``, ``the united states of america``), or it is
    spelt much like one of them (``afganistan``, ``bangla desh``)."""
    if PLACE_WORDS.intersection(alias.split()):
        return False
    stems = {w[:4] for name in names for w in distinctive_words(name)}
    own = distinctive_words(alias)
    if own and all(w[:4] in stems for w in own):
        return True
    return any(difflib.SequenceMatcher(None, alias, name).ratio() >= 0.8 for name in names)


def country_names(entry: ActorEntry) -> set[str]:
    """Which names of a country entry name the country (the others are its places).

    A name names the country when it resembles the primary name or a longer name
    holding it (``afghan``, ``afganistan``; ``british`` from ``united kingdom of great
    britain and northern ireland``), or spells out the initials of one that does
    (``u.s.``, ``r.o.k.``). Cities, provinces and foreign-language names that share
    no stem with those names count as places.
    """
    primary = entry.names[0]
    official = [n for n in entry.names if primary in n]       # "united kingdom of great britain ..."
    named = {primary} | {n for n in entry.names[1:] if resembles(n, official)}
    abbreviations = set().union(*(initials(n) for n in named if len(n.split()) > 1))
    for alias in entry.names[1:]:
        short = letters(alias.removeprefix("the "))
        if len(short) >= 2 and any(a.startswith(short) for a in abbreviations):
            named.add(alias)
    return named


def split_places(entry: ActorEntry) -> list[ActorEntry]:
    """A country (or region) entry as itself, under the names that name it, and one
    place entry per other name it lists (its cities, provinces, regions). A region is
    a place too."""
    named = country_names(entry)
    kind = "country" if entry.kind == "country" else "place"
    itself = ActorEntry(entry.line, [n for n in entry.names if n in named], entry.codes, kind)
    places = [ActorEntry(entry.line, [n], entry.codes, "place") for n in entry.names if n not in named]
    return [itself, *places]


def read_actors(texts: dict[str, list[Line]], notes: Notes) -> list[ActorEntry]:
    """The entries of the three actor files, with their kinds; country entries split into
    the country and its places (see demote_regions, split_places)."""
    entries: list[ActorEntry] = []
    for file in (COUNTRY_FILE, INTERNATIONAL_FILE, NON_STATE_FILE):
        for entry in parse_actor_file(texts[file], notes):
            entry.kind = classify(entry, file)
            entries.append(entry)
    demote_regions(entries)
    return [part for entry in entries
            for part in (split_places(entry) if entry.kind in ("country", "region") else [entry])]


def demote_regions(entries: list[ActorEntry]) -> None:
    """Marks as regions the country-coded entries that are regions or cities of a country.

    Several entries may end with the same open-ended country code: ``germany`` and
    ``leipzig`` (DDR, then DEU), ``moldova`` and ``transnistria``, ``france`` and
    ``mayotte``. The country is the one with the most names (a country lists its
    spellings and its places); the others are regions of it, unless their name
    resembles the country's (a second ``croatia`` entry with the dates of its
    independence). Entries whose last code has ended are former states and stay
    countries (``czechoslovakia``, ``russian sfsr``)."""
    by_code: dict[str, list[ActorEntry]] = {}
    for entry in entries:
        last = entry.codes[-1]
        if entry.kind == "country" and not last.end:
            by_code.setdefault(".".join((last.country, *last.sectors)), []).append(entry)
    for same_code in by_code.values():
        country = max(same_code, key=lambda e: len(e.names))     # the first of the longest
        for entry in same_code:
            if entry is not country and not resembles(entry.names[0], country.names):
                entry.kind = "region"


def actor_rows(entries: list[ActorEntry]) -> list[tuple[str, ...]]:
    """One row per entry: kind, codes, names (primary first); identical entries once."""
    rows = set()
    for entry in entries:
        primary, *aliases = dict.fromkeys(entry.names)
        names = "|".join([primary, *sorted(set(aliases) - {primary})])
        rows.add((entry.kind, " ".join(c.render() for c in entry.codes), names))
    return sorted(rows, key=lambda row: (row[2], row[0], row[1]))


# -------------------------------------------------------------------------- agents

@dataclass(frozen=True)
class Agent:
    noun: str
    code: str
    plurals: tuple[str, ...]


def parse_macros(lines: list[Line]) -> dict[str, list[str]]:
    """``!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON``."""
    macros = {}
    for line in lines:
        found = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", without_comment(line.text).strip())
        if found:
            macros[found.group(1)] = [w.strip() for w in found.group(2).split(",") if w.strip()]
    return macros


def expand_macros(text: str, macros: dict[str, list[str]], line: Line) -> list[str]:
    """``POLICE!PERSON!`` -> POLICEMAN, POLICEMEN, POLICEWOMAN, ..."""
    found = re.search(r"![A-Z]+!", text)
    if not found:
        return [text]
    if found.group(0) not in macros:
        raise line.error(f"macro {found.group(0)} is not defined")
    head, tail = text[:found.start()], text[found.end():]
    return [expanded for value in macros[found.group(0)]
            for expanded in expand_macros(head + value + tail, macros, line)]


def dotted_agent_code(code: str) -> str:
    """``~GOVAGR`` as ``~GOV.AGR`` (three-letter parts shown, as in actors.tsv); ``IGO~`` stays.

    >>> dotted_agent_code("~GOVAGR"), dotted_agent_code("IGO~")
    ('~GOV.AGR', 'IGO~')
    """
    parts = code.strip("~")
    dotted = ".".join(parts[i:i + 3] for i in range(0, len(parts), 3))
    return "~" + dotted if code.startswith("~") else dotted + "~"


def parse_agents(lines: list[Line], notes: Notes) -> list[Agent]:
    """``NOUN {PLURALS} [~SECTOR]`` lines; ``[IGO~]`` puts IGO before the actor's code."""
    macros = parse_macros(lines)
    agents = []
    for line in lines:
        body = without_comment(line.text).strip()
        if not body or re.match(r"^![A-Z]+!\s*=", body):
            continue
        found = re.match(r"^([^{\[]+?)\s*(?:\{([^}]*)\})?\s*\[(~[A-Z]+|[A-Z]+~)\]$", body)
        if not found:
            notes.add(line, "agent skipped: not 'NOUN {PLURALS} [~CODE]' (or '[CODE~]')")
            continue
        noun, plurals, code = found.groups()
        if len(code.strip("~")) % 3:
            notes.add(line, f"agent skipped: code [{code}] is not made of three-letter parts")
            continue
        plural_list = tuple(words(p) for plural in (plurals or "").split()
                            for p in expand_macros(plural, macros, line))
        for expanded in expand_macros(noun, macros, line):
            agents.append(Agent(words(expanded), dotted_agent_code(code), plural_list))
    return agents


# ------------------------------------------------------------------------ discards

def parse_discards(lines: list[Line]) -> list[tuple[str, str]]:
    """``+PHRASE`` discards the story, ``PHRASE`` the sentence."""
    discards = set()
    for line in lines:
        body = without_comment(line.text).strip()
        if not body:
            continue
        scope = "story" if body.startswith("+") else "sentence"
        discards.add((words(body.lstrip("+")), scope))
    return sorted(discards)


# ------------------------------------------------------------------------- writing

def header(what: str, sources: list[tuple[str, str]], columns: list[str]) -> list[str]:
    """The comment lines every converted file starts with, and its column names."""
    lines = [f"# {what}", "# Converted by kg from the PETRARCH-2 dictionaries:"]
    lines += [f"#   {SOURCE}{file} ({notice}, MIT licence)" for file, notice in sources]
    lines += ["# Licence: MIT (LICENSE in this folder). Format: ontology/lexicons/README.md.",
              f"# Regenerate: {COMMAND}",
              "\t".join(columns)]
    return lines


def write_table(path: Path, head: list[str], rows: Iterable[tuple[str, ...]]) -> int:
    body = ["\t".join(row) for row in rows]
    for row in body:
        if "\n" in row:
            raise SourceError(f"{path.name}: a value holds a line break: {row!r}")
    path.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    return len(body)


def verb_rows(dictionary: VerbDictionary) -> list[tuple[str, ...]]:
    rows = {(s.name, s.code, lemma.text, lemma.code, "|".join(lemma.forms))
            for s in dictionary.synsets for lemma in s.lemmas}
    return sorted(rows)


def pattern_rows(dictionary: VerbDictionary) -> list[tuple[str, ...]]:
    rows = {(s.name, p.code, p.before, p.after, ", ".join(sorted(p.found_with)))
            for s in dictionary.synsets for p in s.patterns.values()}
    return sorted(rows)


def class_rows(dictionary: VerbDictionary) -> list[tuple[str, ...]]:
    return sorted((name, word) for name, members in dictionary.classes.items() for word in members)


def agent_rows(agents: list[Agent]) -> list[tuple[str, ...]]:
    return sorted({(a.noun, a.code, "|".join(a.plurals)) for a in agents})


@dataclass(frozen=True)
class Output:
    name: str
    what: str
    sources: tuple[str, ...]
    columns: tuple[str, ...]


OUTPUTS = {
    "verbs": Output("verbs.tsv", "Verb lemmas by CAMEO verb synset.", (VERB_FILE,),
                    ("verb", "verb_code", "lemma", "lemma_code", "forms")),
    "patterns": Output("verb_patterns.tsv", "Phrase patterns of the CAMEO verb synsets.", (VERB_FILE,),
                       ("verb", "code", "before", "after", "found_with")),
    "classes": Output("word_classes.tsv", "Word classes (&NAME) of the verb patterns.", (VERB_FILE,),
                      ("class", "word")),
    "actors": Output("actors.tsv", "Actor names: countries, places, people, organisations, armed groups.",
                     (COUNTRY_FILE, INTERNATIONAL_FILE, NON_STATE_FILE), ("kind", "codes", "names")),
    "agents": Output("agents.tsv", "Generic agent nouns and their CAMEO sector codes.", (AGENT_FILE,),
                     ("noun", "code", "plurals")),
    "discards": Output("discards.tsv", "Phrases that mean a sentence (or the whole story) is not coded.",
                       (DISCARD_FILE,), ("phrase", "scope")),
}


def convert(source: Path, target: Path, notes: Notes) -> dict[str, int]:
    """Reads the dictionaries in ``source``, writes kg's files into ``target``; row counts by file."""
    licence = read_lines(source, LICENCE_FILE)
    fallback = copyright_line([Line(LICENCE_FILE, 0, "# " + line.text) for line in licence])
    texts = {file: read_lines(source, file) for output in OUTPUTS.values() for file in output.sources}
    notices = {file: copyright_line(lines) or fallback for file, lines in texts.items()}

    verbs = parse_verb_dictionary(texts[VERB_FILE], notes)
    rows = {
        "verbs": verb_rows(verbs),
        "patterns": pattern_rows(verbs),
        "classes": class_rows(verbs),
        "actors": actor_rows(read_actors(texts, notes)),
        "agents": agent_rows(parse_agents(texts[AGENT_FILE], notes)),
        "discards": parse_discards(texts[DISCARD_FILE]),
    }
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    for key, output in OUTPUTS.items():
        head = header(output.what, [(f, notices[f]) for f in output.sources], list(output.columns))
        counts[output.name] = write_table(target / output.name, head, rows[key])
    (target / LICENCE_FILE).write_text("\n".join(line.text for line in licence) + "\n", encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="folder of the PETRARCH-2 dictionaries")
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write kg's files into")
    args = parser.parse_args(argv)
    notes = Notes()
    try:
        counts = convert(args.source, args.output, notes)
    except SourceError as exc:
        print(f"import_petrarch: {exc}", file=sys.stderr)
        return 1
    for note in notes.lines():
        print(note, file=sys.stderr)
    for name, count in counts.items():
        print(f"{args.output / name}: {count} rows")
    print(f"{len(notes.items)} source lines not converted (listed on standard error)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
