"""Trigger, argument and modality rules, one family at a time (sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsevents import extract, lexicon

pytestmark = pytest.mark.slow


def mentions(nlp, text):
    return extract.extract(nlp(text))


def one(nlp, text, event):
    ms = [m for m in mentions(nlp, text) if m.entry.event == event]
    assert ms, f"no {event} in {[(m.entry.event, m.trigger.text) for m in mentions(nlp, text)]}"
    return ms[0]


def texts(spans):
    return [s.text for s in spans]


# --------------------------------------------------------------------------- lexicon file


def test_lexicon_rows_are_valid_and_indexed():
    lex = lexicon.load()
    assert len(lex.types) == 16
    assert {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    } == set(lex.types)
    for entries in lex.triggers.values():
        for e in entries:
            assert e.cameo.isdigit() and 2 <= len(e.cameo) <= 4
            assert e.mode is None or e.mode in lex.types[e.event].modes
    # most specific first: "call for a ceasefire" beats "call for"
    calls = lex.entries("call", "VERB")
    assert calls[0].specificity >= calls[-1].specificity


# --------------------------------------------------------------------------- families


@pytest.mark.parametrize(
    "text, event, actor, recipients",
    [
        (
            "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo.",
            "CONSULT",
            "Japanese Prime Minister Fumio Kishida",
            ["South Korean President Yoon Suk Yeol"],
        ),
        (
            "The Indian foreign minister held talks with his Chinese counterpart on the border dispute.",
            "CONSULT",
            "The Indian foreign minister",
            ["his Chinese counterpart"],
        ),
        (
            "Brazil's president will travel to Argentina next week.",
            "CONSULT",
            "Brazil's president",
            ["Argentina"],
        ),
        (
            "Kenya's president visited Ethiopia and Somalia.",
            "CONSULT",
            "Kenya's president",
            ["Ethiopia", "Somalia"],
        ),
        ("The European Union imposed sanctions on Belarus.", "SANCTION", "The European Union", ["Belarus"]),
        ("Police arrested the opposition leader in Dhaka.", "COERCE", "Police", ["the opposition leader"]),
        ("Turkey accused Sweden of harbouring militants.", "ACCUSE", "Turkey", ["Sweden"]),
        ("China condemned the American sanctions.", "ACCUSE", "China", ["the American sanctions"]),
        ("Russian forces attacked the port of Odesa.", "ASSAULT", "Russian forces", ["the port of Odesa"]),
        (
            "Police in Lagos detained the activist in the city centre.",
            "COERCE",
            "Police in Lagos",
            ["the activist"],
        ),
        ("The rebels released twelve hostages.", "RETREAT", "The rebels", ["twelve hostages"]),
        (
            "Germany pledged 500 million euros to the reconstruction fund.",
            "AGREE",
            "Germany",
            ["the reconstruction fund"],
        ),
        ("Qatar urged Israel and Hamas to agree to a truce.", "REQUEST", "Qatar", ["Israel", "Hamas"]),
    ],
)
def test_verbal_triggers_and_arguments(nlp, text, event, actor, recipients):
    m = one(nlp, text, event)
    assert texts(m.actors) == [actor]
    assert texts(m.recipients) == recipients


def test_coordinated_actors_stay_one_record(nlp):
    ms = mentions(nlp, "France and Germany criticised the decision of the Hungarian government.")
    acc = [m for m in ms if m.entry.event == "ACCUSE"]
    assert len(acc) == 1 and texts(acc[0].actors) == ["France", "Germany"]


def test_passive_agent_is_actor(nlp):
    m = one(nlp, "The journalist was arrested by Iranian police in Tehran.", "COERCE")
    assert texts(m.actors) == ["Iranian police in Tehran"] or texts(m.actors)[0].startswith("Iranian police")
    assert texts(m.recipients) == ["The journalist"]


def test_passive_without_agent_keeps_recipient(nlp):
    m = one(nlp, "The envoy was threatened in the capital.", "THREATEN")
    assert m.actors == [] and texts(m.recipients) == ["The envoy"]


def test_reported_speech_keeps_the_reported_actor(nlp):
    ms = mentions(nlp, "A spokesman said the president is calling for restraint by all sides.")
    req = [m for m in ms if m.entry.event == "REQUEST"]
    assert len(req) == 1 and texts(req[0].actors) == ["the president"]
    assert req[0].entry.cameo == "1056"
    assert all(m.trigger.lemma_ != "say" for m in ms)


def test_control_verb_subject(nlp):
    m = one(nlp, "The minister is scheduled to meet the Saudi crown prince on Thursday.", "CONSULT")
    assert texts(m.actors) == ["The minister"] and m.modality == "planned"


def test_relative_clause_on_an_apposition_takes_the_name(nlp):
    m = one(
        nlp,
        "Blinken also met Wang Yi, China's top diplomat, who accused the United States of errors.",
        "ACCUSE",
    )
    assert texts(m.actors) == ["Wang Yi"]


def test_relative_clause_subject(nlp):
    m = one(nlp, "Officials praised the envoy who negotiated with the rebels.", "CONSULT")
    assert texts(m.actors) == ["the envoy"]


def test_refusal_is_a_rejection_not_a_negated_meeting(nlp):
    ms = mentions(nlp, "The prime minister refused to meet the king.")
    assert [m.entry.event for m in ms] == ["REJECT"]


def test_content_of_a_threat_is_not_a_second_event(nlp):
    ms = mentions(nlp, "The general threatened to invade the province.")
    assert [m.entry.event for m in ms] == ["THREATEN"]


def test_nominal_triggers(nlp):
    m = one(nlp, "Macron's visit to Beijing angered Washington.", "CONSULT")
    assert texts(m.actors) == ["Macron"] and texts(m.recipients) == ["Beijing"] and m.nominal
    m = one(nlp, "The Russian invasion of Ukraine began in 2022.", "ASSAULT")
    assert texts(m.actors) == ["Russian"] and texts(m.recipients) == ["Ukraine"]
    assert not [m for m in mentions(nlp, "The visit was long.") if m.entry.event == "CONSULT"]


def test_light_verb_and_object_conditions(nlp):
    m = one(nlp, "The two sides signed a trade agreement in Hanoi.", "SUPPORT")
    assert m.entry.cameo == "057"
    assert not [m for m in mentions(nlp, "She signed the guest book.") if m.entry.event == "SUPPORT"]
    m = one(nlp, "The army launched an offensive against the rebels.", "ASSAULT")
    assert texts(m.recipients) == ["the rebels"]


def test_call_with_evaluation_is_an_accusation(nlp):
    m = one(nlp, "Western governments called the referendum illegal.", "ACCUSE")
    assert texts(m.actors) == ["Western governments"]
    assert not [
        m
        for m in mentions(nlp, "Western governments called the referendum a success.")
        if m.entry.event == "ACCUSE"
    ]


# --------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    "text, event, modality",
    [
        ("The prime minister met the king.", "CONSULT", "asserted"),
        ("The prime minister will meet the king.", "CONSULT", "planned"),
        ("The prime minister is set to meet the king.", "CONSULT", "planned"),
        ("The prime minister is to meet the king.", "CONSULT", "planned"),
        ("The prime minister did not meet the king.", "CONSULT", "negated"),
        ("The prime minister has not met the king.", "CONSULT", "negated"),
        ("The prime minister refused to meet the king.", "REJECT", "asserted"),
        ("The prime minister could meet the king.", "CONSULT", "hypothetical"),
        ("The prime minister would meet the king if the talks succeed.", "CONSULT", "hypothetical"),
        ("It is unclear whether the prime minister met the king.", "CONSULT", "hypothetical"),
        ("Talks with the rebels are planned.", "CONSULT", "planned"),
        ("The army never attacked the village.", "ASSAULT", "negated"),
    ],
)
def test_modality(nlp, text, event, modality):
    assert one(nlp, text, event).modality == modality


@pytest.mark.parametrize(
    "text, event, modality",
    [
        # reported "would" back-shifts "will" unless a condition or a non-specific participant makes it a rule
        ("The chancellor said she would visit Ankara in May.", "CONSULT", "planned"),
        ("The ministry announced that the envoy would travel to Cairo.", "CONSULT", "planned"),
        ("The minister said Canada would send troops if NATO asked.", "MOBILIZE", "hypothetical"),
        ("The Treasury said it would sanction any bank that helped the regime.", "SANCTION", "hypothetical"),
        ("The senator would meet the envoy only as a private citizen.", "CONSULT", "hypothetical"),
        # a conditional clause on the trigger or a governor
        ("If the ceasefire collapses, the army will attack the town.", "ASSAULT", "hypothetical"),
        ("Unless the strikes stop, Britain will impose sanctions on the regime.", "SANCTION", "hypothetical"),
        ("It is possible that the two ministers meet in Oslo.", "CONSULT", "hypothetical"),
        ("The governor is willing to meet the protest leaders.", "CONSULT", "hypothetical"),
        # a negated participant, neither/nor, phrasal negating governors
        ("The two rebel groups signed no agreement in Nairobi.", "SUPPORT", "negated"),
        ("Neither the president nor the premier attended the summit.", "CONSULT", "negated"),
        ("The minister called off her visit to Lima.", "CONSULT", "negated"),
        ("The governor denied meeting the lobbyist.", "CONSULT", "negated"),
        ("The foreign minister will not attend the summit.", "CONSULT", "negated"),
        # planned through a governor that spaCy parses as a clause ("is going to")
        ("Paris is going to send more aid to Lebanon.", "AID", "planned"),
        ("The talks with the rebels were cancelled.", "CONSULT", "negated"),
        ("The palace said the king had no plans to meet the envoy.", "CONSULT", "negated"),
        ("Canberra is weighing sanctions on the junta.", "SANCTION", "hypothetical"),
    ],
)
def test_modality_constructions(nlp, text, event, modality):
    assert one(nlp, text, event).modality == modality


def test_party_head_keeps_its_own_word_against_sense_blocks(nlp):
    # "opposition" blocks "met opposition (from X)", not "met opposition leaders"
    assert one(nlp, "The king met opposition leaders in the palace.", "CONSULT")
    assert not [
        m for m in mentions(nlp, "The plan met opposition from lawmakers.") if m.entry.event == "CONSULT"
    ]


def test_accident_in_a_time_clause_is_no_event_but_a_bomb_is(nlp):
    assert mentions(nlp, "Three people were killed when their bus hit a wall.") == []
    assert one(nlp, "Two soldiers were killed when their vehicle hit a roadside bomb.", "ASSAULT")
    assert one(nlp, "Three protesters were killed when police opened fire on the crowd.", "ASSAULT")


def test_subject_of_a_depicting_verb_is_not_the_actor_of_its_noun_object(nlp):
    assert mentions(nlp, "The novel describes the invasion of Normandy.") == []
    m = one(nlp, "Russia launched an invasion of Ukraine.", "ASSAULT")
    assert texts(m.actors) == ["Russia"]


def test_no_event_in_neutral_sentences(nlp):
    for text in [
        "The weather in Geneva was mild on Tuesday.",
        "Shares of the carmaker rose 3 percent.",
        "The museum opened a new wing for modern art.",
    ]:
        assert mentions(nlp, text) == [], text


@pytest.mark.parametrize(
    "text, actor, recipients",
    [
        ("Britain said Russia must withdraw its troops from Crimea.", "Britain", ["Russia"]),
        (
            "The foreign minister told reporters that Iran should stop enriching uranium.",
            "The foreign minister",
            ["Iran"],
        ),
        ("Brazil insisted that the two sides need to return to talks.", "Brazil", ["the two sides"]),
    ],
)
def test_reported_demand_is_a_request_to_the_clause_subject(nlp, text, actor, recipients):
    ms = mentions(nlp, text)
    assert [m.entry.event for m in ms] == ["REQUEST"], [(m.entry.event, m.trigger.text) for m in ms]
    assert texts(ms[0].actors) == [actor] and texts(ms[0].recipients) == recipients


def test_plain_report_is_not_a_demand(nlp):
    assert mentions(nlp, "The minister said the economy will grow next year.") == []


def test_time_phrases_do_not_block_a_sense(nlp):
    # "the end" in a time phrase is not the object that blocks "meet" ("met their end")
    m = one(
        nlp, "The Kenyan president meets his Ugandan counterpart in Kampala at the end of May.", "CONSULT"
    )
    assert m.trigger.text == "meets"
    assert not [
        x for x in mentions(nlp, "The rebels met their end in the valley.") if x.entry.event == "CONSULT"
    ]


def test_possessive_pronoun_of_an_object_noun_is_the_verb_subject(nlp):
    m = one(nlp, "The Chilean union repeated its demand for higher wages.", "REQUEST")
    assert texts(m.actors) == ["The Chilean union"]


def test_that_clause_hung_on_the_light_verb_is_the_nouns_content(nlp):
    # the parser attaches "that Peru lift ..." to "renewed", not to "demand": the lifting is what is demanded
    ms = mentions(nlp, "Bolivia renewed its demand that Peru lift restrictions on Bolivian trucks.")
    assert [m.entry.event for m in ms] == ["REQUEST"], [(m.entry.event, m.trigger.text) for m in ms]


def test_prepared_to_is_hypothetical(nlp):
    m = one(nlp, "The government said it is prepared to impose a curfew in the capital.", "COERCE")
    assert m.modality == "hypothetical"
    # the verb "prepare" is a plan, not a condition
    m = one(nlp, "The army prepared to resume shelling the rebel positions.", "ASSAULT")
    assert m.modality == "planned"
    m = one(nlp, "The group has trained fighters capable of launching cyber attacks against banks.", "COERCE")
    assert m.modality == "hypothetical"


def test_agentless_passive_of_a_preposition_row_keeps_its_subject_as_recipient(nlp):
    m = one(nlp, "A Spanish journalist has been put under investigation in Turkey.", "ACCUSE")
    assert texts(m.recipients) == ["A Spanish journalist"]


def test_recipient_from_the_rows_own_preposition_object_and_from_a_possessor(nlp):
    m = one(nlp, "The archbishop called for sanctions against Zimbabwe.", "ACCUSE")
    assert texts(m.recipients) == ["Zimbabwe"]
    m = one(nlp, "Ramallah dismissed Israel's proposal on Monday.", "REJECT")
    assert texts(m.recipients) == ["Israel"]


def test_protest_with_a_content_clause_is_a_complaint_about_its_subject(nlp):
    m = one(
        nlp,
        "Serbian police are harassing Roma families, an Amnesty researcher protested on Friday.",
        "ACCUSE",
    )
    assert texts(m.recipients) == ["Serbian police"]
    # without a clause it stays a demonstration
    one(nlp, "Thousands of students protested in Belgrade on Sunday.", "PROTEST")
    assert lexicon.load().entries("protest", "VERB")[0].complement == lexicon.ANY_CLAUSE
    # "protested" reported by "said" is a demonstration, not a complaint about the speaker
    assert not [
        m
        for m in mentions(nlp, "The mayor said thousands protested outside the hall.")
        if m.entry.event == "ACCUSE"
    ]


@pytest.mark.slow
def test_an_interval_edge_does_not_date_the_event(nlp):
    import datetime as _dt

    from newsevents import pipeline

    pub = _dt.date(2018, 9, 12)
    text = (
        "The rebels must withdraw their fighters from the town by Friday, the UN envoy demanded on Tuesday."
    )
    art = pipeline.article_from_text(text, id="edge", published=pub)
    recs = pipeline.analyse(art, nlp(text), pub)
    demand = [r for r in recs if r.event == "REQUEST"]
    assert demand and demand[0].date == "2018-09-11" and demand[0].date_text == "Tuesday"
    assert all(r.date_text != "Friday" for r in recs)


@pytest.mark.slow
def test_relative_clause_and_participle_events_are_background(nlp):
    ms = mentions(nlp, "The court refused the request of the minister, who warned the judges.")
    by_event = {m.entry.event: m for m in ms}
    assert by_event["THREATEN"].background
    assert not by_event["REJECT"].background


@pytest.mark.slow
def test_channel_verb_is_background_to_its_purpose(nlp):
    ms = mentions(nlp, "The president called the prime minister to congratulate him on his victory.")
    by_event = {m.entry.event: m for m in ms}
    assert by_event["CONSULT"].background
    assert not by_event["SUPPORT"].background
    # without a purpose clause holding a trigger the call is the event
    ms = mentions(nlp, "The president telephoned Chancellor Scholz on Monday.")
    assert [m.background for m in ms if m.entry.event == "CONSULT"] == [False]


@pytest.mark.slow
def test_coordinated_active_verb_does_not_share_the_passive(nlp):
    m = one(nlp, "The mayor has been indicted by a federal court and will resign.", "RETREAT")
    assert texts(m.actors) == ["The mayor"]


@pytest.mark.slow
def test_unresolved_actor_candidates(nlp):
    doc = nlp("They said the Wakanda Liberation Front and a new position hit it.")
    they, wlf, position, it = doc[0:1], doc[3:7], doc[8:11], doc[12:13]
    assert extract.may_be_unresolved_actor(they)
    assert extract.may_be_unresolved_actor(wlf)
    assert not extract.may_be_unresolved_actor(position)
    assert not extract.may_be_unresolved_actor(it)


@pytest.mark.slow
def test_conjunct_of_an_agreements_content_is_content(nlp):
    ms = mentions(nlp, "The president agreed to lift the sanctions and provide security guarantees.")
    assert [m.entry.event for m in ms] == ["AGREE"]


@pytest.mark.slow
def test_trailing_participle_is_background(nlp):
    ms = mentions(nlp, "A farmer started a hunger strike, protesting the new land law.")
    fore = [m for m in ms if not m.background]
    assert [m.entry.event for m in fore] == ["PROTEST"]
    assert any(m.background for m in ms)


@pytest.mark.slow
def test_conditional_clause_event_is_background(nlp):
    ms = mentions(nlp, "Turkey threatened to open its borders unless the EU provided more aid to refugees.")
    aid = [m for m in ms if m.entry.event == "AID"]
    assert aid and all(m.background for m in aid)


@pytest.mark.slow
def test_open_complement_inside_a_modifier_is_background(nlp):
    ms = mentions(nlp, "Ban, who is scheduled to meet Putin on Thursday, arrived in Moscow.")
    meet = [m for m in ms if m.trigger.lower_ == "meet"]
    arrived = [m for m in ms if m.trigger.lower_ == "arrived"]
    assert meet and meet[0].background
    assert arrived and not arrived[0].background
