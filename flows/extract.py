"""The `camket-extract` Prefect flow: discover -> batches -> process -> write (wiring only).

Domain logic lives in `camket.pipeline`; this module only turns it into a
flow with tasks, retries, logging and a summary artifact.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import shutil
import time
import warnings
from collections import deque
from collections.abc import Iterator
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Failed, State
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from camket.contract import TABLES
from camket.extract import extract_articles
from camket.ingest.discover import InputFile, discover_inputs, root_uri
from camket.ingest.readers import DEFAULT_MAX_BYTES
from camket.ledger import (
    LedgerEntry,
    load_ledger,
    missing_inputs,
    plan_inputs,
    previous_hashes,
)
from camket.pipeline import (
    BatchResult,
    BatchWriter,
    RunFailed,
    balanced_batches,
    new_run_id,
    process_batch,
    to_arrow,
)
from camket.store import ParquetStore

DEFAULT_BATCH_SIZE = 200


class _NoEmptyTraceback(logging.Filter):
    """Drop the "NoneType: None" Prefect prints when a task returns a Failed state.

    Prefect logs a failed task with exc_info=True even when no exception is
    being handled; a write that failed for a stated reason needs no traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is None:
            record.exc_info = None
        return True


logging.getLogger("prefect.task_runs").addFilter(_NoEmptyTraceback())
RUNNERS = ("threads", "processes", "dask")


def warm_worker() -> None:
    """Prepare a pool worker: end it with its parent, load the pipeline before its first batch."""
    from camket.lifeline import exit_when_orphaned
    from camket.nlp import get_nlp

    exit_when_orphaned()  # a killed `camket run` must not leave its workers running
    get_nlp()


class DaskUnavailable(RuntimeError):
    """The Dask scheduler named by --dask-address cannot run the batches (one-line message)."""


def check_dask_scheduler(address: str, connect_timeout: float = 5.0, worker_wait: float = 30.0):
    """Fail fast, in one line, when the scheduler at `address` cannot be reached within
    `connect_timeout` seconds or has no worker after `worker_wait` seconds: without this a
    run waits forever on a cluster with no workers and says nothing."""
    from distributed import Client

    try:
        client = Client(address, timeout=connect_timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(
            f"cannot reach the Dask scheduler at {address} within {connect_timeout:g} s "
            f"({type(exc).__name__}); is it running?"
        ) from None
    try:
        deadline = time.monotonic() + worker_wait
        while not client.scheduler_info().get("workers"):
            if time.monotonic() >= deadline:
                raise DaskUnavailable(
                    f"the Dask scheduler at {address} has no workers after {worker_wait:g} s; "
                    f"start some (dask worker {address}) or use --runner processes"
                )
            time.sleep(0.2)
    finally:
        client.close()


def task_runner_for(
    runner: str = "threads", workers: int = 1, dask_address: str | None = None
) -> TaskRunner:
    """The Prefect task runner that runs the batch tasks.

    threads: one process, `workers` threads (GIL-bound; I/O overlap only).
    processes: a pool of `workers` processes, each loading the pipeline once.
    dask: prefect-dask's DaskTaskRunner on the scheduler at `dask_address`, or on a
    LocalCluster of `workers` single-threaded worker processes when none is given.
    """
    workers = max(1, workers)
    if dask_address and runner != "dask":
        raise ValueError("--dask-address needs --runner dask")
    if runner == "threads":
        return ThreadPoolTaskRunner(max_workers=workers)
    if runner == "processes":
        return ProcessPoolTaskRunner(max_workers=workers, initializer=warm_worker)
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            if not os.environ.get("PREFECT_API_URL"):
                warnings.warn(
                    "--dask-address without PREFECT_API_URL: workers of an external Dask cluster "
                    "cannot reach the embedded API, so each starts a temporary one (slow, and its "
                    "task runs are not in this flow's API); run a Prefect server and set "
                    "PREFECT_API_URL for the flow and the workers",
                    stacklevel=2,
                )
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    raise ValueError(f"unknown runner {runner!r}; choose one of {', '.join(RUNNERS)}")


@contextlib.contextmanager
def api_shared_with_workers() -> Iterator[None]:
    """Point worker processes at this flow's API while the flow runs.

    On the embedded (ephemeral) API, PREFECT_API_URL is unset, so each
    process-pool worker would start a temporary API server of its own (seconds
    each) and report its task runs there. Exporting the running server's URL
    before the first task is submitted makes the workers report to it instead.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        os.environ["PREFECT_API_URL"] = str(client.api_url)
    try:
        yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)


@task(name="discover-inputs", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def discover(input_dir: str, exclude: list[str] | None = None) -> list[InputFile]:
    """List the input files with their size and mtime, leaving out `exclude` (the output root)."""
    return discover_inputs(input_dir, exclude=exclude or ())


@task(name="process-batch", cache_policy=NO_CACHE)
def process(
    paths: list[InputFile],
    seq: int,
    run_id: str,
    max_bytes: int,
    previous_sha256: dict[str, str | None],
) -> BatchResult:
    """Read, clean, extract and validate one batch of inputs."""
    batch = process_batch(
        paths,
        seq=seq,
        run_id=run_id,
        max_bytes=max_bytes,
        extractor=extract_articles,
        previous_sha256=previous_sha256,
    )
    return to_arrow(batch, run_id)


#: Attempts at committing one batch before the run stops (a full disk, an object-store error).
WRITE_ATTEMPTS = 3
WRITE_RETRY_SECONDS = 2.0


@task(name="write-batch", cache_policy=NO_CACHE)
def write(writer: BatchWriter, batch: BatchResult, batches: int) -> dict[str, int] | State:
    """Commit one batch's rows atomically; retried in place, a Failed state when it cannot.

    The writer remembers a batch only once its commit succeeds, so an attempt
    after a failed one writes exactly the same rows. Storage errors end as one
    Failed state with a one-line message, not a traceback per attempt.
    """
    logger = get_run_logger()
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return writer.write(batch)
        except OSError as exc:
            if attempt == WRITE_ATTEMPTS:
                return Failed(message=write_failure(writer.store, batch.seq, batches, exc))
            logger.warning(
                "batch %d/%d: commit failed (%s); attempt %d of %d in %.0f s",
                batch.seq,
                batches,
                _os_error(exc),
                attempt + 1,
                WRITE_ATTEMPTS,
                WRITE_RETRY_SECONDS,
            )
            time.sleep(WRITE_RETRY_SECONDS)
    raise AssertionError("unreachable")


@task(name="prune-missing", cache_policy=NO_CACHE)
def prune(writer: BatchWriter, gone: list[LedgerEntry], seq: int) -> dict[str, int] | State:
    """Supersede the rows of inputs that are gone (`--prune-missing`), in one commit."""
    logger = get_run_logger()
    try:
        written = writer.prune(gone, seq)
    except OSError as exc:
        return Failed(message=f"pruning missing inputs failed: {_os_error(exc)}")
    logger.info(
        "pruned %d missing input files: %d articles superseded",
        len(gone),
        writer.totals["articles_pruned"],
    )
    return written


def _os_error(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def write_failure(store: ParquetStore, seq: int, batches: int, exc: OSError) -> str:
    """One line for a batch that could not be committed: which, why, free space, what stays."""
    free = ""
    if store.local:
        with contextlib.suppress(OSError):
            free = f"; {_megabytes(shutil.disk_usage(store.root).free)} free there"
    kept = f"batches 1-{seq - 1} are committed" if seq > 1 else "no batch was committed"
    return (
        f"batch {seq}/{batches} could not be written to {store.uri}: {_os_error(exc)}{free}; "
        f"{kept}; rerun to write the rest"
    )


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@flow(name="camket-extract", log_prints=False)
def camket_extract(
    input_dir: str,
    out_dir: str = "outputs",
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    runner: str = "threads",
    dask_address: str | None = None,
    prune_missing: bool = False,
) -> dict[str, Any]:
    """Turn a folder of raw articles into validated Parquet tables under `out_dir`.

    The batch tasks run on the task runner named by `runner` (see
    `task_runner_for`), so a deployment chooses it with its parameters. With
    `prune_missing`, the rows of files under `input_dir` that the ledger holds
    but that are gone are superseded after the last batch.
    """
    logger = get_run_logger()
    task_runner = task_runner_for(runner, workers, dask_address)  # checks the choice early
    started = time.perf_counter()
    run_id = new_run_id()
    inputs = discover(input_dir, [out_dir])  # an output inside the input is not input
    with api_shared_with_workers(), ParquetStore(out_dir) as store, task_runner:
        ledger = load_ledger(store)
        plan = plan_inputs(inputs, ledger, force=force)
        batches = balanced_batches(plan.todo, batch_size)
        logger.info(
            "run %s: %d input files, %d unchanged since the last run, %d to read in %d batches of up to %d",
            run_id,
            len(inputs),
            len(plan.unchanged),
            len(plan.todo),
            len(batches),
            batch_size,
        )
        writer = BatchWriter(store, run_id, force=force, ledger=ledger)
        pending: deque = deque()
        window = max(1, workers) * 2  # bounded: at most this many batch results in memory

        def drain_one() -> str | None:
            """Write the oldest pending batch; return why the run must stop, or None."""
            future = pending.popleft()
            batch = future.result()
            _forget_result(future)
            # quote(): Prefect would otherwise walk every row of the batch looking for futures
            state = write(quote(writer), quote(batch), len(batches), return_state=True)
            if state.is_failed():
                return state.message
            written = state.result()
            logger.info(
                "batch %d/%d: %d files, %d articles read, %d new, %d quarantined (%.2fs)",
                batch.seq,
                len(batches),
                batch.stats["files"],
                batch.stats["articles_read"],
                written.get("articles", 0),
                written.get("quarantine", 0),
                batch.seconds,
            )
            return None

        failure = None
        for seq, batch_paths in enumerate(batches, start=1):
            previous = {} if force else previous_hashes(batch_paths, ledger)
            parameters = {
                "paths": batch_paths,
                "seq": seq,
                "run_id": run_id,
                "max_bytes": max_bytes,
                "previous_sha256": previous,
            }
            pending.append(task_runner.submit(process, parameters))
            if len(pending) >= window:
                failure = drain_one()
                if failure:
                    break
        while pending and not failure:
            failure = drain_one()
        for future in pending:  # a batch could not be written: the rest is not committed
            _forget_result(future)
        if prune_missing and not failure:
            gone = missing_inputs(inputs, ledger, root_uri(input_dir))
            state = prune(quote(writer), gone, len(batches) + 1, return_state=True)
            failure = state.message if state.is_failed() else None
    totals = writer.totals
    summary = {
        "run_id": run_id,
        "input_dir": str(input_dir),
        "out_dir": str(out_dir),
        "files": len(inputs),
        "files_unchanged": len(plan.unchanged),
        "files_new": totals["files_processed"],
        "files_replaced": totals["files_replaced"],
        "files_same_content": totals["files_same_content"],
        "files_quarantined": totals["files_quarantined"],
        "files_retry": totals["files_retry"],
        "files_missing": totals["files_missing"],
        "articles_pruned": totals["articles_pruned"],
        "articles_read": totals["articles_read"],
        "articles_cleaned": totals["rows_articles"],
        "skipped_existing": totals["skipped_existing"],
        "quarantined": totals["rows_quarantine"],
        "rows": {table: totals[f"rows_{table}"] for table in TABLES},
        "batches": len(batches),
        "seconds": round(time.perf_counter() - started, 3),
        "stage_seconds": {k: round(v, 3) for k, v in sorted(writer.stage_seconds.items())},
        "error": failure,
    }
    create_markdown_artifact(
        key="camket-run-summary",
        markdown=summary_markdown(summary),
        description=f"camket run {run_id}",
    )
    if failure:
        logger.error("run %s stopped: %s", run_id, failure)
        return Failed(message=failure, data=summary)
    logger.info("run %s done: %s", run_id, summary)
    return summary


def _forget_result(future: Any) -> None:
    """Drop a finished batch task's result from Prefect's future once we hold it.

    Prefect's task runners keep finished futures reachable until the flow
    ends; their state holds the returned batch and, on process pools, the
    inner futures hold its pickled bytes. Releasing both keeps the flow's
    memory flat (streaming) instead of growing with every batch.
    """
    state = getattr(future, "state", None)
    if state is not None and getattr(state, "data", None) is not None:
        state.data = None
    seen: set[int] = set()
    pending = [future]
    while pending:
        item = pending.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, concurrent.futures.Future) and item.done():
            item._result = None  # the value was delivered; keep no copy
        for name in ("_wrapped_future", "wrapped_future", "_process_future", "_resolution_future"):
            pending.append(getattr(item, name, None))


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as a markdown table (the Prefect artifact)."""
    lines = [f"# camket run `{summary['run_id']}`", "", "| measure | value |", "|---|---|"]
    for key in (
        "input_dir",
        "out_dir",
        "files",
        "files_unchanged",
        "files_new",
        "files_replaced",
        "files_same_content",
        "files_quarantined",
        "files_missing",
        "articles_read",
        "articles_cleaned",
        "skipped_existing",
        "quarantined",
        "batches",
        "seconds",
    ):
        lines.append(f"| {key} | {summary[key]} |")
    for table, n in summary["rows"].items():
        lines.append(f"| rows written: {table} | {n} |")
    if summary.get("error"):
        lines.append(f"| stopped | {summary['error']} |")
    return "\n".join(lines) + "\n"


def run_extract(
    input_dir: str,
    out_dir: str,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    runner: str = "threads",
    dask_address: str | None = None,
    prune_missing: bool = False,
) -> dict[str, Any]:
    """Run the flow once (the CLI's entry point); RunFailed when a batch could not be written."""
    state = camket_extract(
        input_dir=str(input_dir),
        out_dir=str(out_dir),
        batch_size=batch_size,
        workers=workers,
        force=force,
        max_bytes=max_bytes,
        runner=runner,
        dask_address=dask_address,
        prune_missing=prune_missing,
        return_state=True,
    )
    if state.is_failed():
        raise RunFailed(state.message)
    return state.result()


if __name__ == "__main__":
    import sys

    run_extract(sys.argv[1] if len(sys.argv) > 1 else "seeds", "outputs")
