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

	"appealpacket/internal/i18n"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
	"appealpacket/packet/statement"
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
	lang, _ := i18n.Parse(p.Manifest.Case.Language)
	t := func(key string, args ...any) string { return messages.Text(lang, key, args...) }
	sheets := []sheet{exhibitsSheet(p, hashRow, opts.PDFName, t), photosSheet(p, t), trademarksSheet(p, lang, t), authorizationsSheet(p, t), hashesSheet(p)}
	if opts.FindingsSheet {
		sheets = append(sheets, findingsSheet(p))
	}
	for i := range sheets {
		sheets[i].translate(t)
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
		Title:          t("doc.title", p.Manifest.Case.ID),
		Subject:        t("doc.subject"),
		Creator:        opts.Creator,
		LastModifiedBy: opts.Creator,
		Created:        created,
		Modified:       created,
		Language:       map[i18n.Lang]string{i18n.English: "en-US", i18n.Chinese: "zh-CN"}[lang],
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

func exhibitsSheet(p *plan.Plan, hashRow map[string]int, pdfName string, t func(string, ...any) string) sheet {
	s := sheet{
		name: "Exhibits",
		headers: []string{"Exhibit", "Kind", "Title", "File", "PDF pages", "First page", "Last page", "SHA-256", "Packet file", "Part",
			"Original / listing pictures", "Distance"},
		widths: []float64{10, 20, 50, 40, 11, 11, 11, 68, 34, 7, 44, 10},
		links:  map[int]string{},
	}
	notOriginal := check.NotOriginalPhotos(p.Set, p.Findings)
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
				title = t("file.n", title, j+1)
			}
			if r, ok := hashRow[f.Path.Rel]; ok {
				s.links[len(s.rows)] = fmt.Sprintf("%s!A%d", sheetRef(t("sheet.Hashes")), r)
			}
			file := pdfName
			if len(p.Parts) > 1 && p.PartOf(e) >= 1 && p.PartOf(e) <= len(p.Parts) {
				file = p.Parts[p.PartOf(e)-1]
			}
			links, distance := sourceLinks(p, e, notOriginal[e.ID], t)
			kind := t("kind." + e.Kind.Prefix())
			if notOriginal[e.ID] {
				kind = t("kind.P.copy")
			}
			s.rows = append(s.rows, []any{e.ID, kind, title, f.Path.Rel, pages, first, last, f.SHA256, file, p.PartOf(e), links, distance})
		}
	}
	return s
}

// sourceLinks describes what a listing picture was made from ("made from
// P-1 (matched)"), or which listing pictures were made from a photo
// ("original of L-1 (matched)"; "L-1 made from it" when the photo is not
// its camera's original file), with the closest distance ("" for none).
// With more than one link, each names its own distance.
func sourceLinks(p *plan.Plan, e *exhibit.Exhibit, copyPhoto bool, t func(string, ...any) string) (string, any) {
	type link struct {
		key, id string // message and the other exhibit
		o       exhibit.Origin
	}
	var links []link
	switch e.Kind {
	case exhibit.Listing:
		if e.Comparison == nil {
			return "", ""
		}
		for _, o := range e.Comparison.Origins {
			links = append(links, link{"made.from", o.Original.ID, o})
		}
		if len(links) == 0 {
			return t("no.original"), ""
		}
	case exhibit.Photo:
		key := "original.of"
		if copyPhoto {
			key = "copy.of"
		}
		for _, l := range p.ExhibitsOf(exhibit.Listing) {
			if l.Comparison == nil {
				continue
			}
			for _, o := range l.Comparison.Origins {
				if o.Original == e {
					links = append(links, link{key, l.ID, o})
				}
			}
		}
	}
	var closest any = ""
	texts := make([]string, len(links))
	for i, l := range links {
		if d, ok := closest.(int); l.o.Distance >= 0 && (!ok || l.o.Distance < d) {
			closest = l.o.Distance
		}
		how := t("how." + l.o.How)
		if len(links) > 1 && l.o.Distance >= 0 {
			how = t("how.distance", how, l.o.Distance)
		}
		texts[i] = t(l.key, l.id, how)
	}
	return strings.Join(texts, t("sep")), closest
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

func photosSheet(p *plan.Plan, t func(string, ...any) string) sheet {
	s := sheet{
		name: "Photos",
		headers: []string{"Exhibit", "File", "PDF page", "Make", "Model", "Serial number", "Lens", "DateTimeOriginal", "OffsetTimeOriginal",
			"Software", "GPS latitude", "GPS longitude", "GPS altitude", "Width", "Height", "Orientation", "Listing", "Image-data SHA-256", "File SHA-256", "Notes",
			"Listing pictures made from it", "Distance"},
		widths:   []float64{9, 30, 9, 12, 20, 16, 26, 20, 10, 18, 12, 12, 10, 8, 8, 10, 16, 68, 68, 40, 40, 10},
		dateCols: []int{7},
	}
	notOriginal := check.NotOriginalPhotos(p.Set, p.Findings)
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
		links, distance := sourceLinks(p, e, notOriginal[e.ID], t)
		notes := strings.Join(f.Notes, "; ")
		if notes != "" && !i18n.HasChinese(notes) {
			notes = t("note.english", notes) // a Chinese workbook says what they are
		}
		r = append(r, f.SHA256, notes, links, distance)
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

func trademarksSheet(p *plan.Plan, lang i18n.Lang, t func(string, ...any) string) sheet {
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
	for _, tm := range p.Manifest.Trademarks {
		ex, page := exhibitOf(p, exhibit.Trademark, tm.ID)
		classes := make([]string, len(tm.Classes))
		for i, c := range tm.Classes {
			classes[i] = fmt.Sprint(c)
		}
		owns, used, why := "", "", ""
		if i, ok := results[tm.ID]; ok {
			r := p.Chains.Trademarks[i]
			owns = map[bool]string{true: t("yes"), false: t("no")}[r.SellerOwns]
			links := make([]string, len(r.Chain))
			for j, l := range r.Chain {
				links[j] = strings.Join(letterRefs(p, l.LettersIn(r.Window)), " + ")
			}
			used, why = strings.Join(links, " → "), r.Summary
		}
		s.rows = append(s.rows, []any{tm.ID, ex, page, tm.Mark, tm.Office, tm.Number, strings.Join(classes, ", "), tm.Owner, statement.StatusName(tm.Status, lang.Code()),
			tm.Filed.String(), tm.Registered.String(), tm.Expires.String(), owns, used, why})
	}
	return s
}

// letterRefs names letters by exhibit ID (manifest ID when a letter has
// no exhibit).
func letterRefs(p *plan.Plan, letters []*manifest.Authorization) []string {
	out := make([]string, len(letters))
	for i, a := range letters {
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

func authorizationsSheet(p *plan.Plan, t func(string, ...any) string) sheet {
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
					link = letterRefs(p, l.Letters)
				}
			}
			for _, r := range p.Chains.Trademarks {
				for _, l := range r.Chain {
					// In the chain when it gives the right on the dates
					// that matter, not a renewal for later ones.
					if !slices.ContainsFunc(l.LettersIn(r.Window), func(x *manifest.Authorization) bool { return x.ID == a.ID }) {
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
		sub := t("no")
		if a.Sublicense {
			sub = t("yes")
		}
		names := make([]string, len(a.Platforms))
		for i, pl := range a.Platforms {
			names[i] = statement.PlatformName(pl, "en") // as the PDF names them
		}
		where := make([]string, len(a.Territories))
		for i, tr := range a.Territories {
			where[i] = tr
			if tr == "worldwide" {
				where[i] = t("worldwide")
			}
		}
		platforms, territories := strings.Join(names, ", "), strings.Join(where, ", ")
		if platforms == "" {
			platforms = t("all")
		}
		if territories == "" {
			territories = t("worldwide")
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

// translate names the sheet and its columns in the workbook's language:
// Chinese sheet names, bilingual headers ("拍摄时间 DateTimeOriginal").
func (s *sheet) translate(t func(string, ...any) string) {
	s.name = t("sheet." + s.name)
	for i, h := range s.headers {
		s.headers[i] = t("h." + h)
	}
}

// messages are the workbook's words. A header's key is "h." and its
// English text; in Chinese it keeps the English beside it, for a reviewer
// who reads English.
var messages = i18n.Catalog{
	"doc.title":    {En: "Exhibit index %s", Zh: "证据索引 %s"},
	"doc.subject":  {En: "Appeal packet index", Zh: "申诉材料索引"},
	"file.n":       {En: "%s (file %d)", Zh: "%s（文件 %d）"},
	"made.from":    {En: "made from %s (%s)", Zh: "由 %s 制作（%s）"},
	"original.of":  {En: "original of %s (%s)", Zh: "%s 的原始照片（%s）"},
	"note.english": {En: "%s", Zh: "读取文件时的技术提示（英文原文）：%s"},
	"copy.of":      {En: "%s made from it (%s)", Zh: "%s 由它制作（%s）"},
	"how.distance": {En: "%s, distance %d", Zh: "%s，距离 %d"},
	"no.original":  {En: "no original in the packet", Zh: "本材料中没有原始照片"},
	"how.matched":  {En: "matched", Zh: "比对一致"},
	"how.declared": {En: "declared", Zh: "卖家声明"},
	"how.c2pa":     {En: "c2pa", Zh: "内容凭证"},
	"sep":          {En: "; ", Zh: "；"},
	"yes":          {En: "yes", Zh: "是"},
	"no":           {En: "no", Zh: "否"},
	"all":          {En: "all", Zh: "全部"},
	"worldwide":    {En: "worldwide", Zh: "全球"},
	"kind.L":       {En: "listing picture", Zh: "商品图片"},
	"kind.P":       {En: "original photo", Zh: "原始照片"},
	"kind.P.copy":  {En: "photo, not its camera's original file", Zh: "照片（非相机原始文件）"},
	"kind.T":       {En: "trademark certificate", Zh: "商标注册证"},
	"kind.A":       {En: "authorization", Zh: "授权书"},
	"kind.D":       {En: "document", Zh: "文件"},

	"sheet.Exhibits":       {En: "Exhibits", Zh: "证据"},
	"sheet.Photos":         {En: "Photos", Zh: "照片"},
	"sheet.Trademarks":     {En: "Trademarks", Zh: "商标"},
	"sheet.Authorizations": {En: "Authorizations", Zh: "授权书"},
	"sheet.Hashes":         {En: "Hashes", Zh: "哈希值"},
	"sheet.Findings":       {En: "Findings", Zh: "检查结果"},

	"h.#":                             {En: "#", Zh: "#"},
	"h.Exhibit":                       {En: "Exhibit", Zh: "证据 Exhibit"},
	"h.Exhibits":                      {En: "Exhibits", Zh: "证据 Exhibits"},
	"h.Kind":                          {En: "Kind", Zh: "类型 Kind"},
	"h.Title":                         {En: "Title", Zh: "标题 Title"},
	"h.File":                          {En: "File", Zh: "文件 File"},
	"h.PDF pages":                     {En: "PDF pages", Zh: "PDF 页码 PDF pages"},
	"h.PDF page":                      {En: "PDF page", Zh: "PDF 页码 PDF page"},
	"h.First page":                    {En: "First page", Zh: "起始页 First page"},
	"h.Last page":                     {En: "Last page", Zh: "结束页 Last page"},
	"h.SHA-256":                       {En: "SHA-256", Zh: "SHA-256"},
	"h.Packet file":                   {En: "Packet file", Zh: "材料文件 Packet file"},
	"h.Part":                          {En: "Part", Zh: "部分 Part"},
	"h.Original / listing pictures":   {En: "Original / listing pictures", Zh: "原始照片 / 商品图片 Original / listing pictures"},
	"h.Distance":                      {En: "Distance", Zh: "距离 Distance"},
	"h.Make":                          {En: "Make", Zh: "品牌 Make"},
	"h.Model":                         {En: "Model", Zh: "型号 Model"},
	"h.Serial number":                 {En: "Serial number", Zh: "序列号 Serial number"},
	"h.Lens":                          {En: "Lens", Zh: "镜头 Lens"},
	"h.DateTimeOriginal":              {En: "DateTimeOriginal", Zh: "拍摄时间 DateTimeOriginal"},
	"h.OffsetTimeOriginal":            {En: "OffsetTimeOriginal", Zh: "时区 OffsetTimeOriginal"},
	"h.Software":                      {En: "Software", Zh: "软件 Software"},
	"h.GPS latitude":                  {En: "GPS latitude", Zh: "GPS 纬度 GPS latitude"},
	"h.GPS longitude":                 {En: "GPS longitude", Zh: "GPS 经度 GPS longitude"},
	"h.GPS altitude":                  {En: "GPS altitude", Zh: "GPS 海拔 GPS altitude"},
	"h.Width":                         {En: "Width", Zh: "宽 Width"},
	"h.Height":                        {En: "Height", Zh: "高 Height"},
	"h.Orientation":                   {En: "Orientation", Zh: "方向 Orientation"},
	"h.Listing":                       {En: "Listing", Zh: "商品 Listing"},
	"h.Image-data SHA-256":            {En: "Image-data SHA-256", Zh: "图像数据 SHA-256 Image-data SHA-256"},
	"h.File SHA-256":                  {En: "File SHA-256", Zh: "文件 SHA-256 File SHA-256"},
	"h.Notes":                         {En: "Notes", Zh: "备注 Notes"},
	"h.Listing pictures made from it": {En: "Listing pictures made from it", Zh: "由其制作的商品图片 Listing pictures made from it"},
	"h.ID":                            {En: "ID", Zh: "ID"},
	"h.Mark":                          {En: "Mark", Zh: "商标 Mark"},
	"h.Office":                        {En: "Office", Zh: "注册机关 Office"},
	"h.Number":                        {En: "Number", Zh: "注册号 Number"},
	"h.Classes":                       {En: "Classes", Zh: "类别 Classes"},
	"h.Owner":                         {En: "Owner", Zh: "注册人 Owner"},
	"h.Status":                        {En: "Status", Zh: "状态 Status"},
	"h.Filed":                         {En: "Filed", Zh: "申请日 Filed"},
	"h.Registered":                    {En: "Registered", Zh: "注册日 Registered"},
	"h.Expires":                       {En: "Expires", Zh: "到期日 Expires"},
	"h.Seller owns it":                {En: "Seller owns it", Zh: "卖家自有 Seller owns it"},
	"h.Chain used":                    {En: "Chain used", Zh: "采用的授权链 Chain used"},
	"h.Why":                           {En: "Why", Zh: "说明 Why"},
	"h.Grantor":                       {En: "Grantor", Zh: "授权方 Grantor"},
	"h.Grantee":                       {En: "Grantee", Zh: "被授权方 Grantee"},
	"h.Trademarks":                    {En: "Trademarks", Zh: "商标 Trademarks"},
	"h.Platforms":                     {En: "Platforms", Zh: "平台 Platforms"},
	"h.Territories":                   {En: "Territories", Zh: "地域 Territories"},
	"h.Goods":                         {En: "Goods", Zh: "商品范围 Goods"},
	"h.May sublicense":                {En: "May sublicense", Zh: "可转授权 May sublicense"},
	"h.From":                          {En: "From", Zh: "起始日 From"},
	"h.To":                            {En: "To", Zh: "截止日 To"},
	"h.Letters of the same link":      {En: "Letters of the same link", Zh: "同一环节的授权书 Letters of the same link"},
	"h.In chain of":                   {En: "In chain of", Zh: "所属授权链 In chain of"},
	"h.Problems":                      {En: "Problems", Zh: "问题 Problems"},
	"h.Bytes":                         {En: "Bytes", Zh: "字节 Bytes"},
	"h.Severity":                      {En: "Severity", Zh: "级别 Severity"},
	"h.Code":                          {En: "Code", Zh: "代码 Code"},
	"h.Message":                       {En: "Message", Zh: "说明 Message"},
	"h.What to do":                    {En: "What to do", Zh: "处理建议 What to do"},
	"h.Where":                         {En: "Where", Zh: "位置 Where"},
}

// sheetRef is a sheet's name as a cell reference writes it: quoted unless
// it is plain ASCII letters and digits.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}
