"""`camket run | status | serve | evaluate | dictionary`: the command line, configuration at the edge."""

from __future__ import annotations

import contextlib
import enum
import json
import os
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from camket.ingest.readers import DEFAULT_MAX_BYTES

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Vietnamese foreign-relations news to validated Parquet.",
)
console = Console()
#: Exit codes of `camket run` (documented in the README).
EXIT_RUN_FAILED, EXIT_USAGE, EXIT_LOCKED = 1, 2, 3


def _fail(message: str, code: int) -> NoReturn:
    """One line on stderr and a non-zero exit: user errors get no traceback."""
    typer.echo(message, err=True)
    raise typer.Exit(code)


class Runner(enum.StrEnum):
    """Where the batch tasks run (see flows.extract.task_runner_for)."""

    threads = "threads"
    processes = "processes"
    dask = "dask"


# Options `run` and `serve` share (the flow's batch and task-runner settings).
BatchSizeOption = Annotated[int, typer.Option(min=1, help="Input files per batch task.")]
WorkersOption = Annotated[int, typer.Option(min=1, help="Batches processed concurrently.")]
RunnerOption = Annotated[Runner, typer.Option(help="Prefect task runner for the batch tasks.")]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        help="Dask scheduler (tcp://HOST:PORT) for --runner dask; default: a LocalCluster."
    ),
]


def _root_exists(root: str) -> bool:
    """Whether a local path or fsspec URI exists (URIs are checked through fsspec)."""
    from camket.ingest.discover import open_root

    fs, path = open_root(root)
    return fs.exists(path)


def _check_input_and_runner(
    input_dir: str, hint: str, runner: Runner, dask_address: str | None
) -> None:
    if not _root_exists(input_dir):
        raise typer.BadParameter(f"{input_dir} does not exist", param_hint=hint)
    if dask_address and runner is not Runner.dask:
        raise typer.BadParameter("--dask-address needs --runner dask", param_hint="--dask-address")


@app.command()
def run(
    input_dir: Annotated[
        str,
        typer.Argument(
            help="Folder (or file) of raw articles (.txt, .html, .jsonl): a path or an fsspec "
            "URI such as s3://bucket/prefix."
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", help="Output root for the Parquet tables (path or fsspec URI).")
    ] = "outputs",
    batch_size: BatchSizeOption = 200,
    workers: WorkersOption = 1,
    runner: RunnerOption = Runner.threads,
    dask_address: DaskAddressOption = None,
    force: Annotated[
        bool,
        typer.Option(help="Ignore the ledger: reprocess every input; old rows are replaced."),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Inputs larger than this are quarantined unread.")
    ] = DEFAULT_MAX_BYTES,
    prune_missing: Annotated[
        bool,
        typer.Option(
            help="Supersede the rows of inputs under INPUT_DIR that the ledger holds but that "
            "are gone (default: their rows stay)."
        ),
    ] = False,
    dask_worker_wait: Annotated[
        float,
        typer.Option(
            min=0,
            help="With --dask-address: seconds to wait for the scheduler to have a worker "
            "before the run fails (an unreachable scheduler fails after 5 s).",
        ),
    ] = 30.0,
) -> None:
    """Run the camket-extract flow over INPUT_DIR and write Parquet under --out.

    Inputs the ledger shows unchanged since an earlier run are skipped. Exit
    codes: 0 done; 1 a batch could not be written (earlier batches stay);
    2 usage error (bad option, missing input, unusable output root); 3 another
    run is writing to the output root.
    """
    # The embedded API server would try to send telemetry; there is no network to send it to.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from camket.pipeline import RunFailed
    from camket.store import StoreLockedError, held_lock

    _check_input_and_runner(input_dir, "INPUT_DIR", runner, dask_address)
    with contextlib.ExitStack() as held:
        try:  # the lock first: a second writer is told at once, before anything slow starts
            held.enter_context(held_lock(out))
        except StoreLockedError as exc:
            _fail(f"camket run: {exc}; wait for it to finish", EXIT_LOCKED)
        except OSError as exc:  # the output root cannot be created or written
            _fail(
                f"camket run: cannot use {out} as the output root: {exc.strerror or exc}",
                EXIT_USAGE,
            )
        from camket.embedded_api import EmbeddedAPIError, embedded_api
        from flows.extract import DaskUnavailable, check_dask_scheduler, run_extract

        if dask_address:
            try:
                check_dask_scheduler(dask_address, worker_wait=dask_worker_wait)
            except DaskUnavailable as exc:
                _fail(f"camket run: {exc}", EXIT_RUN_FAILED)
        try:
            with embedded_api():
                summary = run_extract(
                    input_dir,
                    out,
                    batch_size=batch_size,
                    workers=workers,
                    force=force,
                    max_bytes=max_bytes,
                    runner=runner.value,
                    dask_address=dask_address,
                    prune_missing=prune_missing,
                )
        except (RunFailed, EmbeddedAPIError) as exc:
            _fail(f"camket run: {exc}", EXIT_RUN_FAILED)
    table = Table(title=f"camket run {summary['run_id']}", show_header=False)
    for key in (
        "files",
        "files_unchanged",
        "files_replaced",
        "articles_read",
        "articles_cleaned",
        "skipped_existing",
        "quarantined",
    ):
        table.add_row(key.replace("_", " "), str(summary[key]))
    if prune_missing:
        table.add_row("files missing (pruned)", str(summary["files_missing"]))
        table.add_row("articles pruned", str(summary["articles_pruned"]))
    for name, n in summary["rows"].items():
        table.add_row(f"rows written: {name}", str(n))
    table.add_row("seconds (flow)", f"{summary['seconds']:.2f}")
    console.print(table)


@app.command()
def evaluate(
    gold: Annotated[
        Path | None, typer.Option(help="Gold JSONL of entities and commitments (ANNOTATION.md).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output root written by `camket run`.")] = Path(
        "outputs"
    ),
    body_gold: Annotated[
        Path | None, typer.Option(help="Body gold JSONL (which raw lines are body).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    by_doc: Annotated[
        bool, typer.Option("--by-doc", help="Also give tp/fp/fn per doc and type (JSON: per_doc).")
    ] = False,
) -> None:
    """Score an output against gold: P/R/F1 per type, field accuracies, cleaning; list the misses."""
    from camket.evaluate import score_cleaning, score_output

    if gold is None and body_gold is None:
        raise typer.BadParameter("give --gold and/or --body-gold", param_hint="--gold")
    report: dict = {}
    if gold is not None:
        report["extraction"] = score_output(out, gold)
        if not by_doc:
            del report["extraction"]["per_doc"]
    if body_gold is not None:
        report["cleaning"] = score_cleaning(out, body_gold)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    if "extraction" in report:
        _print_extraction(report["extraction"])
        if by_doc:
            _print_by_doc(report["extraction"]["per_doc"])
    if "cleaning" in report:
        c = report["cleaning"]["cleaning"]
        console.print(
            f"cleaning over {c['docs']} docs: body lines kept {c['body_kept']}/{c['body_total']} "
            f"({c['body_kept_pct']:.1f}%), boilerplate removed {c['boiler_removed']}/"
            f"{c['boiler_total']} ({c['boiler_removed_pct']:.1f}%)"
        )
        for miss in report["cleaning"]["misses"]:
            console.print(
                f"  {miss['doc']} line {miss['line']} ({miss['kind']}): {miss['text'][:90]}"
            )


def _print_extraction(report: dict) -> None:
    table = Table(title=f"extraction over {report['docs']} docs")
    for column in ("type", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column)
    for kind, s in report["scores"].items():
        table.add_row(
            kind,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"]),
            str(s["fp"]),
            str(s["fn"]),
        )
    console.print(table)
    for kind, fields in report["field_accuracy"].items():
        cells = []
        for name, s in fields.items():
            acc = "n/a" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
            cells.append(f"{name} {s['correct']}/{s['matched']} ({acc})")
        console.print(f"field accuracy {kind}: " + ", ".join(cells), markup=False)
    for miss in report["misses"]:
        console.print(
            f"  {miss['doc']} {miss['type']} {miss['kind']}: {miss['item']}", markup=False
        )


def _print_by_doc(per_doc: dict[str, dict[str, dict[str, int]]]) -> None:
    """tp/fp/fn per doc and type, to find the articles a change helps or hurts."""
    from camket.scoring import TYPES

    table = Table(title="per doc (tp/fp/fn)")
    table.add_column("doc")
    for kind in TYPES:
        table.add_column(kind)
    for doc, counts in per_doc.items():
        cells = (counts[kind] for kind in TYPES)
        table.add_row(doc, *(f"{c['tp']}/{c['fp']}/{c['fn']}" for c in cells))
    console.print(table)


@app.command()
def status(
    out: Annotated[
        str, typer.Option("--out", help="Output root to describe (path or fsspec URI).")
    ] = "outputs",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """What the output root holds: runs and files in the ledger, rows per table."""
    from camket.ledger import ledger_summary
    from camket.store import ParquetStore

    if not _root_exists(out):
        raise typer.BadParameter(f"{out} does not exist", param_hint="--out")
    report = ledger_summary(ParquetStore(out))
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    runs = Table(title=f"runs in {report['out']}")
    for column in ("run_id", "files", "outcomes", "articles", "last commit"):
        runs.add_column(column)
    for r in report["runs"]:
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items()))
        runs.add_row(
            r["run_id"], str(r["files"]), outcomes, str(r["articles_written"]), r["last_commit"]
        )
    console.print(runs)
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(report["files_by_outcome"].items()))
    console.print(f"files in the ledger: {report['files']} ({outcomes or 'none'})")
    console.print(f"articles held by those files: {report['articles_in_ledger']}")
    rows = Table(title="rows per table")
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for name, n in report["rows"].items():
        rows.add_row(name, str(n))
    console.print(rows)


@app.command()
def dictionary() -> None:
    """Print the data dictionary (markdown) derived from the JSON Schemas."""
    from camket.dictionary import data_dictionary

    typer.echo(data_dictionary(), nl=False)


@app.command()
def serve(
    input_dir: Annotated[
        str, typer.Option("--in", help="Folder (path or fsspec URI) each tick reads.")
    ],
    out: Annotated[str, typer.Option("--out", help="Output root (path or fsspec URI).")],
    cron: Annotated[str | None, typer.Option(help='Cron schedule, e.g. "0 * * * *" (UTC).')] = None,
    interval: Annotated[
        float | None, typer.Option(min=1, help="Seconds between ticks (instead of --cron).")
    ] = None,
    batch_size: BatchSizeOption = 200,
    workers: WorkersOption = 1,
    runner: RunnerOption = Runner.threads,
    dask_address: DaskAddressOption = None,
    name: Annotated[str, typer.Option(help="Deployment name on the Prefect server.")] = (
        "camket-serve"
    ),
    state_dir: Annotated[
        Path | None,
        typer.Option(
            help="Local server's PREFECT_HOME, server.json and server.log "
            "(default <out>/_camket/prefect, or ~/.camket/prefect for URIs)."
        ),
    ] = None,
) -> None:
    """Run the flow over --in on a schedule (Prefect flow.serve) until stopped.

    Without PREFECT_API_URL a local Prefect server is started and stopped with it
    (the embedded API cannot schedule). See docs/SCHEDULING.md.
    """
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from camket.serve import ServeError
    from camket.serve import serve as serve_deployment

    if (cron is None) == (interval is None):
        raise typer.BadParameter("give exactly one of --cron and --interval", param_hint="--cron")
    _check_input_and_runner(input_dir, "--in", runner, dask_address)
    try:
        serve_deployment(
            input_dir,
            out,
            cron=cron,
            interval=interval,
            batch_size=batch_size,
            workers=workers,
            runner=runner.value,
            dask_address=dask_address,
            name=name,
            state_dir=state_dir,
        )
    except ServeError as exc:
        console.print(f"camket serve: {exc}", style="red", markup=False, highlight=False)
        raise typer.Exit(1) from None


if __name__ == "__main__":
    app()
