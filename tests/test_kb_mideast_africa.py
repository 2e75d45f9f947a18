"""Knowledge base part "mideast_africa": heads of state and government and foreign ministers of the Middle East,
South Asia and Africa from 1990, spot-checked through the public lookups."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_kb_parts import part_rows

D = dt.date
PART = "mideast_africa"


def test_offices_are_national_and_of_a_known_country(kb):
    for r in part_rows("offices", PART):
        assert r["country"] in kb.countries, r
        assert r["single"] == "yes", r


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


def test_part_is_not_truncated():
    assert len(part_rows("terms", PART)) > 100
