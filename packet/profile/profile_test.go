package profile

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"appealpacket/packet/manifest"
)

func TestBuiltinProfilesParse(t *testing.T) {
	want := slices.Sorted(slices.Values(manifest.Platforms))
	if got := Names(); !slices.Equal(got, want) {
		t.Fatalf("built-in profiles %v, want one per platform %v", got, want)
	}
	for _, name := range Names() {
		p, err := Builtin(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Name != name || p.File != "profiles/"+name+".yaml" {
			t.Errorf("%s: name %q file %q", name, p.Name, p.File)
		}
		if p.DisplayName == "" || p.Notes == "" {
			t.Errorf("%s: no display name or notes", name)
		}
		if !p.Accepts("PDF") {
			t.Errorf("%s: does not accept the packet's own type, PDF", name)
		}
		// No platform publishes its attachment limit: every profile uses
		// the conservative default and says so.
		if p.MaxPacketBytes() != DefaultMaxBytes || p.MaxPacket != DefaultMaxBytes {
			t.Errorf("%s: packet limit %d, want the written default %d", name, p.MaxPacketBytes(), DefaultMaxBytes)
		}
		src, _ := builtin.ReadFile(p.File)
		if !strings.Contains(string(src), "not published") && name != "generic" {
			t.Errorf("%s: the profile does not say that its packet limit is not published", name)
		}
	}
	ali, _ := Builtin("aliexpress")
	if ali.Picture.MinSide != 700 || ali.Picture.MaxBytes != 10_000_000 || !ali.EnglishTrademark || ali.Accepts("HEIC") {
		t.Errorf("aliexpress: %+v", ali)
	}
	amz, _ := Builtin("amazon")
	if amz.Invoice.MaxAgeDays != 365 || !amz.Invoice.BuyerMustMatchSeller || !slices.Equal(amz.LOATerms, Terms) {
		t.Errorf("amazon: %+v", amz)
	}
	temu, _ := Builtin("temu")
	if !slices.Equal(temu.AcceptedTypes, []string{"pdf"}) || temu.AcceptsPictures() {
		t.Errorf("temu accepts %v, want PDF only", temu.AcceptedTypes)
	}
	if _, err := Builtin("wish"); err == nil || !strings.Contains(err.Error(), "aliexpress, amazon, coupang, ebay, etsy, generic, shopee, temu, tiktok") {
		t.Errorf("unknown built-in: %v", err)
	}
}

const custom = `name: myshop
display_name: My Shop
accepted_types: [pdf, jpeg, TIF]
max_packet_bytes: 20 MiB
picture: {min_side: 1000, max_bytes: 5 MB}
invoice: {max_age_days: 180, buyer_must_match_seller: true}
loa_terms: [licensor, term]
english_trademark: true
required: [seller.store, "listings[].url", case.penalty.points]
`

func TestParseCustomProfile(t *testing.T) {
	p, err := Parse([]byte(custom), "my.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.AcceptedTypes, []string{"pdf", "jpg", "tiff"}) {
		t.Errorf("aliases not normalised: %v", p.AcceptedTypes)
	}
	if p.MaxPacketBytes() != 20<<20 || p.Picture.MaxBytes != 5_000_000 || p.Picture.MinSide != 1000 {
		t.Errorf("sizes: %d %d %d", p.MaxPacketBytes(), p.Picture.MaxBytes, p.Picture.MinSide)
	}
	if !p.Accepts("JPEG") || !p.Accepts("TIFF") || p.Accepts("PNG") || p.Accepts("") {
		t.Error("Accepts")
	}
	if p.Label() != "My Shop" || p.File != "my.yaml" {
		t.Errorf("label %q file %q", p.Label(), p.File)
	}
	var nilProfile *Profile
	if nilProfile.MaxPacketBytes() != DefaultMaxBytes {
		t.Error("a nil profile has the default limit")
	}
	p, err = Parse([]byte("name: x\naccepted_types: [pdf]\n"), "x.yaml")
	if err != nil || p.MaxPacketBytes() != DefaultMaxBytes {
		t.Errorf("no max_packet_bytes: %v, %d", err, p.MaxPacketBytes())
	}
}

func TestParseErrorsNameFileLineColumn(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"typo at top level", strings.Replace(custom, "max_packet_bytes:", "max_packet_byte:", 1),
			`my.yaml:4:1: top level: unknown field "max_packet_byte" (did you mean "max_packet_bytes"?)`},
		{"typo nested", strings.Replace(custom, "min_side:", "min_sid:", 1),
			`my.yaml:5:11: picture: unknown field "min_sid" (did you mean "min_side"?)`},
		{"wrong type", strings.Replace(custom, "min_side: 1000", "min_side: big", 1),
			`my.yaml:5:21: picture.min_side: want a whole number, got "big"`},
		{"negative", strings.Replace(custom, "max_age_days: 180", "max_age_days: -1", 1),
			`my.yaml:6:25: invoice.max_age_days: must not be negative`},
		{"bad size", strings.Replace(custom, "20 MiB", "20 MBytes", 1),
			`my.yaml:4:19: max_packet_bytes: "20 MBytes" is not a size`},
		{"unknown type", strings.Replace(custom, "TIF]", "gif]", 1),
			`my.yaml:3:29: accepted_types[2]: "gif" is not a type appealpacket knows (pdf, jpg, png, webp, heic, tiff)`},
		{"no types", strings.Replace(custom, "accepted_types: [pdf, jpeg, TIF]", "accepted_types: []", 1),
			`my.yaml:3:17: accepted_types: required`},
		{"unknown term", strings.Replace(custom, "[licensor, term]", "[licensor, duration]", 1),
			`my.yaml:7:23: loa_terms[1]: "duration" is not a term (want licensor, licensee, grant, scope, term)`},
		{"unknown manifest field", strings.Replace(custom, "seller.store,", "seller.stor,", 1),
			`my.yaml:9:12: required[0]: "seller.stor" is not a case.yaml field: "stor" (did you mean "store"?)`},
		{"list without []", strings.Replace(custom, `"listings[].url"`, "listings.url", 1),
			`my.yaml:9:26: required[1]: "listings.url": listings is a list; write listings[].url`},
		{"[] on a non-list", strings.Replace(custom, "seller.store,", `"seller[].store",`, 1),
			`required[0]: "seller[].store": seller is not a list`},
		{"field given twice", custom + "name: again\n", `my.yaml:10:1: name: field given twice`},
		{"no name", strings.Replace(custom, "name: myshop\n", "", 1), `my.yaml:1:1: name: required`},
		{"bad name", strings.Replace(custom, "name: myshop", "name: My Shop", 1), `my.yaml:1:7: name: "My Shop": use lower-case letters`},
		{"not a mapping", "- a\n- b\n", `my.yaml:1:1: want a mapping`},
		{"syntax", "name: [x\n", `my.yaml:1:7: the "[" opened here is not closed: end it with "]"`},
		{"empty", "", `my.yaml:1:1: the profile is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), "my.yaml")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, tt.want)
			}
		})
	}
}

func TestLoadAndSelect(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "shop.yaml")
	if err := os.WriteFile(file, []byte(strings.Replace(custom, "max_packet_bytes:", "max_packet_byts:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Select("aliexpress", "", file)
	if err == nil || !strings.Contains(err.Error(), file+`:4:1: top level: unknown field "max_packet_byts"`) {
		t.Errorf("a typo in a profile file: %v", err)
	}
	if err := os.WriteFile(file, []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ platform, name, file, want string }{
		{"amazon", "", "", "amazon"},
		{"", "", "", "aliexpress"},
		{"amazon", "temu", "", "temu"},
		{"amazon", "temu", file, "myshop"},
		{"aliexpress", "", "shopee", "shopee"}, // --profile shopee: no such file, the built-in
	} {
		p, err := Select(tt.platform, tt.name, tt.file)
		if err != nil || p.Name != tt.want {
			t.Errorf("Select(%q, %q, %q) = %v, %v; want %s", tt.platform, tt.name, tt.file, p, err, tt.want)
		}
	}
	if _, err := Select("", "", filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("a missing profile file is an error")
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]Bytes{"10 MB": 10_000_000, "10MB": 10_000_000, "10 mb": 10_000_000, "1.5 MiB": 1_572_864,
		"512 KB": 512_000, "2 GiB": 2 << 30, "123": 123, "7 B": 7} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1 MB", "10 XB", "1e3", "ten"} {
		if _, err := ParseBytes(in); err == nil {
			t.Errorf("ParseBytes(%q) accepted", in)
		}
	}
	for b, want := range map[Bytes]string{10_000_000: "10 MB", 14_230_000: "14.2 MB", 10_485_760: "10.5 MB", 2048: "2 KB", 12: "12 bytes"} {
		if got := b.String(); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", int64(b), got, want)
		}
	}
}

func TestMissing(t *testing.T) {
	m, err := manifest.Parse([]byte(`version: 1
case: {id: C-1}
seller: {legal_name: L, store: "  "}
listings: [{id: "1", url: "https://x"}, {id: "2"}]
`), "case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse([]byte(`name: x
accepted_types: [pdf]
required: [case.complaint_date, seller.store, seller.legal_name, listings, "listings[].url", photos, "documents[].buyer", case.penalty.points]
`), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := p.Missing(m)
	want := []string{"case.complaint_date", "seller.store", "listings[1].url", "photos", "case.penalty.points"}
	if !slices.Equal(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}
}
