"""The durable Telegram update inbox in Redis (seen ids, pending ids, payloads; atomic scripts).

Durability of an acknowledged write is the server's: run Redis with `appendonly yes` in production.
"""

from __future__ import annotations

import redis

from trialbot.storage.redis_errors import RedisBacked, redis_errors

# KEYS: seen zset, pending zset, payload hash, sequence counter. ARGV: update_id, payload.
_ACCEPT = """
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
local seq = redis.call('INCR', KEYS[4])
redis.call('ZADD', KEYS[1], seq, ARGV[1])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
"""
# KEYS: seen zset, pending zset. ARGV: keep. Drops the oldest done ids beyond `keep`.
_PRUNE = """
local done = {}
for _, uid in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if not redis.call('ZSCORE', KEYS[2], uid) then table.insert(done, uid) end
end
local excess = #done - tonumber(ARGV[1])
for i = 1, excess do redis.call('ZREM', KEYS[1], done[i]) end
if excess < 0 then return 0 end
return excess
"""


class RedisUpdateInbox(RedisBacked):
    """Updates kept in Redis under `<prefix>inbox:*` until handled."""

    def __init__(self, client: redis.Redis, *, prefix: str = "trialbot:", label: str = "redis"):
        self.client = client
        self.label = label
        base = f"{prefix}inbox:"
        self._seen, self._pending = base + "seen", base + "pending"
        self._payloads, self._seq = base + "payloads", base + "seq"
        self._accept = client.register_script(_ACCEPT)
        self._prune = client.register_script(_PRUNE)

    def accept(self, update_id: int, payload: str) -> bool:
        """Store a new update; False when this update_id was seen before."""
        keys = [self._seen, self._pending, self._payloads, self._seq]
        with redis_errors(self.label):
            return bool(self._accept(keys=keys, args=[int(update_id), payload]))

    def pending(self) -> list[tuple[int, str]]:
        """Accepted updates not yet done, oldest first."""
        with redis_errors(self.label):
            ids = [str(i) for i in self.client.zrange(self._pending, 0, -1)]
            payloads = self.client.hmget(self._payloads, ids) if ids else []
        return [(int(i), str(p)) for i, p in zip(ids, payloads, strict=True) if p is not None]

    def mark_done(self, update_id: int) -> None:
        """Mark an update handled and drop its payload (the id stays for de-duplication)."""
        with redis_errors(self.label):
            pipe = self.client.pipeline(transaction=True)
            pipe.zrem(self._pending, int(update_id))
            pipe.hdel(self._payloads, str(int(update_id)))
            pipe.execute()

    def prune(self, keep: int) -> int:
        """Forget done updates except the newest `keep`; pending ones are never pruned."""
        with redis_errors(self.label):
            return int(self._prune(keys=[self._seen, self._pending], args=[max(0, int(keep))]))
