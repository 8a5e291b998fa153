package doctext

import (
	"image"
	"image/color"
	"strings"
	"unicode"
)

// grey returns img in grey, scaled down (by whole-pixel box averaging) so
// that its long side is at most side.
func grey(img image.Image, side int) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	step := 1
	for max(w, h)/step > side {
		step++
	}
	dw, dh := max(w/step, 1), max(h/step, 1)
	out := image.NewGray(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			sum := 0
			for sy := range step {
				for sx := range step {
					c := color.GrayModel.Convert(img.At(b.Min.X+x*step+sx, b.Min.Y+y*step+sy)).(color.Gray)
					sum += int(c.Y)
				}
			}
			out.Pix[y*out.Stride+x] = uint8(sum / (step * step))
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// hanCount counts the Chinese characters of s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// isCJK reports a Chinese, Japanese or Korean character or a full-width
// or CJK punctuation mark.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// squeezeCJK drops the spaces OCR puts between CJK characters ("授权 方"),
// and between one and a bracket or colon ("电子 ( 深圳 ) 有限", "方 : X").
func squeezeCJK(l string) string {
	punct := func(r rune) bool { return strings.ContainsRune("():,;", r) }
	rs := []rune(l)
	out := rs[:0:0]
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) {
			prev, next := rs[i-1], rs[i+1]
			if isCJK(prev) && (isCJK(next) || punct(next)) || punct(prev) && isCJK(next) ||
				punct(prev) && i >= 2 && isCJK(rs[i-2]) {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}
