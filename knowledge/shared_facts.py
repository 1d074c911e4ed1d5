"""The domain's shared facts, read once from knowledge/shared_facts.yml: their single owner.

Regions, schemes, statuses, care kinds, hospital levels, assistance groups and 两病 diseases are
named here and nowhere else in code; the policy dates belong to the parameter files
(knowledge/cost/policy/), which the cost package reads.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_FILE = Path(__file__).with_suffix(".yml")


def _load() -> dict[str, Any]:
    with _FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


_DATA = _load()

REGIONS: dict[str, str] = {str(code): str(name) for code, name in _DATA["regions"].items()}
DEFAULT_REGION: str = next(iter(REGIONS))
SCHEMES: tuple[str, ...] = tuple(_DATA["schemes"])
STATUSES: tuple[str, ...] = tuple(_DATA["statuses"])
CARE_KINDS: tuple[str, ...] = tuple(_DATA["care_kinds"])
LEVEL_NAMES: dict[int, str] = {int(level): str(name) for level, name in _DATA["levels"].items()}
LEVELS: tuple[int, ...] = tuple(LEVEL_NAMES)
GROUPS: tuple[str, ...] = tuple(_DATA["assistance_groups"])
DISEASES: tuple[str, ...] = tuple(_DATA["diseases"])
