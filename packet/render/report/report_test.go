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
		var b bytes.Buffer
		if err := WriteHTML(&b, d); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		for _, s := range tc.want {
			if !strings.Contains(page, s) {
				t.Errorf("%v: no %q in the page", tc.lang, s)
			}
		}
		body := page[strings.Index(page, "<body>"):] // the style sheet's class names aside
		for _, s := range tc.gone {
			if strings.Contains(body, s) {
				t.Errorf("%v: English %q left in the page", tc.lang, s)
			}
		}
	}
}
