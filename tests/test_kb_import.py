"""Tests of newsevents.kb_import: CAMEO and Wikidata importers, extra KB directories, the kb import command."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents import kb as kb_mod
from newsevents.kb import KnowledgeBase
from newsevents.kb_import import (
    KBImportError,
    cameo_code_parts,
    cameo_date,
    import_cameo,
    import_wikidata,
    kb_group,
    read_cameo,
    wikidata_date,
)

FIX = Path(__file__).parent / "fixtures" / "kb"
CAMEO = FIX / "cameo_small.actors.txt"
WIKIDATA = FIX / "wikidata_small.json"
SHIPPED = Path(kb_mod.__file__).parent / "data" / "kb"
D = dt.date


@pytest.fixture(scope="module")
def base_dir(tmp_path_factory) -> Path:
    """The shipped KB without its part files, so that rows other curators append do not change these tests."""
    d = tmp_path_factory.mktemp("kbbase")
    for p in SHIPPED.iterdir():
        if p.is_file() and not (p.suffix == ".tsv" and p.stem.count(".") == 1):
            shutil.copy(p, d / p.name)
    return d


@pytest.fixture(scope="module")
def base(base_dir) -> KnowledgeBase:
    return KnowledgeBase(base_dir)


def _rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:]]


# --------------------------------------------------------------------------- CAMEO parsing


def test_cameo_dates_follow_petrarch():
    assert cameo_date("991210") == D(1999, 12, 10)
    assert cameo_date("300101") == D(2030, 1, 1)  # YY <= 30 is 20YY
    assert cameo_date("310101") == D(1931, 1, 1)
    assert cameo_date("20090417") == D(2009, 4, 17)
    assert cameo_date("201005011") == D(2010, 5, 1)  # only the first 8 digits of a long date
    with pytest.raises(ValueError):
        cameo_date("200231")


def test_cameo_code_parts(base):
    assert cameo_code_parts("USAGOVLEG", base) == ("USA", "GOV", "LEG")
    assert cameo_code_parts("NZLGOV", base) == ("NZL", "GOV", "")
    assert cameo_code_parts("IGOUNO", base) == ("UNO", "IGO", "")
    assert cameo_code_parts("IGOUNODEV", base) == ("UNO", "IGO", "")
    assert cameo_code_parts("IGOWSTNAT", base) == ("NAT", "IGO", "")
    assert cameo_code_parts("IGOEUREEC", base) == ("EUR", "IGO", "")
    assert cameo_code_parts("IGOAFRAFU", base) == ("IGO", "IGO", "")
    assert cameo_code_parts("NGOHRI", base) == ("", "NGO", "")
    assert cameo_code_parts("MNCUSA", base) == ("", "BUS", "")
    assert cameo_code_parts("ELI", base) == ("", "ELI", "")
    assert cameo_code_parts("AFRGOV", base) == ("", "GOV", "")  # a region, not a country


def test_read_cameo_entries_synonyms_and_codes(base):
    entries = {e.name: e for e in read_cameo(CAMEO, base)}
    assert set(entries) == {
        "New Zealand",
        "Helen Clark",
        "John Key",
        "Kofi Annan",
        "Sergey Lavrov",
        "Boutros Boutros Ghali",
    }
    nz = entries["New Zealand"]
    assert nz.synonyms == ["Aotearoa", "Wellington"] and not nz.is_person()
    clark = entries["Helen Clark"]
    assert clark.synonyms == ["Helen Elizabeth Clark", "Prime Minister Helen Clark", "Clark"]
    gov = clark.codes[0]
    assert (gov.code, gov.country, gov.sector, gov.start, gov.end) == (
        "NZLGOV",
        "NZL",
        "GOV",
        D(1999, 12, 10),
        D(2008, 11, 19),
    )
    assert gov.line == 12
    assert [c.code for c in entries["John Key"].codes] == ["NZLGOV"]  # [---] is the null code
    lavrov = entries["Sergey Lavrov"].codes[0]
    assert (lavrov.start, lavrov.end) == (D(2004, 3, 9), None)
    ghali = entries["Boutros Boutros Ghali"].codes[0]
    assert (ghali.start, ghali.end) == (None, D(1996, 12, 31))
    annan = entries["Kofi Annan"]
    assert [c.dated for c in annan.codes] == [True, False]


def test_import_cameo_dedups_and_maps(base, tmp_path):
    report = import_cameo([CAMEO], tmp_path, kb=base)
    people = {r["name"]: r for r in _rows(tmp_path / "people.cameo.tsv")}
    assert set(people) == {"Helen Clark", "John Key"}  # Annan, Lavrov are in the KB; New Zealand is no person
    clark = people["Helen Clark"]
    assert clark["country"] == "NZL" and clark["surname"] == "Clark"
    assert clark["aliases"] == "Helen Elizabeth Clark"  # "Prime Minister Helen Clark" is a title, not a name
    terms = _rows(tmp_path / "terms.cameo.tsv")
    annan = [t for t in terms if t["person_id"] == "kofi_annan"]
    assert [(t["office_id"], t["start"], t["end"], t["code"]) for t in annan] == [
        ("CAMEO_UNO_IGO", "1997-01-01", "2006-12-31", "IGOUNO")
    ]
    undp = [t for t in terms if t["code"] == "IGOUNODEV"]
    assert [(t["office_id"], t["start"], t["end"]) for t in undp] == [
        ("CAMEO_UNO_IGO", "2009-04-17", "2017-04-19")
    ]
    lavrov = [t for t in terms if t["person_id"] == "sergey_lavrov"]
    assert lavrov[0]["end"] == "" and lavrov[0]["note"] == "open-ended in the source"
    assert report.people == 2 and report.people_matched == 2
    assert report.skipped["code without a start date (<d)"] == 1  # Boutros-Ghali's [IGOUNO <961231]
    assert report.skipped["not a person (no dated role code with a sector)"] == 1
    offices = {r["office_id"]: r for r in _rows(tmp_path / "offices.cameo.tsv")}
    assert offices["CAMEO_NZL_GOV"]["single"] == "no" and offices["CAMEO_NZL_LEG"]["sector"] == "LEG"


def test_cameo_open_end_closes_open_codes(base, tmp_path):
    import_cameo([CAMEO], tmp_path, kb=base, open_end=D(2014, 1, 30))
    lavrov = [t for t in _rows(tmp_path / "terms.cameo.tsv") if t["person_id"] == "sergey_lavrov"]
    assert lavrov[0]["end"] == "2014-01-30"


def test_cameo_output_loads_as_extra_kb(base_dir, tmp_path):
    kb0 = KnowledgeBase(base_dir)
    import_cameo([CAMEO], tmp_path, kb=kb0)
    kb = KnowledgeBase(base_dir, extra_dirs=[tmp_path])
    key = kb.person("John Phillip Key")
    assert key is not None and key.country == "NZL"
    assert [o.office_id for o in kb.offices_of(key.person_id, D(2012, 6, 1))] == ["CAMEO_NZL_GOV"]
    assert kb.offices_of(key.person_id, D(2017, 6, 1)) == []
    assert kb.holder("CAMEO_NZL_GOV", D(2012, 6, 1)) is not None  # a generic office is never a title though
    assert kb.office_by_phrase("New Zealand prime minister") is None


def test_cameo_malformed_input_names_file_and_line(base, tmp_path):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("# header\n\t[USAGOV 010101-020202]\n", encoding="utf-8")
    with pytest.raises(KBImportError) as e:
        read_cameo(bad, base)
    assert str(e.value) == f"{bad}:2: role code line before any entry"
    bad.write_text("SOMEONE_\n\t[USAGOV 010101-020202\n", encoding="utf-8")
    with pytest.raises(KBImportError, match=r"bad\.actors\.txt:2: unbalanced"):
        read_cameo(bad, base)
    bad.write_text("+SYNONYM_FIRST\n", encoding="utf-8")
    with pytest.raises(KBImportError, match=r":1: synonym line before any entry"):
        read_cameo(bad, base)
    bad.write_text("SOMEONE_\n\t[USAGOV 010101-000101]\n\t[USAGOV 019999-020101]\n", encoding="utf-8")
    report = import_cameo([bad], tmp_path / "out", kb=base)
    assert report.skipped["end date before start date"] == 1 and report.skipped["malformed date"] == 1
    with pytest.raises(KBImportError) as e:
        import_cameo([bad], tmp_path / "out", kb=base, strict=True)
    assert "\n" not in str(e.value) and str(e.value).startswith(f"{bad}:2: end date before start date")


# --------------------------------------------------------------------------- Wikidata


def test_wikidata_dates():
    assert wikidata_date("2017-01-20T00:00:00Z") == D(2017, 1, 20)
    assert wikidata_date("+1981-01-20T00:00:00Z") == D(1981, 1, 20)
    assert wikidata_date("1990-00-00T00:00:00Z") == D(1990, 1, 1)
    with pytest.raises(ValueError):
        wikidata_date("20 January 1981")


def test_import_wikidata_dedups_and_maps(base, tmp_path):
    report = import_wikidata([WIKIDATA], tmp_path, kb=base)
    people = {p["name"]: p for p in _rows(tmp_path / "people.wikidata.tsv")}
    assert set(people) == {"Ronald Reagan", "George H. W. Bush", "Margaret Thatcher"}  # Clinton is in the KB
    reagan = people["Ronald Reagan"]
    assert (reagan["country"], reagan["aliases"], reagan["surname"], reagan["note"]) == (
        "USA",
        "Ronald Wilson Reagan",  # "Reagan" is the surname, "President Reagan" a title
        "Reagan",
        "wikidata Q9960",
    )
    # "George Bush" is the shipped George W. Bush's alias, not his name: the father is not merged into the son
    assert people["George H. W. Bush"]["person_id"] != "george_w_bush"
    assert people["Margaret Thatcher"]["country"] == "GBR"  # from the office when the row has no country
    terms = [
        (t["person_id"], t["office_id"], t["start"], t["end"]) for t in _rows(tmp_path / "terms.wikidata.tsv")
    ]
    bush = people["George H. W. Bush"]["person_id"]
    assert terms == [
        ("ronald_reagan", "USA_PRES", "1981-01-20", "1989-01-20"),
        (bush, "USA_VP", "1981-01-20", "1989-01-20"),
        (bush, "USA_PRES", "1989-01-20", "1993-01-20"),  # the same QID is one person
        ("margaret_thatcher", "GBR_PM", "1979-05-04", "1990-11-28"),
    ]
    assert report.skipped["term already in the knowledge base"] == 1  # Clinton's presidency
    assert report.people_matched == 1 and report.people == 3 and report.terms == 4


def test_wikidata_output_resolves_a_title_on_a_date(base_dir, tmp_path):
    import_wikidata([WIKIDATA], tmp_path, kb=KnowledgeBase(base_dir))
    kb = KnowledgeBase(base_dir, extra_dirs=[tmp_path])
    office = kb.office_by_phrase("President of the United States")
    assert office is not None
    assert kb.holder(office.office_id, D(1985, 6, 1)).name == "Ronald Reagan"
    assert kb.holder(office.office_id, D(1990, 6, 1)).name == "George H. W. Bush"
    assert kb.holder(office.office_id, D(1995, 6, 1)).person_id == "bill_clinton"
    assert kb.holder("USA_VP", D(1985, 6, 1)).name == "George H. W. Bush"
    assert kb.office_by_phrase("British prime minister").office_id == "GBR_PM"
    assert kb.holder("GBR_PM", D(1982, 6, 1)).name == "Margaret Thatcher"


def test_extra_dirs_from_environment(tmp_path, monkeypatch):
    import_wikidata([WIKIDATA], tmp_path, kb=KnowledgeBase())
    monkeypatch.setenv("NEWSEVENTS_KB_EXTRA", f"{tmp_path / 'missing'}{os.pathsep}{tmp_path}")
    kb_mod._default.cache_clear()
    try:
        with pytest.raises(ValueError, match="does not exist"):
            kb_mod.default()
        monkeypatch.setenv("NEWSEVENTS_KB_EXTRA", f"{tmp_path}{os.pathsep}")
        kb_mod._default.cache_clear()
        kb = kb_mod.default()
        assert kb.holder("USA_PRES", D(1985, 6, 1)).name == "Ronald Reagan"
    finally:
        monkeypatch.delenv("NEWSEVENTS_KB_EXTRA")
        kb_mod._default.cache_clear()


def test_extra_dir_id_defined_twice_is_an_error(base_dir, tmp_path):
    (tmp_path / "people.x.tsv").write_text(
        "person_id\tname\taliases\tcountry\tsurname\tsector\tnote\nkofi_annan\tKofi Annan\t\tGHA\tAnnan\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="person kofi_annan defined twice"):
        KnowledgeBase(base_dir, extra_dirs=[tmp_path])
    with pytest.raises(ValueError, match="does not exist"):
        KnowledgeBase(base_dir, extra_dirs=[tmp_path / "missing"])


def _sparql(tmp_path: Path, bindings: list[dict], variables=("person", "position", "start", "end")) -> Path:
    p = tmp_path / "q.json"
    p.write_text(
        json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, indent=1),
        encoding="utf-8",
    )
    return p


def _b(person: str, position: str, start: str, **extra) -> dict:
    b = {
        "person": {"type": "uri", "value": f"http://www.wikidata.org/entity/{person}"},
        "position": {"type": "uri", "value": f"http://www.wikidata.org/entity/{position}"},
        "start": {"type": "literal", "value": start},
    }
    for k, v in extra.items():
        b[k] = {"type": "literal", "value": v}
    return b


def test_wikidata_new_office_through_a_positions_map(base_dir, tmp_path):
    # invented test office and person
    positions = tmp_path / "pos.tsv"
    positions.write_text(
        "qid\toffice_id\tlabel\ttitle\tcountry\tsector\tkind\troles\tsingle\tphrases\n"
        "Q900000001\tTST_CHAIR\tTest chair\tChair of the Test Board\tNZL\tGOV\tchair\t\tyes\tTest Board chair\n",
        encoding="utf-8",
    )
    src = _sparql(
        tmp_path, [_b("Q900000002", "Q900000001", "2001-02-03T00:00:00Z", personLabel="Tess Example")]
    )
    out = tmp_path / "out"
    report = import_wikidata([src], out, kb=KnowledgeBase(base_dir), positions=[positions])
    assert report.offices == 1 and report.people == 1
    kb = KnowledgeBase(base_dir, extra_dirs=[out])
    office = kb.office_by_phrase("Test Board chair")
    assert office.office_id == "TST_CHAIR" and kb.holder("TST_CHAIR", D(2010, 1, 1)).name == "Tess Example"
    assert kb.holder("TST_CHAIR", D(2000, 1, 1)) is None


def test_wikidata_unmapped_position_and_missing_start_are_skipped(base, tmp_path):
    src = _sparql(
        tmp_path,
        [
            _b("Q900000002", "Q900000003", "2001-02-03T00:00:00Z", personLabel="Tess Example"),
            {
                "person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q9960"},
                "position": {"type": "uri", "value": "http://www.wikidata.org/entity/Q11696"},
            },
        ],
    )
    report = import_wikidata([src], tmp_path / "out", kb=base)
    assert report.skipped["position not in the mapping"] == 1 and report.skipped["no start date"] == 1
    assert report.terms == 0


def test_wikidata_malformed_input_names_file_and_line(base, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"head": {"vars": []},\n "results": {"bindings": [}\n}', encoding="utf-8")
    with pytest.raises(KBImportError, match=r"bad\.json:2: invalid JSON"):
        import_wikidata([bad], tmp_path / "out", kb=base)
    src = _sparql(tmp_path, [], variables=("person", "start"))
    with pytest.raises(KBImportError, match=r"q\.json:1: .*position"):
        import_wikidata([src], tmp_path / "out", kb=base)
    src = _sparql(
        tmp_path,
        [
            _b("Q9960", "Q11696", "1981-01-20T00:00:00Z", personLabel="Ronald Reagan"),
            _b("Q9960", "Q11696", "January 1981", personLabel="Ronald Reagan"),
        ],
    )
    with pytest.raises(KBImportError) as e:
        import_wikidata([src], tmp_path / "out", kb=base, strict=True)
    assert (
        str(e.value).startswith(f"{src}:") and "malformed date" in str(e.value) and "\n" not in str(e.value)
    )
    lineno = int(str(e.value)[len(str(src)) + 1 :].split(":")[0])
    assert "January 1981" in "\n".join(src.read_text().splitlines()[lineno - 1 : lineno + 12])
    report = import_wikidata([src], tmp_path / "out", kb=base)
    assert report.skipped["malformed date"] == 1 and report.terms == 1


def test_positions_map_errors(base, tmp_path):
    pos = tmp_path / "pos.tsv"
    pos.write_text("qid\toffice_id\nQ1\tNO_SUCH_OFFICE\n", encoding="utf-8")
    src = _sparql(tmp_path, [])
    with pytest.raises(
        KBImportError, match=r"pos\.tsv:2: office NO_SUCH_OFFICE is not in the knowledge base"
    ):
        import_wikidata([src], tmp_path / "out", kb=base, positions=[pos])


def test_shipped_positions_map_names_known_offices():
    kb = KnowledgeBase()
    rows = _rows(SHIPPED / "wikidata_positions.tsv")
    assert {r["qid"]: r["office_id"] for r in rows}["Q81066"] == "UN_SG"
    for r in rows:
        assert r["office_id"] in kb.offices, r
        assert kb.offices[r["office_id"]].title == r["label"] or r["label"], r


# --------------------------------------------------------------------------- command line


def test_cli_import_prints_counts(tmp_path):
    runner = CliRunner()
    res = runner.invoke(kb_group, ["import", "--format", "cameo", str(CAMEO), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "people:" in res.output and "terms:" in res.output and "code without a start date" in res.output
    assert (tmp_path / "terms.cameo.tsv").exists()
    res = runner.invoke(kb_group, ["import", "--format", "wikidata", str(CAMEO), "--out", str(tmp_path)])
    assert res.exit_code == 1 and "invalid JSON" in res.output
