"""Find the input files under a root (a local folder or an fsspec URI), in a stable order.

Roots may be local paths or fsspec URIs (`file://`, `s3://bucket/prefix`,
`gs://...`, `memory://...`). Filesystem options come from fsspec's
configuration, e.g. `FSSPEC_S3_ENDPOINT_URL` for an S3-compatible server,
so Dask workers on other machines open the same roots with the same setup.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import fsspec
from fsspec.implementations.local import LocalFileSystem

#: File suffixes camket reads, mapped to the reader kind.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


@dataclass(frozen=True)
class InputFile:
    """One input file: where it is and the stat facts the ledger keys on (picklable)."""

    protocol: str  # "file", "s3", "memory", ...
    path: str  # the filesystem's own path (absolute for local files)
    size: int
    mtime: float  # seconds since the epoch; 0.0 when the store gives none

    @property
    def uri(self) -> str:
        """A URI naming the file: `file:///abs/path` locally, `<protocol>://<path>` elsewhere."""
        if self.protocol == "file":
            return Path(self.path).as_uri()
        return f"{self.protocol}://{self.path.lstrip('/')}"

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def stem(self) -> str:
        stem, _ = posixpath.splitext(self.name)
        return stem or self.name

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1]

    def filesystem(self) -> fsspec.AbstractFileSystem:
        """The fsspec filesystem holding the file (instances are cached per process)."""
        return fsspec.filesystem(self.protocol)

    def read_bytes(self) -> bytes:
        if self.protocol == "file":
            return Path(self.path).read_bytes()
        return self.filesystem().cat_file(self.path)

    @classmethod
    def from_path(cls, path: str | Path) -> InputFile:
        """An InputFile for a local path (stat read now)."""
        path = Path(path).resolve()
        stat = path.stat()
        return cls("file", str(path), stat.st_size, stat.st_mtime)


def open_root(root: str | Path) -> tuple[fsspec.AbstractFileSystem, str]:
    """The filesystem and filesystem path of a local path or fsspec URI."""
    fs, path = fsspec.core.url_to_fs(str(root))
    if isinstance(fs, LocalFileSystem):
        path = str(Path(path).resolve())
    return fs, path.rstrip("/") or "/"


def root_uri(root: str | Path) -> str:
    """The URI of a root as `InputFile.uri` names the files under it (ledger keys start with it)."""
    fs, base = open_root(root)
    return InputFile(protocol_of(fs), base, 0, 0.0).uri


def protocol_of(fs: fsspec.AbstractFileSystem) -> str:
    protocol = fs.protocol
    protocol = protocol[0] if isinstance(protocol, (tuple, list)) else protocol
    return "file" if protocol in ("file", "local") else protocol


def _mtime(info: dict) -> float:
    """Modification time from an fsspec info dict, whatever the backend calls it."""
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, datetime):
            return value.timestamp()
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
        except ValueError:
            continue
    return 0.0


def discover_inputs(root: str | Path) -> list[InputFile]:
    """All non-hidden files under `root` (or `root` itself if it is a file), sorted by path.

    Files with other suffixes are returned too: the reader quarantines them
    with a reason instead of skipping them silently. Hidden files and folders
    (names starting with '.') are skipped: they are tool state, not inputs.
    """
    fs, base = open_root(root)
    protocol = protocol_of(fs)
    fs.invalidate_cache()  # a scheduled run must see files added since the last listing
    if fs.isfile(base):
        info = fs.info(base)
        return [InputFile(protocol, base, int(info.get("size") or 0), _mtime(info))]
    if not fs.isdir(base):
        raise FileNotFoundError(f"input folder not found: {root}")
    found = []
    for path, info in fs.find(base, detail=True).items():
        if info.get("type") == "directory":
            continue
        rel = path[len(base) :].lstrip("/") if path.startswith(base) else path
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        found.append(InputFile(protocol, path, int(info.get("size") or 0), _mtime(info)))
    return sorted(found, key=lambda f: f.path)
