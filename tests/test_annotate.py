"""newsevents annotate: offsets into the clean text, resolved values, the CLI's JSON and HTML, bad inputs."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from newsevents.annotate import (
    ActorAnnotation,
    Annotations,
    PlaceAnnotation,
    TimeAnnotation,
    annotate,
    render_html,
)
from newsevents.cli import main
from newsevents.pipeline import article_from_text

VISIT = "The UN Secretary-General visited Moscow on Thursday. He met Russian President Vladimir Putin there."
# a Saturday each: "Thursday" in the past tense is two days earlier
PUB_2014 = dt.date(2014, 3, 8)
PUB_2022 = dt.date(2022, 4, 30)


def _annotate(nlp, text: str, published: dt.date) -> Annotations:
    return annotate(article_from_text(text, published=published), nlp(text), published)


def _offsets_hold(a: Annotations) -> None:
    for row in [*a.actors, *a.times, *a.places]:
        assert a.text[row.start : row.end] == row.text, row


# --------------------------------------------------------------------------- with the model


@pytest.mark.slow
@pytest.mark.parametrize(
    ("published", "name", "person_id", "thursday"),
    [
        (PUB_2014, "Ban Ki-moon", "ban_ki_moon", "2014-03-06"),
        (PUB_2022, "António Guterres", "antonio_guterres", "2022-04-28"),
    ],
)
def test_office_resolves_to_holder_on_the_date(nlp, published, name, person_id, thursday) -> None:
    a = _annotate(nlp, VISIT, published)
    _offsets_hold(a)
    sg = next(x for x in a.actors if x.text == "The UN Secretary-General")
    assert (sg.name, sg.person_id, sg.office_id, sg.kind) == (name, person_id, "UN_SG", "person")
    assert sg.resolved and sg.date == thursday
    putin = next(x for x in a.actors if "Putin" in x.text)
    assert putin.person_id == "vladimir_putin" and putin.country == "RUS"
    he = next(x for x in a.actors if x.text == "He")
    assert he.name == name
    day = next(t for t in a.times if t.text == "Thursday")
    assert (day.iso, day.precision, day.anchor) == (thursday, "day", published.isoformat())


@pytest.mark.slow
def test_city_has_coordinates_and_feature(nlp) -> None:
    a = _annotate(nlp, VISIT, PUB_2014)
    moscow = next(p for p in a.places if p.text == "Moscow")
    assert moscow.country == "RUS" and moscow.feature == "city" and moscow.gazetteer_id
    assert moscow.lat == pytest.approx(55.75, abs=0.1) and moscow.lon == pytest.approx(37.62, abs=0.1)
    assert a.text[moscow.start : moscow.end] == "Moscow"


@pytest.mark.slow
def test_article_without_events_still_shows_places_and_times(nlp) -> None:
    text = "Heavy snow covered Oslo on Tuesday morning."
    a = _annotate(nlp, text, PUB_2014)
    _offsets_hold(a)
    assert any(p.name == "Oslo" and p.country == "NOR" for p in a.places)
    assert any(t.iso == "2014-03-04" for t in a.times)


@pytest.mark.slow
def test_unresolved_agent_keeps_country_and_sector(nlp) -> None:
    a = _annotate(nlp, "Police in Kyiv arrested two men on Monday.", PUB_2014)
    police = next(x for x in a.actors if x.text.startswith("Police"))
    assert not police.resolved and (police.country, police.sector) == ("UKR", "COP")


@pytest.fixture
def inputs(tmp_path: pathlib.Path) -> pathlib.Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(VISIT + " Aides & <guards> waited.\n", encoding="utf-8")
    (d / "b.jsonl").write_text(
        json.dumps({"id": "b-1", "published": "2022-04-30", "text": "Floods hit Jakarta on Friday."}) + "\n",
        encoding="utf-8",
    )
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.mark.slow
def test_cli_json_one_line_per_article_and_bad_file_reported(inputs: pathlib.Path) -> None:
    res = CliRunner().invoke(main, ["annotate", str(inputs), str(inputs / "missing.txt")])
    assert res.exit_code == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("newsevents: error:")]
    assert len(errors) == 2 and "empty.txt" in errors[0] and "missing.txt" in errors[1]
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert len(rows) == 2
    assert {"article_id", "published", "published_source", "text", "actors", "times", "places"} <= rows[
        0
    ].keys()
    assert rows[1]["article_id"] == "b-1" and rows[1]["published"] == "2022-04-30"
    for r in rows:
        for m in r["actors"] + r["times"] + r["places"]:
            assert r["text"][m["start"] : m["end"]] == m["text"]
    assert any(p["name"] == "Jakarta" for p in rows[1]["places"])


@pytest.mark.slow
def test_cli_html_page(inputs: pathlib.Path) -> None:
    res = CliRunner().invoke(
        main, ["annotate", str(inputs / "a.txt"), "--format", "html", "--published", "2014-03-08"]
    )
    assert res.exit_code == 0, res.stderr
    page = res.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "&amp; &lt;guards&gt;" in page and "<guards>" not in page
    texts = _TextOf.texts(page)
    assert texts == [VISIT + " Aides & <guards> waited."]
    assert 'class="actor" data-name="Ban Ki-moon"' in page
    assert 'class="time"' in page and 'data-iso="2014-03-06"' in page


# --------------------------------------------------------------------------- HTML without the model


class _TextOf(HTMLParser):
    """Text content of each ``div.text`` and the marks in it (class, attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "mark":
                self.marks.append(d)
        elif tag == "div" and d.get("class") == "text":
            self.depth = 1
            self.out.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.out[-1] += data

    @classmethod
    def texts(cls, page: str) -> list[str]:
        p = cls()
        p.feed(page)
        return p.out

    @classmethod
    def parse(cls, page: str) -> _TextOf:
        p = cls()
        p.feed(page)
        return p


def _hand_made() -> Annotations:
    text = 'Mr "X" & <Y> met in Paris, Texas on 3 May.\nNext line.'
    paris = text.index("Paris")
    texas_end = text.index(" on")
    may = text.index("3 May")
    return Annotations(
        article_id="t1",
        published=dt.date(2020, 5, 4),
        published_source="given",
        text=text,
        actors=[
            ActorAnnotation('Mr "X" & <Y>', 0, 12, "event", False, name=None, kind="group", country="USA"),
            # crosses the place span below: must be left unmarked, not break the markup
            ActorAnnotation("in Paris", paris - 3, paris + 5, "phrase", False),
        ],
        times=[
            TimeAnnotation(
                "3 May",
                may,
                may + 5,
                "2020-05-03",
                "2020-05-03",
                "day",
                "2020-05-03",
                "DATE",
                "past",
                "2020-05-04",
            )
        ],
        places=[
            PlaceAnnotation(
                "Paris, Texas", paris, texas_end, "Paris", "USA", 33.66, -95.55, "4717560", "city"
            ),
            PlaceAnnotation("Paris", paris, paris + 5, "Paris", "USA", 33.66, -95.55, "4717560", "city"),
        ],
    )


def test_html_escapes_nests_and_skips_crossing_spans() -> None:
    a = _hand_made()
    page = render_html([a])
    parsed = _TextOf.parse(page)
    assert parsed.out == [a.text]  # visible text is exactly the clean text
    # reading order, longest first: "in Paris" opens first, so "Paris, Texas" (crossing its end) is left
    # unmarked and "Paris" nests inside "in Paris"
    assert [(m["class"], m.get("data-source") or m.get("data-gazetteer-id")) for m in parsed.marks] == [
        ("actor", "event"),
        ("actor", "phrase"),
        ("place", "4717560"),
        ("time", None),
    ]
    assert parsed.marks[0]["data-country"] == "USA" and parsed.marks[0]["data-resolved"] == "false"
    assert parsed.marks[2]["data-lat"] == "33.66" and parsed.marks[3]["data-iso"] == "2020-05-03"
    assert page.count("Paris, Texas") == 0  # only in the JSON
    assert "1 crossing spans not marked" in page
    assert "&lt;Y&gt;" in page and "<Y>" not in page
    assert page.count("<mark") == page.count("</mark>")


def test_json_has_the_documented_keys() -> None:
    j = _hand_made().to_json()
    assert list(j)[:7] == ["article_id", "published", "published_source", "text", "actors", "times", "places"]
    assert j["published"] == "2020-05-04"
    assert j["places"][0]["lat"] == 33.66 and j["times"][0]["precision"] == "day"
    json.dumps(j)
