"""Text helpers and the plain-words glossary."""

from __future__ import annotations

from trialbot.retrieval.glossary import Glossary, load_glossary
from trialbot.retrieval.text import clip_words, content_terms, split_sentences, stem


def test_stems_meet_across_word_forms() -> None:
    """Plural, -ing, -ed and -able forms share a stem."""
    assert stem("drugs") == stem("drug")
    assert stem("measured") == stem("measurable")
    assert stem("breastfeeding") == "breastfeed"
    assert stem("bleed") == stem("bleeding") == "bleed"  # '-eed' is no past tense


def test_british_and_american_spellings_share_a_stem() -> None:
    """'leukaemia'/'leukemia', 'tumours'/'tumor', 'paediatric'/'pediatric' meet; 'hour' stays."""
    assert stem("leukaemia") == stem("leukemia")
    assert stem("tumours") == stem("tumor")
    assert stem("paediatric") == stem("pediatric")
    assert stem("hours") == "hour" and stem("four") == "four"


def test_vague_words_and_contractions_are_no_topic() -> None:
    """ "I've", 'a certain amount' and 'easily' carry no topic."""
    assert content_terms("Can I join if I've been on steroids?") == ["steroid"]
    assert content_terms("Do I need to weigh a certain amount?") == ["weigh"]


def test_topic_terms_drop_filler_words() -> None:
    """Question filler ('can I join', 'my son') is not part of the topic."""
    assert content_terms("Can my son join if he takes steroids?") == ["steroid"]


def test_sentences_split_on_ends_and_keep_abbreviations() -> None:
    """'e.g.' does not end a sentence; full stops do."""
    text = "Use contraception (e.g., condoms) during the study. Then stop. Done"
    assert split_sentences(text) == [
        "Use contraception (e.g., condoms) during the study.",
        "Then stop.",
        "Done",
    ]


def test_clip_words_cuts_at_sentence_ends() -> None:
    """Pieces stay under the limit and keep whole sentences."""
    text = " ".join(["One two three four."] * 10)
    pieces = clip_words(text, 9)
    assert all(len(p.split()) <= 9 for p in pieces)
    assert all(p.endswith(".") for p in pieces)


def test_glossary_replaces_and_explains_once() -> None:
    """'orally' is swapped for plain words; 'refractory' keeps its word, plain words follow."""
    glossary = Glossary(
        [
            {"term": "orally", "plain": "by mouth", "mode": "replace"},
            {"term": "refractory", "plain": "did not respond to treatment", "mode": "explain"},
        ],
        {},
    )
    text = glossary.plain("Taken orally for refractory cancer; refractory means hard to treat.")
    assert text == (
        "Taken by mouth for refractory (did not respond to treatment) cancer; "
        "refractory means hard to treat."
    )


def test_glossary_leaves_terms_the_text_already_explains() -> None:
    """A term followed by its own explanation in brackets gets no second one."""
    glossary = load_glossary()
    text = "Given through intravenous use (delivered directly into a vein)."
    assert glossary.plain(text) == text


def test_shipped_glossary_has_the_lay_examples() -> None:
    """The shipped glossary rewrites 'intravenously' and explains 'refractory'."""
    glossary = load_glossary()
    assert "drip into a vein" in glossary.plain("It is administered intravenously.")
    assert "did not respond" in glossary.plain("Refractory osteosarcoma.")


def test_synonyms_widen_lay_words() -> None:
    """A lay word brings the document words for the same thing."""
    expanded = load_glossary().expand("Can I join while breastfeeding?")
    assert "lactat" in expanded


def test_synonym_phrases_match_whole_words_only() -> None:
    """A lay phrase counts where it stands as words, at either end or next to punctuation, and
    not where its letters sit inside a longer word ("pill" in "pillow", "iv" in "give")."""
    glossary = Glossary(
        [], {"pill": ["tablet"], "iv": ["intravenous"], "fake treatment": ["placebo"]}
    )
    found = lambda q: sorted(k for key, _ in glossary.synonym_groups(q) for k in key)  # noqa: E731
    assert found("Pill or drip?") == ["pill"]
    assert found("is it given by iv") == ["iv"]
    assert found("(iv), or a pill.") == ["iv", "pill"]
    assert found("might I get the fake treatment?") == ["fake", "treatment"]
    assert found("do they give a pillow for the night?") == []
    assert found("a fake treatments list") == []
    assert glossary.expand("Which pills?") == {}
