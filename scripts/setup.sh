#!/usr/bin/env bash
# Creates .venv with Python 3.10 (Rasa 3.6 does not run on 3.11+) and installs the pinned set.
# Re-runs the install only when requirements.txt or requirements.lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local candidate
  for candidate in "${PYTHON310:-}" python3.10; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  local root
  root=$(pyenv root 2>/dev/null || echo "${PYENV_ROOT:-$HOME/.pyenv}")
  for candidate in $(ls -d "$root"/versions/3.10*/bin/python 2>/dev/null | sort -V -r); do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

stamp=.venv/.installed
want=$(cat requirements.txt requirements.lock | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

if [ ! -x .venv/bin/python ]; then
  if ! py=$(find_python310); then
    cat >&2 <<'MSG'
ERROR: Python 3.10 is required (Rasa 3.6 does not run on Python 3.11 or newer), and none was found
on PATH (python3.10) or under pyenv (~/.pyenv/versions/3.10.*).
Install one, then run the command again:
  - with pyenv:   pyenv install 3.10.13
  - on Debian/Ubuntu: apt-get install python3.10 python3.10-venv   (deadsnakes PPA on older Ubuntu)
  - or point to one: make PYTHON310=/path/to/python3.10 ...
MSG
    exit 1
  fi
  echo "setup: creating .venv with $py"
  "$py" -m venv .venv
fi

echo "setup: installing pinned dependencies (first time: a few minutes)"
pip_install() {
  # Some machines' pip config names local mirrors that do not exist: drop those warnings, keep real ones.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}
pip_install --upgrade pip==24.0
pip_install -r requirements.txt -c requirements.lock
echo "$want" > "$stamp"
echo "setup: done"
