"""Knowledge base part "religious": popes, Archbishops of Canterbury, Patriarchs of Moscow and Ecumenical
Patriarchs from 1990 (and the holders in office then), and Desmond Tutu without a recorded office; spot-checked
through the public lookups and the resolver."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_kb_parts import part_rows

D = dt.date
PART = "religious"


def test_offices_are_religious_and_single(kb):
    for r in part_rows("offices", PART):
        assert r["sector"] == "REL" and r["single"] == "yes", r
        assert kb.terms_for(r["office_id"]), r["office_id"]


@pytest.mark.parametrize(
    "office,date,person",
    [
        ("VAT_POPE", D(1990, 1, 1), "john_paul_ii"),
        ("VAT_POPE", D(2005, 4, 2), "john_paul_ii"),
        ("VAT_POPE", D(2005, 4, 10), None),  # sede vacante
        ("VAT_POPE", D(2005, 4, 19), "benedict_xvi"),
        ("VAT_POPE", D(2013, 3, 5), None),  # after the resignation
        ("VAT_POPE", D(2013, 3, 13), "pope_francis"),
        ("VAT_POPE", D(2025, 5, 1), None),
        ("VAT_POPE", D(2025, 6, 1), "pope_leo_xiv"),
        ("GBR_ABC", D(1990, 6, 1), "robert_runcie"),
        ("GBR_ABC", D(1995, 1, 1), "george_carey"),
        ("GBR_ABC", D(2010, 1, 1), "rowan_williams"),
        ("GBR_ABC", D(2020, 1, 1), "justin_welby"),
        ("GBR_ABC", D(2025, 3, 1), None),
        ("RUS_PATRIARCH", D(2000, 1, 1), "alexy_ii"),
        ("RUS_PATRIARCH", D(2009, 1, 1), "patriarch_kirill"),  # locum tenens
        ("RUS_PATRIARCH", D(2022, 3, 6), "patriarch_kirill"),
        ("TUR_ECUMENICAL_PATRIARCH", D(1991, 1, 1), "dimitrios_i"),
        ("TUR_ECUMENICAL_PATRIARCH", D(2014, 5, 25), "patriarch_bartholomew"),
    ],
)
def test_holder_on_date(kb, office, date, person):
    holder = kb.holder(office, date)
    assert (holder.person_id if holder else None) == person


def test_locum_tenens_is_acting(kb):
    terms = [t for t in kb.terms_of("patriarch_kirill") if t.office_id == "RUS_PATRIARCH"]
    assert [t.acting for t in sorted(terms, key=lambda t: t.start)] == [True, False]


@pytest.mark.parametrize(
    "phrase,date,name,country",
    [
        ("Pope Francis", D(2021, 3, 6), "Pope Francis", "VAT"),
        ("the Pope", D(2021, 3, 6), "Pope Francis", "VAT"),
        ("the pontiff", D(2008, 4, 16), "Pope Benedict XVI", "VAT"),
        ("Cardinal Joseph Ratzinger", D(2003, 1, 1), "Pope Benedict XVI", "VAT"),
        ("the Archbishop of Canterbury", D(2003, 1, 1), "Rowan Williams", "GBR"),
        ("Patriarch Kirill", D(2022, 3, 6), "Patriarch Kirill", "RUS"),
        ("Ecumenical Patriarch Bartholomew", D(2019, 1, 5), "Patriarch Bartholomew", "TUR"),
        ("Archbishop Desmond Tutu", D(1995, 11, 12), "Desmond Tutu", "ZAF"),
    ],
)
def test_resolver(resolver, phrase, date, name, country):
    ent = resolver.resolve(None, phrase, date)
    assert ent is not None and (ent.name, ent.country, ent.sector) == (name, country, "REL")


def test_a_first_name_alone_is_not_the_pope(resolver):
    ent = resolver.resolve(None, "Francis Fukuyama", D(2021, 3, 6))
    assert ent is None or ent.name != "Pope Francis"
