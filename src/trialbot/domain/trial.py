"""The normalized trial record shared by every registry reader (shape in docs/interfaces)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Registry = Literal["ctgov", "ctis"]
CriterionKind = Literal["inclusion", "exclusion"]
Sex = Literal["all", "female", "male"]


class Intervention(BaseModel):
    """A drug or procedure given in the trial, with how it is given when the source says."""

    name: str
    route: str | None = None  # "oral", "intravenous", "subcutaneous", ... or None when unknown
    description: str = ""


class Site(BaseModel):
    """A place where the trial runs (lat/lon in decimal degrees when the registry gives them)."""

    name: str | None = None
    city: str | None = None
    country: str | None = None
    status: str | None = None  # e.g. "RECRUITING", "NOT_YET_RECRUITING"
    state: str | None = None
    postal_code: str | None = None
    lat: float | None = None  # the registry's geoPoint
    lon: float | None = None


class Contact(BaseModel):
    """Someone at the study team a patient can reach."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


class CriterionText(BaseModel):
    """One eligibility criterion as written, split out of the registry text."""

    id: str  # stable within a trial, e.g. "inc-3", "exc-12"
    kind: CriterionKind
    text: str


class Arm(BaseModel):
    """An arm group of the trial: its label, type (EXPERIMENTAL, PLACEBO_COMPARATOR...) and text."""

    label: str
    type: str | None = None
    description: str = ""
    interventions: list[str] = Field(default_factory=list)


class Outcome(BaseModel):
    """A primary or secondary outcome measure with its time frame."""

    kind: Literal["primary", "secondary"]
    measure: str
    description: str = ""
    time_frame: str = ""


class Design(BaseModel):
    """The study design as the registry codes it (None when not given)."""

    study_type: str | None = None  # INTERVENTIONAL, OBSERVATIONAL
    allocation: str | None = None  # RANDOMIZED, NON_RANDOMIZED, NA
    intervention_model: str | None = None  # PARALLEL, SINGLE_GROUP, CROSSOVER...
    primary_purpose: str | None = None  # TREATMENT, PREVENTION, SUPPORTIVE_CARE...
    masking: str | None = None  # NONE, SINGLE, DOUBLE, TRIPLE, QUADRUPLE
    who_masked: list[str] = Field(default_factory=list)


class AgeLimit(BaseModel):
    """An age limit as the registry wrote it: value and unit ("28 Days" -> 28, "days")."""

    value: float
    unit: Literal["years", "months", "weeks", "days", "hours", "minutes"]


class ConditionExplanation(BaseModel):
    """A plain-language explanation of a condition, as some registries publish it."""

    term: str
    text: str


class Trial(BaseModel):
    """A trial normalized from any registry document."""

    id: str
    registry: Registry
    title: str
    summary: str = ""
    conditions: list[str] = Field(default_factory=list)
    interventions: list[Intervention] = Field(default_factory=list)
    phase: str | None = None
    status: str | None = None
    min_age_years: float | None = None
    max_age_years: float | None = None
    sex: Sex = "all"
    sites: list[Site] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    criteria: list[CriterionText] = Field(default_factory=list)
    # Extensions beyond the v1 interface shape.
    official_title: str | None = None
    description: str = ""
    protocol_code: str | None = None
    sponsor: str | None = None
    enrollment: int | None = None
    start_date: str | None = None
    end_date: str | None = None  # the registry's (planned) completion date
    why_stopped: str | None = None  # the registry's reason a trial stopped or was withdrawn
    condition_explanations: list[ConditionExplanation] = Field(default_factory=list)
    # v2 extensions: ages as written, design, arms, outcomes, keywords and MeSH terms.
    min_age: AgeLimit | None = None
    max_age: AgeLimit | None = None
    design: Design | None = None
    arms: list[Arm] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    mesh_terms: list[str] = Field(default_factory=list)  # condition MeSH terms and ancestors
    collaborators: list[str] = Field(default_factory=list)
