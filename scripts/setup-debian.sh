#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the kiosk and its tests need. Run as root (or through sudo).
#   pcscd libpcsclite-dev  PC/SC daemon and headers (the pcsclite module builds against them)
#   vsmartcard-vpcd        virtual PC/SC reader the chip simulator attaches to in peer tests
#   socat udev             serial pseudo-terminal pairs for the serial-device tests; udev for serialport listing
#   python3 make g++       node-gyp builds of native modules
#   chromium               the browser shell (`npm start` without an Electron binary) and the Playwright e2e tests
#   fonts-noto-cjk         Chinese text on the border-gate screens (DejaVu, chromium's default, has no CJK glyphs)
set -euo pipefail
packages=(pcscd libpcsclite-dev vsmartcard-vpcd socat udev python3 make g++ pkg-config chromium fonts-noto-cjk)
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-debian.sh: run as root (sudo $0) to install: ${packages[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup-debian.sh: system packages present: ${packages[*]}"
