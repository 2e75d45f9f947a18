"""Knowledge base part "mideast_africa": heads of state and government and foreign ministers of the Middle East,
South Asia and Africa from 1990, spot-checked through the public lookups."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from newsevents.kb import KnowledgeBase

D = dt.date
PART = "mideast_africa"
KB_DIR = Path(str(resources.files("newsevents") / "data" / "kb"))


def _rows(stem: str) -> list[dict[str, str]]:
    with (KB_DIR / f"{stem}.{PART}.tsv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def test_part_files_load_into_the_default_kb(kb):
    for r in _rows("offices"):
        assert r["office_id"] in kb.offices
    for r in _rows("people"):
        assert r["person_id"] in kb.people
    assert len(_rows("terms")) > 100


def test_rows_have_every_column():
    for stem, width in (("offices", 8), ("people", 7), ("terms", 6)):
        for r in _rows(stem):
            assert len(r) == width and None not in r.values(), (stem, r)


def test_terms_reference_known_people_and_offices(kb):
    for r in _rows("terms"):
        assert r["person_id"] in kb.people, r
        assert r["office_id"] in kb.offices, r
        start = D.fromisoformat(r["start"])
        assert start <= kb.verified_through, r
        if r["end"]:
            assert start <= D.fromisoformat(r["end"]), r
        assert r["acting"] in ("yes", "no"), r


def test_every_person_of_the_part_holds_a_term(kb):
    for r in _rows("people"):
        assert kb.terms_of(r["person_id"]), r["person_id"]


def test_offices_are_national_and_of_a_known_country(kb):
    for r in _rows("offices"):
        assert r["country"] in kb.countries, r
        assert r["single"] == "yes", r


def test_no_overlapping_full_terms_in_single_offices(kb):
    """Non-acting holders of one office share at most the handover day (or a suspension noted in the data);
    checked over every office the part gives terms for, including terms of other parts."""
    offices = {r["office_id"] for r in _rows("terms")}
    for oid in offices:
        if not kb.offices[oid].single:
            continue
        terms = [t for t in kb.terms_for(oid) if not t.acting]
        for a, b in zip(terms, terms[1:], strict=False):
            if a.person_id == b.person_id:
                assert a.end is not None and b.start >= a.end, (oid, a, b)
                continue
            assert a.end is not None, (oid, a)
            assert b.start >= a.end or "suspended" in a.note, (oid, a, b)


def test_at_most_one_open_term_per_office(kb):
    for oid in {r["office_id"] for r in _rows("terms")}:
        open_full = [t for t in kb.terms_for(oid) if t.end is None and not t.acting]
        assert len(open_full) <= 1, (oid, open_full)


@pytest.mark.parametrize(
    "office,date,person",
    [
        # Israel
        ("ISR_PM", D(1990, 6, 1), "yitzhak_shamir"),
        ("ISR_PM", D(1995, 11, 4), "shimon_peres"),  # Rabin assassinated: Peres acting that day
        ("ISR_PM", D(2006, 2, 1), "ehud_olmert"),  # Sharon incapacitated
        ("ISR_PM", D(2022, 8, 1), "yair_lapid"),
        ("ISR_PM", D(2023, 10, 7), "benjamin_netanyahu"),
        ("ISR_PRES", D(2007, 3, 1), "dalia_itzik"),  # acting during Katsav's leave
        ("ISR_PRES", D(2021, 7, 7), "isaac_herzog"),  # handover day: the newcomer wins
        ("ISR_FM", D(1993, 9, 13), "shimon_peres"),
        ("ISR_FM", D(2024, 11, 8), "gideon_saar"),
        # Iran
        ("IRN_SUPREME_LEADER", D(1995, 1, 1), "ali_khamenei"),
        ("IRN_PRES", D(1992, 5, 1), "akbar_hashemi_rafsanjani"),
        ("IRN_PRES", D(2013, 8, 3), "hassan_rouhani"),
        ("IRN_PRES", D(2024, 6, 15), "mohammad_mokhber"),
        ("IRN_FM", D(1990, 1, 1), "ali_akbar_velayati"),
        ("IRN_FM", D(2015, 7, 14), "mohammad_javad_zarif"),
        # Pakistan
        ("PAK_PRES", D(1999, 10, 12), "muhammad_rafiq_tarar"),
        ("PAK_PRES", D(2005, 1, 1), "pervez_musharraf"),
        ("PAK_PM", D(1990, 9, 1), "ghulam_mustafa_jatoi"),
        ("PAK_PM", D(2018, 8, 18), "imran_khan"),
        ("PAK_PM", D(2025, 5, 10), "shehbaz_sharif"),
        ("PAK_FM", D(2022, 6, 1), "bilawal_bhutto_zardari"),
        ("PAK_FM", D(2012, 1, 1), "hina_rabbani_khar"),
        # Egypt
        ("EGY_PRES", D(1995, 6, 26), "hosni_mubarak"),
        ("EGY_PRES", D(2013, 7, 4), "adly_mansour"),
        ("EGY_PRES", D(2020, 1, 1), "abdel_fattah_el_sisi"),
        ("EGY_FM", D(2024, 7, 3), "badr_abdelatty"),
        ("EGY_FM", D(2008, 1, 1), "ahmed_aboul_gheit"),
        # Syria
        ("SYR_PRES", D(1991, 10, 30), "hafez_al_assad"),
        ("SYR_PRES", D(2000, 7, 17), "bashar_al_assad"),
        ("SYR_PRES", D(2025, 5, 1), "ahmed_al_sharaa"),
        ("SYR_FM", D(1991, 10, 30), "farouk_al_sharaa"),
        ("SYR_PM", D(2024, 12, 20), "mohammed_al_bashir"),
        # Iraq
        ("IRQ_PRES", D(1990, 8, 2), "saddam_hussein"),
        ("IRQ_PRES", D(2014, 7, 24), "fuad_masum"),
        ("IRQ_PM", D(2006, 5, 20), "nouri_al_maliki"),
        ("IRQ_PM", D(2024, 1, 1), "mohammed_shia_al_sudani"),
        # Afghanistan
        ("AFG_PRES", D(1990, 1, 1), "mohammad_najibullah"),
        ("AFG_PRES", D(2002, 1, 1), "hamid_karzai"),
        ("AFG_PRES", D(2021, 8, 15), "ashraf_ghani"),
        ("AFG_SUPREME_LEADER", D(1998, 8, 20), "mullah_omar"),
        ("AFG_SUPREME_LEADER", D(2023, 1, 1), "hibatullah_akhundzada"),
        # Nigeria
        ("NGA_PRES", D(1993, 6, 12), "ibrahim_babangida"),
        ("NGA_PRES", D(1995, 1, 1), "sani_abacha"),
        ("NGA_PRES", D(2010, 3, 1), "goodluck_jonathan"),  # acting during Yar'Adua's illness
        ("NGA_PRES", D(2023, 5, 29), "bola_tinubu"),
        # Ethiopia, Kenya, DR Congo, Sudan
        ("ETH_PM", D(1998, 6, 1), "meles_zenawi"),
        ("ETH_PM", D(2020, 11, 4), "abiy_ahmed"),
        ("ETH_PRES", D(1990, 1, 1), "mengistu_haile_mariam"),
        ("KEN_PRES", D(1992, 12, 29), "daniel_arap_moi"),
        ("KEN_PRES", D(2015, 1, 1), "uhuru_kenyatta"),
        ("KEN_PRES", D(2024, 6, 25), "william_ruto"),
        ("KEN_PM", D(2010, 1, 1), "raila_odinga"),
        ("COD_PRES", D(1994, 7, 1), "mobutu_sese_seko"),
        ("COD_PRES", D(2001, 1, 17), "joseph_kabila"),
        ("SDN_PRES", D(1990, 1, 1), "omar_al_bashir"),
        ("SDN_SOV_CHAIR", D(2023, 4, 15), "abdel_fattah_al_burhan"),
        ("SDN_PM", D(2020, 1, 1), "abdalla_hamdok"),
        # Jordan, Lebanon, Gulf, Palestine, Yemen
        ("JOR_KING", D(1994, 10, 26), "hussein_of_jordan"),
        ("JOR_KING", D(1999, 2, 7), "abdullah_ii_of_jordan"),
        ("LBN_PRES", D(1990, 10, 13), "elias_hrawi"),
        ("LBN_PM", D(2020, 8, 4), "hassan_diab"),
        ("LBN_PM", D(1991, 6, 1), "omar_karami"),
        ("LBN_PM", D(2003, 1, 1), "rafic_hariri"),
        ("QAT_EMIR", D(1996, 1, 1), "hamad_bin_khalifa_al_thani"),
        ("QAT_PM", D(2017, 6, 5), "abdullah_bin_nasser_al_thani"),
        ("ARE_PRES", D(1991, 1, 1), "zayed_bin_sultan_al_nahyan"),
        ("ARE_PRES", D(2022, 5, 14), "mohamed_bin_zayed_al_nahyan"),
        ("ARE_FM", D(2020, 9, 15), "abdullah_bin_zayed_al_nahyan"),
        ("PSE_PRES", D(1993, 9, 13), "yasser_arafat"),
        ("PSE_PRES", D(2004, 12, 1), "rawhi_fattouh"),
        ("PSE_PRES", D(2023, 10, 7), "mahmoud_abbas"),
        ("PSE_PM", D(2010, 1, 1), "salam_fayyad"),
        ("YEM_PRES", D(1994, 5, 5), "ali_abdullah_saleh"),
        ("YEM_PLC_CHAIR", D(2024, 1, 1), "rashad_al_alimi"),
    ],
)
def test_holder_on_date(kb, office, date, person):
    holder = kb.holder(office, date)
    assert holder is not None and holder.person_id == person, (office, date, holder)


@pytest.mark.parametrize(
    "office,date",
    [
        ("LBN_PRES", D(2015, 6, 1)),  # vacancy 2014-2016
        ("LBN_PRES", D(2023, 6, 1)),  # vacancy 2022-2025
        ("AFG_PRES", D(2022, 1, 1)),  # no President under the Taliban
        ("AFG_SUPREME_LEADER", D(2010, 1, 1)),
        ("SYR_PRES", D(2024, 12, 20)),  # between the fall of Assad and the transitional President
        ("PAK_PM", D(2001, 1, 1)),  # Musharraf's Chief Executive period
    ],
)
def test_vacancies_have_no_holder(kb, office, date):
    assert kb.holder(office, date) is None


@pytest.mark.parametrize(
    "phrase,office",
    [
        ("Israeli prime minister", "ISR_PM"),
        ("Iran's foreign minister", "IRN_FM"),
        ("Iranian supreme leader", "IRN_SUPREME_LEADER"),
        ("Pakistani prime minister", "PAK_PM"),
        ("Egyptian president", "EGY_PRES"),
        ("president of Syria", "SYR_PRES"),
        ("Emirati president", "ARE_PRES"),
        ("Palestinian Authority President", "PSE_PRES"),
        ("Qatari Emir", "QAT_EMIR"),
        ("Jordanian King", "JOR_KING"),
    ],
)
def test_role_phrases(kb, phrase, office):
    found = kb.office_by_phrase(phrase)
    assert found is not None and found.office_id == office


@pytest.mark.parametrize(
    "name,person",
    [
        ("Bibi Netanyahu", "benjamin_netanyahu"),
        ("Hassan Rowhani", "hassan_rouhani"),
        ("Abdel Fattah al-Sisi", "abdel_fattah_el_sisi"),
        ("Abu Mazen", "mahmoud_abbas"),
        ("Nuri al-Maliki", "nouri_al_maliki"),
    ],
)
def test_alternative_spellings(kb, name, person):
    p = kb.person(name)
    assert p is not None and p.person_id == person


def test_surname_alone(kb):
    assert [p.person_id for p in kb.people_by_surname("Sisi")] == ["abdel_fattah_el_sisi"]
    assert {p.person_id for p in kb.people_by_surname("Assad")} == {"hafez_al_assad", "bashar_al_assad"}
