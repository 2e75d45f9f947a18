"""Knowledge-base part "asia_americas_europe": heads of state and government and foreign ministers since 1990 of
North Korea, Taiwan, Venezuela, Poland, Belarus, the Philippines, Hungary, Colombia, Cuba, Vietnam, Thailand,
Myanmar, Bangladesh, Serbia (with FR Yugoslavia / Serbia and Montenegro) and Georgia."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_kb_parts import part_rows

D = dt.date
PART = "asia_americas_europe"


# Acting holders still acting on verified_through; any other open acting row is a forgotten end date.
STILL_ACTING = {("min_aung_hlaing", "MMR_PRES"), ("le_hoai_trung", "VNM_FM")}


def test_open_acting_terms_are_the_known_ones():
    open_acting = {
        (r["person_id"], r["office_id"])
        for r in part_rows("terms", PART)
        if r["acting"] == "yes" and not r["end"]
    }
    assert open_acting == STILL_ACTING


@pytest.mark.parametrize(
    "office,day,expected",
    [
        # North Korea
        ("PRK_PRES", D(1993, 1, 1), "kim_il_sung"),
        ("PRK_PRES", D(1995, 1, 1), None),
        ("PRK_NDC_CHAIR", D(2005, 6, 1), "kim_jong_il"),
        ("PRK_NDC_CHAIR", D(2013, 1, 1), "kim_jong_un"),
        ("PRK_SAC_CHAIR", D(2016, 6, 29), "kim_jong_un"),
        ("PRK_SPA_PRES", D(2010, 1, 1), "kim_yong_nam"),
        ("PRK_PREMIER", D(1995, 1, 1), "kang_song_san"),
        ("PRK_PREMIER", D(1997, 2, 21), "hong_song_nam"),
        ("PRK_FM", D(1992, 1, 1), "kim_yong_nam"),
        ("PRK_FM", D(2022, 6, 11), "choe_son_hui"),
        # Taiwan
        ("TWN_PRES", D(1995, 1, 1), "lee_teng_hui"),
        ("TWN_PRES", D(2016, 5, 20), "tsai_ing_wen"),
        ("TWN_PREMIER", D(1991, 1, 1), "hau_pei_tsun"),
        ("TWN_PREMIER", D(2018, 1, 1), "lai_ching_te"),
        ("TWN_FM", D(2004, 4, 16), "mark_chen_twn"),
        ("TWN_FM", D(2008, 5, 10), None),
        ("TWN_FM", D(2024, 5, 20), "lin_chia_lung"),
        # Venezuela
        ("VEN_PRES", D(1990, 1, 1), "carlos_andres_perez"),
        ("VEN_PRES", D(1993, 6, 1), "octavio_lepage"),
        ("VEN_PRES", D(1996, 1, 1), "rafael_caldera"),
        ("VEN_PRES", D(2002, 4, 13), "diosdado_cabello"),
        ("VEN_PRES", D(2002, 4, 15), "hugo_chavez"),
        ("VEN_PRES", D(2013, 4, 19), "nicolas_maduro"),
        ("VEN_FM", D(2010, 1, 1), "nicolas_maduro"),
        ("VEN_FM", D(2015, 1, 1), "delcy_rodriguez"),
        # Poland
        ("POL_PRES", D(1990, 1, 1), "wojciech_jaruzelski"),
        ("POL_PRES", D(1995, 12, 23), "aleksander_kwasniewski"),
        ("POL_PRES", D(2010, 5, 1), "bronislaw_komorowski"),
        ("POL_PRES", D(2025, 8, 6), "karol_nawrocki"),
        ("POL_PM", D(1993, 1, 1), "hanna_suchocka"),
        ("POL_PM", D(2023, 12, 13), "donald_tusk"),
        ("POL_FM", D(1990, 6, 1), "krzysztof_skubiszewski"),
        ("POL_FM", D(2024, 1, 1), "radoslaw_sikorski"),
        # Belarus
        ("BLR_PRES", D(1995, 1, 1), "alexander_lukashenko"),
        ("BLR_PM", D(2025, 3, 10), "alexander_turchin"),
        ("BLR_FM", D(2015, 1, 1), "vladimir_makei"),
        ("BLR_PM", D(2005, 1, 1), "sergei_sidorsky"),
        # Philippines
        ("PHL_PRES", D(1990, 1, 1), "corazon_aquino"),
        ("PHL_PRES", D(2001, 1, 20), "gloria_macapagal_arroyo"),
        ("PHL_PRES", D(2019, 1, 1), "rodrigo_duterte"),
        ("PHL_FM", D(2025, 7, 1), "theresa_lazaro"),
        # Hungary
        ("HUN_PRES", D(1990, 6, 1), "arpad_goncz"),
        ("HUN_PRES", D(2024, 3, 1), "laszlo_kover"),
        ("HUN_PM", D(1993, 12, 15), "peter_boross"),
        ("HUN_PM", D(2010, 5, 29), "viktor_orban"),
        ("HUN_FM", D(1992, 1, 1), "geza_jeszenszky"),
        ("HUN_FM", D(2014, 9, 23), "peter_szijjarto"),
        # Colombia
        ("COL_PRES", D(1990, 8, 7), "cesar_gaviria"),
        ("COL_PRES", D(2022, 8, 7), "gustavo_petro"),
        ("COL_FM", D(2000, 1, 1), "guillermo_fernandez_de_soto"),
        # Cuba
        ("CUB_COUNCIL_PRES", D(1995, 1, 1), "fidel_castro"),
        ("CUB_COUNCIL_PRES", D(2007, 1, 1), "raul_castro"),
        ("CUB_PRES", D(2020, 1, 1), "miguel_diaz_canel"),
        ("CUB_FM", D(2009, 3, 2), "bruno_rodriguez_parrilla"),
        # Vietnam
        ("VNM_PRES", D(1995, 1, 1), "le_duc_anh"),
        ("VNM_PRES", D(2024, 10, 21), "luong_cuong"),
        ("VNM_PM", D(1992, 1, 1), "vo_van_kiet"),
        ("VNM_FM", D(2025, 8, 30), "le_hoai_trung"),
        # Thailand
        ("THA_KING", D(2000, 1, 1), "bhumibol_adulyadej"),
        ("THA_PM", D(1992, 5, 30), "meechai_ruchuphan"),
        ("THA_PM", D(2022, 9, 1), "prawit_wongsuwan"),
        ("THA_PM", D(2025, 9, 7), "anutin_charnvirakul"),
        # Myanmar
        ("MMR_JUNTA_CHAIR", D(1995, 1, 1), "than_shwe"),
        ("MMR_STATE_COUNSELLOR", D(2018, 1, 1), "aung_san_suu_kyi"),
        ("MMR_PRES", D(2022, 1, 1), "myint_swe"),
        ("MMR_PM", D(2007, 6, 1), "thein_sein"),
        # Bangladesh
        ("BGD_PM", D(1993, 1, 1), "khaleda_zia"),
        ("BGD_PM", D(2024, 8, 6), None),
        ("BGD_CHIEF_ADVISER", D(2008, 1, 1), "fakhruddin_ahmed"),
        ("BGD_PRES", D(2013, 4, 24), "abdul_hamid"),
        # Serbia and the federal state it continues
        ("SRB_PRES", D(1995, 1, 1), "slobodan_milosevic"),
        ("YUG_PRES", D(1998, 1, 1), "slobodan_milosevic"),
        ("YUG_PRES", D(2003, 3, 7), "svetozar_marovic"),
        ("SRB_PM", D(2003, 3, 15), "zarko_korac"),
        ("SRB_FM", D(2006, 6, 5), "vuk_draskovic"),
        # Georgia
        ("GEO_PRES", D(1991, 6, 1), "zviad_gamsakhurdia"),
        ("GEO_PRES", D(2004, 1, 25), "mikheil_saakashvili"),
        ("GEO_PM", D(2024, 2, 8), "irakli_kobakhidze"),
        ("GEO_FM", D(2006, 1, 1), "gela_bezhuashvili"),
    ],
)
def test_holder_on_date(kb, office, day, expected):
    person = kb.holder(office, day)
    assert (person.person_id if person else None) == expected


@pytest.mark.parametrize(
    "phrase,office",
    [
        ("Polish president", "POL_PRES"),
        ("Venezuela's foreign minister", "VEN_FM"),
        ("North Korean premier", "PRK_PREMIER"),
        ("Taiwanese premier", "TWN_PREMIER"),
        ("Myanmar junta chief", "MMR_JUNTA_CHAIR"),
        ("Yugoslav President", "YUG_PRES"),
        ("Thai king", "THA_KING"),
        ("Hungarian prime minister", "HUN_PM"),
    ],
)
def test_role_phrases(kb, phrase, office):
    assert kb.office_by_phrase(phrase).office_id == office


@pytest.mark.parametrize(
    "name,person_id",
    [
        ("Alyaksandr Lukashenka", "alexander_lukashenko"),
        ("Kim Jong-un", "kim_jong_un"),
        ("Kim Jong Il", "kim_jong_il"),
        ("Tsai Ing-wen", "tsai_ing_wen"),
        ("William Lai", "lai_ching_te"),
        ("Nicolas Maduro", "nicolas_maduro"),
        ("Viktor Orban", "viktor_orban"),
        ("Aleksandar Vucic", "aleksandar_vucic"),
        ("Prayuth Chan-ocha", "prayut_chan_o_cha"),
        ("Bongbong Marcos", "ferdinand_marcos_jr"),
    ],
)
def test_names_and_spellings(kb, name, person_id):
    assert kb.person(name).person_id == person_id


def test_surnames_used_alone(kb):
    assert [p.person_id for p in kb.people_by_surname("Maduro")] == ["nicolas_maduro"]
    assert "viktor_orban" in [p.person_id for p in kb.people_by_surname("Orban")]
    assert "thaksin_shinawatra" in [p.person_id for p in kb.people_by_surname("Thaksin")]
    # Korean family names are kept as written, like the existing South Korean rows.
    assert {"kim_il_sung", "kim_jong_il", "kim_jong_un"} <= {p.person_id for p in kb.people_by_surname("Kim")}


def test_part_is_not_truncated():
    assert len(part_rows("terms", PART)) > 300
