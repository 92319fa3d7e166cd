"""The direct answer to "Where do you live?" and the place after "near" name a place only with a
real place token: everyday words that are also country codes or gazetteer aliases ("it" Italy,
"me" Montenegro, "no" Norway, "im" Isle of Man, "sea" Seattle's airport code, "yes" Yasuj's) are
no place; "US", "UK", "uk" and "the uk" still are, and so are cities, states and countries."""

from __future__ import annotations

import pytest
from catalogue_helpers import small_trial

from trialbot.dialog.catalogue.matching import place_answer, place_in_text
from trialbot.domain.trial import Site
from trialbot.domain.turn import Incoming, Turn
from trialbot.evaluation.bench.catalogue import catalogue_service
from trialbot.service import ConversationService
from trialbot.sources.places import gazetteer

NO_PLACE = [
    "from it", "near me", "it", "me", "no", "NO", "IT", "yes", "ok", "im in bed",
    "I'm not sure where", "at home", "in my house", "we are in a small village",
    "i am at the hospital", "close to here", "same as before", "anywhere", "near my work",
    "i live with my mum", "the city", "I am", "as", "so", "to", "id", "man",
    "i live near the sea", "by the sea", "in town", "at my parents", "i live in it",
]  # fmt: skip
PLACES = [
    ("US", "US"), ("UK", "GB"), ("uk", "GB"), ("the uk", "GB"), ("in us", "US"),
    ("usa", "US"), ("Leeds", "GB"), ("in Paris", "FR"), ("near Lyon", "FR"),
    ("Houston, Texas", "US"), ("I live in the US", "US"), ("i'm from italy", "IT"),
    ("Manchester please", "GB"), ("I'm in Reading", "GB"), ("london uk", "GB"),
    ("LA", "US"), ("Mexico", "MX"), ("germany", "DE"),
]  # fmt: skip


def _talk(service: ConversationService, cid: str, *messages: str) -> Turn:
    turn = None
    for text in messages:
        turn = service.handle(Incoming(conversation_id=cid, text=text))
    assert turn is not None
    return turn


def _asks(turn: Turn) -> str | None:
    questions = [r for r in turn.replies if r.kind == "question"]
    return questions[-1].asks if questions else None


@pytest.mark.parametrize("said", NO_PLACE)
def test_everyday_words_are_no_place(said: str) -> None:
    """ "from it" was Italy, "near me" Montenegro, "im in bed" the Isle of Man."""
    assert place_answer(said) is None
    assert place_in_text(said) is None


@pytest.mark.parametrize(("said", "country"), PLACES)
def test_places_are_still_places(said: str, country: str) -> None:
    place = place_answer(said)
    assert place is not None and place.country_code == country


def test_a_citys_own_name_wins_over_another_citys_alias_and_codes_need_capitals() -> None:
    """ "Victoria, Canada" stays Victoria; "SEA" or "MAN" written in capitals are codes of
    Seattle and Manchester, in lower case they are words; "USA" is the country."""
    geo = gazetteer()
    seattle = geo.resolve("SEA")
    assert seattle is not None and seattle.name == "Seattle"
    assert geo.resolve("sea") is None and geo.resolve("yes") is None
    usa = geo.resolve("usa")
    assert usa is not None and usa.name == "United States"
    victoria = geo.resolve("Victoria, Canada")
    assert victoria is not None and victoria.country_code == "CA"


@pytest.mark.parametrize("said", ["from it", "near me", "im in bed", "IT"])
def test_the_place_question_is_asked_again_after_words_that_name_no_place(said: str) -> None:
    """In a catalogue conversation the answer stores no place and the question stays; "UK"
    is kept."""
    trials = [small_trial(f"NCT0000000{n}", ["Breast Cancer"]) for n in range(8)]
    service = catalogue_service(trials)
    assert _asks(_talk(service, "p", "Can I join a trial?", "breast cancer")) == "home_place"
    turn = _talk(service, "p", said)
    view = service.view("p")
    assert view is not None and "home_place" not in view.facts
    assert _asks(turn) == "home_place"
    _talk(service, "p", "UK")
    view = service.view("p")
    assert view is not None and view.facts["home_place"] == "United Kingdom"


def test_sites_near_me_use_the_place_given_not_montenegro() -> None:
    """ "Is there a site near me?" was answered with the sites nearest to Montenegro; it names
    the sites nearest to the place the person gave, and without one it is no place question."""
    sites = [
        Site(name="Centre Léon Bérard", city="Lyon", country="France", lat=45.743, lon=4.881),
        Site(name="Podgorica Clinic", city="Podgorica", country="Montenegro", lat=42.44, lon=19.26),
    ]
    service = catalogue_service([small_trial("BIG-1", ["Breast Cancer"], sites=sites)])
    turn = _talk(service, "near", "Can I join BIG-1?", "Is there a site near me?")
    assert "Montenegro" not in "\n".join(r.text for r in turn.replies)
