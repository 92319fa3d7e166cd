"""Deterministic readers for answers: yes/no, not sure, numbers with units, choices, dates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from trialbot.dialog.numbers import Number, find_numbers
from trialbot.domain.ages import age_unit, in_years
from trialbot.domain.facts import UNKNOWN, Choice, FactSpec

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

UNKNOWN_PATTERNS = (
    r"\bnot\s+(?:really\s+)?(?:sure|certain)\b",
    r"\bunsure\b",
    r"\buncertain\b",
    r"\b(?:i\s+)?(?:do\s*n[o']?t|dont|don't|didn't|did\s+not)\s+(?:really\s+)?know\b",
    r"\bno\s+idea\b",
    r"\bdunno\b",
    r"\bidk\b",
    r"\b(?:can't|cannot|can\s+not|don't|do\s+not|dont)\s+remember\b",
    r"\bno\s+clue\b",
    r"\bunknown\b",
    r"\bnot\s+known\b",
    r"\bhave\s+to\s+check\b",
    r"\bneed\s+to\s+(?:check|ask)\b",
    r"^\s*(?:maybe|perhaps|possibly|\?+)\s*[.!]*\s*$",
    r"\bje ne sais pas\b",
    r"\bno s[eé]\b",
    r"\bweiß (?:ich )?nicht\b",
    r"\bне знаю\b",
)
_UNKNOWN_RE = re.compile("|".join(UNKNOWN_PATTERNS))

_YES_START = re.compile(
    r"^(?:yes+|yeah|yea|yep|yup|ya|yah|y|sure|of course|definitely|absolutely|correct|"
    r"true|affirmative|indeed|aye|si|sí|oui|ja|да)\b"
)
_NO_START = re.compile(r"^(?:no+|nope|nah|n|never|not|none|negative|non|nein|нет|nada)\b")
_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nope|nah|neither|nothing)\b|n't\b|\bnot\b|\bcannot\b|\bwithout\b"
)
_AFFIRM = re.compile(
    r"\b(?:i|we|she|he|they|my \w+)\s+(?:do|did|does|have|has|had|am|is|are|was|were|think so)\b"
    r"|\bi think so\b|\bonce\b|\btwice\b|\bseveral times\b|\bstill\b|\bcurrently\b|\bi'm\b"
    r"|\bshe's\b|\bhe's\b|\bthat's right\b|\bit is\b|\bit was\b|\bindeed\b"
)


def normalize(text: str) -> str:
    """Lower case, straight apostrophes, single spaces; full-width and other compatibility forms
    as their plain letters and digits (Unicode NFKC: "ＦＥＭＡＬＥ" -> "female", "４５" -> "45")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text.translate(_APOSTROPHES).lower()).strip()


def is_unknown(text: str) -> bool:
    """True for "I don't know", "not sure", "no idea" and the like."""
    return bool(_UNKNOWN_RE.search(normalize(text)))


# "yes and no", "no and yes", "yes/no", "kind of yes and no": a yes and a no at once.
_YES_AND_NO = re.compile(
    r"(?:(?:well|um+|hmm+|kind of|sort of|both)[\s,]+)?"
    r"(?:(?:yes|yeah|yep)\s*(?:and|or|/|&|,|but)?\s*(?:no|nope)|(?:no|nope)\s*(?:and|or|/|&|,)?\s*"
    r"(?:yes|yeah|yep))[\s.!?]*"
)
# A thumb or a tick for yes, a thumb down or a cross for no (a skin tone after it is left over
# and does not matter: the answer starts with the word).
_EMOJI_WORDS = {
    "\U0001f44d": " yes ",
    "\u2705": " yes ",
    "\u2714": " yes ",
    "\u2611": " yes ",
    "\U0001f44e": " no ",
    "\u274c": " no ",
    "\u2716": " no ",
    "\u274e": " no ",
}
_EMOJI_YES_NO = re.compile("|".join(_EMOJI_WORDS))


def read_yes_no(text: str) -> bool | str | None:
    """True / False / UNKNOWN for a yes-no answer, None when it is not one."""
    said = normalize(text)
    if not said:
        return None
    if is_unknown(said):
        return UNKNOWN
    if _YES_AND_NO.fullmatch(said):
        return None  # "yes and no", "yes/no": neither (asked again)
    said = _EMOJI_YES_NO.sub(lambda m: _EMOJI_WORDS[m[0]], said).strip()  # "👍" is a yes
    if not said:
        return None
    start = said.lstrip("\"'([ ")
    if _YES_START.match(start):
        return True
    if _NO_START.match(start):
        return False
    if _NEGATION.search(said):
        return False
    if _AFFIRM.search(said) and not re.search(r"\d", said):
        return True
    return None


def yes_only_affirmed(text: str) -> bool:
    """True when `read_yes_no` reads a yes only from an affirming phrase ("she's fine", "I have
    had it"), with no yes word before it: such a yes answers the question only when the rest of
    the sentence is about it (the caller knows the question)."""
    said = _EMOJI_YES_NO.sub(lambda m: _EMOJI_WORDS[m[0]], normalize(text)).strip()
    start = said.lstrip("\"'([ ")
    return read_yes_no(said) is True and not _YES_START.match(start)


def is_bare_yes_no(text: str) -> bool:
    """True for a reply that is only a yes or a no ("no", "nope.", "yes please"), no name."""
    said = normalize(text).strip(" .!")
    return bool(
        re.fullmatch(
            r"(?:yes|yeah|yep|yup|sure|ok|okay|no|nope|nah|none|n|y)(?: please| thanks)?", said
        )
    )


# Unit words as people write them, per canonical unit of a fact.
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "years": ("years", "year", "yrs", "yr", "y/o", "yo", "years old"),
    "ms": ("ms", "msec", "millisecond", "milliseconds"),
    "%": ("%", "percent", "per cent", "pct"),
    "mmhg": ("mmhg", "mm hg", "mm"),
    "kg": ("kg", "kilo", "kilos", "kilograms"),
    "cm": ("cm", "centimetres", "centimeters"),
}
# An age answered in another unit: "200 days old", "6 weeks", "18 months" (read into years).
_AGE_UNIT_RE = re.compile(r"^\s*(months?|mos?|weeks?|wks?|days?|hours?|hrs?)\b")
_BLOOD_PRESSURE_RE = re.compile(r"\b(\d{2,3})\s*(?:/|over)\s*(\d{2,3})\b")


def _followed_by(text: str, number: Number, words: tuple[str, ...]) -> bool:
    after = text[number.end :].lstrip()
    return any(re.match(rf"{re.escape(word)}(?![a-z])", after) for word in words)


def read_blood_pressure(text: str) -> tuple[int, int] | None:
    """Systolic and diastolic from "150/95" or "150 over 95"."""
    match = _BLOOD_PRESSURE_RE.search(normalize(text))
    if not match:
        return None
    return int(match[1]), int(match[2])


_CODE_RE = re.compile(r"[<>{}=;\[\]]|\w\(")
# Digits no person writes for one number: several points ("45.5.5"), an exponent ("1e9").
_MALFORMED = re.compile(r"\d+(?:\.\d+){2,}|\b\d+(?:\.\d+)?e[+-]?\d+\b")
_FRACTION = re.compile(r"\b(\d{1,3})\s+([1-9])/([1-9])\b")  # "4 1/2", "2 3/4"


def read_number(text: str, unit: str | None = None) -> float | None:
    """The number the answer gives, in `unit` when it says another time unit (months -> years).

    Markup or code ("<b>", "alert(1)") is not an answer; "-3" is read as minus three.
    """
    said = normalize(text)
    if _CODE_RE.search(said) or _MALFORMED.search(said):
        return None  # "1e9", "45.5.5": no number a person means
    numbers = find_numbers(said)
    if not numbers:
        return None
    fraction = _FRACTION.search(said)
    if fraction and int(fraction[2]) < int(fraction[3]):  # "4 1/2": four and a half
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])
    if unit and unit.lower() == "years":
        years, others = 0.0, []
        for number in numbers:
            other = _AGE_UNIT_RE.match(said[number.end :])
            age_in = age_unit(other.group(1)) if other else None
            if age_in is not None:
                others.append(in_years(number.value, age_in))  # full precision, as limits are
            elif _followed_by(said, number, UNIT_WORDS["years"]):
                years += number.value
        if others and years:
            return years + sum(others)  # "45 years and 2 months", "1 year 6 months"
        if others:
            return others[0]
    words = UNIT_WORDS.get((unit or "").lower(), ())
    with_unit = [number for number in numbers if words and _followed_by(said, number, words)]
    chosen = (with_unit or numbers)[0]
    half = re.match(r"\s*(?:years?\s+)?and a half\b", said[chosen.end :])
    return chosen.value + 0.5 if half else chosen.value


def _choice_words(choice: Choice) -> list[str]:
    return [normalize(word) for word in (choice.value, choice.label, *choice.synonyms) if word]


def _choice_spans(said: str, choices: list[Choice]) -> list[tuple[int, int, str]]:
    spans = []
    for choice in choices:
        for word in _choice_words(choice):
            if len(word) < 2:  # "f", "m", "0": only as the whole answer
                continue
            for match in re.finditer(rf"(?<![\w']){re.escape(word)}(?![\w'])", said):
                spans.append((match.start(), match.end(), choice.value))
    return spans


def read_choice(text: str, choices: list[Choice]) -> str | None:
    """The value of the choice the text names (button value, label or synonym), or None.

    A word inside a longer matched phrase does not count ("not growing" is not "growing");
    two different choices left over make the answer ambiguous (None).
    """
    said = normalize(text)
    for choice in choices:
        if said in _choice_words(choice):
            return choice.value
    kept = named_choices(text, choices)
    return kept.pop() if len(kept) == 1 else None


def named_choices(text: str, choices: list[Choice]) -> set[str]:
    """The values of every choice the text names by its words (a word inside a longer matched
    phrase does not count): "plays and goes to school but gets tired more quickly" names two."""
    said = normalize(text)
    spans = _choice_spans(said, choices)
    return {
        value
        for start, end, value in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans)
    }


def number_in_range(spec: FactSpec, value: float) -> bool:
    """True when a number is plausible for the fact (its minimum/maximum)."""
    if spec.minimum is not None and value < spec.minimum:
        return False
    return not (spec.maximum is not None and value > spec.maximum)


def as_fact_number(value: float) -> int | float:
    """A number as stored in a profile: whole numbers as int, others at full precision (an age
    read from "215 months" must equal a limit written "215 Months", not a rounding of it)."""
    return int(value) if float(value).is_integer() else value


# A typed word close to a choice's word ("femal", "fully actve", "postmenapausal"): rapidfuzz
# `ratio` (0-100, Indel distance: "femail" 83, "mail" for male 75) at least this, and every
# other choice's best word at least `_FUZZY_MARGIN` below it (a near tie, "fmale" between female
# and male, is asked again).
_FUZZY_SCORE = 82.0
_FUZZY_MARGIN = 8.0
_FUZZY_MIN_LETTERS = 4  # "mal", "fin": too short to tell a typo from another word
_FUZZY_MAX_WORDS = 4
_FILLER = frozenset(
    ["a", "an", "the", "i", "i'm", "im", "am", "is", "it", "it's", "its", "was", "she", "she's",
     "he", "he's", "they", "my", "her", "his", "our", "your", "just", "very", "sex", "born", "as"]
)  # fmt: skip


def closest_word(text: str, words: Mapping[str, Sequence[str]]) -> str | None:
    """The key of `words` (a choice value, or "yes"/"no") whose word a short answer with a typo
    names, or None.

    The whole answer, and its one word beside filler ("a femal"), is matched with rapidfuzz
    `fuzz.ratio` against each listed word of at least 4 letters; the best key must score at
    least 82 and beat every other key by 8 or more. Never for an answer with a number, a "not"
    or code characters, nor for more than 4 words ("drop table patients" is no "stable")
    (shape: {"female": ["female", "woman", ...], "male": [...]}).
    """
    said = normalize(text).strip(" .!,;:")
    tokens = re.findall(r"[^\W\d_][\w'-]*", said)
    if not tokens or len(tokens) > _FUZZY_MAX_WORDS or re.search(r"\d", said):
        return None
    if _NEGATION.search(said) or len(said) < _FUZZY_MIN_LETTERS or _CODE_RE.search(said):
        return None
    # one word of the answer alone only beside filler ("a femal"); "drop table" is no "stable"
    kept = [t for t in tokens if t not in _FILLER]
    tried = {said, *(kept if len(kept) == 1 and len(kept[0]) >= _FUZZY_MIN_LETTERS else ())}
    scores: dict[str, float] = {}
    for key, listed in words.items():
        candidates = [normalize(w) for w in listed if len(normalize(w)) >= _FUZZY_MIN_LETTERS]
        best = 0.0
        for word in candidates:
            for piece in tried if " " not in word else {said}:
                best = max(best, fuzz.ratio(piece, word))
        scores[key] = best
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < _FUZZY_SCORE:
        return None
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - _FUZZY_MARGIN:
        return None
    return ranked[0][0]


def fuzzy_choice(text: str, choices: list[Choice]) -> str | None:
    """The value of the choice a short typed answer names with a typo ("femal" -> "female",
    "fully actve" -> "0"), by `closest_word` over each choice's value, label and synonyms; None
    when none is close or two are nearly as close."""
    return closest_word(text, {c.value: _choice_words(c) for c in choices})
