"""The trials a question names, so that it is answered from them only.

A question names a trial by its id (an NCT number, an EU CT number), by a distinctive protocol
code or by the acronym of its title ("the Lung-MAP study"), or by a drug or code name the trial
gives ("how is APG-115 taken?": the drug's code name from the title or summary, "Alrizomadlin
(APG-115)"). "how is amivantamab given in NCT06116682?" is about NCT06116682 whatever other
trials are in scope, and its answer must cite that trial.

The words that name no one trial (salts, "chemotherapy", "placebo", tests and scans) and the
title words that are no study name are data: answers.yaml `naming_generic_words`,
`not_study_names` and `not_medicines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from trialbot.domain.trial import Intervention, Trial
from trialbot.prompts import load_prompts
from trialbot.retrieval.intents import eligibility_cue

# NCT06116682, 2023-501234-12-00 (EU CT number), 2004-000123-45 (EudraCT number)
TRIAL_ID = re.compile(r"(?<![\w-])(NCT\d{8}|\d{4}-\d{6}-\d{2}(?:-\d{2})?)(?![\w-])", re.I)
# a drug's code name as records write it: "APG-115", "ABBV-400", "BAY 2927088", "AZD9291"
CODE_NAME = re.compile(r"(?<![\w-])([A-Z]{2,6}[- ]?\d{3,8}[A-Za-z]?)(?![\w-])")
# an acronym in a title: a word with two or more capitals ("LUNG-MAP", "iSMART-D", "EMBARC")
_ACRONYM = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)(?![\w-])")
_TITLE_HEAD = re.compile(r"^([^:]{3,40}):\s")
_PARENTHESES = re.compile(r"\(([^()]{2,60})\)")
_STUDY_WORD = r"(?:\s+(?:[\w-]+\s+){0,2}(?:study|studies|trial|trials|sub-?study|protocol))"
# an id with the words that only point at it: "in NCT06116682", "for the trial NCT06116682"
_ID_WITH_PREPOSITION = r"\s*,?\s*\b(?:in|for|of|on|from|about|with|to|under)\s+(?:the\s+|this\s+)?"
_ID_AFTER_STUDY_WORD = r"(?<=\b(?:study|trial))\s+"
_SHORT_ACRONYM = 6  # shorter acronyms without a hyphen or digit name a study only beside "study"
_CACHE_LIMIT = 20_000


@dataclass(frozen=True)
class _Names:
    """What names one trial: exact codes, title acronyms and its drugs' names (patterns)."""

    codes: frozenset[str]  # lower-case id and distinctive protocol code
    acronyms: tuple[str, ...]  # lower-case
    drugs: tuple[str, ...]  # lower-case names, code names and aliases of its drugs


@dataclass(frozen=True)
class Named:
    """The trials a question names and how: `exact` for an id or protocol code."""

    trials: list[Trial]
    exact: bool
    ids: list[str]  # the ids the question writes, registered or not


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    data = load_prompts("answers") or {}
    generic = frozenset(str(w).lower() for w in data.get("naming_generic_words") or [])
    not_names = frozenset(str(w).lower() for w in data.get("not_study_names") or [])
    not_medicines = tuple(str(w).lower() for w in data.get("not_medicines") or [])
    return generic, not_names, not_medicines


_CACHE: dict[tuple[str, str, str, tuple[str, ...]], _Names] = {}


def _names(trial: Trial) -> _Names:
    key = (trial.id, trial.title, trial.summary[:200], tuple(i.name for i in trial.interventions))
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[key] = _Names(_codes(trial), _acronyms(trial), drug_names(trial))
    return found


def _codes(trial: Trial) -> frozenset[str]:
    codes = {trial.id.lower()}
    own = (trial.protocol_code or "").strip()
    if _distinctive(own):
        codes.add(own.lower())
    return frozenset(codes)


def _distinctive(code: str) -> bool:
    """A protocol code no ordinary text holds: five or more characters mixing digits with
    letters or separators ("PBC011", "2021-003398-79"), or a word-like code of five or more
    letters ("DRAGONFLY"); not "18", "00002" or "ABP"."""
    if len(code) < 5 or " " in code:
        return False
    if code.isalpha():
        return code.isupper()
    return any(c.isdigit() for c in code) and not code.isdigit()


def _acronyms(trial: Trial) -> tuple[str, ...]:
    """Acronym-like words of the title's head ("HEM iSMART-D: ...") or brackets ("(LUNG-MAP
    SUB-STUDY)"): two or more capitals, four or more letters, no word of `not_study_names`."""
    _, not_names, _ = _words()
    found: list[str] = []
    for title in (trial.title, trial.official_title or ""):
        spans = [m.group(1) for m in _PARENTHESES.finditer(title)]
        head = _TITLE_HEAD.match(title)
        if head:
            spans.append(head.group(1))
        for span in spans:
            for word in _ACRONYM.findall(span):
                letters = [c for c in word if c.isalpha()]
                capitals = sum(c.isupper() for c in word)
                if capitals < 2 or len(letters) < 4 or word.lower() in not_names:
                    continue
                if CODE_NAME.fullmatch(word):
                    continue  # a drug's code name: read with the drugs
                if word.lower() not in found:
                    found.append(word.lower())
    return tuple(found)


def drug_names(trial: Trial) -> tuple[str, ...]:
    """The names a question may give the trial's drugs (see `item_names`)."""
    names: list[str] = []
    for item in trial.interventions:
        names += [n for n in item_names(trial, item) if n not in names]
    return tuple(names)


def item_names(trial: Trial, item: Intervention) -> list[str]:
    """The names a question may give one of the trial's drugs: its name, its first word, the
    part in its brackets ("Itraconazole (ITZ)"), the code names beside it in the titles and
    summary ("Alrizomadlin (APG-115)", "APG-115 (alrizomadlin)") and, for a trial of one drug,
    the code names in its titles ("A Study of BAY 2927088 ..."). Tests, scans and generic words
    name none."""
    generic, _, not_medicines = _words()
    lowered = item.name.lower()
    if any(w in lowered for w in not_medicines):
        return []
    names: list[str] = []

    def add(name: str) -> None:
        name = " ".join(name.lower().split()).strip(" .,;:-")
        chunks = re.findall(r"[a-z0-9]+", name)
        if not chunks or all(c in generic for c in chunks) or name in names:
            return
        coded = bool(CODE_NAME.fullmatch(name.upper()))
        if len(chunks) == 1 and not coded and not (name.isalpha() and len(name) >= 3):
            return
        names.append(name)

    bare = " ".join(_PARENTHESES.sub(" ", item.name).split())
    several = len(re.findall(r"[a-z0-9]+", bare.lower())) > 1
    if several or len(bare) >= 5 or CODE_NAME.fullmatch(bare):
        add(bare)
    for inside in _PARENTHESES.findall(item.name):
        if len(inside.strip()) >= 3 and " " not in inside.strip():
            add(inside)
    words = re.findall(r"[A-Za-z][A-Za-z0-9-]*", bare)
    if len(words) > 1 and len(words[0]) >= 5 and words[0].lower() not in generic:
        add(words[0])
    for code in CODE_NAME.findall(item.name):
        add(code)
    if not names:
        return names
    texts = [trial.title, trial.official_title or "", trial.summary, trial.description]
    name = re.escape(bare).replace(r"\ ", r"\s+")
    beside = re.compile(
        rf"(?<![\w-]){name}\s*\(([^()]{{2,40}})\)|([\w-]+(?:\s\d+)?)\s*\({name}\)", re.I
    )
    for text in texts:
        for after, before in beside.findall(text or ""):
            alias = (after or before).strip()
            if CODE_NAME.fullmatch(alias) or (alias.isalpha() and len(alias) >= 5):
                add(alias)
    drugs = [i for i in trial.interventions if not any(w in i.name.lower() for w in not_medicines)]
    if len(drugs) == 1:
        for title in (trial.title, trial.official_title or ""):
            for code in CODE_NAME.findall(title):
                add(code)
    return names


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str]:
    """A name as a question may write it: any case, hyphens and spaces alike or left out
    between its parts ("APG-115", "apg 115", "APG115")."""
    chunks = re.findall(r"[a-z0-9]+", name.lower())
    body = r"[\s-]*".join(re.escape(c) for c in chunks)
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])", re.I)


def ids_in(question: str) -> list[str]:
    """The trial ids a question writes ("NCT06116682", "2023-501234-12-00"), upper case."""
    return list(dict.fromkeys(m.upper() for m in TRIAL_ID.findall(question)))


def named_trials(
    question: str, trials: Sequence[Trial], catalogue: Sequence[Trial] | None = None
) -> Named | None:
    """The trials among `trials` a question names, or None when it names none.

    An id or distinctive protocol code names its trial; else an acronym of a title that no
    other trial of the catalogue shares ("Lung-MAP"; a short one only beside "study" or
    "trial": "the NSCLC study"); else, unless the question asks about a rule for joining ("I
    had enzalutamide, can I join?" asks every trial), a drug or code name the trials give."""
    lowered = question.lower()
    ids = ids_in(question)
    exact = [t for t in trials if any(_code_in(c, lowered) for c in _names(t).codes)]
    if exact:
        return Named(exact, True, ids)
    if ids:
        return Named([], True, ids)  # an id of a trial not in scope: named, but not here
    everyone = catalogue if catalogue is not None else trials
    by_acronym = [t for t in trials if any(_acronym_in(a, lowered) for a in _names(t).acronyms)]
    if by_acronym:
        shared = {a for t in by_acronym for a in _names(t).acronyms if _acronym_in(a, lowered)}
        owners = [t for t in everyone if shared & set(_names(t).acronyms)]
        if len(owners) == 1:
            return Named(by_acronym, False, ids)
    if eligibility_cue(question):
        return None
    by_drug = [t for t in trials if drugs_in(question, t)]
    return Named(by_drug, False, ids) if by_drug else None


# a code name as a question writes it: "APG-115", "apg-115", "BAY 2927088", "AZD9291"
_ASKED_CODE = re.compile(
    r"(?<![\w-])([A-Za-z]{2,6}-\d{3,8}[A-Za-z]?|[A-Z]{2,6} ?\d{3,8}[A-Za-z]?)(?![\w-])"
)


def codes_asked(question: str, trials: Sequence[Trial]) -> list[str]:
    """The drug code names a question writes ("how is BAY 2927088 given?") that none of the
    trials gives; ids are no code names."""
    found = [c for c in _ASKED_CODE.findall(question) if not TRIAL_ID.fullmatch(c)]
    given = [n for t in trials for n in _names(t).drugs]
    return [c for c in found if not any(name_pattern(c).fullmatch(n) for n in given)]


def drugs_in(question: str, trial: Trial) -> list[str]:
    """The names of the trial's drugs the question uses, longest first."""
    found = [n for n in _names(trial).drugs if name_pattern(n).search(question)]
    return sorted(found, key=len, reverse=True)


def _code_in(code: str, lowered: str) -> bool:
    if code not in lowered:  # cheap test first: most trials are not named
        return False
    return re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", lowered) is not None


def _acronym_in(acronym: str, lowered: str) -> bool:
    if acronym.replace("-", "") not in lowered.replace("-", "").replace(" ", ""):
        return False
    found = name_pattern(acronym).search(lowered)
    if found is None:
        return False
    if len(acronym) >= _SHORT_ACRONYM or re.search(r"[-\d]", acronym):
        return True
    return re.match(_STUDY_WORD, lowered[found.end() :]) is not None


def without_ids(question: str) -> str:
    """The question without the trial ids it writes, which say which trial and nothing of what
    is asked: "how is ABBV-400 given in NCT06084481?" -> "how is ABBV-400 given?", "does
    NCT05422911 use a placebo?" -> "does the trial use a placebo?"."""
    if not TRIAL_ID.search(question):
        return question
    ident = TRIAL_ID.pattern
    pointing = _ID_WITH_PREPOSITION + r"(?:(?:study|trial)\s+)?" + ident
    text = re.sub(pointing, "", question, flags=re.I)
    text = re.sub(_ID_AFTER_STUDY_WORD + ident, "", text, flags=re.I)
    text = re.sub(r"(?:\bthe\s+)?" + ident, "the trial", text, flags=re.I)
    return re.sub(r"\s+([,.?!])", r"\1", text).strip()


def without_drugs(question: str, trials: Sequence[Trial]) -> str:
    """The question with the trials' drug names it uses said as "it" ("how do you take APG-115
    alrizomadlin?" -> "how do you take it?"), to tell what kind of question it is."""
    names = sorted({n for t in trials for n in drugs_in(question, t)}, key=len, reverse=True)
    text = question
    for name in names:
        text = name_pattern(name).sub(" it ", text)
    text = re.sub(r"\b(?:the\s+)?it(?:\s+it\b)+", "it", text)
    text = re.sub(r"\b(the|a|an)\s+it\b", "it", text)
    return re.sub(r"\s+([,.?!])", r"\1", " ".join(text.split()))
