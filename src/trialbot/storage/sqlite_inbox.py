"""The durable Telegram update inbox in SQLite (table `telegram_updates`, same file as states)."""

from __future__ import annotations

import time
from pathlib import Path

from trialbot.storage.sqlite_db import SqliteDatabase


class SqliteUpdateInbox:
    """Updates stored before they are acknowledged; a handled update keeps only its id."""

    def __init__(
        self,
        path: Path | str,
        *,
        busy_timeout: float = 10.0,
        synchronous: str = "FULL",
        label: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.db = SqliteDatabase(
            self.path, busy_timeout=busy_timeout, synchronous=synchronous, label=label
        )

    def accept(self, update_id: int, payload: str) -> bool:
        """Store a new update durably; False when this update_id was seen before."""
        with self.db.connection() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO telegram_updates (update_id, payload, accepted_at) "
                "VALUES (?, ?, ?)",
                (int(update_id), payload, time.time()),
            )
            return cursor.rowcount == 1

    def pending(self) -> list[tuple[int, str]]:
        """Accepted updates not yet done, oldest first."""
        with self.db.connection() as conn:
            rows = conn.execute(
                "SELECT update_id, payload FROM telegram_updates WHERE done = 0 ORDER BY seq"
            ).fetchall()
        return [(int(uid), str(payload)) for uid, payload in rows]

    def mark_done(self, update_id: int) -> None:
        """Mark an update handled and drop its payload (the id stays for de-duplication)."""
        with self.db.connection() as conn:
            conn.execute(
                "UPDATE telegram_updates SET done = 1, payload = '' WHERE update_id = ?",
                (int(update_id),),
            )

    def prune(self, keep: int) -> int:
        """Forget done updates except the newest `keep`; pending ones are never pruned."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM telegram_updates WHERE done = 1 AND seq NOT IN "
                "(SELECT seq FROM telegram_updates WHERE done = 1 ORDER BY seq DESC LIMIT ?)",
                (max(0, int(keep)),),
            )
            return max(0, cursor.rowcount)

    def ping(self) -> bool:
        """True when the database file answers."""
        return self.db.ping()

    def close(self) -> None:
        """Close the pooled connections."""
        self.db.close()
