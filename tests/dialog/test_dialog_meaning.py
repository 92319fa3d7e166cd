"""The meaning matcher (with a word-count stand-in for the sentence model) and its use by the
dialog: choice answers by meaning, a read-back when the match is weak."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from dialog_fakes import APATINIB, TODAY, FakeAnswerer, ListCatalog, MemoryStore, SeedRules

from trialbot.dialog.meaning import MeaningMatcher
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming
from trialbot.service import ConversationService

VOCABULARY = [
    "bed",
    "help",
    "golf",
    "school",
    "play",
    "tired",
    "work",
    "everything",
    "myself",
    "friends",
    "scans",
    "clear",
]
DATA = {
    "thresholds": {"strong": 0.8, "weak": 0.5, "margin": 0.05},
    "intents": {"check_me": ["is this study for me"], "question_about_trial": ["what is it for"]},
    "choices": {
        "ecog_level": {"0": ["golf everything myself", "school play friends"], "3": ["bed help"]}
    },
}


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of vocabulary word counts (a stand-in with the model's shape)."""
    rows = []
    for text in texts:
        words = re.findall(r"[a-z]+", text.lower())
        row = np.zeros(len(VOCABULARY) + 64, dtype=np.float32)
        for word in words:
            index = VOCABULARY.index(word) if word in VOCABULARY else None
            row[index if index is not None else len(VOCABULARY) + sum(map(ord, word)) % 64] += 1
        rows.append(row / max(float(np.linalg.norm(row)), 1e-6))
    return np.vstack(rows)


LABELS = {"0": "Fully active", "3": "In bed more than half the day"}


def test_strong_weak_and_no_match() -> None:
    """Close wording matches strongly, partial wording weakly, unrelated text not at all."""
    matcher = MeaningMatcher(encode, DATA)
    strong = matcher.choice("ecog_level", LABELS, "golf, everything myself")
    assert strong is not None and strong.label == "0" and strong.strength == "strong"
    weak = matcher.choice("ecog_level", LABELS, "golf myself tired")
    assert weak is not None and weak.label == "0" and weak.strength == "weak"
    assert matcher.choice("ecog_level", LABELS, "banana") is None


def test_example_vectors_are_encoded_once() -> None:
    """Examples are embedded once; later matches embed only the message."""
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return encode(texts)

    matcher = MeaningMatcher(counting, DATA)
    matcher.choice("ecog_level", LABELS, "bed and help")
    matcher.choice("ecog_level", LABELS, "school and play")
    assert calls[0] > 1 and calls[1:] == [1, 1]


def test_a_choice_answer_by_meaning_in_the_dialog(seeds: list[Trial]) -> None:
    """ "bed, help" (no pattern knows it) to the daily-life question is read by meaning and,
    since it excludes, read back before it counts."""
    service = ConversationService(
        ListCatalog(seeds), MemoryStore(), FakeAnswerer(), today=lambda: TODAY,
        rules=SeedRules(), meaning=MeaningMatcher(encode, DATA),
    )  # fmt: skip

    def say(text: str) -> list[str]:
        turn = service.handle(Incoming(conversation_id="m", text=text, trials=[APATINIB]))
        return [r.asks or "" for r in turn.replies if r.kind == "question"] + [
            "\n".join(r.text for r in turn.replies)
        ]

    asked = say("is this study for me?")
    answers = {"age_years": "40", "sex": "male"}
    for _ in range(30):
        if asked[0] in ("ecog_level", ""):
            break
        asked = say(answers.get(asked[0], "not sure"))
    assert asked[0] == "ecog_level"
    reply = say("bed, help")
    assert "is that right" in reply[-1].lower()
