"""Erasing asked for in plain words ("please delete my data", "forget everything I told you").

The words are data (`erase_patterns` in prompts/dialog.yaml). The bot asks once with Yes / No
buttons; "Yes" (the button, whose value is the `/forget` command, or a typed yes) erases the
conversation exactly as /forget does; "No" keeps everything and the walk goes on; any other reply
is read as usual (the question is not asked again).
"""

from __future__ import annotations

from trialbot.dialog.confirming import confirmed_answer
from trialbot.dialog.readers import normalize
from trialbot.dialog.walk import Walk
from trialbot.domain.turn import Button, Reply

KEEP = "erase:keep"  # the value of the "No, keep it" button (the other one is "/forget")


def asks_to_erase(walk: Walk, message: str) -> bool:
    """True when a typed message asks to erase what the bot keeps about the conversation."""
    return bool(walk.texts.erase.search(normalize(message).strip(" .!")))


def ask_to_erase(walk: Walk) -> None:
    """Ask whether to erase everything, with Yes (`/forget`) and No buttons."""
    walk.state.erasing = True
    token = walk.new_token()
    texts = walk.texts
    buttons = [
        Button(label=texts.say("erase_yes_label"), value=f"/forget#{token}"),
        Button(label=texts.say("erase_no_label"), value=f"{KEEP}#{token}"),
    ]
    walk.replies.append(Reply(kind="notice", text=texts.say("erase_confirm"), buttons=buttons))


def erase_answer(message: str, from_button: bool) -> bool | None:
    """True to erase, False to keep, None when the reply is neither (read it as usual)."""
    if from_button:
        return False if message == KEEP else None
    return confirmed_answer(message)
