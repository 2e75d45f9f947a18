"""The Spark job gives what one process gives: a local Spark session over a folder of short invented articles
writes the same event records as the in-process pipeline (``newsevents extract``), one error row for the bad
file, and the same output again on a second run.

Skips when pyspark or Java is missing; under CI (``$CI`` set) either missing is a failure, not a skip.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import shutil

import pytest

PUBLISHED = dt.date(2023, 5, 16)

ARTICLES = {
    "a.txt": (
        "Ukrainian President Volodymyr Zelensky met French President Emmanuel Macron in Paris on Monday.\n\n"
        "The two leaders discussed air defence. Macron promised more military aid to Ukraine."
    ),
    "b.txt": (
        "German Chancellor Olaf Scholz visited Kyiv on Sunday.\n\n"
        "Russian forces shelled the city of Kherson overnight, killing two civilians, local officials said."
    ),
    "c.html": (
        "<html><head><title>Talks</title></head><body><article><h1>Talks in Ankara</h1>"
        "<p>Turkish President Recep Tayyip Erdogan hosted UN Secretary-General Antonio Guterres in Ankara on "
        "Friday.</p><p>Guterres urged Russia to extend the grain deal.</p></article></body></html>"
    ),
    "d.jsonl": "\n".join(
        json.dumps(r)
        for r in (
            {"id": "d1", "text": "Police arrested dozens of protesters in Tbilisi on Saturday."},
            {"id": "d2", "text": "Iran condemned the sanctions imposed by the European Union on Tuesday."},
        )
    )
    + "\n",
}
BAD = "zz_broken.txt"


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


@pytest.fixture(scope="module")
def spark():
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark is not installed (pip install -r requirements.lock)")
    if _java() is None:
        missing.append("no java binary (apt-get install openjdk-17-jre-headless)")
    if missing:
        reason = "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}")
        pytest.skip(reason)
    from newsevents.spark import session

    s = session(
        "local[2]",
        {
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "2",
            "spark.driver.memory": "512m",
            "spark.default.parallelism": "2",
        },
        app="newsevents-test",
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> pathlib.Path:
    d = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / BAD).write_bytes(b"\x00\x01\x02binary\x00\xff" * 20)
    return d


def _lines(folder: pathlib.Path) -> list[str]:
    return sorted(
        line for p in folder.glob("part-*") for line in p.read_text(encoding="utf-8").splitlines() if line
    )


def _key(r: dict) -> tuple:
    names = lambda es: tuple(e.get("name") or e.get("text") for e in es)  # noqa: E731
    return (r["id"], r["event_id"], r["event"], names(r["actor"]), names(r["recipient"]), r["date"])


@pytest.mark.slow
def test_spark_matches_one_process_and_reruns_identically(spark, corpus, tmp_path):
    from newsevents.pipeline import Options, run
    from newsevents.sources import iter_raw
    from newsevents.spark import run_job

    opts = Options(published=PUBLISHED, batch_size=8)
    expected_records = []
    expected_errors = []
    for res in run(iter_raw([str(corpus)]), opts):
        if res.error:
            expected_errors.append(res.error)
        expected_records.extend(r.to_json() for r in res.records)
    assert expected_records, "the invented articles should yield events in one process"
    assert [e.path for e in expected_errors] == [str(corpus / BAD)]

    out = tmp_path / "out"
    counts = run_job(spark, [str(corpus)], str(out), opts, partitions=2)
    events = _lines(out / "events")
    got = [json.loads(line) for line in events]
    assert {_key(r) for r in got} == {_key(r) for r in expected_records}
    # the same JSON as `newsevents extract --format jsonl`, not just the same keys
    assert sorted(json.dumps(r, sort_keys=True) for r in got) == sorted(
        json.dumps(r, sort_keys=True) for r in expected_records
    )
    errors = [json.loads(line) for line in _lines(out / "errors")]
    assert len(errors) == 1
    assert errors[0]["path"] == str(corpus / BAD)
    assert "binary" in errors[0]["reason"]
    assert counts == {"files": 5, "articles": 5, "events": len(expected_records), "errors": 1}

    # a second run over the same input overwrites with the same output
    counts2 = run_job(spark, [str(corpus)], str(out), opts, partitions=2)
    assert counts2 == counts
    assert _lines(out / "events") == events
    assert len(_lines(out / "errors")) == 1


@pytest.mark.slow
def test_spark_parquet_has_export_columns(spark, corpus, tmp_path):
    import pyarrow.parquet as pq

    from newsevents.pipeline import Options
    from newsevents.spark import parquet_columns, run_job

    out = tmp_path / "pq"
    counts = run_job(
        spark,
        [str(corpus / "a.txt"), str(corpus / BAD)],
        str(out),
        Options(published=PUBLISHED),
        fmt="parquet",
    )
    table = pq.read_table(out / "events")
    assert table.column_names == parquet_columns()
    assert table.num_rows == counts["events"] > 0
    errs = pq.read_table(out / "errors").to_pylist()
    assert [e["path"] for e in errs] == [str(corpus / BAD)]


def test_stdin_is_refused():
    import click

    from newsevents.spark import expand_inputs

    with pytest.raises(click.UsageError):
        expand_inputs(["-"])


def test_expand_inputs_walks_like_iter_raw(corpus):
    from newsevents.sources import iter_raw
    from newsevents.spark import expand_inputs

    files = expand_inputs([str(corpus), str(corpus / "missing.txt")])
    assert files[-1] == str(corpus / "missing.txt")
    # iter_raw over the folder meets the same files in the same order (JSON Lines records carry a :line suffix)
    seen = []
    for item in iter_raw([str(corpus)]):
        path = item.path.rsplit(":", 1)[0] if ".jsonl:" in item.path else item.path
        if path not in seen:
            seen.append(path)
    assert files[:-1] == seen
