"""Gazetteer, toponym resolution in context, event location (invented texts), and the geoparsing scorer."""

from __future__ import annotations

import pytest

from newsevents.model import Location
from newsevents.places import (
    Gazetteer,
    _embedded_area,
    _tsv_rows,
    event_location,
    haversine_km,
    is_adjectival,
    is_facility_name,
    normalize,
    recognise_entities,
    recognise_spans,
    recognise_toponyms,
    resolve_toponyms,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for n in names:
        i = text.index(n, pos)
        out.append((i, i + len(n)))
        pos = i + 1
    return out


def test_normalize_ignores_case_accents_and_punctuation() -> None:
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("Zürich") == normalize("zurich")
    assert normalize("Saint-Étienne") == normalize("St Etienne")
    assert normalize("the Gambia") == "gambia"


def test_candidates_cover_cities_countries_states_regions(gaz: Gazetteer) -> None:
    assert gaz.candidates("Kiev")[0].name == "Kyiv"  # alternate name from GeoNames
    ukr = [p for p in gaz.candidates("Ukraine") if p.feature == "country"]
    assert ukr and ukr[0].country == "UKR"
    assert any(p.feature == "admin1" and p.country == "USA" for p in gaz.candidates("Georgia"))
    crimea = gaz.candidates("Crimea")[0]
    assert crimea.feature == "region" and crimea.country == "UKR"
    assert haversine_km(crimea.lat, crimea.lon, 44.95, 34.1) < 150  # Simferopol
    assert gaz.candidates("Ukrainian")[0].name == "Ukraine"
    assert gaz.candidates("Americans")[0].country == "USA"
    assert gaz.candidates("Qwzxv") == []


def test_capital_lookup(gaz: Gazetteer) -> None:
    cap = gaz.capital("UKR")
    assert cap is not None and cap.name == "Kyiv"
    assert gaz.capital("FRA").name == "Paris"


def test_curated_regions_have_valid_rows() -> None:
    for row in _tsv_rows("regions.tsv"):
        name, _aliases, feature, country, lat, lon = row[:6]
        assert feature in {"region", "admin1", "water", "landmark", "seat"}, name
        assert feature != "seat" or country == "", name  # an organisation's seat votes for no country
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
        assert country == "" or (len(country) == 3 and country.isupper()), name


def test_population_wins_without_context() -> None:
    text = "Officials met in Paris on Monday."
    (loc,) = resolve_toponyms(text, spans_of(text, "Paris"))
    assert loc is not None and loc.country == "FRA"
    assert loc.text == "Paris" and loc.start == text.index("Paris")


def test_qualifier_picks_the_state() -> None:
    text = "The fair in Paris, Texas, drew crowds."
    loc, tx = resolve_toponyms(text, spans_of(text, "Paris", "Texas"))
    assert loc is not None and loc.country == "USA" and haversine_km(loc.lat, loc.lon, 33.66, -95.56) < 20
    assert tx is not None and tx.name == "Texas"


def test_ap_abbreviation_qualifier() -> None:
    text = "He grew up in Athens, Ga., before moving away."
    (loc,) = resolve_toponyms(text, spans_of(text, "Athens"))
    assert loc is not None and loc.country == "USA" and haversine_km(loc.lat, loc.lon, 33.96, -83.38) < 20


def test_country_possessive_qualifier() -> None:
    text = "Shelling hit Kharkiv, Ukraine's second city, overnight."
    loc, ukr = resolve_toponyms(text, spans_of(text, "Kharkiv", "Ukraine's"))
    assert loc is not None and loc.country == "UKR"
    assert ukr is not None and ukr.name == "Ukraine"


def test_text_context_flips_homonyms() -> None:
    text = "Atlanta police said the suspect fled Georgia for Alabama and was caught near Birmingham."
    locs = resolve_toponyms(text, spans_of(text, "Atlanta", "Georgia", "Alabama", "Birmingham"))
    assert [loc.country if loc else None for loc in locs] == ["USA"] * 4
    assert locs[1].name == "Georgia" and locs[1].lat < 36
    text = "Russia and Georgia fought a war in 2008; Tbilisi accused Moscow."
    locs = resolve_toponyms(text, spans_of(text, "Russia", "Georgia", "Tbilisi", "Moscow"))
    assert locs[1] is not None and locs[1].country == "GEO"


def test_context_countries_from_caller() -> None:
    text = "The rally in Alexandria ended peacefully."
    (plain,) = resolve_toponyms(text, spans_of(text, "Alexandria"))
    assert plain is not None and plain.country == "EGY"
    (us,) = resolve_toponyms(text, spans_of(text, "Alexandria"), {"USA": 1.0})
    assert us is not None and us.country == "USA"


def test_common_words_are_not_places() -> None:
    text = "On Monday the president spoke. May was warm."
    locs = resolve_toponyms(text, spans_of(text, "Monday", "president", "May"))
    assert locs == [None, None, None]


def test_facility_names_are_placed_at_the_focal_town() -> None:
    assert (
        is_facility_name("Royal Street")
        and is_facility_name("Church of St Mary")
        and not is_facility_name("Kyiv")
    )
    text = "Protesters gathered in Lviv outside the Qwzxv Cathedral."
    span = spans_of(text, "Lviv", "Qwzxv Cathedral")
    assert resolve_toponyms(text, span)[1] is None
    lviv, cath = resolve_toponyms(text, span, anchor_unknown=True)
    assert cath is not None and cath.gazetteer_id is None and cath.name == "Qwzxv Cathedral"
    assert lviv is not None and (cath.lat, cath.lon) == (lviv.lat, lviv.lon)
    kept = recognise_toponyms(text, span)
    assert [loc.text for loc in kept] == ["Lviv", "Qwzxv Cathedral"]


def _locs(text: str, *names: str) -> list[Location]:
    locs = resolve_toponyms(text, spans_of(text, *names))
    assert all(loc is not None for loc in locs)
    return [loc for loc in locs if loc is not None]


def _span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return (i, i + len(word))


def test_event_location_prefers_the_place_tied_to_the_trigger() -> None:
    text = "Russian President Vladimir Putin met the Ukrainian envoy in Minsk on Friday."
    locs = _locs(text, "Russian", "Ukrainian", "Minsk")
    loc = event_location(text, (0, len(text)), _span(text, "met"), locs, ["RUS"])
    assert loc is not None and loc.name == "Minsk"


def test_event_location_where_clause() -> None:
    text = "The minister flew to Warsaw, where she signed the accord."
    locs = _locs(text, "Warsaw")
    loc = event_location(text, (0, len(text)), _span(text, "signed"), locs, [])
    assert loc is not None and loc.name == "Warsaw"


def test_event_location_skips_modifiers_and_prefers_towns() -> None:
    text = "Ukrainian forces shelled Donetsk, Russia said."
    locs = _locs(text, "Ukrainian", "Donetsk", "Russia")
    loc = event_location(text, (0, len(text)), _span(text, "shelled"), locs, ["UKR"])
    assert loc is not None and loc.name == "Donetsk"


def test_event_location_meeting_falls_back_to_capital() -> None:
    text = "The two French ministers held talks."
    loc = event_location(text, (0, len(text)), _span(text, "talks"), [], ["FRA", "FRA"], meeting=True)
    assert loc is not None and loc.name == "Paris" and loc.country == "FRA"
    assert event_location(text, (0, len(text)), _span(text, "talks"), [], ["FRA"]) is None
    assert (
        event_location(text, (0, len(text)), _span(text, "talks"), [], ["FRA", "DEU"], meeting=True) is None
    )


def test_gazetteer_loads_fast_when_cached(gaz: Gazetteer) -> None:
    import time

    from newsevents.places import _default_gazetteer

    _default_gazetteer.cache_clear()
    t = time.perf_counter()
    g = Gazetteer.default()
    assert len(g) > 200_000
    assert time.perf_counter() - t < 5.0  # about 0.4 s on the reference machine


def test_geoparsing_scorer_on_gold(evaldata_dir) -> None:
    from newsevents.evaluation import geoparsing

    res = geoparsing.score(evaldata_dir, recognition=False)
    assert res["gwn_n"] > 2500 and res["lgl_n"] > 4000
    assert res["gwn_acc161"] > 0.88 and res["lgl_acc161"] > 0.845


def test_recognise_trims_and_filters_adjectival_spans() -> None:
    text = "The Democrats criticised the Ukraine's envoy and Russian officials."
    spans = [spans_of(text, "Democrats")[0], spans_of(text, "the Ukraine's")[0], spans_of(text, "Russian")[0]]
    kept = recognise_toponyms(text, spans, labels=["NORP", "GPE", "NORP"])
    assert [(loc.text, loc.name) for loc in kept] == [("Ukraine", "Ukraine"), ("Russian", "Russia")]
    assert kept[0].start == text.index("Ukraine")


class _Ent:
    def __init__(self, text: str, part: str, label: str, after: int = 0) -> None:
        self.start_char = text.index(part, after)
        self.end_char = self.start_char + len(part)
        self.label_ = label


def test_recognise_entities_is_the_trimmed_labelled_path() -> None:
    text = "The Kremlin's envoy met Ukrainian officials in the Ukraine; Democrats in Kyiv said Mr Lviv."
    ents = [
        _Ent(text, "The Kremlin's", "FAC"),
        _Ent(text, "Ukrainian", "NORP"),
        _Ent(text, "the Ukraine", "GPE"),
        _Ent(text, "Democrats", "NORP"),
        _Ent(text, "Kyiv", "GPE"),
        _Ent(text, "Mr Lviv", "PERSON"),  # not a place label: never looked up
    ]
    got = recognise_entities(text, ents)
    assert [(e.label_, loc.text, loc.name) for e, loc in got] == [
        ("FAC", "Kremlin", "Kremlin"),
        ("NORP", "Ukrainian", "Ukraine"),
        ("GPE", "Ukraine", "Ukraine"),
        ("GPE", "Kyiv", "Kyiv"),
    ]
    assert got[0][1].start == text.index("Kremlin")
    assert is_adjectival("NORP") and not is_adjectival("GPE")


def test_a_name_after_town_of_is_a_place_whatever_its_label() -> None:
    text = "A blast near the town of Samarra killed two youths; the port city of Mombasa; Mr Samarra said."
    ents = [_Ent(text, "Samarra", "PERSON"), _Ent(text, "Mombasa", "ORG"), _Ent(text, "Mr Samarra", "PERSON")]
    got = recognise_entities(text, ents)
    assert [(loc.text, loc.country) for _, loc in got] == [("Samarra", "IRQ"), ("Mombasa", "KEN")]


def test_a_place_is_no_context_for_itself() -> None:
    # "Mexico City" named elsewhere must not turn "Mexico" (one of its alternate names) into the city
    text = "MEXICO CITY (AP) - Mexico said the talks went well. Mexico will host the next round."
    locs = resolve_toponyms(text, spans_of(text, "MEXICO CITY", "Mexico", "Mexico"))
    assert [loc.name if loc else None for loc in locs] == ["Mexico City", "Mexico", "Mexico"]


def test_famous_landmarks_beat_small_homonymous_towns() -> None:
    text = "Flights from Heathrow were cancelled."
    (loc,) = resolve_toponyms(text, spans_of(text, "Heathrow"))
    assert loc is not None and loc.country == "GBR"


def test_english_counties_and_context() -> None:
    text = "Police in Kent and Essex closed roads after floods near Maidstone."
    kent, essex, _ = resolve_toponyms(text, spans_of(text, "Kent", "Essex", "Maidstone"))
    assert kent is not None and kent.country == "GBR" and essex is not None and essex.country == "GBR"
    text = "Kent police in Washington state said Seattle and Tacoma roads were closed."
    kent_wa, *_ = resolve_toponyms(text, spans_of(text, "Kent", "Seattle", "Tacoma"))
    assert kent_wa is not None and kent_wa.country == "USA"


def test_country_without_countryinfo_point_uses_its_capital(gaz: Gazetteer) -> None:
    kosovo = gaz.country("XKX")
    assert kosovo is not None and haversine_km(kosovo.lat, kosovo.lon, 42.67, 21.17) < 60  # Pristina


@pytest.mark.slow
def test_pipeline_places_are_the_recognised_toponyms(nlp) -> None:
    import datetime as dt

    from newsevents.annotate import annotate
    from newsevents.pipeline import analyse_state, article_from_text

    text = (
        "The Kremlin's spokesman said Russian troops would stay. Later the minister flew to Kiev, "
        "where he met Ukrainian officials on Royal Street."
    )
    doc = nlp(text)
    expected = [(loc.start, loc.end, loc.name) for _, loc in recognise_entities(text, doc.ents)]
    a = annotate(article_from_text(text, published=dt.date(2014, 3, 8)), doc)
    assert [(p.start, p.end, p.name) for p in a.places] == expected
    assert all(text[p.start : p.end] == p.text for p in a.places)
    names = {p.text: p.name for p in a.places}
    assert names.get("Kiev") == "Kyiv" and names.get("Russian") == "Russia" and "Royal Street" in names
    # demonyms are places for recognition, never an event's site
    state, _ = analyse_state(article_from_text(text, published=dt.date(2014, 3, 8)), doc)
    assert all(loc.text not in ("Russian", "Ukrainian") for _, loc in state.site_places)


def _resolve_all(text: str, pattern: str) -> list:
    import re

    from newsevents.places import resolve_toponyms

    return resolve_toponyms(text, [m.span() for m in re.finditer(pattern, text)])


def test_local_towns_resolve_in_one_state() -> None:
    text = (
        "Middletown police said the suspect lived in Middletown and worked in Cromwell. "
        "Meriden and Durham officers helped the Middletown department."
    )
    locs = _resolve_all(text, r"Middletown|Cromwell|Meriden|Durham")
    assert all(loc is not None and loc.country == "USA" for loc in locs)
    # all in Connecticut (Durham, North Carolina and Middletown, New York/Ohio are the bigger namesakes)
    assert all(41.0 < loc.lat < 42.2 and -73.5 < loc.lon < -72.0 for loc in locs)


def test_last_pass_keeps_the_country_reading() -> None:
    text = (
        "Officials in Washington and the U.S. asked Russia and Malaysia for data. "
        "Scientists at Cambridge said Cambridge models differ; Cambridge staff agreed."
    )
    locs = _resolve_all(text, r"Washington|U\.S\.|Russia|Malaysia|Cambridge")
    by_text = {loc.text: loc for loc in locs}
    assert by_text["Washington"].country == "USA"
    assert [loc.country for loc in locs if loc.text == "Cambridge"] == ["GBR"] * 3


def test_country_points_are_documented_and_applied(gaz: Gazetteer) -> None:
    rows = _tsv_rows("country_points.tsv")
    assert len(rows) >= 4
    for iso3, lat, lon, source in (r[:4] for r in rows):
        assert len(source) > 20, iso3  # each point says which documented point it is
        p = gaz.country(iso3)
        assert p is not None and (p.lat, p.lon) == (float(lat), float(lon)), iso3
    india = gaz.country("IND")
    assert india is not None and haversine_km(india.lat, india.lon, 21.15, 79.08) < 5  # Nagpur


def test_demonyms_by_suffix_rule(gaz: Gazetteer) -> None:
    assert gaz.candidates("Ohioans")[0].name == "Ohio"
    assert gaz.candidates("Californian")[0].name == "California"
    ont = gaz.candidates("Ontarians")[0]
    assert ont.feature == "admin1" and ont.country == "CAN"
    assert gaz.candidates("Londoner")[0].country == "GBR"
    # the stem must be an area or a big city, never a small town by accident
    assert gaz.candidates("Republican") == []
    assert gaz.candidates("Serbs")[0].name == "Serbia"  # alias, plural


def test_county_abbreviation(gaz: Gazetteer) -> None:
    text = "Loudon Co. deputies searched the river."
    (loc,) = resolve_toponyms(text, spans_of(text, "Loudon Co."))
    assert loc is not None and loc.name == "Loudon County" and loc.country == "USA"


def test_area_named_inside_an_unknown_name() -> None:
    text = "Officials at the Bank of Japan met bankers in London."
    span = spans_of(text, "Bank of Japan", "London")
    assert resolve_toponyms(text, span)[0] is None  # only for spans known to be places
    boj, _ = resolve_toponyms(text, span, anchor_unknown=True)
    assert boj is not None and boj.country == "JPN" and boj.name == "Japan" and boj.text == "Bank of Japan"
    # a town named inside is not enough: "Paris Tower" in a story about Lviv stays at the story's town
    text = "Crowds gathered in Lviv near Paris Tower."
    _, tower = resolve_toponyms(text, spans_of(text, "Lviv", "Paris Tower"), anchor_unknown=True)
    assert tower is not None and tower.gazetteer_id is None and tower.country == "UKR"


def test_building_named_after_an_area_it_lies_in_stays_in_the_town() -> None:
    text = "Fans filled Texas Stadium in Dallas on Sunday, Dallas police said."
    stadium, dallas, _ = resolve_toponyms(
        text, spans_of(text, "Texas Stadium", "Dallas", "Dallas"), anchor_unknown=True
    )
    assert stadium is not None and dallas is not None and stadium.gazetteer_id is None
    assert (stadium.lat, stadium.lon) == (dallas.lat, dallas.lon)
    text = "Arizona State University researchers worked with colleagues in Oxford."
    asu, _ = resolve_toponyms(text, spans_of(text, "Arizona State University", "Oxford"), anchor_unknown=True)
    assert asu is not None and asu.name == "Arizona" and asu.country == "USA"


def test_names_of_organisations_do_not_vote_for_the_story_country() -> None:
    text = "Arizona State University and Bank of America staff met Cambridge researchers in Cambridge."
    locs = resolve_toponyms(
        text,
        spans_of(text, "Arizona State University", "Bank of America", "Cambridge", "Cambridge"),
        anchor_unknown=True,
    )
    assert [loc.country for loc in locs if loc is not None and loc.text == "Cambridge"] == ["GBR", "GBR"]


def test_tied_namesakes_do_not_vote_before_context() -> None:
    # every state has its Greene/Webster County; Springfield (Missouri) and Rogersville decide the state
    text = (
        "Greene County commissioners met in Springfield. Rogersville and Webster County officials attended."
    )
    locs = _resolve_all(text, r"Greene County|Springfield|Rogersville|Webster County")
    assert all(loc is not None and 36.5 < loc.lat < 37.7 and -94.0 < loc.lon < -92.5 for loc in locs)


def test_a_country_in_a_list_is_not_qualified_by_the_next_country() -> None:
    text = "The pact covers Mexico, the US and Canada."
    mexico, _, _ = _locs(text, "Mexico", "US", "Canada")
    assert mexico.country == "MEX"
    text = "The fair in Mexico, Mo., drew farmers."
    (town,) = _locs(text, "Mexico")
    assert town.country == "USA"  # a state after the name still qualifies it


def test_island_outranks_a_smaller_homonymous_town() -> None:
    text = "Flights to Trinidad resumed."
    (loc,) = _locs(text, "Trinidad")
    assert loc.country == "TTO"


def test_area_inside_a_name_only_when_the_name_is_about_it() -> None:
    text = "Jazz bands played in the French Quarter of New Orleans; New Orleans police closed streets."
    quarter, town, _ = resolve_toponyms(
        text, spans_of(text, "French Quarter", "New Orleans", "New Orleans"), anchor_unknown=True
    )
    assert quarter is not None and town is not None and quarter.country == "USA"  # not France
    text = "Farmers near Qwzxv Tennessee Colony met in Dallas."
    colony, _ = resolve_toponyms(
        text, spans_of(text, "Qwzxv Tennessee Colony", "Dallas"), anchor_unknown=True
    )
    assert colony is not None and colony.gazetteer_id is None  # a place named after a state, not the state
    text = "Storms hit South Florida."
    (south,) = resolve_toponyms(text, spans_of(text, "South Florida"), anchor_unknown=True)
    assert south is not None and south.name == "Florida"


def test_ap_state_abbreviation_as_written_is_the_state() -> None:
    text = "He grew up in Lafayette, La., moved to L.A. and came back to La. for good."
    locs = _resolve_all(text, r"Lafayette|La\.|L\.A\.")
    assert [loc.name for loc in locs if loc is not None] == [
        "Lafayette",
        "Louisiana",
        "Los Angeles",
        "Louisiana",
    ]


def test_unknown_name_goes_to_a_town_of_the_dominant_country() -> None:
    # Liverpool is named most, but Egypt (its towns, name and demonym) has most of the mentions: a name the
    # gazetteer lacks is placed at an Egyptian town, not at Liverpool.
    text = (
        "Liverpool fans in Liverpool cheered. Liverpool won. In Egypt, Egyptian schools near Cairo and in Egypt's "
        "Qwzxvabad district opened a Liverpool academy."
    )
    names = ("Liverpool", "Liverpool", "Liverpool", "Egypt", "Egyptian", "Cairo", "Egypt", "Qwzxvabad")
    *_, unknown = resolve_toponyms(text, spans_of(text, *names), anchor_unknown=True)
    assert unknown is not None and unknown.country == "EGY" and unknown.gazetteer_id is None
    assert haversine_km(unknown.lat, unknown.lon, 30.06, 31.25) < 50  # Cairo


def test_unknown_name_without_towns_goes_to_the_named_country() -> None:
    text = "Floods hit Qwzxv Town in the Bahamas. The Bahamas government sent help to Qwzxv Town."
    locs = resolve_toponyms(
        text, spans_of(text, "Qwzxv Town", "Bahamas", "Bahamas", "Qwzxv Town"), anchor_unknown=True
    )
    assert locs[0] is not None and locs[0].country == "BHS" and locs[0].name == "Qwzxv Town"
    assert locs[3] is not None and (locs[3].lat, locs[3].lon) == (locs[1].lat, locs[1].lon)


def test_former_state_names_resolve_to_the_continuator(gaz: Gazetteer) -> None:
    for name in ("Soviet Union", "USSR", "U.S.S.R."):
        assert gaz.candidates(name)[0].country == "RUS", name
    text = "The Qwzx brigade was founded in the Soviet Union."
    (loc,) = resolve_toponyms(text, spans_of(text, "Soviet Union"))
    assert loc is not None and loc.gazetteer_id == gaz.country("RUS").gazetteer_id  # type: ignore[union-attr]


def test_a_state_before_and_ending_a_list_is_no_qualifier() -> None:
    text = "The envoy toured Washington, New York and Boston before flying home."
    wash, _ny, _boston = _locs(text, "Washington", "New York", "Boston")
    assert (
        wash.gazetteer_id is not None and wash.gazetteer_id.isdigit()
    )  # the capital, not a county of New York
    assert haversine_km(wash.lat, wash.lon, 38.9, -77.04) < 30
    # a last item with its own qualifier keeps the first one: two qualified towns
    text = "Buses ran from Springfield, Illinois and Columbus, Ohio."
    spring, _il, columbus, _oh = _locs(text, "Springfield", "Illinois", "Columbus", "Ohio")
    assert spring.country == "USA" and haversine_km(spring.lat, spring.lon, 39.8, -89.64) < 30


def test_a_name_that_qualifies_the_town_before_it_is_that_towns_state() -> None:
    text = "Qwzx Bakery in Tacoma, Washington shares tips for cookies."
    tacoma, wash = _locs(text, "Tacoma", "Washington")
    assert tacoma.country == "USA" and haversine_km(tacoma.lat, tacoma.lon, 47.25, -122.44) < 30
    assert wash.name == "Washington" and haversine_km(wash.lat, wash.lon, 38.9, -77.04) > 1000  # the state


def test_an_unknown_name_qualified_by_a_region_lies_in_it() -> None:
    # the story's town (Oxford) is far from Fife: "Qwzx Hill, Fife" goes to Fife, not to Oxford
    text = "Drivers from Oxford, Oxford and Oxford raced at Qwzx Hill, Fife on Sunday."
    locs = resolve_toponyms(
        text, spans_of(text, "Oxford", "Oxford", "Oxford", "Qwzx Hill", "Fife"), anchor_unknown=True
    )
    hill, fife = locs[3], locs[4]
    assert hill is not None and fife is not None and hill.gazetteer_id is None
    assert (hill.lat, hill.lon) == (fife.lat, fife.lon)
    # a town the text names in the qualifying state beats the state's point
    text = "Workers from Tulsa and from Qwzxville, Okla. met in Dallas, Dallas and Dallas."
    names = ("Tulsa", "Qwzxville", "Okla.", "Dallas", "Dallas", "Dallas")
    tulsa, qv, *_ = resolve_toponyms(text, spans_of(text, *names), anchor_unknown=True)
    assert tulsa is not None and qv is not None and (qv.lat, qv.lon) == (tulsa.lat, tulsa.lon)


def test_a_street_placed_only_at_a_country_point_is_not_recognised() -> None:
    text = "Police in Portugal closed Qwzx Street after the protest in Portugal."
    spans = spans_of(text, "Portugal", "Qwzx Street", "Portugal")
    street = resolve_toponyms(text, spans, anchor_unknown=True)[1]
    assert street is not None and street.country == "PRT"  # resolution places it in the country ...
    assert [loc.text for loc in recognise_toponyms(text, spans)] == [
        "Portugal",
        "Portugal",
    ]  # ... recognition drops it


def test_items_of_a_list_are_read_as_one_kind_of_place() -> None:
    # New York among towns is the city; Washington among states is the state
    text = "The firm has offices in Los Angeles, Miami, New York and Detroit."
    *_, ny, _det = _locs(text, "Los Angeles", "Miami", "New York", "Detroit")
    assert haversine_km(ny.lat, ny.lon, 40.71, -74.01) < 30
    text = "Jobless rates were lowest in Idaho, Utah, Colorado, Washington and Oregon."
    *_, wash, _or = _locs(text, "Idaho", "Utah", "Colorado", "Washington", "Oregon")
    assert wash.name == "Washington" and haversine_km(wash.lat, wash.lon, 38.9, -77.04) > 1000
    # "X, Y and Z counties": all three are counties
    text = "Storms hit Wichita, Kansas. Roofs fell in Harvey, Harper and Kingman counties."
    *_, harvey, harper, kingman = _locs(text, "Wichita", "Kansas", "Harvey", "Harper", "Kingman")
    assert all(p.name.endswith("County") and p.country == "USA" for p in (harvey, harper, kingman))
    assert haversine_km(harvey.lat, harvey.lon, 38.05, -97.43) < 161  # in Kansas, not Harvey, Illinois


def test_a_state_named_elsewhere_in_the_text_is_what_its_bare_name_means() -> None:
    text = "CAMP MURRAY, Wash. - The team trains at home in Washington before every deployment."
    _abbr, wash = _locs(text, "Wash.", "Washington")
    assert wash.name == "Washington" and haversine_km(wash.lat, wash.lon, 38.9, -77.04) > 1000
    # without that, Washington is the capital
    text = "The minister flew to Washington for talks."
    (wash,) = _locs(text, "Washington")
    assert haversine_km(wash.lat, wash.lon, 38.9, -77.04) < 30


def test_two_letter_abbreviations_read_by_context() -> None:
    text = "Mining towns of Limpopo and Gauteng prospered while SA exports rose."
    *_, sa = _locs(text, "Limpopo", "Gauteng", "SA")
    assert sa.country == "ZAF" and sa.name == "South Africa"
    text = "Beaches near Perth and Fremantle closed; WA health officials issued a warning."
    *_, wa = _locs(text, "Perth", "Fremantle", "WA")
    assert wa.name == "Western Australia" and wa.country == "AUS"
    text = "Ferries from Seattle and Tacoma stopped; WA officials blamed the storm."
    *_, wa = _locs(text, "Seattle", "Tacoma", "WA")
    assert wa.name == "Washington" and wa.country == "USA"


def test_south_african_provinces_and_demonym_in_y(gaz: Gazetteer) -> None:
    text = "Platinum mines in the North West and Limpopo employ thousands."
    nw, _ = _locs(text, "North West", "Limpopo")
    assert nw.country == "ZAF" and haversine_km(nw.lat, nw.lon, -25.85, 25.64) < 161  # Mahikeng
    text = "Northern fans in Manchester and Liverpool said the North West deserved better."
    *_, nw = _locs(text, "Manchester", "Liverpool", "North West")
    assert nw.country == "GBR"
    sicily = gaz.candidates("Sicilian")[0]
    assert sicily.name == "Sicily" and sicily.country == "ITA"
    # an adjective, not the Cuba City that GeoNames lists it for
    text = "Western diplomats met in Madison."
    assert resolve_toponyms(text, spans_of(text, "Western"))[0] is None


def test_an_institution_named_with_its_town_or_its_country() -> None:
    text = "A spokesman for the British Embassy Tokyo said the ship docked in Osaka."
    emb, _ = resolve_toponyms(text, spans_of(text, "British Embassy Tokyo", "Osaka"), anchor_unknown=True)
    assert emb is not None and emb.country == "JPN" and haversine_km(emb.lat, emb.lon, 35.69, 139.69) < 30
    text = "Economists at the Russian Higher School of Economics spoke in Los Angeles."
    hse, _ = resolve_toponyms(
        text, spans_of(text, "Russian Higher School of Economics", "Los Angeles"), anchor_unknown=True
    )
    assert hse is not None and hse.country == "RUS"
    # "St." before the last word is a saint's name, not a street: no town called Thomas
    text = "Students of the University of St. Thomas rallied in Houston."
    ust, _ = resolve_toponyms(
        text, spans_of(text, "University of St. Thomas", "Houston"), anchor_unknown=True
    )
    assert ust is not None and haversine_km(ust.lat, ust.lon, 29.76, -95.37) < 30
    # a district court is no town called Court
    text = "Two men appeared at Cloverhill District Court in Dublin."
    court, _ = resolve_toponyms(
        text, spans_of(text, "Cloverhill District Court", "Dublin"), anchor_unknown=True
    )
    assert court is not None and court.country == "IRL"


def test_organisations_stand_at_their_seat_and_landmarks_at_their_point() -> None:
    text = "Diplomats walked out of the United Nations and flew to Brussels for talks at NATO."
    un, _bru, nato = _locs(text, "United Nations", "Brussels", "NATO")
    assert haversine_km(un.lat, un.lon, 40.75, -73.97) < 5 and un.country is None
    assert haversine_km(nato.lat, nato.lon, 50.85, 4.35) < 20
    text = "Guests arrived at Windsor Castle from Trump Tower."
    castle, tower = _locs(text, "Windsor Castle", "Trump Tower")
    assert castle.country == "GBR" and haversine_km(castle.lat, castle.lon, 51.48, -0.61) < 5
    assert tower.country == "USA" and haversine_km(tower.lat, tower.lon, 40.76, -73.97) < 5
    # the EU is an area, not its seat
    (eu,) = _locs("Farmers across the EU protested.", "EU")
    assert eu.country is None and haversine_km(eu.lat, eu.lon, 50.85, 4.35) > 161


def test_a_small_foreign_namesake_alone_in_its_country_is_a_local_name() -> None:
    text = "Police in Leeds, Bradford and Huddersfield said the fire at Rockingham spread overnight."
    *_, rock = resolve_toponyms(
        text, spans_of(text, "Leeds", "Bradford", "Huddersfield", "Rockingham"), anchor_unknown=True
    )
    assert rock is not None and rock.country == "GBR" and rock.gazetteer_id is None
    # a town of a country the text names elsewhere stays where it is
    text = "Boats left Tripoli, Misrata and Zuwara in Libya for Lampedusa, where Italy's coast guard waited."
    locs = resolve_toponyms(
        text,
        spans_of(text, "Tripoli", "Misrata", "Zuwara", "Libya", "Lampedusa", "Italy"),
        anchor_unknown=True,
    )
    lamp = locs[4]
    assert lamp is not None and lamp.country == "ITA" and lamp.gazetteer_id is not None


def test_names_that_can_share_a_state_are_read_in_one() -> None:
    # the biggest Paris of the US is in Texas, which has no Henry County: the two are read in one state
    text = "A Paris man was arrested Sunday and will appear in Henry County General Sessions Court."
    paris, henry = _locs(text, "Paris", "Henry County")
    assert paris.country == henry.country == "USA"
    assert haversine_km(paris.lat, paris.lon, 33.66, -95.56) > 161  # not Paris, Texas
    assert haversine_km(paris.lat, paris.lon, henry.lat, henry.lon) < 161


def test_a_big_city_the_tagger_took_for_a_group_is_a_place() -> None:
    def norp(text: str, name: str) -> Location | None:
        i = text.index(name)
        return recognise_spans(text, [(i, i + len(name))], labels=["NORP"])[0]

    tunis = norp("Protesters in Tunis marched on parliament.", "Tunis")
    assert tunis is not None and tunis.country == "TUN"
    ukr = norp("Ukrainian troops advanced.", "Ukrainian")
    assert ukr is not None and ukr.country == "UKR"
    # group words that name small towns stay groups ("Liberal", Kansas)
    assert norp("Liberal MPs voted against the bill.", "Liberal") is None
    assert norp("Christian groups met the minister.", "Christian") is None


def test_institution_names_do_not_overreach(gaz: Gazetteer) -> None:
    def one(text: str, name: str) -> Location | None:
        return resolve_toponyms(text, spans_of(text, name), anchor_unknown=True)[0]

    # the area the name is about wins over an adjective before it
    afg = one(
        "He taught at the American University of Afghanistan in Kabul.", "American University of Afghanistan"
    )
    assert afg is not None and afg.country == "AFG"
    # a facility named after a person or a place elsewhere is no town of that name
    assert one("Marines at Camp Pendleton were deployed.", "Camp Pendleton") is None
    # a last word naming an area is the area, not a town called so
    scot = one("Police Scotland said the investigation continues.", "Police Scotland")
    assert scot is not None and scot.country == "GBR"
    # no town called Court in "District Court"
    assert _embedded_area(gaz, "Cloverhill District Court") == []


def test_context_rules_keep_to_their_cases() -> None:
    # a town just across a border from the story's towns is not a stray namesake
    text = "Ukrainian forces from Sumy advanced on Sudzha, Kyiv said on Tuesday."
    locs = resolve_toponyms(text, spans_of(text, "Sumy", "Sudzha", "Kyiv"), anchor_unknown=True)
    assert locs[1] is not None and locs[1].country == "RUS"
    # "states" as a verb after two names is no list head
    text = "A joint declaration by Armenia and Georgia states that trade will grow."
    _arm, geo = _locs(text, "Armenia", "Georgia")
    assert geo.country == "GEO"
    # Cameroon's North West region, not South Africa's province
    text = "Gunmen killed four people in the North West, Cameroon's army said, after an attack near Bamenda."
    nw, *_ = _locs(text, "North West", "Cameroon", "Bamenda")
    assert nw.country == "CMR"
    # a dateline's state does not turn the city into the state
    text = "BROOKLYN, N.Y. - Subway ridership in New York fell last year."
    *_, ny = _locs(text, "BROOKLYN", "N.Y.", "New York")
    assert haversine_km(ny.lat, ny.lon, 40.71, -74.01) < 30
    # an abbreviation written in capitals is not the town written in lower case
    (wa,) = _locs("The chief of Wa died on Monday.", "Wa")
    assert wa.country == "GHA"
    text = "Hospitals in Adelaide, Port Adelaide and Mount Gambier were full and SA Health urged calm."
    *_, sa = _locs(text, "Adelaide", "Port Adelaide", "Mount Gambier", "SA")
    assert sa.name == "South Australia"


def test_an_unknown_name_followed_by_in_and_a_town_lies_in_that_town() -> None:
    text = "Police in Seattle, Seattle and Seattle said a fire broke out at Qwzx Cake Studio in Tacoma."
    names = ("Seattle", "Seattle", "Seattle", "Qwzx Cake Studio", "Tacoma")
    *_, studio, tacoma = resolve_toponyms(text, spans_of(text, *names), anchor_unknown=True)
    assert studio is not None and tacoma is not None and studio.gazetteer_id is None
    assert (studio.lat, studio.lon) == (tacoma.lat, tacoma.lon)  # not the story's town, Seattle
