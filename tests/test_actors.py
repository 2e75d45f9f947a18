"""Actor resolution: phrases -> entities, with offices on dates, chains and pronouns."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from newsevents.actors import ActorResolver, ArticleContext

D = dt.date


@pytest.fixture(scope="module")
def r() -> ActorResolver:
    return ActorResolver()


# phrase, date -> (name, country, sector, office)
CASES = [
    (
        "Russian President Vladimir Putin",
        D(2014, 3, 1),
        ("Vladimir Putin", "RUS", "GOV", "President of Russia"),
    ),
    ("Vladimir Putin", D(2009, 1, 1), ("Vladimir Putin", "RUS", "GOV", "Prime Minister of Russia")),
    (
        "Foreign Minister Sergey Lavrov",
        D(2014, 3, 1),
        ("Sergey Lavrov", "RUS", "GOV", "Minister of Foreign Affairs of Russia"),
    ),
    (
        "Sergei Lavrov",
        D(2022, 3, 1),
        ("Sergey Lavrov", "RUS", "GOV", "Minister of Foreign Affairs of Russia"),
    ),
    (
        "acting President Oleksandr Turchynov",
        D(2014, 3, 1),
        ("Oleksandr Turchynov", "UKR", "GOV", "President of Ukraine"),
    ),
    (
        "UN Secretary-General Ban Ki-moon",
        D(2014, 3, 1),
        ("Ban Ki-moon", "UNO", "IGO", "Secretary-General of the United Nations"),
    ),
    ("Ban ki-moon", D(2010, 5, 5), ("Ban Ki-moon", "UNO", "IGO", "Secretary-General of the United Nations")),
    (
        "the UN chief",
        D(2022, 1, 1),
        ("António Guterres", "UNO", "IGO", "Secretary-General of the United Nations"),
    ),
    ("the UN chief", D(2003, 1, 1), ("Kofi Annan", "UNO", "IGO", "Secretary-General of the United Nations")),
    ("the UN chief", D(2012, 1, 1), ("Ban Ki-moon", "UNO", "IGO", "Secretary-General of the United Nations")),
    ("Russia's president", D(2014, 3, 1), ("Vladimir Putin", "RUS", "GOV", "President of Russia")),
    ("the Russian president", D(2010, 1, 1), ("Dmitry Medvedev", "RUS", "GOV", "President of Russia")),
    (
        "Ukraine's foreign minister",
        D(2015, 1, 1),
        ("Pavlo Klimkin", "UKR", "GOV", "Minister of Foreign Affairs of Ukraine"),
    ),
    (
        "the Ukrainian foreign minister",
        D(2021, 6, 1),
        ("Dmytro Kuleba", "UKR", "GOV", "Minister of Foreign Affairs of Ukraine"),
    ),
    (
        "Ukraine's prime minister",
        D(2014, 4, 1),
        ("Arseniy Yatsenyuk", "UKR", "GOV", "Prime Minister of Ukraine"),
    ),
    ("the Ukrainian president", D(2016, 1, 1), ("Petro Poroshenko", "UKR", "GOV", "President of Ukraine")),
    ("the Ukrainian president", D(2022, 3, 1), ("Volodymyr Zelenskyy", "UKR", "GOV", "President of Ukraine")),
    ("the U.S. president", D(2016, 1, 1), ("Barack Obama", "USA", "GOV", "President of the United States")),
    ("the U.S. president", D(2019, 1, 1), ("Donald Trump", "USA", "GOV", "President of the United States")),
    (
        "US Secretary of State",
        D(2014, 3, 1),
        ("John Kerry", "USA", "GOV", "United States Secretary of State"),
    ),
    (
        "the Secretary of State",
        D(2006, 1, 1),
        ("Condoleezza Rice", "USA", "GOV", "United States Secretary of State"),
    ),
    (
        "British Prime Minister",
        D(2008, 1, 1),
        ("Gordon Brown", "GBR", "GOV", "Prime Minister of the United Kingdom"),
    ),
    (
        "Britain's prime minister",
        D(2020, 1, 1),
        ("Boris Johnson", "GBR", "GOV", "Prime Minister of the United Kingdom"),
    ),
    (
        "the British foreign secretary",
        D(2012, 1, 1),
        (
            "William Hague",
            "GBR",
            "GOV",
            "Secretary of State for Foreign, Commonwealth and Development Affairs",
        ),
    ),
    ("French President", D(2010, 1, 1), ("Nicolas Sarkozy", "FRA", "GOV", "President of France")),
    (
        "the French foreign minister",
        D(2013, 1, 1),
        ("Laurent Fabius", "FRA", "GOV", "Minister for Europe and Foreign Affairs"),
    ),
    ("the German chancellor", D(2003, 1, 1), ("Gerhard Schröder", "DEU", "GOV", "Chancellor of Germany")),
    (
        "German Chancellor Angela Merkel",
        D(2014, 3, 1),
        ("Angela Merkel", "DEU", "GOV", "Chancellor of Germany"),
    ),
    (
        "the German foreign minister",
        D(2019, 1, 1),
        ("Heiko Maas", "DEU", "GOV", "Federal Minister for Foreign Affairs"),
    ),
    ("Chinese President", D(2008, 1, 1), ("Hu Jintao", "CHN", "GOV", "President of China")),
    (
        "China's foreign minister",
        D(2010, 1, 1),
        ("Yang Jiechi", "CHN", "GOV", "Minister of Foreign Affairs of China"),
    ),
    (
        "the Japanese prime minister",
        D(2005, 1, 1),
        ("Junichiro Koizumi", "JPN", "GOV", "Prime Minister of Japan"),
    ),
    ("India's prime minister", D(2015, 1, 1), ("Narendra Modi", "IND", "GOV", "Prime Minister of India")),
    (
        "the Indian external affairs minister",
        D(2016, 1, 1),
        ("Sushma Swaraj", "IND", "GOV", "Minister of External Affairs of India"),
    ),
    ("Brazil's president", D(2020, 1, 1), ("Jair Bolsonaro", "BRA", "GOV", "President of Brazil")),
    (
        "the Turkish prime minister",
        D(2010, 1, 1),
        ("Recep Tayyip Erdoğan", "TUR", "GOV", "Prime Minister of Turkey"),
    ),
    ("the Turkish president", D(2016, 1, 1), ("Recep Tayyip Erdoğan", "TUR", "GOV", "President of Turkey")),
    ("Saudi King", D(2010, 1, 1), ("Abdullah bin Abdulaziz", "SAU", "GOV", "King of Saudi Arabia")),
    (
        "the Mexican president",
        D(2020, 1, 1),
        ("Andrés Manuel López Obrador", "MEX", "GOV", "President of Mexico"),
    ),
    (
        "the Canadian prime minister",
        D(2010, 1, 1),
        ("Stephen Harper", "CAN", "GOV", "Prime Minister of Canada"),
    ),
    (
        "Australia's prime minister",
        D(2019, 1, 1),
        ("Scott Morrison", "AUS", "GOV", "Prime Minister of Australia"),
    ),
    ("the Italian prime minister", D(2012, 1, 1), ("Mario Monti", "ITA", "GOV", "Prime Minister of Italy")),
    ("South Africa's president", D(2012, 1, 1), ("Jacob Zuma", "ZAF", "GOV", "President of South Africa")),
    ("the Indonesian president", D(2016, 1, 1), ("Joko Widodo", "IDN", "GOV", "President of Indonesia")),
    ("Argentina's president", D(2017, 1, 1), ("Mauricio Macri", "ARG", "GOV", "President of Argentina")),
    ("South Korean President", D(2015, 1, 1), ("Park Geun-hye", "KOR", "GOV", "President of South Korea")),
    (
        "EU foreign policy chief",
        D(2012, 1, 1),
        (
            "Catherine Ashton",
            "EUR",
            "GOV",
            "High Representative of the Union for Foreign Affairs and Security Policy",
        ),
    ),
    (
        "European Commission President",
        D(2016, 1, 1),
        ("Jean-Claude Juncker", "EUR", "GOV", "President of the European Commission"),
    ),
]


@pytest.mark.parametrize("phrase,date,expect", CASES)
def test_resolve_on_date(r, phrase, date, expect):
    e = r.resolve(None, phrase, date)
    assert e is not None
    assert (e.name, e.country, e.sector, e.office) == expect
    assert e.kind == "person"
    assert (e.start, e.end) == (0, len(phrase))


@pytest.mark.parametrize(
    "phrase,kind,country,sector",
    [
        ("Russia", "country", "RUS", None),
        ("Moscow", "country", "RUS", "GOV"),
        ("Kiev", "country", "UKR", "GOV"),
        ("Washington", "country", "USA", "GOV"),
        ("the UN Security Council", "organization", "UNO", "IGO"),
        ("NATO", "organization", "NAT", "MIL"),
        ("Russian troops", "agent", "RUS", "MIL"),
        ("police in Kyiv", "agent", "UKR", "COP"),
        ("Ukrainian soldiers", "agent", "UKR", "MIL"),
        ("pro-Russian separatists", "agent", None, "REB"),  # "pro-X" names no nationality
        ("Western and U.S. officials", "agent", "USA", "GOV"),
        ("Russia's ambassador to the UN", "agent", "RUS", "GOV"),
        ("Russia’s ambassador to Poland", "agent", "RUS", "GOV"),
        ("a former White House official", "agent", "USA", "ELI"),
        ("Chile's Defense Ministry", "agent", "CHL", "GOV"),
        ("the Pentagon", "organization", "USA", "GOV"),
        ("Hezbollah", "organization", "LBN", "REB"),
        ("Palestinians", "group", "PSE", None),
    ],
)
def test_non_person_actors(r, phrase, kind, country, sector):
    e = r.resolve(None, phrase, D(2014, 3, 1))
    assert (e.kind, e.country, e.sector) == (kind, country, sector)


@pytest.mark.parametrize("phrase", ["a demand", "coronavirus", "aljsndgojnown", "he", "was, participates"])
def test_not_actors(r, phrase):
    assert r.resolve(None, phrase, D(2020, 1, 1)) is None


def test_unknown_person_takes_country_from_title(r):
    e = r.resolve(None, "Russia's ambassador to the UN Vitaly Churkin", D(2014, 3, 1))
    assert e is not None and (e.country, e.sector) in {("RUS", "GOV")}


def test_former(r):
    e = r.resolve(None, "former President Viktor Yanukovych", D(2014, 3, 1))
    assert (e.name, e.former, e.sector, e.office) == ("Viktor Yanukovych", True, "ELI", None)
    e = r.resolve(None, "President Viktor Yanukovych", D(2014, 3, 1))
    assert e.former is True  # no longer held the office named on that date
    e = r.resolve(None, "Angela Merkel", D(2022, 1, 10))
    assert (e.sector, e.office, e.country) == ("ELI", None, "DEU")


def test_former_title_only(r):
    e = r.resolve(None, "a former Ukrainian prime minister", D(2014, 3, 1))
    assert (e.kind, e.country, e.sector, e.former, e.name) == ("office", "UKR", "ELI", True, None)


def test_role_without_holder_gives_office(r):
    e = r.resolve(None, "Somalia's prime minister", D(2024, 1, 1))
    assert (e.kind, e.country, e.sector, e.name) == ("office", "SOM", "GOV", None)


def test_bare_surname_inside_unknown_name_is_not_guessed(r):
    assert r.resolve(None, "Adam Curtis Brown", D(2020, 1, 1)) is None


@pytest.mark.slow
def test_span_offsets_come_from_the_doc(nlp, r):
    doc = nlp("Yesterday Russian President Vladimir Putin met Ban Ki-moon in Moscow.")
    span = doc[1:5]
    e = r.resolve(None, span, D(2014, 3, 1))
    assert (e.start, e.end) == (span.start_char, span.end_char)
    assert doc.text[e.start : e.end] == "Russian President Vladimir Putin"


@pytest.mark.slow
def test_article_chains_and_pronouns(nlp, r):
    text = (
        "UN Secretary-General Ban Ki-moon arrived in Kiev on Monday. Ban met Ukraine's acting president. "
        "Russia's ambassador to the UN Vitaly Churkin criticised the visit. Churkin said he would object."
    )
    doc = nlp(text)
    date = D(2014, 3, 3)
    ctx = r.article_context(doc, date)
    assert isinstance(ctx, ArticleContext)

    def span_of(word: str, nth: int = 0):
        m = list(re.finditer(rf"\b{re.escape(word)}\b", text))[nth]
        return doc.char_span(m.start(), m.end())

    ban = r.resolve(ctx, span_of("Ban", 1), date)
    assert (ban.name, ban.country, ban.office) == (
        "Ban Ki-moon",
        "UNO",
        "Secretary-General of the United Nations",
    )
    acting = r.resolve(ctx, span_of("Ukraine's acting president"), date)
    assert acting.name == "Oleksandr Turchynov"
    churkin = r.resolve(ctx, span_of("Churkin", 1), date)
    assert (churkin.country, churkin.sector) == ("RUS", "GOV")
    he = r.resolve(ctx, span_of("he"), date)
    assert he.name == churkin.name and he.start == text.index(" he ") + 1 and he.text == "he"
