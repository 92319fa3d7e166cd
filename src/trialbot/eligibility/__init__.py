"""Reads free-text eligibility criteria into checks over patient facts, and the fact vocabulary."""

from trialbot.eligibility.vocabulary import fact_labels, fact_spec, fact_specs

__all__ = ["fact_labels", "fact_spec", "fact_specs"]
