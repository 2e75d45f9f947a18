"""Knowledge-base part "defence_1990s": defence ministers, 1990s office holders and IGO leaders.

Spot checks go through ``KnowledgeBase.holder`` / ``office_by_phrase`` / ``office_for_role``, the lookups that
:mod:`newsevents.actors` uses to name the holder of an office on a date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.kb import KnowledgeBase

D = dt.date
PART = "defence_1990s"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase()


@pytest.mark.parametrize(
    "office,date,person",
    [
        # defence ministers, with handover days (the later start wins)
        ("USA_SECDEF", D(1991, 1, 17), "dick_cheney"),
        ("USA_SECDEF", D(1994, 2, 3), "william_perry"),
        ("USA_SECDEF", D(2003, 3, 20), "donald_rumsfeld"),
        ("USA_SECDEF", D(2019, 7, 20), "richard_v_spencer"),
        ("USA_SECDEF", D(2021, 1, 22), "lloyd_austin"),
        ("USA_SECDEF", D(2025, 10, 1), "pete_hegseth"),
        ("GBR_DEFSEC", D(1995, 7, 5), "michael_portillo"),
        ("GBR_DEFSEC", D(2003, 3, 20), "geoff_hoon"),
        ("GBR_DEFSEC", D(2023, 8, 31), "grant_shapps"),
        ("GBR_DEFSEC", D(2025, 1, 1), "john_healey"),
        ("RUS_DEFMIN", D(1994, 12, 11), "pavel_grachev"),
        ("RUS_DEFMIN", D(2012, 11, 6), "sergei_shoigu"),
        ("RUS_DEFMIN", D(2022, 2, 24), "sergei_shoigu"),
        ("RUS_DEFMIN", D(2024, 5, 14), "andrei_belousov"),
        ("CHN_DEFMIN", D(2023, 3, 12), "li_shangfu"),
        ("CHN_DEFMIN", D(2024, 6, 1), "dong_jun"),
        ("FRA_DEFMIN", D(1992, 6, 1), "pierre_joxe"),
        ("FRA_DEFMIN", D(2017, 6, 21), "florence_parly"),
        ("FRA_DEFMIN", D(2025, 10, 21), "catherine_vautrin"),
        ("UKR_DEFMIN", D(1992, 1, 1), "kostiantyn_morozov"),
        ("UKR_DEFMIN", D(2022, 2, 24), "oleksii_reznikov"),
        ("UKR_DEFMIN", D(2023, 9, 6), "rustem_umerov"),
        ("UKR_DEFMIN", D(2025, 7, 17), "denys_shmyhal"),
        ("DEU_DEFMIN", D(1995, 1, 1), "volker_ruhe"),
        ("DEU_DEFMIN", D(2023, 1, 19), "boris_pistorius"),
        ("JPN_DEFMIN", D(2017, 7, 30), "fumio_kishida"),
        ("JPN_DEFMIN", D(2025, 10, 21), "shinjiro_koizumi"),
        ("IND_DEFMIN", D(2020, 6, 15), "rajnath_singh"),
        ("IND_DEFMIN", D(1999, 5, 26), "george_fernandes"),
        ("IND_DEFMIN", D(1994, 1, 1), "p_v_narasimha_rao"),
        ("ITA_DEFMIN", D(1999, 3, 24), "carlo_scognamiglio"),
        ("ITA_DEFMIN", D(2022, 10, 22), "guido_crosetto"),
        ("CAN_DEFMIN", D(1993, 1, 4), "kim_campbell"),
        ("CAN_DEFMIN", D(2025, 6, 1), "david_mcguinty"),
        ("AUS_DEFMIN", D(1991, 1, 17), "robert_ray"),
        ("AUS_DEFMIN", D(2023, 1, 1), "richard_marles"),
        ("TUR_DEFMIN", D(2016, 7, 15), "fikri_isik"),
        ("TUR_DEFMIN", D(2024, 1, 1), "yasar_guler"),
        ("BRA_DEFMIN", D(2011, 8, 8), "celso_amorim"),
        ("BRA_DEFMIN", D(2024, 1, 1), "jose_mucio"),
        ("KOR_DEFMIN", D(2018, 9, 21), "jeong_kyeong_doo"),
        ("KOR_DEFMIN", D(2025, 7, 25), "ahn_gyu_back"),
        ("KOR_DEFMIN", D(2025, 1, 1), "kim_seon_ho"),
        ("SAU_DEFMIN", D(2015, 3, 26), "mohammed_bin_salman"),
        ("SAU_DEFMIN", D(2022, 9, 27), "khalid_bin_salman"),
        ("ZAF_DEFMIN", D(2021, 8, 5), "thandi_modise"),
        ("IDN_DEFMIN", D(2020, 1, 1), "prabowo_subianto"),
        ("MEX_DEFMIN", D(1996, 1, 1), "enrique_cervantes_aguirre"),
        ("MEX_DEFMIN", D(2024, 10, 1), "ricardo_trevilla_trejo"),
        ("ARG_DEFMIN", D(2024, 6, 1), "luis_petri"),
        # 1990s holders of offices already covered from about 2000
        ("USA_PRES", D(1991, 1, 17), "george_h_w_bush"),
        ("USA_VP", D(1992, 1, 1), "dan_quayle"),
        ("USA_SECSTATE", D(1992, 10, 1), "lawrence_eagleburger"),
        ("USA_SECSTATE", D(1995, 11, 21), "warren_christopher"),
        ("GBR_PM", D(1990, 11, 28), "john_major"),
        ("GBR_PM", D(1990, 8, 2), "margaret_thatcher"),
        ("GBR_FM", D(1995, 7, 5), "malcolm_rifkind"),
        ("RUS_PRES", D(1993, 10, 4), "boris_yeltsin"),
        ("RUS_PM", D(1998, 8, 30), "viktor_chernomyrdin"),
        ("RUS_PM", D(1998, 9, 11), "yevgeny_primakov"),
        ("RUS_FM", D(1997, 5, 27), "yevgeny_primakov"),
        ("UKR_PRES", D(1992, 1, 1), "leonid_kravchuk"),
        ("FRA_PRES", D(1991, 1, 17), "francois_mitterrand"),
        ("FRA_PM", D(1995, 5, 17), "alain_juppe"),
        ("FRA_FM", D(1996, 1, 1), "herve_de_charette"),
        ("DEU_CHANC", D(1990, 10, 3), "helmut_kohl"),
        ("DEU_PRES", D(1994, 7, 1), "roman_herzog"),
        ("DEU_FM", D(1992, 5, 18), "klaus_kinkel"),
        ("CHN_PRES", D(1990, 1, 1), "yang_shangkun"),
        ("JPN_PM", D(1995, 1, 17), "tomiichi_murayama"),
        ("JPN_FM", D(1999, 1, 1), "masahiko_komura"),
        ("KOR_PRES", D(1993, 2, 25), "kim_young_sam"),
        ("IND_PM", D(1996, 5, 20), "atal_bihari_vajpayee"),
        ("IND_PRES", D(1995, 1, 1), "shankar_dayal_sharma"),
        ("IND_FM", D(2006, 1, 1), "manmohan_singh"),
        ("IDN_PRES", D(1998, 5, 21), "b_j_habibie"),
        ("BRA_PRES", D(1992, 11, 1), "itamar_franco"),
        ("BRA_PRES", D(1991, 1, 1), "fernando_collor"),
        ("ARG_PRES", D(1995, 1, 1), "carlos_menem"),
        ("ARG_PRES", D(2001, 12, 25), "adolfo_rodriguez_saa"),
        ("MEX_PRES", D(1994, 1, 1), "carlos_salinas"),
        ("CAN_PM", D(1993, 6, 25), "kim_campbell"),
        ("CAN_FM", D(1999, 3, 24), "lloyd_axworthy"),
        ("AUS_PM", D(1991, 12, 20), "paul_keating"),
        ("AUS_FM", D(1994, 1, 1), "gareth_evans"),
        ("ITA_PRES", D(1995, 1, 1), "oscar_luigi_scalfaro"),
        ("ITA_PM", D(1994, 5, 10), "silvio_berlusconi"),
        ("ITA_FM", D(1999, 3, 24), "lamberto_dini"),
        ("ITA_FM", D(2013, 4, 1), "mario_monti"),
        ("TUR_PRES", D(1995, 1, 1), "suleyman_demirel"),
        ("TUR_PM", D(1997, 1, 1), "necmettin_erbakan"),
        ("TUR_FM", D(2002, 8, 1), "sukru_sina_gurel"),
        ("ZAF_PRES", D(1994, 5, 10), "nelson_mandela"),
        ("ZAF_PRES", D(1992, 1, 1), "f_w_de_klerk"),
        ("UN_SG", D(1991, 1, 17), "javier_perez_de_cuellar"),
        ("UN_SG", D(1994, 4, 7), "boutros_boutros_ghali"),
        # intergovernmental organisations
        ("NATO_SG", D(1999, 3, 24), "javier_solana"),
        ("NATO_SG", D(2014, 10, 1), "jens_stoltenberg"),
        ("NATO_SG", D(2025, 6, 24), "mark_rutte"),
        ("OSCE_SG", D(2014, 3, 1), "lamberto_zannier"),
        ("IAEA_DG", D(2003, 3, 1), "mohamed_elbaradei"),
        ("IAEA_DG", D(2022, 3, 4), "rafael_grossi"),
        ("WHO_DG", D(2020, 3, 11), "tedros_adhanom_ghebreyesus"),
        ("WHO_DG", D(2009, 6, 11), "margaret_chan"),
        ("AU_COM_CHAIR", D(2025, 3, 13), "mahmoud_ali_youssouf"),
        ("AU_COM_CHAIR", D(2020, 1, 1), "moussa_faki_mahamat"),
        ("UNHCR_HC", D(1994, 7, 1), "sadako_ogata"),
        ("UNHCR_HC", D(2022, 3, 1), "filippo_grandi"),
        ("UNICEF_ED", D(2020, 1, 1), "henrietta_fore"),
        ("UNICEF_ED", D(2022, 2, 1), "catherine_russell"),
        ("WFP_ED", D(2020, 10, 9), "david_beasley"),
        ("WFP_ED", D(2023, 4, 5), "cindy_mccain"),
        ("UN_HCHR", D(2022, 10, 17), "volker_turk"),
        ("UN_HCHR", D(2000, 1, 1), "mary_robinson"),
        ("UNDP_ADMIN", D(2020, 1, 1), "achim_steiner"),
        ("UN_DSG", D(2020, 1, 1), "amina_j_mohammed"),
        ("UN_DSG", D(2000, 1, 1), "louise_frechette"),
    ],
)
def test_holder_on_date(kb, office, date, person):
    holder = kb.holder(office, date)
    assert holder is not None and holder.person_id == person, (office, date, holder)


@pytest.mark.parametrize(
    "office,date",
    [
        ("RUS_DEFMIN", D(2024, 5, 13)),  # between Shoigu's release and Belousov's appointment
        ("FRA_DEFMIN", D(2025, 9, 20)),  # caretaker weeks not recorded
        ("NATO_SG", D(1995, 11, 1)),  # acting Secretary General not recorded
        ("USA_SECDEF", D(1989, 1, 1)),  # before the first row
    ],
)
def test_unknown_periods_have_no_holder(kb, office, date):
    assert kb.holder(office, date) is None


@pytest.mark.parametrize(
    "phrase,office",
    [
        ("Russian defence minister", "RUS_DEFMIN"),
        ("Russia's defense minister", "RUS_DEFMIN"),
        ("minister of defence of Ukraine", "UKR_DEFMIN"),
        ("Ukrainian Defense Minister", "UKR_DEFMIN"),
        ("U.S. Defense Secretary", "USA_SECDEF"),
        ("US defence secretary", "USA_SECDEF"),
        ("American defense secretary", "USA_SECDEF"),
        ("Secretary of Defense", "USA_SECDEF"),
        ("Pentagon chief", "USA_SECDEF"),
        ("British Defence Secretary", "GBR_DEFSEC"),
        ("Chinese defense minister", "CHN_DEFMIN"),
        ("French armed forces minister", "FRA_DEFMIN"),
        ("German defence minister", "DEU_DEFMIN"),
        ("Japan's defense minister", "JPN_DEFMIN"),
        ("Indian defence minister", "IND_DEFMIN"),
        ("Canadian minister of national defence", "CAN_DEFMIN"),
        ("Australian defence minister", "AUS_DEFMIN"),
        ("Turkish defence minister", "TUR_DEFMIN"),
        ("Saudi defense minister", "SAU_DEFMIN"),
        ("South Korean defense minister", "KOR_DEFMIN"),
        ("Mexican defense secretary", "MEX_DEFMIN"),
        ("NATO Secretary General", "NATO_SG"),
        ("NATO chief", "NATO_SG"),
        ("IAEA chief", "IAEA_DG"),
        ("WHO Director-General", "WHO_DG"),
        ("UN refugee chief", "UNHCR_HC"),
        ("UN human rights chief", "UN_HCHR"),
        ("UNICEF chief", "UNICEF_ED"),
        ("WFP chief", "WFP_ED"),
        ("African Union Commission chairperson", "AU_COM_CHAIR"),
        ("UN Deputy Secretary-General", "UN_DSG"),
    ],
)
def test_phrases_name_the_office(kb, phrase, office):
    found = kb.office_by_phrase(phrase)
    assert found is not None and found.office_id == office, (phrase, found)


@pytest.mark.parametrize(
    "role,country,office",
    [
        ("defence minister", "RUS", "RUS_DEFMIN"),
        ("defense minister", "UKR", "UKR_DEFMIN"),
        ("minister of defence", "ITA", "ITA_DEFMIN"),
        ("defense secretary", "USA", "USA_SECDEF"),
        ("secretary of defense", "USA", "USA_SECDEF"),
        ("defence secretary", "GBR", "GBR_DEFSEC"),
        ("defense minister", "BRA", "BRA_DEFMIN"),
        ("defence minister", "ZAF", "ZAF_DEFMIN"),
        ("defense minister", "IDN", "IDN_DEFMIN"),
        ("defense minister", "ARG", "ARG_DEFMIN"),
    ],
)
def test_bare_role_with_country_context(kb, role, country, office):
    found = kb.office_for_role(role, country)
    assert found is not None and found.office_id == office


@pytest.mark.parametrize(
    "name,person",
    [
        ("Sergei Shoigu", "sergei_shoigu"),
        ("Sergey Shoygu", "sergei_shoigu"),
        ("Andrey Belousov", "andrei_belousov"),
        ("Lloyd J. Austin III", "lloyd_austin"),
        ("Pete Hegseth", "pete_hegseth"),
        ("Boris Yeltsin", "boris_yeltsin"),
        ("Tedros Adhanom", "tedros_adhanom_ghebreyesus"),
    ],
)
def test_names_and_aliases(kb, name, person):
    found = kb.person(name)
    assert found is not None and found.person_id == person


def test_surnames_used_alone(kb):
    for surname, person in [
        ("Shoigu", "sergei_shoigu"),
        ("Hegseth", "pete_hegseth"),
        ("Austin", "lloyd_austin"),
    ]:
        assert person in [p.person_id for p in kb.people_by_surname(surname)]


def test_defence_offices_cover_the_g20_ukraine_and_permanent_members(kb):
    defence = {o.country for o in kb.offices.values() if "defense_minister" in o.kinds}
    g20 = {"USA", "GBR", "RUS", "CHN", "FRA", "UKR", "DEU", "JPN", "IND", "ITA", "CAN", "AUS", "TUR", "BRA"}
    g20 |= {"KOR", "SAU", "ZAF", "IDN", "MEX", "ARG"}
    assert g20 <= defence
