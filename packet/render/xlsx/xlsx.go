// Package xlsx writes a planned packet's index as a spreadsheet with
// excelize: one row per exhibit with its PDF pages and SHA-256, the EXIF of
// every photo, every original file's hash and every finding. It is a second
// view of the same plan as the PDF, so IDs and page numbers agree.
package xlsx

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"appealpacket/packet/chain"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
)

// Options set what the workbook says about itself.
type Options struct {
	Created time.Time
	Creator string // e.g. "appealpacket 0.3.0"
	// PDFName is the packet file the page numbers refer to.
	PDFName string
	// FindingsSheet adds a Findings sheet: the check's findings with what
	// the seller should do. Off by default: the index goes to the
	// platform's reviewer, and the seller's advice does not.
	FindingsSheet bool
}

// sheet is one table of the workbook.
type sheet struct {
	name    string
	headers []string
	widths  []float64
	rows    [][]any
	links   map[int]string // row index -> internal link target for column A
	// dateCols are the 0-based columns holding times, shown as
	// yyyy-mm-dd hh:mm:ss.
	dateCols []int
}

// Render writes the workbook for p to w.
func Render(p *plan.Plan, w io.Writer, opts Options) error {
	f := excelize.NewFile()
	defer f.Close()
	hashRow := map[string]int{} // file Rel -> row number in Hashes
	for i, h := range p.Hashes {
		hashRow[h.Item.Path.Rel] = i + 2
	}
	sheets := []sheet{exhibitsSheet(p, hashRow, opts.PDFName), photosSheet(p), trademarksSheet(p), authorizationsSheet(p), hashesSheet(p)}
	if opts.FindingsSheet {
		sheets = append(sheets, findingsSheet(p))
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		if err := writeSheet(f, s); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	created := opts.Created.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          "Exhibit index " + p.Manifest.Case.ID,
		Subject:        "Appeal packet index",
		Creator:        opts.Creator,
		LastModifiedBy: opts.Creator,
		Created:        created,
		Modified:       created,
		Language:       "en-US",
	}); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write XLSX: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, s sheet) error {
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"35507A"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	linkStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "1F4E9E", Underline: "single"}})
	if err != nil {
		return err
	}
	hdr := make([]any, len(s.headers))
	for i, h := range s.headers {
		hdr[i] = h
	}
	if err := f.SetSheetRow(s.name, "A1", &hdr); err != nil {
		return err
	}
	if err := f.SetRowStyle(s.name, 1, 1, header); err != nil {
		return err
	}
	for i, w := range s.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.name, col, col, w); err != nil {
			return err
		}
	}
	for i, r := range s.rows {
		cell := fmt.Sprintf("A%d", i+2)
		if err := f.SetSheetRow(s.name, cell, &r); err != nil {
			return err
		}
		if target, ok := s.links[i]; ok {
			if err := f.SetCellHyperLink(s.name, cell, target, "Location"); err != nil {
				return err
			}
			if err := f.SetCellStyle(s.name, cell, cell, linkStyle); err != nil {
				return err
			}
		}
	}
	if len(s.dateCols) > 0 && len(s.rows) > 0 {
		fmtStr := "yyyy-mm-dd hh:mm:ss"
		dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtStr})
		if err != nil {
			return err
		}
		for _, c := range s.dateCols {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetCellStyle(s.name, col+"2", fmt.Sprintf("%s%d", col, len(s.rows)+1), dateStyle); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(s.headers))
	if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(s.name, fmt.Sprintf("A1:%s%d", last, max(len(s.rows)+1, 2)), nil)
}

func exhibitsSheet(p *plan.Plan, hashRow map[string]int, pdfName string) sheet {
	s := sheet{
		name: "Exhibits",
		headers: []string{"Exhibit", "Kind", "Title", "File", "PDF pages", "First page", "Last page", "SHA-256", "Packet file", "Part",
			"Original / listing pictures", "Distance"},
		widths: []float64{10, 20, 50, 40, 11, 11, 11, 68, 34, 7, 44, 10},
		links:  map[int]string{},
	}
	for _, e := range p.Exhibits {
		for j, f := range e.Files {
			first, last := 0, 0
			for _, pg := range p.Pages(e) {
				if pg.File == f {
					if first == 0 {
						first = pg.Number
					}
					last = pg.Number
				}
			}
			pages := fmt.Sprint(first)
			if last != first {
				pages = fmt.Sprintf("%d-%d", first, last)
			}
			title := e.Title
			if j > 0 {
				title += fmt.Sprintf(" (file %d)", j+1)
			}
			if r, ok := hashRow[f.Path.Rel]; ok {
				s.links[len(s.rows)] = fmt.Sprintf("Hashes!A%d", r)
			}
			file := pdfName
			if len(p.Parts) > 1 && p.PartOf(e) >= 1 && p.PartOf(e) <= len(p.Parts) {
				file = p.Parts[p.PartOf(e)-1]
			}
			links, distance := sourceLinks(p, e)
			s.rows = append(s.rows, []any{e.ID, e.Kind.String(), title, f.Path.Rel, pages, first, last, f.SHA256, file, p.PartOf(e), links, distance})
		}
	}
	return s
}

// sourceLinks describes what a listing picture was made from ("made from
// P-1 (matched)"), or which listing pictures were made from a photo
// ("original of L-1 (matched)"), with the closest distance ("" for none).
func sourceLinks(p *plan.Plan, e *exhibit.Exhibit) (string, any) {
	var parts []string
	var closest any = ""
	note := func(o exhibit.Origin) {
		if d, ok := closest.(int); o.Distance >= 0 && (!ok || o.Distance < d) {
			closest = o.Distance
		}
	}
	switch e.Kind {
	case exhibit.Listing:
		if e.Comparison == nil {
			return "", ""
		}
		for _, o := range e.Comparison.Origins {
			parts = append(parts, fmt.Sprintf("made from %s (%s)", o.Original.ID, o.How))
			note(o)
		}
		if len(parts) == 0 {
			return "no original in the packet", ""
		}
	case exhibit.Photo:
		for _, l := range p.ExhibitsOf(exhibit.Listing) {
			if l.Comparison == nil {
				continue
			}
			for _, o := range l.Comparison.Origins {
				if o.Original == e {
					parts = append(parts, fmt.Sprintf("original of %s (%s)", l.ID, o.How))
					note(o)
				}
			}
		}
	}
	return strings.Join(parts, "; "), closest
}

// wallClock returns the capture time of a photo as the camera's clock read
// it (a spreadsheet date has no time zone), or "" when unknown.
func wallClock(f *evidence.Item) any {
	if f.Meta == nil {
		return ""
	}
	t, ok := f.Meta.CaptureTime()
	if !ok {
		return ""
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func photosSheet(p *plan.Plan) sheet {
	s := sheet{
		name: "Photos",
		headers: []string{"Exhibit", "File", "PDF page", "Make", "Model", "Serial number", "Lens", "DateTimeOriginal", "OffsetTimeOriginal",
			"Software", "GPS latitude", "GPS longitude", "GPS altitude", "Width", "Height", "Orientation", "Listing", "Image-data SHA-256", "File SHA-256", "Notes",
			"Listing pictures made from it", "Distance"},
		widths:   []float64{9, 30, 9, 12, 20, 16, 26, 20, 10, 18, 12, 12, 10, 8, 8, 10, 16, 68, 68, 40, 40, 10},
		dateCols: []int{7},
	}
	for _, e := range p.ExhibitsOf(exhibit.Photo) {
		f := e.Files[0]
		r := []any{e.ID, f.Path.Rel, p.First(e)}
		listing := ""
		if e.Photo != nil {
			listing = e.Photo.Listing
		}
		if m := f.Meta; m != nil {
			var lat, lon, alt any = "", "", ""
			if m.GPS != nil {
				lat, lon = m.GPS.Latitude, m.GPS.Longitude
				if m.GPS.Altitude != nil {
					alt = *m.GPS.Altitude
				}
			}
			orientation := any("")
			if m.Orientation != 0 {
				orientation = m.Orientation
			}
			r = append(r, m.Make, m.Model, m.SerialNumber, m.LensModel, wallClock(f), m.OffsetTimeOriginal, m.Software,
				lat, lon, alt, m.ImageWidth, m.ImageHeight, orientation, listing, m.ImageDataHash)
		} else {
			r = append(r, "", "", "", "", "", "", "", "", "", "", "", "", "", listing, "")
		}
		links, distance := sourceLinks(p, e)
		r = append(r, f.SHA256, strings.Join(f.Notes, "; "), links, distance)
		s.rows = append(s.rows, r)
	}
	return s
}

// exhibitOf returns the exhibit ID and first page showing a trademark or
// authorization, or empty cells.
func exhibitOf(p *plan.Plan, k exhibit.Kind, id string) (string, any) {
	if e := p.ExhibitFor(k, id); e != nil {
		return e.ID, p.First(e)
	}
	return "", ""
}

func trademarksSheet(p *plan.Plan) sheet {
	s := sheet{
		name: "Trademarks",
		headers: []string{"ID", "Exhibit", "PDF page", "Mark", "Office", "Number", "Classes", "Owner", "Status", "Filed", "Registered", "Expires",
			"Seller owns it", "Chain used", "Why"},
		widths: []float64{8, 9, 9, 16, 10, 14, 10, 40, 11, 12, 12, 12, 10, 40, 60},
	}
	results := map[string]int{}
	if p.Chains != nil {
		for i, r := range p.Chains.Trademarks {
			results[r.Trademark.ID] = i
		}
	}
	for _, t := range p.Manifest.Trademarks {
		ex, page := exhibitOf(p, exhibit.Trademark, t.ID)
		classes := make([]string, len(t.Classes))
		for i, c := range t.Classes {
			classes[i] = fmt.Sprint(c)
		}
		owns, used, why := "", "", ""
		if i, ok := results[t.ID]; ok {
			r := p.Chains.Trademarks[i]
			owns = map[bool]string{true: "yes", false: "no"}[r.SellerOwns]
			links := make([]string, len(r.Chain))
			for j, l := range r.Chain {
				links[j] = strings.Join(letterRefs(p, l), " + ")
			}
			used, why = strings.Join(links, " → "), r.Summary
		}
		s.rows = append(s.rows, []any{t.ID, ex, page, t.Mark, t.Office, t.Number, strings.Join(classes, ", "), t.Owner, t.Status,
			t.Filed.String(), t.Registered.String(), t.Expires.String(), owns, used, why})
	}
	return s
}

// letterRefs names the letters of a link by exhibit ID (manifest ID when
// a letter has no exhibit).
func letterRefs(p *plan.Plan, l chain.Link) []string {
	out := make([]string, len(l.Letters))
	for i, a := range l.Letters {
		out[i] = cmp.Or(exhibitID(p, exhibit.Authorization, a.ID), a.ID)
	}
	return out
}

// exhibitID is the exhibit ID of a trademark or authorization, or "".
func exhibitID(p *plan.Plan, k exhibit.Kind, id string) string {
	if e := p.ExhibitFor(k, id); e != nil {
		return e.ID
	}
	return ""
}

// trademarkRefs names trademarks as a reader of the packet sees them:
// "T-1 BARTECH" (the manifest ID when one has no exhibit).
func trademarkRefs(p *plan.Plan, ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = cmp.Or(exhibitID(p, exhibit.Trademark, id), id)
		for _, t := range p.Manifest.Trademarks {
			if t.ID == id && t.Mark != "" {
				out[i] += " " + t.Mark
			}
		}
	}
	return strings.Join(out, ", ")
}

func authorizationsSheet(p *plan.Plan) sheet {
	s := sheet{
		name: "Authorizations",
		headers: []string{"ID", "Exhibit", "PDF page", "Grantor", "Grantee", "Trademarks", "Platforms", "Territories", "Goods", "May sublicense",
			"From", "To", "Letters of the same link", "In chain of", "Problems"},
		widths: []float64{8, 9, 9, 36, 36, 16, 16, 16, 30, 10, 12, 12, 14, 14, 70},
	}
	for _, a := range p.Manifest.Authorizations {
		ex, page := exhibitOf(p, exhibit.Authorization, a.ID)
		var link, in, problems []string
		if p.Chains != nil {
			for _, l := range p.Chains.Links {
				if slices.ContainsFunc(l.Letters, func(x *manifest.Authorization) bool { return x.ID == a.ID }) {
					link = letterRefs(p, l)
				}
			}
			for _, r := range p.Chains.Trademarks {
				for _, l := range r.Chain {
					if !slices.ContainsFunc(l.Letters, func(x *manifest.Authorization) bool { return x.ID == a.ID }) {
						continue
					}
					in = append(in, cmp.Or(exhibitID(p, exhibit.Trademark, r.Trademark.ID), r.Trademark.ID))
					for _, f := range l.Problems(a.ID) {
						problems = append(problems, f.Code+": "+f.Message)
					}
				}
			}
		}
		if len(link) < 2 {
			link = nil // a link of one letter: nothing to say
		}
		sub := "no"
		if a.Sublicense {
			sub = "yes"
		}
		platforms, territories := strings.Join(a.Platforms, ", "), strings.Join(a.Territories, ", ")
		if platforms == "" {
			platforms = "all"
		}
		if territories == "" {
			territories = "worldwide"
		}
		s.rows = append(s.rows, []any{a.ID, ex, page, a.Grantor, a.Grantee, trademarkRefs(p, a.Trademarks), platforms, territories, a.Goods, sub,
			a.From.String(), a.To.String(), strings.Join(link, ", "), strings.Join(in, ", "), strings.Join(problems, "\n")})
	}
	return s
}

func hashesSheet(p *plan.Plan) sheet {
	s := sheet{
		name:    "Hashes",
		headers: []string{"#", "File", "Bytes", "SHA-256", "Exhibits"},
		widths:  []float64{6, 50, 14, 68, 16},
	}
	for i, h := range p.Hashes {
		s.rows = append(s.rows, []any{i + 1, h.Item.Path.Rel, h.Item.Size, h.Item.SHA256, strings.Join(h.Exhibits, ", ")})
	}
	return s
}

func findingsSheet(p *plan.Plan) sheet {
	s := sheet{
		name:    "Findings",
		headers: []string{"Severity", "Code", "Exhibit", "Message", "What to do", "Where"},
		widths:  []float64{10, 26, 10, 70, 60, 22},
	}
	for _, f := range p.Findings {
		s.rows = append(s.rows, []any{f.Severity.String(), f.Code, f.Exhibit, f.Message, f.Hint, f.Where})
	}
	return s
}
