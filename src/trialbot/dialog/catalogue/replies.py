"""The catalogue's answers: the ranked shortlist and the plain "no trial fits"."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from trialbot.dialog.catalogue.ranking import Ranked, ruled_out
from trialbot.dialog.labels import short_label
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Button, Reply

if TYPE_CHECKING:
    from trialbot.dialog.catalogue.flow import Session
    from trialbot.dialog.catalogue.index import TrialProfile
    from trialbot.dialog.catalogue.knowledge import Knowledge

MAX_TITLE = 160


def _what_for(session: Session, item: Ranked) -> str:
    """The trial's own words for what it is for, the ones naming the person's condition first."""
    trial = item.profile.trial
    condition = session.knowledge.conditions.get(str(session.facts.get("condition", "")))
    names = list(trial.conditions)
    if condition is not None:
        names.sort(key=lambda n: 0 if condition.trial.search(n) else 1)
    return names[0] if names else trial.title


def _why(session: Session, item: Ranked) -> str:
    knowledge = session.knowledge
    parts = [knowledge.say("why_condition", label=_what_for(session, item))]
    if item.matched:
        parts.append(knowledge.say("why_matches", items=", ".join(item.matched)))
    return "; ".join(parts)


def _sites(session: Session, item: Ranked) -> str:
    knowledge = session.knowledge
    trial = item.profile.trial
    if not trial.sites:
        return knowledge.say("sites_unknown")
    countries = sorted({s.country for s in trial.sites if s.country})
    if item.km is not None and item.nearest:
        text = knowledge.say("site_distance", place=item.nearest, km=round(item.km))
    else:
        text = knowledge.say("sites_countries", countries=", ".join(countries[:4]))
        if len(countries) > 4:
            text += f" (+{len(countries) - 4})"
        return text
    others = [c for c in countries if c]
    if len(others) > 1:
        text += "; " + knowledge.say("sites_also", countries=", ".join(others[:3]))
    if item.in_country is False:  # a study far away, or limited to other countries' patients
        text += "; " + knowledge.say("sites_not_in_country")
    return text


def _title(trial: Trial) -> str:
    title = trial.title
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def shortlist_reply(session: Session, shown: list[Ranked], more: int) -> Reply:
    """The `shortlist` reply: one line per trial, best first, one button each."""
    knowledge = session.knowledge
    lines = [knowledge.say("shortlist_intro")]
    for number, item in enumerate(shown, start=1):
        trial = item.profile.trial
        title = _title(trial)
        if not item.profile.recruiting:
            title += knowledge.say("shortlist_not_recruiting", status=(trial.status or "").lower())
        still = ", ".join(item.open) if item.open else ""
        still = (
            f"{still}; {knowledge.say('open_study_team')}" if still else knowledge.say("open_none")
        )
        lines.append(
            knowledge.say(
                "shortlist_line",
                number=number,
                title=title,
                why=_why(session, item),
                open=still,
                sites=_sites(session, item),
            )
        )
    buttons = [
        Button(label=short_label(i.profile.trial), value=f"trial:{i.profile.trial.id}")
        for i in shown
    ]
    if more > 0:
        lines.append(knowledge.say("shortlist_more", count=more))
        buttons.append(Button(label=knowledge.say("more_label"), value="catalogue:more"))
    else:
        lines.append(knowledge.say("shortlist_pick"))
    return Reply(kind="shortlist", text="\n".join(lines), buttons=buttons)


def no_fit_reply(session: Session) -> Reply:
    """No trial fits: say so, what ruled the closest ones out, and where to look next."""
    knowledge = session.knowledge
    facts = session.facts
    condition = facts.get("condition")
    pool = session.pool()
    if not pool:
        said = str(condition).removeprefix("text:") if isinstance(condition, str) else ""
        if isinstance(condition, str) and condition in knowledge.conditions:
            said = knowledge.conditions[condition].label
        if said in ("", "unknown"):
            text = knowledge.say("no_fit_no_condition")
        elif closed := _closed_trials(session, str(condition)):
            text = knowledge.say("no_fit_closed", count=closed, text=said)
        else:
            text = knowledge.say("no_fit_unknown", text=said)
    else:
        reasons = Counter(
            _need(p, r, knowledge)
            for p in pool
            if (r := ruled_out(p, facts, knowledge)) is not None
        )
        label = (
            knowledge.conditions[str(condition)].label
            if str(condition) in knowledge.conditions
            else str(condition).removeprefix("text:")
        )
        parts = []
        for reason, count in reasons.most_common(4):
            if reason in ("age", "sex"):
                parts.append(knowledge.say(f"ruled_out_{reason}", count=count))
            else:
                parts.append(knowledge.say("ruled_out_fact", count=count, label=reason))
        text = knowledge.say(
            "no_fit_ruled_out", count=len(pool), label=label, reasons="; ".join(parts) or "-"
        )
    restart = Button(label=session.walk.texts.say("restart_label"), value="/restart")
    return Reply(kind="summary", text=f"{text}\n{knowledge.say('no_fit_next')}", buttons=[restart])


def _need(profile: TrialProfile, reason: str, knowledge: Knowledge) -> str:
    """ "age", "sex", or a few words for what the trial is limited to ("cancer that has not
    spread", "an EGFR change"): the answer it needs, not only the fact it asks."""
    if reason in ("age", "sex"):
        return reason
    fact = knowledge.facts.get(reason)
    need = profile.named(knowledge).get(reason, frozenset())
    if fact is not None and len(need) == 1:
        (value,) = need
        if value in fact.needs:
            return fact.needs[value]
        for choice in fact.spec.choices:
            if choice.value == value:
                return choice.label  # "HER2 positive"
        if value == "yes":
            return fact.label
    return fact.label if fact is not None else reason.replace("_", " ")


def _closed_trials(session: Session, condition: str) -> int:
    """How many registered trials name the condition although none takes new patients (0 when
    a scope limits the conversation to some trials)."""
    if session.state.scope is not None:
        return 0
    if condition.startswith("text:"):
        return len(session.index.for_text(condition.removeprefix("text:")))
    if condition in session.knowledge.conditions:
        return len(session.index.for_condition(condition))
    return 0
