"""Which trials the walk covers: /trials, trial buttons, and trials named in a message."""

from __future__ import annotations

from trialbot.dialog import intents
from trialbot.dialog.labels import short_label
from trialbot.dialog.recruiting import is_recruiting, status_words
from trialbot.dialog.walk import Walk
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Button, Reply

MAX_LISTED = 20  # /trials shows this many; the rest are found by name, drug or condition


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
        say_closed(walk, trial)
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
    "study" or only by its names ("the osteosarcoma study", "mifamurtide") is enough. A chosen
    trial is never left on a word: a drug or condition only narrows within the scope, and an id
    or protocol code of another trial (or "all trials") is said back with a button to switch.
    """
    current = walk.state.scope
    if intents.wants_all(text) and (force or intents.mentions_study(text)):
        keep = "both" in text.lower() and current is not None and len(walk.trials) > 1
        if current is not None and not keep and not force:
            offer_switch(walk, None)
            return True
        set_scope(walk, current if keep else None)
        return True
    match = intents.match_trials(text, walk.all_trials)
    if match is None:
        if force:
            walk.say("trial_not_found")
            walk.advance(announce_summary=False)
        return force
    chosen = match.trial_ids
    if current is not None and not force:
        outside = _outside(current, chosen)
        if match.exact and outside:
            offer_switch(walk, outside)
            return True
        chosen = [t for t in chosen if t not in outside]  # a word never leaves the scope
        if not chosen:
            return False
    if not force and not _chooses(walk, text, match, loose):
        return False
    set_scope(walk, chosen)
    return True


def _outside(current: list[str], trial_ids: list[str]) -> list[str]:
    """The trial ids that are not in the current scope."""
    inside = {c.lower() for c in current}
    return [t for t in trial_ids if t.lower() not in inside]


def offer_switch(walk: Walk, trial_ids: list[str] | None) -> None:
    """Say which trial is being checked and offer a button to switch to `trial_ids` (None: all
    trials); nothing changes until a button is pressed, and the pending question is asked again."""
    texts = walk.texts
    current = walk.trials
    named = [t for t in walk.all_trials if trial_ids is not None and t.id in trial_ids]
    buttons = [
        Button(label=texts.say("scope_switch_label", name=short_label(t)), value=f"trial:{t.id}")
        for t in named
    ]
    if trial_ids is None:
        buttons.append(Button(label=texts.say("trials_all_button"), value="trial:all"))
    if len(current) == 1:
        label = texts.say("scope_stay_label", name=short_label(current[0]))
        buttons.append(Button(label=label, value=f"trial:{current[0].id}"))
    others = ", ".join(f"“{t.title}” ({t.id})" for t in named) or texts.say("scope_all_words")
    walk.replies.append(
        Reply(
            kind="notice",
            text=texts.say("scope_switch_offer", current=_names(current), others=others),
            buttons=buttons,
        )
    )
    walk.resume()


def offer_other(walk: Walk) -> None:
    """ "I'd like a different study": say which trial is being checked and offer the list."""
    texts = walk.texts
    buttons = [Button(label=texts.say("scope_list_label"), value="/trials")]
    if len(walk.trials) == 1:
        label = texts.say("scope_stay_label", name=short_label(walk.trials[0]))
        buttons.append(Button(label=label, value=f"trial:{walk.trials[0].id}"))
    text = texts.say("scope_other_offer", current=_names(walk.trials))
    walk.replies.append(Reply(kind="notice", text=text, buttons=buttons))
    walk.resume()


def _names(trials: list[Trial]) -> str:
    """ "“Title” (NCT…)" for one trial, "these N studies" for more."""
    if len(trials) == 1:
        return f"“{trials[0].title}” ({trials[0].id})"
    return f"{len(trials)} studies"


def pick_first(walk: Walk, message: str) -> bool:
    """A message that clearly chooses trials or asks to be checked ("can my son join?")."""
    if pick_by_text(walk, message):
        return True
    if not intents.wants_to_join(message):
        return False
    start_check(walk)
    return True


def start_check(walk: Walk, opening: str = "walk_start") -> None:
    """Start (or go on with) the check of the trials in scope: a closed trial's status first,
    then `opening` when no question was asked yet, then the next question."""
    closed = [t for t in walk.trials if not is_recruiting(t)]
    for trial in closed:  # named directly: its status comes first
        say_closed(walk, trial)
    if closed and len(closed) == len(walk.trials):
        return
    if walk.state.pending is None and not walk.state.finished:
        walk.say(opening)
    walk.advance()


def _chooses(walk: Walk, text: str, match: intents.TrialMatch, loose: bool = False) -> bool:
    """Whether naming these trials means "check me for them" rather than a question about them.

    A word of a drug or condition name met in a sentence about the patient once questions were
    asked ("high blood pressure, on tablets" after the summary: "pressure" of an intraocular
    pressure trial, "blood" of a cord blood one) chooses nothing: only an id or code, the wish
    to join, the word "study" or a message of names alone does then."""
    wants = intents.wants_to_join(text)
    if intents.is_question(text) and not wants:
        return False
    names_only = intents.only_names(text, match, walk.all_trials)
    if loose and (intents.mentions_study(text) or names_only):
        return True
    if match.exact or wants:
        return True
    started = walk.state.questions_asked > 0 or walk.state.finished
    return walk.state.pending is None and (names_only or not started)


def say_when_all_closed(walk: Walk) -> None:
    """A conversation about chosen trials that all take nobody new says so up front, before
    any question (a `--trial` chat or a channel's link to one closed trial)."""
    if walk.state.scope is None:
        return
    closed = [t for t in walk.trials if not is_recruiting(t)]
    if closed and len(closed) == len(walk.trials):
        for trial in closed:
            say_closed(walk, trial)


def say_closed(walk: Walk, trial: Trial) -> None:
    """ "Please note: ... is not taking new people", said at most once in a turn."""
    text = walk.texts.say(
        "trial_not_recruiting", title=trial.title, id=trial.id, status=status_words(trial)
    )
    if all(reply.text != text for reply in walk.replies):
        walk.replies.append(Reply(kind="notice", text=text))


def say_chosen(walk: Walk) -> None:
    """Name the chosen trial(s) at the start of a conversation opened on them (`chat --trial`,
    a link to one study); nothing when every chosen trial is closed (that notice says it)."""
    chosen = walk.trials
    if walk.state.scope is None or not chosen or not any(is_recruiting(t) for t in chosen):
        return
    if len(chosen) == 1:
        walk.say("scope_set_one", title=chosen[0].title, id=chosen[0].id)
    else:
        walk.say("scope_set_many", count=len(chosen))
