package packet

import (
	"bytes"
	"context"
	"crypto/x509"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"appealpacket/internal/digest"
	"appealpacket/internal/i18n"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/collect"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/render/report"
)

// Report is the outcome of checking a case without building it.
type Report struct {
	CaseID   string       `json:"case"`
	Ready    bool         `json:"ready"`
	Findings finding.List `json:"findings"`
	// ListingPictures says, for each listing picture, the original it was
	// made from.
	ListingPictures []ListingPicture `json:"listing_pictures"`
	// Thumbnails are small JPEGs of the pictures the findings and listing
	// pictures name, by file, when Options.Thumbnails asked for them (for
	// WriteHTML).
	Thumbnails map[string][]byte `json:"-"`
	// Lang is the language of the findings and of WriteHTML's page:
	// case.language, or Options.Lang.
	Lang i18n.Lang `json:"-"`
	// Brands, with Options.PerBrand on a case of several brands, are the
	// checks of each brand's packet; Ready then says every brand is
	// ready, as a per-brand build needs. PhotosLeftOut are the photos no
	// brand's packet would hold.
	Brands        []BrandReport `json:"brands,omitempty"`
	PhotosLeftOut []string      `json:"photos_left_out,omitempty"`
}

// WriteHTML writes the report as one self-contained HTML page for the
// seller (see package report).
func (r *Report) WriteHTML(w io.Writer) error {
	d := &report.Data{Lang: r.Lang, CaseID: r.CaseID, Ready: r.Ready, Findings: r.Findings, Thumbnails: r.Thumbnails}
	for _, lp := range r.ListingPictures {
		l := report.Listing{Exhibit: lp.Exhibit, File: lp.File, Listing: lp.Listing}
		for _, o := range lp.Originals {
			l.Originals = append(l.Originals, report.Original{Exhibit: o.Exhibit, File: o.File, How: o.How, Distance: o.Distance})
		}
		d.Listings = append(d.Listings, l)
	}
	for _, b := range r.Brands {
		d.Brands = append(d.Brands, report.Brand{Name: b.Brand, Files: b.Files, Ready: b.Ready, Findings: b.Findings})
	}
	d.BrandsVerdict, d.LeftOut = r.BrandsVerdictIn(r.Lang), PhotosLeftOutIn(r.Lang, r.PhotosLeftOut)
	return report.WriteHTML(w, d)
}

// thumbnailSide is the long side of a report's thumbnails, in pixels.
const thumbnailSide = 240

// thumbnails makes the thumbnails of the pictures a report names.
func thumbnails(set *exhibit.Set, fs finding.List, lps []ListingPicture, log *slog.Logger) map[string][]byte {
	want := map[string]bool{}
	for _, f := range fs {
		want[f.File] = true
	}
	for _, lp := range lps {
		want[lp.File] = true
		for _, o := range lp.Originals {
			want[o.File] = true
		}
	}
	out := map[string][]byte{}
	for _, e := range set.Exhibits {
		for _, it := range e.Files {
			rel := it.Path.Rel
			if !want[rel] || out[rel] != nil || it.Display == nil {
				continue
			}
			b, err := collect.Thumbnail(it, thumbnailSide, 1<<30)
			if err != nil {
				log.Debug("no thumbnail", "file", rel, "err", err)
				continue
			}
			out[rel] = b
		}
	}
	return out
}

// ListingPicture is a listing picture and the original photo(s) it was
// made from.
type ListingPicture struct {
	Exhibit string `json:"exhibit"`
	File    string `json:"file"`
	Listing string `json:"listing"`
	// Original is the first of Originals, or nil when no original was
	// found.
	Original  *Source  `json:"original"`
	Originals []Source `json:"originals"`
}

// Source is an original photo a listing picture was made from.
type Source struct {
	Exhibit string `json:"exhibit"`
	File    string `json:"file"`
	// Distance is the comparison's, 0 (the same picture) to 100; -1 when
	// the pictures could not be compared.
	Distance int `json:"distance"`
	// How is "matched" (the comparison finds the listing picture in the
	// original) or "declared" (case.yaml says so; the comparison does not
	// confirm it).
	How string `json:"how"`
	// Declared reports that case.yaml names this original.
	Declared bool `json:"declared"`
}

// listingPictures lists the origins of every listing picture of a plan.
func listingPictures(p *exhibit.Set) []ListingPicture {
	out := []ListingPicture{}
	for _, e := range p.ExhibitsOf(exhibit.Listing) {
		lp := ListingPicture{Exhibit: e.ID, File: e.Files[0].Path.Rel, Listing: e.Listing.ID, Originals: []Source{}}
		if c := e.Comparison; c != nil {
			for _, o := range c.Origins {
				lp.Originals = append(lp.Originals, Source{Exhibit: o.Original.ID, File: o.Original.Files[0].Path.Rel,
					Distance: o.Distance, How: o.How, Declared: o.SellerDeclared})
			}
		}
		if len(lp.Originals) > 0 {
			lp.Original = &lp.Originals[0]
		}
		out = append(out, lp)
	}
	return out
}

// Check runs Load, Collect and Check on the case in dir and writes nothing.
// An error means the check could not run (no manifest, a manifest error,
// an unreadable folder); problems of the case itself are findings.
func Check(ctx context.Context, dir string, opts Options) (*Report, error) {
	c, err := prepare(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	if c.findings == nil {
		c.findings = finding.List{}
	}
	rep := &Report{Lang: c.checked.Lang, CaseID: c.checked.Manifest.Case.ID, Ready: !c.findings.Blocking(), Findings: c.findings, ListingPictures: listingPictures(c.checked.Exhibits)}
	if opts.PerBrand {
		if err := checkBrands(c, rep); err != nil {
			return nil, err
		}
	}
	if opts.Thumbnails {
		fs := c.findings
		for _, b := range rep.Brands {
			fs = append(slices.Clip(fs), b.Findings...)
		}
		rep.Thumbnails = thumbnails(c.checked.Exhibits, fs, rep.ListingPictures, opts.logger())
	}
	return rep, nil
}

// Inspect reads the metadata of picture files, shaped like `exiftool -json -n`
// output (see exif.Meta.ExifToolFields) plus SHA256, Warnings and C2PA (a
// c2pa.Report: the file's Content Credentials, validated against the trust
// list of c2paTrustFile, a PEM bundle; "" for none). A folder is walked for
// pictures; a file named explicitly is always reported, with a warning when
// it is not a picture. ok is false when no file could be read as a picture.
func Inspect(paths []string, c2paTrustFile string) (entries []map[string]any, ok bool, err error) {
	trust, _, err := readC2PATrust(c2paTrustFile)
	if err != nil {
		return nil, false, err
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, false, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && manifest.IsImageName(d.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, false, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	for _, f := range files {
		e, read := inspectFile(f, trust)
		entries = append(entries, e)
		ok = ok || read
	}
	return entries, ok, nil
}

// maxInspectBytes is the largest picture inspect reads, as for evidence.
const maxInspectBytes = 1 << 30

func inspectFile(name string, trust *x509.CertPool) (map[string]any, bool) {
	entry := map[string]any{"SourceFile": filepath.ToSlash(name)}
	warnings := []string{}
	defer func() { entry["Warnings"] = warnings }()
	data, err := regularfile.Read(name, maxInspectBytes)
	if err != nil {
		warnings = append(warnings, err.Error())
		return entry, false
	}
	entry["SHA256"] = digest.Hex(data)
	entry["C2PA"] = c2pa.Inspect(bytes.NewReader(data), int64(len(data)), c2pa.Options{TrustAnchors: trust})
	meta, err := exif.Read(data)
	if err != nil {
		warnings = append(warnings, err.Error())
		return entry, false
	}
	for k, v := range meta.ExifToolFields() {
		entry[k] = v
	}
	warnings = append(warnings, meta.Warnings...)
	return entry, true
}
