"""The verdict names every answer that may go against a rule and quotes the rule, also when the
answer went against one part of a criterion whose other parts only the study team can check; a
reason the registry's age limit and a criterion both give is shown once."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialog_fakes import APATINIB, TODAY, FakeAnswerer, ListCatalog, MemoryStore

from trialbot.dialog.rules import CachedEligibility
from trialbot.dialog.summary import trial_summary
from trialbot.dialog.texts import Texts
from trialbot.domain.criteria import CriterionOutcome, TrialAssessment
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService
from trialbot.sources.readers import read_document

_AGAINST_HEAD = "may go against"


@pytest.fixture(scope="module")
def rules() -> CachedEligibility:
    """The real criteria engine, loaded once."""
    return CachedEligibility()


def _service(corpus_dir: Path, trial_id: str, rules: CachedEligibility) -> ConversationService:
    trials = list(read_document(corpus_dir / f"{trial_id}.json"))
    return ConversationService(
        ListCatalog(trials), MemoryStore(), FakeAnswerer(), today=lambda: TODAY, rules=rules
    )


def _walk(service: ConversationService, trial_id: str, answers: dict[str, str]) -> str:
    """Answer the walk ("not sure" unless given), confirm read-backs, return the summary text."""
    turn: Turn = service.handle(Incoming(conversation_id="s", text="/start", trials=[trial_id]))
    for _ in range(60):
        summaries = [r.text for r in turn.replies if r.kind == "summary"]
        if summaries:
            return "\n".join(summaries)
        questions = [r for r in turn.replies if r.kind == "question"]
        assert questions, [r.text for r in turn.replies]
        question = questions[-1]
        yes = [b.value for b in question.buttons if b.value.startswith("yes#")]
        if question.asks is None and yes:
            turn = service.handle(Incoming(conversation_id="s", button=yes[0]))
            continue
        text = answers.get(question.asks or "", "not sure")
        turn = service.handle(Incoming(conversation_id="s", text=text))
    raise AssertionError("the walk did not end")


def _against_part(summary: str) -> str:
    start = summary.index("because they may go against a rule")
    end = summary.find("Also to be checked", start)
    return summary[start : end if end > 0 else None]


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"hepatitis_b": "yes, I have hepatitis B"}, "yes about hepatitis B"),
        ({"hepatitis_c": "yes"}, "yes about hepatitis C"),
        ({"hepatitis_b": "yes", "hepatitis_c": "yes"}, "yes about hepatitis B"),
    ],
)
def test_an_answer_against_one_part_of_a_mixed_criterion_is_named_and_quoted(
    corpus_dir: Path, rules: CachedEligibility, answers: dict[str, str], said: str
) -> None:
    """NCT03595917: "Acute or chronic liver disease (including known active hepatitis B and C
    infections)." is read in parts; its first part (liver disease, unanswered) was kept and the
    hepatitis part the answer went against was dropped, so "may go against" named nothing. The
    verdict names the answer and quotes the criterion."""
    service = _service(corpus_dir, "NCT03595917", rules)
    summary = _walk(service, "NCT03595917", {"age_years": "60", **answers})
    assert _AGAINST_HEAD in summary
    part = _against_part(summary)
    assert f"You said {said}" in part
    assert "“Acute or chronic liver disease (including known active hepatitis B and C" in part


def _outcome(cid: str, text: str, *, against: bool = False, said: str = "") -> CriterionOutcome:
    reason = f"The study team will check this: “{text[:60]}...”. {said}".strip()
    return CriterionOutcome(
        criterion_id=cid,
        kind="exclusion",
        text=text,
        status="unknown",
        reason=reason,
        needs_review=True,
        against=against,
    )


_MIXED = "Heart disease: - a heart attack - lung trouble - weight under 40 kg with a long tail"


@pytest.mark.parametrize("against_letters", ["a", "c", "ac", "bc"])
def test_every_may_go_against_verdict_names_an_answer(against_letters: str) -> None:
    """Whichever parts of one criterion went against the answers, the verdict saying so names
    each answer under its heading and quotes the criterion."""
    said = {"a": "You said a heart attack: yes.", "b": "You said x.", "c": "You said 38 kg."}
    outcomes = [
        _outcome(
            f"exc-1{letter}",
            _MIXED,
            against=letter in against_letters,
            said=said[letter] if letter in against_letters else "",
        )
        for letter in "abc"
    ]
    assessment = TrialAssessment(trial_id=APATINIB, verdict="undetermined", outcomes=outcomes)
    trial = Trial(id=APATINIB, registry="ctgov", title="A study", status="RECRUITING")
    summary = trial_summary(Texts(), trial, assessment).text
    assert _AGAINST_HEAD in summary
    part = _against_part(summary)
    for letter in against_letters:
        assert said[letter] in part
    assert f"“{_MIXED}”" in part
    assert "Also to be checked" not in summary


@pytest.mark.parametrize("age", ["66", "70", "17"])
def test_an_age_reason_given_by_the_record_and_a_criterion_is_shown_once(
    corpus_dir: Path, rules: CachedEligibility, age: str
) -> None:
    """NCT05904093 (18-65): the registry's age limit and "Age between 18-65 years" give the same
    reason; the verdict shows it once, quoting the trial's criterion."""
    service = _service(corpus_dir, "NCT05904093", rules)
    summary = _walk(service, "NCT05904093", {"age_years": age})
    assert "not eligible" in summary
    assert summary.count("This study needs: the age") == 1
    assert "Age between 18-65 years" in summary
