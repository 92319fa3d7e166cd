"""`trialbot ingest` and `trialbot trials` through the real command line entry point."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from ctgov_standin import StandinState, load_corpus_studies, serve_standin
from pydantic import BaseModel

from trialbot.cli import main

DRAGONFLY = "2026-525223-24-00"
APATINIB = "NCT07479732"
REPORT_KEYS = {"trials", "added", "updated", "unchanged", "errors", "index"}


@pytest.fixture(autouse=True)
def index_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every command in these tests works on a fresh index dir."""
    folder = tmp_path / "index"
    monkeypatch.setenv("TRIALBOT_INDEX_DIR", str(folder))
    return folder


def _run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    """Run a command and decode its one JSON document."""
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def test_ingest_seeds_json_report(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    """The JSON report has exactly the documented keys plus 'index'; a rerun is unchanged."""
    code, report = _run_json(capsys, "ingest", str(seeds_dir), "--json", "--no-index")
    assert code == 0
    assert isinstance(report, dict) and set(report) == REPORT_KEYS
    assert report == {
        "trials": 2,
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "index": None,
    }
    code, again = _run_json(capsys, "ingest", str(seeds_dir), "--json", "--no-index")
    assert code == 0 and isinstance(again, dict)
    assert (again["unchanged"], again["added"]) == (2, 0)


def test_ingest_rejects_bad_documents_with_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_dir: Path
) -> None:
    """Some rejected → exit 1, each error with path and reason; good ones still registered."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(seeds_dir / "001_c4c337ba658af602.txt", docs)
    (docs / "broken.json").write_text('{"studies": [')
    code, report = _run_json(capsys, "ingest", str(docs), "--json", "--no-index")
    assert code == 1 and isinstance(report, dict)
    assert report["added"] == 1
    assert report["errors"] == [
        {"path": str(docs / "broken.json"), "error": report["errors"][0]["error"]}
    ]
    assert "truncated" in report["errors"][0]["error"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """No path and no registry option, a bad limit, or an unknown flag → exit status 2."""
    assert main(["ingest"]) == 2
    assert "PATH" in capsys.readouterr().err
    assert main(["ingest", "--ctgov-query", "x", "--limit", "0"]) == 2
    assert main(["ingest", "some.json", "--status", "RECRUITING"]) == 2
    assert main(["ingest", "--ctgov-id", "NCT123", "--no-index"]) == 2
    assert "not an NCT id" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["ingest", "--no-such-flag"])
    assert caught.value.code == 2


def test_index_sync_result_is_reported(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --no-index the index sync runs after registering; its result goes under 'index'."""

    class FakeIndexReport(BaseModel):
        trials: int
        progress: bool

    calls: list[int] = []

    def fake_sync(settings, catalog, progress=False):  # type: ignore[no-untyped-def]
        calls.append(len(catalog.list_trials()))
        return FakeIndexReport(trials=len(catalog.list_trials()), progress=progress)

    monkeypatch.setattr("trialbot.bootstrap.sync_search_index", fake_sync)
    code, report = _run_json(capsys, "ingest", str(seeds_dir), "--json")
    assert code == 0 and isinstance(report, dict)
    assert report["index"] == {"trials": 2, "progress": False}
    assert calls == [2]


def test_index_failure_is_reported_not_crashed(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index sync that fails leaves the registered trials, reports the error, exits 1."""

    def broken_sync(settings, catalog, progress=False):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr("trialbot.bootstrap.sync_search_index", broken_sync)
    code, report = _run_json(capsys, "ingest", str(seeds_dir), "--json")
    assert code == 1 and isinstance(report, dict)
    assert report["added"] == 2 and "disk full" in report["index"]["error"]


def test_trials_list_and_show(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    """list gives id/title/status; show gives the normalized record, ids case-insensitive."""
    main(["ingest", str(seeds_dir), "--json", "--no-index"])
    capsys.readouterr()
    code, rows = _run_json(capsys, "trials", "list", "--json")
    assert code == 0
    assert rows == [
        {
            "id": DRAGONFLY,
            "title": "A study comparing mifamurtide to sorafenib for treating high-risk "
            "osteosarcoma in children and young adults",
            "status": "NOT_YET_RECRUITING",
        },
        {
            "id": APATINIB,
            "title": "Apatinib Combined With Liposomal Irinotecan for Refractory or "
            "Metastatic Osteosarcoma",
            "status": "RECRUITING",
        },
    ]
    code, record = _run_json(capsys, "trials", "show", "nct07479732", "--json")
    assert code == 0 and isinstance(record, dict)
    for key in (
        "id",
        "registry",
        "title",
        "summary",
        "conditions",
        "interventions",
        "phase",
        "status",
        "min_age_years",
        "max_age_years",
        "sex",
        "sites",
        "contacts",
        "criteria",
    ):
        assert key in record
    assert record["interventions"][1] == {
        "name": "Apatinib in arm1",
        "route": "oral",
        "description": record["interventions"][1]["description"],
    }
    assert record["criteria"][0]["id"] == "inc-1"
    assert set(record["sites"][0]) >= {"name", "city", "country", "status"}
    assert set(record["contacts"][0]) == {"name", "phone", "email"}


def test_trials_show_unknown_and_human_output(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    """Unknown id → clear message, exit 1; without --json the output is readable text."""
    assert main(["trials", "show", "NCT00000000"]) == 1
    assert "No trial 'NCT00000000' is registered" in capsys.readouterr().err
    assert main(["trials", "list"]) == 0
    assert "No trials registered yet" in capsys.readouterr().out
    main(["ingest", str(seeds_dir), "--no-index"])
    assert "2 trial(s) read: 2 added" in capsys.readouterr().out
    assert main(["trials", "show", DRAGONFLY]) == 0
    text = capsys.readouterr().out
    assert "Ages: 5 to 30 years" in text and "Sorafenib (oral)" in text
    assert main(["trials", "list"]) == 0
    assert APATINIB in capsys.readouterr().out


def test_live_import_from_standin(
    capsys: pytest.CaptureFixture[str],
    corpus_dir: Path,
    seeds_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--ctgov-query with --status/--limit and --ctgov-id (beside paths) register records."""
    state = StandinState(load_corpus_studies(corpus_dir, "NCT0[01]*.json"))
    with serve_standin(state) as url:
        monkeypatch.setenv("TRIALBOT_CTGOV_BASE_URL", url)
        code, report = _run_json(
            capsys,
            "ingest",
            "--ctgov-query",
            "cancer",
            "--status",
            "RECRUITING",
            "--limit",
            "3",
            "--ctgov-id",
            "NCT00001465",
            "--json",
            "--no-index",
        )
        assert code == 0 and isinstance(report, dict)
        assert (report["trials"], report["errors"]) == (4, [])
        code, mixed = _run_json(
            capsys, "ingest", "--ctgov-id", "nct00001532", str(seeds_dir), "--json", "--no-index"
        )
        assert code == 0 and isinstance(mixed, dict) and mixed["added"] == 3
        code, missing = _run_json(
            capsys, "ingest", "--ctgov-id", "NCT99999999", "--json", "--no-index"
        )
    assert code == 1 and isinstance(missing, dict)
    assert missing["errors"][0]["path"] == "ctgov:NCT99999999"
    code, rows = _run_json(capsys, "trials", "list", "--json")
    assert isinstance(rows, list) and len(rows) == 7


def test_live_import_unreachable_registry(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry nobody answers on → exit 1 and an error naming the registry."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TRIALBOT_CTGOV_BASE_URL", f"http://127.0.0.1:{port}/api/v2")
    monkeypatch.setattr("trialbot.sources.ctgov_client.time.sleep", lambda s: None)
    code, report = _run_json(capsys, "ingest", "--ctgov-query", "x", "--json", "--no-index")
    assert code == 1 and isinstance(report, dict)
    assert report["trials"] == 0
    assert "cannot reach the ClinicalTrials.gov registry" in report["errors"][0]["error"]


def test_ingest_prints_index_summary_table_not_a_dict(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --json the index sync is summed up as a table of labelled figures, not a raw dict
    (the --json report keeps its shape)."""

    class FakeIndexReport(BaseModel):
        trials: int = 2
        chunks: int = 80
        embedded_chunks: int = 80
        seconds: float = 12.5
        store: str = "index/chroma"

    monkeypatch.setattr(
        "trialbot.bootstrap.sync_search_index",
        lambda settings, catalog, progress=False: FakeIndexReport(),
    )
    assert main(["ingest", str(seeds_dir)]) == 0
    out = capsys.readouterr().out
    assert "{" not in out and "embedded_chunks" not in out
    assert "passages embedded now" in out and "12.5 s" in out and "search index" in out
