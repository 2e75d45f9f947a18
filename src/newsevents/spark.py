"""The pipeline as a Spark job: ``newsevents spark-extract INPUT... --out DIR``.

Owns spreading input files over Spark partitions, running the pipeline's own batch function
(:func:`newsevents.pipeline.process_batch`) inside each partition, and writing the event records and the input
errors to ``DIR/events`` and ``DIR/errors`` (JSON Lines or Parquet). There is no second implementation: each
partition reads its files with :func:`newsevents.sources.iter_raw`, exactly as ``newsevents extract`` does, and the
spaCy pipeline, knowledge base and gazetteer load lazily once per Python worker (the module-level caches of
:mod:`newsevents.nlp` and :mod:`newsevents.pipeline`; Spark reuses its Python workers across tasks).

What runs where: the driver only lists the input files (directories are walked in ``iter_raw``'s order); the
executors read, clean, parse, resolve and link within each article. Linking *across* articles needs the store, so
it stays a separate step: ``newsevents ingest`` of the same inputs. The records written here carry an article
citation but not the article text and content hash the store's idempotent ingest needs, so they are not re-ingested.

Inputs must be readable at the same path from every executor (a local path in local mode, a shared file system on
a cluster). ``-`` (stdin) is not supported here.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsevents.cli_options import PUBLISHED_OPTION, TYPE_MODEL_OPTION

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from newsevents.model import EventRecord
    from newsevents.pipeline import Options

# the CLI imports this module on every command: spaCy, the pipeline and pyspark are imported only when a job runs

FORMATS = ("jsonl", "parquet")
EVENTS_DIR = "events"
ERRORS_DIR = "errors"
ERROR_COLUMNS = ("path", "reason", "stage")
# row kinds produced by a partition: one per event record, one per failed document, one per article read
EVENT, ERROR, ARTICLE = "event", "error", "article"


# --------------------------------------------------------------------------- driver: inputs


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Input paths with directories replaced by their files, in the order :func:`sources.iter_raw` walks them.

    Missing or unreadable paths are kept: the executor that reads them reports them as error rows.
    """
    out: list[str] = []
    for p in paths:
        if p == "-":
            raise click.UsageError("spark-extract reads files, not standard input ('-')")
        path = Path(p)
        if path.is_dir():
            out.extend(_walk(path))
        else:
            out.append(p)
    return out


def _walk(root: Path) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield str(root)  # iter_raw turns it into "cannot list directory"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(Path(entry.path))
        else:
            yield entry.path


# --------------------------------------------------------------------------- executor: one partition


def partition_rows(paths: Iterable[str], options: Options) -> Iterator[tuple[str, str]]:
    """Everything one partition produces, as (kind, JSON) pairs: ``event`` rows are the exact lines of
    ``newsevents extract --format jsonl``; ``error`` rows are ``{"path", "reason", "stage"}``."""
    from newsevents.pipeline import process_batch
    from newsevents.sources import iter_raw

    raws = iter_raw(list(paths))
    while chunk := list(islice(raws, options.batch_size)):
        for res in process_batch(chunk, options):
            if res.error is not None:
                row = {"path": res.error.path, "reason": res.error.reason, "stage": res.error.stage}
                yield ERROR, json.dumps(row, ensure_ascii=False)
                continue
            yield ARTICLE, res.path
            for rec in res.records:
                yield EVENT, json.dumps(rec.to_json(), ensure_ascii=False)


def parquet_row(line: str) -> tuple[str, ...]:
    """An event line as the columns of ``newsevents export --format parquet`` (:func:`export.write_parquet`)."""
    from newsevents.model import event_from_json

    return tuple(_parquet_dict(event_from_json(json.loads(line)))[c] for c in parquet_columns())


def parquet_columns() -> list[str]:
    from newsevents.export import PARQUET_COLUMNS

    return list(PARQUET_COLUMNS)


def _parquet_dict(r: EventRecord) -> dict[str, Any]:
    from newsevents.export import parquet_row

    return {k: (None if v is None else str(v)) for k, v in parquet_row(r).items()}


# --------------------------------------------------------------------------- driver: the job


def session(
    master: str | None = None, conf: dict[str, str] | None = None, app: str = "newsevents"
) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (so they import this installed package).

    ``master`` None keeps what spark-submit configured, else Spark's default (``local[*]``).
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    # PySpark picks the workers' interpreter from this variable when the context starts (the config key of the
    # same name only works through spark-submit); ``python3`` on PATH would lack this package
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _uri(out: str) -> str:
    return out if "://" in out else str(Path(out).resolve())


def run_job(
    spark: SparkSession,
    paths: Iterable[str],
    out: str,
    options: Options | None = None,
    partitions: int | None = None,
    fmt: str = "jsonl",
) -> dict[str, int]:
    """Run the pipeline over ``paths`` in ``spark`` and write ``out/events`` and ``out/errors`` (overwritten).

    Returns counts: files, articles, events, errors.
    """
    from pyspark import StorageLevel

    from newsevents.pipeline import Options

    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    options = options or Options()
    files = expand_inputs(paths)
    sc = spark.sparkContext
    n = partitions or max(1, min(len(files), sc.defaultParallelism))
    # the partition function closes over plain values only, so it pickles without this module's Spark state
    rows = sc.parallelize(files, n).mapPartitions(lambda it: partition_rows(it, options))
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)  # written twice (events, errors): parse once
    try:
        events = rows.filter(lambda kv: kv[0] == EVENT).map(lambda kv: kv[1])
        errors = rows.filter(lambda kv: kv[0] == ERROR).map(lambda kv: kv[1])
        base = _uri(out).rstrip("/")
        if fmt == "jsonl":
            spark.createDataFrame(events.map(lambda s: (s,)), "value string").write.mode("overwrite").text(
                f"{base}/{EVENTS_DIR}"
            )
            spark.createDataFrame(errors.map(lambda s: (s,)), "value string").write.mode("overwrite").text(
                f"{base}/{ERRORS_DIR}"
            )
        else:
            ev_schema = ", ".join(f"{c} string" for c in parquet_columns())
            spark.createDataFrame(events.map(parquet_row), ev_schema).write.mode("overwrite").parquet(
                f"{base}/{EVENTS_DIR}"
            )
            err_rows = errors.map(json.loads).map(lambda d: tuple(d[c] for c in ERROR_COLUMNS))
            err_schema = ", ".join(f"{c} string" for c in ERROR_COLUMNS)
            spark.createDataFrame(err_rows, err_schema).write.mode("overwrite").parquet(
                f"{base}/{ERRORS_DIR}"
            )
        counts = dict(rows.map(lambda kv: (kv[0], 1)).countByKey())
    finally:
        rows.unpersist()
    return {
        "files": len(files),
        "articles": counts.get(ARTICLE, 0),
        "events": counts.get(EVENT, 0),
        "errors": counts.get(ERROR, 0),
    }


# --------------------------------------------------------------------------- command


def _conf(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        key, sep, val = v.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{v!r} is not KEY=VALUE")
        out[key] = val
    return out


@click.command(name="spark-extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    required=True,
    help="Output directory (local path or URI); events/ and errors/ inside it are overwritten.",
)
@click.option(
    "--partitions",
    type=click.IntRange(1, 100000),
    default=None,
    help="Spark partitions (default: one per file up to the default parallelism).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@PUBLISHED_OPTION
@TYPE_MODEL_OPTION
@click.option("--model", default=None, help="Installed spaCy pipeline package (on every executor).")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10000),
    default=32,
    show_default=True,
    help="Documents per nlp.pipe batch inside a partition.",
)
@click.option("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*]).")
@click.option(
    "--conf", "conf", multiple=True, callback=_conf, metavar="KEY=VALUE", help="Spark setting (repeatable)."
)
def spark_extract(
    paths, out, partitions, fmt, published, type_model, model, batch_size, master, conf
) -> None:
    """Run the pipeline on PATHS in Spark partitions; write event records and errors under --out.

    Cross-article linking is not done here: `newsevents ingest` of the same inputs stores and links them.
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise click.UsageError("pyspark is not installed (pip install -r requirements.lock)") from None
    spark = session(master, conf)
    try:
        from newsevents.pipeline import Options

        opts = Options(published=published, model=model, batch_size=batch_size, type_model=type_model)
        counts = run_job(spark, paths, out, opts, partitions, fmt)
    finally:
        spark.stop()
    click.echo(
        f"{counts['files']} files, {counts['articles']} articles, {counts['events']} event records, "
        f"{counts['errors']} errors -> {out}",
        err=True,
    )
    sys.exit(1 if counts["errors"] else 0)


if __name__ == "__main__":  # pragma: no cover - `spark-submit src/newsevents/spark.py ...`
    spark_extract()
