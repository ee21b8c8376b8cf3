#!/bin/sh
# Rebuilds ZhurnalSans-{Regular,Bold}.ttf from PT Sans (Debian: fonts-paratype; `pip install fonttools`).
# Latin + Cyrillic + the punctuation a school journal prints (№ « » — – … ё ₽ −).
# The ParaType licence forbids a modified font under the original name, so the subset is renamed.
set -e
SRC=${SRC:-/usr/share/fonts/truetype/paratype}
U="U+0020-007E,U+00A0-00FF,U+0400-045F,U+0490-0491,U+2010-2027,U+2030-203A,U+2116,U+20BD,U+2122,U+2190-2193,U+2212,U+2264-2265"
cd "$(dirname "$0")"
for pair in 55:Regular 75:Bold; do
  pyftsubset "$SRC/PTS${pair%%:*}F.ttf" --unicodes="$U" --no-hinting \
    --layout-features='kern,liga,locl,case,lnum,tnum,pnum' --output-file="ZhurnalSans-${pair##*:}.ttf"
done
python3 - <<'PY'
from fontTools.ttLib import TTFont
for style in ("Regular", "Bold"):
    path = f"ZhurnalSans-{style}.ttf"
    font = TTFont(path)
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (16, 17, 18, 21, 22):
            name.removeNames(nameID=rec.nameID)
    full = "Zhurnal Sans" + ("" if style == "Regular" else " Bold")
    for pid, eid, lid in ((3, 1, 0x409), (1, 0, 0)):
        name.setName("Zhurnal Sans", 1, pid, eid, lid)
        name.setName(style, 2, pid, eid, lid)
        name.setName(f"Zhurnal Sans {style}: subset of PT Sans (ParaType Ltd, 2009) for Zhurnal", 3, pid, eid, lid)
        name.setName(full, 4, pid, eid, lid)
        name.setName(f"ZhurnalSans-{style}", 6, pid, eid, lid)
    font.save(path)
PY
