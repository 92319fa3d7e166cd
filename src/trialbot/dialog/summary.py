"""The end of the walk: per trial, the outcome in plain words, reasons, open items, next step."""

from __future__ import annotations

import re

from trialbot.dialog.recruiting import is_recruiting, status_words
from trialbot.dialog.texts import Texts
from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.trial import Contact, Trial
from trialbot.domain.turn import Reply

MAX_OPEN_ITEMS = 6
MAX_SITES = 4
_FORBIDDEN = re.compile(r"\byou are eligible\b", re.IGNORECASE)


def safe_wording(text: str) -> str:
    """Never tell anyone outright that they are eligible: the study team decides."""
    return _FORBIDDEN.sub("you may be eligible", text)


def contact_details(contact: Contact) -> str:
    """ "name, phone, email" with whatever the record has."""
    return ", ".join(part for part in (contact.name, contact.phone, contact.email) if part)


def site_list(trial: Trial) -> str:
    """ "name (city, country); ..." for the first few sites."""
    parts = []
    for site in trial.sites[:MAX_SITES]:
        place = ", ".join(p for p in (site.city, site.country) if p)
        label = site.name or place
        parts.append(f"{label} ({place})" if site.name and place else label)
    if len(trial.sites) > MAX_SITES:
        parts.append(f"and {len(trial.sites) - MAX_SITES} more")
    return "; ".join(p for p in parts if p)


_RULE_TAIL = re.compile(r"\s*The rule: \u201c.*\u201d\.?\s*$", re.DOTALL)


def _quote(texts: Texts, outcome: CriterionOutcome) -> list[str]:
    """The reason in plain words, then the criterion quoted under it."""
    text = " ".join(outcome.text.split())
    reason = " ".join(_RULE_TAIL.sub("", outcome.reason.strip()).split())
    if reason and text[:40] in reason:
        return [texts.say("summary_reason_line", reason=reason)]
    lines = [texts.say("summary_reason_line", reason=reason)] if reason else []
    lines.append(texts.say("summary_quote", text=text))
    return lines


def _once_per_criterion(outcomes: list[CriterionOutcome]) -> list[CriterionOutcome]:
    """One outcome per criterion text (compound criteria "exc-12a", "exc-12b" share one)."""
    seen: set[str] = set()
    kept = []
    for outcome in outcomes:
        key = " ".join(outcome.text.split())
        if key not in seen:
            seen.add(key)
            kept.append(outcome)
    return kept


def _open_items(texts: Texts, outcomes: list[CriterionOutcome]) -> list[str]:
    """Answers that went against a rule first (with what the person said), then the rest of the
    study team's items, each criterion on one line."""
    items = _once_per_criterion([o for o in outcomes if o.status == "unknown"])
    if not items:
        return []
    against = [o for o in items if o.against]
    rest = [o for o in items if not o.against]
    lines: list[str] = []
    if against:
        lines.append(texts.say("summary_against_items"))
        for outcome in against:
            lines += _quote(texts, outcome)
    if rest:
        lines.append(texts.say("summary_open_items" if not against else "summary_other_items"))
        lines += [f"• {' '.join(o.text.split())}" for o in rest[:MAX_OPEN_ITEMS]]
    if len(rest) > MAX_OPEN_ITEMS:
        lines.append(texts.say("summary_more_items", count=len(rest) - MAX_OPEN_ITEMS))
    return lines


def next_step_lines(texts: Texts, trial: Trial) -> list[str]:
    """Where the trial runs and who to contact."""
    lines = [texts.say("summary_next_step")]
    sites = site_list(trial)
    if sites:
        lines.append(texts.say("summary_sites", sites=sites))
    contacts = [contact_details(c) for c in trial.contacts[:2] if contact_details(c)]
    if contacts:
        lines.append(texts.say("summary_contact", details="; ".join(contacts)))
    else:
        lines.append(texts.say("summary_no_contact"))
    return lines


def trial_summary(texts: Texts, trial: Trial, assessment: TrialAssessment) -> Reply:
    """One `summary` reply for one trial."""
    values = {"title": trial.title, "id": trial.id}
    if not is_recruiting(trial):
        lines = [texts.say("summary_not_recruiting", status=status_words(trial), **values)]
        return Reply(kind="summary", text=safe_wording("\n".join(lines)))
    if assessment.verdict == "ineligible":
        failed = _once_per_criterion([o for o in assessment.outcomes if o.status == "not_met"])
        lines = [texts.say("summary_ineligible", **values)]
        for outcome in failed[:3]:
            lines += _quote(texts, outcome)
        lines.append(texts.say("summary_ineligible_next"))
    else:
        key = "summary_likely" if assessment.verdict == "likely_eligible" else "summary_open"
        if any(o.against for o in assessment.outcomes) and key == "summary_open":
            key = "summary_open_against"
        lines = [texts.say(key, **values)]
        lines += _open_items(texts, assessment.outcomes)
    lines += next_step_lines(texts, trial)
    return Reply(kind="summary", text=safe_wording("\n".join(line for line in lines if line)))
