"""`python -m server.check_texts`: the gateway's texts (server/data/human_service.yml) against what its code
passes them, one line per problem and no traceback (run by `make check` after knowledge.check)."""
import sys

from knowledge.check import report
from server.data_files import load_yaml
from server.human_texts import check_texts

if __name__ == "__main__":
    problems = check_texts(load_yaml("human_service.yml")["texts"])
    sys.exit(report([f"server/data/human_service.yml: {problem}" for problem in problems], "网关话术检查通过"))
