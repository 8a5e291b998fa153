package packet

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"appealpacket/packet/assemble"
	"appealpacket/packet/check"
	"appealpacket/packet/collect"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/output"
	"appealpacket/packet/plan"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/raster"
	"appealpacket/packet/statement"
)

// Result describes a built packet.
type Result struct {
	CaseID   string
	PDF      string // path of the packet PDF (its first part when split)
	XLSX     string // path of the index XLSX
	PDFSize  int64  // bytes of PDF
	XLSXSize int64
	// Files lists every file written: the packet's parts, then the index.
	Files []OutputFile
	// Fit says how the packet was made to fit the size limit: the size of
	// the photos' display copies, and the number of parts.
	Fit assemble.Fit
	// NotAttached lists originals --attach-originals could not fit.
	NotAttached []string
	// Channel says what was written for the upload channel
	// (Options.Channel); nil without one.
	Channel *ChannelFiles
	// Brand is the brand (its mark) of a packet built with
	// Options.PerBrand; Brands, on the result Build returns then, are the
	// packets, one per brand, and Files all their files. PhotosLeftOut
	// are the photos in no brand's packet: matched to no listing picture
	// and naming no listing.
	Brand         string
	Brands        []*Result
	PhotosLeftOut []string

	Pages    int
	Exhibits int
	Findings finding.List
}

// OutputFile is one file a build wrote.
type OutputFile = output.Written

// EditedError is returned when a build would replace an output that was
// changed after appealpacket wrote it, and Options.Overwrite is not set.
type EditedError = output.EditedError

// Build checks the case in dir and writes its packet PDF and XLSX index to
// opts.OutDir; with opts.Channel, what that upload channel takes instead
// (see ChannelFiles); with opts.PerBrand, one packet per brand (see
// Options.PerBrand and Result.Brands). If the checks find blocking errors
// and opts.Force is not set, it writes nothing and returns a
// *NotReadyError.
func Build(ctx context.Context, dir string, opts Options) (*Result, error) {
	opts.masters = true
	c, err := prepare(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	var ch *profile.Channel
	if opts.Channel != "" {
		if ch, err = c.checked.Profile.Channel(opts.Channel); err != nil {
			return nil, err
		}
		if !ch.TakesPDF() && opts.Sign != nil {
			return nil, fmt.Errorf("channel %s takes pictures, which cannot carry the packet's signature: build without --sign, or for a channel that takes PDF", ch.Name)
		}
		if !ch.TakesPDF() && opts.PDFium == nil {
			// PDFium compiled once for every part and brand of this build.
			// Its code is not kept in the cache folder (Options.CacheDir):
			// it would be machine code run from a folder whose contents
			// are trusted for nothing (see package cache).
			opts.PDFium = raster.NewEngine()
			defer opts.PDFium.Close(ctx)
		}
	}
	if opts.PerBrand {
		brands, err := splitBrands(c)
		if err != nil {
			return nil, err
		}
		if len(brands) > 1 {
			return buildBrands(ctx, c, brands, ch, &opts)
		}
		opts.logger().Info("one brand: one packet", "case", c.checked.Manifest.Case.ID)
	}
	if c.findings.Blocking() && !opts.Force {
		return nil, &NotReadyError{Findings: c.findings, Lang: c.checked.Lang}
	}
	d, err := c.draw(ctx, ch, &opts, c.checked.Manifest.Case.ID)
	if err != nil {
		return nil, err
	}
	return d.write(&opts)
}

// drawn is a packet drawn but not written yet.
type drawn struct {
	c        *collected
	ch       *profile.Channel
	name     string // the files' stem: the case ID, and the brand's with PerBrand
	pk       *assemble.Packet
	p        *plan.Plan
	files    []output.File
	chFiles  *ChannelFiles
	findings finding.List
}

// draw composes, lays out and draws the packet of c (and its channel's
// files), named after name.
func (c *collected) draw(ctx context.Context, ch *profile.Channel, opts *Options, name string) (*drawn, error) {
	log := opts.logger()
	m := c.checked.Manifest
	setPrepared(m, opts.Date)
	tname, tmpl, err := statement.Template(m.Case.Type, m.Case.Language)
	if err != nil {
		return nil, err
	}
	t, err := c.compose(opts, tname, tmpl, packetText(c.checked.Exhibits))
	if err != nil {
		return nil, err
	}
	if len(t.glyphs) > 0 {
		c.findings = append(c.findings, t.glyphs...)
		c.findings.Sort()
	}
	p := plan.New(c.checked.Exhibits, plan.Content{Statement: t.body, Findings: c.findings, Chains: c.chains})

	// Draw the packet within the size limit, and the index.
	limit := opts.MaxSize
	if limit <= 0 && ch != nil && ch.TakesPDF() {
		limit = ch.MaxBytes(c.checked.Profile)
	}
	if limit <= 0 {
		limit = c.checked.Profile.MaxPacketBytes()
	}
	limit -= opts.signOverhead() // signatures are added after the packet is fitted to the limit
	minShort := assemble.FloorShortSide
	if c.checked.Profile != nil && c.checked.Profile.Picture.MinSide > minShort {
		minShort = c.checked.Profile.Picture.MinSide
	}
	a := assemble.New(assemble.Config{Plan: p, Fonts: t.fonts, Created: m.Case.Prepared.Time(), Producer: "appealpacket " + Version,
		Base: name + "-packet", IndexName: name + "-index.xlsx", Limit: limit, MinShort: minShort, Attach: opts.AttachOriginals, FindingsSheet: opts.FindingsSheet,
		Encoder: collect.NewEncoder(c.workDir, c.cache, collect.Options{MaxPixels: opts.MaxPixels, Memory: opts.Memory}), Workers: opts.Workers, Logger: log})
	opts.progress(Progress{Stage: "render"})
	if err := opts.fail("render"); err != nil {
		return nil, err
	}
	pk, err := a.Fit(ctx)
	if err != nil {
		return nil, err
	}
	// A part that could not be brought under the platform's limit (one
	// exhibit alone too big) makes the packet not ready: the cover must not
	// say otherwise.
	if over := check.PacketSize(c.checked.Lang, c.checked.Profile, partFiles(pk)...); len(over) > 0 {
		log.Warn("packet over the platform's attachment limit", "limit", c.checked.Profile.MaxPacketBytes())
		before := c.findings
		// Drawn again so that the cover lists the finding, whose message
		// gives the part's size: again while that size changes its words.
		for range 3 {
			c.findings = append(slices.Clone(before), over...)
			c.findings.Sort()
			p.Findings = c.findings
			if !opts.Force {
				return nil, &NotReadyError{Findings: c.findings, Lang: c.checked.Lang}
			}
			if pk, err = a.Redraw(ctx, pk); err != nil {
				return nil, err
			}
			now := check.PacketSize(c.checked.Lang, c.checked.Profile, partFiles(pk)...)
			if slices.Equal(now, over) {
				break
			}
			over = now
		}
	}
	if err := opts.signParts(ctx, pk.Parts, m.Case.ID); err != nil {
		return nil, err
	}
	d := &drawn{c: c, ch: ch, name: name, pk: pk, p: p, findings: c.findings}
	if ch != nil {
		if !ch.TakesPDF() {
			// Before the pages are drawn (seconds each): an edited page
			// picture in the way stops the build now.
			if err := output.Check("", true, d.outputOptions(opts)); err != nil {
				return nil, err
			}
		}
		if d.files, d.chFiles, err = channelFiles(ctx, c.checked.Profile, ch, pk, c.checked.Exhibits, name, opts); err != nil {
			return nil, err
		}
	} else {
		for k, pt := range pk.Parts {
			d.files = append(d.files, output.File{Name: pt.Name, Data: pt.Data, Part: k + 1})
		}
		d.files = append(d.files, output.File{Name: name + "-index.xlsx", Data: pk.Index})
	}
	return d, nil
}

// outputOptions says where and how a drawn packet's files are written.
func (d *drawn) outputOptions(opts *Options) output.Options {
	return output.Options{Dir: opts.OutDir, Base: d.name + "-packet", Pictures: d.name, Cache: d.c.cache,
		Overwrite: opts.Overwrite, FailAt: opts.failAt}
}

// write writes a drawn packet: never over an output a user edited; all
// its files or none.
func (d *drawn) write(opts *Options) (*Result, error) {
	log := opts.logger()
	m, ch, pk := d.c.checked.Manifest, d.ch, d.pk
	written, err := output.Write(d.files, d.outputOptions(opts))
	if err != nil {
		return nil, err
	}
	res := &Result{CaseID: m.Case.ID, Exhibits: len(d.p.Exhibits), Findings: d.findings, Fit: pk.Fit, Files: written, Channel: d.chFiles}
	attached := map[*evidence.Item]bool{}
	for _, pt := range pk.Parts {
		res.Pages += pt.Plan.Total
		for _, f := range pt.Attached {
			attached[f] = true
		}
	}
	if ch == nil {
		res.PDF, res.PDFSize = written[0].Path, written[0].Size
		res.XLSX, res.XLSXSize = written[len(written)-1].Path, written[len(written)-1].Size
	} else if ch.TakesPDF() {
		res.PDF, res.PDFSize = written[0].Path, written[0].Size
	}
	for _, h := range d.p.Hashes {
		if (opts.AttachOriginals || len(h.Item.Signatures) > 0) && !attached[h.Item] {
			res.NotAttached = append(res.NotAttached, h.Item.Path.Rel)
		}
	}
	opts.progress(Progress{Stage: "done"})
	log.Info("built packet", "case", m.Case.ID, "name", d.name, "files", len(res.Files), "pages", res.Pages, "bytes", res.PDFSize)
	return res, nil
}

// partFiles names the parts of a packet and their sizes, for the size check.
func partFiles(pk *assemble.Packet) []check.PacketFile {
	files := make([]check.PacketFile, len(pk.Parts))
	for i, pt := range pk.Parts {
		files[i] = check.PacketFile{Name: pt.Name, Size: int64(len(pt.Data))}
	}
	return files
}

// packetText lists the text the packet will draw that comes from the user
// (the statement aside).
func packetText(p *exhibit.Set) []string {
	m := p.Manifest
	out := []string{m.Case.Complainant, m.Seller.LegalName, m.Seller.Store}
	for _, e := range p.Exhibits {
		out = append(out, e.Title)
		for _, f := range e.Files {
			out = append(out, f.Path.Rel)
			if f.Meta != nil {
				out = append(out, f.Meta.Make, f.Meta.Model, f.Meta.Software, f.Meta.LensModel)
			}
		}
	}
	for _, t := range m.Trademarks {
		out = append(out, t.Owner, t.Mark)
	}
	for _, a := range m.Authorizations {
		out = append(out, a.Grantor, a.Grantee, a.Goods, strings.Join(a.Territories, " "))
	}
	return out
}
