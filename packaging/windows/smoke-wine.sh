#!/usr/bin/env bash
# Runs the Windows build of Zhurnal under Wine, as a school's Windows PC would run it:
#   bash packaging/windows/smoke-wine.sh path/to/zhurnal.exe
# demo, check, backup, archive, restore, verify and a PDF report, each of which must succeed;
# the restored journal must have the digest it had when it was backed up. Without Wine it says so
# and exits 0 (nothing was tested); with Wine, any failing command fails the script.
#
# Wine 8 (Debian 12's wine64) lacks bcryptprimitives.dll's ProcessPrng, which Rust's std calls at
# start-up, so the exe would not start at all. This script builds a stand-in DLL from
# bcryptprimitives.c (ProcessPrng answered by RtlGenRandom) with mingw-w64 and puts it beside the
# exe it runs — the exe itself is the one the installer ships, built for today's Windows API level.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exe=${1:?usage: smoke-wine.sh ZHURNAL.EXE}
[ -f "$exe" ] || { echo "smoke-wine: no such file: $exe" >&2; exit 1; }

wine=""
for w in wine wine64 /usr/lib/wine/wine64; do
  if command -v "$w" >/dev/null 2>&1; then wine=$(command -v "$w"); break; fi
done
if [ -z "$wine" ]; then
  echo "smoke-wine: SKIPPED: Wine is not installed (apt-get install wine64); the Windows build was not run"
  exit 0
fi
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || {
  echo "smoke-wine: x86_64-w64-mingw32-gcc is needed for the bcryptprimitives.dll stand-in" >&2
  exit 1
}

work=$(mktemp -d /tmp/zhurnal-wine.XXXXXX)
wineserver=$(dirname "$wine")/wineserver
command -v "$wineserver" >/dev/null 2>&1 || wineserver=wineserver
cleanup() {
  WINEPREFIX="$work/prefix" "$wineserver" -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
unset DISPLAY WAYLAND_DISPLAY
echo "smoke-wine: $("$wine" --version) in a fresh prefix"
mkdir -p "$work/bin" "$work/backups" "$work/archive"
cp "$exe" "$work/bin/zhurnal.exe"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bin/bcryptprimitives.dll" \
  "$here/bcryptprimitives.c" -ladvapi32
"$wine" wineboot --init >/dev/null 2>&1 || true

# The exe sees this machine's / as drive Z:.
win() { printf 'Z:%s' "${1//\//\\}"; }
db=$(win "$work/school.sqlite")
z() {
  echo "+ zhurnal $*"
  "$wine" "$work/bin/zhurnal.exe" "$@"
}
z --version
# A full past year, so that it can be archived.
z demo --db "$db" --students 120 --year 2024/2025
z check --db "$db"
# (Not `tee /dev/stderr`: when stderr is a log file, tee would open it anew and overwrite it.)
said=$(z check --db "$db" --digest)
echo "$said"
before=$(grep '^Digest:' <<<"$said" | tr -d '\r')
z backup --db "$db" --to "$(win "$work/backups")"
backup=$(ls "$work/backups"/*.sqlite | head -1)
ZHURNAL_PASSWORD=archivist z archive --db "$db" --user archivist --year 2024/2025 \
  --to "$(win "$work/archive")"
folder=$(ls -d "$work/archive"/*/ | head -1)
z verify "$(win "${folder%/}")"
z restore --db "$db" "$(win "$backup")"
after=$(z check --db "$db" --digest | grep '^Digest:' | tr -d '\r')
if [ "$before" != "$after" ]; then
  echo "smoke-wine: FAILED: the restored journal differs from the backed-up one" >&2
  echo "  before: $before" >&2
  echo "  after:  $after" >&2
  exit 1
fi
ZHURNAL_PASSWORD=archivist z report ledger --db "$db" --user archivist \
  -o "$(win "$work/ledger.pdf")"
if [ "$(head -c 5 "$work/ledger.pdf")" != "%PDF-" ]; then
  echo "smoke-wine: FAILED: the report is not a PDF" >&2
  exit 1
fi
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext "$work/ledger.pdf" "$work/ledger.txt"
  grep -q 'СВОДНАЯ ВЕДОМОСТЬ' "$work/ledger.txt" || {
    echo "smoke-wine: FAILED: the ledger's title is not in the PDF; its text begins:" >&2
    head -20 "$work/ledger.txt" >&2
    exit 1
  }
fi
echo "smoke-wine: the Windows build ran demo, check, backup, archive, verify, restore and a report"
