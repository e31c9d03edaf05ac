"""Text of an HTML page by one linear scan, for pages too deep for a tree parser.

libxml2 (lxml, under trafilatura) stops parsing at 256 nested elements and
drops the rest of the page, so a page wrapped in thousands of `<div>`s looks
empty, or holds only what came before the deep part. This scanner keeps no
tree: it strips tags, drops script/style/template/head content, breaks lines
at block tags and measures the nesting depth on the way. Every search starts
where the previous one ended, so its cost is linear in the input (the
standard library's html.parser is quadratic on unclosed tags such as "<a<a<a").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html import unescape

#: Nesting depth from which lxml's tree is truncated (libxml2 stops at 256,
#: counting the html and body elements it adds): past it, use the scanner's text.
TREE_DEPTH_LIMIT = 250

_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
    + ("source", "track", "wbr")
)
_RAW = frozenset(("script", "style"))  # their content is not markup
_HIDDEN = ("head", "script", "style", "template", "noscript", "title")  # text not shown
_BLOCK = frozenset(
    ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption")
    + ("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li")
    + ("main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")
)
#: Elements a sibling of the same name closes implicitly (`<li>a<li>b`), as HTML parsers do.
_SELF_CLOSING_SIBLINGS = frozenset(("p", "li", "dt", "dd", "tr", "td", "th", "option"))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_RAW_END = {name: re.compile(rf"</{name}\b", re.IGNORECASE) for name in _RAW}


@dataclass(frozen=True)
class PlainText:
    """What the scan found: the `<title>`, the visible text (one block per line), the depth."""

    title: str | None
    text: str
    depth: int


class _Scan:
    """The open-element stack (with counts, so closing a tag is amortised O(1)) and the text."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.open: Counter = Counter()
        self.depth = 0
        self.body: list[str] = []
        self.title: list[str] = []

    def text(self, piece: str) -> None:
        if self.open["title"]:
            self.title.append(piece)
        elif not any(self.open[name] for name in _HIDDEN):
            self.body.append(piece)

    def start(self, name: str, self_closed: bool) -> None:
        if name in _BLOCK:
            self.body.append("\n")
            if self.stack and self.stack[-1] == "p":  # a block closes an open paragraph
                self.end("p")
        if name in _SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1] == name:
            self.end(name)
        if name in _VOID or self_closed:
            return
        self.stack.append(name)
        self.open[name] += 1
        self.depth = max(self.depth, len(self.stack))

    def end(self, name: str) -> None:
        if name in _BLOCK:
            self.body.append("\n")
        if not self.open[name]:
            return  # a stray end tag
        while True:
            top = self.stack.pop()
            self.open[top] -= 1
            if top == name:
                return


def html_plain_text(html: str) -> PlainText:
    """The visible text and `<title>` of `html`, and how deep its elements nest.

    Tags end at the first '>' (an attribute value holding '>' leaks a little
    text); an unterminated tag or comment ends the page.
    """
    scan = _Scan()
    i = text_from = 0  # where to look for the next '<'; where the pending text starts
    while True:
        j = html.find("<", i)
        if j < 0:
            scan.text(html[text_from:])
            break
        markup = _markup_at(html, j)
        if markup is None:  # a '<' in text: it stays in the pending text
            i = j + 1
            continue
        if j > text_from:
            scan.text(html[text_from:j])
        tag, after = markup
        if after < 0:
            break  # an unterminated tag or comment: the rest is markup
        i = text_from = after
        if tag is None:
            continue
        name = tag.group(2).lower()
        if tag.group(1):
            scan.end(name)
            continue
        scan.start(name, self_closed=html[after - 2] == "/")
        if name in _RAW and scan.open[name]:
            raw_end = _RAW_END[name].search(html, after)
            if raw_end is None:
                break
            i = text_from = raw_end.start()  # skip the script or style; its end tag is next
    return PlainText(
        title=_lines(scan.title, " ") or None, text=_lines(scan.body), depth=scan.depth
    )


def _markup_at(html: str, j: int) -> tuple[re.Match | None, int] | None:
    """The markup starting at `html[j] == '<'`: (its tag match, or None for a comment,
    doctype, CDATA or processing instruction; the index after it, -1 if it never ends).
    None when this '<' is text."""
    if html.startswith("<!--", j):
        end = html.find("-->", j + 4)
        return None, (end + 3 if end >= 0 else -1)
    tag = _TAG.match(html, j)
    if tag is None and not html.startswith(("<!", "<?"), j):
        return None
    end = html.find(">", tag.end() if tag else j)
    return tag, (end + 1 if end >= 0 else -1)


def _lines(pieces: list[str], sep: str = "\n") -> str:
    """Unescaped text with whitespace runs folded and empty lines dropped."""
    lines = (" ".join(line.split()) for line in unescape("".join(pieces)).splitlines())
    return sep.join(line for line in lines if line)
