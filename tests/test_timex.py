"""Time-expression normalisation, tense and document resolution (invented sentences)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from newsevents import timex
from newsevents.timex import normalize

WED = dt.date(2014, 3, 19)  # a Wednesday
TUE = dt.date(2022, 4, 19)  # a Tuesday


def value(text, anchor=WED, tense=None, scope=None):
    return normalize(text, anchor, tense, scope)[0]


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Wednesday", "past", "2014-03-19"),  # the anchor's own weekday in the past is the anchor day
        ("Wednesday", "future", "2014-03-26"),
        ("Thursday", "future", "2014-03-20"),
        ("Friday", "present", "2014-03-21"),  # news present with a weekday: scheduled
        ("Monday", "past", "2014-03-17"),
        ("Saturday", "past", "2014-03-15"),
        ("last Friday", None, "2014-03-14"),
        ("next Monday", None, "2014-03-24"),
        ("yesterday", "past", "2014-03-18"),
        ("today", None, "2014-03-19"),
        ("tomorrow", "future", "2014-03-20"),
        ("March 14, 2014", None, "2014-03-14"),
        ("14 March 2014", None, "2014-03-14"),
        ("April 19,2022", None, "2022-04-19"),
        ("March 14", "past", "2014-03-14"),
        ("Dec. 20", "past", "2013-12-20"),
        ("Dec. 20", "future", "2014-12-20"),
        ("Jan. 2", None, "2014-01-02"),
        ("February", "past", "2014-02"),
        ("February", "future", "2015-02"),
        ("in February", "past", "2014-02"),
        ("last month", None, "2014-02"),
        ("next month", None, "2014-04"),
        ("earlier this month", None, "2014-03"),
        ("2014", None, "2014"),
        ("last year", None, "2013"),
        ("this year", None, "2014"),
        ("two months ago", None, "2014-01"),
        ("three years ago", None, "2011"),
        ("10 days ago", None, "2014-03-09"),
        ("this week", None, "2014-W12"),
        ("last week", None, "2014-W11"),
        ("next week", None, "2014-W13"),
        ("the 1990s", None, "199"),
        ("the late 1970s", None, "197"),
        ("the nineties", None, "199"),
        ("the 20th century", None, "19"),
        ("nineteen ninety-six", None, "1996"),
        ("January nineteen ninety-seven", None, "1997-01"),
        ("recent weeks", None, "PAST_REF"),
        ("now", None, "PRESENT_REF"),
        ("the future", None, "FUTURE_REF"),
        ("the third quarter", "past", "2013-Q3"),
        ("the first quarter", "past", "2014-Q1"),
        ("third-quarter", "future", "2014-Q3"),
        ("the fourth quarter of 1990", None, "1990-Q4"),
        ("the latest quarter", None, "2013-Q4"),
        ("the current quarter", None, "2014-Q1"),
        ("last summer", None, "2013-SU"),
        ("the first half of 1990", None, "1990-H1"),
        ("Christmas", "past", "2013-12-25"),
        ("Thanksgiving", "future", "2014-11-27"),
        ("five years", None, "P5Y"),
        ("daily", None, "P1D"),
        ("Wednesday night", "past", "2014-03-19TNI"),
        ("10 p.m. Tuesday", "past", "2014-03-18T22:00"),
        ("7/8/07", None, "2007-07-08"),
        ("1994 or later", None, "1994"),
        ("Friday's", None, "2014-03-14"),
    ],
)
def test_normalize(text, tense, expected):
    assert value(text, tense=tense) == expected


def test_precision_and_date():
    assert normalize("March 14, 2014", WED) == ("2014-03-14", "day", dt.date(2014, 3, 14))
    assert normalize("last month", WED) == ("2014-02", "month", dt.date(2014, 2, 1))
    v, p, d = normalize("this week", WED)
    assert (v, p, d) == ("2014-W12", "week", dt.date(2014, 3, 17))
    assert normalize("2014", WED)[1:] == ("year", dt.date(2014, 1, 1))
    assert normalize("gibberish words", WED) == (None, "none", None)


def test_week_scope_places_a_bare_weekday():
    nxt = timex.Timex("next week", 0, 9, "DATE", *normalize("next week", TUE))
    assert value("Tuesday", TUE, "future", nxt) == "2022-04-26"
    assert value("Thursday", TUE, "future", nxt) == "2022-04-28"
    # without the scope, a future Tuesday on a Tuesday is a week ahead; Thursday is two days ahead
    assert value("Thursday", TUE, "future") == "2022-04-21"
    # a scope that contradicts the tense is ignored
    this = timex.Timex("this week", 0, 9, "DATE", *normalize("this week", TUE))
    assert value("Friday", TUE, "past", this) == "2022-04-15"


def test_year_ago_follows_the_compared_period():
    q3 = timex.Timex(
        "the third quarter", 0, 17, "DATE", *normalize("the third quarter", dt.date(1989, 10, 26), "past")
    )
    assert q3.value == "1989-Q3"
    assert value("a year earlier", dt.date(1989, 10, 26), "past", q3) == "1988-Q3"
    assert value("the year-ago quarter", dt.date(1989, 10, 26), "past", q3) == "1988-Q3"
    assert value("a year ago", dt.date(1989, 10, 26), "past") == "1988"


def test_kind_of():
    assert timex.kind_of("five years", "P5Y") == "DURATION"
    assert timex.kind_of("every week", "P1W") == "SET"
    assert timex.kind_of("10 p.m.", "2014-03-19T22:00") == "TIME"
    assert timex.kind_of("recently", "PAST_REF") == "DATE"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Ban left New York for Russia Wednesday afternoon.", "Wednesday", "past"),
        ("Ban is scheduled to meet Thursday with Putin.", "Thursday", "future"),
        ("He then heads Friday to Kiev.", "Friday", "present"),
        ("He will travel to Ukraine on Thursday.", "Thursday", "future"),
        ("On Monday, Putin signed a decree.", "Monday", "past"),
        ("Russia on Saturday vetoed a resolution.", "Saturday", "past"),
        ("He is to meet the president on Friday.", "Friday", "future"),
        ("Officials have said since Tuesday that talks failed.", "Tuesday", "past"),
        ("She is going to visit Paris on Sunday.", "Sunday", "future"),
        ("The minister plans to resign on Monday.", "Monday", "future"),
    ],
)
def test_tense_at(nlp, sentence, word, expected):
    doc = nlp(sentence)
    i = next(t.i for t in doc if t.text == word)
    assert timex.tense_at(doc, i) == expected


@pytest.mark.slow
def test_resolve_document(nlp):
    text = (
        "The envoy will visit Moscow next week. After talks with the president on Tuesday, he will travel "
        "to Kyiv and meet officials there on Thursday.\n"
        "On Monday, the council met in New York. It adopted a resolution on March 14, 2014."
    )
    doc = nlp(text)
    got = {t.text: t.value for t in timex.resolve_document(doc, dt.date(2014, 3, 19))}
    assert got["next week"] == "2014-W13"
    assert got["Tuesday"] == "2014-03-25"
    assert got["Thursday"] == "2014-03-27"
    assert got["Monday"] == "2014-03-17"
    assert got["March 14, 2014"] == "2014-03-14"
    for t in timex.resolve_document(doc, dt.date(2014, 3, 19)):
        assert text[t.start : t.end] == t.text


@pytest.mark.slow
def test_temporal_scorer(evaldata_dir):
    from newsevents.evaluation import temporal

    out = temporal.score(evaldata_dir)
    assert out["timebank.value_acc.date"] >= 0.90
    assert out["aquaint.value_acc.date"] >= 0.90
    assert out["meantime.value_acc.date"] >= 0.78
    assert out["timebank.n.date"] == 1016


@pytest.mark.slow
def test_participle_under_a_verbless_root_terminates(nlp):
    """A participle whose head chain ends at a noun root once looped for ever (token identity via 'is')."""
    import signal

    def boom(*_):
        raise TimeoutError("tense lookup did not terminate")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(20)
    try:
        doc = nlp("The index, closing unchanged Friday after a volatile week.")
        found = timex.resolve_document(doc, dt.date(2018, 3, 12))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert any(t.text.endswith("Friday") for t in found)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # a day counted from a named day
        ("the day before last Tuesday", dt.date(2014, 3, 20), "past", "2014-03-17"),
        ("two days after Christmas", dt.date(2014, 3, 20), "past", "2013-12-27"),
        # "a decade ago" is a year, like "ten years ago"
        ("a decade ago", dt.date(2014, 3, 20), "past", "2004"),
        ("two decades ago", dt.date(2014, 3, 20), None, "1994"),
        # prefixed years
        ("post-1989", WED, None, "1989"),
        ("pre-2001", WED, None, "2001"),
        # movable feasts and a floating day with an offset
        ("Easter", dt.date(2019, 5, 1), "past", "2019-04-21"),
        ("Good Friday", dt.date(2024, 3, 20), "future", "2024-03-29"),
        ("Easter week", dt.date(2025, 4, 15), "past", "2025-W16"),
        ("Election Day", dt.date(2022, 10, 1), "future", "2022-11-08"),
        ("Election Day 2020", WED, None, "2020-11-03"),
        # an untensed month-day ("the Oct. 3 vote") within half a year back is past
        ("Oct. 3", dt.date(2015, 2, 1), None, "2014-10-03"),
        ("Dec. 3", dt.date(2015, 2, 1), None, "2014-12-03"),
        ("March 3", dt.date(2015, 2, 1), None, "2015-03-03"),
    ],
)
def test_new_rule_families(text, anchor, tense, expected):
    assert value(text, anchor, tense) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The board postponed until Monday its vote on the merger.", "Monday", "future"),
        ("The court gave the parties until Friday to reply.", "Friday", "future"),
        ("He stayed in the capital until Monday.", "Monday", "past"),
        ("The bank named a new chief executive, effective Jan. 2.", "Jan.", "future"),
        ("Ministers will attend a summit set for Geneva in June.", "June", "future"),
        ("The shares stayed below the peak set on May 4.", "May", "past"),
    ],
)
def test_tense_deadlines_and_schedules(nlp, sentence, word, expected):
    doc = nlp(sentence)
    i = next(t.i for t in doc if t.text == word)
    assert timex.tense_at(doc, i) == expected


@pytest.mark.slow
def test_anaphoric_days_in_resolve_spans(nlp):
    text = "The rebels took the town on March 3, 2014. The army struck back the next day. In May 2013 a truce held; that same day the talks began."
    doc = nlp(text)
    spans = [
        (m.start(), m.end()) for m in re.finditer(r"March 3, 2014|the next day|May 2013|that same day", text)
    ]
    got = [t.value for t in timex.resolve_spans(doc, spans, WED)]
    assert got == ["2014-03-03", "2014-03-04", "2013-05", "2013-05"]


def test_scorer_value_match():
    from newsevents.evaluation.temporal import value_match

    assert value_match("2000-W7", "2000-W07")
    assert value_match("1948-XX", "1948")
    assert value_match("199X", "199")
    assert value_match("1989-WXX", "1989-W42")
    assert value_match("1998-08-07", "1998-08-07TNI")
    assert not value_match("1998-08-07TEV", "1998-08-07TNI")
    assert not value_match("1998-08-07", "1998-08-07T22:00")
    assert not value_match("1989-WXX", "1990-W01")
    assert not value_match("1989-WXX", "1989")
    assert not value_match("XXXX-XX-XX", "2001-01-01")
    assert not value_match("1988", "1988-Q3")
    assert not value_match("1998-10-XX", "1998-10-12")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two months after March 3", "2014-05"),
        ("three weeks before Christmas", "2013-12-04"),
        ("two years after 2009", "2011"),
        ("'82", "1982"),
        ("the week before Christmas", None),  # a span, not a point
    ],
)
def test_counted_from_and_short_years(text, expected):
    assert value(text, dt.date(2014, 3, 20), "past") == expected


def test_scoped_counts_and_years():
    y1984 = timex.Timex("1984", 0, 4, "DATE", *normalize("1984", WED))
    assert value("two years later", WED, "past", y1984) == "1986"
    may3 = timex.Timex("May 3, 2010", 0, 11, "DATE", *normalize("May 3, 2010", WED))
    assert value("two weeks later", WED, "past", may3) == "2010-W20"
    # a year is no base for counting days: those stay on the anchor
    assert value("two days later", WED, "past", y1984) == "2014-03-21"
    q4 = timex.Timex(
        "the fourth quarter of 2012", 0, 26, "DATE", *normalize("the fourth quarter of 2012", WED)
    )
    assert value("the entire year", WED, "past", q4) == "2012"
    last_month = timex.Timex("last month", 0, 10, "DATE", *normalize("last month", WED))
    assert value("the previous year", WED, "past", last_month) == "2013"


def test_the_day_takes_a_named_day():
    mon = timex.Timex("Monday", 0, 6, "DATE", *normalize("Monday", WED, "past"))
    assert value("the day", WED, "past", mon) == "2014-03-17"
    assert value("the day", WED, "past") == "2014-03-19"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Wednesday next week", "present", "2014-03-26"),  # anchor WED 2014-03-19; next week starts 24 March
        ("on Monday next week", None, "2014-03-24"),
        ("Friday last week", "past", "2014-03-14"),
        ("Tuesday of last week", None, "2014-03-11"),
        ("next week on Tuesday", "future", "2014-03-25"),
        ("Thursday this week", None, "2014-03-20"),
        ("Sunday next week", None, "2014-03-30"),
    ],
)
def test_weekday_in_a_named_week(text, tense, expected):
    assert value(text, WED, tense) == expected
    assert normalize(text, WED, tense)[1] == "day"


def test_weekday_in_a_scoped_week_needs_the_scope():
    scope = timex.Timex("the week of May 5", 0, 17, "DATE", "2014-W19", "week", dt.date(2014, 5, 5))
    assert value("Friday the following week", WED, None, scope) == "2014-05-16"
    assert value("Friday the same week", WED, None, None) is None


def _found(nlp, text, anchor=WED):
    return [(t.text, t.value) for t in timex.resolve_document(nlp(text), anchor)]


@pytest.mark.slow
def test_weekday_in_a_named_week_is_one_span(nlp):
    found = _found(
        nlp, "The minister visits Canberra on Wednesday next week. He met envoys Friday last week."
    )
    assert ("Wednesday next week", "2014-03-26") in found
    assert ("Friday last week", "2014-03-14") in found
    found = _found(nlp, "Talks resume next week on Tuesday.")
    assert ("next week on Tuesday", "2014-03-25") in found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Theresa May met the German chancellor in Berlin. Mrs May promised an orderly exit.",
        "Ms. May said the talks were over.",
        "Theresa May's government fell after the vote.",
        "Opposition leaders and prime minister May clashed over the budget.",
        "Prime Minister May met the chancellor. May said the deal was done.",
    ],
)
def test_month_name_as_surname_is_no_time(nlp, text):
    assert [t for t in _found(nlp, text) if t[0].strip(".'s") == "May"] == []


@pytest.mark.slow
def test_month_stays_a_month_beside_a_surname(nlp):
    text = "Mrs May said she would resign in May. Talks begin May 5."
    found = _found(nlp, text)
    assert ("May", "2014-05") in found
    assert ("May 5", "2014-05-05") in found
    # no name in the text: a sentence-initial month and a month before a noun stay months
    found = _found(nlp, "In May, prices rose. The UN May session opened.")
    assert [v for t, v in found if t == "May"] == ["2013-05", "2014-05"]  # prices rose: the past May
    # a title word ending the sentence before does not make the month a surname
    found = _found(nlp, "Families kept asking for justice. June brought the first trial.")
    assert [t for t, v in found if t == "June"] == ["June"]


@pytest.mark.slow
def test_boundary_prepositions(nlp):
    doc = nlp(
        "He has been held since March. Talks run until Friday and a deal is due by June. They met on Monday."
    )
    found = {t.text: t.boundary for t in timex.resolve_document(doc, WED)}
    assert found["March"] == "since"
    assert found["Friday"] == "until"
    assert found["June"] == "by"
    assert found["Monday"] is None


def _event_dates(nlp, text, words, anchor=WED):
    """Date the first token spelled like each word as an asserted verb event, the way records are dated."""
    from types import SimpleNamespace

    from newsevents import pipeline

    doc = nlp(text)
    found = [t for t in timex.resolve_document(doc, anchor) if t.date is not None and t.precision != "none"]
    mentions = [
        SimpleNamespace(trigger=next(t for t in doc if t.text == w), nominal=False, modality="asserted")
        for w in words
    ]
    return [d.date for d in pipeline.date_events(doc, found, mentions, anchor, [0])]  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_dateline_dates_no_event(nlp):
    text = "Rebels seize the town\nMarch 18, 2014\nRebel fighters entered the town after a week of fighting."
    assert _event_dates(nlp, text, ["seize", "entered"]) == ["2014-03-19", "2014-03-19"]


@pytest.mark.slow
def test_a_clause_on_a_time_takes_that_time(nlp):
    text = "The figures are an improvement on 2008, when the company posted a loss."
    assert _event_dates(nlp, text, ["posted"]) == ["2008"]


@pytest.mark.slow
def test_a_time_premodifying_an_object_dates_the_object(nlp):
    assert _event_dates(nlp, "The rebels violated the 1991 agreement.", ["violated"]) == ["2014-03-19"]
    # under a preposition the noun is the clause's setting
    text = "In a Monday press conference, the minister accused Russia of aggression."
    assert _event_dates(nlp, text, ["accused"]) == ["2014-03-17"]
    assert _event_dates(nlp, "Tanks shelled the city on Monday, the army said.", ["shelled"]) == [
        "2014-03-17"
    ]


@pytest.mark.slow
def test_a_clause_modifying_a_noun_does_not_move_the_story(nlp):
    text = (
        "The general resigned on Monday. Soldiers, sent to the border on March 3, 2010, refused orders. "
        "The troops withdrew."
    )
    got = _event_dates(nlp, text, ["resigned", "sent", "refused", "withdrew"])
    assert got == ["2014-03-17", "2010-03-03", "2014-03-17", "2014-03-17"]
