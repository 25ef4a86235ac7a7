#!/usr/bin/env bash
# Create or refresh .venv from the package registry. Re-runs pip only when setup.cfg changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.installed-from"
want="$(cat "$root/setup.cfg" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)"

bash "$root/scripts/system-deps.sh"

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "till-loyalty needs Python 3.11 or newer ($python is $("$python" --version 2>&1))." >&2
  exit 2
fi
if [[ ! -x "$venv/bin/python" ]]; then
  echo "Creating the virtual environment in .venv ..." >&2
  "$python" -m venv "$venv"
fi
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "Installing till-loyalty and its dependencies into .venv ..." >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test,postgres]"
  echo "$want" > "$stamp"
fi
