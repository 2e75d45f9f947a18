"""The spaCy model package is the official en_core_web_md release it claims to be, loaded once per process."""

from __future__ import annotations

import pytest

from newsevents import nlp as nlp_mod

pytestmark = pytest.mark.slow


def test_model_is_the_official_md_release(nlp):
    meta = nlp.meta
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_md", "3.7.1")
    assert meta["vectors"]["vectors"] > 0  # md class: real word vectors
    for comp in ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"):
        assert comp in nlp.pipe_names
    # accuracy figures shipped with the official release
    assert meta["performance"]["ents_f"] > 0.8 and meta["performance"]["dep_las"] > 0.88


def test_loaded_once_per_process_and_configurable(monkeypatch):
    assert nlp_mod.load() is nlp_mod.load()
    monkeypatch.setenv("NEWSEVENTS_MODEL", "some_other_model")
    assert nlp_mod.model_name() == "some_other_model"
    assert nlp_mod.model_name("explicit") == "explicit"


def test_batches_parse_in_order():
    docs = list(nlp_mod.parse(["Kyiv is the capital.", "Guterres met Putin."], batch_size=1))
    assert [d.text for d in docs] == ["Kyiv is the capital.", "Guterres met Putin."]
    assert any(e.label_ == "PERSON" for e in docs[1].ents)
