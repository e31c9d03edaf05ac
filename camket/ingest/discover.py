"""Find the input files under a root (a local folder or an fsspec URI), in a stable order.

Roots may be local paths or fsspec URIs (`file://`, `s3://bucket/prefix`,
`gs://...`, `memory://...`). Filesystem options come from fsspec's
configuration, e.g. `FSSPEC_S3_ENDPOINT_URL` for an S3-compatible server,
so Dask workers on other machines open the same roots with the same setup.

What is an input (local roots; see README, "Inputs"):

- regular files, recursively; hidden files and folders (names starting with '.')
  are skipped, and so are the `exclude` paths (the flow passes its output root)
  and any folder holding a `_camket` state folder (a camket output root). When
  the root itself is an output root, only its `_camket` and table folders go;
- a symlink to a regular file inside the root is read as its target, listed
  once under the target's path however many links lead to it;
- a symlink to a folder is never followed (no loops): inside the root its files
  are listed anyway, so it gets no row; outside the root it is flagged;
- everything else is listed with a `problem` (FIFOs, sockets, devices and
  symlinks to them; symlinks leaving the root; broken symlinks), which the
  reader turns into a quarantine row without opening the file.

Names that are not valid UTF-8 (Python lists them with surrogate escapes) keep
their real path for reading; their URI percent-encodes the raw bytes and their
`doc` shows them with backslash escapes (`printable`).
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterable
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
#: Quarantine reason of a symlink whose target is not under the input root.
OUTSIDE_ROOT = "symlink points outside the input root"


#: What non-regular files are, for quarantine reasons.
_FILE_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISLNK, "symlink"),
)


def file_kind(mode: int) -> str:
    """'regular', or what else a stat mode says the file is ('fifo', 'socket', ...)."""
    if stat.S_ISREG(mode):
        return "regular"
    return next((name for test, name in _FILE_KINDS if test(mode)), "special file")


def printable(name: str) -> str:
    """`name` as valid text: bytes that were not UTF-8 (surrogate escapes) become `\\xNN`.

    Arrow and Parquet need valid UTF-8, so a `doc` derived from a file name
    such as b"bad\\xff.txt" is written as the text "bad\\xff". Valid names are
    returned unchanged.
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


class NotRegularFile(Exception):
    """The opened input turned out not to be a regular file (it changed after listing)."""


@dataclass(frozen=True)
class InputFile:
    """One input file: where it is and the stat facts the ledger keys on (picklable)."""

    protocol: str  # "file", "s3", "memory", ...
    path: str  # the filesystem's own path (absolute for local files; may hold surrogates)
    size: int
    mtime: float  # seconds since the epoch; 0.0 when the store gives none
    #: why the file must not be opened (a FIFO, a symlink leaving the root, ...);
    #: the reader quarantines it with this reason
    problem: str | None = None

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
    def doc(self) -> str:
        """The stem as written to the tables (non-UTF-8 bytes escaped, see `printable`)."""
        return printable(self.stem)

    @property
    def suffix(self) -> str:
        return posixpath.splitext(self.name)[1]

    def filesystem(self) -> fsspec.AbstractFileSystem:
        """The fsspec filesystem holding the file (instances are cached per process)."""
        return fsspec.filesystem(self.protocol)

    def read_bytes(self, limit: int | None = None) -> bytes:
        """The file's bytes, at most `limit` of them whatever its listed size says.

        Locally the file is opened without blocking and checked after opening,
        so a FIFO or device that replaced it since listing raises
        NotRegularFile instead of blocking or reading forever.
        """
        if self.protocol != "file":
            if limit is None:
                return self.filesystem().cat_file(self.path)
            # not a ranged cat_file: S3 answers a range on an empty object with an error
            with self.filesystem().open(self.path, "rb") as fh:
                return fh.read(limit)
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            kind = file_kind(os.fstat(fd).st_mode)
            if kind != "regular":
                raise NotRegularFile(f"not a regular file ({kind})")
            return fh.read() if limit is None else fh.read(limit)

    @classmethod
    def from_path(cls, path: str | Path) -> InputFile:
        """An InputFile for a local path (stat read now; a non-regular file gets a problem)."""
        path = Path(path).resolve()
        info = path.stat()
        kind = file_kind(info.st_mode)
        problem = None if kind == "regular" else f"not a regular file ({kind})"
        return cls("file", str(path), info.st_size, info.st_mtime, problem)


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


def discover_inputs(root: str | Path, *, exclude: Iterable[str | Path] = ()) -> list[InputFile]:
    """The inputs under `root` (or `root` itself if it is a file), sorted by path.

    Files with other suffixes, and files that must not be opened (see the
    module docstring), are returned too: the reader quarantines them with a
    reason instead of skipping them silently. `exclude` names paths or URIs to
    leave out, such as the run's own output root, so a run never reads its output.
    """
    fs, base = open_root(root)
    protocol = protocol_of(fs)
    skip = _excluded(exclude, protocol, base)
    if protocol == "file":
        return _discover_local(base, skip)
    return _discover_remote(fs, protocol, base, skip)


def _under(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip("/") + "/")


def _excluded(exclude: Iterable[str | Path], protocol: str, base: str) -> set[str]:
    """The `exclude` paths on the root's filesystem at or under the root (others cannot matter)."""
    paths = set()
    for item in exclude:
        fs, path = open_root(item)
        if protocol_of(fs) == protocol and _under(path, base):
            paths.add(path)
    return paths


def _output_layout() -> tuple[str, frozenset[str]]:
    """A camket output root's state folder name, and all its top-level folder names."""
    from camket.contract import TABLES
    from camket.store import STATE_DIR  # imported late: camket.store imports this module

    return STATE_DIR, frozenset((STATE_DIR, *TABLES))


def _discover_local(base: str, skip: set[str]) -> list[InputFile]:
    """Walk a local root with lstat facts: symlinked folders are never entered, so no loops."""
    try:
        info = os.stat(base)
    except FileNotFoundError:
        raise FileNotFoundError(f"input folder not found: {base}") from None
    kind = file_kind(info.st_mode)
    if kind != "folder":
        problem = None if kind == "regular" else f"not a regular file ({kind})"
        return [InputFile("file", base, info.st_size, info.st_mtime, problem)]
    state_dir, layout = _output_layout()
    found: dict[str, InputFile] = {}  # by real path: a file reached by links is listed once
    folders = [base]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as listing:
            entries = list(listing)
        holds_state = any(e.name == state_dir and e.is_dir(follow_symlinks=False) for e in entries)
        if holds_state and folder != base:
            continue  # another camket output root inside the input
        own_output = folder == base and (holds_state or base in skip)
        for entry in entries:
            if entry.name.startswith(".") or entry.path in skip:
                continue
            if own_output and entry.name in layout:
                continue
            if entry.is_symlink():
                item = _symlink_input(entry, base)
                if item is not None:
                    found.setdefault(item.path, item)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            else:
                found[entry.path] = _local_input(entry)
    return sorted(found.values(), key=lambda f: f.path)


def _local_input(entry: os.DirEntry) -> InputFile:
    """A listed non-link entry: a regular file, or a FIFO/socket/device flagged unopened."""
    info = entry.stat(follow_symlinks=False)
    kind = file_kind(info.st_mode)
    problem = None if kind == "regular" else f"not a regular file ({kind})"
    return InputFile("file", entry.path, info.st_size, info.st_mtime, problem)


def _symlink_input(entry: os.DirEntry, base: str) -> InputFile | None:
    """What a symlink in the root stands for: its target inside the root, a flagged link, or none.

    Only a regular file inside the root is read (as its target). A folder
    inside the root needs no row: its files are listed where they are.
    """
    link = entry.stat(follow_symlinks=False)

    def flagged(problem: str) -> InputFile:
        return InputFile("file", entry.path, link.st_size, link.st_mtime, problem)

    try:
        target = os.stat(entry.path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return flagged("broken symlink (symlink loop)")
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return flagged("broken symlink")
        # e.g. a permission error: "cannot read file" keeps it out of the ledger, so retried
        return flagged(f"cannot read file: cannot follow symlink ({exc.strerror or exc})")
    real = os.path.realpath(entry.path)
    inside = _under(real, base)
    kind = file_kind(target.st_mode)
    if kind == "folder":
        return None if inside else flagged(OUTSIDE_ROOT + " (a folder, not followed)")
    if kind != "regular":
        return flagged(f"not a regular file (symlink to a {kind})")
    if not inside:
        return flagged(OUTSIDE_ROOT)
    return InputFile("file", real, target.st_size, target.st_mtime)


def _discover_remote(
    fs: fsspec.AbstractFileSystem, protocol: str, base: str, skip: set[str]
) -> list[InputFile]:
    """List an fsspec root (object stores have no links or FIFOs), with the same skip rules."""
    fs.invalidate_cache()  # a scheduled run must see files added since the last listing
    if fs.isfile(base):
        info = fs.info(base)
        return [InputFile(protocol, base, int(info.get("size") or 0), _mtime(info))]
    if not fs.isdir(base):
        raise FileNotFoundError(f"input folder not found: {base}")
    state_dir, layout = _output_layout()
    listing = {
        path: info
        for path, info in fs.find(base, detail=True).items()
        if info.get("type") != "directory"
    }
    parts_of = {path: _relative(path, base).split("/") for path in listing}
    outputs = {  # folders holding `_camket/`: output roots; "" is the root itself
        "/".join(parts[:i])
        for parts in parts_of.values()
        for i, part in enumerate(parts[:-1])
        if part == state_dir
    }
    skipped = outputs | {_relative(path, base) for path in skip}
    root_is_output = "" in skipped
    found = []
    for path, info in listing.items():
        parts = parts_of[path]
        if any(part.startswith(".") for part in parts):
            continue
        if root_is_output and parts[0] in layout:
            continue
        if any("/".join(parts[:i]) in skipped for i in range(1, len(parts) + 1)):
            continue
        found.append(InputFile(protocol, path, int(info.get("size") or 0), _mtime(info)))
    return sorted(found, key=lambda f: f.path)


def _relative(path: str, base: str) -> str:
    return path[len(base) :].lstrip("/") if path.startswith(base) else path
