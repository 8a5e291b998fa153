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
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"appealpacket/packet/atomicfile"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/render/pdfimport"
	"appealpacket/packet/render/xlsx"
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
	PDF      string // path of the packet PDF
	XLSX     string // path of the index XLSX
	PDFSize  int64
	XLSXSize int64
	Pages    int
	Exhibits int
	Findings finding.List
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
	items, err := evidence.Collect(ctx, reqs, evidence.Options{Workers: opts.Workers, WorkDir: workDir, Logger: log, OnFile: onFile})
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
	fs, chains := check.Run(check.Input{Manifest: m, Problems: problems, Items: items, Plan: p, Profile: prof})
	p.Chains = chains
	log.Debug("collected and checked", "files", len(byRel), "findings", len(fs), "elapsed", time.Since(start))
	return &collected{m: m, plan: p, findings: fs, workDir: workDir, profile: prof}, nil
}

// Build checks the case in dir and writes its packet PDF and XLSX index to
// opts.OutDir. If the checks find blocking errors and opts.Force is not
// set, it writes nothing and returns a *NotReadyError.
func Build(ctx context.Context, dir string, opts Options) (*Result, error) {
	log := opts.logger()
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

	// Plan every page, then draw.
	front := []plan.Section{plan.Cover, plan.Statement, plan.Index}
	if p.Chains != nil && len(p.Chains.Trademarks) > 0 {
		front = append(front, plan.Chain)
	}
	if pdf.HasTimeline(p) {
		front = append(front, plan.Timeline)
	}
	p.Paginate(front, pdf.NewMeasurer(fonts))
	outDir := opts.OutDir
	if outDir == "" {
		outDir = "."
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	res := &Result{CaseID: m.Case.ID, Pages: p.Total, Exhibits: len(p.Exhibits), Findings: c.findings,
		PDF:  filepath.Join(outDir, m.Case.ID+"-packet.pdf"),
		XLSX: filepath.Join(outDir, m.Case.ID+"-index.xlsx")}
	producer := "appealpacket " + Version

	opts.progress(Progress{Stage: "render"})
	pdfOut, err := atomicfile.Create(res.PDF)
	if err != nil {
		return nil, err
	}
	defer pdfOut.Abort()
	if err := writePDF(p, fonts, pdfOut, pdf.Options{Created: created, Producer: producer}); err != nil {
		return nil, err
	}
	xlsxOut, err := atomicfile.Create(res.XLSX)
	if err != nil {
		return nil, err
	}
	defer xlsxOut.Abort()
	if err := xlsx.Render(p, xlsxOut, xlsx.Options{Created: created, Creator: producer, PDFName: filepath.Base(res.PDF)}); err != nil {
		return nil, err
	}
	if err := pdfOut.Commit(); err != nil {
		return nil, err
	}
	if err := xlsxOut.Commit(); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		size *int64
	}{{res.PDF, &res.PDFSize}, {res.XLSX, &res.XLSXSize}} {
		if st, err := os.Stat(f.name); err == nil {
			*f.size = st.Size()
		}
	}
	if over := check.PacketSize(c.profile, check.PacketFile{Name: filepath.Base(res.PDF), Size: res.PDFSize}); len(over) > 0 {
		res.Findings = append(slices.Clone(res.Findings), over...)
		res.Findings.Sort()
		log.Warn("packet over the platform's attachment limit", "pdf", res.PDF, "bytes", res.PDFSize, "limit", c.profile.MaxPacketBytes())
	}
	opts.progress(Progress{Stage: "done"})
	log.Info("built packet", "case", m.Case.ID, "pdf", res.PDF, "pages", res.Pages, "bytes", res.PDFSize)
	return res, nil
}

// writePDF draws the packet and stamps the pages of PDF exhibits into it.
func writePDF(p *plan.Plan, fonts *pdf.Fonts, w io.Writer, opts pdf.Options) error {
	var buf bytes.Buffer
	r, err := pdf.Render(p, fonts, &buf, opts)
	if err != nil {
		return err
	}
	// Stamp also when there is nothing to import: it numbers the images
	// canonically, which fpdf does not (see pdfimport.Stamp).
	pls := make([]pdfimport.Placement, len(r.Placements))
	for i, pl := range r.Placements {
		pls[i] = pdfimport.Placement{Source: pl.File.PDF, SourcePage: pl.SourcePage, TargetPage: pl.TargetPage,
			Box: pdfimport.Rect{X: pl.X, Y: pl.Y, W: pl.W, H: pl.H}}
	}
	if err := pdfimport.Stamp(bytes.NewReader(buf.Bytes()), w, pls); err != nil {
		return fmt.Errorf("import PDF pages: %w", err)
	}
	return nil
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
