"""Publication date: taken from the user or the metadata, else inferred from the article's own time expressions.

Owns :class:`PubDate` and :func:`infer_published`. Inference treats explicit full dates (in the body, and in
photo captions, which are dated the day the photo was taken) as lower bounds, then picks the earliest day
that puts every past-tense weekday reference of the body within the seven days ending on it, every
future-tense one within the six days after it, and "yesterday … Wednesday" pairs on the day after.
Weekdays inside captions are relative to the caption's own date and are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents import timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

# how far past the latest explicit date the publication day is searched for
_WINDOW_DAYS = 14


@dataclass
class PubDate:
    date: dt.date | None
    source: str  # model.PublishedSource: given | metadata | inferred | none
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class _Constraint:
    kind: str  # past_wd | future_wd | week_wd | day_after | same_day | before
    weekday: int = 0
    day: dt.date | None = None
    weeks: int = 0  # for week_wd: 0 this week, 1 next week
    text: str = ""

    def holds(self, p: dt.date, lower: dt.date) -> bool:
        if self.kind == "past_wd":
            d = p - dt.timedelta(days=(p.weekday() - self.weekday) % 7)
            return d >= lower
        if self.kind == "future_wd":
            return p.weekday() != self.weekday
        if self.kind == "week_wd":
            return True if self.weeks else self.weekday >= p.weekday()
        if self.kind == "day_after":
            return p.weekday() == (self.weekday + 1) % 7
        if self.kind == "same_day":
            return p.weekday() == self.weekday
        if self.kind == "before":
            return self.day is not None and p < self.day
        return True


_FULL_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")


def _explicit_dates(text: str) -> list[tuple[str, dt.date]]:
    """Full dates (with a year) in a plain string: "March 14, 2014", "April 19,2022", "14 March 2014"."""
    out = []
    rx = timex._SPAN_RX or timex._span_patterns()
    for m in rx.finditer(text):
        s = m.group(0)
        if not _FULL_YEAR.search(s):
            continue
        value, precision, date = timex.normalize(s, dt.date(2000, 1, 1))
        if precision == "day" and date is not None:
            out.append((s, date))
    return out


def _weekday_of(text: str) -> int | None:
    r = timex._re()
    t = timex._clean(text)
    m = r.weekday.match(t) or r.part_weekday.match(t)
    if not m or m.groupdict().get("rel") in (
        "last",
        "next",
        "this",
        "this coming",
        "this past",
        "the previous",
    ):
        return None
    return r.weekdays[m["wd"]]


def _constraints(doc: Doc) -> tuple[list[_Constraint], list[tuple[str, dt.date]], list[str]]:
    """Weekday constraints, explicit lower-bound dates, and year-less past dates ("March 17") of the body."""
    spans = timex.find_timexes(doc)
    # any anchor gives the kinds and precisions that scoping needs; only tenses and weekdays are used
    resolved = timex.resolve_spans(doc, [(t.start, t.end) for t in spans], dt.date(2000, 1, 3))
    cons: list[_Constraint] = []
    lowers: list[tuple[str, dt.date]] = []
    yearless: list[str] = []
    sent_of = {}
    for sent_i, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.idx] = sent_i
    paras = timex._paragraph_starts(doc.text)

    def sentence(t: timex.Timex) -> int:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        return sent_of.get(span[0].idx, -1) if span is not None and len(span) else -1

    import bisect

    for i, t in enumerate(resolved):
        clean = timex._clean(t.text)
        wd = _weekday_of(t.text)
        if wd is not None:
            para = paras[bisect.bisect_right(paras, t.start) - 1]
            scope = timex._choose_scope(resolved[:i], t.text, t.start, para)
            if scope is not None:
                weeks = 1 if re.search(r"(?i)\bnext|coming|following\b", scope.text) else 0
                cons.append(_Constraint("week_wd", wd, weeks=weeks, text=f"{t.text} ({scope.text})"))
                continue
            # a deictic word next to the weekday names the same day ("yesterday, Wednesday,")
            pair = None
            for o in resolved:
                if o is t or sentence(o) != sentence(t) or abs(o.start - t.start) > 40:
                    continue
                word = timex._clean(o.text)
                if word in ("yesterday", "today"):
                    pair = word
            if pair == "yesterday":
                cons.append(_Constraint("day_after", wd, text=f"yesterday … {t.text}"))
            elif pair == "today":
                cons.append(_Constraint("same_day", wd, text=f"today … {t.text}"))
            elif t.tense == "past" or t.tense is None:
                cons.append(_Constraint("past_wd", wd, text=f"{t.text} (past)"))
            elif t.tense == "future":
                cons.append(_Constraint("future_wd", wd, text=f"{t.text} (future)"))
            # a present-tense weekday is today or a scheduled day ahead: no constraint
            continue
        if _FULL_YEAR.search(clean):
            for s, d in _explicit_dates(t.text):
                if t.tense == "future":
                    cons.append(_Constraint("before", day=d, text=f"{s} (future)"))
                else:
                    lowers.append((s, d))
        elif t.tense != "future" and re.match(rf"^{timex._re().M}\s+\d", clean):
            yearless.append(t.text)
    return cons, lowers, yearless


def infer_published(
    doc: Doc, captions: list[str], metadata: dt.date | None = None, given: dt.date | None = None
) -> PubDate:
    """Publication date: ``given`` (user override), else ``metadata``, else inferred from the text."""
    if given is not None:
        return PubDate(given, "given", 1.0, ["given by the user"])
    if metadata is not None:
        return PubDate(metadata, "metadata", 1.0, ["document metadata"])
    cons, lowers, yearless = _constraints(doc)
    evidence: list[str] = []
    for cap in captions:
        for s, d in _explicit_dates(cap):
            lowers.append((s, d))
            evidence.append(f"caption date {s!r} = {d.isoformat()}: lower bound")
    for s, d in lowers:
        if not any(s in e for e in evidence):
            evidence.append(f"body date {s!r} = {d.isoformat()}: lower bound")
    if not lowers:
        return PubDate(None, "none", 0.0, [])
    lower = max(d for _, d in lowers)
    for text in yearless:
        # a year-less date takes the lower bound's year, and is itself a lower bound if it falls later
        _, precision, day = timex.normalize(f"{text} {lower.year}", lower)
        if day is not None and precision == "day" and day > lower and (day - lower).days <= _WINDOW_DAYS:
            evidence.append(f"year-less date {text!r} = {day.isoformat()}: lower bound")
            lower = day
    candidates = [lower + dt.timedelta(days=k) for k in range(_WINDOW_DAYS)]
    if not cons:
        return PubDate(lower, "inferred", 0.3, evidence + ["no weekday evidence: the lower bound itself"])
    scores = [sum(c.holds(p, lower) for c in cons) for p in candidates]
    best = max(scores)
    chosen = candidates[scores.index(best)]  # earliest of the best
    n = len(cons)
    pinned = any(c.kind in ("past_wd", "day_after", "same_day") for c in cons)
    confidence = 0.35 + (0.5 if pinned else 0.25) * best / n
    if best < n:
        confidence -= 0.1  # contradictory evidence
    for c in cons:
        mark = "holds" if c.holds(chosen, lower) else "VIOLATED"
        evidence.append(f"{c.kind} {c.text!r}: {mark}")
    return PubDate(chosen, "inferred", round(max(0.1, min(confidence, 0.9)), 2), evidence)
