"""Scale-out: the batch tasks give the same rows on every Prefect task runner.

The same input runs on the default thread runner, on a process pool and on
prefect-dask's DaskTaskRunner with a LocalCluster of two worker processes;
the tables must be identical row for row (run ids and timestamps aside).
"""

from __future__ import annotations

import shutil

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from support import ROOT, SEEDS

from camket.contract import TABLES
from flows.extract import run_extract, task_runner_for


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("runners_in")
    for path in [*SEEDS.glob("*.txt"), *(ROOT / "tests" / "fixtures" / "articles").glob("*.txt")]:
        shutil.copy(path, root / path.name)
    (root / "empty.txt").write_bytes(b"")
    return root


def comparable(out, table: str) -> list[tuple]:
    """A table's rows without run ids and timestamps, sorted."""
    data = ds.dataset(str(out / table), format="parquet").to_table()
    keep = [f.name for f in data.schema if f.name != "run_id" and not pa.types.is_timestamp(f.type)]
    rows = data.select(keep).to_pylist()
    return sorted(tuple((k, repr(v)) for k, v in row.items()) for row in rows)


@pytest.fixture(scope="module")
def threads_out(corpus, tmp_path_factory, prefect_harness):
    out = tmp_path_factory.mktemp("threads_out")
    run_extract(str(corpus), str(out), batch_size=2)
    return out


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_every_runner_writes_the_same_rows(runner, corpus, threads_out, tmp_path, prefect_harness):
    summary = run_extract(str(corpus), str(tmp_path), batch_size=2, workers=2, runner=runner)
    assert summary["batches"] >= 4 and summary["rows"]["entities"] > 100
    for table in TABLES:
        assert comparable(tmp_path, table) == comparable(threads_out, table), table


def test_runner_choice_is_checked():
    with pytest.raises(ValueError, match="unknown runner"):
        task_runner_for("spark")
    with pytest.raises(ValueError, match="needs --runner dask"):
        task_runner_for("threads", dask_address="tcp://127.0.0.1:8786")
    with pytest.warns(UserWarning, match="PREFECT_API_URL"):
        external = task_runner_for("dask", dask_address="tcp://127.0.0.1:8786")
    assert type(external).__name__ == "DaskTaskRunner"


def test_a_dask_scheduler_with_no_workers_or_none_at_all_fails_in_one_line(tmp_path):
    import socket
    import time

    from distributed import LocalCluster
    from typer.testing import CliRunner

    from camket.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--runner", "dask"]
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster:
        started = time.monotonic()
        result = CliRunner().invoke(
            app, [*args, "--dask-address", cluster.scheduler_address, "--dask-worker-wait", "1"]
        )
    assert result.exit_code == 1 and time.monotonic() - started < 20
    assert "has no workers after 1 s" in result.output
    assert "Traceback" not in result.output
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(app, [*args, "--dask-address", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 3
