#!/usr/bin/env bash
# Builds the Windows program and its installer on Debian/Ubuntu, in one command:
#   bash packaging/windows/build.sh
# -> $T/x86_64-pc-windows-gnu/release/zhurnal.exe and $T/windows/zhurnal-setup-<version>.exe, where
# $T is $CARGO_TARGET_DIR when set, else target/.
# Installs what it needs: Debian's mingw-w64 and nsis, and the Rust target x86_64-pc-windows-gnu.
# Then, with Wine present (apt-get install wine64), runs the built exe under Wine: demo, check,
# backup, archive, verify, restore and a report (smoke-wine.sh; a failing command fails the build).
# Without Wine the smoke test is skipped with a message. ZHURNAL_NO_WINE=1 skips it too.
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/need-rust.sh
need_rust .
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
target=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
exe="$target/x86_64-pc-windows-gnu/release/zhurnal.exe"
setup="$target/windows/zhurnal-setup-$version.exe"
# The exe's icon and version information (build.rs): Explorer and the taskbar show them.
python3 packaging/windows/check-resources.py "$exe" "$version"
mkdir -p "$target/windows"
(cd packaging/windows && makensis -V2 -DVERSION="$version" -DEXE="$exe" -DOUT="$setup" zhurnal.nsi)
ls -la "$exe" "$setup"
if [ "${ZHURNAL_NO_WINE:-}" = 1 ]; then
  echo "Wine smoke test skipped (ZHURNAL_NO_WINE=1)"
else
  bash packaging/windows/smoke-wine.sh "$exe"
fi
