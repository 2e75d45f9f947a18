"""Actors the sentence does not spell out: the unnamed perpetrator of an agentless attack or arrest
(data/events/unnamed_actors.tsv), the country of a domestic actor from the institutions it acts on
(data/kb/sectors.tsv), "it" for the speaker, bodies named after a word read as a person's name, and the subject of a
sentence the parser gave no verb root. Invented sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents import link
from newsevents.kb import sector_roles
from newsevents.lexicon import load as load_lexicon
from newsevents.model import Entity
from newsevents.pipeline import analyse_texts

DAY = dt.date(2005, 6, 1)


def _records(text: str, event: str | None = None):
    recs = analyse_texts([text], published=DAY)[0]
    return [r for r in recs if event is None or r.event == event]


# --------------------------------------------------------------------------- unnamed perpetrators


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event, country, sector",
    [
        ("A local reporter was killed in a car bomb explosion in eastern Beirut.", "ASSAULT", "LBN", "UAF"),
        (
            "Three soldiers were killed by a roadside bomb outside the Iraqi city of Basra.",
            "ASSAULT",
            "IRQ",
            "UAF",
        ),
        ("A mine blast near the town of Samarra killed two youths on Sunday.", "ASSAULT", "IRQ", "UAF"),
        ("Two British tourists were arrested in Kenya on Friday.", "COERCE", "KEN", "GOV"),
    ],
)
def test_agentless_attack_or_arrest_gets_an_unnamed_actor_of_the_place(text, event, country, sector):
    (r,) = _records(text, event)
    (a,) = r.actor
    assert a.implicit and a.country == country and a.sector == sector and a.name is None
    assert a.start is None  # not in the text
    assert r.recipient and not r.recipient[0].implicit


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event",
    [
        ("Rebels killed three soldiers in Goma on Monday.", "ASSAULT"),  # a named perpetrator
        ("Two journalists were detained by police in Cairo.", "COERCE"),  # the agent is named
        ("The opposition newspaper was banned in Egypt last week.", "COERCE"),  # a ban is not an arrest
    ],
)
def test_no_unnamed_actor_where_one_is_named_or_the_act_is_not_listed(text, event):
    for r in _records(text, event):
        assert not any(a.implicit for a in r.actor), r.actor


@pytest.mark.slow
def test_no_unnamed_actor_without_a_place_in_the_sentence():
    for r in _records("A local reporter was shot dead on Tuesday."):
        assert not any(a.implicit for a in r.actor)


def test_an_unnamed_actor_never_links_reports():
    assert not link._identifies(
        Entity(text="unidentified attackers", kind="agent", country="IRQ", implicit=True)
    )
    assert link._identifies(Entity(text="Iraqi gunmen", kind="agent", country="IRQ"))


def test_unnamed_actor_rows_name_known_types_and_modes():
    lex = load_lexicon()
    assert set(lex.unnamed_actors) == {"ASSAULT", "COERCE"}
    for rows in lex.unnamed_actors.values():
        for u in rows:
            assert u.modes <= set(lex.types[u.event].modes) and u.sector


# --------------------------------------------------------------------------- domestic actors


def test_sector_roles():
    roles = sector_roles()
    assert {"JUD", "COP", "REB", "OPP", "PTY"} <= roles.domestic
    assert "MIL" not in roles.domestic and "GOV" not in roles.domestic  # troops and governments act abroad
    assert {"GOV", "JUD", "COP"} <= roles.state_body
    assert "CVL" not in roles.state_body and "MIL" not in roles.state_body


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event, country",
    [
        (
            "Judge Alejandro Rivera opened fraud investigations against 28 Chilean government officials.",
            "ACCUSE",
            "CHL",
        ),
        ("Rebels demanded that the Ugandan government release their leader.", "REQUEST", "UGA"),
        ("The opposition accused the Kenyan government of rigging the vote.", "ACCUSE", "KEN"),
    ],
)
def test_a_domestic_actor_takes_the_country_of_the_institution_it_acts_on(text, event, country):
    recs = _records(text, event)
    assert recs and recs[0].actor[0].country == country, [(r.event, r.actor) for r in recs]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Police arrested two British tourists on Friday.",  # tourists are no state body
        "Troops attacked Ugandan army positions near the border on Monday.",  # armed forces act abroad too
        "Rebels attacked US troops near the border on Monday.",  # troops are no state body of where they are
        "The opposition met the French president on Monday.",  # cooperation: parties meet foreign leaders
        "A judge praised the British ambassador on Monday.",
    ],
)
def test_no_country_from_a_target_that_is_no_state_body_or_for_armed_forces(text):
    recs = _records(text)
    assert recs and recs[0].actor[0].country is None, [(r.event, r.actor) for r in recs]


# --------------------------------------------------------------------------- pronouns, names, misparses


@pytest.mark.slow
def test_it_is_the_speaker_when_no_earlier_subject_has_a_country():
    (r,) = _records(
        "The Umma party has said it will boycott Algeria's first multi-party elections.", "PROTEST"
    )
    (a,) = r.actor
    assert a.text == "it" and a.sector == "PTY" and a.country == "DZA"


@pytest.mark.slow
def test_a_party_named_after_a_word_read_as_a_name_is_a_party():
    (r,) = _records("The fundamentalist Umma (Nation) party condemned the Algerian government.", "ACCUSE")
    assert r.actor[0].kind != "person" and r.actor[0].sector == "PTY"


@pytest.mark.slow
def test_subject_of_a_sentence_parsed_without_a_verb_root():
    recs = _records(
        "Doctors from two American aid groups donated and personally delivered $50,000 worth of medicine "
        "to a children's hospital in Baghdad.",
        "AID",
    )
    assert [r.trigger.text.split()[0] for r in recs] == ["donated", "delivered"]
    for r in recs:
        assert r.actor[0].text == "Doctors from two American aid groups" and r.actor[0].country == "USA"


@pytest.mark.slow
def test_a_subjects_from_phrase_says_who_they_are():
    (r,) = _records("Officials from Kenya met Somali leaders in Nairobi.", "CONSULT")
    assert r.actor[0].country == "KEN"


@pytest.mark.slow
def test_annotate_lists_no_implicit_actor():
    from newsevents import nlp
    from newsevents.annotate import annotate
    from newsevents.pipeline import article_from_text

    text = "A local reporter was killed in a car bomb explosion in eastern Beirut."
    ann = annotate(article_from_text(text, published=DAY), nlp.load()(text))
    assert ann.actors and all(a.start is not None for a in ann.actors)
    assert "unidentified attackers" not in [a.text for a in ann.actors]
