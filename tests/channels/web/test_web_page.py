"""The chat page, its static files and the staff sign-in (cookie) flow."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fakes import FakeCore, make_core

from trialbot.channels.web import create_app
from trialbot.channels.web.auth import COOKIE_NAME

TOKEN = "page-token-123"


def test_page_and_assets_are_served_without_a_token(fake_core: FakeCore) -> None:
    """Without a staff token `/` is the chat page, with its CSS and JS, under a strict CSP."""
    client = TestClient(create_app(fake_core))
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="log"' in page.text and "/static/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200


def test_page_script_never_uses_innerhtml() -> None:
    """Trial and user text reach the page only through textContent."""
    from trialbot.channels.web.page import STATIC_DIR

    script = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "textContent" in script


def test_page_shows_login_without_the_token() -> None:
    """With a token configured, `/` is a sign-in form (401) until the staff signs in."""
    client = TestClient(create_app(make_core(TOKEN)))
    page = client.get("/")
    assert page.status_code == 401
    assert 'name="token"' in page.text and 'id="log"' not in page.text


def test_token_in_query_sets_cookie_and_redirects_to_a_clean_address() -> None:
    """`/?token=` signs in once: a 303 to `/` with an HttpOnly, SameSite=Strict cookie."""
    client = TestClient(create_app(make_core(TOKEN)), follow_redirects=False)
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert TOKEN not in cookie
    assert client.get("/").status_code == 200
    assert client.get("/api/trials").status_code == 200


def test_wrong_token_in_query_is_refused() -> None:
    """A wrong `?token=` shows the form again with an error and sets no cookie."""
    client = TestClient(create_app(make_core(TOKEN)), follow_redirects=False)
    response = client.get("/?token=nope")
    assert response.status_code == 401 and "not right" in response.text
    assert "set-cookie" not in response.headers


def test_login_form_sets_cookie_and_logout_clears_it() -> None:
    """POST /login with the token signs in; a wrong token does not; POST /logout signs out."""
    client = TestClient(create_app(make_core(TOKEN)), follow_redirects=False)
    bad = client.post(
        "/login",
        content=b"token=wrong",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert bad.status_code == 401
    good = client.post(
        "/login",
        content=f"token={TOKEN}".encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert good.status_code == 303 and COOKIE_NAME in good.headers["set-cookie"]
    assert client.get("/api/trials").status_code == 200
    client.post("/logout")
    client.cookies.clear()
    assert client.get("/api/trials").status_code == 401


def test_blank_token_setting_means_no_token(fake_core: FakeCore) -> None:
    """A staff token of only spaces (an empty line in .env) is treated as no token at all."""
    client = TestClient(create_app(make_core("   ")))
    assert client.get("/api/trials").status_code == 200


def test_forged_cookie_is_refused() -> None:
    """A cookie holding the raw token or garbage does not open the API."""
    client = TestClient(create_app(make_core(TOKEN)))
    for value in (TOKEN, "garbage", ""):
        client.cookies.set(COOKIE_NAME, value)
        assert client.get("/api/trials").status_code == 401
