"""`camket serve`: the camket-extract flow on a schedule, served through a Prefect API.

Prefect's embedded (ephemeral) API cannot schedule: a served deployment would
never run. So unless PREFECT_API_URL names a server, `serve` starts a local
`prefect server start` on loopback, supervises it and stops it on every way
out (normal exit, Ctrl-C, SIGTERM, a crash of the serve loop); the server
lives in its own process group and is told to die with this process.
"""

from __future__ import annotations

import _thread
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fsspec.utils

from camket.lifeline import die_with_parent

DEFAULT_NAME = "camket-serve"
HOST = "127.0.0.1"
SERVER_JSON = "server.json"
SERVER_LOG = "server.log"
STARTUP_TIMEOUT = 120.0
STOP_TIMEOUT = 15.0


class ServeError(RuntimeError):
    """`camket serve` cannot go on (bad arguments, server failed or died)."""


def is_local(path: str | Path) -> bool:
    """True for a local folder, False for an fsspec URI such as s3://bucket/out."""
    return fsspec.utils.get_protocol(str(path)) in ("file", "local")


def default_state_dir(out_dir: str | Path) -> Path:
    """Where the local server keeps its database and logs: beside a local output, else ~/.camket."""
    if is_local(out_dir):
        return Path(out_dir).expanduser().resolve() / "_camket" / "prefect"
    return Path.home() / ".camket" / "prefect"


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class LocalPrefectServer:
    """A `prefect server start` child on loopback, alive exactly as long as the `with` block.

    Writes `<state>/server.json` (url, pid) while it runs and logs the server's
    output to `<state>/server.log`. If the server dies while the block runs,
    `died` holds its exit code and `on_death(code)` is called from a watcher
    thread (default: interrupt the main thread with KeyboardInterrupt).
    """

    def __init__(
        self,
        state_dir: str | Path,
        *,
        host: str = HOST,
        port: int | None = None,
        startup_timeout: float = STARTUP_TIMEOUT,
        on_death: Callable[[int], None] | None = None,
    ):
        self.state_dir = Path(state_dir)
        self.host = host
        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}/api"
        self.startup_timeout = startup_timeout
        self.on_death = on_death or (lambda code: _thread.interrupt_main())
        self.process: subprocess.Popen | None = None
        self.died: int | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    @property
    def log_path(self) -> Path:
        return self.state_dir / SERVER_LOG

    @property
    def info_path(self) -> Path:
        return self.state_dir / SERVER_JSON

    def env(self) -> dict[str, str]:
        """The server's environment: its own PREFECT_HOME (SQLite database), no UI, no telemetry."""
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env.update(
            PREFECT_HOME=str(self.state_dir),
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            PREFECT_SERVER_UI_ENABLED="false",
        )
        return env

    def start(self) -> None:
        """Launch the server in a new session (its own process group), output to server.log."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--no-ui",
            "--analytics-off",
        ]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env(),
                start_new_session=True,
                preexec_fn=die_with_parent(),
            )

    def check_not_running(self) -> None:
        """Refuse to start a second server on the same state (one SQLite database, one server)."""
        import psutil

        try:
            info = json.loads(self.info_path.read_text())
        except (OSError, ValueError):
            return
        if isinstance(info, dict) and psutil.pid_exists(int(info.get("pid") or 0)):
            raise ServeError(
                f"a Prefect server started by camket serve is already running on "
                f"{self.state_dir} ({info.get('url')}, pid {info.get('pid')}); stop that "
                f"camket serve or give this one another --state-dir (if that pid is not a "
                f"Prefect server, delete the stale {self.info_path})"
            )

    def wait_healthy(self) -> None:
        """Block until `<url>/health` answers; fail fast if the server exits first."""
        import httpx

        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise ServeError(
                    f"the Prefect server exited with code {code} while starting; "
                    f"see {self.log_path}:\n{self.log_tail()}"
                )
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            time.sleep(0.25)
        raise ServeError(
            f"the Prefect server at {self.url} was not healthy after "
            f"{self.startup_timeout:.0f}s; see {self.log_path}"
        )

    def log_tail(self, lines: int = 20) -> str:
        """The end of server.log, for error messages."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def write_info(self) -> None:
        """Publish url and pid in server.json so tools and tests can find the server."""
        info = {"url": self.url, "pid": self.process.pid, "log": str(self.log_path)}
        tmp = self.info_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(info, indent=2) + "\n")
        tmp.replace(self.info_path)

    def _watch(self) -> None:
        """Call `on_death` if the server dies while we still need it."""
        while not self._stopping.wait(0.5):
            code = self.process.poll()
            if code is not None:
                if not self._stopping.is_set():
                    self.died = code
                    self.on_death(code)
                return

    def stop(self) -> None:
        """SIGTERM the server's process group, SIGKILL it if it lingers; remove server.json."""
        self._stopping.set()
        process = self.process
        if process is not None:
            pgid = process.pid  # leader of its own session
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
                process.wait()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)  # anything the server left in its group
        self.info_path.unlink(missing_ok=True)
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=2)

    def __enter__(self) -> LocalPrefectServer:
        self.check_not_running()
        try:
            self.start()
            self.wait_healthy()
            self.write_info()
        except BaseException:  # Ctrl-C or SIGTERM while starting: leave nothing behind
            self.stop()
            raise
        self._watcher = threading.Thread(target=self._watch, name="prefect-server-watch")
        self._watcher.daemon = True
        self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def api_url(url: str, ui: bool = True) -> Iterator[None]:
    """Point this process (settings already loaded) and its flow-run children at `url`.

    `ui=False` for a server started without its UI (`--no-ui`): Prefect would otherwise log
    "View at <url>/runs/..." links for every run, and they answer 404.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    values = {"PREFECT_API_URL": url} | ({} if ui else {"PREFECT_UI_URL": ""})
    previous = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    updates = {PREFECT_API_URL: url} | ({} if ui else {PREFECT_UI_URL: ""})
    try:
        with temporary_settings(updates=updates):
            yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def check_cron(cron: str) -> None:
    """Reject a bad cron string before a server is started for it."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise ServeError(f"invalid --cron {cron!r}: {exc}") from None


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    """SIGTERM before Prefect's runner installs its own handler: unwind so cleanup runs."""
    raise SystemExit(0)


def serve_flow(
    input_dir: str,
    out_dir: str,
    *,
    cron: str | None = None,
    interval: float | None = None,
    batch_size: int = 200,
    workers: int = 1,
    runner: str = "threads",
    dask_address: str | None = None,
    name: str = DEFAULT_NAME,
) -> None:
    """Register the deployment on the current API and run scheduled ticks until stopped.

    `limit=1`: one tick at a time, since a second writer on the same output
    root would fail on the store lock; a tick that is due while another runs
    waits for it.
    """
    from flows.extract import camket_extract, task_runner_for

    task_runner_for(runner, workers, dask_address)  # refuse a bad choice before registering
    schedule: dict[str, Any] = {"cron": cron} if cron else {"interval": interval}
    camket_extract.serve(
        name=name,
        parameters={
            "input_dir": input_dir,
            "out_dir": out_dir,
            "batch_size": batch_size,
            "workers": workers,
            "runner": runner,
            "dask_address": dask_address,
        },
        limit=1,
        **schedule,
    )


def serve(
    input_dir: str | Path,
    out_dir: str | Path,
    *,
    cron: str | None = None,
    interval: float | None = None,
    batch_size: int = 200,
    workers: int = 1,
    runner: str = "threads",
    dask_address: str | None = None,
    name: str = DEFAULT_NAME,
    state_dir: str | Path | None = None,
) -> None:
    """Serve the flow on a schedule: on PREFECT_API_URL if set, else on a supervised local server."""
    if (cron is None) == (interval is None):
        raise ServeError("give exactly one of --cron and --interval")
    if interval is not None and interval <= 0:
        raise ServeError("--interval must be a positive number of seconds")
    if cron is not None:
        check_cron(cron)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    input_dir = str(Path(input_dir).resolve()) if is_local(input_dir) else str(input_dir)
    out_dir = str(Path(out_dir).expanduser().resolve()) if is_local(out_dir) else str(out_dir)
    kwargs: dict[str, Any] = dict(
        cron=cron,
        interval=interval,
        batch_size=batch_size,
        workers=workers,
        runner=runner,
        dask_address=dask_address,
        name=name,
    )
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if os.environ.get("PREFECT_API_URL"):
        print(f"camket serve: using the Prefect API at {os.environ['PREFECT_API_URL']}", flush=True)
        serve_flow(input_dir, out_dir, **kwargs)
        return
    state = Path(state_dir).expanduser() if state_dir else default_state_dir(out_dir)
    server = LocalPrefectServer(state, on_death=lambda code: _abort(server))
    with server:
        print(
            f"camket serve: started a Prefect server at {server.url} "
            f"(pid {server.process.pid}, state {state})",
            flush=True,
        )
        # the supervised server has no UI: no "View at" links to it
        with api_url(server.url, ui=False), contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: stop
            serve_flow(input_dir, out_dir, **kwargs)


def _abort(server: LocalPrefectServer) -> None:
    """The supervised server died: exit at once with a clear error, taking our flow runs along.

    Prefect's runner does not stop when its API disappears (it retries and
    logs) and its graceful shutdown needs the API, so the watcher thread ends
    the process itself.
    """
    sys.stdout.flush()
    sys.stderr.write(
        f"camket serve: error: the Prefect server at {server.url} exited with code "
        f"{server.died}; stopping. Its log ({server.log_path}) ends with:\n"
        f"{server.log_tail()}\n"
    )
    sys.stderr.flush()
    server.stop()
    terminate_children()
    os._exit(1)


def terminate_children(timeout: float = 5.0) -> None:
    """SIGTERM every process this one started (flow runs, their pools), SIGKILL stragglers."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
