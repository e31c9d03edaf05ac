"""Child processes that end when camket dies, however it dies (kill -9 included).

Two mechanisms, for the two kinds of children:
- `die_with_parent()`: a `preexec_fn` setting Linux's parent-death signal, for
  servers camket starts with subprocess (Prefect's API server).
- `exit_when_orphaned()`: a watchdog thread for worker processes camket does not
  spawn itself (process pools): when the parent is gone the worker is
  re-parented, and the watchdog ends it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

#: How often a worker checks that its parent is alive.
ORPHAN_CHECK_SECONDS = 1.0


def die_with_parent(sig: int = signal.SIGTERM) -> Callable[[], None] | None:
    """A preexec_fn making the child get `sig` when its parent dies, even by SIGKILL (Linux).

    libc is looked up here, in the parent: between fork and exec the child may
    only call what is already loaded. The signal follows the forking *thread*,
    so call this from a thread that lives as long as the process (the main one).
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, sig)  # 1 = PR_SET_PDEATHSIG


def exit_when_orphaned(interval: float = ORPHAN_CHECK_SECONDS) -> None:
    """End this process soon after its parent dies (a daemon thread polls the parent pid)."""
    parent = os.getppid()
    if parent == 1:
        return  # already orphaned at start (e.g. a daemonised worker): nothing to watch

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)  # the parent is gone: its batches will never be written

    threading.Thread(target=watch, name="camket-lifeline", daemon=True).start()
