"""Importers into the knowledge-base format: CAMEO/PETRARCH actor dictionaries and Wikidata SPARQL results.

Owns parsing both formats, mapping CAMEO actor codes to our country + sector and Wikidata positions to office
ids (``data/kb/wikidata_positions.tsv`` or a user mapping), deduplicating people against the loaded knowledge
base by name and alias, writing ``people.<format>.tsv`` / ``offices.<format>.tsv`` / ``terms.<format>.tsv``
into a directory that :class:`newsevents.kb.KnowledgeBase` loads with ``extra_dirs`` (or through
``$NEWSEVENTS_KB_EXTRA``), and the ``newsevents kb`` command group.

CAMEO actor dictionaries (TABARI/PETRARCH format), as PETRARCH reads them:
  * a line starting in column 1 opens an entry (``VLADIMIR_PUTIN_  # comment``, optionally followed by
    ``[CODE]`` or ``[CODE dates]`` groups); ``+NAME`` lines add synonyms; tab-indented ``[CODE dates]`` lines
    add role codes; ``#`` starts a comment; lines starting with ``<`` are comments; ``---STOP---`` ends.
  * dates: ``[CODE]`` (no date: the default code), ``[CODE >d]`` (from d on), ``[CODE <d]`` (until d),
    ``[CODE d1-d2]`` (both inclusive). ``d`` is YYMMDD (YY <= 30 is 20YY, else 19YY; at most 7 characters, the
    7th ignored) or YYYYMMDD (only the first 8 digits read).
  * codes are 3-letter blocks: a country (ISO3), ``IGO``/``NGO``/``MNC`` and sectors (``RUSGOVLEG``).

A dated code cannot always tell which office was held (``RUSGOV`` covers the president and every minister),
so CAMEO terms go to one generic, non-single office per country + sector (``CAMEO_RUS_GOV``, title
``CAMEO RUSGOV``): they give a person's country and sector on a date, never a title's holder; the raw code
stays in the terms' ``code`` column.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import click

from .kb import KnowledgeBase, Person, norm
from .kb import default as kb_default

PEOPLE_COLUMNS = ("person_id", "name", "aliases", "country", "surname", "sector", "note")
OFFICE_COLUMNS = ("office_id", "title", "country", "sector", "kind", "roles", "single", "phrases")
TERM_COLUMNS = ("person_id", "office_id", "start", "end", "acting", "note", "code")

# Same-person terms starting within this many days are the same term (sources disagree on the handover day:
# election, swearing-in, appointment decree).
SAME_TERM_DAYS = 31

HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "sheikh", "prince"})


class KBImportError(ValueError):
    """Malformed input; the message is one line: ``file:line: what is wrong``."""


# --------------------------------------------------------------------------- shared report / builder


@dataclass
class ImportReport:
    people: int = 0
    people_matched: int = 0
    offices: int = 0
    terms: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, where)


class _Problems:
    """Per-record problems: raised in strict mode, else counted as skipped with their reason."""

    def __init__(self, report: ImportReport, strict: bool) -> None:
        self.report = report
        self.strict = strict

    def __call__(self, reason: str, path: Path | str, line: int | str, detail: str = "") -> None:
        where = f"{path}:{line}: {reason}" + (f" ({detail})" if detail else "")
        if self.strict:
            raise KBImportError(where)
        self.report.skip(reason, where)


def _slug(name: str) -> str:
    s = unicodedata.normalize("NFKD", norm(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "person"


def sectors_of(kb: KnowledgeBase) -> frozenset[str]:
    """The sector codes the knowledge base uses (listed in kb_meta.json)."""
    return frozenset(re.findall(r"\b[A-Z]{3}\b", kb.meta["conventions"]["sectors"]))


class _Builder:
    """Collects people, offices and terms for one import, deduplicated against ``kb`` and within itself."""

    def __init__(self, kb: KnowledgeBase, report: ImportReport) -> None:
        self.kb = kb
        self.report = report
        self.people: dict[str, dict[str, str]] = {}
        self.offices: dict[str, dict[str, str]] = {}
        self.terms: list[dict[str, str]] = []
        self._index: dict[str, str] = {}  # normal-form name/alias -> new person id
        self._title_words = kb.title_vocabulary()
        self._term_keys: set[tuple] = set()
        self._matched: set[str] = set()
        self._keys: dict[str, str] = {}

    def clean_aliases(self, name: str, aliases: Iterable[str]) -> tuple[list[str], str]:
        """Aliases that are names (not 'President Putin', 'Mr Obama', 'Russian Foreign Minister Lavrov'),
        and the surname that a one-word alias attests ('PUTIN' for 'Vladimir Putin')."""
        words = norm(name).split()
        kept: list[str] = []
        surname = ""
        for a in aliases:
            a = a.strip()
            k = norm(a).split()
            if not k or norm(a) == norm(name):
                continue
            if len(k) == 1:
                if k[0] in words and len(words) > 1 and not surname:
                    surname = a
                continue
            lead = k[0]
            if re.match(r"[A-Za-z]{3,}\.\s", a):
                continue  # an abbreviated title: "Gov. Reagan", "Sen. Kerry"
            if lead in HONORIFICS or lead in self._title_words or lead in self.kb.modifiers:
                continue
            if self.kb.country_by_demonym(lead) or any(self.kb.agent_sector(w) for w in k):
                continue  # "Russian Foreign Minister Lavrov", "Reagan Administration"
            if len(k) > len(words) and k[-len(words) :] == words:
                continue  # a title before the full name: "Govenor Ronald Reagan", "Gov. Ronald Reagan"
            if a not in kept:
                kept.append(a)
        return kept, surname

    def match_kb(self, names: Iterable[str], countries: set[str]) -> Person | None:
        """A shipped person named by one of ``names`` whose country (or an office's country) agrees."""
        names = list(names)
        for i, n in enumerate(names):
            p = self.kb.person(n)
            # an alias matches only the shipped person's own name: two people may share an alias ("George
            # Bush" for father and son), but an alias of one is not the other's full name
            if p is None or (i > 0 and norm(n) != norm(p.name)):
                continue
            theirs = {p.country} | {
                self.kb.offices[t.office_id].country for t in self.kb.terms_of(p.person_id)
            }
            if not countries or countries & theirs:
                return p
        return None

    def person(
        self,
        name: str,
        aliases: list[str],
        country: str,
        countries: set[str],
        surname: str = "",
        sector: str = "",
        note: str = "",
        key: str = "",
    ) -> str:
        """The id of the person: a shipped one when the name (or an alias, as a shipped person's name) matches,
        else a new or merged row; ``key`` (a Wikidata QID) identifies the person across records."""
        if key and key in self._keys:
            return self._keys[key]
        found = self.match_kb([name, *aliases], countries)
        if found is not None:
            if found.person_id not in self._matched:
                self._matched.add(found.person_id)
                self.report.people_matched += 1
            self._index.setdefault(norm(name), found.person_id)
            if key:
                self._keys[key] = found.person_id
            return found.person_id
        if key:
            self._keys[key] = pid = self._new_or_merged(name, aliases, country, surname, sector, note)
            return pid
        return self._new_or_merged(name, aliases, country, surname, sector, note)

    def _new_or_merged(
        self, name: str, aliases: list[str], country: str, surname: str, sector: str, note: str
    ) -> str:
        for n in (name, *aliases):
            pid = self._index.get(norm(n))
            if pid is not None and pid in self.people:
                row = self.people[pid]
                known = {norm(x) for x in (row["name"], *row["aliases"].split("|")) if x}
                extra = [a for a in (name, *aliases) if norm(a) not in known]
                row["aliases"] = "|".join(x for x in (*row["aliases"].split("|"), *extra) if x)
                for key, value in (("country", country), ("surname", surname), ("sector", sector)):
                    row[key] = row[key] or value
                for a in extra:
                    self._index.setdefault(norm(a), pid)
                return pid
        pid = base = _slug(name)
        k = 2
        while pid in self.kb.people or pid in self.people:
            pid, k = f"{base}_{k}", k + 1
        self.people[pid] = {
            "person_id": pid,
            "name": name,
            "aliases": "|".join(aliases),
            "country": country,
            "surname": surname,
            "sector": sector,
            "note": note,
        }
        for n in (name, *aliases):
            self._index.setdefault(norm(n), pid)
        return pid

    def add_term(
        self,
        person_id: str,
        office_id: str,
        start: dt.date,
        end: dt.date | None,
        where: str,
        note: str = "",
        code: str = "",
    ) -> None:
        for t in self.kb.terms_of(person_id):
            if t.office_id == office_id and abs((t.start - start).days) <= SAME_TERM_DAYS:
                self.report.skip("term already in the knowledge base", where)
                return
        key = (person_id, office_id, start, end)
        if key in self._term_keys:
            self.report.skip("duplicate term", where)
            return
        self._term_keys.add(key)
        self.terms.append(
            {
                "person_id": person_id,
                "office_id": office_id,
                "start": start.isoformat(),
                "end": end.isoformat() if end else "",
                "acting": "no",
                "note": note,
                "code": code,
            }
        )

    def write(self, out: Path, part: str) -> ImportReport:
        out.mkdir(parents=True, exist_ok=True)
        used_people = {t["person_id"] for t in self.terms}
        people = [r for pid, r in self.people.items() if pid in used_people]
        dropped = len(self.people) - len(people)
        if dropped:
            self.report.skipped["person without any importable term"] += dropped
        used_offices = {t["office_id"] for t in self.terms}
        offices = [r for oid, r in self.offices.items() if oid in used_offices]
        for stem, cols, rows in (
            ("people", PEOPLE_COLUMNS, people),
            ("offices", OFFICE_COLUMNS, offices),
            ("terms", TERM_COLUMNS, self.terms),
        ):
            path = out / f"{stem}.{part}.tsv"
            with path.open("w", encoding="utf-8", newline="") as f:
                f.write("\t".join(cols) + "\n")
                for r in rows:
                    f.write("\t".join(_cell(r.get(c, "")) for c in cols) + "\n")
        self.report.people, self.report.offices, self.report.terms = (
            len(people),
            len(offices),
            len(self.terms),
        )
        return self.report


def _cell(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value)


# --------------------------------------------------------------------------- CAMEO actor dictionaries


@dataclass(frozen=True)
class CameoCode:
    code: str  # raw, e.g. "RUSGOVLEG"
    country: str  # ISO3, UNO/EUR/NAT/IGO for intergovernmental bodies, "" when unmapped or none
    sector: str  # first sector block known to the KB ("GOV"), "IGO"/"NGO"/"BUS" for IGO/NGO/MNC codes
    sector2: str
    start: dt.date | None
    end: dt.date | None
    line: int

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass
class CameoEntry:
    name: str  # "Vladimir Putin"
    raw: str  # "VLADIMIR_PUTIN_"
    synonyms: list[str]  # display forms of the + lines
    codes: list[CameoCode]
    path: str
    line: int

    def is_person(self) -> bool:
        """Entries with a dated role code are office holders; undated entries are countries, bodies,
        groups (an organisation's dated code has no sector: ``[CSK 19181001-19930101]``)."""
        return any(c.dated and c.sector for c in self.codes)


def cameo_display(raw: str) -> str:
    """'VLADIMIR_V._PUTIN_' -> 'Vladimir V. Putin'; 'BAN_KI-MOON' -> 'Ban Ki-Moon'."""
    words = raw.replace("_", " ").split()
    return " ".join(re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), w) for w in words)


def cameo_date(text: str) -> dt.date:
    """A CAMEO date as PETRARCH reads it: YYMMDD (<= 7 characters; YY <= 30 is 20YY) or YYYYMMDD."""
    if not text.isdigit() or len(text) < 6:
        raise ValueError(f"bad date {text!r}")
    if len(text) > 7:
        y, m, d = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        y, m, d = int(text[:2]), int(text[2:4]), int(text[4:6])
        y += 2000 if y <= 30 else 1900
    return dt.date(y, m, d)


def cameo_code_parts(code: str, kb: KnowledgeBase) -> tuple[str, str, str]:
    """(country, sector, sector2) of a CAMEO actor code: 'USAGOVLEG' -> ('USA', 'GOV', 'LEG');
    'IGOUNO' -> ('UNO', 'IGO', ''); 'IGOWSTNAT' -> ('NAT', 'IGO', ''); 'NGOHRI' -> ('', 'NGO', '')."""
    sectors = sectors_of(kb)
    blocks = [code[i : i + 3] for i in range(0, len(code), 3)]
    head, rest = blocks[0], blocks[1:]
    if head == "IGO":
        # the organisation whose CAMEO code is the longest prefix gives UNO/EUR/NAT/IGO
        best = max(
            (o for o in kb.organizations.values() if o.cameo.startswith("IGO") and code.startswith(o.cameo)),
            key=lambda o: len(o.cameo),
            default=None,
        )
        return (best.country if best else "IGO"), "IGO", ""
    if head == "NGO":
        return "", "NGO", ""
    if head == "MNC":
        return "", "BUS", ""
    if head in sectors:
        country = ""
        rest = blocks
    else:
        country = head if head in kb.countries else ""
    known = [b for b in rest if b in sectors]
    return country, (known[0] if known else ""), (known[1] if len(known) > 1 else "")


_BRACKET = re.compile(r"\[([^\[\]]*)\]")


def _cameo_codes(
    text: str, path: Path, lineno: int, kb: KnowledgeBase, problem: _Problems
) -> list[CameoCode]:
    if text.count("[") != text.count("]"):
        raise KBImportError(f"{path}:{lineno}: unbalanced [ ] in {text.strip()!r}")
    out = []
    for m in _BRACKET.finditer(text):
        body = m.group(1).strip()
        code, _, dates = body.partition(" ")
        dates = dates.replace(" ", "")
        if code == "---":  # the null code: "do not code this phrase"
            continue
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            problem("malformed code", path, lineno, body)
            continue
        start = end = None
        try:
            if not dates:
                pass
            elif dates[0] in "<>":
                d = cameo_date(dates[1:])
                start, end = (d, None) if dates[0] == ">" else (None, d)
            elif "-" in dates:
                a, _, b = dates.partition("-")
                start, end = cameo_date(a), cameo_date(b)
            else:
                raise ValueError(f"date restriction {dates!r} is neither <d, >d nor d1-d2")
        except ValueError as e:
            problem("malformed date", path, lineno, f"{body}: {e}")
            continue
        if start is not None and end is not None and end < start:
            problem("end date before start date", path, lineno, body)
            continue
        country, sector, sector2 = cameo_code_parts(code, kb)
        out.append(CameoCode(code, country, sector, sector2, start, end, lineno))
    return out


def read_cameo(
    path: Path | str,
    kb: KnowledgeBase | None = None,
    report: ImportReport | None = None,
    strict: bool = False,
) -> list[CameoEntry]:
    """Entries of a CAMEO/PETRARCH actor dictionary. Structural errors (a synonym or code line before any
    entry, an unbalanced bracket) raise :class:`KBImportError`; a malformed code or date is skipped and
    counted in ``report`` (raised when ``strict``)."""
    path = Path(path)
    kb = kb or kb_default()
    report = report if report is not None else ImportReport()
    problem = _Problems(report, strict)
    entries: list[CameoEntry] = []
    current: CameoEntry | None = None
    try:
        lines = path.read_text(encoding="utf-8", errors="strict").splitlines()
    except UnicodeDecodeError as e:
        raise KBImportError(f"{path}:1: not UTF-8 text ({e.reason} at byte {e.start})") from None
    for lineno, raw in enumerate(lines, 1):
        if "---STOP---" in raw:
            break
        if not raw.strip() or raw.lstrip().startswith(("#", "<")):
            continue
        text = raw.split("#", 1)[0]
        if not text.strip():
            continue
        if raw[0] in " \t":  # PETRARCH wants a tab; an indented code line means the same
            if current is None:
                raise KBImportError(f"{path}:{lineno}: role code line before any entry")
            if "[" not in text:
                raise KBImportError(f"{path}:{lineno}: indented line without a [CODE]: {text.strip()!r}")
            current.codes.extend(_cameo_codes(text, path, lineno, kb, problem))
            continue
        phrase, _, codes = text.partition("[")
        codes = "[" + codes if codes else ""
        phrase = phrase.strip()
        if raw[0] == "+":
            if current is None:
                raise KBImportError(f"{path}:{lineno}: synonym line before any entry")
            syn = cameo_display(phrase[1:])
            if syn:
                current.synonyms.append(syn)
            current.codes.extend(_cameo_codes(codes, path, lineno, kb, problem))
            continue
        if not phrase:
            raise KBImportError(f"{path}:{lineno}: entry without a name: {raw.strip()!r}")
        current = CameoEntry(cameo_display(phrase), phrase, [], [], str(path), lineno)
        current.codes.extend(_cameo_codes(codes, path, lineno, kb, problem))
        entries.append(current)
    return entries


def import_cameo(
    paths: Iterable[Path | str],
    out: Path | str,
    kb: KnowledgeBase | None = None,
    strict: bool = False,
    open_end: dt.date | None = None,
) -> ImportReport:
    """Import the people of CAMEO actor dictionaries into ``out`` (people/offices/terms ``.cameo.tsv``).

    Every dated code with a mapped country and sector becomes a term of the generic office of that country +
    sector. Codes open at the end (``>d``) get ``open_end`` as end when given (e.g. the dictionary's date),
    else an empty end; codes without a start (``<d``) are skipped.
    """
    kb = kb or kb_default()
    report = ImportReport()
    b = _Builder(kb, report)
    entries = [e for p in paths for e in read_cameo(p, kb, report, strict)]
    for e in entries:
        where = f"{e.path}:{e.line}"
        if not e.is_person():
            report.skip("not a person (no dated role code with a sector)", where)
            continue
        aliases, surname = b.clean_aliases(e.name, e.synonyms)
        national = [c for c in e.codes if c.country in kb.countries]
        undated = [c for c in e.codes if not c.dated]
        by_recency = sorted(national, key=lambda c: (c.dated, c.start or c.end or dt.date.min), reverse=True)
        country = (
            [c.country for c in undated if c.country in kb.countries] + [c.country for c in by_recency] + [""]
        )[0]
        sector = next((c.sector for c in undated if c.sector), "")
        countries = {c.country for c in e.codes if c.country}
        pid = b.person(e.name, aliases, country, countries, surname, sector, f"CAMEO {Path(e.path).name}")
        for c in e.codes:
            if not c.dated:
                continue
            cwhere = f"{e.path}:{c.line}"
            if not c.country or not c.sector:
                report.skip("code without a mapped country and sector", f"{cwhere} ({c.code})")
                continue
            if c.start is None:
                report.skip("code without a start date (<d)", f"{cwhere} ({c.code})")
                continue
            oid = f"CAMEO_{c.country}_{c.sector}"
            b.offices.setdefault(
                oid,
                {
                    "office_id": oid,
                    "title": f"CAMEO {c.country}{c.sector}",
                    "country": c.country,
                    "sector": c.sector,
                    "kind": "cameo_role",
                    "roles": "",
                    "single": "no",
                    "phrases": "",
                },
            )
            end = c.end if c.end is not None else open_end
            note = "" if c.end is not None else "open-ended in the source"
            b.add_term(pid, oid, c.start, end, cwhere, note, c.code)
    return b.write(Path(out), "cameo")


# --------------------------------------------------------------------------- Wikidata SPARQL results

_QID = re.compile(r"(?:^|/)(Q\d+)$")


@dataclass(frozen=True)
class PositionMap:
    office_id: str
    office_row: dict[str, str] | None  # a new office to write, when the KB has none with that id


def default_positions_path() -> Path:
    return Path(str(resources.files("newsevents") / "data" / "kb" / "wikidata_positions.tsv"))


def read_positions(paths: Iterable[Path | str], kb: KnowledgeBase) -> dict[str, PositionMap]:
    """QID -> office mapping from TSVs with columns ``qid office_id label`` and, for offices the KB lacks,
    ``title country sector kind roles single phrases``. Later files override earlier ones."""
    out: dict[str, PositionMap] = {}
    for p in paths:
        p = Path(p)
        with p.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        if not rows or not {"qid", "office_id"} <= set(rows[0]):
            raise KBImportError(f"{p}:1: positions mapping needs a header with columns qid and office_id")
        head = rows[0]
        for lineno, cells in enumerate(rows[1:], 2):
            if not any(c.strip() for c in cells) or cells[0].startswith("#"):
                continue
            r = dict(zip(head, cells, strict=False))
            qid, oid = r.get("qid", "").strip(), r.get("office_id", "").strip()
            if not re.fullmatch(r"Q\d+", qid) or not oid:
                raise KBImportError(f"{p}:{lineno}: expected a QID and an office_id, got {cells[:2]!r}")
            if oid in kb.offices:
                out[qid] = PositionMap(oid, None)
            elif r.get("title", "").strip():
                row = {c: r.get(c, "").strip() for c in OFFICE_COLUMNS}
                row["single"] = row["single"] or "yes"
                out[qid] = PositionMap(oid, row)
            else:
                raise KBImportError(
                    f"{p}:{lineno}: office {oid} is not in the knowledge base and the row gives no title"
                )
    return out


def _binding_lines(text: str) -> list[int]:
    """Line number of each element of results.bindings (for error messages)."""
    m = re.search(r'"bindings"\s*:\s*\[', text)
    if not m:
        return []
    dec, i = json.JSONDecoder(), m.end()
    lines: list[int] = []
    while True:
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            return lines
        try:
            _, end = dec.raw_decode(text, i)
        except json.JSONDecodeError:
            return lines
        lines.append(text.count("\n", 0, i) + 1)
        i = end


def wikidata_date(value: str) -> dt.date:
    """'2017-01-20T00:00:00Z' (xsd:dateTime, optionally signed) -> date 2017-01-20."""
    m = re.fullmatch(r"\+?(\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?", value.strip())
    if not m:
        raise ValueError(f"bad xsd:dateTime {value!r}")
    y, mo, d = (int(x) for x in m.groups())
    return dt.date(y, max(mo, 1), max(d, 1))  # month/day 00 = year or month precision


def _value(b: dict, var: str) -> str:
    v = b.get(var)
    if not isinstance(v, dict) or v.get("type") == "bnode":
        return ""
    value = str(v.get("value", "")).strip()
    return "" if "/.well-known/genid/" in value else value  # "unknown value" in Wikidata results


def read_wikidata(path: Path | str) -> list[tuple[int, dict]]:
    """(line, binding) pairs of a SPARQL results JSON file; raises :class:`KBImportError` when the file is not
    ``application/sparql-results+json`` or lacks the variables person, position and start."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise KBImportError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("results", {}).get("bindings"), list):
        raise KBImportError(f"{path}:1: not SPARQL results JSON (no results.bindings)")
    variables = data.get("head", {}).get("vars", [])
    missing = [v for v in ("person", "position", "start") if v not in variables]
    if missing:
        raise KBImportError(
            f"{path}:1: SPARQL results lack the variable(s) {', '.join(missing)} in head.vars"
        )
    bindings = data["results"]["bindings"]
    lines = _binding_lines(text)
    if len(lines) != len(bindings):
        lines = [1] * len(bindings)
    return list(zip(lines, bindings, strict=True))


def _split_alt(value: str) -> list[str]:
    parts = value.split("|") if "|" in value else value.split(", ")
    return [p.strip() for p in parts if p.strip()]


def import_wikidata(
    paths: Iterable[Path | str],
    out: Path | str,
    kb: KnowledgeBase | None = None,
    positions: Iterable[Path | str] = (),
    strict: bool = False,
) -> ImportReport:
    """Import positions held from SPARQL results into ``out`` (people/offices/terms ``.wikidata.tsv``).

    Variables: person, personLabel, position, positionLabel, start, end (P580/P582), optionally country (ISO3
    literal or a country item with countryLabel), altLabel (``|``- or ``, ``-separated), familyNameLabel.
    Positions map to offices through the shipped ``wikidata_positions.tsv`` and then ``positions``.
    """
    kb = kb or kb_default()
    report = ImportReport()
    problem = _Problems(report, strict)
    pmap = read_positions([default_positions_path(), *positions], kb)
    b = _Builder(kb, report)
    for p in paths:
        for lineno, row in read_wikidata(p):
            person_uri, position_uri = _value(row, "person"), _value(row, "position")
            pq, posq = _QID.search(person_uri), _QID.search(position_uri)
            if not pq or not posq:
                problem(
                    "person or position is not a Wikidata item", p, lineno, f"{person_uri} {position_uri}"
                )
                continue
            mapped = pmap.get(posq.group(1))
            if mapped is None:
                report.skip(
                    "position not in the mapping",
                    f"{p}:{lineno}: {posq.group(1)} {_value(row, 'positionLabel')}".rstrip(),
                )
                continue
            try:
                start_s, end_s = _value(row, "start"), _value(row, "end")
                if not start_s:
                    report.skip("no start date", f"{p}:{lineno}")
                    continue
                start = wikidata_date(start_s)
                end = wikidata_date(end_s) if end_s else None
            except ValueError as e:
                problem("malformed date", p, lineno, str(e))
                continue
            if end is not None and end < start:
                problem("end date before start date", p, lineno, f"{start} > {end}")
                continue
            office = kb.offices.get(mapped.office_id)
            office_country = office.country if office else (mapped.office_row or {}).get("country", "")
            country = _value(row, "country")
            if not re.fullmatch(r"[A-Z]{3}", country):
                c = kb.country(_value(row, "countryLabel")) if _value(row, "countryLabel") else None
                country = c.iso3 if c else ""
            if not country and office_country in kb.countries:
                country = office_country
            name = _value(row, "personLabel") or pq.group(1)
            if _QID.fullmatch(name):
                problem("person without a label", p, lineno, name)
                continue
            aliases, surname = b.clean_aliases(name, _split_alt(_value(row, "altLabel")))
            surname = _value(row, "familyNameLabel") or surname
            countries = {x for x in (country, office_country) if x}
            pid = b.person(
                name, aliases, country, countries, surname, "", f"wikidata {pq.group(1)}", pq.group(1)
            )
            if mapped.office_row is not None:
                b.offices.setdefault(mapped.office_id, mapped.office_row)
            b.add_term(pid, mapped.office_id, start, end, f"{p}:{lineno}", "", posq.group(1))
    return b.write(Path(out), "wikidata")


# --------------------------------------------------------------------------- command line


@click.group("kb")
def kb_group() -> None:
    """Knowledge-base tools."""


@kb_group.command("import")
@click.option("--format", "fmt", type=click.Choice(["cameo", "wikidata"]), required=True)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--positions",
    "positions",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="QID -> office_id TSV (wikidata), on top of the shipped wikidata_positions.tsv.",
)
@click.option("--strict", is_flag=True, help="Fail on the first malformed record instead of skipping it.")
@click.option(
    "--open-end",
    "open_end",
    default=None,
    help="End date (YYYY-MM-DD) for CAMEO codes open at the end, e.g. the dictionary's date.",
)
def import_cmd(
    fmt: str,
    files: tuple[Path, ...],
    out: Path,
    positions: tuple[Path, ...],
    strict: bool,
    open_end: str | None,
) -> None:
    """Import people and terms from CAMEO actor dictionaries or Wikidata SPARQL results JSON into OUT, a
    directory to load with NEWSEVENTS_KB_EXTRA=OUT."""
    try:
        if fmt == "cameo":
            end = dt.date.fromisoformat(open_end) if open_end else None
            report = import_cameo(files, out, strict=strict, open_end=end)
        else:
            if open_end:
                raise click.UsageError("--open-end applies to --format cameo only")
            report = import_wikidata(files, out, positions=positions, strict=strict)
    except (KBImportError, ValueError) as e:
        raise click.ClickException(str(e)) from None
    click.echo(
        f"people: {report.people} new, {report.people_matched} matched in the knowledge base; "
        f"offices: {report.offices} new; terms: {report.terms}"
    )
    click.echo(f"skipped: {sum(report.skipped.values())}")
    for reason, n in report.skipped.most_common():
        click.echo(f"  {n}\t{reason}\te.g. {report.examples.get(reason, '')}")
    click.echo(f"wrote {out}/people.{fmt}.tsv, offices.{fmt}.tsv, terms.{fmt}.tsv")


# --------------------------------------------------------------------------- cross-check against CAMEO


@dataclass(frozen=True)
class Disagreement:
    person_id: str
    what: str  # stable key for the allowlist: "RUS:end:2004-03-09" (country, kind, start of our period)
    ours: str
    cameo: str


def _merge(periods: list[tuple[dt.date, dt.date]], gap: int) -> list[tuple[dt.date, dt.date]]:
    out: list[tuple[dt.date, dt.date]] = []
    for s, e in sorted(periods):
        if out and (s - out[-1][1]).days <= gap:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# CountryInfo's cabinet lists (the source of the Phoenix country actors) begin on 2003-01-01: a code starting
# that day may have started earlier, and nothing before it is listed.
CAMEO_CABINET_LISTS_FROM = dt.date(2003, 1, 1)
# CountryInfo follows monthly directory snapshots: a code starting on the 1st of a month is the first
# snapshot listing the person, which lags an appointment by up to about a quarter.
CAMEO_MONTHLY_LAG_DAYS = 92


def crosscheck_cameo(
    kb: KnowledgeBase,
    entries: Iterable[CameoEntry],
    until: dt.date,
    tolerance: int = 31,
    lists_from: dt.date = CAMEO_CABINET_LISTS_FROM,
    monthly_lag: int = CAMEO_MONTHLY_LAG_DAYS,
) -> tuple[dict[str, list[CameoEntry]], list[Disagreement]]:
    """Compare our office-holding periods with CAMEO's dated government codes up to ``until``.

    People match by name (or alias, as our person's name) and country. For each country, our periods are
    the merged terms of offices with sector GOV there (for UNO/EUR/NAT/IGO: every office of that body), and
    CAMEO's the merged dated codes of that country with sector GOV (IGO). CAMEO's GOV covers every government
    post while we record a few offices, so CAMEO starting earlier or ending later is no disagreement; CAMEO
    starting later or ending earlier than our period by more than ``tolerance`` days, or having no period
    overlapping ours, is. Countries where CAMEO has no dated government code are not compared, nor our
    periods ending before ``lists_from``; a CAMEO period starting on ``lists_from`` is censored there (it may
    have begun earlier), and one starting on the 1st of a month may lag ours by ``monthly_lag`` days.
    Returns the matched entries by person id and the disagreements.
    """
    report = ImportReport()
    b = _Builder(kb, report)
    matched: dict[str, list[CameoEntry]] = {}
    for e in entries:
        if not e.is_person():
            continue
        aliases, _ = b.clean_aliases(e.name, e.synonyms)
        p = b.match_kb([e.name, *aliases], {c.country for c in e.codes if c.country})
        if p is not None:
            matched.setdefault(p.person_id, []).append(e)
    international = {"UNO", "EUR", "NAT", "IGO"}
    out: list[Disagreement] = []

    def fmt(periods: list[tuple[dt.date, dt.date]]) -> str:
        return ", ".join(f"{s}..{'' if e >= until else e}" for s, e in periods) or "-"

    for pid, es in sorted(matched.items()):
        ours: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for t in kb.terms_of(pid):
            o = kb.offices[t.office_id]
            if t.start > until or not (o.sector == "GOV" or o.country in international):
                continue
            ours.setdefault(o.country, []).append((t.start, min(t.end or until, until)))
        theirs: dict[str, list[tuple[dt.date, dt.date]]] = {}
        for c in (c for entry in es for c in entry.codes):
            wanted = "IGO" if c.country in international else "GOV"
            if c.start is None or c.start > until or c.sector != wanted:
                continue
            theirs.setdefault(c.country, []).append((c.start, min(c.end or until, until)))
        for country, periods in sorted(ours.items()):
            if country not in theirs:
                continue
            mine, cameo = _merge(periods, tolerance), _merge(theirs[country], tolerance)
            for s, f in mine:
                if f < lists_from:
                    continue
                over = [
                    q
                    for q in cameo
                    if q[0] <= f + dt.timedelta(tolerance) and s <= q[1] + dt.timedelta(tolerance)
                ]
                what = f"{country}:{{}}:{s}"
                if not over:
                    out.append(Disagreement(pid, what.format("absent"), fmt([(s, f)]), fmt(cameo)))
                    continue
                first = over[0][0]
                lag = (first - s).days
                if first == lists_from or (first.day == 1 and lag <= monthly_lag):
                    lag = 0
                if lag > tolerance:
                    out.append(Disagreement(pid, what.format("start"), fmt([(s, f)]), fmt(over)))
                if (f - over[-1][1]).days > tolerance:
                    out.append(Disagreement(pid, what.format("end"), fmt([(s, f)]), fmt(over)))
    return matched, out
