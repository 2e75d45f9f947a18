"""Article cleaning: chrome removal, headline, captions, metadata, on invented pages and the seed pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from newsevents.clean import clean, clean_text, normalize_ws, parse_date, strip_site_name
from newsevents.model import Article, InputError, RawDocument
from newsevents.sources import iter_raw

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def clean_fixture(name: str) -> Article:
    [raw] = list(iter_raw([str(FIXTURES / name)]))
    assert isinstance(raw, RawDocument)
    art = clean(raw)
    assert isinstance(art, Article), art
    return art


def paragraphs(art: Article) -> list[str]:
    return art.text.split("\n\n")


def assert_verbatim(art: Article, source: str) -> None:
    """Every body paragraph is input text with only whitespace normalised (offsets stay meaningful)."""
    flat = normalize_ws(" ".join(source.split()))
    for para in paragraphs(art):
        assert para in flat, para


# --------------------------------------------------------------------------- invented chrome pages


def test_cookie_banner_menu_byline_ads_share_copyright() -> None:
    art = clean_fixture("chrome_cookie_share.txt")
    assert art.title == "Harbour workers strike over pay in northern port city"
    paras = paragraphs(art)
    assert len(paras) == 3
    assert paras[0].startswith("Dock workers in the port city of Eastmouth walked off the job on Tuesday")
    assert paras[-1].startswith("Port authority officials said")
    for chrome in (
        "cookie",
        "Sign in",
        "By Jane Doe",
        "Published:",
        "Advertisement",
        "Share this",
        "Related:",
        "©",
    ):
        assert chrome not in art.text
    assert "Advertisement" in art.removed and "By Jane Doe and Tom Miller" in art.removed
    assert_verbatim(art, (FIXTURES / "chrome_cookie_share.txt").read_text("utf-8"))


def test_breadcrumb_trail_repeated_headline_crosshead_and_footer() -> None:
    art = clean_fixture("chrome_breadcrumb_trail.txt")
    assert art.title == "Ministers agree on new border checks after summit"
    assert art.captions == [
        "Officials arrive for the summit in the capital on Friday. Photo: Reuters/Anna Example"
    ]
    paras = paragraphs(art)
    assert paras[0].startswith("Interior ministers from six countries agreed on Friday")
    assert paras[-1].startswith("Rights groups said the checks")
    assert len(paras) == 3
    for chrome in (
        "Home >",
        "Log in",
        "Critics raise concerns",
        "Read more",
        "Follow us",
        "Back to top",
        "Photo:",
    ):
        assert chrome not in art.text
    assert art.title not in art.text


def test_glued_breadcrumb_greeting_truncated_caption_copy_and_credits() -> None:
    art = clean_fixture("chrome_glued_footer.txt")
    assert art.title == "Parliament votes to extend emergency powers"
    assert art.captions == [
        "Lawmakers gather in the chamber before the vote on Wednesday. (AP Photo/Sam Example)"
    ]
    paras = paragraphs(art)
    assert paras[0].startswith("Parliament voted on Wednesday to extend")
    assert len(paras) == 3
    for chrome in ("Welcome", "Latest News", "Lawmakers gather", "Reporting by", "Most Read", "newsletter"):
        assert chrome not in art.text
    assert "Lawmakers gather in the chamber before the vote..." in art.removed


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    art = clean_fixture("chrome_hardwrapped.txt")
    assert art.title == "Flood warnings issued as rivers rise across the valley"
    assert art.captions == [
        "Rescue teams move residents from a flooded street in Riverton on Sunday. (Getty Images)"
    ]
    assert paragraphs(art) == [
        "Authorities issued flood warnings for a dozen towns along the valley on Sunday as heavy rain pushed "
        "river levels to their highest point in a decade.",
        "Emergency services said about 400 people had been moved to temporary shelters, and schools in the "
        "region will remain closed on Monday.",
    ]
    assert "5 min read" in art.removed and not any("Tags" in p for p in paragraphs(art))


def test_footer_glued_to_breadcrumb_without_line_break() -> None:
    text = (
        "Sport Business Opinion\n\n"
        "Photos and VideosHome World Affairs Envoys meet in Geneva to revive ceasefire talks\n\n"
        "Envoys meet in Geneva to revive ceasefire talks\n\n"
        "Envoys from both governments met in Geneva on Monday to revive talks on a ceasefire, a spokesperson said.\n\n"
        "The talks are expected to continue through the week.\n\n"
        "News Photos and Videos"
    )
    res = clean_text(text)
    assert res.title == "Envoys meet in Geneva to revive ceasefire talks"
    assert res.paragraphs == [
        "Envoys from both governments met in Geneva on Monday to revive talks on a ceasefire, a spokesperson said.",
        "The talks are expected to continue through the week.",
    ]
    assert "News Photos and Videos" in res.removed


def test_page_without_headline_keeps_first_paragraph() -> None:
    res = clean_text(
        "The minister resigned on Friday after weeks of pressure.\nHe will stay on until a successor is named."
    )
    assert res.title is None
    assert len(res.paragraphs) == 2


def test_known_title_is_removed_from_body() -> None:
    raw = RawDocument(
        path="x.jsonl:1",
        text="Talks resume in Vienna\n\nNegotiators resumed talks in Vienna on Tuesday, officials said.",
        title="Talks resume in Vienna",
        id="src-1",
        published="2021-11-30T08:00:00Z",
    )
    art = clean(raw)
    assert isinstance(art, Article)
    assert art.title == "Talks resume in Vienna"
    assert art.text == "Negotiators resumed talks in Vienna on Tuesday, officials said."
    assert art.id == "src-1"
    assert art.content_hash == hashlib.sha256(art.text.encode()).hexdigest()
    assert art.published == dt.date(2021, 11, 30) == art.metadata_published
    assert art.published_source == "metadata" and art.published_confidence == 1.0


def test_id_from_hash_and_no_date() -> None:
    art = clean(RawDocument(path="p.txt", text="Rebels seized the town on Sunday, residents said."))
    assert isinstance(art, Article)
    assert art.id == art.content_hash[:16] and len(art.id) == 16
    assert art.published is None and art.published_source == "none" and art.published_confidence == 0.0


def test_whitespace_normalised_only() -> None:
    art = clean(
        RawDocument(path="p.txt", text="Troops\u00a0 withdrew\tfrom the  border, officials said.\u200b")
    )
    assert isinstance(art, Article)
    assert art.text == "Troops withdrew from the border, officials said."


@pytest.mark.parametrize(
    "line",
    [
        "The president arrives at the airport on Monday. Credit: EPA / Jane Example",
        "Protesters march through the capital. (Photo by Sam Example/NurPhoto)",
        "Photo: Reuters",
        "Firefighters at the scene on Tuesday. Reuters/Jo Example",
        "A soldier stands guard near the border. AP Photo/Example Person",
        "Delegates listen to a speech. Getty Images",
        "The delegation arrives in the capital. Photograph: Jane Example/AFP via Getty Images",
    ],
)
def test_credit_lines_are_captions(line: str) -> None:
    res = clean_text(f"{line}\n\nThe ministers met on Tuesday to discuss the crisis, a spokesperson said.")
    assert res.captions == [line]
    assert res.paragraphs == ["The ministers met on Tuesday to discuss the crisis, a spokesperson said."]


def test_agency_mentions_in_body_are_not_captions() -> None:
    body = [
        "The minister told Reuters that the talks would resume next week.",
        "Photos published by local media showed damaged buildings, AP reported.",
    ]
    res = clean_text("\n\n".join(body))
    assert res.captions == [] and res.paragraphs == body


def test_long_paragraph_with_early_credit_stays_body() -> None:
    para = (
        "Photo: Jane Example The mayor said on Friday that "
        + "the city would rebuild the bridge quickly and " * 12
        + "fully."
    )
    res = clean_text(para)
    assert res.captions == [] and res.paragraphs == [para]


def test_body_sentences_mentioning_cookies_or_sharing_survive() -> None:
    body = (
        "The regulator said the company uses cookies to track users across websites without their consent, and "
        "fined it 20 million euros on Thursday after a two-year investigation into its advertising business."
    )
    res = clean_text(body)
    assert res.paragraphs == [body]


# --------------------------------------------------------------------------- HTML


def test_html_article_title_date_body() -> None:
    art = clean_fixture("article.html")
    assert art.title == "Mayor opens new bridge over the river"
    assert art.published == dt.date(2023, 5, 17) and art.published_source == "metadata"
    assert art.text.startswith("The mayor of Westford opened a new pedestrian bridge")
    for chrome in ("Sign in", "Most read", "Council budget approved", "All rights reserved", "Privacy"):
        assert chrome not in art.text


def test_html_without_article_text_is_an_error() -> None:
    [raw] = list(iter_raw([str(FIXTURES / "nav_only.html")]))
    err = clean(raw)
    assert isinstance(err, InputError)
    assert err.reason == "no article text found in HTML" and err.stage == "clean"


def test_strip_site_name() -> None:
    assert (
        strip_site_name("Talks resume | The Example Times", "The Example Times", "example.invalid")
        == "Talks resume"
    )
    assert strip_site_name("Example News - Talks resume", None, "examplenews.invalid") == "Talks resume"
    assert strip_site_name("Talks resume - a new round", "Example", None) == "Talks resume - a new round"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-04-22", dt.date(2022, 4, 22)),
        ("2022-04-22T10:15:00+02:00", dt.date(2022, 4, 22)),
        ("Wed, 19 Mar 2014 14:00:00 GMT", dt.date(2014, 3, 19)),
        ("20140319", dt.date(2014, 3, 19)),
        ("March 19, 2014", dt.date(2014, 3, 19)),
        ("not a date", None),
        ("2014-02-30", None),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_vocabulary_file_is_well_formed() -> None:
    data = json.loads(resources.files("newsevents").joinpath("data/boilerplate.json").read_text("utf-8"))
    nav = [w.lower() for w in data["navigation"]]
    assert len(nav) == len(set(nav)), "duplicate navigation entries"
    for entry in data["line_patterns"]:
        re.compile(entry["regex"])
        assert entry["max_words"] > 0
    for pattern in data["credit_patterns"]:
        re.compile(pattern)


def test_cleaning_is_fast() -> None:
    import time

    text = (FIXTURES / "chrome_cookie_share.txt").read_text("utf-8")
    big = "\n\n".join([text] * 40)  # 40 pages' worth of lines in one document
    start = time.perf_counter()
    for _ in range(20):
        clean_text(text)
    clean_text(big)
    assert time.perf_counter() - start < 2.0


# --------------------------------------------------------------------------- seed pages and evaluation set


@pytest.mark.seeds
def test_seed_2014(seeds_dir: Path) -> None:
    [path] = [p for p in sorted(seeds_dir.glob("*.txt")) if "Good Afternoon" in p.read_text("utf-8")]
    [raw] = list(iter_raw([str(path)]))
    art = clean(raw)
    assert isinstance(art, Article)
    assert art.title == "UN Secretary-General Ban Ki-moon heads to Russia, Ukraine"
    assert any(c.endswith("Credit: EPA / Andrew Gombert") for c in art.captions)
    assert art.text.startswith("UN Secretary-General Ban Ki-moon left New York")
    assert "dateline: UNITED NATIONS" in art.removed
    assert "Good Afternoon" not in art.text and "Credit:" not in art.text
    assert "speaks with\n" not in art.text and "speaks with the media" not in art.text
    assert "News Photos and Videos" not in art.text
    assert art.text.rstrip().endswith("abstained from voting.")


@pytest.mark.seeds
def test_seed_2022(seeds_dir: Path) -> None:
    [path] = [p for p in sorted(seeds_dir.glob("*.txt")) if "Guterres" in p.read_text("utf-8")]
    [raw] = list(iter_raw([str(path)]))
    art = clean(raw)
    assert isinstance(art, Article)
    assert art.title == "After Moscow, the UN Secretary-General Guterres also visits Kyiv"
    assert any(c.endswith("(Photo by John Lamparski/NurPhoto)") for c in art.captions)
    assert art.text.startswith("Former high-ranking UN employees")
    assert "Home Foreign Affairs" not in art.text and "News Photos and Videos" not in art.text
    assert "Photo by" not in art.text and art.title not in art.text
    for fragment in (
        "Around two months after the Russian invasion",
        "Working meetings with the two foreign",
        "Earlier, Guterres had sent letters",
        "The United Nations initially did not want",
        "Satellite images indicated a possible mass grave",
    ):
        assert fragment in art.text
    assert_verbatim(art, path.read_text("utf-8"))


def test_boilerplate_evaluation_runs(evaldata_dir: Path) -> None:
    from newsevents.evaluation.boilerplate import score

    res = score(evaldata_dir, limit=6)
    assert res["pages"] == 6
    assert res["tp"] + res["fn"] > 0 and res["fp"] + res["tn"] > 0
    assert 0.5 < res["precision"] <= 1.0 and 0.5 < res["recall"] <= 1.0


@pytest.mark.parametrize(
    "paragraph, dateline, rest",
    [
        (
            "UNITED NATIONS - Russia on Friday vetoed a draft.",
            "UNITED NATIONS",
            "Russia on Friday vetoed a draft.",
        ),
        (
            "KYIV, Ukraine (Reuters) — Ukraine said on Monday.",
            "KYIV, Ukraine (Reuters)",
            "Ukraine said on Monday.",
        ),
        ("BEIJING -- U.S. envoy arrives.", "BEIJING", "U.S. envoy arrives."),
        ("U.S. officials - said nothing.", None, "U.S. officials - said nothing."),
        ("The US - China talks resumed.", None, "The US - China talks resumed."),
    ],
)
def test_dateline_split(paragraph: str, dateline: str | None, rest: str) -> None:
    from newsevents.clean import split_dateline

    assert split_dateline(paragraph) == (dateline, rest)


def test_glued_sentences_repaired_but_abbreviations_kept() -> None:
    from newsevents.clean import repair_glued_sentences

    assert repair_glued_sentences("rights violations.Simonovic said") == "rights violations. Simonovic said"
    assert repair_glued_sentences("the U.S. Navy and Mr.Smith") == "the U.S. Navy and Mr.Smith"
