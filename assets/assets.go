// Package assets holds the files appealpacket embeds in its binary: the
// fonts every packet is drawn with (see fonts/README.md for their licences).
package assets

import "embed"

// Fonts holds fonts/*.ttf and their licence texts.
//
//go:embed fonts
var Fonts embed.FS

// Font file names inside Fonts.
const (
	SansRegular = "fonts/NotoSans-Regular.ttf"
	SansBold    = "fonts/NotoSans-Bold.ttf"
	Mono        = "fonts/NotoMono-Regular.ttf"
	CJK         = "fonts/DroidSansFallbackFull.ttf"
	// CJKCommon is CJK cut to the characters of GB 2312 (the 6,763 hanzi
	// of everyday simplified Chinese, kana, CJK punctuation and full-width
	// forms): a quarter of its size, and about six times faster to parse
	// for every document with Chinese text (tools/fonts/subset-cjk.sh).
	CJKCommon = "fonts/DroidSansFallback-GB2312.ttf"
	Math      = "fonts/NotoSansMath-Regular.ttf"     // arrows, math signs
	Symbols   = "fonts/NotoSansSymbols2-Regular.ttf" // check marks, shapes
)
