"""Properties: the reader never raises, and unknown facts never make a trial likely_eligible."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from trialbot.domain.checker import assess
from trialbot.domain.facts import NEVER, UNKNOWN, FactSpec, FactValue
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import fact_specs, read_criteria, read_criterion

TODAY = datetime.date(2026, 5, 1)
WORDS = st.sampled_from(
    ["ECOG", "0-1", "QTc", ">", "480", "ms", "no", "not", "pregnant", "within", "6", "months",
     "prior", "apatinib", "irinotecan", "hepatitis", "B", "or", "C", "≥140/90", "mmHg", "except",
     "age", "18", "years", "LVEF", "<", "50%", "brain", "metastases", "allergy", "study drug",
     "(", ")", ";", ".", "\\>=", "women", "contraception", "stable", "disease", "surgery"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, kind=st.sampled_from(["inclusion", "exclusion"]))
def test_reader_never_raises(text: str, kind: str) -> None:
    """Any text reads into at least one atom that is askable or for the study team."""
    atoms = read_criterion(CriterionText(id="x-1", kind=kind, text=text))  # type: ignore[arg-type]
    assert atoms
    assert all(a.question is not None or a.needs_review for a in atoms)


def _value(spec: FactSpec) -> st.SearchStrategy[FactValue]:
    if spec.answer_type == "yes_no":
        return st.booleans()
    if spec.answer_type == "number":
        return st.integers(0, 600)
    if spec.answer_type == "choice":
        return st.sampled_from([c.value for c in spec.choices])
    return st.sampled_from([NEVER, "2026-04-20", "2025-01-01", "2010-06-30"])


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=6), data=st.data())
def test_unknown_facts_never_likely_eligible(texts: list[str], data: st.DataObject) -> None:
    """With one fact unknown, a likely_eligible verdict needs every askable criterion met."""
    criteria = [CriterionText(id=f"c-{i}", kind="exclusion", text=t) for i, t in enumerate(texts)]
    structured = read_criteria(Trial(id="T", registry="ctgov", title="t", criteria=criteria))
    askable = sorted({f for c in structured if not c.needs_review for f in c.facts})
    if not askable:
        return
    specs = fact_specs()
    profile: dict[str, FactValue] = {f: data.draw(_value(specs[f])) for f in askable}
    profile[data.draw(st.sampled_from(askable))] = UNKNOWN
    result = assess("T", structured, profile, TODAY)
    if result.verdict == "likely_eligible":
        assert all(o.status == "met" for o in result.outcomes if not o.needs_review)
    assert assess("T", structured, {}, TODAY).verdict != "likely_eligible"
