"""open_store URL handling: schemes, paths, options, and clear errors naming the URL."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from trialbot.storage import (
    MemoryConversationStore,
    RedisConversationStore,
    SqliteConversationStore,
    StoreUnavailable,
    UnknownStoreURL,
    open_store,
)
from trialbot.storage.inbox import open_inbox


@pytest.mark.parametrize("url", ["postgres://localhost/db", "ftp://x", "no-scheme", ""])
def test_unknown_scheme_names_the_url(url: str) -> None:
    """An unsupported scheme raises UnknownStoreURL quoting the URL and the supported schemes."""
    with pytest.raises(UnknownStoreURL) as err:
        open_store(url)
    assert repr(url) in str(err.value)
    assert "sqlite://" in str(err.value)


def test_unknown_scheme_is_a_value_error() -> None:
    """Callers catching ValueError for bad configuration also catch a bad URL."""
    with pytest.raises(ValueError):
        open_inbox("mongodb://x")


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite://host/x"]
)
def test_bad_sqlite_urls(url: str) -> None:
    """A SQLite URL without a usable file path is refused clearly."""
    with pytest.raises(UnknownStoreURL, match="SQLite"):
        open_store(url)


def test_unknown_option_and_bad_values_are_refused(tmp_path: Path) -> None:
    """Unknown or malformed query options raise UnknownStoreURL, never silently ignored."""
    base = f"sqlite:///{tmp_path.as_posix()}/a.sqlite3"
    for query in ("?colour=red", "?lock_timeout=soon", "?lock_timeout=-1", "?synchronous=maybe"):
        with pytest.raises(UnknownStoreURL):
            open_store(base + query)


def test_unreachable_redis_names_url_without_password() -> None:
    """A Redis URL nobody answers raises StoreUnavailable naming the URL, password hidden."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"redis://user:s3cret-pw@127.0.0.1:{port}/0"
    with pytest.raises(StoreUnavailable) as err:
        open_store(url)
    message = str(err.value)
    assert f"127.0.0.1:{port}" in message
    assert "s3cret-pw" not in message
    with pytest.raises(StoreUnavailable):
        open_inbox(url)


def test_unopenable_sqlite_file_names_url(tmp_path: Path) -> None:
    """A SQLite path that is a directory raises StoreUnavailable naming the URL."""
    (tmp_path / "adir").mkdir()
    url = f"sqlite:///{tmp_path.as_posix()}/adir"
    with pytest.raises(StoreUnavailable, match="adir"):
        open_store(url)


def test_relative_sqlite_path_and_parent_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sqlite:///rel/path` is relative to the working directory; missing parents are created."""
    monkeypatch.chdir(tmp_path)
    store = open_store("sqlite:///var/deep/conv.sqlite3")
    assert isinstance(store, SqliteConversationStore)
    store.save("a", "{}")
    assert (tmp_path / "var" / "deep" / "conv.sqlite3").is_file()
    absolute = open_store(f"sqlite:///{(tmp_path / 'abs.sqlite3').as_posix()}")
    assert isinstance(absolute, SqliteConversationStore)
    assert absolute.path == tmp_path / "abs.sqlite3"


def test_scheme_picks_class(tmp_path: Path, redis_url: str) -> None:
    """Each scheme gives its store class."""
    assert isinstance(open_store("memory://"), MemoryConversationStore)
    assert isinstance(open_store(f"sqlite:///{tmp_path}/s.db"), SqliteConversationStore)
    assert isinstance(open_store(redis_url), RedisConversationStore)
    assert isinstance(open_store("MEMORY://"), MemoryConversationStore)


def test_settings_default_url_opens(tmp_path: Path) -> None:
    """The URL Settings builds by default (a file in the index dir) opens as SQLite."""
    from trialbot.settings import load_settings

    settings = load_settings(TRIALBOT_INDEX_DIR=tmp_path / "index", TRIALBOT_DATABASE_URL=None)
    store = open_store(settings.resolved_database_url)
    assert isinstance(store, SqliteConversationStore)
    assert store.path == tmp_path / "index" / "conversations.sqlite3"
