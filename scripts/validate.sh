#!/usr/bin/env bash
# `rasa data validate`, failing on any warning that bot/validate-allowlist.txt does not explain.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(.venv/bin/rasa data validate --config config.yml --domain bot/domain --data "$@" 2>&1)
status=$?
echo "$out" | grep -E "INFO +rasa.validator|ERROR" || true
# One line per warning: Rasa's warnings run over several lines, up to "More info" or the next log line.
warnings=$(echo "$out" | sed -E 's/\x1b\[[0-9;]*m//g' | awk '
  /UserWarning:/ { if (w) print w; sub(/.*UserWarning: */, ""); w = $0; next }
  /More info|INFO|^ *$/ { if (w) print w; w = ""; next }
  w { w = w " " $0 }
  END { if (w) print w }')
patterns=$(grep -v -E '^(#|$)' bot/validate-allowlist.txt)
unexplained=$(echo "$warnings" | grep -v -E -f <(echo "$patterns") | grep -v '^$' || true)
if [ $status -ne 0 ] || [ -n "$unexplained" ]; then
  echo "validation FAILED:"; echo "$unexplained"; [ $status -ne 0 ] && echo "$out" | tail -20
  exit 1
fi
echo "validation passed ($(echo "$warnings" | grep -c . ) allow-listed warnings)"
