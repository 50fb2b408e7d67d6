#!/usr/bin/env bash
# Prints the path of a Chromium the browser tests drive with playwright-core (which downloads no browser):
# GRAFT_CHROMIUM when set, else a chromium already on PATH, else Debian's `chromium` package installed with apt-get
# when running as root on Debian (CI: `bash .ci/run` on a fresh Debian container). Exits 1 with the reason on stderr
# when no browser can be had; the tests then skip and print that reason.
set -euo pipefail

if [[ -n "${GRAFT_CHROMIUM:-}" ]]; then
  [[ -x "$GRAFT_CHROMIUM" ]] || { echo "chromium: GRAFT_CHROMIUM=$GRAFT_CHROMIUM is not an executable" >&2; exit 1; }
  echo "$GRAFT_CHROMIUM"
  exit 0
fi
find_browser() {
  local b
  for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then
      command -v "$b"
      return 0
    fi
  done
  return 1
}
if find_browser; then exit 0; fi

if [[ "$(id -u)" != 0 ]]; then
  echo "chromium: not installed, and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
if ! grep -qi '^ID=debian\|^ID_LIKE=.*debian' /etc/os-release 2>/dev/null || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed, and this is not a Debian system with apt-get to install it from" >&2
  exit 1
fi
command -v flock >/dev/null 2>&1 || { echo "chromium: flock is required (serialises concurrent installs)" >&2; exit 1; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$root/.cache/chromium"
exec 9>"$root/.cache/chromium/.lock"
flock 9
if find_browser; then exit 0; fi # installed by another process while this one waited
log="$root/.cache/chromium/apt.log"
export DEBIAN_FRONTEND=noninteractive
# the package lists are fetched only when the package is not known yet (a fresh container has none)
if ! apt-cache show chromium >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 update >"$log" 2>&1 || { echo "chromium: apt-get update failed (see $log)" >&2; exit 1; }
fi
apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium >>"$log" 2>&1 ||
  { echo "chromium: apt-get install chromium failed (see $log)" >&2; exit 1; }
find_browser || { echo "chromium: apt-get installed chromium but no chromium is on PATH" >&2; exit 1; }
