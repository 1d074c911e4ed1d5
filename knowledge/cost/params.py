"""Reimbursement parameters: load knowledge/cost/policy/<region>.yml, validate it, pick a version.

The file format is described at the top of knowledge/cost/policy/binzhou.yml. Loading is strict:
an operator's typo (an unknown key, a figure without `source` or `assumed`, a ratio above 1)
fails at load time with PolicyDataError instead of producing a wrong estimate later.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping, Set
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.articles import known_articles, published
from knowledge.shared_facts import CARE_KINDS, DISEASES, GROUPS, LEVELS, SCHEMES, STATUSES

POLICY_DIR = Path(__file__).parent / "policy"

CARE_SECTIONS = CARE_KINDS
SECTIONS = CARE_SECTIONS + ("大病保险", "医疗救助")
RATIO_PARAMS = frozenset({"ratio", "large_subsidy_ratio", "offsite_first_pay"})
AMOUNT_PARAMS = frozenset({"deductible", "annual_cap", "large_subsidy_cap"})
COUNT_PARAMS = frozenset({"no_deductible_from_admission"})
PARAMS = RATIO_PARAMS | AMOUNT_PARAMS | COUNT_PARAMS

# Table keys: who (an employee's status is written after the scheme: 职工在职), disease, level.
WHO_KEYS = frozenset({SCHEMES[0] + status for status in STATUSES} | set(SCHEMES) | set(GROUPS))
DISEASE_KEYS = frozenset(DISEASES)
LEVEL_KEYS = frozenset(LEVELS)
_KEY_KINDS = (WHO_KEYS, DISEASE_KEYS, LEVEL_KEYS)


class PolicyDataError(ValueError):
    """The parameter file is malformed; the message says where."""


@dataclass(frozen=True)
class Source:
    file: str
    title: str
    date_zh: str  # when it was published, as a citizen reads it ("约2022年12月": knowledge/articles.yml)

    @property
    def short(self) -> str:
        """The seed number, e.g. "002", used for inline citations."""
        return self.file.split("_", 1)[0]


@dataclass(frozen=True)
class Figure:
    value: Decimal
    source: Source | None
    assumed: bool
    note: str | None
    per_disease: bool = False  # an annual cap each disease has (居民门诊慢特病: "每个病种3000元")


@dataclass(frozen=True)
class Segment:
    """Part of a ratio schedule: `ratio` applies up to `up_to` (None: no upper bound)."""

    up_to: Figure | None
    ratio: Figure


Schedule = tuple[Segment, ...]  # a ratio by parts of the cost


@dataclass(frozen=True)
class SharedCap:
    """An annual cap shared with another kind of care (门诊慢特病 with 住院 for employees)."""

    care: str
    source: Source


Leaf = Figure | Schedule | SharedCap
Node = Leaf | Mapping[Any, "Node"]


@dataclass(frozen=True)
class Selector:
    """Who and what a parameter is looked up for."""

    scheme: str
    status: str | None = None
    level: int | None = None
    disease: str | None = None
    group: str | None = None

    def candidates(self) -> tuple:
        # 职工在职/职工退休 come before 职工 so that a specific entry wins over the shared one.
        specific = self.scheme + self.status if self.status else None
        return tuple(k for k in (specific, self.scheme, self.group, self.disease, self.level) if k is not None)


class MissingDimension(LookupError):
    """The table depends on an input that was not given ("level" or "disease")."""

    def __init__(self, dimension: str) -> None:
        super().__init__(dimension)
        self.dimension = dimension


@dataclass(frozen=True)
class PolicyVersion:
    id: str
    name_zh: str
    effective_from: datetime.date
    sections: Mapping[str, Mapping[str, Node]]

    def lookup(self, section: str, param: str, selector: Selector) -> Leaf | None:
        """The parameter for `selector`, or None when the table has no entry for it."""
        node: Node | None = self.sections.get(section, {}).get(param)
        while isinstance(node, Mapping):
            key = next((k for k in selector.candidates() if k in node), None)
            if key is None:
                if set(node) <= LEVEL_KEYS and selector.level is None:
                    raise MissingDimension("level")
                if set(node) <= DISEASE_KEYS and selector.disease is None:
                    raise MissingDimension("disease")
                return None
            node = node[key]
        return node


@dataclass(frozen=True)
class RegionPolicy:
    region: str
    name_zh: str
    versions: tuple[PolicyVersion, ...]  # oldest first

    def version_for(self, day: datetime.date) -> PolicyVersion | None:
        """The version in force on `day`; None before the first one."""
        in_force = [v for v in self.versions if v.effective_from <= day]
        return in_force[-1] if in_force else None


def load_raw(region: str) -> dict | None:
    """The region's parameter file as plain data (Decimal numbers), or None if it has none."""
    path = POLICY_DIR / f"{region}.yml"
    return _read_yaml(path) if path.is_file() else None


@cache
def load_region(region: str) -> RegionPolicy | None:
    raw = load_raw(region)
    return None if raw is None else parse_region(raw)


def parse_region(raw: Mapping) -> RegionPolicy:
    """Validate raw parameter data and build its versions (each one overriding the previous)."""
    top = {"region", "name_zh", "sources", "versions"}
    _require_keys(raw, top, "顶层", mandatory=top)
    for entry in raw["sources"]:
        _require_keys(entry, {"file", "title"}, "sources", mandatory={"file", "title"})
        if entry["file"] not in known_articles():
            raise PolicyDataError(f"sources: {entry['file']} 不在 knowledge/articles.yml 里，请先登记它的刊登时间")
    sources = {s["file"]: Source(file=s["file"], title=s["title"], date_zh=published(s["file"])) for s in raw["sources"]}
    versions: list[PolicyVersion] = []
    merged: dict = {}
    for entry in raw["versions"]:
        where = f"版本 {entry.get('id')}"
        header = {"id", "name_zh", "effective_from"}
        _require_keys(entry, header | set(SECTIONS), where, mandatory=header)
        if not isinstance(entry["effective_from"], datetime.date):
            raise PolicyDataError(f"{where}: effective_from 应为日期（YYYY-MM-DD）")
        if versions and entry["effective_from"] <= versions[-1].effective_from:
            raise PolicyDataError(f"{where}: 版本须按生效日期从早到晚排列")
        changes = {k: v for k, v in entry.items() if k in SECTIONS}
        merged = _merge(merged, changes)
        sections = {
            name: {param: _parse_param(node, param, sources, f"{where} / {name} / {param}")
                   for param, node in _params_of(section, f"{where} / {name}").items()}
            for name, section in merged.items()
        }
        versions.append(PolicyVersion(entry["id"], entry["name_zh"], entry["effective_from"], sections))
    return RegionPolicy(region=raw["region"], name_zh=raw["name_zh"], versions=tuple(versions))


def is_figure(node: Any) -> bool:
    return isinstance(node, Mapping) and "value" in node


class _DecimalLoader(yaml.SafeLoader):
    """Reads YAML floats as Decimal so that 0.85 stays exactly 0.85."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_DecimalLoader)


def _merge(base: Mapping, changes: Mapping) -> dict:
    """Deep-merge `changes` into `base`; figures, schedules and shared caps replace whole."""
    merged = dict(base)
    for key, value in changes.items():
        old = merged.get(key)
        if isinstance(value, Mapping) and isinstance(old, Mapping) and not _is_leaf(value) and not _is_leaf(old):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def _is_leaf(node: Any) -> bool:
    return is_figure(node) or isinstance(node, list) or (isinstance(node, Mapping) and "shared_with" in node)


def _params_of(section: Any, where: str) -> Mapping:
    if not isinstance(section, Mapping):
        raise PolicyDataError(f"{where}: 应为参数表")
    unknown = set(section) - PARAMS
    if unknown:
        raise PolicyDataError(f"{where}: 未知参数 {sorted(unknown)}")
    return section


def _parse_param(node: Any, param: str, sources: Mapping, where: str) -> Node:
    if is_figure(node):
        return _parse_figure(node, param, sources, where)
    if isinstance(node, list):
        if param != "ratio":
            raise PolicyDataError(f"{where}: 只有 ratio 可以分段")
        return _parse_schedule(node, sources, where)
    if isinstance(node, Mapping) and "shared_with" in node:
        return _parse_shared(node, param, sources, where)
    if isinstance(node, Mapping) and node:
        kind = next((kind for kind in _KEY_KINDS if set(node) <= kind), None)
        if kind is None:
            raise PolicyDataError(f"{where}: 键 {sorted(map(str, node))} 不是同一类（人员类别/病种/医院等级）")
        return {key: _parse_param(child, param, sources, f"{where} / {key}") for key, child in node.items()}
    raise PolicyDataError(f"{where}: 应为 {{value: …}}、分段列表或按类别的表")


def _parse_figure(node: Mapping, param: str, sources: Mapping, where: str) -> Figure:
    _require_keys(node, {"value", "source", "assumed", "note", "per_disease"}, where, mandatory={"value"})
    value = node["value"]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PolicyDataError(f"{where}: value 应为数字")
    value = Decimal(value)
    if value < 0 or (param in RATIO_PARAMS and value > 1) or (param in COUNT_PARAMS and value < 1):
        raise PolicyDataError(f"{where}: 数值 {value} 超出范围")
    source = _source(node, sources, where) if "source" in node else None
    assumed = node.get("assumed", False)
    if assumed is not True and "assumed" in node:
        raise PolicyDataError(f"{where}: assumed 只能写 true")
    note = node.get("note")
    if assumed and not (isinstance(note, str) and note.strip()):
        raise PolicyDataError(f"{where}: 估算值（assumed: true）必须写 note")
    if source is None and not assumed:
        raise PolicyDataError(f"{where}: 每个数字都要有 source，或标明 assumed: true 并写 note")
    per_disease = node.get("per_disease", False)
    if per_disease is not False and (per_disease is not True or param != "annual_cap"):
        raise PolicyDataError(f"{where}: per_disease 只能写 true，且只用于 annual_cap")
    return Figure(value=value, source=source, assumed=bool(assumed), note=note, per_disease=per_disease)


def _parse_schedule(node: list, sources: Mapping, where: str) -> Schedule:
    segments: list[Segment] = []
    for index, item in enumerate(node):
        at = f"{where} / 第{index + 1}段"
        last = index == len(node) - 1
        keys = {"ratio"} if last else {"ratio", "up_to"}
        _require_keys(item, keys, at, mandatory=keys)
        up_to = None if last else _parse_figure(item["up_to"], "up_to", sources, at)
        previous = segments[-1].up_to if segments else None
        if up_to is not None and previous is not None and up_to.value <= previous.value:
            raise PolicyDataError(f"{at}: up_to 须逐段增大")
        segments.append(Segment(up_to=up_to, ratio=_parse_figure(item["ratio"], "ratio", sources, at)))
    if not segments:
        raise PolicyDataError(f"{where}: 分段列表为空")
    return tuple(segments)


def _parse_shared(node: Mapping, param: str, sources: Mapping, where: str) -> SharedCap:
    _require_keys(node, {"shared_with", "source"}, where, mandatory={"shared_with", "source"})
    if param != "annual_cap" or node["shared_with"] not in CARE_SECTIONS:
        raise PolicyDataError(f"{where}: shared_with 只用于 annual_cap，值为 {CARE_SECTIONS} 之一")
    return SharedCap(care=node["shared_with"], source=_source(node, sources, where))


def _source(node: Mapping, sources: Mapping, where: str) -> Source:
    if node["source"] not in sources:
        raise PolicyDataError(f"{where}: source {node['source']!r} 不在 sources 列表中")
    return sources[node["source"]]


def _require_keys(node: Any, allowed: set[str], where: str, mandatory: Set[str] = frozenset()) -> None:
    """`node` is a mapping with keys only from `allowed` and all of `mandatory`."""
    if not isinstance(node, Mapping):
        raise PolicyDataError(f"{where}: 应为键值表")
    unknown = set(node) - set(allowed)
    if unknown:
        raise PolicyDataError(f"{where}: 未知的键 {sorted(map(str, unknown))}")
    missing = sorted(set(mandatory) - set(node))
    if missing:
        raise PolicyDataError(f"{where}: 缺少 {missing}")
