"""Document signatures and same-event decisions: same quake vs. another quake, one visit vs. a look-alike."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents import docsim
from newsevents.docsim import Signature, Space

QUAKE_A1 = (
    "A magnitude 6.5 earthquake struck Pidie Jaya in Aceh province on December 7, 2016, killing at least 97 "
    "people and flattening hundreds of buildings, Indonesian officials said.\n"
    "Rescuers in Meureudu pulled survivors from collapsed shops. The disaster agency spokesman Sutopo Purwo "
    "Nugroho said the death toll was expected to rise."
)
QUAKE_A2 = (
    "Rescue teams searched the rubble in Meureudu after the 6.5-magnitude quake that hit Aceh on December 7, "
    "2016. The toll rose to 97 dead, Sutopo Purwo Nugroho of the disaster agency said.\n"
    "Indonesian President Joko Widodo visited Pidie Jaya to see the damage."
)
QUAKE_B = (
    "A magnitude 7.8 earthquake struck central Nepal on April 25, 2015, killing more than 8,000 people and "
    "flattening buildings in Kathmandu, officials said.\n"
    "Rescuers pulled survivors from collapsed houses. Prime Minister Sushil Koirala said the death toll was "
    "expected to rise."
)
VISIT_2014 = (
    "United Nations Secretary-General Ban Ki-moon arrived in Moscow on May 8, 2014 for talks with Russian "
    "President Vladimir Putin on the crisis in Ukraine. Ban urged Moscow to help calm tensions in Donetsk."
)
VISIT_2022 = (
    "United Nations Secretary-General Antonio Guterres arrived in Moscow on April 26, 2022 for talks with "
    "Russian President Vladimir Putin on the war in Ukraine. Guterres urged Moscow to allow evacuations from "
    "Mariupol."
)


def sig(nlp, text: str, id: str, published: dt.date | None = None) -> Signature:
    from newsevents import pipeline

    art = pipeline.article_from_text(text, id=id, published=published)
    doc = nlp(text)
    return docsim.signature(art, doc, pipeline.analyse(art, doc, published))


@pytest.fixture(scope="module")
def sigs(nlp) -> dict[str, Signature]:
    return {
        "a1": sig(nlp, QUAKE_A1, "a1"),
        "a2": sig(nlp, QUAKE_A2, "a2"),
        "b": sig(nlp, QUAKE_B, "b"),
        "v14": sig(nlp, VISIT_2014, "v14"),
        "v22": sig(nlp, VISIT_2022, "v22"),
    }


@pytest.mark.slow
def test_signature_keeps_the_particulars(sigs):
    a1 = sigs["a1"]
    assert "n:6.5" in a1.numbers and "n:97" in a1.numbers
    assert "y:2016" in a1.dates and "d:2016-12-07" in a1.dates
    assert any("aceh" in k for k in a1.places)
    assert a1.years() == {2016}
    assert docsim.Signature.from_json(a1.to_json()) == a1


@pytest.mark.slow
def test_same_quake_reports_are_one_event(sigs):
    space = Space(sigs.values())
    same, s = docsim.same_event(sigs["a1"], sigs["a2"], space)
    assert same, s


@pytest.mark.slow
def test_another_quake_is_a_look_alike(sigs):
    space = Space(sigs.values())
    same, s = docsim.same_event(sigs["a1"], sigs["b"], space)
    assert not same, s
    assert s < docsim.similarity(sigs["a1"], sigs["a2"], space)


@pytest.mark.slow
def test_visits_years_apart_are_similar_but_not_the_same(sigs):
    space = Space(sigs.values())
    same, s = docsim.same_event(sigs["v14"], sigs["v22"], space)
    assert not same, s
    # closer to each other than to an earthquake report
    assert (
        space.features(sigs["v14"], sigs["v22"])["terms"] > space.features(sigs["v14"], sigs["a1"])["terms"]
    )
    assert space.features(sigs["v14"], sigs["v22"])["year_conflict"] == 1.0


# --------------------------------------------------------------------------- without the model


def _s(id: str, **families: dict[str, float]) -> Signature:
    return Signature(id=id, **families)


def test_idf_makes_shared_words_cheap():
    docs = [_s(str(i), terms={"earthquake": 1, f"w{i}": 1}) for i in range(10)]
    space = Space(docs)
    assert space.idf("terms", "earthquake") < space.idf("terms", "w1") / 2


def test_year_conflict_and_publication_gap():
    a = _s("a", dates={"y:2014": 2, "y:2008": 1}, published="2014-05-08", published_source="metadata")
    b = _s("b", dates={"y:2022": 1}, published="2022-04-26", published_source="given")
    c = _s("c", dates={"y:2014": 1}, published="2014-05-09", published_source="metadata")
    space = Space([a, b, c])
    assert space.features(a, b)["year_conflict"] == 1.0
    assert space.features(a, b)["pub_far"] == 1.0
    assert space.features(a, c)["year_conflict"] == 0.0
    assert space.features(a, c)["pub_near"] == 1.0


def test_inferred_publication_dates_are_no_gap_evidence():
    # a date guessed from the text may be weeks off: two reports of one happening must not be split by it
    a = _s("a", published="2014-05-08", published_source="inferred")
    b = _s("b", published="2014-07-20", published_source="metadata")
    c = _s("c", published="2014-05-09", published_source="inferred")
    space = Space([a, b, c])
    assert space.features(a, b)["pub_far"] == 0.0
    assert space.features(a, c)["pub_near"] == 0.0


def test_similarity_is_symmetric_and_bounded():
    a = _s("a", names={"e:ban ki-moon": 2}, places={"g:moscow": 1}, terms={"talk": 1})
    b = _s("b", names={"e:ban ki-moon": 1}, places={"g:moscow": 2}, terms={"visit": 1})
    s1, s2 = docsim.similarity(a, b), docsim.similarity(b, a)
    assert s1 == pytest.approx(s2)
    assert 0.0 <= s1 <= 1.0


def test_number_values():
    assert docsim._number_value("7.5 million") == 7_500_000
    assert docsim._number_value("at least 97") == 97
    assert docsim._number_value("three") == 3
    assert docsim._number_value("several") is None
