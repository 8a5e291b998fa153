package profile

import (
	"fmt"
	"slices"
	"strings"

	"appealpacket/internal/strictyaml"
)

// Channel is one upload form of a platform: what it takes, how many files
// and how large each. A channel that does not take PDF gets the packet's
// pages as pictures.
type Channel struct {
	Name          string   `yaml:"name"`
	AcceptedTypes []string `yaml:"accepted_types"`
	MaxFiles      int      `yaml:"max_files"`      // files per submission; 0: not limited
	MaxFileBytes  Bytes    `yaml:"max_file_bytes"` // each file; 0: the profile's max_packet_bytes
	// Originals: the camera originals may be uploaded beside the pages
	// (those of an accepted type and within the size limit).
	Originals  bool   `yaml:"originals"`
	Source     string `yaml:"source"`
	Confidence string `yaml:"confidence"`
}

// TakesPDF reports whether the channel takes the packet PDF itself.
func (c *Channel) TakesPDF() bool { return slices.Contains(c.AcceptedTypes, "pdf") }

// Accepts reports whether the channel takes a file of the given format (a
// Types name or an evidence.Item.Format).
func (c *Channel) Accepts(format string) bool {
	t := TypeOf(format)
	return t != "" && slices.Contains(c.AcceptedTypes, t)
}

// PageType is the picture type the channel's page images are written in:
// jpg when it takes JPEG, else png; "" when it takes neither.
func (c *Channel) PageType() string {
	for _, t := range []string{"jpg", "png"} {
		if slices.Contains(c.AcceptedTypes, t) {
			return t
		}
	}
	return ""
}

// MaxBytes is the largest file the channel takes: max_file_bytes, else
// the profile's attachment limit.
func (c *Channel) MaxBytes(p *Profile) int64 {
	if c.MaxFileBytes > 0 {
		return int64(c.MaxFileBytes)
	}
	return p.MaxPacketBytes()
}

// describe is the channel's rule value for profile show.
func (c *Channel) describe(p *Profile) string {
	files := "any number of files"
	if c.MaxFiles > 0 {
		files = fmt.Sprintf("up to %d file(s)", c.MaxFiles)
	}
	s := fmt.Sprintf("%s; %s, each up to %s", strings.Join(c.AcceptedTypes, ", "), files, Bytes(c.MaxBytes(p)))
	if c.Originals {
		s += "; camera originals may be added"
	}
	return s
}

// ChannelNames lists the profile's channels in file order.
func (p *Profile) ChannelNames() []string {
	out := make([]string, len(p.Channels))
	for i, c := range p.Channels {
		out[i] = c.Name
	}
	return out
}

// Channel returns the channel of the given name; an unknown name is an
// error that lists the profile's channels.
func (p *Profile) Channel(name string) (*Channel, error) {
	for i := range p.Channels {
		if p.Channels[i].Name == name {
			return &p.Channels[i], nil
		}
	}
	if len(p.Channels) == 0 {
		return nil, fmt.Errorf("the %s profile names no upload channels, so --channel %q cannot be met; add a channels: list to a copy of the profile (appealpacket profile export %s)", p.Label(), name, p.Name)
	}
	return nil, fmt.Errorf("the %s profile has no upload channel %q; its channels: %s", p.Label(), name, strings.Join(p.ChannelNames(), ", "))
}

func validateChannels(p *Profile, d *strictyaml.Decoder) {
	seen := map[string]bool{}
	for i := range p.Channels {
		c := &p.Channels[i]
		at := fmt.Sprintf("channels[%d]", i)
		switch {
		case c.Name == "":
			d.Fail(d.At(at), at, "a channel needs a name, e.g. pdf-appeal")
		case strings.ContainsFunc(c.Name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') }):
			d.Fail(d.At(at+".name"), at+".name", "%q: use lower-case letters, digits, '-' and '_'", c.Name)
		case seen[c.Name]:
			d.Fail(d.At(at+".name"), at+".name", "channel %q given twice", c.Name)
		}
		seen[c.Name] = true
		if len(c.AcceptedTypes) == 0 {
			d.Fail(d.At(at), at+".accepted_types", "required: the file types the channel takes, e.g. [jpg, png]")
		}
		for j, t := range c.AcceptedTypes {
			field := fmt.Sprintf("%s.accepted_types[%d]", at, j)
			norm := TypeOf(t)
			if norm == "" {
				d.Fail(d.At(field), field, "%q is not a type appealpacket knows (%s)", t, strings.Join(Types, ", "))
				continue
			}
			c.AcceptedTypes[j] = norm
		}
		if len(c.AcceptedTypes) > 0 && !c.TakesPDF() && c.PageType() == "" && d.Errs == nil {
			d.Fail(d.At(at+".accepted_types"), at+".accepted_types", "the channel takes neither pdf nor jpg nor png: appealpacket cannot write the packet in a type it takes")
		}
		if c.MaxFiles < 0 {
			d.Fail(d.At(at+".max_files"), at+".max_files", "must not be negative")
		}
		if c.MaxFileBytes < 0 {
			d.Fail(d.At(at+".max_file_bytes"), at+".max_file_bytes", "must not be negative")
		}
		if c.Confidence != "" && !slices.Contains(Confidences, c.Confidence) {
			d.Fail(d.At(at+".confidence"), at+".confidence", "%q: want %s", c.Confidence, strings.Join(Confidences, ", "))
		}
	}
}
