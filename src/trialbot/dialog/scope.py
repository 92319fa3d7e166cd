"""Which trials the walk covers: /trials, trial buttons, and trials named in a message."""

from __future__ import annotations

from trialbot.dialog import intents
from trialbot.dialog.recruiting import is_recruiting, status_words
from trialbot.dialog.walk import Walk
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Button, Reply

MAX_LISTED = 20  # /trials shows this many; the rest are found by name, drug or condition


def short_label(trial: Trial) -> str:
    """A short label for buttons and lists."""
    name = trial.protocol_code or trial.title
    return name if len(name) <= 40 else name[:39].rstrip() + "…"


def list_trials(walk: Walk) -> None:
    """The registered trials with a button each, and one for all of them."""
    texts = walk.texts
    everything = walk.all_trials
    if not everything:
        walk.say("trials_none")
        return
    shown = everything[:MAX_LISTED]
    lines = [texts.say("trials_intro")]
    lines += [
        texts.say("trials_line", title=t.title, id=t.id, status=t.status or "status unknown")
        for t in shown
    ]
    if len(everything) > MAX_LISTED:
        lines.append(texts.say("trials_more", count=len(everything) - MAX_LISTED))
    buttons = [Button(label=short_label(t), value=f"trial:{t.id}") for t in shown]
    buttons.append(Button(label=texts.say("trials_all_button"), value="trial:all"))
    walk.replies.append(Reply(kind="notice", text="\n".join(lines), buttons=buttons))


def pick_button(walk: Walk, trial_id: str) -> None:
    """A trial button was pressed ("trial:<id>" or "trial:all")."""
    if trial_id == "all":
        set_scope(walk, None)
        return
    found = [t.id for t in walk.all_trials if t.id.lower() == trial_id.lower()]
    if not found:
        walk.say("trial_not_found")
        walk.advance(announce_summary=False)
        return
    set_scope(walk, found)


def set_scope(walk: Walk, trial_ids: list[str] | None) -> None:
    """Check these trials (None: all), say so, and ask the next question."""
    walk.set_scope(trial_ids)
    chosen = walk.trials
    closed = [t for t in chosen if not is_recruiting(t)]
    for trial in closed:  # named directly: its status comes first
        walk.say("trial_not_recruiting", title=trial.title, id=trial.id, status=status_words(trial))
    if closed and len(closed) == len(chosen):
        return
    if len(chosen) == 1:
        walk.say("scope_set_one", title=chosen[0].title, id=chosen[0].id)
    else:
        walk.say("scope_set_many", count=len(chosen))
    walk.advance()


def pick_by_text(walk: Walk, text: str, force: bool = False, loose: bool = False) -> bool:
    """Set the scope from a message naming trials; True when it did (always, when forced).

    `loose`: the message was no answer to the pending question, so naming a trial with the word
    "study" or in a few words ("the osteosarcoma study", "mifamurtide") is enough.
    """
    if intents.wants_all(text) and (force or intents.mentions_study(text)):
        keep = "both" in text.lower() and walk.state.scope is not None and len(walk.trials) > 1
        set_scope(walk, walk.state.scope if keep else None)
        return True
    match = intents.match_trials(text, walk.all_trials)
    if match is None:
        if force:
            walk.say("trial_not_found")
            walk.advance(announce_summary=False)
        return force
    if not force and not _chooses(walk, text, match, loose):
        return False
    chosen = match.trial_ids
    current = walk.state.scope
    if current is not None and not match.exact:  # "the osteosarcoma study" within the scope
        within = [t for t in chosen if t.lower() in {c.lower() for c in current}]
        chosen = within or chosen
    set_scope(walk, chosen)
    return True


def pick_first(walk: Walk, message: str) -> bool:
    """A message that clearly chooses trials or asks to be checked ("can my son join?")."""
    if pick_by_text(walk, message):
        return True
    if not intents.wants_to_join(message):
        return False
    closed = [t for t in walk.trials if not is_recruiting(t)]
    for trial in closed:  # named directly: its status comes first
        walk.say("trial_not_recruiting", title=trial.title, id=trial.id, status=status_words(trial))
    if closed and len(closed) == len(walk.trials):
        return True
    if walk.state.pending is None and not walk.state.finished:
        walk.say("walk_start")
    walk.advance()
    return True


def _chooses(walk: Walk, text: str, match: intents.TrialMatch, loose: bool = False) -> bool:
    """Whether naming these trials means "check me for them" rather than a question about them."""
    wants = intents.wants_to_join(text)
    if intents.is_question(text) and not wants:
        return False
    if loose and (intents.mentions_study(text) or len(text.split()) <= 4):
        return True
    return match.exact or wants or walk.state.pending is None


def say_when_all_closed(walk: Walk) -> None:
    """A conversation about chosen trials that all take nobody new says so up front, before
    any question (a `--trial` chat or a channel's link to one closed trial)."""
    if walk.state.scope is None:
        return
    closed = [t for t in walk.trials if not is_recruiting(t)]
    if closed and len(closed) == len(walk.trials):
        for trial in closed:
            walk.say(
                "trial_not_recruiting", title=trial.title, id=trial.id, status=status_words(trial)
            )
