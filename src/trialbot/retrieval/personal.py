"""Personal eligibility questions: the criterion that speaks to the person's own situation.

"my dad's stroke was from a burst brain aneurysm, is he eligible?", "My triglycerides were 620.
Can I join?", "Is she a candidate?". Every criterion of the trial is scored against the words of
the person's situation, the glossary widening both sides: the question's lay words to the words
criteria use ("salmon" -> "fish"), and each criterion's jargon to plain words ("subarachnoid
haemorrhage" -> "bleeding around the brain"). Rarer words weigh more ("cancer" in every rule of a
cancer trial tells little), and so do words some rule uses; the trial's own conditions weigh
less (every participant has had a stroke). A glossary phrase counts half, and only when the rule
holds all its words. The answer quotes the best rule plainly, cites it and says the study
team decides; it never says Yes or No from it. A question naming no situation at all ("Is she a
candidate?") is answered with who the trial is for, from the record. Words live in
prompts/answers.yaml (`personal`)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval.glossary import Glossary
from trialbot.retrieval.hybrid import Query
from trialbot.retrieval.mirror import Passage, PassageMirror
from trialbot.retrieval.plain import short_sentences, window
from trialbot.retrieval.record import ages_text
from trialbot.retrieval.structured import Part
from trialbot.retrieval.text import terms

RULE_WORDS = 40  # the quoted rule is cut to the clauses around its answering part
MAX_CONDITIONS = 5  # conditions named when telling whom the trial is for
MIN_RULE_WORDS = 3  # a quoted rule says at least this many words
MIN_SHARE = 0.15  # rarity-weighted share of the situation a rule must hold
MIN_DENSE = 0.25  # ... and at least this close in meaning
DENSE_WEIGHT = 0.5  # how much closeness in meaning adds to the shared words
MIN_SCORE = 0.42  # share + DENSE_WEIGHT * closeness a rule must reach to be quoted
_NUMBER = re.compile(r"^\d")
_OWNER = frozenset({"my", "our"})  # "my dad" is about the dad, not the asker
UNUSED_WEIGHT = 0.5  # a situation word no rule uses weighs this share of the rarest one
SYNONYM_HIT = 0.5  # a rule holding only a glossary word for a situation word
TRIAL_WORD = 0.25  # the trial's own conditions tell little of whom a rule keeps out
MAX_EXTRA = 3  # letters a longer form of a word may add ("clear" is not "clearance")


@dataclass(frozen=True)
class PersonalWords:
    """The words of prompts/answers.yaml `personal`, read once."""

    asking: frozenset[str]  # stems that ask to join and say nothing of the situation
    candidate: re.Pattern[str]  # "is she a candidate?", "can you check if she qualifies"
    persons: Mapping[str, frozenset[str]]  # pronoun -> words naming that person
    texts: Mapping[str, str]


def load_personal(wording: Mapping[str, Any]) -> PersonalWords | None:
    """The `personal` block of the answer wording; None when it is missing."""
    block = wording.get("personal")
    if not isinstance(block, Mapping):
        return None
    asking = frozenset(t for w in block.get("asking") or [] for t in terms(str(w)))
    candidate = re.compile("|".join(str(p) for p in block.get("candidate") or ["(?!)"]), re.I)
    persons = {
        str(k): frozenset(str(w).lower() for w in v)
        for k, v in (block.get("persons") or {}).items()
    }
    texts = {str(k): str(v) for k, v in (block.get("texts") or {}).items()}
    return PersonalWords(asking, candidate, persons, texts)


def pronoun(question: str, words: PersonalWords) -> str:
    """Whom the question is about, as an object pronoun ("him", "her", "you")."""
    present = set(re.findall(r"[a-z]+", question.lower()))
    if present & (words.persons.get("you", frozenset()) - _OWNER):
        return "you"  # "can I join? my husband says ..." is about the asker
    found = [p for p, names in words.persons.items() if p != "you" and present & names]
    return found[0] if len(found) == 1 else "you"  # "my husband": him


def situation(query: Query, words: PersonalWords) -> list[str]:
    """The stems of the person's situation: the question's words without those asking to join,
    without numbers and without the words naming the person."""
    persons = frozenset(w for names in words.persons.values() for w in names)
    return [
        t
        for t in query.terms
        if t not in words.asking and t not in persons and not _NUMBER.match(t)
    ]


@dataclass(frozen=True)
class Match:
    """A criterion and how well it speaks to the person's situation."""

    passage: Passage
    share: float
    dense: float

    @property
    def score(self) -> float:
        return self.share + DENSE_WEIGHT * self.dense


def _present(passage: Passage, glossary: Glossary) -> set[str]:
    """The criterion's stems and those of its plain rewording (the glossary, doc -> lay)."""
    return set(terms(passage.text)) | set(terms(glossary.plain(passage.text)))


def _same_word(present: set[str], term: str) -> bool:
    """The stem itself, or one longer or shorter by a few letters ("haemorrhag"/"hemorrhagic")."""
    if term in present:
        return True
    return len(term) >= 5 and any(
        (p.startswith(term) or term.startswith(p)) and abs(len(p) - len(term)) <= MAX_EXTRA
        for p in present
        if len(p) >= 5
    )


def _holds(present: set[str], term: str, synonyms: Sequence[frozenset[str]]) -> float:
    """1 when the rule holds the situation word, SYNONYM_HIT when only a glossary phrase for it
    (every word of the phrase)."""
    if _same_word(present, term):
        return 1.0
    return SYNONYM_HIT if any(phrase and phrase <= present for phrase in synonyms) else 0.0


def _phrases(query: Query, wanted: Sequence[str], glossary: Glossary) -> dict[str, list]:
    """Each situation word's glossary phrases, as stem sets."""
    found: dict[str, list[frozenset[str]]] = {t: [] for t in wanted}
    for key, phrases in glossary.phrase_groups(query.text):
        for term in key & set(wanted):
            found[term] += phrases
    return found


def best_rule(
    query: Query,
    mirror: PassageMirror,
    trial: Trial,
    glossary: Glossary,
    words: PersonalWords,
) -> Match | None:
    """The criterion of the trial that best speaks to the situation the question tells of, or
    None when no criterion shares enough of it."""
    wanted = situation(query, words)
    if not wanted:
        return None
    rows = mirror.rows_for([trial.id])
    if rows is None or len(rows) == 0:
        return None
    rules = [(int(r), mirror.passages[int(r)]) for r in rows]
    rules = [(r, p) for r, p in rules if p.section == "eligibility"]
    if not rules:
        return None
    present = [_present(p, glossary) for _, p in rules]
    synonyms = _phrases(query, wanted, glossary)
    weight = {}
    own = frozenset(t for c in trial.conditions for t in terms(c))
    for term in wanted:
        df = sum(_holds(s, term, synonyms[term]) > 0 for s in present)
        rarity = math.log(1.0 + len(rules) / (1.0 + df))
        # a word no rule uses ("breast" of "I had breast cancer") says less of which rule
        # applies than one a rule uses
        weight[term] = (rarity if df else UNUSED_WEIGHT * rarity) * (
            TRIAL_WORD if term in own else 1.0
        )
    total = sum(weight.values()) or 1.0
    vectors = mirror.vectors[[r for r, _ in rules]]
    dense = vectors @ query.vector.astype(np.float32)
    best: Match | None = None
    for (_, passage), stems, closeness in zip(rules, present, dense, strict=True):
        shared = sum(weight[t] * _holds(stems, t, synonyms[t]) for t in wanted)
        if not shared:
            continue
        match = Match(passage, shared / total, float(closeness))
        if best is None or match.score > best.score:
            best = match
    if best is None or best.share < MIN_SHARE or best.dense < MIN_DENSE or best.score < MIN_SCORE:
        return None
    return best


def rule_part(
    trial: Trial,
    match: Match,
    query: Query,
    glossary: Glossary,
    words: PersonalWords,
) -> Part | None:
    """The plain answer quoting the matched rule: who it keeps out or whom the trial is for;
    None when what would be quoted is too short to say anything."""
    text = match.passage.text
    label, _, body = text.partition(": ")
    exclusion = label.startswith("Who cannot")
    topic = frozenset(situation(query, words))
    # a rule's opening names what it keeps out and the rest gives examples ("You have had a
    # blood clot ... within the last 6 months. This includes ... deep vein thrombosis (a blood
    # clot ...)"): when the opening already names the whole situation, the quote grows from it
    shown = window(body.strip(), query, topic, False, RULE_WORDS, head=True)
    shown = short_sentences(shown).rstrip(" .")
    if len(re.findall(r"\w+", shown)) < MIN_RULE_WORDS:
        return None  # a stray piece of a long rule says nothing by itself
    key = "exclusion" if exclusion else "inclusion"
    said = words.texts[key].format(person=pronoun(query.text, words), rule=glossary.plain(shown))
    cite = Citation(trial_id=trial.id, section="eligibility", text=text)
    return Part(trial, said, [cite])


def candidate_part(trial: Trial, question: str, words: PersonalWords) -> Part:
    """'Is she a candidate?': who the trial is for, from the record, and that the screening
    questions check each rule."""
    conditions = "; ".join(trial.conditions[:MAX_CONDITIONS])
    ages = ages_text(trial)
    said = words.texts["candidate"].format(
        conditions=conditions or trial.title, ages=ages, person=pronoun(question, words)
    )
    cites = [Citation(trial_id=trial.id, section="eligibility", text=ages)]
    if trial.conditions:
        cites.append(
            Citation(
                trial_id=trial.id,
                section="conditions",
                text="Conditions studied: " + "; ".join(trial.conditions) + ".",
            )
        )
    return Part(trial, said, cites)


def asks_candidate(question: str, words: PersonalWords) -> bool:
    """True for a request to check the person as a whole ("Is she a candidate?")."""
    return bool(words.candidate.search(question))


def personal_parts(
    query: Query,
    mirror: PassageMirror,
    focus: Sequence[Trial],
    glossary: Glossary,
    words: PersonalWords,
) -> list[Part]:
    """One part per trial in focus whose rules speak to the person's situation; for a bare
    request to check the person, who each trial is for."""
    if not situation(query, words):
        if asks_candidate(query.text, words):
            return [candidate_part(t, query.text, words) for t in focus]
        return []
    parts = []
    for trial in focus:
        match = best_rule(query, mirror, trial, glossary, words)
        part = rule_part(trial, match, query, glossary, words) if match is not None else None
        if part is not None:
            parts.append(part)
    if not parts and asks_candidate(query.text, words):
        # "my wife's cancer came back, is this for someone like her?" and no rule speaks to it:
        # whom the trial is for
        return [candidate_part(t, query.text, words) for t in focus]
    return parts
