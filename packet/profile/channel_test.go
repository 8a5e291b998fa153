package profile_test

import (
	"strings"
	"testing"

	"appealpacket/packet/profile"
)

func TestChannels(t *testing.T) {
	amazon, err := profile.Builtin("amazon")
	if err != nil {
		t.Fatal(err)
	}
	generic, err := profile.Builtin("generic")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		p                *profile.Profile
		name             string
		wantErr          string // part of the error; "" for none
		takesPDF         bool
		pageType         string
		maxFiles         int
		maxBytes         int64
		originals        bool
		acceptsJPEG, PDF bool
	}{
		{p: amazon, name: "pdf-appeal", takesPDF: true, pageType: "jpg", maxFiles: 10, maxBytes: 10_000_000, acceptsJPEG: true, PDF: true},
		{p: amazon, name: "copyright-images", pageType: "jpg", maxFiles: 20, maxBytes: 5_000_000, originals: true, acceptsJPEG: true},
		{p: amazon, name: "copyright", wantErr: `no upload channel "copyright"; its channels: pdf-appeal, copyright-images`},
		{p: generic, name: "x", wantErr: "names no upload channels"},
	}
	for _, tt := range tests {
		t.Run(tt.p.Name+"/"+tt.name, func(t *testing.T) {
			c, err := tt.p.Channel(tt.name)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.TakesPDF() != tt.takesPDF || c.PageType() != tt.pageType || c.MaxFiles != tt.maxFiles || c.MaxBytes(tt.p) != tt.maxBytes ||
				c.Originals != tt.originals || c.Accepts("JPEG") != tt.acceptsJPEG || c.Accepts("PDF") != tt.PDF {
				t.Errorf("%+v: pdf %v, page type %q, max files %d, max bytes %d", c, c.TakesPDF(), c.PageType(), c.MaxFiles, c.MaxBytes(tt.p))
			}
		})
	}
}

func TestChannelLimitsDefaultAndErrors(t *testing.T) {
	const head = "name: x\naccepted_types: [pdf]\nmax_packet_bytes: 7 MB\n"
	p, err := profile.Parse([]byte(head+"channels:\n  - {name: pngs, accepted_types: [PNG], source: s, confidence: official}\n"), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := p.Channel("pngs")
	if c.MaxBytes(p) != 7_000_000 || c.PageType() != "png" || c.MaxFiles != 0 {
		t.Errorf("defaults: %d bytes, %q, %d files", c.MaxBytes(p), c.PageType(), c.MaxFiles)
	}
	rules := p.Rules()
	if last := rules[len(rules)-1]; last.Name != "channels.pngs" || last.Value != "png; any number of files, each up to 7 MB" || last.Confidence != "official" {
		t.Errorf("rule %+v", last)
	}
	for _, tc := range []struct{ channels, want string }{
		{"  - {name: a, accepted_types: [pdf]}\n  - {name: a, accepted_types: [jpg]}\n", `x.yaml:6:12: channels[1].name: channel "a" given twice`},
		{"  - {name: A b, accepted_types: [pdf]}\n", `channels[0].name: "A b": use lower-case`},
		{"  - {name: a}\n", `channels[0].accepted_types: required`},
		{"  - {name: a, accepted_types: [gif]}\n", `channels[0].accepted_types[0]: "gif" is not a type`},
		{"  - {name: a, accepted_types: [tiff]}\n", `takes neither pdf nor jpg nor png`},
		{"  - {name: a, accepted_types: [jpg], max_files: -1}\n", `channels[0].max_files: must not be negative`},
		{"  - {name: a, accepted_types: [jpg], confidence: sure}\n", `channels[0].confidence: "sure"`},
		{"  - {name: a, accepted_types: [jpg], max_size: 1}\n", `unknown field "max_size"`},
	} {
		_, err := profile.Parse([]byte(head+"channels:\n"+tc.channels), "x.yaml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.channels, err, tc.want)
		}
	}
}
