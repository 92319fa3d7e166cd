"""A person's own age or weight in a question ("im 67 can i still sign up", "she only weighs
17 kilos"), checked against the trial's plain limits by the eligibility checker.

Only limits the reader reads as `certain`, on that one measurement, for everyone in the trial
(no cohort or part), can say No; the answer quotes the limit. An age said in the past tense
("he was 21 when they found it") is at least the person's age now, so only an upper limit it is
over settles it. Nothing here guesses: a limit that is not plain leaves the question to the
other answers and, in the end, to the study team."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial

_PERSON = (
    r"(?:i|i'?m|i’m|im|he|he'?s|she|she'?s|hes|shes|they|they'?re|we|we'?re|"
    r"(?:my|our|his|her) (?:\w+ )?(?:son|daughter|child|kid|boy|girl|baby|mum|mom|mother|dad|"
    r"father|husband|wife|partner|brother|sister|grandson|granddaughter|grandma|grandmother|"
    r"grandpa|grandfather|friend|aunt|uncle|nephew|niece|toddler|teen|teenager))"
)
_YEARS = r"(?:\s*(?:years?|yrs?|y/?o)(?:[ -]old)?)?"
# "2 years out from treatment", "5 years since": a span of time, not an age
_SPAN_AFTER = (
    r"(?!\s*(?:years?|yrs?)\s+(?:out|since|after|ago|post|off|clear|from|of|in|into|now|later)\b)"
)
# "I'm 67", "my son is 4", "she was 21 when", "I am 58 years old", "our 17 year old", "aged 70"
_AGE_PATTERNS = (
    re.compile(
        rf"\b{_PERSON}\s*(?:am|is|are|was|were|'s|’s|'m|’m|just turned|turned|turns|will be)?\s+"
        r"(?:only |just |now |nearly |almost |about |around )?"
        rf"(?P<n>\d{{1,3}}){_SPAN_AFTER}{_YEARS}(?![\w.,]*\s*"
        r"(?:kg|kilos?|kilograms?|lbs?|pounds?|stone|cm|%|mg|days?|weeks?|months?|times?|hours?))"
        r"(?=\W|$)",
        re.I,
    ),
    re.compile(r"\b(?P<n>\d{1,3})[ -](?:years?|yrs?)[ -]old\b", re.I),
    re.compile(r"\b(?:aged?|age of)\s+(?P<n>\d{1,3})\b", re.I),
)
_WEIGHT = re.compile(
    r"\b(?P<n>\d{1,3}(?:\.\d)?)\s*(?P<unit>kg|kgs|kilos?|kilograms?|lbs?|pounds)\b", re.I
)
_WEIGHT_VERB = re.compile(r"\bweigh\w*\b", re.I)
POUND_KG = 0.45359237
_TODAY = datetime.date(2000, 1, 1)  # age and weight limits hold no dates


@dataclass(frozen=True)
class OwnNumbers:
    """What the question says of the person: age in years (and whether said in the past) and
    weight in kg; None when not said."""

    age: float | None = None
    age_past: bool = False
    weight_kg: float | None = None

    def __bool__(self) -> bool:
        return self.age is not None or self.weight_kg is not None


def own_numbers(question: str) -> OwnNumbers:
    """The person's own age and weight read from a question ('im 67', 'weighs 17 kilos')."""
    text = question.replace("’", "'")
    ages: dict[float, bool] = {}
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(text):
            value = float(match.group("n"))
            if 0 < value <= OLDEST:
                before = text[match.start() : match.start("n")]
                ages[value] = ages.get(value, False) or bool(
                    re.search(r"\b(was|were)\b", before, re.I)
                )
    # two ages ("my son is 12, he was 9 when ...") leave the age unsaid
    age, past = next(iter(ages.items())) if len(ages) == 1 else (None, False)
    weight = None
    found = _WEIGHT.search(text)
    if found and (_WEIGHT_VERB.search(text) or found.group("unit").lower().startswith("k")):
        value = float(found.group("n"))
        pounds = found.group("unit").lower().startswith(("lb", "p"))
        weight = value * POUND_KG if pounds else value
    return OwnNumbers(age, past, weight)


@dataclass(frozen=True)
class LimitCheck:
    """The limits the person's numbers meet: plain ones the person is outside of (`outside`)
    or meets (`within`), and limits read only in part (a compound rule, a cohort's rule) that
    the numbers go against (`unsure`: the study team decides)."""

    outside: list[StructuredCriterion]
    within: list[StructuredCriterion]
    unsure: list[StructuredCriterion]


_FACTS = {"age_years", "weight_kg"}
OLDEST = 120


def _ages_from(age: float) -> list[float]:
    """The age said, then every whole year up to OLDEST."""
    return [age, *range(int(age) + 1, OLDEST + 1)]


def check_limits(trial: Trial, said: OwnNumbers) -> LimitCheck:
    """The trial's plain age and weight limits the person's numbers are outside of or within."""
    outside: list[StructuredCriterion] = []
    within: list[StructuredCriterion] = []
    unsure: list[StructuredCriterion] = []
    for criterion in limits_of(trial):
        fact = criterion.facts[0]
        value = said.age if fact == "age_years" else said.weight_kg
        if value is None:
            continue
        now = evaluate(criterion, {fact: value}, _TODAY)
        if fact == "age_years" and said.age_past:
            # the age now is any age from then on: only a limit every one of them fails settles
            later = [evaluate(criterion, {fact: float(a)}, _TODAY) for a in _ages_from(value)]
            if all(o.status == "not_met" for o in later):
                outside.append(criterion)
            elif all(o.against for o in later):
                unsure.append(criterion)
            continue
        if now.status == "not_met":
            outside.append(criterion)
        elif now.against:
            unsure.append(criterion)
        elif now.status == "met" and _plain(criterion):
            within.append(criterion)
    return LimitCheck(outside, within, unsure)


_CACHE: dict[tuple[object, ...], tuple[StructuredCriterion, ...]] = {}
CACHE_SIZE = 256


def limits_of(trial: Trial) -> list[StructuredCriterion]:
    """The trial's readings on age or weight alone (read once per version of the record's
    ages and criteria)."""
    key = (
        trial.id,
        trial.min_age_years,
        trial.max_age_years,
        tuple(c.text for c in trial.criteria),
    )
    found = _CACHE.get(key)
    if found is None:
        found = _read_limits(trial)
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = found
    return list(found)


def _read_limits(trial: Trial) -> tuple[StructuredCriterion, ...]:
    from trialbot.eligibility.reader import read_criteria

    found = []
    for criterion in read_criteria(trial):
        if len(criterion.facts) == 1 and criterion.facts[0] in _FACTS:
            found.append(criterion)
    return tuple(found)


def _plain(criterion: StructuredCriterion) -> bool:
    """A certain reading for everyone in the trial: one the person may be told they meet."""
    return (
        criterion.confidence == "certain"
        and not criterion.needs_review
        and criterion.applies_to is None
        and criterion.decisive_when is None
    )


_JOINING = re.compile(
    r"\b(join|sign (?:up|on)|enrol+|take part|participate|get in|be in (?:it|this|the)|"
    r"counted|do (?:it|this|the (?:trial|study))|qualify|eligible|allowed|accepted|apply|"
    r"included|too (?:old|young|light|heavy|small|big)|old enough|young enough|heavy enough|"
    r"age limit|weight limit|(?:only|just) for (?:children|kids|adults|teenagers|teens|young "
    r"people|older people|old people|the elderly|babies)|eligable|elegible|eligble|"
    r"stop (?:me|him|her|them)|"
    r"rule[sd]? (?:me|him|her|them|us)? ?out|disqualif\w*|a problem|count against|"
    r"an issue|a concern|be (?:my|his|her|their|our) (?:first|1st)|"
    r"too (?:recent|soon|early|many|advanced)|"
    r"(?:can|could|may) (?:i|he|she|we) (?:start|begin) (?:the |this )?(?:study|trial)|"
    r"(?:have|get) (?:it|this) done|(?:can|could|may) (?:i|he|she|we) (?:have|get|start) "
    r"(?:it|this|the [\w-]+) (?:now|yet|already|straight away)|"
    r"(?:study|trial|it|this|part of the \w+) for "
    r"(?:me|him|her|people like me))\b",
    re.I,
)
# questions whose yes means "outside the limit" ("is my 4 year old too young?") or that ask
# something else as well get no Yes/No lead
# "is it only for children?" asks whom the trial is for: Yes or No to it is no answer to joining
_INVERTED = re.compile(r"\btoo\b|\b(not|never)\b|n't\b|\bor\b|\b(only|just) for\b", re.I)


def asks_joining(question: str) -> bool:
    """True when a question asks whether the person may join ('can she still do it?')."""
    return bool(_JOINING.search(question))


_FIRST_PERSON = frozenset({"i", "im", "me", "ive", "myself"})
_SELF_WORDS = frozenset({"man", "woman", "male", "female", "guy", "lady", "boy", "girl"})


def own_sex(question: str, words: dict[str, list[str]]) -> str | None:
    """'male' or 'female' when every word naming the person asked about is of one sex ("my
    husband ... can he take part?"); None when none is, or both are ("my son and his mum")."""
    present = set(re.findall(r"[a-z0-9]+", question.lower()))  # "HER2" is no "her"
    if present & _FIRST_PERSON:
        # "can I join?": the asker is the person, and only their own words say their sex
        # ("I'm a woman"); "my doctor says he ..." or "I have a son" say nothing of it
        present &= _SELF_WORDS
    found = {sex for sex, names in words.items() if present & {str(n).lower() for n in names}}
    return found.pop() if len(found) == 1 else None


def plain_yes_no(question: str) -> bool:
    """True when Yes/No can lead the answer: not 'too young?', not negative, not either-or."""
    return not _INVERTED.search(question)


# Words of a question that state the person's numbers or ask to join: what is left is its topic.
_NUMBER_WORDS = re.compile(
    r"\b(\d+(\.\d+)?|years?|yrs?|old|aged?|weigh\w*|kg|kgs|kilos?|kilograms?|lbs?|pounds|"
    r"only|just|now|nearly|almost|about|around|still|also|too|enough|young|heavy|light|limit|"
    r"i|i'?m|im|am|is|are|was|were|he|she|they|we|my|our|his|her|me|him|us|them|it|this|that|"
    r"the|a|an|and|so|ok|okay|can|could|would|will|may|might|do|does|did|be|been|get|in|for|"
    r"to|of|if|any|son|daughter|child|kid|boy|girl|baby|mum|mom|mother|dad|father|husband|wife|"
    r"partner|brother|sister|grandson|granddaughter|grandma|grandmother|grandpa|grandfather|"
    r"friend|aunt|uncle|nephew|niece|toddler|teen|teenager|join|sign|up|on|enrol+|take|part|"
    r"participate|counted|qualify|eligible|allowed|accepted|apply|included|trial|study|"
    r"there|what|how|hi|hello|please|thanks|sorry)\b",
    re.I,
)


_ASKS_LIMIT = re.compile(
    r"\b(old|young|heavy|big) enough\b|\btoo (old|young|heavy|light|small)\b|"
    r"\b(age|weight) limits?\b|"
    # "is it only for children? I'm 24": whom the trial's ages take, against the person's age
    r"\b(only|just) for (children|kids|adults|teenagers|teens|young people|older people|"
    r"old people|the elderly|babies)\b",
    re.I,
)


def asks_limit(question: str) -> bool:
    """True when the question asks about the age or weight limit itself ('is she old enough?'),
    whatever else it tells ('... and has ewing sarcoma in her pelvis')."""
    return bool(_ASKS_LIMIT.search(question))


def only_numbers(question: str) -> bool:
    """True when the question says nothing but the person's numbers and asks to join."""
    rest = _NUMBER_WORDS.sub(" ", question.replace("’", "'").lower())
    return not re.search(r"[a-z]{2,}", rest)


# A list item of a rule giving the ages of one group ("2. Breast cancer: Women aged 40 to 74
# years", "- Cohort B: patients aged 12-17 years"): its label, then an age range.
_ITEM_AGES = re.compile(
    r"(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-*•]|[a-h][.)])?[ \t]*(?P<label>[A-Za-z][\w ,'/-]{1,40}?):"
    r"[ \t]*(?P<body>[^\n]*?\bage[ds]?\s+(?P<low>\d{1,3})\s*(?:to|-|–|through)\s*"
    r"(?P<high>\d{1,3})\b[^\n]*)",
    re.I,
)
_LABEL_WORDS = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class GroupAge:
    """The ages one labelled group of a rule takes, and whether the person's age is among them."""

    criterion: str  # the whole rule's text
    label: str  # "Breast cancer"
    item: str  # "Breast cancer: Women aged 40 to 74 years"
    within: bool


def group_ages(trial: Trial, question: str, age: float) -> list[GroupAge]:
    """For a question naming one group of a rule whose list items give each group its ages
    ("I'm 72, can I get prostate screening?" of "1. Lung cancer: Adults aged 50 to 80 ...
    3. Prostate cancer: Men aged 55 to 69 years"), whether the age is within that group's range;
    [] when the question names no one group or no rule has such items."""
    lowered = question.lower()
    asked = set(_LABEL_WORDS.findall(lowered))
    found = []
    for criterion in trial.criteria:
        if criterion.kind != "inclusion":
            continue
        items = list(_ITEM_AGES.finditer(criterion.text))
        if len(items) < 2:
            continue
        words = [set(re.findall(r"\w+", m.group("label").lower())) for m in items]
        for place, match in enumerate(items):
            others = set().union(*(w for i, w in enumerate(words) if i != place))
            own = words[place] - others  # "breast" of "Breast cancer" among other cancers
            label = " ".join(match.group("label").lower().split())
            # a word of its own ("breast"), or the whole label when only a letter tells it
            # apart ("cohort b")
            if not (own & asked or (own and re.search(rf"\b{re.escape(label)}\b", lowered))):
                continue
            low, high = float(match.group("low")), float(match.group("high"))
            item = f"{match.group('label').strip()}: {match.group('body').strip()}"
            found.append(
                GroupAge(criterion.text, match.group("label").strip(), item, low <= age <= high)
            )
    return found if len({g.label for g in found}) == 1 else []
