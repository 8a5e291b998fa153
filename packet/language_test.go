package packet_test

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"appealpacket/internal/testlevel"

	"appealpacket/internal/pdftest"
	"appealpacket/packet"
)

const demoZh = "../testdata/demo-zh"

// bilingualWords are the English words a Chinese packet keeps on purpose:
// the English half of its bilingual labels and section titles (for a
// reviewer who reads English), proper nouns, units, and the commands of
// the hash appendix. Any other English word on a page is a label left
// untranslated.
var bilingualWords = words(`
	Cover Statement Index of exhibits Exhibits Exhibit Authorization chain Timeline Appendix file hashes
	Key evidence Case number Platform Complaint type date Complainant Seller Store Prepared on Pages
	Description File Part pages Bytes SHA-256 SHA256 Camera Body serial Lens Taken Software GPS Pixel size Listing
	ID Image-data hash Note Original Title URL Published photo Mark Office Classes Owner Filed registered
	Expires Grantor grantee Trademarks Trademark owner Valid Platforms Territories Goods May sublicense Kind
	Date name Distributor Source page Translation Digital signature Content Credentials EXIF yes no
	AliExpress Amazon CNIPA PDF XLSX JPEG
	sha256sum shasum certutil hashfile FILE Linux macOS Windows
	Canon EOS EF-S IS USM mm SerialNumber`) // the last line: the camera and lens as the photos' EXIF names them

func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range englishWord.FindAllString(s, -1) {
		out[w] = true
	}
	return out
}

// englishWord is a Latin word of two letters or more.
var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z-]*[A-Za-z]`)

// hexRun is a piece of a hash cut by pdftotext.
var hexRun = regexp.MustCompile(`^[0-9a-f]+$`)

const closingMarks, openingMarks = "，。、；：？！）」』”’》", "（「『“‘《"

// TestChineseDemoPacket builds testdata/demo-zh and reads every page back
// with pdftotext -layout: no English word is left but the bilingual
// labels, the case's own names, file names and codes (case.yaml) and, on
// the pages of a PDF exhibit, that document's own text; no line begins
// with closing punctuation nor ends with opening punctuation.
func TestChineseDemoPacket(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds the Chinese demo")
	pdftotext := pdftest.Tool(t, "pdftotext")
	res, err := buildCase(context.Background(), demoZh, packet.Options{OutDir: t.TempDir(), Date: demoDate})
	if err != nil {
		t.Fatal(err) // the Chinese demo is READY
	}
	manifest, err := os.ReadFile(filepath.Join(demoZh, "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	own := words(string(manifest))
	// The text of the case's PDF documents, shown on their exhibit pages,
	// and the names of its files.
	documents := map[string]bool{}
	err = filepath.WalkDir(demoZh, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for w := range words(d.Name()) { // file names are cited as they are
			own[w] = true
		}
		if !strings.HasSuffix(p, ".pdf") {
			return nil
		}
		out, err := exec.Command(pdftotext, p, "-").Output()
		for w := range words(string(out)) {
			documents[w] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	pdfExhibit := regexp.MustCompile(`Exhibit [TAD]-[0-9]+ ·`)
	left := map[string]int{}
	for page := 1; ; page++ {
		text, err := pdftest.PageText(pdftotext, res.PDF, page)
		if err != nil || strings.TrimSpace(text) == "" {
			if page < 10 {
				t.Fatalf("page %d: %v (%q)", page, err, text)
			}
			break
		}
		document := pdfExhibit.MatchString(text)
		for _, ln := range strings.Split(text, "\n") {
			// -layout puts table columns side by side: check each.
			for _, cell := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(ln), -1) {
				if first, _ := utf8.DecodeRuneInString(cell); strings.ContainsRune(closingMarks, first) {
					t.Errorf("page %d: a line begins with closing punctuation: %q", page, ln)
				}
				if last, _ := utf8.DecodeLastRuneInString(cell); strings.ContainsRune(openingMarks, last) {
					t.Errorf("page %d: a line ends with opening punctuation: %q", page, ln)
				}
			}
			for _, w := range englishWord.FindAllString(ln, -1) {
				if bilingualWords[w] || own[w] || hexRun.MatchString(w) || document && documents[w] {
					continue
				}
				if left[w] == 0 {
					t.Errorf("page %d: English word %q left in the Chinese packet: %q", page, w, strings.TrimSpace(ln))
				}
				left[w]++
			}
		}
	}
}

// TestOptionsLang: Options.Lang makes the English demo a Chinese packet
// for one run, whatever case.language says. (Locale names such as
// zh_CN.UTF-8 are parsed by i18n.Parse, tested in package i18n.)
func TestOptionsLang(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "builds in both languages")
	pdftotext := pdftest.Tool(t, "pdftotext")
	zh, err := buildCase(context.Background(), demo, packet.Options{OutDir: t.TempDir(), Date: demoDate, Lang: "zh"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, want string
		res        *packet.Result
	}{
		{"", "Appeal evidence packet", buildDemo(t)}, // built without Lang
		{"zh", "申诉证据材料", zh},
	} {
		text, err := pdftest.PageText(pdftotext, tt.res.PDF, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, tt.want) {
			t.Errorf("Lang %q: the cover lacks %q:\n%s", tt.lang, tt.want, text)
		}
	}
	if _, err := buildCase(context.Background(), demo, packet.Options{OutDir: t.TempDir(), Date: demoDate, Lang: "fr"}); err == nil {
		t.Error("Lang fr: no error")
	}
}
