"""Reads free-text eligibility criteria into checks over patient facts, and the fact vocabulary."""

from trialbot.eligibility.reader import read_criteria, read_criterion
from trialbot.eligibility.vocabulary import fact_labels, fact_spec, fact_specs

__all__ = ["fact_labels", "fact_spec", "fact_specs", "read_criteria", "read_criterion"]
