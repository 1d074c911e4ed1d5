"""`python -m server.agents`: agent accounts for the workspace at /agent (and the report at /ops).

  add <work_number> <name>     a new account; the password is asked twice, or read from AGENT_PASSWORD
  password <work_number>       a new password (signs the agent out everywhere)
  disable|enable <work_number>
  list
  dev                          make run: a development account when there is none (printed, kept in
                               var/dev-agent.txt); production has no default password

The database is the gateway's (GATEWAY_DB_URL or GATEWAY_DB), migrated first."""
import argparse
import getpass
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from server.accounts import Accounts, BadAccount
from server.settings import Settings
from server.store.agents import AgentStore, WorkNumberTaken
from server.store.database import open_database

DEV_WORK_NUMBER, DEV_NAME = "1000", "开发测试客服"
DEV_CREDENTIALS = Path("var/dev-agent.txt")


def _password(prompt_name: str) -> str:
    from_env = os.environ.get("AGENT_PASSWORD")
    if from_env:
        return from_env
    first = getpass.getpass(f"{prompt_name} 的密码: ")
    if getpass.getpass("再输入一次: ") != first:
        raise BadAccount("两次输入的密码不一致")
    return first


def _dev(accounts: Accounts, agents: AgentStore) -> None:
    if DEV_CREDENTIALS.exists() and agents.by_work_number(DEV_WORK_NUMBER):
        print(f"  agent workspace sign-in (development): {DEV_CREDENTIALS.read_text().strip()}")
        return
    if agents.all():
        print("  agent workspace: sign in with an account made by `make agent-add`")
        return
    password = secrets.token_urlsafe(12)
    accounts.add(DEV_WORK_NUMBER, DEV_NAME, password)
    DEV_CREDENTIALS.parent.mkdir(parents=True, exist_ok=True)
    DEV_CREDENTIALS.touch(mode=0o600)
    DEV_CREDENTIALS.write_text(f"工号 {DEV_WORK_NUMBER}  密码 {password}\n", encoding="utf-8")
    print(f"  agent workspace sign-in (development account, just made): 工号 {DEV_WORK_NUMBER}  密码 {password}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server.agents", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="a new agent account")
    add.add_argument("work_number")
    add.add_argument("name")
    for name in ("password", "disable", "enable"):
        commands.add_parser(name).add_argument("work_number")
    commands.add_parser("list")
    commands.add_parser("dev", help="a development account when there is none (make run)")
    args = parser.parse_args(argv)

    settings = Settings()
    agents = AgentStore(open_database(settings.database_url))
    accounts = Accounts(agents, timedelta(hours=settings.agent_session_hours))
    try:
        if args.command == "add":
            agent = accounts.add(args.work_number, args.name, _password(args.work_number))
            print(f"added agent {agent.work_number} ({agent.name})")
        elif args.command == "list":
            for agent in agents.all():
                print(f"{agent.work_number}\t{agent.name}\t{'disabled' if agent.disabled_at else 'active'}")
        elif args.command == "dev":
            _dev(accounts, agents)
        else:
            found = agents.by_work_number(args.work_number)
            if found is None:
                raise BadAccount(f"没有工号为 {args.work_number} 的账号")
            if args.command == "password":
                accounts.set_password(found, _password(found.work_number))
            else:
                agents.set_disabled(found.id, args.command == "disable")
            print(f"{args.command}: {found.work_number} done")
    except (BadAccount, WorkNumberTaken) as problem:
        message = f"工号 {problem} 已存在" if isinstance(problem, WorkNumberTaken) else str(problem)
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
