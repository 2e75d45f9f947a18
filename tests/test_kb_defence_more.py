"""Knowledge-base part "defence_more": defence ministers of the 32 further states (no Palestinian ministry).

Spot checks go through ``KnowledgeBase.holder`` / ``office_by_phrase`` / ``office_for_role``, the lookups that
:mod:`newsevents.actors` uses to name the holder of an office on a date; handover days follow the KB convention
(both terms contain the day, the later start wins).
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.kb import KnowledgeBase
from tests.test_kb_parts import part_rows

D = dt.date
PART = "defence_more"
COUNTRIES = (
    "ISR IRN PAK EGY SYR IRQ AFG NGA ETH KEN COD SDN JOR LBN QAT ARE YEM PRK TWN VEN POL BLR PHL HUN COL CUB VNM THA "
    "MMR BGD SRB GEO"
).split()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase()


def test_part_files_load_with_their_rows(kb):
    offices = part_rows("offices", PART)
    people = part_rows("people", PART)
    terms = part_rows("terms", PART)
    assert offices and people and terms
    for r in offices:
        assert r["office_id"] in kb.offices
        assert r["kind"] == "defense_minister" and r["single"] == "yes", r
    for r in people:
        assert r["person_id"] in kb.people


def test_one_defence_office_per_listed_country(kb):
    by_country: dict[str, list[str]] = {}
    for r in part_rows("offices", PART):
        by_country.setdefault(r["country"], []).append(r["office_id"])
    assert sorted(by_country) == sorted(COUNTRIES)
    assert all(len(v) == 1 for v in by_country.values())
    assert "PSE" not in by_country  # the Palestinian Authority has no defence ministry


@pytest.mark.parametrize(
    "office,date,person",
    [
        ("ISR_DEFMIN", D(1990, 1, 1), "yitzhak_rabin"),
        ("ISR_DEFMIN", D(1990, 3, 15), "yitzhak_shamir"),
        ("ISR_DEFMIN", D(1991, 1, 18), "moshe_arens"),
        ("ISR_DEFMIN", D(1994, 1, 1), "yitzhak_rabin"),
        ("ISR_DEFMIN", D(1996, 6, 18), "yitzhak_mordechai"),
        ("ISR_DEFMIN", D(2000, 10, 1), "ehud_barak"),
        ("ISR_DEFMIN", D(2002, 4, 1), "binyamin_ben_eliezer"),
        ("ISR_DEFMIN", D(2002, 11, 4), "shaul_mofaz"),
        ("ISR_DEFMIN", D(2006, 7, 12), "amir_peretz"),
        ("ISR_DEFMIN", D(2008, 12, 27), "ehud_barak"),
        ("ISR_DEFMIN", D(2014, 7, 8), "moshe_yaalon"),
        ("ISR_DEFMIN", D(2017, 1, 1), "avigdor_lieberman"),
        ("ISR_DEFMIN", D(2018, 11, 18), "benjamin_netanyahu"),
        ("ISR_DEFMIN", D(2020, 1, 1), "naftali_bennett"),
        ("ISR_DEFMIN", D(2021, 5, 10), "benny_gantz"),
        ("ISR_DEFMIN", D(2023, 10, 7), "yoav_gallant"),
        ("ISR_DEFMIN", D(2024, 11, 7), "israel_katz"),
        ("ISR_DEFMIN", D(2025, 6, 13), "israel_katz"),
        ("IRN_DEFMIN", D(2000, 1, 1), "ali_shamkhani"),
        ("IRN_DEFMIN", D(2005, 8, 24), "mostafa_mohammad_najjar"),
        ("IRN_DEFMIN", D(2010, 1, 1), "ahmad_vahidi"),
        ("IRN_DEFMIN", D(2015, 7, 14), "hossein_dehghan"),
        ("IRN_DEFMIN", D(2020, 1, 8), "amir_hatami"),
        ("IRN_DEFMIN", D(2024, 4, 13), "mohammad_reza_ashtiani"),
        ("IRN_DEFMIN", D(2025, 6, 13), "aziz_nasirzadeh"),
        ("PAK_DEFMIN", D(2018, 1, 1), "khurram_dastgir_khan"),
        ("PAK_DEFMIN", D(2023, 1, 1), "khawaja_asif"),
        ("PAK_DEFMIN", D(2025, 5, 7), "khawaja_asif"),
        ("POL_DEFMIN", D(1999, 3, 12), "janusz_onyszkiewicz"),
        ("POL_DEFMIN", D(2006, 1, 1), "radoslaw_sikorski"),
        ("POL_DEFMIN", D(2010, 4, 10), "bogdan_klich"),
        ("POL_DEFMIN", D(2022, 2, 24), "mariusz_blaszczak"),
        ("POL_DEFMIN", D(2023, 12, 1), "michal_wisniewski"),
        ("POL_DEFMIN", D(2023, 12, 13), "wladyslaw_kosiniak_kamysz"),
        ("TWN_DEFMIN", D(2005, 1, 1), "lee_jye"),
        ("TWN_DEFMIN", D(2014, 1, 1), "yen_ming"),
        ("TWN_DEFMIN", D(2018, 2, 26), "yen_teh_fa"),
        ("TWN_DEFMIN", D(2022, 8, 4), "chiu_kuo_cheng"),
        ("TWN_DEFMIN", D(2024, 5, 20), "wellington_koo_li_hsiung"),
        ("PHL_DEFMIN", D(1990, 1, 1), "fidel_ramos"),
        ("PHL_DEFMIN", D(1991, 7, 20), "renato_de_villa"),
        ("PHL_DEFMIN", D(2012, 4, 10), "voltaire_gazmin"),
        ("PHL_DEFMIN", D(2017, 5, 23), "delfin_lorenzana"),
        ("PHL_DEFMIN", D(2022, 10, 1), "jose_faustino"),
        ("PHL_DEFMIN", D(2023, 3, 1), "carlito_galvez"),
        ("PHL_DEFMIN", D(2024, 6, 17), "gilberto_teodoro"),
        ("VEN_DEFMIN", D(2013, 3, 5), "diego_molero"),
        ("VEN_DEFMIN", D(2014, 2, 12), "carmen_melendez"),
        ("VEN_DEFMIN", D(2014, 10, 24), "vladimir_padrino_lopez"),
        ("VEN_DEFMIN", D(2019, 1, 23), "vladimir_padrino_lopez"),
        ("EGY_DEFMIN", D(1995, 1, 1), "mohamed_hussein_tantawi"),
        ("EGY_DEFMIN", D(2013, 7, 3), "abdel_fattah_el_sisi"),
        ("EGY_DEFMIN", D(2014, 3, 27), "sedki_sobhi"),
        ("EGY_DEFMIN", D(2020, 1, 1), "mohamed_ahmed_zaki"),
        ("EGY_DEFMIN", D(2025, 1, 1), "abdel_mageed_saqr"),
        ("IRQ_DEFMIN", D(2008, 3, 25), "abdul_qadir_obeidi"),
        ("IRQ_DEFMIN", D(2015, 1, 1), "khaled_al_obaidi"),
        ("IRQ_DEFMIN", D(2021, 1, 1), "juma_inad"),
        ("IRQ_DEFMIN", D(2024, 1, 1), "thabet_al_abbasi"),
        ("SYR_DEFMIN", D(2012, 1, 1), "dawoud_rajiha"),
        ("SYR_DEFMIN", D(2012, 7, 18), "fahd_jassem_al_freij"),
        ("SYR_DEFMIN", D(2020, 1, 1), "ali_abdullah_ayyoub"),
        ("SYR_DEFMIN", D(2023, 1, 1), "ali_mahmoud_abbas"),
        ("SYR_DEFMIN", D(2025, 3, 1), "murhaf_abu_qasra"),
        ("BLR_DEFMIN", D(2012, 1, 1), "yuri_zhadobin"),
        ("BLR_DEFMIN", D(2018, 1, 1), "andrei_ravkov"),
        ("BLR_DEFMIN", D(2022, 2, 24), "viktor_khrenin"),
        ("GEO_DEFMIN", D(2018, 1, 1), "levan_izoria"),
        ("GEO_DEFMIN", D(2020, 1, 1), "irakli_garibashvili"),
        ("GEO_DEFMIN", D(2022, 1, 1), "juansher_burchuladze"),
        ("GEO_DEFMIN", D(2025, 1, 1), "irakli_chikovani"),
        ("HUN_DEFMIN", D(1991, 1, 1), "lajos_fur"),
        ("HUN_DEFMIN", D(1999, 3, 12), "janos_szabo"),
        ("HUN_DEFMIN", D(2015, 9, 10), "istvan_simicsko"),
        ("HUN_DEFMIN", D(2024, 1, 1), "kristof_szalay_bobrovniczky"),
        ("CUB_DEFMIN", D(1990, 1, 1), "raul_castro"),
        ("CUB_DEFMIN", D(2010, 1, 1), "julio_casas_regueiro"),
        ("VNM_DEFMIN", D(2018, 1, 1), "ngo_xuan_lich"),
        ("VNM_DEFMIN", D(2023, 1, 1), "phan_van_giang"),
        ("SRB_DEFMIN", D(2010, 1, 1), "dragan_sutanovac"),
        ("SRB_DEFMIN", D(2019, 1, 1), "aleksandar_vulin"),
        ("SRB_DEFMIN", D(2025, 6, 1), "bratislav_gasic"),
        ("LBN_DEFMIN", D(2020, 8, 4), "zeina_akar"),
        ("LBN_DEFMIN", D(2024, 9, 27), "maurice_sleem"),
        ("LBN_DEFMIN", D(2025, 5, 1), "michel_menassa"),
        ("JOR_DEFMIN", D(2023, 1, 1), "bisher_al_khasawneh"),
        ("JOR_DEFMIN", D(2025, 1, 1), "jafar_hassan"),
        ("ARE_DEFMIN", D(1995, 1, 1), "mohammed_bin_rashid_al_maktoum"),
        ("NGA_DEFMIN", D(2021, 1, 1), "bashir_magashi"),
        ("NGA_DEFMIN", D(2024, 1, 1), "mohammed_badaru_abubakar"),
        ("KEN_DEFMIN", D(2023, 1, 1), "aden_duale"),
        ("KEN_DEFMIN", D(2025, 1, 1), "soipan_tuya"),
        ("AFG_DEFMIN", D(2023, 1, 1), "mohammad_yaqoob"),
        ("BGD_DEFMIN", D(1992, 1, 1), "khaleda_zia"),
        ("BGD_DEFMIN", D(2015, 1, 1), "sheikh_hasina"),
    ],
)
def test_holder_on_date(kb, office, date, person):
    holder = kb.holder(office, date)
    assert holder is not None and holder.person_id == person, (office, date, holder)


@pytest.mark.parametrize(
    "office,date",
    [
        ("ISR_DEFMIN", D(1995, 11, 10)),  # after Rabin's assassination, before Peres's government
        ("ISR_DEFMIN", D(1999, 3, 1)),  # Arens's second term: start day not recorded
        ("ISR_DEFMIN", D(2016, 5, 25)),  # between Ya'alon's departure and Lieberman's swearing-in
        ("IRN_DEFMIN", D(1995, 1, 1)),  # before Shamkhani
        ("PAK_DEFMIN", D(2020, 1, 1)),  # Pervez Khattak not recorded
        ("BGD_DEFMIN", D(2007, 6, 1)),  # caretaker government
        ("BGD_DEFMIN", D(2025, 1, 1)),  # the interim government's allocation not recorded
        ("SYR_DEFMIN", D(2024, 12, 15)),  # between the fall of Assad and the caretaker cabinet
        ("PRK_DEFMIN", D(2020, 1, 1)),  # no holder recorded
        ("PHL_DEFMIN", D(1991, 7, 19)),  # between Ramos's resignation and de Villa's start
        ("QAT_DEFMIN", D(2020, 1, 1)),
    ],
)
def test_unknown_periods_have_no_holder(kb, office, date):
    assert kb.holder(office, date) is None


@pytest.mark.parametrize(
    "phrase,date,office",
    [
        ("Israeli defence minister", D(2024, 1, 1), "ISR_DEFMIN"),
        ("Israel's defense minister", D(2024, 1, 1), "ISR_DEFMIN"),
        ("Polish defence minister", D(2024, 1, 1), "POL_DEFMIN"),
        ("Iranian defense minister", D(2020, 1, 1), "IRN_DEFMIN"),
        ("Pakistani defence minister", D(2025, 5, 7), "PAK_DEFMIN"),
        ("Taiwan's defense minister", D(2022, 1, 1), "TWN_DEFMIN"),
        ("Taiwanese minister of national defense", D(2022, 1, 1), "TWN_DEFMIN"),
        ("North Korean defence minister", D(2023, 1, 1), "PRK_DEFMIN"),
        ("Minister of People's Armed Forces", D(2010, 1, 1), "PRK_DEFMIN"),
        ("Philippine defense secretary", D(2024, 1, 1), "PHL_DEFMIN"),
        ("Venezuelan defence minister", D(2019, 1, 1), "VEN_DEFMIN"),
        ("Egyptian defense minister", D(2000, 1, 1), "EGY_DEFMIN"),
        ("Iraqi defence minister", D(2021, 1, 1), "IRQ_DEFMIN"),
        ("Syrian defense minister", D(2015, 1, 1), "SYR_DEFMIN"),
        ("Belarusian defence minister", D(2022, 1, 1), "BLR_DEFMIN"),
        ("Georgian defence minister", D(2022, 1, 1), "GEO_DEFMIN"),
        ("Hungarian defence minister", D(2022, 1, 1), "HUN_DEFMIN"),
        ("Colombian defense minister", D(2020, 1, 1), "COL_DEFMIN"),
        ("Minister of the Revolutionary Armed Forces", D(2000, 1, 1), "CUB_DEFMIN"),
        ("Lebanese defence minister", D(2024, 1, 1), "LBN_DEFMIN"),
        ("Kenyan defence cabinet secretary", D(2024, 1, 1), "KEN_DEFMIN"),
        ("Serbian defence minister", D(2024, 1, 1), "SRB_DEFMIN"),
        ("Vietnamese defence minister", D(2024, 1, 1), "VNM_DEFMIN"),
    ],
)
def test_phrases_name_the_office(kb, phrase, date, office):
    found = kb.office_by_phrase(phrase, date)
    assert found is not None and found.office_id == office, (phrase, found)


@pytest.mark.parametrize(
    "role,country,date,office",
    [
        ("defence minister", "ISR", D(2024, 1, 1), "ISR_DEFMIN"),
        ("defense minister", "IRN", D(2024, 1, 1), "IRN_DEFMIN"),
        ("minister of national defence", "POL", D(2024, 1, 1), "POL_DEFMIN"),
        ("secretary of national defense", "PHL", D(2024, 1, 1), "PHL_DEFMIN"),
        ("defense secretary", "PHL", D(2024, 1, 1), "PHL_DEFMIN"),
        ("minister of people's armed forces", "PRK", D(2010, 1, 1), "PRK_DEFMIN"),
        ("defence minister", "BGD", D(2015, 1, 1), "BGD_DEFMIN"),
        ("defense minister", "TWN", D(2015, 1, 1), "TWN_DEFMIN"),
    ],
)
def test_bare_role_with_country_context(kb, role, country, date, office):
    found = kb.office_for_role(role, country, date)
    assert found is not None and found.office_id == office


def test_defence_and_head_of_government_stay_apart(kb):
    """A Prime Minister holding defence keeps both offices; a plain title still names the right one."""
    assert kb.office_for_role("prime minister", "ISR", D(2019, 1, 1)).office_id == "ISR_PM"
    offices = {o.office_id for o in kb.offices_of("benjamin_netanyahu", D(2019, 1, 1))}
    assert {"ISR_PM", "ISR_DEFMIN"} <= offices
    offices = {o.office_id for o in kb.offices_of("sheikh_hasina", D(2015, 1, 1))}
    assert {"BGD_PM", "BGD_DEFMIN"} <= offices


@pytest.mark.parametrize(
    "name,person",
    [
        ("Benny Gantz", "benny_gantz"),
        ("Yoav Galant", "yoav_gallant"),
        ("Yoav Gallant", "yoav_gallant"),
        ("Moshe Yaalon", "moshe_yaalon"),
        ("Fuad Ben-Eliezer", "binyamin_ben_eliezer"),
        ("Mohammad Reza Ashtiani", "mohammad_reza_ashtiani"),
        ("Vladimir Padrino", "vladimir_padrino_lopez"),
        ("Mariusz Blaszczak", "mariusz_blaszczak"),
        ("Wladyslaw Kosiniak-Kamysz", "wladyslaw_kosiniak_kamysz"),
        ("Yen De-fa", "yen_teh_fa"),
        ("Koo Li-hsiung", "wellington_koo_li_hsiung"),
        ("Gibo Teodoro", "gilberto_teodoro"),
        ("Andrey Ravkov", "andrei_ravkov"),
    ],
)
def test_names_and_aliases(kb, name, person):
    found = kb.person(name)
    assert found is not None and found.person_id == person


def test_surnames_used_alone(kb):
    for surname, person in [
        ("Gantz", "benny_gantz"),
        ("Gallant", "yoav_gallant"),
        ("Khrenin", "viktor_khrenin"),
    ]:
        assert person in [p.person_id for p in kb.people_by_surname(surname)]
