// Package assemble turns a numbered, checked case into the files of its
// packet: it draws the PDF (package render/pdf) within the platform's size
// limit — smaller display copies of the photos first, down to a floor
// where labels stay legible, then numbered parts — finishes every part
// (pages of PDF evidence stamped in, the sealed manifest and, when asked,
// the originals embedded), and writes the index workbook. It writes no
// file: package output does.
package assemble

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/collect"
	"appealpacket/packet/evidence"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/integrity"
	"appealpacket/packet/plan"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/render/pdfimport"
	"appealpacket/packet/render/pdfpatch"
	"appealpacket/packet/render/xlsx"
)

// Config is what an Assembler needs.
type Config struct {
	Plan  *plan.Plan // numbered, with its statement, findings and chains
	Fonts *pdf.Fonts
	// Created dates the files; Producer ("appealpacket 0.1.0") names the
	// tool in them and in the embedded manifest.
	Created  time.Time
	Producer string
	// Base is the packet files' name stem ("<case-id>-packet"), IndexName
	// the workbook's file name.
	Base, IndexName string
	// Limit is the largest packet file; MinShort the smallest short side
	// of a photo's display copy.
	Limit    int64
	MinShort int
	// Attach embeds the original files as far as the limit allows.
	Attach bool
	// FindingsSheet adds the seller's findings (with their hints) to the
	// index workbook; off, the index addresses the reviewer only.
	FindingsSheet bool
	Encoder       *collect.Encoder // display copies at a chosen size
	Workers       int              // encodings at once; default 1
	Logger        *slog.Logger     // default discards
}

// New returns an Assembler for one build.
func New(c Config) *Assembler {
	log := c.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Assembler{p: c.Plan, fonts: c.Fonts, pdfOpts: pdf.Options{Created: c.Created, Producer: c.Producer},
		base: c.Base, xlsxName: c.IndexName, limit: c.Limit, minShort: c.MinShort, attach: c.Attach, findingsSheet: c.FindingsSheet,
		encoder: c.Encoder, workers: max(c.Workers, 1), log: log}
}

// Part is one finished packet file.
type Part struct {
	Name string
	Data []byte
	Plan *plan.Plan // the part's own pagination
	// Attached lists the originals embedded in the part.
	Attached []*evidence.Item
}

// Packet is the assembled packet: its parts (one when not split), the
// index workbook, and how it was made to fit.
type Packet struct {
	Parts []*Part
	Index []byte
	Fit   Fit
}

// Fit says how a packet was made to fit the size limit.
type Fit struct {
	Side, Quality int  // long side (px) and JPEG quality of the photos' display copies
	Reduced       bool // smaller than the best level, to fit
	Parts         int  // files the packet was split into (1: not split)
	Limit         int64
}

// String says it in words, e.g. "display copies reduced to 1100 px,
// quality 66, to fit 10 MB".
func (f Fit) String() string {
	s := fmt.Sprintf("display copies %d px, quality %d", f.Side, f.Quality)
	if f.Reduced {
		s = fmt.Sprintf("display copies reduced to %d px, quality %d", f.Side, f.Quality)
	}
	switch {
	case f.Parts > 1:
		s += fmt.Sprintf(", and the packet split in %d parts to fit %s", f.Parts, humanSize(f.Limit))
	case f.Reduced:
		s += ", to fit " + humanSize(f.Limit)
	}
	return s
}

// FloorShortSide is the smallest short side of a display copy when the
// platform's profile sets no minimum picture side.
const FloorShortSide = floorShortSide

// Fit draws the packet within the size limit, reducing display copies,
// then splitting (see the package documentation). A part may still be
// over the limit when one exhibit alone is: the caller checks.
func (r *Assembler) Fit(ctx context.Context) (*Packet, error) {
	parts, index, fit, err := r.layout(ctx)
	if err != nil {
		return nil, err
	}
	return packetOf(parts, index, fit), nil
}

// Redraw draws the packet again with its parts as they are (after a change
// to the plan's findings, say), keeping the display copies and the fit.
func (r *Assembler) Redraw(ctx context.Context, pk *Packet) (*Packet, error) {
	parts, index, err := r.render(ctx, len(pk.Parts))
	if err != nil {
		return nil, err
	}
	return packetOf(parts, index, pk.Fit), nil
}

func packetOf(parts []*part, index []byte, fit Fit) *Packet {
	pk := &Packet{Index: index, Fit: fit}
	for _, pt := range parts {
		pk.Parts = append(pk.Parts, &Part{Name: pt.name, Data: pt.data, Plan: pt.plan, Attached: pt.attached})
	}
	return pk
}

// drawPDF draws a packet plan with fpdf and returns it with the pages of
// PDF exhibits still to stamp into it (see pdfimport.Compose).
func drawPDF(p *plan.Plan, fonts *pdf.Fonts, opts pdf.Options) ([]byte, []pdfimport.Placement, error) {
	var buf bytes.Buffer
	r, err := pdf.Render(p, fonts, &buf, opts)
	if err != nil {
		return nil, nil, err
	}
	pls := make([]pdfimport.Placement, len(r.Placements))
	for i, pl := range r.Placements {
		pls[i] = pdfimport.Placement{Source: pdfimport.SourceOf(pl.File.PDF), SourcePage: pl.SourcePage, TargetPage: pl.TargetPage,
			Box: pdfimport.Rect{X: pl.X, Y: pl.Y, W: pl.W, H: pl.H}}
	}
	return buf.Bytes(), pls, nil
}

// Display levels tried, best first, when a packet is over the size limit:
// the long side of photo display copies and their JPEG quality. The floor
// is the last level, and no copy's short side goes below the platform's
// minimum picture side (700 px on AliExpress) or 600 px when the profile
// sets none: smaller than that, a reviewer can no longer read a label or
// compare a picture with the listing.
var displayLevels = []struct{ side, quality int }{
	{1600, 85}, {1600, 78}, {1600, 72}, {1500, 70}, {1400, 70}, {1280, 68}, {1100, 66}, {1000, 64}, {900, 62},
}

const floorShortSide = 600

// part is a rendered packet part, ready to write.
type part struct {
	plan       *plan.Plan
	name       string
	raw        []byte                // as drawn by fpdf
	placements []pdfimport.Placement // PDF exhibit pages to stamp into raw
	data       []byte                // finished: pages stamped, manifest (and originals) embedded, sealed
	// attached lists the originals embedded in the part.
	attached []*evidence.Item
}

// Assembler draws the packet of one build, as one file or as parts. Make
// one with New; it is not safe for concurrent use.
type Assembler struct {
	p        *plan.Plan
	fonts    *pdf.Fonts
	pdfOpts  pdf.Options
	base     string // file name stem: "<case-id>-packet"
	xlsxName string
	limit    int64
	minShort int
	attach   bool
	// findingsSheet: see Config.FindingsSheet.
	findingsSheet bool
	encoder       *collect.Encoder
	workers       int
	log           *slog.Logger
	// measurer paginates every plan of the build (see pdf.Measurer).
	measurer *pdf.Measurer
}

// measure returns the Measurer of the build, made when first needed.
func (r *Assembler) measure() *pdf.Measurer {
	if r.measurer == nil {
		r.measurer = pdf.NewMeasurer(r.fonts)
	}
	return r.measurer
}

// front lists the sections before the exhibits of part k.
func (r *Assembler) front(k int) []plan.Section {
	if k > 1 {
		return []plan.Section{plan.Cover, plan.Index}
	}
	front := []plan.Section{plan.Cover, plan.Statement, plan.Index}
	if r.p.Chains != nil && len(r.p.Chains.Trademarks) > 0 {
		front = append(front, plan.Chain)
	}
	if pdf.HasTimeline(r.p) {
		front = append(front, plan.Timeline)
	}
	return front
}

// partNames names the files of a packet in n parts.
func (r *Assembler) partNames(n int) []string {
	if n <= 1 {
		return []string{r.base + ".pdf"}
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s-part%d-of-%d.pdf", r.base, i+1, n)
	}
	return names
}

// render paginates every part (exhibits already assigned to parts),
// writes the index workbook, and draws and finishes every part with the
// manifest embedded and sealed.
func (r *Assembler) render(ctx context.Context, n int) ([]*part, []byte, error) {
	log, start := r.log, time.Now()
	names := r.partNames(n)
	plans := make([]*plan.Plan, n)
	for k := 1; k <= n; k++ {
		plans[k-1] = r.p.ForPart(k, names)
		plans[k-1].Paginate(r.front(k), r.measure())
	}
	log.Debug("paginated", "parts", n, "elapsed", time.Since(start))
	// The index depends on the page numbers only (its hash goes into the
	// packet's manifest): write it while the first part is drawn.
	var xlsxData []byte
	var xlsxErr error
	xlsxDone := make(chan struct{})
	go func() {
		defer close(xlsxDone)
		xlsxData, xlsxErr = xlsxBytes(plans[0], xlsx.Options{Created: r.pdfOpts.Created, Creator: r.pdfOpts.Producer, PDFName: names[0], FindingsSheet: r.findingsSheet})
	}()
	parts := make([]*part, n)
	for k, pp := range plans {
		if err := ctx.Err(); err != nil {
			<-xlsxDone
			return nil, nil, err
		}
		raw, pls, err := drawPDF(pp, r.fonts, r.pdfOpts)
		if err != nil {
			<-xlsxDone
			return nil, nil, err
		}
		parts[k] = &part{plan: pp, name: names[k], raw: raw, placements: pls}
		log.Debug("drawn", "part", k+1, "bytes", len(raw), "elapsed", time.Since(start))
		<-xlsxDone
		if err := ctx.Err(); err != nil {
			return nil, nil, err // drawing a part takes a while: Ctrl-C may have come meanwhile
		}
		if xlsxErr != nil {
			return nil, nil, xlsxErr
		}
		if err := r.finish(parts[k], digest.Hex(xlsxData)); err != nil {
			return nil, nil, err
		}
		parts[k].raw = nil // keep memory to the finished files
		log.Debug("finished", "part", k+1, "bytes", len(parts[k].data), "elapsed", time.Since(start))
	}
	// Every part carries the packet's ID, a hash of all of them as
	// finished; then each is sealed.
	id := packetID(parts, digest.Hex(xlsxData))
	for _, pt := range parts {
		if err := integrity.SetID(pt.data, id); err != nil {
			return nil, nil, err
		}
		var err error
		if pt.data, err = integrity.Seal(pt.data); err != nil {
			return nil, nil, err
		}
	}
	return parts, xlsxData, nil
}

// packetID is the ID every part's manifest carries (integrity.Packet.ID):
// the hash of the index and of every part as finished, before its ID and
// seal are written.
func packetID(parts []*part, xlsxSHA string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "appealpacket packet id\nindex %s\n", xlsxSHA)
	for _, pt := range parts {
		fmt.Fprintf(&b, "part %s %s\n", pt.name, digest.Hex(pt.data))
	}
	return digest.Hex([]byte(b.String()))
}

// finish embeds the manifest (and originals when asked and they fit) into
// a rendered part, ready for its ID and seal.
func (r *Assembler) finish(pt *part, xlsxSHA string) error {
	raw := pt.raw
	// Digitally signed PDFs come first, attached even without r.attach:
	// their signature can be checked only in the original file.
	var candidates []*evidence.Item
	for _, signedOnly := range []bool{true, false} {
		if !signedOnly && !r.attach {
			break
		}
		for _, e := range pt.plan.Exhibits {
			if !pt.plan.InPart(e) {
				continue
			}
			for _, f := range e.Files {
				if f.Err == nil && (!signedOnly || len(f.Signatures) > 0) && !slices.Contains(candidates, f) {
					candidates = append(candidates, f)
				}
			}
		}
	}
	// Try with as many originals as the limit allows: add in exhibit order
	// while the estimate fits, then drop from the end until the file does.
	var chosen []*evidence.Item
	size := int64(len(raw)) + 4096
	for _, f := range candidates {
		if size+f.Size+1024 <= r.limit {
			chosen = append(chosen, f)
			size += f.Size + 1024
		}
	}
	originals := map[*evidence.Item][]byte{}
	for _, f := range chosen {
		b, err := readOriginal(f)
		if err != nil {
			return err
		}
		originals[f] = b
	}
	for {
		out, err := r.embed(pt, raw, chosen, originals, xlsxSHA)
		if err != nil {
			return err
		}
		if int64(len(out)) <= r.limit || len(chosen) == 0 {
			pt.data, pt.attached = out, chosen
			return nil
		}
		chosen = chosen[:len(chosen)-1]
	}
}

// embed builds the manifest of a part and embeds it with the chosen
// originals; its packet ID and seal are placeholders, written later.
func (r *Assembler) embed(pt *part, raw []byte, chosen []*evidence.Item, originals map[*evidence.Item][]byte, xlsxSHA string) ([]byte, error) {
	m := r.p.Manifest
	man := &integrity.Manifest{Format: 1, Tool: r.pdfOpts.Producer, Case: m.Case.ID, Platform: m.Case.Platform,
		Prepared: m.Case.Prepared.String(), Index: integrity.Output{File: r.xlsxName, SHA256: xlsxSHA},
		Packet: integrity.Packet{File: pt.name, Part: pt.plan.Part, Parts: pt.plan.Parts, ID: integrity.PendingID}}
	attached := map[*evidence.Item]string{}
	files := []pdfimport.File{{}}
	for i, f := range chosen {
		name := fmt.Sprintf("original-%02d-%s", i+1, attachmentName(f.Path.Rel))
		attached[f] = name
		files = append(files, pdfimport.File{Name: name, Data: originals[f], Description: "Original of " + f.Path.Rel,
			ModTime: m.Case.Prepared.Time(), Uncompressed: true})
	}
	for _, h := range r.p.Hashes {
		it := h.Item
		entry := integrity.File{Path: it.Path.Rel, Role: it.Role.String(), Size: it.Size, SHA256: it.SHA256}
		if it.Meta != nil {
			entry.ImageDataSHA256 = it.Meta.ImageDataHash
		}
		if len(h.Exhibits) > 0 {
			if e := r.p.Exhibit(h.Exhibits[0]); e != nil {
				entry.Exhibit, entry.Part = e.ID, pt.plan.PartOf(e)
				entry.Pages = pagesOf(pt.plan.Pages(e), it)
			}
		}
		if name, ok := attached[it]; ok {
			entry.Attached, entry.Attachment = true, name
		}
		man.Files = append(man.Files, entry)
	}
	js, err := man.Encode()
	if err != nil {
		return nil, err
	}
	files[0] = pdfimport.File{Name: integrity.ManifestName, Data: js, Description: "What this packet contains: every original file with its SHA-256",
		ModTime: m.Case.Prepared.Time(), Uncompressed: true}
	if len(pt.placements) == 0 {
		// Nothing to stamp: number the images and embed the files at the
		// byte level, without a full pass of the PDF library.
		out, err := patch(raw, files)
		if err == nil {
			return out, nil
		}
		r.log.Debug("byte-level finish refused; using pdfcpu", "err", err)
	}
	var out bytes.Buffer
	out.Grow(len(raw) + 1<<20)
	if err := pdfimport.Compose(bytes.NewReader(raw), &out, pt.placements, files); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// patch finishes an fpdf-made packet with package pdfpatch.
func patch(raw []byte, files []pdfimport.File) ([]byte, error) {
	canon, err := pdfpatch.CanonicalImages(raw)
	if err != nil {
		return nil, err
	}
	pf := make([]pdfpatch.File, len(files))
	for i, f := range files {
		pf[i] = pdfpatch.File{Name: f.Name, Data: f.Data, Description: f.Description, ModTime: f.ModTime}
	}
	return pdfpatch.Attach(canon, pf)
}

// pagesOf formats the pages, of an exhibit's pages, that show file f.
func pagesOf(pages []plan.Page, f *evidence.Item) string {
	first, last := 0, 0
	for _, pg := range pages {
		if pg.File == f {
			if first == 0 {
				first = pg.Number
			}
			last = pg.Number
		}
	}
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d-%d", first, last)
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// attachmentName makes a file name for an embedded original from its path.
func attachmentName(rel string) string {
	return strings.Trim(unsafeName.ReplaceAllString(strings.ReplaceAll(rel, "/", "_"), "-"), "-")
}

// ErrChangedDuringBuild is wrapped by the error of a build during which an
// original file changed.
var ErrChangedDuringBuild = evidence.ErrChanged

// readOriginal reads an original again to embed it, and makes sure it is
// still the file that was checked: same size and SHA-256. A file replaced
// meanwhile (rewritten, or swapped for a link to another file) fails the
// build rather than end up in the packet.
func readOriginal(f *evidence.Item) ([]byte, error) {
	b, err := regularfile.Read(f.Path.Abs, f.Size)
	if err == nil && digest.Hex(b) != f.SHA256 {
		err = errors.New("its content is not the one checked")
	}
	if err != nil {
		return nil, fmt.Errorf("%s %w (%v); build again", f.Path.Rel, ErrChangedDuringBuild, err)
	}
	return b, nil
}

func total(parts []*part) int64 {
	var n int64
	for _, p := range parts {
		n += int64(len(p.data))
	}
	return n
}

func fits(parts []*part, limit int64) bool {
	for _, p := range parts {
		if int64(len(p.data)) > limit {
			return false
		}
	}
	return true
}

// shrinkable are the items whose display copies are encoded for the
// packet (the others are drawn from their original bytes).
func shrinkable(p *plan.Plan) []*evidence.Item {
	var out []*evidence.Item
	for _, e := range p.Exhibits {
		for _, f := range e.Files {
			if f.Err == nil && f.Display != nil && !f.Display.Original && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// layout renders the packet to fit the size limit. It predicts, from a
// sample of pictures encoded at each display level, the best level at
// which the packet fits; encodes every picture at that level and draws the
// packet, stepping down a level while it does not fit; then, knowing what
// the packet weighs besides the copies, draws it once at a better level
// when one is now predicted to fit (see better); and splits the packet
// into parts at the floor level when even that is too big. It
// returns the parts, the index workbook and a line saying how display
// copies were sized.
func (r *Assembler) layout(ctx context.Context) ([]*part, []byte, Fit, error) {
	log := r.log
	items := shrinkable(r.p)
	// Everything but the encoded copies: the originals drawn as they are,
	// PDF sources, fonts and page structure.
	fixed := int64(200<<10) + int64(len(r.p.Exhibits))*8<<10
	for _, h := range r.p.Hashes {
		switch f := h.Item; {
		case f.Display != nil && f.Display.Original:
			fixed += f.Size
		case f.PDF != nil:
			fixed += f.PDF.UsedBytes() // not unused objects, which importing leaves behind
		}
	}
	// A rebuild of the same pictures starts at the level the last build
	// found (the cache remembers it); otherwise predict each level's size
	// from a sample: bytes per pixel of the sample at that level, times the
	// pixels of every copy at that level.
	memo := r.levelKey(items)
	var remembered struct{ Level int }
	if memo != "" {
		if _, ok := r.encoder.Cache.Get(memo, &remembered); ok && remembered.Level >= 0 && remembered.Level < len(displayLevels) {
			if parts, xlsx, fit, ok, err := r.tryLevel(ctx, items, remembered.Level); err != nil || ok {
				return parts, xlsx, fit, err
			}
		}
	}
	sample := items
	if len(sample) > 6 {
		sample = nil
		for i := range 6 {
			sample = append(sample, items[i*len(items)/6])
		}
	}
	pred := newPrediction(r, items, sample, fixed)
	// The first level predicted within 95 % of the limit (see first: a
	// packet far over the limit even at the floor is split without
	// encoding the levels between).
	floor := len(displayLevels) - 1
	level, over := 0, false
	if len(items) > 0 {
		var err error
		level, err = pred.first(0, len(displayLevels), func(i int) (bool, error) {
			b, err := pred.bytes(ctx, i)
			return err == nil && fixed+b <= r.limit*95/100, err
		})
		if err != nil {
			return nil, nil, Fit{}, err
		}
		if level > floor {
			level = floor
			over = fixed+pred.copyBytes[floor] > r.limit*5/4
		}
	}
	if over {
		// Far over the limit even at the floor: split without drawing the
		// whole packet first, which would hold every picture of every
		// part in memory at once (memory would grow with the photos).
		log.Debug("fit to limit: split at the floor", "predicted", fixed+pred.copyBytes[floor], "limit", r.limit)
		copies, err := r.encodeAt(ctx, items, level)
		if err != nil {
			return nil, nil, Fit{}, err
		}
		for it, d := range copies {
			it.Display = d
		}
		parts, xlsx, fit, err := r.splitAt(ctx, level)
		if err != nil || fit.Parts > 1 {
			return parts, xlsx, fit, err
		}
		// It fits in one file after all: the estimate of what is not a
		// copy was too high.
		betterParts, betterXLSX, betterFit, better, err := r.better(ctx, pred, level, level, parts)
		if err != nil || better < 0 {
			return parts, xlsx, fit, err
		}
		r.remember(memo, better)
		return betterParts, betterXLSX, betterFit, nil
	}
	// Draw at the predicted level; step down while it does not fit.
	for first := level; level < len(displayLevels); level++ {
		parts, xlsx, fit, ok, err := r.tryLevel(ctx, items, level)
		if err != nil {
			return nil, nil, Fit{}, err
		}
		if ok {
			betterParts, betterXLSX, betterFit, better, err := r.better(ctx, pred, level, first, parts)
			if err != nil {
				return nil, nil, Fit{}, err
			}
			if better >= 0 {
				parts, xlsx, fit, level = betterParts, betterXLSX, betterFit, better
			}
			r.remember(memo, level)
			return parts, xlsx, fit, nil
		}
		if len(items) == 0 {
			break
		}
	}
	return r.splitAt(ctx, len(displayLevels)-1)
}

// remember keeps, under memo, the display level a packet fitted at.
func (r *Assembler) remember(memo string, level int) {
	if memo != "" {
		r.encoder.Cache.Put(memo, struct{ Level int }{level}, nil)
	}
}

// better draws a packet that fits (parts, its copies at level) at a
// better level when one is now predicted to fit too, and returns that
// level (-1 when it drew none that fits). The prediction guesses what the
// packet weighs besides the copies (fonts, pages, PDF evidence) before
// anything is drawn, and guesses high: the packet as drawn tells it. The
// best level above first (the levels from first on were drawn already)
// whose copies' predicted weight, scaled by what the copies drawn weigh
// against their prediction, plus the rest as drawn is within 97 % of the
// limit is drawn, once. When it does not fit after all, the copies are set
// back to level's. A packet that had to step down from first (drawn
// bigger than predicted) is not redrawn.
func (r *Assembler) better(ctx context.Context, pred *prediction, level, first int, parts []*part) (better []*part, xlsx []byte, fit Fit, betterLevel int, err error) {
	if level != first || pred.copyBytes[level] <= 0 { // no copies, or none predicted
		return nil, nil, Fit{}, -1, nil
	}
	var drawn int64
	for _, it := range pred.items {
		drawn += fileSize(it.Display.File)
	}
	rest := total(parts) - drawn
	i, err := pred.first(0, first, func(i int) (bool, error) {
		b, err := pred.bytes(ctx, i)
		return err == nil && rest+b*drawn/pred.copyBytes[level] <= r.limit*97/100, err
	})
	if err != nil || i >= first {
		return nil, nil, Fit{}, -1, err
	}
	r.log.Debug("fit to limit: a better level", "level", i, "predicted", rest+pred.copyBytes[i]*drawn/pred.copyBytes[level], "limit", r.limit)
	better, xlsx, fit, ok, err := r.tryLevel(ctx, pred.items, i)
	if err != nil {
		return nil, nil, Fit{}, -1, err
	}
	if ok {
		return better, xlsx, fit, i, nil
	}
	// Back to the copies the packet was drawn with (the encoder has them).
	copies, err := r.encodeAt(ctx, pred.items, level)
	if err != nil {
		return nil, nil, Fit{}, -1, err
	}
	for it, d := range copies {
		it.Display = d
	}
	return nil, nil, Fit{}, -1, nil
}

// prediction predicts what the display copies of a packet weigh at each
// display level from a sample of them encoded at that level: the sample's
// bytes per pixel times the pixels of every copy. A level is encoded when
// first asked for.
type prediction struct {
	r      *Assembler
	items  []*evidence.Item // the copies
	sample []*evidence.Item
	fixed  int64 // the guessed weight of everything else
	// copyBytes[i] is what the copies are predicted to weigh at level i
	// (-1: not predicted yet).
	copyBytes []int64
}

func newPrediction(r *Assembler, items, sample []*evidence.Item, fixed int64) *prediction {
	p := &prediction{r: r, items: items, sample: sample, fixed: fixed, copyBytes: make([]int64, len(displayLevels))}
	for i := range p.copyBytes {
		p.copyBytes[i] = -1
	}
	return p
}

// bytes predicts the copies' weight at a level.
func (p *prediction) bytes(ctx context.Context, level int) (int64, error) {
	if b := p.copyBytes[level]; b >= 0 {
		return b, nil
	}
	got, err := p.r.encodeAt(ctx, p.sample, level)
	if err != nil {
		return 0, err
	}
	var bytes, pixels int64
	for _, it := range p.sample {
		bytes += fileSize(got[it].File)
		pixels += int64(got[it].Width * got[it].Height)
	}
	var b int64
	for _, it := range p.items {
		w, h := collect.Size(it.Display.Source(), displayLevels[level].side, p.r.minShort)
		b += int64(w*h) * bytes / max(pixels, 1)
	}
	p.copyBytes[level] = b
	p.r.log.Debug("fit to limit: prediction", "level", level, "bytes", p.fixed+b, "limit", p.r.limit)
	return b, nil
}

// first returns the first level in [lo, hi) for which ok holds, or hi
// when none does; ok must hold for every level after one it holds for
// (copies shrink level by level). It asks about lo first (most packets fit
// at the best level), then about the last level (a packet that does not
// fit even there is split, and the levels between need not be encoded),
// then about the levels between in order: the best levels are the dearest
// to encode, and a packet that fits at one seldom fits much further down.
func (p *prediction) first(lo, hi int, ok func(int) (bool, error)) (int, error) {
	if lo >= hi {
		return hi, nil
	}
	if yes, err := ok(lo); err != nil || yes {
		return lo, err
	}
	last := hi - 1
	if last == lo {
		return hi, nil
	}
	if yes, err := ok(last); err != nil || !yes {
		return hi, err
	}
	for i := lo + 1; i < last; i++ {
		if yes, err := ok(i); err != nil || yes {
			return i, err
		}
	}
	return last, nil
}

// encodeAt makes the display copies of list at a display level.
func (r *Assembler) encodeAt(ctx context.Context, list []*evidence.Item, level int) (map[*evidence.Item]*evidence.Display, error) {
	l := displayLevels[level]
	out := map[*evidence.Item]*evidence.Display{}
	var mu sync.Mutex
	err := r.parallel(ctx, list, func(it *evidence.Item) error {
		d, err := r.encoder.Encode(it, l.side, l.quality, r.minShort)
		if err != nil {
			return fmt.Errorf("%s: %w", it.Path.Rel, err)
		}
		mu.Lock()
		out[it] = d
		mu.Unlock()
		return nil
	})
	return out, err
}

// tryLevel encodes every copy at a level and draws the packet; ok says it
// fits.
func (r *Assembler) tryLevel(ctx context.Context, items []*evidence.Item, level int) ([]*part, []byte, Fit, bool, error) {
	copies, err := r.encodeAt(ctx, items, level)
	if err != nil {
		return nil, nil, Fit{}, false, err
	}
	for it, d := range copies {
		it.Display = d
	}
	parts, xlsx, err := r.render(ctx, 1)
	if err != nil {
		return nil, nil, Fit{}, false, err
	}
	r.log.Debug("fit to limit", "level", level, "bytes", total(parts), "limit", r.limit)
	if !fits(parts, r.limit) {
		return nil, nil, Fit{}, false, nil
	}
	l := displayLevels[level]
	return parts, xlsx, Fit{Side: l.side, Quality: l.quality, Reduced: level > 0, Parts: 1, Limit: r.limit}, true, nil
}

// levelKey names, in the cache, the display level that fitted these
// pictures within this limit ("" without a cache). A remembered level is
// only a first guess: it is drawn and measured like any other. It is the
// best level only if nothing but the pictures decides the size, which is
// the case for a rebuild after a statement edit; for anything else the
// key differs.
func (r *Assembler) levelKey(items []*evidence.Item) string {
	if r.encoder.Cache == nil || len(items) == 0 {
		return ""
	}
	var b strings.Builder
	for _, it := range items {
		d := it.Display.Source()
		fmt.Fprintf(&b, "%s %dx%d;", it.SHA256, d.Width, d.Height)
	}
	for _, h := range r.p.Hashes {
		fmt.Fprintf(&b, "%s;", h.Item.SHA256) // every other file counts too
	}
	return cache.Key(digest.Hex([]byte(b.String())), "level", fmt.Sprint(r.limit, r.minShort, displayLevels))
}

// splitAt splits the packet, its copies at the given display level.
func (r *Assembler) splitAt(ctx context.Context, level int) ([]*part, []byte, Fit, error) {
	parts, xlsx, err := r.split(ctx)
	if err != nil {
		return nil, nil, Fit{}, err
	}
	l := displayLevels[max(level, 0)]
	return parts, xlsx, Fit{Side: l.side, Quality: l.quality, Reduced: level > 0, Parts: len(parts), Limit: r.limit}, nil
}

// parallel runs fn on every item with the build's number of workers; it
// stops at the first error or when ctx is cancelled.
func (r *Assembler) parallel(ctx context.Context, items []*evidence.Item, fn func(*evidence.Item) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, r.workers))
	for _, it := range items {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			return fn(it)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

func fileSize(name string) int64 {
	st, err := os.Stat(name)
	if err != nil {
		return 0
	}
	return st.Size()
}

// baseSize is the size of a part that holds no exhibit: a packet whose
// exhibits are all in another part, drawn and finished (the pages of PDF
// evidence are not stamped: there are none).
func (r *Assembler) baseSize(ctx context.Context) (int64, error) {
	for _, e := range r.p.Exhibits {
		r.p.Assign(e, 2)
	}
	names := r.partNames(2)
	pp := r.p.ForPart(1, names)
	pp.Paginate(r.front(1), r.measure())
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	raw, _, err := drawPDF(pp, r.fonts, r.pdfOpts)
	if err != nil {
		return 0, err
	}
	pt := &part{plan: pp, name: names[0], raw: raw}
	if err := r.finish(pt, strings.Repeat("0", 64)); err != nil {
		return 0, err
	}
	return int64(len(pt.data)), nil
}

// split assigns exhibits to parts so that each part fits the limit, from
// an estimate of each exhibit's weight, correcting with real sizes.
func (r *Assembler) split(ctx context.Context) ([]*part, []byte, error) {
	exhibits := r.p.Exhibits
	weight := func(e *exhibit.Exhibit) int64 {
		var w int64 = 2048 // page text and structure
		for _, f := range e.Files {
			switch {
			case f.Display != nil:
				w += fileSize(f.Display.File)
			case f.PDF != nil:
				w += f.PDF.UsedBytes()
			default:
				w += f.Size
			}
		}
		return w
	}
	// The base: what a part weighs without exhibits (fonts, the cover, the
	// index and the appendix of every file, the manifest).
	base, err := r.baseSize(ctx)
	if err != nil {
		return nil, nil, err
	}
	base = max(base, 64<<10)
	budget := r.limit - base - r.limit/20 // keep 5 % for the cover and index of each part
	assign := func() int {
		k, used := 1, int64(0)
		for i, e := range exhibits {
			w := weight(e)
			if i > 0 && used+w > budget && used > 0 {
				k++
				used = 0
			}
			r.p.Assign(e, k)
			used += w
		}
		return k
	}
	n := assign()
	for attempt := 0; attempt < 2*len(exhibits)+4; attempt++ {
		parts, xlsx, err := r.render(ctx, n)
		if err != nil {
			return nil, nil, err
		}
		over := -1
		for k, pt := range parts {
			if int64(len(pt.data)) > r.limit {
				over = k + 1
				break
			}
		}
		if over < 0 {
			return parts, xlsx, nil
		}
		// Move the last exhibit of the part that is over into the next part.
		var last *exhibit.Exhibit
		count := 0
		for _, e := range exhibits {
			if r.p.PartOf(e) == over {
				last = e
				count++
			}
		}
		if count <= 1 {
			// One exhibit alone is over the limit: nothing more to do here;
			// the size check reports it.
			return parts, xlsx, nil
		}
		for _, e := range exhibits {
			if k := r.p.PartOf(e); k > over || e == last {
				r.p.Assign(e, k+1)
			}
		}
		n = 0
		for _, e := range exhibits {
			n = max(n, r.p.PartOf(e))
		}
	}
	return nil, nil, errors.New("could not split the packet to fit the size limit")
}

func humanSize(n int64) string { return profile.Bytes(n).String() }

// xlsxBytes renders the index workbook.
func xlsxBytes(p *plan.Plan, opts xlsx.Options) ([]byte, error) {
	var b bytes.Buffer
	if err := xlsx.Render(p, &b, opts); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
