"""A Turn as Telegram messages: HTML-escaped text, quoted sources, split to fit, with keyboards.

The channel sends with parse mode HTML. Every text that comes from the core or from a trial
document is escaped (`html.escape`), so characters such as `<`, `>` and `&` in criteria
("QTc > 480 ms") arrive as written and can never inject formatting. Only the few tags added here
(bold source headings and expandable quotes) are markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from trialbot.channels.telegram.buttons import CallbackCodec, build_keyboard
from trialbot.channels.telegram.split import MESSAGE_LIMIT, split_text, utf16_len
from trialbot.channels.telegram.texts import TelegramTexts
from trialbot.domain.turn import Citation, Reply, Turn

QUOTE_LIMIT = 700  # characters of a cited passage shown under an answer
_GAP = "\n\n"


@dataclass(frozen=True)
class Block:
    """A piece of a message: plain text plus how to mark it up."""

    text: str
    style: str = "plain"  # plain | bold | quote


@dataclass(frozen=True)
class Outgoing:
    """One Telegram message to send."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


def render_turn(turn: Turn, texts: TelegramTexts, codec: CallbackCodec) -> list[Outgoing]:
    """Every message for a turn, in order; buttons ride on the last message of their reply."""
    messages: list[Outgoing] = []
    for reply in turn.replies:
        messages.extend(render_reply(reply, texts, codec))
    return messages


def render_reply(reply: Reply, texts: TelegramTexts, codec: CallbackCodec) -> list[Outgoing]:
    """The messages for one reply (none when it has neither text nor buttons)."""
    blocks = reply_blocks(reply, texts)
    if not blocks and reply.buttons:
        blocks = [Block(texts.choose)]
    pages = [to_html(page) for page in paginate(blocks)]
    if not pages:
        return []
    keyboard = build_keyboard(reply.buttons, codec)
    return [Outgoing(page) for page in pages[:-1]] + [Outgoing(pages[-1], keyboard)]


def reply_blocks(reply: Reply, texts: TelegramTexts) -> list[Block]:
    """The reply text followed by each cited passage under a source heading."""
    blocks = [Block(reply.text.strip())] if reply.text.strip() else []
    for citation in reply.citations:
        blocks.extend(citation_blocks(citation, texts))
    return blocks


def citation_blocks(citation: Citation, texts: TelegramTexts) -> list[Block]:
    """A bold source heading and the quoted passage (shortened when long)."""
    heading = texts.source.format(trial_id=citation.trial_id, section=citation.section)
    quote = " ".join(citation.text.split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[: QUOTE_LIMIT - 1].rstrip() + "…"
    return [Block(heading, "bold"), Block(quote, "quote")] if quote else [Block(heading, "bold")]


def paginate(blocks: list[Block], limit: int = MESSAGE_LIMIT) -> list[list[Block]]:
    """Pack blocks into pages whose plain text fits the limit, splitting oversized blocks."""
    pages: list[list[Block]] = []
    page: list[Block] = []
    used = 0
    for block in blocks:
        for piece in split_text(block.text, limit):
            size = utf16_len(piece) + (utf16_len(_GAP) if page else 0)
            if page and used + size > limit:
                pages.append(page)
                page, used = [], 0
                size = utf16_len(piece)
            page.append(Block(piece, block.style))
            used += size
    if page:
        pages.append(page)
    return pages


def to_html(page: list[Block]) -> str:
    """One page of blocks as Telegram HTML with every text escaped."""
    return _GAP.join(_block_html(block) for block in page)


def _block_html(block: Block) -> str:
    text = html.escape(block.text, quote=False)
    if block.style == "bold":
        return f"<b>{text}</b>"
    if block.style == "quote":
        return f"<blockquote expandable>{text}</blockquote>"
    return text


def escape(text: str) -> str:
    """Escape a plain text for parse mode HTML."""
    return html.escape(text, quote=False)
