"""What the user sees of a body: the spec's markup subset, never a script, never a fetch."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifyzen.core.markup import ELLIPSIS, parse, safe_link, to_html, to_plain


def test_script_and_style_vanish_with_their_content() -> None:
    body = "Hi<script>alert('x')</script> there<style>b{color:red}</style>!"
    assert to_plain(body) == "Hi there!"
    assert "script" not in to_html(body) and "alert" not in to_html(body)


def test_remote_image_becomes_its_alt_text_and_no_url_survives() -> None:
    html = to_html('Look: <img src="http://tracker.example/p.png" alt="a cat"/> <img src="https://x/y.png">')
    assert html == "Look: a cat"
    assert "http" not in html and "<img" not in html


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<b>bold</b> <i>it</i> <u>under</u>", "<b>bold</b> <i>it</i> <u>under</u>"),
        ("<strong>s</strong><em>e</em>", "<b>s</b><i>e</i>"),
        ('<span color="red" onclick="x()">plain</span>', "plain"),
        ("line1\nline2", "line1<br/>line2"),
        ("<p>one</p><p>two</p>", "one<br/>two"),
    ],
)
def test_only_the_spec_subset_is_kept(body: str, expected: str) -> None:
    assert to_html(body) == expected


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.org/a?b=1&amp;c=2", True),
        ("http://example.org", True),
        ("mailto:anke@example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html;base64,PGI+eDwvYj4=", False),
        ("java\nscript:alert(1)", False),
        ("", False),
    ],
)
def test_links_survive_only_for_web_and_mail(href: str, kept: bool) -> None:
    spans = parse(f'<a href="{href}">here</a>')
    assert [s.text for s in spans] == ["here"]
    assert (spans[0].href is not None) is kept
    assert (safe_link(href) is not None) is kept


def test_link_href_is_escaped_in_the_rich_text() -> None:
    html = to_html("<a href='https://x.org/?q=\"><script>'>x</a>")
    assert "<script>" not in html


def test_plain_text_with_angle_brackets_and_ampersands_shows_literally() -> None:
    body = "if a < b && c > d then mail Anke <anke@example.org> or use <stdin>"
    assert to_plain(body) == body
    assert to_html(body) == (
        "if a &lt; b &amp;&amp; c &gt; d then mail Anke &lt;anke@example.org&gt; or use &lt;stdin&gt;"
    )


def test_entities_are_decoded_once_and_never_become_markup() -> None:
    assert to_plain("Tom &amp; Jerry &lt;b&gt; &#x1F600; &bogus;") == "Tom & Jerry <b> 😀 &bogus;"
    assert to_html("&lt;b&gt;not bold&lt;/b&gt;") == "&lt;b&gt;not bold&lt;/b&gt;"


def test_unbalanced_markup_does_not_leak_style() -> None:
    spans = parse("<b>bold <i>both</b> after</i> rest</u>")
    assert [(s.text, s.bold, s.italic) for s in spans] == [
        ("bold ", True, False),
        ("both", True, True),
        (" after", False, True),
        (" rest", False, False),
    ]


def test_limit_cuts_visible_text_with_an_ellipsis() -> None:
    text = to_plain("<b>" + "word " * 100 + "</b>", limit=20)
    assert text.endswith(ELLIPSIS) and len(text) <= 21


def test_a_ten_megabyte_body_is_cut_to_a_screenful() -> None:
    body = "<b>x</b> <img src=http://a/b> &amp; <a href='https://x'>l</a> " * 200_000
    assert len(body) > 10_000_000
    html = to_html(body, limit=300)
    assert len(to_plain(body, limit=300)) <= 301
    assert "<img" not in html and "http://a" not in html


def test_blank_lines_are_collapsed_and_trimmed() -> None:
    assert to_plain("\n\n<p>a</p>\n\n\n\n\nb\n\n") == "a\n\nb"


def test_empty_tags_neither_swallow_nor_restyle_what_follows() -> None:
    assert to_html("<script/>Hello <b/>world<br/>bye") == "Hello world<br/>bye"


def test_attributes_and_alt_text_cannot_smuggle_markup() -> None:
    body = '<a href="https://x.org" onclick="steal()">x</a> '
    body += '<img src=a.png alt="&lt;b&gt;cat&lt;/b&gt; &amp; dog">'
    assert to_html(body) == '<a href="https://x.org">x</a> &lt;b&gt;cat&lt;/b&gt; &amp; dog'
    # An <img> that does not parse (a raw "<" in an attribute) is shown as text, never as an image.
    assert "<img" not in to_html('<img src="http://t/p.png" alt="<b>x</b>">')
    assert to_html('<a href="  javascript:alert(1)">y</a>') == "y"


_PIECES = st.sampled_from(
    [
        "<b>",
        "</b>",
        "<i>",
        "<u>",
        "</a>",
        "<script>",
        "</script>",
        "<style>",
        "<img src=http://t/p alt='x'>",
        '<a href="https://ok.org/?a=1&amp;b">',
        '<a href="javascript:bad()">',
        "<br/>",
        "<p>",
        "&amp;",
        "&lt;",
        "&#60;script&#62;",
        "<",
        ">",
        "&",
        '"',
        "'",
        "<!--",
        "-->",
        "<b/>",
        "<span style='x'>",
        "text",
        " ",
        "\n",
    ]
)
_ALLOWED = re.compile(r'<(?:/?[biu]|/a|br/|a href="(?:https?:|mailto:)[^"<>]*")>', re.IGNORECASE)


@given(st.lists(_PIECES | st.text(max_size=5), max_size=40).map("".join))
def test_whatever_arrives_only_the_subset_leaves(body: str) -> None:
    html = to_html(body)
    assert "<" not in _ALLOWED.sub("", html)  # every remaining tag is one of the subset
    assert "http://t/p" not in html and "bad()" not in html  # no image source, no script link
