"""Read any supported trial document (v2 JSON, viewer text export, CTIS page) into trials."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

from trialbot.domain.trial import Trial
from trialbot.sources.ctgov import study_records, trial_from_study
from trialbot.sources.ctis_page import looks_like_ctis_page, trial_from_ctis_page
from trialbot.sources.errors import DocumentError

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_RAW_JSON = re.compile(r"(?im)^\s*Raw JSON\s*$")


def read_document(path: Path) -> list[Trial]:
    """The trials in one document; DocumentError with a clear reason when it cannot be read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(path, f"too large ({size} bytes) for a trial document")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot be read: {exc.strerror or exc}") from exc
    return parse_document(data, path)


def parse_document(data: bytes, path: Path) -> list[Trial]:
    """The trials in a document's bytes (path only names it in errors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, "not UTF-8 text (a binary file?)") from exc
    if not text.strip():
        raise DocumentError(path, "empty document")
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return _from_json_text(text, path)
    if _RAW_JSON.search(text):
        return _from_viewer_export(text, path)
    if looks_like_ctis_page(text):
        try:
            return [trial_from_ctis_page(text)]
        except ValueError as exc:
            raise DocumentError(path, f"EU CTIS page not understood: {exc}") from exc
    raise DocumentError(
        path,
        "unknown format: not ClinicalTrials.gov v2 JSON, a text export with 'Raw JSON', "
        "or an EU CTIS trial page",
    )


def _from_json_text(text: str, path: Path) -> list[Trial]:
    """A v2 study or search response written as JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(text.rstrip()) - 1:
            raise DocumentError(path, f"truncated JSON (ends early at {where})") from exc
        raise DocumentError(path, f"invalid JSON at {where}: {exc.msg}") from exc
    except RecursionError as exc:
        raise DocumentError(path, "JSON nested too deeply") from exc
    return _trials_from_data(data, path)


def _from_viewer_export(text: str, path: Path) -> list[Trial]:
    """A viewer export: header lines, 'Raw JSON', then the record as a Python literal or JSON."""
    match = _RAW_JSON.search(text)
    assert match is not None
    body = text[match.end() :].strip()
    if not body:
        raise DocumentError(path, "text export has nothing after 'Raw JSON'")
    data = _literal(body, path)
    return _trials_from_data(data, path)


def _literal(body: str, path: Path) -> Any:
    """Decode the record safely: JSON first, then a Python literal (never eval)."""
    try:
        return json.loads(body)
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        return ast.literal_eval(body)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        reason = "truncated" if _unbalanced(body) else "not a valid record literal"
        raise DocumentError(path, f"text export's 'Raw JSON' is {reason}: {exc}") from exc


def _unbalanced(body: str) -> bool:
    """True when brackets do not close (a cut-off record)."""
    return body.count("{") > body.count("}") or body.count("[") > body.count("]")


def _trials_from_data(data: Any, path: Path) -> list[Trial]:
    """Trials from a decoded v2 study, search page or list of studies."""
    records = study_records(data)
    if records is None:
        raise DocumentError(
            path, "JSON is not a ClinicalTrials.gov v2 study (no protocolSection...nctId)"
        )
    if not records:
        raise DocumentError(path, "search response holds no studies")
    trials = []
    for index, record in enumerate(records):
        try:
            trials.append(trial_from_study(record))
        except (ValueError, TypeError) as exc:
            raise DocumentError(path, f"study #{index + 1} is not usable: {exc}") from exc
    return trials
