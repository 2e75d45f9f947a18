"""Cross-check of our knowledge base's terms against the dated role codes of the PETRARCH (CAMEO) actor
dictionaries, up to the dictionaries' date (2014-01-30).

CAMEO's government codes cover every government post while we record some offices, so only CAMEO being
narrower than our periods counts (see :func:`newsevents.kb_import.crosscheck_cameo`). Tolerance: 31 days,
because handovers are dated by election, appointment or swearing-in depending on the source; CountryInfo's
monthly codes (starting on the 1st of a month) may lag by a quarter, and its cabinet lists begin 2003-01-01.
Every remaining disagreement must be settled: either our row is fixed, or the row is listed with its reason
in ``data/kb/crosscheck_allow.tsv``; a new disagreement fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from newsevents import kb as kb_mod
from newsevents.kb import KnowledgeBase
from newsevents.kb_import import crosscheck_cameo, read_cameo

SHIPPED = Path(kb_mod.__file__).parent / "data" / "kb"
FIX = Path(__file__).parent / "fixtures" / "kb"
UNTIL = dt.date(2014, 1, 30)  # "Generated at: Thu Jan 30 2014" in Phoenix.Countries.actors.txt
DICTIONARIES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)


def _allowlist() -> dict[tuple[str, str], str]:
    with (SHIPPED / "crosscheck_allow.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = {}
    for r in rows:
        assert r["reason"].startswith(("CAMEO error: ", "granularity")), r
        assert (r["person_id"], r["what"]) not in out, f"allowlisted twice: {r}"
        out[(r["person_id"], r["what"])] = r["reason"]
    return out


def test_allowlist_names_known_people():
    kb = KnowledgeBase()
    for person_id, what in _allowlist():
        assert person_id in kb.people, person_id
        country, kind, start = what.split(":")
        assert kind in {"start", "end", "absent"} and dt.date.fromisoformat(start)


def test_crosscheck_flags_a_planted_error(tmp_path):
    for p in SHIPPED.iterdir():
        if p.is_file() and not (p.suffix == ".tsv" and p.stem.count(".") == 1):
            shutil.copy(p, tmp_path / p.name)
    kb = KnowledgeBase(tmp_path)
    entries = read_cameo(FIX / "cameo_small.actors.txt", kb)
    matched, found = crosscheck_cameo(kb, entries, UNTIL)
    assert {"kofi_annan", "sergey_lavrov"} <= set(matched) and found == []
    terms = tmp_path / "terms.tsv"
    text = terms.read_text(encoding="utf-8")
    assert "kofi_annan\tUN_SG\t1997-01-01\t2006-12-31" in text
    terms.write_text(
        text.replace("kofi_annan\tUN_SG\t1997-01-01\t2006-12-31", "kofi_annan\tUN_SG\t1995-06-01\t2007-12-31")
    )
    _, found = crosscheck_cameo(KnowledgeBase(tmp_path), entries, UNTIL)
    assert [(d.person_id, d.what) for d in found] == [
        ("kofi_annan", "UNO:start:1995-06-01"),
        ("kofi_annan", "UNO:end:1995-06-01"),
    ]


@pytest.fixture(scope="module")
def crosscheck():
    from tests.conftest import EVALDATA

    d = EVALDATA / "petrarch2" / "dictionaries"
    if not d.is_dir():
        pytest.skip(f"PETRARCH dictionaries not found at {d}")
    kb = KnowledgeBase()
    entries = [e for name in DICTIONARIES for e in read_cameo(d / name, kb)]
    return crosscheck_cameo(kb, entries, UNTIL)


def test_every_disagreement_with_cameo_is_settled(evaldata_dir, crosscheck):
    matched, found = crosscheck
    allow = _allowlist()
    print(f"\n{len(matched)} people matched, {len(found)} disagreements")
    new = []
    for d in found:
        reason = allow.get((d.person_id, d.what))
        print(f"{d.person_id:28} {d.what:26} ours {d.ours:26} CAMEO {d.cameo}  [{reason or 'NEW'}]")
        if reason is None:
            new.append(d)
    stale = set(allow) - {(d.person_id, d.what) for d in found}
    for key in sorted(stale):
        print(f"allowlisted but no longer disagreeing: {key}")
    assert len(matched) >= 300  # the matching itself still works
    assert not new, (
        f"{len(new)} new disagreement(s) with CAMEO: fix our row or allowlist with a reason: {new[:5]}"
    )
