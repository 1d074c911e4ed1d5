#!/usr/bin/env bash
# The scaled set-up: Redis (lock store) and PostgreSQL (tracker store) from Debian's packages,
# one action server, RASA_PROCESSES Rasa processes, and GATEWAY_PROCESSES gateways (on the ports
# after GATEWAY_PORT) routing to all of them, behind nginx on GATEWAY_PORT (scripts/nginx.sh).
#   scripts/scaled.sh start | stop
# Data and logs stay under var/ (Redis) and PG_DIR (PostgreSQL); nothing listens beyond 127.0.0.1.
# Each step is checked explicitly: bash ignores `set -e` inside functions called from `||`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var/run var/log
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
# PostgreSQL refuses to run as root and runs as its own user, which may not reach this checkout
# (a private temporary folder, say): as root its data lives under /var/tmp instead.
if [ "$(id -u)" = 0 ]; then PG_DIR=${PG_DIR:-/var/tmp/binzhou-yibao/pg-$PG_PORT}; else PG_DIR=${PG_DIR:-$PWD/var/pg}; fi

as_db_user() {  # PostgreSQL refuses to run as root: use its own system user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_packages() {
  if command -v redis-server >/dev/null && [ -x "$PG_BIN/initdb" ]; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "scaled: installing redis-server and postgresql (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "ERROR: run-scaled needs Redis and PostgreSQL: 'sudo apt-get install redis-server postgresql'." >&2
    exit 1
  fi
}

start_redis() {
  mkdir -p var/redis
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$PWD/var/redis" \
    --pidfile "$PWD/var/run/redis.pid" --logfile "$PWD/var/log/redis.log" --save "" --appendonly no \
    || return 1
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "ERROR: redis did not start (var/log/redis.log)" >&2; return 1
}

start_postgres() {
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; chmod 700 "$PG_DIR"; fi
    as_db_user "$PG_BIN/initdb" -D "$PG_DIR" -U rasa -A trust --encoding=UTF8 >var/log/postgres-init.log 2>&1 \
      || { echo "ERROR: initdb failed (var/log/postgres-init.log)" >&2; return 1; }
  fi
  as_db_user "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null \
    || { echo "ERROR: PostgreSQL did not start ($PG_DIR/server.log):" >&2; tail -n 20 "$PG_DIR/server.log" >&2; return 1; }
  local db
  for db in rasa gateway; do  # Rasa's tracker store, and the gateway's own store (migrated by the gateway)
    if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U rasa -d postgres -tAc \
         "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U rasa "$db" || return 1
    fi
  done
}

gateway_db_url() {
  echo "postgresql://rasa@127.0.0.1:$PG_PORT/gateway"
}

start_all() {
  ensure_packages || return 1
  start_redis || return 1
  start_postgres || return 1
  echo "started redis (:$REDIS_PORT) and postgresql (:$PG_PORT, data in $PG_DIR)"
  scripts/services.sh start action || return 1
  RASA_ENDPOINTS=bot/endpoints-scaled.yml scripts/services.sh start rasa || return 1  # RASA_PROCESSES of them
  local i
  # The gateways trust X-Forwarded-For from nginx (127.0.0.1) only: rate limits count real clients. Each
  # routes to every Rasa process (services.sh sets RASA_URLS).
  for i in $(seq 0 $((GATEWAY_PROCESSES - 1))); do
    GATEWAY_DB_URL=$(gateway_db_url) GATEWAY_PORT=$((GATEWAY_PORT + 1 + i)) FORWARDED_ALLOW_IPS=127.0.0.1 \
      scripts/services.sh start "gateway-$i" || return 1
  done
  scripts/nginx.sh start $(gateway_ports) || return 1
}

gateway_ports() {
  local i
  for i in $(seq 0 $((GATEWAY_PROCESSES - 1))); do echo $((GATEWAY_PORT + 1 + i)); done
}

stop_all() {
  local i
  scripts/nginx.sh stop
  scripts/services.sh stop $(for i in $(seq 0 $((GATEWAY_PROCESSES - 1))); do echo "gateway-$i"; done) rasa action
  [ -f var/run/redis.pid ] && { kill "$(cat var/run/redis.pid)" 2>/dev/null || true; rm -f var/run/redis.pid; }
  if [ -f "$PG_DIR/postmaster.pid" ]; then as_db_user "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null || true; fi
}

case ${1:-} in
  start) start_all || { stop_all; exit 1; } ;;
  stop) stop_all ;;
  urls) scripts/services.sh urls ;;
  gateway-db-url) gateway_db_url ;;
  *) echo "usage: $0 start | stop | urls | gateway-db-url" >&2; exit 2 ;;
esac
