"""Find the input files under a folder: the formats camket reads, in a stable order."""

from __future__ import annotations

from pathlib import Path

#: File suffixes camket reads, mapped to the reader kind.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


def discover_inputs(root: str | Path) -> list[Path]:
    """All non-hidden files under `root` (or `root` itself if it is a file), sorted.

    Files with other suffixes are returned too: the reader quarantines them
    with a reason instead of skipping them silently. Hidden files and folders
    (names starting with '.') are skipped: they are tool state, not inputs.
    """
    root = Path(root)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"input folder not found: {root}")
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)
