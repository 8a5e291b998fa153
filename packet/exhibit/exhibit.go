// Package exhibit numbers a case's evidence, the stage after collecting:
// listing pictures (L-n), original photos (P-n), trademark certificates
// (T-n), authorizations (A-n) and other documents (D-n), in manifest
// order, with the original files they show; and it finds, for each listing
// picture, the original photo(s) it was made from (package match, the
// seller's declarations in case.yaml, Content Credentials). Checks, the
// statement and the layout all refer to exhibits by these IDs.
package exhibit

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/manifest"
	"appealpacket/packet/match"
)

// Kind is the kind of an exhibit; it gives the exhibit ID's prefix.
type Kind int

const (
	Listing Kind = iota
	Photo
	Trademark
	Authorization
	Document
)

// Prefix is the letter of the exhibit IDs of a kind: L, P, T, A or D.
func (k Kind) Prefix() string { return [...]string{"L", "P", "T", "A", "D"}[k] }

func (k Kind) String() string {
	return [...]string{"listing picture", "original photo", "trademark certificate", "authorization", "document"}[k]
}

// Exhibit is one numbered piece of evidence.
type Exhibit struct {
	ID    string // e.g. "P-3"
	Kind  Kind
	Title string
	Files []*evidence.Item

	// Comparison is, for a listing picture, what comparing it with the
	// case's photos found (set by CompareListings).
	Comparison *Comparison
	// Image is, for a listing picture, its entry in case.yaml.
	Image *manifest.ListingImage
	// Translation is the translation of a certificate, letter or document
	// in another language: the last of Files.
	Translation *evidence.Item

	// The manifest entry the exhibit shows; exactly one is set.
	Listing       *manifest.Listing
	Photo         *manifest.Photo
	Trademark     *manifest.Trademark
	Authorization *manifest.Authorization
	Document      *manifest.Document
}

// How an original is known to be the source of a listing picture.
const (
	// Matched: comparing the pictures finds the listing picture in the
	// original (distance at most match.Threshold).
	Matched = "matched"
	// Declared: the seller says so in case.yaml, and the comparison does
	// not confirm it.
	Declared = "declared"
	// Credentials: the listing picture's Content Credentials (C2PA) name
	// the original's signed manifest as an ingredient; the comparison does
	// not find the picture in it (an edit beyond what it sees).
	Credentials = "c2pa"
)

// Origin is an original photo a listing picture was made from.
type Origin struct {
	Original *Exhibit // a photo exhibit
	How      string   // Matched or Declared
	// SellerDeclared reports that case.yaml names this original for the
	// picture (confirmed by the comparison when How is Matched).
	SellerDeclared bool
	// Distance is the comparison's distance, 0 (the same picture) to
	// match.MaxDistance; -1 when the pictures could not be compared.
	Distance int
	// Region is where the listing picture lies in the original, in
	// fractions of the original's upright width and height (Matched only).
	Region match.Region
	// Credentials reports that the listing picture's Content Credentials
	// name this original's signed manifest as an ingredient.
	Credentials bool
}

// Comparison is what comparing a listing picture with the case's photos
// found.
type Comparison struct {
	// Origins are the originals the picture was made from, matched ones
	// first (closest first; CameraOriginalsFirst then puts the camera
	// originals before the copies), then those only declared by the
	// seller. Empty when none was found.
	Origins []Origin
	// Compared reports that the picture could be compared with at least
	// one photo (both decoded).
	Compared bool
	// Nearest is the closest photo and its distance when nothing matched,
	// for the seller's report; never shown to the reviewer as an origin.
	Nearest *Exhibit
	// NearestDistance is Nearest's distance.
	NearestDistance int
	// Unknown lists declared originals that are not photos of the case.
	Unknown []*manifest.Path
}

// Matched returns the origins the comparison confirms.
func (c *Comparison) Matched() []Origin {
	var out []Origin
	for _, o := range c.Origins {
		if o.How == Matched {
			out = append(out, o)
		}
	}
	return out
}

// CompareListings compares every listing picture with every photo (see
// package match) and records, on each listing exhibit, the originals it was
// made from: the photos whose comparison finds the picture, and those the
// seller declares in case.yaml (as Declared when the comparison does not
// confirm them).
func (p *Set) CompareListings() {
	photos := p.ExhibitsOf(Photo)
	listings := p.ExhibitsOf(Listing)
	// Every listing picture with every photo, on every core.
	lfs, ofs := make([]match.Fingerprint, len(listings)), make([]match.Fingerprint, len(photos))
	for i, e := range listings {
		lfs[i] = e.Files[0].Fingerprint
	}
	for j, ph := range photos {
		ofs[j] = ph.Files[0].Fingerprint
	}
	table := match.Table(lfs, ofs)
	for i, e := range listings {
		c := &Comparison{NearestDistance: -1}
		e.Comparison = c
		declared := map[*Exhibit]bool{}
		var declaredOrder []*Exhibit
		if e.Image != nil {
			for _, d := range e.Image.Declared() {
				ph := p.byFile[d.Rel]
				if d.Rel == "" || ph == nil || ph.Kind != Photo {
					c.Unknown = append(c.Unknown, d)
					continue
				}
				if !declared[ph] {
					declared[ph] = true
					declaredOrder = append(declaredOrder, ph)
				}
			}
		}
		lf := e.Files[0].Fingerprint
		dist := map[*Exhibit]match.Match{}
		if !lf.IsZero() {
			for j, ph := range photos {
				if ph.Files[0].Fingerprint.IsZero() {
					continue
				}
				m := table[i][j]
				dist[ph] = m
				c.Compared = true
				if m.Close {
					c.Origins = append(c.Origins, Origin{Original: ph, How: Matched, SellerDeclared: declared[ph], Distance: m.Distance, Region: m.Region})
				} else if c.Nearest == nil || m.Distance < c.NearestDistance {
					c.Nearest, c.NearestDistance = ph, m.Distance
				}
			}
		}
		slices.SortStableFunc(c.Origins, func(a, b Origin) int { return cmp.Compare(a.Distance, b.Distance) })
		for _, ph := range ingredientsOf(e.Files[0], photos) {
			if i := slices.IndexFunc(c.Origins, func(o Origin) bool { return o.Original == ph }); i >= 0 {
				c.Origins[i].Credentials = true
				continue
			}
			d := -1
			if m, ok := dist[ph]; ok {
				d = m.Distance
			}
			c.Origins = append(c.Origins, Origin{Original: ph, How: Credentials, SellerDeclared: declared[ph], Distance: d, Credentials: true})
		}
		for _, ph := range declaredOrder {
			m, ok := dist[ph]
			if ok && m.Close || slices.ContainsFunc(c.Origins, func(o Origin) bool { return o.Original == ph }) {
				continue // matched, or named by the credentials, above
			}
			d := -1
			if ok {
				d = m.Distance
			}
			c.Origins = append(c.Origins, Origin{Original: ph, How: Declared, SellerDeclared: true, Distance: d})
		}
		if len(c.Origins) > 0 {
			c.Nearest, c.NearestDistance = nil, -1
		}
	}
}

// CameraOriginalsFirst puts, among each listing picture's matched origins,
// the camera originals before the photos in notOriginal (the IDs of photo
// exhibits that are not their camera's original file, as the checks found:
// check.NotOriginalPhotos), each group closest first. A resized copy that
// kept its EXIF, or a copy stripped of it, matches the listing picture as
// closely as the original or more: the packet cites the original first,
// and shows it beside the picture.
func (p *Set) CameraOriginalsFirst(notOriginal map[string]bool) {
	copied := func(o Origin) int {
		if notOriginal[o.Original.ID] {
			return 1
		}
		return 0
	}
	for _, e := range p.ExhibitsOf(Listing) {
		if e.Comparison == nil {
			continue
		}
		origins := e.Comparison.Origins
		n := 0 // the matched origins come first
		for n < len(origins) && origins[n].How == Matched {
			n++
		}
		slices.SortStableFunc(origins[:n], func(a, b Origin) int {
			return cmp.Or(cmp.Compare(copied(a), copied(b)), cmp.Compare(a.Distance, b.Distance))
		})
	}
}

// ingredientsOf returns the photos whose validated Content Credentials
// the listing picture's own (valid) credentials name as an ingredient, at
// any depth: the listing picture was made from them, as signed.
func ingredientsOf(listing *evidence.Item, photos []*Exhibit) []*Exhibit {
	r := listing.C2PA
	if r == nil || r.ActiveManifest == nil || r.State == c2pa.StateInvalid {
		return nil
	}
	labels := map[string]bool{}
	var walk func(m *c2pa.Manifest, depth int)
	walk = func(m *c2pa.Manifest, depth int) {
		if m == nil || depth > 16 {
			return
		}
		for _, ing := range m.Ingredients {
			if ing.Manifest != nil && ing.Manifest.Label != "" {
				labels[ing.Manifest.Label] = true
				walk(ing.Manifest, depth+1)
			}
		}
	}
	walk(r.ActiveManifest, 0)
	var out []*Exhibit
	for _, ph := range photos {
		pr := ph.Files[0].C2PA
		if pr != nil && pr.ActiveManifest != nil && pr.State != c2pa.StateInvalid && labels[pr.ActiveManifest.Label] {
			out = append(out, ph)
		}
	}
	return out
}

// HashRow is one original file in the hash appendix.
type HashRow struct {
	Item     *evidence.Item
	Exhibits []string // IDs of the exhibits showing the file
}

// Set is the numbered exhibits of a case and the original files they show.
type Set struct {
	Manifest *manifest.Manifest
	Exhibits []*Exhibit
	Hashes   []HashRow // every original file once, in exhibit order

	byEntry map[entry]*Exhibit  // trademark and authorization exhibits, by manifest ID
	byFile  map[string]*Exhibit // the first exhibit showing each file, by Rel path
}

// entry is a manifest entry that has an ID: a trademark or an authorization.
type entry struct {
	kind Kind
	id   string
}

// ExhibitFor returns the exhibit showing the trademark (k is Trademark) or
// the authorization (k is Authorization) with manifest ID id, or nil.
func (p *Set) ExhibitFor(k Kind, id string) *Exhibit { return p.byEntry[entry{k, id}] }

// ExhibitOfFile returns the first exhibit showing the file with Rel path
// rel, or nil.
func (p *Set) ExhibitOfFile(rel string) *Exhibit { return p.byFile[rel] }

// Exhibit returns the exhibit with the given ID, or nil.
func (p *Set) Exhibit(id string) *Exhibit {
	for _, e := range p.Exhibits {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// ExhibitsOf returns the exhibits of one kind, in order.
func (p *Set) ExhibitsOf(k Kind) []*Exhibit {
	var out []*Exhibit
	for _, e := range p.Exhibits {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

// Number numbers the exhibits of a case: listing pictures (L-n), original photos
// (P-n), trademark certificates (T-n), authorizations (A-n) and other
// documents (D-n), in manifest order. items maps a file's Rel path to what
// was collected about it; files that were not collected (missing, outside the
// case) are left out, and an entry with no usable file gets no exhibit.
func Number(m *manifest.Manifest, items map[string]*evidence.Item) *Set {
	p := &Set{Manifest: m, byEntry: map[entry]*Exhibit{}, byFile: map[string]*Exhibit{}}
	lang, _ := i18n.Parse(m.Case.Language)
	t := func(key string, args ...any) string { return messages.Text(lang, key, args...) }
	counts := map[Kind]int{}
	add := func(e *Exhibit, paths []manifest.Path, translation ...manifest.Path) {
		for _, path := range paths {
			if it := items[path.Rel]; path.Rel != "" && it != nil {
				e.Files = append(e.Files, it)
			}
		}
		if len(e.Files) == 0 {
			return
		}
		for _, path := range translation {
			if it := items[path.Rel]; path.Rel != "" && it != nil {
				e.Files = append(e.Files, it)
				e.Translation = it
			}
		}
		counts[e.Kind]++
		e.ID = fmt.Sprintf("%s-%d", e.Kind.Prefix(), counts[e.Kind])
		p.Exhibits = append(p.Exhibits, e)
	}
	for i := range m.Listings {
		l := &m.Listings[i]
		for j := range l.Images {
			img := &l.Images[j]
			title := t("title.listing", l.ID, j+1)
			if l.Title != "" {
				title = t("title.listing.titled", l.ID, j+1, l.Title)
			}
			add(&Exhibit{Kind: Listing, Title: title, Listing: l, Image: img}, []manifest.Path{img.Path})
		}
	}
	for i := range m.Photos {
		ph := &m.Photos[i]
		title := path.Base(ph.Path.String())
		if ph.Note != "" {
			title = t("title.with", title, ph.Note)
		}
		add(&Exhibit{Kind: Photo, Title: title, Photo: ph}, []manifest.Path{ph.Path})
	}
	for i := range m.Trademarks {
		tm := &m.Trademarks[i]
		title := t("title.trademark", tm.Mark)
		if tm.Office != "" || tm.Number != "" {
			title = t("title.trademark.number", tm.Mark, strings.TrimSpace(t("title.office", tm.Office, tm.Number)))
		}
		add(&Exhibit{Kind: Trademark, Title: title, Trademark: tm}, tm.Files, tm.Translation)
	}
	for i := range m.Authorizations {
		a := &m.Authorizations[i]
		title := t("title.authorization", a.Grantor, a.Grantee)
		add(&Exhibit{Kind: Authorization, Title: title, Authorization: a}, a.Files, a.Translation)
	}
	for i := range m.Documents {
		d := &m.Documents[i]
		title := d.Title
		if title == "" {
			title = path.Base(d.Path.String())
		}
		add(&Exhibit{Kind: Document, Title: t("title.with", t(kindTitle(d.Kind)), title), Document: d}, []manifest.Path{d.Path}, d.Translation)
	}

	seen := map[string]int{}
	for _, e := range p.Exhibits {
		var k entry
		switch {
		case e.Trademark != nil:
			k = entry{Trademark, e.Trademark.ID}
		case e.Authorization != nil:
			k = entry{Authorization, e.Authorization.ID}
		}
		if _, dup := p.byEntry[k]; k.id != "" && !dup {
			p.byEntry[k] = e
		}
		for _, f := range e.Files {
			if i, ok := seen[f.Path.Rel]; ok {
				p.Hashes[i].Exhibits = append(p.Hashes[i].Exhibits, e.ID)
				continue
			}
			seen[f.Path.Rel] = len(p.Hashes)
			p.byFile[f.Path.Rel] = e
			p.Hashes = append(p.Hashes, HashRow{Item: f, Exhibits: []string{e.ID}})
		}
	}
	return p
}

// kindTitle is the message key of a document kind's name.
func kindTitle(kind string) string {
	switch kind {
	case "invoice", "shooting-record", "design", "correspondence":
		return "kind." + kind
	}
	return "kind.document"
}

// messages are the exhibits' titles, in English and Chinese.
var messages = i18n.Catalog{
	"title.listing":          {En: "Listing %s, picture %d", Zh: "商品 %s 图片 %d"},
	"title.listing.titled":   {En: "Listing %s, picture %d: %s", Zh: "商品 %s 图片 %d：%s"},
	"title.with":             {En: "%s: %s", Zh: "%s：%s"},
	"title.trademark":        {En: "Trademark %s", Zh: "商标 %s"},
	"title.trademark.number": {En: "Trademark %s, %s", Zh: "商标 %s，%s"},
	"title.office":           {En: "%s No. %s", Zh: "%s 第 %s 号"},
	"title.authorization":    {En: "Authorization %s → %s", Zh: "授权书 %s → %s"},
	"kind.invoice":           {En: "Invoice", Zh: "发票"},
	"kind.shooting-record":   {En: "Shooting record", Zh: "拍摄记录"},
	"kind.design":            {En: "Design draft", Zh: "设计稿"},
	"kind.correspondence":    {En: "Correspondence", Zh: "往来函件"},
	"kind.document":          {En: "Document", Zh: "文件"},
}
