"""Staff reviews of criteria readings, one `reviews.json` beside each trial's record.

`index/trials/<id>/reviews.json` = {"trial_id": id, "reviews": {key: review}}, where the key is
the criterion's text hash plus its atom letter ("3f9c0a1b2c3d4e5f" or "...b" for `exc-4b`), so a
review follows its text through re-ingest and re-ordering. A review is `confirmed` (the automatic
reading is right: it becomes `certain`), `corrected` (a staff rule in `criteria show` words
replaces it) or `study_team` (only the study team judges it). When the registry text of a reviewed
criterion changes (or a confirmed automatic reading changes), the review is `stale` and the
automatic reading is used as `partial` until staff look again. A review holds the criterion id,
its text hash, the status, the rule, who and when: never anything a patient said.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from trialbot.domain.criteria import CriterionReview, ReviewStatus, StructuredCriterion
from trialbot.domain.ports import TrialCatalog
from trialbot.domain.trial import Trial
from trialbot.eligibility.rule_syntax import ParsedRule, RuleSyntaxError, parse_rule
from trialbot.eligibility.vocabulary import fact_spec
from trialbot.sources.catalog import REVIEWS_NAME, atomic_write

log = logging.getLogger(__name__)

STATUSES: tuple[ReviewStatus, ...] = ("confirmed", "corrected", "study_team")
RECHECK_SECONDS = 1.0  # how often `trials/.reviews-changed` is looked at for other writers
CHANGED_NAME = ".reviews-changed"  # touched by every review write, in any process
BUNDLED_NAME = "bundled_reviews.json"  # reviews shipped with the bundled (seed) trials
_ATOM_SUFFIX = re.compile(r"-\d+([a-z]|_\d+)$")


def _signature(path: Path) -> tuple[int, int]:
    """A file's (mtime ns, size); (0, 0) when it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


class ReviewError(ValueError):
    """A review that cannot be stored; the message says which criterion, rule or status."""


class StoredReview(BaseModel):
    """One criterion's review as kept on disk."""

    criterion_id: str
    text_sha256: str
    status: ReviewStatus
    rule: str | None = None  # the corrected rule, in `criteria show` words
    reading: str | None = None  # the automatic rule that was confirmed
    by: str | None = None
    at: str | None = None


@dataclass(frozen=True)
class ReviewProgress:
    """How far staff got with one trial: `reviewed` of `total` criteria, `stale` to redo."""

    reviewed: int
    total: int
    stale: int

    @property
    def complete(self) -> bool:
        """Every criterion has a review that still matches its text."""
        return self.total > 0 and self.reviewed == self.total and self.stale == 0

    def words(self) -> str:
        """ "12/30 reviewed, 1 stale"."""
        stale = f", {self.stale} stale" if self.stale else ""
        return f"{self.reviewed}/{self.total} reviewed{stale}"


@lru_cache(maxsize=1)
def _bundled() -> dict[str, dict[str, StoredReview]]:
    path = resources.files("trialbot.sources").joinpath(BUNDLED_NAME)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(trial): {str(k): StoredReview.model_validate(v) for k, v in items.items()}
            for trial, items in data.items()
        }
    except (OSError, ValueError, ValidationError, AttributeError):
        log.warning("unreadable bundled reviews: ignored")
        return {}


def bundled_reviews(trial_id: str) -> dict[str, StoredReview]:
    """The reviews shipped with the bundled trials (`sources/bundled_reviews.json`): readings of
    the seed trials checked by hand against their conversation scripts. They stand for a trial
    until staff write its own `reviews.json` (which starts from them); {} for other trials."""
    return dict(_bundled().get(trial_id, {}))


def text_hash(text: str) -> str:
    """sha256 of a criterion's text with its spacing normalized (hex)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def review_key(criterion: StructuredCriterion) -> str:
    """The key a review is kept under: text hash (16 hex) plus the atom letter of the id."""
    match = _ATOM_SUFFIX.search(criterion.id)
    return text_hash(criterion.text)[:16] + (match.group(1) if match else "")


@lru_cache(maxsize=4096)
def _parsed(rule: str) -> ParsedRule:
    return parse_rule(rule)


def check_review(
    criterion: StructuredCriterion, status: str, rule: str | None
) -> ParsedRule | None:
    """Validate a review for a criterion: the parsed rule for `corrected`, else None.

    Raises ReviewError for an unknown status, a missing or unexpected rule, or a rule that does not
    parse (the parser's message names the unknown fact, unit or word).
    """
    if status not in STATUSES:
        raise ReviewError(f"unknown status {status!r} (one of: {', '.join(STATUSES)})")
    rule = (rule or "").strip() or None
    if status != "corrected":
        if rule is not None:
            raise ReviewError(f"a rule is given only with status corrected, not {status}")
        return None
    if rule is None:
        raise ReviewError(f"{criterion.id}: a corrected review needs a rule")
    try:
        return _parsed(rule)
    except RuleSyntaxError as error:
        raise ReviewError(f"{criterion.id}: {error}") from None


def new_review(
    criterion: StructuredCriterion, status: str, rule: str | None, by: str | None = None
) -> StoredReview:
    """A validated review of an automatic reading (see check_review for the errors)."""
    parsed = check_review(criterion, status, rule)
    return StoredReview(
        criterion_id=criterion.id,
        text_sha256=text_hash(criterion.text),
        status=status,  # checked above
        rule=parsed.text if parsed else None,
        reading=criterion.rule if status == "confirmed" else None,
        by=(by or "").strip()[:80] or None,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _public(review: StoredReview, stale: bool) -> CriterionReview:
    return CriterionReview(status=review.status, by=review.by, at=review.at, stale=stale)


def _stale(criterion: StructuredCriterion, review: StoredReview) -> StructuredCriterion:
    """The automatic reading, never able to exclude on its own, with the review flagged stale."""
    confidence = "partial" if criterion.confidence == "certain" else criterion.confidence
    return criterion.model_copy(
        update={"confidence": confidence, "review": _public(review, stale=True)}
    )


def _applied(criterion: StructuredCriterion, review: StoredReview) -> StructuredCriterion:
    if review.status == "confirmed":
        if review.reading != criterion.rule:  # the automatic reading changed since
            return _stale(criterion, review)
        confidence = "certain" if not criterion.needs_review else criterion.confidence
        return criterion.model_copy(
            update={"confidence": confidence, "review": _public(review, stale=False)}
        )
    if review.status == "study_team":
        return criterion.model_copy(
            update={
                "needs_review": True,
                "confidence": "review",
                "condition": {"op": "review"},
                "question": None,
                "answer_type": None,
                "facts": [],
                "review": _public(review, stale=False),
            }
        )
    try:
        parsed = _parsed(review.rule or "")
    except RuleSyntaxError:  # the vocabulary changed under a stored rule: staff look again
        return _stale(criterion, review)
    concept = next((f for f in parsed.facts if f != "sex"), parsed.facts[0])
    spec = fact_spec(concept)
    return criterion.model_copy(
        update={
            "concept": concept,
            "question": spec.question if spec else None,
            "answer_type": spec.answer_type if spec else None,
            "rule": parsed.text,
            "needs_review": False,
            "confidence": "certain",
            "condition": parsed.condition,
            "facts": list(parsed.facts),
            "review": _public(review, stale=False),
        }
    )


def _matches(
    criteria: Sequence[StructuredCriterion], reviews: Mapping[str, StoredReview]
) -> list[tuple[StoredReview | None, bool]]:
    """For each criterion: its review (or None) and whether that review is stale."""
    keys = [review_key(c) for c in criteria]
    unmatched = {r.criterion_id: r for k, r in reviews.items() if k not in set(keys)}
    found: list[tuple[StoredReview | None, bool]] = []
    for criterion, key in zip(criteria, keys, strict=True):
        if key in reviews:
            found.append((reviews[key], False))
        elif criterion.id in unmatched:  # reviewed under this id, for a text that changed
            found.append((unmatched[criterion.id], True))
        else:
            found.append((None, False))
    return found


def apply_reviews(
    criteria: Sequence[StructuredCriterion], reviews: Mapping[str, StoredReview]
) -> list[StructuredCriterion]:
    """The criteria the checker uses: each automatic reading with its staff review applied."""
    if not reviews:
        return list(criteria)
    result: list[StructuredCriterion] = []
    for criterion, (review, stale) in zip(criteria, _matches(criteria, reviews), strict=True):
        if review is None:
            result.append(criterion)
        elif stale:
            result.append(_stale(criterion, review))
        else:
            result.append(_applied(criterion, review))
    return result


def progress_of(reviewed: Sequence[StructuredCriterion]) -> ReviewProgress:
    """Review progress over criteria that already have their reviews applied."""
    stale = sum(1 for c in reviewed if c.review is not None and c.review.stale)
    done = sum(1 for c in reviewed if c.review is not None and not c.review.stale)
    return ReviewProgress(reviewed=done, total=len(reviewed), stale=stale)


class ReviewBook:
    """Every trial's reviews under an index dir, cached. A write (from any process) also touches
    `trials/.reviews-changed`, which is looked at once a second: only then are the trials' files
    looked at again, so a turn over hundreds of trials costs no file system calls."""

    def __init__(self, index_dir: Path) -> None:
        self.trials_dir = Path(index_dir) / "trials"
        self.changed_path = self.trials_dir / CHANGED_NAME
        self._lock = threading.RLock()
        # trial id -> (generation checked at, file signature, reviews)
        self._cache: dict[str, tuple[int, tuple[int, int], dict[str, StoredReview]]] = {}
        self._generation = 0
        self._changed_signature = _signature(self.changed_path)
        self._checked_at = time.monotonic()

    def path(self, trial_id: str) -> Path:
        """Where a trial's reviews are kept."""
        return self.trials_dir / trial_id / REVIEWS_NAME

    def _refresh(self) -> None:
        """At most once a second: a new generation when another process wrote reviews."""
        now = time.monotonic()
        if now - self._checked_at < RECHECK_SECONDS:
            return
        self._checked_at = now
        signature = _signature(self.changed_path)
        if signature != self._changed_signature:
            self._changed_signature = signature
            self._generation += 1

    def _entry(self, trial_id: str) -> tuple[int, tuple[int, int], dict[str, StoredReview]]:
        with self._lock:
            self._refresh()
            cached = self._cache.get(trial_id)
            if cached is not None and cached[0] == self._generation:
                return cached
            signature = _signature(self.path(trial_id))
            if cached is not None and cached[1] == signature:
                entry = (self._generation, signature, cached[2])
            else:
                loaded = self._read(trial_id) if signature != (0, 0) else bundled_reviews(trial_id)
                entry = (self._generation, signature, loaded)
            self._cache[trial_id] = entry
            return entry

    def reviews(self, trial_id: str) -> dict[str, StoredReview]:
        """The stored reviews of a trial by key ({} when none or unreadable)."""
        return self._entry(trial_id)[2]

    def stamp(self, trial_id: str) -> Hashable:
        """Changes whenever the trial's reviews change (for caches of the applied criteria)."""
        return self._entry(trial_id)[1]

    def _read(self, trial_id: str) -> dict[str, StoredReview]:
        try:
            data = json.loads(self.path(trial_id).read_text("utf-8"))
            items = data.get("reviews", {}) if isinstance(data, dict) else {}
            return {str(k): StoredReview.model_validate(v) for k, v in items.items()}
        except (OSError, ValueError, ValidationError, AttributeError):
            log.warning("unreadable reviews file for trial %s: ignored", trial_id)
            return {}

    def apply(self, trial: Trial, criteria: list[StructuredCriterion]) -> list[StructuredCriterion]:
        """The trial's criteria with its staff reviews applied."""
        return apply_reviews(criteria, self.reviews(trial.id))

    def write(self, trial_id: str, reviews: Mapping[str, StoredReview]) -> None:
        """Replace a trial's reviews (one atomic write); ReviewError for an unknown trial."""
        if not (self.trials_dir / trial_id).is_dir():
            raise ReviewError(f"no registered trial {trial_id!r}")
        payload = {
            "trial_id": trial_id,
            "reviews": {k: r.model_dump(mode="json") for k, r in sorted(reviews.items())},
        }
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        with self._lock:
            atomic_write(self.path(trial_id), text.encode("utf-8"))
            atomic_write(self.changed_path, f"{time.time_ns()} {trial_id}\n".encode())
            self._cache.pop(trial_id, None)

    def record(
        self,
        trial_id: str,
        automatic: Sequence[StructuredCriterion],
        changes: Mapping[str, StoredReview | None],
    ) -> None:
        """Set (or clear, with None) the reviews of these criterion ids, all in one write."""
        by_id = {c.id: c for c in automatic}
        current = {review_key(c) for c in automatic}
        with self._lock:
            reviews = dict(self.reviews(trial_id))
            for criterion_id, review in changes.items():
                criterion = by_id.get(criterion_id)
                if criterion is None:
                    raise ReviewError(f"no criterion {criterion_id!r} in trial {trial_id}")
                key = review_key(criterion)
                reviews = {  # drop this criterion's review and its stale one (old text)
                    k: r
                    for k, r in reviews.items()
                    if k != key and not (r.criterion_id == criterion_id and k not in current)
                }
                if review is not None:
                    reviews[key] = review
            self.write(trial_id, reviews)

    def review(
        self,
        trial_id: str,
        automatic: Sequence[StructuredCriterion],
        criterion_id: str,
        status: str,
        rule: str | None = None,
        by: str | None = None,
    ) -> StructuredCriterion:
        """Store one criterion's review and return it applied; ReviewError says what is wrong."""
        criterion = next((c for c in automatic if c.id == criterion_id), None)
        if criterion is None:
            raise ReviewError(f"no criterion {criterion_id!r} in trial {trial_id}")
        self.record(trial_id, automatic, {criterion_id: new_review(criterion, status, rule, by)})
        applied = apply_reviews(automatic, self.reviews(trial_id))
        return next(c for c in applied if c.id == criterion_id)


class ReviewedTrials:
    """A catalog showing patients only trials whose every criterion staff reviewed (the policy
    `TRIALBOT_REVIEWED_TRIALS_ONLY`); `criteria_of` gives a trial's criteria, reviews applied."""

    def __init__(
        self, catalog: TrialCatalog, criteria_of: Callable[[Trial], list[StructuredCriterion]]
    ) -> None:
        self.catalog = catalog
        self.criteria_of = criteria_of
        self._complete: dict[str, tuple[list[StructuredCriterion], bool]] = {}

    def _offered(self, trial: Trial) -> bool:
        criteria = self.criteria_of(trial)
        known = self._complete.get(trial.id)
        if known is not None and known[0] is criteria:  # the same cached criteria as last time
            return known[1]
        complete = progress_of(criteria).complete
        self._complete[trial.id] = (criteria, complete)
        return complete

    def list_trials(self) -> list[Trial]:
        """The registered trials that staff fully reviewed, ordered by id."""
        return [t for t in self.catalog.list_trials() if self._offered(t)]

    def get_trial(self, trial_id: str) -> Trial | None:
        """One fully reviewed trial by id, or None."""
        trial = self.catalog.get_trial(trial_id)
        return trial if trial is not None and self._offered(trial) else None


_BOOKS: dict[Path, ReviewBook] = {}
_BOOKS_LOCK = threading.Lock()


def open_review_book(index_dir: Path) -> ReviewBook:
    """The one ReviewBook of an index dir in this process (so a review is seen at once)."""
    key = Path(index_dir).resolve()
    with _BOOKS_LOCK:
        book = _BOOKS.get(key)
        if book is None:
            book = _BOOKS[key] = ReviewBook(key)
        return book


def reviewed_criteria(book: ReviewBook, trial: Trial) -> list[StructuredCriterion]:
    """A trial's criteria as the checker uses them: read automatically, staff reviews applied."""
    from trialbot.eligibility import read_criteria

    return book.apply(trial, read_criteria(trial))


def trial_progress(book: ReviewBook, trial: Trial) -> ReviewProgress | None:
    """Review progress of a trial, or None when nobody reviewed any of it yet (not read then)."""
    if not book.reviews(trial.id):
        return None
    return progress_of(reviewed_criteria(book, trial))


def review_fields(criterion: StructuredCriterion) -> dict[str, object]:
    """The v2 fields of `criteria show --json` a reviewer needs: confidence, thresholds,
    applies_to and the review ({"status", "by", "at", "stale"} or None)."""
    data = criterion.model_dump(mode="json")
    return {key: data[key] for key in ("confidence", "thresholds", "applies_to", "review")}


def review_words(criterion: StructuredCriterion) -> str:
    """How a criterion stands with staff, for text output: "  [confirmed by ana]" or ""."""
    review = criterion.review
    if review is None:
        return f"\n      not reviewed ({criterion.confidence})"
    stale = ", stale: the text changed" if review.stale else ""
    by = f" by {review.by}" if review.by else ""
    return f"\n      review: {review.status.replace('_', ' ')}{by}{stale}"
