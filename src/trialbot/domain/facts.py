"""Patient facts: typed attributes of a person, independent of any trial.

A fact value, as stored in a profile, is JSON-friendly:
- yes_no: ``True`` / ``False``
- number: ``int`` or ``float`` in the fact's unit (e.g. ms, %, years)
- choice: the ``value`` of one of the fact's choices (a ``str``)
- date:   an ISO date string ``"2025-10-01"`` of the most recent occurrence, or ``NEVER``
Any fact may also hold ``UNKNOWN``: the patient was asked and does not know (handed to the
study team). A fact that is absent from the profile has simply not been asked yet.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from pydantic import BaseModel, Field

AnswerType = Literal["yes_no", "number", "choice", "date"]
FactValue: TypeAlias = bool | int | float | str
Profile: TypeAlias = dict[str, FactValue]

UNKNOWN = "unknown"
NEVER = "never"
# Facts the dialog never asks: known only when given on the way (the country of the place a
# catalogue search was told); while unknown, a criterion that needs one is for the study team.
NOT_ASKED = frozenset({"home_country"})


class Choice(BaseModel):
    """One allowed value of a choice fact, with the words shown on its button."""

    value: str
    label: str
    synonyms: list[str] = Field(default_factory=list)  # free-text words that mean this choice


class FactSpec(BaseModel):
    """How a fact is typed, asked and read."""

    id: str  # stable snake_case, e.g. "age_years", "qtc_ms", "prior_apatinib"
    answer_type: AnswerType
    question: str  # plain-language question, from prompts/
    help: str | None = None  # one-line explanation of jargon, from prompts/
    unit: str | None = None  # "years", "ms", "%", "mmHg", ...
    choices: list[Choice] = Field(default_factory=list)
    minimum: float | None = None  # plausible range for numbers, used to reject typos
    maximum: float | None = None
    asked_only_if: dict[str, FactValue] = Field(default_factory=dict)  # e.g. {"sex": "female"}
    knockout: bool = False  # asked early: decides many trials at once (age, sex, pregnancy...)
