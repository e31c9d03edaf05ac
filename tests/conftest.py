"""Shared fixtures: one Prefect test harness per session; test helpers importable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # test helpers such as legacy_text


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API (SQLite) for flow runs; started once, it costs seconds."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
