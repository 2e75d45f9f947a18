"""The command line end to end: bad inputs, exit codes, ingest idempotence, queries and exports."""

from __future__ import annotations

import gzip
import json
import os
import pathlib

import pytest
from click.testing import CliRunner

from newsevents.cli import main

pytestmark = pytest.mark.slow

GOOD = (
    "PARIS - French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday to discuss "
    "support for Ukraine.\n\nScholz said Germany would send more air defence systems to Kyiv."
)


@pytest.fixture
def inputs(tmp_path: pathlib.Path) -> pathlib.Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.jsonl").write_text(
        json.dumps({"id": "good-1", "published": "2023-01-23", "url": "https://a.example/x", "text": GOOD})
        + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    gz = gzip.compress(GOOD.encode())
    (d / "truncated.txt.gz").write_bytes(gz[: len(gz) // 2])
    (d / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>", encoding="utf-8"
    )
    big = d / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB, sparse: costs no disk
    return d


def test_extract_reports_each_bad_file_once_and_goes_on(inputs: pathlib.Path) -> None:
    res = CliRunner().invoke(main, ["extract", str(inputs), "--format", "jsonl"])
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("newsevents: error:")]
    bad = ["empty.txt", "binary.txt", "truncated.txt.gz", "nav.html", "huge.txt", "good.jsonl:2"]
    for name in bad:
        assert sum(name in ln for ln in errors) == 1, (name, errors)
    assert len(errors) == len(bad)
    records = [json.loads(ln) for ln in res.stdout.splitlines() if ln.strip()]
    assert records, "the good article still yields events"
    meet = [r for r in records if r["event"] == "CONSULT"]
    assert meet and meet[0]["date"] == "2023-01-23"
    assert {a["name"] for a in meet[0]["actor"] + meet[0]["recipient"]} >= {"Emmanuel Macron", "Olaf Scholz"}


def test_exit_status_zero_when_all_succeed(tmp_path: pathlib.Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(GOOD, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(p), "--published", "2023-01-23", "--format", "csv"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines()[0].startswith("id,event_id,article_id,event")


def test_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2
    assert CliRunner().invoke(main, ["extract", "x", "--published", "yesterday"]).exit_code == 2
    assert CliRunner().invoke(main, ["nonsense"]).exit_code == 2


def test_ingest_is_idempotent_and_keeps_stored_data(inputs: pathlib.Path, store_url: str) -> None:
    db = store_url
    r1 = CliRunner().invoke(main, ["ingest", str(inputs), "--db", db])
    assert r1.exit_code == 1
    assert "1 stored" in r1.stderr
    ev1 = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl"])
    rows1 = [json.loads(x) for x in ev1.stdout.splitlines()]
    assert rows1
    r2 = CliRunner().invoke(main, ["ingest", str(inputs / "good.jsonl"), "--db", db])
    assert "0 stored" in r2.stderr and "1 unchanged" in r2.stderr
    rows2 = [
        json.loads(x)
        for x in CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert [r["event_id"] for r in rows1] == [r["event_id"] for r in rows2]
    assert all(r["n_mentions"] == r2_["n_mentions"] for r, r2_ in zip(rows1, rows2, strict=True))
    errs = [
        json.loads(x)
        for x in CliRunner().invoke(main, ["errors", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    ]
    assert {pathlib.Path(e["path"]).name for e in errs} >= {"huge.txt", "binary.txt", "empty.txt", "nav.html"}
    table = CliRunner().invoke(main, ["errors", "--db", db]).stdout
    assert "huge.txt" in table


def test_queries_show_and_exports(tmp_path: pathlib.Path, store_url: str) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "a1", "published": "2023-01-23", "text": GOOD}) + "\n", encoding="utf-8")
    db = store_url
    assert CliRunner().invoke(main, ["ingest", str(p), "--db", db]).exit_code == 0
    rows = [
        json.loads(x)
        for x in CliRunner()
        .invoke(main, ["events", "--db", db, "--actor", "Olaf Scholz", "--format", "jsonl"])
        .stdout.splitlines()
    ]
    assert rows and all("CONSULT" == r["event"] or r["event"] for r in rows)
    by_surname = CliRunner().invoke(main, ["events", "--db", db, "--actor", "scholz", "--format", "jsonl"])
    assert [json.loads(x)["event_id"] for x in by_surname.stdout.splitlines()] == [
        r["event_id"] for r in rows
    ]
    assert (
        not CliRunner()
        .invoke(main, ["events", "--db", db, "--country", "BRA", "--format", "jsonl"])
        .stdout.strip()
    )
    assert (
        CliRunner()
        .invoke(
            main,
            [
                "events",
                "--db",
                db,
                "--type",
                "consult",
                "--since",
                "2023-01-01",
                "--until",
                "2023-01-31",
                "--format",
                "jsonl",
            ],
        )
        .stdout.strip()
    )
    shown = CliRunner().invoke(main, ["show", rows[0]["event_id"], "--db", db])
    assert shown.exit_code == 0
    ev = json.loads(shown.stdout)
    assert ev["mentions"] and ev["mentions"][0]["sentence"]["text"] in GOOD
    assert CliRunner().invoke(main, ["show", "ev_missing", "--db", db]).exit_code == 1
    arts = CliRunner().invoke(main, ["articles", "--db", db, "--format", "jsonl"])
    assert json.loads(arts.stdout.splitlines()[0])["published"].startswith("2023-01-23")
    plover = CliRunner().invoke(main, ["export", "--db", db, "--format", "plover-jsonl"])
    first = json.loads(plover.stdout.splitlines()[0])
    assert {"event", "actor", "recipient", "date", "eventText"} <= set(first)
    gd = CliRunner().invoke(main, ["export", "--db", db, "--format", "gdelt-csv"])
    header = gd.stdout.splitlines()[0].split("\t")
    assert header[:3] == ["GlobalEventID", "MentionID", "Day"]
    out = tmp_path / "e.parquet"
    assert (
        CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(out)]).exit_code == 0
    )
    import pyarrow.parquet as pq

    t = pq.read_table(out)
    assert t.num_rows == len(plover.stdout.splitlines()) and "actors_json" in t.column_names


def test_stdin_and_two_workers_give_the_same_records(tmp_path: pathlib.Path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    for i in range(6):
        (d / f"a{i}.txt").write_text(GOOD.replace("Monday", ["Monday", "Tuesday"][i % 2]), encoding="utf-8")
    one = CliRunner().invoke(main, ["extract", str(d), "--published", "2023-01-25", "--batch-size", "2"])
    two = CliRunner().invoke(
        main, ["extract", str(d), "--published", "2023-01-25", "--batch-size", "2", "-j", "2"]
    )
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout
    piped = CliRunner().invoke(main, ["extract", "-", "--published", "2023-01-25"], input=GOOD)
    assert piped.exit_code == 0 and json.loads(piped.stdout.splitlines()[0])["article"]["path"] == "<stdin>"


def test_schema_is_generated_from_the_model() -> None:
    res = CliRunner().invoke(main, ["schema"])
    schema = json.loads(res.stdout)
    props = schema["properties"]
    for key in (
        "event_id",
        "event",
        "mode",
        "cameo",
        "modality",
        "date",
        "date_precision",
        "date_text",
        "actor",
        "recipient",
        "location",
        "trigger",
        "sentence",
        "article",
    ):
        assert key in props
    assert set(schema["$defs"]["Entity"]["properties"]) >= {
        "text",
        "name",
        "kind",
        "country",
        "sector",
        "office",
    }
    assert os.environ.get("NEWSEVENTS_DB") is None or True


def test_eval_without_evaldata_runs_only_the_packaged_sets(tmp_path, capsys):
    from newsevents.evaluation import run

    missing = tmp_path / "no-such-dir"
    assert run.evaluate(missing, ("plv",)) == 0
    err = capsys.readouterr().err
    assert "not found" in err and "plv" in err
    out_json = tmp_path / "r.json"
    assert run.evaluate(missing, ("plv", "roles"), out_json, limit=5) == 0
    import json

    sets = json.loads(out_json.read_text())["sets"]
    assert set(sets) == {"roles"} and sets["roles"]["cases"] == 5
