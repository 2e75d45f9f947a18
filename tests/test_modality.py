"""The modality and no-event sets that ship in ``data/eval``: their size, label coverage and scores."""

from __future__ import annotations

from collections import Counter

import pytest

from newsevents.evaluation import modality


def test_modality_set_size_and_coverage():
    rows = modality.load_set("modality.tsv")
    assert len(rows) >= 60
    counts = Counter(r["modality"] for r in rows)
    assert set(counts) == set(modality.MODALITIES)
    assert min(counts.values()) >= 10, counts
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["trigger"] in r["text"], r["id"]
        assert r["published"][:2] == "20" and len(r["published"]) == 10, r["id"]


def test_no_event_set_size():
    rows = modality.load_set("no_event.tsv")
    assert len(rows) >= 100
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["text"].strip() for r in rows)


def test_matched_prefers_the_expected_type():
    from newsevents.model import TextSpan

    class R:  # a record stand-in: only trigger, event and confidence are read
        def __init__(self, start, end, event, conf):
            self.trigger = TextSpan("x", start, end)
            self.event, self.confidence = event, conf

    recs = [R(0, 3, "REJECT", 0.9), R(2, 8, "CONSULT", 0.5), R(20, 25, "ASSAULT", 0.9)]
    assert modality.matched(recs, "abc meet xyz", "meet", "CONSULT").event == "CONSULT"
    assert modality.matched(recs, "abc meet xyz", "xyz", "CONSULT") is None


@pytest.mark.slow
def test_modality_accuracy(nlp):
    res = modality.score(None)
    assert res["accuracy"] >= 0.90, res["errors"]
    for value in modality.MODALITIES:
        assert res["per_value"][value]["f1"] >= 0.8, (value, res["per_value"][value])


@pytest.mark.slow
def test_no_event_precision(nlp):
    res = modality.score_no_event(None)
    assert res["precision"] >= 0.90, res["offenders"]
