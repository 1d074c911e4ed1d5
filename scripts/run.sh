#!/usr/bin/env bash
# `make run` (and `make run-scaled` with the argument "scaled"): start everything in the
# background, print where to go, and stop it all on Ctrl-C or when any process dies.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = scaled ]; then control=scripts/scaled.sh; else control=scripts/services.sh; fi
trap 'echo; echo "stopping..."; bash $control stop; exit 0' INT TERM
trap 'bash $control stop' EXIT
bash $control start
if [ "${1:-}" = scaled ]; then export GATEWAY_DB_URL=$(bash scripts/scaled.sh gateway-db-url); fi
agent=$(.venv/bin/python -m server.agents dev)
cat <<MSG

  医保助手 is running:
    chat widget      http://127.0.0.1:$GATEWAY_PORT/
    agent workspace  http://127.0.0.1:$GATEWAY_PORT/agent
    operator report  http://127.0.0.1:$GATEWAY_PORT/ops
    API docs         http://127.0.0.1:$GATEWAY_PORT/docs
    Rasa REST        http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook
    action server    http://127.0.0.1:$ACTION_PORT/health
  Development keys (set HOTLINE_API_KEY / HANDOFF_API_KEY to change them):
    hotline X-Api-Key: $HOTLINE_API_KEY    hand-off X-Api-Key: $HANDOFF_API_KEY
$agent
  Logs in var/log/. Press Ctrl-C to stop everything.

MSG
# Return when any of them dies, so a crash is not hidden behind the others.
while kill -0 $(cat var/run/*.pid) 2>/dev/null; do sleep 2; done
echo "a service stopped; see var/log/" >&2
