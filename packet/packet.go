// Package packet builds an appeal packet from a case folder: one
// cross-referenced PDF and one XLSX index, after checking everything that
// could sink a one-shot appeal. It runs the flow
//
//	Load → Collect → Check → Plan → Render PDF and XLSX → atomic write
//
// and every command of the appealpacket tool is a thin call into it.
package packet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"appealpacket/packet/atomicfile"
	"appealpacket/packet/check"
	"appealpacket/packet/evidence"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/plan"
	"appealpacket/packet/render/pdf"
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
	items, err := evidence.Collect(ctx, reqs, evidence.Options{Workers: opts.Workers, WorkDir: workDir, Logger: log})
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
	fs, chains := check.Run(check.Input{Manifest: m, Problems: problems, Items: items, Plan: p})
	p.Chains = chains
	log.Debug("collected and checked", "files", len(byRel), "findings", len(fs), "elapsed", time.Since(start))
	return &collected{m: m, plan: p, findings: fs, workDir: workDir}, nil
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
	switch {
	case !opts.Date.IsZero():
		m.Case.Prepared = manifest.NewDate(opts.Date.Date())
	case m.Case.Prepared.IsZero():
		m.Case.Prepared = manifest.NewDate(time.Now().Date())
	}
	created := m.Case.Prepared.Time()

	// Statement.
	name, text, err := statement.Template(m.Case.Type, m.Case.Language)
	if err != nil {
		return nil, err
	}
	if opts.TemplateFile != "" {
		b, err := os.ReadFile(opts.TemplateFile)
		if err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
		name, text = opts.TemplateFile, string(b)
	}
	if p.Statement, err = statement.Write(name, text, statement.NewData(p, pdf.PlatformName(m.Case.Platform))); err != nil {
		return nil, err
	}

	// Fonts, and a warning for any character they cannot draw.
	var cjk []byte
	if opts.FontFile != "" {
		if cjk, err = os.ReadFile(opts.FontFile); err != nil {
			return nil, fmt.Errorf("font: %w", err)
		}
	}
	fonts, err := pdf.LoadFonts(cjk)
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

	pdfOut, err := atomicfile.Create(res.PDF)
	if err != nil {
		return nil, err
	}
	defer pdfOut.Abort()
	if _, err := pdf.Render(p, fonts, pdfOut, pdf.Options{Created: created, Producer: producer}); err != nil {
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
	log.Info("built packet", "case", m.Case.ID, "pdf", res.PDF, "pages", res.Pages, "bytes", res.PDFSize)
	return res, nil
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
