#!/usr/bin/env bash
# Shared libraries Qt needs at run time, and Xvfb for the demo on a machine with no screen.
# Installs only what is missing, and only where it can (Debian/Ubuntu, as root).
set -euo pipefail
need=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 xvfb xauth)
command -v dpkg-query >/dev/null || exit 0
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing system packages (install them as root): ${missing[*]}" >&2
  exit 0
fi
lock_wait=600  # seconds to wait for another apt/dpkg run (unattended upgrades) to let go of its lock

# apt-get "$@", waiting (and saying so) while another apt or dpkg run holds the package lock,
# instead of failing at once. The first try does not wait, so that the wait can be announced;
# the next ones let apt-get wait for the dpkg lock itself (DPkg::Lock::Timeout). apt-get does not
# wait for the lock of the package lists (`update`), so a refusal to lock is also retried here.
apt_get() {
  local err holder timeout=0 said="" deadline=$((SECONDS + lock_wait))
  until err="$(apt-get -qq -o DPkg::Lock::Timeout="$timeout" "$@" 2>&1 >/dev/null)"; do
    if ! grep -qE "Could not get lock|Unable to lock|Unable to acquire the dpkg" <<<"$err" || ((SECONDS >= deadline)); then
      printf '%s\n' "$err" >&2
      return 1
    fi
    if [[ -z $said ]]; then
      holder="$(grep -oE "held by process [0-9]+( \([^)]*\))?" <<<"$err" | head -n1 || true)"
      echo "Waiting up to $((lock_wait / 60)) minutes for another package manager run (e.g. unattended upgrades)" \
           "to release the apt/dpkg lock${holder:+, ${holder}} ..." >&2
      said=1
    else
      sleep 5
    fi
    timeout=$((deadline - SECONDS))
  done
  if [[ -n $err ]]; then printf '%s\n' "$err" >&2; fi
}

echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt_get update
apt_get install -y --no-install-recommends "${missing[@]}"
