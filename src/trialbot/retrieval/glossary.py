"""Plain-word rewriting of medical terms and lay-to-document synonyms (prompts/glossary.yaml)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from trialbot.prompts import load_prompts
from trialbot.retrieval.text import stem, words

SYNONYM_WEIGHT = 0.5
MAX_EXPLAINED = 3  # more brackets than this make an answer harder to read
_ALREADY_EXPLAINED = re.compile(r"^\s*(\(|,\s*(which|meaning|that is|i\.e\.)|\s*[–-]\s)", re.I)


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str]
    plain: str
    explain: bool


class _Literal:
    """A phrase searched as a whole word in lowered text. The plain substring test comes first:
    most questions hold none of the several hundred glossary phrases, and `in` is far cheaper
    than a regex search (same matches: the regex can only match where the phrase occurs)."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        self.pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")

    def search(self, lowered: str) -> re.Match[str] | None:
        return self.pattern.search(lowered) if self.phrase in lowered else None


class Glossary:
    """Rewrites jargon in plain words and widens lay questions with document words."""

    def __init__(
        self,
        entries: list[dict[str, str]],
        synonyms: dict[str, list[str]],
        medicines: dict[str, list[str]] | None = None,
        situations: dict[str, list[str]] | None = None,
    ) -> None:
        ordered = sorted(entries, key=lambda e: -len(str(e["term"])))
        self._entries = [
            _Entry(
                re.compile(rf"(?<![\w-]){re.escape(str(e['term']))}(?![\w-])", re.I),
                str(e["plain"]),
                str(e.get("mode", "explain")) == "explain",
            )
            for e in ordered
        ]
        self._synonyms = [
            (_Literal(key.lower()), [str(v) for v in values]) for key, values in synonyms.items()
        ]
        self._keys = [frozenset(stem(w) for w in words(key)) for key in synonyms]
        self._medicines = [
            (
                _Literal(name.lower()),
                frozenset(stem(w) for w in words(name)),
                [str(v) for v in values],
            )
            for name, values in (medicines or {}).items()
        ]
        # a person's situation in lay words -> the words of the rules speaking to it (read only
        # by phrase_groups, for personal eligibility questions)
        self._situations = [
            (
                _Literal(key.lower()),
                frozenset(stem(w) for w in words(key)),
                [str(v) for v in values],
            )
            for key, values in (situations or {}).items()
        ]
        # brand name -> the drug it names: the first word of a `medicines` entry is its drug
        # ("keytruda: [pembrolizumab, pd-1, ...]")
        self.brand_drugs = {
            name.lower(): str(values[0]).lower()
            for name, values in (medicines or {}).items()
            if values and str(values[0]).isalpha()
        }

    def plain(self, text: str) -> str:
        """The text with known terms replaced, and the first few others explained in brackets."""
        for entry in self._entries:
            if not entry.explain:
                text = entry.pattern.sub(_replacer(entry.plain), text)
        return self._explain(text)

    def _explain(self, text: str) -> str:
        """Add plain words after the first MAX_EXPLAINED unexplained terms, in reading order."""
        spots: list[tuple[int, int, str]] = []
        lowered = text.lower()
        for entry in self._entries:
            if not entry.explain or entry.plain.lower() in lowered:
                continue
            match = entry.pattern.search(text)
            if match is None:
                continue
            if any(start < match.end() and match.start() < end for start, end, _ in spots):
                continue
            # a term the text explains itself still claims its place, so no shorter term
            # inside it gets explained either
            plain = "" if _ALREADY_EXPLAINED.match(text[match.end() :]) else entry.plain
            spots.append((match.start(), match.end(), plain))
        chosen = [spot for spot in sorted(spots) if spot[2]][:MAX_EXPLAINED]
        for _, end, plain in sorted(chosen, reverse=True):
            text = f"{text[:end]} ({plain}){text[end:]}"
        return text

    def expand(self, question: str) -> dict[str, float]:
        """Extra stemmed search terms for a question, with their weights."""
        extra: dict[str, float] = {}
        for _, synonyms in self.synonym_groups(question):
            for term in synonyms:
                extra.setdefault(term, SYNONYM_WEIGHT)
        return extra

    def medicine_words(self, question: str) -> list[str]:
        """The medicines a question names and their class words, as written ("clarithromycin",
        "macrolide", "cyp3a4"): a criterion holding one of them is about the person's medicine."""
        lowered = question.lower()
        found: list[str] = []
        for pattern, _, values in self._medicines:
            match = pattern.search(lowered)
            if match:
                found += [match.group(0), *values]
        return list(dict.fromkeys(found))

    def phrase_groups(self, question: str) -> list[tuple[frozenset[str], list[frozenset[str]]]]:
        """(stems of the lay phrase, the document phrases as stem sets) for each phrase in a
        question: "ulcerative colitis" -> {inflammatory, bowel, disease}, {ibd}; a text holds a
        document phrase only when it holds all its stems ("bowel preparation" is no IBD)."""
        lowered = question.lower()
        groups = []
        for pattern, key, values in self._medicines:
            if pattern.search(lowered):
                groups.append((key, [frozenset(stem(w) for w in words(v)) for v in values]))
        for (pattern, values), key in zip(self._synonyms, self._keys, strict=True):
            if pattern.search(lowered):
                groups.append((key, [frozenset(stem(w) for w in words(v)) for v in values]))
        for pattern, key, values in self._situations:
            if pattern.search(lowered):
                groups.append((key, [frozenset(stem(w) for w in words(v)) for v in values]))
        return groups

    def synonym_groups(self, question: str) -> list[tuple[frozenset[str], frozenset[str]]]:
        """(stems of the lay phrase, stems of the document words) for each phrase in a question."""
        lowered = question.lower()
        groups = []
        for pattern, key, values in self._medicines:
            if pattern.search(lowered):
                groups.append((key, frozenset(stem(w) for v in values for w in words(v))))
        for (pattern, values), key in zip(self._synonyms, self._keys, strict=True):
            if pattern.search(lowered):
                stems = {stem(w) for value in values for w in words(value)}
                groups.append((key, frozenset(stems)))
        return groups


def _replacer(plain: str) -> Callable[[re.Match[str]], str]:
    return lambda match: _same_case(match.group(0), plain)


def _same_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


def load_glossary(prompts_dir: Path | None = None) -> Glossary:
    """The glossary shipped in prompts/glossary.yaml (or the configured prompts dir); the
    `both_ways` groups widen a question from either side (placebo <-> dummy, CNS <-> brain)."""
    data = load_prompts("glossary", prompts_dir) or {}
    synonyms = {str(k): [str(v) for v in vs] for k, vs in (data.get("synonyms") or {}).items()}
    for key, values in (data.get("both_ways") or {}).items():
        group = [str(key), *map(str, values)]
        for word in group:
            merged = synonyms.setdefault(word, [])
            merged.extend(w for w in group if w != word and w not in merged)
    medicines = {str(k): [str(v) for v in vs] for k, vs in (data.get("medicines") or {}).items()}
    situations = {str(k): [str(v) for v in vs] for k, vs in (data.get("situations") or {}).items()}
    return Glossary(list(data.get("terms") or []), synonyms, medicines, situations)
