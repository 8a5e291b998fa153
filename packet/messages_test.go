package packet

import (
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

func TestMessagesComplete(t *testing.T) {
	t.Parallel()
	i18n.CheckComplete(t, messages)
}

// TestNotReadyWording: the not-ready error counts its blocking issues in
// English's singular and plural and in Chinese, and names what --force
// does (build, or write the letter).
func TestNotReadyWording(t *testing.T) {
	t.Parallel()
	errs := func(n int) finding.List {
		var l finding.List
		for range n {
			l.Add(finding.Error, "FILE_MISSING", "", "", "missing")
		}
		l.Add(finding.Warning, "PHOTO_SMALL", "", "", "small") // not counted
		return l
	}
	for _, tc := range []struct {
		err  *NotReadyError
		lang i18n.Lang
		want string
	}{
		{&NotReadyError{Findings: errs(1)}, i18n.English, "not ready: 1 blocking issue found; fix it (see `appealpacket check`) or build with --force"},
		{&NotReadyError{Findings: errs(2)}, i18n.English, "not ready: 2 blocking issues found; fix them (see `appealpacket check`) or build with --force"},
		{&NotReadyError{Findings: errs(3), Letter: true}, i18n.English, "not ready: 3 blocking issues found; fix them (see `appealpacket check`) or write the letter with --force"},
		{&NotReadyError{Findings: errs(1)}, i18n.Chinese, "尚未就绪：发现 1 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force 强制生成"},
		{&NotReadyError{Findings: errs(2), Letter: true}, i18n.Chinese, "尚未就绪：发现 2 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force 强制写出申诉信"},
		{&NotReadyError{Findings: errs(1), Brand: "NOVA"}, i18n.English, "not ready: the packet of brand NOVA has 1 blocking issue; fix it (see `appealpacket check`) or build with --force"},
		{&NotReadyError{Findings: errs(2), Brand: "NOVA"}, i18n.Chinese, "尚未就绪：品牌 NOVA 的材料包有 2 个阻断性问题；请先解决（见 `appealpacket check`），或用 --force 强制生成"},
	} {
		if got := tc.err.In(tc.lang); got != tc.want {
			t.Errorf("In(%v) = %q, want %q", tc.lang, got, tc.want)
		}
		tc.err.Lang = tc.lang
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() in %v = %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestNoBrandWording: the error of a --per-brand build whose listings name
// no trademark counts them in words, in both languages.
func TestNoBrandWording(t *testing.T) {
	t.Parallel()
	tms := []string{"TM1 (BARTECH)", "TM2 (NOVA)"}
	for _, tc := range []struct {
		listings []string
		lang     i18n.Lang
		want     string
	}{
		{[]string{"100 (case.yaml:6:5)"}, i18n.English, "--per-brand: 1 listing does not say which trademark it carries: 100 (case.yaml:6:5). Add `trademarks: [ID]` to it in case.yaml, from TM1 (BARTECH), TM2 (NOVA)"},
		{[]string{"100 (case.yaml:6:5)", "200 (case.yaml:9:5)"}, i18n.English, "--per-brand: 2 listings do not say which trademark they carry: 100 (case.yaml:6:5), 200 (case.yaml:9:5). Add to each `trademarks: [ID]` in case.yaml, from TM1 (BARTECH), TM2 (NOVA)"},
		{[]string{"100 (case.yaml:6:5)"}, i18n.Chinese, "--per-brand：1 个商品链接没有写明所用的商标：100 (case.yaml:6:5)。请在 case.yaml 中为每个链接加上 `trademarks: [ID]`，可选：TM1 (BARTECH), TM2 (NOVA)"},
	} {
		e := &NoBrandError{Listings: tc.listings, Trademarks: tms, Lang: tc.lang}
		if got := e.Error(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.lang, got, tc.want)
		}
	}
}
