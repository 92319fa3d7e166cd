"""Small text helpers shared by the index and the composer: tokens, stems, sentences."""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(•\-])|\n+")
_OUR = re.compile(r"^(\w{3,})our(s?)$")  # 'tumours', 'behaviour'; not 'hour', 'four', 'your'
_HEADING = re.compile(r"^[A-Z][\w /&-]{0,40}:$")  # a heading line: "Objective:", "Design:"
_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "approx.", "etc.", "Dr.", "No.")

_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not of off on once only or other our ours out over own same she should so some such than
    that the their theirs them then there these they this those through to too under up very
    was we were what when where which while who whom why will with would you your yours yourself
    trial study studies clinical research researcher please tell know want like much many also get
    may might must need go going one someone anyone thing things kind sort mean means meaning
    whether i'm im ok okay really use used using take taking part join joining anything something
    everything nothing fine alright able still even right now currently already ever son daughter
    husband wife mother father mum mom dad baby friend boy girl good happen happens happened
    ve ll re certain amount easily enough
    haven hasn hadn isn aren wasn weren don doesn didn won wouldn couldn shouldn
    havent hasnt hadnt isnt arent wasnt werent dont doesnt didnt wont wouldnt couldnt shouldnt
    cant cannot"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words that carry the question but not its topic ("does it say anything about ...").
_GENERIC_TEXT = "say says said information document documents page mention mentioned patient"
GENERIC = frozenset(_GENERIC_TEXT.split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem so that 'drugs'/'drug' and 'given'/'giving' meet."""
    w = word.lower()
    if len(w) <= 3 or w.isdigit():
        return w
    w = _british(w)
    for suffix, keep in (
        ("able", ""),
        ("ible", ""),
        ("ies", "y"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            if suffix == "es" and not w.endswith(("ches", "shes", "sses", "xes", "zes")):
                continue
            if suffix == "ed" and w.endswith("eed"):
                return w  # 'bleed', 'need', 'exceed' are no past tenses
            return w[: len(w) - len(suffix)] + keep
    return w


def _british(word: str) -> str:
    """British spellings meet American ones: 'leukaemia'/'leukemia', 'tumours'/'tumors'."""
    if "ae" in word and not word.startswith("ae"):
        word = word.replace("ae", "e")
    return _OUR.sub(r"\1or\2", word) if len(word) > 5 else word


def words(text: str) -> list[str]:
    """The lower-case word tokens of a text (numbers keep their decimal point)."""
    return [m.group(0).lower() for m in _TOKEN.finditer(text)]


def terms(text: str) -> list[str]:
    """Stemmed tokens for lexical search, stopwords kept out."""
    out = []
    for word in words(text):
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        stemmed = stem(word)
        if stemmed not in STOPWORDS:
            out.append(stemmed)
    return out


def content_terms(text: str) -> list[str]:
    """Stemmed tokens that carry the topic of a question (no stopwords, no generic words)."""
    return [t for t in terms(text) if t not in GENERIC]


def split_sentences(text: str) -> list[str]:
    """Split a passage into sentences (bullets and line breaks end a sentence too)."""
    protected = text
    for abbr in _ABBREVIATIONS:
        protected = protected.replace(abbr, abbr.replace(".", "\x00"))
    parts = _SENTENCE_END.split(protected)
    out = []
    heading = ""
    for part in parts:
        sentence = part.replace("\x00", ".").strip(" \t•-*")
        if _HEADING.match(sentence):
            # "Background:" / "Objective:" alone say nothing: they open the sentence after them
            heading = sentence
            continue
        if sentence:
            out.append(f"{heading} {sentence}" if heading else sentence)
            heading = ""
    return out


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def clip_words(text: str, limit: int) -> list[str]:
    """Split a text into pieces of at most `limit` words, cutting at sentence ends when possible."""
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in split_sentences(text):
        n = word_count(sentence)
        if n > limit:  # one huge sentence: hard-split it
            if current:
                pieces.append(" ".join(current))
                current, count = [], 0
            tokens = sentence.split()
            pieces.extend(" ".join(tokens[i : i + limit]) for i in range(0, len(tokens), limit))
            continue
        if count + n > limit and current:
            pieces.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        pieces.append(" ".join(current))
    return pieces
