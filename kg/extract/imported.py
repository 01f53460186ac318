"""The imported PETRARCH-2 verb patterns, compiled once and matched on the parse.

Reads: the verb lexicon of :mod:`kg.petrarch` (``lexicons/petrarch/verbs.tsv``,
``verb_patterns.tsv``, ``word_classes.tsv``), the crosswalk (``crosswalk.yaml``)
and ``imported.yaml`` (PLOVER type -> kg relation, base confidence); a verb token
of a parsed sentence.
Writes: :func:`ImportedVerbs.match` returns a :class:`VerbMatch`: the CAMEO code
of the verb's phrase, its PLOVER coding, the kg relation it states and, when
the pattern says where the target stands ("fire rocket (at +)"), the target
tokens. The relation extractor (:mod:`kg.extract.relations`) uses it as a
fallback under the curated frames.

A pattern's items are matched in order on the words of the verb's clause after
the verb (objects, particles, prepositional phrases, the nouns under them; not
the clauses it governs) and its ``before`` items on the subject and the
auxiliaries, negation and adverbs left of the verb: a noun phrase item ("aid",
"{tear gas}", "&WEAPON") matches words ending at the head of a noun phrase (not
at a modifier: "carried out a drone strike" names a strike), a prepositional item ("(to &CEASEFIRE)") a preposition
with its objects below it. Words match on the lower-case form or the lemma, or
as a stem of five letters or more followed by an ending of three letters at
most ("restor" matches "restored"; "afghani" does not match "afghanistan"), as
TABARI reads its dictionaries. The most specific match wins (most words); without a
match the verb's default code applies; "---" means no event.

The patterns are compiled when the lexicon is built (once per version of the
files: :class:`kg.extract.lexicon.Lexicon` is rebuilt when one changes) into
tables keyed by word, so a verb tries only the patterns whose words occur in
its clause.

>>> from kg.extract.lexicon import Lexicon
>>> verbs = Lexicon.load().imported
>>> verbs.relation_of("ACCUSE", "allege"), verbs.relation_of("ACCUSE", "disapprove")
('accuses', 'criticizes')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Optional, Union

from .. import petrarch
from ..errors import DataFileError

#: Dependency links that leave the verb's clause (its subject, other clauses, function words).
CLAUSE_EXITS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "ccomp", "xcomp", "advcl", "relcl", "acl",
                          "parataxis", "punct", "cc", "mark", "aux", "auxpass", "neg", "expl", "intj"})
#: Links of a prepositional item's preposition (or particle) to its head.
PREP_DEPS = frozenset({"prep", "agent", "dative", "prt"})
#: Links of words that modify a noun: a pattern's noun phrase ends at the noun itself.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
#: Words a clause is searched for at most, after the verb.
WINDOW = 14
#: Shortest pattern word matched as a stem, and the longest ending it takes ("restor" + "ed").
STEM = 5
ENDING = 3


@dataclass(frozen=True)
class NounItem:
    """A noun phrase of a pattern: its word sequences (classes expanded), by last word."""
    by_last: dict[str, tuple[tuple[str, ...], ...]]
    words: int


@dataclass(frozen=True)
class PrepItem:
    prep: str
    objects: tuple[NounItem, ...]
    target: bool  # "(to +)": the target is this preposition's object (so it is of a bare "(with)")


Item = Union[NounItem, PrepItem]


@dataclass(frozen=True)
class Pattern:
    code: Optional[str]  # None: the phrase is no event
    before: tuple[Item, ...]
    after: tuple[Item, ...]
    weight: int
    text: str


@dataclass(frozen=True)
class VerbMatch:
    """What the imported lexicon makes of one verb in its clause: the CAMEO code, its
    PLOVER coding (the fields :func:`kg.extract.coding.code` reads), the relation."""
    cameo: str
    plover: str
    plover_mode: Optional[str]
    quad_class: int
    intensity: Optional[float]
    relation: str
    pattern: str  # the pattern matched ("" for the verb's default code)
    target_tokens: tuple = ()


@dataclass
class ImportedVerbs:
    confidence: float = 0.6
    synsets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # verb (lemma, form, "call off") -> synsets
    default_code: dict[str, Optional[str]] = field(default_factory=dict)  # verb -> its default code
    patterns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)  # synset -> patterns
    anchors: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)  # synset -> word -> patterns
    unanchored: dict[str, tuple[int, ...]] = field(default_factory=dict)  # synset -> patterns with no word after
    relations: dict[str, str] = field(default_factory=dict)  # "TYPE" or "TYPE mode" -> relation
    codings: dict[str, petrarch.PloverCoding] = field(default_factory=dict)  # CAMEO code -> PLOVER (crosswalk)
    vetoing: frozenset[str] = frozenset()  # synsets with a phrase coded as no event ("---")

    def relation_of(self, plover: Optional[str], mode: Optional[str]) -> Optional[str]:
        if not plover:
            return None
        return self.relations.get(f"{plover} {mode}") or self.relations.get(plover)

    def verb_key(self, verb) -> Optional[str]:
        """The imported verb a token is: "call off" for "called ... off", else its lemma or form."""
        lemma = verb.lemma_.lower()
        for c in verb.children:
            if c.dep_ in ("prt", "prep") and f"{lemma} {c.lower_}" in self.synsets:
                return f"{lemma} {c.lower_}"
        for key in (lemma, verb.lower_):
            if key in self.synsets:
                return key
        return None

    def match(self, verb) -> Optional[VerbMatch]:
        """The code, coding and relation of ``verb`` in its clause; None when the
        lexicon does not know it, its phrase is no event, or PLOVER has no type for it."""
        key = self.verb_key(verb)
        if key is None:
            return None
        best = self._best(verb, key)
        code = best[0].code if best else self.default_code.get(key)
        if code is None:
            return None
        pc = self.codings[code]
        relation = self.relation_of(pc.plover_type, pc.plover_mode)
        if relation is None:
            return None
        return VerbMatch(code, pc.plover_type, pc.plover_mode, pc.quad_class, pc.intensity, relation,
                         best[0].text if best else "", best[1] if best else ())

    def no_event(self, verb) -> bool:
        """Whether the verb's phrase is one the lexicon codes as no event ("---": "seized
        heroin", "fight racism", "beat the other candidates")."""
        key = self.verb_key(verb)
        if key is None or not any(s in self.vetoing for s in self.synsets[key]):
            return False  # most verbs have no such phrase: no need to match their clause
        best = self._best(verb, key)
        return best is not None and best[0].code is None

    def _best(self, verb, key: str) -> Optional[tuple[Pattern, tuple]]:
        """The most specific pattern of the verb that matches its clause, and the target
        tokens it names."""
        tokens = _clause_after(verb)
        keys = {k for t in tokens for k in _keys(t.lower_, t.lemma_.lower())}
        candidates: list[tuple[int, int, Pattern]] = []
        for synset in self.synsets[key]:
            found = set(self.unanchored.get(synset, ()))
            anchors = self.anchors.get(synset, {})
            for k in keys:
                found.update(anchors.get(k, ()))
            candidates += [(-self.patterns[synset][i].weight, n, self.patterns[synset][i])
                           for n, i in enumerate(sorted(found), len(candidates))]
        best: Optional[tuple[Pattern, tuple]] = None
        if candidates:
            after, sent, before = [_read(t) for t in tokens], _Sentence(verb), None
            for _, _, pattern in sorted(candidates, key=lambda c: c[:2]):  # the most specific first
                if pattern.before:
                    before = _clause_before(verb) if before is None else before
                    if not _in_order(pattern.before, before, sent, []):
                        continue
                targets: list = []
                if _in_order(pattern.after, after, sent, targets):
                    best = (pattern, tuple(targets))
                    break
        return best


# ------------------------------------------------------------------ compiling

def compile_imported(spec: dict, relation_names) -> ImportedVerbs:
    """The imported verb lexicon compiled for matching; ``spec`` is ``imported.yaml``,
    ``relation_names`` the relations of ``relations.yaml`` (its table must name them)."""
    where = "imported.yaml"
    try:
        relations = {str(k): str(v) for k, v in (spec.get("relations") or {}).items()}
        confidence = float(spec.get("confidence", 0.6))
    except (AttributeError, TypeError, ValueError) as exc:
        raise DataFileError(f"{where}: expected confidence and a relations table: {exc}") from None
    unknown = sorted(set(relations.values()) - set(relation_names))
    if unknown:
        raise DataFileError(f"{where}: relations not in relations.yaml: {', '.join(unknown)}")
    lexicon = petrarch.verb_lexicon()
    out = ImportedVerbs(confidence=confidence, relations=relations)
    synsets: dict[str, list[str]] = {}
    for word, entries in lexicon.by_word.items():
        for v in entries:
            synsets.setdefault(word, []).append(v.synset)
            out.default_code.setdefault(word, (v.code or "").partition(":")[0] or None)  # "043:042": X -> Y
    out.synsets = {w: tuple(dict.fromkeys(s)) for w, s in synsets.items()}
    codes = {c for c in out.default_code.values() if c}
    codes |= {p.code for patterns in lexicon.patterns.values() for p in patterns if p.code}
    out.codings = {c: petrarch.crosswalk(c) for c in codes}
    out.vetoing = frozenset(s for s, patterns in lexicon.patterns.items() if any(p.code is None for p in patterns))
    nouns: dict[str, NounItem] = {}
    for synset, patterns in lexicon.patterns.items():
        compiled = tuple(_compile(p, nouns) for p in patterns)
        anchors: dict[str, list[int]] = {}
        unanchored = []
        for i, p in enumerate(compiled):
            first = next((item for item in p.after), None)
            if first is None:
                unanchored.append(i)
            elif isinstance(first, PrepItem):
                anchors.setdefault(first.prep, []).append(i)
            else:
                for last in first.by_last:
                    anchors.setdefault(last, []).append(i)
        out.patterns[synset] = compiled
        out.anchors[synset] = {w: tuple(ix) for w, ix in anchors.items()}
        out.unanchored[synset] = tuple(unanchored)
    return out


def _noun(phrase: petrarch.Phrase, compiled: dict) -> NounItem:
    """A noun item, compiled once per phrase text (classes recur across patterns)."""
    if phrase.text in compiled:
        return compiled[phrase.text]
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for combo in product(*phrase.terms):
        words = tuple(w for term in combo for w in term.split())
        by_last.setdefault(words[-1], []).append(words)
    item = compiled[phrase.text] = NounItem({w: tuple(s) for w, s in by_last.items()}, len(phrase.terms))
    return item


def _items(items, compiled: dict) -> tuple[Item, ...]:
    out: list[Item] = []
    for item in items:
        if isinstance(item, petrarch.PrepPhrase):
            objects = tuple(_noun(o, compiled) for o in item.objects if not o.marker)
            out.append(PrepItem(item.prep, objects, any(o.marker in ("+", "%") for o in item.objects)))
        elif not item.marker:
            out.append(_noun(item, compiled))
    return tuple(out)


def _compile(p: petrarch.VerbPattern, compiled: dict) -> Pattern:
    before, after = _items(p.before, compiled), _items(p.after, compiled)
    weight = sum(i.words if isinstance(i, NounItem) else 1 + sum(o.words for o in i.objects)
                 for i in before + after)
    return Pattern(p.code, before, after, weight, " ".join(x for x in (p.before_text, p.verb, p.after_text) if x))


# ------------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Word:
    """A word of the clause as the matcher reads it (spaCy attributes read once)."""
    i: int
    lower: str
    lemma: str
    dep: str
    keys: tuple[str, ...]  # lower case, lemma and their stems
    last: int  # the last position of its subtree
    targets: tuple = ()  # of a preposition: its objects and their conjuncts


def _keys(lower: str, lemma: str) -> tuple[str, ...]:
    """The words a token is looked up by: its lower case, its lemma and their stems."""
    stems = tuple(lower[:n] for n in range(max(STEM, len(lower) - ENDING), len(lower)))
    return (lower, lemma) + stems


def _word(pattern_word: str, lower: str, lemma: str) -> bool:
    return (lower == pattern_word or lemma == pattern_word
            or (len(pattern_word) >= STEM and lower.startswith(pattern_word) and len(lower) - len(pattern_word) <= ENDING))


def _read(t) -> _Word:
    lower, lemma = t.lower_, t.lemma_.lower()
    targets = ()
    if t.dep_ in PREP_DEPS:
        targets = tuple(x for c in t.children if c.dep_ == "pobj" for x in [c, *c.conjuncts])
    return _Word(t.i, lower, lemma, t.dep_, _keys(lower, lemma), t.right_edge.i, targets)


def _clause_after(verb) -> list:
    """The tokens of the verb's clause after it, in order (its own clauses left out)."""
    out, todo = [], [c for c in verb.children if c.i > verb.i and c.dep_ not in CLAUSE_EXITS]
    while todo and len(out) < 4 * WINDOW:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ not in CLAUSE_EXITS
                    and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    out.sort(key=lambda t: t.i)
    return out[:WINDOW]


#: Words left of the verb that ``before`` items may match: the subject's, and these.
BEFORE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def _clause_before(verb) -> list[_Word]:
    """The subject's words and the auxiliaries, negation and adverbs left of the verb."""
    out = [t for c in verb.children if c.i < verb.i and c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    out += [c for c in verb.children if c.i < verb.i and c.dep_ in BEFORE_DEPS]
    return [_read(t) for t in sorted(out, key=lambda t: t.i)]


class _Sentence:
    """The words of the verb's sentence, read when a phrase of several words is tried."""

    def __init__(self, verb):
        self.doc, self.start = verb.doc, verb.sent.start

    def ends_at(self, words: tuple[str, ...], i: int) -> bool:
        """Whether ``words`` end at position ``i`` (its last word already matched)."""
        for k, w in enumerate(reversed(words[:-1]), 1):
            if i - k < self.start:
                return False
            t = self.doc[i - k]
            if not _word(w, t.lower_, t.lemma_.lower()):
                return False
        return True


def _noun_at(item: NounItem, words: list[_Word], start: int, sent: _Sentence) -> Optional[int]:
    """Position in ``words`` (from ``start``) of a word ending a phrase of ``item``."""
    for pos in range(start, len(words)):
        w = words[pos]
        if w.dep in MODIFIER_DEPS:
            continue  # "carried out a drone strike" carried out a strike, not a drone
        for key in w.keys:
            for phrase in item.by_last.get(key, ()):
                if sent.ends_at(phrase, w.i):
                    return pos
    return None


def _in_order(items: tuple[Item, ...], words: list[_Word], sent: _Sentence, targets: list) -> bool:
    pos = 0
    for item in items:
        if isinstance(item, NounItem):
            found = _noun_at(item, words, pos, sent)
            if found is None:
                return False
            pos = found + 1
            continue
        for p in range(pos, len(words)):
            w = words[p]
            if w.dep in PREP_DEPS and w.lower == item.prep:
                below = [x for x in words[p + 1:] if x.i <= w.last]
                if _in_order(item.objects, below, sent, targets):
                    if item.target or not item.objects:  # "(at +)", or a bare "(with)": its object is the target
                        targets.extend(w.targets)
                    pos = p + 1
                    break
        else:
            return False
    return True
