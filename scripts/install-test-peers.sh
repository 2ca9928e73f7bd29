#!/usr/bin/env bash
# Installs, from Debian's (or Ubuntu's) packages, the peers outside Java that some tests run against:
#  - Python 3 with `websockets` (python3-websockets),
#  - Node.js 18+ with npm (nodejs, npm): the tests then install the npm packages `ws` and `playwright-core`
#    into tck-tests/node/node_modules themselves (`npm ci`, from the committed package-lock.json),
#  - Chromium with fonts (chromium, fonts-liberation, fonts-dejavu-core), which playwright-core drives
#    (it never downloads a browser of its own),
#  - tinyproxy, an HTTP proxy the client's proxy tests start on a loopback port of their own (its system
#    service, should the init system start it, is not used).
# Needs root (or passwordless sudo). `mvn -B verify` never runs it: without these peers the tests that
# need them are skipped with one line each saying what is missing (dev.ondine.testsupport.ExternalPeers).
# .ci/run runs it before the tests, which it runs with -Dondine.requireExternalPeers=true.
# Idempotent and quiet: does nothing when everything is already there.
set -euo pipefail

log() { echo "install-test-peers: $*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    && node -e 'process.exit(parseInt(process.versions.node) >= 18 ? 0 : 1)' 2>/dev/null
}

packages=()
python3 -c 'import websockets' 2>/dev/null || /usr/bin/python3 -c 'import websockets' 2>/dev/null \
  || packages+=(python3 python3-websockets)
node_ok || packages+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || packages+=(chromium fonts-liberation fonts-dejavu-core)
command -v tinyproxy >/dev/null 2>&1 || [ -x /usr/sbin/tinyproxy ] || packages+=(tinyproxy)

if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    log "${packages[*]} missing and this user cannot install packages (needs root or passwordless sudo)"
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "${packages[*]} missing and there is no apt-get: install Python 3 with websockets, Node.js 18+ with npm, Chromium and tinyproxy by hand"
  exit 1
fi
log "installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1 \
  || $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
node_ok || log "warning: Node.js 18+ with npm still missing (this distribution's nodejs may be older)"
