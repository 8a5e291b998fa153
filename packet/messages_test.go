package packet

import (
	"testing"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
)

func TestMessagesComplete(t *testing.T) {
	i18n.CheckComplete(t, messages)
}

// TestNotReadyWording: the not-ready error counts its blocking issues in
// English's singular and plural and in Chinese, and names what --force
// does (build, or write the letter).
func TestNotReadyWording(t *testing.T) {
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
