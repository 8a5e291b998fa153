package evidence

import (
	"regexp"
	"strings"
	"testing"

	"appealpacket/internal/i18n"
)

func TestSignMessagesComplete(t *testing.T) { i18n.CheckComplete(t, signs) }

// english finds an English word in a Chinese text; the names a reviewer
// reads in the file's own metadata (EXIF, XMP, JPEG, IJG, JFIF, HEIC,
// Photoshop, xmpMM:DerivedFrom) stay as they are.
var english = regexp.MustCompile(`[A-Za-z]{3,}`)

var keptNames = map[string]bool{"EXIF": true, "XMP": true, "JPEG": true, "IJG": true, "JFIF": true, "HEIC": true, "Photoshop": true, "xmpMM": true, "DerivedFrom": true}

func TestSignsInBothLanguages(t *testing.T) {
	tests := []struct {
		sign   Sign
		en, zh string
	}{
		{NewSign(SignCropped, "2566", "3313", "4032", "3024"),
			"it is 2566×3313 pixels but its EXIF says the camera wrote 4032×3024, so it was cropped after it was taken",
			"它为 2566×3313 像素，但其 EXIF 表明相机写入的是 4032×3024，所以它在拍摄后被裁剪过"},
		{NewSign(SignXMPHistoryBy, "converted", "Adobe Lightroom"),
			"its XMP editing history says it was converted by Adobe Lightroom",
			"其 XMP 编辑历史记载了 Adobe Lightroom 执行的操作“converted”"},
		{Sign{Key: SignJPEGSoftware, Args: []string{"85"}, Terms: []string{TermHuffman, TermProgressive}},
			"it is encoded as image software encodes (the standard IJG tables at quality 85 with optimised Huffman tables and progressive scans), not as a camera does",
			"它的编码方式是图像软件的（质量 85 的标准 IJG 量化表，加上优化的霍夫曼表和渐进式扫描），而不是相机的"},
		{NewSign(SignJPEGDouble, "312", "4096", "6", "4"),
			"its JPEG data was compressed twice: 312 of the 4096 coefficients examined keep the steps of an earlier compression (divisor 6, now 4), which a camera saving its photo once does not leave, so the picture was opened and saved again after it was taken",
			"其 JPEG 数据被压缩过两次：所检查的 4096 个系数中有 312 个保留着先前一次压缩的步长（除数 6，现为 4），相机只保存一次照片不会留下这种痕迹，所以图片在拍摄后被打开并重新保存过"},
	}
	for _, tt := range tests {
		if got := tt.sign.Text(i18n.English); got != tt.en {
			t.Errorf("%s in English:\n got %q\nwant %q", tt.sign.Key, got, tt.en)
		}
		if got := tt.sign.Text(i18n.Chinese); got != tt.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", tt.sign.Key, got, tt.zh)
		}
	}
	two := []Sign{NewSign(SignThumbShape), NewSign(SignJPEGPhotoshop)}
	if got := SignsText(i18n.Chinese, two); strings.Count(got, "；") != 1 || strings.Contains(got, "; ") {
		t.Errorf("two signs in Chinese: %q", got)
	}
	if got := (&Originality{Derived: true, Reasons: two}).Summary(i18n.English); got != two[0].Text(i18n.English)+"; "+two[1].Text(i18n.English) {
		t.Errorf("summary %q", got)
	}
}

// TestChineseSignsAreChinese words every message in Chinese with numeric
// arguments: no English word may remain but the metadata's own names, and
// every argument must appear.
func TestChineseSignsAreChinese(t *testing.T) {
	for key, m := range signs {
		args := make([]string, strings.Count(m.En, "%s"))
		for i := range args {
			args[i] = string(rune('1'+i)) + "0"
		}
		text := Sign{Key: key, Args: args}.Text(i18n.Chinese)
		for _, w := range english.FindAllString(text, -1) {
			if !keptNames[w] {
				t.Errorf("%s in Chinese keeps the English word %q: %s", key, w, text)
			}
		}
		for _, a := range args {
			if !strings.Contains(text, a) {
				t.Errorf("%s in Chinese drops argument %s: %s", key, a, text)
			}
		}
	}
}
