#!/bin/sh
# subset-cjk.sh writes assets/fonts/DroidSansFallback-GB2312.ttf: Droid
# Sans Fallback cut to the characters of GB 2312 (6,763 hanzi, kana,
# Greek, Cyrillic, symbols) plus CJK punctuation (U+3000-303F) and
# full-width forms (U+FF00-FFEF). Packets draw Chinese text in it first
# and fall back to the whole font for anything else; fpdf parses the cut
# font about six times faster.
#
# Needs python3 and pyftsubset (Debian: apt-get install fonttools). Run
# from the repository's root; commit the font it writes after
# `go test ./packet/render/pdf` passes (TestCommonCJKIsACutOfTheFullFont).
set -eu
full=assets/fonts/DroidSansFallbackFull.ttf
out=assets/fonts/DroidSansFallback-GB2312.ttf
unicodes=$(python3 - <<'PY'
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
chars.update(range(0x3000, 0x3040))
chars.update(range(0xFF00, 0xFFF0))
print(",".join("U+%04X" % c for c in sorted(chars)))
PY
)
pyftsubset "$full" --unicodes="$unicodes" --output-file="$out" \
	--layout-features='' --name-IDs='*' --notdef-outline --glyph-names
ls -l "$out"
