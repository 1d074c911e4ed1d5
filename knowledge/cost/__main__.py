"""Command line of the cost engine: `python -m knowledge.cost --scheme 职工 --status 退休 --care 住院 --level 3 --total 16000`."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from knowledge.cost.engine import estimate
from knowledge.cost.errors import EstimateError
from knowledge.cost.render import render_chat, render_details, render_speech
from knowledge.cost.request import EstimateInput
from knowledge.shared_facts import DEFAULT_REGION, REGIONS


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # Chinese message and exit 2, no usage dump
        self.exit(2, f"参数有误（{message}），用 --help 查看可用参数。\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="python -m knowledge.cost",
        description="医保报销费用测算 / Estimate what the insured person pays for one bill.",
    )
    add = parser.add_argument
    regions = " | ".join(f"{code}（{name}）" for code, name in REGIONS.items())
    add("--region", default=DEFAULT_REGION, help=f"地区 region: {regions}; default {DEFAULT_REGION}")
    add("--scheme", help="参保类型 scheme: 职工 (employee) | 居民 (resident)")
    add("--status", help="职工的在职/退休 status (employees only): 在职 (active) | 退休 (retired)")
    add("--care", help="就医类型 kind of care: 住院 (inpatient) | 普通门诊 (general outpatient) | "
                       "门诊慢特病 (chronic outpatient) | 两病 (resident hypertension/diabetes medicine)")
    add("--level", help="医院等级 hospital level: 1 | 2 | 3（一级/二级/三级）")
    add("--total", help="总费用（元） total cost in yuan")
    add("--policy", help="政策范围内费用（元），不填按总费用计 policy-scope part; default: the total")
    add("--admission", default="1", help="年内第几次住院（居民） which admission this year (residents), default 1")
    add("--chronic-count", default="1", help="门诊慢特病病种数（居民每个病种一份年度限额） chronic diseases, default 1")
    add("--used", default="0", help="今年统筹基金已支付（元） fund already paid this year toward the cap, default 0")
    add("--offsite", action="store_true", help="异地就医（已备案） care in another place, with 备案")
    add("--group", help="医疗救助对象 assistance group: 低保 | 特困")
    add("--disease", help="两病病种 disease for 两病: 高血压 | 糖尿病 | 高血压和糖尿病")
    add("--deductible-met", action="store_true", help="普通门诊今年已付过起付线 the annual deductible is already met")
    add("--date", help="就医日期 date of care, YYYY-MM-DD（默认今天 default today）")
    add("--speech", action="store_true", help="输出语音播报文本 print the speech rendering instead of the chat one")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        result = estimate(EstimateInput(
            region=args.region, scheme=args.scheme, status=args.status, care=args.care, level=args.level,
            total=args.total, policy=args.policy, admission=args.admission, chronic_count=args.chronic_count, used=args.used,
            offsite=args.offsite, group=args.group, disease=args.disease,
            deductible_met=args.deductible_met, care_date=args.date,
        ))
    except EstimateError as error:
        print(error.message, file=sys.stderr)
        return 2
    print(render_speech(result) if args.speech else f"{render_chat(result)}\n\n{render_details(result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
