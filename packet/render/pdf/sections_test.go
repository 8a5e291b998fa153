package pdf

import (
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/exhibit"
)

// TestMessagesComplete: every word of the packet PDF is in both languages.
func TestMessagesComplete(t *testing.T) { i18n.CheckComplete(t, messages) }

// TestExhibitCounts: the cover's counts agree in number ("1 trademark
// certificate", "2 authorizations").
func TestExhibitCounts(t *testing.T) {
	tests := []struct {
		lang   i18n.Lang
		counts map[exhibit.Kind]int
		want   string
	}{
		{i18n.English, map[exhibit.Kind]int{exhibit.Listing: 6, exhibit.Photo: 1, exhibit.Trademark: 1, exhibit.Authorization: 2, exhibit.Document: 1},
			"6 listing pictures (L), 1 original photo (P), 1 trademark certificate (T), 2 authorizations (A), 1 other document (D)"},
		{i18n.English, map[exhibit.Kind]int{exhibit.Listing: 1, exhibit.Photo: 3, exhibit.Authorization: 1},
			"1 listing picture (L), 3 original photos (P), 0 trademark certificates (T), 1 authorization (A), 0 other documents (D)"},
		{i18n.Chinese, map[exhibit.Kind]int{exhibit.Listing: 1, exhibit.Photo: 3, exhibit.Authorization: 1},
			"商品图片 1 张 (L)，原始照片 3 张 (P)，商标注册证 0 份 (T)，授权书 1 份 (A)，其他文件 0 份 (D)"},
	}
	for _, tt := range tests {
		d := &doc{lang: tt.lang}
		if got := d.exhibitCounts(func(k exhibit.Kind) int { return tt.counts[k] }); got != tt.want {
			t.Errorf("exhibitCounts(%v) = %q, want %q", tt.counts, got, tt.want)
		}
	}
}
