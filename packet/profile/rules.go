package profile

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// RuleSource says where a rule of a profile comes from: a URL or a
// document and its date, and how sure it is (official, third-party,
// unknown).
type RuleSource struct {
	Rule       string `yaml:"rule"` // one of RuleNames
	Source     string `yaml:"source"`
	Confidence string `yaml:"confidence"`
}

// Rule is one rule of a profile, as `appealpacket profile show` prints it.
type Rule struct {
	Name       string // e.g. "max_packet_bytes"
	Value      string // as the profile gives it
	Source     string
	Confidence string // official, third-party or unknown
}

// RuleNames are the rules a profile can set, each keyed in sources: by
// this name.
var RuleNames = []string{"accepted_types", "max_packet_bytes", "picture.min_side", "picture.max_bytes",
	"invoice.max_age_days", "invoice.buyer_must_match_seller", "loa_terms", "english_trademark", "paper_languages", "form_text_chars",
	"invoice.supplier_fields", "documents.max_age_days", "one_brand_per_submission", "appeal"}

// Source returns the source of rule name, as a clause for a finding's
// hint: " (the rule: SOURCE; confidence: C)", or "" when it has none.
func (p *Profile) Source(name string) string {
	for _, r := range p.Rules() {
		if r.Name == name && r.Source != "" {
			return fmt.Sprintf(" (the rule: %s; confidence: %s)", r.Source, r.Confidence)
		}
	}
	return ""
}

// Rules lists the rules the profile sets (those with a value that checks
// something), with their sources; a rule without one is confidence
// unknown, an assumption.
func (p *Profile) Rules() []Rule {
	var out []Rule
	add := func(name, value string, set bool) {
		if !set {
			return
		}
		r := Rule{Name: name, Value: value, Confidence: "unknown"}
		for _, s := range p.Sources {
			if s.Rule == name {
				r.Source, r.Confidence = s.Source, cmpOr(s.Confidence, "unknown")
			}
		}
		out = append(out, r)
	}
	add("accepted_types", strings.Join(p.AcceptedTypes, ", "), len(p.AcceptedTypes) > 0)
	add("max_packet_bytes", p.MaxPacket.String(), p.MaxPacket > 0)
	add("picture.min_side", fmt.Sprintf("%d px", p.Picture.MinSide), p.Picture.MinSide > 0)
	add("picture.max_bytes", p.Picture.MaxBytes.String(), p.Picture.MaxBytes > 0)
	add("invoice.max_age_days", fmt.Sprintf("%d days", p.Invoice.MaxAgeDays), p.Invoice.MaxAgeDays > 0)
	add("invoice.buyer_must_match_seller", "yes", p.Invoice.BuyerMustMatchSeller)
	add("loa_terms", strings.Join(p.LOATerms, ", "), len(p.LOATerms) > 0)
	add("english_trademark", "yes", p.EnglishTrademark)
	add("paper_languages", strings.Join(p.PaperLanguages, ", "), len(p.PaperLanguages) > 0)
	add("form_text_chars", fmt.Sprintf("%d characters", p.FormTextChars), p.FormTextChars > 0)
	add("invoice.supplier_fields", strings.Join(p.Invoice.SupplierFields, ", "), len(p.Invoice.SupplierFields) > 0)
	add("documents.max_age_days", fmt.Sprintf("%d days", p.Documents.MaxAgeDays), p.Documents.MaxAgeDays > 0)
	add("one_brand_per_submission", "yes", p.OneBrandPerSubmission)
	if a := p.Appeal; a.Attempts > 0 || len(a.Windows) > 0 {
		var ws []string
		for _, w := range a.Windows {
			if w.BusinessDays > 0 {
				ws = append(ws, fmt.Sprintf("%d business days", w.BusinessDays))
			} else {
				ws = append(ws, fmt.Sprintf("%d calendar days", w.CalendarDays))
			}
		}
		r := Rule{Name: "appeal", Value: fmt.Sprintf("%d attempt(s); windows from the complaint: %s", a.Attempts, strings.Join(ws, ", then ")),
			Source: a.Source, Confidence: cmpOr(a.Confidence, "unknown")}
		out = append(out, r)
	}
	for i := range p.Channels {
		c := &p.Channels[i]
		out = append(out, Rule{Name: "channels." + c.Name, Value: c.describe(p), Source: c.Source, Confidence: cmpOr(c.Confidence, "unknown")})
	}
	return out
}

// Export returns the YAML file of a built-in profile, comments included:
// a copy to edit and pass to --profile.
func Export(name string) ([]byte, error) {
	if !slices.Contains(Names(), name) {
		return nil, &UnknownError{Name: name, Known: Names()}
	}
	return builtin.ReadFile(path.Join("profiles", name+".yaml"))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
