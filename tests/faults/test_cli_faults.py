"""User-facing failures of `camket run`: one line, a documented exit code, nothing lost.

Exit codes (README): 1 a batch could not be written, 2 usage error (including an
unusable output root), 3 another run holds the output root.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from faultkit import table_rows, write_articles

from camket.store import ParquetStore


def camket_run(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "camket.cli", "run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def last_line(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.strip().splitlines()[-1]


def test_a_second_writer_fails_at_once_in_one_line(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    write_articles(inputs, 2)
    with ParquetStore(out):  # another writer holds the output root
        proc = camket_run(str(inputs), "--out", str(out), home=tmp_path / "prefect")
    assert proc.returncode == 3, proc.stderr
    assert last_line(proc).startswith("camket run: another camket run is writing to")
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Starting temporary server" not in proc.stderr  # refused before Prefect started


@pytest.mark.parametrize("kind", ["a file", "under a file"])
def test_an_output_root_that_is_not_a_folder_is_a_usage_error(tmp_path, kind):
    inputs = tmp_path / "in"
    write_articles(inputs, 1)
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder")
    out = blocker if kind == "a file" else blocker / "out"
    proc = camket_run(str(inputs), "--out", str(out), home=tmp_path / "prefect")
    assert proc.returncode == 2, proc.stderr
    assert last_line(proc).startswith(f"camket run: cannot use {out} as the output root:")
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "Starting temporary server" not in proc.stderr


def _mount_tmpfs(where: Path, options: str) -> None:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


def test_an_output_root_that_cannot_be_written_is_a_usage_error(tmp_path):
    inputs, disk = tmp_path / "in", tmp_path / "ro"
    write_articles(inputs, 1)
    _mount_tmpfs(disk, "ro,size=1m")  # read-only even for root
    try:
        out = disk / "out"
        proc = camket_run(str(inputs), "--out", str(out), home=tmp_path / "prefect")
        assert proc.returncode == 2, proc.stderr
        assert last_line(proc) == (
            f"camket run: cannot use {out} as the output root: Read-only file system"
        )
        assert "Traceback" not in proc.stderr + proc.stdout
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_stops_the_run_in_one_line_and_a_rerun_finishes(tmp_path):
    inputs, disk = tmp_path / "in", tmp_path / "disk"
    write_articles(inputs, 300)
    _mount_tmpfs(disk, "size=300k")
    try:
        out = disk / "out"
        proc = camket_run(str(inputs), "--out", str(out), "--batch-size", "20", home=tmp_path / "p")
        assert proc.returncode == 1, proc.stderr[-3000:]
        line = last_line(proc)
        assert line.startswith("camket run: batch ") and "No space left on device" in line
        assert " MB free there; batches 1-" in line and "rerun to write the rest" in line
        assert "Traceback" not in proc.stderr + proc.stdout
        failed_at = int(line.split("batch ", 1)[1].split("/", 1)[0])
        committed = table_rows(out, "articles", "article_id")
        assert len(committed) == (failed_at - 1) * 20 == len(set(committed))
        assert list((out / "_camket" / "journal").iterdir()) == []
        assert [p for p in (out / "_camket" / "staging").rglob("*") if p.is_file()] == []

        subprocess.run(["mount", "-o", "remount,size=50m", str(disk)], check=True)
        again = camket_run(
            str(inputs), "--out", str(out), "--batch-size", "20", home=tmp_path / "p"
        )
        assert again.returncode == 0, again.stderr[-3000:]
        articles = table_rows(out, "articles", "article_id")
        assert len(articles) == 300 == len(set(articles))
        assert table_rows(out, "quarantine", "count(*)") == [(0,)]
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
