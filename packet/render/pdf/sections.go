package pdf

import (
	"fmt"
	"strings"
	"time"

	"appealpacket/internal/english"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/match"

	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// platformNames are how platforms are written on the page.
var platformNames = map[string]string{
	"aliexpress": "AliExpress", "amazon": "Amazon", "temu": "Temu", "shopee": "Shopee", "tiktok": "TikTok Shop", "ebay": "eBay", "etsy": "Etsy", "coupang": "Coupang", "generic": "the platform",
}

// PlatformName is the display name of a manifest platform value.
func PlatformName(p string) string {
	if n, ok := platformNames[p]; ok {
		return n
	}
	return p
}

func (d *doc) caseStamp(rest string) string {
	return d.plan.Manifest.Case.ID + " · " + rest
}

// section draws one front or back section.
func (d *doc) section(s plan.Section) {
	switch s {
	case plan.Cover:
		d.cover()
	case plan.Statement:
		d.statement()
	case plan.Index:
		d.index()
	case plan.Hashes:
		d.appendix()
	case plan.Chain:
		d.chainPages()
	case plan.Timeline:
		d.timeline()
	default:
		d.newPage(d.caseStamp(string(s)))
		d.heading(string(s), 16)
	}
}

func (d *doc) bookmark(title string, level int) {
	d.setFont(famSans, false, 10) // outline titles are encoded as UTF-16 only while a UTF-8 font is current
	d.pdf.Bookmark(title, level, 0)
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func (d *doc) cover() {
	m := d.plan.Manifest
	d.newPage(d.caseStamp("Cover"))
	d.bookmark("Cover", 0)
	d.y = 30
	d.textAt(marginX, d.y, contentW, span{text: "Appeal evidence packet", st: bold(24)})
	d.y += 14
	sub := fmt.Sprintf("%s · %s · %s complaint", m.Case.ID, PlatformName(m.Case.Platform), strings.ReplaceAll(m.Case.Type, "-", " "))
	d.textAt(marginX, d.y, contentW, span{text: sub, st: style{fam: famSans, size: 13, color: colMuted}})
	d.y += 14
	if n := len(d.plan.Parts); n > 1 {
		st := bold(11)
		st.color = colRed
		d.paragraph([]span{{text: fmt.Sprintf("Part %d of %d. ", d.plan.Part, n), st: st},
			{text: "The packet is split to fit the platform's upload limit; send every part: " + strings.Join(d.plan.Parts, ", ") +
				". The index lists where each exhibit is.", st: plain(9.5)}}, 3)
	}

	d.verdict()

	store := m.Seller.Store
	if m.Seller.StoreID != "" {
		store = strings.TrimSpace(store + " (store ID " + m.Seller.StoreID + ")")
	}
	kv := [][2]string{
		{"Case / complaint number", m.Case.ID},
		{"Platform", PlatformName(m.Case.Platform)},
		{"Complaint type", strings.ReplaceAll(m.Case.Type, "-", " ")},
		{"Complaint date", dash(m.Case.ComplaintDate.String())},
		{"Complainant", dash(m.Case.Complainant)},
		{"Seller (legal name)", sellerNames(m.Seller)},
		{"Store", dash(store)},
		{"Prepared on", dash(m.Case.Prepared.String())},
		{"Exhibits", exhibitCounts(func(k exhibit.Kind) int { return len(d.plan.ExhibitsOf(k)) })},
		{"Pages", fmt.Sprint(d.total)},
	}
	rows := make([]row, len(kv))
	for i, p := range kv {
		rows[i] = row{cells: [][]span{{{text: p[0], st: bold(9.5)}}, {{text: p[1], st: plain(9.5)}}}}
	}
	d.table([]column{{"", 55}, {"", contentW - 55}}, rows)

	d.y += 2
	guide := "How to read this packet: the statement cites exhibits by ID (click an ID to open it). " +
		"Every exhibit page carries the case number, its exhibit ID and its page within the exhibit. " +
		"The appendix lists the SHA-256 of every original file, so that the originals can be verified when requested."
	d.paragraph([]span{{text: guide, st: style{fam: famSans, size: 9, color: colMuted}}}, 3)
	links := []span{{text: "Contents: ", st: bold(9.5)}}
	for i, s := range d.plan.Sections {
		if s.Section == plan.Cover {
			continue
		}
		if i > 1 {
			links = append(links, span{text: " · ", st: plain(9.5)})
		}
		ls := plain(9.5)
		ls.color = colLink
		links = append(links, span{text: fmt.Sprintf("%s p. %d", s.Section, s.First), st: ls, link: d.sectionLinks[s.Section]})
	}
	d.paragraph(links, 2)
}

// verdict draws the readiness box: ready, or the blocking findings. The
// appeal's deadline and attempts are the seller's business (check shows
// them), never the reviewer's: they are left out.
func (d *doc) verdict() {
	var fs finding.List
	for _, f := range d.plan.Findings {
		if !strings.HasPrefix(f.Code, "APPEAL_") {
			fs = append(fs, f)
		}
	}
	errs, warns := fs.Count(finding.Error), fs.Count(finding.Warning)
	var head string
	col := colGreen
	switch {
	case errs > 0:
		head = fmt.Sprintf("NOT READY: %d blocking issue(s), %d warning(s). Built with --force; fix these before appealing.", errs, warns)
		col = colRed
	case warns > 0:
		head = "Ready: no blocking issues."
	default:
		head = "Ready: every check passed."
	}
	st := bold(11)
	st.color = col
	d.paragraph([]span{{text: head, st: st}}, 2)
	d.stakes()
	if errs == 0 {
		d.y += 2
		return
	}
	for _, f := range fs {
		if f.Severity != finding.Error {
			continue
		}
		ex := ""
		if f.Exhibit != "" {
			ex = " [" + f.Exhibit + "]"
		}
		d.paragraph([]span{{text: "• " + f.Code + ex + ": ", st: bold(8.5)}, {text: f.Message, st: plain(8.5)}}, 0.5)
	}
	d.y += 4
}

// stakes says what the complaint costs if the appeal fails, when the
// manifest gives case.penalty.
func (d *doc) stakes() {
	m := d.plan.Manifest
	pen := m.Case.Penalty
	if pen == nil {
		return
	}
	var parts []string
	if pen.Points > 0 {
		parts = append(parts, fmt.Sprintf("this complaint carries %d intellectual-property point(s)", pen.Points))
	}
	if pen.FrozenFunds != "" {
		parts = append(parts, "funds frozen while it is open: "+pen.FrozenFunds)
	}
	text := "At stake: " + strings.Join(parts, "; ") + "."
	if m.Case.Platform == "aliexpress" {
		text += " On AliExpress, 12 points (and every further multiple of 12) freeze the account for 7 days, and 48 points close the shop."
		if pen.Points >= 48 {
			text += " These points alone reach the closing threshold."
		}
	}
	text += " A serious-infringement judgement can be appealed only once: send this packet when every check passes."
	st := plain(9.5)
	st.color = colRed
	d.paragraph([]span{{text: text, st: st}}, 2)
}

func (d *doc) statement() {
	d.newPage(d.caseStamp("Statement"))
	d.bookmark("Statement", 0)
	title := "Statement"
	if d.plan.Manifest.Case.Language == "zh" {
		title = "申诉书 Statement"
	}
	d.heading(title, 16)
	d.keyEvidence()
	d.body(d.plan.Statement, true)
}

// keyEvidence draws the strongest proof first, at the head of the
// statement: each listing picture beside the original it was made from,
// with the camera, the capture date against the listing's publication and
// the comparison's verdict. Listing pictures with no original are named
// below the rows; with none at all, nothing is drawn.
func (d *doc) keyEvidence() {
	var shown []*exhibit.Exhibit
	var without []string
	for _, e := range d.plan.ExhibitsOf(exhibit.Listing) {
		if firstOrigin(e) != nil {
			shown = append(shown, e)
		} else {
			without = append(without, e.ID)
		}
	}
	if len(shown) == 0 {
		return
	}
	d.paragraph([]span{{text: "Key evidence", st: bold(12)}}, 0.5)
	muted := style{fam: famSans, size: 8.5, color: colMuted}
	d.paragraph([]span{{text: "Each listing picture beside the original photo it was made from. A green frame marks where the comparison finds the listing picture in the original.", st: muted}}, 1.5)
	const minRowH, thumbW, gap = 36.0, 34.0, 3.0
	tx := marginX + 2*thumbW + 2*gap
	tw := contentW - (tx - marginX)
	for _, e := range shown {
		o := firstOrigin(e)
		var lines [][]line
		textH := 0.0
		for _, group := range d.keyFacts(e, o) {
			ls := d.layout(group, tw)
			lines = append(lines, ls)
			textH += linesHeight(ls) + 0.6
		}
		rowH := max(minRowH, textH+3) // the text decides when it is longer than the pictures
		d.ensure(rowH + 1)
		y := d.y
		if disp := e.Files[0].Display; disp != nil {
			d.picture(disp, marginX, y+1, thumbW, minRowH-2)
		}
		d.origin(o, marginX+thumbW+gap, y+1, thumbW, minRowH-2)
		ly := y + 1.5
		for _, ls := range lines {
			for _, l := range ls {
				d.drawLine(l, tx, ly)
				ly += l.height
			}
			ly += 0.6
		}
		d.pdf.SetDrawColor(210, 210, 210)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(marginX, y+rowH, pageW-marginX, y+rowH)
		d.y = y + rowH + 1
	}
	if len(without) > 0 {
		d.paragraph([]span{{text: "No original photo is in this packet for " + strings.Join(without, ", ") + ".", st: plain(9)}}, 0)
	}
	d.y += 4
}

// keyFacts are the lines of text beside a key-evidence row.
func (d *doc) keyFacts(e *exhibit.Exhibit, o *exhibit.Origin) [][]span {
	st, b := plain(8.5), bold(9)
	lk := b
	lk.color = colLink
	facts := [][]span{}
	green := st
	green.color = colGreen
	switch o.How {
	case exhibit.Matched:
		facts = append(facts, []span{{text: e.ID, st: lk, link: d.exhibitLinks[e.ID]}, {text: " was made from ", st: b},
			{text: o.Original.ID, st: lk, link: d.exhibitLinks[o.Original.ID]}})
		facts = append(facts, []span{{text: fmt.Sprintf("Matched: distance %d of %d (%d or less is the same picture, resized, cropped or recompressed).",
			o.Distance, match.MaxDistance, match.Threshold), st: green}})
	case exhibit.Credentials:
		facts = append(facts, []span{{text: e.ID, st: lk, link: d.exhibitLinks[e.ID]}, {text: " was made from ", st: b},
			{text: o.Original.ID, st: lk, link: d.exhibitLinks[o.Original.ID]}})
		facts = append(facts, []span{{text: "Its signed Content Credentials name the original as the picture it was made from.", st: green}})
	default:
		facts = append(facts, []span{{text: e.ID, st: lk, link: d.exhibitLinks[e.ID]}, {text: " is declared by the seller to be made from ", st: b},
			{text: o.Original.ID, st: lk, link: d.exhibitLinks[o.Original.ID]}})
		facts = append(facts, []span{{text: "Not confirmed by the comparison of the two pictures.", st: st}})
	}
	meta := o.Original.Files[0].Meta
	if meta == nil || !meta.HasEXIF {
		return append(facts, []span{{text: "The original carries no camera metadata.", st: st}})
	}
	if body := meta.Body(); body.Camera != "" {
		facts = append(facts, []span{{text: "Camera: ", st: bold(8.5)}, {text: body.String(), st: st}})
	}
	if text, valid := CredentialsText(o.Original.Files[0].C2PA); text != "" {
		cst := st
		if valid {
			cst.color = colGreen
		} else {
			cst.color = colRed
		}
		facts = append(facts, []span{{text: "Content Credentials: ", st: bold(8.5)}, {text: text, st: cst}})
	}
	taken, ok := meta.CaptureTime()
	if !ok {
		return append(facts, []span{{text: "The original records no capture time.", st: st}})
	}
	when := strings.TrimSpace(exifDate(meta.DateTimeOriginal) + " " + meta.OffsetTimeOriginal)
	if meta.DateTimeOriginal == "" {
		when = taken.Format(time.DateTime)
	}
	line := []span{{text: "Taken: ", st: bold(8.5)}, {text: when, st: st}}
	if pub := e.Listing.Published; !pub.IsZero() {
		day := taken.Format(time.DateOnly)
		rel := st
		switch days := int(pub.Time().Sub(time.Date(taken.Year(), taken.Month(), taken.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24); {
		case day < pub.String():
			rel.color = colGreen
			line = append(line, span{text: fmt.Sprintf(", %s before the listing went live on %s", english.Count(days, "day"), pub), st: rel})
		case day == pub.String():
			line = append(line, span{text: fmt.Sprintf(", the day the listing went live (%s)", pub), st: rel})
		default:
			rel.color = colRed
			line = append(line, span{text: fmt.Sprintf(", after the listing went live on %s", pub), st: rel})
		}
	}
	return append(facts, line)
}

// body draws text in the statement format: paragraphs separated by blank
// lines, "## " headings; with linked, cited exhibit IDs become links.
func (d *doc) body(text string, linked bool) {
	spans := func(s string, st style) []span {
		if linked {
			return d.linkify(s, st)
		}
		return []span{{text: s, st: st}}
	}
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		if h, ok := strings.CutPrefix(para, "## "); ok {
			h, rest, _ := strings.Cut(h, "\n")
			d.y += 1
			d.paragraph(spans(h, bold(11.5)), 1.5)
			if para = strings.TrimSpace(rest); para == "" {
				continue
			}
		}
		d.paragraph(spans(para, plain(10.5)), 3)
	}
}

func (d *doc) index() {
	d.newPage(d.caseStamp("Index of exhibits"))
	d.bookmark("Index of exhibits", 0)
	d.heading("Index of exhibits", 16)
	var rows []row
	for _, e := range d.plan.Exhibits {
		link := d.exhibitLinks[e.ID]
		idst := bold(9)
		idst.color = colLink
		pages := d.plan.PageRange(e)
		if len(d.plan.Parts) > 1 {
			pages = fmt.Sprintf("part %d, %s", d.plan.PartOf(e), pages)
		}
		if !d.plan.InPart(e) {
			idst.color = colText
		}
		files := make([]string, len(e.Files))
		for i, f := range e.Files {
			files[i] = f.Path.Rel
		}
		pst := plain(9)
		pst.color = idst.color
		rows = append(rows, row{link: link, cells: [][]span{
			{{text: e.ID, st: idst, link: link}},
			{{text: e.Title, st: plain(9)}},
			{{text: strings.Join(files, "\n"), st: style{fam: famSans, size: 8, color: colMuted}}},
			{{text: pages, st: pst, link: link}},
		}})
	}
	// The appendix's row is drawn when the index is measured too, before
	// its page is known (every packet has the appendix), so that the index
	// takes the pages it was measured to take.
	hashesPage := ""
	for _, s := range d.plan.Sections {
		if s.Section == plan.Hashes {
			hashesPage = fmt.Sprint(s.First)
		}
	}
	pst := plain(9)
	pst.color = colLink
	rows = append(rows, row{link: d.sectionLinks[plan.Hashes], cells: [][]span{
		{{text: "—", st: plain(9)}}, {{text: string(plan.Hashes), st: plain(9)}}, {}, {{text: hashesPage, st: pst}},
	}})
	cols := []column{{"Exhibit", 18}, {"Description", 84}, {"File", 56}, {"Pages", 16}}
	if len(d.plan.Parts) > 1 {
		cols = []column{{"Exhibit", 18}, {"Description", 78}, {"File", 52}, {"Part, pages", 26}}
	}
	d.table(cols, rows)
}

func (d *doc) appendix() {
	d.newPage(d.caseStamp("Appendix: file hashes"))
	d.bookmark("Appendix: file hashes", 0)
	d.heading("Appendix: SHA-256 of every original file", 16)
	d.paragraph([]span{{text: "Each line identifies one original file of the case exactly. To verify a file sent on request: " +
		"sha256sum FILE (Linux), shasum -a 256 FILE (macOS) or certutil -hashfile FILE SHA256 (Windows) must print the value below.",
		st: style{fam: famSans, size: 9, color: colMuted}}}, 3)
	var rows []row
	for i, h := range d.plan.Hashes {
		rows = append(rows, row{cells: [][]span{
			{{text: fmt.Sprint(i + 1), st: plain(8)}},
			{{text: h.Item.Path.Rel, st: plain(8)}},
			{{text: fmt.Sprint(h.Item.Size), st: plain(8)}},
			{{text: h.Item.SHA256, st: mono(7.5)}},
			{{text: strings.Join(h.Exhibits, ", "), st: plain(8)}},
		}})
	}
	d.table([]column{{"#", 8}, {"File", 56}, {"Bytes", 18}, {"SHA-256", 74}, {"Exhibit", 18}}, rows)
}

func sellerNames(s manifest.Seller) string {
	if len(s.Aliases) == 0 {
		return s.LegalName
	}
	return s.LegalName + " (also " + strings.Join(s.Aliases, "; ") + ")"
}

// kv builds a two-column table row of a label and a value.
func kv(label, value string, st style) row {
	return row{cells: [][]span{{{text: label, st: bold(st.size)}}, {{text: dash(value), st: st}}}}
}

// dateRange formats a validity window.
func dateRange(from, to manifest.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "from " + from.String()
	case from.IsZero():
		return "until " + to.String()
	}
	return from.String() + " to " + to.String()
}

// exhibitCounts is the cover's count of exhibits by kind: "1 listing
// picture (L), 3 original photos (P), …", each noun agreeing with its
// number.
func exhibitCounts(n func(exhibit.Kind) int) string {
	kinds := []struct {
		k         exhibit.Kind
		one, many string
		letter    string
	}{
		{exhibit.Listing, "listing picture", "listing pictures", "L"},
		{exhibit.Photo, "original photo", "original photos", "P"},
		{exhibit.Trademark, "trademark certificate", "trademark certificates", "T"},
		{exhibit.Authorization, "authorization", "authorizations", "A"},
		{exhibit.Document, "other document", "other documents", "D"},
	}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		noun := k.many
		if n(k.k) == 1 {
			noun = k.one
		}
		parts[i] = fmt.Sprintf("%d %s (%s)", n(k.k), noun, k.letter)
	}
	return strings.Join(parts, ", ")
}
