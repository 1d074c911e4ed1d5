"""Closed-choice slot values in free answers: each slot's words, negations, ambiguity, the lexicon."""
import pytest

from knowledge.reading.choices import (
    insured_elsewhere,
    insured_here,
    load_lexicon,
    normalize,
    parse_care,
    parse_childbirth,
    parse_disease,
    parse_filing,
    parse_group,
    parse_level,
    parse_offsite,
    parse_region,
    parse_scheme,
    parse_status,
    parse_yes_no,
)


def cases(parser, table):
    return [pytest.param(parser, text, expected, id=f"{parser.__name__}-{text}") for text, expected in table]


SCHEME = [
    ("职工", "职工"), ("上班的", "职工"), ("单位给交的", "职工"), ("城镇职工", "职工"), ("职工医保", "职工"),
    ("我是退休职工", "职工"), ("ＺＨ职工", "职工"), ("职 工", "职工"), ("职攻医保", "职工"),
    ("居民", "居民"), ("城乡居民", "居民"), ("新农合", "居民"), ("农村合作医疗", "居民"),
    ("自己交的居民医保", "居民"), ("学生", "居民"), ("老人没单位", "居民"), ("没有单位", "居民"),
    ("不是职工，是居民", "居民"), ("我是农村的", "居民"), ("俺是种地的", "居民"), ("农村户口", "居民"), ("俺一天班也没上过 一直在家种地", "居民"), ("俺没上过班", "居民"),
    ("农村的卫生室", None), ("厂里交的", "职工"), ("俺是村里给办的医保", "居民"), ("每年村里来人收钱的那种", "居民"), ("以前是合作医疗，现在是职工医保", "职工"),
    ("职工还是居民俺分不清，厂里给交的", "职工"), ("单位给交", "职工"), ("俺交的农保", "居民"), ("她那个是在农村交的", "居民"), ("俺媳妇是企业的", "职工"),
    ("不是职工", None), ("不是单位交的", None), ("职工还是居民不清楚", None), ("不知道", None), ("", None),
]
STATUS = [
    ("退休", "退休"), ("退了", "退休"), ("已经退休", "退休"), ("退休职工", "退休"), ("退休了两年", "退休"),
    ("退修了", "退休"),
    ("在职", "在职"), ("还在上班", "在职"), ("在职职工", "在职"), ("六十了还在干", "在职"), ("还干着呢", "在职"),
    ("你还在干嘛", None),
    ("没退休", "在职"), ("还没退休", "在职"), ("我没有退休", "在职"), ("没退修", "在职"), ("还没退呢", "在职"),
    ("不是退休的", None), ("快退休了", None), ("不上班了", None), ("不知道", None),
    # of two, the one said of the past gives way; alone it counts
    ("以前上班现在退了", "退休"), ("从厂里退下来的", "退休"), ("退休职工，原先在纺织厂上班", "退休"), ("原来上班", "在职"),
    # of two, the one said after a correction is meant
    ("还在上班，哦不对，前年就退休了", "退休"), ("退休……说错了，在职的", "在职"),
]
CARE = [
    ("住院", "住院"), ("住了院", "住院"), ("住院治疗", "住院"), ("刚出院", "住院"), ("在医院住了几天", "住院"),
    ("之前住院花了两万", "住院"), ("癌症门诊化疗", "门诊慢特病"), ("平常就开药不住院", "普通门诊"),
    ("门诊", "普通门诊"), ("看门诊", "普通门诊"), ("普通门诊", "普通门诊"), ("拿药看病没住院", "普通门诊"),
    ("没住院，看的门诊", "普通门诊"), ("门珍", "普通门诊"),
    ("慢病", "门诊慢特病"), ("慢特病", "门诊慢特病"), ("门诊慢性病", "门诊慢特病"), ("慢性病门诊", "门诊慢特病"),
    ("两病", "两病"), ("高血压糖尿病门诊用药", "两病"),
    ("没住院", None), ("没有去住院", None), ("住院和门诊都有", None), ("高血压", None), ("看病", None),
    ("没在医院住", None), ("有慢性病，在门诊拿药", None),
]
LEVEL = [
    ("一级", 1), ("1级", 1), ("一级医院", 1), ("乡镇卫生院", 1), ("社区卫生服务中心", 1), ("社区医院", 1),
    ("村卫生室", 1), ("社区的", 1), ("镇卫生院", 1), ("就在社区这个卫生服务中心", 1),
    ("二级", 2), ("二甲", 2), ("二乙", 2), ("２级", 2), ("县医院，二级的", 2),
    ("三级", 3), ("三甲", 3), ("三乙", 3), ("3级", 3), ("三级甲等医院", 3), ("三假医院", 3),
    ("县医院", None), ("市人民医院", None), ("中心医院", None), ("滨州医学院附属医院", None),
    ("不是三甲", None), ("二级还是三级", None), ("不知道", None),
]
GROUP = [
    ("低保", "低保"), ("低保户", "低保"), ("最低生活保障", "低保"), ("低报", "低保"),
    ("特困", "特困"), ("特困供养人员", "特困"), ("五保户", "特困"),
    ("不是低保", None), ("低保边缘", None), ("都不是", None), ("低保还是特困记不清", None),
]
DISEASE = [
    ("高血压", "高血压"), ("血压高", "高血压"), ("糖尿病", "糖尿病"), ("血糖高", "糖尿病"), ("糖尿并", "糖尿病"),
    ("高血压和糖尿病", "高血压和糖尿病"), ("高血压，还有糖尿病", "高血压和糖尿病"), ("两个都有", "高血压和糖尿病"),
    ("俺还有高血压 两个都有", "高血压和糖尿病"), ("糖尿病 哦不对 是高血压", "高血压"),
    ("没有高血压，是糖尿病", "糖尿病"),
    ("没有高血压", None), ("心脏病", None),
    # the medicine names the disease
    ("每个月买降压药", "高血压"), ("打胰岛素", "糖尿病"), ("吃二甲双胍", "糖尿病"), ("降糖药", "糖尿病"),
    ("降压药降糖药都吃", "高血压和糖尿病"),
]
TWO_DISEASE_CARE = [
    ("门诊买降压药", "两病"), ("在门诊开降糖药", "两病"), ("买胰岛素", "两病"), ("门诊看病", "普通门诊"),
    ("住院", "住院"),
]
OFFSITE = [
    ("在外地住的院", True), ("去北京看的病", True), ("在天津住院", True), ("跨省就医", True), ("去海南过冬", True),
    ("在本地住院", False), ("就在本市看的", False), ("没有 就在本县", False), ("没去外地", False), ("不用算外地 就在滨州本地", False),
    ("不是在本地住的", True), ("住院", None),
    # the stay moved back, or a 滨州 hospital named; where one is insured is no place of care
    ("那要是回到滨州住呢", False), ("俺是滨州参保的 人在青岛住院", True),
    ("滨州市人民医院能办吗", None),  # a hospital alone tells no bill (with one: test_cost_facts)
]
FILING = [
    ("备了案", True), ("已经备案了", True), ("办过备案", True), ("备案了", True),
    ("没备案", False), ("没有办理备案", False), ("忘了备案", False), ("没来得及备案", False),
    ("异地住院要备案吗", None), ("怎么备案", None), ("去哪备案", None), ("住院", None),
    ("要是不办备案就去了呢", False),
]
CHILDBIRTH = [
    ("儿媳妇在县医院剖宫产的", True), ("俺闺女生了个小子 住了五天", True), ("怀孕了 做产检", True),
    ("没生孩子 是阑尾炎", None), ("孩子发烧住院", None), ("我老伴住院了", None),
]
YES_NO = [
    ("是", True), ("是的", True), ("对", True), ("有", True), ("办了", True), ("备案了", True),
    ("嗯，办了", True), ("没问题", True), ("没错", True), ("被案了", True),
    ("不是", False), ("没有", False), ("没办", False), ("不对", False), ("还没备案", False), ("不", False),
    ("不知道", None), ("不是很清楚", None), ("有没有", None), ("是不是", None), ("对，没有", None), ("", None),
]
REGION = [
    ("滨州", "binzhou"), ("滨城区", "binzhou"), ("沾化", "binzhou"), ("邹平", "binzhou"), ("博兴", "binzhou"),
    ("惠民", "binzhou"), ("阳信", "binzhou"), ("无棣", "binzhou"), ("滨洲", "binzhou"),
    ("我在滨州医学院附属医院", "binzhou"),
    ("乌海", "wuhai"), ("内蒙古乌海", "wuhai"), ("海勃湾", "wuhai"), ("乌达", "wuhai"), ("海南区", "wuhai"),
    ("海南", None), ("有什么惠民政策", None), ("惠民保怎么买", None), ("不是滨州的", None),
    ("在乌海住院，老家滨州", None),
]


@pytest.mark.parametrize(
    ("parser", "text", "expected"),
    cases(parse_scheme, SCHEME) + cases(parse_status, STATUS) + cases(parse_care, CARE)
    + cases(parse_level, LEVEL) + cases(parse_group, GROUP) + cases(parse_disease, DISEASE)
    + cases(parse_yes_no, YES_NO) + cases(parse_region, REGION) + cases(parse_care, TWO_DISEASE_CARE)
    + cases(parse_offsite, OFFSITE) + cases(parse_filing, FILING) + cases(parse_childbirth, CHILDBIRTH),
)
def test_parse(parser, text: str, expected) -> None:
    assert parser(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("俺是在青岛交的医保 这回在滨州住院", True), ("我闺女是天津参保的", True), ("医保是外地上的医保", True),
     ("我们在沾化参保", False), ("在乌海参保的", False),  # 滨州's county; 乌海 is a region of its own
     ("我爸在北京住院了滨州参保的", False), ("我的医保", False),
     # a city's scheme or rules named: its insurance, not care there
     ("俺是德州的城乡居民医保", True), ("潍坊职工医保退休的", True), ("烟台的起付线多少", True),
     ("聊城居民医保住院", True), ("青岛的医保政策咋样", True),
     ("潍坊的医院住院能报吗", False), ("去烟台的报销比例", False), ("在聊城的住院报销", False),
     ("异地的报销政策", False), ("外省的起付线", False), ("我是德州居民", False), ("临沂职工医院", False),
     # 滨州's scheme named beside it: the asker's
     ("原先是在潍坊参的保 现在是滨州职工医保", False), ("烟台的起付线低 咱滨州的起付线多少", False)],
)
def test_insured_in_another_city(text, expected):
    assert insured_elsewhere(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [("俺是咱滨州的职工医保", True), ("在邹平参的保", True), ("我是在滨州交的医保 在济南住院", True),
     ("我是居民医保", False), ("俺闺女在德州参保", False), ("在滨州住院", False)],
)
def test_insured_here(text, expected):
    assert insured_here(text) is expected


PARSERS = {
    "scheme": parse_scheme, "status": parse_status, "care": parse_care, "level": parse_level,
    "group": parse_group, "disease": parse_disease, "yes_no": parse_yes_no, "region": parse_region,
    "offsite": parse_offsite, "filing": parse_filing, "childbirth": parse_childbirth,
}
CANONICAL = {
    "level": int,
    "yes_no": lambda value: value == "yes",
    "offsite": lambda value: value == "yes",
    "filing": lambda value: value == "yes",
    "childbirth": lambda value: True if value == "yes" else None,
}


def test_the_lexicon_has_every_slot_with_plain_string_words() -> None:
    lex = load_lexicon()
    assert set(lex) == set(PARSERS)
    for slot in lex.values():
        assert set(slot) == {"values", "exceptions"}
        for words in (*slot["values"].values(), *slot["exceptions"].values()):
            assert words and all(isinstance(w, str) and w for w in words)


@pytest.mark.parametrize("slot", sorted(PARSERS))
def test_every_value_word_reads_as_its_value(slot: str) -> None:
    # the words an operator adds are read: none is shadowed by a longer word or a typo fix
    to_canonical = CANONICAL.get(slot, str)
    for value, words in load_lexicon()[slot]["values"].items():
        for word in words:
            assert PARSERS[slot](word) == to_canonical(value), word


@pytest.mark.parametrize("slot", sorted(PARSERS))
def test_no_value_word_is_also_an_exception(slot: str) -> None:
    lex = load_lexicon()[slot]
    positive = {w for words in lex["values"].values() for w in words}
    excepted = {w for words in lex["exceptions"].values() for w in words}
    assert not positive & excepted


def test_exceptions_that_name_a_value_read_as_it() -> None:
    for slot, lex in load_lexicon().items():
        for value, words in lex["exceptions"].items():
            expected = None if value == "unknown" else CANONICAL.get(slot, str)(value)
            assert [PARSERS[slot](w) for w in words] == [expected] * len(words), slot


def test_load_lexicon_returns_a_copy() -> None:
    load_lexicon()["status"]["values"]["退休"].append("养老")
    assert "养老" not in load_lexicon()["status"]["values"]["退休"]
    assert parse_status("养老") is None


def test_slips_are_fixed_before_matching_even_when_negated() -> None:
    assert parse_status("我退修了") == "退休"
    assert parse_status("还没退修") == "在职"
    assert parse_scheme("俺是新农合") == "居民"


def test_normalize_makes_text_halfwidth_lower_case_and_spaceless() -> None:
    assert normalize("３ 级 ＡＢ") == "3级ab"
