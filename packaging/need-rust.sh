# Sourced by the build scripts: stops with a clear message unless cargo is there and at least the
# Rust version Cargo.toml names (`rust-version`). Debian 12's `apt-get install cargo` is Rust 1.63,
# far too old for this project's dependencies: install Rust with rustup instead.
need_rust() {
  local root=$1 want have
  want=$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' "$root/Cargo.toml" | head -1)
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Zhurnal is built with Rust $want or newer, and cargo was not found." >&2
    echo "Install Rust with rustup (https://rustup.rs), then run this again." >&2
    echo "(Debian 12's apt-get install cargo gives Rust 1.63, which is too old.)" >&2
    exit 1
  fi
  have=$(cargo --version | sed -n 's/^cargo \([0-9][0-9.]*\).*/\1/p')
  if [ -z "$have" ] || [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1)" != "$want" ]; then
    echo "Zhurnal is built with Rust $want or newer; this cargo is ${have:-of an unknown version} ($(command -v cargo))." >&2
    echo "Install a current Rust with rustup (https://rustup.rs): rustup default stable." >&2
    echo "(Debian 12's apt-get install cargo gives Rust 1.63, which is too old.)" >&2
    exit 1
  fi
}
