package packet_test

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/testlevel"

	"golang.org/x/image/tiff"

	"appealpacket/internal/fixture"
	"appealpacket/internal/i18n"
	"appealpacket/packet"
	"appealpacket/packet/check"
	"appealpacket/packet/finding"
	"appealpacket/packet/profile"
)

// platformCodes are the codes of the platform checks (package check,
// platform.go), TM_NOT_ENGLISH included for profiles that ask for an
// English mark. Tests compare only these, so that other checks may grow.
var platformCodes = []string{check.PacketOverLimit, check.FileTypeNotAccepted, check.PhotoTooSmall, check.PhotoTooLarge,
	check.InvoiceTooOld, check.InvoiceNameMismatch, check.LOATermsMissing, check.ManifestIncomplete, check.TMNotEnglish}

// platformCase is a complete case that every built-in profile accepts:
// pictures of at least 700 px, an invoice 185 days before the complaint
// made out to the seller, and a letter of authorization stating all five
// terms. %PLATFORM% is replaced.
const platformCase = `version: 1
case: {id: C-1, platform: %PLATFORM%, complaint_date: 2024-03-20}
seller: {legal_name: "Lumen Co., Ltd.", store: "Lumen Store", aliases: ["Lumen HK Ltd"]}
listings: [{id: "L1", published: 2023-11-02, images: [listing/main.jpg]}]
photos: [{path: a.jpg, listing: L1}]
trademarks: [{id: TM1, mark: BARTECH, number: "123", owner: "Bartech Co., Ltd.", registered: 2021-05-14, expires: 2031-05-13, files: [tm.pdf]}]
authorizations:
  - {id: AUTH1, grantor: "Bartech Co., Ltd.", grantee: "Lumen Co., Ltd.", trademarks: [TM1], goods: earbuds,
     platforms: [all platforms], territories: [worldwide], from: 2023-01-01, to: 2025-12-31, files: [loa.pdf]}
documents:
  - {path: invoice.pdf, kind: invoice, title: Invoice, date: 2023-09-17, buyer: "LUMEN CO LTD"}
`

// platformFiles are the files of platformCase; PDFs are the demo's.
func platformFiles(t *testing.T) map[string][]byte {
	t.Helper()
	pdfBytes, err := os.ReadFile(filepath.Join(demo, "other", "invoice-HX20230917.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{
		"listing/main.jpg": picture(t, 800, 800, nil),
		"a.jpg":            photo(t, 0, camera("2023:10:14 10:00:00")),
		"tm.pdf":           pdfBytes, "loa.pdf": pdfBytes, "invoice.pdf": pdfBytes,
	}
}

// picture is a w×h JPEG.
func picture(t *testing.T, w, h int, meta *fixture.EXIF) []byte {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("picture %dx%d %#v", w, h, meta), func() ([]byte, error) {
		return fixture.JPEG(fixture.Gradient(w, h), 80, meta)
	})
}

// platformFindings checks the case and returns the platform checks' findings.
func platformFindings(t *testing.T, dir string, opts packet.Options) finding.List {
	t.Helper()
	rep, err := checkCase(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	lintFindings(t, rep.Findings)
	var out finding.List
	for _, f := range rep.Findings {
		if slices.Contains(platformCodes, f.Code) {
			out = append(out, f)
		}
	}
	return out
}

func TestPlatformCleanCaseOnEveryProfile(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "checks a case on every profile")
	for _, name := range profile.Names() {
		t.Run(name, func(t *testing.T) {
			dir := caseFiles(t, strings.ReplaceAll(platformCase, "%PLATFORM%", name), platformFiles(t))
			for _, f := range platformFindings(t, dir, packet.Options{}) {
				t.Errorf("clean case on %s: %s", name, f)
			}
		})
	}
}

func TestPlatformFindsEachCode(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "checks a case per platform finding")
	tiffListing := func(t *testing.T) []byte {
		var buf bytes.Buffer
		if err := tiff.Encode(&buf, fixture.Gradient(800, 800), nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	pngListing := func(t *testing.T) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, fixture.Gradient(800, 800)); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name     string
		platform string
		edit     [][2]string                        // replacements in platformCase
		files    func(*testing.T) map[string][]byte // files replaced or added
		profile  string                             // a profile file's text, or a built-in name
		want     []string                           // platform codes, sorted
		check    func(*testing.T, finding.List)
	}{
		{name: "listing picture too small", platform: "aliexpress",
			files: func(t *testing.T) map[string][]byte {
				return map[string][]byte{"listing/main.jpg": picture(t, 800, 600, nil)}
			},
			want: []string{"PHOTO_TOO_SMALL"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Exhibit != "L-1" || f.Severity != finding.Warning || !strings.Contains(f.Message, "800×600") || !strings.Contains(f.Where, "case.yaml:4:") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "photo too small", platform: "aliexpress",
			files: func(t *testing.T) map[string][]byte {
				return map[string][]byte{"a.jpg": picture(t, 640, 480, camera("2023:10:14 10:00:00"))}
			},
			want: []string{"PHOTO_TOO_SMALL"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; f.Exhibit != "P-1" || f.File != "a.jpg" || !strings.Contains(f.Message, "640×480") || !strings.Contains(f.Message, "700") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "no minimum on amazon", platform: "amazon",
			files: func(t *testing.T) map[string][]byte {
				return map[string][]byte{"listing/main.jpg": picture(t, 300, 300, nil)}
			}},
		{name: "picture larger than the platform's upload limit",
			profile: "name: tiny\naccepted_types: [pdf, jpg]\npicture: {max_bytes: 1 KB}\n",
			want:    []string{"PHOTO_TOO_LARGE", "PHOTO_TOO_LARGE"},
			check: func(t *testing.T, fs finding.List) {
				for _, f := range fs {
					if f.Severity != finding.Info || !strings.Contains(f.Message, "1 KB") || (f.Exhibit != "L-1" && f.Exhibit != "P-1") {
						t.Errorf("%+v", f)
					}
				}
			}},
		{name: "TIFF listing picture on AliExpress", platform: "aliexpress", edit: [][2]string{{"listing/main.jpg", "listing/main.tif"}},
			files: func(t *testing.T) map[string][]byte { return map[string][]byte{"listing/main.tif": tiffListing(t)} },
			want:  []string{"FILE_TYPE_NOT_ACCEPTED"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Severity != finding.Info || f.Exhibit != "L-1" || f.File != "listing/main.tif" || !strings.Contains(f.Message, "TIFF") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "file name with a parenthesis", platform: "aliexpress", edit: [][2]string{{"listing/main.jpg", "listing/main (1).tif"}},
			files: func(t *testing.T) map[string][]byte { return map[string][]byte{"listing/main (1).tif": tiffListing(t)} },
			want:  []string{"FILE_TYPE_NOT_ACCEPTED"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Exhibit != "L-1" || f.File != "listing/main (1).tif" || !strings.Contains(f.Message, "listing/main (1).tif (L-1)") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "PNG listing picture on AliExpress is accepted", platform: "aliexpress", edit: [][2]string{{"listing/main.jpg", "listing/main.png"}},
			files: func(t *testing.T) map[string][]byte { return map[string][]byte{"listing/main.png": pngListing(t)} }},
		{name: "JPEG files where only PNG pictures are taken",
			profile: "name: pngonly\naccepted_types: [pdf, png]\n",
			want:    []string{"FILE_TYPE_NOT_ACCEPTED"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; !strings.Contains(f.Message, "2 files are JPEG") || !strings.Contains(f.Message, "a.jpg (P-1)") || f.Exhibit != "" {
					t.Errorf("%+v", f)
				}
			}},
		{name: "a platform that takes no PDF",
			profile: "name: nopdf\naccepted_types: [jpg, png]\n",
			want:    []string{"FILE_TYPE_NOT_ACCEPTED"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; f.Severity != finding.Error || !strings.Contains(f.Message, "the packet is a PDF") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "invoice too old", platform: "amazon", edit: [][2]string{{"date: 2023-09-17", "date: 2023-01-10"}},
			want: []string{"INVOICE_TOO_OLD"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Exhibit != "D-1" || f.Severity != finding.Error || !strings.Contains(f.Message, "2023-01-10, 435 days before the complaint of 2024-03-20;") ||
					!strings.Contains(f.Where, "case.yaml:11:") || !strings.Contains(f.Hint, "dated 2023-03-21 or later") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "invoice exactly 365 days old", platform: "amazon", edit: [][2]string{{"date: 2023-09-17", "date: 2023-03-21"}}},
		{name: "invoice age not checked on AliExpress", platform: "aliexpress", edit: [][2]string{{"date: 2023-09-17", "date: 2020-01-10"}}},
		{name: "invoice without a date", platform: "amazon", edit: [][2]string{{", date: 2023-09-17", ""}},
			want: []string{"MANIFEST_INCOMPLETE"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; !strings.HasPrefix(f.Message, "documents[0].date:") || f.Exhibit != "D-1" || !strings.Contains(f.Where, "case.yaml:11:5") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "invoice made out to someone else", platform: "amazon", edit: [][2]string{{`buyer: "LUMEN CO LTD"`, `buyer: "Huaxin Trading Co., Ltd."`}},
			want: []string{"INVOICE_NAME_MISMATCH"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Exhibit != "D-1" || !strings.Contains(f.Message, `"Huaxin Trading Co., Ltd."`) || !strings.Contains(f.Message, `"Lumen Co., Ltd."`) ||
					!strings.Contains(f.Where, "case.yaml:11:") || !strings.Contains(f.Hint, "seller.aliases") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "invoice made out to an alias", platform: "amazon", edit: [][2]string{{`buyer: "LUMEN CO LTD"`, `buyer: "Lumen HK Limited"`}}},
		{name: "invoice without a buyer", platform: "amazon", edit: [][2]string{{`, buyer: "LUMEN CO LTD"`, ""}},
			want: []string{"MANIFEST_INCOMPLETE"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; !strings.HasPrefix(f.Message, "documents[0].buyer is empty: Amazon checks") || !strings.Contains(f.Hint, "documents[0]") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "letter of authorization without grant goods and term", platform: "amazon",
			edit: [][2]string{{"goods: earbuds,", ""}, {", from: 2023-01-01, to: 2025-12-31", ""}},
			want: []string{"LOA_TERMS_MISSING"},
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if f.Exhibit != "A-1" || f.Severity != finding.Error || !strings.Contains(f.Message, "does not state 2 of the terms Amazon requires") ||
					!strings.Contains(f.Message, "grant (goods: empty)") || !strings.Contains(f.Message, "term (from:/to: empty)") || !strings.Contains(f.Where, "case.yaml:8:") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "letter terms not required on Temu", platform: "temu", edit: [][2]string{{"goods: earbuds,", ""}, {", from: 2023-01-01, to: 2025-12-31", ""}}},
		{name: "fields the profile requires",
			profile: "name: strict\naccepted_types: [pdf]\nrequired: [seller.store_id, \"listings[].url\", case.complaint_date]\n",
			want:    []string{"MANIFEST_INCOMPLETE"}, // both fields, in one finding at the first
			check: func(t *testing.T, fs finding.List) {
				f := fs[0]
				if !strings.HasSuffix(f.Where, "case.yaml:3:9") ||
					!strings.Contains(f.Message, "- seller.store_id is empty, and strict needs it: your store (shop) ID from the seller center (line 3) — ") ||
					!strings.Contains(f.Message, "- listings[0].url is empty, and strict needs it: the listing's link (line 4)") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "required field empty on Amazon", platform: "amazon", edit: [][2]string{{`id: "L1", `, ""}, {"listing: L1", "note: x"}},
			want: []string{"MANIFEST_INCOMPLETE"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; !strings.HasPrefix(f.Message, "listings[0].id is empty, and Amazon needs it: the listing's ID") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "Chinese mark on AliExpress is reported once", platform: "aliexpress", edit: [][2]string{{"mark: BARTECH", "mark: 巴泰"}},
			want: []string{"TM_NOT_ENGLISH"}},
		{name: "full-width Latin mark is English", platform: "aliexpress", edit: [][2]string{{"mark: BARTECH", "mark: ＢＡＲＴＥＣＨ"}}},
		{name: "Chinese mark under a profile that does not ask for English", platform: "aliexpress", profile: "amazon",
			edit: [][2]string{{"mark: BARTECH", "mark: 巴泰"}}},
		{name: "Chinese mark where a custom profile asks for English", platform: "temu", edit: [][2]string{{"mark: BARTECH", "mark: 巴泰"}},
			profile: "name: temu\naccepted_types: [pdf]\nenglish_trademark: true\n",
			want:    []string{"TM_NOT_ENGLISH"},
			check: func(t *testing.T, fs finding.List) {
				if f := fs[0]; f.Exhibit != "T-1" || !strings.Contains(f.Where, "case.yaml:6:") {
					t.Errorf("%+v", f)
				}
			}},
		{name: "built-in profile by name overrides case.platform", platform: "aliexpress", profile: "amazon",
			edit: [][2]string{{`, buyer: "LUMEN CO LTD"`, ""}}, want: []string{"MANIFEST_INCOMPLETE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.ReplaceAll(platformCase, "%PLATFORM%", cmp.Or(tt.platform, "generic"))
			for _, e := range tt.edit {
				if !strings.Contains(src, e[0]) {
					t.Fatalf("case has no %q", e[0])
				}
				src = strings.Replace(src, e[0], e[1], 1)
			}
			files := platformFiles(t)
			if tt.files != nil {
				for name, b := range tt.files(t) {
					files[name] = b
				}
			}
			dir := caseFiles(t, src, files)
			var opts packet.Options
			switch {
			case strings.Contains(tt.profile, "\n"):
				opts.ProfileFile = filepath.Join(t.TempDir(), "profile.yaml")
				if err := os.WriteFile(opts.ProfileFile, []byte(tt.profile), 0o644); err != nil {
					t.Fatal(err)
				}
			case tt.profile != "":
				opts.Profile = tt.profile
			}
			fs := platformFindings(t, dir, opts)
			got := fs.Codes()
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				for _, f := range fs {
					t.Log(f)
				}
				t.Fatalf("codes %v, want %v", got, tt.want)
			}
			for _, f := range fs {
				if f.Message == "" || f.Hint == "" {
					t.Errorf("%s has no message or hint", f.Code)
				}
			}
			if tt.check != nil {
				tt.check(t, fs)
			}
		})
	}
}

func TestPacketSize(t *testing.T) {
	t.Parallel()
	amazon, err := profile.Builtin("amazon")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		prof *profile.Profile
		size int64
		want int
	}{{amazon, 10_000_000, 0}, {amazon, 10_000_001, 1}, {nil, 9_000_000, 0}, {nil, 14_230_000, 1}} {
		fs := check.PacketSize(i18n.English, tt.prof, check.PacketFile{Name: "C-1-packet.pdf", Size: tt.size})
		if len(fs) != tt.want {
			t.Errorf("%d bytes: %v", tt.size, fs)
			continue
		}
		for _, f := range fs {
			if f.Code != check.PacketOverLimit || f.Severity != finding.Error || f.File != "C-1-packet.pdf" || !strings.Contains(f.Message, "over the 10 MB") {
				t.Errorf("%+v", f)
			}
		}
	}
}

// TestBuildReportsPacketOverLimit builds a case against a profile whose
// attachment limit the packet cannot fit: not ready, nothing written;
// with --force, written with NOT READY on the cover.
func TestBuildReportsPacketOverLimit(t *testing.T) {
	t.Parallel()
	testlevel.SkipIfShort(t, "fits a packet to a small limit")
	files := map[string][]byte{"a.jpg": photo(t, 0, camera("2023:10:14 10:00:00"))}
	dir := caseFiles(t, baseCase+"photos: [{path: a.jpg, listing: L1}]\n", files)
	prof := filepath.Join(t.TempDir(), "small.yaml")
	if err := os.WriteFile(prof, []byte("name: small\naccepted_types: [pdf]\nmax_packet_bytes: 2 KB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, ProfileFile: prof, Date: demoDate})
	nr, ok := packet.IsNotReady(err)
	if !ok {
		t.Fatalf("Build = %v, want not ready", err)
	}
	if !slices.Contains(nr.Findings.Codes(), check.PacketOverLimit) {
		t.Fatalf("no %s in %v", check.PacketOverLimit, nr.Findings.Codes())
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a packet over the limit was written: %v", entries)
	}
	res, err := buildCase(context.Background(), dir, packet.Options{OutDir: out, ProfileFile: prof, Date: demoDate, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(res.Findings, func(f finding.Finding) bool { return f.Code == check.PacketOverLimit })
	if i < 0 {
		t.Fatalf("no %s in %v", check.PacketOverLimit, res.Findings.Codes())
	}
	if f := res.Findings[i]; !strings.Contains(f.Message, fmt.Sprintf("%s is %s, over the 2 KB", filepath.Base(res.PDF), profile.Bytes(res.PDFSize))) {
		t.Errorf("%+v", f)
	}
	cover := pdfText(t, res.PDF)
	if !strings.Contains(cover, "NOT READY") || !strings.Contains(cover, check.PacketOverLimit) {
		t.Errorf("the forced packet's cover does not say NOT READY with %s:\n%.600s", check.PacketOverLimit, cover)
	}
	if _, err := checkCase(context.Background(), dir, packet.Options{ProfileFile: prof + ".missing"}); err == nil {
		t.Error("a missing profile file must stop the check")
	}
}
