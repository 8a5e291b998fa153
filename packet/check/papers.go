package check

import (
	"slices"
	"strings"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/chain"
	"appealpacket/packet/doctext"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// Finding codes about what the papers say.
const (
	// DocTextMismatch: case.yaml claims something of a certificate, letter
	// or invoice that its text does not show (warning), or that its text
	// contradicts: it names another party or number (error). A reviewer
	// reads the paper, not case.yaml.
	DocTextMismatch = "DOC_TEXT_MISMATCH"
	// DocNotRead (info, once a case): scanned papers whose text could not
	// be read, so their claims were not checked against them.
	DocNotRead = "DOC_NOT_READ"
	// DocBlank (error): a paper whose pages paint nothing at all (no text,
	// picture or drawing): the packet would cite an empty page.
	DocBlank = "DOC_BLANK"
	// DocSignerMismatch (warning): a letter digitally signed for a company
	// (its certificate's organisation) that is not its grantor and that
	// the letter names nowhere.
	DocSignerMismatch = "DOC_SIGNER_MISMATCH"
)

// ocrTolerance is the share of a name's letters that may be misread in OCR
// text (see doctext.Contains); text layers are matched exactly (folded).
const ocrTolerance = 0.15

// paper is the text of one exhibit's files, and how it was read.
type paper struct {
	e           *exhibit.Exhibit
	text        string // of the paper itself
	translation string // of its translation, if any: dates are looked for there too
	ocr         bool
	lang        i18n.Lang // of the findings
	extracted   *doctext.Facts
	others      []*paper // the case's papers (this one among them)
}

// facts are what the paper's text states under its labels, read once.
func (p *paper) facts() doctext.Facts {
	if p.extracted == nil {
		f := doctext.Extract(p.text)
		p.extracted = &f
	}
	return *p.extracted
}

// text2 formats a message in the language of the findings.
func (p *paper) text2(key string, args ...any) string { return messages.Text(p.lang, key, args...) }

// claim is one thing case.yaml says a paper shows.
type claim struct {
	what  string // "grantee", "registration number", ...
	field string // its case.yaml field
	value string
	alts  []string      // other names of the same party (the seller's aliases)
	label doctext.Field // the label the paper gives it under; 0: none looked for
	party bool          // a party's name: found with or without its company form
	exact bool          // a number: no OCR tolerance
}

// papers compares what case.yaml claims of each certificate, letter and
// invoice with the text of its files.
func papers(in Input) finding.List {
	var fs finding.List
	var unread []string
	sellerNames, sellerKeys := chain.SellerNames(in.Manifest.Seller)
	partyAlts := func(name string) []string {
		if sellerKeys[chain.NormalizeParty(name)] {
			return sellerNames
		}
		return nil
	}
	marks := map[string]string{}
	for _, t := range in.Manifest.Trademarks {
		marks[t.ID] = t.Mark
	}
	// Every paper is read first: one may link two names another uses.
	type read struct {
		e              *exhibit.Exhibit
		p              *paper
		scanned, blank bool
	}
	var reads []read
	var all []*paper
	for _, k := range []exhibit.Kind{exhibit.Trademark, exhibit.Authorization, exhibit.Document} {
		for _, e := range in.Exhibits.ExhibitsOf(k) {
			p, scanned, blank := readPaper(e)
			reads = append(reads, read{e, p, scanned, blank})
			if p != nil {
				all = append(all, p)
			}
		}
	}
	for _, r := range reads {
		e, p, scanned, blank := r.e, r.p, r.scanned, r.blank
		if p != nil {
			p.others = all
		}
		if blank {
			fs = append(fs, finding.Finding{Code: DocBlank, Severity: finding.Error, Exhibit: e.ID, File: e.Files[0].Path.Rel,
				Message: in.text("doc.blank", e.ID, e.Files[0].Path.Rel, in.text("paper."+paperKind(e))),
				Hint:    in.text("doc.blank.hint", e.Files[0].Path.Rel)})
		}
		if p == nil {
			if scanned {
				unread = append(unread, e.ID)
			}
			continue
		}
		p.lang = in.Lang
		var claims []claim
		var dates []dateClaim
		switch {
		case e.Trademark != nil:
			t := e.Trademark
			claims = []claim{
				{what: "mark", field: "mark", value: t.Mark},
				{what: "registration number", field: "number", value: t.Number, label: doctext.Number, exact: true},
				{what: "owner", field: "owner", value: t.Owner, alts: partyAlts(t.Owner), label: doctext.Owner, party: true},
			}
			dates = []dateClaim{{"registration date", "registered", t.Registered, func(f doctext.Facts) time.Time { return f.Registered }}}
			// An expiry date only where the certificate gives one (a
			// Chinese certificate's 有效期限; a US one has none).
			if doctext.StatesExpiry(p.text) {
				dates = append(dates, dateClaim{"expiry date", "expires", t.Expires, func(f doctext.Facts) time.Time { return f.Expires }})
			}
		case e.Authorization != nil:
			a := e.Authorization
			claims = []claim{
				{what: "grantor", field: "grantor", value: a.Grantor, alts: partyAlts(a.Grantor), label: doctext.Grantor, party: true},
				{what: "grantee", field: "grantee", value: a.Grantee, alts: partyAlts(a.Grantee), label: doctext.Grantee, party: true},
			}
			for _, id := range a.Trademarks {
				claims = append(claims, claim{what: "mark", field: "trademarks", value: marks[id]})
			}
			dates = []dateClaim{{"start date", "from", a.From, nil}, {"end date", "to", a.To, nil}}
		case e.Document != nil && e.Document.Kind == "invoice":
			d := e.Document
			buyer := cmpOr(d.Buyer, in.Manifest.Seller.LegalName)
			claims = []claim{{what: "buyer", field: "buyer", value: buyer, alts: partyAlts(buyer), label: doctext.Buyer, party: true}}
			dates = []dateClaim{{"date", "date", d.Date, func(f doctext.Facts) time.Time { return f.Date }}}
		}
		fs = append(fs, p.checkClaims(claims)...)
		if a := e.Authorization; a != nil {
			if f, ok := p.checkPlatforms(a.Platforms); !ok {
				fs = append(fs, f)
			}
			fs = append(fs, p.checkTerms(a)...)
			fs = append(fs, p.checkSigners(a, partyAlts(a.Grantor), partyAlts(a.Grantee))...)
		}
		var missed finding.List
		for _, d := range dates {
			if f, ok := p.checkDate(d); !ok {
				missed = append(missed, f)
			}
		}
		if a := e.Authorization; a != nil && len(missed) > 0 {
			if f, ok := p.checkTerm(a); !ok {
				missed = finding.List{f}
			}
		}
		fs = append(fs, missed...)
	}
	if len(unread) > 0 {
		fs.Add(finding.Info, DocNotRead, "", in.text(in.OCR.unreadHint()),
			"%s", in.count("doc.not_read", len(unread), strings.Join(unread, in.text("list.sep"))))
	}
	return fs
}

// checkClaims checks each claim (one DOC_TEXT_MISMATCH per claim the paper
// does not show). A paper whose text layer shows none of two or more
// claims gives one error instead: it is not the paper case.yaml says it
// is (another file, a blank page, a paper about someone else), and the
// packet would cite it for a grant or a registration nobody can read in
// it. OCR text keeps the warnings: a misread scan shows nothing either.
func (p *paper) checkClaims(claims []claim) finding.List {
	var missed finding.List
	var whats []string
	claimed := 0
	for _, c := range claims {
		if strings.TrimSpace(c.value) != "" && !isPlaceholder(c.value) {
			claimed++
		}
		if f, ok := p.check(c); !ok {
			missed = append(missed, f)
			whats = append(whats, p.text2("claim."+c.what))
		}
	}
	if p.ocr || claimed < 2 || len(missed) < claimed || missed.Count(finding.Error) > 0 {
		return missed
	}
	return finding.List{{Code: DocTextMismatch, Severity: finding.Error, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
		Message: p.text2("doc.none", p.e.ID, strings.Join(whats, p.text2("list.sep"))),
		Hint:    p.text2("doc.none.hint", p.e.ID, p.text2("paper."+paperKind(p.e)))}}
}

// readPaper returns the text of an exhibit's files, or nil and whether
// some file is a scan that gave no text; blank is set when a file paints
// nothing.
func readPaper(e *exhibit.Exhibit) (p *paper, scanned, blank bool) {
	var parts []string
	ocr := false
	for _, it := range e.Files {
		if it == nil || it.Text == nil || it == e.Translation {
			continue
		}
		switch it.Text.Source {
		case doctext.None:
			scanned = scanned || it.Text.Scanned
			blank = blank || it.Text.Blank
		case doctext.OCR:
			ocr = true
			parts = append(parts, it.Text.Content)
		default:
			parts = append(parts, it.Text.Content)
		}
	}
	if len(parts) == 0 {
		return nil, scanned, blank
	}
	p = &paper{e: e, text: strings.Join(parts, "\n"), ocr: ocr}
	if t := e.Translation; t != nil && t.Text != nil {
		p.translation = t.Text.Content
	}
	return p, scanned, blank
}

func (p *paper) tolerance(c claim) float64 {
	if p.ocr && !c.exact {
		return ocrTolerance
	}
	return 0
}

// shows reports whether the paper's text holds name (or, for a party, the
// name without its company form: "Mingde E-commerce Co., Limited" on the
// paper is "Mingde E-commerce Co., Ltd." in case.yaml).
func (p *paper) shows(name string, c claim) bool {
	if doctext.Contains(p.text, name, p.tolerance(c)) {
		return true
	}
	if !c.party {
		return false
	}
	base, _, _ := strings.Cut(chain.NormalizeParty(name), " ")
	return base != "" && doctext.Contains(p.text, base, p.tolerance(c))
}

// check returns the finding of a claim the paper does not bear out.
func (p *paper) check(c claim) (finding.Finding, bool) {
	if strings.TrimSpace(c.value) == "" || isPlaceholder(c.value) {
		return finding.Finding{}, true
	}
	names := append([]string{c.value}, c.alts...)
	for _, n := range names {
		if p.shows(n, c) {
			return finding.Finding{}, true
		}
	}
	f := finding.Finding{Code: DocTextMismatch, Severity: finding.Warning, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel}
	what := p.text2("claim." + c.what)
	if other := p.labelled(c); other != "" && c.party && !slices.ContainsFunc(names, func(n string) bool { return sameScript(n, other) }) {
		// 巴泰电子（深圳）有限公司 for "Bartech Electronics (Shenzhen) Co.,
		// Ltd.": a name in another script cannot be compared, unless
		// another paper of the case gives both (a bilingual certificate).
		if p.linked(other, names) {
			return finding.Finding{}, true
		}
		f.Message = p.text2("doc.labelled.script", p.e.ID, other, what, c.value)
		f.Hint = p.text2("doc.labelled.script.hint", p.e.ID, c.field)
		return f, false
	} else if other != "" {
		for _, n := range names {
			if abbr, city, ok := abbreviatedCity(other, n); c.party && ok {
				// "Bartech Electronics (SZ) Co., Ltd.": SZ is Shenzhen's
				// initials, and Suzhou's; the reviewer reads names as
				// written.
				f.Message = p.text2("doc.labelled.abbrev", p.e.ID, other, what, n, abbr, city)
				f.Hint = p.text2("doc.labelled.abbrev.hint", p.e.ID, c.field, n)
				return f, false
			}
		}
		f.Severity = finding.Error
		f.Message = p.text2("doc.labelled", p.e.ID, other, what, c.value)
		f.Hint = p.text2("doc.labelled.hint", p.text2("paper."+paperKind(p.e)), c.value, c.field)
		return f, false
	}
	f.Message = p.text2("doc.missing", p.e.ID, what, c.value)
	f.Hint = p.text2("doc.missing.hint", p.e.ID, c.field)
	if p.ocr {
		f.Message = p.text2("doc.missing.ocr", p.e.ID, what, c.value)
		f.Hint = p.text2("doc.missing.hint.ocr", p.e.ID, c.field)
	}
	return f, false
}

// linked reports whether another paper of the case gives name as one of
// names: under the same label ("Licensor: Bartech Electronics (Shenzhen)
// Co., Ltd." and "授权方：巴泰电子（深圳）有限公司" on a bilingual letter,
// "Registrant" and 注册人 on a certificate), or one right after the other
// ("巴泰电子（深圳）有限公司（Bartech Electronics (Shenzhen) Co., Ltd.）"). The
// packet then shows the reviewer that they are one company. Names under
// different labels, or apart on a line, link nothing: a letter's grantor
// is not its grantee.
func (p *paper) linked(name string, names []string) bool {
	for _, o := range p.others {
		if o == p {
			continue
		}
		tolerance := 0.0
		if o.ocr {
			tolerance = ocrTolerance
		}
		for _, field := range []doctext.Field{doctext.Grantor, doctext.Grantee, doctext.Owner, doctext.Buyer} {
			values := doctext.Labelled(o.text, field)
			has := func(n string) bool {
				return slices.ContainsFunc(values, func(v string) bool { return doctext.Contains(v, n, tolerance) })
			}
			if has(name) && slices.ContainsFunc(names, has) {
				return true
			}
		}
		for _, n := range names {
			if doctext.Contains(o.text, name+n, tolerance) || doctext.Contains(o.text, n+name, tolerance) {
				return true
			}
		}
	}
	return false
}

// sameScript reports whether two names are written in the same script:
// both with Chinese characters, or both without.
func sameScript(a, b string) bool { return i18n.HasChinese(a) == i18n.HasChinese(b) }

// labelled returns the value the paper gives under c's label when it is
// another than the claim, else "".
func (p *paper) labelled(c claim) string {
	if c.label == 0 {
		return ""
	}
	for _, v := range doctext.Labelled(p.text, c.label) {
		same := false
		for _, n := range append([]string{c.value}, c.alts...) {
			if doctext.Contains(v, n, p.tolerance(c)) || doctext.Contains(n, v, p.tolerance(c)) {
				same = true
			}
		}
		if !same {
			return v
		}
	}
	return ""
}

// dateClaim is a date case.yaml gives a paper.
type dateClaim struct {
	what, field string
	date        manifest.Date
	// stated returns the date the paper gives under this date's label,
	// zero for none.
	stated func(doctext.Facts) time.Time
}

// checkDate returns the finding of a date the paper does not show in any
// usual writing.
func (p *paper) checkDate(d dateClaim) (finding.Finding, bool) {
	if d.date.IsZero() {
		return finding.Finding{}, true
	}
	if doctext.ShowsDate(p.text, d.date.Time()) || doctext.ShowsDate(p.translation, d.date.Time()) {
		return finding.Finding{}, true
	}
	// A text layer that gives another date under the label contradicts
	// case.yaml: an error quoting it (OCR may misread digits: a warning).
	if d.stated != nil {
		if stated := d.stated(p.facts()); !stated.IsZero() && !stated.Equal(d.date.Time()) {
			sev := finding.Error
			if p.ocr {
				sev = finding.Warning
			}
			return finding.Finding{Code: DocTextMismatch, Severity: sev, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
				Message: p.text2("doc.date.stated", p.e.ID, p.text2("claim."+d.what), stated.Format("2006-01-02"), d.date.Time().Format("2006-01-02"), d.field),
				Hint:    p.text2("doc.date.hint", d.field, p.e.ID)}, false
		}
	}
	msg := p.text2("doc.date", p.e.ID, p.text2("claim."+d.what), d.date.Time().Format("2006-01-02"), d.field)
	if shown := datesShown(p.text); len(shown) > 0 {
		msg += p.text2("doc.date.shows", strings.Join(shown, p.text2("list.sep")))
	}
	return finding.Finding{Code: DocTextMismatch, Severity: finding.Warning, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
		Message: msg, Hint: p.text2("doc.date.hint", d.field, p.e.ID)}, false
}

// checkTerm compares the term of a letter whose dates case.yaml gives and
// its text does not show with the term its text states ("Term: from
// 2023-01-01 to 2023-12-31", 授权期限：…至…). A text layer that states
// another term contradicts case.yaml: an error quoting it, as for a party
// named under its label, since the chain would rest on dates the letter
// does not grant. A term read by OCR may be misread: a warning.
func (p *paper) checkTerm(a *manifest.Authorization) (finding.Finding, bool) {
	if a.From.IsZero() || a.To.IsZero() {
		return finding.Finding{}, true
	}
	facts := p.facts()
	if facts.From.IsZero() {
		return finding.Finding{}, true
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	stated := day(facts.From) + p.text2("term.to") + day(facts.To)
	claimed := day(a.From.Time()) + p.text2("term.to") + day(a.To.Time())
	if stated == claimed {
		return finding.Finding{}, true
	}
	sev := finding.Error
	if p.ocr {
		sev = finding.Warning
	}
	return finding.Finding{Code: DocTextMismatch, Severity: sev, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
		Message: p.text2("doc.term", p.e.ID, stated, claimed), Hint: p.text2("doc.term.hint", p.e.ID)}, false
}

// maxDatesShown bounds the dates a finding quotes.
const maxDatesShown = 6

// datesShown lists, as YYYY-MM-DD in the order they come, the different
// dates a paper writes (at most maxDatesShown), so that a finding about a
// date shows the reader the ones the paper gives.
func datesShown(text string) []string {
	var out []string
	for _, d := range doctext.Dates(text) {
		if s := d.Format("2006-01-02"); !slices.Contains(out, s) {
			out = append(out, s)
			if len(out) == maxDatesShown {
				break
			}
		}
	}
	return out
}

// checkPlatforms compares the platforms case.yaml gives a letter with the
// ones its text names: a letter that names platforms but not one of these
// grants other rights than case.yaml says (an error); one that seems to
// leave one of these out ("all platforms except Amazon", "shall not sell
// on Temu") is a warning quoting where. A letter that names no platform,
// or grants every platform, says nothing either way.
func (p *paper) checkPlatforms(platforms []string) (finding.Finding, bool) {
	// A platform the letter leaves out ("all platforms except Amazon",
	// "shall not sell on Temu") counts even when it names no other.
	var leftOut []string
	statement := ""
	for _, pl := range platforms {
		name, known := doctext.PlatformName(pl)
		if !known || doctext.NamesPlatform(p.translation, pl) {
			continue
		}
		if st, ok := doctext.LeavesOut(p.text, pl); ok {
			leftOut = append(leftOut, name)
			statement = cmpOr(statement, st)
		}
	}
	if len(leftOut) > 0 {
		// A warning: how a sentence bounds a platform is read by rules
		// that cannot be sure ("shall not sell the Products on Amazon
		// through any other account" restricts, not denies); the quote
		// lets the seller judge.
		return finding.Finding{Code: DocTextMismatch, Severity: finding.Warning, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
			Message: p.text2("doc.platform.leftout", p.e.ID, strings.Join(leftOut, p.text2("list.sep")), statement),
			Hint:    p.text2("doc.platform.leftout.hint", p.e.ID)}, false
	}
	keys := doctext.Platforms(p.text)
	if len(keys) == 0 || doctext.AllPlatforms(p.text) {
		// A letter for every platform ("any e-commerce platform,
		// including but not limited to AliExpress and eBay"), or one
		// that names none.
		return finding.Finding{}, true
	}
	var missing, named []string
	for _, pl := range platforms {
		if name, known := doctext.PlatformName(pl); known && !doctext.NamesPlatform(p.text, pl) && !doctext.NamesPlatform(p.translation, pl) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return finding.Finding{}, true
	}
	for _, key := range keys {
		name, _ := doctext.PlatformName(key)
		named = append(named, name)
	}
	// An error, as a paper naming another party is: the letter the chain
	// rests on does not grant this platform.
	return finding.Finding{Code: DocTextMismatch, Severity: finding.Error, Exhibit: p.e.ID, File: p.e.Files[0].Path.Rel,
		Message: p.text2("doc.platform", p.e.ID, strings.Join(missing, p.text2("list.sep")), strings.Join(named, p.text2("list.sep"))),
		Hint:    p.text2("doc.platform.hint", p.e.ID)}, false
}

func paperKind(e *exhibit.Exhibit) string {
	switch {
	case e.Trademark != nil:
		return "certificate"
	case e.Authorization != nil:
		return "letter"
	}
	return "document"
}

// isPlaceholder reports a value init left to fill in.
func isPlaceholder(s string) bool { return strings.Contains(strings.ToUpper(s), "TODO") }

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// DocNeedsTranslation (warning): a certificate, letter or document is in a
// language the platform does not read (profile paper_languages) and case.yaml
// gives no translation of it.
const DocNeedsTranslation = "DOC_NEEDS_TRANSLATION"

// translations reports papers in a language the profile does not take
// without a translation.
func translations(in Input, prof *profile.Profile) finding.List {
	if len(prof.PaperLanguages) == 0 {
		return nil
	}
	var want []string
	for _, l := range prof.PaperLanguages {
		want = append(want, languageName(in.Lang, l))
	}
	wanted := strings.Join(want, in.text("translation.or"))
	var fs finding.List
	for _, k := range []exhibit.Kind{exhibit.Trademark, exhibit.Authorization, exhibit.Document} {
		for _, e := range in.Exhibits.ExhibitsOf(k) {
			if e.Translation != nil {
				continue
			}
			p, _, _ := readPaper(e)
			if p == nil {
				continue
			}
			lang := doctext.Language(p.text)
			if lang == "" || slices.Contains(prof.PaperLanguages, lang) {
				continue
			}
			entry := in.text("translation.entry")
			switch {
			case e.Trademark != nil:
				entry = in.text("translation.trademark", e.Trademark.ID)
			case e.Authorization != nil:
				entry = in.text("translation.authorization", e.Authorization.ID)
			case e.Document != nil:
				entry = in.text("translation.document", e.Document.Path.Raw)
			}
			fs = append(fs, finding.Finding{Code: DocNeedsTranslation, Severity: finding.Warning, Exhibit: e.ID, File: e.Files[0].Path.Rel,
				Message: in.text("translation.needed", e.ID, languageName(in.Lang, lang), cmpOr(prof.DisplayName, prof.Name), wanted),
				Hint:    in.text("translation.needed.hint", wanted, entry, e.ID)})
		}
	}
	return fs
}
