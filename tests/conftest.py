"""Test tiers: every test under tests/live or tests/scale gets that folder's marker (pyproject.toml)."""
from __future__ import annotations

from pathlib import Path

import pytest

_TIERS = {"live", "scale"}
_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(item.fspath).relative_to(_HERE).parts[0]
        if folder in _TIERS:
            item.add_marker(folder)
