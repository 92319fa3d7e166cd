"""The staff token: a Bearer header for API clients, a session cookie for the chat page."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import cookie_parser

COOKIE_NAME = "trialbot_staff"
# Declares the bearer scheme in OpenAPI; the check itself is `request_allowed` (cookie or header).
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="staffToken",
    description="`Authorization: Bearer <TRIALBOT_STAFF_TOKEN>` (the chat page uses a cookie)",
)


class StaffAuth:
    """Checks requests against `TRIALBOT_STAFF_TOKEN`; everything is open when no token is set."""

    REFUSAL = "staff token required: send `Authorization: Bearer <TRIALBOT_STAFF_TOKEN>`"

    def __init__(self, token: str | None) -> None:
        self._token = (token or "").strip() or None
        self._session = _derive_session(self._token) if self._token else None

    @property
    def enabled(self) -> bool:
        """True when a staff token is configured."""
        return self._token is not None

    @property
    def session_value(self) -> str:
        """The cookie value given after a good login (derived from the token, never the token)."""
        return self._session or ""

    def token_matches(self, candidate: str | None) -> bool:
        """Constant-time comparison of a presented token with the staff token."""
        if self._token is None:
            return True
        if not candidate:
            return False
        return hmac.compare_digest(candidate.encode(), self._token.encode())

    def request_allowed(self, request: Request) -> bool:
        """True when the request carries the token (Bearer) or a valid session cookie."""
        if self._token is None:
            return True
        return self.headers_allowed(
            request.headers.get("authorization", ""), request.headers.get("cookie", "")
        )

    def headers_allowed(self, authorization: str, cookie_header: str) -> bool:
        """True when an `Authorization: Bearer <token>` or a `Cookie:` header with the session
        cookie is valid (the raw header values; '' when absent)."""
        if self._token is None:
            return True
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and self.token_matches(credentials.strip()):
            return True
        cookie = cookie_parser(cookie_header).get(COOKIE_NAME, "") if cookie_header else ""
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.session_value.encode())

    async def require(
        self,
        request: Request,
        _bearer: HTTPAuthorizationCredentials | None = Security(BEARER),  # noqa: B008
    ) -> None:
        """FastAPI dependency: 401 unless the request is allowed."""
        if not self.request_allowed(request):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail=self.REFUSAL,
                headers={"WWW-Authenticate": "Bearer"},
            )


def _derive_session(token: str) -> str:
    """A cookie value that proves knowledge of the token without revealing it."""
    return hmac.new(token.encode(), b"trialbot-web-session-v1", hashlib.sha256).hexdigest()
