"""The end summary puts answers that went against a rule first and never splits a criterion into
fake list items."""

from __future__ import annotations

from dialog_fakes import APATINIB

from trialbot.dialog.summary import trial_summary
from trialbot.dialog.texts import Texts
from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.trial import Trial


def _trial() -> Trial:
    return Trial(id=APATINIB, registry="ctgov", title="A study", status="RECRUITING")


def _review(number: int, text: str) -> CriterionOutcome:
    return CriterionOutcome(
        criterion_id=f"inc-{number}",
        kind="inclusion",
        text=text,
        status="unknown",
        reason=f"The study team will check this: “{text}”.",
        needs_review=True,
    )


_PREGNANCY = (
    "Pregnancy or positive pregnancy test (urine or serum) in females of childbearing potential."
)


def _against() -> CriterionOutcome:
    return CriterionOutcome(
        criterion_id="exc-1a",
        kind="exclusion",
        text=_PREGNANCY,
        status="unknown",
        reason=f"The study team will check this: “{_PREGNANCY}”. You said being pregnant: yes.",
        needs_review=True,
        against=True,
    )


def test_an_answer_against_a_rule_is_listed_first_even_after_many_open_items() -> None:
    """With 14 study-team items before it, the pregnancy answer still comes first and says what
    the person answered."""
    outcomes = [_review(n, f"Organ function rule number {n}.") for n in range(14)]
    assessment = TrialAssessment(
        trial_id=APATINIB, verdict="undetermined", outcomes=[*outcomes, _against()]
    )
    text = trial_summary(Texts(), _trial(), assessment).text
    assert "pregnan" in text.lower()
    assert text.index("being pregnant: yes") < text.index("Organ function rule number 0")
    assert "your answers" in text.lower()


def test_a_criterion_with_line_breaks_stays_one_item() -> None:
    """A criterion whose text holds "\\n- 12 years" is one item, not a fake "- 12 years" bullet."""
    text = (
        "Performance status: Karnofsky (for patients >12 years of age) or Lansky (for patients"
        "\n- 12 years of age) ≥ 50% (Appendix I)."
    )
    assessment = TrialAssessment(
        trial_id=APATINIB, verdict="undetermined", outcomes=[_review(1, text)]
    )
    summary = trial_summary(Texts(), _trial(), assessment).text
    assert "\n- 12 years" not in summary
    assert "Lansky (for patients - 12 years of age) ≥ 50% (Appendix I)." in summary
