"""The end of the walk: per trial, the outcome in plain words, reasons, open items, next step."""

from __future__ import annotations

import datetime as dt
import re

from trialbot.dialog.recruiting import is_recruiting, status_words
from trialbot.dialog.texts import Texts
from trialbot.domain.checker import span_words
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
_SAID = re.compile(r"\bYou said .*$", re.DOTALL)


def _plain(text: str) -> str:
    return " ".join(text.split())


def _reason(outcome: CriterionOutcome) -> str:
    return _plain(_RULE_TAIL.sub("", outcome.reason.strip()))


def _quote(texts: Texts, outcome: CriterionOutcome) -> list[str]:
    """The reason in plain words, then the criterion quoted under it."""
    text = _plain(outcome.text)
    reason = _reason(outcome)
    if reason and text[:40] in reason:
        return [texts.say("summary_reason_line", reason=reason)]
    lines = [texts.say("summary_reason_line", reason=reason)] if reason else []
    lines.append(texts.say("summary_quote", text=text))
    return lines


def _by_criterion(outcomes: list[CriterionOutcome]) -> list[list[CriterionOutcome]]:
    """The outcomes grouped per criterion text (compound criteria "exc-12a", "exc-12b" share one),
    in the order each criterion first comes."""
    groups: dict[str, list[CriterionOutcome]] = {}
    for outcome in outcomes:
        groups.setdefault(_plain(outcome.text), []).append(outcome)
    return list(groups.values())


def _once_per_reason(outcomes: list[CriterionOutcome]) -> list[CriterionOutcome]:
    """One outcome per criterion and per reason: the registry's own age limit and a criterion
    saying the same give one reason, quoted from the trial's criterion rather than the record."""
    firsts = [group[0] for group in _by_criterion(outcomes)]
    ordered = sorted(firsts, key=lambda o: o.criterion_id.startswith("record-"))
    kept: dict[str, CriterionOutcome] = {}
    for outcome in ordered:
        kept.setdefault(_reason(outcome), outcome)
    chosen = {id(o) for o in kept.values()}
    return [o for o in firsts if id(o) in chosen]


def _said_words(group: list[CriterionOutcome]) -> list[str]:
    """What the person said that went against any part of one criterion."""
    said: list[str] = []
    for outcome in group:
        if not outcome.against:
            continue
        found = _SAID.search(_reason(outcome))
        words = found.group(0) if found else _reason(outcome)
        if words and words not in said:
            said.append(words)
    return said


def _against_items(texts: Texts, groups: list[list[CriterionOutcome]]) -> list[str]:
    """One item per answer that went against rules, each rule quoted whole under it: the same
    answer against two criteria ("You said no about a biopsy") is said once, with both rules.
    An excluding condition the person said they have comes before an inclusion rule the answer
    may not meet (those are often one of several alternative groups)."""
    ordered = sorted(groups, key=lambda g: g[0].kind != "exclusion")
    items: dict[str, list[str]] = {}
    for group in ordered:
        quote = texts.say("summary_quote", text=_plain(group[0].text))
        quotes = items.setdefault(" ".join(_said_words(group)), [])
        if quote not in quotes:
            quotes.append(quote)
    lines: list[str] = []
    for said, quotes in items.items():
        lines.append(texts.say("summary_reason_line", reason=said))
        lines += quotes
    return lines


def _other_sex_only(texts: Texts, text: str, sex: str | None) -> bool:
    """True when a criterion is about people of the other sex only ("Male participants are
    eligible if they agree to..." for a woman): it opens naming them, and names no participant
    of the person's sex (`sex_only_criteria` in prompts/dialog.yaml)."""
    words = texts.value("sex_only_criteria") or {}
    other = {"female": "male", "male": "female"}.get(str(sex))
    if other is None or other not in words or sex not in words:
        return False
    said = _plain(text).lower()
    opens = any(re.search(p, said) for p in words[other].get("opens", []))
    own = any(re.search(p, said) for p in words[str(sex)].get("names", []))
    return opens and not own


def _open_items(
    texts: Texts, outcomes: list[CriterionOutcome], sex: str | None = None
) -> list[str]:
    """Answers that went against a rule first (what the person said and the rule, also when it
    went against one part of a criterion whose other parts the study team checks), then the rest
    of the study team's items, each criterion on one line; a study-team item about people of the
    other sex only is left out once the sex at birth is known."""
    groups = _by_criterion([o for o in outcomes if o.status == "unknown"])
    if not groups:
        return []
    against = [g for g in groups if any(o.against for o in g)]
    rest = [
        g[0]
        for g in groups
        if not any(o.against for o in g) and not _other_sex_only(texts, g[0].text, sex)
    ]
    lines: list[str] = []
    if against:
        lines.append(texts.say("summary_against_items"))
        lines += _against_items(texts, against)
    if rest:
        lines.append(texts.say("summary_open_items" if not against else "summary_other_items"))
        lines += [f"• {_plain(o.text)}" for o in rest[:MAX_OPEN_ITEMS]]
    if len(rest) > MAX_OPEN_ITEMS:
        lines.append(texts.say("summary_more_items", count=len(rest) - MAX_OPEN_ITEMS))
    return lines


def _window_words(days: int) -> str:
    """A washout window in plain words: "30 days", "4 weeks" (28 days), "6 months" (182 days)."""
    if days >= 60:
        return span_words(days)
    if days % 7 == 0:
        weeks = days // 7
        return f"{weeks} week{'s' if weeks > 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def _wait_line(texts: Texts, outcome: CriterionOutcome) -> str:
    """ "This rule is about the last 30 days; from about 8 December 2026 it would no longer
    apply." (the checker's `eligible_from` and `window_days`, worded)."""
    start = dt.date.fromisoformat(str(outcome.eligible_from))
    return texts.say(
        "summary_wait",
        window=_window_words(int(outcome.window_days or 0)),
        date=f"{start.day} {start:%B %Y}",
    )


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


def trial_summary(
    texts: Texts, trial: Trial, assessment: TrialAssessment, sex: str | None = None
) -> Reply:
    """One `summary` reply for one trial (`sex`: the sex at birth when known)."""
    values = {"title": trial.title, "id": trial.id}
    if not is_recruiting(trial):
        lines = [texts.say("summary_not_recruiting", status=status_words(trial), **values)]
        return Reply(kind="summary", text=safe_wording("\n".join(lines)))
    if assessment.verdict == "ineligible":
        failed = _once_per_reason([o for o in assessment.outcomes if o.status == "not_met"])
        for_now = all(o.eligible_from for o in failed)
        lines = [
            texts.say("summary_ineligible_for_now" if for_now else "summary_ineligible", **values)
        ]
        for outcome in failed[:3]:
            lines += _quote(texts, outcome)
            if for_now:
                lines.append(_wait_line(texts, outcome))
        lines.append(texts.say("summary_for_now_next" if for_now else "summary_ineligible_next"))
    else:
        key = "summary_likely" if assessment.verdict == "likely_eligible" else "summary_open"
        went_against = any(o.against and o.status == "unknown" for o in assessment.outcomes)
        if went_against and key == "summary_open":
            key = "summary_open_against"
        lines = [texts.say(key, **values)]
        lines += _open_items(texts, assessment.outcomes, sex)
    lines += next_step_lines(texts, trial)
    return Reply(kind="summary", text=safe_wording("\n".join(line for line in lines if line)))
