package pdf

import (
	"testing"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
)

// TestSignatureText: an exhibit page says of a paper's signature only what
// was checked: a signature that could not be read is not called false, and
// a Chinese page words the kind of signature in Chinese.
func TestSignatureText(t *testing.T) {
	at := time.Date(2019, 9, 27, 11, 54, 0, 0, time.UTC)
	sig := func(edit func(*evidence.PaperSignature)) evidence.PaperSignature {
		s := evidence.PaperSignature{Signer: "John Doe", Declared: at, Kind: "signature"}
		edit(&s)
		return s
	}
	for _, tt := range []struct {
		name string
		lang i18n.Lang
		sig  evidence.PaperSignature
		want string
	}{
		{"whole", i18n.English, sig(func(s *evidence.PaperSignature) { s.Verifies, s.WholeFile = true, true }),
			"Signature by John Doe, 2019-09-27 11:54 UTC (the time the signer's computer declared); it verifies and covers the whole file."},
		{"changed", i18n.English, sig(func(s *evidence.PaperSignature) { s.Verifies = true }),
			"Signature by John Doe, 2019-09-27 11:54 UTC (the time the signer's computer declared); it verifies, but the file was changed after signing (the signature covers an earlier version)."},
		{"false", i18n.English, sig(func(s *evidence.PaperSignature) { s.Problem = "cms: the signed content was changed" }),
			"Signature by John Doe, 2019-09-27 11:54 UTC (the time the signer's computer declared); it does not verify: cms: the signed content was changed."},
		{"not read", i18n.English, sig(func(s *evidence.PaperSignature) { s.Problem, s.Unchecked = "cms: malformed SignedData", true }),
			"Signature by John Doe, 2019-09-27 11:54 UTC (the time the signer's computer declared); this program did not check it: cms: malformed SignedData."},
		{"timestamp", i18n.English, sig(func(s *evidence.PaperSignature) {
			s.Kind, s.Signer, s.Declared, s.Problem, s.Unchecked = "document timestamp", "", time.Time{}, "document timestamps are not checked", true
		}), "Document timestamp by an unnamed signer; this program did not check it: document timestamps are not checked."},
		{"self-signed", i18n.English, sig(func(s *evidence.PaperSignature) { s.Verifies, s.WholeFile, s.SelfSigned = true, true, true }),
			"Signature by John Doe, 2019-09-27 11:54 UTC (the time the signer's computer declared); it verifies and covers the whole file. Its certificate is self-signed: nobody but the signer vouches for the name in it."},
		{"Chinese", i18n.Chinese, sig(func(s *evidence.PaperSignature) { s.Verifies, s.WholeFile = true, true }),
			"John Doe 的签名，2019-09-27 11:54 UTC（签名人计算机声明的时间）；验证通过，且覆盖整个文件。"},
	} {
		d := &doc{lang: tt.lang}
		want := d.t("sig.copy", tt.want)
		if got := d.signatureText(tt.sig); got != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, want)
		}
	}
}
