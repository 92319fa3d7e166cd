"""The live ClinicalTrials.gov importer against a loopback stand-in serving corpus records."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from ctgov_standin import StandinState, load_corpus_studies, serve_standin

from trialbot.sources.ctgov_client import CtgovClient, StudyNotFound
from trialbot.sources.errors import RegistryUnavailable


@pytest.fixture(scope="module")
def studies(corpus_dir: Path) -> list[dict]:
    """The corpus records the stand-in serves."""
    return load_corpus_studies(corpus_dir)


def _osteosarcoma_ids(studies: list[dict]) -> list[str]:
    """Ids of corpus studies mentioning osteosarcoma, in corpus order."""
    return [
        s["protocolSection"]["identificationModule"]["nctId"]
        for s in studies
        if "osteosarcoma" in str(s).lower()
    ]


def test_search_follows_page_tokens(studies: list[dict]) -> None:
    """A search walks every page via nextPageToken and returns all matches in order."""
    state = StandinState(studies)
    expected = _osteosarcoma_ids(studies)
    assert len(expected) >= 3
    with serve_standin(state) as url, CtgovClient(url) as client:
        found = client.search("osteosarcoma", None, None)
        limited = client.search("osteosarcoma", None, 2)
    assert [s["protocolSection"]["identificationModule"]["nctId"] for s in found] == expected
    assert len(limited) == 2


def test_limit_spans_pages_with_small_page_size(studies: list[dict], monkeypatch) -> None:
    """With small pages the client keeps asking with pageToken until the limit is reached."""
    monkeypatch.setattr("trialbot.sources.ctgov_client.MAX_PAGE_SIZE", 2)
    state = StandinState(studies)
    with serve_standin(state) as url, CtgovClient(url) as client:
        found = client.search("osteosarcoma", None, 5)
    assert len(found) == min(5, len(_osteosarcoma_ids(studies)))
    assert sum("pageToken=" in r for r in state.requests) >= 2


def test_status_filter_is_sent(studies: list[dict]) -> None:
    """--status becomes filter.overallStatus and only matching studies come back."""
    state = StandinState(studies)
    with serve_standin(state) as url, CtgovClient(url) as client:
        found = client.search("cancer", "not_yet_recruiting", 50)
    assert found
    assert {s["protocolSection"]["statusModule"]["overallStatus"] for s in found} == {
        "NOT_YET_RECRUITING"
    }
    assert "filter.overallStatus=NOT_YET_RECRUITING" in state.requests[0]


def test_429_then_success_is_retried(studies: list[dict]) -> None:
    """A 429 and a 503 with Retry-After are retried after the wait asked for; then success."""
    state = StandinState(studies, fail_next=[429, 503], retry_after="2")
    waits: list[float] = []
    with serve_standin(state) as url, CtgovClient(url, sleep=waits.append) as client:
        study = client.fetch("NCT00001465")
    assert study["protocolSection"]["identificationModule"]["nctId"] == "NCT00001465"
    assert len(state.requests) == 3
    assert waits == [2.0, 2.0]


def test_backoff_doubles_without_retry_after(studies: list[dict]) -> None:
    """Without Retry-After the waits grow exponentially from the backoff."""
    state = StandinState(studies, fail_next=[429, 502, 503], retry_after=None)
    waits: list[float] = []
    with serve_standin(state) as url, CtgovClient(url, backoff=0.01, sleep=waits.append) as c:
        found = c.search("osteosarcoma", "RECRUITING", 1)
    assert len(found) == 1
    assert waits == [0.01, 0.02, 0.04]


def test_persistent_failure_gives_clear_error(studies: list[dict]) -> None:
    """A registry that keeps answering 500 ends in RegistryUnavailable after the retries."""
    state = StandinState(studies, fail_next=[500] * 10, retry_after=None)
    with (
        serve_standin(state) as url,
        CtgovClient(url, max_retries=2, sleep=lambda s: None) as client,
        pytest.raises(RegistryUnavailable, match="after 3 attempts"),
    ):
        client.search("osteosarcoma", None, 5)
    assert len(state.requests) == 3


def test_unknown_study_is_not_found(studies: list[dict]) -> None:
    """A 404 for one id is StudyNotFound, not a registry outage."""
    with (
        serve_standin(StandinState(studies)) as url,
        CtgovClient(url) as client,
        pytest.raises(StudyNotFound),
    ):
        client.fetch("NCT99999999")


def test_unreachable_port_is_a_clear_error() -> None:
    """Nothing listening on the port → RegistryUnavailable naming the registry URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v2"
    with (
        CtgovClient(url, max_retries=1, sleep=lambda s: None) as client,
        pytest.raises(RegistryUnavailable, match=f"cannot reach .*127.0.0.1:{port}"),
    ):
        client.fetch("NCT00001465")
