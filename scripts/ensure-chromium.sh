#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright never downloads a browser here), with a
# CJK font so the screenshots show Chinese rather than boxes.
set -euo pipefail
browser=${CHROMIUM_PATH:-/usr/bin/chromium}
font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
[ -x "$browser" ] && [ -f "$font" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's chromium and fonts-wqy-microhei for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
else
  echo "ERROR: the browser tests need Chromium at $browser and a CJK font: run" \
       "'sudo apt-get install chromium fonts-wqy-microhei' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
