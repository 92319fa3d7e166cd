"""Facts that follow from other facts (prompts/implications.yaml): pregnant -> female, male -> not
pregnant, a child under 12 -> no pregnancy or birth-control questions, no treatment yet -> no
side effects of treatment. Implied facts are kept apart so a changed answer withdraws them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from trialbot.domain.facts import NEVER, UNKNOWN, FactValue
from trialbot.prompts import load_prompts


@lru_cache(maxsize=1)
def _rules() -> list[dict[str, Any]]:
    return [dict(rule) for rule in load_prompts("implications") or []]


@lru_cache(maxsize=1)
def _cancer_drug_facts() -> frozenset[str]:
    """prior_<drug> of every drug in a class of the drug lexicon, and prior_<class>."""
    from trialbot.eligibility.drugs import DRUG_CLASSES, DRUGS

    drugs = {f"prior_{d.slug}" for d in DRUGS.values() if d.classes}
    return frozenset(drugs | {f"prior_{slug}" for slug in DRUG_CLASSES})


def classes_taken(facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """prior_<class>: true for each drug class answered no (or not at all) while one of its
    drugs (or a narrower class) was answered yes ("bicalutamide for a month ... none of those
    others" to the androgen receptor inhibitor question): a drug taken answers its class."""
    from trialbot.eligibility.drugs import DRUG_CLASSES, implying_facts

    return {
        f"prior_{slug}": True
        for slug in DRUG_CLASSES
        if facts.get(f"prior_{slug}") is False
        and any(facts.get(f) is True for f in implying_facts(slug))
    }


def _holds(condition: Mapping[str, Any], facts: Mapping[str, FactValue]) -> bool:
    if condition.get("cancer_drug_taken"):
        return any(facts.get(f) is True for f in _cancer_drug_facts())
    value = facts.get(str(condition["fact"]))
    if value is None or value == UNKNOWN:
        return False
    if condition.get("dated"):
        return isinstance(value, str) and value != NEVER and value[:1].isdigit()
    if "is" in condition:
        return bool(value == condition["is"] or str(value) == str(condition["is"]))
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if "below" in condition:
        return is_number and float(value) < float(condition["below"])
    if "at_least" in condition:
        return is_number and float(value) >= float(condition["at_least"])
    return False


def implied_by(facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """fact id -> value for every fact the known facts imply (first rule wins)."""
    implied: dict[str, FactValue] = {}
    for rule in _rules():
        if _holds(rule["when"], facts):
            for fact_id, value in (rule.get("then") or {}).items():
                implied.setdefault(str(fact_id), value)
    return implied


def soft_implied(facts: Mapping[str, FactValue]) -> set[str]:
    """The facts implied only by `soft` rules (kept only while they make no trial ineligible)."""
    firm = {
        str(f) for rule in _rules() if not rule.get("soft") and _holds(rule["when"], facts)
        for f in rule.get("then") or {}
    }  # fmt: skip
    soft = {
        str(f) for rule in _rules() if rule.get("soft") and _holds(rule["when"], facts)
        for f in rule.get("then") or {}
    }  # fmt: skip
    return soft - firm


def refresh(facts: dict[str, FactValue], previous: list[str]) -> list[str]:
    """Replace the implied facts in `facts` (those in `previous`) by what the answers imply now;
    returns the implied fact ids. Answered facts are never overwritten."""
    for fact_id in previous:
        facts.pop(fact_id, None)
    added: list[str] = []
    for _ in range(2):  # pregnant -> female -> ...: one more round settles chains
        for fact_id, value in implied_by(facts).items():
            if fact_id not in facts:
                facts[fact_id] = value
                added.append(fact_id)
    return added


def asked_first(fact_id: str, facts: Mapping[str, FactValue], askable: Mapping[str, object]) -> str:
    """The fact to ask before `fact_id` because its answer may settle it ("any treatment yet?"
    before "have the side effects gone away?"), or `fact_id` itself."""
    for rule in _rules():
        condition = rule["when"]
        if "fact" not in condition:
            continue
        source = str(condition["fact"])
        settles = fact_id in (rule.get("then") or {}) and "is" in condition
        open_source = source not in facts and source in askable and source not in _FIRST_ONLY
        if settles and open_source and source != fact_id:
            return source
    return fact_id


_FIRST_ONLY = {"pregnant", "breastfeeding", "sex", "age_years"}  # asked in their own order
