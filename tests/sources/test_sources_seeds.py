"""Both seed documents read field by field; nothing of the CTIS 'Other Trials' tail leaks in."""

from __future__ import annotations

from pathlib import Path

import pytest

from trialbot.domain.trial import Trial
from trialbot.sources.readers import read_document

DRAGONFLY_FILE = "000_7320c18a40267df0.txt"
APATINIB_FILE = "001_c4c337ba658af602.txt"


@pytest.fixture(scope="module")
def dragonfly(seeds_dir: Path) -> Trial:
    """The EU CTIS page of DRAGONFLY."""
    trials = read_document(seeds_dir / DRAGONFLY_FILE)
    assert len(trials) == 1
    return trials[0]


@pytest.fixture(scope="module")
def apatinib(seeds_dir: Path) -> Trial:
    """The viewer export of NCT07479732."""
    trials = read_document(seeds_dir / APATINIB_FILE)
    assert len(trials) == 1
    return trials[0]


def test_dragonfly_identity(dragonfly: Trial) -> None:
    """Id, registry, protocol code, phase, title and summary come from the page."""
    assert dragonfly.id == "2026-525223-24-00"
    assert dragonfly.registry == "ctis"
    assert dragonfly.protocol_code == "DRAGONFLY"
    assert dragonfly.phase == "Therapeutic exploratory (Phase II)"
    assert dragonfly.title.startswith("A study comparing mifamurtide to sorafenib")
    assert dragonfly.summary.startswith("This study focuses on patients with osteosarcoma")
    assert "track any side effects" in dragonfly.summary


def test_dragonfly_ages_sex_status(dragonfly: Trial) -> None:
    """Ages 5-30 from the text, no sex limit, not yet recruiting from 1 April 2026."""
    assert (dragonfly.min_age_years, dragonfly.max_age_years) == (5.0, 30.0)
    assert dragonfly.sex == "all"
    assert dragonfly.status == "NOT_YET_RECRUITING"
    assert dragonfly.start_date == "2026-04-01"


def test_dragonfly_criteria(dragonfly: Trial) -> None:
    """11 inclusion bullets and 15 exclusion bullets, in order, with stable ids."""
    inclusion = [c for c in dragonfly.criteria if c.kind == "inclusion"]
    exclusion = [c for c in dragonfly.criteria if c.kind == "exclusion"]
    assert len(inclusion) == 11 and len(exclusion) == 15
    assert inclusion[0].id == "inc-1"
    assert (
        inclusion[0].text
        == "The patient must be between 5 and 30 years old at the time they join the study."
    )
    assert inclusion[8].text == "The patient must be able to swallow tablets."
    assert (
        exclusion[5].text
        == "You are currently pregnant, planning to become pregnant, or are breastfeeding."
    )
    assert exclusion[-1].id == "exc-15" and "140/90 mmHg" in exclusion[-1].text


def test_dragonfly_drugs_and_routes(dragonfly: Trial) -> None:
    """Mifamurtide through a vein (intravenous), sorafenib by mouth (oral)."""
    routes = {i.name: i.route for i in dragonfly.interventions}
    assert routes == {"Mifamurtide": "intravenous", "Sorafenib": "oral"}


def test_dragonfly_sites_skip_noise(dragonfly: Trial) -> None:
    """Two Polish sites; the garbled name is dropped but its city is kept."""
    sites = [(s.name, s.city, s.country, s.status) for s in dragonfly.sites]
    assert sites == [
        ("Instytut Matki I Dziecka", "Warsaw", "Poland", "NOT_YET_RECRUITING"),
        (None, "Cracow", "Poland", "NOT_YET_RECRUITING"),
    ]
    assert dragonfly.contacts == []


def test_dragonfly_conditions_explained(dragonfly: Trial) -> None:
    """The 'Term – text' paragraphs become conditions with their explanations."""
    assert dragonfly.conditions == ["High-grade osteosarcoma", "Relapsed/refractory osteosarcoma"]
    first = dragonfly.condition_explanations[0]
    assert first.term == "High-grade osteosarcoma"
    assert first.text.startswith("This is a type of bone cancer")


def test_dragonfly_has_nothing_of_the_other_trials_tail(dragonfly: Trial) -> None:
    """GD2IL18CART, Germany, neuroblastoma, Ewing and page noise appear nowhere in the record."""
    dumped = dragonfly.model_dump_json()
    for leaked in ("GD2IL18CART", "Germany", "neuroblastoma", "Ewing", "Other Trials", "2 1 1 1"):
        assert leaked not in dumped


def test_apatinib_identity(apatinib: Trial) -> None:
    """Id, titles, sponsor, protocol code, phase, enrollment, dates from the embedded record."""
    assert apatinib.id == "NCT07479732"
    assert apatinib.registry == "ctgov"
    assert apatinib.title == (
        "Apatinib Combined With Liposomal Irinotecan for Refractory or Metastatic Osteosarcoma"
    )
    assert apatinib.official_title and apatinib.official_title.startswith("Safety and Efficacy")
    assert apatinib.sponsor == "Peking University People's Hospital"
    assert apatinib.protocol_code == "PKUPH-sarcoma 24"
    assert apatinib.phase == "Phase 1/Phase 2"
    assert apatinib.enrollment == 56
    assert apatinib.start_date == "2026-03-05"
    assert apatinib.conditions == ["Osteosarcoma", "Osteosarcoma Metastatic"]
    assert apatinib.summary.startswith("In advanced osteosarcoma")
    assert apatinib.description.startswith("Osteosarcoma is the most common")


def test_apatinib_ages_sex_status(apatinib: Trial) -> None:
    """Ages 12-65 years, all sexes, recruiting."""
    assert (apatinib.min_age_years, apatinib.max_age_years) == (12.0, 65.0)
    assert apatinib.sex == "all"
    assert apatinib.status == "RECRUITING"


def test_apatinib_criteria(apatinib: Trial) -> None:
    """8 inclusion and 16 exclusion items; escapes undone."""
    kinds = [c.kind for c in apatinib.criteria]
    assert kinds.count("inclusion") == 8 and kinds.count("exclusion") == 16
    by_id = {c.id: c.text for c in apatinib.criteria}
    assert (
        by_id["inc-5"]
        == "ECOG Performance Status score of 0 or 1, with an expected survival of ≥3 months."
    )
    assert by_id["exc-15"] == "Lactating women."
    assert "disease-free for >3 years" in by_id["exc-5"]


def test_apatinib_drugs_and_routes(apatinib: Trial) -> None:
    """Liposomal irinotecan intravenous, apatinib oral (from the intervention descriptions)."""
    routes = {i.name: i.route for i in apatinib.interventions}
    assert routes == {"Liposomal Irinotecan": "intravenous", "Apatinib in arm1": "oral"}


def test_apatinib_site_and_contacts(apatinib: Trial) -> None:
    """One recruiting Beijing site; central and site contacts, each once."""
    assert [(s.name, s.city, s.country, s.status) for s in apatinib.sites] == [
        ("Peking University People's Hospital", "Beijing", "China", "RECRUITING")
    ]
    assert [(c.name, c.phone, c.email) for c in apatinib.contacts] == [
        ("Xie Lu LuXie", "86+13401044719", "xie.lu@hotmail.com"),
        (
            "Peking University People's Hospital Lu Peking University People's Hospital",
            "86+01086491441",
            "xie.lu@hotmail.com",
        ),
    ]
