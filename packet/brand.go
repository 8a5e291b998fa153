package packet

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"appealpacket/internal/i18n"
	"appealpacket/packet/chain"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
)

// brand is one brand of a case (Options.PerBrand): the trademarks of one
// mark, and the entries of case.yaml its packet holds.
type brand struct {
	mark string // as the first of its trademarks writes it
	slug string // in the files' names
	tms  []string
	sel  manifest.Selection
}

// NoBrandError is returned by a PerBrand build when listings do not say
// which trademark they carry.
type NoBrandError struct {
	Listings   []string  // "ID (case.yaml:LINE:COL)"
	Trademarks []string  // the IDs to choose from, with their marks
	Lang       i18n.Lang // the language of Error: the case's
}

func (e *NoBrandError) Error() string { return e.In(e.Lang) }

// In is the error's text in language l.
func (e *NoBrandError) In(l i18n.Lang) string {
	return messages.Count(l, "nobrand", len(e.Listings), len(e.Listings), strings.Join(e.Listings, ", "), strings.Join(e.Trademarks, ", "))
}

// splitBrands groups the case's trademarks by mark (as PACKET_SEVERAL_BRANDS
// does) and, when there are several, gives each brand its entries (a case
// of one brand or none gets them without entries). Unclear entries go
// into every brand's packet: a letter naming no trademark, a paper naming
// none; a photo goes with the listings whose pictures were made from it
// (matched, declared or by Content Credentials) or that its listing:
// names, and into none when neither says (PhotosLeftOut). A listing must
// name its trademarks: a *NoBrandError says which do not.
func splitBrands(c *collected) ([]*brand, error) {
	m := c.checked.Manifest
	var brands []*brand
	byKey := map[string]*brand{}
	of := map[string]*brand{} // trademark ID → brand
	for i, t := range m.Trademarks {
		k := brandKey(t)
		b := byKey[k]
		if b == nil {
			b = &brand{mark: t.Mark}
			if b.mark == "" {
				b.mark = t.ID
			}
			byKey[k] = b
			brands = append(brands, b)
		}
		b.tms = append(b.tms, t.ID)
		b.sel.Trademarks = append(b.sel.Trademarks, i)
		of[t.ID] = b
	}
	if len(brands) < 2 {
		return brands, nil
	}
	named := func(ids []string) []*brand {
		var out []*brand
		for _, id := range ids {
			if b := of[id]; b != nil && !slices.Contains(out, b) {
				out = append(out, b)
			}
		}
		if len(out) == 0 {
			return brands // names none: every brand's
		}
		return out
	}
	var missing []string
	listingBrands := map[string][]*brand{}
	for i, l := range m.Listings {
		if len(l.Trademarks) == 0 {
			missing = append(missing, fmt.Sprintf("%s (%s)", l.ID, m.Where(fmt.Sprintf("listings[%d]", i))))
			continue
		}
		bs := named(l.Trademarks)
		listingBrands[l.ID] = bs
		for _, b := range bs {
			b.sel.Listings = append(b.sel.Listings, i)
		}
	}
	if len(missing) > 0 {
		e := &NoBrandError{Listings: missing, Lang: langOf(m)}
		for _, t := range m.Trademarks {
			e.Trademarks = append(e.Trademarks, fmt.Sprintf("%s (%s)", t.ID, t.Mark))
		}
		return nil, e
	}
	for i, a := range m.Authorizations {
		for _, b := range named(a.Trademarks) {
			b.sel.Authorizations = append(b.sel.Authorizations, i)
		}
	}
	for i, d := range m.Documents {
		for _, b := range named(d.Trademarks) {
			b.sel.Documents = append(b.sel.Documents, i)
		}
	}
	// The listings each photo's pictures were made from.
	madeFor := map[*manifest.Photo][]string{}
	for _, e := range c.checked.Exhibits.ExhibitsOf(exhibit.Listing) {
		if e.Comparison == nil {
			continue
		}
		for _, o := range e.Comparison.Origins {
			madeFor[o.Original.Photo] = append(madeFor[o.Original.Photo], e.Listing.ID)
		}
	}
	for i := range m.Photos {
		ph := &m.Photos[i]
		ids := madeFor[ph]
		if ph.Listing != "" {
			ids = append(ids, ph.Listing)
		}
		var bs []*brand
		for _, id := range ids {
			for _, b := range listingBrands[id] {
				if !slices.Contains(bs, b) {
					bs = append(bs, b)
				}
			}
		}
		if len(bs) == 0 && ph.Path.Rel == "" {
			bs = brands // a photo that could not be read blocks every packet
		}
		for _, b := range bs {
			b.sel.Photos = append(b.sel.Photos, i)
		}
	}
	used := map[string]bool{}
	for i, b := range brands {
		b.slug = slug(b.mark)
		if b.slug == "" || used[b.slug] {
			b.slug = fmt.Sprintf("brand%d", i+1)
		}
		used[b.slug] = true
	}
	return brands, nil
}

// brandCount is the number of brands of a case, as splitBrands counts them.
func brandCount(m *manifest.Manifest) int {
	seen := map[string]bool{}
	for _, t := range m.Trademarks {
		seen[brandKey(t)] = true
	}
	return len(seen)
}

// brandKey is what the trademarks of one brand share: their mark,
// normalised; a trademark with no mark is a brand of its own.
func brandKey(t manifest.Trademark) string {
	if k := chain.NormalizeParty(t.Mark); k != "" {
		return k
	}
	return "\x00" + t.ID
}

var notInName = regexp.MustCompile(`[^a-z0-9]+`)

// slug is a mark in a file name: ASCII letters and digits, lower case,
// words joined by '-'; "" for a mark of none (a Chinese mark).
func slug(mark string) string {
	s := strings.Trim(notInName.ReplaceAllString(strings.ToLower(mark), "-"), "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

// brandCase is c narrowed to brand b: its entries numbered anew, their
// pictures compared, and the checks run on them alone.
func (c *collected) brandCase(b *brand) *collected {
	sub := c.checked.Manifest.Subset(b.sel)
	set := exhibit.Number(sub, c.byRel)
	set.CompareListings()
	keep := map[string]bool{}
	for _, h := range set.Hashes {
		keep[h.Item.Path.Rel] = true
	}
	var items []*evidence.Item
	for _, it := range c.checked.Items {
		if keep[it.Path.Rel] {
			items = append(items, it)
		}
	}
	in := c.checked
	in.Manifest, in.Problems, in.Items, in.Exhibits, in.Lang = sub, brandProblems(c.checked.Problems, b.sel), items, set, langOf(sub)
	fs, chains := check.Run(in)
	set.CameraOriginalsFirst(check.NotOriginalPhotos(set, fs))
	bc := *c
	bc.chains, bc.findings, bc.checked = chains, fs, in
	return &bc
}

// files is the stem of the file names of b's packet in case caseID.
func (b *brand) files(caseID string) string { return caseID + "-" + b.slug }

// brandProblems are the file problems of the entries b keeps (field
// "listings[2].images[0]" and the like); a photo's problems count for
// every brand (its entry may be a folder shared by several).
func brandProblems(all []manifest.Problem, sel manifest.Selection) []manifest.Problem {
	lists := map[string][]int{"listings": sel.Listings, "trademarks": sel.Trademarks, "authorizations": sel.Authorizations, "documents": sel.Documents}
	var out []manifest.Problem
	for _, p := range all {
		var list string
		var i int
		if n, _ := fmt.Sscanf(strings.ReplaceAll(p.Field, "[", " "), "%s %d", &list, &i); n == 2 {
			if idx, ok := lists[list]; ok && !slices.Contains(idx, i) {
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// buildBrands builds one packet per brand: each checked, then drawn; only
// when every one is ready (or Force) are they written, one after another.
func buildBrands(ctx context.Context, c *collected, brands []*brand, ch *profile.Channel, opts *Options) (*Result, error) {
	log := opts.logger()
	cases := make([]*collected, len(brands))
	for i, b := range brands {
		cases[i] = c.brandCase(b)
		log.Info("brand", "mark", b.mark, "files", b.slug, "trademarks", b.tms, "listings", len(b.sel.Listings), "photos", len(b.sel.Photos), "findings", len(cases[i].findings))
		if cases[i].findings.Blocking() && !opts.Force {
			return nil, &NotReadyError{Findings: cases[i].findings, Brand: b.mark, Lang: cases[i].checked.Lang}
		}
	}
	var ds []*drawn
	for i, b := range brands {
		d, err := cases[i].draw(ctx, ch, opts, b.files(c.checked.Manifest.Case.ID))
		if nr, ok := IsNotReady(err); ok {
			nr.Brand = b.mark
			return nil, nr
		}
		if err != nil {
			return nil, fmt.Errorf("brand %s: %w", b.mark, err)
		}
		ds = append(ds, d)
	}
	res := &Result{CaseID: c.checked.Manifest.Case.ID}
	for i, d := range ds {
		r, err := d.write(opts)
		if err != nil {
			return nil, fmt.Errorf("brand %s: %w", brands[i].mark, err)
		}
		r.Brand = brands[i].mark
		res.Brands = append(res.Brands, r)
		res.Files = append(res.Files, r.Files...)
		res.Pages += r.Pages
		res.Exhibits += r.Exhibits
		for _, f := range r.Findings {
			if !slices.Contains(res.Findings, f) {
				res.Findings = append(res.Findings, f)
			}
		}
	}
	res.Findings.Sort()
	res.PhotosLeftOut = photosLeftOut(c.checked.Manifest, brands)
	return res, nil
}

// photosLeftOut lists the photos of case.yaml no brand's packet holds.
func photosLeftOut(m *manifest.Manifest, brands []*brand) []string {
	inSome := map[int]bool{}
	for _, b := range brands {
		for _, i := range b.sel.Photos {
			inSome[i] = true
		}
	}
	var out []string
	for i, ph := range m.Photos {
		if !inSome[i] {
			out = append(out, ph.Path.String())
		}
	}
	return out
}

// BrandReport is the check of one brand's packet (Options.PerBrand): what
// `build --per-brand` would put in it and find.
type BrandReport struct {
	Brand    string       `json:"brand"` // the mark, as its first trademark writes it
	Files    string       `json:"files"` // the stem of its packet's file names
	Ready    bool         `json:"ready"`
	Findings finding.List `json:"findings"`
}

// BrandsVerdictIn says, in language l, whether a per-brand build can go
// ahead: how many of the brands' packets are ready ("" for a report
// without brands).
func (r *Report) BrandsVerdictIn(l i18n.Lang) string {
	if len(r.Brands) == 0 {
		return ""
	}
	ready := 0
	for _, b := range r.Brands {
		if b.Ready {
			ready++
		}
	}
	key := "brands.ready"
	if !r.Ready {
		key = "brands.not_ready"
	}
	return messages.Text(l, key, ready, len(r.Brands))
}

// PhotosLeftOutIn names, in language l, the photos no brand's packet holds
// (Result.PhotosLeftOut, Report.PhotosLeftOut); "" for none.
func PhotosLeftOutIn(l i18n.Lang, photos []string) string {
	if len(photos) == 0 {
		return ""
	}
	return messages.Count(l, "brands.left_out", len(photos), len(photos), strings.Join(photos, ", "))
}

// checkBrands fills rep.Brands, one report per brand of a case of several
// (none for a case of one), and rep.Ready from them: a per-brand build
// needs every brand ready.
func checkBrands(c *collected, rep *Report) error {
	brands, err := splitBrands(c)
	if err != nil || len(brands) < 2 {
		return err
	}
	rep.Ready = true
	for _, b := range brands {
		fs := c.brandCase(b).findings
		if fs == nil {
			fs = finding.List{}
		}
		ready := !fs.Blocking()
		rep.Brands = append(rep.Brands, BrandReport{Brand: b.mark, Files: b.files(c.checked.Manifest.Case.ID), Ready: ready, Findings: fs})
		rep.Ready = rep.Ready && ready
	}
	rep.PhotosLeftOut = photosLeftOut(c.checked.Manifest, brands)
	return nil
}
