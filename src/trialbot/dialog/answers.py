"""Reads a free-text or button answer to one question into fact values (or says why it cannot)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from trialbot.dialog import readers
from trialbot.dialog.approximate import may_be_approximate, number_hedged
from trialbot.dialog.clauses import (
    Part,
    date_topics,
    denied_thing,
    denies_only_treatment,
    hedged_yes_no,
    is_about,
    is_hedged,
    is_hedged_yes_no,
    is_partial_yes_no,
    none_answers_no,
    one_named_yes,
    other_illnesses,
    partial_words,
    split_parts,
    topic_of,
    topic_words,
    without_heights,
    without_measures,
    yes_no_rules,
)
from trialbot.dialog.dates import read_date, season_date, season_said
from trialbot.dialog.kinds import kinds_of, named_kind, only_other_kind
from trialbot.dialog.markers import marker_said
from trialbot.dialog.numbers import find_numbers
from trialbot.dialog.other_units import in_other_unit, only_quantity, rounded
from trialbot.dialog.volunteered import (
    FUTURE_RE,
    drug_planned,
    names_other_illness,
    names_other_state,
    names_own_illness,
)
from trialbot.domain.facts import NEVER, UNKNOWN, FactSpec, FactValue
from trialbot.prompts import load_prompts

Problem = Literal[
    "unreadable",
    "out_of_range",
    "future_date",
    "needs_date",
    "off_topic",
    "a_height",
    "a_measure",
    "a_range",
    "other_kind",
    "negates_other",
    "question_unclear",
    "remark_not_answer",
    "start_not_last",
]

_BORN_RE = re.compile(r"\bborn\b")
_AGO = re.compile(r"\bago\b")
_NOT_TESTED = re.compile(r"\b(?:never|not)\s+(?:been\s+)?(?:tested|checked)\b")
# "..., but yes if she needed to", "..., but no.": a yes or no that stands alone after "but";
# "yes chemo, but no big operation" denies the operation only.
_BUT_YES_NO = re.compile(
    r"\bbut\s+(yes|yeah|yep|sure|no)\b"
    r"(?=\s*(?:$|[,.!;]|(?:if|i|he|she|they|we|would|will|of course|definitely)\b))"
)
_STARTS_NO = re.compile(r"^(?:no+|nope|nah|never)\b")
_STARTS_YES_NO = re.compile(r"^(?:no+|nope|nah|never|yes+|yeah|yep|yup)\b")
_PERSON_AGE = re.compile(r"\b(?:i am|i'm|im|is|he's|she's)\s+(\d{1,3})\b")
_WILL_BE = (
    r"^(?:(?:i|she|he|they|we)(?:'ll| will) be |(?:(?:i|she|he|they|we|i'm|she's|he's) )?"
    r"(?:will be |turns? |is turning |turning ))"
)
_TURNING = re.compile(_WILL_BE + r"?(\d{1,3})\s+(?:next|in|on|this|soon|at the end)\b")
_TURNING_SAID = re.compile(_WILL_BE)
# The same inside a longer message ("I am asking for my grandson, he has colon cancer, he turns
# 18 next month"): an age to come said with its number.
_TURNING_INSIDE = re.compile(
    r"\b(?:(?:i|she|he|they|we)(?:'ll| will) be|turns?|is turning|turning|will be)\s+(\d{1,3})"
    r"(\s+(?:next|in|on|this|soon|at the end)\b)?"
)
# "14 weeks pregnant", "6 months along": how far a pregnancy is, never an age.
_PREGNANCY_LENGTH = re.compile(
    r"\b\d{1,2}\s*(?:weeks?|wks?|months?)\s+(?:pregnant|along|gestation)\b"
)
# "I am 29", "he's 17": the person's age said plainly, not "is 3 months old" nor "is 60 kg".
_PLAIN_AGE = re.compile(
    r"\b(?:i am|i'm|im|is|he's|she's)\s+(\d{1,3})\b"
    r"(?!\s*(?:months?|weeks?|days?|mo|wks?|%|kg|cm|lbs?|pounds|ft|foot|feet|stone|st|mmhg)\b)"
    r"(?![\d.,/])"
)


@dataclass
class Reading:
    """What an answer says: facts to record, or the problem that stopped the reading."""

    facts: dict[str, FactValue] = field(default_factory=dict)
    problem: Problem | None = None
    also: dict[str, FactValue] = field(default_factory=dict)  # other facts the answer states
    doubtful: bool = False  # said with doubt ("probably not"): read back before it counts
    note: str | None = None  # a dialog text key said when the reading is recorded
    said_as: dict[str, str] = field(default_factory=dict)  # converted: {"weight_kg": "150 lb"}
    kind_asked: bool = False  # an item of the class, not named: its kind is asked first
    approximate: bool = False  # an estimate or a memory ("480 i think", "last spring")
    hedged_yes: bool = False  # a yes said with doubt ("i think so"): never a yes that excludes

    @property
    def ok(self) -> bool:
        """True when at least one fact was read."""
        return bool(self.facts) and self.problem is None


def _failed(problem: Problem = "unreadable") -> Reading:
    return Reading(problem=problem)


def read_answer(
    spec: FactSpec,
    text: str,
    today: dt.date,
    specs: Mapping[str, FactSpec] | None = None,
) -> Reading:
    """Read `text` as the answer to the question for `spec`."""
    said = readers.normalize(text)
    if not said:
        return _failed()
    if said != UNKNOWN and _not_understood().search(said):
        return _failed("question_unclear")  # "I'm not sure what you mean": asked again
    if said != UNKNOWN:
        rest = _without_remarks(said)
        if not rest:
            return _failed("remark_not_answer")  # "she's at work": no answer, no "no"
        said = rest
    if said == UNKNOWN or readers.is_unknown(said):
        return Reading({spec.id: UNKNOWN})
    if _NOT_TESTED.search(said):
        return Reading({spec.id: UNKNOWN})
    if _declines().search(said):  # "prefer not to say" is no "no": not known, for the team
        return Reading({spec.id: UNKNOWN}, note="declined")
    kind = named_kind(spec.id, said)
    if kind == "outside" and spec.answer_type == "date" and only_other_kind(spec.id, said):
        return Reading({spec.id: NEVER}, note="only_other_kind")  # "just the flu jab": none
    if kind == "outside" and not _STARTS_NO.match(said):
        return _failed("other_kind")  # "Shingrix 2 weeks ago" sets no live-vaccine date
    reading = _read_by_type(spec, said, today, specs)
    value = reading.facts.get(spec.id)
    if reading.ok and value != UNKNOWN and may_be_approximate(spec) and number_hedged(said):
        reading.approximate = True  # "480 i think", "about 480?": never rules out by itself
    if reading.ok and kind == "both":
        reading.doubtful = True  # "a flu jab last week and MMR in May": read back first
    elif reading.ok and kind == "unnamed" and value not in (NEVER, UNKNOWN, False):
        entry = kinds_of(spec.id)
        reading.kind_asked = entry is not None and entry.kind_question is not None
    return reading


@lru_cache(maxsize=1)
def _not_understood() -> re.Pattern[str]:
    """`question_not_understood` of prompts/answer_topics.yaml: the question was not followed."""
    patterns = load_prompts("answer_topics").get("question_not_understood") or []
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


@lru_cache(maxsize=1)
def _remarks() -> re.Pattern[str]:
    """`remarks_not_answers` of prompts/answer_topics.yaml ("she's at work", "I'll ask her")."""
    patterns = load_prompts("answer_topics").get("remarks_not_answers") or []
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


_REMARK_SPLIT = re.compile(r"\s*(?:[,;!]|\.(?!\d)|\bbut\b)\s*")


def _without_remarks(said: str) -> str:
    """`said` without its parts that are remarks rather than answers ("she's not here right
    now", "ask the doctor"); the whole text when it has none."""
    parts = [p for p in _REMARK_SPLIT.split(said) if p.strip(" .")]
    kept = [p for p in parts if not _remarks().fullmatch(p.strip(" .?"))]
    if len(kept) == len(parts):
        return said
    return ", ".join(kept)


def _read_by_type(
    spec: FactSpec, said: str, today: dt.date, specs: Mapping[str, FactSpec] | None
) -> Reading:
    if spec.answer_type == "yes_no":
        return _read_yes_no_answer(spec, said)
    if spec.answer_type == "choice":
        if any(re.search(p, said) for p in yes_no_rules(spec.id).get("means_unsure", [])):
            # "scans clear but PSA rising": no remission; for the study team
            return Reading({spec.id: UNKNOWN}, note="marker_left_to_team")
        marker = marker_said(spec.id, said)
        if marker is not None:  # "ER+ PR+ HER2-": the asked marker's own result, or nothing
            known = {c.value for c in spec.choices}
            if marker.value in known:
                return Reading({spec.id: marker.value})
            return _failed()
        bare = _BARE_CHOICE.fullmatch(said)
        if bare:  # "2", "2.", "(2)": the number alone
            said = bare[1]
        choice = readers.read_choice(said, spec.choices)
        if choice is None:  # "ecog one": a level named by its scale; "femal": a typo
            choice = _scale_level(spec, said) or readers.fuzzy_choice(said, spec.choices)
            return Reading({spec.id: choice}, doubtful=True) if choice else _failed()
        # A bare number names no option the person saw (they are shown by their words): it is
        # read back before it counts, never taken as said.
        return Reading({spec.id: choice}, doubtful=bare is not None)
    if spec.answer_type == "date":
        return _read_date_answer(spec, said, today)
    return _read_number_answer(spec, said, today, specs or {})


_BARE_CHOICE = re.compile(r"[#(]?\s*([0-9]{1,3})\s*[.):]?")


@lru_cache(maxsize=1)
def _declines() -> re.Pattern[str]:
    """A refusal to answer ("prefer not to say", "none of your business"): `declines_patterns`
    in prompts/dialog.yaml."""
    patterns = [str(p) for p in load_prompts("dialog").get("declines_patterns") or []]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!x)x")


@lru_cache(maxsize=1)
def _scales() -> dict[str, re.Pattern[str]]:
    """fact -> the answer naming a level by its scale ("ecog 1", "ECOG one", "PS: 2"), from
    `scale_names` in prompts/answer_topics.yaml."""
    raw = load_prompts("answer_topics").get("scale_names") or {}
    found = {}
    for fact_id, names in raw.items():
        alternatives = "|".join(re.escape(str(n).lower()) for n in sorted(names, key=len)[::-1])
        found[str(fact_id)] = re.compile(
            rf"(?:(?:i'?m|i am|she'?s|he'?s|she is|he is|it'?s|it is|my|her|his|an?)\s+)?"
            rf"(?:{alternatives})(?:\s*(?:score|level|grade|status|of|is|was|=|:|-))*\s*"
            r"([0-9]|zero|one|two|three|four|five)"
        )
    return found


_LEVEL_WORDS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}


def _scale_level(spec: FactSpec, said: str) -> str | None:
    """The choice a level named by its scale gives ("ecog one" -> "1"), when it is a choice's
    value; None otherwise (the whole answer must be the scale and the level)."""
    pattern = _scales().get(spec.id)
    match = pattern.fullmatch(said.strip(" .!")) if pattern is not None else None
    if match is None:
        return None
    level = _LEVEL_WORDS.get(match[1], match[1])
    return level if any(c.value == level for c in spec.choices) else None


def _read_yes_no_answer(spec: FactSpec, said: str) -> Reading:
    """Yes / no, unless the answer is about something else ("vaccinated against it")."""
    rules = yes_no_rules(spec.id)
    if is_partial_yes_no(said):  # "i think so but ... maybe not every visit": for the team
        return Reading({spec.id: UNKNOWN}, note="partial_left_to_team")
    planned = _planned_drugs(spec.id, said)
    if planned:  # "she starts anastrozole next month": not had yet (and a yes said before undone)
        facts: dict[str, FactValue] = {spec.id: False}
        facts.update({f"prior_{slug}": False for slug in planned})
        return Reading(facts, doubtful=not _STARTS_NO.match(said))
    but_value = _but_clause_value(said)
    if but_value is not None:
        return Reading({spec.id: but_value})
    if any(re.search(p, said) for p in rules.get("means_no", [])):
        return Reading({spec.id: False})
    if any(re.search(p, said) for p in rules.get("means_yes_said", [])):
        return Reading({spec.id: True}, doubtful=True)  # "not now, but she's still on letrozole"
    if any(re.search(p, said) for p in rules.get("means_no_said", [])):
        return Reading({spec.id: False}, doubtful=True)  # "a couple of beers at weekends"
    if any(re.search(p, said) for p in rules.get("means_unsure", [])):
        # "no, but we are trying"; a fact may have its own note ("levothyroxine": thyroid
        # hormone replacement, which study rules often allow)
        note = next(iter(rules.get("means_unsure_note") or []), "left_to_team")
        return Reading({spec.id: UNKNOWN}, note=note)
    if _denies_other(spec, said, rules):
        return _failed("negates_other")  # "no treatment yet" to the birth control question
    starts_no = bool(_STARTS_NO.match(said))
    if names_other_illness(spec.id, said):
        return _failed("off_topic")  # "she had hepatitis B years ago" to the HIV question
    if not _STARTS_YES_NO.match(said) and names_other_state(spec.id, said):
        return _failed("off_topic")  # "not pregnant" to the breastfeeding question
    if not starts_no and any(re.search(p, said) for p in rules.get("past_means_unsure", [])):
        return Reading({spec.id: UNKNOWN}, note="past_left_to_team")  # "yes, but it was cured"
    if any(re.search(p, said) for p in rules.get("not_an_answer", [])):
        return _failed("off_topic")
    if not starts_no and any(re.search(p, said) for p in rules.get("not_an_answer_unless_no", [])):
        return _failed("off_topic")
    unless_named = rules.get("not_an_answer_unless_named", [])
    if unless_named and any(re.search(p, said) for p in unless_named):
        topic = topic_of(spec.id)
        if not starts_no and (topic is None or not topic.search(said)):
            return _failed("off_topic")
    named = rules.get("yes_when_one_named", [])
    if named and one_named_yes(said, named, FUTURE_RE):
        return Reading({spec.id: True})  # "she had chemo but no radiation"
    if not starts_no and spec.id in other_illnesses().facts and denies_only_treatment(said):
        # "hepatitis C, not treated yet": the illness is said, only its treatment denied
        return Reading({spec.id: True}, doubtful=True)
    if starts_no and _names_topic_after_no(spec, said):
        # "no, I had latent TB treated years ago": the topic in another form, for the team
        return Reading({spec.id: UNKNOWN}, note="left_to_team")
    hedged = hedged_yes_no(said)
    if hedged is False and not none_answers_no(spec.question):
        # "probably not" to "Would you be able to come to all the visits?": the team decides
        return Reading({spec.id: UNKNOWN}, note="partial_left_to_team")
    if hedged is not None:  # "maybe yes", "I doubt it"
        return Reading({spec.id: hedged}, doubtful=True, hedged_yes=hedged is True)
    if _names_member_drug(spec.id, said):  # "casodex for a month, none of the others"
        return Reading({spec.id: True}, doubtful=True)
    if not starts_no and names_own_illness(spec.id, said):
        return Reading({spec.id: True}, doubtful=True)  # "hashimoto's": read back first
    value = readers.read_yes_no(said)
    if value is None:
        return _by_answer_words(spec, said, rules)
    if value is True and readers.yes_only_affirmed(said) and not _about_question(spec, said, rules):
        return _failed("off_topic")  # "she's fine, she walks every day" to the pregnancy question
    hedged_value = isinstance(value, bool) and is_hedged_yes_no(said)
    if hedged_value and value is False and not none_answers_no(spec.question):
        return Reading({spec.id: UNKNOWN}, note="partial_left_to_team")  # "maybe we can't"
    return Reading(
        {spec.id: value}, doubtful=hedged_value, hedged_yes=hedged_value and value is True
    )


_NONE_ALONE = re.compile(r"(?:none|nothing)(?:\s+at\s+all)?[\s.!]*")


def _denies_other(spec: FactSpec, said: str, rules: Mapping[str, list[str]]) -> bool:
    """True when the answer's "no" is said of something the question is not about ("no
    treatment yet", "no pain" to the birth control question), or is a "none" to a question of
    ability or willingness ("Would you be able to come to all the study visits?")."""
    if _NONE_ALONE.fullmatch(said.strip()):
        return not none_answers_no(spec.question)
    thing = denied_thing(said)
    if thing is None:
        return False
    topic = topic_of(spec.id)
    if topic is not None and topic.search(said):
        return False
    named = [spec.question, spec.help or "", _fact_label(spec.id), spec.id.replace("_", " ")]
    about = " ".join([*named, *rules.get("answer_yes", []), *rules.get("answer_no", [])])
    return not is_about(thing, readers.normalize(about))


_WORD = re.compile(r"[^\W\d_][\w']*")


@lru_cache(maxsize=1)
def _affirm_fillers() -> frozenset[str]:
    """Words that name nothing beside an affirming phrase (`affirm_fillers` and
    `no_continuations` of prompts/answer_topics.yaml)."""
    listed = load_prompts("answer_topics").get("affirm_fillers") or []
    return frozenset(str(w).lower() for w in listed) | partial_words().continuations


def _content_words(text: str) -> list[str]:
    skip = _affirm_fillers()
    return [w for w in _WORD.findall(text) if w not in skip and len(w) > 1]


def _names_question_topic(spec: FactSpec, text: str, rules: Mapping[str, list[str]]) -> bool:
    """True when `text` names what the question for `spec` is about: its topic words, or a word
    of its question, help, label or answer words (a short word only as it is)."""
    topic = topic_of(spec.id)
    if topic is not None and topic.search(text):
        return True
    own = (load_prompts("answer_topics").get("yes_no_topics") or {}).get(spec.id) or []
    named = [spec.question, spec.help or "", _fact_label(spec.id), spec.id.replace("_", " ")]
    about = " ".join([*named, *rules.get("answer_yes", []), *rules.get("answer_no", [])])
    about = readers.normalize(" ".join([about, *(str(n) for n in own)]))
    about_words = set(_content_words(about))
    return any(
        word in about_words if len(word) < 4 else is_about(word, " ".join(about_words))
        for word in _content_words(text)
    )


def _about_question(spec: FactSpec, said: str, rules: Mapping[str, list[str]]) -> bool:
    """True when a yes read only from an affirming phrase answers the question: the sentence
    says nothing else ("she is", "I have, twice") or names the question's topic. "she's fine,
    she walks every day" to the pregnancy question answers nothing."""
    if not _content_words(said):
        return True
    return _names_question_topic(spec, said, rules)


def _names_topic_after_no(spec: FactSpec, said: str) -> bool:
    """True when a leading "no" is followed by a part that names the question's own topic as
    had, with no "not", relative, other event, plan or "fine" ("no, I had latent TB treated
    years ago" to the ever-had-TB question, "no, he had a bit of pneumonitis once but it
    cleared"): the topic in another form, neither a plain yes nor a plain no."""
    names = _topic_names(spec.id)
    if names is None:
        return False
    well = _well_words()
    return any(
        not part.negated
        and not part.aside
        and not FUTURE_RE.search(part.text)
        and not well.search(part.text)
        and names.search(part.text)
        for part in split_parts(said, spec.id, ())[1:]
    )


@lru_cache(maxsize=512)
def _topic_names(fact_id: str) -> re.Pattern[str] | None:
    """The words that name the fact's own topic: its topic words, `yes_no_topics` names and
    the words of its label that are no `generic_label_words`."""
    data = load_prompts("answer_topics")
    generic = {str(w) for w in data.get("generic_label_words") or []} | _affirm_fillers()
    own = [str(n) for n in (data.get("yes_no_topics") or {}).get(fact_id) or []]
    label = [w for w in _WORD.findall(readers.normalize(_fact_label(fact_id))) if w not in generic]
    patterns = [re.escape(w) for w in [*own, *label] if len(w) > 1]
    topic = topic_of(fact_id)
    if topic is not None:
        patterns.append(topic.pattern)
    if not patterns:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _well_words() -> re.Pattern[str]:
    words = load_prompts("answer_topics").get("topic_well_words") or []
    return re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in words) + r")\b")


def _fact_label(fact_id: str) -> str:
    from trialbot.eligibility.vocabulary import fact_labels

    return fact_labels().get(fact_id, "")


_PART_CUT = re.compile(r"[,.;!?]|\bbut\b|\band\b")
_NOT = re.compile(r"\b(?:no|not|never|none|nor)\b|n't\b")


def _names_member_drug(fact_id: str, said: str) -> bool:
    """True when an answer to a drug class's question names a drug of that class as had, in a
    part with no "not" ("only bicalutamide, not the others" to the androgen receptor inhibitor
    question): the drug answers the class, whatever is said of the others."""
    from trialbot.eligibility.drugs import DRUG_CLASSES, find_drugs

    drug_class = DRUG_CLASSES.get(fact_id.removeprefix("prior_"))
    if drug_class is None or not fact_id.startswith("prior_"):
        return False
    for part in _PART_CUT.split(said):
        named = {
            slug
            for position, slug in find_drugs(part)
            if slug in drug_class.members and not drug_planned(part, position)
        }
        if named and not _NOT.search(part):
            return True
    return False


def _planned_drugs(fact_id: str, said: str) -> list[str]:
    """The drugs an answer to a question about a drug or a drug class names only as a plan
    ("she starts anastrozole next month", "switching to anastrozole"), when it names none of
    them as had: not had yet. Empty otherwise."""
    from trialbot.eligibility.drugs import DRUG_CLASSES, find_drugs

    if not fact_id.startswith("prior_"):
        return []
    slug = fact_id.removeprefix("prior_")
    drug_class = DRUG_CLASSES.get(slug)
    members = set(drug_class.members) if drug_class is not None else {slug}
    planned: list[str] = []
    had = False
    for part in re.split(r"[,.;!?]|\bbut\b", said):
        for position, found in find_drugs(part):
            if found not in members:
                continue
            if drug_planned(part, position):
                planned.append(found)
            else:
                had = True
    return [] if had else planned


def _by_answer_words(spec: FactSpec, said: str, rules: Mapping[str, list[str]]) -> Reading:
    """A yes or no said by naming the state (`answer_yes` / `answer_no` of the fact in
    prompts/answer_topics.yaml: "postmenopausal" to the menopause question is a yes): the whole
    answer is one of the words; a typo of one ("postmenapausal") is read back first."""
    words = {"yes": rules.get("answer_yes", []), "no": rules.get("answer_no", [])}
    plain = said.strip(" .!,")
    for key, listed in words.items():
        if plain in (readers.normalize(w) for w in listed):
            return Reading({spec.id: key == "yes"})
    close = readers.closest_word(said, words)
    return Reading({spec.id: close == "yes"}, doubtful=True) if close else _failed()


def _but_clause_value(said: str) -> bool | None:
    """ "not sexually active, but yes if she needed to": the yes/no after "but" decides."""
    match = _BUT_YES_NO.search(said)
    if not match:
        return None
    return match[1] in ("yes", "yeah", "yep", "sure")


def _read_date_answer(spec: FactSpec, said: str, today: dt.date) -> Reading:
    if said == NEVER:
        return Reading({spec.id: NEVER})
    if spec.id.startswith("last_"):
        going_on = ongoing_said(said)
        if going_on is not None:  # "been on keytruda since march": the last dose is now
            return Reading({spec.id: today.isoformat()}, doubtful=True, said_as={spec.id: going_on})
        if start_only(said):  # "he started chemo in march": when it began, not the last time
            return _failed("start_not_last")
    # "the durvalumab in April, nothing since": the "nothing since" is no never
    said = _date_words()["date_none_since"].sub("", said).strip(" ,;.-") or said
    parts = split_parts(said, spec.id, date_topics())
    if len(parts) > 1 or any(p.others or p.aside for p in parts):
        return _date_from_parts(spec, parts, today)
    if is_hedged(said, spec.id) and read_date(said, today) is not None:
        return _failed("off_topic")
    found = read_date(said, today)
    if found is not None:
        if found > today:
            return _failed("future_date")
        return _dated(spec, said, found, today)
    yes_no = readers.read_yes_no(said)
    if yes_no is False:
        return Reading({spec.id: NEVER})
    if yes_no is True:
        return _failed("needs_date")
    return _failed()


@lru_cache(maxsize=1)
def _date_words() -> dict[str, re.Pattern[str]]:
    """`date_ongoing`, `date_start_only` and `date_last_said` of prompts/answer_topics.yaml."""
    raw = load_prompts("answer_topics")
    return {
        key: re.compile("|".join(f"(?:{p})" for p in raw.get(key) or []) or r"(?!x)x")
        for key in ("date_ongoing", "date_start_only", "date_last_said", "date_none_since")
    }


_DATE_PART_SPLIT = re.compile(r"\s*(?:[,;]|\.(?!\d)|\bbut\b)\s*")


def ongoing_said(said: str) -> str | None:
    """The words saying a treatment or event goes on now ("he's been on keytruda and chemo
    since march", "still having chemo"), in a part with no "not" and no date of a last time
    ("still on it, last dose 2 weeks ago" dates the last dose); None when none does."""
    words = _date_words()
    if words["date_last_said"].search(said):
        return None
    for part in _DATE_PART_SPLIT.split(said):
        match = words["date_ongoing"].search(part)
        if match is not None and not re.search(r"\b(?:not|no|never|none|nothing)\b|n't\b", part):
            return re.sub(r"^(?:'s|'re|'m|s|is|are|am)\s+", "", match[0].strip())
    return None


def start_only(said: str) -> bool:
    """True when the answer dates only when something started ("he started chemo in march"),
    not when it last happened, and says it neither goes on nor ended."""
    words = _date_words()
    return bool(words["date_start_only"].search(said)) and not words["date_last_said"].search(said)


def _date_from_parts(spec: FactSpec, parts: list[Part], today: dt.date) -> Reading:
    """A date (or never) for the asked fact from the parts about it; dates of others aside."""
    never = any(p.negated and (p.asked or not p.others) and not p.aside for p in parts)
    dated: list[tuple[Part, dt.date]] = []
    also: dict[str, FactValue] = {}
    for part in parts:
        found = read_date(part.text, today)
        if found is None or found > today:
            continue
        if part.asked or not (part.others or part.aside):
            dated.append((part, found))
        elif len(part.others) == 1 and not part.aside and not part.negated:
            other = part.others[0]
            if other in topic_words().volunteered:
                also[other] = found.isoformat()
    if dated and (never or any(is_hedged(p.text, spec.id) or p.negated for p, _ in dated)):
        return _failed("off_topic")  # "never ... last week": it is not clear which one holds
    if any(is_hedged(p.text, spec.id) for p in parts) and not never:
        return _failed("off_topic")
    if len(dated) == 1:
        reading = _dated(spec, dated[0][0].text, dated[0][1], today)
        reading.also = also
        return reading
    if len(dated) > 1:
        latest = max(found for _, found in dated)
        return Reading({spec.id: latest.isoformat()}, also=also)
    if never:
        return Reading({spec.id: NEVER}, also=also)
    return _failed("off_topic" if also else "unreadable")


def _dated(spec: FactSpec, said: str, found: dt.date, today: dt.date) -> Reading:
    """The date read; a season ("last spring") is about three months wide: read back with the
    words used, and kept as approximate (it never rules anyone out by itself)."""
    reading = Reading({spec.id: found.isoformat()})
    season = season_said(said)
    if season is not None and season_date(said, today) == found:
        reading.doubtful = reading.approximate = True
        reading.said_as = {spec.id: season}
    return reading


def _age_from_birth(said: str, today: dt.date) -> float | None:
    """Age in years from "born in 1990" or "born 2012-05-01"."""
    if not _BORN_RE.search(said):
        return None
    found = read_date(said, today)
    if found is None or found > today:
        return None
    years = today.year - found.year - ((today.month, today.day) < (found.month, found.day))
    return float(years)


def _read_number_answer(
    spec: FactSpec, said: str, today: dt.date, specs: Mapping[str, FactSpec]
) -> Reading:
    if spec.unit and spec.unit.lower() == "mmhg":
        pressure = readers.read_blood_pressure(said)
        if pressure is not None:
            return _blood_pressure_reading(spec, pressure, specs)
    converted = in_other_unit(said, spec.unit)
    if converted:  # "150 lbs" to the weight question: 68 kg, read back as "68 kg (150 lb)"
        one = only_quantity(said, converted)
        if one is None:
            return _failed()  # "150 or 160 lbs", "40, 150 lbs": which one is not clear
        kept = rounded(one.value)
        if not readers.number_in_range(spec, kept):
            return _failed("out_of_range")
        return Reading({spec.id: kept}, doubtful=True, said_as={spec.id: one.said})
    said, height = without_heights(said)  # "I'm 5 foot 6" is no age 5
    said, measure = without_measures(said, spec.unit)  # nor is "60 kg" an age 60
    value: float | None = None
    if spec.id == "age_years":
        if len(set(_PERSON_AGE.findall(said))) > 1:
            return _failed()  # "I am 29 and my son is 4": whose age is asked is not clear
        said = _PREGNANCY_LENGTH.sub(" ", said)  # "I am 29 and 14 weeks pregnant": 29
        value = _age_from_birth(said, today)
        plain = {m[1] for m in _PLAIN_AGE.finditer(said)}
        if value is None and len(plain) == 1 and len(find_numbers(said)) > 1:
            value = float(plain.pop())  # "I am 29 and had covid in 2022": the age said plainly
        if value is None and _AGO.search(said):
            return _failed()  # "3 weeks ago" is when something happened, not an age
        turning = _TURNING.search(said)
        if turning is None and _TURNING_SAID.search(said):
            return _failed()  # "she'll be 2 soon-ish": an age to come, not the age now
        if turning is None and value is None and (inside := _TURNING_INSIDE.search(said)):
            if not inside[2]:
                return _failed()  # "..., he will be 18": when is not said
            value = float(inside[1]) - 1  # "..., he turns 18 next month": 17 now
        if value is None and turning:
            value = float(turning[1]) - 1  # "18 next month": 17 now
    if value is None and _range(said):
        return _failed("a_range")  # "between 40 and 50", "45 or 46": which one is not said
    if value is None:
        value = readers.read_number(said, spec.unit)
    if value is None and height:
        return _failed("a_height")  # a height only: not kept, said so, asked again
    if value is None and measure:
        return _failed("a_measure")  # "60 mmHg", "60%" to the age: not kept, said so
    if value is None:
        # "Do you know your QTc? ..." answered "no": the number is not known (never for age).
        dont_know = not spec.knockout and readers.read_yes_no(said) is False
        return Reading({spec.id: UNKNOWN}) if dont_know else _failed()
    if not readers.number_in_range(spec, value):
        return _failed("out_of_range")
    return Reading({spec.id: readers.as_fact_number(value)})


_RANGE_WORDS = re.compile(r"\s*(?:-|\u2013|\u2014|to|or|and|till|until)\s*")


def _range(said: str) -> bool:
    """True for two different numbers said as a range or as alternatives ("between 40 and 50",
    "40-50", "45 or 46", "forty to fifty"): no one number is the answer."""
    numbers = find_numbers(said)
    for first, second in pairwise(numbers):
        between = said[first.end : second.start]
        joined = _RANGE_WORDS.fullmatch(between)
        if joined is None or first.value == second.value:
            continue
        if "and" not in between or re.search(r"\bbetween\s*$", said[: first.start]):
            return True
    return False


def _blood_pressure_reading(
    spec: FactSpec, pressure: tuple[int, int], specs: Mapping[str, FactSpec]
) -> Reading:
    """Both numbers of "150/95": the one asked, and its companion fact when there is one."""
    systolic, diastolic = pressure
    facts: dict[str, FactValue] = {}
    asked_diastolic = "diastolic" in spec.id
    facts[spec.id] = diastolic if asked_diastolic else systolic
    companion_word = "systolic" if asked_diastolic else "diastolic"
    for other in specs.values():
        if other.id != spec.id and companion_word in other.id and other.answer_type == "number":
            facts[other.id] = systolic if asked_diastolic else diastolic
            break
    if not readers.number_in_range(spec, float(facts[spec.id])):
        return _failed("out_of_range")
    return Reading(facts)
