#!/usr/bin/env bash
# Builds the Debian package (Debian, Ubuntu, Astra Linux): target/debian/zhurnal_<version>_amd64.deb
# (in $CARGO_TARGET_DIR when set)
# with the binary, the .desktop entry (Russian and English), icons, AppStream metainfo and the man
# page. Installs cargo-deb from crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
. packaging/need-rust.sh
need_rust .
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --quiet
fi
cargo deb --quiet "$@"
ls -la "${CARGO_TARGET_DIR:-target}"/debian/*.deb
