"""Article cleaning: :class:`RawDocument` to :class:`Article` (body text, headline, captions, metadata date).

Owns boilerplate removal. HTML goes through trafilatura (main text and metadata); plain-text pages, which
arrive with site chrome already flattened into lines, go through line rules driven by the vocabulary and
patterns in ``data/boilerplate.json``: navigation-word lines, greeting banners, repeated short lines,
breadcrumbs glued to the headline, truncated copies of a nearby line, lines that are not sentences, and
credit-carrying caption paragraphs (kept apart in ``Article.captions``). Paragraph text is kept verbatim apart
from whitespace normalisation, because later stages quote it by character offsets.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .model import Article, InputError, RawDocument

__all__ = ["clean", "clean_text", "extract_html", "parse_date", "CleanedText", "HtmlExtract"]

_WS = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u180e]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TOKEN = re.compile(r"\S+")
_CAMEL = re.compile(r"^(.*?[a-z])([A-Z][a-z].*)$")
_ELLIPSIS = re.compile(r"\s*(?:\.{3}|…)\s*$")
# Sentence-final punctuation, allowing closing quotes/brackets after it, also the tokenised forms (`` ... '').
_CLOSERS = r"""(?:\s*(?:["'”’»)\]]|''|``))*"""
_TERMINAL = re.compile(r"[.!?:;…]" + _CLOSERS + r"\s*$")
_CONTINUES = re.compile(r"[,\-–—(/&]" + _CLOSERS + r"\s*$")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*(?:\s|$)""")
_LETTER = re.compile(r"[^\W\d_]")

# How far around a line we look for the longer line it is a truncated copy of.
_PREFIX_WINDOW = 8
# Lines in the first/last few positions are held to looser chrome thresholds: that is where sites put it.
_EDGE_LINES = 4
_TITLE_MAX_WORDS = 30
_CAPTION_MAX_WORDS = 120
_BREADCRUMB_MAX_CHARS = 400  # a navigation run plus a headline; longer lines are paragraphs
_CAPTION_ANYWHERE_WORDS = 50
_CAPTION_TAIL_CHARS = 60
_SHORT_LINE_WORDS = 15


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Vocab:
    nav: frozenset[str]
    nav_max_len: int
    connectors: frozenset[str]
    breadcrumb_start: frozenset[str]
    breadcrumb_seps: frozenset[str]
    greetings: frozenset[str]
    line_patterns: tuple[tuple[str, re.Pattern[str], int], ...]
    credit: re.Pattern[str]
    function_words: frozenset[str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw: dict[str, Any] = json.loads(
        resources.files("newsevents").joinpath("data/boilerplate.json").read_text(encoding="utf-8")
    )
    nav = frozenset(w.lower() for w in raw["navigation"])
    return _Vocab(
        nav=nav,
        nav_max_len=max(len(w.split()) for w in nav),
        connectors=frozenset(raw["connectors"]),
        breadcrumb_start=frozenset(w.lower() for w in raw["breadcrumb_start"]),
        breadcrumb_seps=frozenset(raw["breadcrumb_separators"]),
        greetings=frozenset(w.lower() for w in raw["greetings"]),
        line_patterns=tuple(
            (p["name"], re.compile(p["regex"]), int(p["max_words"])) for p in raw["line_patterns"]
        ),
        credit=re.compile("|".join(f"(?:{p})" for p in raw["credit_patterns"])),
        function_words=frozenset(raw["function_words"]),
    )


# --------------------------------------------------------------------------- public API


@dataclass
class CleanedText:
    """The result of cleaning one plain-text page."""

    title: str | None
    paragraphs: list[str]
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why each ``removed`` line was removed


@dataclass
class HtmlExtract:
    """Main text and metadata extracted from one HTML page."""

    text: str
    title: str | None
    date: str | None
    url: str | None


def clean(raw: RawDocument) -> Article | InputError:
    """Clean one raw document; bad documents come back as an :class:`InputError` with ``stage="clean"``."""
    try:
        return _clean(raw)
    except Exception as exc:  # one odd page must not stop a corpus run
        return InputError(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}", stage="clean")


def _clean(raw: RawDocument) -> Article | InputError:
    meta_title = normalize_ws(raw.title) if raw.title and raw.title.strip() else None
    meta_date = raw.published
    url = raw.url
    if raw.html is not None:
        ext = extract_html(raw.html, url=raw.url)
        if ext is None:
            return InputError(raw.path, "no article text found in HTML", stage="clean")
        meta_title = meta_title or ext.title
        meta_date = meta_date or ext.date
        url = url or ext.url
        # trafilatura has removed the page chrome; the line rules that remain safe on its output are the
        # caption, pattern and headline-copy rules.
        result = clean_text(ext.text, title=meta_title, extracted=True)
    elif raw.text is not None:
        result = clean_text(raw.text, title=meta_title)
    else:
        return InputError(raw.path, "document has neither text nor html", stage="clean")
    if not result.paragraphs:
        what = "HTML" if raw.html is not None else "text"
        return InputError(raw.path, f"no article text found in {what}", stage="clean")
    text = "\n\n".join(result.paragraphs)
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    published = parse_date(meta_date) if meta_date else None
    return Article(
        id=raw.id or content_hash[:16],
        text=text,
        content_hash=content_hash,
        title=result.title,
        url=url,
        path=raw.path,
        published=published,
        published_source="metadata" if published else "none",
        published_confidence=1.0 if published else 0.0,
        metadata_published=published,
        captions=result.captions,
        removed=result.removed,
    )


# "violations.Simonovic said": a sentence end glued to the next sentence by a lost line break or space
_GLUED = re.compile(r"(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])")


# "UNITED NATIONS - ", "KYIV, Ukraine (Reuters) — ": an upper-case place, an optional region and agency, a dash
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
    r"(?: \([A-Za-z .]{1,30}\))?\s*(?:-{1,2}|–|—)\s+(?=\S)"
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """(dateline, rest) when a paragraph opens with a news dateline, else (None, paragraph).

    The dateline is not part of the first sentence: left in, the parser reads "UNITED NATIONS - Russia vetoed"
    as an organisation doing the vetoing.
    """
    m = _DATELINE.match(paragraph)
    if not m or len(m.group("place")) < 3:
        return None, paragraph
    return m.group(0).rstrip(" -–—"), paragraph[m.end() :]


def repair_glued_sentences(s: str) -> str:
    """Put back the space lost between two sentences, so sentence splitting and names are right.

    Needs three lower-case letters before the stop, which leaves abbreviations ("U.S."), initials and
    domain names ("example.Com" is rare in news text) alone.
    """
    return _GLUED.sub(" ", s)


def normalize_ws(s: str) -> str:
    """Collapse horizontal whitespace (including no-break spaces) to one space; drop invisible characters."""
    return _WS.sub(" ", _INVISIBLE.sub("", s)).strip()


# --------------------------------------------------------------------------- HTML


def extract_html(html: str, url: str | None = None) -> HtmlExtract | None:
    """Main text, title, date and canonical URL of an HTML page with trafilatura; ``None`` without text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if doc is None:
        return None

    def get(name: str) -> Any:  # a Document (slots) or, with as_dict, a dict
        return doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)

    text = get("text") or ""
    if not text.strip():
        return None
    raw_title = get("title")
    title = normalize_ws(raw_title) if isinstance(raw_title, str) else None
    if title:
        title = strip_site_name(title, get("sitename"), get("hostname"))
    return HtmlExtract(text=text, title=title or None, date=get("date"), url=get("url"))


_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|»|·|•)\s+")


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.casefold())


def strip_site_name(title: str, sitename: str | None, host: str | None) -> str:
    """Drop a site name joined to a page title ("Headline | The Daily Example", "Example News - Headline")."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    names = {_squash(x) for x in (sitename, host, host.split(".")[0] if host else None) if x}
    names.discard("")

    def is_site(segment: str) -> bool:
        seg = _squash(segment)
        return bool(seg) and any(seg == nm or nm in seg or seg in nm for nm in names)

    keep = list(parts)
    while len(keep) > 1 and is_site(keep[-1]):
        keep.pop()
    while len(keep) > 1 and is_site(keep[0]):
        keep.pop(0)
    if len(keep) == len(parts):
        return title
    start = title.find(keep[0])
    end = title.rfind(keep[-1]) + len(keep[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


# --------------------------------------------------------------------------- plain text


@dataclass
class _Line:
    text: str
    block: int  # index of the blank-line separated block the line sits in
    kind: str = "body"  # body | chrome | caption | title
    reason: str = ""
    wrapped: bool = False  # joined from hard-wrapped lines


def clean_text(text: str, title: str | None = None, extracted: bool = False) -> CleanedText:
    """Split a plain-text page into headline, body paragraphs, captions and removed chrome.

    ``title`` is a known headline (from metadata). ``extracted`` says the text already went through an HTML
    extractor: then only the caption, pattern and headline-copy rules run, not the layout rules meant for
    flattened page chrome.
    """
    voc = _vocab()
    lines = _split_lines(text)
    if not lines:
        return CleanedText(title=title, paragraphs=[])
    n = len(lines)
    known_title = normalize_ws(title) if title else None
    strong_titles: list[str] = []

    for i, ln in enumerate(lines):
        edge = i < _EDGE_LINES or i >= n - _EDGE_LINES
        _classify(ln, voc, edge, extracted)
        if ln.kind != "body" or extracted or len(ln.text) > _BREADCRUMB_MAX_CHARS:
            continue
        stripped = _strip_breadcrumb(ln.text, voc, lines, i)
        if stripped is not None:
            prefix, rest = stripped
            strong_titles.append(rest)
            ln.reason = f"breadcrumb: {prefix}"
            ln.kind = "chrome"

    if not extracted:
        lines = _join_wrapped(lines)
        _mark_repeats(lines, voc, known_title)
        _mark_truncated_copies(lines, voc)

    chosen = known_title or _choose_title(lines, strong_titles, voc)
    if chosen:
        key = _key(chosen)
        first = True
        for ln in lines:
            if ln.kind in ("body", "chrome") and _key(ln.text) == key:
                if first and ln.kind == "body" and not known_title:
                    ln.kind, ln.reason = "title", "headline"
                else:
                    ln.kind, ln.reason = "chrome", "headline copy"
                first = False

    if not extracted:
        _mark_non_sentences(lines, n)
    _mark_duplicate_paragraphs(lines)

    paragraphs = [repair_glued_sentences(ln.text) for ln in lines if ln.kind == "body"]
    if paragraphs:
        dateline, rest = split_dateline(paragraphs[0])
        if dateline:
            paragraphs[0] = rest
            removed_lines = [f"dateline: {dateline}"]
        else:
            removed_lines = []
    else:
        removed_lines = []
    captions = [ln.text for ln in lines if ln.kind == "caption"]
    removed = [ln.text for ln in lines if ln.kind == "chrome"] + removed_lines
    reasons = [ln.reason for ln in lines if ln.kind == "chrome"] + ["dateline"] * len(removed_lines)
    return CleanedText(
        title=chosen, paragraphs=paragraphs, captions=captions, removed=removed, reasons=reasons
    )


def _split_lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out: list[_Line] = []
    block = 0
    for raw_line in text.split("\n"):
        s = normalize_ws(raw_line)
        if s:
            out.append(_Line(s, block))
        else:
            block += 1
    return out


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Rejoin hard-wrapped paragraphs: body lines of one block where a line stops mid-sentence and either the
    next starts in lower case or the line runs to about the block's wrap width (a headline stacked on a body
    paragraph is much shorter than the paragraph, so it stays apart)."""
    widths: dict[int, int] = {}
    for ln in lines:
        widths[ln.block] = max(widths.get(ln.block, 0), len(ln.text))
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.block == ln.block
            and prev.kind == "body"
            and ln.kind == "body"
            and _continues(prev.text, ln.text, widths[ln.block])
        ):
            prev.text = f"{prev.text} {ln.text}"
            prev.wrapped = True
            continue
        out.append(ln)
    return out


def _continues(prev: str, nxt: str, width: int) -> bool:
    if len(prev) < 40 or _TERMINAL.search(prev):
        return False
    return nxt[0].islower() or len(prev) >= 0.75 * width


def _classify(ln: _Line, voc: _Vocab, edge: bool, extracted: bool) -> None:
    s = ln.text
    words = s.split()
    nw = len(words)
    for name, rx, max_words in voc.line_patterns:
        if nw <= max_words and rx.search(s):
            ln.kind, ln.reason = "chrome", name
            return
    if _is_caption(s, nw, voc):
        ln.kind, ln.reason = "caption", "photo credit"
        return
    if _is_greeting(s, voc):
        ln.kind, ln.reason = "chrome", "greeting"
        return
    if _TERMINAL.search(s) and nw > 3:
        return
    nav_words, content_words = _nav_cover(words, voc)
    total = nav_words + content_words
    if total and nw <= 20 and nav_words / total >= (0.6 if edge else 0.75):
        ln.kind, ln.reason = "chrome", "navigation"
        return
    if extracted:
        return
    if _is_breadcrumb_trail(s, voc):
        ln.kind, ln.reason = "chrome", "breadcrumb"


def _is_caption(s: str, nw: int, voc: _Vocab) -> bool:
    """A paragraph carrying a photo credit. Long captions put the credit at the end; a credit early in a long
    paragraph is a caption glued to body text by the scraper, and the body must not be lost with it."""
    if nw > _CAPTION_MAX_WORDS:
        return False
    if nw <= _CAPTION_ANYWHERE_WORDS:
        return voc.credit.search(s) is not None
    return any(m.end() >= len(s) - _CAPTION_TAIL_CHARS for m in voc.credit.finditer(s))


def _is_greeting(s: str, voc: _Vocab) -> bool:
    core = _strip_edges(s).lower()
    if core in voc.greetings:
        return True
    # "Good afternoon, Jane" / "Welcome back, guest!"
    head = re.split(r"[,!]", core, maxsplit=1)[0].strip()
    return head in voc.greetings and len(s.split()) <= 4


def _nav_tokens(words: list[str]) -> list[str]:
    """Lower-cased tokens with words glued by a lost line break ("VideosHome") split apart."""
    out: list[str] = []
    for w in words:
        m = _CAMEL.match(w)
        if m and not w.isupper():
            out.extend([m.group(1).lower(), m.group(2).lower()])
        else:
            out.append(w.lower())
    return out


def _nav_cover(words: list[str], voc: _Vocab) -> tuple[int, int]:
    """(navigation words, other content words) in a line; connectors count as neither."""
    toks = _nav_tokens(words)
    nav = other = 0
    i = 0
    while i < len(toks):
        if toks[i] in voc.connectors:
            i += 1
            continue
        step = _nav_match(toks, i, voc)
        if step:
            nav += step
            i += step
        else:
            other += 1
            i += 1
    return nav, other


def _nav_match(toks: list[str], i: int, voc: _Vocab) -> int:
    for k in range(min(voc.nav_max_len, len(toks) - i), 0, -1):
        phrase = " ".join(toks[i : i + k])
        if phrase in voc.nav or _strip_edges(phrase) in voc.nav:
            return k
    return 0


def _is_breadcrumb_trail(s: str, voc: _Vocab) -> bool:
    words = s.split()
    seps = sum(1 for w in words if w in voc.breadcrumb_seps)
    if seps < 2 or _SENTENCE_END.search(s):
        return False
    segments = [
        seg.split() for seg in re.split(r"\s(?:" + "|".join(map(re.escape, voc.breadcrumb_seps)) + r")\s", s)
    ]
    return all(0 < len(seg) <= 5 for seg in segments[:-1])


def _strip_breadcrumb(s: str, voc: _Vocab, lines: list[_Line], i: int) -> tuple[str, str] | None:
    """A navigation run glued in front of a headline: ``(prefix, headline)`` when the line is one."""
    # The headline also stands on a line of its own: any mostly-navigation prefix in front of it is chrome,
    # even when some section names in it are not in the vocabulary.
    for k in range(max(0, i - _PREFIX_WINDOW), min(len(lines), i + _PREFIX_WINDOW + 1)):
        other = lines[k].text
        if k == i or len(other) >= len(s) or len(other.split()) < 3 or not s.endswith(other):
            continue
        prefix = s[: len(s) - len(other)]
        if prefix[-1].isalnum() and not (prefix[-1].islower() and other[0].isupper()):
            continue  # the match starts mid-word
        pwords = prefix.split()
        nav, content = _nav_cover(pwords, voc)
        if len(pwords) <= 10 and nav >= max(1, content):
            return prefix.strip(), other
    first = _nav_tokens(s.split(None, 1)[:1])
    if not first or (first[0] not in voc.connectors and not _nav_match(first, 0, voc)):
        return None
    pieces: list[tuple[str, int]] = []  # (token, start offset in s)
    for m in _TOKEN.finditer(s):
        w = m.group()
        cm = _CAMEL.match(w)
        if cm and not w.isupper():
            pieces.append((cm.group(1).lower(), m.start()))
            pieces.append((cm.group(2).lower(), m.start() + len(cm.group(1))))
        else:
            pieces.append((w.lower(), m.start()))
    toks = [p[0] for p in pieces]
    cuts: list[int] = []  # token positions where an all-navigation prefix of >= 2 words ends
    j = nav = 0
    while j < len(toks):
        if toks[j] in voc.connectors:
            j += 1
            continue
        step = _nav_match(toks, j, voc)
        if not step:
            break
        nav += step
        j += step
        if nav >= 2 and len(toks) - j >= 3:
            cuts.append(j)
    # Headline words can be navigation words too ("Politics Parliament votes..."): try the shortest prefix
    # whose remainder is a line of its own first, then the longest.
    for k in cuts:
        start = pieces[k][1]
        found = _accept_breadcrumb(s[:start].strip(), s[start:], toks[0], voc, lines, i, repeated_only=True)
        if found:
            return found
    if not cuts:
        return None
    start = pieces[cuts[-1]][1]
    return _accept_breadcrumb(s[:start].strip(), s[start:], toks[0], voc, lines, i)


def _accept_breadcrumb(
    prefix: str,
    rest: str,
    first_tok: str,
    voc: _Vocab,
    lines: list[_Line],
    i: int,
    repeated_only: bool = False,
) -> tuple[str, str] | None:
    if _SENTENCE_END.search(rest) and len(rest.split()) > _TITLE_MAX_WORDS:
        return None
    key = _key(rest)
    if any(k != i and _key(other.text) == key for k, other in enumerate(lines)):
        return prefix, rest
    if repeated_only:
        return None
    # Not repeated elsewhere: only a run that opens like a breadcrumb, near the top, counts.
    if i < _EDGE_LINES and first_tok in voc.breadcrumb_start and not _TERMINAL.search(rest):
        return prefix, rest
    return None


def _strip_edges(s: str) -> str:
    """Trim non-alphanumeric characters at both ends (a regex anchored at the end is quadratic here)."""
    i, j = 0, len(s)
    while i < j and not s[i].isalnum():
        i += 1
    while j > i and not s[j - 1].isalnum():
        j -= 1
    return s[i:j]


def _key(s: str) -> str:
    return " ".join(_strip_edges(s).casefold().split())


def _mark_repeats(lines: list[_Line], voc: _Vocab, known_title: str | None) -> None:
    """Short non-sentence lines that occur more than once are chrome, except a title-like one (the headline)."""
    counts = Counter(_key(ln.text) for ln in lines if ln.kind == "body")
    for ln in lines:
        if ln.kind != "body" or counts[_key(ln.text)] < 2:
            continue
        if len(ln.text.split()) > _SHORT_LINE_WORDS or _SENTENCE_END.search(ln.text):
            continue  # repeated paragraphs are handled by _mark_duplicate_paragraphs
        if _title_like(ln.text, voc):
            continue
        ln.kind, ln.reason = "chrome", "repeated short line"


def _mark_truncated_copies(lines: list[_Line], voc: _Vocab) -> None:
    """A line that is the start of a nearby longer line, cut off mid-phrase, is a truncated copy."""
    for i, ln in enumerate(lines):
        if ln.kind != "body" or _TERMINAL.search(_ELLIPSIS.sub("", ln.text)):
            continue
        stem = _ELLIPSIS.sub("", ln.text)
        if len(stem.split()) < 3:
            continue
        cut = stem != ln.text or stem.split()[-1].lower() in voc.function_words
        lo, hi = max(0, i - _PREFIX_WINDOW), min(len(lines), i + _PREFIX_WINDOW + 1)
        for k in range(lo, hi):
            other = lines[k]
            if k == i or len(other.text) <= len(stem) or not other.text.startswith(stem):
                continue
            if not other.text[len(stem)].isspace() and not cut:
                continue
            if cut or other.kind == "caption" or k < i:
                ln.kind, ln.reason = "chrome", "truncated copy"
                break


def _title_like(s: str, voc: _Vocab) -> bool:
    words = s.split()
    if not 3 <= len(words) <= _TITLE_MAX_WORDS:
        return False
    if re.search(r"[.;:,]\s*$", s):
        return False
    if len(_LETTER.findall(s)) < 0.6 * len(s.replace(" ", "")):
        return False
    return words[-1].lower() not in voc.function_words


def _choose_title(lines: list[_Line], strong: list[str], voc: _Vocab) -> str | None:
    """The headline: a breadcrumb-glued or repeated title-like line near the top, else the first title-like
    line before the first body paragraph."""
    if strong:
        return strong[0]
    top: list[_Line] = []
    for ln in lines:
        if ln.kind == "body" and _is_paragraph(ln.text) and top:
            break
        if ln.kind == "body" and _is_paragraph(ln.text):
            return None  # the page opens with body text: no headline line
        top.append(ln)
        if len(top) >= 10:
            break
    candidates = [ln for ln in top if ln.kind == "body" and _title_like(ln.text, voc)]
    if not candidates:
        return None
    counts = Counter(_key(ln.text) for ln in lines)
    repeated = [ln for ln in candidates if counts[_key(ln.text)] > 1]
    return (repeated or candidates)[0].text


def _is_paragraph(s: str) -> bool:
    return len(s.split()) >= 8 and bool(_TERMINAL.search(s))


def _mark_non_sentences(lines: list[_Line], n: int) -> None:
    """Short lines that are not sentences (cross-heads, kickers, labels, stray menu items) are not body text.

    Skipped when it would leave no body at all, e.g. for a page that is a list of short lines.
    """
    victims = [
        ln
        for ln in lines
        if ln.kind == "body"
        and len(ln.text.split()) <= _SHORT_LINE_WORDS
        and not _TERMINAL.search(ln.text)
        and not _CONTINUES.search(ln.text)  # a sentence split across lines, not a heading
    ]
    survivors = sum(1 for ln in lines if ln.kind == "body") - len(victims)
    if survivors <= 0:
        return
    for ln in victims:
        ln.kind, ln.reason = "chrome", "not a sentence"


def _mark_duplicate_paragraphs(lines: list[_Line]) -> None:
    seen: set[str] = set()
    for ln in lines:
        if ln.kind != "body":
            continue
        k = _key(ln.text)
        if k in seen:
            ln.kind, ln.reason = "chrome", "duplicate paragraph"
        seen.add(k)


# --------------------------------------------------------------------------- dates


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: str | None) -> dt.date | None:
    """A metadata date (ISO date or datetime, RFC 2822, or a plain written date) as a calendar date."""
    if not value or not value.strip():
        return None
    s = value.strip()
    m = _ISO_DATE.match(s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if re.fullmatch(r"\d{8}", s):
        try:
            return dt.datetime.strptime(s, "%Y%m%d").date()
        except ValueError:
            return None
    return _dateparser(s)


def _dateparser(s: str) -> dt.date | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    # English only: loading every language model costs seconds on first use, and metadata dates are
    # ISO or English in practice.
    parsed = dateparser.parse(
        s, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None
