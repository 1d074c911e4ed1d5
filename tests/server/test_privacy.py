"""Masking of 身份证号, 手机号 and 银行卡号 in what users type: table tests, including what must stay."""
import pytest

from knowledge.reading.amounts import find_amount
from server.privacy import luhn_valid, mask_personal_numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        # 身份证号: 18 characters, with X, grouped 6-8-4, full-width, lower-case x
        ("我的身份证号是370102199001011234", "我的身份证号是[身份证号尾号1234]"),
        ("身份证37160219851231002X，帮我查一下", "身份证[身份证号尾号002X]，帮我查一下"),
        ("370102 19900101 123x", "[身份证号尾号123X]"),
        ("370102-20050229-0012", "[身份证号尾号0012]"),
        ("３７０１０２１９９００１０１１２３４", "[身份证号尾号1234]"),
        ("身份证号码：110105180001011231", "身份证号码：[身份证号尾号1231]"),
        # the check digit is not verified: a mistyped number is still someone's
        ("370102199001011235", "[身份证号尾号1235]"),
        # 15-digit first-generation cards
        ("老身份证370102900101123", "老身份证[身份证号尾号1123]"),
        # 手机号: with +86/0086/86, spaces or dashes, full-width, next to Chinese
        ("手机13812345678", "手机[手机号尾号5678]"),
        ("联系电话：+86 138 1234 5678。", "联系电话：[手机号尾号5678]。"),
        ("+86-139-8765-4321", "[手机号尾号4321]"),
        ("008615912345678", "[手机号尾号5678]"),
        ("8617712345678", "[手机号尾号5678]"),
        ("199-0000-1111", "[手机号尾号1111]"),
        ("１５０１２３４５６７８", "[手机号尾号5678]"),
        ("手机13812345678 住院花了3000元", "手机[手机号尾号5678] 住院花了3000元"),
        # 银行卡号: Luhn-valid, 16 to 19 digits, in one run or in groups of four
        ("卡号6205500000000000004", "卡号[银行卡号尾号0004]"),
        ("6250 9460 0000 0016", "[银行卡号尾号0016]"),
        ("4111-1111-1111-1111", "[银行卡号尾号1111]"),
        ("6205 5000 0000 0000 004", "[银行卡号尾号0004]"),
        ("5555555555554444和3530111333300000", "[银行卡号尾号4444]和[银行卡号尾号0000]"),
        ("退款打到６２５０９４６０００００００１６吗", "退款打到[银行卡号尾号0016]吗"),
        # several in one message
        (
            "我叫张三，身份证370102199001011234，手机13812345678，卡号6250946000000016，住院花了16000元",
            "我叫张三，身份证[身份证号尾号1234]，手机[手机号尾号5678]，卡号[银行卡号尾号0016]，住院花了16000元",
        ),
    ],
)
def test_personal_numbers_are_masked_to_their_last_four(text, expected):
    assert mask_personal_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # money
        "住院花了16000元",
        "总费用1,600,000元",
        "一共 1 600 000 元",
        "花了1.6万",
        "起付线1000元，封顶线300000元",
        # dates and times
        "20240501住的院",
        "2024-05-01到2024-05-10",
        "2024年5月1日",
        "14:30",
        # phone numbers that are not mobiles, and other ordinary numbers
        "咨询电话0543-3163123",
        "12393",
        "400-123-4567",
        "12345678901",  # 11 digits, not 1[3-9]
        "10012345678",
        "138123456789",  # 12 digits: not a mobile number
        "1381234567",  # 10 digits
        # long numbers that are not an ID or a card
        "123456789012345",  # 15 digits without a birth date
        "123456789012345678",  # 18 digits without a birth date, failing Luhn
        "4111111111111112",  # a card number failing Luhn (a typo or a serial number)
        "1234567890123456",  # Luhn-valid, but no card network starts with 1
        "1000 2000 3000 4000",  # a list of amounts
        "3000 1000 2000 4000",  # a list of round amounts that passes Luhn
        "500 3000 1000 2000 4000",
        "住院号20240501123456",
        # already masked: masking twice changes nothing
        "[身份证号尾号1234]和[手机号尾号5678]",
        "尾号1234",
        "",
    ],
)
def test_ordinary_numbers_stay(text):
    assert mask_personal_numbers(text) == text


@pytest.mark.parametrize(
    "digits, valid",
    [("4111111111111111", True), ("6205500000000000004", True), ("4111111111111112", False), ("79927398713", True),
     ("79927398710", False)],
)
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


def test_what_the_bot_reads_as_money_is_not_a_masked_number():
    # the amount reader skips numbers after 尾号: the kept digits are never taken for a cost
    masked = mask_personal_numbers("身份证370102199001011234，手机13812345678，住院报销多少")
    assert find_amount(masked) is None
    assert str(find_amount(mask_personal_numbers("手机13812345678，住院花了5000"))) == "5000"
