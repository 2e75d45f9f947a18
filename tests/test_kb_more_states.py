"""Knowledge base part "more_states": heads of state and of government of twenty further states prominent in
international news (North and Central Africa, the Great Lakes, Southern Europe, the Netherlands, the Caucasus and
Central Asia, the Andes and the Caribbean) from 1990, spot-checked through the public lookups and the resolver."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_kb_parts import part_rows

D = dt.date
PART = "more_states"
STATES = {
    "DZA", "MAR", "LBY", "TUN", "ZWE", "AGO", "RWA", "BDI", "SSD", "MLI",
    "ESP", "GRC", "NLD", "AZE", "KGZ", "CHL", "PER", "BOL", "NIC", "HTI",
}  # fmt: skip


def test_offices_cover_the_states_and_are_single(kb):
    rows = part_rows("offices", PART)
    assert {r["country"] for r in rows} == STATES
    for r in rows:
        assert r["single"] == "yes", r
        assert kb.terms_for(r["office_id"]), r["office_id"]  # no office without a recorded holder


def test_every_person_of_the_part_holds_a_term(kb):
    for r in part_rows("people", PART):
        assert kb.terms_of(r["person_id"]), r["person_id"]
        assert r["country"] in STATES, r


def test_every_state_has_a_head_of_state_today(kb):
    heads = {
        kb.offices[r["office_id"]].country
        for r in part_rows("terms", PART)
        if r["end"] == "" and "head_of_state" in kb.offices[r["office_id"]].kinds
    }
    assert heads == STATES - {"HTI"}  # Haiti: no President since 2021-07-07


@pytest.mark.parametrize(
    "office,date,person",
    [
        # Algeria
        ("DZA_PRES", D(1991, 6, 1), "chadli_bendjedid"),
        ("DZA_HCS_CHAIR", D(1992, 3, 1), "mohamed_boudiaf"),
        ("DZA_HCS_CHAIR", D(1993, 1, 1), "ali_kafi"),
        ("DZA_PRES", D(1994, 1, 31), "liamine_zeroual"),  # handover day: the newcomer wins
        ("DZA_PRES", D(1999, 4, 27), "abdelaziz_bouteflika"),
        ("DZA_PRES", D(2019, 6, 1), "abdelkader_bensalah"),  # acting after Bouteflika's resignation
        ("DZA_PRES", D(2024, 1, 1), "abdelmadjid_tebboune"),
        ("DZA_PM", D(2010, 1, 1), "ahmed_ouyahia"),
        ("DZA_PM", D(2014, 4, 1), "youcef_yousfi"),
        ("DZA_PM", D(2017, 6, 1), "abdelmadjid_tebboune"),
        ("DZA_PM", D(2025, 10, 1), "sifi_ghrieb"),
        # Morocco
        ("MAR_KING", D(1999, 7, 22), "hassan_ii"),
        ("MAR_KING", D(1999, 7, 23), "mohammed_vi"),
        ("MAR_PM", D(2012, 6, 1), "abdelilah_benkirane"),
        ("MAR_PM", D(2022, 1, 1), "aziz_akhannouch"),
        # Libya
        ("LBY_LEADER", D(1990, 1, 1), "muammar_gaddafi"),
        ("LBY_LEADER", D(2011, 3, 19), "muammar_gaddafi"),
        ("LBY_NTC_CHAIR", D(2011, 9, 1), "mustafa_abdul_jalil"),
        ("LBY_PM", D(2013, 1, 1), "ali_zeidan"),
        ("LBY_PC_CHAIR", D(2019, 4, 4), "fayez_al_sarraj"),
        ("LBY_PM", D(2023, 9, 11), "abdul_hamid_dbeibah"),
        # Tunisia
        ("TUN_PRES", D(2010, 12, 17), "zine_el_abidine_ben_ali"),
        ("TUN_PRES", D(2011, 5, 1), "fouad_mebazaa"),
        ("TUN_PRES", D(2019, 7, 25), "mohamed_ennaceur"),
        ("TUN_PRES", D(2021, 7, 25), "kais_saied"),
        ("TUN_PM", D(2011, 2, 27), "beji_caid_essebsi"),
        ("TUN_PM", D(2022, 1, 1), "najla_bouden"),
        # Zimbabwe, Angola
        ("ZWE_PRES", D(2008, 6, 27), "robert_mugabe"),
        ("ZWE_PRES", D(2018, 1, 1), "emmerson_mnangagwa"),
        ("ZWE_PM", D(2010, 1, 1), "morgan_tsvangirai"),
        ("AGO_PRES", D(2002, 4, 4), "jose_eduardo_dos_santos"),
        ("AGO_PRES", D(2017, 9, 26), "joao_lourenco"),
        ("AGO_PM", D(2005, 1, 1), "fernando_dias_dos_santos"),
        # Rwanda, Burundi, South Sudan
        ("RWA_PRES", D(1994, 4, 6), "juvenal_habyarimana"),
        ("RWA_PRES", D(1994, 5, 1), "theodore_sindikubwabo"),
        ("RWA_PRES", D(2000, 4, 1), "paul_kagame"),  # acting, as Vice President
        ("RWA_PRES", D(2024, 8, 11), "paul_kagame"),
        ("RWA_PM", D(1994, 4, 7), "agathe_uwilingiyimana"),
        ("RWA_PM", D(2020, 1, 1), "edouard_ngirente"),
        ("RWA_PM", D(2025, 7, 23), "justin_nsengiyumva"),
        ("BDI_PRES", D(1993, 8, 1), "melchior_ndadaye"),
        ("BDI_PRES", D(1995, 1, 1), "sylvestre_ntibantunganya"),
        ("BDI_PRES", D(2015, 5, 13), "pierre_nkurunziza"),
        ("BDI_PRES", D(2020, 6, 18), "evariste_ndayishimiye"),
        ("BDI_PM", D(2021, 1, 1), "alain_guillaume_bunyoni"),
        ("SSD_PRES", D(2013, 12, 15), "salva_kiir"),
        # Mali
        ("MLI_PRES", D(1991, 1, 1), "moussa_traore"),
        ("MLI_PRES", D(1995, 1, 1), "alpha_oumar_konare"),
        ("MLI_PRES", D(2012, 3, 21), "amadou_toumani_toure"),
        ("MLI_PRES", D(2013, 1, 11), "dioncounda_traore"),
        ("MLI_PRES", D(2020, 8, 19), "assimi_goita"),
        ("MLI_PRES", D(2021, 1, 1), "bah_ndaw"),
        ("MLI_PRES", D(2024, 1, 1), "assimi_goita"),
        # Spain, Greece, Netherlands
        ("ESP_KING", D(2014, 6, 18), "juan_carlos_i"),
        ("ESP_KING", D(2014, 6, 19), "felipe_vi"),
        ("ESP_PM", D(1992, 7, 25), "felipe_gonzalez"),
        ("ESP_PM", D(2004, 3, 11), "jose_maria_aznar"),
        ("ESP_PM", D(2017, 10, 1), "mariano_rajoy"),
        ("ESP_PM", D(2018, 6, 2), "pedro_sanchez"),
        ("GRC_PRES", D(1992, 1, 1), "konstantinos_karamanlis"),
        ("GRC_PRES", D(2022, 1, 1), "katerina_sakellaropoulou"),
        ("GRC_PM", D(1991, 1, 1), "konstantinos_mitsotakis"),
        ("GRC_PM", D(2010, 5, 2), "george_papandreou"),
        ("GRC_PM", D(2015, 7, 5), "alexis_tsipras"),
        ("GRC_PM", D(2015, 9, 1), "vassiliki_thanou"),
        ("GRC_PM", D(2024, 1, 1), "kyriakos_mitsotakis"),
        ("NLD_MONARCH", D(2013, 4, 29), "beatrix_of_the_netherlands"),
        ("NLD_MONARCH", D(2013, 4, 30), "willem_alexander"),
        ("NLD_PM", D(1990, 1, 1), "ruud_lubbers"),  # person from an earlier part
        ("NLD_PM", D(2014, 7, 17), "mark_rutte"),
        ("NLD_PM", D(2025, 1, 1), "dick_schoof"),
        # Azerbaijan, Kyrgyzstan
        ("AZE_PRES", D(1990, 6, 1), "ayaz_mutalibov"),
        ("AZE_PRES", D(1994, 5, 12), "heydar_aliyev"),
        ("AZE_PRES", D(2020, 9, 27), "ilham_aliyev"),
        ("AZE_PM", D(2003, 9, 1), "ilham_aliyev"),
        ("AZE_PM", D(2010, 1, 1), "artur_rasizade"),
        ("KGZ_PRES", D(2000, 1, 1), "askar_akayev"),
        ("KGZ_PRES", D(2005, 4, 1), "kurmanbek_bakiyev"),  # acting while Akayev's resignation was pending
        ("KGZ_PRES", D(2010, 6, 1), "roza_otunbayeva"),
        ("KGZ_PRES", D(2020, 12, 1), "talant_mamytov"),
        ("KGZ_PRES", D(2022, 1, 1), "sadyr_japarov"),
        # Chile, Peru, Bolivia, Nicaragua
        ("CHL_PRES", D(1990, 1, 1), "augusto_pinochet"),
        ("CHL_PRES", D(1990, 3, 11), "patricio_aylwin"),
        ("CHL_PRES", D(2007, 1, 1), "michelle_bachelet"),  # person from an earlier part
        ("CHL_PRES", D(2019, 10, 18), "sebastian_pinera"),
        ("CHL_PRES", D(2023, 1, 1), "gabriel_boric"),
        ("PER_PRES", D(1992, 4, 5), "alberto_fujimori"),
        ("PER_PRES", D(2001, 1, 1), "valentin_paniagua"),
        ("PER_PRES", D(2020, 11, 12), "manuel_merino"),
        ("PER_PRES", D(2022, 12, 7), "dina_boluarte"),
        ("PER_PRES", D(2025, 10, 10), "jose_jeri"),
        ("BOL_PRES", D(2003, 10, 1), "gonzalo_sanchez_de_lozada"),
        ("BOL_PRES", D(2010, 1, 1), "evo_morales"),
        ("BOL_PRES", D(2020, 1, 1), "jeanine_anez"),
        ("BOL_PRES", D(2024, 6, 26), "luis_arce"),
        ("NIC_PRES", D(1990, 1, 1), "daniel_ortega"),
        ("NIC_PRES", D(1995, 1, 1), "violeta_chamorro"),
        ("NIC_PRES", D(2018, 4, 18), "daniel_ortega"),
        # Haiti
        ("HTI_PRES", D(1990, 6, 1), "ertha_pascal_trouillot"),
        ("HTI_PRES", D(1993, 1, 1), "jean_bertrand_aristide"),  # in exile, still the recognised President
        ("HTI_PRES", D(2004, 2, 29), "boniface_alexandre"),
        ("HTI_PRES", D(2010, 1, 12), "rene_preval"),
        ("HTI_PRES", D(2016, 6, 1), "jocelerme_privert"),
        ("HTI_PRES", D(2021, 7, 7), "jovenel_moise"),
    ],
)
def test_holder_on_date(kb, office, date, person):
    holder = kb.holder(office, date)
    assert holder is not None and holder.person_id == person, (office, date, holder)


@pytest.mark.parametrize(
    "office,date",
    [
        ("DZA_PRES", D(1993, 1, 1)),  # the High Council of State
        ("DZA_PRES", D(2019, 4, 5)),  # between Bouteflika's resignation and Bensalah
        ("LBY_LEADER", D(2012, 1, 1)),
        ("TUN_PM", D(2021, 9, 1)),  # after Mechichi's dismissal
        ("BDI_PRES", D(2020, 6, 12)),  # between Nkurunziza's death and Ndayishimiye
        ("HTI_PRES", D(2023, 1, 1)),  # no President after Moise's assassination
        ("ZWE_PM", D(2015, 1, 1)),  # office abolished
    ],
)
def test_vacancies_have_no_holder(kb, office, date):
    assert kb.holder(office, date) is None


@pytest.mark.parametrize(
    "phrase,office",
    [
        ("Algerian president", "DZA_PRES"),
        ("Morocco's king", "MAR_KING"),
        ("Moroccan head of government", "MAR_PM"),
        ("Spanish prime minister", "ESP_PM"),
        ("Spanish King", "ESP_KING"),
        ("Dutch queen", "NLD_MONARCH"),
        ("Greek prime minister", "GRC_PM"),
        ("Libyan leader", "LBY_LEADER"),
        ("president of Tunisia", "TUN_PRES"),
        ("Azerbaijani president", "AZE_PRES"),
        ("Kyrgyz president", "KGZ_PRES"),
        ("Peruvian president", "PER_PRES"),
        ("South Sudanese president", "SSD_PRES"),
    ],
)
def test_role_phrases(kb, phrase, office):
    found = kb.office_by_phrase(phrase)
    assert found is not None and found.office_id == office


@pytest.mark.parametrize(
    "name,person",
    [
        ("Muammar Gaddafi", "muammar_gaddafi"),
        ("Moammar Gadhafi", "muammar_gaddafi"),
        ("Muammar Qaddafi", "muammar_gaddafi"),
        ("Mouammar Kadhafi", "muammar_gaddafi"),
        ("Qaddafi", "muammar_gaddafi"),
        ("Abdelaziz Bouteflika", "abdelaziz_bouteflika"),
        ("José Eduardo dos Santos", "jose_eduardo_dos_santos"),
        ("Jose Eduardo dos Santos", "jose_eduardo_dos_santos"),
        ("Beji Caid Sebsi", "beji_caid_essebsi"),
        ("Kaïs Saïed", "kais_saied"),
        ("Jose Luis Rodriguez Zapatero", "jose_luis_rodriguez_zapatero"),
        ("Sebastian Pinera", "sebastian_pinera"),
        ("Constantine Karamanlis", "konstantinos_karamanlis"),
        ("Costas Karamanlis", "kostas_karamanlis"),
        ("Heydar Aliev", "heydar_aliyev"),
        ("Kurmanbek Bakiev", "kurmanbek_bakiyev"),
        ("Abdulhamid Dbeibah", "abdul_hamid_dbeibah"),
        ("Salva Kiir", "salva_kiir"),
    ],
)
def test_alternative_spellings(kb, name, person):
    p = kb.person(name)
    assert p is not None and p.person_id == person


def test_surnames(kb):
    assert [p.person_id for p in kb.people_by_surname("Bouteflika")] == ["abdelaziz_bouteflika"]
    assert {p.person_id for p in kb.people_by_surname("Papandreou")} == {
        "andreas_papandreou",
        "george_papandreou",
    }
    assert {p.person_id for p in kb.people_by_surname("Aliyev")} == {"heydar_aliyev", "ilham_aliyev"}
    assert kb.people_by_surname("Lagos") == []  # the city, not Ricardo Lagos


@pytest.mark.parametrize(
    "phrase,date,name",
    [
        ("the Algerian president", D(2005, 1, 1), "Abdelaziz Bouteflika"),
        ("the Algerian president", D(2023, 1, 1), "Abdelmadjid Tebboune"),
        ("Morocco's king", D(2010, 1, 1), "Mohammed VI"),
        ("Spanish prime minister", D(2020, 1, 1), "Pedro Sánchez"),
        ("the Dutch king", D(2020, 1, 1), "Willem-Alexander"),
        ("the Libyan leader", D(2005, 1, 1), "Muammar Gaddafi"),
        ("the Greek prime minister", D(2015, 3, 1), "Alexis Tsipras"),
        ("Zimbabwe's president", D(2010, 1, 1), "Robert Mugabe"),
    ],
)
def test_resolver_names_the_holder(resolver, phrase, date, name):
    e = resolver.resolve(None, phrase, date)
    assert e is not None and e.name == name, (phrase, date, e)


def test_part_is_not_truncated():
    assert len(part_rows("terms", PART)) > 200
