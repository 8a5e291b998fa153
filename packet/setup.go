package packet

import (
	"bytes"
	"cmp"
	"context"
	"crypto/x509"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"appealpacket/internal/digest"
	"appealpacket/internal/i18n"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/cache"
	"appealpacket/packet/chain"
	"appealpacket/packet/check"
	"appealpacket/packet/collect"
	"appealpacket/packet/deadline"
	"appealpacket/packet/doctext"
	"appealpacket/packet/evidence"
	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/exhibit"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
	"appealpacket/packet/profile"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/statement"
)

// collected is a case after Load, Collect and Check.
type collected struct {
	// checked is what the checks ran on: the manifest, the numbered
	// exhibits (listing pictures compared), every collected item, the
	// profile. A brand's case (PerBrand) is the same input narrowed to
	// the brand.
	checked  check.Input
	chains   *chain.Report // the authorization chains
	findings finding.List
	workDir  string
	cache    *cache.Cache // nil when caching is off
	byRel    map[string]*evidence.Item
}

func (o *Options) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.Logger
}

// prepare runs manifest.Load, collect.Run and check.Run. The caller removes c.workDir.
func prepare(ctx context.Context, dir string, opts *Options) (*collected, error) {
	log := opts.logger()
	start := time.Now()
	m, problems, err := manifest.Load(dir)
	if err != nil {
		return nil, err
	}
	log.Debug("loaded manifest", "case", m.Case.ID, "photos", len(m.Photos), "problems", len(problems))
	// The packet's date: photos dated after it are implausible, and
	// certificates without a time-stamp are checked at it.
	setPrepared(m, opts.Date)
	if opts.Lang != "" {
		l, err := i18n.Parse(opts.Lang)
		if err != nil {
			return nil, err
		}
		m.Case.Language = l.Code() // the packet speaks this language for this run
	}
	prof, err := profile.Select(m.Case.Platform, opts.Profile, opts.ProfileFile)
	if err != nil {
		return nil, err
	}
	log.Debug("platform profile", "name", prof.Name, "file", prof.File)

	var reqs []collect.Request
	for _, l := range m.Listings {
		for _, img := range l.Images {
			reqs = append(reqs, collect.Request{Path: img.Path, Role: evidence.ListingImage})
		}
	}
	for _, p := range m.Photos {
		reqs = append(reqs, collect.Request{Path: p.Path, Role: evidence.Photo})
	}
	for _, t := range m.Trademarks {
		for _, p := range t.Files {
			reqs = append(reqs, collect.Request{Path: p, Role: evidence.TrademarkFile})
		}
		if t.Translation.Raw != "" {
			reqs = append(reqs, collect.Request{Path: t.Translation, Role: evidence.TrademarkFile})
		}
	}
	for _, a := range m.Authorizations {
		for _, p := range a.Files {
			reqs = append(reqs, collect.Request{Path: p, Role: evidence.AuthorizationFile})
		}
		if a.Translation.Raw != "" {
			reqs = append(reqs, collect.Request{Path: a.Translation, Role: evidence.AuthorizationFile})
		}
	}
	for _, d := range m.Documents {
		reqs = append(reqs, collect.Request{Path: d.Path, Role: evidence.Document})
		if d.Translation.Raw != "" {
			reqs = append(reqs, collect.Request{Path: d.Translation, Role: evidence.Document})
		}
	}
	var store *cache.Cache
	if opts.CacheDir != "" {
		if store, err = cache.Open(opts.CacheDir, log); err != nil {
			log.Warn("cache unavailable; working without it", "err", err)
			store = nil
		}
	}
	workDir, err := atomicfile.TempDir("appealpacket-work")
	if err != nil {
		return nil, err
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
	ocr, err := selectOCR(ctx, opts)
	if err != nil {
		os.RemoveAll(workDir)
		return nil, err
	}
	trust, trustID, err := readC2PATrust(cmp.Or(opts.C2PATrustFile, prof.TrustFile()))
	if err != nil {
		os.RemoveAll(workDir)
		return nil, err
	}
	items, err := collect.Run(ctx, reqs, collect.Options{OCR: ocr, Workers: opts.Workers, WorkDir: workDir, Logger: log, OnFile: onFile, Now: m.Case.Prepared.Time(),
		PDFPassword: opts.PDFPassword, Cache: store, MaxPixels: opts.MaxPixels, Memory: opts.Memory, Masters: opts.masters,
		C2PATrust: trust, C2PATrustID: trustID})
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
	set := exhibit.Number(m, byRel)
	set.CompareListings()
	holidays, err := readHolidays(opts.HolidaysFile)
	if err != nil {
		os.RemoveAll(workDir)
		return nil, err
	}
	today := opts.Today
	if today.IsZero() {
		today = m.Case.Prepared.Time()
	}
	in := check.Input{Manifest: m, Problems: problems, Items: items, Exhibits: set, Profile: prof, Today: today, Holidays: holidays, Lang: langOf(m), OCR: ocrUse(opts.OCR, ocr)}
	fs, chains := check.Run(in)
	set.CameraOriginalsFirst(check.NotOriginalPhotos(set, fs))
	log.Debug("collected and checked", "files", len(byRel), "findings", len(fs), "elapsed", time.Since(start))
	return &collected{checked: in, chains: chains, findings: fs, workDir: workDir, cache: store, byRel: byRel}, nil
}

// selectOCR is the Tesseract the options give, else the one OCR asks for.
func selectOCR(ctx context.Context, opts *Options) (*doctext.Tesseract, error) {
	if opts.Tesseract != nil && opts.OCR != "off" {
		return opts.Tesseract, nil
	}
	return doctext.Select(ctx, opts.OCR)
}

// ocrUse says how the scans were read: how (the OCR option) asked, and
// Tesseract was found (t) or not.
func ocrUse(how string, t *doctext.Tesseract) check.OCRUse {
	switch {
	case t != nil:
		return check.OCRUsed
	case how == "off":
		return check.OCROff
	}
	return check.OCRNotFound
}

// fail runs the test hook for a stage.
func (o *Options) fail(stage string) error {
	if o.failAt == nil {
		return nil
	}
	return o.failAt(stage)
}

// setPrepared fixes the packet date: the given date, else the manifest's
// case.prepared, else today.
func setPrepared(m *manifest.Manifest, date time.Time) {
	switch {
	case !date.IsZero():
		m.Case.Prepared = manifest.NewDate(date.Date())
	case m.Case.Prepared.IsZero():
		m.Case.Prepared = manifest.NewDate(time.Now().Date())
	}
}

func readTemplate(file string) (name, text string, err error) {
	b, err := regularfile.Read(file, maxTemplateBytes)
	if err != nil {
		return "", "", fmt.Errorf("template: %w", err)
	}
	return file, string(b), nil
}

// Limits of the files a user gives by flag: a statement template is a few
// KB; the largest CJK fonts (with every CJK extension) are about 60 MB.
const (
	maxTemplateBytes = 1 << 20
	maxFontBytes     = 100 << 20
)

// loadFonts loads the embedded fonts, with fontFile (if any) as the CJK fallback.
func loadFonts(fontFile string) (*pdf.Fonts, error) {
	var cjk []byte
	if fontFile != "" {
		var err error
		if cjk, err = regularfile.Read(fontFile, maxFontBytes); err != nil {
			return nil, fmt.Errorf("font: %w", err)
		}
	}
	return pdf.LoadFonts(cjk)
}

// text is the statement or letter of a case, written from a template,
// with the fonts that draw it.
type text struct {
	body  string
	fonts *pdf.Fonts
	// glyphs is TEXT_GLYPH_MISSING when a character of the case's text has
	// no glyph in the fonts (drawn as [U+XXXX]); nil otherwise.
	glyphs finding.List
}

// compose writes the text of a case from the built-in template name/text
// (opts.TemplateFile replaces it), loads the fonts, and reports any
// character of the case's text (the template's output and extra, e.g.
// exhibit titles) the fonts cannot draw. Build and Letter share it.
func (c *collected) compose(opts *Options, name, tmpl string, extra []string) (*text, error) {
	if opts.TemplateFile != "" {
		var err error
		if name, tmpl, err = readTemplate(opts.TemplateFile); err != nil {
			return nil, err
		}
	}
	body, err := statement.Write(name, tmpl, statement.NewData(c.checked.Exhibits, c.findings, c.chains))
	if err != nil {
		return nil, err
	}
	fonts, err := loadFonts(opts.FontFile)
	if err != nil {
		return nil, err
	}
	t := &text{body: body, fonts: fonts}
	if missing := fonts.Uncovered(append(extra, body)...); len(missing) > 0 {
		t.glyphs = finding.List{check.Glyphs(c.checked.Lang, pdf.MissingRunes(missing))}
	}
	return t, nil
}

// readC2PATrust reads a C2PA trust list (PEM certificates); "" is none.
// trustID names its contents, for the cache.
func readC2PATrust(file string) (pool *x509.CertPool, trustID string, err error) {
	if file == "" {
		return nil, "", nil
	}
	b, err := regularfile.Read(file, 16<<20)
	if err != nil {
		return nil, "", fmt.Errorf("Content Credentials trust list: %w", err)
	}
	if pool, err = c2pa.LoadTrustAnchors(b); err != nil {
		return nil, "", fmt.Errorf("%s: %w", file, err)
	}
	return pool, digest.Hex(b), nil
}

// readHolidays reads a holiday list file (see deadline.ReadHolidays); ""
// is none.
func readHolidays(file string) (*deadline.Calendar, error) {
	if file == "" {
		return nil, nil
	}
	b, err := regularfile.Read(file, 4<<20)
	if err != nil {
		return nil, fmt.Errorf("holidays: %w", err)
	}
	return deadline.ReadHolidays(bytes.NewReader(b), file)
}

// langOf is the language of the case's packet and findings: case.language
// (set from Options.Lang when given), English when empty or unknown.
func langOf(m *manifest.Manifest) i18n.Lang {
	l, _ := i18n.Parse(m.Case.Language)
	return l
}
