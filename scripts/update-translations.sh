#!/usr/bin/env bash
# Refresh the translation sources from the code and compile them:
#   1. pyside6-lupdate scans widgets/ and app/ for self.tr(...) / QCoreApplication.translate(...)
#      and merges new or changed strings into resources/i18n/till_loyalty_{ru,be,en}.ts
#      (existing translations are kept; strings no longer in the code are dropped);
#   2. translate what is new (Qt Linguist: .venv/bin/pyside6-linguist resources/i18n/*.ts);
#   3. pyside6-lrelease compiles every .ts into the .qm the application loads.
# Run it again after translating. Commit both the .ts and the .qm files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="${VENV_BIN:-$root/.venv/bin}"
languages=(ru be en)
ts_files=()
for lang in "${languages[@]}"; do
  ts_files+=("resources/i18n/till_loyalty_${lang}.ts")
done
"$bin/pyside6-lupdate" -extensions py -no-obsolete -locations relative widgets app -ts "${ts_files[@]}"
for ts in "${ts_files[@]}"; do
  "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
