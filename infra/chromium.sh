#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/browser, driven by playwright-core): installed
# with apt-get when /usr/bin/chromium is missing; never a browser download by Playwright. A
# Chinese font comes with it when the machine has none (the pages are zh-CN first, and the
# screenshots would show empty boxes). Prints the version; exits non-zero when Chromium
# cannot be installed.
set -uo pipefail

CHROMIUM=/usr/bin/chromium
log() { printf '[chromium] %s\n' "$*"; }

packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || packages+=(fonts-wqy-microhei)

if [ ${#packages[@]} -gt 0 ]; then
  log "installing ${packages[*]} with apt-get"
  SUDO=''
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO='sudo -n'; else log "not root and no sudo: cannot install chromium"; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  install() { $SUDO apt-get install -y --no-install-recommends "${packages[@]}"; }
  # The package lists may be stale or absent (slim images): update only when the install fails.
  if ! install; then
    log "apt-get install failed: apt-get update, then once more"
    $SUDO apt-get update && install
  fi
fi

if [ ! -x "$CHROMIUM" ]; then
  log "could not install chromium: $CHROMIUM is still missing"
  exit 1
fi
version=$("$CHROMIUM" --version 2>/dev/null) || { log "$CHROMIUM does not run (--version failed)"; exit 1; }
log "$version at $CHROMIUM"
