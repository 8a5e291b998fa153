package check

import (
	"testing"
	"time"

	"appealpacket/internal/i18n"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
	i18n.CheckComplete(t, fieldHelpCatalog())
}

func TestSpanPlural(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		lang i18n.Lang
		want string
	}{
		{time.Minute, i18n.English, "1 minute"},
		{5 * time.Minute, i18n.English, "5 minutes"},
		{3 * time.Hour, i18n.English, "3 hours"},
		{72 * time.Hour, i18n.English, "3 days"},
		{72 * time.Hour, i18n.Chinese, "3 天"},
		{time.Minute, i18n.Chinese, "1 分钟"},
	} {
		if got := span(Input{Lang: tc.lang}, tc.d); got != tc.want {
			t.Errorf("span(%v, %v) = %q, want %q", tc.lang, tc.d, got, tc.want)
		}
	}
}

func TestSeries(t *testing.T) {
	for _, tc := range []struct {
		lang  i18n.Lang
		items []string
		key   string
		want  string
	}{
		{i18n.English, []string{"phone"}, "list.or", "phone"},
		{i18n.English, []string{"phone", "address", "email"}, "list.or", "phone, address or email"},
		{i18n.Chinese, []string{"电话", "地址", "电子邮箱"}, "list.and", "电话、地址和电子邮箱"},
		{i18n.Chinese, nil, "list.and", ""},
	} {
		if got := series(tc.lang, tc.items, tc.key); got != tc.want {
			t.Errorf("series(%v, %q) = %q, want %q", tc.lang, tc.items, got, tc.want)
		}
	}
}
