"""Rendering a Turn for Telegram: splitting, escaping, keyboards and callback data."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from trialbot.channels.telegram.buttons import CallbackCodec, build_keyboard
from trialbot.channels.telegram.handlers import normalize_command
from trialbot.channels.telegram.render import render_turn
from trialbot.channels.telegram.split import split_text, utf16_len
from trialbot.channels.telegram.texts import load_texts
from trialbot.domain.turn import Button, Citation, Reply, Turn

TEXTS = load_texts()


def _plain(page_html: str) -> str:
    return html.unescape(re.sub(r"</?(b|blockquote)( expandable)?>", "", page_html))


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(min_value=5, max_value=400))
def test_split_never_exceeds_limit_and_keeps_words(text: str, limit: int) -> None:
    """Every piece fits the limit (in UTF-16 units) and no non-space character is lost."""
    pieces = split_text(text, limit)
    assert all(0 < utf16_len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_split_prefers_paragraphs_then_lines() -> None:
    """Cuts fall between paragraphs when they fit, then between lines."""
    text = "a" * 50 + "\n\n" + "b" * 50 + "\n" + "c" * 30
    assert split_text(text, 60) == ["a" * 50, "b" * 50, "c" * 30]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_split_counts_emoji_as_two_units() -> None:
    """Characters outside the BMP count double, as Telegram counts them, and are never cut."""
    pieces = split_text("😀" * 10, 5)
    assert pieces == ["😀😀", "😀😀", "😀😀", "😀😀", "😀😀"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=9000))
def test_rendered_pages_fit_and_unescape_to_the_reply(text: str) -> None:
    """Any reply text renders to pages within 4096 units whose text is the reply's text."""
    turn = Turn(conversation_id="tg:1", replies=[Reply(kind="notice", text=text)])
    pages = render_turn(turn, TEXTS, CallbackCodec())
    plain = [_plain(page.html) for page in pages]
    assert all(utf16_len(p) <= 4096 for p in plain)
    assert "".join("".join(plain).split()) == "".join(text.split())


def test_long_citation_is_shortened_and_follows_the_answer() -> None:
    """A cited passage is quoted under its source heading, shortened when very long."""
    reply = Reply(
        kind="answer",
        text="Yes.",
        citations=[Citation(trial_id="NCT9", section="Eligibility", text="word " * 400)],
    )
    [page] = render_turn(Turn(conversation_id="c", replies=[reply]), TEXTS, CallbackCodec())
    assert page.html.startswith("Yes.\n\n<b>Source: NCT9, Eligibility</b>\n\n<blockquote")
    quote = page.html.split("<blockquote expandable>")[1].split("</blockquote>")[0]
    assert len(quote) <= 700
    assert quote.endswith("…")


def test_buttons_only_reply_gets_a_prompt_and_empty_turn_sends_nothing() -> None:
    """A reply with buttons but no text still shows its buttons; an empty turn sends nothing."""
    reply = Reply(kind="question", text=" ", buttons=[Button(label="Yes", value="yes")])
    [page] = render_turn(Turn(conversation_id="c", replies=[reply]), TEXTS, CallbackCodec())
    assert page.html == "Please choose:"
    assert page.keyboard is not None
    assert render_turn(Turn(conversation_id="c"), TEXTS, CallbackCodec()) == []


def test_keyboard_puts_long_labels_on_their_own_rows() -> None:
    """Short labels share a row (at most three); long labels get a row each."""
    buttons = [Button(label=label, value=label.lower()) for label in ("Yes", "No", "Not sure")]
    buttons.append(Button(label="The mifamurtide study for osteosarcoma", value="t1"))
    buttons.append(Button(label="The apatinib study", value="t2"))
    keyboard = build_keyboard(buttons, CallbackCodec())
    assert keyboard is not None
    rows = [[b.text for b in row] for row in keyboard.inline_keyboard]
    assert rows == [
        ["Yes", "No", "Not sure"],
        ["The mifamurtide study for osteosarcoma"],
        ["The apatinib study"],
    ]


def test_callback_codec_keeps_short_values_and_tokenizes_long_ones() -> None:
    """Values up to 64 bytes are sent as is; longer ones (or ones like a token) become tokens."""
    codec = CallbackCodec()
    assert codec.encode("unknown") == "unknown"
    long_value = "é" * 40  # 80 bytes
    token = codec.encode(long_value)
    assert len(token.encode()) <= 64
    assert codec.decode(token) == long_value
    tricky = codec.encode("~looks-like-a-token")
    assert tricky != "~looks-like-a-token"
    assert codec.decode(tricky) == "~looks-like-a-token"
    assert codec.decode("~" + "0" * 32) is None


def test_normalize_command_drops_bot_name() -> None:
    """'/help@trial_bot' becomes '/help'; arguments and ordinary text are kept."""
    assert normalize_command("/help@trial_bot") == "/help"
    assert normalize_command("/trials@trial_bot NCT07479732") == "/trials NCT07479732"
    assert normalize_command("I am 12 @home") == "I am 12 @home"
