"""The catalogue search over the 651 registered trials reads a place said in a sentence ("any
trials near Leeds?"), reads back a yes or no said with doubt as the question-by-question walk
does, keeps a place typed instead of yes/no to an age read-back (the read-back stays), and starts
a question's failed-answer count again when another question was answered in between."""

from __future__ import annotations

import pytest

from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService

BREAST = "I have breast cancer"


def _talk(service: ConversationService, cid: str, *messages: str) -> Turn:
    turn = None
    for text in messages:
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    assert turn is not None
    return turn


def _asks(turn: Turn) -> str | None:
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1].asks if questions else None


def _facts(service: ConversationService, cid: str) -> dict[str, object]:
    view = service.view(cid)
    assert view is not None
    return dict(view.facts)


@pytest.mark.parametrize(
    ("message", "city"),
    [("any trials near Leeds?", "Leeds"), ("something close to Manchester", "Manchester"),
     ("anything in Paris, France?", "Paris"), ("not far from Bristol please", "Bristol"),
     ("trials in Leeds", "Leeds")],
)  # fmt: skip
def test_a_place_said_in_a_sentence_is_the_place(
    corpus_service: ConversationService, message: str, city: str
) -> None:
    """Only "live in / from ..." was read as a place; "near", "close to", "trials in" too now
    (the gazetteer reads the words after them)."""
    cid = f"near-{message}"
    assert _asks(_talk(corpus_service, cid, BREAST)) == "home_place"
    turn = _talk(corpus_service, cid, message)
    assert _asks(turn) not in (None, "home_place")
    assert _facts(corpus_service, cid)["home_place"] == city


def test_a_place_in_the_first_message_is_kept(corpus_service: ConversationService) -> None:
    turn = _talk(corpus_service, "near-first", "any trials near Leeds?")
    assert _asks(turn) == "condition"
    assert _facts(corpus_service, "near-first")["home_place"] == "Leeds"


@pytest.mark.parametrize(
    "message", ["near the end of chemo", "close to me", "I'm in a lot of pain", "not far from here"]
)
def test_words_after_near_that_are_no_place_are_not_one(
    corpus_service: ConversationService, message: str
) -> None:
    """ "the", "me", "in", "it" are gazetteer names too (Teresina, Montenegro, India, Italy):
    never a place without a city's name (two letters only in capitals: "UK")."""
    cid = f"noplace-{message}"
    _talk(corpus_service, cid, BREAST, message)
    assert "home_place" not in _facts(corpus_service, cid)


@pytest.mark.parametrize(
    ("hedged", "value"),
    [
        ("I think so", True),
        ("probably not", False),
        ("yes I think so", True),
        ("I don't think so", False),
        ("maybe yes", True),
        ("I believe so", True),
        ("probably yes", True),
        ("I doubt it", False),
        ("not that I know of", False),
    ],
)
def test_a_hedged_yes_or_no_is_read_back(
    corpus_service: ConversationService, hedged: str, value: bool
) -> None:
    """ "I think so" was taken as a yes at once; it is read back first, and counts on a yes."""
    cid = f"hedge-{hedged}"
    turn = _talk(corpus_service, cid, BREAST, "Leeds")
    asked = _asks(turn)
    assert asked == "cancer_spread"
    readback = _talk(corpus_service, cid, hedged)
    assert "So:" in readback.replies[-1].text and asked not in _facts(corpus_service, cid)
    after = _talk(corpus_service, cid, "yes")
    assert _facts(corpus_service, cid)[asked] is value and _asks(after) != asked


def test_a_hedged_answer_denied_asks_the_question_again(
    corpus_service: ConversationService,
) -> None:
    cid = "hedge-denied"
    _talk(corpus_service, cid, BREAST, "Leeds", "probably not")
    turn = _talk(corpus_service, cid, "no")
    assert _asks(turn) == "cancer_spread" and "cancer_spread" not in _facts(corpus_service, cid)
    _talk(corpus_service, cid, "no")
    assert _facts(corpus_service, cid)["cancer_spread"] is False


def test_a_plain_yes_is_taken_at_once(corpus_service: ConversationService) -> None:
    cid = "hedge-plain"
    turn = _talk(corpus_service, cid, BREAST, "Leeds", "yes")
    assert "So:" not in turn.replies[-1].text
    assert _facts(corpus_service, cid)["cancer_spread"] is True


@pytest.mark.parametrize("place", ["London", "Leeds, UK", "I live in Manchester"])
def test_a_place_typed_to_an_age_read_back_is_the_place(
    corpus_service: ConversationService, place: str
) -> None:
    """Misspelt place, "54" (read back as the age), then the place instead of yes/no: it got
    "please answer yes or no"; now the place is kept and the read-back asked again."""
    cid = f"rb-place-{place}"
    _talk(corpus_service, cid, BREAST, "Lodnon")
    assert "So:" in _talk(corpus_service, cid, "54").replies[-1].text
    turn = _talk(corpus_service, cid, place)
    text = "\n".join(r.text for r in turn.replies)
    assert "yes or no" not in text and "So:" in turn.replies[-1].text
    facts = _facts(corpus_service, cid)
    assert "home_place" in facts and "age_years" not in facts
    after = _talk(corpus_service, cid, "yes")
    assert _facts(corpus_service, cid)["age_years"] == 54 and _asks(after) != "home_place"


def test_another_answer_in_between_starts_the_failure_count_again(
    corpus_service: ConversationService,
) -> None:
    """Two failed answers to one question record "not sure"; an age confirmed between them
    starts the count again, so the place is asked once more."""
    cid = "rb-count"
    _talk(corpus_service, cid, BREAST, "Lodnon", "54", "yes")
    turn = _talk(corpus_service, cid, "Lodnn")
    assert _asks(turn) == "home_place" and "home_place" not in _facts(corpus_service, cid)
    _talk(corpus_service, cid, "London")
    assert _facts(corpus_service, cid)["home_place"] == "London"


def test_a_bare_age_to_a_yes_no_question_is_read_back_as_the_age(
    corpus_service: ConversationService,
) -> None:
    """ "45" to "Has the cancer spread?" was a failed answer; it is read back as the age and
    the question asked again."""
    cid = "yesno-age"
    _talk(corpus_service, cid, BREAST, "Leeds")
    turn = _talk(corpus_service, cid, "45")
    assert "So:" in turn.replies[-1].text and "45" in turn.replies[-1].text
    after = _talk(corpus_service, cid, "yes")
    assert _asks(after) == "cancer_spread"
    assert _facts(corpus_service, cid)["age_years"] == 45


@pytest.mark.parametrize(
    "message", ["my blood pressure is 120/80", "I weigh 60 kg", "I used to weigh 80 kg"]
)
def test_a_measure_said_to_the_age_question_is_no_age(
    corpus_service: ConversationService, message: str
) -> None:
    """ "my blood pressure is 120/80" to "How old are you?" was stored as the age 120; the
    measure is kept on the side (when plain) and the age asked again, with no failed answer."""
    cid = f"measure-{message}"
    turn = _talk(corpus_service, cid, BREAST, "Leeds", "yes")
    assert _asks(turn) == "age_years"
    turn = _talk(corpus_service, cid, message)
    assert _asks(turn) == "age_years" and "Sorry" not in turn.replies[-1].text
    assert "age_years" not in _facts(corpus_service, cid)
    assert "So:" in _talk(corpus_service, cid, "50").replies[-1].text  # it drops trials
    _talk(corpus_service, cid, "yes")
    assert _facts(corpus_service, cid)["age_years"] == 50


@pytest.mark.parametrize("age", ["45", "she's 45", "I am 70 years old", "12"])
def test_a_typed_age_that_drops_trials_is_read_back(
    corpus_service: ConversationService, age: str
) -> None:
    """The age typed to the catalogue's age question took trials off the shortlist at once (a
    misread number would hide them unseen); as in the walk, it is read back first and counts
    only on a yes; on a no nothing is kept and the age is asked again."""
    cid = f"age-rb-{age}"
    assert _asks(_talk(corpus_service, cid, BREAST, "Leeds", "no")) == "age_years"
    readback = _talk(corpus_service, cid, age)
    assert readback.replies[-1].text.startswith("So:") and "age" in readback.replies[-1].text
    assert "age_years" not in _facts(corpus_service, cid)
    after = _talk(corpus_service, cid, "yes")
    assert isinstance(_facts(corpus_service, cid)["age_years"], int) and _asks(after) != "age_years"
    denied = f"{cid}-no"
    _talk(corpus_service, denied, BREAST, "Leeds", "no", age)
    assert _asks(_talk(corpus_service, denied, "no")) == "age_years"
    assert "age_years" not in _facts(corpus_service, denied)


def test_an_age_said_to_the_place_question_that_drops_trials_is_read_back(
    corpus_service: ConversationService,
) -> None:
    """ "she is 45, we live in Leeds" to the place question keeps the place; the age, which
    would drop trials, is read back before it counts."""
    cid = "age-rb-side"
    _talk(corpus_service, cid, BREAST)
    turn = _talk(corpus_service, cid, "she is 45")
    assert turn.replies[-1].text.startswith("So:")
    assert "age_years" not in _facts(corpus_service, cid)
    _talk(corpus_service, cid, "yes")
    assert _facts(corpus_service, cid)["age_years"] == 45


@pytest.mark.parametrize("height", ["I'm 5 foot 6", "5'6", "she's 165 cm"])
def test_a_height_to_the_catalogue_age_question_is_no_age(
    corpus_service: ConversationService, height: str
) -> None:
    """ "I'm 5 foot 6" was stored as the age 5 (every adult trial dropped): nothing is kept, the
    person is told it sounds like a height and the age is asked again."""
    cid = f"height-{height}"
    _talk(corpus_service, cid, BREAST, "Leeds", "no")
    turn = _talk(corpus_service, cid, height)
    assert _asks(turn) == "age_years" and "height" in " ".join(r.text for r in turn.replies)
    assert "age_years" not in _facts(corpus_service, cid)
