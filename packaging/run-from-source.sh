#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu/Astra machine and starts Zhurnal from this source tree:
# installs the run-time libraries of the desktop window (X11/Wayland) if they are missing, builds a
# release binary (in $CARGO_TARGET_DIR when set, else target/) and starts it. Arguments are passed
# on: `--db FILE`, or a subcommand.
set -euo pipefail
cd "$(dirname "$0")/.."
# Rust from rustup: Debian 12's own cargo (1.63) is too old (need-rust.sh says so).
. packaging/need-rust.sh
need_rust .
libs=(libx11-6 libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0 libxrandr2 libwayland-client0)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${libs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cargo build --release
exec "${CARGO_TARGET_DIR:-target}/release/zhurnal" "$@"
