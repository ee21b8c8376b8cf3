#!/usr/bin/env bash
# Builds the Windows program and its installer on Debian/Ubuntu, in one command:
#   bash packaging/windows/build.sh
# -> target/x86_64-pc-windows-gnu/release/zhurnal.exe and target/windows/zhurnal-setup-<version>.exe
# Installs what it needs: Debian's mingw-w64 and nsis, and the Rust target x86_64-pc-windows-gnu.
# With Wine present (apt-get install wine64), it also smoke-tests `zhurnal.exe --version`.
set -euo pipefail
cd "$(dirname "$0")/../.."
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
need=()
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64)
command -v makensis >/dev/null 2>&1 || need+=(nsis)
if [ ${#need[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
rustup target add x86_64-pc-windows-gnu >/dev/null
cargo build --release --target x86_64-pc-windows-gnu
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
mkdir -p target/windows
(cd packaging/windows && makensis -V2 -DVERSION="$version" zhurnal.nsi)
ls -la target/x86_64-pc-windows-gnu/release/zhurnal.exe "target/windows/zhurnal-setup-$version.exe"
if command -v wine >/dev/null 2>&1; then
  WINEDEBUG=-all wine target/x86_64-pc-windows-gnu/release/zhurnal.exe --version
fi
