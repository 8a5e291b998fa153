// Package manifest reads a case's case.yaml (manifest version 1): it decodes
// strictly, reporting every problem as file:line:col with the field at fault,
// and resolves every file the manifest names inside the case folder.
//
// The manifest is the user-facing contract of appealpacket: the names of its
// fields are stable. A minimal manifest:
//
//	version: 1
//	case: {id: IPP-2024-0001234, complaint_date: 2024-03-20}
//	seller: {legal_name: "Shenzhen Bartech Technology Co., Ltd."}
//	photos: [{path: originals/}]
package manifest

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"time"

	"appealpacket/internal/strictyaml"
)

// FileName is the manifest's name inside a case folder.
const FileName = "case.yaml"

// Manifest is a decoded case.yaml. Dir and File are set by Load.
type Manifest struct {
	Version        int             `yaml:"version"`
	Case           Case            `yaml:"case"`
	Seller         Seller          `yaml:"seller"`
	Listings       []Listing       `yaml:"listings"`
	Photos         []Photo         `yaml:"photos"`
	Trademarks     []Trademark     `yaml:"trademarks"`
	Authorizations []Authorization `yaml:"authorizations"`
	Documents      []Document      `yaml:"documents"`

	// Dir is the case folder as given to Load; File is the manifest's path.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
	// positions maps a field path such as "case.platform" or
	// "listings[0].published" to where its value stands in the file.
	positions map[string]Pos
	// source is the text parsed.
	source []byte
}

var commentedDate = regexp.MustCompile(`^\s*#.*?\b([a-z_]+):\s*(\d{4}-\d{2}-\d{2})\b`)

// CommentedDate finds a date typed into a comment instead of as a value,
// as in "# TODO: complaint_date: 2026-11-20" (a first case.yaml written by
// an older init had such lines): for the field named key (its last part,
// e.g. "complaint_date"), the line, the comment as written and the date.
// ok is false when no comment holds one.
func (m *Manifest) CommentedDate(key string) (line int, comment, date string, ok bool) {
	for i, l := range strings.Split(string(m.source), "\n") {
		if sm := commentedDate.FindStringSubmatch(l); sm != nil && sm[1] == key {
			return i + 1, strings.TrimSpace(l), sm[2], true
		}
	}
	return 0, "", "", false
}

// Case describes the complaint being appealed.
type Case struct {
	ID            string `yaml:"id"`
	Platform      string `yaml:"platform"`
	Type          string `yaml:"type"`
	ComplaintDate Date   `yaml:"complaint_date"`
	// Received is when the seller received the complaint (the day appeal
	// windows count from); default ComplaintDate.
	Received Date `yaml:"received"`
	// Attempt is which appeal this is: 1 (the default), 2, 3 ...
	Attempt     int      `yaml:"attempt"`
	Complainant string   `yaml:"complainant"`
	Language    string   `yaml:"language"`
	Statement   string   `yaml:"statement"`
	Prepared    Date     `yaml:"prepared"`
	Penalty     *Penalty `yaml:"penalty"`
}

// Penalty records what the complaint costs the seller if the appeal fails.
type Penalty struct {
	Points      int    `yaml:"points"`
	FrozenFunds string `yaml:"frozen_funds"`
}

// Seller identifies the appealing seller; any of its names may end an
// authorization chain.
type Seller struct {
	LegalName string   `yaml:"legal_name"`
	Store     string   `yaml:"store"`
	StoreID   string   `yaml:"store_id"`
	Aliases   []string `yaml:"aliases"`
}

// Listing is one product listing named in the complaint.
type Listing struct {
	ID        string         `yaml:"id"`
	Title     string         `yaml:"title"`
	URL       string         `yaml:"url"`
	Published Date           `yaml:"published"`
	Images    []ListingImage `yaml:"images"`
	// Trademarks are the IDs of the trademarks (trademarks[].id) the
	// listing's product carries. Optional; `build --per-brand` needs it on
	// every listing to know which brand's packet the listing (and the
	// photos matched to its pictures) goes into.
	Trademarks []string `yaml:"trademarks"`
}

// ListingImage is one picture of a listing as published. In case.yaml it
// is a path ("listing/main.jpg"), or, when the seller says which original
// photo(s) it was made from, a mapping:
//
//	{path: listing/main.jpg, original: originals/IMG_0412.JPG}
//	{path: listing/collage.jpg, originals: [originals/a.jpg, originals/b.jpg]}
//
// Each declared original must be one of the case's photos. The packet shows
// a declared link as matched when the pictures' comparison confirms it, and
// as "declared by the seller" otherwise.
type ListingImage struct {
	Path      Path   `yaml:"path"`
	Original  Path   `yaml:"original"`
	Originals []Path `yaml:"originals"`
}

// Declared returns the originals the seller declares for the picture:
// Original, then Originals.
func (li *ListingImage) Declared() []*Path {
	var out []*Path
	if li.Original.Raw != "" {
		out = append(out, &li.Original)
	}
	for i := range li.Originals {
		out = append(out, &li.Originals[i])
	}
	return out
}

// Photo is one camera original, or (before Load expands it) a folder of them.
type Photo struct {
	Path    Path   `yaml:"path"`
	Listing string `yaml:"listing"`
	Note    string `yaml:"note"`
}

// Trademark is a registered or pending mark the seller relies on.
type Trademark struct {
	ID         string `yaml:"id"`
	Mark       string `yaml:"mark"`
	Number     string `yaml:"number"`
	Office     string `yaml:"office"`
	Classes    []int  `yaml:"classes"`
	Owner      string `yaml:"owner"`
	Status     string `yaml:"status"`
	Filed      Date   `yaml:"filed"`
	Registered Date   `yaml:"registered"`
	Expires    Date   `yaml:"expires"`
	Files      []Path `yaml:"files"`
	// Translation is an English or Chinese translation of the files, for
	// a certificate in another language; it follows them in the packet.
	Translation Path `yaml:"translation"`
}

// Authorization is one link of an authorization chain: Grantor allows Grantee
// to use Trademarks.
type Authorization struct {
	ID          string   `yaml:"id"`
	Grantor     string   `yaml:"grantor"`
	Grantee     string   `yaml:"grantee"`
	Trademarks  []string `yaml:"trademarks"`
	Platforms   []string `yaml:"platforms"`
	Territories []string `yaml:"territories"`
	Goods       string   `yaml:"goods"`
	Sublicense  bool     `yaml:"sublicense"`
	From        Date     `yaml:"from"`
	To          Date     `yaml:"to"`
	Files       []Path   `yaml:"files"`
	Translation Path     `yaml:"translation"` // of a letter in another language
}

// Document is any other supporting file: invoice, shooting record, design
// draft, correspondence. Buyer (optional) is the buyer named on an invoice,
// written exactly as on it; platforms that check that invoices are made out
// to the seller (Amazon) compare it with the seller's names.
type Document struct {
	Path  Path   `yaml:"path"`
	Kind  string `yaml:"kind"`
	Title string `yaml:"title"`
	Date  Date   `yaml:"date"`
	Buyer string `yaml:"buyer"`
	// Translation of a document in another language.
	Translation Path `yaml:"translation"`
	// Trademarks are the IDs of the trademarks whose goods the paper
	// covers (an invoice of one brand's goods). Optional: with
	// `build --per-brand` a paper without it goes into every brand's
	// packet.
	Trademarks []string `yaml:"trademarks"`
}

// Pos is a 1-based line and column in the manifest.
type Pos struct{ Line, Col int }

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Path is a file path as written in the manifest, relative to the case folder.
// Load sets Rel and Abs when the path resolves to a file inside the case
// folder, and leaves them empty otherwise (see Problem).
type Path struct {
	Raw string // as written
	Rel string // cleaned, slash-separated, relative to the case folder
	Abs string // where to open it
	Pos Pos
}

func (p Path) String() string {
	if p.Rel != "" {
		return p.Rel
	}
	return p.Raw
}

// Date is a calendar date (YYYY-MM-DD) with no time of day. The zero Date
// means "not given"; a Date written TODO (as `appealpacket init` does where
// the files cannot tell) is zero too, and says so with IsPlaceholder.
type Date struct {
	t    time.Time
	todo bool
}

// NewDate returns the given calendar date.
func NewDate(year int, month time.Month, day int) Date {
	return Date{t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DatePlaceholder is what ParseDate takes for a date still to be filled in.
const DatePlaceholder = "TODO"

// ParseDate parses YYYY-MM-DD, or TODO (any case) for a date still to be
// filled in.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, DatePlaceholder) {
		return Date{todo: true}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return Date{t: t}, nil
}

// IsPlaceholder reports a date written TODO: not given yet.
func (d Date) IsPlaceholder() bool { return d.todo }

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time { return d.t }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// String formats the date as YYYY-MM-DD, or "" when zero.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Allowed values of the enumerated fields.
var (
	Platforms     = []string{"aliexpress", "amazon", "temu", "shopee", "tiktok", "ebay", "etsy", "coupang", "generic"}
	CaseTypes     = []string{"image-theft", "trademark", "patent", "other"}
	Languages     = []string{"en", "zh"}
	TMStatuses    = []string{"registered", "pending"}
	DocumentKinds = []string{"invoice", "shooting-record", "design", "correspondence", "other"}
)

// Position returns where the value of field (a path like "case.platform",
// "trademarks[1].expires" or "photos[0].path") stands in the manifest, and
// whether it was written at all.
func (m *Manifest) Position(field string) (Pos, bool) {
	p, ok := m.positions[field]
	return p, ok
}

// Where formats where a field stands in the manifest, as
// "case.yaml:LINE:COL": the field itself, or the nearest enclosing field
// written in the manifest when it was not ("listings[1].url" →
// "listings[1]" → "listings"), or just the manifest's name when none was.
func (m *Manifest) Where(field string) string {
	if p, ok := strictyaml.Nearest(m.positions, field); ok {
		return m.At(p)
	}
	return m.name()
}

// At formats a position in the manifest as "case.yaml:LINE:COL", or ""
// for the zero Pos (not in the manifest).
func (m *Manifest) At(p Pos) string {
	if p.Line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", m.name(), p.Line, p.Col)
}

// name is the manifest's name in locations: File, else FileName.
func (m *Manifest) name() string { return cmp.Or(m.File, FileName) }
