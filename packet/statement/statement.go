// Package statement writes the appeal statement of a packet from a
// text/template (package templates, or a user's file), citing exhibits by
// their IDs so the PDF can link them.
//
// The text format is plain: paragraphs are separated by blank lines, a line
// starting with "## " is a heading, and exhibit IDs such as "P-3" become
// links wherever they appear.
package statement

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"time"

	"appealpacket/internal/english"
	"appealpacket/packet/chain"
	"appealpacket/packet/check"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/templates"
)

// Data is what a statement template sees.
type Data struct {
	Case     manifest.Case
	Seller   manifest.Seller
	Platform string // display name in the case's language, e.g. "AliExpress" or "速卖通（AliExpress）"
	Lang     string // "en" or "zh"

	Photos   []Exhibit // every photo exhibit
	Listings []Listing
	// Pictures are the listing pictures, in exhibit order, each with the
	// originals it was made from.
	Pictures []Picture
	// PicturesOwn counts the listing pictures made from one of the
	// seller's photos (matched, or declared in case.yaml); the letters
	// call the pictures the seller's own work only when all of them are.
	PicturesOwn int
	// Originals are the photos that are camera originals as far as the
	// evidence shows: EXIF naming a camera and a capture time, and no
	// finding that the file was edited or altered.
	Originals []Exhibit
	// Further are the photos no listing picture was made from, grouped by
	// camera and capture day.
	Further []PhotoGroup
	// Body names the one camera body every camera original was taken by
	// ("Canon EOS 90D, serial 083021004417"), when all of them carry the
	// same make, model and serial; "" otherwise.
	Body string
	// Cameras are the distinct cameras of the camera originals
	// (exif.Meta.Camera).
	Cameras []string
	// PhotoRange is "2023-10-02 and 2023-10-05" ("2023-10-02 至 2023-10-05"
	// in Chinese): the earliest and latest capture of the camera originals,
	// "" if unknown.
	PhotoRange string
	// PhotoWhen says when the camera originals were taken, as the text
	// says it: "between 2023-10-02 and 2023-10-05", or "on 2023-10-02"
	// for one day ("2023-10-02 至 2023-10-05 之间", "2023-10-02" in
	// Chinese); "" if unknown.
	PhotoWhen string
	// FirstListing is the earliest listing publication date, "" if none.
	FirstListing string
	// PhotosBeforeListing: every photo is a camera original taken before
	// FirstListing.
	PhotosBeforeListing bool
	// PhotosBeforeComplaint: every photo is a camera original taken before
	// the complaint date.
	PhotosBeforeComplaint bool

	Trademarks     []Trademark
	Authorizations []Authorization
	Documents      []Document
	// ChainValid: every trademark is owned by the seller or reached by a
	// chain of authorizations without problems.
	ChainValid bool
	// ChainLetters are the exhibits of the letters the chains use on the
	// dates that matter, when some letters of the case are not among them
	// (a renewal for later dates, a letter of another chain): the
	// statement then names the ones the chain is made of.
	ChainLetters []string
	// Links counts the links of the authorizations: letters with the same
	// grantor and grantee (a letter and its renewals) are one link.
	Links int
}

// Exhibit is any exhibit, by ID.
type Exhibit struct{ Exhibit, Title string }

// Listing is a listing and the exhibits of its pictures.
type Listing struct {
	ID, Title, Published string
	Pictures             []Exhibit
	// Photos are the photos its pictures were made from (matched or
	// declared), in exhibit order.
	Photos []Exhibit
}

// Picture is a listing picture and the originals it was made from.
type Picture struct {
	Exhibit   string
	Listing   string // the listing's ID
	Published string // the listing's publication date, "" if not given
	// Matched are the photos the comparison finds the picture in, closest
	// first; Declared those the seller names and the comparison does not
	// confirm. Both empty: no original of the picture is in the packet.
	Matched, Declared []Source
}

// Source is a photo a listing picture was made from.
type Source struct {
	Exhibit  string
	Distance int    // the comparison's distance; -1 when not compared
	Taken    string // capture day, YYYY-MM-DD; "" unless a camera original
	Camera   string // "" unless a camera original
	// BeforePublished: a camera original taken before the listing's
	// publication day.
	BeforePublished bool
	// SignedBy names the signer of the photo's Content Credentials when
	// they validate and show the file unchanged since signing; "" else.
	SignedBy string
}

// PhotoGroup is photos no listing picture was made from, taken with one
// camera on one day.
type PhotoGroup struct {
	Photos      []Exhibit
	Camera, Day string // "" when the photos are not camera originals
	// SameShootAs is a photo some listing picture was made from, taken with
	// the same camera on the same day; "" when there is none.
	SameShootAs string
}

// Trademark is a trademark exhibit.
type Trademark struct {
	Exhibit, Mark, Number, Office, Owner, Status, Registered, Expires string
	// Expired is set when Expires is before the packet's date: the
	// statement then says the mark expired, not that it is valid.
	Expired bool
}

// Authorization is one link of the authorization chain.
type Authorization struct {
	Exhibit, Grantor, Grantee, Valid string
}

// Document is another supporting document.
type Document struct{ Exhibit, Kind, Title, Date string }

// platformNames are the platforms' display names by language.
var platformNames = map[string][2]string{ // platform -> {en, zh}
	"aliexpress": {"AliExpress", "速卖通（AliExpress）"},
	"amazon":     {"Amazon", "亚马逊（Amazon）"},
	"temu":       {"Temu", "Temu"},
	"shopee":     {"Shopee", "Shopee（虾皮）"},
	"tiktok":     {"TikTok Shop", "TikTok Shop"},
	"ebay":       {"eBay", "eBay"},
	"etsy":       {"Etsy", "Etsy"},
	"coupang":    {"Coupang", "Coupang（酷澎）"},
	"generic":    {"platform", "平台"},
}

// PlatformName is a platform's display name in a language ("en" or "zh").
func PlatformName(platform, lang string) string {
	n, ok := platformNames[platform]
	if !ok {
		return platform
	}
	if lang == "zh" {
		return n[1]
	}
	return n[0]
}

// statusesZh are the trademark statuses of case.yaml in Chinese.
var statusesZh = map[string]string{"registered": "已注册", "pending": "审查中", "expired": "已过期", "cancelled": "已撤销"}

// StatusName is a trademark status of case.yaml as a page or a workbook in
// language lang ("en" or "zh") writes it: as it is in English; in Chinese
// translated, the English value kept beside it ("已注册 registered").
func StatusName(status, lang string) string {
	if zh, ok := statusesZh[status]; ok && lang == "zh" {
		return zh + " " + status
	}
	return status
}

// NewData gathers the template data from the numbered exhibits (listing
// pictures compared), the case's findings (which photos are not camera
// originals, see check.NotOriginal) and its authorization chains.
func NewData(p *exhibit.Set, findings finding.List, chains *chain.Report) *Data {
	m := p.Manifest
	d := &Data{Case: m.Case, Seller: m.Seller, Lang: m.Case.Language, Platform: PlatformName(m.Case.Platform, m.Case.Language)}
	word := "Exhibit"
	if d.Lang == "zh" {
		word = "证据"
	}
	d.Case.Statement = p.ResolveCitations(m.Case.Statement, word)
	notOriginal := check.NotOriginal(findings)
	var earliest, latest time.Time
	cameras := map[string]bool{}
	originals := map[*exhibit.Exhibit]shot{} // camera originals: camera and capture day
	var bodies []exif.Body
	photos := p.ExhibitsOf(exhibit.Photo)
	for _, e := range photos {
		d.Photos = append(d.Photos, Exhibit{e.ID, e.Title})
		meta := e.Files[0].Meta
		if notOriginal[e.ID] || e.Files[0].Err != nil || meta == nil || !meta.HasEXIF {
			continue
		}
		t, ok := meta.CaptureTime()
		cam := meta.Camera()
		if !ok || cam == "" {
			continue
		}
		originals[e] = shot{cam, t.Format(time.DateOnly)}
		bodies = append(bodies, meta.Body())
		d.Originals = append(d.Originals, Exhibit{e.ID, e.Title})
		if !cameras[cam] {
			cameras[cam] = true
			d.Cameras = append(d.Cameras, cam)
		}
		if earliest.IsZero() || t.Before(earliest) {
			earliest = t
		}
		if latest.IsZero() || t.After(latest) {
			latest = t
		}
	}
	if b, ok := check.OneBody(bodies); ok && len(bodies) > 1 {
		d.Body = b.String()
		if d.Lang == "zh" && b.Serial != "" {
			d.Body = fmt.Sprintf("%s，序列号 %s", b.Camera, b.Serial)
			if b.Internal {
				d.Body = fmt.Sprintf("%s，内部序列号 %s", b.Camera, b.Serial)
			}
		}
	}
	if !earliest.IsZero() {
		and := " and "
		if d.Lang == "zh" {
			and = " 至 "
		}
		first, last := earliest.Format(time.DateOnly), latest.Format(time.DateOnly)
		d.PhotoRange = proseDate(first, d.Lang) + and + proseDate(last, d.Lang)
		switch {
		case first == last && d.Lang == "zh":
			d.PhotoWhen = proseDate(first, d.Lang)
		case first == last:
			d.PhotoWhen = "on " + first
		case d.Lang == "zh":
			d.PhotoWhen = d.PhotoRange + " 之间"
		default:
			d.PhotoWhen = "between " + d.PhotoRange
		}
	}

	picturesOf := map[*manifest.Listing][]Exhibit{}
	sourcesOf := map[*manifest.Listing]map[*exhibit.Exhibit]bool{}
	used := map[*exhibit.Exhibit]bool{} // photos some listing picture was made from
	for _, e := range p.ExhibitsOf(exhibit.Listing) {
		picturesOf[e.Listing] = append(picturesOf[e.Listing], Exhibit{e.ID, e.Title})
		pic := Picture{Exhibit: e.ID, Listing: e.Listing.ID, Published: e.Listing.Published.String()}
		if c := e.Comparison; c != nil {
			for _, o := range c.Origins {
				src := Source{Exhibit: o.Original.ID, Distance: o.Distance}
				if cr := o.Original.Files[0].C2PA; cr.Unchanged() {
					src.SignedBy = cr.ActiveManifest.Signer.Name()
				}
				if sh, ok := originals[o.Original]; ok {
					src.Taken, src.Camera = sh.day, sh.camera
					src.BeforePublished = pic.Published != "" && sh.day < pic.Published
				}
				if o.How == exhibit.Matched {
					pic.Matched = append(pic.Matched, src)
				} else {
					pic.Declared = append(pic.Declared, src)
				}
				used[o.Original] = true
				if sourcesOf[e.Listing] == nil {
					sourcesOf[e.Listing] = map[*exhibit.Exhibit]bool{}
				}
				sourcesOf[e.Listing][o.Original] = true
			}
		}
		if len(pic.Matched)+len(pic.Declared) > 0 {
			d.PicturesOwn++
		}
		d.Pictures = append(d.Pictures, pic)
	}
	var first manifest.Date
	for i := range m.Listings {
		l := &m.Listings[i]
		out := Listing{ID: l.ID, Title: l.Title, Published: l.Published.String(), Pictures: picturesOf[l]}
		for _, e := range photos {
			if sourcesOf[l][e] {
				out.Photos = append(out.Photos, Exhibit{e.ID, e.Title})
			}
		}
		d.Listings = append(d.Listings, out)
		if !l.Published.IsZero() && (first.IsZero() || l.Published.Before(first)) {
			first = l.Published
		}
	}
	d.FirstListing = first.String()
	allOriginal := len(photos) > 0 && len(d.Originals) == len(photos)
	d.PhotosBeforeListing = allOriginal && !first.IsZero() && latest.Before(first.Time())
	d.PhotosBeforeComplaint = allOriginal && !m.Case.ComplaintDate.IsZero() && latest.Before(m.Case.ComplaintDate.Time())
	d.Further = further(photos, used, originals)

	asOf := cmp.Or(m.Case.Prepared, m.Case.ComplaintDate) // a mark expired before it "was registered"
	for _, e := range p.ExhibitsOf(exhibit.Trademark) {
		t := e.Trademark
		d.Trademarks = append(d.Trademarks, Trademark{Exhibit: e.ID, Mark: t.Mark, Number: t.Number, Office: t.Office, Owner: t.Owner,
			Status: t.Status, Registered: t.Registered.String(), Expires: t.Expires.String(),
			Expired: !t.Expires.IsZero() && !asOf.IsZero() && t.Expires.Before(asOf)})
	}
	links := map[[2]string]bool{}
	for _, e := range p.ExhibitsOf(exhibit.Authorization) {
		a := e.Authorization
		valid := ""
		if !a.From.IsZero() || !a.To.IsZero() {
			to := " to "
			if d.Lang == "zh" {
				to = " 至 "
			}
			valid = strings.TrimSpace(proseDate(a.From.String(), d.Lang) + to + proseDate(a.To.String(), d.Lang))
		}
		d.Authorizations = append(d.Authorizations, Authorization{Exhibit: e.ID, Grantor: a.Grantor, Grantee: a.Grantee, Valid: valid})
		link := [2]string{doctext.Fold(a.Grantor), doctext.Fold(a.Grantee)}
		if !links[link] {
			links[link] = true
			d.Links++
		}
	}
	d.ChainValid = chains != nil
	if chains != nil {
		used := map[string]bool{}
		for _, t := range chains.Trademarks {
			if t.Findings.Blocking() {
				d.ChainValid = false
			}
			for _, l := range t.Chain {
				for _, a := range l.LettersIn(t.Window) {
					used[a.ID] = true
				}
			}
		}
		var inChain []string
		for _, e := range p.ExhibitsOf(exhibit.Authorization) {
			if used[e.Authorization.ID] {
				inChain = append(inChain, e.ID)
			}
		}
		if len(inChain) > 0 && len(inChain) < len(d.Authorizations) {
			d.ChainLetters = inChain
		}
	}
	for _, e := range p.ExhibitsOf(exhibit.Document) {
		doc := e.Document
		d.Documents = append(d.Documents, Document{Exhibit: e.ID, Kind: doc.Kind, Title: e.Title, Date: doc.Date.String()})
	}
	return d
}

// shot is where a camera original comes from: its camera and capture day.
type shot struct{ camera, day string }

// further groups the photos no listing picture was made from by camera and
// day, in exhibit order, each group with a used photo of the same shoot
// when there is one.
func further(photos []*exhibit.Exhibit, used map[*exhibit.Exhibit]bool, originals map[*exhibit.Exhibit]shot) []PhotoGroup {
	var out []PhotoGroup
	index := map[shot]int{}
	for _, e := range photos {
		if used[e] {
			continue
		}
		sh, ok := originals[e]
		if !ok {
			sh = shot{} // not a camera original: one group for all such
		}
		i, seen := index[sh]
		if !seen {
			i = len(out)
			index[sh] = i
			g := PhotoGroup{Camera: sh.camera, Day: sh.day}
			if ok {
				for _, u := range photos {
					if used[u] && originals[u] == sh {
						g.SameShootAs = u.ID
						break
					}
				}
			}
			out = append(out, g)
		}
		out[i].Photos = append(out[i].Photos, Exhibit{e.ID, e.Title})
	}
	return out
}

// Template returns the built-in statement template for a case type and
// language, falling back to English and then to the "other" template.
func Template(caseType, lang string) (name, text string, err error) {
	return lookup("statement", caseType+"."+lang, caseType+".en", "other."+lang, "other.en")
}

// LetterKinds are the letters `appealpacket letter` writes.
var LetterKinds = []string{"withdrawal-request", "form-text"}

// LetterTemplate returns the built-in template of a letter kind in a
// language, falling back to English.
func LetterTemplate(kind, lang string) (name, text string, err error) {
	if !slices.Contains(LetterKinds, kind) {
		return "", "", fmt.Errorf("no letter of kind %q (kinds: %s)", kind, strings.Join(LetterKinds, ", "))
	}
	return lookup("letter", kind+"."+lang, kind+".en")
}

func lookup(dir string, names ...string) (name, text string, err error) {
	for _, n := range names {
		name = path.Join(dir, n+".tmpl")
		b, err := fs.ReadFile(templates.FS, name)
		if err == nil {
			return "templates/" + name, string(b), nil
		}
	}
	return "", "", fmt.Errorf("no %s template %s", dir, names[0])
}

// Write executes a statement template. name is used in error messages, so
// that a template error names the file and line. The blocks of the built-in
// parts.<lang>.tmpl ("pictures", "brand", "documents", "own words",
// "request") are defined first, so a template, the user's own too, can use
// them or define its own of the same name.
func Write(name, text string, data *Data) (string, error) {
	t := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"ids":  func(exs any) string { return ids(exs, data.Lang) },
		"date": func(day string) string { return proseDate(day, data.Lang) },
		"join": strings.Join,
		"list": english.And,
	})
	partsName, parts, err := lookup("statement", "parts."+data.Lang, "parts.en")
	if err != nil {
		return "", err
	}
	if _, err := t.New(partsName).Parse(parts); err != nil {
		return "", fmt.Errorf("statement template: %w", err)
	}
	if _, err := t.Parse(text); err != nil {
		return "", fmt.Errorf("statement template: %w", err)
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("statement template: %w", err)
	}
	return tidy(b.String()), nil
}

// ids formats exhibits as "Exhibit P-1", "Exhibits P-1 and P-2" or
// "Exhibits P-1 to P-4" for a run of consecutive IDs (in Chinese: "证据 P-1",
// "证据 P-1 和 P-2", "证据 P-1 至 P-4").
func ids(exs any, lang string) string {
	var list []string
	switch v := exs.(type) {
	case []Exhibit:
		for _, e := range v {
			list = append(list, e.Exhibit)
		}
	case []Authorization:
		for _, e := range v {
			list = append(list, e.Exhibit)
		}
	case []Trademark:
		for _, e := range v {
			list = append(list, e.Exhibit)
		}
	case []Source:
		for _, e := range v {
			list = append(list, e.Exhibit)
		}
	}
	one, many, and, to, comma := "Exhibit ", "Exhibits ", " and ", " to ", ", "
	if lang == "zh" {
		one, many, and, to, comma = "证据 ", "证据 ", " 和 ", " 至 ", "、"
	}
	switch len(list) {
	case 0:
		return ""
	case 1:
		return one + list[0]
	case 2:
		return many + list[0] + and + list[1]
	}
	if consecutive(list) {
		return many + list[0] + to + list[len(list)-1]
	}
	return many + strings.Join(list[:len(list)-1], comma) + and + list[len(list)-1]
}

// proseDate writes a YYYY-MM-DD day for running text: as it is in
// English, "2024年3月20日" in Chinese; anything else is left as it is.
func proseDate(day, lang string) string {
	t, err := time.Parse(time.DateOnly, day)
	if lang != "zh" || err != nil {
		return day
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

func consecutive(ids []string) bool {
	prefix := func(s string) string { p, _, _ := strings.Cut(s, "-"); return p }
	num := func(s string) int {
		var n int
		_, rest, _ := strings.Cut(s, "-")
		fmt.Sscan(rest, &n)
		return n
	}
	for i := 1; i < len(ids); i++ {
		if prefix(ids[i]) != prefix(ids[0]) || num(ids[i]) != num(ids[i-1])+1 {
			return false
		}
	}
	return true
}

// tidy collapses runs of blank lines left by template conditionals.
func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
