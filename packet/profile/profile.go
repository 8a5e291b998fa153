// Package profile holds what each marketplace asks of an IP appeal: the
// attachment types it accepts, the largest attachment, the size of
// pictures, how recent an invoice must be and whom it must name, the terms a
// letter of authorization must state, whether the trademark must be English,
// and the case.yaml fields it needs.
//
// The built-in profiles are YAML files embedded from profiles/: aliexpress,
// amazon, temu, shopee and generic. Each file says in comments where its
// numbers come from; where a platform publishes no number the profile says
// so and uses a conservative default (DefaultMaxBytes). A user can pass a
// profile file of their own (appealpacket --profile FILE) with the same
// schema; it is decoded just as strictly, and every error names
// FILE:LINE:COL.
//
// The schema, every field optional except name and accepted_types:
//
//	name: amazon                  # lower-case; case.platform selects the built-in of that name
//	display_name: Amazon          # used in messages
//	notes: "..."                  # free text for people
//	accepted_types: [pdf, jpg, png]  # attachment types: pdf jpg png webp heic tiff (jpeg, tif, heif are aliases)
//	max_packet_bytes: 10 MB       # largest single attachment; default 10 MB
//	picture:
//	  min_side: 700               # pixels each side of a photo or listing picture must reach; 0: not checked
//	  max_bytes: 10 MB            # largest picture the platform takes as an upload; 0: not checked
//	invoice:
//	  max_age_days: 365           # an invoice may be dated at most this long before the complaint; 0: not checked
//	  buyer_must_match_seller: true   # the invoice's buyer (documents[].buyer) must be one of the seller's names
//	  supplier_fields: [phone, address, website]  # what the invoice's text must show of the supplier (and email)
//	documents:
//	  max_age_days: 183           # every dated paper under documents: at most this long before the complaint
//	c2pa_trust: trust/c2pa.pem    # Content Credentials signers to trust (PEM), beside the profile file
//	one_brand_per_submission: true  # one brand (trademark owner) per appeal: split a case of several
//	form_text_chars: 1800         # the appeal form's text box (letter --kind form-text)
//	loa_terms: [licensor, licensee, grant, scope, term]  # terms every authorization must state
//	english_trademark: true       # trademarks need Latin letters
//	paper_languages: [en, zh]     # papers in another language need a translation (trademarks[].translation, ...)
//	appeal:                       # appeals a complaint allows, and the window of each from case.received
//	  attempts: 3
//	  windows: [{business_days: 3}, {business_days: 27}]   # the last window holds for later attempts
//	  source: "Alibaba rule notice, in force 2022-01-20"
//	  confidence: third-party       # official | third-party | unknown
//	sources:                      # where each rule comes from (see RuleNames)
//	  - {rule: max_packet_bytes, source: "not published", confidence: unknown}
//	required: [case.complaint_date, listings, "listings[].id"]  # case.yaml fields that must not be empty
//	channels:                     # the upload forms (build --channel NAME), each with its own limits
//	  - name: copyright-images
//	    accepted_types: [jpg, png]  # what the form takes; without pdf, build writes the pages as images
//	    max_files: 20               # files per submission; 0: not limited
//	    max_file_bytes: 5 MB        # each file; default max_packet_bytes
//	    originals: true             # camera originals may be added beside the pages
//	    source: "..."
//	    confidence: unknown
//
// A required field is a case.yaml field path; "listings[].id" requires the
// id of every listing (quote it inside [...], where YAML reads [ and ] as
// list brackets).
//
// Sizes are a whole number of bytes or a number with a unit: B, KB, MB, GB
// (powers of 1000) or KiB, MiB, GiB (powers of 1024). Platforms write "10M"
// without saying which they mean; the profiles write 10 MB, the smaller
// reading (10,000,000 bytes), so that a packet that fits fits either way.
package profile

import (
	"embed"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"appealpacket/internal/regularfile"
	"appealpacket/internal/strictyaml"
	"appealpacket/packet/manifest"
)

//go:embed profiles/*.yaml
var builtin embed.FS

// DefaultMaxBytes is the attachment limit used where a platform publishes
// none: 10 MB (10,000,000 bytes), below every limit we know of.
const DefaultMaxBytes = 10_000_000

// MaxFileSize is the largest profile file Load reads. A profile is a few KB.
const MaxFileSize = 1 << 20

// maxNodes bounds decoding work, aliases included.
const maxNodes = 10_000

// Types are the attachment types a profile may list in accepted_types.
var Types = []string{"pdf", "jpg", "png", "webp", "heic", "tiff"}

var typeAliases = map[string]string{"jpeg": "jpg", "tif": "tiff", "heif": "heic"}

// The terms a letter of authorization may be required to state (loa_terms).
const (
	TermLicensor = "licensor" // who grants: authorizations[].grantor
	TermLicensee = "licensee" // who receives: authorizations[].grantee
	TermGrant    = "grant"    // what is licensed: authorizations[].trademarks and goods
	TermScope    = "scope"    // where: authorizations[].territories
	TermTerm     = "term"     // how long: authorizations[].from and/or to
)

// Terms lists the loa_terms values in the order messages name them.
var Terms = []string{TermLicensor, TermLicensee, TermGrant, TermScope, TermTerm}

// Profile is one platform's rules.
type Profile struct {
	Name             string   `yaml:"name"`
	DisplayName      string   `yaml:"display_name"`
	Notes            string   `yaml:"notes"`
	AcceptedTypes    []string `yaml:"accepted_types"`
	MaxPacket        Bytes    `yaml:"max_packet_bytes"`
	Picture          Picture  `yaml:"picture"`
	Invoice          Invoice  `yaml:"invoice"`
	LOATerms         []string `yaml:"loa_terms"`
	EnglishTrademark bool     `yaml:"english_trademark"`
	// PaperLanguages are the languages a certificate, letter or document
	// may be in without a translation (ISO 639-1: en, zh, ...); empty:
	// not checked.
	PaperLanguages []string `yaml:"paper_languages"`
	// FormTextChars is the character limit of the appeal form's text box
	// (letter --kind form-text stays within it); 0: not known.
	FormTextChars int `yaml:"form_text_chars"`
	// Documents are the rules on every paper under documents:.
	Documents Documents `yaml:"documents"`
	// C2PATrust is a PEM bundle of the Content Credentials (C2PA) signers
	// to trust, relative to the profile file's folder (TrustFile gives
	// the path to open); --c2pa-trust overrides it.
	C2PATrust string `yaml:"c2pa_trust"`
	// OneBrandPerSubmission: the platform takes the evidence of one brand
	// (one trademark owner) per submission.
	OneBrandPerSubmission bool `yaml:"one_brand_per_submission"`
	// Appeal is how many appeals a complaint allows and how long each may
	// take; zero: not checked.
	Appeal Appeal `yaml:"appeal"`
	// Sources says, per rule (RuleNames), where it comes from and how sure
	// it is; a rule without a source is an assumption (confidence
	// unknown).
	Sources  []RuleSource `yaml:"sources"`
	Required []string     `yaml:"required"`
	// Channels are the platform's upload forms, each with the types, the
	// number of files and the size it takes (build --channel NAME).
	Channels []Channel `yaml:"channels"`

	// File is where the profile was read: "profiles/amazon.yaml" for a
	// built-in profile, else the path given to Load.
	File string `yaml:"-"`

	required [][]step // Required, as Parse checked it
}

// Appeal says how many appeals (counter-notices) a complaint allows and
// the window of each, counted from the day the complaint was received.
type Appeal struct {
	Attempts int      `yaml:"attempts"` // 0: not limited
	Windows  []Window `yaml:"windows"`  // one per attempt; the last holds for later attempts
	// Source says where the rule was published, and Confidence how sure
	// it is: official, third-party or unknown.
	Source     string `yaml:"source"`
	Confidence string `yaml:"confidence"`
}

// Window is how long one appeal may take.
type Window struct {
	BusinessDays int `yaml:"business_days"`
	CalendarDays int `yaml:"calendar_days"`
}

// Confidences are the values of a rule's confidence.
var Confidences = []string{"official", "third-party", "unknown"}

// Picture limits apply to photos (P-n) and listing pictures (L-n).
type Picture struct {
	MinSide  int   `yaml:"min_side"`
	MaxBytes Bytes `yaml:"max_bytes"`
}

// Invoice rules apply to documents of kind invoice.
type Invoice struct {
	MaxAgeDays           int  `yaml:"max_age_days"`
	BuyerMustMatchSeller bool `yaml:"buyer_must_match_seller"`
	// SupplierFields are what the invoice must show of the supplier
	// (SupplierFieldNames: phone, address, website, email), checked on
	// its text.
	SupplierFields []string `yaml:"supplier_fields"`
}

// TrustFile returns the path of the profile's c2pa_trust file: as given
// when absolute, else relative to the profile file's folder; "" when the
// profile names none.
func (p *Profile) TrustFile() string {
	if p.C2PATrust == "" || filepath.IsAbs(p.C2PATrust) {
		return p.C2PATrust
	}
	return filepath.Join(filepath.Dir(p.File), filepath.FromSlash(p.C2PATrust))
}

// Documents are a profile's rules on the papers under documents:.
type Documents struct {
	// MaxAgeDays: every dated paper is dated within this many days before
	// the complaint; 0: not checked.
	MaxAgeDays int `yaml:"max_age_days"`
}

// SupplierFieldNames are what invoice.supplier_fields may ask of an
// invoice's supplier.
var SupplierFieldNames = []string{"phone", "address", "website", "email"}

// Bytes is a size in bytes, written in YAML as a whole number or as a
// number with a unit ("10 MB", "20MiB").
type Bytes int64

// String formats the size the way a seller reads it: "10 MB", "512 KB".
func (b Bytes) String() string {
	switch {
	case b >= 1_000_000:
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", float64(b)/1e6), "0"), ".") + " MB"
	case b >= 1000:
		return fmt.Sprintf("%d KB", (b+500)/1000)
	}
	return fmt.Sprintf("%d bytes", int64(b))
}

var units = map[string]float64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}

// ParseBytes reads "10 MB", "10MB", "1.5 MiB" or "10000000".
func ParseBytes(s string) (Bytes, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := units[unit]
	f, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || num == "" || f < 0 || f*mult > 1<<50 {
		return 0, fmt.Errorf("%q is not a size (want bytes, or a number with B, KB, MB, GB, KiB, MiB or GiB, e.g. \"10 MB\")", s)
	}
	return Bytes(f * mult), nil
}

// Label is the platform's name for messages: DisplayName, else Name.
func (p *Profile) Label() string {
	if p.DisplayName != "" {
		return p.DisplayName
	}
	return p.Name
}

// MaxPacketBytes is the largest single attachment the platform takes:
// max_packet_bytes, or DefaultMaxBytes when the profile gives none (or p
// is nil).
func (p *Profile) MaxPacketBytes() int64 {
	if p == nil || p.MaxPacket <= 0 {
		return DefaultMaxBytes
	}
	return int64(p.MaxPacket)
}

// TypeOf returns the accepted_types name of a collected file's format
// (evidence.Item.Format: "JPEG" → "jpg"), or "" when unknown.
func TypeOf(format string) string {
	t := strings.ToLower(strings.TrimSpace(format))
	if a, ok := typeAliases[t]; ok {
		t = a
	}
	if slices.Contains(Types, t) {
		return t
	}
	return ""
}

// Accepts reports whether the platform takes a file of the given format
// (a Types name or an evidence.Item.Format) as an attachment.
func (p *Profile) Accepts(format string) bool {
	t := TypeOf(format)
	return t != "" && slices.Contains(p.AcceptedTypes, t)
}

// AcceptsPictures reports whether the platform takes any picture type as an
// attachment (a PDF-only platform does not).
func (p *Profile) AcceptsPictures() bool {
	return slices.ContainsFunc(p.AcceptedTypes, func(t string) bool { return t != "pdf" })
}

// Names lists the built-in profiles, sorted.
func Names() []string {
	entries, _ := builtin.ReadDir("profiles")
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			out = append(out, n)
		}
	}
	return out
}

// Builtin returns the built-in profile with the given name.
func Builtin(name string) (*Profile, error) {
	file := path.Join("profiles", name+".yaml")
	data, err := builtin.ReadFile(file)
	if err != nil || !slices.Contains(Names(), name) {
		return nil, &UnknownError{Name: name, Known: Names()}
	}
	return Parse(data, file)
}

// UnknownError says that no built-in profile has the name asked for.
type UnknownError struct {
	Name  string
	Known []string // the built-in profiles' names
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("no built-in platform profile %q (there are: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Load reads a profile file.
func Load(file string) (*Profile, error) {
	data, err := regularfile.Read(file, MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("platform profile: %w", err)
	}
	return Parse(data, file)
}

// Select returns the profile to check a case against: the profile file
// when file is given (a built-in profile's name is accepted there too when
// no file of that name exists, so `--profile amazon` works), else the
// built-in profile name, else the built-in profile of the case's platform
// ("" means aliexpress, the manifest's default).
func Select(platform, name, file string) (*Profile, error) {
	if file != "" {
		if _, err := os.Stat(file); err != nil && (slices.Contains(Names(), file) || !strings.ContainsAny(file, `/\.`)) {
			return Builtin(file) // a name, not a file: say which names there are
		}
		return Load(file)
	}
	if name == "" {
		name = platform
	}
	if name == "" {
		name = "aliexpress"
	}
	return Builtin(name)
}

// Error is one problem in a profile file, located as file:line:col.
type Error = strictyaml.Error

// Errors is every problem found in one profile file, in file order.
type Errors = strictyaml.Errors

// Parse decodes a profile. name is used in errors. Decoding is strict: an
// unknown field, a wrong type, an unknown type, term or manifest field, a
// negative number are errors, each at its line:col (see package
// strictyaml). The returned error, if any, wraps an Errors listing every
// problem found.
func Parse(data []byte, name string) (*Profile, error) {
	p, err := parse(data, name)
	if err != nil {
		return nil, fmt.Errorf("platform profile: %w", err)
	}
	return p, nil
}

func parse(data []byte, name string) (*Profile, error) {
	root, err := strictyaml.Parse(data, name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "the profile is empty; start with \"name: ...\""}}
	}
	p := &Profile{File: name}
	d := &strictyaml.Decoder{File: name, Source: data, MaxNodes: maxNodes, Scalars: map[reflect.Type]strictyaml.Scalar{
		reflect.TypeFor[Bytes](): {Want: "a size", Decode: func(n *yaml.Node) (any, error) { return ParseBytes(n.Value) }},
	}}
	d.Decode(root, reflect.ValueOf(p).Elem(), "")
	if d.Errs == nil {
		validate(p, d)
	}
	if err := d.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

func validate(p *Profile, d *strictyaml.Decoder) {
	if strings.TrimSpace(p.Name) == "" {
		d.Fail(d.At("name"), "name", "required: the platform's name, e.g. amazon")
	} else if strings.ContainsFunc(p.Name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') }) {
		d.Fail(d.At("name"), "name", "%q: use lower-case letters, digits, '-' and '_'", p.Name)
	}
	if len(p.AcceptedTypes) == 0 {
		d.Fail(d.At("accepted_types"), "accepted_types", "required: the file types the platform accepts as attachments, e.g. [pdf, jpg, png]")
	}
	for i, t := range p.AcceptedTypes {
		field := fmt.Sprintf("accepted_types[%d]", i)
		norm := TypeOf(t)
		if norm == "" {
			d.Fail(d.At(field), field, "%q is not a type appealpacket knows (%s)", t, strings.Join(Types, ", "))
			continue
		}
		p.AcceptedTypes[i] = norm
	}
	nonNegative := func(field string, v int64) {
		if v < 0 {
			d.Fail(d.At(field), field, "must not be negative")
		}
	}
	nonNegative("picture.min_side", int64(p.Picture.MinSide))
	nonNegative("invoice.max_age_days", int64(p.Invoice.MaxAgeDays))
	for i, t := range p.LOATerms {
		field := fmt.Sprintf("loa_terms[%d]", i)
		if !slices.Contains(Terms, t) {
			d.Fail(d.At(field), field, "%q is not a term (want %s)", t, strings.Join(Terms, ", "))
		}
	}
	for i, w := range p.Appeal.Windows {
		field := fmt.Sprintf("appeal.windows[%d]", i)
		if (w.BusinessDays > 0) == (w.CalendarDays > 0) || w.BusinessDays < 0 || w.CalendarDays < 0 || w.BusinessDays > 366 || w.CalendarDays > 366 {
			d.Fail(d.At(field), field, "give either business_days or calendar_days, from 1 to 366")
		}
	}
	validateChannels(p, d)
	nonNegative("appeal.attempts", int64(p.Appeal.Attempts))
	nonNegative("form_text_chars", int64(p.FormTextChars))
	nonNegative("documents.max_age_days", int64(p.Documents.MaxAgeDays))
	for i, f := range p.Invoice.SupplierFields {
		field := fmt.Sprintf("invoice.supplier_fields[%d]", i)
		if !slices.Contains(SupplierFieldNames, f) {
			d.Fail(d.At(field), field, "%q is not a supplier field (want %s)", f, strings.Join(SupplierFieldNames, ", "))
		}
	}
	if c := p.Appeal.Confidence; c != "" && !slices.Contains(Confidences, c) {
		d.Fail(d.At("appeal.confidence"), "appeal.confidence", "%q: want %s", c, strings.Join(Confidences, ", "))
	}
	for i, s := range p.Sources {
		field := fmt.Sprintf("sources[%d]", i)
		if !slices.Contains(RuleNames, s.Rule) || s.Rule == "appeal" {
			d.Fail(d.At(field), field, "%q is not a rule with a source here (want one of %s; appeal has its own source)", s.Rule, strings.Join(RuleNames[:len(RuleNames)-1], ", "))
		}
		if !slices.Contains(Confidences, s.Confidence) {
			d.Fail(d.At(field), field, "confidence %q: want %s", s.Confidence, strings.Join(Confidences, ", "))
		}
	}
	for i, l := range p.PaperLanguages {
		field := fmt.Sprintf("paper_languages[%d]", i)
		if len(l) != 2 || strings.ToLower(l) != l {
			d.Fail(d.At(field), field, "%q is not a language code: use ISO 639-1, two lower-case letters (en, zh, es, ...)", l)
		}
	}
	for i, r := range p.Required {
		field := fmt.Sprintf("required[%d]", i)
		steps, err := parseField(r)
		if err != nil {
			d.Fail(d.At(field), field, "%v", err)
			continue
		}
		p.required = append(p.required, steps)
	}
}

type step struct {
	name string
	each bool
}

var (
	manifestType = reflect.TypeFor[manifest.Manifest]()
	pathType     = reflect.TypeFor[manifest.Path]()
	dateType     = reflect.TypeFor[manifest.Date]()
)

// parseField checks a required field path such as "seller.store",
// "listings" or "listings[].url" against the manifest's fields.
func parseField(s string) ([]step, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("empty field name")
	}
	var steps []step
	t := manifestType
	parts := strings.Split(s, ".")
	for i, part := range parts {
		name, each := strings.CutSuffix(part, "[]")
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == pathType || t == dateType {
			return nil, fmt.Errorf("%q: %s has no fields", s, strings.Join(parts[:i], "."))
		}
		fields := strictyaml.Fields(t)
		idx, ok := fields[name]
		if !ok {
			msg := fmt.Sprintf("%q is not a case.yaml field: %q", s, name)
			if sug := strictyaml.Suggest(name, fields); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			} else {
				msg += " (known here: " + strings.Join(strictyaml.Names(fields), ", ") + ")"
			}
			return nil, fmt.Errorf("%s", msg)
		}
		t = t.Field(idx).Type
		last := i == len(parts)-1
		switch {
		case each && t.Kind() != reflect.Slice:
			return nil, fmt.Errorf("%q: %s is not a list; drop the []", s, name)
		case each:
			t = t.Elem()
		case !last && t.Kind() == reflect.Slice:
			return nil, fmt.Errorf("%q: %s is a list; write %s[].%s to require it of every element", s, name, name, strings.Join(parts[i+1:], "."))
		}
		steps = append(steps, step{name, each})
	}
	if steps[len(steps)-1].each {
		return nil, fmt.Errorf("%q: end with the field itself (write %s to require a non-empty list)", s, strings.TrimSuffix(s, "[]"))
	}
	return steps, nil
}

// Missing returns the required fields that are empty in m, as concrete
// paths ("seller.store", "listings[1].url"), in the order of Required as
// Parse read it. A requirement on every element of an empty list
// ("listings[].url" with no listings) is met; require "listings" for the
// list itself.
func (p *Profile) Missing(m *manifest.Manifest) []string {
	var out []string
	for _, steps := range p.required {
		missing(reflect.ValueOf(m).Elem(), steps, "", &out)
	}
	return out
}

func join(field, name string) string {
	if field == "" {
		return name
	}
	return field + "." + name
}

func missing(v reflect.Value, steps []step, prefix string, out *[]string) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			*out = append(*out, join(prefix, joinSteps(steps)))
			return
		}
		v = v.Elem()
	}
	s := steps[0]
	fv := v.Field(strictyaml.Fields(v.Type())[s.name])
	field := join(prefix, s.name)
	if s.each {
		for i := range fv.Len() {
			missing(fv.Index(i), steps[1:], fmt.Sprintf("%s[%d]", field, i), out)
		}
		return
	}
	if len(steps) > 1 {
		missing(fv, steps[1:], field, out)
		return
	}
	if empty(fv) {
		*out = append(*out, field)
	}
}

func joinSteps(steps []step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = s.name
		if s.each {
			parts[i] += "[]"
		}
	}
	return strings.Join(parts, ".")
}

// empty reports whether a manifest value counts as not given.
func empty(v reflect.Value) bool {
	switch v.Type() {
	case pathType:
		return strings.TrimSpace(v.Interface().(manifest.Path).Raw) == ""
	case dateType:
		return v.Interface().(manifest.Date).IsZero()
	}
	switch v.Kind() {
	case reflect.String:
		return strings.TrimSpace(v.String()) == ""
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}
