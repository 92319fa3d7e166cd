"""Offline answer composer: picks the sentences of retrieved passages that answer the question."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval.hybrid import Hit, Query
from trialbot.retrieval.intents import answers_shape
from trialbot.retrieval.mirror import Passage
from trialbot.retrieval.structured import Part
from trialbot.retrieval.text import split_sentences, stem, terms, words

# Calibrated on the QA set in tests/retrieval (see the report there): a passage answers when
# cosine + COVERAGE_WEIGHT * topic-word coverage reaches THRESHOLD.
COVERAGE_WEIGHT = 0.4
THRESHOLD = 0.5
ANSWER_HINT = 0.1  # the passage holds the kind of words the answer needs ("every", "weeks")
DENSE_ALONE = 0.6  # without any topic word in the passage, the cosine alone must reach this
TRIAL_MARGIN = 0.12  # a second trial is answered too when its best passage is this close
MAX_TRIALS = 3
MAX_WORDS = 90
SHORT_PASSAGE = 45  # words; shorter passages are quoted whole
WHOLE_CRITERION = 90  # criteria up to this length are quoted whole (sentences belong together)
_CUE = re.compile(
    r"^(?:\s+[\w/-]+){0,2}?\s*(?:\(|[–-]\s|,?\s*(?:which|meaning|means|that is|i\.e\.|refers|"
    r"describes|is a|is an|is the|are|occurs|is when|happens)\b|,\s*(?:an?|the)\s+[\w-]+)",
    re.I,
)


@dataclass(frozen=True)
class Scored:
    """A passage hit with its relevance (what the threshold is applied to)."""

    hit: Hit
    relevance: float


def relevance(hit: Hit, boosts: Mapping[str, float] | None = None) -> float:
    """How well a passage answers the question (dense cosine lifted by topic-word coverage)."""
    boost = (boosts or {}).get(hit.passage.section, 0.0)
    hint = ANSWER_HINT if hit.answer_hint else 0.0
    return hit.dense + COVERAGE_WEIGHT * hit.coverage + boost + hint


def answering_trials(
    hits: Sequence[Hit], boosts: Mapping[str, float] | None = None
) -> dict[str, list[Scored]]:
    """Trials whose passages pass the threshold, best first, each with its good passages."""
    by_trial: dict[str, list[Scored]] = {}
    for hit in hits:
        by_trial.setdefault(hit.passage.trial_id, []).append(Scored(hit, relevance(hit, boosts)))
    wanted = {section for section, boost in (boosts or {}).items() if boost > 0}
    best = {
        tid: max(
            (
                s.relevance
                for s in scored
                if _grounded(s.hit) or (s.hit.answer_hint and s.hit.passage.section in wanted)
            ),
            default=0.0,
        )
        for tid, scored in by_trial.items()
    }
    top = max(best.values(), default=0.0)
    keep = [
        tid
        for tid in sorted(best, key=lambda t: -best[t])
        if best[tid] >= THRESHOLD and best[tid] >= top - TRIAL_MARGIN
    ][:MAX_TRIALS]
    return {
        tid: sorted(
            (s for s in by_trial[tid] if s.relevance >= THRESHOLD - TRIAL_MARGIN),
            key=lambda s: -s.relevance,
        )[:3]
        for tid in keep
    }


def _grounded(hit: Hit) -> bool:
    """A passage shares a topic word with the question, or is very close in meaning."""
    return hit.coverage > 0 or hit.dense >= DENSE_ALONE


def _sentence_score(sentence: str, query: Query) -> float:
    present = set(terms(sentence))
    return sum(weight for term, weight in query.weights.items() if term in present)


_RULE_LABELS = ("Who can join: ", "Who cannot join: ")  # how a criterion's passage opens
TOPIC_BONUS = 0.5  # a sentence sharing the question's topic beats one sharing only its drug
ANSWER_WORDS = 60  # an answer's own text stays about this short


def pick_sentences(
    query: Query,
    scored: Sequence[Scored],
    topic: frozenset[str] = frozenset(),
    required: frozenset[str] | None = None,
) -> tuple[str, list[Passage]]:
    """The sentences that answer best (with the passages they come from); sentences on the
    question's topic first, only sentences holding a `required` word when given."""
    from trialbot.retrieval.topic import on_topic

    candidates: list[tuple[float, int, int, str, Passage]] = []
    for rank, item in enumerate(scored):
        passage = item.hit.passage
        limit = WHOLE_CRITERION if passage.section == "eligibility" else SHORT_PASSAGE
        if len(passage.text.split()) <= limit:
            sentences = [passage.text]
        else:
            sentences = split_sentences(passage.text)
            label = next((x for x in _RULE_LABELS if passage.text.startswith(x)), "")
            # a sentence of a long criterion is still a rule: it keeps the criterion's label
            sentences = [
                x if not label or x.startswith(_RULE_LABELS) else f"{label}{x}" for x in sentences
            ]
        for position, sentence in enumerate(sentences):
            if required is not None and not on_topic(sentence, query, frozenset(), required):
                continue
            score = _sentence_score(sentence, query) + item.relevance - 0.15 * rank
            if topic and on_topic(sentence, query, topic):
                score += TOPIC_BONUS
            candidates.append((score, rank, position, sentence, passage))
    # "how often ...?" is answered by a sentence holding a frequency, "how long ...?" by one
    # holding a span of time, "how many ...?" by a count: other sentences do not compete
    candidates = [c for c in candidates if answers_shape(query.text, c[3])]
    if not candidates:
        return "", []
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen: list[tuple[int, int, str, Passage]] = []
    words_used = 0
    for score, rank, position, sentence, passage in candidates:
        n = len(sentence.split())
        if chosen and (score < candidates[0][0] * 0.75 or words_used + n > ANSWER_WORDS):
            continue
        chosen.append((rank, position, sentence, passage))
        words_used += n
        if len(chosen) == 2:
            break
    chosen.sort(key=lambda c: (c[0], c[1]))
    passages = list(dict.fromkeys(c[3] for c in chosen))
    return " ".join(c[2] for c in chosen), passages


# A sentence right after a definition that goes on about the same thing ("It binds to ...").
_GOES_ON = re.compile(
    r"^(It|They) (is|are|was|were|binds?|acts?|works?|comes?|blocks?|targets?|"
    r"helps?|kills?|attaches|stops?|has|have|can|may|will|contains?)\b"
)


def _term_pattern(term: str) -> re.Pattern[str]:
    stems = [re.escape(stem(w)) for w in words(term)]
    return re.compile(r"\b" + r"\w*[\s/-]+".join(stems) + r"\w*", re.I)


def definition_sentences(
    term: str, passages: Sequence[Passage]
) -> list[tuple[float, str, Passage]]:
    """Sentences using a term, best explanation first, with a score (>= 2: explains it)."""
    pattern = _term_pattern(term)
    found: list[tuple[float, int, str, Passage]] = []
    for order, passage in enumerate(passages):
        if not pattern.search(passage.text):
            continue
        sentences = split_sentences(passage.text)
        for index, sentence in enumerate(sentences):
            match = pattern.search(sentence)
            if match is None:
                continue
            score = 0.0
            cue = bool(_CUE.match(sentence[match.end() :]))
            if not cue:  # "Selumetinib (oral): Selumetinib is a MEK inhibitor": the second one
                match = next(
                    (m for m in pattern.finditer(sentence) if _CUE.match(sentence[m.end() :])),
                    match,
                )
                cue = bool(_CUE.match(sentence[match.end() :]))
            if cue:
                score += 3
            elif sentence[: match.start()].endswith("("):
                score += 3  # "Natural Killer (NK) Cells (SAR445419)": the words before name it
            if match.start() < 3:
                score += 1
            if passage.section in {"conditions", "interventions"}:
                score += 1
            if len(sentence.split()) < 6 and not cue:
                score -= 2  # "X is a radioactive drug." is short and still defines X
            score -= len(sentence.split()) / 100
            following = sentences[index + 1] if index + 1 < len(sentences) else ""
            defines = cue or bool(re.match(r"\s+(is|are)\b", sentence[match.end() :]))
            if defines and match.start() < 3 and _GOES_ON.match(following):
                sentence = f"{sentence} {following}"  # "It is taken from the mushroom ..."
            found.append((score, order, sentence, passage))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(score, sentence, passage) for score, _, sentence, passage in found]


def citation(passage: Passage) -> Citation:
    """The citation of a passage."""
    return Citation(trial_id=passage.trial_id, section=passage.section, text=passage.text)


def part_from(trial: Trial, text: str, passages: Sequence[Passage], said: str = "") -> Part:
    """One trial's answer part citing every passage used; the sentences `said` that are the
    trial's title (kept at the head of its summary passage) are cited as the title."""
    cites: list[Citation] = []
    for passage in dict.fromkeys(passages):
        for cite in _citations(trial, passage, said):
            if cite not in cites:
                cites.append(cite)
    return Part(trial, text, cites)


def _flat(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def _citations(trial: Trial, passage: Passage, said: str) -> list[Citation]:
    """A summary passage's citation, as the title when every sentence said from it is the
    title's, as both when some are."""
    if passage.section != "summary" or not trial.title or not said:
        return [citation(passage)]
    title, whole = _flat(trial.title), _flat(passage.text)
    used = [_flat(s) for s in split_sentences(said)]
    used = [s for s in used if s and s in whole]
    if not title or not any(s in title for s in used):
        return [citation(passage)]
    cites = [Citation(trial_id=trial.id, section="title", text=trial.title)]
    if any(s not in title for s in used):
        cites.append(citation(passage))
    return cites
