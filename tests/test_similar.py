"""Look-alike search: same kind of event, other time or people; never the event itself."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsevents.cli import main

pytestmark = pytest.mark.slow

VISITS = [
    {
        "id": "v2017",
        "published": "2017-06-05",
        "text": "UN Secretary-General Antonio Guterres met Russian President "
        "Vladimir Putin in St. Petersburg on Thursday to discuss Syria.",
    },
    {
        "id": "v2022",
        "published": "2022-04-25",
        "text": "UN Secretary-General Antonio Guterres will meet Russian "
        "President Vladimir Putin in Moscow on Tuesday.",
    },
    {
        "id": "v2010",
        "published": "2010-05-11",
        "text": "UN Secretary-General Ban Ki-moon met Russian President Dmitry Medvedev in Moscow on Sunday.",
    },
    {
        "id": "other",
        "published": "2010-05-11",
        "text": "Police arrested twelve protesters in Minsk on Monday.",
    },
]


def test_similar_finds_the_other_visits_and_not_itself(tmp_path):
    src = tmp_path / "v.jsonl"
    src.write_text("".join(json.dumps(v) + "\n" for v in VISITS), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    rows = [
        json.loads(x)
        for x in CliRunner()
        .invoke(main, ["events", "--db", db, "--type", "CONSULT", "--format", "jsonl"])
        .stdout.splitlines()
    ]
    by_date = {r["date"]: r["event_id"] for r in rows}
    assert {"2017-06-01", "2022-04-26", "2010-05-09"} <= set(by_date)
    q = by_date["2010-05-09"]
    res = CliRunner().invoke(main, ["similar", q, "--db", db, "--format", "jsonl"])
    found = [json.loads(x) for x in res.stdout.splitlines()]
    ids = [f["event_id"] for f in found]
    assert q not in ids
    assert set(ids[:2]) == {by_date["2017-06-01"], by_date["2022-04-26"]}
    assert all(f["relation"].startswith("look-alike") for f in found)
    assert any("secretary-general" in s.lower() for s in found[0]["shared"])
    assert CliRunner().invoke(main, ["similar", "ev_nope", "--db", db]).exit_code == 1


def test_stories_command_groups_articles(tmp_path):
    arts = [
        {
            "id": "q1",
            "published": "2023-02-06",
            "text": "A magnitude 7.8 earthquake struck southern Turkey and "
            "northern Syria on Monday, killing thousands. Turkish President Recep Tayyip Erdogan declared a state of "
            "emergency in ten provinces around Kahramanmaras.",
        },
        {
            "id": "q2",
            "published": "2023-02-07",
            "text": "Rescuers in Kahramanmaras searched the rubble on Tuesday "
            "after Monday's magnitude 7.8 earthquake in southern Turkey. Erdogan declared a state of emergency in ten "
            "provinces as the death toll from the quake rose.",
        },
        {
            "id": "q3",
            "published": "2011-03-12",
            "text": "A magnitude 9.0 earthquake struck off northeastern Japan "
            "on Friday, triggering a tsunami that flooded Sendai. Prime Minister Naoto Kan called it a national crisis.",
        },
    ]
    src = tmp_path / "q.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    db = str(tmp_path / "q.db")
    assert CliRunner().invoke(main, ["ingest", str(src), "--db", db]).exit_code == 0
    res = CliRunner().invoke(main, ["stories", "--db", db, "--format", "jsonl"])
    stories = [json.loads(x) for x in res.stdout.splitlines()]
    groups = sorted(sorted(s["article_ids"]) for s in stories)
    assert groups == [["q1", "q2"], ["q3"]]
    turkey = next(s for s in stories if "q1" in s["article_ids"])
    assert turkey["first_date"] == "2023-02-06" and turkey["last_date"] == "2023-02-07" and turkey["title"]
