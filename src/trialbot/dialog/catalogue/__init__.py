"""Matching a person across the whole catalogue: condition and place first, questions chosen by
how many open trials they decide, a ranked shortlist early, and a plain "no trial fits".

The dialog calls five hooks: `take_message` (a message in a catalogue conversation),
`advance` (the next question or the shortlist), `trials_in_play` (the trials whose verdicts a turn
reports), `trials_asked_about` (the trials a question is answered from) and `sites_near` ("Is
there a site near Lyon?"); and `condition_named` in a conversation over a few trials with none
chosen (the illness a message names, and the open trials for it); while a read-back waits,
`answer_during_read_back` (the pending question answered instead of yes/no) and `ask_again`
(after "no" to the read-back of a catalogue answer).
"""

from trialbot.dialog.catalogue.flow import CONDITION, active, forget
from trialbot.dialog.catalogue.hooks import (
    advance,
    answer_during_read_back,
    ask_again,
    condition_named,
    set_non_recruiting_policy,
    take_message,
    trials_asked_about,
    trials_in_play,
    would_drop,
)
from trialbot.dialog.catalogue.near import sites_near

__all__ = [
    "CONDITION",
    "active",
    "advance",
    "answer_during_read_back",
    "ask_again",
    "condition_named",
    "forget",
    "set_non_recruiting_policy",
    "sites_near",
    "take_message",
    "trials_asked_about",
    "trials_in_play",
    "would_drop",
]
