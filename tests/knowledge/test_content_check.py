"""`make check` (knowledge/check.py): what an operator's edit breaks is said in one line naming the file."""
from knowledge.check import problems, yaml_problem


def test_the_shipped_content_passes():
    assert problems() == []


def test_a_key_written_twice_is_named_with_its_line(tmp_path):
    path = tmp_path / "terms.yml"
    path.write_text("names:\n  居民医保:\n    - 新农合\n  居民医保:\n    - 合作医疗\n", encoding="utf-8")
    problem = yaml_problem(path)
    assert problem is not None and "第 4 行" in problem and "居民医保" in problem and "写了两次" in problem


def test_a_full_width_colon_a_tab_and_another_encoding_are_said_in_words(tmp_path):
    colon = tmp_path / "a.yml"
    colon.write_text("id: x\ntitle： 家庭共济\nanswer:\n  chat: 好\n", encoding="utf-8")
    assert "中文冒号" in (yaml_problem(colon) or "")
    tab = tmp_path / "b.yml"
    tab.write_text("answer:\n\tchat: 好\n", encoding="utf-8")
    assert "Tab" in (yaml_problem(tab) or "")
    gbk = tmp_path / "c.yml"
    gbk.write_bytes("title: 家庭共济\n".encode("gbk"))
    assert "UTF-8" in (yaml_problem(gbk) or "")


def test_a_table_that_loads_but_misses_a_figure_an_estimate_needs_is_named():
    import copy

    from knowledge.check import missing_figures
    from knowledge.cost.params import load_raw, load_region, parse_region

    assert missing_figures(load_region("binzhou")) == []
    raw = copy.deepcopy(load_raw("binzhou"))
    first = raw["versions"][0]
    # an operator's new table with the inpatient ratios and nothing else (no 起付线, no cap)
    raw["versions"] = [{**{k: first[k] for k in ("id", "name_zh", "effective_from")}, "住院": {"ratio": first["住院"]["ratio"]}}]
    missing = missing_figures(parse_region(raw))
    assert missing and any("住院 / deductible" in problem for problem in missing) and len(missing) <= 5
