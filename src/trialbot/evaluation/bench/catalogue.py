"""The catalogue case: a core over many trials without a passage index, and its figures.

`catalogue_service` registers trials in memory only (no documents written, nothing embedded), so
the catalogue dialog can be replayed and timed over the whole corpus in seconds. `replicate`
makes a simulated catalogue of any size from real records (copies with new ids).
"""

from __future__ import annotations

import resource
import statistics
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Reply, Turn
from trialbot.evaluation.checks import last_question
from trialbot.evaluation.runner import percentile, run_file
from trialbot.evaluation.scripts import Script, load_script

FIRST_SHORTLIST_MAX_QUESTIONS = 12
SHORTLIST_TOP = 5
P95_TARGET_MS = {"corpus": 20.0, "simulated": 50.0}
RSS_GROWTH_TARGET_MB = 1024.0
SIMULATED_SIZE = 20_000
WARM_TURNS = 40
# Opening messages of the timed conversations, with the answers the simulated person gives.
BENCH_OPENINGS = (
    "Hi, I have breast cancer and I live in Houston, Texas. Is there a trial for me?",
    "I have lung cancer. Which trials could I join?",
    "My dad has prostate cancer that spread to the bones",
    "Can I join a clinical trial?",
)
BENCH_ANSWERS = (
    ("where", "Houston, Texas"),
    ("old", "58"),
    ("sex", "female"),
    ("spread", "yes"),
    ("hormone", "positive"),
    ("her2", "negative"),
    ("condition", "colon cancer"),
)


class MemoryCatalog:
    """Trials held in memory (the TrialCatalog port), for tests and the bench."""

    def __init__(self, trials: Iterable[Trial]) -> None:
        self._trials = sorted(trials, key=lambda t: t.id)
        self._by_id = {t.id.lower(): t for t in self._trials}

    def list_trials(self) -> list[Trial]:
        """Every trial, ordered by id (the same list object each call)."""
        return self._trials

    def get_trial(self, trial_id: str) -> Trial | None:
        """One trial by id (case-insensitive), or None."""
        return self._by_id.get(trial_id.lower())


class NoAnswerer:
    """An answerer that never finds anything (the catalogue dialog does not need retrieval)."""

    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """Always a `no_answer` reply."""
        return Reply(kind="no_answer", text="The trial information does not say.")


def read_trials(folders: Iterable[Path]) -> list[Trial]:
    """Every trial in these folders' documents; unreadable documents are skipped."""
    from trialbot.sources.readers import read_document

    trials: list[Trial] = []
    for folder in folders:
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            try:
                trials.extend(read_document(path))
            except Exception:  # a bad document is skipped, as ingest does
                continue
    return trials


def replicate(trials: Sequence[Trial], size: int) -> list[Trial]:
    """`size` trials: the originals, then copies with new ids ("<id>-R<n>") until the count."""
    out = list(trials[:size])
    copy = 1
    while len(out) < size:
        for trial in trials:
            if len(out) >= size:
                break
            out.append(trial.model_copy(update={"id": f"{trial.id}-R{copy}"}))
        copy += 1
    return out


def catalogue_service(trials: Sequence[Trial]) -> Any:
    """A ConversationService over these trials, an in-memory store and no retrieval."""
    from trialbot.service import ConversationService
    from trialbot.storage import open_store

    return ConversationService(
        catalog=MemoryCatalog(trials), store=open_store("memory://"), answerer=NoAnswerer()
    )


def rss_mb() -> float:
    """This process's resident memory now, in MB (from /proc; ru_maxrss as a fallback)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reply_for(question: str) -> str:
    lowered = question.lower()
    for word, said in BENCH_ANSWERS:
        if word in lowered:
            return said
    return "not sure"


def timed_turns(service: Any, turns: int) -> list[float]:
    """Milliseconds per turn of simulated catalogue conversations, `turns` in all."""
    samples: list[float] = []
    opening = 0
    while len(samples) < turns:
        cid = f"bench-catalogue-{uuid.uuid4().hex[:12]}"
        text: str | None = BENCH_OPENINGS[opening % len(BENCH_OPENINGS)]
        opening += 1
        for _ in range(20):
            if text is None or len(samples) >= turns:
                break
            incoming = Incoming(conversation_id=cid, text=text, message_id=uuid.uuid4().hex)
            started = time.perf_counter()
            turn: Turn = service.handle(incoming)
            samples.append((time.perf_counter() - started) * 1000)
            question = last_question(turn)
            text = _reply_for(question.text) if question is not None else None
        service.handle(Incoming(conversation_id=cid, text="/forget", message_id=uuid.uuid4().hex))
    return samples


def catalogue_case(trials: Sequence[Trial], turns: int, label: str) -> dict[str, Any]:
    """Turn p50/p95 with every trial in scope, warm-up time and RSS growth, for one catalogue.

    The first conversations build the condition index and read the criteria of the trials they
    shortlist (cached after); the timed turns then run warm, as a long-running service does.
    """
    before = rss_mb()
    started = time.perf_counter()
    service = catalogue_service(trials)
    timed_turns(service, WARM_TURNS)
    warm_s = time.perf_counter() - started
    samples = timed_turns(service, turns)
    after = rss_mb()
    return {
        "trials": len(trials),
        "turns": len(samples),
        "p50_ms": percentile(samples, 50),
        "p95_ms": percentile(samples, 95),
        "p99_ms": percentile(samples, 99),
        "warm_up_s": round(warm_s, 1),
        "rss_growth_mb": round(after - before, 1),
        "target_p95_ms": P95_TARGET_MS[label],
    }


def catalogue_bench(corpus: Path, turns: int, simulated: int = SIMULATED_SIZE) -> dict[str, Any]:
    """The catalogue case of `trialbot bench`: the corpus (+ the seeds next to it) and a
    simulated catalogue of `simulated` trials replicated from it, each with all in scope."""
    folders = [corpus]
    seeds = corpus.parent.parent / "seeds"
    if seeds.is_dir():
        folders.append(seeds)
    trials = read_trials(folders)
    if not trials:
        raise RuntimeError(f"no trials read from {corpus}")
    report: dict[str, Any] = {"corpus": catalogue_case(trials, turns, "corpus")}
    report["simulated"] = catalogue_case(replicate(trials, simulated), turns, "simulated")
    report["rss_growth_target_mb"] = RSS_GROWTH_TARGET_MB
    return report


class RecordingDriver:
    """An in-process driver that keeps the shortlists offered and the questions before the first."""

    def __init__(self, service: Any) -> None:
        from trialbot.evaluation.drivers import InProcessDriver

        self.inner = InProcessDriver(service)
        self.shortlists: list[list[str]] = []
        self.asked = 0
        self.before_first: int | None = None

    def new_conversation(self) -> str:
        """A fresh conversation id, and a fresh record."""
        self.shortlists, self.asked, self.before_first = [], 0, None
        return self.inner.new_conversation()

    def send(self, conversation_id: str, **kwargs: Any) -> Turn:
        """One message; shortlists and questions are noted."""
        turn = self.inner.send(conversation_id, **kwargs)
        for reply in turn.replies:
            if reply.kind == "shortlist":
                if self.before_first is None:
                    self.before_first = self.asked
                self.shortlists.append([b.value.removeprefix("trial:") for b in reply.buttons])
        self.asked += sum(1 for r in turn.replies if r.kind == "question")
        return turn

    def end(self, conversation_id: str) -> None:
        """Release the conversation."""
        self.inner.end(conversation_id)


def script_figures(
    paths: Sequence[Path], service: Any, fitting: dict[str, list[str]]
) -> dict[str, Any]:
    """Per catalogue script: questions before the first shortlist and whether a trial judged
    fitting is among its first 5 buttons; totals over the scripts. A script with no fitting
    trial (the no-fit case) counts when the script itself passes."""
    driver = RecordingDriver(service)
    rows: list[dict[str, Any]] = []
    for path in paths:
        script: Script = load_script(path)
        result = run_file(path, driver)
        wanted = set(fitting.get(path.stem, []))
        first = driver.shortlists[0][:SHORTLIST_TOP] if driver.shortlists else []
        hit = bool(wanted & set(first)) if wanted else result.passed
        rows.append(
            {
                "script": path.stem,
                "name": script.name,
                "passed": result.passed,
                "questions_asked": result.questions_asked,
                "questions_before_shortlist": driver.before_first,
                "first_shortlist": first,
                "fitting_in_first_5": hit,
                "failures": [f.as_json() for f in result.failures],
            }
        )
    good = sum(1 for r in rows if r["fitting_in_first_5"] and r["passed"])
    counts = [r["questions_before_shortlist"] for r in rows]
    counts = [c for c in counts if c is not None]
    median = statistics.median(counts) if counts else None
    return {
        "scripts": len(rows),
        "fit_and_passed": good,
        "median_questions_to_shortlist": median,
        "rows": rows,
    }
