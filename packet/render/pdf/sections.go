package pdf

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/match"
	"appealpacket/packet/statement"

	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// platformName is a platform's display name ("aliexpress" → "AliExpress"),
// "any platform" in the packet's language for generic.
func (d *doc) platformName(p string) string {
	if p == "generic" {
		return d.t("platform.any")
	}
	return statement.PlatformName(p, "en")
}

// sectionKeys are the message keys of the sections' names.
var sectionKeys = map[plan.Section]string{
	plan.Cover: "section.Cover", plan.Statement: "section.Statement", plan.Index: "section.Index", plan.Chain: "section.Chain",
	plan.Timeline: "section.Timeline", plan.Exhibits: "section.Exhibits", plan.Hashes: "section.Hashes",
}

// sectionName is how a section is named on its pages, in the outline and
// on the cover.
func (d *doc) sectionName(s plan.Section) string {
	if k, ok := sectionKeys[s]; ok {
		return d.t(k)
	}
	return string(s)
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
		d.newPage(d.caseStamp(d.sectionName(s)))
		d.heading(d.sectionName(s), 16)
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
	d.newPage(d.caseStamp(d.sectionName(plan.Cover)))
	d.bookmark(d.sectionName(plan.Cover), 0)
	d.y = 30
	d.textAt(marginX, d.y, contentW, span{text: d.t("cover.title"), st: bold(24)})
	d.y += 14
	sub := d.t("cover.subtitle", m.Case.ID, d.platformName(m.Case.Platform), d.complaintType(m.Case.Type))
	d.textAt(marginX, d.y, contentW, span{text: sub, st: style{fam: famSans, size: 13, color: colMuted}})
	d.y += 14
	if n := len(d.plan.Parts); n > 1 {
		st := bold(11)
		st.color = colRed
		d.paragraph([]span{{text: d.t("cover.parts.head", d.plan.Part, n), st: st},
			{text: d.t("cover.parts.body", strings.Join(d.plan.Parts, ", ")), st: plain(9.5)}}, 3)
	}

	d.verdict()

	store := m.Seller.Store
	if m.Seller.StoreID != "" {
		store = strings.TrimSpace(d.t("cover.storeid", store, m.Seller.StoreID))
	}
	kv := [][2]string{
		{d.t("cover.case"), m.Case.ID},
		{d.t("cover.platform"), d.platformName(m.Case.Platform)},
		{d.t("cover.type"), d.complaintType(m.Case.Type)},
		{d.t("cover.date"), dash(m.Case.ComplaintDate.String())},
		{d.t("cover.complainant"), dash(m.Case.Complainant)},
		{d.t("cover.seller"), d.sellerNames(m.Seller)},
		{d.t("cover.store"), dash(store)},
		{d.t("cover.prepared"), dash(m.Case.Prepared.String())},
		{d.t("cover.exhibits"), d.exhibitCounts(func(k exhibit.Kind) int { return len(d.plan.ExhibitsOf(k)) })},
		{d.t("cover.pages"), fmt.Sprint(d.total)},
	}
	rows := make([]row, len(kv))
	for i, p := range kv {
		rows[i] = row{cells: [][]span{{{text: p[0], st: bold(9.5)}}, {{text: p[1], st: plain(9.5)}}}}
	}
	d.table([]column{{"", 55}, {"", contentW - 55}}, rows)

	d.y += 2
	guide := d.t("cover.guide")
	d.paragraph([]span{{text: guide, st: style{fam: famSans, size: 9, color: colMuted}}}, 3)
	links := []span{{text: d.t("cover.contents"), st: bold(9.5)}}
	for i, s := range d.plan.Sections {
		if s.Section == plan.Cover {
			continue
		}
		if i > 1 {
			links = append(links, span{text: d.t("cover.toc.sep"), st: plain(9.5)})
		}
		ls := plain(9.5)
		ls.color = colLink
		links = append(links, span{text: d.t("cover.toc", d.sectionName(s.Section), s.First), st: ls, link: d.sectionLinks[s.Section]})
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
		key := "verdict.blocked"
		if warns == 1 {
			key = "verdict.blocked.w1"
		}
		head = d.n(key, errs, errs, warns)
		col = colRed
	case warns > 0:
		head = d.t("verdict.warn")
	default:
		head = d.t("verdict.ok")
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
		parts = append(parts, d.n("stakes.points", pen.Points, pen.Points))
	}
	if pen.FrozenFunds != "" {
		parts = append(parts, d.t("stakes.frozen", pen.FrozenFunds))
	}
	text := d.t("stakes.head", strings.Join(parts, d.t("stakes.sep")))
	if m.Case.Platform == "aliexpress" {
		text += d.t("stakes.ali")
		if pen.Points >= 48 {
			text += d.t("stakes.ali.close")
		}
	}
	text += d.t("stakes.once")
	st := plain(9.5)
	st.color = colRed
	d.paragraph([]span{{text: text, st: st}}, 2)
}

func (d *doc) statement() {
	d.newPage(d.caseStamp(d.sectionName(plan.Statement)))
	d.bookmark(d.sectionName(plan.Statement), 0)
	d.heading(d.sectionName(plan.Statement), 16)
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
	d.paragraph([]span{{text: d.t("key.title"), st: bold(12)}}, 0.5)
	muted := style{fam: famSans, size: 8.5, color: colMuted}
	intro := d.t("key.intro")
	for _, e := range shown {
		if d.notOriginal[firstOrigin(e).Original.ID] {
			intro = d.t("key.intro.copies")
		}
	}
	d.paragraph([]span{{text: intro, st: muted}}, 1.5)
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
		d.paragraph([]span{{text: d.t("key.without", strings.Join(without, d.t("list.sep"))), st: plain(9)}}, 0)
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
	links := map[string]int{e.ID: d.exhibitLinks[e.ID], o.Original.ID: d.exhibitLinks[o.Original.ID]}
	switch o.How {
	case exhibit.Matched:
		facts = append(facts, d.idSpans(d.t("key.made", e.ID, o.Original.ID), b, lk, links))
		facts = append(facts, []span{{text: d.t("key.matched", o.Distance, match.MaxDistance, match.Threshold), st: green}})
	case exhibit.Credentials:
		facts = append(facts, d.idSpans(d.t("key.made", e.ID, o.Original.ID), b, lk, links))
		facts = append(facts, []span{{text: d.t("key.c2pa"), st: green}})
	default:
		facts = append(facts, d.idSpans(d.t("key.declared", e.ID, o.Original.ID), b, lk, links))
		facts = append(facts, []span{{text: d.t("key.unconfirmed"), st: st}})
	}
	if d.notOriginal[o.Original.ID] {
		red := b
		red.color = colRed
		facts = append(facts, d.idSpans(d.t("key.notoriginal", o.Original.ID), red, lk, links))
	}
	meta := o.Original.Files[0].Meta
	if meta == nil || !meta.HasEXIF {
		return append(facts, []span{{text: d.t("key.noexif"), st: st}})
	}
	if body := meta.Body(); body.Camera != "" {
		facts = append(facts, []span{{text: d.t("key.camera"), st: bold(8.5)}, {text: d.bodyText(body), st: st}})
	}
	if text, valid := CredentialsText(d.lang, o.Original.Files[0].C2PA); text != "" {
		cst := st
		if valid {
			cst.color = colGreen
		} else {
			cst.color = colRed
		}
		facts = append(facts, []span{{text: d.t("key.cred"), st: bold(8.5)}, {text: text, st: cst}})
	}
	taken, ok := meta.CaptureTime()
	if !ok {
		return append(facts, []span{{text: d.t("key.notime"), st: st}})
	}
	when := strings.TrimSpace(exifDate(meta.DateTimeOriginal) + " " + meta.OffsetTimeOriginal)
	if meta.DateTimeOriginal == "" {
		when = taken.Format(time.DateTime)
	}
	line := []span{{text: d.t("key.taken"), st: bold(8.5)}, {text: when, st: st}}
	if pub := e.Listing.Published; !pub.IsZero() {
		day := taken.Format(time.DateOnly)
		rel := st
		switch days := int(pub.Time().Sub(time.Date(taken.Year(), taken.Month(), taken.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24); {
		case day < pub.String():
			rel.color = colGreen
			line = append(line, span{text: d.n("key.before", days, days, proseDate(d.lang, pub)), st: rel})
		case day == pub.String():
			line = append(line, span{text: d.t("key.sameday", proseDate(d.lang, pub)), st: rel})
		default:
			rel.color = colRed
			line = append(line, span{text: d.t("key.after", proseDate(d.lang, pub)), st: rel})
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
	d.newPage(d.caseStamp(d.sectionName(plan.Index)))
	d.bookmark(d.sectionName(plan.Index), 0)
	d.heading(d.sectionName(plan.Index), 16)
	var rows []row
	for _, e := range d.plan.Exhibits {
		link := d.exhibitLinks[e.ID]
		idst := bold(9)
		idst.color = colLink
		pages := d.plan.PageRange(e)
		if len(d.plan.Parts) > 1 {
			pages = d.t("index.part", d.plan.PartOf(e), pages)
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
		{{text: "—", st: plain(9)}}, {{text: d.sectionName(plan.Hashes), st: plain(9)}}, {}, {{text: hashesPage, st: pst}},
	}})
	cols := []column{{d.t("index.exhibit"), 18}, {d.t("index.description"), 84}, {d.t("index.file"), 56}, {d.t("index.pages"), 16}}
	if len(d.plan.Parts) > 1 {
		cols = []column{{d.t("index.exhibit"), 18}, {d.t("index.description"), 78}, {d.t("index.file"), 52}, {d.t("index.partpages"), 26}}
	}
	d.table(cols, rows)
}

func (d *doc) appendix() {
	d.newPage(d.caseStamp(d.sectionName(plan.Hashes)))
	d.bookmark(d.sectionName(plan.Hashes), 0)
	d.heading(d.t("appendix.title"), 16)
	d.paragraph([]span{{text: d.t("appendix.intro"), st: style{fam: famSans, size: 9, color: colMuted}}}, 3)
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
	d.table([]column{{"#", 8}, {d.t("index.file"), 56}, {d.t("appendix.bytes"), 18}, {"SHA-256", 74}, {d.t("index.exhibit"), 18}}, rows)
}

func (d *doc) sellerNames(s manifest.Seller) string {
	if len(s.Aliases) == 0 {
		return s.LegalName
	}
	return d.t("cover.aliases", s.LegalName, strings.Join(s.Aliases, "; "))
}

// bodyText names a camera body with its serial: "Canon EOS 90D, serial
// 083021004417" (exif.Body.String), in the packet's language.
func (d *doc) bodyText(b exif.Body) string {
	switch {
	case b.Serial == "":
		return b.Camera
	case b.Internal:
		return strings.TrimSpace(d.t("body.internal", b.Camera, b.Serial))
	}
	return strings.TrimSpace(d.t("body.serial", b.Camera, b.Serial))
}

// complaintType is a case.type as the cover writes it.
func (d *doc) complaintType(t string) string {
	if d.lang == i18n.Chinese {
		if zh, ok := complaintTypesZh[t]; ok {
			return zh
		}
	}
	return strings.ReplaceAll(t, "-", " ")
}

// complaintTypesZh are the complaint types in Chinese, as AliExpress's IP
// platform names them.
var complaintTypesZh = map[string]string{
	"image-theft": "盗图", "trademark": "商标侵权", "patent": "专利侵权", "other": "其他",
}

// idSpans turns a sentence into spans, the exhibit IDs of links drawn as
// links: the catalogue's sentence decides where the IDs go.
func (d *doc) idSpans(text string, st, idst style, links map[string]int) []span {
	var out []span
	last := 0
	for _, m := range exhibitRef.FindAllStringIndex(text, -1) {
		link, ok := links[text[m[0]:m[1]]]
		if !ok {
			continue
		}
		if m[0] > last {
			out = append(out, span{text: text[last:m[0]], st: st})
		}
		out = append(out, span{text: text[m[0]:m[1]], st: idst, link: link})
		last = m[1]
	}
	if last < len(text) {
		out = append(out, span{text: text[last:], st: st})
	}
	return out
}

// kv builds a two-column table row of a label and a value.
func kv(label, value string, st style) row {
	return row{cells: [][]span{{{text: label, st: bold(st.size)}}, {{text: dash(value), st: st}}}}
}

// dateRange formats a validity window.
func (d *doc) dateRange(from, to manifest.Date) string { return dateRange(d.lang, from, to) }

// dateRange formats a validity window in language l.
func dateRange(l i18n.Lang, from, to manifest.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return messages.Text(l, "range.from", from.String())
	case from.IsZero():
		return messages.Text(l, "range.until", to.String())
	}
	return messages.Text(l, "range.both", from.String(), to.String())
}

// exhibitCounts is the cover's count of exhibits by kind: "1 listing
// picture (L), 3 original photos (P), …", each noun agreeing with its
// number.
func (d *doc) exhibitCounts(n func(exhibit.Kind) int) string {
	kinds := []exhibit.Kind{exhibit.Listing, exhibit.Photo, exhibit.Trademark, exhibit.Authorization, exhibit.Document}
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		key := "kind." + k.Prefix()
		if k == exhibit.Photo && d.anyNotOriginal() {
			key = "kind.P.any" // not all of them are originals
		}
		if k == exhibit.Trademark && d.plan != nil && slices.ContainsFunc(d.plan.ExhibitsOf(exhibit.Trademark), func(e *exhibit.Exhibit) bool {
			return e.Trademark != nil && e.Trademark.Status == "pending"
		}) {
			key = "kind.T.any" // an application is no registration certificate
		}
		parts[i] = d.n(key, n(k), n(k))
	}
	return strings.Join(parts, d.t("kinds.sep"))
}
