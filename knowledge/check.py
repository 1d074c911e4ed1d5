"""`python -m knowledge.check`: the operators' check of knowledge/ after an edit, in seconds, before training.

Every YAML file is read strictly (UTF-8, no key given twice: a second `居民医保:` would silently replace
the first), then loaded by the code that uses it (topics, questions not known, reimbursement parameters
of every region, the vocabularies) and the names one file gives another are looked up. Each problem is
one line naming the file, in words, no traceback; the exit status is 1 when there is any. `make validate`
(and so `make train`, `make run`, `make test`) runs it first.
"""
from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from knowledge.cost.engine import estimate
from knowledge.cost.errors import EstimateError
from knowledge.cost.glossary import GlossaryDataError, glossary
from knowledge.cost.params import PolicyDataError, RegionPolicy, load_region
from knowledge.cost.request import EstimateInput
from knowledge.faq.model import FaqDataError, load_knowledge_base
from knowledge.faq.unknown import load_unknown_subjects
from knowledge.reading.terms import TermsDataError, shipped_terms
from knowledge.reading.vocabulary import read
from knowledge.shared_facts import CARE_KINDS, DISEASES, GROUPS, LEVELS, REGIONS, SCHEMES, STATUSES

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
_SWEEP_TOTAL = Decimal(200000)  # large enough to reach every segment, cap and 大病 step
_SWEEP_SHOWN = 5


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader refusing a key given twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError(problem=f"“{key}” 写了两次（后一个会覆盖前一个）", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def yaml_problem(path: Path) -> str | None:
    """What is wrong with the file as YAML, in words, or None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return "不是 UTF-8 编码：请用 UTF-8 另存（记事本“另存为”里选 UTF-8）"
    try:
        yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark else ""
        lines = text.splitlines()
        # the parser may stop a line after the cause (a full-width colon is found missing on the next line)
        near = lines[max(mark.line - 1, 0):mark.line + 1] if mark else []
        return where + (error.problem or "格式有误") + _hint(near)
    except yaml.YAMLError as error:
        return f"格式有误：{error}"
    return None


def _hint(lines: list[str]) -> str:
    if any("\t" in line for line in lines):
        return "（这里有 Tab：请改用空格缩进）"
    if any("：" in line and ":" not in line for line in lines):
        return "（这里用了中文冒号“：”：键后面要用英文冒号“:”）"
    return ""


def yaml_files() -> Iterator[Path]:
    """The data operators edit: knowledge/, bot/, nlu/ and the gateway's texts (not what is generated)."""
    for folder in (ROOT, REPO / "bot", REPO / "nlu", REPO / "server" / "data"):
        for path in sorted(folder.rglob("*.y*ml")):
            if "generated" not in path.parts:
                yield path


def _loads(check: Callable[[], Any], errors: tuple[type[Exception], ...], where: str) -> list[str]:
    try:
        check()
    except errors as error:
        return [f"{where}: {error}"]
    return []


def problems() -> list[str]:
    found = [f"{path.relative_to(REPO)}: {problem}" for path in yaml_files() if (problem := yaml_problem(path))]
    if found:
        return found  # the loaders below would only repeat them as tracebacks
    found += _loads(load_knowledge_base, (FaqDataError,), "knowledge/faq/topics")
    if found:
        return found
    found += _loads(load_unknown_subjects, (FaqDataError,), "knowledge/faq/out_of_knowledge.yml")
    for region in REGIONS:
        where = f"knowledge/cost/policy/{region}.yml"
        loaded = _loads(partial(load_region, region), (PolicyDataError,), where)
        found += loaded or [f"{where}: {problem}" for problem in missing_figures(load_region(region))]
    found += _loads(shipped_terms, (TermsDataError,), "knowledge/reading/lexicon/terms.yml")
    found += _loads(glossary, (GlossaryDataError,), "knowledge/cost/glossary.yml")
    found += _references()
    return found


def missing_figures(table: RegionPolicy | None) -> list[str]:
    """A table that loads can still miss a figure one estimate needs (a ratio given, its 起付线 not): every
    kind of bill is estimated at each version's first day; a figure missing is named (the first few) rather
    than met by a citizen as a failed answer. A benefit not given for someone (NotCovered) is no problem."""
    if table is None:
        return []
    missing: list[str] = []
    bills = itertools.product(SCHEMES, (None, *STATUSES), CARE_KINDS, (None, *LEVELS), (None, *DISEASES), (None, *GROUPS),
                              (False, True))
    for version, (scheme, status, care, level, disease, group, offsite) in itertools.product(table.versions, bills):
        bill = EstimateInput(region=table.region, scheme=scheme, status=status, care=care, level=level, total=_SWEEP_TOTAL,
                             disease=disease, group=group, offsite=offsite, care_date=version.effective_from)
        try:
            estimate(bill, table)
        except EstimateError:
            continue  # the bill's own problem (a fact missing, a benefit not given): the dialogue's to say
        except PolicyDataError as problem:
            if str(problem) not in missing:
                missing.append(str(problem))
            if len(missing) == _SWEEP_SHOWN:
                break
    return missing


def _references() -> list[str]:
    """Topic ids one file names for another."""
    topics = set(load_knowledge_base().topics)
    found = []
    helping = read("follow_up").get("helps_doing_it")
    if helping not in topics:
        found.append(f"knowledge/reading/lexicon/follow_up.yml: helps_doing_it 写的话题“{helping}”不存在")
    with (ROOT / "cost" / "topic_facts.yml").open(encoding="utf-8") as handle:
        implied = yaml.safe_load(handle) or {}
    found += [f"knowledge/cost/topic_facts.yml: 话题“{topic}”不存在" for topic in implied if topic not in topics]
    return found


def report(found: list[str], passed: str) -> int:
    """Each problem on a line of its own (stderr), then the verdict; the exit status."""
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"内容检查未通过：{len(found)} 处问题（见上）。改好后再运行 make check。", file=sys.stderr)
        return 1
    print(passed)
    return 0


if __name__ == "__main__":
    sys.exit(report(problems(), "内容检查通过"))
