#!/usr/bin/env bash
# Starts or stops the action server, Rasa and the gateway in the background (logs and pids in var/).
#   scripts/services.sh start [action rasa gateway]   (default: all three, in that order)
#   scripts/services.sh stop [gateway rasa action]   (default: all three)
# "rasa" is RASA_PROCESSES processes (default 1): with more, rasa-0, rasa-1 … on RASA_PORT, RASA_PORT+1 …,
# sharing the tracker store; the gateway sends each conversation to one of them (RASA_URLS, sticky by
# sender); RASA_ENDPOINTS picks their endpoints (scripts/scaled.sh: PostgreSQL and Redis). A single Rasa
# instance may also be named rasa-<n>, with its own RASA_PORT; a gateway gateway-<n>, with its own
# GATEWAY_PORT.
#   scripts/services.sh urls   prints the Rasa processes' URLs (RASA_URLS)
# Settings come from the environment; the Makefile exports the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/run var/log
bin=.venv/bin
PORT_TAKEN=3

wait_for() {  # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "ERROR: $1 did not come up within $3 s; last log lines:" >&2
      tail -n 30 "var/log/$1.log" >&2 || true
      return 1
    fi
    if [ -f "var/run/$1.pid" ] && ! kill -0 "$(cat "var/run/$1.pid")" 2>/dev/null; then
      echo "ERROR: $1 exited; last log lines:" >&2
      tail -n 30 "var/log/$1.log" >&2 || true
      return 1
    fi
    sleep 1
  done
}

launch() {  # name command...
  local name=$1; shift
  "$@" >"var/log/$name.log" 2>&1 &
  echo $! >"var/run/$name.pid"
}

rasa_urls() {
  local urls="" i
  for i in $(seq 0 $((${RASA_PROCESSES:-1} - 1))); do urls+="${urls:+,}http://127.0.0.1:$((RASA_PORT + i))"; done
  echo "$urls"
}

start_rasa_processes() {  # RASA_PROCESSES of them, loading their models at the same time
  local i
  if [ "${RASA_PROCESSES:-1}" -le 1 ]; then start_one rasa; return; fi
  for i in $(seq 0 $((RASA_PROCESSES - 1))); do port_taken "rasa-$i" $((RASA_PORT + i)) && return $PORT_TAKEN; done
  for i in $(seq 0 $((RASA_PROCESSES - 1))); do RASA_PORT=$((RASA_PORT + i)) launch_rasa "rasa-$i"; done
  for i in $(seq 0 $((RASA_PROCESSES - 1))); do
    wait_for "rasa-$i" "http://127.0.0.1:$((RASA_PORT + i))/status?token=$RASA_TOKEN" 300 || return 1
    echo "started rasa-$i (log: var/log/rasa-$i.log)"
  done
}

launch_rasa() {  # name
  # python -m bot: Rasa's command line with the hot-path patches of bot/hot_path.py
  launch "$1" "$bin/python" -m bot run --model "$RASA_MODEL" --enable-api --auth-token "$RASA_TOKEN" \
    --endpoints "${RASA_ENDPOINTS:-bot/endpoints.yml}" --credentials bot/credentials.yml \
    --interface 127.0.0.1 --port "$RASA_PORT"
}

port_taken() {  # name port: something already answers there (a service left running), so a new one would
  # die at once while the old one passed its health check
  if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
    echo "ERROR: port $2 for $1 is already in use; stop what runs there first (bash scripts/services.sh stop)" >&2
    return 0
  fi
  return 1
}

start_one() {  # name: 1 when it did not come up (the caller stops what it started)
  case $1 in
    action) port_taken "$1" "$ACTION_PORT" && return $PORT_TAKEN ;;
    rasa|rasa-*) port_taken "$1" "$RASA_PORT" && return $PORT_TAKEN ;;
    gateway|gateway-*) port_taken "$1" "$GATEWAY_PORT" && return $PORT_TAKEN ;;
  esac
  case $1 in
    action)
      # Sanic keeps an idle connection 5 s, less than Rasa's kept aiohttp sessions (15 s): see bot/hot_path.py
      SANIC_KEEP_ALIVE_TIMEOUT=75 launch action "$bin/rasa" run actions --actions actions --port "$ACTION_PORT"
      wait_for action "http://127.0.0.1:$ACTION_PORT/health" 120 || return 1 ;;
    rasa|rasa-*)
      launch_rasa "$1"
      wait_for "$1" "http://127.0.0.1:$RASA_PORT/status?token=$RASA_TOKEN" 300 || return 1 ;;
    gateway|gateway-*)
      RASA_URLS=${RASA_URLS:-$(rasa_urls)} launch "$1" "$bin/python" -m server
      wait_for "$1" "http://127.0.0.1:$GATEWAY_PORT/healthz" 60 || return 1 ;;
    *) echo "unknown service: $1" >&2; return 2 ;;
  esac
  echo "started $1 (log: var/log/$1.log)"
}

stop() {  # names... (default: all, gateway first); "rasa" is every Rasa process
  local name pidfile pid names
  names=$(for name in ${*:-gateway rasa action}; do
    if [ "$name" != rasa ]; then echo "$name"; continue; fi
    for pidfile in var/run/rasa.pid var/run/rasa-*.pid; do
      if [ -f "$pidfile" ]; then basename "$pidfile" .pid; fi
    done
  done)
  for name in $names; do
    pidfile=var/run/$name.pid
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

case ${1:-} in
  start)
    shift
    services=${*:-action rasa gateway}
    # On a failure what this command started is stopped; not what runs on a port found taken (a stack
    # already running, whose pid files these are).
    started=()
    for s in $services; do
      rc=0
      if [ "$s" = rasa ]; then start_rasa_processes || rc=$?; else start_one "$s" || rc=$?; fi
      if [ $rc -ne $PORT_TAKEN ]; then started+=("$s"); fi
      if [ $rc -ne 0 ]; then
        if [ ${#started[@]} -gt 0 ]; then stop "${started[@]}"; fi
        exit 1
      fi
    done ;;
  stop) shift; stop "$@" ;;
  urls) rasa_urls ;;
  *) echo "usage: $0 start [action rasa gateway] | stop [gateway rasa action] | urls" >&2; exit 2 ;;
esac
