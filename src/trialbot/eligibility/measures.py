"""Recognizers for numeric criteria: age, performance status, QTc, LVEF, blood pressure, weight."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from trialbot.domain.trial import CriterionKind
from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.atoms import (
    Atom,
    all_of,
    any_of,
    cmp_atom,
    is_female,
    is_male,
    leaf,
    only_if,
    review_atom,
)
from trialbot.eligibility.labs import read_thresholds
from trialbot.eligibility.performance import (
    KARNOFSKY_BEFORE,
    KARNOFSKY_CUE,
    karnofsky_limits,
    levels_condition,
    split_levels,
)
from trialbot.eligibility.text import comparator_after, comparator_before, to_number


@dataclass(frozen=True)
class Context:
    """What a recognizer sees: the normalized text, its lowercase form, and the trial's context."""

    text: str
    low: str
    kind: CriterionKind
    study_drugs: tuple[str, ...] = ()


_AGE_CUE = re.compile(
    r"\bage[sd]?\b|years?[- ]old|years? of age|\byo\b|adults?\b|\bage:|\baged\b|"
    r"\d\s*(?:years?|yrs?)\s*(?:or|and) (?:older|over|above)|"
    # "Patients >= 18 years at the time of signing the informed consent": a person compared
    # with a number of years is an age
    r"\b(?:patients?|participants?|subjects?|persons?|individuals?|men|women|adults?)\s*"
    r"(?:(?:must|should|will) be\s*|who are\s*)?(?:≥|>=|=>|>|≤|<=|=<|<)\s*\d{1,3}\s*"
    r"(?:years?|yrs?)\b"
)
# "Participants >= 60 years of age are required to have an LVEF test": who a rule applies to.
_AGE_AS_SUBJECT = re.compile(
    r"(?:years?(?: of age| old)?|yrs?)\s*(?:or older\s*)?(?:are|is|will be|must|should)\s+"
    r"(?:required|asked|expected|also|have|undergo|receive|weigh)"
)
# "x ULN for age", "normal for age": a lab limit that depends on age, not an age limit.
_NOT_AN_AGE = re.compile(
    r"\b(?:(?:adjusted |appropriate |normal |uln |limit )?for (?:their |the patient'?s )?age"
    r"|age[- ](?:adjusted|appropriate|specific|dependent)|for age and (?:sex|gender))\b"
)
# A table of lab limits by age band ("Age 2 to < 6 years: Male 0.8 mg/dL, Female 0.8; 6 to < 10
# years: Male 1 mg/dL"): the ages pick the row, they are no age limit. Two or more bands, each
# followed by a colon and a number with its unit.
_AGE_TABLE_ROW = re.compile(
    r"(?:years?|yrs?|months?)(?: of age)?\s*:\s*(?:(?:male|female|boys?|girls?)\s*)?"
    r"(?:<=|>=|<|>)?\s*\d+(?:\.\d+)?\s*(?:mg|g|umol|µmol|mmol|ml|x uln)\b"
)
_RANGE = re.compile(
    r"(?:between\s+)?(\d{1,3})\s*(?:years?\s*)?(?:-|to|and|through)\s*(\d{1,3})\s*"
    r"(?:years|yrs|y\b|$|\.|,|;)",
)
_AGE_NUMBER = re.compile(r"(\d{1,3}(?:\.\d)?)\s*(?:\+\s*)?(?:years|yrs|year|y\b|yo\b)?")


# "≥ 10.0 and <26.0 years of age": the unit is written once, after the second limit.
_UNIT_AFTER_SECOND = re.compile(
    r"\s*(?:and|to|-)\s*(?:<=|<|less than(?: or equal to)?|up to|younger than|under)\s*"
    r"\d{1,3}(?:\.\d)?\s*(?:years|yrs)\b"
)


# Only comparator words between two limits in years ("18 years and less than or equal to 72").
_BOUND_GAP = re.compile(
    r"(?:\s|and|or|but|to|of|age|old|,|<|>|=|less|greater|more|than|equal|at|most|least|no|"
    r"up|under|over|younger|older|above|below|maximum|minimum)*"
)


def _age_bounds(ctx: Context) -> list[tuple[str, float]]:
    low = ctx.low
    match = _RANGE.search(low)
    if match and float(match.group(1)) < float(match.group(2)):
        return [(">=", float(match.group(1))), ("<=", float(match.group(2)))]
    bounds: list[tuple[str, float]] = []
    last_end = 0
    for number in _AGE_NUMBER.finditer(low):
        value = float(number.group(1))
        near = low[max(0, number.start() - 45) : number.end() + 30]
        unit = number.group(0)[len(number.group(1)) :].strip()
        # a second limit in years far from the word "age" ("Age >= 18 years and less than or
        # equal to 72 years") belongs to the age already read
        gap = low[last_end : number.start()] if bounds else ""
        second = bool(bounds) and unit.startswith(("year", "yr")) and _BOUND_GAP.fullmatch(gap)
        if (
            not (_AGE_CUE.search(near) or second)
            or value > 120
            or "month" in low[number.end() : number.end() + 8]
        ):
            continue
        if (
            not unit
            and not re.search(r"\bage[sd]?\b[^.;,]{0,25}$", low[: number.start()])
            and not _UNIT_AFTER_SECOND.match(low, number.end())
        ):
            continue  # a bare number counts only right after "age" ("age >= 18") or before a
            # second limit that names the unit for both ("≥ 10.0 and <26.0 years of age")
        op = comparator_before(
            low[max(0, number.start() - 30) : number.start()]
        ) or comparator_after(low[number.end() : number.end() + 30])
        if op is None and re.search(r"older|over|above", low[number.end() : number.end() + 15]):
            op = ">="
        if op is None and re.search(r"younger|under|below", low[number.end() : number.end() + 15]):
            op = "<"
        if op is not None:
            bounds.append((op, value))
            last_end = number.end()
    lower = next(((op, v) for op, v in bounds if op in (">", ">=")), None)
    upper = next(((op, v) for op, v in bounds if op in ("<", "<=")), None)
    if lower and upper and lower[1] >= upper[1]:
        return bounds[:1]
    return [b for b in (lower, upper) if b]


_MENOPAUSE_DEFINED = re.compile(r"(?:post|peri|pre)?-?menopaus\w*(?: status)? (?:is |are )?defin")


def read_age(ctx: Context) -> list[Atom]:
    """Age limits: "aged 5 to 30 years", ">= 18 years", "Age less than 16"."""
    if not _AGE_CUE.search(ctx.low):
        return []
    if "age" in ctx.low:
        ctx = replace(ctx, low=_NOT_AN_AGE.sub(lambda m: " " * len(m.group(0)), ctx.low))
    if not _AGE_CUE.search(ctx.low) or _AGE_AS_SUBJECT.search(ctx.low):
        return []
    if len(_AGE_TABLE_ROW.findall(ctx.low)) >= 2:
        return []  # the age bands of a lab table pick its rows
    menopause = _MENOPAUSE_DEFINED.search(ctx.low)
    if menopause:  # the ages that define "postmenopausal" are not the trial's age limits
        ctx = replace(ctx, low=ctx.low[: menopause.start()])
    bounds = _age_bounds(ctx)
    # "Adults" alone is an age limit in an inclusion; in an exclusion ("Adult patients with HIV",
    # "Adults under guardianship") it names who the exclusion is about, and read as an age it
    # would exclude every adult.
    adults = re.search(r"^\W*adults?\b", ctx.low) and len(ctx.low) < 40
    if not bounds and adults and ctx.kind == "inclusion":
        bounds = [(">=", 18.0)]
    if not bounds:
        return []
    position = _AGE_CUE.search(ctx.low).start()  # type: ignore[union-attr]
    atoms = [cmp_atom("age_years", position, op, value) for op, value in bounds[:2]]
    condition = all_of(*[a.condition for a in atoms if a.condition])
    rule = " and ".join(a.rule or "" for a in atoms)
    return [Atom("age_years", position, condition, rule, ["age_years"], settled=True)]


_ECOG = Anchored(
    r"\becog\b|performance status|\bzubrod\b|who (?:performance|ps)|\bps\b|performance score",
)


_LEVEL_COMPARED = re.compile(r"(<=|<|>=|>)\s*([0-4])\b")
_LEVEL_RANGE = re.compile(r"\b([0-4])\s*(?:-|to)\s*([0-4])\b")
_NOT_A_LEVEL = re.compile(r"\s*(?:months?|weeks?|years?|days?|hours?|%|x\b|mg|g/|cm|mm)")


def _levels(span: str) -> set[int]:
    span = span.replace("–", "-")
    # The first comparison or range in the span that is not a duration or dose ("ECOG 0-1 or
    # life expectancy > 3 months" is 0-1, not > 3).
    found = [
        match
        for pattern in (_LEVEL_COMPARED, _LEVEL_RANGE)
        for match in pattern.finditer(span)
        if not _NOT_A_LEVEL.match(span, match.end())
    ]
    if found:
        match = min(found, key=lambda m: m.start())
        if match.re is _LEVEL_RANGE:
            return set(range(int(match.group(1)), int(match.group(2)) + 1))
        op, n = match.group(1), int(match.group(2))
        return {
            "<=": set(range(n + 1)),
            "<": set(range(n)),
            ">=": set(range(n, 5)),
            ">": set(range(n + 1, 5)),
        }[op]
    # a lone digit that is a duration or dose is no level ("0 or 1 within 3 days")
    digits = {
        int(m.group(1))
        for m in re.finditer(r"\b([0-4])\b", span)
        if not _NOT_A_LEVEL.match(span, m.end())
    }
    word_op = comparator_before(span.split(str(min(digits)))[0]) if digits else None
    if digits and word_op in ("<=", "<") and len(digits) == 1:
        n = min(digits)
        return set(range(n + 1 if word_op == "<=" else n))
    if digits and word_op in (">=", ">") and len(digits) == 1:
        n = min(digits)
        return set(range(n if word_op == ">=" else n + 1, 5))
    return digits


def _levels_condition(levels: set[int]) -> tuple[dict[str, object], str]:
    top, bottom = max(levels), min(levels)
    if levels == set(range(top + 1)):
        return leaf("ecog_level", "cmp", cmp="<=", value=top), f"ecog_level <= {top}"
    if levels == set(range(bottom, 5)):
        return leaf("ecog_level", "cmp", cmp=">=", value=bottom), f"ecog_level >= {bottom}"
    values = [str(v) for v in sorted(levels)]
    return leaf("ecog_level", "in", values=values), f"ecog_level in {values}"


def read_performance(ctx: Context) -> list[Atom]:
    """ECOG / WHO / Karnofsky / Lansky performance status, read as ECOG levels 0-4 (Karnofsky and
    Lansky limits through `performance.split_levels`: levels they do not settle are for the study
    team)."""
    match = _ECOG.search(ctx.low)
    levels: set[int] = set()
    for cue in _ECOG.finditer(ctx.low):
        if KARNOFSKY_BEFORE.search(ctx.low[max(0, cue.start() - 20) : cue.start()]):
            continue  # "Karnofsky performance status ...": a Karnofsky score, not ECOG levels
        span = re.split(r"[.;]\s", ctx.low[cue.end() : cue.end() + 45])[0]
        levels = _levels(span)
        if levels:
            break
    position = match.start() if match else 0
    karnofsky = KARNOFSKY_CUE.search(ctx.low)
    if karnofsky:
        limits = karnofsky_limits(ctx.low)
        if not limits and not levels:
            return [review_atom("ecog_level", karnofsky.start())]
        read = levels_condition(*split_levels(limits, levels)) if limits else None
        if read is not None:
            position = min(position, karnofsky.start()) if match else karnofsky.start()
            condition, rule = read
            return [Atom("ecog_level", position, condition, rule, ["ecog_level"], settled=True,
                         explained=_scale_ages(ctx, limits))]  # fmt: skip
    if not levels:
        return [review_atom("ecog_level", match.start())] if match and "ecog" in ctx.low else []
    if levels == set(range(5)):
        return [review_atom("ecog_level", position)]
    condition, rule = _levels_condition(levels)
    return [Atom("ecog_level", position, condition, rule, ["ecog_level"], settled=True,
                 explained=_scale_ages(ctx, karnofsky_limits(ctx.low)))]  # fmt: skip


def _scale_ages(ctx: Context, limits: list[tuple[str, float]]) -> list[str]:
    """ "Karnofsky >= 50% for patients > 16 years of age and Lansky >= 50% for patients =< 16":
    which scale is used at which age changes nothing when both scales are named and every
    limit is the same (or only ECOG levels are given); one scale for one age alone is partial."""
    both = "lansky" in ctx.low and ("karnofsky" in ctx.low or "kps" in ctx.low)
    return ["_scale_ages"] if both and len(limits) <= 1 else []


def _threshold(
    ctx: Context, cue: Anchored, unit: str, default: str
) -> tuple[int, str, float] | None:
    match = cue.search(ctx.low)
    if not match:
        return None
    span = ctx.low[match.end() : match.end() + 160]
    number = re.search(rf"(\d{{2,3}}(?:\.\d+)?)\s*{unit}", span)
    if not number:
        return (match.start(), "", 0.0)
    op = (
        comparator_before(span[: number.start()])
        or comparator_after(span[number.end() :])
        or default
    )
    return (match.start(), op, float(number.group(1)))


_QTC = Anchored(r"\bqtc\w*|\bqt interval|corrected qt|\bqtcf\b")
_ABSENT_BEFORE = re.compile(r"\b(?:absence of|no evidence of|free of|without|no)\s+(?:\w+\s+)?$")
_LVEF = Anchored(r"\blvef\b|ejection fraction|\bef\b|\bmuga\b")


def _qtc_by_sex(ctx: Context, position: int) -> Atom | None:
    """ "QTcF > 470 ms for females, > 450 ms for males": one limit for each sex, or None. A limit
    for one sex only ("QTcF > 470 msec if female") applies to that sex only (it was read as a
    limit for everyone)."""
    found = [
        t
        for t in read_thresholds(ctx.low)
        if t.measure == "qtc" and t.unit == "ms" and t.value >= 300
    ]
    limits = {t.applies_to: t for t in found if t.applies_to in ("female", "male")}
    if not limits or len(limits) != len(found):
        return None
    parts, rules = [], []
    for sex, who in (("female", is_female()), ("male", is_male())):
        if sex not in limits:
            continue
        limit = limits[sex]
        value = int(limit.value) if limit.value.is_integer() else limit.value
        parts.append(only_if(who, leaf("qtc_ms", "cmp", cmp=limit.op, value=value)))
        rules.append(f"qtc_ms {limit.op} {value} ({sex}s)")
    rule = " or ".join(rules) if ctx.kind == "exclusion" else " and ".join(rules)
    condition = any_of(*parts) if ctx.kind == "exclusion" else all_of(*parts)
    return Atom("qtc_ms", position, condition, rule, ["sex", "qtc_ms"], settled=True)


def read_heart_numbers(ctx: Context) -> list[Atom]:
    """QTc in ms and LVEF in %, with the comparator as written."""
    atoms: list[Atom] = []
    default_high = ">" if ctx.kind == "exclusion" else "<="
    default_low = "<" if ctx.kind == "exclusion" else ">="
    qtc = _threshold(ctx, _QTC, r"(?:ms|msec|milliseconds)", default_high)
    by_sex = _qtc_by_sex(ctx, qtc[0]) if qtc else None
    if by_sex is not None:
        atoms.append(by_sex)
    elif qtc and qtc[1]:
        atoms.append(cmp_atom("qtc_ms", qtc[0], qtc[1], qtc[2]))
        # "Absence of QTcF prolongation (>450 msec)": the limit names what must be absent.
        atoms[-1].negated = bool(_ABSENT_BEFORE.search(ctx.low[max(0, qtc[0] - 30) : qtc[0]]))
    elif qtc:
        atoms.append(review_atom("qtc_ms", qtc[0]))
    lvef = _threshold(ctx, _LVEF, r"%", default_low)
    if lvef and lvef[1]:
        atoms.append(cmp_atom("lvef_percent", lvef[0], lvef[1], lvef[2]))
    elif lvef:
        atoms.append(review_atom("lvef_percent", lvef[0]))
    return atoms


_BP_WORDS = Anchored(r"blood pressure|hypertension|\bbp\b|systolic|diastolic|\bsbp\b|\bdbp\b")
_BP_CUE = Anchored(r"blood pressure|hypertension|\bbp\b")
_BP_PAIR = re.compile(r"(\d{2,3})\s*/\s*(\d{2,3})\s*(?:mm ?hg)?")
# "systolic function" / "systolic dysfunction" is the heart's pumping, not a blood pressure
_NOT_PRESSURE = r"(?!\s*(?:function|dysfunction|ejection|heart failure))"
_SYSTOLIC = re.compile(r"(?:systolic|\bsbp\b)" + _NOT_PRESSURE + r"[^0-9;]{0,40}?(\d{2,3})")
_DIASTOLIC = re.compile(r"(?:diastolic|\bdbp\b)" + _NOT_PRESSURE + r"[^0-9;]{0,40}?(\d{2,3})")
# "> 140 mm Hg systolic", ">= 160 systolic, >= 100 diastolic mm Hg": the number comes first.
_BP_AFTER = re.compile(r"(\d{2,3})\s*(?:mm ?hg\s*)?\(?(systolic|diastolic)\b" + _NOT_PRESSURE)
# The words joining two limits: "or" / "and/or" (either settles it), "and" (both are needed).
_BP_EITHER = re.compile(r"\band/or\b|\bor\b")
_BP_BOTH = re.compile(r"\band\b")


@dataclass(frozen=True)
class _Pressure:
    fact: str
    value: float
    op: str
    start: int
    end: int


def _pressure_limits(ctx: Context) -> list[_Pressure]:
    """The systolic and diastolic limits with their own comparators, in reading order."""
    cue = _BP_CUE.search(ctx.low)
    pair = _BP_PAIR.search(ctx.low, cue.start()) if cue else None
    if pair and cue and pair.start() - cue.end() > 80:
        pair = None
    if pair and 80 <= float(pair.group(1)) <= 250:
        op = comparator_before(ctx.low[max(0, pair.start() - 30) : pair.start()]) or ">="
        return [
            _Pressure("systolic_bp_mmhg", float(pair.group(1)), op, pair.start(), pair.start(2)),
            _Pressure("diastolic_bp_mmhg", float(pair.group(2)), op, pair.start(2), pair.end()),
        ]
    limits: list[_Pressure] = []
    op = ">="
    if _BP_AFTER.search(ctx.low):
        for after in _BP_AFTER.finditer(ctx.low):
            op = comparator_before(ctx.low[max(0, after.start() - 25) : after.start()]) or op
            fact = f"{after.group(2)}_bp_mmhg"
            limits.append(_Pressure(fact, float(after.group(1)), op, after.start(), after.end()))
        return limits
    for fact, pattern in (("systolic_bp_mmhg", _SYSTOLIC), ("diastolic_bp_mmhg", _DIASTOLIC)):
        found = pattern.search(ctx.low)
        if found:
            op = comparator_before(ctx.low[found.start() : found.start(1)]) or op
            limits.append(_Pressure(fact, float(found.group(1)), op, found.start(), found.end()))
    return sorted(limits, key=lambda limit: limit.start)


def _either(ctx: Context, limits: list[_Pressure], paired: bool) -> bool:
    """Whether one limit alone settles it: the word between two limits ("or", "and/or": either;
    "and": both); without such a word, a limit above (">= 140/90") is met by either number and
    a limit below ("< 140/90") needs both."""
    if len(limits) > 1 and not paired:
        between = ctx.low[limits[0].end : limits[1].start]
        if _BP_EITHER.search(between):
            return True
        if _BP_BOTH.search(between):
            return False
    return limits[0].op not in ("<", "<=")


def read_blood_pressure(ctx: Context) -> list[Atom]:
    """Blood pressure limits like "≥140/90 mmHg" or "systolic ≥ 160 or diastolic ≥ 100"."""
    if not _BP_WORDS.search(ctx.low):
        return []
    limits = _pressure_limits(ctx)
    if not limits:
        return []
    paired = len(limits) == 2 and limits[0].end == limits[1].start
    either = _either(ctx, limits, paired)
    position = ctx.low.find("pressure") if "pressure" in ctx.low else 0
    leaves = [leaf(p.fact, "cmp", cmp=p.op, value=int(p.value)) for p in limits]
    rule = (" or " if either else " and ").join(f"{p.fact} {p.op} {int(p.value)}" for p in limits)
    condition = any_of(*leaves) if either else all_of(*leaves)
    facts = [p.fact for p in limits]
    return [Atom("systolic_bp_mmhg", position, condition, rule, facts, settled=True)]


# "body weight >= 40 kg"; "must not weigh more than the maximum weight limit for the table of the
# PET/CT scanner (>200 kilograms or 440 pounds)"; the limit in pounds first, its kilograms after
# ("Weight > 400 pounds (lb) or 181.4 kilograms (kg)")
_WEIGHT = Anchored(
    r"(?:body )?weight[^0-9;]{0,30}?(\d{2,3}(?:\.\d)?)\s*(?:kg|kilograms?)\b"
    r"|\bweighs?\b(?! loss)[^0-9;.]{0,120}?(\d{2,3}(?:\.\d)?)\s*(?:kg|kilograms?)\b"
    r"|(?:body )?weight[^0-9;]{0,30}?(\d{2,3}(?:\.\d)?)\s*(?:pounds?|lbs?)\b(?:\s*\(lbs?\))?"
    r"\s*(?:or|/|,)?\s*\(?(\d{2,3}(?:\.\d)?)\s*(?:kg|kilograms?)\b"
)


_KG_PER_POUND = 0.45359237


def read_weight(ctx: Context) -> list[Atom]:
    """Body weight limits in kg."""
    match = _WEIGHT.search(ctx.low)
    if not match:
        return []
    group = next(g for g in (1, 2, 3) if match.group(g) is not None)  # 3: pounds, then kg (4)
    op = comparator_before(ctx.low[match.start() : match.start(group)]) or comparator_after(
        ctx.low[match.end() :]
    )
    if op is None:
        return []
    kilograms = match.group(4 if group == 3 else group)
    if group == 3 and abs(to_number(match.group(3)) * _KG_PER_POUND - to_number(kilograms)) > 1:
        return []  # two limits that are not the same weight: which one holds is unclear
    return [cmp_atom("weight_kg", match.start(), op, to_number(kilograms))]
