"""Plain sentences rendered from a trial's structured fields (sites, status, contacts, ...)."""

from __future__ import annotations

import re

from trialbot.domain.ages import say_limit, say_range
from trialbot.domain.trial import Arm, Contact, Intervention, Site, Trial

_ROUTES = {
    "oral": "taken by mouth",
    "intravenous": "given through a drip into a vein",
    "subcutaneous": "injected under the skin",
    "intramuscular": "injected into a muscle",
    "injection": "given as an injection (a shot)",
    "topical": "put on the skin",
    "inhaled": "breathed in",
}


def route_phrase(route: str) -> str:
    """How a drug is given, in plain words (the registry route kept in brackets)."""
    plain = _ROUTES.get(route.lower())
    return f"{plain}, {route.lower()}" if plain else f"route: {route.lower()}"


def intervention_text(item: Intervention) -> str:
    """The passage describing one drug or procedure."""
    how = f" ({route_phrase(item.route)})" if item.route else ""
    body = item.description.strip()
    return f"{item.name}{how}: {body}" if body else f"{item.name}{how}."


def humanize_code(value: str) -> str:
    """'NOT_YET_RECRUITING' -> 'not yet recruiting'; free text is left as written."""
    if value.isupper() or "_" in value:
        return value.replace("_", " ").lower().strip()
    return value.strip()


def phase_text(phase: str) -> str:
    """'PHASE1, PHASE2' -> 'Phase 1 and Phase 2'; other wording is kept."""
    found = re.findall(r"(EARLY_)?PHASE\s*_?(\d)", phase.upper())
    if found and phase.isupper():
        names = [("Early Phase " if early else "Phase ") + n for early, n in found]
        return " and ".join(names)
    if phase.strip().upper() in {"NA", "N/A"}:
        return "not applicable (not a drug-phase trial)"
    return phase.strip()


def site_text(site: Site) -> str:
    """One site as 'name, city, country (status)'."""
    parts = [p for p in (site.name, site.city, site.country) if p]
    text = ", ".join(parts) or "unnamed site"
    return f"{text} ({humanize_code(site.status)})" if site.status else text


def contact_text(contact: Contact) -> str:
    """One contact as 'name, phone ..., email ...'."""
    parts = [contact.name or "study team"]
    if contact.phone:
        parts.append(f"phone {contact.phone}")
    if contact.email:
        parts.append(f"email {contact.email}")
    return ", ".join(parts)


def _written_limits(trial: Trial) -> tuple[str | None, str | None]:
    """The record's age limits in words as written ("28 days", "6 months", "18 years")."""
    low = (trial.min_age.value, trial.min_age.unit) if trial.min_age else None
    high = (trial.max_age.value, trial.max_age.unit) if trial.max_age else None
    return say_limit(low, trial.min_age_years), say_limit(high, trial.max_age_years)


def ages_text(trial: Trial) -> str:
    """Who may join by age and sex, from the structured fields."""
    low, high = say_range(*_written_limits(trial))  # ages as the registry wrote them
    if low and high:
        ages = f"People aged {low} to {high} can take part."
    elif low:
        ages = f"People aged {low} or older can take part."
    elif high:
        ages = f"People up to {high} old can take part."
    else:
        ages = ""
    sex = {"all": "both men and women", "female": "women only", "male": "men only"}[trial.sex]
    return f"{ages} The trial is open to {sex}.".strip()


def conditions_text(trial: Trial) -> str:
    """The conditions the trial studies."""
    return "Conditions studied: " + "; ".join(trial.conditions) + "."


def record_passages(trial: Trial) -> dict[str, str]:
    """Passages for the structured sections of a trial, keyed by section name."""
    out: dict[str, str] = {}
    if trial.sites:
        out["sites"] = "Where the trial runs: " + "; ".join(map(site_text, trial.sites)) + "."
    if trial.status or trial.start_date:
        status = f"Recruitment status: {humanize_code(trial.status)}." if trial.status else ""
        start = f" Start date: {trial.start_date}." if trial.start_date else ""
        start += f" End date: {trial.end_date}." if trial.end_date else ""
        why = f" Why it stopped: {trial.why_stopped.rstrip('.')}." if trial.why_stopped else ""
        out["status"] = (status + start + why).strip()
    if trial.contacts:
        out["contacts"] = "Study team contacts: " + "; ".join(map(contact_text, trial.contacts))
    if trial.phase:
        out["phase"] = f"Trial phase: {phase_text(trial.phase)}."
    if trial.enrollment:
        out["enrollment"] = f"Number of participants planned: {trial.enrollment}."
    if trial.sponsor:
        out["sponsor"] = f"Sponsor (the organisation running the trial): {trial.sponsor}."
    ages = ages_text(trial)
    if ages:
        out["eligibility"] = ages
    return out


def arm_text(arm: Arm) -> str:
    """One arm group as a passage: label, type and description."""
    kind = f" ({humanize_code(arm.type)})" if arm.type else ""
    body = f": {arm.description.strip()}" if arm.description.strip() else ""
    return f"Group {arm.label}{kind}{body}"


def design_text(trial: Trial) -> str:
    """The record's design as one passage (allocation, groups, masking, purpose)."""
    design = trial.design
    if design is None:
        return ""
    parts = []
    if design.study_type:
        parts.append(f"Study type: {humanize_code(design.study_type)}.")
    if design.allocation and design.allocation != "NA":
        parts.append(f"Allocation: {humanize_code(design.allocation)}.")
    if design.intervention_model:
        parts.append(f"Groups: {humanize_code(design.intervention_model)}.")
    if design.masking:
        who = ", ".join(humanize_code(w) for w in design.who_masked)
        parts.append(f"Masking: {humanize_code(design.masking)}" + (f" ({who})." if who else "."))
    if design.primary_purpose:
        parts.append(f"Primary purpose: {humanize_code(design.primary_purpose)}.")
    return " ".join(parts)


def outcomes_text(trial: Trial, kind: str) -> str:
    """The primary or secondary outcome measures as one passage."""
    rows = [o for o in trial.outcomes if o.kind == kind]
    if not rows:
        return ""
    label = "Main results measured" if kind == "primary" else "Other results measured"
    items = [f"{o.measure}" + (f" ({o.time_frame})" if o.time_frame else "") for o in rows[:8]]
    return f"{label}: " + "; ".join(items) + "."
