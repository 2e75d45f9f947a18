"""The annotate HTML page in a real headless Chromium: the DOM the browser builds keeps every mark, its class and
data attributes, and the article's visible text is exactly the clean text.

Skips when no Chromium binary is found (Debian package ``chromium``); under CI (``$CI`` set) a missing browser is
a failure, not a skip, so the check cannot silently disappear there. ``$NEWSEVENTS_CHROMIUM`` names the binary.
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from newsevents.annotate import ActorAnnotation, Annotations, PlaceAnnotation, TimeAnnotation, render_html

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def chromium() -> str:
    env = os.environ.get("NEWSEVENTS_CHROMIUM")
    found = (
        env if env and shutil.which(env) else next((p for c in CANDIDATES if (p := shutil.which(c))), None)
    )
    if found is None:
        reason = f"no Chromium binary found (tried {', '.join(CANDIDATES)}; apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}")
        pytest.skip(reason)
    return found


def _run(chromium: str, tmp: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


class _Dom(HTMLParser):
    """From the browser's serialised DOM: each article's text content and its marks (nesting depth included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.legend: list[str] = []
        self._depth = 0
        self._marks_open = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if self._depth:
            self._depth += 1
            if tag == "mark":
                self.marks.append({**d, "nested": str(self._marks_open)})
                self._marks_open += 1
        elif tag == "div" and d.get("class") == "text":
            self._depth = 1
            self.texts.append("")
        elif tag == "mark":
            self.legend.append(d.get("class") or "")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if tag == "mark":
                self._marks_open -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


TEXT = 'Officials said "Ban & <Putin>" met in Moscow on Thursday.\n\nSecond paragraph: talks in Paris, Texas.'


def _article() -> Annotations:
    def at(s: str, n: int = 0) -> int:
        i = -1
        for _ in range(n + 1):
            i = TEXT.index(s, i + 1)
        return i

    ban, moscow, thu = at("Ban"), at("Moscow"), at("Thursday")
    paris, texas = at("Paris"), at("Texas")
    return Annotations(
        article_id="x1",
        published=dt.date(2014, 3, 8),
        published_source="given",
        text=TEXT,
        actors=[
            ActorAnnotation(
                "Ban",
                ban,
                ban + 3,
                "name",
                True,
                "Ban Ki-moon",
                "person",
                "ban_ki_moon",
                "UN_SG",
                "Secretary-General of the United Nations",
                "UNO",
                "IGO",
                False,
                "2014-03-06",
            ),
            ActorAnnotation("Moscow", moscow, moscow + 6, "event", True, "Russia", "country", country="RUS"),
            ActorAnnotation(
                "talks in Paris", at("talks"), paris + 5, "phrase", False
            ),  # crosses "Paris, Texas"
        ],
        times=[
            TimeAnnotation(
                "Thursday",
                thu,
                thu + 8,
                "2014-03-06",
                "2014-03-06",
                "day",
                "2014-03-06",
                "DATE",
                "past",
                "2014-03-08",
            ),
        ],
        places=[
            PlaceAnnotation(
                "Moscow", moscow, moscow + 6, "Moscow", "RUS", 55.75204, 37.61781, "524901", "city"
            ),
            PlaceAnnotation(
                "Paris, Texas", paris, texas + 5, "Paris", "USA", 33.66, -95.55, "4717560", "city"
            ),
        ],
    )


def test_dom_keeps_marks_attributes_and_text(chromium: str, tmp_path: pathlib.Path) -> None:
    a = _article()
    page = tmp_path / "annotate.html"
    page.write_text(render_html([a, a]), encoding="utf-8")
    res = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    dom = _Dom()
    dom.feed(res.stdout)
    assert dom.texts == [TEXT, TEXT]  # the browser's text content is the clean text, newlines and all
    assert dom.legend == ["actor", "time", "place"]
    marks = dom.marks[: len(dom.marks) // 2]
    assert [(m["class"], m["nested"]) for m in marks] == [
        ("actor", "0"),  # Ban
        ("actor", "0"),  # Moscow as the government...
        ("place", "1"),  # ...holding the place Moscow
        ("time", "0"),
        ("actor", "0"),  # "talks in Paris" opens first; "Paris, Texas" crosses it and is not marked
    ]
    ban, _, moscow, thursday, _ = marks
    assert ban["data-person-id"] == "ban_ki_moon" and ban["data-office-id"] == "UN_SG"
    assert (
        ban["title"] == "actor: Ban Ki-moon, Secretary-General of the United Nations [UNO/IGO] on 2014-03-06"
    )
    assert (moscow["data-lat"], moscow["data-lon"], moscow["data-gazetteer-id"]) == (
        "55.75204",
        "37.61781",
        "524901",
    )
    assert thursday["data-iso"] == "2014-03-06" and thursday["data-precision"] == "day"
    assert "1 crossing spans not marked" in res.stdout


def test_page_renders_to_a_screenshot(chromium: str, tmp_path: pathlib.Path) -> None:
    page = tmp_path / "annotate.html"
    page.write_text(render_html([_article()]), encoding="utf-8")
    shot = tmp_path / "shot.png"
    res = _run(chromium, tmp_path, f"--screenshot={shot}", "--window-size=900,600", page.as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


@pytest.mark.slow
def test_pipeline_output_in_the_browser(chromium: str, tmp_path: pathlib.Path, nlp) -> None:
    from newsevents.annotate import annotate
    from newsevents.pipeline import article_from_text

    text = (
        "The UN Secretary-General visited Moscow on Thursday. He met Russian President Vladimir Putin there."
    )
    pub = dt.date(2022, 4, 30)
    a = annotate(article_from_text(text, published=pub), nlp(text), pub)
    page = tmp_path / "annotate.html"
    page.write_text(render_html([a]), encoding="utf-8")
    res = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert res.returncode == 0, res.stderr[-2000:]
    dom = _Dom()
    dom.feed(res.stdout)
    assert dom.texts == [text]
    names = {m.get("data-name") for m in dom.marks if m["class"] == "actor"}
    assert "António Guterres" in names
    assert any(m["class"] == "place" and m.get("data-name") == "Moscow" for m in dom.marks)
    assert any(m["class"] == "time" and m.get("data-iso") == "2022-04-28" for m in dom.marks)
