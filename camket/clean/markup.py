"""Strip the markdown-ish markup of page dumps (images, links, table pipes) from one line.

Not for deciding what is boilerplate; `boilerplate` does that. `score` reuses
`strip_markup` so gold lines are compared the way the cleaner writes them.
"""

from __future__ import annotations

import re

# Alt text may hold one level of brackets: "![[Video] Tiêu đề](https://...)".
_ALT = r"(?:[^\[\]]|\[[^\[\]]*\])*"
IMAGE_RE = re.compile(r"!\[" + _ALT + r"\]\([^)]*\)")
LINK_RE = re.compile(r"\[(" + _ALT + r")\]\([^)]*\)")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")
_EDGE_PIPES_RE = re.compile(r"^[\s|]+|[\s|]+$")
_WS_RE = re.compile(r"\s+")
# A bare link or an image file name left on its own line.
_URL_ONLY_RE = re.compile(
    r"^<?(?:https?://\S+|www\.\S+|\S+\.(?:jpe?g|png|gif|webp|svg|bmp)(?:\?\S*)?)>?$", re.IGNORECASE
)


_EDGE_RUN_RE = re.compile(r"[\s|]+")


def collapse(text: str) -> str:
    """Whitespace runs to one space, ends trimmed."""
    # str.split() and re's \s agree on what whitespace is (both Py_UNICODE_ISSPACE)
    return " ".join(text.split())


def _strip_edge_pipes(text: str) -> str:
    """`_EDGE_PIPES_RE.sub("", text)` without trying the trailing run at every position."""
    lead = _EDGE_RUN_RE.match(text)
    start = lead.end() if lead else 0
    trail = _EDGE_RUN_RE.match(text[::-1])
    end = len(text) - (trail.end() if trail else 0)
    return text[start:end] if start < end else ""


def strip_markup(line: str) -> str:
    """The readable text of a line: images dropped, links to their text, edge pipes gone."""
    if "](" in line:
        line = IMAGE_RE.sub(" ", line)
        line = LINK_RE.sub(r"\1", line)
    if "**" in line:
        line = _BOLD_RE.sub(r"\1", line)
    if "#" in line:
        line = _HEADING_RE.sub("", line)
    return collapse(_strip_edge_pipes(collapse(line)))


def is_image_only(line: str) -> bool:
    """A line that holds image markup and nothing else but pipes and spaces."""
    return "![" in line and not _EDGE_PIPES_RE.sub("", IMAGE_RE.sub("", line))


def starts_with_image(line: str) -> bool:
    """A line whose first item (after pipes) is image markup: an image teaser when text follows."""
    return IMAGE_RE.match(line.lstrip(" \t|")) is not None


def is_url_only(text: str) -> bool:
    """A bare link or image file name: what remains of an embed, never text."""
    return _URL_ONLY_RE.match(text) is not None


def link_share(line: str) -> tuple[int, float]:
    """(number of links, share of the visible text that is link text) of a raw line."""
    if "](" not in line:
        return 0, 0.0
    line = IMAGE_RE.sub(" ", line)
    texts = [collapse(m.group(1)) for m in LINK_RE.finditer(line)]
    visible = strip_markup(line)
    if not texts or not visible:
        return len(texts), 0.0
    return len(texts), min(1.0, sum(len(t) for t in texts) / len(visible))
