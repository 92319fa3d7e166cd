"""Erasing asked for in plain words ("please delete my data", "forget everything I told you").

The words are data (`erase_patterns` in prompts/dialog.yaml). The bot asks once with Yes / No
buttons; "Yes" (the button, whose value is the `/forget` command, or a typed yes) erases the
conversation exactly as /forget does; "No" keeps everything and the walk goes on; a yes or no
said with doubt ("I think so", "probably", "I guess") erases nothing and is no answer to the
pending question either: the question is asked again plainly ("Please answer yes or no: ...");
any other reply is read as usual (the question is not asked again).
"""

from __future__ import annotations

from trialbot.dialog.confirming import confirmed_answer, is_hedged_reply
from trialbot.dialog.readers import normalize
from trialbot.dialog.walk import Walk
from trialbot.domain.turn import Button, Reply

KEEP = "erase:keep"  # the value of the "No, keep it" button (the other one is "/forget")


def asks_to_erase(walk: Walk, message: str) -> bool:
    """True when a typed message asks to erase what the bot keeps about the conversation."""
    return bool(walk.texts.erase.search(normalize(message).strip(" .!")))


def ask_to_erase(walk: Walk, plainly: bool = False) -> None:
    """Ask whether to erase everything, with Yes (`/forget`) and No buttons; `plainly` asks it
    again after a hedged reply ("Please answer yes or no: ...")."""
    walk.state.erasing = True
    token = walk.new_token()
    texts = walk.texts
    buttons = [
        Button(label=texts.say("erase_yes_label"), value=f"/forget#{token}"),
        Button(label=texts.say("erase_no_label"), value=f"{KEEP}#{token}"),
    ]
    text = texts.say("erase_confirm")
    if plainly:
        text = texts.say("erase_plainly", question=text[:1].lower() + text[1:])
    walk.replies.append(Reply(kind="notice", text=text, buttons=buttons))


def is_hedged(message: str, from_button: bool) -> bool:
    """True for a typed yes or no said with doubt ("I think so", "probably", "I guess"): to the
    erase question it is neither (the hedge words of prompts/answer_topics.yaml)."""
    return not from_button and is_hedged_reply(message)


def erase_answer(message: str, from_button: bool) -> bool | None:
    """True to erase, False to keep, None when the reply is neither (read it as usual)."""
    if from_button:
        return False if message == KEEP else None
    return confirmed_answer(message)
