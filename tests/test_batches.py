"""How a run's input files are cut into batch tasks (`camket.pipeline.balanced_batches`)."""

from __future__ import annotations

import pytest

from camket.ingest.discover import InputFile
from camket.pipeline import balanced_batches


def files(*sizes: int) -> list[InputFile]:
    return [InputFile("file", f"/in/{i:04d}.txt", size, 0.0) for i, size in enumerate(sizes)]


def test_files_of_one_size_are_cut_by_count_alone():
    items = files(*[2_000] * 23)
    assert balanced_batches(items, 5) == [items[k : k + 5] for k in range(0, 23, 5)]


def test_a_run_of_large_files_is_spread_over_more_batches():
    items = files(*[1_000] * 20, *[5_000] * 10)  # e.g. JSONL feeds of five articles at the end
    batches = balanced_batches(items, 10)
    assert [len(b) for b in batches] == [10, 10, 5, 5]  # not [10, 10, 10]: 50 KB in one task
    budget = 1.25 * 10 * sum(f.size for f in items) / len(items)  # 10 average files
    assert all(sum(f.size for f in b) <= budget for b in batches)
    assert [f for b in batches for f in b] == items  # every file once, in order


def test_a_file_over_the_budget_is_a_batch_of_its_own():
    items = files(100, 100, 1_000_000, 100)
    batches = balanced_batches(items, 2)
    assert [len(b) for b in batches] == [2, 1, 1]
    assert balanced_batches([], 3) == []
    assert [len(b) for b in balanced_batches(files(0, 0, 0), 2)] == [2, 1]  # empty files count


def test_the_batch_size_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        balanced_batches(files(10), 0)
