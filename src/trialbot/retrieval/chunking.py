"""Cuts a normalized trial into passages by section (each at most ~180 words) with stable ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from trialbot.domain.trial import Trial
from trialbot.retrieval import record
from trialbot.retrieval.text import clip_words

MAX_WORDS = 180
PROSE_WORDS = 110  # summaries and descriptions are cut by paragraph into smaller passages
CHUNKER_VERSION = "5"


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage of a trial document."""

    id: str
    trial_id: str
    section: str
    text: str
    criterion_id: str = ""

    def metadata(self, trial_hash: str) -> dict[str, str]:
        """The metadata stored beside the vector."""
        return {
            "trial_id": self.trial_id,
            "section": self.section,
            "criterion_id": self.criterion_id,
            "trial_hash": trial_hash,
        }


def _paragraphs(text: str, limit: int = PROSE_WORDS) -> list[str]:
    """Paragraphs merged up to `limit` words, long ones cut at sentence ends."""
    out: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        for piece in clip_words(paragraph, limit):
            if out and len(out[-1].split()) + len(piece.split()) <= limit // 2:
                out[-1] = f"{out[-1]} {piece}"
            else:
                out.append(piece)
    return out


def _pieces(
    trial_id: str,
    section: str,
    text: str,
    key: str = "",
    criterion_id: str = "",
    prose: bool = False,
) -> list[Chunk]:
    base = f"{trial_id}::{section}" + (f"::{key}" if key else "")
    if not text.strip():
        parts: list[str] = []
    else:
        parts = _paragraphs(text) if prose else clip_words(text, MAX_WORDS)
    return [
        Chunk(
            id=base if len(parts) == 1 else f"{base}::{n}",
            trial_id=trial_id,
            section=section,
            text=part,
            criterion_id=criterion_id,
        )
        for n, part in enumerate(parts)
    ]


def chunk_trial(trial: Trial) -> list[Chunk]:
    """Every passage of one trial, in document order, with ids stable across rebuilds."""
    tid = trial.id
    chunks: list[Chunk] = []
    summary = f"{trial.title.rstrip('.')}.\n\n{trial.summary}".strip()
    chunks += _pieces(tid, "summary", summary, prose=True)
    chunks += _pieces(tid, "description", trial.description, prose=True)
    for n, item in enumerate(trial.interventions):
        chunks += _pieces(tid, "interventions", record.intervention_text(item), str(n))
    for n, arm in enumerate(trial.arms):
        chunks += _pieces(tid, "arms", record.arm_text(arm), str(n))
    for kind in ("primary", "secondary"):
        chunks += _pieces(tid, "outcomes", record.outcomes_text(trial, kind), kind)
    chunks += _pieces(tid, "design", record.design_text(trial), "record")
    for n, expl in enumerate(trial.condition_explanations):
        chunks += _pieces(tid, "conditions", f"{expl.term} – {expl.text}", str(n))
    if trial.conditions:
        chunks += _pieces(tid, "conditions", record.conditions_text(trial), "list")
    for criterion in trial.criteria:
        label = "Who can join" if criterion.kind == "inclusion" else "Who cannot join"
        text = f"{label}: {criterion.text}"
        chunks += _pieces(tid, "eligibility", text, criterion.id, criterion.id)
    for section, text in record.record_passages(trial).items():
        chunks += _pieces(tid, section, text, "record")
    return _unique(chunks)


def _unique(chunks: list[Chunk]) -> list[Chunk]:
    seen: set[str] = set()
    out = []
    for chunk in chunks:
        cid = chunk.id
        n = 1
        while cid in seen:  # duplicated criterion ids in a source must not collide
            n += 1
            cid = f"{chunk.id}~{n}"
        seen.add(cid)
        out.append(chunk if cid == chunk.id else Chunk(cid, *_rest(chunk)))
    return out


def _rest(chunk: Chunk) -> tuple[str, str, str, str]:
    return chunk.trial_id, chunk.section, chunk.text, chunk.criterion_id


def chunks_hash(chunks: list[Chunk]) -> str:
    """Content hash of a trial's passages; a changed hash means the trial is re-embedded."""
    digest = hashlib.sha256(CHUNKER_VERSION.encode())
    for chunk in chunks:
        for part in (chunk.id, chunk.section, chunk.criterion_id, chunk.text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x1f")
    return digest.hexdigest()[:32]
