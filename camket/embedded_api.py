"""Prefect's embedded (ephemeral) API server, started so that it dies with camket.

Without PREFECT_API_URL, Prefect starts a temporary API server as a child
process on first use and stops it at exit. A `camket run` killed with SIGKILL
never reaches that exit, and the server (~240 MB) would run on under init.
`embedded_api` starts the same server from the main thread first, with a
parent-death signal (Linux `PR_SET_PDEATHSIG`), so the kernel stops it when
the camket process dies, however it dies. Prefect's own callers then reuse it
(the embedded server is a per-process singleton).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import threading
import types
from collections.abc import Iterator

from camket.lifeline import die_with_parent

#: Seconds to wait for the server: a first start in a new PREFECT_HOME creates and migrates
#: its database, which takes well over Prefect's default 20 s on a busy two-core machine.
STARTUP_SECONDS = 120


class EmbeddedAPIError(RuntimeError):
    """Prefect's embedded API server could not be started."""


@contextlib.contextmanager
def _popen_dying_with_parent(module: types.ModuleType) -> Iterator[None]:
    """Within the block, `module`'s subprocess.Popen gives its children a parent-death signal."""
    # SIGKILL, not SIGTERM: a graceful uvicorn shutdown can take many seconds on a busy
    # machine, and the embedded server holds nothing but run history (SQLite, crash-safe).
    preexec = die_with_parent(signal.SIGKILL)
    if preexec is None:
        yield
        return
    shim = types.SimpleNamespace(**vars(subprocess))
    shim.Popen = functools.partial(subprocess.Popen, preexec_fn=preexec)
    module.subprocess = shim
    try:
        yield
    finally:
        module.subprocess = subprocess


@contextlib.contextmanager
def embedded_api() -> Iterator[str | None]:
    """Prefect's embedded API server for the block, started now from the main thread.

    Yields its API URL, or None (and starts nothing) when PREFECT_API_URL names
    a server, or off the main thread. The server stops when the block ends, so
    what camket prints last comes after Prefect's own shutdown message.
    """
    if (
        os.environ.get("PREFECT_API_URL")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield None
        return
    from prefect.server.api import server as api_server

    server = api_server.SubprocessASGIServer()
    started_here = not server.running
    if started_here:
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        timeout = max(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value(), STARTUP_SECONDS)
        with _popen_dying_with_parent(api_server):
            try:
                server.start(timeout=int(timeout))
            except RuntimeError as exc:
                raise EmbeddedAPIError(f"Prefect's embedded API did not start: {exc}") from None
    try:
        yield server.api_url
    finally:
        if started_here:
            _drain_to_api()
            server.stop()


def _drain_to_api() -> None:
    """Send the logs and events Prefect still queues to the API before it stops."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):  # best effort: the run itself is over
            worker.drain_all(timeout=5)
