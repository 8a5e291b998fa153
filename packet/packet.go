// Package packet builds an appeal packet from a case folder: one
// cross-referenced PDF and one XLSX index, after checking everything that
// could sink a one-shot appeal. It runs the flow
//
//	Load → Collect → Check → Plan → Render PDF and XLSX → atomic write
//
// and every command of the appealpacket tool is a thin call into it.
package packet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"appealpacket/packet/atomicfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/render/pdfimport"
	"appealpacket/packet/statement"
)

// Version is appealpacket's version, written into every packet.
const Version = "0.1.0"

// Options tune Build and Check. The zero value builds with defaults.
type Options struct {
	// OutDir is where Build writes the packet; default the current folder.
	OutDir string
	// Force builds even when checks found blocking errors; the cover then
	// says NOT READY and lists them.
	Force bool
	// Workers bounds parallel file reads; default the number of CPUs.
	Workers int
	// Date is the packet's preparation date, used on the cover and as the
	// files' creation date (so two builds give the same bytes). Default:
	// the manifest's case.prepared, else today.
	Date time.Time
	// TemplateFile replaces the built-in statement template.
	TemplateFile string
	// FontFile replaces the built-in CJK fallback font (a .ttf file).
	FontFile string
	// Logger receives diagnostics; default discards them.
	Logger *slog.Logger
	// MaxSize is the largest packet file to write, in bytes; 0 takes the
	// platform profile's limit. A larger packet gets smaller display copies
	// of its photos, then is split into parts.
	MaxSize int64
	// AttachOriginals embeds the original files in the packet, as far as
	// the size limit allows.
	AttachOriginals bool
	// Overwrite replaces outputs even when they were changed after
	// appealpacket wrote them.
	Overwrite bool
	// PDFPassword opens PDF evidence protected by a user password.
	PDFPassword string
	// MaxPixels refuses to decode pictures whose header claims more pixels
	// (a decompression bomb costs memory before it fails); 0 means 120 MP.
	MaxPixels int
	// CacheDir is a folder that keeps per-file work (hashes, metadata,
	// display copies, fingerprints) between builds (see package cache;
	// cache.DefaultDir is the usual one). "" works without a cache.
	CacheDir string
	// failAt, in tests, makes the build fail at the named stage.
	failAt func(stage string) error
	// masters keeps pictures at display size while collecting (Build).
	masters bool
	// Progress, when set, is called as the work advances (from several
	// goroutines; it must be safe for concurrent use and quick).
	Progress func(Progress)
	// Profile names the built-in platform profile to check against
	// (aliexpress, amazon, temu, shopee, generic) instead of the one
	// case.platform selects.
	Profile string
	// ProfileFile is a platform profile file (YAML, see package profile) to
	// check against; it wins over Profile. A built-in profile's name is
	// accepted too when no file has that name.
	ProfileFile string
}

// Progress reports how far a build or check has come.
type Progress struct {
	Stage string // "collect" (reading files), "render" (writing the packet), "done"
	Done  int    // files read so far (collect)
	Total int    // files to read
	File  string // the file just read, relative to the case folder
}

func (o *Options) progress(p Progress) {
	if o.Progress != nil {
		o.Progress(p)
	}
}

// Result describes a built packet.
type Result struct {
	CaseID   string
	PDF      string // path of the packet PDF (its first part when split)
	XLSX     string // path of the index XLSX
	PDFSize  int64  // bytes of PDF
	XLSXSize int64
	// Files lists every file written: the packet's parts, then the index.
	Files []OutputFile
	// Display says how photo display copies were sized, e.g. reduced to fit.
	Display string
	// NotAttached lists originals --attach-originals could not fit.
	NotAttached []string
	Pages       int
	Exhibits    int
	Findings    finding.List
}

// NotReadyError is returned by Build when checks found blocking errors and
// Options.Force was not set.
type NotReadyError struct{ Findings finding.List }

func (e *NotReadyError) Error() string {
	return fmt.Sprintf("not ready: %d blocking issue(s) found; fix them (see `appealpacket check`) or build with --force", e.Findings.Count(finding.Error))
}

// collected is a case after Load, Collect and Check.
type collected struct {
	m        *manifest.Manifest
	plan     *plan.Plan
	findings finding.List
	workDir  string
	profile  *profile.Profile
	cache    *cache.Cache // nil when caching is off
}

func (o *Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

// collect runs Load, Collect and Check. The caller removes c.workDir.
func collect(ctx context.Context, dir string, opts *Options) (*collected, error) {
	log := opts.logger()
	start := time.Now()
	m, problems, err := manifest.Load(dir)
	if err != nil {
		return nil, err
	}
	log.Debug("loaded manifest", "case", m.Case.ID, "photos", len(m.Photos), "problems", len(problems))
	prof, err := profile.Select(m.Case.Platform, opts.Profile, opts.ProfileFile)
	if err != nil {
		return nil, err
	}
	log.Debug("platform profile", "name", prof.Name, "file", prof.File)

	var reqs []evidence.Request
	for _, l := range m.Listings {
		for _, p := range l.Images {
			reqs = append(reqs, evidence.Request{Path: p, Role: evidence.ListingImage})
		}
	}
	for _, p := range m.Photos {
		reqs = append(reqs, evidence.Request{Path: p.Path, Role: evidence.Photo})
	}
	for _, t := range m.Trademarks {
		for _, p := range t.Files {
			reqs = append(reqs, evidence.Request{Path: p, Role: evidence.TrademarkFile})
		}
	}
	for _, a := range m.Authorizations {
		for _, p := range a.Files {
			reqs = append(reqs, evidence.Request{Path: p, Role: evidence.AuthorizationFile})
		}
	}
	for _, d := range m.Documents {
		reqs = append(reqs, evidence.Request{Path: d.Path, Role: evidence.Document})
	}
	var store *cache.Cache
	if opts.CacheDir != "" {
		if store, err = cache.Open(opts.CacheDir); err != nil {
			log.Warn("cache unavailable; working without it", "err", err)
			store = nil
		}
	}
	workDir, err := os.MkdirTemp("", "appealpacket-*")
	if err != nil {
		return nil, fmt.Errorf("work folder: %w", err)
	}
	unique := map[string]bool{}
	for _, r := range reqs {
		if r.Path.Abs != "" {
			unique[r.Path.Rel] = true
		}
	}
	var done atomic.Int64
	onFile := func(rel string) {
		opts.progress(Progress{Stage: "collect", Done: int(done.Add(1)), Total: len(unique), File: rel})
	}
	items, err := evidence.Collect(ctx, reqs, evidence.Options{Workers: opts.Workers, WorkDir: workDir, Logger: log, OnFile: onFile,
		PDFPassword: opts.PDFPassword, Cache: store, MaxPixels: opts.MaxPixels, Masters: opts.masters})
	if err != nil {
		os.RemoveAll(workDir)
		return nil, err
	}
	byRel := map[string]*evidence.Item{}
	for _, it := range items {
		if it.Path.Rel != "" {
			byRel[it.Path.Rel] = it
		}
	}
	p := plan.New(m, byRel)
	p.MatchListings()
	setPrepared(m, opts.Date) // the packet's date: photos dated after it are implausible
	fs, chains := check.Run(check.Input{Manifest: m, Problems: problems, Items: items, Plan: p, Profile: prof})
	p.Chains = chains
	log.Debug("collected and checked", "files", len(byRel), "findings", len(fs), "elapsed", time.Since(start))
	return &collected{m: m, plan: p, findings: fs, workDir: workDir, profile: prof, cache: store}, nil
}

// Build checks the case in dir and writes its packet PDF and XLSX index to
// opts.OutDir. If the checks find blocking errors and opts.Force is not
// set, it writes nothing and returns a *NotReadyError.
func Build(ctx context.Context, dir string, opts Options) (*Result, error) {
	log := opts.logger()
	opts.masters = true
	c, err := collect(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	m, p := c.m, c.plan
	if c.findings.Blocking() && !opts.Force {
		return nil, &NotReadyError{Findings: c.findings}
	}
	setPrepared(m, opts.Date)
	created := m.Case.Prepared.Time()

	// Statement.
	name, text, err := statement.Template(m.Case.Type, m.Case.Language)
	if err != nil {
		return nil, err
	}
	if opts.TemplateFile != "" {
		if name, text, err = readTemplate(opts.TemplateFile); err != nil {
			return nil, err
		}
	}
	if p.Statement, err = statement.Write(name, text, statement.NewData(p)); err != nil {
		return nil, err
	}

	// Fonts, and a warning for any character they cannot draw.
	fonts, err := loadFonts(opts.FontFile)
	if err != nil {
		return nil, err
	}
	if missing := fonts.Uncovered(packetText(p)...); len(missing) > 0 {
		c.findings = append(c.findings, check.Glyphs(pdf.MissingRunes(missing)))
		c.findings.Sort()
	}
	p.Findings = c.findings

	// Lay out and draw the packet within the size limit, then the index.
	outDir := opts.OutDir
	if outDir == "" {
		outDir = "."
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	producer := "appealpacket " + Version
	limit := opts.MaxSize
	if limit <= 0 {
		limit = c.profile.MaxPacketBytes()
	}
	minShort := floorShortSide
	if c.profile != nil && c.profile.Picture.MinSide > minShort {
		minShort = c.profile.Picture.MinSide
	}
	r := &renderer{p: p, fonts: fonts, pdfOpts: pdf.Options{Created: created, Producer: producer}, base: m.Case.ID + "-packet",
		workers:  opts.Workers,
		xlsxName: m.Case.ID + "-index.xlsx", limit: limit, minShort: minShort, workDir: c.workDir, attach: opts.AttachOriginals, opts: &opts,
		encoder: evidence.NewEncoder(c.workDir, c.cache, evidence.Options{MaxPixels: opts.MaxPixels})}
	opts.progress(Progress{Stage: "render"})
	if err := opts.fail("render"); err != nil {
		return nil, err
	}
	parts, xlsxData, level, err := r.layout()
	if err != nil {
		return nil, err
	}

	// Write: never over an output a user edited; every file through a
	// temporary file, renamed only when all are complete.
	xlsxPath := filepath.Join(outDir, r.xlsxName)
	stale := staleOutputs(outDir, r.base)
	if !opts.Overwrite {
		if err := checkOverwrite(stale, xlsxPath, c.cache); err != nil {
			return nil, err
		}
	}
	res := &Result{CaseID: m.Case.ID, Exhibits: len(p.Exhibits), Findings: c.findings, Display: level, XLSX: xlsxPath}
	var temps []*atomicfile.File
	defer func() {
		for _, t := range temps {
			t.Abort()
		}
	}()
	write := func(path string, data []byte) error {
		f, err := atomicfile.Create(path)
		if err != nil {
			return err
		}
		temps = append(temps, f)
		if _, err := f.Write(data); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return opts.fail("write " + filepath.Base(path))
	}
	attached := map[*evidence.Item]bool{}
	for k, pt := range parts {
		path := filepath.Join(outDir, pt.name)
		if err := write(path, pt.data); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, OutputFile{Path: path, Size: int64(len(pt.data)), Part: k + 1})
		res.Pages += pt.plan.Total
		for _, a := range pt.attached {
			attached[a] = true
		}
	}
	if err := write(xlsxPath, xlsxData); err != nil {
		return nil, err
	}
	res.Files = append(res.Files, OutputFile{Path: xlsxPath, Size: int64(len(xlsxData))})
	for _, t := range temps {
		if err := t.Commit(); err != nil {
			return nil, err
		}
	}
	rememberOutputs(c.cache, res.Files, parts, xlsxData)
	for _, old := range stale {
		if !slices.ContainsFunc(res.Files, func(f OutputFile) bool { return filepath.Clean(f.Path) == filepath.Clean(old) }) {
			os.Remove(old) // a part of an earlier layout, checked intact above
		}
	}
	res.PDF, res.PDFSize = res.Files[0].Path, res.Files[0].Size
	res.XLSXSize = int64(len(xlsxData))
	if opts.AttachOriginals {
		for _, h := range p.Hashes {
			if !attached[h.Item] {
				res.NotAttached = append(res.NotAttached, h.Item.Path.Rel)
			}
		}
	}
	var files []check.PacketFile
	for _, f := range res.Files {
		if f.Part > 0 {
			files = append(files, check.PacketFile{Name: filepath.Base(f.Path), Size: f.Size})
		}
	}
	if over := check.PacketSize(c.profile, files...); len(over) > 0 {
		res.Findings = append(slices.Clone(res.Findings), over...)
		res.Findings.Sort()
		log.Warn("packet over the platform's attachment limit", "limit", limit)
	}
	opts.progress(Progress{Stage: "done"})
	log.Info("built packet", "case", m.Case.ID, "files", len(res.Files), "pages", res.Pages, "bytes", res.PDFSize)
	return res, nil
}

// fail runs the test hook for a stage.
func (o *Options) fail(stage string) error {
	if o.failAt == nil {
		return nil
	}
	return o.failAt(stage)
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
		pls[i] = pdfimport.Placement{Source: pl.File.PDF, SourcePage: pl.SourcePage, TargetPage: pl.TargetPage,
			Box: pdfimport.Rect{X: pl.X, Y: pl.Y, W: pl.W, H: pl.H}}
	}
	return buf.Bytes(), pls, nil
}

// packetText lists the text the packet will draw that comes from the user.
func packetText(p *plan.Plan) []string {
	m := p.Manifest
	out := []string{p.Statement, m.Case.Complainant, m.Seller.LegalName, m.Seller.Store}
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

// IsNotReady reports whether err is a *NotReadyError, and returns it.
func IsNotReady(err error) (*NotReadyError, bool) {
	var nr *NotReadyError
	ok := errors.As(err, &nr)
	return nr, ok
}
