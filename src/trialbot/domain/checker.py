"""The deterministic checker: structured criteria + a profile -> a verdict with reasons. Pure."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from trialbot.domain.ages import say_age, say_young_age
from trialbot.domain.conditions import Condition, Result, evaluate_condition
from trialbot.domain.criteria import CriterionOutcome, Status, StructuredCriterion, TrialAssessment
from trialbot.domain.facts import NEVER, NOT_ASKED, FactValue, Profile
from trialbot.domain.turn import Verdict

_QUOTE_LIMIT = 160


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 3].rsplit(" ", 1)[0] + "..."
    return f"\u201c{text}\u201d"


def _fact_words(leaf: Condition, value: FactValue) -> str:
    label = str(leaf.get("label") or leaf.get("fact", "this"))
    if isinstance(value, bool):
        return f"{'yes' if value else 'no'} about {label}"
    if leaf.get("op") in ("within", "ever"):
        return f"you never had {label}" if value == NEVER else f"you last had {label} on {value}"
    choices = leaf.get("choices") or {}
    if str(value) in choices:
        return f"{label}: {choices[str(value)]}"
    unit = leaf.get("unit")
    young = isinstance(value, int | float) and 0 < value < 2 and not float(value).is_integer()
    if young and (leaf.get("written_unit") or unit == "years"):
        return f"{label} is {young_age_words(float(value))}"  # "11 months", not 0.9166... years
    shown = plain_number(value) if isinstance(value, int | float) else value
    return f"{label} is {shown}{'' if unit in (None, '%') else ' '}{unit or ''}"


def young_age_words(years: float) -> str:
    """An age under two years as said: whole months as months ("1 month" was 1/12 year),
    else days under 8 weeks, else months."""
    months = years * 12
    if round(months) >= 1 and abs(months - round(months)) < 0.01:
        return say_age(round(months), "months")
    return say_young_age(years)


def plain_number(value: float) -> str:
    """A number as people write it: 2.0 -> "2", 0.25 -> "0.25", 1.333333 -> "1.33"."""
    if float(value).is_integer():
        return str(int(value))
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


_OP_WORDS = {">": "higher than", ">=": "at least", "<": "lower than", "<=": "at most", "==": ""}
_FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "=="}


_SPANS = ((365.25, "year"), (30.4, "month"), (7.0, "week"))


def span_words(days: int) -> str:
    """A window in the words it was likely written in: 182 days -> "6 months"."""
    for size, unit in _SPANS:
        count = round(days / size)
        if count >= 1 and abs(count * size - days) < 2:
            return f"{count} {unit}{'s' if count > 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def _choice_words(leaf: Condition, op: str) -> str:
    choices: dict[str, str] = leaf.get("choices") or {}
    allowed = [label for value, label in choices.items() if _holds(value, op, leaf["value"])]
    return " or ".join(allowed)


def _holds(value: str, op: str, limit: float) -> bool:
    try:
        number = float(value)
    except ValueError:
        return False
    return {">": number > limit, ">=": number >= limit, "<": number < limit,
            "<=": number <= limit, "==": number == limit}[op]  # fmt: skip


def _limit_words(leaf: Condition) -> str:
    """What a leaf asks for, in words ("the QTc higher than 480 ms"), negation included."""
    label = str(leaf.get("label") or leaf.get("fact", ""))
    op, negated = leaf.get("op"), bool(leaf.get("negated"))
    if op == "cmp":
        cmp = _FLIP[leaf["cmp"]] if negated else leaf["cmp"]
        if leaf.get("choices"):
            return f"{label}: {_choice_words(leaf, cmp)}"
        unit = leaf.get("unit") or ""
        space = "" if unit in ("", "%") else " "
        value = leaf["value"]
        number = plain_number(value) if isinstance(value, int | float) else value
        shown = leaf.get("written") or f"{number}{space}{unit}"  # "28 days" as written
        return f"{label} {_OP_WORDS[cmp]} {shown}".replace("  ", " ")
    if op == "within":
        return f"{'no ' if negated else ''}{label} in the last {span_words(int(leaf['days']))}"
    if op == "ever":
        return f"{'never' if negated else 'ever'} having had {label}"
    if op in ("eq", "in"):
        choices = leaf.get("choices") or {}
        values = [leaf["value"]] if op == "eq" else leaf["values"]
        shown = " or ".join(str(choices.get(str(v), v)) for v in values)
        return f"{label}: {'not ' if negated else ''}{shown}"
    return f"not {label}" if negated else label


def _limits(result: Result) -> str:
    """The limits that decided, in words; who it applies to (sex) is not a limit."""
    words = [_limit_words(leaf) for leaf, _ in result.used if leaf.get("fact") != "sex"]
    return "; ".join(dict.fromkeys(words))


def _said(result: Result) -> str:
    seen: list[str] = []
    for leaf, value in result.used:
        words = _fact_words(leaf, value)
        if words not in seen:
            seen.append(words)
    return ("You said " + "; ".join(seen) + ".") if seen else ""


def _status(kind: str, result: Result) -> Status:
    if not result.applies:
        return "met"
    if result.value is None:
        return "unknown"
    holds = result.value if kind == "inclusion" else not result.value
    if result.conditional and not holds:
        return "unknown"  # it decides only once its open condition is known (the sex, ...)
    return "met" if holds else "not_met"


def _reason(criterion: StructuredCriterion, result: Result, status: Status) -> str:
    quoted = _quote(criterion.text)
    said = _said(result)
    if criterion.needs_review or result.review:
        return f"The study team will check this: {quoted}."
    if not result.applies:
        return f"This does not apply: {quoted}. {said}".strip()
    if status == "unknown":
        if result.unsure:
            labels = _unsure_labels(criterion, result)
            about = f"about {labels}" if labels else "about something this needs"
            return f"You were not sure {about}; the study team will check {quoted}."
        return f"Not known yet: {quoted}."
    if status == "met":
        head = "Not excluded by" if criterion.kind == "exclusion" else "Meets"
        return f"{head} {quoted}. {said}".strip()
    limits = _limits(result)
    if not limits:
        head = "The study excludes" if criterion.kind == "exclusion" else "The study requires"
        return f"{head} {quoted}. {said}".strip()
    head = "does not take people with" if criterion.kind == "exclusion" else "needs"
    answer = said.removeprefix("You said ").rstrip(".")
    return f"This study {head}: {limits}. Your answer: {answer}. The rule: {quoted}.".strip()


def evaluate(
    criterion: StructuredCriterion, profile: Profile, today: datetime.date
) -> CriterionOutcome:
    """One criterion's status (met / not_met / unknown) for this patient, with the reason."""
    if criterion.condition is not None and criterion.condition.get("op") == "meta":
        return _outcome(
            criterion,
            "met",
            f"{_quote(criterion.text)} only sums up the other requirements, so it is not a"
            " separate check.",
            [],
        )
    if criterion.needs_review or criterion.condition is None:
        return _outcome(
            criterion, "unknown", f"The study team will check this: {_quote(criterion.text)}.", []
        )
    result = evaluate_condition(criterion.condition, profile, today)
    status = _status(criterion.kind, result)
    one_sided = _one_sided(criterion)
    if one_sided and status == "met" and result.applies:
        # The question is narrower than the exclusion: "no" to it does not settle the criterion.
        return _outcome(
            criterion,
            "unknown",
            f"The study team will check this: {_quote(criterion.text)}. {_said(result)}".strip(),
            [],
            needs_review=True,
        )
    if status == "not_met" and criterion.confidence != "certain" and not one_sided:
        # Precision first: a reading that does not account for the whole criterion never excludes.
        outcome = _outcome(
            criterion,
            "unknown",
            f"The study team will check this: {_quote(criterion.text)}. {_said(result)}".strip(),
            [],
            needs_review=True,
        )
        # ...but the answer went against it, so the person is not told they may be eligible.
        outcome.against = True
        return outcome
    if status == "unknown" and not result.missing and _unknown_measurements(criterion, result):
        # A number the patient does not know (QTc, LVEF, blood pressure): the study team measures.
        return _outcome(
            criterion,
            "unknown",
            f"The study team will measure this: {_quote(criterion.text)}.",
            [],
            needs_review=True,
        )
    if status == "unknown" and result.missing and set(result.missing) <= NOT_ASKED:
        # only a fact the dialog never asks is open (the country lived in): the study team checks
        return _outcome(
            criterion,
            "unknown",
            f"The study team will check this: {_quote(criterion.text)}.",
            [],
            needs_review=True,
        )
    missing = result.missing if status == "unknown" else []
    answered = status != "unknown" and bool(result.used)
    outcome = _outcome(criterion, status, _reason(criterion, result, status), missing)
    outcome.answered = answered
    if status == "not_met":
        waiting = _waiting_period(result, today)
        if waiting is not None:
            outcome.eligible_from, outcome.window_days = waiting
    return outcome


def _waiting_period(result: Result, today: datetime.date) -> tuple[str, int] | None:
    """When a failure is only time windows measured from dated answers ("a live vaccine within
    30 days" answered with a date 2 weeks ago): the first day none of them holds any more (ISO)
    and the longest window in days. None when anything else decided (a yes, a number, a never).
    Who it applies to (the sex) is no part of the wait."""
    ends: list[datetime.date] = []
    windows: list[int] = []
    for leaf, value in result.used:
        if leaf.get("fact") == "sex":
            continue
        if leaf.get("op") != "within":
            return None
        try:
            when = datetime.date.fromisoformat(str(value))
        except ValueError:
            return None
        days = int(leaf["days"])
        if (today - when).days > days:
            return None  # outside its window: the failure is not this window's
        ends.append(when + datetime.timedelta(days=days + 1))
        windows.append(days)
    if not ends:
        return None
    return max(ends).isoformat(), max(windows)


def _one_sided(criterion: StructuredCriterion) -> bool:
    """A partial exclusion reading decisive when met: an answer that meets its (narrower)
    question establishes the exclusion; any other answer leaves it to the study team. Or a
    partial inclusion reading decisive when not met: an answer that fails its (broader) question
    fails the inclusion ("no operation planned" beside "Radical prostatectomy has been
    scheduled"); an answer that meets it leaves it to the study team."""
    if criterion.confidence != "partial":
        return False
    if criterion.kind == "exclusion":
        return criterion.decisive_when == "met"
    return criterion.decisive_when == "not_met"


def _leaves(node: object) -> list[Condition]:
    """Every leaf (a node that reads one fact) of a condition tree."""
    if isinstance(node, list):
        return [leaf for child in node for leaf in _leaves(child)]
    if not isinstance(node, dict):
        return []
    if "fact" in node:
        return [node]
    return [leaf for key in ("of", "when", "then") for leaf in _leaves(node.get(key))]


def _unsure_labels(criterion: StructuredCriterion, result: Result) -> str:
    """The facts the patient was unsure of, by their labels ("the sex at birth")."""
    leaves = [leaf for leaf in _leaves(criterion.condition) if leaf["fact"] in result.unsure]
    labels = dict.fromkeys(str(leaf.get("label") or "") for leaf in leaves)
    return " and ".join(label for label in labels if label)


def _unknown_measurements(criterion: StructuredCriterion, result: Result) -> bool:
    """True when every fact the patient was unsure of is a measured number (a `cmp` with a unit)."""
    if not result.unsure or result.review:
        return False
    leaves = [leaf for leaf in _leaves(criterion.condition) if leaf["fact"] in result.unsure]
    return bool(leaves) and all(
        leaf.get("op") == "cmp" and leaf.get("unit") and not leaf.get("choices") for leaf in leaves
    )


def _outcome(
    criterion: StructuredCriterion,
    status: Status,
    reason: str,
    missing: list[str],
    *,
    needs_review: bool = False,
) -> CriterionOutcome:
    return CriterionOutcome(
        criterion_id=criterion.id,
        kind=criterion.kind,
        text=criterion.text,
        status=status,
        reason=reason,
        concept=criterion.concept,
        needs_review=criterion.needs_review or needs_review,
        missing_facts=list(missing),
    )


def verdict_of(outcomes: Sequence[CriterionOutcome]) -> Verdict:
    """ineligible if any criterion fails; likely_eligible if all are met or for the study team
    and at least one was settled by the patient's answers and no answer went against a partial
    reading (then undetermined: the study team decides); no criteria at all: undetermined."""
    if any(o.status == "not_met" for o in outcomes):
        return "ineligible"
    if any(o.against for o in outcomes):
        return "undetermined"
    settled = all(o.status == "met" or o.needs_review for o in outcomes)
    if settled and any(o.answered for o in outcomes):
        return "likely_eligible"
    return "undetermined"


def assess(
    trial_id: str,
    criteria: Sequence[StructuredCriterion],
    profile: Profile,
    today: datetime.date,
) -> TrialAssessment:
    """The verdict on one trial for this patient, with a reason for every criterion."""
    outcomes = [evaluate(criterion, profile, today) for criterion in criteria]
    return TrialAssessment(trial_id=trial_id, verdict=verdict_of(outcomes), outcomes=outcomes)
