package packet_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"appealpacket/internal/pdftest"
	"appealpacket/internal/testlevel"
	"appealpacket/packet"
)

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(pdftest.Tool(t, "pdftotext"), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// setLanguage rewrites case.language of a copied demo case.
func setLanguage(t *testing.T, dir, lang string) {
	t.Helper()
	p := filepath.Join(dir, "case.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "language: en", "language: "+lang, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLettersInBothLanguages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{"Re: your complaint IPP-2024-0001234 on AliExpress", "camera's original files", "an unbroken chain of 2 letters from the trademark owner, Bartech Electronics (Shenzhen) Co., Ltd., to our company",
			"withdraw complaint IPP-2024-0001234", "Authorized signatory:", "Date: 2024-03-25", "(company seal)"}},
		{"zh", []string{"致深圳市星光摄影工作室", "相机原始文件", "共 2 份授权书", "撤回投诉 IPP-2024-0001234", "此致", "敬礼", "授权签字人：", "（公司盖章）"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			dir := copyDemo(t)
			setLanguage(t, dir, tt.lang)
			res, err := letterCase(context.Background(), dir, "withdrawal-request", packet.Options{OutDir: t.TempDir(), Date: demoDate})
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(res.Path) != "IPP-2024-0001234-withdrawal-request.pdf" {
				t.Errorf("letter written to %s", res.Path)
			}
			text := strings.Join(strings.Fields(pdfText(t, res.Path)), " ")
			bare := strings.Join(strings.Fields(text), "") // a Chinese line breaks anywhere
			for _, w := range tt.want {
				if !strings.Contains(text, w) && !strings.Contains(bare, strings.Join(strings.Fields(w), "")) {
					t.Errorf("letter lacks %q:\n%s", w, text)
				}
			}
			// The complainant has not seen the packet: no exhibit numbers.
			if n := regexp.MustCompile(`\b[LPTAD]-[0-9]+\b`).FindString(text); n != "" {
				t.Errorf("the letter cites exhibit %s, which its reader cannot see", n)
			}
			if strings.Contains(text, "[U+") {
				t.Errorf("letter has characters no font covers")
			}
		})
	}
}

func TestLetterDoesNotClaimABrokenChain(t *testing.T) {
	testlevel.SkipIfShort(t, "builds letters for a broken chain")
	t.Parallel()
	dir := copyDemo(t)
	p := filepath.Join(dir, "case.yaml")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "    to: 2025-05-31", "    to: 2024-01-31", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := letterCase(context.Background(), dir, "withdrawal-request", packet.Options{OutDir: out, Date: demoDate}); err == nil {
		t.Fatal("a letter was written for a case that is not ready")
	} else if _, ok := packet.IsNotReady(err); !ok {
		t.Fatalf("Letter: %v, want not ready", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
	res, err := letterCase(context.Background(), dir, "withdrawal-request", packet.Options{OutDir: out, Date: demoDate, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, res.Path); strings.Contains(text, "unbroken chain") {
		t.Errorf("the letter claims an unbroken chain although AUTH2 expired")
	}
}

func TestLetterTemplateErrorsNameFileAndLine(t *testing.T) {
	testlevel.SkipIfShort(t, "builds letters from broken templates")
	t.Parallel()
	tmpl := filepath.Join(t.TempDir(), "mine.tmpl")
	if err := os.WriteFile(tmpl, []byte("Dear {{.Case.Complainant}},\n\n{{if .Photos}}unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := letterCase(context.Background(), demo, "withdrawal-request", packet.Options{OutDir: t.TempDir(), TemplateFile: tmpl})
	if err == nil || !regexp.MustCompile(`mine\.tmpl:[34]: unexpected EOF`).MatchString(err.Error()) {
		t.Fatalf("err = %v, want it to name mine.tmpl and the line", err)
	}
	if err := os.WriteFile(tmpl, []byte("{{.Nope}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = buildCase(context.Background(), demo, packet.Options{OutDir: t.TempDir(), TemplateFile: tmpl})
	if err == nil || !strings.Contains(err.Error(), "mine.tmpl:1") || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("err = %v, want it to name mine.tmpl:1 and the field", err)
	}
	if _, err := letterCase(context.Background(), demo, "love-letter", packet.Options{OutDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "withdrawal-request") {
		t.Fatalf("unknown kind: err = %v", err)
	}
}

func TestCoverShowsStakes(t *testing.T) {
	testlevel.SkipIfShort(t, "builds letters with the stakes on the cover")
	t.Parallel()
	dir := copyDemo(t)
	p := filepath.Join(dir, "case.yaml")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "  prepared: 2024-03-25\n", "  prepared: 2024-03-25\n  penalty: {points: 12, frozen_funds: \"USD 1,200\"}\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: t.TempDir(), Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	cover, err := pdftest.PageText(pdftest.Tool(t, "pdftotext"), res.PDF, 1)
	if err != nil {
		t.Fatal(err)
	}
	cover = strings.Join(strings.Fields(cover), " ")
	for _, w := range []string{"Ready", "12 intellectual-property point(s)", "USD 1,200", "freeze the account for 7 days", "48 points close the shop", "appealed only once"} {
		if !strings.Contains(cover, w) {
			t.Errorf("cover lacks %q:\n%s", w, cover)
		}
	}
}

func execOut(name string, args ...string) (string, error) {
	b, err := exec.Command(name, args...).CombinedOutput()
	return string(b), err
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// The form text for TikTok Shop stays within its 1,800-character box, in
// English and Chinese; a statement too long for it is refused by letter
// and warned about by check.
func TestFormText(t *testing.T) {
	testlevel.SkipIfShort(t, "builds the platform form text three ways")
	t.Parallel()
	for _, lang := range []string{"en", "zh"} {
		dir := copyDemo(t)
		setLanguage(t, dir, lang)
		setPlatform(t, dir, "tiktok")
		res, err := letterCase(context.Background(), dir, "form-text", packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(res.Path)
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCount(bytes.TrimSpace(b))
		if n != res.Chars || n > 1800 || !bytes.Contains(b, []byte("IPP-2024-0001234-packet.pdf")) {
			t.Errorf("%s: %d characters (reported %d), limit 1800, naming the attachment?\n%s", lang, n, res.Chars, b)
		}
		t.Logf("%s form text, %d characters:\n%s", lang, n, b)
	}
	dir := copyDemo(t)
	setPlatform(t, dir, "tiktok")
	long := strings.Repeat("We shot every picture ourselves. ", 60) // 1,980 characters
	p := filepath.Join(dir, "case.yaml")
	y, _ := os.ReadFile(p)
	y = bytes.Replace(y, []byte("  prepared: 2024-03-25\n"), []byte("  prepared: 2024-03-25\n  statement: \""+long+"\"\n"), 1)
	if err := os.WriteFile(p, y, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := letterCase(context.Background(), dir, "form-text", packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true}); err == nil || !strings.Contains(err.Error(), "text box takes 1800") {
		t.Errorf("a form text over the limit: error %v", err)
	}
	rep, err := checkCase(context.Background(), dir, packet.Options{Date: demoDate})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Findings.Codes(), "FORM_TEXT_TOO_LONG") {
		t.Errorf("codes %v, want FORM_TEXT_TOO_LONG", rep.Findings.Codes())
	}
}

func setPlatform(t *testing.T, dir, platform string) {
	t.Helper()
	p := filepath.Join(dir, "case.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte("platform: aliexpress"), []byte("platform: "+platform), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLetterRenewal: a letter and its renewal (one grantor, one grantee)
// are one link, not "a chain of 2 letters".
func TestLetterRenewal(t *testing.T) {
	testlevel.SkipIfShort(t, "builds a renewal letter")
	t.Parallel()
	dir := copyDemo(t)
	p := filepath.Join(dir, "case.yaml")
	b, _ := os.ReadFile(p)
	text := string(b)
	for _, r := range [][2]string{
		{`    grantee: "Guangzhou Huaxin Trading Co., Ltd."`, `    grantee: "Shenzhen Lumen Home Goods Co., Ltd."`},
		{`    grantor: "Guangzhou Huaxin Trading Co., Ltd."`, `    grantor: "Bartech Electronics (Shenzhen) Co., Ltd."`},
		{"    from: 2023-01-01\n    to: 2025-12-31", "    from: 2023-01-01\n    to: 2023-12-31"},
		{"    from: 2023-06-01\n    to: 2025-05-31", "    from: 2024-01-01\n    to: 2025-12-31"},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("demo case.yaml lacks %q", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// The demo's papers name other parties and dates: not ready, forced.
	res, err := letterCase(context.Background(), dir, "withdrawal-request", packet.Options{OutDir: t.TempDir(), Date: demoDate, Force: true, OCR: "off"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(pdfText(t, res.Path)), " ")
	if !strings.Contains(got, "authorized by 2 successive letters (a letter and its renewal) from the trademark owner") || strings.Contains(got, "chain") {
		t.Errorf("letter:\n%s", got)
	}
}
