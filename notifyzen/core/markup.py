"""Body markup made safe: the Desktop Notifications subset, nothing more, never a fetch.

The spec allows <b> <i> <u> <a href> <img src alt> in a body; senders send far more (HTML from
web apps, Pango <span>, stray "<" in plain text, entities). The body is read once into Spans
(text plus style plus link) and both renderings are made from those, so the rich and the plain
text can never disagree about what the user sees.

Design choices, as a user would notice them:
- Only known HTML-ish tag names count as markup. "Mail from Anke <anke@example.org>" or
  "use <stdin>" shows literally, the way dunst shows a body that does not parse as markup.
- <img> becomes its alt text (or nothing): a notification may never make notifyzen fetch a URL.
- <script>/<style> disappear with their content; any other tag is dropped and its text kept.
- Links survive only for http, https and mailto; other hrefs (javascript:, file:, data:) leave
  their text as plain text.
- `limit` caps the visible characters (ending with "…") and with them how much input is read at
  all (`read_budget`: a few thousand characters for a pop-up or a digest row), so a hostile body
  costs no more than a screenful. Nobody reads 20,000 characters of a notification; pass
  limit=None only for trusted, bounded input.

Linear time, whatever arrives: a client controls every character here, and a regular expression
runs in C holding the interpreter lock, so one that backtracks ("<b" and 3,000 spaces took the
old tag pattern over a minute) stops the bus thread from answering anyone. Every pattern below
either has nothing to backtrack over (possessive quantifiers, alternatives that start
differently) or is bounded in length, each "<" is looked at once, and the state is O(1) per tag.
tests/core/test_markup_linear.py holds that to account.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

ELLIPSIS = "…"
DEFAULT_LIMIT = 20_000
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Tags whose content is never shown.
_DROP_CONTENT = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object"})
_STYLE = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline"}
_BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
# Other names that are markup rather than literal text (their tags vanish, their text stays).
_KNOWN_NAMES = (
    "a img span font s strike del ins code pre tt big small sub sup mark q cite abbr html body ul ol"
    " table tbody td th blockquote meta link input button form embed video audio source svg center"
    " label section article header footer nav main"
)
_KNOWN = frozenset(_KNOWN_NAMES.split()).union(_DROP_CONTENT, _STYLE, _BREAKS)

# A tag: "<", an optional "/", a name, then nothing, "/", or whitespace and anything up to ">".
# The name and the rest are possessive, so a "<" that starts no tag fails at the next "<" or ">"
# without trying other splits (the old `\s+[^<>]*?\s*` had cubically many for "<b" + spaces).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*+)(/?|\s[^<>]*+)>")
_PARTIAL_TAG = re.compile(r"</?(?:([A-Za-z][A-Za-z0-9]*+)(?:\s[^<>]*+)?)?")
# An attribute starts only where a run of name characters starts (leading digits, "-" and "."
# skipped, as before), so a 60,000-letter run without "=" is read once, not once per letter.
_ATTR = re.compile(
    r"""(?<![-A-Za-z0-9_:.])[-0-9.]*+([A-Za-z_:][-A-Za-z0-9_:.]*+)\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s"'>]++)"""
)
_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Three or more line breaks with only blanks between; each piece of a line is matched one way.
_BLANKS = re.compile(r"\n(?:[^\S\n]*+\n){2,}")
# Each alternative stops at the next "<" or ">" (or, for a comment, at "-->"), so every "<" costs
# at most the distance to the next one.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[|\]\]>|<![^<>]*+>|<\?[^<>]*\?>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of visible text with one style; `href` is a link the user may click."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str | None = None


def safe_link(href: str) -> str | None:
    """The link if it may be opened on click (http, https, mailto), else None."""
    href = html.unescape(href).strip()
    if not href or any(ord(c) < 0x20 or c.isspace() for c in href):
        return None
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in LINK_SCHEMES else None


def read_budget(limit: int) -> int:
    """How much of a body is read at all to show `limit` characters of it.

    Markup can outweigh text (a long link around one word), but not without bound: twice the
    visible text plus 2,048 characters covers a real notification's tags (a dozen long links),
    and keeps a pop-up (limit 800) and a digest row (300) to under 4,000 characters of input, so
    a digest of a thousand hostile bodies still opens in about a second.
    """
    return 2 * limit + 2048


def parse(body: str, limit: int | None = DEFAULT_LIMIT) -> tuple[Span, ...]:
    """Read a body into styled spans; at most `limit` visible characters (then "…")."""
    cut = limit is not None and len(body) > read_budget(limit)
    if limit is not None:
        body = body[: read_budget(limit)]
    if cut:
        body = _without_cut_tag(body)
    spans = _tidy(list(_merge(_spans(body, limit))))
    if cut and not (spans and spans[-1].text.endswith(ELLIPSIS)):
        spans += (Span(ELLIPSIS),)  # even alone: there was more, it is not an empty notification
    return spans


def _without_cut_tag(body: str) -> str:
    """A body cut inside a tag ends before it: half a tag shown as text would be noise."""
    start = body.rfind("<")
    partial = _PARTIAL_TAG.fullmatch(body, start) if start > body.rfind(">") else None
    known = partial is not None and (partial.group(1) or "a").lower() in _KNOWN  # "<" alone too
    return body[:start] if known else body


def to_html(body: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Rich text for a Qt label: only <b> <i> <u> <a href> <br/>, everything else escaped."""
    return render_html(parse(body, limit))


def to_plain(body: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """What the body says, without any markup (for tooltips, history, logs, the CLI)."""
    return "".join(s.text for s in parse(body, limit))


def render_html(spans: tuple[Span, ...]) -> str:
    """The spans as rich text; neighbours with the same link share one <a>, so a long link
    around many styled words is written once, not once per word (Qt's rich-text parser holds the
    interpreter lock while it reads, so what it is given must stay the size of what is shown)."""
    out: list[str] = []
    href: str | None = None
    for s in spans:
        if s.href != href:
            if href:
                out.append("</a>")
            if s.href:
                out.append(f'<a href="{html.escape(s.href, quote=True)}">')
            href = s.href
        text = html.escape(s.text, quote=False).replace("\n", "<br/>")
        for flag, tag in ((s.underline, "u"), (s.italic, "i"), (s.bold, "b")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        out.append(text)
    if href:
        out.append("</a>")
    return "".join(out)


def truncate(spans: tuple[Span, ...], limit: int) -> tuple[Span, ...]:
    """The first `limit` visible characters, cut at a word when one is near, then "…"."""
    out: list[Span] = []
    left = limit
    for s in spans:
        if len(s.text) <= left:
            out.append(s)
            left -= len(s.text)
            continue
        cut = s.text[:left]
        space = cut.rfind(" ")
        if space > len(cut) - 16 and space > 0:
            cut = cut[:space]
        out.append(Span(cut.rstrip() + ELLIPSIS, s.bold, s.italic, s.underline, s.href))
        break
    return tuple(out)


class _State:
    def __init__(self, limit: int | None) -> None:
        self.depth = {"bold": 0, "italic": 0, "underline": 0}
        # The link in force at each open <a>: its own if safe, else the one around it. Keeping the
        # effective one makes every span O(1), however deep the <a>s are nested.
        self.links: list[str | None] = []
        self.dropping: str | None = None
        self.left = limit
        self.full = False

    def span(self, text: str) -> Span | None:
        if self.dropping or not text or self.full:
            return None
        if self.left is not None:
            if len(text) > self.left:
                text = text[: self.left].rstrip() + ELLIPSIS
                self.full = True
            self.left -= len(text)
        href = self.links[-1] if self.links else None
        d = self.depth
        return Span(text, d["bold"] > 0, d["italic"] > 0, d["underline"] > 0, href)

    def open_link(self, href: str | None) -> None:
        self.links.append(href if href is not None or not self.links else self.links[-1])


def _spans(body: str, limit: int | None) -> Iterator[Span]:
    state = _State(limit)
    pos = 0
    for m in _TAG.finditer(body):
        if state.full:
            return
        name, rest = m.group(2).lower(), m.group(3)
        if name not in _KNOWN:
            continue  # literal text, picked up with the text around it
        if pos < m.start():
            span = state.span(_text(body[pos : m.start()]))
            if span:
                yield span
        pos = m.end()
        empty = rest.endswith("/")
        span = _tag(state, name, bool(m.group(1)), rest[:-1] if empty else rest, empty)
        if span:
            yield span
    if not state.full:
        span = state.span(_text(body[pos:]))
        if span:
            yield span


def _tag(state: _State, name: str, closing: bool, attrs: str, empty: bool = False) -> Span | None:
    """Apply one tag to the state; returns text the tag itself stands for (alt text, a break).

    An empty tag (<b/>, <script/>) opens nothing: it must not swallow or restyle what follows.
    """
    if state.dropping:
        if closing and name == state.dropping:
            state.dropping = None
        return None
    if empty and name not in ("img", "br", "hr"):
        return None
    if name in _DROP_CONTENT:
        state.dropping = None if closing else name
        return None
    if name in _STYLE:
        key = _STYLE[name]
        state.depth[key] = max(0, state.depth[key] + (-1 if closing else 1))
        return None
    if name == "a":
        if closing:
            if state.links:
                state.links.pop()
        else:
            state.open_link(safe_link(_attrs(attrs).get("href", "")))
        return None
    if name == "img" and not closing:
        alt = _attrs(attrs).get("alt", "")
        return state.span(_text(alt)) if alt else None
    if name in _BREAKS and (name == "br" or name == "hr" or not closing):
        return state.span("\n")
    return None


def _attrs(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in _ATTR.findall(text):
        if value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(key.lower(), value)
    return found


def _text(raw: str) -> str:
    """Plain text between tags: comments gone, real entities decoded, lone "&" kept as is."""
    raw = _COMMENT.sub("", raw)
    return _CONTROL.sub("", _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw))


def _tidy(spans: list[Span]) -> tuple[Span, ...]:
    """No blank lines at either end, at most one blank line in a row."""
    out = [
        Span(_BLANKS.sub("\n\n", s.text.replace("\r\n", "\n")), s.bold, s.italic, s.underline, s.href)
        for s in spans
    ]
    start, end = 0, len(out)
    while start < end and not out[start].text.strip():
        start += 1
    while end > start and not out[end - 1].text.strip():
        end -= 1
    out = out[start:end]
    if out:
        first = out[0]
        out[0] = Span(first.text.lstrip(), first.bold, first.italic, first.underline, first.href)
        last = out[-1]
        out[-1] = Span(
            last.text.rstrip() if not last.text.endswith(ELLIPSIS) else last.text,
            last.bold,
            last.italic,
            last.underline,
            last.href,
        )
    return tuple(out)


def _merge(spans: Iterator[Span]) -> Iterator[Span]:
    """Join neighbours with the same style (collecting pieces, so a long body stays linear)."""
    pieces: list[str] = []
    style: tuple[bool, bool, bool, str | None] | None = None
    for s in spans:
        key = (s.bold, s.italic, s.underline, s.href)
        if key != style and pieces and style is not None:
            yield Span("".join(pieces), *style)
            pieces = []
        style = key
        pieces.append(s.text)
    if pieces and style is not None:
        yield Span("".join(pieces), *style)
