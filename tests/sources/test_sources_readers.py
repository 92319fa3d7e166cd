"""Format detection, normalizers and clear errors for unreadable documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialbot.sources.errors import DocumentError
from trialbot.sources.normalize import age_years, guess_route, sex_of, status_code
from trialbot.sources.readers import read_document


def _study(nct_id: str, **eligibility: str) -> dict:
    """A minimal v2 study record."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct_id, "briefTitle": f"Trial {nct_id}"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "eligibilityModule": {
                "eligibilityCriteria": "Inclusion Criteria:\n\n* Adults",
                **eligibility,
            },
        }
    }


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("18 Years", 18.0),
        ("6 Months", 0.5),
        ("2 Weeks", 0.0383),
        ("30 Days", 0.0821),
        ("1 Year", 1.0),
        (None, None),
        ("", None),
        ("N/A", None),
        ("old", None),
    ],
)
def test_ages_in_years(text: str | None, years: float | None) -> None:
    """Registry age strings become years (float, full precision) or None when missing."""
    assert age_years(text) == (None if years is None else pytest.approx(years, abs=5e-5))


def test_sex_and_status_codes() -> None:
    """ALL/FEMALE/MALE map to all/female/male; statuses become registry codes."""
    assert [sex_of(v) for v in ("ALL", "FEMALE", "male", None)] == ["all", "female", "male", "all"]
    assert status_code("Not yet recruiting") == "NOT_YET_RECRUITING"
    assert status_code("RECRUITING") == "RECRUITING"
    assert status_code("  ") is None


@pytest.mark.parametrize(
    ("text", "name", "route"),
    [
        ("Patients take drug X orally twice daily.", "X", "oral"),
        ("given as a subcutaneous injection every week", None, "subcutaneous"),
        ("Administered by IV infusion over 30 minutes", None, "intravenous"),
        ("Mifamurtide is given through a vein.", "Mifamurtide", "intravenous"),
        ("Sorafenib is taken by mouth.", "Sorafenib", "oral"),
        ("Patients with stage IV disease receive counselling.", None, None),
        ("apatinib orally daily with irinotecan given intravenously", "irinotecan", "intravenous"),
        ("", "X", None),
    ],
)
def test_route_guessing(text: str, name: str | None, route: str | None) -> None:
    """Routes come from the wording nearest the drug's name; 'stage IV' is not a route."""
    assert guess_route(text, name) == route


def test_search_response_and_single_study(tmp_path: Path) -> None:
    """A {'studies': [...]} page gives every study; a single study gives one."""
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"studies": [_study("NCT00000001"), _study("NCT00000002")]}))
    assert [t.id for t in read_document(page)] == ["NCT00000001", "NCT00000002"]
    single = tmp_path / "one.json"
    single.write_text(json.dumps(_study("nct00000003", sex="FEMALE", minimumAge="6 Months")))
    trial = read_document(single)[0]
    assert (trial.id, trial.sex, trial.min_age_years, trial.max_age_years) == (
        "NCT00000003",
        "female",
        0.5,
        None,
    )


def test_viewer_export_with_json_body(tmp_path: Path) -> None:
    """A viewer export whose 'Raw JSON' body is real JSON reads too."""
    doc = tmp_path / "export.txt"
    doc.write_text("Viewing Study NCT00000004\n\nRaw JSON\n\n" + json.dumps(_study("NCT00000004")))
    assert read_document(doc)[0].id == "NCT00000004"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty document"),
        (b"   \n\n", "empty document"),
        (b'{"protocolSection": {"identificationModule": {"nctId": "NCT1"', "truncated JSON"),
        (b'{"a": 1,, }', "invalid JSON"),
        (b'{"hello": "world"}', "not a ClinicalTrials.gov v2 study"),
        (b'{"studies": []}', "holds no studies"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        (b"Just some notes about a trial.", "unknown format"),
        (b"Header\nRaw JSON\n{'protocolSection': {'identificationModule': {'nctId'", "truncated"),
        (b"Header\nRaw JSON\n__import__('os').system('true')", "not a valid record literal"),
        (b"Header\nRaw JSON\n", "nothing after 'Raw JSON'"),
    ],
)
def test_bad_documents_raise_clear_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    """Unreadable, empty, truncated and unknown documents raise DocumentError naming the cause."""
    doc = tmp_path / "bad.json"
    doc.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document(doc)
    assert reason in caught.value.reason
    assert caught.value.path == doc


def test_missing_file_is_a_document_error(tmp_path: Path) -> None:
    """A path that cannot be opened is reported, not crashed on."""
    with pytest.raises(DocumentError, match="cannot be read"):
        read_document(tmp_path / "nope.json")
