"""The parameter file: every figure is cited or marked assumed, and the loader refuses bad edits."""
import copy
import datetime
import re
from decimal import Decimal

import pytest

from knowledge.cost.params import (
    MissingDimension,
    PolicyDataError,
    Selector,
    is_figure,
    load_raw,
    load_region,
    parse_region,
)
from knowledge.shared_facts import REGIONS

RAW = load_raw("binzhou")
SEED_FILE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


def walk(node, path=()):
    """(path, node) for every node below `node`."""
    yield path, node
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from walk(child, path + (key,))


def figures(raw):
    return [(path, node) for path, node in walk(raw["versions"]) if is_figure(node)]


def test_every_figure_has_a_source_or_an_assumed_flag_with_a_note():
    found = figures(RAW)
    assert len(found) > 50
    for path, figure in found:
        cited = figure.get("source") in {s["file"] for s in RAW["sources"]}
        assumed = figure.get("assumed") is True and bool(figure.get("note", "").strip())
        assert cited or assumed, path


def test_every_number_in_the_file_is_the_value_of_a_figure():
    for path, node in walk(RAW["versions"]):
        if isinstance(node, (int, Decimal)) and not isinstance(node, bool):
            assert path[-1] == "value", path


def test_sources_are_seed_files_with_titles_and_all_are_cited():
    cited = {figure["source"] for _, figure in figures(RAW) if "source" in figure}
    cited |= {node["source"] for _, node in walk(RAW["versions"]) if isinstance(node, dict) and "shared_with" in node}
    assert {s["file"] for s in RAW["sources"]} == cited
    for source in RAW["sources"]:
        assert SEED_FILE.match(source["file"]) and source["title"]


def test_assumed_notes_say_they_are_estimates():
    for path, figure in figures(RAW):
        if figure.get("assumed"):
            assert "以医保经办机构公布为准" in figure["note"], path


def test_later_version_lists_only_what_changed():
    first, second = RAW["versions"]
    assert set(second) - {"id", "name_zh", "effective_from"} == {"普通门诊"}
    assert second["effective_from"] == datetime.date(2024, 1, 1)
    assert first["effective_from"] == datetime.date(2022, 6, 1)


def test_wuhai_is_known_but_has_no_parameters():
    assert REGIONS["wuhai"] == "乌海市"
    assert load_raw("wuhai") is None and load_region("wuhai") is None


def test_lookup_prefers_the_specific_category_and_asks_for_missing_dimensions():
    version = load_region("binzhou").version_for(datetime.date(2024, 6, 1))
    retiree = Selector(scheme="职工", status="退休", level=1)
    assert version.lookup("普通门诊", "annual_cap", retiree).value == 5500  # 职工退休, not 2022's 职工
    assert version.lookup("住院", "deductible", retiree).value == 200  # shared 职工 entry
    assert version.lookup("大病保险", "ratio", Selector(scheme="居民")) is None
    with pytest.raises(MissingDimension) as missing:
        version.lookup("住院", "ratio", Selector(scheme="居民"))
    assert missing.value.dimension == "level"


def edited(path, change):
    raw = copy.deepcopy(RAW)
    node = raw
    for key in path[:-1]:
        node = node[key]
    change(node, path[-1])
    return raw


DEDUCTIBLE_L3 = ("versions", 0, "住院", "deductible", "职工", 3)
RATIO_L2 = ("versions", 0, "住院", "ratio", "居民", 2)


@pytest.mark.parametrize(
    "raw",
    [
        edited(DEDUCTIBLE_L3, lambda node, key: node[key].pop("assumed")),  # neither source nor assumed
        edited(DEDUCTIBLE_L3, lambda node, key: node[key].pop("note")),  # assumed without a note
        edited(RATIO_L2, lambda node, key: node[key].update(value=Decimal("1.5"))),  # ratio above 100%
        edited(RATIO_L2, lambda node, key: node[key].update(value=Decimal("-0.1"))),
        edited(RATIO_L2, lambda node, key: node[key].update(value="75%")),  # not a number
        edited(RATIO_L2, lambda node, key: node[key].update(source="999_0000000000000000.txt")),
        edited(RATIO_L2, lambda node, key: node[key].update(sorce="typo")),  # unknown key
        edited(("versions", 0, "住院", "ratoi"), lambda node, key: node.update({key: {}})),  # unknown parameter
        edited(("versions", 0, "住院", "ratio", "居民", 7), lambda node, key: node.update({key: node[1]})),  # level 7
        edited(("versions", 1, "effective_from"), lambda node, key: node.update({key: datetime.date(2021, 1, 1)})),
        edited(("versions", 0, "住院", "ratio", "职工在职", 3, 0, "up_to"), lambda node, key: node.pop(key)),
        edited(RATIO_L2, lambda node, key: node[key].update(per_disease=True)),  # a rate per disease means nothing
        edited(DEDUCTIBLE_L3, lambda node, key: node[key].update(per_disease="yes")),
    ],
)
def test_loader_refuses_bad_edits(raw):
    with pytest.raises(PolicyDataError):
        parse_region(raw)


def test_an_edit_to_the_data_changes_the_estimate():
    # The 800 deductible is data: set it to 1,000 and the worked check's fund becomes
    # (10,000 − 1,000) × 85% + 6,000 × 90% = 7,650 + 5,400 = 13,050.
    from knowledge.cost.engine import estimate
    from knowledge.cost.request import EstimateInput

    table = parse_region(edited(DEDUCTIBLE_L3, lambda node, key: node[key].update(value=1000)))
    inp = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000))
    assert estimate(inp, table=table).fund_pay == Decimal(13050)
