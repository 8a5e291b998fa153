package pdf

import (
	"strings"
	"testing"

	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/plan"
)

// TestEveryLineStaysOnItsPage draws whole packets (cover, statement,
// index, listing and photo pages, appendix) and checks that every line of
// text lies within the page's margins: nothing is cut at the edge. Over
// the plain case, one with long names, titles and file paths, and one in
// Chinese. Long paths break after a separator, never mid-word.
func TestEveryLineStaysOnItsPage(t *testing.T) {
	longPath := "originals/2023-10-14 studio shoot for the listing/IMG_20231014_094112_edited_final_version_for_upload.png"
	tests := []struct {
		name   string
		mutate func(p *plan.Plan)
	}{
		{"plain", func(p *plan.Plan) {}},
		{"long names", func(p *plan.Plan) {
			m := p.Manifest
			m.Seller.LegalName = "Shenzhen Lumen Home Goods and International Cross-Border Electronic Commerce Trading Company Limited"
			m.Listings[0].Title = strings.Repeat("BARTECH wireless earbuds with charging case, noise cancelling, ", 4)
			m.Listings[0].ID = "1005006543210987654321"
			p.Exhibit("P-1").Files[0].Path.Rel = longPath
			p.Exhibit("P-1").Files[0].Path.Raw = longPath
			p.Exhibit("P-2").Title = strings.Repeat("A very long description of a photo ", 8)
			p.Content.Findings = finding.List{{Code: "PHOTO_NOT_ORIGINAL", Severity: finding.Error, Exhibit: "P-2",
				Message: "photos[1] " + longPath + " is not the camera's original file: " + strings.Repeat("its pixels differ from the EXIF size; ", 5)}}
		}},
		{"Chinese", func(p *plan.Plan) {
			m := p.Manifest
			m.Case.Language = "zh"
			m.Seller.LegalName = "深圳市流明家居用品有限公司"
			m.Listings[0].Title = "BARTECH 无线蓝牙耳机 带充电仓 主动降噪 超长续航 " + strings.Repeat("高品质", 12)
			p.Content.Statement = strings.Repeat("我们是该商品图片的原创者，所有照片均由我们自己的相机拍摄，拍摄时间早于商品上架时间。", 6)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var drawn []drawnLine
			path, _ := listingPacketDrawn(t, func(p *plan.Plan) []exhibit.Origin {
				tt.mutate(p)
				return nil
			}, &drawn, nil)
			if path == "" || len(drawn) < 20 {
				t.Fatalf("only %d lines drawn", len(drawn))
			}
			const eps = 0.05
			for _, l := range drawn {
				if l.x < marginX-eps || l.x+l.w > pageW-marginX+eps || l.y < 0 || l.y+l.h > pageH+eps {
					t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f mm leaves the page's text area (%.0f–%.0f mm)",
						l.page, l.text, l.x, l.x+l.w, l.y, l.y+l.h, marginX, pageW-marginX)
				}
			}
			if tt.name == "long names" {
				for _, l := range drawn {
					if strings.Contains(longPath, l.text) && len(l.text) > 8 && !strings.HasPrefix(longPath, l.text) {
						// a continuation line of the path: it starts after a separator
						i := strings.Index(longPath, l.text)
						if c := longPath[i-1]; !strings.ContainsRune("/\\_-. ", rune(c)) {
							t.Errorf("the path breaks mid-word before %q (after %q)", l.text, longPath[:i])
						}
					}
				}
			}
		})
	}
}
