"""Trial buttons carry readable names, and only distinctive protocol codes count as a pick."""

from __future__ import annotations

from pathlib import Path

from trialbot.dialog import intents
from trialbot.dialog.labels import distinctive_code, short_label
from trialbot.domain.trial import Trial
from trialbot.sources.readers import read_document


def _trial(full_corpus_dir: Path, trial_id: str) -> Trial:
    return read_document(full_corpus_dir / f"{trial_id}.json")[0]


def test_buttons_show_names_not_sponsor_codes(full_corpus_dir: Path) -> None:
    """ "18/SW/0021 CCR 4779", "PBC011", "2021-003398-79" never label a button; the title does."""
    puma = short_label(_trial(full_corpus_dir, "NCT03466944"))
    cart = short_label(_trial(full_corpus_dir, "NCT04265963"))
    ismart = short_label(_trial(full_corpus_dir, "NCT05658640"))
    assert puma.startswith("PUMA") and "0021" not in puma
    assert cart.startswith("CD123") and "PBC011" not in cart
    assert ismart == "HEM iSMART-D"
    assert all(len(label) <= 40 for label in (puma, cart, ismart))


def test_word_like_code_is_kept_as_the_label(seeds_dir: Path) -> None:
    """A protocol code that is a name ("DRAGONFLY") is the shortest readable label."""
    trials = [t for p in sorted(seeds_dir.iterdir()) for t in read_document(p)]
    assert "DRAGONFLY" in {short_label(t) for t in trials}


def test_short_numeric_codes_are_not_picks(full_corpus_dir: Path) -> None:
    """ "18 months" does not name the trial whose code is "18"; "2021-003398-79" does."""
    disc = _trial(full_corpus_dir, "NCT04144452")
    ismart = _trial(full_corpus_dir, "NCT05658640")
    assert (
        intents.match_trials("18 months", [disc]) is None
        or not intents.match_trials("18 months", [disc]).exact
    )
    named = intents.match_trials("the 2021-003398-79 study", [disc, ismart])
    assert named is not None and named.exact and named.trial_ids == ["NCT05658640"]
    assert [distinctive_code(c) for c in ("18", "00002", "ABP", "I242", "PBC011")] == [
        False, False, False, False, True,
    ]  # fmt: skip
