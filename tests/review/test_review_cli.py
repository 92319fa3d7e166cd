"""`trialbot criteria review ID --export | --import` and review progress in `criteria show`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from review_helpers import CONSENT_TRIAL

from trialbot.cli import main


@pytest.fixture
def index_env(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The review index dir named by TRIALBOT_INDEX_DIR."""
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(index_dir))
    return index_dir


def _export(tmp_path: Path) -> tuple[Path, dict]:
    target = tmp_path / "review.yaml"
    assert main(["criteria", "review", CONSENT_TRIAL, "--export", str(target)]) == 0
    return target, yaml.safe_load(target.read_text("utf-8"))


def _entry(data: dict, criterion_id: str) -> dict:
    return next(e for e in data["criteria"] if e["id"] == criterion_id)


def test_edited_export_imports_and_shows_in_criteria_show(
    index_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A coordinator's edited export is applied, and `criteria show` reports the progress."""
    target, data = _export(tmp_path)
    _entry(data, "inc-3")["status"] = "study_team"
    _entry(data, "inc-4")["status"] = "confirmed"
    _entry(data, "inc-1").update(status="corrected", rule="histology_confirmed == yes")
    target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    assert main(["criteria", "review", CONSENT_TRIAL, "--import", str(target), "--by", "ana"]) == 0
    capsys.readouterr()
    assert main(["criteria", "show", CONSENT_TRIAL, "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["inc-3"]["needs_review"] and rows["inc-3"]["review"]["status"] == "study_team"
    assert rows["inc-4"]["confidence"] == "certain" and rows["inc-4"]["review"]["by"] == "ana"
    assert rows["inc-1"]["review"]["status"] == "corrected"
    assert rows["record-age"]["review"] is None
    assert main(["criteria", "show", CONSENT_TRIAL]) == 0
    assert f"{CONSENT_TRIAL}: 3/{len(rows)} reviewed" in capsys.readouterr().out


def test_import_with_one_bad_line_changes_nothing_and_names_the_line(
    index_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One unknown fact in a corrected rule rejects the whole file, naming its line and the fact;
    the good entries of the same file are not applied either."""
    target, _ = _export(tmp_path)
    lines = target.read_text("utf-8").splitlines()
    inc3 = lines.index("- id: inc-3")
    inc4 = lines.index("- id: inc-4")
    status_3 = next(i for i in range(inc3, len(lines)) if lines[i].startswith("  status:"))
    status_4 = next(i for i in range(inc4, len(lines)) if lines[i].startswith("  status:"))
    lines[status_3] = "  status: study_team"
    lines[status_4] = "  status: corrected"
    lines[status_4 + 1] = "  rule: age_yeers >= 2"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    capsys.readouterr()
    reviews = index_env / "trials" / CONSENT_TRIAL / "reviews.json"
    assert main(["criteria", "review", CONSENT_TRIAL, "--import", str(target), "--json"]) == 1
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["imported"] == 0 and result["reviewed"] == 0
    (error,) = result["errors"]
    assert error.startswith(f"line {inc4 + 1}: inc-4: unknown fact 'age_yeers'")
    assert "Nothing was changed." in captured.err
    assert not reviews.exists()


def test_import_refuses_a_criterion_whose_text_changed_since_the_export(
    index_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry whose text no longer matches the registry is an error: export again."""
    target, data = _export(tmp_path)
    _entry(data, "inc-4").update(status="confirmed", text="Participants must be 3 or older.")
    target.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    assert main(["criteria", "review", CONSENT_TRIAL, "--import", str(target)]) == 1
    assert "the text of inc-4 changed since the export" in capsys.readouterr().err
