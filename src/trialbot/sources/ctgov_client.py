"""A small ClinicalTrials.gov API v2 client: search with pageToken paging, fetch one study."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from trialbot.sources.errors import RegistryUnavailable

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_PAGE_SIZE = 1000
MAX_RETRY_AFTER = 60.0


class StudyNotFound(LookupError):
    """The registry has no study with that id."""


class CtgovClient:
    """Talks to `<base_url>/studies`; retries 429/5xx with backoff, honouring Retry-After."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        max_retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 20.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.max_retries = max_retries
        self.backoff = backoff
        self._sleep = sleep if sleep is not None else _sleep
        self._client = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": "trialbot"},
        )

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> CtgovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def search(
        self, query: str, status: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Studies matching a free-text query (optionally one overall status), up to `limit`."""
        studies: list[dict[str, Any]] = []
        token: str | None = None
        while limit is None or len(studies) < limit:
            params: dict[str, str] = {"query.term": query, "format": "json"}
            if status:
                params["filter.overallStatus"] = status.upper()
            want = MAX_PAGE_SIZE if limit is None else min(MAX_PAGE_SIZE, limit - len(studies))
            params["pageSize"] = str(max(1, want))
            if token:
                params["pageToken"] = token
            page = self._get_json("/studies", params)
            batch = page.get("studies") if isinstance(page, dict) else None
            studies.extend(s for s in batch or [] if isinstance(s, dict))
            token = page.get("nextPageToken") if isinstance(page, dict) else None
            if not token or not batch:
                break
        return studies if limit is None else studies[:limit]

    def fetch(self, nct_id: str) -> dict[str, Any]:
        """One study by NCT id (StudyNotFound when the registry has none)."""
        wanted = nct_id.strip().upper()
        data = self._get_json(f"/studies/{wanted}", {"format": "json"}, missing_ok=False)
        if not isinstance(data, dict):
            raise RegistryUnavailable(f"registry answered {wanted} with something not a study")
        return data

    def _get_json(self, path: str, params: dict[str, str], *, missing_ok: bool = True) -> Any:
        """GET with retries; RegistryUnavailable when the registry cannot be reached."""
        last_problem = "no attempt made"
        for attempt in range(self.max_retries + 1):
            try:
                response = self._client.get(path, params=params)
            except httpx.HTTPError as exc:
                last_problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                self._pause(attempt, None)
                continue
            if response.status_code in RETRY_STATUSES:
                last_problem = f"HTTP {response.status_code}"
                self._pause(attempt, response.headers.get("Retry-After"))
                continue
            if response.status_code == 404 and not missing_ok:
                raise StudyNotFound(f"no study {path.rsplit('/', 1)[-1]} in the registry")
            if response.status_code >= 400:
                raise RegistryUnavailable(
                    f"registry at {self.base_url} refused the request: HTTP {response.status_code}"
                )
            try:
                return response.json()
            except ValueError as exc:
                raise RegistryUnavailable(
                    f"registry at {self.base_url} sent a reply that is not JSON"
                ) from exc
        raise RegistryUnavailable(
            f"cannot reach the ClinicalTrials.gov registry at {self.base_url} "
            f"after {self.max_retries + 1} attempts ({last_problem})"
        )

    def _pause(self, attempt: int, retry_after: str | None) -> None:
        """Wait before the next attempt (none after the last one)."""
        if attempt >= self.max_retries:
            return
        delay = _retry_after_seconds(retry_after)
        if delay is None:
            delay = self.backoff * (2**attempt)
        self._sleep(min(delay, MAX_RETRY_AFTER))


def _sleep(seconds: float) -> None:
    """Wait (looked up at call time so tests can stand in for the clock)."""
    time.sleep(seconds)


def _retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta seconds or HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
