#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
set -euo pipefail
browser=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's chromium for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "ERROR: the browser tests need Chromium at $browser: run 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
  exit 1
fi
