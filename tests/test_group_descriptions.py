"""A group named by number ("the two leaders", "both countries") stands for the participants it refers back to."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.pipeline import analyse_texts

DAY = dt.date(2017, 8, 29)


def _records(text: str):
    return analyse_texts([text], published=DAY)[0]


@pytest.mark.slow
def test_two_leaders_are_the_last_meetings_people():
    recs = _records("Putin met Erdogan in Sochi on Monday. The two men agreed to set up a buffer zone.")
    agree = next(r for r in recs if r.event == "AGREE")
    assert [e.name for e in agree.actor] == ["Vladimir Putin", "Recep Tayyip Erdoğan"]
    assert all(e.text == "The two men" for e in agree.actor)


@pytest.mark.slow
def test_both_countries_take_the_participants_countries_actors_first():
    recs = _records(
        "Japan's prime minister held a telephone call with U.S. President Donald Trump on Tuesday. "
        "Both countries condemned the missile launch by North Korea."
    )
    acc = next(r for r in recs if r.event == "ACCUSE")
    assert [e.country for e in acc.actor] == ["JPN", "USA"]


@pytest.mark.slow
def test_a_group_needs_enough_people_before_it():
    recs = _records("The two leaders agreed to meet again. Putin met Erdogan in Sochi.")
    agree = next(r for r in recs if r.event == "AGREE")
    assert [e.name for e in agree.actor] == [None]  # kept unresolved, not filled from later sentences
    recs = _records("Putin spoke on Monday. The three leaders agreed to meet again.")
    assert all(len(r.actor) <= 1 for r in recs)


@pytest.mark.slow
def test_a_number_without_a_group_noun_is_no_group():
    recs = _records("Putin met Erdogan in Sochi on Monday. The two cities agreed to twin.")
    assert all("Vladimir Putin" not in [e.name for e in r.actor] for r in recs if r.event == "AGREE")
