"""The dialog asks the narrowed questions of issue 10's fifth round (an infection needing
medicine by mouth, a shot or a drip; hepatitis now; an organ or donor stem cell transplant) and
the new legal-protection question, read from real criteria texts, and a "yes" excludes."""

from __future__ import annotations

from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, SeedRules

from trialbot.dialog.engine import DialogEngine
from trialbot.dialog.state import DialogState
from trialbot.domain.checker import assess
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import fact_specs, read_criterion

TRIAL = "NCT09999901"
TEXTS = [
    ("exc-1", "Has an active infection requiring systemic therapy."),
    ("exc-2", "Hepatitis B or C infection"),
    ("exc-3", "Prior allogeneic stem cell or solid organ transplantation."),
    ("exc-4", "Patient under court protection, guardianship or curatorship."),
]
ASKED = {
    "active_infection": "needs medicine against it by mouth, a shot or a drip",
    "hepatitis_b": "hepatitis B, a liver infection, now?",
    "hepatitis_c": "hepatitis C, a liver infection, now?",
    "organ_transplant": "with cells from a donor",
    "legal_protection": "Has a court named someone, like a guardian",
}


def _criteria() -> list:  # type: ignore[type-arg]
    return [
        reading
        for cid, text in TEXTS
        for reading in read_criterion(CriterionText(id=cid, kind="exclusion", text=text))
    ]


def _engine() -> DialogEngine:
    trial = Trial(id=TRIAL, registry="ctgov", title="A study", status="RECRUITING")
    return DialogEngine(
        ListCatalog([trial]),
        FakeAnswerer(),
        rules=SeedRules({TRIAL: _criteria()}),
        today=lambda: TODAY,
    )


def test_every_criterion_here_is_read_whole() -> None:
    assert {c.concept: c.confidence for c in _criteria()} == {
        "active_infection": "certain", "hepatitis_b": "certain", "hepatitis_c": "certain",
        "organ_transplant": "certain", "legal_protection": "certain",
    }  # fmt: skip


def test_the_dialog_asks_each_question_in_its_new_words() -> None:
    engine, state = _engine(), DialogState()
    said = [r.text for r in engine.step(state, "/start", trials=[TRIAL]).replies]
    asked: list[str] = []
    for _ in range(20):
        if state.pending is None:
            break
        asked.append(state.pending)
        said += [r.text for r in engine.step(state, "no").replies]
    assert set(ASKED) <= set(asked)
    for fact, words in ASKED.items():
        assert any(words in text for text in said), fact


def test_a_yes_excludes_and_a_no_does_not() -> None:
    criteria = _criteria()
    specs = fact_specs()
    noes = {c.concept: False for c in criteria if c.concept in specs}
    assert assess(TRIAL, criteria, noes, TODAY).verdict != "ineligible"
    for fact in ASKED:
        verdict = assess(TRIAL, criteria, {**noes, fact: True}, TODAY)
        assert verdict.verdict == "ineligible", fact
