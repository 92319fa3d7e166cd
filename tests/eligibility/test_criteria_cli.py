"""`trialbot criteria show|coverage` through the command line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.cli import main
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.readers import read_document

PUBLIC = {"id", "kind", "text", "concept", "question", "answer_type", "rule", "needs_review"}


@pytest.fixture
def index_with_seeds(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An index dir with both seeds registered, named by TRIALBOT_INDEX_DIR."""
    catalog = FileTrialCatalog(tmp_path)
    for path in sorted(seeds_dir.iterdir()):
        for trial in read_document(path):
            catalog.register(trial, path)
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(tmp_path))
    return tmp_path


def test_show_json_lists_structured_criteria(
    index_with_seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """show --json prints the public fields of every structured criterion."""
    assert main(["criteria", "show", "NCT07479732", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(set(row) >= PUBLIC for row in rows)
    by_concept = {row["concept"]: row for row in rows}
    assert by_concept["prior_apatinib"]["rule"] == "prior_apatinib == yes"
    assert by_concept["ecog_level"]["answer_type"] == "choice"
    assert by_concept["age_years"]["rule"] == "age_years >= 12 and age_years <= 65"


def test_show_unknown_trial_exits_1(
    index_with_seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown id is a clear error with exit status 1."""
    assert main(["criteria", "show", "NCT00000000", "--json"]) == 1
    assert "NCT00000000" in capsys.readouterr().err


def test_coverage_of_seeds(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """coverage --json counts the seeds' criteria: all askable or for the study team."""
    assert main(["criteria", "coverage", str(seeds_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["trials"] == 2 and result["errors"] == []
    assert result["askable"] + result["review_only"] == result["criteria"]
    assert result["structured"] == result["criteria"]


def test_coverage_reports_bad_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document that cannot be read is listed in errors and the exit status is 1."""
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["criteria", "coverage", str(bad), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["trials"] == 0 and result["errors"][0]["path"] == str(bad)
