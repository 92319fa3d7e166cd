"""Arbitrary input never crashes the splitter or the readers (only DocumentError comes out)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbot.sources.criteria_split import split_criteria
from trialbot.sources.errors import DocumentError
from trialbot.sources.readers import read_document

_PIECES = st.sampled_from(
    [
        "Inclusion Criteria:",
        "Exclusion Criteria:",
        "* ",
        "  * ",
        "1. ",
        "   a. ",
        "\n",
        "\n\n",
        "OR",
        "\\>=",
        "\\<",
        "Age 18",
        "Key Inclusion Criteria",
        ":",
        "•",
        "None",
        "<!-- -->",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40))
def test_split_never_crashes_and_ids_are_consistent(parts: list[str]) -> None:
    """Any text splits into non-empty criteria with ids inc-1.. / exc-1.. in order."""
    items = split_criteria("".join(parts))
    for kind, prefix in (("inclusion", "inc"), ("exclusion", "exc")):
        ids = [c.id for c in items if c.kind == kind]
        assert ids == [f"{prefix}-{n}" for n in range(1, len(ids) + 1)]
    assert all(c.text.strip() for c in items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.sampled_from(
            [b"{", b"[", b"Raw JSON\n{", b"Raw JSON\n", b'{"studies": [1, 2]}']
        ).flatmap(lambda head: st.binary(max_size=80).map(lambda tail: head + tail)),
    )
)
def test_readers_only_raise_document_errors(data: bytes) -> None:
    """Random bytes either read as trials or raise DocumentError, never anything else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            read_document(path)
        except DocumentError as exc:
            assert exc.reason


def test_odd_field_types_in_a_study(tmp_path: Path) -> None:
    """Numbers, nulls and wrong shapes in a v2 record are tolerated, not crashed on."""
    record = (
        '{"protocolSection": {"identificationModule": {"nctId": "NCT01234567", "briefTitle": null},'
        ' "statusModule": {"overallStatus": 5, "startDateStruct": "soon"},'
        ' "eligibilityModule": {"eligibilityCriteria": null, "minimumAge": 18, "sex": null},'
        ' "armsInterventionsModule": {"interventions": [{"name": null}, "x", {"name": "Drug A"}]},'
        ' "contactsLocationsModule": {"locations": "nowhere", "centralContacts": [{}]},'
        ' "designModule": {"phases": "PHASE2", "enrollmentInfo": {"count": "many"}}}}'
    )
    path = tmp_path / "odd.json"
    path.write_text(record)
    trial = read_document(path)[0]
    assert (trial.id, trial.title, trial.min_age_years) == ("NCT01234567", "NCT01234567", 18.0)
    assert [i.name for i in trial.interventions] == ["Drug A"]
    assert trial.sites == [] and trial.contacts == [] and trial.criteria == []
    assert trial.enrollment is None and trial.start_date is None and trial.phase is None
