"""Checks every knowledge-base part file (``offices|people|terms.<part>.tsv``) must pass, whichever part: complete
rows, ids that load, terms that point at known people and offices inside the verified period, and single-holder
offices whose holders follow one another. Each part's own test file keeps its spot checks of holders on dates."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

KB_DIR = Path(str(resources.files("newsevents") / "data" / "kb"))
PARTS = sorted(p.name.split(".")[1] for p in KB_DIR.glob("offices.*.tsv"))
WIDTH = {"offices": 8, "people": 7, "terms": 6}


def part_rows(stem: str, part: str) -> list[dict[str, str]]:
    with (KB_DIR / f"{stem}.{part}.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_parts_are_found():
    assert {"mideast_africa", "asia_americas_europe", "defence_1990s", "defence_more"} <= set(PARTS)


@pytest.mark.parametrize("part", PARTS)
def test_rows_have_every_column(part):
    for stem, width in WIDTH.items():
        rows = part_rows(stem, part)
        assert rows, (stem, part)
        for r in rows:
            assert len(r) == width and None not in r.values(), (stem, r)


@pytest.mark.parametrize("part", PARTS)
def test_part_loads_into_the_default_kb(kb, part):
    for r in part_rows("offices", part):
        assert r["office_id"] in kb.offices
    for r in part_rows("people", part):
        assert r["person_id"] in kb.people
        assert r["country"] in kb.countries, r


@pytest.mark.parametrize("part", PARTS)
def test_terms_reference_known_people_and_offices_in_the_verified_period(kb, part):
    for r in part_rows("terms", part):
        assert r["person_id"] in kb.people, r
        assert r["office_id"] in kb.offices, r
        start = dt.date.fromisoformat(r["start"])
        end = dt.date.fromisoformat(r["end"]) if r["end"] else None
        assert end is None or start <= end, r
        assert start <= kb.verified_through and (end is None or end <= kb.verified_through), r
        assert r["acting"] in ("yes", "no"), r


# parts that list only office holders (the defence parts also keep a few ministers whose dates are still a gap)
HOLDERS_ONLY = ("mideast_africa", "asia_americas_europe")


@pytest.mark.parametrize("part", HOLDERS_ONLY)
def test_every_person_of_a_part_holds_a_term(kb, part):
    for r in part_rows("people", part):
        assert kb.terms_of(r["person_id"]), r["person_id"]


def test_single_offices_have_one_holder_at_a_time(kb):
    """Across all term files: non-acting holders of a single-holder office share at most the handover day (or a
    suspension noted in the data), one person's terms do not overlap, and at most one term is open."""
    for oid, office in kb.offices.items():
        if not office.single:
            continue
        terms = [t for t in kb.terms_for(oid) if not t.acting]
        assert sum(t.end is None for t in terms) <= 1, oid
        for a, b in zip(terms, terms[1:], strict=False):
            assert a.end is not None, (oid, a)
            if a.person_id == b.person_id:
                assert b.start >= a.end, (oid, a, b)
            else:
                assert b.start >= a.end or "suspended" in a.note, (oid, a, b)
