"""knowledge/ keeps one owner per shared fact and no import cycles."""
from __future__ import annotations

import ast
from pathlib import Path

import yaml

from knowledge.cost.params import CARE_SECTIONS, DISEASE_KEYS, LEVEL_KEYS, load_region
from knowledge.faq.model import knowledge_base
from knowledge.reading import vocabulary
from knowledge.shared_facts import CARE_KINDS, DEFAULT_REGION, DISEASES, GROUPS, LEVELS, REGIONS, SCHEMES, STATUSES

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in KNOWLEDGE.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("knowledge"):
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names if alias.name.startswith("knowledge"))
        graph[_module_name(path)] = names
    return graph


def test_no_import_cycle_in_knowledge():
    graph = _imports()
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import cycle: " + " → ".join((*path, module))
        if module in done:
            return
        for target in graph.get(module, ()):
            visit(target, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_knowledge_imports_nothing_from_rasa():
    for path in KNOWLEDGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import rasa" not in text and "from rasa" not in text, path


def test_the_default_region_has_parameters_and_every_region_a_name():
    assert load_region(DEFAULT_REGION) is not None
    assert all(name.strip() for name in REGIONS.values())


def test_the_region_vocabulary_names_only_known_regions():
    assert set(vocabulary.read("region")["values"]) <= set(REGIONS)


def test_faq_topics_are_for_known_regions():
    assert {topic.region for topic in knowledge_base().topics.values()} <= set(REGIONS)


def test_vocabularies_use_the_shared_values():
    assert set(vocabulary.read("scheme")["values"]) == set(SCHEMES)
    assert set(vocabulary.read("status")["values"]) == set(STATUSES)
    assert set(vocabulary.read("care")["values"]) == set(CARE_KINDS)
    assert set(vocabulary.read("group")["values"]) == set(GROUPS)
    assert set(vocabulary.read("disease")["values"]) == set(DISEASES)
    assert {int(level) for level in vocabulary.read("level")["values"]} == set(LEVELS)


def test_the_parameter_tables_are_keyed_by_the_shared_values():
    assert CARE_SECTIONS == CARE_KINDS
    assert DISEASE_KEYS == set(DISEASES) and LEVEL_KEYS == set(LEVELS)


def test_the_rasa_domain_lists_no_region_codes():
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        domain = yaml.safe_load(path.read_text(encoding="utf-8"))
        region = (domain.get("slots") or {}).get("region")
        if region:
            assert "values" not in region, f"{path.name}: region codes belong to knowledge/shared_facts.yml"
