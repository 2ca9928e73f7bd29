#!/usr/bin/env bash
# Installs what the end-to-end and interoperability tests need beyond Java and Maven:
#  - from Debian's packages: Python's `websockets` for the system interpreter
#    (/usr/bin/python3), and Chromium (/usr/bin/chromium) with fonts for the browser tests;
#  - from npm, into tck-tests/node/node_modules (versions pinned by the committed
#    package-lock.json): `ws` and `playwright-core` (which drives Debian's Chromium; it never
#    downloads a browser of its own).
# Idempotent and quiet: does nothing when everything is already there. Run by the tck-tests
# module before its tests (as root, or through `sudo -n`).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE_DIR="$ROOT/tck-tests/node"

log() { echo "install-test-deps: $*" >&2; }

# ---------------------------------------------------------------- Debian packages
packages=()
/usr/bin/python3 -c 'import websockets' 2>/dev/null || packages+=(python3-websockets)
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-liberation fonts-dejavu-core)

if [ "${#packages[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo -n"
    else
      log "${packages[*]} missing and this user cannot install packages"
      exit 1
    fi
  fi
  log "installing ${packages[*]} (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1 \
    || $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  /usr/bin/python3 -c 'import websockets; print("install-test-deps: websockets", websockets.__version__)' >&2
  [ -x /usr/bin/chromium ] && log "$(/usr/bin/chromium --version 2>/dev/null | head -1)"
fi

# ---------------------------------------------------------------- npm packages
if ! command -v npm >/dev/null 2>&1; then
  log "npm is missing: the Node and browser interoperability tests need Node.js 18+ with npm"
  exit 1
fi
stamp="$NODE_DIR/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$NODE_DIR/package-lock.json" -nt "$stamp" ] \
   || [ ! -d "$NODE_DIR/node_modules/ws" ] || [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
  log "installing ws and playwright-core (npm ci in tck-tests/node)"
  # playwright-core has no install script; the variable only makes sure nothing fetches a browser.
  (cd "$NODE_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
