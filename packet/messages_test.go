package packet

import (
	"errors"
	"slices"
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/finding"
	"appealpacket/packet/sign"
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

// TestTrustInTheReadersLanguage: why a signature is trusted or not is said
// in the language of verify's lines, each reason its own words.
func TestTrustInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, time.March, 25, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		trusted bool
		trust   sign.Trust
		en, zh  string
	}{
		{true, sign.Trust{Reason: sign.ChainsToRoot, Root: "Test Root CA"}, "  trusted: chains to Test Root CA", "  可信：可追溯到受信任的根证书 Test Root CA"},
		{false, sign.Trust{Reason: sign.NotChecked}, "  NOT TRUSTED: not checked against trusted certificates (give --trust)", "  NOT TRUSTED：不可信：未对照受信任的证书检查（请用 --trust 指定）"},
		{false, sign.Trust{Reason: sign.NoChain, Err: errors.New("x509: certificate signed by unknown authority")},
			"  NOT TRUSTED: no chain to a trusted certificate: x509: certificate signed by unknown authority",
			"  NOT TRUSTED：不可信：无法追溯到受信任的证书：x509: certificate signed by unknown authority"},
		{false, sign.Trust{Reason: sign.NotValidThen, At: at, From: at.AddDate(1, 0, 0), To: at.AddDate(2, 0, 0)},
			"  NOT TRUSTED: the certificate was not valid at 2024-03-25T10:00:00Z (valid 2025-03-25 to 2026-03-25)",
			"  NOT TRUSTED：不可信：证书在 2024-03-25T10:00:00Z 时无效（有效期 2025-03-25 至 2026-03-25）"},
	} {
		p := &PartSignatures{File: "C-1-packet.pdf", Sealed: true, Report: &sign.Report{Signatures: []sign.Signature{
			{Kind: "signature", Name: "Lumen Home Store", Declared: at, Trusted: tc.trusted, Trust: tc.trust}}}}
		for lang, want := range map[i18n.Lang]string{i18n.English: tc.en, i18n.Chinese: tc.zh} {
			if lines := p.LinesIn(lang); !slices.Contains(lines, want) {
				t.Errorf("%v, %s: lines %q lack %q", tc.trust.Reason, lang, lines, want)
			}
		}
	}
}

// TestBrandsWording: the per-brand verdict counts the brands whose packet
// is ready, and the photos no brand's packet holds are named, in English
// (one photo, several) and Chinese: the words the command line and the
// check's HTML page both print.
func TestBrandsWording(t *testing.T) {
	rep := &Report{Ready: false, Brands: []BrandReport{{Brand: "BARTECH", Ready: true}, {Brand: "NOVA"}}}
	for _, tc := range []struct {
		got, want string
	}{
		{rep.BrandsVerdictIn(i18n.English), "NOT READY for build --per-brand: 1 of 2 brand packets ready"},
		{rep.BrandsVerdictIn(i18n.Chinese), "尚不能按品牌生成（NOT READY）：1 / 2 个品牌材料包已就绪"},
		{(&Report{Ready: true, Brands: []BrandReport{{Ready: true}, {Ready: true}}}).BrandsVerdictIn(i18n.English), "READY for build --per-brand: 2 of 2 brand packets ready"},
		{(&Report{Ready: true}).BrandsVerdictIn(i18n.English), ""},
		{PhotosLeftOutIn(i18n.English, []string{"originals/x.jpg"}), "1 photo is in no brand's packet (no listing picture was made from it, and it names no listing): originals/x.jpg"},
		{PhotosLeftOutIn(i18n.English, []string{"a.jpg", "b.jpg"}), "2 photos are in no brand's packet (no listing picture was made from them, and they name no listing): a.jpg, b.jpg"},
		{PhotosLeftOutIn(i18n.Chinese, []string{"originals/x.jpg"}), "1 张照片未放入任何品牌的材料包（没有商品图片由它制作，也未注明所属商品）：originals/x.jpg"},
		{PhotosLeftOutIn(i18n.English, nil), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q\nwant %q", tc.got, tc.want)
		}
	}
}
