"""The chat page at `/`, its static files, and the staff login (form or `?token=` once)."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from trialbot.channels.web.auth import COOKIE_NAME, StaffAuth

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_LOGIN_BODY = 4096
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "Cache-Control": "no-store",
}


def static_files() -> StaticFiles:
    """The page's CSS and JavaScript (no build step)."""
    return StaticFiles(directory=STATIC_DIR)


def build_page_router(auth: StaffAuth) -> APIRouter:
    """`GET /` (the chat page or the login form), `POST /login`, `POST /logout`."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    def index(request: Request, token: str | None = None) -> Response:
        """The chat page; with a staff token configured, a login form until the staff signs in."""
        if token is not None and auth.enabled:
            if auth.token_matches(token):
                return _signed_in(request, auth)
            return login_page("That token is not right.", status_code=401)
        if not auth.request_allowed(request):
            return login_page(status_code=401)
        return FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)

    @router.post("/login")
    async def login(request: Request) -> Response:
        """Check the token typed into the login form and set the session cookie."""
        body = await request.body()
        if len(body) > MAX_LOGIN_BODY:
            return login_page("That token is too long.", status_code=413)
        fields = parse_qs(body.decode("utf-8", errors="replace"))
        candidate = (fields.get("token") or [""])[0].strip()
        if not auth.enabled or auth.token_matches(candidate):
            return _signed_in(request, auth)
        return login_page("That token is not right.", status_code=401)

    @router.post("/logout")
    def logout() -> Response:
        """Forget the session cookie."""
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE_NAME, path="/")
        return response

    return router


def _signed_in(request: Request, auth: StaffAuth) -> Response:
    """Redirect to a clean `/` (no token in the address bar or history) with the cookie set."""
    response = RedirectResponse("/", status_code=303)
    if auth.enabled:
        response.set_cookie(
            COOKIE_NAME,
            auth.session_value,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
    return response


def login_page(error: str = "", status_code: int = 200) -> HTMLResponse:
    """The login form, with an optional error line."""
    template = (STATIC_DIR / "login.html").read_text(encoding="utf-8")
    message = f'<p class="login-error" role="alert">{html.escape(error)}</p>' if error else ""
    return HTMLResponse(
        template.replace("<!--error-->", message), status_code=status_code, headers=PAGE_HEADERS
    )
