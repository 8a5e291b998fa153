package packet

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"appealpacket/packet/finding"
	"appealpacket/packet/output"
	"appealpacket/packet/plan"
	"appealpacket/packet/render/pdf"
	"appealpacket/packet/statement"
)

// LetterResult describes a written letter.
type LetterResult struct {
	Path string
	Size int64
	// Findings are the case's findings, and TEXT_GLYPH_MISSING when a
	// character of the letter has no glyph in the fonts.
	Findings finding.List
	// Chars is the length of a form text, in characters.
	Chars int
}

// Letter writes a letter of the given kind (see statement.LetterKinds) for
// the case in dir, as OutDir/<case-id>-<kind>.pdf, in the case's language.
// Like Build, it refuses a case with blocking findings (a *NotReadyError)
// unless opts.Force: a letter must not claim what the evidence does not
// show.
func Letter(ctx context.Context, dir, kind string, opts Options) (*LetterResult, error) {
	c, err := prepare(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	m := c.checked.Manifest
	if c.findings.Blocking() && !opts.Force {
		return nil, &NotReadyError{Findings: c.findings, Lang: c.checked.Lang, Letter: true}
	}
	setPrepared(m, opts.Date)
	name, tmpl, err := statement.LetterTemplate(kind, m.Case.Language)
	if err != nil {
		return nil, err
	}
	t, err := c.compose(&opts, name, tmpl, nil)
	if err != nil {
		return nil, err
	}
	if kind == "form-text" {
		return formText(c, t.body, &opts)
	}
	title := pdf.LetterTitle(kind, m.Case.Language)
	var b strings.Builder
	p := plan.New(c.checked.Exhibits, plan.Content{Findings: c.findings, Chains: c.chains})
	if _, err := pdf.RenderLetter(p, t.fonts, title, t.body, &b, pdf.Options{Created: m.Case.Prepared.Time(), Producer: "appealpacket " + Version}); err != nil {
		return nil, err
	}
	name = m.Case.ID + "-" + kind + ".pdf"
	written, err := output.Write([]output.File{{Name: name, Data: []byte(b.String()), Part: 0}}, output.Options{Dir: opts.OutDir, Overwrite: true})
	if err != nil {
		return nil, err
	}
	res := &LetterResult{Path: filepath.Join(filepath.Dir(written[0].Path), name), Size: written[0].Size, Findings: c.findings}
	if len(t.glyphs) > 0 {
		res.Findings = append(res.Findings, t.glyphs...)
		res.Findings.Sort()
	}
	return res, nil
}

// formText writes the appeal summary for the platform's text box as
// OutDir/<case-id>-form-text.txt, refusing a text over the profile's
// character limit (counted as the form counts: characters, not bytes).
func formText(c *collected, body string, opts *Options) (*LetterResult, error) {
	text := strings.TrimSpace(body) + "\n"
	n := utf8.RuneCountInString(strings.TrimSpace(body))
	if limit := c.checked.Profile.FormTextChars; limit > 0 && n > limit {
		return nil, fmt.Errorf("the form text is %d characters and %s's text box takes %d: shorten case.statement (%d characters), which it includes",
			n, cmp.Or(c.checked.Profile.DisplayName, c.checked.Profile.Name), limit, utf8.RuneCountInString(c.checked.Manifest.Case.Statement))
	}
	name := c.checked.Manifest.Case.ID + "-form-text.txt"
	written, err := output.Write([]output.File{{Name: name, Data: []byte(text)}}, output.Options{Dir: opts.OutDir, Overwrite: true})
	if err != nil {
		return nil, err
	}
	return &LetterResult{Path: filepath.Join(filepath.Dir(written[0].Path), name), Size: written[0].Size, Findings: c.findings, Chars: n}, nil
}
