"""Personal eligibility questions: the criterion that speaks to the person's own situation.

"my dad's stroke was from a burst brain aneurysm, is he eligible?", "My triglycerides were 620.
Can I join?", "Is she a candidate?". Every criterion of the trial is scored against the words of
the person's situation, the glossary widening both sides: the question's lay words to the words
criteria use ("salmon" -> "fish"), and each criterion's jargon to plain words ("subarachnoid
haemorrhage" -> "bleeding around the brain"). Rarer words weigh more ("cancer" in every rule of a
cancer trial tells little), and so do words some rule uses; the trial's own population (its
conditions and the population words of its title, or a lay word for them: "spread" of a trial
for advanced cancer) weighs less (every participant has had a stroke). A glossary phrase counts
half, and only when the rule holds all its words. An exclusion naming an exception the
situation meets ("I take prednisone 10 mg a day" under "corticosteroids at doses not to exceed
20 mg/day") quotes that exception as allowing it; an exclusion holding what the best inclusion
leaves out (the person's own illness) is said first. The answer quotes the best rule
plainly, cites it and says the study team decides; it never says Yes or No from it. A
question naming no situation at all ("Is she a candidate?") is answered with who the trial is
for, from the record. Words live in prompts/answers.yaml (`personal`)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval.allowed import over_limit, split_exceptions
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
# "... iii.": a list mark left dangling; never the number of a limit ("PS > 2.", "Grade 1.")
_LIST_MARK_END = re.compile(
    r"(?<![<>≤≥=])(?<![Gg]rade)(?<![Ss]tage)(?<![Cc]lass)(?<!PS)(?<!ECOG)(?<![Tt]ype)"
    r"(?<![Ll]evel)(?<![Pp]hase)\s+(?:[ivx]{1,5}|[a-h]|\d{1,2})[.)]\s*(?:…\s*)?$"
)
_OWNER = frozenset({"my", "our"})  # "my dad" is about the dad, not the asker
UNUSED_WEIGHT = 0.5  # a situation word no rule uses weighs this share of the rarest one
SYNONYM_HIT = 0.5  # a rule holding only a glossary word for a situation word
TRIAL_WORD = 0.25  # the trial's own conditions tell little of whom a rule keeps out
ALSO_SHARE = 0.5  # share of what the best inclusion leaves out an exclusion must hold
MAX_EXTRA = 3  # letters a longer form of a word may add ("clear" is not "clearance")
OPENING_WORDS = 15  # a rule's opening at most this long is quoted before the piece that matches
# a rule's sentences, semicolon parts and list items ("i. ", "3) ", a new line)
_PIECE = re.compile(
    r"(?<=[.;])\s+(?=[A-Z(])|\n\s*[-*•]?\s*|(?<=\s)(?:[ivx]{1,5}|[a-h]|\d{1,2})[.)]\s+(?=[A-Z])"
)


@dataclass(frozen=True)
class PersonalWords:
    """The words of prompts/answers.yaml `personal`, read once."""

    asking: frozenset[str]  # stems that ask to join and say nothing of the situation
    candidate: re.Pattern[str]  # "is she a candidate?", "can you check if she qualifies"
    persons: Mapping[str, frozenset[str]]  # pronoun -> words naming that person
    texts: Mapping[str, str]
    not_population: frozenset[str] = frozenset()  # title stems naming no population ("therapy")
    population: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "advanced" -> spread
    leading: tuple[str, ...] = ()  # words opening a rule's exceptions ("with the exception of")
    trailing: tuple[str, ...] = ()  # words closing a sentence that is one ("... are allowed")
    # stems that say nothing of which exception fits ("treated" under "except adequately treated
    # basal cell skin cancer" for a thyroid cancer that was treated)
    unspecific: frozenset[str] = frozenset()


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
    not_population = frozenset(t for w in block.get("not_population") or [] for t in terms(str(w)))
    population = {
        stem_: frozenset(t for w in lay for t in terms(str(w)))
        for key, lay in (block.get("population") or {}).items()
        for stem_ in terms(str(key))
    }
    exceptions = block.get("exceptions") or {}
    return PersonalWords(
        asking,
        candidate,
        persons,
        texts,
        not_population,
        population,
        tuple(str(w) for w in exceptions.get("leading") or []),
        tuple(str(w) for w in exceptions.get("trailing") or []),
        frozenset(t for w in exceptions.get("unspecific") or [] for t in terms(str(w))),
    )


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
    offered = trial_thing(query.text)
    return [
        t
        for t in query.terms
        if t not in words.asking and t not in persons and not _NUMBER.match(t) and t not in offered
    ]


# "can I have this surgery in the study?": the thing the trial offers, not the person's situation
_TRIAL_THING = re.compile(
    r"\b(have|get|try|do|receive) (this|the|that) ([\w-]+) (in|through|as part of|within|from) "
    r"(the|this) (study|trial)\b",
    re.I,
)


# "can i start the trial now?": starting is the asking, not a part of the situation
_STARTING = re.compile(
    r"\b(can|could|may|when can|when could) (i|he|she|we|they) (start|begin) (the|this|it)\b", re.I
)


def trial_thing(question: str) -> frozenset[str]:
    """The stems of what a question asks to have from the trial ("this surgery") or to start."""
    found = {t for m in _TRIAL_THING.finditer(question) for t in terms(m.group(3))}
    found |= {t for m in _STARTING.finditer(question) for t in terms(m.group(3))}
    return frozenset(found)


@dataclass(frozen=True)
class Match:
    """A criterion and how well it speaks to the person's situation."""

    passage: Passage
    share: float
    dense: float
    # what each situation word weighs and its glossary phrases, to score parts of the rule
    weight: Mapping[str, float] = field(default_factory=dict, compare=False)
    synonyms: Mapping[str, Sequence[frozenset[str]]] = field(default_factory=dict, compare=False)

    def hits(self, glossary: Glossary) -> dict[str, float]:
        """How fully the rule holds each situation word (1, SYNONYM_HIT or 0)."""
        stems = _present(self.passage, glossary)
        return {t: _holds(stems, t, self.synonyms.get(t, ())) for t in self.weight}

    def part_hits(self, text: str, glossary: Glossary) -> dict[str, float]:
        """How fully a part of the rule holds each situation word."""
        stems = set(terms(text)) | set(terms(glossary.plain(text)))
        return {t: _holds(stems, t, self.synonyms.get(t, ())) for t in self.weight}

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
    """1 when the rule holds the situation word or a glossary phrase of several words for it,
    SYNONYM_HIT when only a one-word glossary phrase for it."""
    if _same_word(present, term):
        return 1.0
    held = [phrase for phrase in synonyms if phrase and phrase <= present]
    if any(len(phrase) > 1 for phrase in held):
        # a rule holding a whole phrase of the rules' words ("myocardial infarction" for "heart
        # attack") says it as fully as the lay words would; one loose word ("cardiac") does not
        return 1.0
    return SYNONYM_HIT if held else 0.0


def _phrases(query: Query, wanted: Sequence[str], glossary: Glossary) -> dict[str, list]:
    """Each situation word's glossary phrases, as stem sets."""
    found: dict[str, list[frozenset[str]]] = {t: [] for t in wanted}
    for key, phrases in glossary.phrase_groups(query.text):
        for term in key & set(wanted):
            found[term] += phrases
    return found


def own_words(trial: Trial, words: PersonalWords) -> frozenset[str]:
    """The stems naming whom the whole trial is for: its conditions and the population words of
    its titles ("Advanced" of "Advanced Breast Cancer"), without the names of what it gives (a
    drug taken before is the person's own history, not the trial's population) and words naming
    no one ("therapy"), with the lay words for them ("advanced" -> "spread")."""
    given = {t for i in trial.interventions for t in terms(i.name)}
    titles = {t for text in (trial.title, trial.official_title or "") for t in terms(text)}
    # of the title, only the population words themselves ("advanced", "metastatic"): its other
    # words ("Early Stage", "Opioid Use") may be the very thing a rule tells apart
    titles &= words.population.keys()
    titles -= given | words.not_population
    own = {t for c in trial.conditions for t in terms(c)} | titles
    lay = {t for word in own for t in words.population.get(word, ())}
    return frozenset(own | lay)


def rule_matches(
    query: Query,
    mirror: PassageMirror,
    trial: Trial,
    glossary: Glossary,
    words: PersonalWords,
) -> list[Match]:
    """Every criterion of the trial holding some word of the person's situation, scored."""
    wanted = situation(query, words)
    if not wanted:
        return []
    rows = mirror.rows_for([trial.id])
    if rows is None or len(rows) == 0:
        return []
    rules = [(int(r), mirror.passages[int(r)]) for r in rows]
    rules = [(r, p) for r, p in rules if p.section == "eligibility"]
    if not rules:
        return []
    present = [_present(p, glossary) for _, p in rules]
    synonyms = _phrases(query, wanted, glossary)
    weight = {}
    own = own_words(trial, words)
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
    matches = []
    for (_, passage), stems, closeness in zip(rules, present, dense, strict=True):
        shared = sum(weight[t] * _holds(stems, t, synonyms[t]) for t in wanted)
        if shared:
            matches.append(Match(passage, shared / total, float(closeness), weight, synonyms))
    return matches


def _chosen(matches: Sequence[Match]) -> Match | None:
    """The best-scoring rule of those close enough in meaning to the question (a rule sharing
    only words, far in meaning, gives way to the next one), or None."""
    close = [m for m in matches if m.dense >= MIN_DENSE]
    best = max(close, key=lambda m: m.score, default=None)
    if best is None or best.share < MIN_SHARE or best.dense < MIN_DENSE or best.score < MIN_SCORE:
        return None
    return best


def best_rule(
    query: Query,
    mirror: PassageMirror,
    trial: Trial,
    glossary: Glossary,
    words: PersonalWords,
) -> Match | None:
    """The criterion of the trial that best speaks to the situation the question tells of, or
    None when no criterion shares enough of it."""
    return _chosen(rule_matches(query, mirror, trial, glossary, words))


def _is_exclusion(match: Match) -> bool:
    return match.passage.text.startswith("Who cannot")


def excluding_too(matches: Sequence[Match], best: Match, glossary: Glossary) -> Match | None:
    """When the best rule says whom the trial is for, an exclusion holding the part of the
    situation that rule leaves out ("my husband has glioblastoma with MTAP deletion": the
    MTAP rule and "Known primary CNS malignancy"); None when there is none."""
    if _is_exclusion(best):
        return None
    held = best.hits(glossary)
    left = {t: w for t, w in best.weight.items() if not held.get(t)}
    total = sum(left.values())
    if not total:
        return None
    found = []
    for match in matches:
        if not _is_exclusion(match) or match.dense < MIN_DENSE:
            continue
        hits = match.hits(glossary)
        share = sum(w * hits.get(t, 0.0) for t, w in left.items()) / total
        if share >= ALSO_SHARE:
            found.append((share, match.score, match))
    return max(found, key=lambda f: f[:2])[2] if found else None


def _held(text: str, match: Match, glossary: Glossary) -> float:
    """The weight of the situation words a piece of the rule holds."""
    return sum(match.weight[t] * hit for t, hit in match.part_hits(text, glossary).items())


def _holding_piece(body: str, match: Match, query: Query, glossary: Glossary) -> str:
    """A long rule cut to the sentence or list item holding the most of the situation (the
    "Warfarin" of "... Full anticoagulation is defined as Warfarin, ..."), after the rule's
    opening when that is short, "…" where words were left out."""
    pieces = [p.strip() for p in _PIECE.split(body) if p and p.strip(" .;:,\n")]
    place = max(range(len(pieces)), key=lambda i: (_held(pieces[i], match, glossary), -i))
    piece = pieces[place]
    if len(piece.split()) > RULE_WORDS:
        piece = window(piece, query, frozenset(match.weight), False, RULE_WORDS)
    if place == 0:
        return piece
    opening = pieces[0].rstrip(" .;:,")
    if len(opening.split()) + len(piece.split()) > RULE_WORDS + OPENING_WORDS or (
        len(opening.split()) > OPENING_WORDS
    ):
        return piece if piece.startswith("…") else f"… {piece}"
    gap = " " if place == 1 else " … "
    return f"{opening}.{gap}{piece.lstrip('… ')}"


def shown_rule(
    match: Match, query: Query, words: PersonalWords, glossary: Glossary | None = None
) -> str | None:
    """The part of the matched rule to quote, or None when it is too short to say anything."""
    _, _, body = match.passage.text.partition(": ")
    topic = frozenset(situation(query, words))
    # a rule's opening names what it keeps out and the rest gives examples ("You have had a
    # blood clot ... within the last 6 months. This includes ... deep vein thrombosis (a blood
    # clot ...)"): when the opening already names the whole situation, the quote grows from it
    shown = window(body.strip(), query, topic, False, RULE_WORDS, head=True)
    if glossary is not None and _held(shown, match, glossary) < _held(body, match, glossary):
        # the cut left out words of the situation the rule holds: quote where they are
        shown = _holding_piece(body.strip(), match, query, glossary)
    shown = _LIST_MARK_END.sub("", short_sentences(shown)).rstrip(" .")
    said = len(re.findall(r"\w+", shown))
    whole = shown == body.strip().rstrip(" .")  # "Incarcerated individuals": a short rule
    if said < MIN_RULE_WORDS and not (whole and said):
        return None  # a stray piece of a long rule says nothing by itself
    return shown


def rule_part(
    trial: Trial,
    match: Match,
    query: Query,
    glossary: Glossary,
    words: PersonalWords,
) -> Part | None:
    """The plain answer quoting the matched rule: who it keeps out or whom the trial is for;
    None when what would be quoted is too short to say anything."""
    exclusion = _is_exclusion(match)
    if exclusion:
        allowed = exception_part(trial, match, query, glossary, words)
        if allowed is not None:
            return allowed
    shown = shown_rule(match, query, words, glossary)
    if shown is None:
        return None
    key = "exclusion" if exclusion else "inclusion"
    said = words.texts[key].format(person=pronoun(query.text, words), rule=glossary.plain(shown))
    cite = Citation(trial_id=trial.id, section="eligibility", text=match.passage.text)
    return Part(trial, said, [cite])


def exception_part(
    trial: Trial,
    match: Match,
    query: Query,
    glossary: Glossary,
    words: PersonalWords,
) -> Part | None:
    """For an exclusion naming exceptions, the answer when the person's situation meets one of
    them more than the rule's opening ("I take prednisone 10 mg a day" under "... exceptions: ii.
    corticosteroids at doses not to exceed 20 mg/day"): the exception quoted whole, said to allow
    it, or, when the person's amount is over the limit it sets, the rule and that limit quoted.
    None when no exception speaks to the situation more than the rule does."""
    text = match.passage.text
    _, _, body = text.partition(": ")
    found = split_exceptions(body, words.leading, words.trailing)
    if found is None:
        return None
    # only words the rule's opening does not hold, even by a glossary word, speak for an
    # exception: "bowel cancer" meets "malignancy" before it meets "except treated skin cancer"
    kept = match.part_hits(found.head, glossary)
    own = [t for t, hit in kept.items() if not hit and t not in words.unspecific]
    scored = []
    for place, item in enumerate(found.items):
        hits = match.part_hits(item, glossary)
        scored.append((sum(match.weight[t] * hits[t] for t in own), -place, item))
    best, place, item = max(scored)
    if best <= 0 or best < sum(match.weight[t] * hit for t, hit in kept.items()):
        return None
    head = window(found.head, query, frozenset(), False, RULE_WORDS // 2).rstrip(" .")
    skipped = "… " if place < 0 else ""
    if not found.intro:
        quote = f"{head}. {item}"
    elif found.intro.endswith(":"):
        quote = f"{head}. {found.intro} {skipped}{item}"
    else:  # "... with the exception of alopecia"
        quote = f"{head} {found.intro} {skipped}{item}"
    over = over_limit(item, query.text)
    key = "exclusion" if over else "exception"
    said = words.texts[key].format(
        person=pronoun(query.text, words), rule=glossary.plain(quote.rstrip(" ."))
    )
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
        matches = rule_matches(query, mirror, trial, glossary, words)
        match = _chosen(matches)
        part = rule_part(trial, match, query, glossary, words) if match is not None else None
        if part is None or match is None:
            continue
        other = excluding_too(matches, match, glossary)
        first = rule_part(trial, other, query, glossary, words) if other is not None else None
        also = shown_rule(match, query, words, glossary)
        if first is not None and also is not None:
            # the exclusion speaking to the person's own condition first, then whom the trial
            # is for
            extra = words.texts["also_inclusion"].format(rule=glossary.plain(also))
            part = Part(trial, f"{first.text} {extra}", first.citations + part.citations)
        parts.append(part)
    if not parts and asks_candidate(query.text, words):
        # "my wife's cancer came back, is this for someone like her?" and no rule speaks to it:
        # whom the trial is for
        return [candidate_part(t, query.text, words) for t in focus]
    return parts
