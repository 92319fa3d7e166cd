"""A loopback stand-in for the ClinicalTrials.gov API v2 serving corpus records."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class StandinState:
    """What the stand-in serves and what it saw."""

    studies: list[dict[str, Any]]
    fail_next: list[int] = field(default_factory=list)  # statuses to answer before succeeding
    retry_after: str | None = "0"
    requests: list[str] = field(default_factory=list)


def _handler(state: StandinState) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one state."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet."""

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            """/studies (search with pageToken) and /studies/<id>."""
            state.requests.append(self.path)
            if state.fail_next:
                status = state.fail_next.pop(0)
                extra = {"Retry-After": state.retry_after} if state.retry_after else {}
                self._send(status, {"error": "busy"}, extra)
                return
            url = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/api/v2/studies":
                self._search(params)
            elif url.path.startswith("/api/v2/studies/"):
                wanted = url.path.rsplit("/", 1)[-1]
                found = [s for s in state.studies if _nct(s) == wanted]
                if found:
                    self._send(200, found[0])
                else:
                    self._send(404, {"error": "not found"})
            else:
                self._send(404, {"error": "no such endpoint"})

        def _search(self, params: dict[str, str]) -> None:
            term = params.get("query.term", "").lower()
            status = params.get("filter.overallStatus")
            hits = [s for s in state.studies if term in json.dumps(s).lower()]
            if status:
                hits = [s for s in hits if _status(s) in status.split(",")]
            start = int(params.get("pageToken", "0") or 0)
            size = int(params.get("pageSize", "10"))
            page: dict[str, Any] = {"studies": hits[start : start + size]}
            if start + size < len(hits):
                page["nextPageToken"] = str(start + size)
            self._send(200, page)

    return Handler


def _nct(study: dict[str, Any]) -> str:
    """The study's NCT id."""
    return str(study["protocolSection"]["identificationModule"]["nctId"])


def _status(study: dict[str, Any]) -> str:
    """The study's overall status."""
    return str(study["protocolSection"].get("statusModule", {}).get("overallStatus", ""))


def load_corpus_studies(corpus_dir: Path, pattern: str = "*.json") -> list[dict[str, Any]]:
    """Corpus records to serve."""
    return [json.loads(p.read_text("utf-8")) for p in sorted(corpus_dir.glob(pattern))]


@contextmanager
def serve_standin(state: StandinState) -> Iterator[str]:
    """Run the stand-in on 127.0.0.1 (a free port); yields its API base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
