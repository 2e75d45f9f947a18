"""Scorer for time-expression values: TimeBank/AQUAINT (evaldata README §5a) and MEANTIME (§5b).

Each gold TIMEX3 span is handed to :func:`newsevents.timex.resolve_spans` in its document (parsed once, for
tense), anchored to the date part of the document creation time.

Matching (``value_acc.*``): the predicted value must equal the gold ``value`` after both are put in one
notation by :func:`canonical`; nothing coarser or finer than the gold is accepted. The only equivalences are
TimeML spellings of the same value that the gold files use interchangeably:

- ISO week numbers are two digits (``2000-W7`` is ``2000-W07``);
- trailing unspecified fields are dropped: ``1948-XX`` is ``1948``, ``1994-XX-XX`` is ``1994``,
  ``1998-10-XX`` is ``1998-10``; an unspecified last year digit is the decade (``199X`` is ``199``,
  ``19XX`` the century ``19``);
- an unspecified week or quarter of a specified year (``1989-WXX``, ``1988-QX``: the annotator named the
  granularity and the year but did not compute which one) matches any week or quarter of that year.

- a part of a day (``TMO``, ``TAF``, ``TEV``, ``TNI``, ``TMI``) on the gold's calendar day matches that bare day:
  the annotators typed many "Friday night" spans DATE with the day alone (TimeML writes parts of day as
  ``1998-08-07TNI``); a clock time, another day or another part of day (``TEV`` against ``TNI``) does not.

A document whose text repeats an earlier one is scored once, as the first copy: AQUAINT holds one article twice
(``APW20000107.0088`` and ``APW20000115.0209``) with the same gold values, resolved against the first copy's
DCT (2000-01-07), while the second carries DCT 2000-01-15, against which no reading of "Wednesday" gives the
gold 2000-01-05.

A gold value with no specified digit at all (``XXXX-XX-XX``) matches only itself. The strict string
comparison is reported too, as ``value_exact.*``.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from collections import Counter, defaultdict
from typing import Any

from newsevents import nlp as nlp_mod
from newsevents import timex


def _read(path: pathlib.Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _anchor(dct: str | None, dateline: str | None = None) -> dt.date | None:
    """The date part of a DCT. MEANTIME writes one DCT day-first (``03-02-2009``, dateline "February 03, 2009")
    and leaves two empty; those documents are anchored to their dateline (sentence 1, "September 01, 2007")."""
    if dct:
        try:
            return dt.date.fromisoformat(dct[:10])
        except ValueError:
            pass
        try:
            return dt.datetime.strptime(dct[:10], "%d-%m-%Y").date()
        except ValueError:
            pass
    if dateline:
        try:
            return dt.datetime.strptime(dateline.strip(), "%B %d, %Y").date()
        except ValueError:
            return None
    return None


def _predict(docs: dict[str, tuple[str, dt.date | None]], rows_by_doc: dict[str, list[dict[str, Any]]]):
    """Yield (row, predicted Timex) for every gold row, resolving each document's spans in reading order."""
    names = [n for n in rows_by_doc if n in docs]
    parsed = nlp_mod.parse(docs[n][0] for n in names)
    for name, doc in zip(names, parsed, strict=True):
        rows = sorted(rows_by_doc[name], key=lambda r: (r["start"], r["end"]))
        preds = timex.resolve_spans(doc, [(r["start"], r["end"]) for r in rows], docs[name][1])
        yield from zip(rows, preds, strict=True)


_UNSPEC_IN_YEAR = re.compile(r"^(\d{4})-(WXX|QX)$")


def canonical(value: str | None) -> str | None:
    """One spelling of a TimeML value (see the module docstring); None stays None."""
    if not value:
        return value
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    while True:
        w = re.sub(r"-X+$", "", v)
        if w == v:
            break
        v = w
    if re.match(r"^\d{1,3}X+$", v):
        v = v.rstrip("X")
    return v


def value_match(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted value matches the gold value under the rules of the module docstring."""
    if gold is None or pred is None:
        return gold == pred
    if re.match(r"^\d{4}-\d\d-\d\d$", gold) and re.match(rf"^{gold}T(?:MO|AF|EV|NI|MI)$", pred):
        return True
    if m := _UNSPEC_IN_YEAR.match(gold):
        return bool(re.match(rf"^{m.group(1)}-{m.group(2)[0]}\d+$", pred))
    return canonical(gold) == canonical(pred)


def _tally(pairs: list[tuple[dict[str, Any], timex.Timex]], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    subsets = {
        "all": lambda r: True,
        "date": lambda r: r["type"] == "DATE",
        "relative": lambda r: str(r.get("temporalFunction")).lower() == "true",
    }
    for name, keep in subsets.items():
        sel = [(r, p) for r, p in pairs if keep(r)]
        if not sel and name == "relative":
            continue
        ok = sum(1 for r, p in sel if value_match(r["value"], p.value))
        exact = sum(1 for r, p in sel if p.value == r["value"])
        out[f"{prefix}.value_acc.{name}"] = round(ok / len(sel), 4) if sel else 0.0
        out[f"{prefix}.value_exact.{name}"] = round(exact / len(sel), 4) if sel else 0.0
        out[f"{prefix}.n.{name}"] = len(sel)
    return out


def _tbaq(evaldata_dir: pathlib.Path, corpus: str) -> list[tuple[dict[str, Any], timex.Timex]]:
    base = evaldata_dir / "temporal"
    docs: dict[str, tuple[str, dt.date | None]] = {}
    seen: set[str] = set()
    for d in _read(base / f"tbaq_{corpus}_docs.jsonl"):
        if d["text"] in seen:
            continue  # a verbatim copy under a later DCT carries the first copy's values (module docstring)
        seen.add(d["text"])
        docs[d["doc"]] = (d["text"], _anchor(d["dct"]))
    rows_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _read(base / f"tbaq_{corpus}_timex.jsonl"):
        rows_by_doc[r["doc"]].append(r)
    return list(_predict(docs, rows_by_doc))


def _meantime_docs(
    evaldata_dir: pathlib.Path,
) -> tuple[dict[str, tuple[str, dt.date | None]], dict[str, list[int]]]:
    """MEANTIME documents as (text, anchor): the sentences joined by newlines, and each sentence's offset."""
    docs: dict[str, tuple[str, dt.date | None]] = {}
    sent_starts: dict[str, list[int]] = {}
    for d in _read(evaldata_dir / "meantime" / "meantime_documents.jsonl"):
        starts, pos = [], 0
        for s in d["sentences"]:
            starts.append(pos)
            pos += len(s) + 1
        dateline = d["sentences"][1] if len(d["sentences"]) > 1 else None
        docs[d["doc_id"]] = ("\n".join(d["sentences"]), _anchor(d.get("dct"), dateline))
        sent_starts[d["doc_id"]] = starts
    return docs, sent_starts


def _locate(text: str, starts: list[int], sentence: int, words: str) -> tuple[int, int] | None:
    """Offsets of a tokenised mention in its sentence (its first occurrence there)."""
    s0 = starts[sentence]
    s1 = starts[sentence + 1] - 1 if sentence + 1 < len(starts) else len(text)
    pattern = r"\s*".join(re.escape(tok) for tok in words.split())
    m = re.search(pattern, text[s0:s1])
    return (s0 + m.start(), s0 + m.end()) if m else None


def _meantime(evaldata_dir: pathlib.Path) -> list[tuple[dict[str, Any], timex.Timex]]:
    """MEANTIME gives sentence indices and token text, not offsets: locate each span in its sentence."""
    docs, sent_starts = _meantime_docs(evaldata_dir)
    rows_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _read(evaldata_dir / "meantime" / "meantime_timex.jsonl"):
        if r.get("functionInDocument") == "CREATION_TIME" or r["doc_id"] not in docs:
            continue
        span = _locate(docs[r["doc_id"]][0], sent_starts[r["doc_id"]], int(r["sentence"]), r["text"])
        if span is None:
            continue
        rows_by_doc[r["doc_id"]].append(dict(r, start=span[0], end=span[1], temporalFunction=None))
    return list(_predict(docs, rows_by_doc))


def _gold_granularity(value: str) -> tuple[str, str] | None:
    """(granularity, specified prefix) of a MEANTIME instance time: ``2008-02-XX`` → ("month", "2008-02")."""
    v = canonical(value) or ""
    if re.match(r"^\d{4}-\d\d-\d\d$", v):
        return "day", v
    if re.match(r"^\d{4}-\d\d$", v):
        return "month", v
    if re.match(r"^\d{4}$", v):
        return "year", v
    return None


def _truncate(date: str | None, granularity: str) -> str | None:
    """Our event date at a coarser granularity; None when ours is coarser than asked (a week, for a day)."""
    if not date:
        return None
    if m := re.match(r"^(\d{4})-W(\d\d)$", date):
        if granularity == "day":
            return None
        thursday = dt.date.fromisocalendar(
            int(m.group(1)), int(m.group(2)), 4
        )  # the week's ISO year and month
        date = thursday.isoformat()
    n = {"day": 10, "month": 7, "year": 4}[granularity]
    return date[:n] if len(date) >= n else None


def event_dates(evaldata_dir: pathlib.Path) -> dict[str, Any]:
    """Event date given the publication date (README §5b), scored on our :class:`EventRecord` dates.

    Each MEANTIME document (its sentences, headline and dateline included, one per line) goes through
    :func:`newsevents.pipeline.analyse` with ``published`` = its DCT. A gold mention with an ``instance_time``
    (not ``XXXX-XX-XX``) is *covered* when one of our records' trigger spans overlaps the mention; our date is
    truncated to the gold's granularity (day, month or year; a week counts by its ISO Thursday and never for a
    day) and compared. ``event_date.acc`` is over covered mentions, ``event_date.acc_all`` over all dated
    mentions (uncovered = wrong); ``event_date.dct_baseline`` dates every covered mention with the DCT.
    Our records are political events (PLOVER types) with a participant, so coverage of this business news is
    low; the figure measures the dating of the events we do extract. ``event_date.attached_all`` therefore also
    dates *every* dated gold mention with the pipeline's own dating function (:func:`_attached`), against
    ``event_date.attached_dct_baseline`` (every mention on the DCT); per granularity as ``attached.<g>``, and
    for verb and noun triggers apart (``attached_verb``, ``attached_nominal`` and their baselines): a noun
    with no time expression of its own gets no date (the pipeline does not assume "the invasion" happened
    on the publication day), which the day-granular gold counts as wrong.
    """
    from newsevents import pipeline

    docs, sent_starts = _meantime_docs(evaldata_dir)
    gold_by_doc: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for r in _read(evaldata_dir / "meantime" / "meantime_event_mentions.jsonl"):
        gg = _gold_granularity(r.get("instance_time") or "")
        if gg is None or r["doc_id"] not in docs:
            continue
        span = _locate(docs[r["doc_id"]][0], sent_starts[r["doc_id"]], int(r["sentence"]), r["text"])
        if span is not None:
            gold_by_doc[r["doc_id"]].append((span[0], span[1], *gg))
    names = list(gold_by_doc)
    arts = [pipeline.article_from_text(docs[n][0], id=n, published=docs[n][1]) for n in names]
    tally: Counter[str] = Counter()
    for name, art, doc in zip(names, arts, nlp_mod.parse(a.text for a in arts), strict=True):
        dct = docs[name][1]
        records = pipeline.analyse(art, doc, dct) if dct else []
        attached = _attached_dates(doc, gold_by_doc[name], dct)
        for (s, e, gran, gold), att in zip(gold_by_doc[name], attached, strict=True):
            tally[f"n.{gran}"] += 1
            tally[f"att.{gran}"] += _truncate(att, gran) == gold
            tally[f"attdct.{gran}"] += dct is not None and _truncate(dct.isoformat(), gran) == gold
            trigger = doc.char_span(s, e, alignment_mode="expand")
            kind = (
                "nominal"
                if trigger is not None and len(trigger) and trigger.root.pos_ in ("NOUN", "PROPN")
                else "verb"
            )
            tally[f"n.{kind}"] += 1
            tally[f"att.{kind}"] += _truncate(att, gran) == gold
            tally[f"attdct.{kind}"] += dct is not None and _truncate(dct.isoformat(), gran) == gold
            rec = next((x for x in records if x.trigger.start < e and s < x.trigger.end), None)
            if rec is None:
                continue
            tally[f"covered.{gran}"] += 1
            tally[f"ok.{gran}"] += _truncate(rec.date, gran) == gold
            tally[f"dct.{gran}"] += dct is not None and _truncate(dct.isoformat(), gran) == gold
    out: dict[str, Any] = {}
    grans = ("day", "month", "year")
    n = sum(tally[f"n.{g}"] for g in grans)
    cov = sum(tally[f"covered.{g}"] for g in grans)
    ok = sum(tally[f"ok.{g}"] for g in grans)
    out["meantime.event_date.n"] = n
    out["meantime.event_date.covered"] = cov
    out["meantime.event_date.acc"] = round(ok / cov, 4) if cov else 0.0
    out["meantime.event_date.acc_all"] = round(ok / n, 4) if n else 0.0
    out["meantime.event_date.attached_all"] = (
        round(sum(tally[f"att.{g}"] for g in grans) / n, 4) if n else 0.0
    )
    out["meantime.event_date.attached_dct_baseline"] = (
        round(sum(tally[f"attdct.{g}"] for g in grans) / n, 4) if n else 0.0
    )
    out["meantime.event_date.dct_baseline"] = (
        round(sum(tally[f"dct.{g}"] for g in grans) / cov, 4) if cov else 0.0
    )
    for kind in ("verb", "nominal"):
        k = tally[f"n.{kind}"]
        out[f"meantime.event_date.attached_{kind}"] = round(tally[f"att.{kind}"] / k, 4) if k else None
        out[f"meantime.event_date.attached_dct_baseline_{kind}"] = (
            round(tally[f"attdct.{kind}"] / k, 4) if k else None
        )
        out[f"meantime.event_date.n_{kind}"] = k
    for g in grans:
        c = tally[f"covered.{g}"]
        out[f"meantime.event_date.acc.{g}"] = round(tally[f"ok.{g}"] / c, 4) if c else None
        out[f"meantime.event_date.covered.{g}"] = c
        out[f"meantime.event_date.n.{g}"] = tally[f"n.{g}"]
        out[f"meantime.event_date.attached.{g}"] = (
            round(tally[f"att.{g}"] / tally[f"n.{g}"], 4) if tally[f"n.{g}"] else None
        )
    return out


def _attached(doc: Any, gold: list[tuple[int, int, str, str]], dct: dt.date | None) -> list[Any]:
    """Each gold mention dated by :func:`newsevents.pipeline.date_events`, the function that dates our records:
    the gold triggers stand for the extracted mentions (their root token, nominal when a noun, modality from
    :func:`newsevents.extract.modality_of`), read in document order. None for a mention with no token."""
    from types import SimpleNamespace

    from newsevents import extract, pipeline
    from newsevents.lexicon import load as load_lexicon

    if dct is None:
        return [None] * len(gold)
    lex = load_lexicon()
    found = [tx for tx in timex.resolve_document(doc, dct) if tx.date is not None and tx.precision != "none"]
    mentions: list[tuple[int, Any]] = []
    for k, (s, e, _, _) in enumerate(gold):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            continue
        t = span.root
        m = SimpleNamespace(
            trigger=t, nominal=t.pos_ in ("NOUN", "PROPN"), modality=extract.modality_of(t, lex)
        )
        mentions.append((k, m))
    mentions.sort(key=lambda km: km[1].trigger.i)
    dated = pipeline.date_events(
        doc, found, [m for _, m in mentions], dct, pipeline.paragraph_offsets(doc.text)
    )
    out: list[Any] = [None] * len(gold)
    for (k, _), d in zip(mentions, dated, strict=True):
        out[k] = d
    return out


def _attached_dates(doc: Any, gold: list[tuple[int, int, str, str]], dct: dt.date | None) -> list[str | None]:
    """Each gold mention's date as the pipeline would give it (:func:`_attached`)."""
    return [d.date if d is not None else None for d in _attached(doc, gold, dct)]


def confusion(
    pairs: list[tuple[dict[str, Any], timex.Timex]], n: int = 40, kind: str | None = "DATE"
) -> list[str]:
    """A sample of wrong predictions, most frequent (text, gold shape, predicted shape) first."""
    c: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str, str], str] = {}
    for r, p in pairs:
        if (kind and r["type"] != kind) or value_match(r["value"], p.value):
            continue
        key = (r["text"].lower(), r["value"], str(p.value))
        c[key] += 1
        examples[key] = f"{r.get('dct', '')[:10]} tense={p.tense}"
    return [f"{k} x{v} [{examples[k]}]" for k, v in c.most_common(n)]


def score(evaldata_dir: pathlib.Path, verbose: bool = False) -> dict[str, Any]:
    """TIMEX value accuracy given the gold span (README §5a and §5b) and MEANTIME event dates (:func:`event_dates`)."""
    evaldata_dir = pathlib.Path(evaldata_dir)
    out: dict[str, Any] = {}
    for corpus in ("timebank", "aquaint"):
        pairs = _tbaq(evaldata_dir, corpus)
        out.update(_tally(pairs, corpus))
        if verbose:
            print(f"--- {corpus}: wrong DATE values (text, gold, predicted)")
            print("\n".join(confusion(pairs)))
    pairs = _meantime(evaldata_dir)
    out.update(_tally(pairs, "meantime"))
    out.update(event_dates(evaldata_dir))
    if verbose:
        print("--- meantime")
        print("\n".join(confusion(pairs)))
    return out


if __name__ == "__main__":  # pragma: no cover
    import sys

    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("../shared/evaldata")
    for k, v in score(root, verbose="-v" in sys.argv).items():
        print(f"{k}\t{v}")
