"""The review API over the real core: criteria with reviews, PUT confirm / correct / study team."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from review_helpers import CONSENT_TRIAL, RADIOTHERAPY_TRIAL, NoAnswers, make_settings

from trialbot.bootstrap import build_core
from trialbot.channels.web import create_app
from trialbot.storage import open_store

TOKEN = "review-staff-token"


@pytest.fixture
def client(index_dir: Path) -> TestClient:
    """The web app over the real core, with a staff token."""
    settings = make_settings(index_dir, TRIALBOT_STAFF_TOKEN=TOKEN)
    core = build_core(settings, store=open_store("memory://"), answerer=NoAnswers())
    web = TestClient(create_app(core))
    web.headers["Authorization"] = f"Bearer {TOKEN}"
    return web


def test_criteria_route_needs_the_staff_token(client: TestClient) -> None:
    """Without the token the criteria and the page are refused."""
    del client.headers["Authorization"]
    assert client.get(f"/api/trials/{CONSENT_TRIAL}/criteria").status_code == 401
    assert client.get("/criteria").status_code == 401


def test_get_criteria_gives_readings_in_words_and_no_review_yet(client: TestClient) -> None:
    """GET lists every criterion as `criteria show --json` does, with the reading in words."""
    rows = client.get(f"/api/trials/{CONSENT_TRIAL}/criteria").json()
    by_id = {row["id"]: row for row in rows}
    assert by_id["inc-4"]["rule"] == "age_years >= 2"
    assert by_id["inc-4"]["reading_words"] == "Required: the age at least 2 years"
    assert all(row["review"] is None for row in rows)
    assert "condition" not in by_id["inc-4"]


def test_put_confirm_correct_and_study_team(client: TestClient) -> None:
    """Each action is stored and returned applied; progress counts them."""
    base = f"/api/trials/{RADIOTHERAPY_TRIAL}/criteria"
    confirmed = client.put(f"{base}/record-age", json={"status": "confirmed", "by": "ana"}).json()
    assert confirmed["review"]["status"] == "confirmed" and confirmed["confidence"] == "certain"
    corrected = client.put(
        f"{base}/exc-2", json={"status": "corrected", "rule": "last_radiotherapy ever"}
    ).json()
    assert corrected["needs_review"] is False and corrected["concept"] == "last_radiotherapy"
    assert corrected["reading_words"] == "Excluded if: ever had radiotherapy"
    team = client.put(f"{base}/exc-1", json={"status": "study_team"}).json()
    assert team["needs_review"] and team["question"] is None
    progress = client.get("/api/reviews").json()
    assert (
        progress[RADIOTHERAPY_TRIAL]["reviewed"] == 3 and progress[RADIOTHERAPY_TRIAL]["stale"] == 0
    )


def test_put_with_a_bad_rule_names_the_unknown_fact_and_stores_nothing(
    client: TestClient, index_dir: Path
) -> None:
    """A corrected rule with an unknown fact is a 422 naming it; an unknown criterion is a 404."""
    base = f"/api/trials/{CONSENT_TRIAL}/criteria"
    bad = client.put(f"{base}/inc-4", json={"status": "corrected", "rule": "age >= 2"})
    assert bad.status_code == 422 and "unknown fact 'age'" in bad.json()["detail"]
    assert client.put(f"{base}/inc-99", json={"status": "confirmed"}).status_code == 404
    assert (
        client.put("/api/trials/NCT0/criteria/inc-1", json={"status": "confirmed"}).status_code
        == 404
    )
    assert not (index_dir / "trials" / CONSENT_TRIAL / "reviews.json").exists()
