#!/usr/bin/env bash
# Builds the Debian package (Debian, Ubuntu, Astra Linux): target/debian/zhurnal_<version>_amd64.deb
# (in $CARGO_TARGET_DIR when set) with the binary, the .desktop entry (Russian and English), icons,
# AppStream metainfo, the man page, the changelog and the licence texts. Installs cargo-deb from
# crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/need-rust.sh
need_rust .
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --quiet
fi
cargo deb --quiet "$@"
target=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
deb=$(ls -t "$target"/debian/zhurnal_*.deb | head -1)

# cargo-deb writes no md5sums (lintian: md5sums-missing; dpkg --verify has nothing to check):
# unpack, add DEBIAN/md5sums over every file shipped, pack again.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -R "$deb" "$tmp/root"
(cd "$tmp/root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
  xargs -0 md5sum) >"$tmp/root/DEBIAN/md5sums"
chmod 644 "$tmp/root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$tmp/root" "$deb" >/dev/null
ls -la "$deb"
