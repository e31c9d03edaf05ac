"""`camket serve` for real: a Prefect server schedules ticks, each tick is a flow run of the
deployment, files dropped between ticks are picked up once, every process is stopped;
and prefect.yaml deploys to a process work pool whose worker runs the flow.

No mocks: real `prefect server start` processes on loopback (SQLite in tmp), real
`camket serve` and `prefect` subprocesses. Poll and scheduler loops are shortened
through Prefect settings so the file runs in about a minute.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import httpx
import psutil
import pytest
import yaml
from support import ROOT

from camket.serve import free_port

FLOW = "camket-extract"
CAMKET_SERVE = [sys.executable, "-m", "camket.cli", "serve"]
# Fast loops: the runner polls every second, the scheduler picks up new deployments
# within a second. Analytics and UI off (no network, no UI build).
FAST_ENV = {
    "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_RECENT_DEPLOYMENTS_LOOP_SECONDS": "1",
    "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
    "PREFECT_WORKER_QUERY_SECONDS": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": "false",
}

ARTICLES = {
    "lao_giao_duc": """Việt Nam và Lào ký thỏa thuận hợp tác giáo dục
Ngày 12/3/2024, tại Viêng Chăn, Bộ trưởng Bộ Giáo dục và Đào tạo Việt Nam và Bộ trưởng Bộ Giáo dục và Thể thao Lào đã ký thỏa thuận hợp tác giáo dục giai đoạn 2024-2028.
Hai bên nhất trí tăng học bổng cho sinh viên Lào sang học tập tại Việt Nam.
""",
    "nhat_ban_y_te": """Nhật Bản trao tặng Việt Nam thêm 1 triệu liều vắc xin
Ngày 20/8/2021, Nhật Bản đã trao tặng Việt Nam thêm 1 triệu liều vắc xin AstraZeneca thông qua kênh song phương.
Đại sứ Nhật Bản cho biết hai nước sẽ tiếp tục hợp tác trong lĩnh vực y tế.
""",
    "an_do_quoc_phong": """Việt Nam và Ấn Độ thúc đẩy hợp tác quốc phòng
Sáng 8/6/2022, tại Hà Nội, Bộ trưởng Quốc phòng Việt Nam hội đàm với Bộ trưởng Quốc phòng Ấn Độ.
Hai bên nhất trí mở rộng hợp tác quốc phòng, an ninh hàng hải và đào tạo.
""",
    "han_quoc_loi_moi": """Tổng thống Hàn Quốc mời Chủ tịch nước thăm Hàn Quốc
Ngày 5/12/2022, Tổng thống Hàn Quốc đã mời Chủ tịch nước Việt Nam sang thăm chính thức Hàn Quốc vào năm 2023.
Chủ tịch nước vui vẻ nhận lời mời và cảm ơn Tổng thống Hàn Quốc.
""",
}


# -- processes ----------------------------------------------------------------------------------
def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a child: no inherited API URL, its own PREFECT_HOME, fast loops."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(FAST_ENV)
    env["PREFECT_HOME"] = str(tmp_path / "prefect-client-home")
    env.update(extra)
    return env


def spawn(command: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a child in its own session with output to a file (a pipe held by an orphan hangs pytest)."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
    """Signal the child's whole process group and wait for the child; SIGKILL on timeout."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise


def group_members(pgid: int) -> list[str]:
    """The live (non-zombie) processes left in process group `pgid`, as command lines."""
    members = []
    for proc in psutil.process_iter(["pid", "status", "cmdline"]):
        with contextlib.suppress(psutil.Error, OSError):
            if os.getpgid(proc.pid) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                members.append(f"{proc.pid}: {' '.join(proc.info['cmdline'] or [])}")
    return members


def group_alive(pgid: int, grace: float = 10) -> list[str]:
    """Members of group `pgid` still alive after `grace` seconds (children exit just after us)."""
    deadline = time.monotonic() + grace
    while (members := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return members


def pid_alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def tail(path: Path, lines: int = 40) -> str:
    return (
        "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""
    )


def wait_until(
    check: Callable[[], Any], timeout: float, what: str, alive: tuple = (), log: Path | None = None
) -> Any:
    """Poll `check` until it returns something truthy; fail early if a watched child exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        for process in alive:
            if process.poll() is not None:
                pytest.fail(f"exited ({process.returncode}) before {what}:\n{tail(log)}")
        time.sleep(0.5)
    pytest.fail(f"timed out after {timeout}s waiting for {what}:\n{tail(log) if log else ''}")


# -- the Prefect API ----------------------------------------------------------------------------
def api(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=10)


def deployment(client: httpx.Client, name: str) -> dict:
    response = client.get(f"/deployments/name/{FLOW}/{name}")
    response.raise_for_status()
    return response.json()


def flow_runs(client: httpx.Client, deployment_id: str) -> list[dict]:
    """Every flow run of the deployment, by expected start time."""
    response = client.post(
        "/flow_runs/filter",
        json={
            "flow_runs": {"deployment_id": {"any_": [deployment_id]}},
            "sort": "EXPECTED_START_TIME_ASC",
        },
    )
    response.raise_for_status()
    return response.json()


def completed(runs: list[dict]) -> list[dict]:
    """Completed runs in the order they started."""
    done = [r for r in runs if r["state_type"] == "COMPLETED"]
    return sorted(done, key=lambda r: r["start_time"])


def camket_run_ids(client: httpx.Client, runs: list[dict]) -> dict[str, str]:
    """camket run_id -> Prefect flow run id, from each run's summary artifact."""
    response = client.post(
        "/artifacts/filter",
        json={
            "artifacts": {
                "key": {"any_": ["camket-run-summary"]},
                "flow_run_id": {"any_": [r["id"] for r in runs]},
            }
        },
    )
    response.raise_for_status()
    return {a["description"].removeprefix("camket run "): a["flow_run_id"] for a in response.json()}


def ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


# -- inputs and outputs -------------------------------------------------------------------------
def drop(inbox: Path, doc: str) -> None:
    """Write an article atomically: a hidden temp file (discovery skips it), then a rename."""
    inbox.mkdir(parents=True, exist_ok=True)
    tmp = inbox / f".{doc}.tmp"
    tmp.write_text(ARTICLES[doc], encoding="utf-8")
    os.replace(tmp, inbox / f"{doc}.txt")


def articles(out: Path) -> list[tuple[str, str, str]]:
    """(doc, article_id, run_id) of every article row written under `out`."""
    if not list((out / "articles").rglob("*.parquet")):
        return []
    return duckdb.sql(
        f"select doc, article_id, run_id from read_parquet('{out}/articles/**/*.parquet')"
    ).fetchall()


# -- fixtures -----------------------------------------------------------------------------------
class Server:
    def __init__(self, process: subprocess.Popen, url: str, port: int, log: Path):
        self.process, self.url, self.port, self.log = process, url, port, log


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """A real `prefect server start` on loopback, shared by the tests that bring their own API."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    log = home / "server.log"
    env = base_env(home, PREFECT_HOME=str(home / "home"))
    command = [sys.executable, "-m", "prefect", "server", "start"]
    process = spawn([*command, "--host", "127.0.0.1", "--port", str(port), "--no-ui"], env, log)
    url = f"http://127.0.0.1:{port}/api"
    try:

        def healthy() -> bool:
            with contextlib.suppress(httpx.HTTPError):
                return httpx.get(f"{url}/health", timeout=2).status_code == 200
            return False

        wait_until(healthy, 120, "the Prefect server to be healthy", (process,), log)
        yield Server(process, url, port, log)
    finally:
        stop_group(process, signal.SIGTERM, timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode is not None
    assert not (left := group_alive(process.pid)), left


# -- tests --------------------------------------------------------------------------------------
def test_scheduled_ticks_are_flow_runs_that_pick_up_new_files_once(prefect_server, tmp_path):
    inbox, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "serve.log"
    first_docs, new_docs = (
        ["lao_giao_duc", "nhat_ban_y_te"],
        ["an_do_quoc_phong", "han_quoc_loi_moi"],
    )
    for doc in first_docs:
        drop(inbox, doc)
    name = "camket-test-ticks"
    env = base_env(tmp_path, PREFECT_API_URL=prefect_server.url)
    args = ["--in", str(inbox), "--out", str(out), "--interval", "3", "--name", name]
    serve = spawn([*CAMKET_SERVE, *args, "--batch-size", "1"], env, log)
    client = api(prefect_server.url)
    try:

        def deployment_id() -> str | None:
            with contextlib.suppress(httpx.HTTPStatusError):
                return deployment(client, name)["id"]
            return None

        dep_id = wait_until(deployment_id, 60, "the deployment to be registered", (serve,), log)
        first = wait_until(
            lambda: completed(flow_runs(client, dep_id)), 90, "a first tick", (serve,), log
        )[0]
        dropped_at = datetime.now(UTC)
        for doc in new_docs:
            drop(inbox, doc)
        wait_until(
            lambda: [
                r for r in completed(flow_runs(client, dep_id)) if ts(r["start_time"]) > dropped_at
            ],
            60,
            "a tick that started after the new files were dropped",
            (serve,),
            log,
        )
        stopped_at = datetime.now(UTC)
        code = stop_group(serve, signal.SIGTERM, timeout=30)
    finally:
        if serve.poll() is None:
            stop_group(serve, signal.SIGKILL)
    assert code == 0, tail(log)
    assert not (left := group_alive(serve.pid)), f"camket serve left processes behind: {left}"

    # The deployment in the server: the interval schedule and the parameters given.
    dep = deployment(client, name)
    assert [s["schedule"]["interval"] for s in dep["schedules"]] == [3.0]
    assert dep["parameters"] == {
        "input_dir": str(inbox),
        "out_dir": str(out),
        "batch_size": 1,
        "workers": 1,
        "runner": "threads",
        "dask_address": None,
    }
    # Every tick that ended before the stop was a Completed flow run of the deployment.
    runs = flow_runs(client, dep_id)
    ended = [r for r in runs if r["end_time"] and ts(r["end_time"]) < stopped_at]
    assert len(ended) >= 2
    assert {r["state_type"] for r in ended} == {"COMPLETED"}, [r["state_name"] for r in ended]
    assert all(r["deployment_id"] == dep_id for r in runs)

    # The output: each input file's article exactly once, no duplicate article_id.
    rows = articles(out)
    assert sorted(doc for doc, _, _ in rows) == sorted(first_docs + new_docs)
    assert len({article_id for _, article_id, _ in rows}) == len(rows)

    # Old files were written by the first tick and not rewritten; the new ones by a later tick.
    by_camket_run = camket_run_ids(client, completed(runs))
    run_of = {doc: run_id for doc, _, run_id in rows}
    first_run_ids = {run_of[doc] for doc in first_docs}
    assert len(first_run_ids) == 1
    assert by_camket_run[first_run_ids.pop()] == first["id"]
    for doc in new_docs:
        flow_run = next(r for r in runs if r["id"] == by_camket_run[run_of[doc]])
        assert flow_run["state_type"] == "COMPLETED"
        assert ts(flow_run["start_time"]) >= ts(first["end_time"])


def test_serve_without_api_url_supervises_its_own_server(tmp_path):
    inbox, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "serve.log"
    drop(inbox, "lao_giao_duc")
    env = base_env(tmp_path)  # no PREFECT_API_URL: camket serve must start a server
    args = ["--in", str(inbox), "--out", str(out), "--interval", "2"]
    serve = spawn([*CAMKET_SERVE, *args], env, log)
    info_path = out / "_camket" / "prefect" / "server.json"
    info: dict = {}
    try:
        info = wait_until(
            lambda: info_path.exists() and json.loads(info_path.read_text()),
            120,
            "server.json",
            (serve,),
            log,
        )
        assert httpx.get(f"{info['url']}/health", timeout=5).status_code == 200
        assert pid_alive(info["pid"])
        assert (out / "_camket" / "prefect" / "server.log").exists()
        rows = wait_until(lambda: articles(out), 90, "a tick to write the article", (serve,), log)
        assert [doc for doc, _, _ in rows] == ["lao_giao_duc"]
        # The tick ran in that server as a Completed flow run of the deployment (the rows
        # are committed before the run reports its end: wait for the state).
        wait_until(
            lambda: completed(
                flow_runs(api(info["url"]), deployment(api(info["url"]), "camket-serve")["id"])
            ),
            60,
            "the tick's flow run to complete",
            (serve,),
            log,
        )
        code = stop_group(serve, signal.SIGTERM, timeout=40)
    finally:
        if serve.poll() is None:
            stop_group(serve, signal.SIGKILL)
        if info and pid_alive(info["pid"]):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(info["pid"], signal.SIGKILL)
    assert code == 0, tail(log)
    port = int(info["url"].rsplit(":", 1)[1].split("/")[0])
    assert not pid_alive(info["pid"]), "the supervised server outlived camket serve"
    assert not (left := group_alive(info["pid"]) + group_alive(serve.pid)), left
    assert not port_open(port)
    assert not info_path.exists()
    assert "View at" not in log.read_text(), "links to a server that has no UI"


def test_a_server_without_ui_gets_no_run_links():
    import uuid

    from prefect.utilities.urls import url_for

    from camket.serve import api_url

    run_id = uuid.uuid4()
    before = os.environ.get("PREFECT_UI_URL")
    with api_url("http://127.0.0.1:1/api"):
        assert url_for("flow-run", obj_id=run_id) == f"http://127.0.0.1:1/runs/flow-run/{run_id}"
    with api_url("http://127.0.0.1:1/api", ui=False):
        assert url_for("flow-run", obj_id=run_id) is None  # no "View at" line
        assert os.environ["PREFECT_UI_URL"] == ""  # and none in the flow-run children
    assert os.environ.get("PREFECT_UI_URL") == before


def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(prefect_server, tmp_path):
    from prefect.flows import load_flow_from_entrypoint

    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    [dep] = spec["deployments"]
    assert dep["entrypoint"] == "flows/extract.py:camket_extract"
    assert dep["work_pool"]["name"] == "camket"
    assert [s["cron"] for s in dep["schedules"]] == ["0 * * * *"]
    step = spec["pull"][0]["prefect.deployments.steps.set_working_directory"]
    assert "directory" in step
    flow = load_flow_from_entrypoint(str(ROOT / dep["entrypoint"]))
    assert flow.name == FLOW
    validated = flow.validate_parameters(dep["parameters"])  # raises on an unknown or bad one
    assert {k: validated[k] for k in dep["parameters"]} == dep["parameters"]

    inbox, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "prefect.log"
    drop(inbox, "han_quoc_loi_moi")
    env = base_env(
        tmp_path,
        PREFECT_API_URL=prefect_server.url,
        CAMKET_REPO=str(ROOT),
        CAMKET_IN=str(inbox),
        CAMKET_OUT=str(out),
    )

    def prefect(*args: str, cwd: Path = ROOT, timeout: float = 120) -> tuple[int, str]:
        """Run the prefect CLI to completion (own session; output to a file)."""
        start = log.stat().st_size if log.exists() else 0
        process = spawn([sys.executable, "-m", "prefect", *args], env, log, cwd=cwd)
        try:
            code = process.wait(timeout=timeout)
        finally:
            if process.poll() is None:
                stop_group(process, signal.SIGKILL)
        assert not (left := group_alive(process.pid)), left
        return code, log.read_text(errors="replace")[start:]

    code, output = prefect("work-pool", "create", "camket", "--type", "process")
    assert code == 0, output
    code, output = prefect(
        "--no-prompt", "deploy", "--all", "--prefect-file", str(ROOT / "prefect.yaml")
    )
    # Prefect 3.8.8's `deploy` ends by listing the pool's workers with offset/limit null,
    # which this server (fastapi 0.154) rejects with a 422 *after* the deployment is saved.
    known_bug = "422" in output and "/workers/filter" in output
    assert code == 0 or known_bug, output
    assert "camket-extract-hourly" in output

    client = api(prefect_server.url)
    deployed = deployment(client, "camket-extract-hourly")
    assert deployed["entrypoint"] == "flows/extract.py:camket_extract"
    assert deployed["work_pool_name"] == "camket"
    assert [s["schedule"]["cron"] for s in deployed["schedules"]] == ["0 * * * *"]
    assert all(s["active"] for s in deployed["schedules"])
    assert deployed["parameters"] == {
        "input_dir": str(inbox),
        "out_dir": str(out),
        "batch_size": 200,
        "runner": "processes",
        "workers": 2,
    }
    assert deployed["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}
    ]
    assert deployed["global_concurrency_limit"]["limit"] == 1

    # A worker on the pool runs it (the production path), started in another folder:
    # the pull step moves the run into the repo, where the entrypoint resolves.
    code, output = prefect("deployment", "run", f"{FLOW}/camket-extract-hourly")
    assert code == 0, output
    worker = ("worker", "start", "--pool", "camket", "--type", "process", "--run-once")
    code, output = prefect(*worker, cwd=tmp_path)
    assert code == 0, output
    ran = [r for r in flow_runs(client, deployed["id"]) if r["state_type"] != "SCHEDULED"]
    assert ran and {r["state_type"] for r in ran} == {"COMPLETED"}, output
    assert [doc for doc, _, _ in articles(out)] == ["han_quoc_loi_moi"]
