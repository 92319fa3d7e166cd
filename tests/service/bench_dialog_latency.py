"""Dialog turn latency in process (no retrieval): p50/p95/p99 over many seed conversations.

Run: .venv/bin/python tests/service/bench_dialog_latency.py [--store sqlite|memory] [--turns N]
Uses the real criteria engine and checker over the two seeds; questions never reach retrieval.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "dialog"))

from dialog_fakes import TODAY, FakeAnswerer, ListCatalog, MemoryStore, seed_trials  # noqa: E402

from trialbot.domain.ports import ConversationStore  # noqa: E402
from trialbot.domain.turn import Incoming, Turn  # noqa: E402
from trialbot.service import ConversationService  # noqa: E402

SEEDS = HERE.parents[1].parent / "shared" / "seeds"
ANSWERS = {
    "age_years": "16", "sex": "male", "disease_status": "stable", "ecog_level": "0",
    "qtc_ms": "420 ms", "lvef_percent": "60%", "systolic_bp_mmhg": "120",
    "diastolic_bp_mmhg": "80",
}  # fmt: skip
DATES = "never"


def _reply_for(turn: Turn) -> str:
    questions = [r for r in turn.replies if r.kind == "question"]
    if not questions:
        return "/restart"
    fact = questions[-1].asks or ""
    if fact in ANSWERS:
        return ANSWERS[fact]
    if fact.startswith("last_") or fact == "other_cancer":
        return DATES
    return "yes" if fact in ("histology_confirmed", "swallow_tablets") else "no"


def _percentiles(timings: list[float]) -> dict[str, float]:
    quantiles = statistics.quantiles(timings, n=100)
    return {
        "p50_ms": round(statistics.median(timings), 3),
        "p95_ms": round(quantiles[94], 3),
        "p99_ms": round(quantiles[98], 3),
        "mean_ms": round(statistics.fmean(timings), 3),
    }


def measure(service: ConversationService, turns: int, conversations: int = 60) -> dict[str, Any]:
    """Milliseconds per handle() call, wall clock and CPU time (the CPU figure ignores time the
    process waited for a core on a busy machine); the first 5 % are a warm-up and dropped."""
    wall: list[float] = []
    cpu: list[float] = []
    per_conversation = max(1, turns // conversations)
    for number in range(conversations):
        cid = f"bench-{number}"
        turn = service.handle(Incoming(conversation_id=cid, text="/start"))
        for _ in range(per_conversation):
            text = _reply_for(turn)
            started, started_cpu = time.perf_counter(), time.thread_time()
            turn = service.handle(Incoming(conversation_id=cid, text=text))
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    skip = len(wall) // 20
    return {
        "turns": len(wall) - skip,
        "wall": _percentiles(wall[skip:]),
        "cpu": _percentiles(cpu[skip:]),
    }


def build_service(store_kind: str, workdir: Path) -> ConversationService:
    """The service over the seeds with the real criteria engine and the chosen store."""
    store: ConversationStore
    if store_kind == "sqlite":
        from trialbot.storage import open_store

        store = open_store(f"sqlite:///{workdir / 'bench.sqlite3'}")
    else:
        store = MemoryStore()
    catalog = ListCatalog(seed_trials(SEEDS))
    return ConversationService(catalog, store, FakeAnswerer(), today=lambda: TODAY)


def main() -> int:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=["memory", "sqlite"], default="sqlite")
    parser.add_argument("--turns", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        service = build_service(args.store, Path(workdir))
        figures = measure(service, args.turns)
    print(json.dumps({"store": args.store, **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
