package report

import (
	"bytes"
	"strings"
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
}

// TestPageLanguage: the page's headings and labels follow its language;
// the findings are shown as they come.
func TestPageLanguage(t *testing.T) {
	var fs finding.List
	fs.Add(finding.Error, "FILE_MISSING", "D-1", "改正路径。", "文件不存在。")
	fs.Add(finding.Warning, "PHOTO_SMALL", "P-1", "换一张。", "照片太小。")
	fs.Add(finding.Info, "PHOTO_ONE_BODY", "", "", "同一台相机。")
	fs[0].File = "other/invoice.pdf"
	d := &Data{CaseID: "IPP-1", Findings: fs, Listings: []Listing{
		{Exhibit: "L-1", File: "listing/main.jpg", Originals: []Original{{Exhibit: "P-1", File: "originals/a.jpg", How: "matched", Distance: 12}}},
		{Exhibit: "L-2", File: "listing/b.jpg"},
	}}
	tests := []struct {
		lang       i18n.Lang
		want, gone []string
	}{
		{i18n.English, []string{`<html lang="en">`, "IPP-1: check report", "NOT READY: fix the errors", "Errors: the appeal would fail (1)", "Warnings: a reviewer may doubt (1)",
			"Notes (1)", "exhibit D-1", "file other/invoice.pdf", "<b>What to do:</b>", "Listing pictures and their originals", "matched, distance 12", "no original found"}, nil},
		{i18n.Chinese, []string{`<html lang="zh-Hans">`, "IPP-1：检查报告", "尚不能提交（NOT READY）", "错误：申诉会因此失败 (1)", "警告：审核人员可能起疑 (1)",
			"提示 (1)", "证据 D-1", "文件 other/invoice.pdf", "<b>处理办法：</b>", "商品图片及其原图", "比对相符，差异度 12", "未找到原图"},
			[]string{"check report", "what the check found", "fix the errors", "Errors", "Warnings", "Notes", "exhibit", "file ", "What to do", "Listing picture", "Original", "distance", "no original"}},
	}
	for _, tc := range tests {
		d.Lang = tc.lang
		pageHas(t, d, tc.want, tc.gone)
	}
}

// pageHas checks that the page of d has every string of want, and that its
// body (the style sheet's class names aside) has none of gone.
func pageHas(t *testing.T, d *Data, want, gone []string) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, s := range want {
		if !strings.Contains(page, s) {
			t.Errorf("%v: no %q in the page", d.Lang, s)
		}
	}
	body := page[strings.Index(page, "<body>"):]
	for _, s := range gone {
		if strings.Contains(body, s) {
			t.Errorf("%v: %q in the page", d.Lang, s)
		}
	}
	return page
}

// TestBrands: a check of each brand's packet shows a section per brand,
// with its verdict and its own findings, the verdict of the per-brand
// build and the photos no packet holds (both as the caller words them:
// package packet's TestBrandsWording), in the page's language; the case's
// findings are not shown beside them.
func TestBrands(t *testing.T) {
	var bartech, nova, whole finding.List
	nova.Add(finding.Error, "DOC_TOO_OLD", "D-1", "Get a newer invoice.", "D-1 is too old.")
	whole.Add(finding.Warning, "PACKET_SEVERAL_BRANDS", "", "Build per brand.", "Two brands in one packet.")
	d := &Data{CaseID: "IPP-1", Findings: whole, Brands: []Brand{
		{Name: "BARTECH", Files: "IPP-1-bartech", Ready: true, Findings: bartech},
		{Name: "NOVA", Files: "IPP-1-nova", Findings: nova},
	}}
	tests := []struct {
		lang             i18n.Lang
		verdict, leftOut string // as the caller words them
		want, gone       []string
	}{
		{i18n.English, "NOT READY for build --per-brand: 1 of 2 brand packets ready", "1 photo is in no brand's packet: originals/x.jpg",
			[]string{"NOT READY for build --per-brand: 1 of 2 brand packets ready", "Brand BARTECH: packet IPP-1-bartech", "Brand NOVA: packet IPP-1-nova",
				"<h3>Errors: the appeal would fail (1)</h3>", "D-1 is too old.", "1 photo is in no brand&#39;s packet: originals/x.jpg"},
			[]string{"PACKET_SEVERAL_BRANDS", "NOT READY: fix the errors"}},
		{i18n.Chinese, "尚不能按品牌生成（NOT READY）：1 / 2 个品牌材料包已就绪", "1 张照片未放入任何品牌的材料包：originals/x.jpg",
			[]string{"尚不能按品牌生成（NOT READY）：1 / 2 个品牌材料包已就绪", "品牌 NOVA：材料包 IPP-1-nova", "<h3>错误：申诉会因此失败 (1)</h3>", "1 张照片未放入任何品牌的材料包"},
			[]string{"PACKET_SEVERAL_BRANDS", "Brand ", "brand packets"}},
	}
	for _, tc := range tests {
		d.Lang, d.BrandsVerdict, d.LeftOut = tc.lang, tc.verdict, tc.leftOut
		page := pageHas(t, d, tc.want, tc.gone)
		if i, j := strings.Index(page, "BARTECH"), strings.Index(page, "NOVA"); i < 0 || j < i {
			t.Errorf("%v: brands out of order", tc.lang)
		}
	}
	// Without brands: the case's findings, and no word of brands.
	d.Brands, d.Lang, d.BrandsVerdict, d.LeftOut = nil, i18n.English, "", ""
	pageHas(t, d, []string{"PACKET_SEVERAL_BRANDS", "NOT READY: fix the errors"}, []string{"per-brand", "no brand"})
}
