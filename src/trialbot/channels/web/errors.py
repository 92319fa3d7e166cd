"""The body of a 422: every validation error without its input value (which may be health data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def validation_body(errors: Sequence[Any]) -> dict[str, Any]:
    """`{"detail": "field: message; ...", "errors": [{"field", "message", "type"}]}`."""
    described = [describe_error(error) for error in errors]
    detail = "; ".join(
        f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in described
    )
    return {"detail": detail, "errors": described}


def describe_error(error: Any) -> dict[str, str]:
    """One validation error without the input value (which may be health data)."""
    location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if error.get("type") == "json_invalid":
        message = "the body is not valid JSON"
    return {"field": ".".join(location), "message": message, "type": str(error.get("type", ""))}
