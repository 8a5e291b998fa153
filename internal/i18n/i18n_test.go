package i18n

import (
	"fmt"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		err  bool
	}{
		{"en", English, false},
		{"zh", Chinese, false},
		{"zh-CN", Chinese, false},
		{"zh_CN.UTF-8", Chinese, false},
		{"ZH_tw", Chinese, false},
		{"en_US.UTF-8", English, false},
		{"C", English, false},
		{"C.UTF-8", English, false},
		{"fr_FR.UTF-8", English, true},
		{"", English, true},
	} {
		got, err := Parse(tc.in)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("Parse(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, English},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Chinese},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, English},
		{map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB.UTF-8"}, Chinese},
		{map[string]string{"APPEALPACKET_LANG": "zh", "LC_ALL": "C"}, Chinese},
		{map[string]string{"LANG": "de_DE.UTF-8"}, English},
	} {
		if got := FromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("FromEnv(%v) = %v, want %v", tc.env, got, tc.want)
		}
	}
}

var testCatalog = Catalog{
	"photos": {EnOne: "%d original photo", En: "%d original photos", Zh: "%d 张原始照片"},
	"title":  {En: "Appeal evidence packet", Zh: "申诉证据材料"},
}

func TestTextAndCount(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{testCatalog.Text(English, "title"), "Appeal evidence packet"},
		{testCatalog.Text(Chinese, "title"), "申诉证据材料"},
		{testCatalog.Count(English, "photos", 1, 1), "1 original photo"},
		{testCatalog.Count(English, "photos", 3, 3), "3 original photos"},
		{testCatalog.Count(Chinese, "photos", 1, 1), "1 张原始照片"},
		{testCatalog.Text(English, "nope"), "[nope]"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestCheckComplete(t *testing.T) {
	CheckComplete(t, testCatalog)
	var r recorder
	CheckComplete(&r, Catalog{
		"missing": {En: "Only English"},
		"args":    {En: "%d photos of %s", Zh: "%d 张照片"},
		"indexed": {En: "%[1]s and %[1]s", Zh: "%[1]s"},
		"percent": {En: "100%% sure", Zh: "百分之百"},
	})
	if len(r.errs) != 2 {
		t.Errorf("CheckComplete reported %d problems, want 2 (missing, args): %q", len(r.errs), r.errs)
	}
}

func TestHasChinese(t *testing.T) {
	for s, want := range map[string]bool{"EXIF: ignored": false, "2024-03-25": false, "": false, "无法读取": true, "PNG：图片": true, "ｆｕｌｌ": false} {
		if got := HasChinese(s); got != want {
			t.Errorf("HasChinese(%q) = %v, want %v", s, got, want)
		}
	}
}
