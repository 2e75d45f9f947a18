"""The two example pages in ../shared/seeds, end to end with no publication date given.

Skipped when the shared folder is absent (a user's fresh clone).
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.seeds]

SEED_2014 = "000_aa21cb4f18d9fa70.txt"
SEED_2022 = "004_6dfe029709bec90f.txt"


@pytest.fixture(scope="module")
def seed_results(request):
    from tests.conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    from newsevents.pipeline import run
    from newsevents.sources import iter_raw

    out = {}
    for res in run(iter_raw([str(SEEDS)])):
        assert res.error is None, res.error
        out[res.path.rsplit("/", 1)[-1]] = res
    return out


def names(entities) -> set[str]:
    return {e.name for e in entities if e.name}


def find(records, event, actor, recipients, date=None):
    for r in records:
        if r.event != event or actor not in names(r.actor):
            continue
        if not set(recipients) <= names(r.recipient):
            continue
        if date is not None and r.date != date:
            continue
        return r
    return None


def test_publication_dates_inferred(seed_results):
    a14 = seed_results[SEED_2014].article
    a22 = seed_results[SEED_2022].article
    assert a14.published_source == "inferred" and a22.published_source == "inferred"
    assert a14.published.isoformat() in ("2014-03-19", "2014-03-20")
    assert "2022-04-19" <= a22.published.isoformat() <= "2022-04-25"


def test_ban_meets_putin_and_lavrov_in_moscow(seed_results):
    r = find(seed_results[SEED_2014].records, "CONSULT", "Ban Ki-moon", ["Vladimir Putin", "Sergey Lavrov"])
    assert r is not None
    assert r.date == "2014-03-20" and r.date_precision == "day"
    assert r.modality == "planned"
    assert r.location is not None and r.location.name == "Moscow" and r.location.country == "RUS"
    ban = next(e for e in r.actor if e.name == "Ban Ki-moon")
    assert ban.office == "Secretary-General of the United Nations"
    putin = next(e for e in r.recipient if e.name == "Vladimir Putin")
    assert putin.office == "President of Russia" and putin.country == "RUS"


def test_ban_meets_turchynov_and_yatsenyuk_in_kyiv(seed_results):
    r = find(
        seed_results[SEED_2014].records,
        "CONSULT",
        "Ban Ki-moon",
        ["Oleksandr Turchynov", "Arseniy Yatsenyuk"],
    )
    assert r is not None
    assert r.date == "2014-03-21"
    assert r.location is not None and r.location.name == "Kyiv" and r.location.text == "Kiev"
    assert r.modality == "planned"
    turchynov = next(e for e in r.recipient if e.name == "Oleksandr Turchynov")
    assert "President of Ukraine" in (turchynov.office or "")


def test_guterres_meets_putin_in_moscow(seed_results):
    r = find(seed_results[SEED_2022].records, "CONSULT", "António Guterres", ["Vladimir Putin"], "2022-04-26")
    assert r is not None
    assert r.location is not None and r.location.name == "Moscow"
    assert r.modality == "planned"


def test_guterres_meets_zelenskyy_in_ukraine(seed_results):
    r = find(
        seed_results[SEED_2022].records, "CONSULT", "António Guterres", ["Volodymyr Zelenskyy"], "2022-04-28"
    )
    assert r is not None
    assert r.location is not None and r.location.country == "UKR"
    zelenskyy = next(e for e in r.recipient if e.name == "Volodymyr Zelenskyy")
    assert zelenskyy.office == "President of Ukraine"


def test_other_events_of_2014(seed_results):
    recs = seed_results[SEED_2014].records
    decree = next(r for r in recs if r.event == "SUPPORT" and "Vladimir Putin" in names(r.actor))
    assert decree.date == "2014-03-17" and "Crimea" in {e.text for e in decree.recipient}
    veto = next(r for r in recs if r.event == "REJECT" and r.date == "2014-03-15")
    assert {e.country for e in veto.actor} == {"RUS"} and veto.cameo == "129"
    # the nominal "Russia's veto" is the same real-world event
    assert len({r.event_id for r in recs if r.event == "REJECT"}) == 1
    illegal = next(r for r in recs if r.event == "ACCUSE" and "referendum" in r.sentence.text)
    assert illegal.actor
    deesc = next(r for r in recs if r.event == "REQUEST" and "de-escalation" in r.sentence.text)
    assert "Ban Ki-moon" in names(deesc.actor) and deesc.cameo == "1056"
    threat = next(r for r in recs if r.event == "THREATEN")
    assert "Robert Serry" in names(threat.recipient)


def test_ceasefire_call_2022(seed_results):
    recs = seed_results[SEED_2022].records
    r = next(r for r in recs if r.event == "REQUEST" and "ceasefire" in r.sentence.text and r.actor)
    assert "António Guterres" in names(r.actor)


def test_nothing_from_chrome_or_captions(seed_results):
    for res in seed_results.values():
        art = res.article
        for r in res.records:
            for e in r.actor + r.recipient:
                assert art.text[e.start : e.end] == e.text
            for cap in art.captions:
                assert r.sentence.text not in cap
            assert art.text[r.sentence.start : r.sentence.end] == r.sentence.text
            assert art.text[r.trigger.start : r.trigger.end] == r.trigger.text
        chrome = " ".join(art.removed + art.captions)
        assert "Good Afternoon" not in art.text and "News Photos and Videos" not in art.text
        assert "Andrew Gombert" not in art.text and "Lamparski" not in art.text
        assert chrome


def test_2014_and_2022_visits_never_share_an_event_id(seed_results):
    ids14 = {r.event_id for r in seed_results[SEED_2014].records}
    ids22 = {r.event_id for r in seed_results[SEED_2022].records}
    assert not ids14 & ids22


def test_stored_events_keep_each_visit_apart_and_similar_connects_them(tmp_path):
    from tests.conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    from newsevents.pipeline import run
    from newsevents.similar import find_similar
    from newsevents.sources import iter_raw
    from newsevents.store import open_store

    with open_store(str(tmp_path / "seeds.db")) as store:
        for res in run(iter_raw([str(SEEDS)])):
            store.ingest(res.article, res.records, link=True)
        consult = store.events(type="CONSULT")

        def event_of(actor, recipient):
            hits = [
                e
                for e in consult
                if actor in names_of(e["actors"]) and recipient in names_of(e["recipients"])
            ]
            assert len(hits) == 1, (actor, recipient, hits)
            return hits[0]

        moscow14 = event_of("Ban Ki-moon", "Vladimir Putin")
        kyiv14 = event_of("Ban Ki-moon", "Oleksandr Turchynov")
        moscow22 = event_of("António Guterres", "Vladimir Putin")
        kyiv22 = event_of("António Guterres", "Volodymyr Zelenskyy")
        assert len({moscow14["event_id"], kyiv14["event_id"], moscow22["event_id"], kyiv22["event_id"]}) == 4
        alike = [a.event_id for a in find_similar(store, moscow14["event_id"])]
        assert alike and alike[0] == moscow22["event_id"]
        assert moscow14["event_id"] not in alike


def names_of(participants):
    return {p.get("name") for p in participants or []}
