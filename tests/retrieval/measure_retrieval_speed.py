"""Measures retrieval speed on the 649-trial corpus (a script, not a test).

Usage: .venv/bin/python tests/retrieval/measure_retrieval_speed.py [CORPUS_DIR] [WORK_DIR]
Prints raw model throughput, indexing throughput (same run), unchanged re-sync time and
in-process query latency percentiles as JSON.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from trialbot.retrieval import benchmark
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.settings import Settings
from trialbot.sources.readers import read_document

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ctgov"


def main(argv: list[str]) -> int:
    """Read the corpus, build a fresh index in a work dir and print the figures."""
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    work = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="trialbot-bench-"))
    shutil.rmtree(work, ignore_errors=True)
    trials = [t for path in sorted(corpus.glob("*.json")) for t in read_document(path)]
    result = benchmark.run(Settings(TRIALBOT_INDEX_DIR=work), MemoryCatalog(trials))
    print(result.model_dump_json(indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
