"""Generality test: short real-world news articles against what a human coder records.

Each article in ``tests/articles`` goes once through ``newsevents extract PATH --format jsonl`` (in process,
session-scoped). Every expected event of ``tests/articles/expected.json`` must be matched by one record with the
same PLOVER type, modality, all the expected actors (and recipients), the date at its precision and the location
country. Expectations are the truth; cases the pipeline misses today are strict xfails with the observed cause,
so they turn into failures (to be un-marked) as soon as they are fixed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "articles"
EXPECTED: dict[str, Any] = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))["articles"]
CODE = re.compile(r"^[A-Z]{3}$")  # ISO3 or an IGO code such as UNO/EUR: compared with the entity's country

# Cases the pipeline gets wrong today, with the cause observed in its output. Key: "<article>::<event id>".
KNOWN_FAILURES: dict[str, str] = {}


# --------------------------------------------------------------------------- matching


def _fold(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", s)


def entity_matches(spec: str, ent: dict[str, Any]) -> bool:
    """A code matches the entity's country; a name matches when all its words occur in the entity's name."""
    if CODE.match(spec):
        return ent.get("country") == spec
    name = ent.get("name")
    if not name:
        return False
    want, have = _fold(spec), set(_fold(name))
    return bool(want) and all(w in have for w in want)


def _all_present(specs: list[str], ents: list[dict[str, Any]]) -> bool:
    return all(any(entity_matches(s, e) for e in ents) for s in specs)


def date_matches(expected: str, rec: dict[str, Any]) -> bool:
    """The record's date agrees with the expected one at the expected precision (or finer)."""
    got, prec = rec.get("date"), rec.get("date_precision")
    if not got or prec in (None, "none"):
        return False
    if re.fullmatch(r"\d{4}-W\d{2}", expected):
        if prec == "week":
            return got == expected
        if prec == "day":
            y, w, _ = dt.date.fromisoformat(got).isocalendar()
            return f"{y}-W{w:02d}" == expected
        return False
    if len(expected) == 10:  # a day
        return prec == "day" and got == expected
    if len(expected) == 7:  # a month: a day inside it is as good
        return prec in ("day", "month") and got[:7] == expected
    return prec in ("day", "month", "year", "week") and got[:4] == expected[:4]


def failed_criteria(exp: dict[str, Any], rec: dict[str, Any]) -> list[str]:
    """What keeps ``rec`` from matching ``exp`` (empty when it matches)."""
    bad = []
    if rec["event"] != exp["event"]:
        bad.append(f"type {rec['event']}")
    if not _all_present(exp["actor"], rec.get("actor") or []):
        bad.append("actor " + str([(a.get("text"), a.get("name"), a.get("country")) for a in rec.get("actor") or []]))
    if exp.get("recipient") and not _all_present(exp["recipient"], rec.get("recipient") or []):
        bad.append(
            "recipient " + str([(a.get("text"), a.get("name"), a.get("country")) for a in rec.get("recipient") or []])
        )
    if exp.get("date") and not date_matches(exp["date"], rec):
        bad.append(f"date {rec.get('date')}/{rec.get('date_precision')} from {rec.get('date_text')!r}")
    if rec.get("modality") != exp.get("modality", "asserted"):
        bad.append(f"modality {rec.get('modality')}")
    if exp.get("location"):
        loc = rec.get("location") or {}
        if loc.get("country") != exp["location"]:
            bad.append(f"location {loc.get('name')}/{loc.get('country')}")
    return bad


def find_match(exp: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((r for r in records if not failed_criteria(exp, r)), None)


def explain(exp: dict[str, Any], records: list[dict[str, Any]]) -> str:
    """The nearest records and why each fails: the diagnosis a failing case prints."""
    ranked = sorted(records, key=lambda r: len(failed_criteria(exp, r)))[:4]
    lines = [f"expected {exp['event']} {exp.get('modality')} actor={exp['actor']} rec={exp.get('recipient')} "
             f"date={exp.get('date')} loc={exp.get('location')} ({exp.get('note', '')})"]
    if not records:
        lines.append("  no records at all for this article")
    for r in ranked:
        lines.append(f"  {r['event']} trigger={r['trigger']['text']!r}: " + "; ".join(failed_criteria(exp, r)))
    return "\n".join(lines)


# --------------------------------------------------------------------------- running the pipeline


def _source(key: str) -> tuple[Path, str | None]:
    name, _, rid = key.partition("#")
    return ARTICLES / name, rid or None


@pytest.fixture(scope="session")
def article_records() -> dict[str, list[dict[str, Any]]]:
    """Every article's JSONL records from ``newsevents extract``, keyed like ``expected.json``."""
    from click.testing import CliRunner

    from newsevents.cli import main

    runner = CliRunner()
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in EXPECTED}
    paths: dict[Path, str | None] = {}
    for key, spec in EXPECTED.items():
        path, _ = _source(key)
        paths.setdefault(path, spec.get("published"))
    for path, published in paths.items():
        args = ["extract", str(path), "--format", "jsonl"]
        if published:
            args += ["--published", published]
        res = runner.invoke(main, args, catch_exceptions=False)
        assert res.exit_code == 0, f"{path.name}: exit {res.exit_code}: {res.output[-2000:]}"
        for line in res.stdout.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            key = path.name if path.suffix != ".jsonl" else f"{path.name}#{rec['article']['id']}"
            assert key in out, f"record for an unexpected article {key}"
            out[key].append(rec)
    return out


def _cases() -> list[Any]:
    params = []
    for key, spec in EXPECTED.items():
        for exp in spec["events"]:
            cid = f"{key}::{exp['id']}"
            marks = []
            if cid in KNOWN_FAILURES:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[cid]))
            params.append(pytest.param(key, exp, id=cid, marks=marks))
    return params


# --------------------------------------------------------------------------- tests


def test_expected_file_is_well_formed():
    types = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    seen = set()
    for key, spec in EXPECTED.items():
        path, rid = _source(key)
        assert path.is_file(), key
        for exp in spec["events"]:
            assert exp["event"] in types, exp
            assert exp["modality"] in ("asserted", "planned", "negated", "hypothetical"), exp
            assert exp["actor"], exp
            assert f"{key}::{exp['id']}" not in seen
            seen.add(f"{key}::{exp['id']}")
    assert set(KNOWN_FAILURES) <= seen, set(KNOWN_FAILURES) - seen
    assert len(EXPECTED) >= 14


@pytest.mark.parametrize(("key", "exp"), _cases())
def test_expected_event(article_records, key, exp):
    records = article_records[key]
    assert find_match(exp, records) is not None, explain(exp, records)


@pytest.mark.parametrize("key", [k for k, v in EXPECTED.items() if v.get("no_person_events")])
def test_no_events_with_named_people(article_records, key):
    bad = [
        (r["event"], r["trigger"]["text"], [a.get("name") for a in r["actor"]])
        for r in article_records[key]
        if any(a.get("kind") == "person" and a.get("name") for a in r["actor"])
    ]
    assert not bad, f"{key} reports no political event, yet: {bad}"


def test_score(article_records, request):
    """One score line; fails when fewer events match than the cases not marked as known failures."""
    cases = [(k, e) for k, v in EXPECTED.items() for e in v["events"]]
    hits = [f"{k}::{e['id']}" for k, e in cases if find_match(e, article_records[k]) is not None]
    by_type: dict[str, list[int]] = {}
    for k, e in cases:
        by_type.setdefault(e["event"], [0, 0])[1] += 1
        if f"{k}::{e['id']}" in hits:
            by_type[e["event"]][0] += 1
    n_rec = sum(len(v) for v in article_records.values())
    line = (f"articles: {len(hits)}/{len(cases)} expected events matched ({100 * len(hits) / len(cases):.0f}%) "
            f"in {len(EXPECTED)} articles, {n_rec} records; by type: "
            + ", ".join(f"{t} {a}/{b}" for t, (a, b) in sorted(by_type.items())))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        reporter.write_line(line)
    print(line)
    assert len(hits) >= len(cases) - len(KNOWN_FAILURES), line
