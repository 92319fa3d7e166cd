"""The literal-anchor prefilter: it only ever skips searches that could not have matched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from trialbot.eligibility import drugs, lexicon
from trialbot.eligibility.anchors import Anchored, Lexicon, contained_anchors, literal_anchors
from trialbot.eligibility.text import normalize
from trialbot.sources.readers import read_document


def test_anchors_of_alternatives_groups_and_optional_parts() -> None:
    """Each alternative gives its literal start; an optional part gives both starts."""
    assert literal_anchors(re.compile(r"heart failure|\bchf\b")) == (
        ("chf", True),
        ("heart failure", False),
    )
    assert literal_anchors(re.compile(r"x(?:y)?z|(?:major\s+)?surgery")) == (
        ("xy", False),
        ("xz", False),
        ("major", False),
        ("surgery", False),
    )


def test_no_anchors_when_a_match_may_start_with_anything() -> None:
    """A pattern that can start with a digit class or any character is always searched."""
    assert literal_anchors(re.compile(r"\d+ lines?|lines")) is None
    assert literal_anchors(re.compile(r"(?i)chf")) is None
    assert literal_anchors(re.compile(r".b")) is None
    assert literal_anchors(re.compile(r"a*b")) == (("a", False), ("b", False))


def test_contained_anchors_of_a_pattern_opening_with_anything() -> None:
    """A pattern that may start with anything is still skipped on a text without the literal
    starts of a later part that every match goes through; nothing when no part has any."""
    pattern = re.compile(r"(?:^|(?<=[.;] ))(?![^.;]*\bmust\b)[^.;]*\b(?:teratogenic|harmful)")
    assert literal_anchors(pattern) is None
    assert contained_anchors(pattern) == (("harmful", True), ("teratogenic", True))
    assert contained_anchors(re.compile(r"heart failure|\bchf\b")) == (
        ("chf", True),
        ("heart failure", False),
    )
    assert contained_anchors(re.compile(r".b")) == (("b", False),)
    assert contained_anchors(re.compile(r"\d+ lines?|lines")) is None
    assert contained_anchors(re.compile(r"(?i)x*chf")) is None
    teratogenic = Anchored(pattern)
    for text in ("it is teratogenic.", "patients must not take teratogenic drugs", "fetal harm"):
        assert (teratogenic.search(text) is None) is (pattern.search(text) is None)


def test_longer_spellings_of_an_anchor_are_not_tested_again() -> None:
    """Of "men and women" and its longer spellings only the shortest is looked for."""
    pattern = Anchored(r"both men and women(?:, and members of all races)?(?: are eligible)?")
    assert pattern._test.literals == ("both men and women",)
    assert pattern.search("both men and women, and members of all races") is not None
    assert pattern.search("both men or women") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("history of pe within 6 months", True),
        ("(pe) within 6 months", True),
        ("pe within 6 months", True),
        ("type 2 diabetes", False),  # "pe" inside a word is not a word start
        ("known hepatitis", False),
    ],
)
def test_word_start_anchor_agrees_with_the_pattern(text: str, found: bool) -> None:
    """A short anchor after \\b passes only where the pattern's own \\b would."""
    pattern = Anchored(r"embol|\bpe\b")
    assert (pattern.search(text) is not None) is found
    assert (pattern.search(text) is None) is (pattern.pattern.search(text) is None)


def test_a_short_anchor_both_at_a_word_start_and_anywhere_is_kept_anywhere() -> None:
    """`\\bpe\\b|pe\\d` matches "type2": the word-start "pe" must not hide the free "pe"."""
    pattern = Anchored(r"\bpe\b|pe\d")
    assert pattern.search("type2 diabetes") is not None


def _corpus_texts(folder: Path, every: int) -> list[str]:
    paths = sorted(folder.glob("*.json"))[::every]
    return [normalize(c.text).lower() for p in paths for t in read_document(p) for c in t.criteria]


def test_lexicon_matches_are_the_plain_searches(corpus_dir: Path, full_corpus_dir: Path) -> None:
    """On real criteria every table gives exactly the matches of searching each row's pattern."""
    texts = _corpus_texts(corpus_dir, 20) + _corpus_texts(full_corpus_dir, 7)
    tables: list[Lexicon] = [lexicon.CONDITIONS, lexicon.EVENTS, lexicon.REVIEWS, drugs._CLASS_RES]
    for table in tables:
        for text in texts:
            plain = [(c, m.span()) for c, p in table if (m := p.search(text))]
            assert [(c, m.span()) for c, m in table.matches(text)] == plain, text
