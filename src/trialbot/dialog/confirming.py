"""Confirm before excluding: a typed answer that would rule a trial out is read back first.

"So: serious bleeding about 10 days ago. Is that right?" with Yes / No, let me fix it. A button
answer (or a typed button word: "yes", "no", "never") counts at once; any other typed answer that
would make a trial in scope ineligible counts only once the person confirms the read-back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache

from trialbot.dialog.clauses import hedged_yes_no, is_hedged_yes_no
from trialbot.dialog.fitting import fitted_spec
from trialbot.dialog.implications import classes_taken, refresh, soft_implied
from trialbot.dialog.kinds import kinds_of
from trialbot.dialog.readers import normalize, read_yes_no
from trialbot.dialog.walk import Walk
from trialbot.domain.checker import young_age_words
from trialbot.domain.criteria import TrialAssessment
from trialbot.domain.facts import NEVER, UNKNOWN, FactSpec, FactValue
from trialbot.domain.turn import Button, Reply
from trialbot.prompts import load_prompts

_PLAIN_WORDS = frozenset(
    ["yes", "y", "yeah", "yep", "yup", "no", "n", "nope", "nah", "never", "none", "unknown",
     "not sure", "i don't know", "i dont know", "don't know", "dont know"]
)  # fmt: skip
_WRONG = re.compile(r"\b(?:wrong|not right|incorrect|mistake|let me fix|fix it|not what i)")
_PLAIN_YES = re.compile(
    r"^(?:yes|y|yeah|yep|yup|correct|right|that's right|thats right|that is right|"
    r"exactly|true|confirm|confirmed|ok|okay)\b"
)


def is_plain(message: str, spec: FactSpec) -> bool:
    """True when the typed answer is a button's own word ("yes", "never", "Female").

    A bare number is never one: the choices are shown by their words, not numbered, so "2" to
    the daily-life question names no button the person saw (it is read back first)."""
    said = normalize(message).strip(" .!")
    if said in _PLAIN_WORDS:
        return True
    if is_bare_number(said):
        return False
    return any(said in (normalize(c.value), normalize(c.label)) for c in spec.choices)


_BARE_NUMBER = re.compile(r"[#(]?\s*[0-9]{1,3}\s*[.):]?")


def is_bare_number(message: str) -> bool:
    """True for a reply that is only a number ("2", "3.", "(1)")."""
    return bool(_BARE_NUMBER.fullmatch(normalize(message).strip(" !")))


def _assessed_with(walk: Walk, facts: Mapping[str, FactValue]) -> dict[str, TrialAssessment]:
    """The trials in scope assessed as if `facts` were recorded (with what they imply)."""
    profile = {k: v for k, v in walk.state.facts.items() if k not in walk.state.implied}
    profile.update(facts)
    implied = refresh(profile, [])  # with what the new facts imply (pregnant -> female)
    for fact_id in soft_implied(profile) & set(implied):
        del profile[fact_id]  # kept only when they exclude no one (Walk.set_facts)
    return walk.assessor.assess(walk.trials, profile, walk.today)


def would_exclude(walk: Walk, facts: Mapping[str, FactValue]) -> bool:
    """True when recording `facts` makes a trial in scope ineligible that is not ineligible now."""
    before = walk.assessments()
    after = _assessed_with(walk, facts)
    return any(
        a.verdict == "ineligible" and before[trial_id].verdict != "ineligible"
        for trial_id, a in after.items()
        if trial_id in before
    )


def would_go_against(walk: Walk, facts: Mapping[str, FactValue]) -> bool:
    """True when recording a yes of `facts` ("he took cobimetinib before") goes against a rule
    read only partly in a trial in scope (the checker's `against`), where it did not before: such
    a fact said on the side decides nothing, but the study team looks at it first, so it is read
    back like one that excludes."""
    said_yes = {k: v for k, v in facts.items() if v is True}
    if not said_yes:
        return False
    before = walk.assessments()
    after = _assessed_with(walk, said_yes)

    def against(assessment: TrialAssessment) -> set[str]:
        return {
            o.criterion_id
            for o in assessment.outcomes
            if o.against and o.concept is not None and o.concept in said_yes
        }

    return any(
        against(a) - against(before[trial_id])
        for trial_id, a in after.items()
        if trial_id in before
    )


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    from trialbot.eligibility.vocabulary import fact_labels

    return fact_labels()


@lru_cache(maxsize=1)
def _readback_labels() -> dict[str, str]:
    """The `readback` words of facts whose label alone is a concept a person cannot judge ("a
    live vaccine (one made with a weakened germ, like MMR ...)"), from prompts/facts.yaml."""
    facts = load_prompts("facts").get("facts") or {}
    return {str(k): str(v["readback"]) for k, v in facts.items() if v.get("readback")}


def _ago(when: dt.date, today: dt.date) -> str:
    """ "about 10 days ago", "about 3 months ago" (in the unit a person would use)."""
    days = (today - when).days
    if days <= 1:
        return "today" if days == 0 else "yesterday"
    for limit, size, unit in ((14, 1, "day"), (60, 7, "week"), (548, 30.4, "month")):
        if days < limit:
            count = max(1, round(days / size))
            return f"about {count} {unit}{'s' if count > 1 else ''} ago"
    years = max(1, round(days / 365.25))
    return f"about {years} year{'s' if years > 1 else ''} ago"


def fact_words(walk: Walk, fact_id: str, value: FactValue) -> str:
    """One fact in plain words: "serious bleeding about 10 days ago", "the age: 35 years"."""
    spec = walk.specs.get(fact_id)
    label = _readback_labels().get(fact_id) or _labels().get(fact_id, fact_id.replace("_", " "))
    texts = walk.texts
    if value == UNKNOWN:
        return texts.say("readback_unknown", label=label)
    if isinstance(value, bool):
        return texts.say("readback_yes" if value else "readback_no", label=label)
    if spec is not None and spec.answer_type == "date":
        if value == NEVER:
            return texts.say("readback_never", label=label)
        try:
            when = dt.date.fromisoformat(str(value))
        except ValueError:
            return f"{label}: {value}"
        return texts.say("readback_date", label=label, when=_ago(when, walk.today))
    if spec is not None and spec.choices:
        spec = fitted_spec(spec, walk.state, texts)  # a child's daily life in a child's words
        shown = next((c.label for c in spec.choices if c.value == str(value)), str(value))
        return texts.say("readback_choice", label=label, value=shown)
    unit = f" {spec.unit}" if spec is not None and spec.unit else ""
    if isinstance(value, float) and not value.is_integer():
        if unit == " years" and 0 < value < 2:  # "11 months" was stored as 0.9166... years
            return texts.say("readback_young_age", label=label, age=young_age_words(value))
        value = round(value, 2)
    return texts.say("readback_number", label=label, value=value, unit=unit)


def confirmation(walk: Walk) -> Reply | None:
    """The read-back question for the facts waiting to be confirmed (None when none wait)."""
    facts = walk.state.confirming
    if not facts:
        return None
    kind_question = _kind_question(walk)
    if kind_question is not None:
        return kind_question
    said = "; ".join(_said_as(walk, f, v) for f, v in facts.items())
    token = walk.state.token
    if walk.state.confirming_report:  # "480 i think": is it the exact number on a report?
        buttons = [
            Button(label=walk.texts.say("report_yes_label"), value=f"yes#{token}"),
            Button(label=walk.texts.say("report_no_label"), value=f"no#{token}"),
        ]
        text = walk.texts.say("report_question", facts=said)
        return Reply(kind="question", text=text, asks=walk.state.pending, buttons=buttons)
    buttons = [
        Button(label=walk.texts.say("confirm_yes_label"), value=f"yes#{token}"),
        Button(label=walk.texts.say("confirm_no_label"), value=f"no#{token}"),
    ]
    text = walk.texts.say("confirm_readback", facts=said)
    return Reply(kind="question", text=text, asks=walk.state.pending, buttons=buttons)


def _said_as(walk: Walk, fact_id: str, value: FactValue) -> str:
    """A held fact in plain words, with the words the person used when it was converted:
    "the weight: 68 kg (you said 150 lb)"."""
    words = fact_words(walk, fact_id, value)
    said = walk.state.said_as.get(fact_id)
    if said is not None and said[0] == value:
        return walk.texts.say("readback_said_as", fact=words, said=said[1])
    return words


def _kind_question(walk: Walk) -> Reply | None:
    """ "You had a vaccine about 2 weeks ago. Was it a live vaccine ...?" with Yes / No / Not sure,
    for a held date whose item was not named (prompts/named_kinds.yaml `kind_question`)."""
    state = walk.state
    fact_id = state.confirming_kind
    entry = kinds_of(fact_id) if fact_id else None
    held = (state.confirming or {}).get(fact_id or "")
    if entry is None or entry.kind_question is None or held is None:
        return None
    try:
        when = _ago(dt.date.fromisoformat(str(held)), walk.today)
    except ValueError:
        return None
    token = state.token
    buttons = [
        Button(label=walk.texts.say("yes_label"), value=f"yes#{token}"),
        Button(label=walk.texts.say("no_label"), value=f"no#{token}"),
        Button(label=walk.texts.say("not_sure_label"), value=f"unknown#{token}"),
    ]
    text = entry.kind_question.format(when=when)
    return Reply(kind="question", text=text, asks=state.pending, buttons=buttons)


def ask_kind(walk: Walk, facts: Mapping[str, FactValue], fact_id: str) -> None:
    """Hold `facts` back and ask plainly the kind of the item their date is of (`fact_id`)."""
    ask_to_confirm(walk, facts, kind_of=fact_id)


def ask_to_confirm(
    walk: Walk,
    facts: Mapping[str, FactValue],
    said_as: Mapping[str, str] | None = None,
    kind_of: str | None = None,
    approximate: list[str] | None = None,
    report: bool = False,
) -> None:
    """Hold `facts` back and read them back with Yes / No buttons; `said_as` gives a fact
    converted from another unit as the person said it ("150 lb"); `kind_of` names the fact whose
    item's kind is asked instead ("Was it a live vaccine?"); `approximate`: the facts said as an
    estimate (kept so once confirmed); `report`: ask whether the number is the exact one written
    on a report instead."""
    held = walk.state.confirming or {}
    kept = {
        k: v for k, v in walk.state.said_as.items() if k in held and facts.get(k) == held[k]
    }  # a read-back that is joined keeps what its facts were said as
    kept.update({k: (facts[k], s) for k, s in (said_as or {}).items() if k in facts})
    walk.state.said_as = kept
    lifted = classes_taken({**walk.state.facts, **facts})  # "none of those" beside a member
    walk.state.confirming = {**facts, **{k: v for k, v in lifted.items() if k in facts}}
    walk.state.confirming_kind = kind_of
    walk.state.confirming_approximate = [f for f in approximate or [] if f in facts]
    walk.state.confirming_report = report
    walk.new_token()
    reply = confirmation(walk)
    if reply is not None:
        walk.replies.append(reply)


# a read-back confirmed in more words than a bare yes ("yes that's right", the button's own
# label "Yes, that's right", "yes it is", "yes, correct"): every part of it says yes
_YES_PART = (
    r"(?:yes|y|yeah|yep|yup|correct|right|that's right|thats right|that is right|"
    r"that's correct|thats correct|that is correct|it is|it's right|that's it|thats it|"
    r"that's true|that is true|exactly|true|confirm|confirmed|ok|okay|sure|absolutely|"
    r"indeed|spot on|all correct|all right|that's what i said|thats what i said)"
)
_CONFIRM_CHAIN = re.compile(rf"{_YES_PART}(?:[\s,.;:!-]+{_YES_PART})*")


def says_only_yes(message: str) -> bool:
    """True for a reply to a read-back made only of yes words ("yes that's right", "Yes,
    that's right", "yes it is", "yep, correct")."""
    said = normalize(message).strip(" .!")
    return bool(said) and _CONFIRM_CHAIN.fullmatch(said) is not None and not _WRONG.search(said)


def is_bare(message: str) -> bool:
    """True for a reply that is only a yes or a no ("yes", "no", "correct", "that's wrong",
    "yes that's right")."""
    said = normalize(message).strip(" .!")
    return (
        said in _PLAIN_WORDS
        or bool(_WRONG.search(said) or _PLAIN_YES.fullmatch(said))
        or says_only_yes(said)
    )


def is_hedged_reply(message: str) -> bool:
    """True for a yes or no said with doubt ("I think so", "probably", "I believe so", "maybe
    not"): to a read-back it is neither a yes nor a no (the words of `hedged_yes`, `hedged_no`
    and `yes_no_hedges` in prompts/answer_topics.yaml). "That's wrong" is a no, hedged or not."""
    said = normalize(message).strip(" .!")
    if _WRONG.search(said):
        return False
    return hedged_yes_no(said) is not None or is_hedged_yes_no(said)


_YES_NO_LEAD = re.compile(
    r"^(?:(?:yes|yeah|yep|yup|correct|right|that's right|thats right|that is right|exactly|"
    r"true|ok|okay|no|nope|nah|that's wrong|thats wrong|that is wrong|wrong)\b[\s,.;:!-]*)+"
    r"(?:(?:and|but|also|plus|though|however|btw|by the way)\b[\s,.;:!-]*)*"
)


def starts_with_yes_no(message: str) -> bool:
    """True for a reply that opens with a yes or a no ("yes, and ...", "no it was 2")."""
    return _YES_NO_LEAD.match(normalize(message)) is not None


def after_yes_no(message: str) -> str:
    """What a reply to a read-back says after its yes or no ("i also had a stroke last year" of
    "yes, and I also had a stroke last year"); "" when it says nothing more, or does not start
    with a yes or no."""
    said = normalize(message)
    lead = _YES_NO_LEAD.match(said)
    if lead is None:
        return ""
    rest = said[lead.end() :].strip(" ,.;:!-")
    return rest if re.search(r"[^\W\d_]", rest) else ""


def confirmed_answer(message: str) -> bool | None:
    """True for "yes, that's right", False for "no" or "that's wrong", None otherwise (a hedge
    such as "I think so" confirms nothing)."""
    said = normalize(message).strip(" .!")
    if _WRONG.search(said):
        return False
    if is_hedged_reply(said):
        return None
    if _PLAIN_YES.match(said) or says_only_yes(said):
        return True
    value = read_yes_no(said)
    if value == UNKNOWN:
        return False  # not sure it is right: it does not count
    return value if isinstance(value, bool) else None
