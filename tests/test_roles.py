"""The role-to-holder set (data/eval/role_holder.tsv): consistent with the KB, and scored through the pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.actors import ActorResolver
from newsevents.evaluation import roles


@pytest.fixture(scope="module")
def cases() -> list[roles.Case]:
    return roles.load_cases()


def test_set_size_and_shape(cases):
    assert len(cases) >= 80
    assert len({c.id for c in cases}) == len(cases)
    years = {c.published.year for c in cases}
    assert min(years) <= 2001 and max(years) >= 2024 and len(years) >= 20
    for c in cases:
        assert c.mention in c.text, c.id
        assert c.categories and set(c.categories) <= set(roles.CATEGORIES), c.id
    by_cat = {cat: sum(cat in c.categories for c in cases) for cat in roles.CATEGORIES}
    assert all(n >= 5 for n in by_cat.values()), by_cat


def test_expected_ids_exist(cases, kb):
    for c in cases:
        assert not c.person_id or c.person_id in kb.people, c.id
        assert not c.office_id or c.office_id in kb.offices, c.id
        assert c.person_id or not c.office_id, c.id  # a negative case names no office holder


def test_expected_holders_hold_the_office_on_the_date(cases, kb):
    for c in cases:
        if not c.person_id:
            continue
        held = kb.offices_of(c.person_id, c.published)
        if c.office_id:
            assert kb.offices[c.office_id] in held, (c.id, c.person_id, c.office_id, c.published)
        if c.office_id and "title" in c.categories:
            # a title alone names the office's holder on the date, nobody else
            holder = kb.holder(c.office_id, c.published)
            assert holder is not None and holder.person_id == c.person_id, (c.id, holder)
        if c.former:
            assert kb.held_before(c.person_id, c.published), c.id
        if "handover" in c.categories and c.office_id:
            # a handover case is dated within two weeks of a term's start or end
            terms = kb.terms_for(c.office_id)
            gaps = [abs((d - c.published).days) for t in terms for d in (t.start, t.end) if d is not None]
            assert min(gaps) <= 14, c.id


@pytest.mark.slow
def test_role_holder_accuracy(nlp):
    res = roles.score(None)
    assert res["cases"] >= 80
    assert res["accuracy"] >= 0.95, res["failures"]
    assert res["by_category"]["negative"]["accuracy"] >= 0.95


# resolver rules the set exercises, on plain phrases (fast): phrase, date -> (name, office, former)
D = dt.date


@pytest.mark.parametrize(
    "phrase,date,expect",
    [
        (
            "the head of the UN",
            D(2012, 11, 1),
            ("Ban Ki-moon", "Secretary-General of the United Nations", False),
        ),
        (
            "the chief of the United Nations",
            D(2004, 5, 1),
            ("Kofi Annan", "Secretary-General of the United Nations", False),
        ),
        ("Secretary Clinton", D(2011, 7, 1), ("Hillary Clinton", "United States Secretary of State", False)),
        ("Former President Clinton", D(2010, 3, 1), ("Bill Clinton", None, True)),
        ("Premier Li", D(2015, 11, 20), ("Li Keqiang", "Premier of China", False)),
        ("Poroshenko", D(2021, 6, 1), ("Petro Poroshenko", None, True)),
        ("The ex-president of Argentina", D(2017, 1, 20), (None, None, True)),
    ],
)
def test_resolver_rules(phrase, date, expect):
    e = ActorResolver().resolve(None, phrase, date)
    assert e is not None and (e.name, e.office, e.former) == expect


def test_surname_followed_by_a_name_word_is_not_the_kbs_namesake():
    e = ActorResolver().resolve(None, "Chinese Vice Premier Liu He", D(2019, 5, 1))
    assert e is not None and e.name == "Liu He"
