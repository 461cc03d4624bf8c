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
  all, so a hostile 10 MB body costs no more than a screenful. Nobody reads 20,000 characters of a
  notification; pass limit=None only for trusted, bounded input.
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

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^<>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"""([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANKS = re.compile(r"\n\s*\n(\s*\n)+")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)|<!\[CDATA\[|\]\]>|<![^<>]*>|<\?[^<>]*\?>", re.DOTALL)


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


def parse(body: str, limit: int | None = DEFAULT_LIMIT) -> tuple[Span, ...]:
    """Read a body into styled spans; at most `limit` visible characters (then "…")."""
    cut = limit is not None and len(body) > 16 * limit + 65536
    if limit is not None:
        body = body[: 16 * limit + 65536]  # markup can outweigh text, but not without bound
    spans = _tidy(list(_merge(_spans(body, limit))))
    if cut and spans and not spans[-1].text.endswith(ELLIPSIS):
        spans += (Span(ELLIPSIS),)
    return spans


def to_html(body: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """Rich text for a Qt label: only <b> <i> <u> <a href> <br/>, everything else escaped."""
    return render_html(parse(body, limit))


def to_plain(body: str, limit: int | None = DEFAULT_LIMIT) -> str:
    """What the body says, without any markup (for tooltips, history, logs, the CLI)."""
    return "".join(s.text for s in parse(body, limit))


def render_html(spans: tuple[Span, ...]) -> str:
    out: list[str] = []
    for s in spans:
        text = html.escape(s.text, quote=False).replace("\n", "<br/>")
        for flag, tag in ((s.underline, "u"), (s.italic, "i"), (s.bold, "b")):
            if flag:
                text = f"<{tag}>{text}</{tag}>"
        if s.href:
            text = f'<a href="{html.escape(s.href, quote=True)}">{text}</a>'
        out.append(text)
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
        href = next((h for h in reversed(self.links) if h is not None), None) if self.links else None
        d = self.depth
        return Span(text, d["bold"] > 0, d["italic"] > 0, d["underline"] > 0, href)


def _spans(body: str, limit: int | None) -> Iterator[Span]:
    state = _State(limit)
    pos = 0
    for m in _TAG.finditer(body):
        if state.full:
            return
        closing, name, attrs, empty = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
        if name not in _KNOWN:
            continue  # literal text, picked up with the text around it
        span = state.span(_text(body[pos : m.start()]))
        if span:
            yield span
        pos = m.end()
        span = _tag(state, name, bool(closing), attrs, bool(empty))
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
            state.links.append(safe_link(_attrs(attrs).get("href", "")))
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
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        first, last = out[0], out[-1]
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
