"""Scores the answerer on the unseen-trials QA set, tuned and held-out trials apart.

PYTHONPATH=src python tests/retrieval/measure_unseen.py [--failures tuned|held_out|all]
    [--qa tests/retrieval/qa_fresh.yaml]  (the fresh held-out set: every trial is held out)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from trialbot.retrieval.answerer import RetrievalAnswerer
from trialbot.retrieval.memory_catalog import MemoryCatalog
from trialbot.retrieval.quality import evaluate, load_unseen
from trialbot.settings import Settings
from trialbot.sources.readers import read_document

HERE = Path(__file__).resolve().parent
QA_FILE = HERE / "qa_unseen.yaml"


def unseen_trials(corpus: Path, ids: set[str]) -> list:
    """The records the set asks about, full API v2 ones first."""
    found = {}
    for folder in ("ctgov_full", "ctgov"):
        for tid in sorted(ids):
            path = corpus / folder / f"{tid}.json"
            if tid not in found and path.exists():
                found[tid] = read_document(path)[0]
    return list(found.values())


def main() -> int:
    """Print the figures per group (and the failures asked for)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    parser.add_argument("--index", type=Path, help="keep the index here between runs")
    parser.add_argument("--qa", type=Path, default=QA_FILE, help="the QA set to score")
    parser.add_argument("--failures", choices=["tuned", "held_out", "all", "none"], default="none")
    args = parser.parse_args()
    cases = load_unseen(args.qa)
    trials = unseen_trials(args.corpus, {t for c in cases for t in c.trial_ids})
    with tempfile.TemporaryDirectory() as tmp:
        index = args.index or Path(tmp)
        answerer = RetrievalAnswerer(Settings(TRIALBOT_INDEX_DIR=index), MemoryCatalog(trials))
        answerer.warm_up()
        for group in ("tuned", "held_out", "all"):
            chosen = [c for c in cases if group == "all" or c.group == group]
            report = evaluate(answerer, chosen)
            print(
                f"{group:9} answerable {report.answerable:3}  right+cited "
                f"{report.right_with_citation:.1%}  right {report.answer_accuracy:.1%}  "
                f"cited@3 {report.recall_at_3:.1%}  refusals {report.no_answer_rate:.1%} "
                f"of {report.unanswerable}  grade {report.mean_grade}  "
                f"fact in plain part {report.fact_in_plain_part:.1%}"
            )
            if args.failures in (group, "all") and group != "all":
                for f in report.failures:
                    print(f"  - [{f.trial_ids[0]}] {f.question} :: {f.problem}")
                    print(f"      {f.kind} {f.sections[:3]} {f.text[:300]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
