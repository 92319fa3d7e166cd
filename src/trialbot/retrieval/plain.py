"""The plain answer over a quoted passage: the answering part first, in plain words, then the quote.

An answer read from the trial text is the sentence (or two) that answers best. The part a patient
reads first is the clause of it that holds the question's topic or the asked figure, led in plain
words for a criterion ("There is a rule about this that may keep you out:") and with jargon
explained from the glossary, at most ANSWER_WORDS words; the quote it came from follows on its own
line as the citation ("From the trial information: “...”"). Criteria are never cut into clauses:
a part of a rule can mean something else than the whole rule."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from trialbot.retrieval.allowed import permits
from trialbot.retrieval.glossary import Glossary
from trialbot.retrieval.hybrid import Query
from trialbot.retrieval.intents import answers_shape, asks_amount, eligibility_cue
from trialbot.retrieval.question_types import is_yes_no
from trialbot.retrieval.text import split_sentences, terms

ANSWER_WORDS = 60  # the composed part stays about this short
CLAUSE_WORDS = 36  # a clause window grows up to this many words
QUOTE_WORDS = 80  # the quote under the answer is clipped to this
MIN_SIDE = 4  # a comma splits a sentence only when both sides have this many words
_LABELS = {"Who can join: ": "inclusion", "Who cannot join: ": "exclusion"}
_CLAUSE_BREAK = re.compile(r"(?<=[;:])\s+|(?<=,)\s+")
_DIGIT = re.compile(r"\d")
_LIST_GOES_ON = re.compile(r"\d\s*,$")  # "days 1, 8, 15, and 22": one list, not clauses
_LIST_ITEM = re.compile(r"((and|or)\s+)?\d", re.I)
_NEXT_RULE = re.compile(r"\s+(?=Who (?:can|cannot) join: )")
# A clause saying any of these may answer "no" (or "only if"): it never gets a plain "Yes." lead.
_NEGATION = re.compile(
    r"\b(no|not|non|without|none|never|neither|nor|cannot|unable|except|excluded|only|unless|"
    r"prohibited|forbidden|avoid|must not)\b|n't\b|\bnon-",
    re.I,
)
_NEGATIVE_OR_CHOICE = re.compile(r"\b(not|no|never|or)\b|n't\b", re.I)


def yes_lead(question: str, clause: str, topic: frozenset[str]) -> bool:
    """True when a yes/no question ("Can we do the questionnaire by phone?") is answered yes by
    a clause holding every topic word itself (no synonym: "overnight" is not "outpatient") and
    no negation; a negative or either-or question never is."""
    if not topic or not is_yes_no(question) or _NEGATIVE_OR_CHOICE.search(question):
        return False
    if _NEGATION.search(clause):
        return False
    present = terms(clause)
    return all(any(t in word for word in present) for t in topic)


def _clauses(sentence: str) -> list[str]:
    """The sentence split at semicolons, colons and commas between parts of MIN_SIDE words."""
    parts: list[str] = []
    for piece in _CLAUSE_BREAK.split(sentence):
        listed = parts and _LIST_GOES_ON.search(parts[-1]) and _LIST_ITEM.match(piece)
        if parts and (listed or len(piece.split()) < MIN_SIDE or len(parts[-1].split()) < MIN_SIDE):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _score(clause: str, query: Query, topic: frozenset[str], figure: bool) -> float:
    present = set(terms(clause))
    score = sum(query.weights.get(t, 0.0) for t in present)
    score += sum(1.0 for t in topic if t in present)
    score += sum(0.5 for t in query.hints if t in present)
    if figure and _DIGIT.search(clause):
        score += 1.0
    if asks_amount(query.text) and answers_shape(query.text, clause):
        score += 1.0  # "for up to 4 years" leads an answer to "how long ...?"
    return score


def answering_clause(sentence: str, query: Query, topic: frozenset[str], figure: bool) -> str:
    """The clause window of a (non-criterion) sentence that answers: the best clause, widened by
    its neighbours while they score too and the window stays under CLAUSE_WORDS words."""
    parts = _clauses(sentence)
    if len(parts) <= 1 or len(sentence.split()) <= CLAUSE_WORDS:
        return sentence
    scores = [_score(p, query, topic, figure) for p in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    if scores[best] <= 0:
        return sentence
    start = end = best
    size = len(parts[best].split())
    while True:
        grown = False
        for side in (start - 1, end + 1):
            wanted = scores[side] >= scores[best] / 2 if 0 <= side < len(parts) else False
            if wanted or (0 <= side < len(parts) and size < MIN_SIDE * 2):
                extra = len(parts[side].split())
                if size + extra <= CLAUSE_WORDS:
                    start, end = min(start, side), max(end, side)
                    size += extra
                    grown = True
        if not grown:
            break
    return " ".join(parts[start : end + 1])


def _sentences(text: str) -> list[str]:
    """The sentences of the picked text; criteria joined one after another are split apart."""
    return [
        piece
        for sentence in split_sentences(text)
        for piece in _NEXT_RULE.split(sentence)
        if piece.strip()
    ]


def _plain_label(sentence: str) -> str:
    return sentence.split(": ", 1)[1] if sentence.startswith(tuple(_LABELS)) else sentence


def _answering_sentences(text: str, query: Query, topic: frozenset[str], figure: bool) -> list[str]:
    """The picked sentences that answer: every criterion, and of the other sentences those
    scoring at least half the best (all of them when none holds a question word)."""
    sentences = _sentences(text)
    scores = [_score(s, query, topic, figure) for s in sentences]
    best = max(scores, default=0.0)
    if best <= 0:
        return sentences
    return [
        s
        for s, score in zip(sentences, scores, strict=True)
        if s.startswith(tuple(_LABELS)) or score >= best / 2
    ]


def short_sentences(text: str) -> str:
    """A rule's semicolon-joined parts as sentences of their own ("... ascites; active
    infection" -> "... ascites. Active infection"): the same words, easier to read. A semicolon
    inside brackets stays."""
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if char == ";" and depth <= 0 and text[index + 1 : index + 2] == " ":
            out.append(".")
            continue
        if out[-2:] == [".", " "] and char.islower() and text[index - 2] == ";":
            char = char.upper()
        out.append(char)
    return "".join(out)


def _tidy(text: str) -> str:
    text = text.strip().rstrip(",;:")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?…)":
        text += "."
    return text


def _clip(text: str, limit: int) -> str:
    words_ = text.split()
    if len(words_) <= limit:
        return text
    return " ".join(words_[:limit]).rstrip(",;:") + " …"


def compose(
    text: str,
    query: Query,
    topic: frozenset[str],
    wording: Mapping[str, object],
    glossary: Glossary,
    figure: bool = False,
) -> str:
    """The plain answer (answer first, at most ANSWER_WORDS words) and, on its own line under it,
    the quote it rests on when the two differ. `text` is what the composer picked: sentences of
    passages, criteria starting "Who can join: " or "Who cannot join: "."""
    pieces: list[str] = []
    bodies: list[str] = []
    led: set[str] = set()
    rules = False
    chosen = _allowing(
        _answering_sentences(text, query, topic, figure), query, topic, wording.get("rule_permits")
    )
    for sentence in chosen:
        rule = next(
            (kind for label, kind in _ALL_LABELS.items() if sentence.startswith(label)), None
        )
        if rule is not None:
            body = sentence.split(": ", 1)[1]
            lead = "" if rule in led else f"{wording[f'rule_{rule}']} "
            led.add(rule)
            room = ANSWER_WORDS - len(lead.split()) - len(" ".join(pieces).split())
            shown = window(body, query, topic, figure, max(room, CLAUSE_WORDS))
            pieces.append(f"{lead}{short_sentences(_tidy(shown))}")
            rules = True
        else:
            body = answering_clause(sentence, query, topic, figure)
            pieces.append(_tidy(body))
        bodies.append(body)
    # "can I join if ...?" is settled by the rules only: other text never leads it with "Yes."
    if (
        bodies
        and not rules
        and not eligibility_cue(query.text)
        and yes_lead(query.text, bodies[0], topic)
    ):
        pieces.insert(0, str(wording["answer_yes"]))
    # a rule quoted for the person's own situation is not a verdict: the study team decides
    decides = (
        str(wording.get("rule_decides") or "") if rules and eligibility_cue(query.text) else ""
    )
    composed = glossary.plain(_clip(" ".join(pieces), ANSWER_WORDS))
    if decides:
        composed = f"{composed} {decides}"
    quote = " ".join(_plain_label(s) for s in _sentences(text))
    if terms(" ".join(bodies)) == terms(quote):
        return composed  # the answer already holds the whole quote, in plain words
    shown = window(quote, query, topic, figure, QUOTE_WORDS)
    return f"{composed}\n{str(wording['quote']).format(quote=shown)}"


def window(
    text: str, query: Query, topic: frozenset[str], figure: bool, limit: int, head: bool = False
) -> str:
    """A text longer than `limit` words cut to the run of its clauses around the one that
    answers best (a long rule's "120 days after the last dose" sits past its first 60 words),
    with "…" where it was cut; the text's start when no clause holds a question word. With
    `head`, a first clause holding every topic word is the one the run grows from."""
    if len(text.split()) <= limit:
        return text
    parts = _clauses(text)
    scores = [_score(p, query, topic, figure) for p in parts]
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    if head and topic and topic <= set(terms(parts[0])):
        best = 0
    if scores[best] <= 0 or len(parts[best].split()) > limit:
        return _clip(text, limit)
    start = end = best
    size = len(parts[best].split())
    for side in _neighbours(best, len(parts)):
        extra = len(parts[side].split())
        if size + extra > limit or not (side == start - 1 or side == end + 1):
            break
        start, end, size = min(start, side), max(end, side), size + extra
    shown = " ".join(parts[start : end + 1]).rstrip(",;:")
    lead = "… " if start > 0 else ""
    tail = " …" if end < len(parts) - 1 else ""
    return f"{lead}{shown}{tail}"


def _neighbours(centre: int, count: int) -> list[int]:
    """Indexes around a centre, nearest first, the one before before the one after."""
    order = []
    for step in range(1, count):
        order += [i for i in (centre - step, centre + step) if 0 <= i < count]
    return order


_PERMIT_PIECE = re.compile(r"(?<=[.;])\s+(?=\S)")


_ALLOWED_LABEL = "Who is allowed: "
_ALL_LABELS = {**_LABELS, _ALLOWED_LABEL: "allowed"}


def _allowing(
    sentences: list[str], query: Query, topic: frozenset[str], markers: object
) -> list[str]:
    """The answering sentences, an exclusion and the sentences following it put in place by its
    one sentence allowing what is asked, labelled as allowed, when there is one."""
    runs: list[list[str]] = []
    for sentence in sentences:
        if sentence.startswith(tuple(_LABELS)) or not runs:
            runs.append([sentence])
        else:
            runs[-1].append(sentence)
    out: list[str] = []
    for run in runs:
        if run[0].startswith("Who cannot join: "):
            allowing = permitting(" ".join(_plain_label(s) for s in run), query, topic, markers)
            if allowing is not None:
                out.append(f"{_ALLOWED_LABEL}{allowing}")
                continue
        out += run
    return out


def permitting(body: str, query: Query, topic: frozenset[str], markers: object) -> str | None:
    """Of an exclusion, the sentence answering the question when it allows what is asked ("Can I
    get the COVID vaccine during the study?": "Seasonal influenza and COVID-19 vaccines that do
    not contain live virus are permitted"); None when the best answering sentence does not
    allow it or one that does not allow it answers as well."""
    if not isinstance(markers, Sequence) or isinstance(markers, str) or not markers:
        return None
    pieces = [p.strip() for p in _PERMIT_PIECE.split(body) if p.strip(" .;")]
    scored = [(_score(p, query, topic, False), p) for p in pieces]
    best = max((score for score, _ in scored), default=0.0)
    if best <= 0:
        return None
    top = [p for score, p in scored if score == best]
    others = [score for score, p in scored if not permits(p, [str(m) for m in markers])]
    if len(top) != 1 or not permits(top[0], [str(m) for m in markers]):
        return None
    if others and max(others) >= best:
        return None
    return top[0].rstrip(" ;")


def composed_part(text: str, wording: Mapping[str, object]) -> str:
    """An answer's own words without the quote lines under it (what its reading grade is of)."""
    prefix = str(wording["quote"]).split("{quote}", 1)[0].strip()
    kept = [line for line in text.splitlines() if not line.strip().startswith(prefix)]
    return "\n".join(kept)
