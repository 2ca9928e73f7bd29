#!/usr/bin/env bash
# Installs what the end-to-end tests need beyond Java and Maven, from Debian's packages:
# Python's `websockets` for the system interpreter (/usr/bin/python3). Idempotent: does
# nothing when it is already there. Run by the tck-tests module before its tests.
set -euo pipefail

if /usr/bin/python3 -c 'import websockets' 2>/dev/null; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "install-test-deps: python3-websockets is missing and this user cannot install packages" >&2
    exit 1
  fi
fi

echo "install-test-deps: installing python3-websockets (Debian)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq python3-websockets >/dev/null
/usr/bin/python3 -c 'import websockets; print("install-test-deps: websockets", websockets.__version__)' >&2
