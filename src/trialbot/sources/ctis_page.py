"""EU CTIS public trial pages saved as text → normalized trials."""

from __future__ import annotations

import re

from trialbot.domain.trial import AgeLimit, ConditionExplanation, Intervention, Site, Trial
from trialbot.sources.countries import COUNTRIES_BY_LENGTH
from trialbot.sources.criteria_split import split_criteria
from trialbot.sources.normalize import guess_route, status_code

EU_CT_ID = re.compile(r"\b(\d{4}-\d{6}-\d{2}-\d{2})\b")
_TAIL = re.compile(r"^\s*Other Trials to Consider\s*$", re.IGNORECASE | re.MULTILINE)
_NOISE = re.compile(r"^[\d\s]+$")
_BULLET = re.compile(r"^[•∙·●▪*\-–]\s*")
_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_EXPLANATION = re.compile(r"^(?P<term>[^.!?:]{2,90}?)\s+[–—-]\s+(?P<text>\S.*)$")
_DRUG = re.compile(r"^(?P<name>[A-Z][\w\-/ ()]{1,80}?)\s+(?:is|are|was|will be)\b")
_STATUSES = (
    "not yet recruiting",
    "recruiting",
    "ongoing",
    "authorised",
    "suspended",
    "ended",
    "completed",
    "halted",
    "temporarily halted",
    "restarted",
    "withdrawn",
    "expired",
)
_HEADINGS = {
    "what is this study about?": "summary",
    "who can join the study?": "inclusion",
    "who cannot join the study?": "exclusion",
    "where you can join this trial?": "sites",
    "trial status": "status",
    "trial locations": "drugs",
    "investigated drugs:": "drugs",
}
_LABELS = {"trial id:": "id", "protocol code:": "protocol", "trial phase:": "phase"}
_STATUS_ORDER = ("RECRUITING", "NOT_YET_RECRUITING", "ONGOING", "AUTHORISED")


def looks_like_ctis_page(text: str) -> bool:
    """True when the text is a CTIS public page (an EU CT number and the page's sections)."""
    has_id = re.search(r"(?im)^\s*Trial ID:?\s*$", text) and EU_CT_ID.search(text)
    return bool(has_id and re.search(r"(?i)who can join the study\?", text))


def _sections(lines: list[str]) -> tuple[str, dict[str, list[str]], dict[str, str]]:
    """The title, the lines under each known heading, and the labelled values."""
    title = ""
    sections: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    current = "preamble"
    pending_label: str | None = None
    for raw in lines:
        line = raw.strip()
        if pending_label and line:
            labels[pending_label], pending_label = line, None
            continue
        key = line.lower()
        if key in _LABELS:
            pending_label = _LABELS[key]
            continue
        if key in _HEADINGS:
            current = _HEADINGS[key]
            continue
        if not title and line and not _NOISE.match(line):
            title = line
            continue
        sections.setdefault(current, []).append(line)
    return title, sections, labels


def _paragraphs(lines: list[str]) -> list[str]:
    """Non-empty, non-noise lines joined into blank-line separated paragraphs."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line and not _NOISE.match(line):
            block.append(line)
        elif block:
            paragraphs.append(" ".join(block))
            block = []
    return paragraphs


def _bullets(lines: list[str]) -> list[str]:
    """Bulleted items, continuation lines joined to their bullet."""
    items: list[str] = []
    for line in lines:
        if not line or _NOISE.match(line):
            continue
        if _BULLET.match(line) or not items:
            items.append(_BULLET.sub("", line))
        else:
            items[-1] += " " + line
    return [item for item in items if item.strip()]


def _split_country(row: str) -> tuple[str, str] | None:
    """A row ending in a country name → (rest, country)."""
    for country in COUNTRIES_BY_LENGTH:
        if row.endswith(" " + country) or row == country:
            return row[: -len(country)].strip(), country
    return None


def _looks_garbled(name: str) -> bool:
    """True for scraped noise like 'Nlrmysro Imbsbefn Odhnrccxv' (not a readable name)."""
    words = re.findall(r"[A-Za-zÀ-ž]+", name)
    if not words:
        return True
    odd = [w for w in words if len(w) > 18 or re.search(r"[^aeiouyąęóAEIOUYĄĘÓ\W\d]{4,}", w)]
    return len(odd) * 2 > len(words) and not re.search(r"(?i)sz|cz|rz", "".join(odd))


def _site_row(line: str) -> tuple[str, str, str, str | None] | None:
    """One table row → (name, city, country, status), or None when it does not parse."""
    cells = [c.strip() for c in re.split(r"\t+| {2,}", line) if c.strip()]
    if len(cells) >= 3 and _split_country(cells[2]):
        return cells[0], cells[1], cells[2], cells[3] if len(cells) > 3 else None
    status = None
    for candidate in sorted(_STATUSES, key=len, reverse=True):
        if line.lower().endswith(" " + candidate):
            line, status = line[: -len(candidate)].strip(), line[-len(candidate) :]
            break
    parsed = _split_country(line)
    if parsed is None or len(parsed[0].split()) < 2:
        return None
    words = parsed[0].split()
    return " ".join(words[:-1]), words[-1], parsed[1], status


def _sites(lines: list[str], statuses: dict[str, str]) -> list[Site]:
    """Rows of the sites table that parse as name, city, country; noise skipped."""
    sites: list[Site] = []
    for line in lines:
        if not line or line.lower().startswith(("site name", "no sites found")):
            continue
        row = _site_row(line)
        if row is None:
            continue
        name, city, country, status = row
        sites.append(
            Site(
                name=None if _looks_garbled(name) else name,
                city=city,
                country=country,
                status=status_code(status) or statuses.get(country),
            )
        )
    return sites


def _status_table(lines: list[str]) -> tuple[dict[str, str], str | None]:
    """Per-country recruitment status and the recruitment start (ISO date)."""
    statuses: dict[str, str] = {}
    country: str | None = None
    start: str | None = None
    for line in lines:
        low = line.lower().strip()
        split = _split_country(line.strip())
        if split is not None and not low.startswith("country"):
            country = split[1]
        elif low in _STATUSES and country:
            statuses[country] = status_code(line) or ""
        elif (match := _DATE.match(line.strip())) and start is None:
            day, month, year = match.groups()
            start = f"{year}-{int(month):02d}-{int(day):02d}"
    return statuses, start


def _drugs_and_conditions(
    paragraphs: list[str],
) -> tuple[list[Intervention], list[ConditionExplanation]]:
    """Investigated drug paragraphs (name, route) and 'Term – text' condition explanations."""
    drugs: list[Intervention] = []
    explanations: list[ConditionExplanation] = []
    for paragraph in paragraphs:
        explained = _EXPLANATION.match(paragraph)
        if explained:
            term, text = explained.group("term").strip(), explained.group("text").strip()
            explanations.append(ConditionExplanation(term=term, text=text))
            continue
        drug = _DRUG.match(paragraph)
        if drug:
            name = drug.group("name").strip()
            route = guess_route(paragraph, name)
            drugs.append(Intervention(name=name, route=route, description=paragraph))
    return drugs, explanations


_AGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)between (\d+) and (\d+) years"), "range"),
    (re.compile(r"(?i)(?:aged|from) (\d+) (?:to|-|–) (\d+) years"), "range"),
    (re.compile(r"(?i)(?:at least|aged|minimum age of) (\d+) years"), "min"),
    (re.compile(r"(?i)(\d+) years (?:old )?or older"), "min"),
    (re.compile(r"(?i)(?:younger than|under|below) (\d+) years"), "max"),
)


def ages_from_text(texts: list[str]) -> tuple[float | None, float | None]:
    """Age limits stated in plain language ('between 5 and 30 years old')."""
    low: float | None = None
    high: float | None = None
    for text in texts:
        for pattern, kind in _AGE_PATTERNS:
            match = pattern.search(text)
            if not match:
                continue
            if kind == "range":
                return float(match.group(1)), float(match.group(2))
            if kind == "min" and low is None:
                low = float(match.group(1))
            if kind == "max" and high is None:
                high = float(match.group(1))
    return low, high


def _overall_status(statuses: dict[str, str]) -> str | None:
    """The most open recruitment status across countries."""
    values = [v for v in statuses.values() if v]
    for wanted in _STATUS_ORDER:
        if wanted in values:
            return wanted
    return values[0] if values else None


def trial_from_ctis_page(text: str) -> Trial:
    """A CTIS page saved as text → a Trial (the 'Other Trials to Consider' tail is ignored)."""
    tail = _TAIL.search(text)
    body = text[: tail.start()] if tail else text
    title, sections, labels = _sections(body.splitlines())
    trial_id_match = EU_CT_ID.search(labels.get("id", ""))
    if trial_id_match is None:
        raise ValueError("the page has no EU trial number under 'Trial ID:'")
    inclusion = _bullets(sections.get("inclusion", []))
    exclusion = _bullets(sections.get("exclusion", []))
    statuses, start = _status_table(sections.get("status", []))
    drugs, explanations = _drugs_and_conditions(_paragraphs(sections.get("drugs", [])))
    summary = "\n\n".join(_paragraphs(sections.get("summary", [])))
    min_age, max_age = ages_from_text(inclusion)
    criteria_text = "Inclusion Criteria:\n" + "\n".join(f"* {item}" for item in inclusion)
    criteria_text += "\n\nExclusion Criteria:\n" + "\n".join(f"* {item}" for item in exclusion)
    return Trial(
        id=trial_id_match.group(1),
        registry="ctis",
        title=title or trial_id_match.group(1),
        summary=summary,
        conditions=[e.term for e in explanations],
        interventions=drugs,
        phase=labels.get("phase"),
        status=_overall_status(statuses),
        min_age_years=min_age,
        max_age_years=max_age,
        min_age=None if min_age is None else AgeLimit(value=min_age, unit="years"),
        max_age=None if max_age is None else AgeLimit(value=max_age, unit="years"),
        sites=_sites(sections.get("sites", []), statuses),
        criteria=split_criteria(criteria_text),
        protocol_code=labels.get("protocol"),
        start_date=start,
        condition_explanations=explanations,
    )
