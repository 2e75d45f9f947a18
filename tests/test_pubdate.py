"""Publication-date precedence and inference from the text (invented articles, plus the seed pages)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from newsevents import timex
from newsevents.pubdate import PubDate, infer_published


class _NoDoc:
    """Stands in for a Doc where precedence decides before any text is read."""


def test_given_wins_over_metadata():
    pd = infer_published(_NoDoc(), [], metadata=dt.date(2020, 1, 2), given=dt.date(2021, 5, 6))
    assert (pd.date, pd.source, pd.confidence) == (dt.date(2021, 5, 6), "given", 1.0)


def test_metadata_second():
    pd = infer_published(_NoDoc(), [], metadata=dt.date(2020, 1, 2))
    assert (pd.date, pd.source, pd.confidence) == (dt.date(2020, 1, 2), "metadata", 1.0)


@pytest.mark.slow
def test_no_evidence_gives_none(nlp):
    pd = infer_published(nlp("The minister spoke about the economy."), [])
    assert pd == PubDate(None, "none", 0.0, [])


@pytest.mark.slow
def test_caption_date_is_a_lower_bound_and_weekdays_pin_the_day(nlp):
    # 2019-06-07 is a Friday
    caption = "The minister at a press conference on June 7, 2019. Credit: Example Agency"
    body = "The minister resigned on Tuesday. On Monday, parliament voted against the budget."
    pd = infer_published(nlp(body), [caption])
    assert pd.source == "inferred"
    assert pd.date == dt.date(2019, 6, 11)  # Monday 10th and Tuesday 11th both after the photo
    assert 0.3 < pd.confidence <= 0.9
    assert any("lower bound" in e for e in pd.evidence)


@pytest.mark.slow
def test_caption_weekdays_do_not_constrain(nlp):
    caption = "Protesters on Sunday in the capital, March 3, 2021. (Photo by Someone)"
    body = "Police detained dozens of protesters on Thursday."
    pd = infer_published(nlp(body), [caption])
    assert pd.date == dt.date(2021, 3, 4)  # the first Thursday after Wednesday March 3


@pytest.mark.slow
def test_only_a_lower_bound_gives_low_confidence(nlp):
    pd = infer_published(nlp("The talks ended on May 2, 2018, without a deal."), [])
    assert pd.date == dt.date(2018, 5, 2)
    assert pd.confidence <= 0.3


@pytest.mark.slow
def test_yesterday_weekday_pair_means_the_day_after(nlp):
    body = "The summit opened on 4 March 2020. The leaders met yesterday, Thursday, and agreed a statement."
    pd = infer_published(nlp(body), [])
    assert pd.date == dt.date(2020, 3, 6)  # 2020-03-05 was a Thursday


@pytest.mark.slow
def test_future_weekday_must_lie_ahead(nlp):
    # lower bound Monday 2023-01-09; past Tuesday → the 10th at the earliest; future Tuesday rules out Tuesdays
    body = (
        "On January 9, 2023, the court heard the case. The judge ruled on Tuesday that the trial "
        "will resume on Wednesday."
    )
    pd = infer_published(nlp(body), [])
    assert pd.date == dt.date(2023, 1, 10)
    body2 = "On January 9, 2023, the court heard the case. The judge ruled on Tuesday. He will speak Tuesday."
    assert infer_published(nlp(body2), []).date == dt.date(2023, 1, 11)  # Wednesday satisfies both
    # contradictory: the pair says Friday, the future Friday says not Friday
    body3 = (
        "On January 9, 2023, the court heard the case. The judge ruled yesterday, Thursday, that the "
        "trial will resume. The lawyers will meet him on Friday."
    )
    pd3 = infer_published(nlp(body3), [])
    assert pd3.date is not None and pd3.confidence < pd.confidence
    assert any("VIOLATED" in e for e in pd3.evidence)


@pytest.mark.slow
def test_future_full_date_is_not_a_lower_bound(nlp):
    body = "The agency said on Monday, February 3, 2020, that elections will be held on March 1, 2020."
    pd = infer_published(nlp(body), [])
    assert pd.date is not None and pd.date < dt.date(2020, 3, 1)


def _split(raw: str) -> tuple[str, list[str]]:
    """Body and captions: the project's cleaner when present, else a crude paragraph split."""
    try:
        from newsevents.clean import clean
        from newsevents.model import Article, RawDocument

        art = clean(RawDocument(path="seed", text=raw))
        if isinstance(art, Article):
            return art.text, art.captions
    except ImportError:
        pass
    paras = [p for p in re.split(r"\n\s*\n", raw) if p.strip()]
    caps = [p for p in paras if "Credit:" in p or "(Photo by" in p]
    return "\n\n".join(p for p in paras if p not in caps), caps


def _seed(seeds_dir, needle: str) -> str:
    for p in sorted(seeds_dir.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        if needle in text:
            return text
    pytest.skip(f"no seed page containing {needle!r}")


@pytest.mark.slow
@pytest.mark.seeds
def test_seed_2014(nlp, seeds_dir):
    body, caps = _split(_seed(seeds_dir, "Ban Ki-moon"))
    doc = nlp(body)
    pd = infer_published(doc, caps)
    assert pd.date in (dt.date(2014, 3, 19), dt.date(2014, 3, 20))
    got = {}
    for t in timex.resolve_document(doc, dt.date(2014, 3, 19)):
        sent = doc.char_span(t.start, t.end, alignment_mode="expand").sent.text
        got[(t.text, sent[:40])] = t.value

    def find(word, fragment):
        return next(v for (w, s), v in got.items() if w == word and fragment in s)

    assert find("Thursday", "Ban is scheduled") == "2014-03-20"
    assert find("Friday", "He then heads") == "2014-03-21"
    assert find("Monday", "On Monday") == "2014-03-17"
    assert find("Saturday", "Russia on Saturday") == "2014-03-15"


@pytest.mark.slow
@pytest.mark.seeds
def test_seed_2022(nlp, seeds_dir):
    body, caps = _split(_seed(seeds_dir, "Guterres"))
    doc = nlp(body)
    pd = infer_published(doc, caps)
    assert pd.date is not None and dt.date(2022, 4, 19) <= pd.date <= dt.date(2022, 4, 25)
    got = {t.text: t.value for t in timex.resolve_document(doc, pd.date)}
    assert got["Tuesday"] == "2022-04-26"
    assert got["Thursday"] == "2022-04-28"
