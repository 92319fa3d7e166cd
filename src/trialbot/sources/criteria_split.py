"""Split a registry eligibility text into single inclusion / exclusion criteria."""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field

from trialbot.domain.trial import CriterionKind, CriterionText
from trialbot.eligibility.scope import heading_scope, section_group

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>=~|^&%$@])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\r]")
_MARKER = re.compile(
    r"^(?P<indent> *)(?P<marker>[*\-•∙·●○▪■◦+–]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])"
    r"\s+(?P<text>\S.*)$"
)
_BARE_MARKER = re.compile(r"^\s*(?:[*\-•∙·●○▪■◦+–]|\(?\w{1,3}[.)])\s*$")
_BULLET_SYMBOLS = "*-•∙·●○▪■◦+–"
_HEADING_WORD = re.compile(r"\b(inclusion|exclusion)\b", re.IGNORECASE)
_HEADING_TAIL = re.compile(
    r"^(?P<head>[^:;]{0,80}?\b(?:inclusion|exclusion)\b[^:;]{0,80}?)\s*\*?\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NEGATIVE_LEAD = re.compile(r"\b(cannot|can not|not|ineligible|excluded)\b|n't\b", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(meet|meets|met|not|no|other|further|above|per|are|is|be|will|must|apply|applies|see|"
    r"defined|listed|mentioned|under|have|has|who|that|making)\b",
    re.IGNORECASE,
)
_NAMED_SECTION = re.compile(
    r"(?i)\b(?:following (inclusion|exclusion) criteria\b.*:$"
    r"|(?:all|any) of the (inclusion|exclusion) criteria below\b)"
)
_INLINE_HEADING = re.compile(r"^(?i:(?:key |main )?(inclusion|exclusion) criteria):? +([A-Z].*)$")
# A short sub-heading without a colon ("Phase I", "Disease status", "Prior therapy").
_TITLE_LIKE = re.compile(r"^[A-Za-z][A-Za-z/&,()' -]{1,45}$")
_NOTHING = re.compile(r"(?i)^\s*(?:none|n/?a|not applicable|nil)\s*[.;]?\s*$")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z][.)])\s+")
# A sub-section number inside a heading line ("3.2 Eligibility ... phase 3.2.1 Inclusion Criteria
# for ..."): the line's last numbered part is the heading that opens the list.
_EMBEDDED_NUMBERING = re.compile(r"\s\d+(?:\.\d+)+\.?\s+(?=[A-Z])")


def _last_heading_part(line: str) -> str:
    """The line's last numbered part when it names inclusion or exclusion, else the line."""
    last = _EMBEDDED_NUMBERING.split(line.strip())[-1]
    return last if _HEADING_WORD.search(last) else line


_BOILERPLATE = re.compile(
    r"^(?:note:\s*)?(?:other|additional)\b.{0,40}\b(?:inclusion|exclusion)\b.{0,40}\bcriteria\b"
    r".{0,40}\b(?:apply|applies|may apply)\b[.\s]*$",
    re.IGNORECASE,
)


@dataclass
class _Item:
    """One criterion being assembled from its lines."""

    kind: CriterionKind
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The criterion's text, sub-items on their own lines."""
        return "\n".join(line for line in self.lines if line).strip()


@dataclass
class _State:
    """Where the splitter is in the document."""

    kind: CriterionKind = "inclusion"
    items: list[_Item] = field(default_factory=list)
    current: _Item | None = None
    top_indent: int | None = None
    top_style: str | None = None
    blank_before: bool = True
    current_plain: bool = False
    grouped: bool = False  # a section heading named a phase/part/cohort
    section_start: int = 0  # the first item of the current section

    def close(self) -> None:
        """Finish the item being assembled."""
        if self.current is not None and self.current.text():
            self.items.append(self.current)
        self.current = None

    def start(self, text: str) -> None:
        """Begin a new top-level item."""
        self.close()
        self.current = _Item(self.kind, [text])

    def new_section(self, kind: CriterionKind) -> None:
        """Enter an inclusion or exclusion section."""
        self.close()
        self.grouped = self.grouped or _grouped_within(self.items[self.section_start :])
        self.section_start = len(self.items)
        self.kind = kind
        self.top_indent = None
        self.top_style = None


def unescape_markdown(text: str) -> str:
    """Undo the markdown escapes registries put in plain text (`\\<`, `\\>=`, `\\*`)."""
    return _ESCAPED.sub(r"\1", text)


def normalize_space(text: str) -> str:
    """Collapse odd spacing inside one line."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _marker_style(marker: str) -> str:
    """A coarse class of a list marker: bullet, number, letter or roman."""
    core = marker.strip("().")
    if marker in _BULLET_SYMBOLS:
        return "bullet"
    if core.isdigit():
        return "number"
    return "letter"


def _heading_kind(line: str, current: CriterionKind) -> tuple[CriterionKind, str] | None:
    """If the line is a section heading, its kind and any text after the colon."""
    bulleted = line.lstrip().startswith(tuple(_BULLET_SYMBOLS))
    stripped = _NUMBERING.sub("", line.lstrip(_BULLET_SYMBOLS + " ").strip()).strip()
    words = {w.lower() for w in _HEADING_WORD.findall(stripped)}
    last_part = _last_heading_part(stripped)
    if last_part != stripped:
        return _heading_kind(last_part, current)
    named = _NAMED_SECTION.search(stripped)
    if named and len(words) == 1:
        found = (named.group(1) or named.group(2)).lower()
        return ("inclusion" if found == "inclusion" else "exclusion"), ""
    inline = _INLINE_HEADING.match(stripped)
    if inline:
        kind: CriterionKind = "inclusion" if inline.group(1).lower() == "inclusion" else "exclusion"
        return kind, inline.group(2)
    if len(stripped) > 160:
        return None
    tail = _HEADING_TAIL.match(stripped)
    if tail is not None:
        head, rest = tail.group("head"), tail.group("rest").strip(" ∙•·*")
        keyword_at = _HEADING_WORD.search(head)
        before = head[: keyword_at.start()] if keyword_at else head
        if _VERBISH.search(before) or len(head) > 120:
            return None
        if len(words) == 2 and not rest:
            return current, ""
        if len(words) == 1 and (not rest or len(_HEADING_WORD.findall(head)) == 1):
            return ("inclusion" if "inclusion" in words else "exclusion"), rest
        return None
    if len(words) == 1 and not stripped.endswith((".", ";", ",")) and len(stripped) <= 120:
        if _VERBISH.search(stripped) or (bulleted and not stripped.isupper()):
            return None
        return ("inclusion" if "inclusion" in words else "exclusion"), ""
    preamble = re.search(r"(?i)\b(?:any|all|each|one) of the following criteria\b", stripped)
    if (stripped.endswith(":") or preamble) and re.search(r"(?i)\bfollowing criteria\b", stripped):
        return ("exclusion" if _NEGATIVE_LEAD.search(stripped) else current), ""
    return None


def _is_label(lines: list[str], index: int) -> bool:
    """A non-list line ending with ':' that introduces a list (a sub-heading, not a criterion)."""
    line = lines[index].strip()
    if len(line) > 160 or _MARKER.match(lines[index]):
        return False
    if not line.endswith(":") and not _TITLE_LIKE.match(line):
        return False
    for later in lines[index + 1 :]:
        if later.strip():
            match = _MARKER.match(later)
            return match is not None and len(match.group("indent")) == 0
    return False


def _handle_marked(state: _State, match: re.Match[str]) -> None:
    """A list line: a new top-level item, or a sub-item of the current one."""
    indent = len(match.group("indent"))
    marker = match.group("marker")
    style = _marker_style(marker)
    text = match.group("text").strip()
    if state.top_indent is None:
        if state.current is not None and state.current_plain and indent > 0:
            _append_sub(state.current, marker, style, text, 1)
            return
        state.top_indent, state.top_style = indent, style
    top = state.top_indent
    is_top = indent < top or (indent == top and style == state.top_style)
    if state.current is None or is_top:
        state.top_indent, state.top_style = indent, style
        state.start(text)
        state.current_plain = False
        return
    owner = _note_owner(state, text)
    if owner is not None:
        _append_sub(owner, marker, style, text, 1)
    _append_sub(state.current, marker, style, text, _depth(indent, top))


# A conditional note ("If the PI assesses the decreased ANC and/or Plt to be related to CLL
# involvement, patients may still be enrolled") indented under a criterion it is not about
# ("Severe psychiatric illness ..."): it names an abbreviation its parent does not and an earlier
# criterion of the section does ("Absolute neutrophil count (ANC) <1000/microL").
_NOTE = re.compile(r"(?i)^(?:if|note)\b")
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")


def _note_owner(state: _State, text: str) -> _Item | None:
    """The earlier criterion of the section a note under the current one is about, if any. The
    note stays with its parent too: a permission is never taken from the criterion it was
    written under."""
    parent = state.current
    if parent is None or not _NOTE.match(text) or len(parent.lines) != 1:
        return None
    if parent.lines[0].rstrip().endswith(":"):
        return None
    names = set(_ABBREVIATION.findall(text))
    if not names or names & set(_ABBREVIATION.findall(parent.lines[0])):
        return None
    earlier = state.items[state.section_start :]
    return next(
        (item for item in reversed(earlier) if names & set(_ABBREVIATION.findall(item.text()))),
        None,
    )


def _append_sub(item: _Item, marker: str, style: str, text: str, depth: int) -> None:
    """Keep a sub-item with its parent, bullets shown as '-'."""
    sub_marker = "-" if style == "bullet" else marker
    item.lines.append(f"{'  ' * (depth - 1)}{sub_marker} {text}")


def _depth(indent: int, top: int) -> int:
    """Nesting depth of a sub-item for display (at least 1)."""
    return max(1, min(3, (indent - top + 1) // 3))


_LINK_ONLY = re.compile(r"^[(\[<]?\s*(?:https?://|www\.)\S+\s*[)\]>]?[.,;:]?$", re.IGNORECASE)


def _handle_plain(state: _State, lines: list[str], index: int, raw: str) -> None:
    """A line without a list marker: continuation, label or a paragraph criterion."""
    text = normalize_space(raw)
    indent = len(raw) - len(raw.lstrip(" "))
    top = state.top_indent or 0
    if state.current is not None and (not state.blank_before or indent > top):
        state.current.lines.append(text)
        return
    if _LINK_ONLY.match(text) and (state.current is not None or state.items):
        # "(https://www.fda.gov/...#table2-2,table3-3," after a blank line: the link the
        # criterion before it points to, never a criterion of its own
        (state.current or state.items[-1]).lines.append(text)
        return
    if text.strip(" -").upper() == "OR":
        state.start("OR")  # kept as a separator; _join_alternatives reads it
        state.close()
        return
    if _is_label(lines, index):
        state.close()
        state.top_indent = None
        state.top_style = None
        if heading_scope(text) is not None:  # "Cohort 1 (NSCLC):", "PATIENTS WHO HAVE ...:"
            state.items.append(_Item(state.kind, [text]))
        return
    state.start(text)
    state.current_plain = True
    if indent == 0:
        state.top_indent = None


def _prepare_lines(text: str) -> list[str]:
    """Unescaped lines with tabs expanded and trailing space removed."""
    text = _escaped_numbering(text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4))
    cleaned = html.unescape(unescape_markdown(text))
    cleaned = re.sub(r"<!--.*?-->", "", cleaned.replace("**", ""), flags=re.DOTALL)
    result = []
    for raw in cleaned.split("\n"):
        raw = _INVISIBLE.sub("", raw.expandtabs(4)).replace("\u00a0", " ").rstrip()
        result.extend(_one_paragraph(raw))
    return _indent_alternatives(_inline_numbering(result))


# "4. BMI between 18 and 32 kg/m2 5. Medically healthy ... 6. No ECG findings": the section's
# next item numbers written inside a line. A number is the next item's only when it follows the
# last item number of the section (or skips one), stands after a word, not a qualifier ("Grade
# 2.", "Section 7.") or a comparison, and a capital starts its text; decimals never match.
_LEADING_NUMBER = re.compile(r"^(?P<indent> *)(?P<number>\d{1,3})\.\s+\S")
_INLINE_NUMBER = re.compile(r"(?<=[^\s<>≤≥=±+\-–/×~])\s+(?P<number>\d{1,3})\.\s+(?=[A-Z(\"'])")
_QUALIFIER = re.compile(
    r"(?i)\b(?:grade|stage|class|type|version|v|section|table|appendix|figure|step|part|phase|"
    r"cohort|arm|level|dose|cycle|day|week|month|year|no|number|criterion|criteria|item|point|"
    r"page|amendment|jan\w*|feb\w*|mar\w*|apr\w*|may|"
    r"jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s*$"
)


def _inline_numbering(lines: list[str]) -> list[str]:
    """Lines with the section's next item numbers inside them cut there, each new item a
    numbered line at the indent of the section's numbered items."""
    result: list[str] = []
    last: int | None = None
    indent = 0
    for line in lines:
        if _SECTION_LINE.match(line.lstrip(_BULLET_SYMBOLS + " ")):
            last = None
        leading = _LEADING_NUMBER.match(line)
        if leading and (last is None or len(leading.group("indent")) <= indent):
            last, indent = int(leading.group("number")), len(leading.group("indent"))
        if last is None:
            result.append(line)
            continue
        pieces, last = _cut_at_numbers(line, last)
        result.append(pieces[0])
        result.extend(f"{' ' * indent}{piece}" for piece in pieces[1:])
    return result


def _cut_at_numbers(line: str, last: int) -> tuple[list[str], int]:
    """The line cut before each next item number ("5. ...", kept with its piece)."""
    pieces: list[str] = []
    start = 0
    for found in _INLINE_NUMBER.finditer(line):
        number = int(found.group("number"))
        if number not in (last + 1, last + 2) or _QUALIFIER.search(line[: found.start()]):
            continue
        pieces.append(line[start : found.start()].rstrip())
        start, last = found.start() + len(found.group(0)) - len(found.group(0).lstrip()), number
    pieces.append(line[start:])
    return pieces, last


# A list item that introduces alternatives or the conditions of one criterion: "Participants
# must meet at least one of the following criteria:", "NYHA Class II HF with one or more of the
# following:", "... are eligible, provided they meet all of the following criteria:", "high risk
# of recurrence defined by the following criteria:". Written with its items at its own indent,
# the items are still its own, not required criteria of their own.
_ALTERNATIVES_LEAD = re.compile(
    r"(?i)\b(?:(?:at\s+least|only|exactly)\s+)?(?:one|1)\s+(?:or\s+(?:more|both)\s+)?of\s+(?:the\s+)?"
    r"following\b|\b(?:any|either)\s+of\s+(?:the\s+)?following\b"
)
_CONDITIONS_LEAD = re.compile(
    r"(?i)\b(?:eligible|allowed|permitted|included|enrolled)\b[^:]{0,40}\b(?:provided|if|as\s+long"
    r"\s+as|when)\b[^:]{0,60}\bfollowing\b|\brisk\b[^:]{0,60}\b(?:defined|based)\b[^:]{0,30}"
    r"\bfollowing\b"
)
# An item that reads as a criterion of its own ends the list: "May have received prior therapy
# ...", "Have disease that is PSMA-positive", "Patients must ...", "Ability to ...",
# "Biospecimens can be collected ...".
_OWN_CRITERION = re.compile(
    r"(?i)^(?:(?:must|may|should|shall|has|have|had|able|ability|willing|agrees?|signed|"
    r"provides?)\b|(?:[\w/-]+,?\s+){1,4}(?:must|should|shall|will|can|may)\s)"
)


def _indent_alternatives(lines: list[str]) -> list[str]:
    """Indent the items of a lead of alternatives or conditions (a top-level list item or plain
    line) under it when the record wrote them at the lead's own indent. The list runs while its
    lines keep the first item's marker style and indent (deeper lines go with them), up to an
    item that reads as a criterion of its own; it is taken only when it ends cleanly (at a
    section heading, at the end, or at the lead's next sibling). In an exclusion section only
    conditions are joined: "any of the following" there lists separate exclusions."""
    result = list(lines)
    kind: CriterionKind = "inclusion"
    for index, line in enumerate(result):
        lead = _MARKER.match(line)
        heading = _heading_kind(line, kind) if _may_be_heading(lead) else None
        text = lead.group("text").rstrip() if lead else line.strip()
        is_lead = text.endswith(":") and not _HEADING_WORD.search(text)
        if heading is not None:
            kind = heading[0]
        opens = _CONDITIONS_LEAD.search(text) or (
            kind == "inclusion" and _ALTERNATIVES_LEAD.search(text)
        )
        if is_lead and opens and not _nested(result, index):
            _indent_list(result, index, lead)
    return result


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _nested(lines: list[str], index: int) -> bool:
    """The line sits under a less indented line before it (a sub-item or a sub-heading's text)."""
    before = next((line for line in reversed(lines[:index]) if line.strip()), "")
    return bool(before) and _indent_of(before) < _indent_of(lines[index])


def _indent_list(lines: list[str], index: int, lead: re.Match[str] | None) -> None:
    """Indent the same-indent list after the lead at `index` under it, if it ends cleanly."""
    lead_indent = _indent_of(lines[index])
    first_at = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), len(lines))
    first = _MARKER.match(lines[first_at]) if first_at < len(lines) else None
    if first is None or len(first.group("indent")) > lead_indent:
        return
    indent, style = len(first.group("indent")), _marker_style(first.group("marker"))
    at, end = first_at, first_at
    while at < len(lines):
        line = lines[at]
        found = _MARKER.match(line)
        if not line.strip() or (at > first_at and _indent_of(line) > indent):
            at += 1
            continue
        same = found and len(found.group("indent")) == indent
        if not (same and found and _marker_style(found.group("marker")) == style):
            break
        if _SECTION_LINE.match(found.group("text")) or _OWN_CRITERION.match(found.group("text")):
            break
        at += 1
        end = at
    if end == first_at or not _ends_cleanly(lines, end, lead, lead_indent):
        return
    shift = " " * (lead_indent - indent + 3)
    for i in range(first_at, end):
        if lines[i].strip():
            lines[i] = shift + lines[i]


def _ends_cleanly(lines: list[str], end: int, lead: re.Match[str] | None, indent: int) -> bool:
    """After the list: the end, a section heading, or a line like the lead at its indent."""
    after = next((line for line in lines[end:] if line.strip()), None)
    if after is None or _SECTION_LINE.match(after.lstrip(_BULLET_SYMBOLS + " ")):
        return True
    found = _MARKER.match(after)
    if lead is None:
        return found is None and _indent_of(after) <= indent
    return (
        found is not None
        and len(found.group("indent")) == indent
        and _marker_style(found.group("marker")) == _marker_style(lead.group("marker"))
    )


# "1\. Age >= 12 years": a number the registry escaped so that markdown would not renumber it;
# written under a bullet ("* 1\. ...") or indented like a sub-item ("  2\. ..."), it still numbers
# the section's criteria.
_ESCAPED_NUMBER = re.compile(r"^ *(?:[*\-•] +)?(?P<number>\d{1,3})\\\. +(?P<text>\S.*)$")
_LIST_LINE = re.compile(r"^ *(?:[*\-•∙·●○▪■◦+–]|\(?\w{1,3}[.)]|\d{1,3}\\\.)\s")
_SECTION_LINE = re.compile(r"(?i)^\W*(?:\w+\s+){0,3}(?:inclusion|exclusion)\b")


def _escaped_numbering(text: str) -> str:
    """A section whose criteria are numbered with escaped numbers, the first one at the left
    margin and at least two of them, gets them as its top-level items ("N. text" at the margin)
    and every other list line under the number before it (indented)."""
    lines = text.split("\n")
    starts = [0, *(i for i, line in enumerate(lines) if _SECTION_LINE.match(line)), len(lines)]
    for start, end in itertools.pairwise(starts):
        listed = [i for i in range(start, end) if _LIST_LINE.match(lines[i])]
        numbered = [i for i in listed if _ESCAPED_NUMBER.match(lines[i])]
        if len(numbered) < 2 or listed[0] != numbered[0] or lines[listed[0]].startswith(" "):
            continue
        for i in listed[1:]:
            if i not in numbered and not lines[i].startswith(" "):
                lines[i] = f"  {lines[i]}"
        for i in numbered:
            found = _ESCAPED_NUMBER.match(lines[i])
            if found:
                lines[i] = f"{found.group('number')}. {found.group('text')}"
    return "\n".join(lines)


# "Inclusion Criteria: Age 18 or older; ECOG 0 or 1. Exclusion Criteria: Pregnant; ..." written
# as one paragraph: each heading on its own line, each ';'-separated part a criterion.
_INLINE_SECTION = re.compile(
    r"(?i)(?<=[.;:]\s)(?=(?:key |main )?(?:inclusion|exclusion) criteria\s*:)"
)
_PARAGRAPH_HEAD = re.compile(
    r"(?i)^\s*((?:key |main )?(?:inclusion|exclusion) criteria\s*:)\s*(\S.*)$"
)


def _one_paragraph(raw: str) -> list[str]:
    """A line holding whole sections split into heading and criterion lines; others unchanged."""
    parts = (
        [p.strip() for p in _INLINE_SECTION.split(raw)] if _INLINE_SECTION.search(raw) else [raw]
    )
    lines: list[str] = []
    for part in parts:
        head = _PARAGRAPH_HEAD.match(part)
        if head is None or (len(parts) == 1 and head.group(2).count(";") < 1):
            lines.append(part)
            continue
        lines.append(head.group(1))
        items = [i.strip(" ;") for i in re.split(r";\s+", head.group(2)) if i.strip(" ;.")]
        lines.extend(f"- {item}" for item in items)
    return lines


def split_criteria(text: str) -> list[CriterionText]:
    """Split an eligibility text into criteria with stable ids (inc-1.., exc-1..) in order."""
    lines = _prepare_lines(text or "")
    state = _State()
    for index, raw in enumerate(lines):
        if not raw.strip():
            state.blank_before = True
            continue
        if _BARE_MARKER.match(raw):
            continue
        match = _MARKER.match(raw)
        heading = _heading_kind(raw, state.kind) if _may_be_heading(match) else None
        if heading is not None and _leads_own_sub_list(state, lines, index, match):
            heading = None  # "* ... meet the following criteria:" mid-section, its list indented
        if heading is not None:
            kind, rest = heading
            state.new_section(kind)
            _section_group(state, raw)
            rest = normalize_space(rest)
            if rest and not rest.endswith(":") and not _TITLE_LIKE.match(rest):
                state.start(rest)
        elif match:
            _handle_marked(state, _normalized_match(match))
        else:
            _handle_plain(state, lines, index, raw)
        state.blank_before = False
    state.close()
    return _number(state.items)


_SECTION_GROUP = re.compile(
    r"(?i)\b(?:for|in|specific\s+to)\s+(?:the\s+)?((?:phase|part|cohorts?|arm|group|stratum|sub-?study)"
    r"\s+[\w.-]{1,8}\b(?:\s+(?:and|or)\s+(?:(?:phase|part|cohort|arm)\s+)?[\w.-]{1,8}\b)?"
    r"(?:\s+part\s+[\w.-]{1,8}\b)?(?:\s+only)?)"
    r"|\(((?:phase|part|cohorts?|arm|group)\s+[\w.-]{1,8}(?:\s+(?:and|or)\s+[\w.-]{1,8})?)\)"
    r"|^\W*((?:phase|part|cohort|arm)\s+[\w.-]{1,8})\s+(?:inclusion|exclusion)"
)


def _grouped_within(items: list[_Item]) -> bool:
    """A section's sub-heading naming a group ("Cohort 1 (NSCLC):", "* Part B7 only:") with
    criteria after it: the group ends with the section. A group sub-heading that is the section's
    last item opens the sections after it ("Cohort 2" then "Inclusion Criteria:")."""
    headings = [at for at, item in enumerate(items) if heading_scope(item.text()) is not None]
    last = headings[-1] if headings else None
    return last is not None and last < len(items) - 1 and bool(heading_scope(items[last].text()))


def _section_group(state: _State, heading: str) -> None:
    """'Inclusion Criteria for Phase II:' keeps 'Phase II' as a sub-heading item, also when the
    group is named otherwise ('... for the nivolumab arm:', '(Cohort 1, Stage 1)',
    `scope.section_group`); a plain section heading after such groups, or one naming every
    group, says the criteria are for all participants again."""
    heading = _last_heading_part(heading)  # "3.2 ... 3.2.1 Inclusion Criteria for ... phase"
    found = _SECTION_GROUP.search(heading)
    group = next(g for g in found.groups() if g).rstrip(" .,;") if found else None
    if group is None or heading_scope(group) is None:
        group = section_group(heading) or group  # "... for Giredestrant + Ipatasertib Arm:"
    if group:
        state.items.append(_Item(state.kind, [group]))
        state.grouped = True
    elif state.grouped:
        state.items.append(_Item(state.kind, ["All participants"]))
        state.grouped = False


def _leads_own_sub_list(
    state: _State, lines: list[str], index: int, match: re.Match[str] | None
) -> bool:
    """A list item in the middle of a section that ends with ':' and names no section ("* The
    main organs function meet the following criteria:") and whose list is indented under it is
    one criterion with its sub-items, not a section heading; at a section's start such a line is
    the section's lead, unless it opens alternatives or conditions ("... meet at least one of the
    following criteria:")."""
    if match is None:
        return False
    text = match.group("text").strip()
    if not text.endswith(":") or _HEADING_WORD.search(text):
        return False
    opens_alternatives = _CONDITIONS_LEAD.search(text) or (
        state.kind == "inclusion" and _ALTERNATIVES_LEAD.search(text)
    )
    if not opens_alternatives and (state.current is None or state.current.kind != state.kind):
        return False
    indent = len(match.group("indent"))
    later = next((line for line in lines[index + 1 :] if line.strip()), "")
    return len(later) - len(later.lstrip(" ")) > indent


def _may_be_heading(match: re.Match[str] | None) -> bool:
    """Headings are plain lines, top-level bullets, or numbered lines naming a section."""
    if match is None:
        return True
    if len(match.group("indent")) > 0:
        return False
    if _marker_style(match.group("marker")) == "bullet":
        return True
    return bool(re.match(r"(?i)(key |main )?(inclusion|exclusion) criteria\b", match.group("text")))


# A second bullet glyph left after the list marker ("* • Histologically documented ..."): part
# of no criterion's text.
_LEFTOVER_BULLET = re.compile(r"^[•∙·●○▪■◦]\s+(?=\S)")


def _normalized_match(match: re.Match[str]) -> re.Match[str]:
    """Re-match the line after normalizing spacing inside its text (a leftover second bullet
    glyph dropped)."""
    text = _LEFTOVER_BULLET.sub("", normalize_space(match.group("text")))
    rebuilt = f"{match.group('indent')}{match.group('marker')} {text}"
    again = _MARKER.match(rebuilt)
    return again if again is not None else match


def _group_size(items: list[_Item], index: int, step: int) -> int:
    """How many items of the same kind lie next to `index` going `step`, up to a separator."""
    kind, count, at = items[index].kind, 0, index + step
    while 0 <= at < len(items) and items[at].kind == kind and not _is_or(items[at]):
        count, at = count + 1, at + step
    return count


def _is_or(item: _Item) -> bool:
    return item.text().strip().upper() in {"OR", "- OR -"}


def _join_alternatives(items: list[_Item]) -> list[_Item]:
    """A lone 'OR' between two items makes them one criterion with alternatives; between two
    groups of criteria it makes the groups alternatives ("Alternative 1", "Alternative 2")."""
    joined: list[_Item] = []
    pending_or = False
    for index, item in enumerate(items):
        if _is_or(item) and _group_size(items, index, -1) > 1 and _group_size(items, index, 1) > 1:
            start = index - _group_size(items, index, -1)
            first = len(joined) - (index - start)
            if not any(i.text().startswith("Alternative ") for i in joined[first : first + 1]):
                joined.insert(first, _Item(item.kind, ["Alternative 1"]))
            count = sum(i.text().startswith("Alternative ") for i in joined)
            joined.append(_Item(item.kind, [f"Alternative {count + 1}"]))
            continue
        if _is_or(item):
            pending_or = bool(joined)
            continue
        if pending_or and joined[-1].kind == item.kind:
            joined[-1].lines += ["OR", *item.lines]
        else:
            joined.append(item)
        pending_or = False
    return joined


# A lead item that only introduces its numbered list as separate criteria: "Participants must
# fulfil all the following inclusion criteria:", "Participants presenting with any of the following
# will not be included". Inclusion "all" and exclusion "any" lists are separate criteria; an
# inclusion "any/one of the following" (alternatives) or an exclusion "all of the following" (one
# combined condition) stays one criterion.
_LIST_LEAD = {
    "inclusion": re.compile(
        r"(?i)\b(?:all|each|every)\s+(?:of\s+)?the\s+following\b"
        r"|\bthe\s+following\s+inclusion\s+criteria\b"
    ),
    "exclusion": re.compile(
        r"(?i)\bany\s+(?:of\s+)?the\s+following\b|\bthe\s+following\s+exclusion\s+criteria\b"
    ),
}
# ...and the lead speaks of the whole section (criteria, being included or eligible), not of one
# condition's sub-list ("cardiac disease, including any of the following:" stays one criterion).
_SECTION_LEAD = re.compile(
    r"(?i)\bcriteria\b|\b(?:included|enrolled|eligible|excluded|eligibility|enrol?lment)\b"
)
_SUB_ITEM = re.compile(r"^(?:\(?\d{1,3}[.)]|-)\s+\S")
_MIN_LISTED = 3
# An exclusion anywhere in its section whose lead says each listed item is an exclusion of its
# own: "Any of the following:", "... conditions such as the following:", "Such significant
# medical conditions include, but are not limited to the following:". Not when the list is the
# condition of an exception or of one finding ("... unless all of the following", "brain
# metastases are allowed if any of the following", "... excluded if any of the following apply").
_EACH_EXCLUSION_LEAD = re.compile(
    r"(?i)\bany\s+(?:of\s+)?(?:the\s+)?following\b|\bsuch\s+as\s+(?:the\s+)?following\b"
    r"|\b(?:conditions?|diseases?|illness(?:es)?|disorders?)\b[^:]{0,40}\binclud\w*\b[^:]{0,40}"
    r"\bfollowing\b"
)
_CONDITIONAL_LEAD = re.compile(
    r"(?i)\b(?:unless|except|exceptions?|provided|if|when|whose|allowed|permitted|eligible|all|both)\b"
)
# ...and the items need nothing from the lead: a list of drugs, tests, values or methods ("Treatment
# with any of the following:", "Positive result of any of the following tests:") or with the lead's
# window ("Any of the following within 6 months prior to ...") stays one criterion.
_LEAD_CONTEXT = re.compile(
    r"(?i)\b(?:treatments?|therap\w*|medications?|drugs?|agents?|procedures?|tests?|values?|"
    r"laborator\w*|contracepti\w*|methods?|within|prior|before|after|since|washout|period|"
    r"time|days?|weeks?|months?|years?)\b"
)


def _promote_listed(items: list[_Item]) -> list[_Item]:
    """A section's opening item and its list ("... fulfil all the following inclusion criteria"
    then "1. ... 2. ...") become the lead and one criterion per listed item, each with its own
    lines. Only the first item of a section with a list of at least three is promoted; a list
    inside a later criterion ("eligible if all of the following are met") stays with it."""
    result: list[_Item] = []
    for index, item in enumerate(items):
        lead = item.lines[0] if item.lines else ""
        opens_section = index == 0 or items[index - 1].kind != item.kind
        starts = [i for i, line in enumerate(item.lines[1:], 1) if _SUB_ITEM.match(line)]
        listed = (
            _LIST_LEAD[item.kind].search(lead) and _SECTION_LEAD.search(lead) and opens_section
        ) or _lists_exclusions(item, lead)
        if len(starts) < _MIN_LISTED or not listed or starts[0] != 1:
            result.append(item)
            continue
        result.append(_Item(item.kind, [lead]))
        for at, start in enumerate(starts):
            end = starts[at + 1] if at + 1 < len(starts) else len(item.lines)
            first = re.sub(r"^(?:\(?\d{1,3}[.)]|-)\s+", "", item.lines[start])
            result.append(_Item(item.kind, [first, *item.lines[start + 1 : end]]))
    return result


# ...nor when the lead names one finding and the list, in a bare "any of the following" after it,
# gives that finding's terms: "Abnormal complete blood count. Any of the following:", "Inadequate
# bone marrow function, any of the following:" (the items are the finding's limits, not
# exclusions of their own; a list of examples, "including any of the following", is still split).
_FINDING_DEFINED = re.compile(
    r"(?i)^(?P<finding>.*\w.*?)\s*[.,;:]\s+(?:any|one\s+or\s+more)\s+of\s+the\s+following\s*:$"
)
_EXAMPLES = re.compile(r"(?i)\b(?:includ\w*|such\s+as)\b")


def _lists_exclusions(item: _Item, lead: str) -> bool:
    """An exclusion whose lead ends introducing a list of separate exclusions (each listed item
    excludes on its own), the lead naming no condition those items are the terms of."""
    tail = lead.rstrip()
    if item.kind != "exclusion" or not tail.endswith(":"):
        return False  # checked first: the match below is slow on a long lead
    sentence = re.split(r"(?<=[.;])\s+", tail)[-1]
    defined = _FINDING_DEFINED.match(tail)
    if defined and not _EXAMPLES.search(defined.group("finding")):
        return False
    return (
        bool(_EACH_EXCLUSION_LEAD.search(sentence))
        and not _CONDITIONAL_LEAD.search(sentence)
        and not _LEAD_CONTEXT.search(sentence.split("because")[0])
    )


def _number(items: list[_Item]) -> list[CriterionText]:
    """Give each kept item its stable id, dropping empty and boilerplate items."""
    counters = {"inclusion": 0, "exclusion": 0}
    result: list[CriterionText] = []
    for item in _promote_listed(_join_alternatives(items)):
        body = re.sub(r"^-{1,2}(?=\S)", "", item.text())
        if not body.strip(" .;:-*") or _BOILERPLATE.match(body) or _NOTHING.match(body):
            continue
        counters[item.kind] += 1
        prefix = "inc" if item.kind == "inclusion" else "exc"
        result.append(
            CriterionText(id=f"{prefix}-{counters[item.kind]}", kind=item.kind, text=body)
        )
    return result
