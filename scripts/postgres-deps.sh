#!/usr/bin/env bash
# PostgreSQL for the sandbox's database tests: each test run starts a throwaway server of its own
# from these binaries (tests/pg_server.py), so nothing is configured here and no server is used.
# Installs the Debian package only when it is missing, and only where it can (Debian/Ubuntu, as root);
# elsewhere the PostgreSQL tests are skipped with the reason.
set -euo pipefail
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null && exit 0
command -v apt-get >/dev/null || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "PostgreSQL is not installed (as root: apt-get install postgresql); its tests will be skipped." >&2
  exit 0
fi
echo "Installing PostgreSQL for the sandbox's database tests (once; this takes a while) ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >/dev/null
