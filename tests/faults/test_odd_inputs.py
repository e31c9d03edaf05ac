"""Inputs that once sank a run: names that are not UTF-8, FIFOs, devices and symlinks, and an
output root inside the input. Each input ends as one article row or one quarantine row with a
reason, the run finishes, and a rerun reads nothing (issue 8, items 3, 5 and 9)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.dataset as ds

from flows.extract import run_extract

BODY = """Hai nước nhất trí mở rộng hợp tác {field}
Sáng 12/3/2024, tại Hà Nội, Bộ trưởng Ngoại giao hai nước đã hội đàm và nhất trí mở rộng hợp tác về {field}.
Hai bên cũng thống nhất tăng cường trao đổi đoàn các cấp trong năm 2024.
"""


def article(field: str) -> str:
    return BODY.format(field=field)


def table_rows(out: Path, table: str) -> list[dict]:
    rel = duckdb.sql(f"select * from read_parquet('{out}/{table}/**/*.parquet')")
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def ledger_runs(out: Path) -> set[str]:
    rel = duckdb.sql(f"select distinct run_id from read_parquet('{out}/_camket/ledger/*.parquet')")
    return {r[0] for r in rel.fetchall()}


def write_raw(folder: Path, name: bytes, data: bytes) -> str:
    """Write a file whose name is raw bytes; return its path as Python lists it (surrogates)."""
    raw = os.path.join(os.fsencode(folder), name)
    with open(raw, "wb") as fh:
        fh.write(data)
    return os.fsdecode(raw)


def test_a_file_name_that_is_not_utf8_is_kept_escaped_and_skipped_on_rerun(
    tmp_path, prefect_harness
):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    bad_txt = write_raw(src, b"bad\xff\xfename.txt", article("giáo dục").encode())
    write_raw(src, b"empty\xff.txt", b"")
    feed = [
        json.dumps({"text": article("y tế")}, ensure_ascii=False),
        '{"id": "broken", "text": ',
        # JSON may escape a lone surrogate: it must not reach Arrow either
        '{"id": "x\\ud800y", "title": "T\\udfff", "text": ' + json.dumps(article("du lịch")) + "}",
    ]
    bad_feed = write_raw(src, b"feed\xe9.jsonl", "\n".join(feed).encode())
    (src / "good.txt").write_text(article("văn hóa"), encoding="utf-8")

    first = run_extract(str(src), str(out), batch_size=10)
    assert first["files"] == 4 and first["files_retry"] == 0

    articles = {a["doc"]: a for a in table_rows(out, "articles")}
    assert set(articles) == {"bad\\xff\\xfename", "feed\\xe9#1", "x\\ud800y", "good"}
    assert articles["bad\\xff\\xfename"]["source_uri"] == Path(bad_txt).as_uri()
    assert articles["bad\\xff\\xfename"]["source_uri"].endswith("/bad%FF%FEname.txt")
    assert "giáo dục" in articles["bad\\xff\\xfename"]["clean_text"]  # read through the real path
    assert articles["feed\\xe9#1"]["source_uri"] == Path(bad_feed).as_uri() + "#L1"
    assert articles["x\\ud800y"]["title"] == "T\\udfff"
    quarantine = {(q["doc"], q["reason"]) for q in table_rows(out, "quarantine")}
    assert quarantine == {
        ("empty\\xff", "empty input"),
        ("feed\\xe9#2", "malformed JSON on line 2: Expecting value at column 26"),
    }
    # pyarrow reads the same strings back
    docs = ds.dataset(out / "articles", format="parquet").to_table().column("doc").to_pylist()
    assert sorted(docs) == sorted(articles)

    # The ledger keys on the percent-encoded URI, so a rerun skips every file unread.
    second = run_extract(str(src), str(out), batch_size=10)
    assert second["files_unchanged"] == 4 and second["batches"] == 0
    assert second["articles_read"] == 0 and second["quarantined"] == 0
    assert ledger_runs(out) == {first["run_id"]}


def run_cli(args: list[str], tmp_path: Path, timeout: int = 300) -> str:
    """Run `camket` in its own session with a deadline; kill what it leaves behind.

    The deadline catches a run blocked on a FIFO or reading /dev/zero; the embedded
    API server alone may need a minute to start on a loaded machine.
    """
    env = dict(
        os.environ,
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
    )
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / "cli.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "camket.cli", *args],
            env=env,
            start_new_session=True,
            stdout=fh,
            stderr=fh,
        )
        try:
            code = proc.wait(timeout=timeout)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    text = log.read_text(errors="replace")
    assert code == 0, text[-3000:]
    return text


def test_fifos_devices_sockets_and_symlinks_are_quarantined_never_opened(tmp_path):
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (src / "sub").mkdir(parents=True)
    outside.mkdir()
    (src / "good.txt").write_text(article("giáo dục"), encoding="utf-8")
    (src / "sub" / "nested.txt").write_text(article("y tế"), encoding="utf-8")
    (outside / "secret.txt").write_text(article("quốc phòng"), encoding="utf-8")
    os.mkfifo(src / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(src / "sock.txt"))
    try:
        (src / "zero.txt").symlink_to("/dev/zero")
        (src / "alias.txt").symlink_to("good.txt")  # both in the root: one input, one article
        (src / "pipe-link.txt").symlink_to(src / "pipe.txt")
        (src / "leak.txt").symlink_to(outside / "secret.txt")
        (src / "gone.txt").symlink_to(src / "missing.txt")
        (src / "self.txt").symlink_to("self.txt")  # a symlink loop
        (src / "sub-alias").symlink_to("sub")  # folder inside the root: its files are listed once
        (src / "loop").symlink_to(".")
        (src / "ext").symlink_to(outside)

        run_cli(["run", str(src), "--out", str(out)], tmp_path)
        articles = table_rows(out, "articles")
        assert sorted(a["doc"] for a in articles) == ["good", "nested"]
        quarantine = {q["doc"]: (q["stage"], q["reason"]) for q in table_rows(out, "quarantine")}
        assert quarantine == {
            "pipe": ("ingest", "not a regular file (fifo)"),
            "sock": ("ingest", "not a regular file (socket)"),
            "zero": ("ingest", "not a regular file (symlink to a character device)"),
            "pipe-link": ("ingest", "not a regular file (symlink to a fifo)"),
            "leak": ("ingest", "symlink points outside the input root"),
            "ext": ("ingest", "symlink points outside the input root (a folder, not followed)"),
            "gone": ("ingest", "broken symlink"),
            "self": ("ingest", "broken symlink (symlink loop)"),
        }
        first_runs = ledger_runs(out)

        run_cli(["run", str(src), "--out", str(out)], tmp_path)  # everything is in the ledger
        assert ledger_runs(out) == first_runs
        assert len(table_rows(out, "quarantine")) == len(quarantine)
    finally:
        server.close()


def test_an_output_root_inside_the_input_is_not_read_back(tmp_path, prefect_harness):
    src = tmp_path / "data"
    src.mkdir()
    (src / "a.txt").write_text(article("giáo dục"), encoding="utf-8")
    (src / "b.txt").write_text(article("y tế"), encoding="utf-8")
    first = run_extract(str(src), str(src / "out"))
    assert first["files"] == 2 and first["articles_cleaned"] == 2

    # Rerun into the same output (skipped as --out), then into another one: the first output
    # is now a camket output root (it holds `_camket/`) inside the input, so it is skipped too.
    again = run_extract(str(src), str(src / "out"))
    other = run_extract(str(src), str(src / "out2"))
    assert again["files"] == 2 and again["files_unchanged"] == 2 and again["batches"] == 0
    assert other["files"] == 2 and other["articles_cleaned"] == 2
    for out in (src / "out", src / "out2"):
        assert table_rows(out, "quarantine") == []
        assert len(table_rows(out, "articles")) == 2
