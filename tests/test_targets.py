"""Recipients PLOVER codes as targets when the sentence names none: the party or place the event is done to."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents import link
from newsevents.pipeline import analyse_texts

DAY = dt.date(2019, 5, 6)


def _primary(text: str):
    recs = analyse_texts([text], published=DAY)[0]
    assert recs, text
    return max(recs, key=lambda r: r.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, country, kind",
    [
        # a thing of a named nation: what is done to it is done to them
        ("Switzerland expelled two Russian diplomats for spying.", "RUS", "agent"),
        ("Army bulldozers of the Ruritanian army demolished Palestinian homes on Sunday.", "PSE", "group"),
        # a place below the trigger
        (
            "Sudan's government lifted the state of emergency imposed in Khartoum last year.",
            "SDN",
            "location",
        ),
        ("The government eased emergency measures in Montenegro on Wednesday.", "MNE", "location"),
        # the thing acted on, through an open complement
        ("Israel will evacuate all settlements in the Gaza Strip next month.", "PSE", "location"),
        # a clause on a noun is its complement
        (
            "The United Nations rejected a call for its forces to be deployed in East Timor.",
            "TLS",
            "location",
        ),
    ],
)
def test_affected_party_or_place_is_the_recipient(text, country, kind):
    r = _primary(text)
    assert r.recipient, text
    got = r.recipient[0]
    assert (got.country, got.kind) == (country, kind), (text, got)
    assert got.affected
    # the offsets still point at the words
    assert text[got.start : got.end] == got.text


@pytest.mark.slow
def test_named_recipient_is_kept_and_not_marked():
    r = _primary("Germany accused Russia of spying on its ministries.")
    assert r.recipient and r.recipient[0].country == "RUS" and not r.recipient[0].affected


@pytest.mark.slow
def test_venue_of_a_verbal_act_is_not_its_target():
    r = _primary("Iran and six world powers reached an agreement in Vienna on Tuesday.")
    assert not r.recipient and r.location is not None and r.location.country == "AUT"


@pytest.mark.slow
def test_circumstances_are_not_targets():
    # "despite Israel's wish": a concession, not what the Council agreed to
    r = _primary(
        "The Security Council agreed to extend the mission despite Israel's wish for a shorter period."
    )
    assert all(e.country != "ISR" for e in r.recipient)
    # an adverbial clause on the verb tells what else happened, not whom the measure is aimed at
    r = _primary(
        "Serbia eased emergency measures on Wednesday as authorities in Croatia cracked down on protests."
    )
    assert all(e.country != "HRV" for e in r.recipient)


@pytest.mark.slow
def test_affected_recipient_does_not_identify_the_event():
    text = "Russia on Saturday vetoed a resolution on Crimea. Russia's veto was the only no vote."
    recs = [r for r in analyse_texts([text], published=DAY)[0] if r.event == "REJECT"]
    assert len(recs) == 2
    verbal = next(r for r in recs if r.trigger.text == "vetoed")
    assert any(e.affected for e in verbal.recipient)
    assert link.participant_keys(verbal)[1] == frozenset()
    assert len({r.event_id for r in recs}) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, country, word",
    [
        ("Algerian landowners began a hunger strike outside Parliament.", "DZA", "Algerian"),
        ("Nicaragua's government imposed a curfew on Monday.", "NIC", "Nicaragua"),
        (
            "The Ivory Coast's Supreme Court decided to allow the candidate to participate.",
            "CIV",
            "Ivory Coast",
        ),
    ],
)
def test_domestic_acts_target_the_actors_own_country(text, country, word):
    r = _primary(text)
    got = r.recipient[0]
    assert (got.country, got.text, got.affected) == (country, word, True)
    assert text[got.start : got.end] == word


@pytest.mark.slow
def test_acts_with_outside_targets_get_no_home_recipient():
    # an accusation is not aimed at the accuser's own country by default
    r = _primary("Algerian officials criticised the decision on Monday.")
    assert all(e.country != "DZA" for e in r.recipient)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, country",
    [
        # a demand that names who is to act is addressed to them, not to the content's own object
        (
            "The labour office reiterated its demand that Israel ease restrictions on Palestinian workers.",
            "ISR",
        ),
        # a withdrawal demanded "of X from Y" is demanded of X
        ("The ministers demanded the withdrawal of Serbian forces from Bosnia on Monday.", "SRB"),
        ("The council called for the withdrawal of Russian troops from Moldova.", "RUS"),
        # a threat's content without a subject of its own still gives its object
        ("Biden threatened to reimpose sanctions on Myanmar.", "MMR"),
    ],
)
def test_who_a_demand_is_addressed_to(text, country):
    r = _primary(text)
    assert r.recipient and r.recipient[0].country == country and not r.recipient[0].affected, (
        text,
        r.recipient,
    )


@pytest.mark.slow
def test_venues_and_descriptions_are_not_targets():
    # "at a ceremony in the Kremlin" is where the signing happened
    r = _primary("The president signed the treaty at a ceremony in the Kremlin on Friday.")
    assert all("Kremlin" not in e.text for e in r.recipient)
    # a participle under a statement describes another event ("reached in Bali")
    r = _primary(
        "China and the United States agreed to follow through on the understandings reached in Bali."
    )
    assert all("Bali" not in e.text for e in r.recipient)


@pytest.mark.slow
def test_territory_taken_is_not_the_home_country():
    recs = analyse_texts(["Russian troops seized the four regions on Friday."], published=DAY)[0]
    assert recs and all(e.country != "RUS" for r in recs for e in r.recipient)


def test_pentaclasses_follow_the_plover_table():
    from newsevents.lexicon import load

    types = load().types
    material_conflict = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert {t for t, v in types.items() if v.penta == 4} == material_conflict
    assert {t for t, v in types.items() if v.penta == 3} == {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}


@pytest.mark.slow
def test_unnamed_agents_take_the_country_of_a_place_in_their_phrase():
    # the NER calls Sindh a nationality; the gazetteer knows it as a province of Pakistan
    r = _primary("The government of Sindh province ordered patrols by police on Monday.")
    assert r.actor[0].country == "PAK"
    # a demonym inside the phrase is not such a place: ethnic Albanians in Macedonia are not Albania's
    recs = analyse_texts(
        ["Ethnic Albanian guerrillas operating in Macedonia were demobilized."], published=DAY
    )[0]
    assert all(e.country != "ALB" for r in recs for e in r.actor + r.recipient)
