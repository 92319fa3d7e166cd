"""Parsing of store URLs (`sqlite:///path`, `redis://host:port/db`, `memory://`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from trialbot.storage.errors import UnknownStoreURL

SUPPORTED_SCHEMES = ("sqlite", "redis", "rediss", "memory")
OPTIONS = (
    "lock_timeout",
    "busy_timeout",
    "synchronous",
    "lock_buckets",
    "prefix",
    "ttl",
    "lock_ttl",
)


@dataclass(frozen=True)
class StoreURL:
    """A parsed store URL: scheme, SQLite path or server URL, and our own options."""

    raw: str
    scheme: str
    path: Path | None = None
    server_url: str = ""
    options: dict[str, str] = field(default_factory=dict)

    @property
    def safe(self) -> str:
        """The URL with any password hidden, fit for messages."""
        return redact(self.raw)


def redact(url: str) -> str:
    """The URL with the password (if any) replaced by `***`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<malformed url>"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def parse_store_url(url: str, own_options: tuple[str, ...]) -> StoreURL:
    """Split a store URL; `own_options` are query keys consumed here, not passed to the driver."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise UnknownStoreURL(f"malformed store URL {redact(url)!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in SUPPORTED_SCHEMES:
        raise UnknownStoreURL(
            f"unsupported store URL {redact(url)!r}: scheme {scheme or '(none)'!r} is not one of "
            f"{', '.join(s + '://' for s in SUPPORTED_SCHEMES)}"
        )
    query = parse_qsl(parts.query, keep_blank_values=True)
    options = {k: v for k, v in query if k in own_options}
    rest = [(k, v) for k, v in query if k not in own_options]
    if scheme in ("sqlite", "memory") and rest:
        names = ", ".join(sorted({k for k, _ in rest}))
        raise UnknownStoreURL(f"unknown option(s) {names} in store URL {redact(url)!r}")
    if scheme == "sqlite":
        path = _sqlite_path(url, parts.netloc, parts.path)
        return StoreURL(url, scheme, path=path, options=options)
    if scheme == "memory":
        return StoreURL(url, scheme, options=options)
    server = urlunsplit(parts._replace(query=urlencode(rest)))
    return StoreURL(url, scheme, server_url=server, options=options)


def _sqlite_path(url: str, netloc: str, path: str) -> Path:
    """`sqlite:///rel/x.db` is relative, `sqlite:////abs/x.db` absolute (SQLAlchemy's rule)."""
    if netloc:
        raise UnknownStoreURL(
            f"bad SQLite URL {redact(url)!r}: use sqlite:///relative/path or sqlite:////absolute/path"
        )
    relative = path[1:] if path.startswith("/") else path
    if not relative or relative == ":memory:":
        raise UnknownStoreURL(
            f"bad SQLite URL {redact(url)!r}: a file path is required (use memory:// for tests)"
        )
    return Path(relative)


def float_option(parsed: StoreURL, name: str, default: float | None) -> float | None:
    """A numeric query option in seconds; `none` or an empty value means no limit."""
    raw = parsed.options.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in ("", "none"):
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0 or value != value:
        raise UnknownStoreURL(f"bad option {name}={raw!r} in store URL {parsed.safe!r}")
    return value


def sqlite_synchronous(parsed: StoreURL) -> str:
    """The `synchronous` option for SQLite (FULL unless the URL says otherwise)."""
    value = parsed.options.get("synchronous", "FULL").upper()
    if value not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise UnknownStoreURL(f"bad option synchronous={value!r} in store URL {parsed.safe!r}")
    return value
