"""Facts people state without being asked: "hi, my daughter is 9 and has osteosarcoma".

Read from every typed message (not only the answer to the pending question): the person's
relation to the patient ("my son"), the sex that relation implies, an age and a pregnancy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from trialbot.dialog.readers import normalize
from trialbot.domain.facts import NEVER, UNKNOWN, FactValue
from trialbot.prompts import load_prompts

RELATIONS: dict[str, str | None] = {
    "son": "male", "boy": "male", "husband": "male", "father": "male", "dad": "male",
    "brother": "male", "grandson": "male", "nephew": "male",
    "daughter": "female", "girl": "female", "wife": "female", "mother": "female",
    "mum": "female", "mom": "female", "sister": "female", "granddaughter": "female",
    "niece": "female", "child": None, "kid": None, "partner": None, "teenager": None,
}  # fmt: skip
_RELATION_RE = re.compile(
    rf"\b(?:my|our) (?:little |\d+[- ]year[- ]old )?({'|'.join(RELATIONS)})\b"
)
_AGE_RES = (
    re.compile(r"\b(\d{1,2})[- ](?:years?|yrs?)[- ]old\b"),
    # "my dad (67) has lung cancer", "our son, 8, ...": an age beside the relation word
    re.compile(
        rf"\b(?:my|our) (?:{'|'.join(RELATIONS)})\s*(?:\(\s*(\d{{1,2}})\s*\)|,\s*(\d{{1,2}})\s*,)"
    ),
    re.compile(
        r"\b(?:is|am|i'm|im|she's|he's|aged?|turned)\s+(?:only\s+|just\s+)?(\d{1,2})\b"
        r"(?!\s*(?:months?|weeks?|days?|%|kg|cm|ms|mm|times|cycles?|[./]\d))"
    ),
)
_PREGNANT_RE = re.compile(
    r"\b(?:i am|i'm|im|she is|she's|my (?:wife|daughter|partner) is)\s+(?:\w+\s+){0,2}pregnant\b"
    r"|\b\d{1,2}\s*(?:weeks?|wks?|months?)\s+pregnant\b"  # "I am 29 and 14 weeks pregnant"
)
_SELF_RE = re.compile(
    r"\b(?:i'm|i am|im)\s+an?\s+(?:\d{1,2}[- ]years?[- ]old\s+)?(woman|man|girl|boy|lady|guy)\b"
)
# "I'm 52, male", "I am female": the person's own sex, said as a word of its own.
_SELF_SEX_WORD_RE = re.compile(
    r"\b(?:i'm|i am|im)\s+(?:an?\s+)?(?:\d{1,3}(?:[- ]years?[- ]old)?\s*(?:,|and)?\s*)?"
    r"(male|female)\b"
)
# A relative who is not the patient: "my husband showed me", "a transplant from my sister",
# "my wife is worried", "with my son". Their sex and relation say nothing about the patient.
_BYSTANDER_RE = re.compile(
    rf"\b(?:from|with|and|by|to|than) (?:my|our) ({'|'.join(RELATIONS)})\b"
    rf"|\b(?:my|our) ({'|'.join(RELATIONS)})(?:'s)? (?:\w+ )?(?:showed|shows|told|tells|sent|found|"
    r"gave|saw|read|heard|thinks|thought|said|says|wants|wanted|suggested|asked|helps|helped|"
    r"is worried|was worried|worries|is helping|is with me|drove|brought|donated|"
    r"was (?:my|the) donor|is (?:my|the) donor)\b"
)
# The person speaks of their own illness or age: "I'm 45", "I was diagnosed with AML".
_SELF_PATIENT_RE = re.compile(
    r"\b(?:i'm|i am|im)\s+(?:only\s+|just\s+)?\d{1,3}\b"
    r"|\b(?:i|i've) (?:was|have been|been) diagnosed\b|\bi(?:'m| am) being treated\b"
    r"|\bi relapsed\b"
)
# A message written as a short list ("check if I can join, 50, male, kidney cancer", "49M",
# "62 F"): a part that is only an age, only a sex word, or an age with M/F stuck to it. Whole
# parts only ("3m ago" is three months, "stage 3" no age).
_PROFILE_PART_SPLIT = re.compile(r"\s*[,;?!]\s*|\s*(?<!\d)\.\s*|\s+and\s+")
_AGE_PART_RE = re.compile(r"^(?:age\s*:?\s*)?(\d{1,2})(?:\s*(?:y/?o|yrs? old))?$")
_AGE_SEX_PART_RE = re.compile(r"^(\d{1,2})\s*/?\s*([mf])$|^([mf])\s*/?\s*(\d{1,2})$")
_SEX_PART_RE = re.compile(r"^(male|female|man|woman|m|f)$")
_SELF_SEX = {"woman": "female", "girl": "female", "lady": "female", "man": "male", "boy": "male",
             "guy": "male"}  # fmt: skip
_NOT_PREGNANT_RE = re.compile(r"\bnot\s+(?:\w+\s+)?pregnant\b")
_DIAGNOSIS_RE = re.compile(
    r"\b(?:has|have|with|diagnosed with)\s+((?:an?\s+)?"
    r"(?:(?!(?:my|his|her|their|the|for|of|and|had|been|no|not|any)\b)[a-z0-9-]+\s+){0,3}?"
    r"[a-z]*(?:sarcoma|oma|emia|aemia|cancer)\b)"
)


# "I don't have cancer", "there is no cancer", "he never had cancer": no diagnosis said.
_DENIED_BEFORE_RE = re.compile(r"\b(?:not|no|never|without)\b|n't\b|\bdont\b|\bdoesnt\b")

_PART_SPLIT = re.compile(r"\s*(?:[,;.!?()]|\bbut\b|\bonly\b|\bjust\b|\bexcept\b)\s*")
_TOOK_RE = re.compile(
    r"\b(?:took|take|taken|taking|had|got|gets|get|getting|received|receiving|treated with|"
    r"given|was on|were on|been on|is on|are on|am on|on)\b"
)
_NEGATED_RE = re.compile(r"\b(?:no|not|never|none)\b|n't\b")


@dataclass
class Volunteered:
    """What a message states about the patient, beyond the question asked."""

    facts: dict[str, FactValue] = field(default_factory=dict)
    relation: str | None = None
    diagnosis: str | None = None
    drug_parts: dict[str, str] = field(default_factory=dict)  # part -> the drug fact it states
    illnesses: set[str] = field(default_factory=set)  # facts of illnesses named in passing


def read_volunteered(
    text: str, asked: str | None = None, relation_open: bool = True
) -> Volunteered:
    """The relation, sex, age, pregnancy and diagnosis a message states (each only if clear);
    `asked` is the fact of the pending question, if any (an answer about hepatitis C states
    nothing about cancer treatment); `relation_open` False: whom the questions are about is
    settled, so a relative named now ("my wife had a hysterectomy") is spoken of, not the
    patient, and neither their relation nor their sex is taken."""
    from trialbot.dialog.clauses import about_other_illness, other_illnesses, without_heights

    said = normalize(text)
    found = Volunteered()
    relation = _patient_relation(said) if relation_open and not is_self_patient(said) else None
    if relation is not None:
        found.relation = relation
        sex = RELATIONS[relation]
        if sex is not None:
            found.facts["sex"] = sex
    if match := _SELF_RE.search(said):
        found.facts["sex"] = _SELF_SEX[match[1]]
    elif found.relation is None and (match := _SELF_SEX_WORD_RE.search(said)):
        found.facts["sex"] = match[1]
    if "sex" not in found.facts and (sex := _sex_of_organ_cancer(said, found.relation)):
        found.facts["sex"] = sex  # "my prostate cancer came back": the sex is not asked
    no_heights = without_heights(said)[0]  # "I'm 5 foot 6" states no age 5
    ages = {int(m[1] or m[2]) for pattern in _AGE_RES for m in pattern.finditer(no_heights)}
    if asked is None:  # no question waiting: "50, male, kidney cancer", "49M"
        short_ages, short_sex = _short_profile(no_heights)
        ages |= short_ages
        agrees = short_sex is not None and found.facts.get("sex", short_sex) == short_sex
        if agrees and (found.relation is not None or not _RELATION_WORD_RE.search(said)):
            found.facts["sex"] = str(short_sex)
    if len(ages) == 1:
        found.facts["age_years"] = ages.pop()
    if _PREGNANT_RE.search(said) and not _NOT_PREGNANT_RE.search(said):
        found.facts["pregnant"] = True
    drugs, found.drug_parts = _drugs_taken(said)
    found.facts.update(drugs)
    statements = _statements(said)
    if about_other_illness(said, asked):  # "not treated yet" of hepatitis C is no cancer's
        statements = {
            k: v for k, v in statements.items() if k not in other_illnesses().cancer_statements
        }
    found.facts.update(statements)
    illnesses = _illnesses_said(said)
    if asked is not None:  # "pneumonitis" to the lung scarring question is its own answer,
        own = set(_names_in(asked, said))  # no serious lung problem said on the side
        illnesses = {
            k: v for k, v in illnesses.items() if k == asked or not set(_names_in(k, said)) <= own
        }
    found.facts.update(illnesses)
    found.illnesses = set(illnesses)
    taking, taking_parts = _taking_now(said, found.relation)
    found.facts.update(taking)
    found.drug_parts.update(taking_parts)
    for fact, value in _denied_on_the_side(said).items():
        found.facts.setdefault(fact, value)
    if asked is None:  # "HER2-negative breast cancer, can I join?" before any question
        for fact, value in _markers_said(said).items():
            found.facts.setdefault(fact, value)
    match = _DIAGNOSIS_RE.search(said)
    if match and not _DENIED_BEFORE_RE.search(said[max(0, match.start() - 20) : match.start() + 4]):
        found.diagnosis = match[1].removeprefix("an ").removeprefix("a ")
    return found


_RELATION_WORD_RE = re.compile(rf"\b(?:{'|'.join(RELATIONS)})\b")


@lru_cache(maxsize=1)
def _organ_cancer_patterns() -> dict[str, re.Pattern[str]]:
    """sex -> the cancers of organs only that sex has (`sex_of_organ_cancers` of
    prompts/answer_topics.yaml)."""
    raw = load_prompts("answer_topics").get("sex_of_organ_cancers") or {}
    return {str(sex): re.compile(str(words)) for sex, words in raw.items()}


def _sex_of_organ_cancer(said: str, relation: str | None) -> str | None:
    """The sex a cancer of a one-sex organ gives the patient ("my prostate cancer came back":
    male), or None: no such cancer, cancers of both, or a relative named who is not the patient
    ("my dad had prostate cancer, I have ...")."""
    named = set(_RELATION_WORD_RE.findall(said))
    if named - ({relation} if relation else set()):
        return None
    sexes = {sex for sex, pattern in _organ_cancer_patterns().items() if pattern.search(said)}
    return sexes.pop() if len(sexes) == 1 else None


def _short_profile(said: str) -> tuple[set[int], str | None]:
    """The ages and the one sex a message written as a short list states in parts of their own
    ("check if I can join, 50, male, kidney cancer": 50 and male; "49M": 49 and male); a lone
    "m" or "f" counts only beside an age. Two sexes say none."""
    parts = [p.strip(" !?") for p in _PROFILE_PART_SPLIT.split(said)]
    ages: set[int] = set()
    sexes: set[str] = set()
    letters: set[str] = set()
    for part in parts:
        if match := _AGE_SEX_PART_RE.match(part):
            ages.add(int(match[1] or match[4]))
            sexes.add("male" if (match[2] or match[3]) == "m" else "female")
        elif match := _AGE_PART_RE.match(part):
            ages.add(int(match[1]))
        elif match := _SEX_PART_RE.match(part):
            word = match[1]
            if len(word) == 1:
                letters.add("male" if word == "m" else "female")
            else:
                sexes.add(_SELF_SEX.get(word, word))
    if ages:
        sexes |= letters
    return ages, sexes.pop() if len(sexes) == 1 else None


@lru_cache(maxsize=1)
def _statement_patterns() -> dict[str, list[tuple[bool, re.Pattern[str]]]]:
    """fact -> (value, pattern) from `volunteered_statements` of prompts/answer_topics.yaml."""
    raw = load_prompts("answer_topics").get("volunteered_statements") or {}
    return {
        str(fact): [
            (bool(value), re.compile(str(p))) for value, ps in values.items() for p in ps or []
        ]
        for fact, values in raw.items()
    }


def _statements(said: str) -> dict[str, FactValue]:
    """Facts a message states in passing ("relapsed after chemo": treated before); a fact whose
    patterns say both yes and no is left out."""
    found: dict[str, FactValue] = {}
    for fact, patterns in _statement_patterns().items():
        values = {value for value, pattern in patterns if pattern.search(said)}
        if len(values) == 1:
            found[fact] = values.pop()
    return found


_HAVING_RE = re.compile(
    r"\b(?:had|has|have|got|gets|caught|diagnosed|with|positive|carrier|living with|"
    r"needs|needed|suffers|suffering|on dialysis|treated for|treatment for)\b"
)
# An event still to come ("a kidney transplant next month") is no diagnosis yet.
FUTURE_RE = re.compile(
    r"\b(?:next|tomorrow|soon|will|going to|planned|scheduled|booked|waiting for|due to|"
    r"coming up|in (?:a|two|three|\d+) (?:days?|weeks?|months?))\b|\bhaving\b"
)


@lru_cache(maxsize=1)
def _drug_plan_re() -> re.Pattern[str]:
    words = [str(w) for w in load_prompts("answer_topics").get("drug_plan_words") or []]
    return re.compile(r"\b(?:" + "|".join(words) + r")\b" if words else r"(?!x)x")


def drug_planned(part: str, position: int) -> bool:
    """True when the medicine named at `position` of `part` is a plan, not a treatment had: a
    time to come anywhere in the part ("next month"), or a word of a plan before it ("wants her
    to start anastrozole"; `drug_plan_words`)."""
    return bool(FUTURE_RE.search(part) or _drug_plan_re().search(part[:position]))


def _names_in(fact: str, said: str) -> list[str]:
    """The names of `fact`'s illness (`yes_no_topics`) that `said` holds."""
    names = (load_prompts("answer_topics").get("yes_no_topics") or {}).get(fact) or []
    return [str(n) for n in names if re.search(rf"(?<![\w-]){re.escape(str(n))}\b", said)]


def _illnesses_said(said: str) -> dict[str, FactValue]:
    """Yes/no illnesses a message says the patient has or had (`yes_no_topics`): UNKNOWN when
    said in the past tense ("had hepatitis B years ago": the study team checks), else True."""
    from trialbot.dialog.clauses import is_hedged_yes_no, topic_words, yes_no_rules

    words = topic_words()
    raw = load_prompts("answer_topics").get("yes_no_topics") or {}
    found: dict[str, FactValue] = {}
    for fact, names in raw.items():
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(str(n)) for n in names) + r")\b")
        rules = yes_no_rules(str(fact))
        for part in _PART_SPLIT.split(said):
            if not pattern.search(part) or not _HAVING_RE.search(part):
                continue
            skip = [*rules.get("not_an_answer_unless_no", []), *rules.get("not_an_answer", [])]
            skip += [r"\btest", r"\bscreen", r"\bcheck"]  # "he got TB tests" is no TB
            if _NEGATED_RE.search(part) or words.relatives.search(part) or is_hedged_yes_no(said):
                continue
            if FUTURE_RE.search(part):
                continue  # "a transplant next month": planned, not had
            if any(re.search(p, part) for p in skip):
                continue
            past = any(re.search(p, said) for p in rules.get("past_means_unsure", []))
            found[str(fact)] = UNKNOWN if past else True
    return found


_DENIAL = (
    r"\b(?:no|not|nor|never|never had|not had|hasn't had|hasnt had|haven't had|havent had|"
    r"has not had|have not had|didn't have|did not have|without|not currently|isn't|isnt|"
    r"is not|am not|i'm not|im not|she's not|he's not)\s+(?:any\s+|a\s+|an\s+|big\s+|major\s+|"
    r"serious\s+|been\s+|real\s+){0,2}"
)
# A date, a plan, or only "right now": the "no" does not say never.
_NOT_NEVER = re.compile(
    r"\d|\b(?:since|ago|last|recent|recently|this (?:year|month|week)|planned|scheduled|booked|"
    r"next|soon|yet to|now|at the moment|currently|any ?more|anymore|lately|possible|option|can|"
    r"can't|cannot|could|would|should|need|needs|january|february|march|"
    r"april|may|june|july|august|september|october|november|december)\b"
)


@lru_cache(maxsize=1)
def _denial_patterns() -> dict[str, re.Pattern[str]]:
    """fact -> a "no" right before its words, from `volunteered_no` of answer_topics.yaml."""
    raw = load_prompts("answer_topics").get("volunteered_no") or {}
    return {
        str(fact): re.compile(
            _DENIAL + r"(?:" + "|".join(re.escape(str(w)) for w in words) + r")(?![\w-])"
        )
        for fact, words in raw.items()
    }


def _denied_on_the_side(said: str) -> dict[str, FactValue]:
    """Facts a part of the message denies ("no big operation": never; "not breastfeeding": no),
    only in a part about the patient with no date, plan, doubt or "right now"."""
    from trialbot.dialog.clauses import is_hedged_yes_no, topic_words
    from trialbot.eligibility import fact_spec

    words = topic_words()
    found: dict[str, FactValue] = {}
    for part in _PART_SPLIT.split(said):
        if not part or _NOT_NEVER.search(part) or words.relatives.search(part):
            continue
        if is_hedged_yes_no(part) or words.hedges.search(part):
            continue
        for fact, pattern in _denial_patterns().items():
            if pattern.search(part):
                spec = fact_spec(fact)
                found[fact] = NEVER if spec is not None and spec.answer_type == "date" else False
    return found


def _markers_said(said: str) -> dict[str, FactValue]:
    """Tumour marker results a message states ("HER2-negative breast cancer, can I join?",
    `marker_names` of answer_topics.yaml, read by `dialog/markers.py`), only in a part with no
    doubt, question of its own or relative; a marker said two ways says nothing."""
    from trialbot.dialog.clauses import is_hedged_yes_no, topic_words
    from trialbot.dialog.markers import marker_said

    names = load_prompts("answer_topics").get("marker_names") or {}
    found: dict[str, FactValue] = {}
    for part in _PART_SPLIT.split(said):
        if not part or is_hedged_yes_no(part) or topic_words().relatives.search(part):
            continue
        if re.search(r"\b(?:not sure|don't know|dont know|unsure|whether|if)\b", part):
            continue
        for fact in names:
            marker = marker_said(str(fact), part)
            value = marker.value if marker is not None else None
            if value is not None and found.setdefault(str(fact), value) != value:
                found[str(fact)] = UNKNOWN
    return {k: v for k, v in found.items() if v != UNKNOWN}


def names_own_illness(fact_id: str, said: str) -> bool:
    """True when an answer to `fact_id`'s question names one of its own `yes_no_topics`
    illnesses ("hashimoto's", "graves disease, treated" to the autoimmune question) in a part
    with no "not", relative, plan or doubt."""
    from trialbot.dialog.clauses import is_hedged_yes_no, topic_words

    names = (load_prompts("answer_topics").get("yes_no_topics") or {}).get(fact_id) or []
    if not names or is_hedged_yes_no(said):
        return False
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(str(n)) for n in names) + r")\b")
    relatives = topic_words().relatives
    return any(
        pattern.search(part)
        and not _NEGATED_RE.search(part)
        and not relatives.search(part)
        and not FUTURE_RE.search(part)
        for part in _PART_SPLIT.split(said)
    )


def names_other_illness(fact_id: str, said: str) -> bool:
    """True when `said` names a `yes_no_topics` illness other than `fact_id` and not `fact_id`
    itself ("she had hepatitis B years ago" is no answer about HIV)."""
    raw = load_prompts("answer_topics").get("yes_no_topics") or {}
    named = {
        str(fact)
        for fact, names in raw.items()
        if any(re.search(rf"(?<![\w-]){re.escape(str(n))}\b", said) for n in names)
    }
    return bool(named) and fact_id not in named


def names_other_state(fact_id: str, said: str) -> bool:
    """True when `said` names the state of another question (`yes_no_states`: "not pregnant"
    to the breastfeeding question) and not `fact_id`'s own."""
    raw = load_prompts("answer_topics").get("yes_no_states") or {}

    def named(words: list[str]) -> bool:
        return any(re.search(rf"(?<![\w-]){re.escape(str(w))}\b", said) for w in words)

    own = raw.get(fact_id) or {}
    if own and named(list(own.get("words") or [])):
        return False
    return any(
        fact_id in (entry.get("not_for") or []) and named(list(entry.get("words") or []))
        for entry in raw.values()
    )


def _patient_relation(said: str) -> str | None:
    """The relative the message is about ("my son is 8" -> "son"), or None when the relatives it
    names are bystanders ("my husband showed me this", "a transplant from my sister") or the
    person speaks of their own illness ("I'm 45 and my wife is worried")."""
    bystanders = {m[1] or m[2] for m in _BYSTANDER_RE.finditer(said)}
    for match in _RELATION_RE.finditer(said):
        if match[1] not in bystanders:
            return None if _SELF_PATIENT_RE.search(said) else match[1]
    return None


@dataclass(frozen=True)
class _Taking:
    taking: re.Pattern[str]
    not_now: re.Pattern[str]
    facts: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]]  # fact -> words, not_with


def _any_word(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def _taking_words() -> _Taking:
    raw = load_prompts("answer_topics").get("volunteered_taking") or {}
    facts = {}
    for fact, spec in (raw.get("facts") or {}).items():
        not_with = [str(w) for w in spec.get("not_with") or []]
        words = _any_word([str(w) for w in spec.get("words") or []])
        facts[str(fact)] = (words, _any_word(not_with) if not_with else None)
    return _Taking(
        taking=_any_word([str(w) for w in raw.get("taking") or []]),
        not_now=_any_word([str(w) for w in raw.get("not_now") or []]),
        facts=facts,
    )


_TAKING_SPLIT = re.compile(r"\s*(?:[,;!?()]|\.(?!\d)|\band\b|\bbut\b|\bwhile\b|\bthough\b)\s*")


def _taking_now(said: str, patient: str | None) -> tuple[dict[str, FactValue], dict[str, str]]:
    """Medicines a part of the message says the patient takes now (`volunteered_taking`: "I'm
    on warfarin" -> anticoagulant_use yes; "I'm not on blood thinners" -> no), and the parts that
    say so. A part about another time, a plan, a relative, a doubt or a "not sure" says nothing;
    two parts saying yes and no say nothing."""
    from trialbot.dialog.clauses import is_hedged, is_hedged_yes_no, topic_words
    from trialbot.dialog.readers import is_unknown

    data = _taking_words()
    values: dict[str, set[bool]] = {}
    parts: dict[str, str] = {}
    for part in (p.strip() for p in _TAKING_SPLIT.split(said)):
        if not part or not data.taking.search(part) or data.not_now.search(part):
            continue
        if set(topic_words().relatives.findall(part)) - {patient}:
            continue  # "my mum is on warfarin" in a conversation about the person
        if is_unknown(part) or is_hedged(part) or is_hedged_yes_no(part) or FUTURE_RE.search(part):
            continue
        for fact, (words, not_with) in data.facts.items():
            if not words.search(part) or (not_with is not None and not_with.search(part)):
                continue
            values.setdefault(fact, set()).add(not _NEGATED_RE.search(part))
            parts[part] = fact
    found: dict[str, FactValue] = {f: v.pop() for f, v in values.items() if len(v) == 1}
    return found, {p: f for p, f in parts.items() if f in found}


def _drugs_taken(said: str) -> tuple[dict[str, FactValue], dict[str, str]]:
    """prior_<drug> for drugs a part of the message says were taken ("but I did take sorafenib
    last year") or never taken ("he never had apatinib"), and the parts that say so; a drug named
    without a verb of taking ("the mifamurtide study") says nothing."""
    from trialbot.eligibility.drugs import find_drugs

    found: dict[str, FactValue] = {}
    parts: dict[str, str] = {}
    for part in _PART_SPLIT.split(said):
        if not _TOOK_RE.search(part):
            continue
        for position, slug in find_drugs(part):
            if drug_planned(part, position):
                continue  # "she starts anastrozole next month": not had
            found.setdefault(f"prior_{slug}", not _NEGATED_RE.search(part))
            parts.setdefault(part.strip(), f"prior_{slug}")
    return found, parts


@lru_cache(maxsize=1)
def _self_patient() -> re.Pattern[str]:
    """ "I am the patient", "it's for me, not my wife": `self_patient` patterns of
    prompts/answer_topics.yaml."""
    patterns = [str(p) for p in load_prompts("answer_topics").get("self_patient") or []]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


def is_self_patient(text: str) -> bool:
    """True when the person says they are the patient themselves ("I am the patient not my
    wife", "the questions are about me"): the questions are then about "you" again."""
    return bool(_self_patient().search(normalize(text)))


@lru_cache(maxsize=1)
def _diagnosis_details() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`diagnosis_detail_patterns` of prompts/dialog.yaml, right after and right before a
    diagnosis (only spaces between)."""
    raw = [str(p) for p in load_prompts("dialog").get("diagnosis_detail_patterns") or []]
    words = "|".join(f"(?:{p})" for p in raw) or "(?!x)x"
    return re.compile(rf"\s*(?:{words})"), re.compile(rf"(?:{words})\s*$")


def _grown(said: str, start: int, end: int) -> tuple[int, int]:
    """The diagnosis at `start:end` with the details that stand beside it ("just diagnosed with
    colon cancer stage 3 msi-high")."""
    after, before = _diagnosis_details()
    while match := after.match(said, end):
        if match.end() == end:
            break
        end = match.end()
    while match := before.search(said[:start]):
        if match.start() == start:
            break
        start = match.start()
    return start, end


def without_profile(text: str) -> str:
    """The message (normalized) without the words that state who the patient is and what they
    have, as the reader takes them in: the diagnosis with its stage and markers beside it, the
    age, the sex and the markers read ("I have stage 3 colon cancer, could I do this trial?" ->
    "i , could i do this trial?"; "can I join if I take warfarin?" keeps it all)."""
    from trialbot.dialog.clauses import without_heights
    from trialbot.dialog.markers import marker_spans

    said = normalize(text)
    found = read_volunteered(text)
    spans: list[tuple[int, int]] = []
    if found.diagnosis is not None and (match := _DIAGNOSIS_RE.search(said)):
        spans.append(_grown(said, *match.span()))
    if "age_years" in found.facts:
        no_heights = without_heights(said)[0]
        if no_heights == said:  # the spans are those of the message
            spans += [m.span() for pattern in _AGE_RES for m in pattern.finditer(said)]
    if "sex" in found.facts:
        spans += [m.span() for m in (_SELF_RE.search(said), _SELF_SEX_WORD_RE.search(said)) if m]
    for fact in found.facts:
        spans += marker_spans(fact, said)
    if "age_years" in found.facts or "sex" in found.facts:  # "50, male", "49m", "62 f"
        spans += _profile_part_spans(said)
    kept = list(said)
    for start, end in spans:
        kept[start:end] = [" "] * (end - start)
    return "".join(kept)


def _profile_part_spans(said: str) -> list[tuple[int, int]]:
    """Where a message written as a short list gives an age or a sex as a part of its own."""
    spans = []
    position = 0
    for part in _PROFILE_PART_SPLIT.split(said):
        start = said.find(part, position)
        if start < 0:
            continue
        position = start + len(part)
        bare = part.strip(" !?")
        if _AGE_SEX_PART_RE.match(bare) or _AGE_PART_RE.match(bare) or _SEX_PART_RE.match(bare):
            spans.append((start, start + len(part)))
    return spans
