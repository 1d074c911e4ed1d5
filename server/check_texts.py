"""`python -m server.check_texts`: the gateway's texts (server/data/human_service.yml) against what its code
passes them, one line per problem and no traceback (run by `make check` after knowledge.check)."""
import sys

from server.data_files import load_yaml
from server.human_texts import check_texts


def main() -> int:
    problems = check_texts(load_yaml("human_service.yml")["texts"])
    for problem in problems:
        print(f"server/data/human_service.yml: {problem}", file=sys.stderr)
    if problems:
        print(f"内容检查未通过：{len(problems)} 处问题（见上）。", file=sys.stderr)
        return 1
    print("网关话术检查通过")
    return 0


if __name__ == "__main__":
    sys.exit(main())
