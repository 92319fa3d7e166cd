"""Redis client construction and error translation shared by the store and the inbox."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import redis

from trialbot.storage.errors import StoreError, StoreUnavailable


@contextmanager
def redis_errors(label: str) -> Iterator[None]:
    """Turn redis-py errors into storage errors that name the (redacted) server URL."""
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError) as exc:
        raise StoreUnavailable(f"Redis store {label} is unreachable: {exc}") from exc
    except redis.RedisError as exc:
        raise StoreError(f"Redis store {label} failed: {exc}") from exc


def connect_redis(server_url: str, label: str) -> redis.Redis:
    """A client for `server_url`, checked with PING (StoreUnavailable naming the URL otherwise)."""
    try:
        client = redis.Redis.from_url(
            server_url,
            decode_responses=True,
            socket_connect_timeout=3.0,
            socket_timeout=10.0,
            health_check_interval=30,
        )
    except ValueError as exc:
        raise StoreUnavailable(f"bad Redis store URL {label}: {exc}") from exc
    with redis_errors(label):
        client.ping()
    return client


class RedisBacked:
    """What every Redis-backed storage class shares: its client, PING and close."""

    client: redis.Redis

    def ping(self) -> bool:
        """True when the server answers PING."""
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()
