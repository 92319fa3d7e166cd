"""Kinds a coordinator audit found sent to the study team though a patient can answer them, so
an excluded patient looked eligible: a blood thinner taken now (NCT05336812 exc-14, NCT06541847
exc-13), a red cell transfusion within a window (NCT05904093), an infection needing IV
antibiotics within a window and active tuberculosis asked as TB now, not TB ever (NCT06907615);
a donor bone marrow transplant alone (NCT05498272) stays with the study team. Each reading is
certain only when it accounts for the whole criterion; a narrower or qualified one is partial
(asked, the study team decides a "yes")."""

from __future__ import annotations

import datetime

import pytest

from trialbot.domain.checker import evaluate
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import NEVER, Profile
from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility import read_criterion

TODAY = datetime.date(2026, 12, 1)


def _read(kind: CriterionKind, text: str) -> list[StructuredCriterion]:
    return read_criterion(CriterionText(id=f"{kind[:3]}-1", kind=kind, text=text))


def _rules(kind: CriterionKind, text: str) -> list[tuple[str | None, str, str | None]]:
    return [(c.concept, c.confidence, c.rule) for c in _read(kind, text)]


def _one(text: str, concept: str, kind: CriterionKind = "exclusion") -> StructuredCriterion:
    found = [c for c in _read(kind, text) if c.concept == concept]
    assert len(found) == 1, _rules(kind, text)
    return found[0]


def _status(criterion: StructuredCriterion, profile: Profile) -> str:
    return evaluate(criterion, profile, TODAY).status


def _days_ago(days: int) -> str:
    return (TODAY - datetime.timedelta(days=days)).isoformat()


# --- 1. A blood thinner taken now -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Requires anticoagulation",
        "Current use of anticoagulants",
        "Patients requiring anticoagulant therapy",
        "Receiving oral anticoagulants",
    ],
)
def test_any_blood_thinner_now_is_the_question(text: str) -> None:
    reading = _one(text, "anticoagulant_use")
    assert reading.confidence == "certain"
    assert _status(reading, {"anticoagulant_use": True}) == "not_met"
    assert _status(reading, {"anticoagulant_use": False}) == "met"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05336812 exc-14 (real)
        "Requires or receiving anticoagulation with warfarin or equivalent vitamin K antagonists",
        # NCT06541847 exc-13 (real)
        "Participants receiving therapeutic anticoagulation with vitamin K antagonist.",
        "Patients on therapeutic anticoagulation with warfarin",
        "Concomitant use of full-dose anticoagulants",
    ],
)
def test_one_kind_or_dose_of_blood_thinner_is_asked_but_partial(text: str) -> None:
    reading = _one(text, "anticoagulant_use")
    assert reading.confidence == "partial"
    assert _status(reading, {"anticoagulant_use": False}) == "met"


@pytest.mark.parametrize(
    "text",
    [
        "INR <= 1.5 x ULN unless subject is receiving anticoagulant therapy",
        "Bleeding diathesis or coagulopathy (in the absence of therapeutic anticoagulation)",
        "PT/INR and aPTT <= 1.5 x ULN if not receiving anticoagulants",
    ],
)
def test_a_lab_limits_exception_asks_no_blood_thinner(text: str) -> None:
    assert all(
        c.confidence != "certain" or c.concept != "anticoagulant_use"
        for c in _read("exclusion", text)
    )
    assert not [c for c in _read("exclusion", text) if c.concept == "anticoagulant_use" and c.rule]


# --- 2. A red cell transfusion within a window --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Red blood cell transfusion within 14 days prior to enrollment",
        "RBC transfusion within 2 weeks before the first dose",
        "Packed red blood cell transfusions within 28 days prior to randomization",
    ],
)
def test_a_red_cell_transfusion_in_a_window_is_certain(text: str) -> None:
    reading = _one(text, "last_transfusion")
    assert reading.confidence == "certain"
    assert _status(reading, {"last_transfusion": _days_ago(5)}) == "not_met"
    assert _status(reading, {"last_transfusion": _days_ago(90)}) == "met"
    assert _status(reading, {"last_transfusion": NEVER}) == "met"


def test_any_blood_transfusion_is_partial() -> None:
    reading = _one("Blood transfusion within 4 weeks prior to study entry", "last_transfusion")
    assert reading.confidence == "partial"


@pytest.mark.parametrize(
    "text",
    [
        # NCT05498272 exc-21 (real): whole blood only, red cells allowed
        "Whole blood transfusions in the last 120 days prior to entry to the study (packed red "
        "blood cells and platelet transfusions are acceptable, for timing refer to the protocol).",
        "Hemoglobin >= 9 g/dL without blood transfusion within 14 days",
        "Transfusion-dependent anemia",
    ],
)
def test_a_transfusion_qualifying_a_lab_or_with_exceptions_is_not_asked(text: str) -> None:
    assert not [c for c in _read("exclusion", text) if c.concept == "last_transfusion" and c.rule]


# --- 3. A donor bone marrow transplant without an organ -----------------------------------------


def test_a_donor_marrow_transplant_alone_is_not_asked_as_organ_or_donor() -> None:
    # NCT05498272 exc-20 (real): the transplant question also takes in an organ, so a "yes"
    # would flag an organ recipient the criterion does not exclude: a "yes" is for the study
    # team, a "no" settles it
    text = (
        "Previous allogenic bone marrow transplant or double umbilical cord blood "
        "transplantation (dUCBT)."
    )
    read = [c for c in _read("exclusion", text) if c.concept == "organ_transplant" and c.rule]
    assert all(c.rule == "organ_transplant == yes and study team" for c in read)


# --- 4. An infection needing IV antibiotics within a window -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # NCT06907615 exc-10 (real)
        "Patients with active systemic infectious diseases requiring intravenous antibiotics "
        "within 2 weeks prior to randomization;",
        "Infection requiring IV antibiotics within 14 days before the first dose",
        "Serious infection requiring intravenous antibiotics within 4 weeks prior to enrollment",
    ],
)
def test_iv_antibiotics_in_a_window_is_certain(text: str) -> None:
    reading = _one(text, "last_iv_antibiotics")
    assert reading.confidence == "certain"
    assert [c.concept for c in _read("exclusion", text)] == ["last_iv_antibiotics"]
    assert _status(reading, {"last_iv_antibiotics": _days_ago(3)}) == "not_met"
    assert _status(reading, {"last_iv_antibiotics": _days_ago(200)}) == "met"


@pytest.mark.parametrize(
    "text",
    [
        "Uncontrolled infection requiring intravenous antibiotics within 14 days",
        "Infection requiring IV antibiotic or antiviral therapy within 2 weeks",
    ],
)
def test_a_qualified_iv_infection_is_partial(text: str) -> None:
    assert _one(text, "last_iv_antibiotics").confidence == "partial"


def test_iv_antibiotics_without_a_window_is_not_read_as_ever() -> None:
    text = "Active infection requiring IV antibiotics"
    assert not [c for c in _read("exclusion", text) if c.concept == "last_iv_antibiotics"]


# --- 5. Tuberculosis now, not ever --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Patients with active tuberculosis;",  # NCT06907615 exc-16 (real)
        "Active tuberculosis",
        "Known active TB",
        "Active tuberculosis infection",
        "Active pulmonary tuberculosis",
        "Current tuberculosis requiring treatment",
    ],
)
def test_active_tuberculosis_is_asked_as_now(text: str) -> None:
    readings = _read("exclusion", text)
    assert [c.concept for c in readings] == ["active_tuberculosis"]
    # partial: a patient treated for latent TB (no active disease) answers yes too
    assert readings[0].confidence == "partial"
    # TB had long ago and treated is no exclusion
    assert _status(readings[0], {"active_tuberculosis": False, "tuberculosis": True}) == "met"


def test_a_history_of_active_tb_stays_ever() -> None:
    readings = _read("exclusion", "History of active TB (Bacillus tuberculosis)")
    assert [c.concept for c in readings] == ["tuberculosis"]


# --- 6. Heart attack or stroke within months (existing facts) -----------------------------------


def test_heart_attack_or_stroke_within_months_is_asked() -> None:
    readings = _read("exclusion", "Heart attack or stroke within 6 months")
    assert {(c.concept, c.confidence) for c in readings} == {
        ("last_heart_attack", "certain"),
        ("last_stroke", "certain"),
    }
