package packet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/manifest"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/statement"
)

// LetterResult describes a written letter.
type LetterResult struct {
	Path string
	Size int64
}

// Letter writes a letter of the given kind (see statement.LetterKinds) for
// the case in dir, as OutDir/<case-id>-<kind>.pdf, in the case's language.
// It cites the same exhibit IDs as the case's packet.
func Letter(ctx context.Context, dir, kind string, opts Options) (*LetterResult, error) {
	c, err := collect(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	m, p := c.m, c.plan
	setPrepared(m, opts.Date)
	name, text, err := statement.LetterTemplate(kind, m.Case.Language)
	if err != nil {
		return nil, err
	}
	if opts.TemplateFile != "" {
		if name, text, err = readTemplate(opts.TemplateFile); err != nil {
			return nil, err
		}
	}
	body, err := statement.Write(name, text, statement.NewData(p, c.findings))
	if err != nil {
		return nil, err
	}
	fonts, err := loadFonts(opts.FontFile)
	if err != nil {
		return nil, err
	}
	title := strings.ToUpper(kind[:1]) + strings.ReplaceAll(kind[1:], "-", " ")
	outDir := opts.OutDir
	if outDir == "" {
		outDir = "."
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	res := &LetterResult{Path: filepath.Join(outDir, m.Case.ID+"-"+kind+".pdf")}
	f, err := atomicfile.Create(res.Path)
	if err != nil {
		return nil, err
	}
	defer f.Abort()
	if _, err := pdf.RenderLetter(p, fonts, title, body, f, pdf.Options{Created: m.Case.Prepared.Time(), Producer: "appealpacket " + Version}); err != nil {
		return nil, err
	}
	if err := f.Commit(); err != nil {
		return nil, err
	}
	if st, err := os.Stat(res.Path); err == nil {
		res.Size = st.Size()
	}
	return res, nil
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
