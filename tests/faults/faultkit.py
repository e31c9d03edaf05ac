"""Helpers the fault tests share: distinct small articles, reading tables back, a flaky filesystem."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import duckdb
from fsspec.implementations.memory import MemoryFileSystem

PROVINCES = ("Hà Giang", "Cao Bằng", "Lạng Sơn", "Quảng Ninh", "Nghệ An", "Huế", "Cần Thơ")
PARTNERS = ("Lào", "Campuchia", "Nhật Bản", "Hàn Quốc", "Ấn Độ", "Ôxtrâylia", "Pháp")


def article_text(i: int) -> str:
    """A short, distinct invented article (its number makes the cleaned text unique)."""
    partner = PARTNERS[i % len(PARTNERS)]
    province = PROVINCES[i % len(PROVINCES)]
    return (
        f"Đoàn công tác số {i} thăm {province}\n"
        f"Ngày {1 + i % 28}/3/2024, đoàn đại biểu {partner} gồm {10 + i} thành viên đã thăm "
        f"tỉnh {province}. Chính phủ {partner} đã trao tặng {1000 + i} liều vắc xin cho Việt Nam.\n"
        f"Hai bên nhất trí tăng cường hợp tác về giáo dục trong năm 2024.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"a{i:04d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def table_rows(out: str | Path, table: str, columns: str = "*") -> list[tuple]:
    """Rows of a table as DuckDB reads them from the written Parquet."""
    return duckdb.sql(
        f"select {columns} from read_parquet('{out}/{table}/**/*.parquet')"
    ).fetchall()


class FlakyMemoryFileSystem(MemoryFileSystem):
    """An in-memory filesystem whose next `failures` writes of staged batch files raise ENOSPC.

    It stands in for an object store that rejects a PUT: the exception is a real
    OSError out of the filesystem the store writes through, not a mocked commit.
    """

    protocol = "flakymem"
    store: dict = {}  # its own files, apart from memory://
    pseudo_dirs = [""]
    failures = 0
    failed = 0
    _lock = threading.Lock()

    def pipe_file(self, path, value, **kwargs):
        with self._lock:
            fail = "/_camket/staging/" in path and "-part-" in path and type(self).failures > 0
            if fail:
                type(self).failures -= 1
                type(self).failed += 1
        if fail:
            raise OSError(errno.ENOSPC, "No space left on device (injected)", path)
        return super().pipe_file(path, value, **kwargs)
