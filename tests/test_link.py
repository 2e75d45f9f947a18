"""Event linking: identity from type, resolved participants and date; undated mentions join dated twins."""

from __future__ import annotations

from newsevents import link
from newsevents.model import ArticleRef, Entity, EventRecord, TextSpan


def rec(event, actors, recipients, date=None, source="text", article="a1", start=0):
    ref = ArticleRef(article, None, "2014-03-19", "inferred", None, None)
    return EventRecord(
        id=f"m{start}", event_id="", article_id=article, event=event, mode=None, cameo=None, intensity=None,
        modality="asserted", date=date, date_precision="day" if date else "none", date_text=date,
        date_source=source if date else "none",
        actor=[Entity(text=a, name=a, kind="person") for a in actors],
        recipient=[Entity(text=r, name=r, kind="person") for r in recipients],
        location=None, trigger=TextSpan("x", start, start + 1), sentence=TextSpan("x", 0, 1), article=ref,
    )


def test_same_identity_same_id_across_articles():
    a = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2014-03-20", article="a1")
    b = rec("CONSULT", ["Vladimir Putin"], ["Ban Ki-moon"], "2014-03-20", article="a2")  # symmetric type
    link.assign_event_ids([a])
    link.assign_event_ids([b])
    assert a.event_id == b.event_id


def test_look_alike_in_another_year_differs():
    a = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2014-03-20")
    b = rec("CONSULT", ["António Guterres"], ["Vladimir Putin"], "2022-04-26")
    c = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2015-05-09")
    link.assign_event_ids([a, b, c])
    assert len({a.event_id, b.event_id, c.event_id}) == 3


def test_direction_matters_for_directed_types():
    a = rec("ACCUSE", ["Turkey"], ["Sweden"], "2023-01-10")
    b = rec("ACCUSE", ["Sweden"], ["Turkey"], "2023-01-10")
    link.assign_event_ids([a, b])
    assert a.event_id != b.event_id


def test_undated_mention_joins_its_dated_twin_in_the_article():
    dated = rec("REJECT", ["Russia"], [], "2014-03-15", start=1)
    nominal = rec("REJECT", ["Russia"], [], None, start=2)
    other = rec("REJECT", ["China"], [], None, start=3)
    link.assign_event_ids([dated, nominal, other])
    assert nominal.event_id == dated.event_id
    assert other.event_id != dated.event_id


def test_link_to_stored_joins_overlapping_participants_within_a_day():
    stored = [{"event_id": "ev_stored", "participants": ["P:ban ki-moon", "P:vladimir putin", "P:sergey lavrov"]}]
    r = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin", "Sergey Lavrov"], "2014-03-21")
    link.assign_event_ids([r])
    changes = link.link_to_stored([r], lambda ev, lo, hi: stored if lo <= "2014-03-20" <= hi else [])
    assert r.event_id == "ev_stored" and changes
    far = rec("CONSULT", ["Ban Ki-moon"], ["Vladimir Putin"], "2014-04-30")
    link.assign_event_ids([far])
    assert link.link_to_stored([far], lambda ev, lo, hi: []) == []
