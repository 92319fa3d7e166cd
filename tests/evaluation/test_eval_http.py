"""`trialbot eval --url`: scripts replayed over the real web chat API on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.cli import main
from trialbot.evaluation.bench.web import web_server
from trialbot.settings import Settings

pytestmark = pytest.mark.slow

CONVERSATIONS = Path(__file__).resolve().parents[1] / "conversations"
OVER_HTTP = (
    "dragonfly_age_too_old",
    "pick_trial_from_list",
    "qa_how_mifamurtide_is_given",
    "forget_erases_answers",
    "both_trials_age_70",
    "dragonfly_likely_eligible_patient",
)


def test_scripts_pass_over_the_web_api(
    tmp_path: Path,
    seed_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Scope, buttons, citations, /forget and a simulated patient all work through /api/chat."""
    database = f"sqlite:///{(tmp_path / 'web.sqlite3').as_posix()}"
    with web_server(seed_settings.index_dir, database, tmp_path / "web.log") as server:
        monkeypatch.setenv("TRIALBOT_STAFF_TOKEN", server.token)
        paths = [str(CONVERSATIONS / f"{name}.yaml") for name in OVER_HTTP]
        status = main(["eval", *paths, "--url", server.url, "--json"])
        report = json.loads(capsys.readouterr().out)
        assert status == 0, json.dumps(report, indent=2)
        assert report["passed"] == len(OVER_HTTP)
        monkeypatch.setenv("TRIALBOT_STAFF_TOKEN", "wrong-token")
        assert main(["eval", paths[0], "--url", server.url, "--json"]) == 1
        refused = json.loads(capsys.readouterr().out)["results"][0]["failures"][0]
        assert "401" in refused["actual"] or "403" in refused["actual"]
