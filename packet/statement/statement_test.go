package statement

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"appealpacket/internal/wording"
	"appealpacket/packet/chain"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// fiveShots numbers a case of one listing picture and five camera
// originals, P-1 to P-5: P-1, P-2 and P-4 taken on 2023-10-14, P-3 and
// P-5 on 2023-10-20, all with one Canon. Its listing picture has no
// origin until the test gives it some.
func fiveShots(t *testing.T, lang string) *exhibit.Set {
	t.Helper()
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1, complaint_date: 2024-03-20, language: `+lang+`}
seller: {legal_name: "Lumen Co., Ltd."}
listings: [{id: "1005", title: Earbuds, published: 2023-11-02, images: [l1.jpg]}]
photos: [{path: p1.jpg}, {path: p2.jpg}, {path: p3.jpg}, {path: p4.jpg}, {path: p5.jpg}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	days := []string{"2023:10:14", "2023:10:14", "2023:10:20", "2023:10:14", "2023:10:20"}
	items := map[string]*evidence.Item{}
	for i := range m.Photos {
		p := &m.Photos[i].Path
		p.Rel = p.Raw
		items[p.Rel] = &evidence.Item{Path: *p, Meta: &exif.Meta{HasEXIF: true, Make: "Canon", Model: "Canon EOS 90D",
			DateTimeOriginal: days[i] + " 10:00:00", OffsetTimeOriginal: "+08:00"}}
	}
	l := &m.Listings[0].Images[0].Path
	l.Rel = l.Raw
	items[l.Rel] = &evidence.Item{Path: *l}
	return exhibit.Number(m, items)
}

func write(t *testing.T, p *exhibit.Set, fs finding.List) string {
	t.Helper()
	name, text, err := Template(p.Manifest.Case.Type, p.Manifest.Case.Language)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Write(name, text, NewData(p, fs, nil))
	if err != nil {
		t.Fatal(err)
	}
	if p.Manifest.Case.Language != "zh" {
		for _, para := range strings.Split(out, "\n") {
			if problems := wording.Problems(para); len(problems) > 0 && strings.TrimSpace(para) != "" {
				t.Errorf("%v in the statement's paragraph %q", problems, para)
			}
		}
	}
	return out
}

// cited returns the exhibit IDs a sentence containing substr cites.
func cited(text, substr string) []string {
	for _, para := range strings.Split(text, "\n") {
		for _, sentence := range strings.SplitAfter(para, ". ") {
			if strings.Contains(sentence, substr) {
				return regexp.MustCompile(`[LPTAD]-\d+`).FindAllString(sentence, -1)
			}
		}
	}
	return nil
}

func TestStatementNamesOnlyTheMatchedPair(t *testing.T) {
	p := fiveShots(t, "en")
	l := p.Exhibit("L-1")
	l.Comparison = &exhibit.Comparison{Compared: true, Origins: []exhibit.Origin{{Original: p.Exhibit("P-4"), How: exhibit.Matched, Distance: 8}}}
	text := write(t, p, nil)
	if !strings.Contains(text, "Exhibit L-1 was made from our photo Exhibit P-4, taken with our Canon EOS 90D on 2023-10-14, before the listing went live.") {
		t.Errorf("the statement does not name the pair L-1 ← P-4:\n%s", text)
	}
	if got := cited(text, "was made from"); !slices.Equal(got, []string{"L-1", "P-4"}) {
		t.Errorf("the made-from sentence cites %v, want exactly L-1 and P-4:\n%s", got, text)
	}
	// The other photos are described for what they are.
	if got := cited(text, "from the same shoot as"); !slices.Equal(got, []string{"P-1", "P-2", "P-4"}) {
		t.Errorf("same-shoot sentence cites %v, want P-1, P-2 (same day as P-4) and P-4:\n%s", got, text)
	}
	if got := cited(text, "taken with our Canon EOS 90D on 2023-10-20"); !slices.Equal(got, []string{"P-3", "P-5"}) {
		t.Errorf("further-photos sentence cites %v, want P-3 and P-5:\n%s", got, text)
	}
	for _, bad := range []string{"made from our originals", "made from our photo Exhibits", "made from our photos"} {
		if strings.Contains(text, bad) {
			t.Errorf("the statement says %q:\n%s", bad, text)
		}
	}
}

func TestStatementSaysWhatIsNotKnown(t *testing.T) {
	for _, tt := range []struct {
		name     string
		origins  func(p *exhibit.Set) []exhibit.Origin
		findings finding.List
		want     []string
		not      []string
	}{
		{"no original", func(*exhibit.Set) []exhibit.Origin { return nil }, nil,
			[]string{"No original photo of Exhibit L-1 is in this packet."}, []string{"Exhibit L-1 was made from"}},
		{"declared only", func(p *exhibit.Set) []exhibit.Origin {
			return []exhibit.Origin{{Original: p.Exhibit("P-2"), How: exhibit.Declared, SellerDeclared: true, Distance: 47}}
		}, nil, []string{"We made Exhibit L-1 from our photo Exhibit P-2: this is our statement, which the comparison of the pictures does not confirm."},
			[]string{"Exhibit L-1 was made from"}},
		{"an edited photo is not called an original", func(p *exhibit.Set) []exhibit.Origin {
			return []exhibit.Origin{{Original: p.Exhibit("P-1"), How: exhibit.Matched, Distance: 3}}
		}, finding.List{{Code: "PHOTO_EDITED", Exhibit: "P-1"}},
			[]string{"Our camera originals are Exhibits P-2 to P-5,", "Exhibit L-1 was made from our photo Exhibit P-1."},
			[]string{"Every one of them was taken before", "P-1 to P-5"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := fiveShots(t, "en")
			p.Exhibit("L-1").Comparison = &exhibit.Comparison{Compared: true, Origins: tt.origins(p)}
			text := write(t, p, tt.findings)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(text, n) {
					t.Errorf("says %q in:\n%s", n, text)
				}
			}
		})
	}
}

func TestChineseStatementNamesThePair(t *testing.T) {
	p := fiveShots(t, "zh")
	p.Exhibit("L-1").Comparison = &exhibit.Comparison{Compared: true, Origins: []exhibit.Origin{{Original: p.Exhibit("P-4"), How: exhibit.Matched, Distance: 8}}}
	text := write(t, p, nil)
	for _, w := range []string{"证据 L-1 由我方照片（证据 P-4）制作", "敬礼"} {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q in:\n%s", w, text)
		}
	}
}

func TestChainClaimOnlyWhenValid(t *testing.T) {
	two := []Authorization{{Exhibit: "A-1", Grantor: "O", Grantee: "D"}, {Exhibit: "A-2", Grantor: "D", Grantee: "S"}}
	for _, tt := range []struct {
		valid bool
		auths []Authorization
		claim string // "" for none
	}{
		{false, two, ""},
		{true, two, "Together these letters form an unbroken chain"},
		{false, two[:1], ""},
		{true, two[:1], "The trademark owner authorized our company directly, by this letter."},
	} {
		d := &Data{Lang: "en", Platform: "AliExpress", ChainValid: tt.valid,
			Trademarks:     []Trademark{{Exhibit: "T-1", Mark: "BARTECH"}},
			Authorizations: tt.auths}
		name, text, err := Template("trademark", "en")
		if err != nil {
			t.Fatal(err)
		}
		out, err := Write(name, text, d)
		if err != nil {
			t.Fatal(err)
		}
		for _, claim := range []string{"unbroken chain", "directly, by this letter"} {
			if got, want := strings.Contains(out, claim), tt.claim != "" && strings.Contains(tt.claim, claim); got != want {
				t.Errorf("chain valid %v, %d letters: says %q: %v\n%s", tt.valid, len(tt.auths), claim, got, out)
			}
		}
	}
}

// TestNoPhotosKeepsTheHeadings: a case with no photos says so, and the
// next section keeps its heading (it was once glued to the sentence).
func TestNoPhotosKeepsTheHeadings(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		d := &Data{Lang: lang, Platform: "AliExpress", Trademarks: []Trademark{{Exhibit: "T-1", Mark: "NOVA"}}}
		name, text, err := Template("image-theft", lang)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Write(name, text, d)
		if err != nil {
			t.Fatal(err)
		}
		// A heading starts a block: after a blank line, or it is read as
		// the paragraph's next line.
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "## ") && i > 0 && strings.TrimSpace(lines[i-1]) != "" {
				t.Errorf("%s: heading %q follows %q with no blank line:\n%s", lang, l, lines[i-1], out)
			}
		}
	}
}

// TestCamerasListed: the cameras are listed as a sentence lists them
// ("A, B and C"), not joined by "and" after each.
func TestCamerasListed(t *testing.T) {
	for _, tt := range []struct {
		models []string // of P-1 to P-5
		want   string
	}{
		{[]string{"Canon EOS 90D", "Canon EOS 90D", "Canon EOS 90D", "Canon EOS 90D", "Canon EOS 90D"}, "taken with our Canon EOS 90D between"},
		{[]string{"Canon EOS 90D", "Canon EOS R6", "Canon EOS 90D", "Canon EOS R6", "Canon EOS 90D"}, "taken with our Canon EOS 90D and Canon EOS R6 between"},
		{[]string{"Canon EOS 90D", "Canon EOS R6", "Canon EOS R5", "Canon EOS 90D", "Canon EOS 90D"}, "taken with our Canon EOS 90D, Canon EOS R6 and Canon EOS R5 between"},
	} {
		p := fiveShots(t, "en")
		for i, m := range tt.models {
			p.Exhibit(fmt.Sprintf("P-%d", i+1)).Files[0].Meta.Model = m
		}
		text := write(t, p, nil)
		if !strings.Contains(text, tt.want) {
			t.Errorf("%v: missing %q in:\n%s", tt.models, tt.want, text)
		}
	}
}

// TestProseDate: Chinese prose writes dates as 2024年3月20日; English and
// anything not a day stay as they are.
func TestProseDate(t *testing.T) {
	for _, tt := range []struct{ day, lang, want string }{
		{"2024-03-20", "zh", "2024年3月20日"},
		{"2023-11-02", "zh", "2023年11月2日"},
		{"2024-03-20", "en", "2024-03-20"},
		{"", "zh", ""},
		{"2024-3-20", "zh", "2024-3-20"},
	} {
		if got := proseDate(tt.day, tt.lang); got != tt.want {
			t.Errorf("proseDate(%q, %q) = %q, want %q", tt.day, tt.lang, got, tt.want)
		}
	}
}

// TestPhotoDays: photos of several days are taken "between" the first and
// the last; photos of one day "on" it, in the statement and the letters,
// in English and Chinese.
func TestPhotoDays(t *testing.T) {
	for _, tt := range []struct {
		lang      string
		oneDay    bool
		want, not string
	}{
		{"en", false, "between 2023-10-14 and 2023-10-20", ""},
		{"en", true, "on 2023-10-14", "between"},
		{"zh", false, "2023年10月14日 至 2023年10月20日 之间", "2023-10"},
		{"zh", true, "2023年10月14日", "2023年10月14日 至"},
	} {
		p := fiveShots(t, tt.lang)
		if tt.oneDay {
			for i := range 5 {
				p.Exhibit(fmt.Sprintf("P-%d", i+1)).Files[0].Meta.DateTimeOriginal = "2023:10:14 10:00:00"
			}
		}
		texts := []string{write(t, p, nil)}
		for _, kind := range LetterKinds {
			name, text, err := LetterTemplate(kind, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			out, err := Write(name, text, NewData(p, nil, nil))
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, out)
		}
		for i, text := range texts {
			if !strings.Contains(text, tt.want) || tt.not != "" && strings.Contains(text, tt.not) {
				t.Errorf("%s, one day %v, text %d: want %q, not %q:\n%s", tt.lang, tt.oneDay, i, tt.want, tt.not, text)
			}
		}
	}
}

// TestLetterClaimsOnlyMatchedPictures: the withdrawal request calls the
// listing pictures the seller's own work only when each was made from one
// of the seller's photos.
func TestLetterClaimsOnlyMatchedPictures(t *testing.T) {
	for _, tt := range []struct {
		lang    string
		matched bool
		want    string
		not     string
	}{
		{"en", false, "We photographed the products ourselves", "our own work"},
		{"en", true, "The product pictures concerned are our own work.", "of the 1 product pictures"},
		{"zh", false, "这些商品由我方自行拍摄", "原创作品"},
		{"zh", true, "涉及的商品图片为我方原创作品。", "张商品图片中"},
	} {
		p := fiveShots(t, tt.lang)
		if tt.matched {
			p.Exhibit("L-1").Comparison = &exhibit.Comparison{Compared: true, Origins: []exhibit.Origin{{Original: p.Exhibit("P-4"), How: exhibit.Matched, Distance: 8}}}
		}
		name, text, err := LetterTemplate("withdrawal-request", tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Write(name, text, NewData(p, nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, tt.want) || strings.Contains(out, tt.not) {
			t.Errorf("%s, matched %v: want %q, not %q:\n%s", tt.lang, tt.matched, tt.want, tt.not, out)
		}
	}
}

// TestOneOriginal: one camera original is spoken of in the singular.
func TestOneOriginal(t *testing.T) {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1, complaint_date: 2024-03-20, language: en}
seller: {legal_name: "Lumen Co., Ltd."}
listings: [{id: "1005", title: Earbuds, published: 2023-11-02, images: [l1.jpg]}]
photos: [{path: p1.jpg}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := &m.Photos[0].Path
	p.Rel = p.Raw
	l := &m.Listings[0].Images[0].Path
	l.Rel = l.Raw
	set := exhibit.Number(m, map[string]*evidence.Item{
		p.Rel: {Path: *p, Meta: &exif.Meta{HasEXIF: true, Make: "Google", Model: "Pixel 5", DateTimeOriginal: "2023:10:14 10:00:00", OffsetTimeOriginal: "+08:00"}},
		l.Rel: {Path: *l},
	})
	text := write(t, set, nil)
	want := "Our camera original is Exhibit P-1, taken with our Google Pixel 5 on 2023-10-14. It was taken before our first listing went live on 2023-11-02. It predates the complaint."
	if !strings.Contains(text, want) {
		t.Errorf("missing %q in:\n%s", want, text)
	}
}

// TestTrademarkAndChainSentences: an expired mark is said to have expired,
// a pending one names its application number and applicant, and when some
// letters are not part of the chain used the statement names the ones that
// are.
func TestTrademarkAndChainSentences(t *testing.T) {
	tm := Trademark{Exhibit: "T-1", Mark: "BARTECH", Office: "CNIPA", Number: "123", Owner: "O", Status: "registered", Registered: "2021-05-14", Expires: "2024-01-31"}
	expired, pending := tm, tm
	expired.Expired = true
	pending.Status, pending.Registered, pending.Expires = "pending", "", ""
	three := []Authorization{{Exhibit: "A-1", Grantor: "O", Grantee: "D"}, {Exhibit: "A-2", Grantor: "D", Grantee: "S"}, {Exhibit: "A-3", Grantor: "D", Grantee: "S"}}
	for _, tt := range []struct {
		name, lang string
		data       Data
		want, not  []string
	}{
		{"valid", "en", Data{Trademarks: []Trademark{tm}},
			[]string{"The mark BARTECH is registered with CNIPA under No. 123 in the name of O, registered on 2021-05-14 and valid until 2024-01-31 (Exhibit T-1)."}, nil},
		{"expired", "en", Data{Trademarks: []Trademark{expired}},
			[]string{"The mark BARTECH was registered with CNIPA under No. 123 in the name of O, registered on 2021-05-14 and expired on 2024-01-31 (Exhibit T-1)."}, []string{"valid until"}},
		{"expired", "zh", Data{Trademarks: []Trademark{expired}}, []string{"已于 2024年1月31日 到期"}, []string{"有效期至"}},
		{"pending", "zh", Data{Trademarks: []Trademark{pending}}, []string{"提出注册申请，申请号 123，申请人为 O"}, []string{"注册号", "权利人"}},
		{"chain of some letters", "en", Data{Trademarks: []Trademark{tm}, Authorizations: three, ChainValid: true, ChainLetters: []string{"A-1", "A-2"}},
			[]string{"Exhibits A-1 and A-2 form an unbroken chain from the trademark owner to our company."}, []string{"Together these letters"}},
		{"chain of some letters", "zh", Data{Trademarks: []Trademark{tm}, Authorizations: three, ChainValid: true, ChainLetters: []string{"A-1", "A-2"}},
			[]string{"证据 A-1、A-2 构成从商标权利人到我方公司的完整授权链。"}, []string{"以上授权书"}},
		{"one letter of three", "en", Data{Trademarks: []Trademark{tm}, Authorizations: three, ChainValid: true, ChainLetters: []string{"A-1"}},
			[]string{"The trademark owner authorized our company directly, by Exhibit A-1."}, []string{"unbroken chain"}},
	} {
		d := tt.data
		d.Lang, d.Platform = tt.lang, "AliExpress"
		name, text, err := Template("trademark", tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Write(name, text, &d)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s (%s): lacks %q:\n%s", tt.name, tt.lang, w, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("%s (%s): says %q:\n%s", tt.name, tt.lang, n, out)
			}
		}
	}
}

// TestNewDataChainLettersAndExpiry: NewData marks a mark that expired
// before the packet's date, and names the letters of the chain used when a
// renewal for later dates is among the case's letters.
func TestNewDataChainLettersAndExpiry(t *testing.T) {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1, complaint_date: 2024-03-20, prepared: 2024-03-25}
seller: {legal_name: "Lumen Co., Ltd."}
listings: [{id: "1005", published: 2023-11-02}]
trademarks:
  - {id: TM1, mark: BARTECH, number: "1", owner: "Bartech Ltd", status: registered, registered: 2021-05-14, expires: 2024-01-31, files: [tm.pdf]}
authorizations:
  - {id: AUTH1, grantor: "Bartech Ltd", grantee: "Lumen Co., Ltd.", trademarks: [TM1], from: 2023-01-01, to: 2024-12-31, files: [a1.pdf]}
  - {id: AUTH2, grantor: "Bartech Ltd", grantee: "Lumen Co., Ltd.", trademarks: [TM1], from: 2025-06-01, to: 2027-05-31, files: [a2.pdf]}
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]*evidence.Item{}
	paths := []*manifest.Path{&m.Trademarks[0].Files[0], &m.Authorizations[0].Files[0], &m.Authorizations[1].Files[0]}
	for _, path := range paths {
		path.Rel = path.Raw
		items[path.Rel] = &evidence.Item{Path: *path}
	}
	p := exhibit.Number(m, items)
	chains := chain.Analyze(m, chain.Exhibits{Authorization: func(id string) string {
		if e := p.ExhibitFor(exhibit.Authorization, id); e != nil {
			return e.ID
		}
		return id
	}})
	d := NewData(p, nil, chains)
	if len(d.Trademarks) != 1 || !d.Trademarks[0].Expired {
		t.Errorf("trademarks %+v; want TM1 expired (2024-01-31, before 2024-03-25)", d.Trademarks)
	}
	if len(d.ChainLetters) != 1 || d.ChainLetters[0] != "A-1" {
		t.Errorf("chain letters %v; want [A-1] (A-2 starts after the complaint)", d.ChainLetters)
	}
}
