"""Time expressions: finding them in a parsed Doc, the tense that governs them, and their TimeML values.

Owns :class:`Timex`, :func:`find_timexes` (spans), :func:`tense_at` (tense/futurity of the governing clause),
:func:`normalize` (one expression → TimeML value, precision and representative day, resolved against an anchor,
normally the publication date) and :func:`resolve_document`. The vocabulary (month and weekday names, number
words, seasons, parts of day, reference words, tense cues) lives in ``data/timex.json``.

Relative expressions are resolved here rather than with dateparser because news conventions differ from
"nearest match": a past-tense weekday equal to the anchor's weekday is the anchor day itself, a present-tense
weekday is a scheduled future, and a bare weekday after "next week" lies in that week.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

Result = tuple[str | None, str, dt.date | None]
NONE_RESULT: Result = (None, "none", None)


@dataclass
class Timex:
    """A time expression: a view into the Doc text plus its resolved TimeML value."""

    text: str
    start: int
    end: int
    kind: str  # DATE | TIME | DURATION | SET
    value: str | None = None
    precision: str = "none"  # model.Precision
    date: dt.date | None = None  # representative day: the day, or the first day of the week/month/year
    tense: str | None = None
    # the preposition that makes it a bound rather than the event's time ("since March", "by Friday"), if any
    boundary: str | None = None


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    with resources.files("newsevents").joinpath("data/timex.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Re:
    """Regular expressions built once from the vocabulary."""

    def __init__(self) -> None:
        v = vocab()
        self.months: dict[str, int] = v["months"]
        self.weekdays: dict[str, int] = v["weekdays"]
        self.numbers: dict[str, int] = v["number_words"]
        self.ordinals: dict[str, int] = v["ordinal_words"]
        self.seasons: dict[str, str] = v["seasons"]
        self.parts: dict[str, str] = v["parts_of_day"]
        self.units: dict[str, str] = v["units"]
        self.present = set(v["present_ref"])
        self.past = set(v["past_ref"])
        self.future = set(v["future_ref"])
        self.modifiers = sorted(set(v["modifiers"]), key=len, reverse=True)
        t = v["tense"]
        self.future_aux = set(t["future_aux"])
        self.cond_aux = set(t["conditional_aux"])
        self.future_gov = set(t["future_governors"])
        self.future_adj = set(t["future_adjectives"])
        self.planning_verbs = set(t["planning_verbs"])
        self.deadline_verbs = set(t["deadline_verbs"])
        self.deadline_preps = set(t["deadline_preps"])
        self.backward_preps = set(t["backward_preps"])
        self.future_adj_needs_prep: dict[str, list[str]] = t["future_adjectives_need_prep"]
        M = rf"(?P<month>{_alt(self.months)})\.?"
        W = rf"(?P<wd>{_alt(self.weekdays)})\.?"
        D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        Y = r"(?P<year>\d{4})"
        self.M, self.W = M, W
        num = rf"(?:\d+|{_alt([k for k in self.numbers if ' ' not in k])})(?:[- ](?:{_alt(list(self.numbers))}))*"
        self.num = num
        unit = rf"(?P<unit>{_alt(self.units)})s?"
        self.unit = unit
        self.iso = re.compile(r"^(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")
        self.mdy = re.compile(rf"^(?:{W},?\s+)?{M}\s+{D},?\s*{Y}$")
        self.dmy = re.compile(rf"^(?:{W},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M},?\s+{Y}$")
        self.md = re.compile(
            rf"^(?:{W},?\s+)?{M}\s+(?P<dayw>{D.replace('(?P<day>', '(?:')}|{_alt(self.ordinals)})$"
        )
        self.dm = re.compile(rf"^(?:{W},?\s+)?(?:the\s+)?{D}\s+(?:of\s+)?{M}$")
        self.my = re.compile(rf"^{M},?\s+(?:of\s+)?(?P<year>\d{{4}}|'\d\d)$")
        self.m_rel = re.compile(rf"^{M}\s*,?\s*(?:of\s+)?(?P<rel>this|last|next)\s+year$")
        self.rel_m = re.compile(
            rf"^(?:(?P<rel>last|this|next|this past|this coming|the previous|the following|coming|past)\s+)?{M}$"
        )
        parts = _alt(self.parts)
        self.weekday = re.compile(
            rf"^(?:(?P<rel>last|this|next|this coming|this past|the previous|previous|the following|following|"
            rf"coming|past|earlier|late|early|mid-?)\s*)?{W}(?:,)?(?:\s+(?P<part>{parts}))?$"
        )
        self.part_weekday = re.compile(rf"^(?:(?:early|late|mid-?)\s*)?(?P<part>{parts})\s+(?:on\s+)?{W}$")
        self.deictic = re.compile(
            rf"^(?:(?:early|late|earlier|later|mid-?)\s*)?(?P<word>today|tonight|tomorrow|yesterday)"
            rf"(?:\s+(?P<part>{parts}))?$"
        )
        self.part_deictic = re.compile(
            rf"^(?:(?:early|late|earlier|later|mid-?)\s*)?(?P<part>{parts})\s+(?P<word>today|tomorrow|yesterday)$"
        )
        self.this_part = re.compile(rf"^(?P<rel>this|last|tomorrow|yesterday|the)\s+(?P<part>{parts})$")
        self.clock = re.compile(
            r"^(?:(?:at|around|about)\s+)?(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)?"
            r"(?:\s+(?:[a-z]{2,4}t))?(?:,?\s+(?P<rest>.+))?$"
        )
        self.noon = re.compile(r"^(?P<w>noon|midnight|midday)(?:\s+(?P<rest>.+))?$")
        self.year = re.compile(
            r"^(?:fiscal\s+|calendar\s+|the\s+year\s+|the\s+)?(?P<year>1[0-9]\d\d|20\d\d)$"
        )
        self.fy = re.compile(r"^fy\s*'?(?P<year>\d{2}|\d{4})$")
        self.decade = re.compile(r"^(?:the\s+)?(?P<c>\d\d)?'?(?P<d>\d)0'?s$")
        self.decade_word = re.compile(rf"^(?:the\s+)?(?P<w>{_alt(v['decade_words'])})$")
        self.century = re.compile(r"^(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century$")
        self.rel_unit = re.compile(
            r"^(?:the\s+)?(?P<rel>last|this|next|current|coming|past|previous|prior|latest|most recent|following|"
            r"same|that|present|upcoming|recent|new)\s+(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|"
            r"decade|century|quarter|period|day)$"
        )
        self.the_unit = re.compile(
            r"^(?:the|that|this)?\s*(?:fiscal\s+|full\s+|calendar\s+|whole\s+|entire\s+)?(?P<unit>week|weekend|month|year|"
            r"quarter|period|day)$"
        )
        self.ago = re.compile(
            rf"^(?:(?:nearly|almost|about|some|roughly|more than|less than|over|just|only)\s+)?(?P<n>{num})?\s*"
            rf"(?:or so\s+)?{unit}(?:\s+or so)?\s+(?P<dir>ago|earlier|before|later|after|from now|hence|back)$"
        )
        self.duration = re.compile(
            rf"^(?:(?:the\s+)?(?:last|past|next|first|coming|previous|following|recent|latest|final)\s+)?"
            rf"(?:(?:nearly|almost|about|some|roughly|more than|less than|over|just|only|another|an additional)\s+)?"
            rf"(?P<n>{num})\s*[- ]?{unit}(?:\s+(?:long|old))?$"
        )
        self.counted_from = re.compile(
            rf"^(?:the\s+)?(?:(?P<n>{num}|a|an|one)\s+)?(?P<unit>day|week|month|year)s?\s+"
            rf"(?P<dir>before|after|prior to|following)\s+(?P<rest>.+)$"
        )
        self.season = re.compile(
            rf"^(?:(?P<rel>last|this|next|this past|this coming|the|past|early|late|mid-?)\s*)?"
            rf"(?P<season>{_alt(self.seasons)})(?:\s+(?:of\s+)?(?P<year>\d{{4}}|.+))?$"
        )
        weeks = _alt(v["week_weekday"]["weeks"])
        # "Wednesday next week", "Friday of last week", "next week on Tuesday"
        self.wd_week = re.compile(rf"^(?:on\s+)?{W},?\s+(?:of\s+)?(?P<week>{weeks})$")
        self.week_wd = re.compile(rf"^(?P<week>{weeks}),?\s+(?:on\s+)?{W}$")
        self.half = re.compile(
            r"^(?:the\s+)?(?P<which>first|second|last|latter)\s+(?:half|two quarters)(?:\s+of\s+(?P<rest>.+))?$"
        )


@lru_cache(maxsize=1)
def _re() -> _Re:
    return _Re()


# --------------------------------------------------------------------------- value constructors


def _day(d: dt.date) -> Result:
    return d.isoformat(), "day", d


def _month(y: int, m: int) -> Result:
    while m < 1:
        y, m = y - 1, m + 12
    while m > 12:
        y, m = y + 1, m - 12
    return f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1)


def _year(y: int) -> Result:
    return f"{y:04d}", "year", dt.date(y, 1, 1)


def _week(d: dt.date) -> Result:
    iy, iw, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    return f"{iy:04d}-W{iw:02d}", "week", monday


def _quarter(y: int, q: int) -> Result:
    while q < 1:
        y, q = y - 1, q + 4
    while q > 4:
        y, q = y + 1, q - 4
    return f"{y:04d}-Q{q}", "year", dt.date(y, 3 * q - 2, 1)


def _shift_value(value: str, years: int) -> Result:
    """A calendar value moved by whole years, keeping its granularity (``1989-Q3`` → ``1988-Q3``)."""
    m = re.match(r"^(\d{4})(.*)$", value)
    if not m:
        return NONE_RESULT
    y = int(m.group(1)) + years
    return _from_value(f"{y:04d}{m.group(2)}")


def _from_value(value: str) -> Result:
    """Precision and representative day of a calendar value string."""
    if m := re.match(r"^(\d{4})-(\d\d)-(\d\d)(T.*)?$", value):
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return NONE_RESULT
        return value, "day", d
    if m := re.match(r"^(\d{4})-W(\d\d)(-WE)?$", value):
        try:
            d = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return NONE_RESULT
        return value, "week", d
    if m := re.match(r"^(\d{4})-(\d\d)$", value):
        return value, "month", dt.date(int(m.group(1)), int(m.group(2)), 1)
    if m := re.match(r"^(\d{4})-Q(\d)$", value):
        return value, "year", dt.date(int(m.group(1)), 3 * int(m.group(2)) - 2, 1)
    if m := re.match(r"^(\d{4})(-.*)?$", value):
        return value, "year", dt.date(int(m.group(1)), 1, 1)
    return value, "none", None


def _granularity(value: str | None) -> str | None:
    if not value:
        return None
    if re.match(r"^\d{4}-\d\d-\d\d", value):
        return "day"
    if re.match(r"^\d{4}-W\d\d", value):
        return "week"
    if re.match(r"^\d{4}-\d\d$", value):
        return "month"
    if re.match(r"^\d{4}-Q\d$", value):
        return "quarter"
    if re.match(r"^\d{4}-(H\d|SP|SU|FA|WI)$", value):
        return "part"
    if re.match(r"^\d{4}$", value):
        return "year"
    return None


# --------------------------------------------------------------------------- calendar choices by tense


def _weekday_date(anchor: dt.date, wd: int, tense: str | None, rel: str | None = None) -> dt.date:
    back = (anchor.weekday() - wd) % 7  # days back to the most recent such day (0: the anchor itself)
    ahead = (wd - anchor.weekday()) % 7
    if rel in ("last", "previous", "the previous", "this past", "past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming", "coming", "the following", "following"):
        return anchor + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=wd)
    if tense == "future":
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "present":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _month_day_year(anchor: dt.date, month: int, day: int, tense: str | None) -> dt.date | None:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if tense == "past":
        past = [c for c in cands if c <= anchor]
        if past and (anchor - past[-1]).days < 300:
            return past[-1]
    if tense == "future":
        fut = [c for c in cands if c >= anchor]
        if fut and (fut[0] - anchor).days < 300:
            return fut[0]
    # untensed ("the Oct. 23 slaying"): news mostly dates what has happened, so a past day up to half a year
    # back wins over a slightly nearer future one
    past = [c for c in cands if c <= anchor]
    if past and (anchor - past[-1]).days <= 200:
        return past[-1]
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))


def _month_year(anchor: dt.date, month: int, tense: str | None, rel: str | None = None) -> int:
    a = anchor.year * 12 + anchor.month - 1
    cands = [(y * 12 + month - 1, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel in ("last", "the previous", "this past", "past"):
        return max(y for k, y in cands if k < a)
    if rel in ("next", "this coming", "the following", "coming"):
        return min(y for k, y in cands if k > a)
    if rel == "this":
        return anchor.year
    if tense == "past":
        return max(y for k, y in cands if k <= a)
    if tense == "future":
        return min(y for k, y in cands if k >= a)
    return min(cands, key=lambda c: (abs(c[0] - a), c[0] > a))[1]


def _quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


# --------------------------------------------------------------------------- numbers


def _number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    words = _re().numbers
    if text in words:
        return words[text]
    total, cur = 0, 0
    for w in re.split(r"[\s-]+", text):
        if w == "and":
            continue
        if w not in words:
            return None
        n = words[w]
        if n in (100, 1000):
            cur = max(cur, 1) * n
            if n == 1000:
                total, cur = total + cur, 0
        else:
            cur += n
    return total + cur


def _year_words(text: str) -> int | None:
    """Spelled-out years: "nineteen ninety-six", "two thousand and one", "the year two thousand"."""
    text = re.sub(r"^(?:the\s+)?(?:year\s+)?", "", text.strip().lower())
    words = re.split(r"[\s-]+", text)
    if not words or not all(w in _re().numbers or w == "and" for w in words):
        return None
    if "thousand" in words or "hundred" in words:
        n = _number(text)
    else:
        first = _re().numbers.get(words[0])
        rest = _number(" ".join(words[1:])) if len(words) > 1 else None
        if first is None or not 10 <= first <= 20 or rest is None or rest >= 100:
            return None
        n = first * 100 + rest
    return n if n is not None and 1000 <= n <= 2100 else None


# --------------------------------------------------------------------------- normalisation


_YEAR_AGO = re.compile(
    r"\b(?:a year (?:ago|earlier|before)|year[- ](?:ago|earlier)|prior[- ]year|last year'?s?|previous year'?s?|"
    r"the same (?:period|quarter|time) (?:a year ago|last year|the previous year|of last year)|"
    r"(?:corresponding|comparable) (?:period|quarter)(?: (?:a year ago|last year))?)\b"
)
_CLEAN = re.compile(r"[\s\u00a0]+")


def _clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _CLEAN.sub(" ", t).strip(' ,;:!?"()[]')
    t = re.sub(r"\s+([,.])", r"\1", t)
    t = re.sub(r"'s?$", "", t).strip()
    t = re.sub(r"\.$", "", t) if not re.search(r"\b(?:a|p)\.m\.$", t) else t
    return t.strip()


def _strip_modifiers(t: str) -> tuple[str, str | None]:
    """Drop leading modifiers ("early", "the end of", "this past"); return the rest and a direction hint."""
    hint = None
    for suffix in vocab()["trailing_modifiers"]:
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)].strip()
    changed = True
    while changed:
        changed = False
        for mod in _re().modifiers:
            if mod.endswith("-"):
                if t.startswith(mod) and len(t) > len(mod):
                    t, changed = t[len(mod) :].strip(), True
            elif t.startswith(mod + " ") and len(t) > len(mod) + 1:
                if mod in ("this past", "the past"):
                    hint = "past"
                elif mod == "this coming":
                    hint = "future"
                t, changed = t[len(mod) + 1 :].strip(), True
            if changed:
                break
    return t, hint


def normalize(
    text: str, anchor: dt.date, tense: str | None = None, scope: Timex | None = None
) -> tuple[str | None, str, dt.date | None]:
    """TimeML value, precision and representative day of one time expression.

    ``anchor`` is the reference date (publication date); ``tense`` the tense of the governing clause
    ("past" | "present" | "future" | None); ``scope`` an earlier expression the text may refer back to:
    a week ("next week … on Tuesday"), or a period compared with ("the third quarter … a year earlier").
    Returns ``(None, "none", None)`` when the expression cannot be resolved.
    """
    t = _clean(text)
    if not t:
        return NONE_RESULT
    res = _ref(t, anchor)
    if res:
        return res
    base, hint = _strip_modifiers(t)
    if hint and tense is None or hint == "past":
        tense = hint or tense
    for cand in (t, base) if base != t else (t,):
        res = _ref(cand, anchor)
        if res:
            return res
        for rule in _RULES:
            res = rule(cand, anchor, tense, scope)
            if res is not None:
                return res
    return NONE_RESULT


def _ref(t: str, anchor: dt.date) -> Result | None:
    r = _re()
    if t in r.present:
        return "PRESENT_REF", "none", anchor
    if t in r.past:
        return "PAST_REF", "none", None
    if t in r.future:
        return "FUTURE_REF", "none", None
    return None


Rule = Callable[[str, dt.date, "str | None", "Timex | None"], "Result | None"]


def _r_absolute(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    if m := r.iso.match(t):
        try:
            return _day(dt.date(int(m["year"]), int(m["m"]), int(m["d"])))
        except ValueError:
            return None
    for rx in (r.mdy, r.dmy):
        if m := rx.match(t):
            try:
                return _day(dt.date(int(m["year"]), r.months[m["month"]], int(m["day"])))
            except ValueError:
                return None
    if m := re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", t):
        # US order (month/day/year), the convention of the English-language press this targets
        y = int(m.group(3))
        y = y if y >= 100 else (anchor.year // 100) * 100 + y
        try:
            return _day(dt.date(y, int(m.group(1)), int(m.group(2))))
        except ValueError:
            return None
    if (m := re.match(rf"^{r.M},?\s+(?P<rest>[a-z][a-z -]+)$", t)) and (yw := _year_words(m["rest"])):
        return _month(yw, r.months[m["month"]])
    if m := r.my.match(t):
        ys = m["year"]
        year = int(ys) if len(ys) == 4 else (anchor.year // 100) * 100 + int(ys[1:])
        return _month(year, r.months[m["month"]])
    return None


def _r_month_day(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    day = None
    if m := r.md.match(t):
        dw = m["dayw"]
        day = r.ordinals.get(dw) if dw in r.ordinals else int(re.sub(r"\D", "", dw))
        month = r.months[m["month"]]
    elif m := r.dm.match(t):
        day, month = int(m["day"]), r.months[m["month"]]
    if day is None or not 1 <= day <= 31:
        return None
    if scope is not None and scope.value and re.match(r"^\d{4}", scope.value) and scope.precision != "day":
        # "in March 1990 … on March 14": a year named just before wins over the anchor's
        pass
    d = _month_day_year(anchor, month, day, tense)
    return _day(d) if d else None


def _r_month(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    if m := r.m_rel.match(t):
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"]]
        return _month(anchor.year + shift, r.months[m["month"]])
    if m := r.rel_m.match(t):
        if m["month"] == "may" and not m["rel"] and t != "may":
            return None
        month = r.months[m["month"]]
        return _month(_month_year(anchor, month, tense, m["rel"]), month)
    return None


def _r_weekday(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.weekday.match(t) or r.part_weekday.match(t)
    if not m:
        return None
    wd = r.weekdays[m["wd"]]
    rel = m.groupdict().get("rel")
    if rel in ("earlier", "late", "early") or (rel or "").startswith("mid"):
        rel = None
    d = _weekday_date(anchor, wd, tense, rel)
    if (
        rel in ("the previous", "the following")
        and scope is not None
        and scope.precision == "day"
        and scope.date
    ):
        d = _weekday_date(scope.date, wd, None, rel.split()[1])  # "down from the previous Friday"
    if rel is None and scope is not None and scope.precision == "week" and scope.date:
        scoped = scope.date + dt.timedelta(days=wd)
        # the week scopes the weekday unless that contradicts the tense
        if not (tense == "past" and scoped > anchor) and not (tense == "future" and scoped <= anchor):
            d = scoped
    return _with_part(d, m["part"])


def _r_weekday_in_week(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.wd_week.match(t) or r.week_wd.match(t)
    if not m:
        return None
    week = _r_relative_unit(m["week"], anchor, tense, scope)
    if week is None or week[1] != "week" or week[2] is None:
        return None
    return _day(week[2] + dt.timedelta(days=r.weekdays[m["wd"]]))


def _with_part(d: dt.date, part: str | None) -> Result:
    if part:
        return f"{d.isoformat()}T{_re().parts[part]}", "day", d
    return _day(d)


def _r_deictic(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.deictic.match(t) or r.part_deictic.match(t)
    if m:
        offset = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[m["word"]]
        part = m["part"] or ("tonight" if m["word"] == "tonight" else None)
        return _with_part(anchor + dt.timedelta(days=offset), part)
    if m := r.this_part.match(t):
        offset = {"this": 0, "the": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[m["rel"]]
        if m["rel"] == "last" and m["part"] != "night":
            return None
        return _with_part(anchor + dt.timedelta(days=offset), m["part"])
    if t in r.parts and t in ("tonight", "overnight"):
        return _with_part(anchor, t)
    return None


def _day_phrase(rest: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> dt.date | None:
    if not rest:
        return anchor if scope is None or scope.precision != "day" else scope.date
    for rule in (_r_absolute, _r_month_day, _r_weekday, _r_deictic, _r_holiday):
        res = rule(rest, anchor, tense, scope)
        if res is not None and res[1] == "day":
            return res[2]
    return None


def _r_clock(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    if m := r.noon.match(t):
        d = _day_phrase(m["rest"] or "", anchor, tense, scope)
        if d is None:
            return None
        hh = "24" if m["w"] == "midnight" else "12:00"
        return f"{d.isoformat()}T{hh}", "day", d
    m = r.clock.match(t)
    if not m or not (m["ampm"] or m["min"]):
        return None
    h = int(m["h"])
    if h > 24 or (m["ampm"] and not 1 <= h <= 12):
        return None
    if m["ampm"] and m["ampm"].startswith("p") and h < 12:
        h += 12
    if m["ampm"] and m["ampm"].startswith("a") and h == 12:
        h = 0
    d = _day_phrase(m["rest"] or "", anchor, tense, scope)
    if d is None:
        return None
    return f"{d.isoformat()}T{h:02d}:{int(m['min'] or 0):02d}", "day", d


def _r_day_around(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    """A time counted from a named one: "the day before last Tuesday", "two months after March 3"."""
    r = _re()
    if not ("before" in t or "after" in t or "prior to" in t or "following" in t):
        return None
    m = r.counted_from.match(t)
    if not m:
        return None
    n = 1 if m["n"] in (None, "a", "an", "one") else _number(m["n"])
    if n is None or (m["n"] is None and m["unit"] != "day"):
        return None  # "the week before Christmas" is a span, not a point
    k = n if m["dir"] in ("after", "following") else -n
    if m["unit"] in ("day", "week"):
        d = _day_phrase(m["rest"], anchor, tense, None)
        return _day(d + dt.timedelta(days=k * (7 if m["unit"] == "week" else 1))) if d else None
    value, precision, d = normalize(m["rest"], anchor, tense, None)
    if d is None or precision not in ("day", "month", "year", "week"):
        return None
    if m["unit"] == "month":
        return _month(d.year, d.month + k) if precision != "year" else None
    return _year(d.year + k)


def _r_week_of(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    m = re.match(r"^(?:the\s+)?week\s+of\s+(.+)$", t)
    if not m:
        return None
    d = _day_phrase(m.group(1), anchor, tense, None)
    return _week(d) if d else None


def _decade_century(anchor: dt.date, decade_digit: int) -> int:
    """Century of a decade named without one ("the nineties", "the '80s"): the most recent such decade."""
    c = anchor.year // 100
    return c - 1 if c * 10 + decade_digit > anchor.year // 10 else c


def _r_year(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    if m := r.year.match(t):
        return _year(int(m["year"]))
    if m := re.match(r"^'(\d\d)$", t):
        # "since '82": the latest such year not after the anchor
        short = (anchor.year // 100) * 100 + int(m.group(1))
        return _year(short if short <= anchor.year else short - 100)
    if m := r.fy.match(t):
        y = m["year"]
        return _year(int(y) if len(y) == 4 else (anchor.year // 100) * 100 + int(y))
    y = _year_words(t)
    if y:
        return _year(y)
    if m := r.decade.match(t):
        c = m["c"] or str(_decade_century(anchor, int(m["d"])))
        value = f"{c}{m['d']}"
        return value, "none", None
    if m := r.decade_word.match(t):
        d = vocab()["decade_words"][m["w"]]
        return f"{_decade_century(anchor, d)}{d}", "none", None
    if m := r.century.match(t):
        return f"{int(m['n']) - 1:02d}", "none", None
    return None


def _parse_rel_year(rest: str, anchor: dt.date) -> int | None:
    rest = rest.strip()
    if m := re.match(r"^(?:fiscal\s+)?(\d{4})$", rest):
        return int(m.group(1))
    rel = {"this year": 0, "last year": -1, "next year": 1, "the year": 0, "the current year": 0}
    if rest in rel:
        return anchor.year + rel[rest]
    return _year_words(rest)


def _r_quarter(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    if "quarter" not in t and "period" not in t:
        return None
    if re.search(r"\b(?:quarters|periods)\b", t):
        return None
    r = _re()
    qm = re.search(
        r"\b(first|second|third|fourth|1st|2nd|3rd|4th|final|last)[- ](?:fiscal[- ]|calendar[- ])?quarter", t
    )
    q = None
    if qm:
        q = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}.get(qm.group(1)) or r.ordinals[qm.group(1)]
    ym = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", t)
    ago = bool(_YEAR_AGO.search(t))
    shift = -1 if ago else 0
    if re.search(r"\bnext year'?s?\b", t):
        shift = 1
    scope_q = scope.value if scope is not None and _granularity(scope.value) == "quarter" else None
    if q is not None:
        if ym:
            return _quarter(int(ym.group(1)), q)
        if scope_q and not ago and shift == 0 and re.search(r"\b(?:that|the same)\b", t):
            return _quarter(int(scope_q[:4]), q)
        aq = _quarter_of(anchor)
        if tense == "future":
            # results for the quarter just ended are still to come: "will report third-quarter results"
            y = anchor.year if q >= aq - 1 else anchor.year + 1
        else:
            y = anchor.year if q <= aq else anchor.year - 1
        if re.search(r"\b(?:this year'?s?|current)\b", t):
            y = anchor.year
        if shift and re.search(r"\b(?:last|next) year'?s?\b", t):
            return _quarter(anchor.year + shift, q)
        return _quarter(y + shift, q)
    if "quarter" not in t and scope_q is None and not ym:
        if (
            scope is not None
            and scope.value
            and _granularity(scope.value) in ("day", "month", "year", "part")
        ):
            if ago:
                return _shift_value(scope.value, -1)
            if re.match(r"^(?:the|that|the latest|the same|the current) period$", t):
                return _from_value(scope.value)
        return None
    if ym and "quarter" not in t:
        # "the 1988 period": the scope's period in that year
        if scope is not None and scope.value and re.match(r"^\d{4}", scope.value):
            return _from_value(ym.group(1) + scope.value[4:])
        return _year(int(ym.group(1)))
    if ym:
        base = scope_q or _quarter(anchor.year, _quarter_of(anchor) - 1)[0]
        return _from_value(ym.group(1) + base[4:])  # type: ignore[index]
    if re.search(r"\b(?:latest|most recent|just[- ]ended|recent)\b", t):
        return _quarter(anchor.year + shift, _quarter_of(anchor) - 1)
    if re.search(r"\b(?:current|this|present)\b", t):
        return _quarter(anchor.year, _quarter_of(anchor) + shift * 4)
    if re.search(r"\bnext\b", t):
        return _quarter(anchor.year, _quarter_of(anchor) + 1)
    if re.search(r"\b(?:previous|prior|preceding)\b", t) and scope_q:
        return _quarter(int(scope_q[:4]), int(scope_q[-1]) - 1)
    if scope_q:
        return _shift_value(scope_q, shift)
    return _quarter(anchor.year + shift, _quarter_of(anchor) - 1)


def _r_half(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    m = _re().half.match(t)
    if not m:
        return None
    h = 1 if m["which"] == "first" else 2
    rest = m["rest"] or "this year"
    y = _parse_rel_year(rest, anchor)
    if y is None:
        return None
    return f"{y:04d}-H{h}", "year", dt.date(y, 1 if h == 1 else 7, 1)


def _r_season(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.season.match(t)
    if not m:
        return None
    code = r.seasons[m["season"]]
    rel = m["rel"]
    if m["year"]:
        y = _parse_rel_year(m["year"], anchor)
        if y is None:
            return None
    else:
        start = r.__dict__.get("_season_start") or vocab()["season_start_month"]
        smonth = start[code]
        # the season "of year y" starts in month smonth of y (winter: December of y)
        began = (anchor.year, smonth) <= (anchor.year, anchor.month)
        if rel in ("last", "past", "this past"):
            y = anchor.year if began and (anchor.month - smonth) >= 3 else anchor.year - 1
        elif rel in ("next", "this coming"):
            y = anchor.year if not began else anchor.year + 1
        elif rel == "this":
            y = anchor.year
        elif tense == "past":
            y = anchor.year if began else anchor.year - 1
        elif tense == "future":
            y = anchor.year if not began or anchor.month - smonth < 3 else anchor.year + 1
        else:
            y = anchor.year
    return f"{y:04d}-{code}", "year", dt.date(y, vocab()["season_start_month"][code], 1)


def _r_relative_unit(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.rel_unit.match(t)
    rel = None
    if m:
        rel, unit = m["rel"], m["unit"]
    else:
        m = r.the_unit.match(t)
        if not m:
            return None
        unit = m["unit"]
    if unit in ("quarter", "period"):
        return None  # _r_quarter
    shift = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "prior": -1,
        "latest": -1,
        "most recent": -1,
        "recent": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
        "upcoming": 1,
    }.get(rel or "", 0)
    # only "that year", "the same week", "the following month" refer back; "the week" is the anchor's
    if rel is None and t.startswith("that "):
        rel = "that"
    scoped = rel in ("same", "that", "following", "previous", "prior") and scope is not None
    base_day = anchor
    if (
        scoped
        and scope is not None
        and scope.date
        and _granularity(scope.value) in ("day", "week", "month", "year")
    ):
        base_day = scope.date
    elif rel in ("same", "that") or (rel is None and t.startswith("that")):
        return None
    if rel in ("latest", "most recent") and unit != "year":
        shift = 0
    if unit == "day":
        if rel in ("same", "that") and base_day is anchor:
            return None
        if t == "the day" and scope is not None and scope.precision == "day" and scope.date:
            return _day(scope.date)  # "fell 3% on Monday … to end the day at 7,114"
        return _day(base_day + dt.timedelta(days=shift))
    if unit in ("week", "weekend"):
        if unit == "weekend":
            d = base_day + dt.timedelta(weeks=shift)
            if rel is None and tense == "past" and d.weekday() < 5:
                d -= dt.timedelta(weeks=1)
            v = _week(d)
            return f"{v[0]}-WE", "week", v[2]
        return _week(base_day + dt.timedelta(weeks=shift))
    if unit == "month":
        return _month(base_day.year, base_day.month + shift)
    if unit == "year":
        if (
            rel is None
            and re.match(r"^the (?:full|entire|whole) year$", t)
            and scope is not None
            and scope.date
            and _granularity(scope.value) in ("quarter", "month", "part")
        ):
            return _year(scope.date.year)  # "the fourth quarter of 2005 … the entire year"
        return _year(base_day.year + shift)
    if unit == "decade":
        return f"{(base_day.year // 10 + shift):03d}", "none", None
    if unit == "century":
        return f"{(base_day.year // 100 + shift):02d}", "none", None
    return None


def _r_ago(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    m = r.ago.match(t)
    if not m:
        return None
    n = _number(m["n"]) if m["n"] else 1
    if n is None:
        return None
    unit = r.units[m["unit"]]
    sign = -1 if m["dir"] in ("ago", "earlier", "before", "back") else 1
    relative_to_scope = m["dir"] in ("earlier", "before", "later", "after")
    if unit == "Y" and n == 1 and sign < 0 and scope is not None:
        g = _granularity(scope.value)
        if g in ("quarter", "month", "day", "week", "part") or (g == "year" and relative_to_scope):
            return _shift_value(scope.value, -1)  # type: ignore[arg-type]
    base = anchor
    if (
        relative_to_scope
        and scope is not None
        and scope.date
        and _fine_enough(_granularity(scope.value), unit)
    ):
        base = scope.date  # "in 1984 … one year later", "on May 3 … two weeks later"
    k = sign * n
    if unit == "D":
        return _day(base + dt.timedelta(days=k))
    if unit == "W":
        return _week(base + dt.timedelta(weeks=k))
    if unit == "M":
        return _month(base.year, base.month + k)
    if unit == "Y":
        return _year(base.year + k)
    if unit == "Q":
        return _quarter(base.year, _quarter_of(base) + k)
    if unit == "DE":
        # "a decade ago" names a year, like "ten years ago" (TimeML), not the decade itself
        return _year(base.year + 10 * k)
    return None


_FINE_ENOUGH = {
    "D": ("day",),
    "W": ("day", "week"),
    "M": ("day", "week", "month"),
    "Q": ("day", "week", "month", "quarter"),
}


def _fine_enough(granularity: str | None, unit: str) -> bool:
    """Whether a value of ``granularity`` can be counted from in ``unit`` steps (a year is no base for days)."""
    return granularity in _FINE_ENOUGH.get(unit, ("day", "week", "month", "quarter", "part", "year"))


def _r_year_ago_bare(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    if not re.match(
        r"^(?:the\s+)?(?:year[- ]ago|year[- ]earlier|prior[- ]year|a year ago|previous year)$", t
    ):
        return None
    g = _granularity(scope.value if scope is not None else None)
    if re.match(r"^the (?:previous|prior) year$", t):
        # a noun phrase naming a year ("sales fell last month from the previous year"), not a shifted period
        return _year((scope.date.year if scope is not None and g and scope.date else anchor.year) - 1)
    if scope is not None and g:
        return _shift_value(scope.value, -1)  # type: ignore[arg-type]
    return _year(anchor.year - 1)


def _r_year_rel(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    if m := re.match(
        r"^(?:the\s+)?(?:(this|last|next|current)\s+)?(?:fiscal\s+)?year'?s?\s+(?:end|close)$", t
    ):
        return _year(anchor.year + {"last": -1, "next": 1}.get(m.group(1) or "", 0))
    if re.match(r"^year[- ]end$", t):
        return _year(anchor.year)
    return None


def _r_duration(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    r = _re()
    if m := r.duration.match(t):
        n = _number(m["n"])
        if n is None:
            return None
        u = r.units[m["unit"]]
        if u in ("H", "M") and m["unit"] in ("hour", "minute"):
            return f"PT{n}{u}", "none", None
        if u == "W2":
            return f"P{2 * n}W", "none", None
        return f"P{n}{u}", "none", None
    sets = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "annual": "P1Y",
        "quarterly": "P3M",
        "hourly": "PT1H",
    }
    if t in sets:
        return sets[t], "none", None
    if m := re.match(rf"^(?:every|each|per|a|an)\s+{r.unit}$", t):
        u = r.units[m["unit"]]
        return (f"PT1{u}" if m["unit"] in ("hour", "minute") else f"P1{u}"), "none", None
    return None


def _nth_weekday(y: int, month: int, wd: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(y, month, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(y + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - wd) % 7 + 7 * (-nth - 1))


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _holiday_on(name: str, y: int) -> dt.date | None:
    h = vocab()["holidays"]
    if name in h["fixed"]:
        mo, d = h["fixed"][name]
        return dt.date(y, mo, d)
    if name in h["floating"]:
        mo, wd, nth, *after = h["floating"][name]
        return _nth_weekday(y, mo, wd, nth) + dt.timedelta(days=after[0] if after else 0)
    if name in h.get("easter", {}):
        return _easter(y) + dt.timedelta(days=h["easter"][name])
    return None


def _r_holiday(t: str, anchor: dt.date, tense: str | None, scope: Timex | None) -> Result | None:
    m = re.match(r"^(?:(last|this|next)\s+)?(.+?)(\s+week)?(?:,?\s+(\d{4}))?$", t)
    if not m or _holiday_on(m.group(2), 2000) is None:
        return None
    name = m.group(2)
    out = _week if m.group(3) else _day
    if m.group(4):
        return out(_holiday_on(name, int(m.group(4))))  # type: ignore[arg-type]
    cands: list[dt.date] = [_holiday_on(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]  # type: ignore[misc]
    if m.group(3):
        cands = [c - dt.timedelta(days=c.weekday()) for c in cands]  # a week is chosen by its first day
    rel = m.group(1)
    if rel == "this":
        return out(cands[1])
    if rel == "last" or tense == "past":
        return out(max(c for c in cands if (c < anchor if rel else c <= anchor)))
    if rel == "next" or tense == "future":
        return out(min(c for c in cands if (c > anchor if rel else c >= anchor)))
    return out(min(cands, key=lambda c: (abs((c - anchor).days), c > anchor)))


_RULES: list[Rule] = [
    _r_holiday,
    _r_absolute,
    _r_clock,
    _r_month_day,
    _r_month,
    _r_weekday,
    _r_weekday_in_week,
    _r_deictic,
    _r_week_of,
    _r_day_around,
    _r_year,
    _r_half,
    _r_quarter,
    _r_season,
    _r_year_ago_bare,
    _r_year_rel,
    _r_relative_unit,
    _r_ago,
    _r_duration,
]


def kind_of(text: str, value: str | None) -> str:
    """TIMEX3 type from the expression and its value."""
    t = _clean(text)
    if value and value.startswith("P") and not value.endswith("_REF"):
        if re.search(r"\b(?:every|each|per|daily|weekly|monthly|annually|yearly|quarterly|hourly)\b", t):
            return "SET"
        return "DURATION"
    if value and "T" in value and re.match(r"^\d{4}-\d\d-\d\dT", value):
        return "TIME"
    return "DATE"


# --------------------------------------------------------------------------- tense


def tense_at(doc: Doc, token_i: int) -> str | None:
    """Tense/futurity of the clause governing a token: "past" | "present" | "future" | None (no verb)."""
    tok = doc[token_i]
    while tok.dep_ == "compound" and tok.head.lower_ in _re().parts:
        tok = tok.head  # "Wednesday afternoon": the phrase's head carries the clause
    if any(c.dep_ == "case" for c in tok.children) or tok.dep_ in ("poss", "compound", "amod", "nmod"):
        return None  # "Friday's ruling": a noun modifier, not governed by the clause's tense
    r = _re()
    prep = None  # the last preposition passed on the way up ("until Tuesday", "set on Aug. 6")
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
            break
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            prep = tok.lower_
        if tok.lower_ in r.future_adj and tok.head.i != tok.i and _points_ahead(tok, prep):
            # "the talks, due Thursday" / "set for Friday" / "effective Feb. 1"
            return "future"
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    else:
        return None
    if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
        return None
    if prep in r.deadline_preps and tok.lemma_.lower() in r.deadline_verbs:
        # "postponed until Tuesday", "gave them until mid-November": the new deadline lies ahead of the act
        return "future"
    if (
        tok.tag_ == "VBN"
        and tok.dep_ in ("acl", "amod", "advcl")
        and tok.lower_ in r.future_adj
        and _points_ahead(tok, prep)
    ):
        return "future"  # "a summit set for April"
    return _verb_tense(tok, 0)


def _points_ahead(tok: Any, prep: str | None) -> bool:
    """Whether a scheduling word reached through ``prep`` looks ahead: "set for April", not "set on Aug. 6"."""
    r = _re()
    if prep in r.backward_preps:
        return False
    need = r.future_adj_needs_prep.get(tok.lower_)
    return need is None or prep in need or any(c.dep_ == "prep" and c.lower_ in need for c in tok.children)


def _verb_tense(v: Any, depth: int) -> str | None:
    r = _re()
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & r.future_aux:
        return "future"
    if words & r.cond_aux:
        # reported plans ("would leave on Monday") point ahead of the report
        return "future"
    if v.lemma_.lower() in r.planning_verbs:
        return "future"
    # "is going to", "is set to", "is scheduled to meet Thursday": the infinitive takes its governor's futurity
    infinitive = "to" in words or (v.tag_ == "VB" and not words)
    if (
        infinitive
        and v.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl")
        and v.head.i != v.i
        and depth < 4
    ):
        h = v.head
        if v.dep_ in ("xcomp",) and (h.lemma_.lower() in r.future_gov or h.lower_ in r.future_adj):
            return "future"
        if h.tag_.startswith("VB"):
            return _verb_tense(h, depth + 1)
    if (
        v.dep_ == "conj"
        and not auxes
        and v.tag_ in ("VB", "VBN")
        and depth < 4
        and v.head.tag_.startswith("VB")
    ):
        return _verb_tense(v.head, depth + 1)
    if v.tag_ == "VBG" and not auxes and depth < 4:
        # participle clause ("closing unchanged Friday", "after hearing them Wednesday"): the main verb's tense
        h = v.head
        while h.i != h.head.i and not h.tag_.startswith("VB"):
            h = h.head
        if h.i != v.i and h.tag_.startswith("VB"):
            return _verb_tense(h, depth + 1)
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN" and not auxes:
        return "past"
    if v.tag_ in ("VBZ", "VBP", "VBG", "VB", "MD", "VBN"):
        return "present"
    return None


# --------------------------------------------------------------------------- spans and documents


def _span_patterns() -> re.Pattern[str]:
    r = _re()
    months = _alt(r.months)
    wds = _alt(r.weekdays)
    parts = _alt(r.parts)
    weeks = _alt(vocab()["week_weekday"]["weeks"])
    pats = [
        rf"\b(?:{months})\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s*(?:1[5-9]\d\d|20\d\d)\b",
        rf"\b[0-3]?\d\s+(?:{months})\.?,?\s+(?:1[5-9]\d\d|20\d\d)\b",
        rf"\b(?:{wds})\.?,?\s+(?:of\s+)?(?:{weeks})\b",
        rf"\b(?:{weeks}),?\s+on\s+(?:{wds})\b",
        rf"\b(?:(?:last|next|this)\s+)?(?:{wds})(?:\s+(?:{parts}))?\b",
        rf"\b(?:{months})\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b",
        r"\b(?:(?:early|late|mid-?|last|next|this)\s*)?(?:january|february|march|april|june|july|august|"
        r"september|october|november|december)(?:,?\s+(?:1[5-9]\d\d|20\d\d))?\b",
        r"\b(?:yesterday|today|tomorrow|tonight)\b",
        r"\b(?:last|this|next|past|coming)\s+(?:week|weekend|month|year|decade|century|quarter)\b",
        rf"\b(?:{r.num}|a|an)\s+(?:day|week|month|year|decade)s?\s+(?:ago|earlier|later)\b",
        r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b",
        r"\b(?:first|second|third|fourth)[- ]quarter\b",
        r"\b(?:the\s+)?(?:1[5-9]|20)\d0'?s\b",
        r"\b(?:in|since|until|by|from|of|during|before|after)\s+(?:1[5-9]\d\d|20\d\d)\b",
    ]
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)


_SPAN_RX: re.Pattern[str] | None = None


def find_timexes(doc: Doc) -> list[Timex]:
    """Time-expression spans (regular expressions plus spaCy DATE/TIME entities, overlaps merged).

    Values are not filled in here; see :func:`resolve_document`. Found once per Doc (the publication-date
    inference and the event dating both ask); each call returns fresh objects.
    """
    cached = doc.user_data.get("newsevents_timex_spans")
    if cached is None:
        cached = doc.user_data["newsevents_timex_spans"] = _find_timexes(doc)
    return [dataclasses.replace(t) for t in cached]


def _find_timexes(doc: Doc) -> list[Timex]:
    global _SPAN_RX
    if _SPAN_RX is None:
        _SPAN_RX = _span_patterns()
    text = text_of(doc)
    spans: list[tuple[int, int]] = []
    for m in _SPAN_RX.finditer(text):
        s, e = m.span()
        lead = re.match(r"(?i)(?:in|since|until|by|from|of|during|before|after)\s+", text[s:e])
        if lead:
            s += lead.end()
        word = text[s:e]
        # "may", "march", "sun", "sat", "wed" as ordinary words: only with a capital
        if (
            word.split()[0].lower() in ("may", "march", "sun", "sat", "wed", "mar", "jun")
            and not word[0].isupper()
        ):
            continue
        spans.append((s, e))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    kept = _drop_month_surnames(doc, [(s, e) for s, e in merged])
    return [Timex(text[s:e], s, e, "DATE") for s, e in kept]


@lru_cache(maxsize=1)
def _name_preceders() -> frozenset[str]:
    return frozenset(w.lower() for w in vocab()["name_preceders"]["words"])


@lru_cache(maxsize=1)
def _bare_month_rx() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alt(_re().months)})\.?$")


def _drop_month_surnames(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans without the month names that are surnames here ("Theresa May", "Mrs May", "Ms. May said").

    A bare capitalised month is a name when it continues a person's name: it is inside a PERSON entity after
    its first word, the token before is in a PERSON entity or is a first name leaning on it, or an honorific or
    title precedes it.
    Once a word is a name in the document, later bare uses of it as a subject, object or possessor ("May said",
    "May's cabinet") are the same person; after a preposition ("in May") it stays a month.
    """
    text = text_of(doc)
    bare: list[tuple[int, int, Any]] = []
    for s, e in spans:
        if not text[s:e][:1].isupper() or not _bare_month_rx().match(_clean(text[s:e])):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            bare.append((s, e, span[0]))
    if not bare:
        return spans
    dropped = {(s, e) for s, e, tok in bare if _continues_name(doc, tok)}
    # names learnt from every capitalised month word, also those no span covers ("Prime Minister May", tagged
    # PERSON by the model)
    months = _re().months
    names = {
        tok.text.lower()
        for tok in doc
        if tok.text[:1].isupper()
        and tok.text.lower() in months
        and (_lone_person(doc, tok) or _continues_name(doc, tok))
    }
    for s, e, tok in bare:
        if (s, e) in dropped or tok.text.lower() not in names:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        possessive = nxt is not None and nxt.text in ("'s", "\u2019s")
        if possessive or tok.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "appos", "conj", "compound"):
            dropped.add((s, e))
    return [sp for sp in spans if sp not in dropped]


def _lone_person(doc: Doc, tok: Any) -> bool:
    """The token is a whole PERSON entity by itself ("Ms. May said", "Prime Minister May")."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and (nxt is None or nxt.ent_iob_ != "I")


def _continues_name(doc: Doc, tok: Any) -> bool:
    # inside a person's name after its first word ("Theresa May"); a name-initial month ("April Ryan") is too
    # often a heading or a misread date ("April Bidi Bidi, in Uganda") to count
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I":
        return True
    if tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    if prev.text == "." and tok.i >= 2 and doc[tok.i - 2].whitespace_ == "":
        # "Ms. May" when the tokenizer splits the period off; a lower-case word before it ends a sentence
        prev = doc[tok.i - 2]
        if not prev.text[:1].isupper():
            return False
    if prev.text.lower().rstrip(".") in _name_preceders():
        return True
    if not prev.text[:1].isupper() or prev.whitespace_ == "":
        return False
    if prev.ent_type_ == "PERSON":
        return True
    # a first name the model did not tag ("Theresa May's government"): a capitalised proper noun leaning on
    # the month, which is no calendar word or acronym and names no place, body or date
    return (
        prev.pos_ == "PROPN"
        and prev.dep_ == "compound"
        and prev.head.i == tok.i
        and not prev.text.isupper()
        and prev.ent_type_ in ("", "PERSON")
        and not _calendar_word(prev.text)
    )


def _calendar_word(word: str) -> bool:
    r = _re()
    w = word.lower().rstrip(".")
    return w in r.months or w in r.weekdays or w in r.seasons or w in _holiday_words()


@lru_cache(maxsize=1)
def _holiday_words() -> frozenset[str]:
    groups = [g for k, g in vocab()["holidays"].items() if not k.startswith("_") and isinstance(g, dict)]
    return frozenset(w for g in groups for name in g for w in re.findall(r"[a-z]+", name.lower()))


_WEEKDAY_ONLY = None


def _is_bare_weekday(text: str) -> bool:
    r = _re()
    t = _clean(text)
    m = r.weekday.match(t) or r.part_weekday.match(t)
    if m is None:
        return False
    return m.groupdict().get("rel") not in ("last", "next", "this", "this coming", "this past")


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*", text)]


def resolve_spans(doc: Doc, spans: Sequence[tuple[int, int]], anchor: dt.date | None) -> list[Timex]:
    """Resolve given character spans of ``doc`` in reading order (tense from the parse, scope from earlier ones).

    Anaphoric days ("the same day", "the following day") take the last day resolved before them.
    """
    import bisect

    full = text_of(doc)
    paras = _paragraph_starts(full)
    out: list[Timex] = []
    offsets = _anaphoric_offsets()
    last: Timex | None = None
    for s, e in spans:
        text = full[s:e]
        span = doc.char_span(s, e, alignment_mode="expand")
        tense = None
        if span is not None and len(span):
            tense = tense_at(doc, span.root.i)
        para = paras[bisect.bisect_right(paras, s) - 1]
        scope = _choose_scope(out, text, s, para)
        value, precision, date = (None, "none", None)
        key = _clean(text)
        key = key[3:] if key.startswith("on ") else key
        if anchor is not None and key in offsets and last is not None and last.date is not None:
            # anaphoric days ("the same day", "the next morning") count from the last date the text named; after
            # a month ("last October … that same day") only the month is known
            if last.precision == "day":
                date = last.date + dt.timedelta(days=offsets[key])
                value, precision = date.isoformat(), "day"
            elif last.precision == "month" and offsets[key] == 0:
                value, precision, date = last.value, last.precision, last.date
        elif anchor is not None:
            value, precision, date = normalize(text, anchor, tense, scope)
        out.append(
            Timex(text, s, e, kind_of(text, value), value, precision, date, tense, _boundary(full, s, e))
        )
        if precision in ("day", "month") and date is not None:
            last = out[-1]
    return out


@lru_cache(maxsize=1)
def _boundary_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = _alt(vocab()["boundary_preps"]["words"])
    return re.compile(rf"(?i)\b({words})\s+$"), re.compile(rf"(?i)^({words})\s")


def _boundary(text: str, start: int, end: int) -> str | None:
    """The bounding preposition right before (or opening) the expression: "until Friday", "since 2010"."""
    before, opening = _boundary_rx()
    m = before.search(text, max(0, start - 20), start) or opening.match(text[start:end])
    return m.group(1).lower() if m else None


@lru_cache(maxsize=1)
def _anaphoric_offsets() -> dict[str, int]:
    return {k: int(v) for k, v in vocab().get("anaphoric_days", {}).items() if not k.startswith("_")}


def _choose_scope(prev: list[Timex], text: str, start: int, para_start: int) -> Timex | None:
    if _is_bare_weekday(text):
        for t in reversed(prev):
            if t.start < para_start:
                break
            # "last week" does not scope: a past weekday is the most recent one anyway, and "last week" in
            # news is loose ("comments last week …, the paper said Sunday")
            if t.precision == "week" and re.search(r"(?i)\b(?:this|next|coming|following)\s+week\b", t.text):
                return t
        return None
    for t in reversed(prev):
        if start - t.end > 600:
            break
        # comparisons ("a year earlier") are not what later expressions refer back to
        if (
            t.value
            and re.match(r"^\d{4}", t.value)
            and not _is_bare_weekday(t.text)
            and not _YEAR_AGO.search(_clean(t.text))
        ):
            return t
    return None


def resolve_document(doc: Doc, anchor: dt.date | None) -> list[Timex]:
    """Find and resolve every time expression of a parsed Doc against ``anchor`` (publication date).

    Anaphoric days ("the same day", "the following day") are found too and take the last day the text resolved
    before them (see :func:`resolve_spans`).
    """
    spans = [(t.start, t.end) for t in find_timexes(doc)]
    spans += _anaphoric_spans(text_of(doc), spans)
    spans.sort()
    return resolve_spans(doc, spans, anchor)


@lru_cache(maxsize=1)
def _anaphoric_rx() -> re.Pattern[str] | None:
    words = list(_anaphoric_offsets())
    return re.compile(rf"\b(?:{_alt(words)})\b", re.IGNORECASE) if words else None


def _anaphoric_spans(text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    pattern = _anaphoric_rx()
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            out.append((m.start(), m.end()))
    return out
