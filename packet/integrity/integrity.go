// Package integrity lets anyone verify an appeal packet: every packet PDF
// carries an embedded, machine-readable manifest (appealpacket-manifest.json)
// that lists each original file of the case with its size, SHA-256 and
// exhibit, and the manifest is sealed with the SHA-256 of the very PDF that
// holds it, so that an edit of the packet after it was sealed can be told.
//
// What the seal proves, and no more: the file is unchanged since it was
// sealed — by anyone who had the file. The seal is not a signature: whoever
// edits a packet can recompute it. Who made a packet can only be shown by a
// signature, which a packet does not carry yet.
//
// The seal works like the byte range of a PDF signature: the manifest is
// stored uncompressed with a placeholder of 64 zeros where the hash goes;
// the hash is taken over the whole file with the placeholder in place and
// then written over it. To check, put the zeros back and hash again.
package integrity

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/sign"
)

// ManifestName is the name of the embedded manifest.
const ManifestName = "appealpacket-manifest.json"

// Manifest describes one packet file (one part of a split packet).
type Manifest struct {
	Format   int    `json:"format"` // 1
	Tool     string `json:"tool"`   // "appealpacket 0.1.0"
	Case     string `json:"case"`
	Platform string `json:"platform"`
	Prepared string `json:"prepared"`
	Packet   Packet `json:"packet"`
	Index    Output `json:"index"` // the XLSX index written with the packet
	Files    []File `json:"files"`
}

// Packet names this file and the parts of the packet.
type Packet struct {
	File  string   `json:"file"`  // this file's name, e.g. "IPP-1-packet.pdf"
	Part  int      `json:"part"`  // 1-based; 1 of 1 for a packet in one file
	Parts []string `json:"parts"` // every part's file name, in order
	// ID is the same in every part of one build and differs between
	// builds that differ: the SHA-256 of the parts as drawn (before the
	// manifest is embedded) and of the index. Verify finds the other parts
	// of a split packet by it, whatever their file names. Packets made
	// before it existed leave it empty.
	ID string `json:"packet_id,omitempty"`
	// SHA256 is the seal: the hash of this file with these 64 characters
	// set to "0". See the package documentation.
	SHA256 string `json:"sha256_of_this_file"`
}

// Output is another file written with the packet.
type Output struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// File is one original file of the case.
type File struct {
	Path            string `json:"path"` // relative to the case folder, slash-separated
	Role            string `json:"role"`
	Size            int64  `json:"size"`
	SHA256          string `json:"sha256"`
	ImageDataSHA256 string `json:"image_data_sha256,omitempty"`
	Exhibit         string `json:"exhibit,omitempty"`
	Part            int    `json:"part,omitempty"`  // the part that shows it
	Pages           string `json:"pages,omitempty"` // e.g. "7-9", in that part
	Attached        bool   `json:"attached"`        // the original is embedded in the part that shows it
	Attachment      string `json:"attachment,omitempty"`
}

const placeholder = "0000000000000000000000000000000000000000000000000000000000000000"

// key is the text that precedes the seal in the manifest JSON.
const key = `"sha256_of_this_file": "`

// PendingID is the packet ID a manifest is embedded with when the ID is
// not known yet (it is a hash of every part as embedded); SetID writes
// the real one in its place, before the part is sealed.
const PendingID = placeholder

// idKey is the text that precedes the packet ID in the manifest JSON.
const idKey = `"packet_id": "`

// SetID writes id over the PendingID of the manifest embedded in pdf
// (which it changes), before pdf is sealed.
func SetID(pdf []byte, id string) error {
	if !isSHA256(id) {
		return fmt.Errorf("integrity: packet ID %q is not a SHA-256", clip(id))
	}
	needle := []byte(idKey + PendingID)
	at := bytes.Index(pdf, needle)
	if at < 0 || bytes.Contains(pdf[at+len(needle):], needle) {
		return errors.New("integrity: the manifest's pending packet ID is not found exactly once")
	}
	copy(pdf[at+len(idKey):], id)
	return nil
}

// Encode returns the manifest as JSON with a placeholder seal, ready to be
// embedded (uncompressed) and sealed.
func (m *Manifest) Encode() ([]byte, error) {
	c := *m
	c.Packet.SHA256 = placeholder
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	if bytes.Count(b, []byte(key+placeholder)) != 1 {
		return nil, errors.New("integrity: the manifest's seal placeholder is not unique")
	}
	return append(b, '\n'), nil
}

// Seal writes the hash of pdf into the placeholder of its embedded
// manifest. It fails if the placeholder is not found exactly once (the
// manifest was compressed or embedded twice).
//
// Seal writes into pdf (which it returns) rather than a copy: a packet is
// large, and its bytes are the caller's own.
func Seal(pdf []byte) ([]byte, error) {
	at, err := find(pdf, placeholder)
	if err != nil {
		return nil, err
	}
	copy(pdf[at:], digest.Hex(pdf))
	return pdf, nil
}

// find locates the value of the seal in pdf.
func find(pdf []byte, value string) (int, error) {
	needle := []byte(key + value)
	i := bytes.Index(pdf, needle)
	if i < 0 {
		return 0, errors.New("integrity: no sealed manifest found in the file")
	}
	if bytes.Contains(pdf[i+len(needle):], needle) {
		return 0, errors.New("integrity: the manifest's seal appears twice in the file")
	}
	return i + len(key), nil
}

// Decode parses an embedded manifest, which is untrusted input, and
// checks every field verify relies on: names of parts that are plain file
// names, paths that stay inside the case folder, hashes that are SHA-256,
// and no more than MaxParts parts and MaxFiles files.
func Decode(b []byte) (*Manifest, error) {
	if len(b) > MaxManifestSize {
		return nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit", ManifestName, len(b), MaxManifestSize)
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	return &m, nil
}

// check refuses a manifest verify could not follow safely.
func (m *Manifest) check() error {
	if m.Format != 1 {
		return fmt.Errorf("format %d is not one this appealpacket reads", m.Format)
	}
	if !isSHA256(m.Packet.SHA256) {
		return fmt.Errorf("the seal %q is not a SHA-256", clip(m.Packet.SHA256))
	}
	if m.Packet.ID != "" && !isSHA256(m.Packet.ID) {
		return fmt.Errorf("packet_id %q is not a SHA-256", clip(m.Packet.ID))
	}
	if err := checkFileName(m.Packet.File); err != nil {
		return fmt.Errorf("packet.file: %w", err)
	}
	parts := m.Packet.Parts
	switch {
	case len(parts) == 0:
		return errors.New("packet.parts is empty")
	case len(parts) > MaxParts:
		return fmt.Errorf("packet.parts lists %d parts; a packet has at most %d", len(parts), MaxParts)
	case m.Packet.Part < 1 || m.Packet.Part > len(parts):
		return fmt.Errorf("packet.part %d is not one of the %d parts", m.Packet.Part, len(parts))
	}
	seen := make(map[string]bool, len(parts))
	for i, p := range parts {
		if err := checkFileName(p); err != nil {
			return fmt.Errorf("packet.parts[%d]: %w", i, err)
		}
		if seen[p] {
			return fmt.Errorf("packet.parts[%d]: %q is listed twice", i, clip(p))
		}
		seen[p] = true
	}
	if m.Index.File != "" {
		if err := checkFileName(m.Index.File); err != nil {
			return fmt.Errorf("index.file: %w", err)
		}
	}
	if m.Index.SHA256 != "" && !isSHA256(m.Index.SHA256) {
		return fmt.Errorf("index.sha256 %q is not a SHA-256", clip(m.Index.SHA256))
	}
	if len(m.Files) > MaxFiles {
		return fmt.Errorf("files lists %d files; a packet lists at most %d", len(m.Files), MaxFiles)
	}
	paths := make(map[string]bool, len(m.Files))
	for i, f := range m.Files {
		switch {
		case regularfile.CheckName(f.Path) != nil:
			return fmt.Errorf("files[%d].path: %q is not a plain path inside the case folder", i, clip(f.Path))
		case paths[f.Path]:
			return fmt.Errorf("files[%d].path: %q is listed twice", i, clip(f.Path))
		case !isSHA256(f.SHA256):
			return fmt.Errorf("files[%d].sha256 %q is not a SHA-256", i, clip(f.SHA256))
		case f.Size < 0:
			return fmt.Errorf("files[%d].size %d is negative", i, f.Size)
		case f.Part < 0 || f.Part > len(parts):
			return fmt.Errorf("files[%d].part %d is not one of the %d parts", i, f.Part, len(parts))
		case f.Attached && f.Attachment == "":
			return fmt.Errorf("files[%d]: attached, but no attachment named", i)
		}
		paths[f.Path] = true
	}
	return nil
}

// checkFileName refuses anything but a plain file name (no folder).
func checkFileName(name string) error {
	if len(name) > 255 || strings.Contains(name, "/") || regularfile.CheckName(name) != nil {
		return fmt.Errorf("%q is not a plain file name", clip(name))
	}
	return nil
}

func isSHA256(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

// clip shortens untrusted text quoted in a message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// Embedded returns the sealed manifest of a packet file's bytes (see
// Read), and false when none is found: a file appealpacket did not write,
// or one rewritten since.
func Embedded(pdf []byte) (*Manifest, bool) {
	c, err := Read(pdf)
	if err != nil {
		return nil, false
	}
	return c.Manifest, true
}

// Intact reports whether pdf is the file that m was sealed into: byte for
// byte, or followed by signatures that all verify (a signed packet: the
// seal covers the file as built, the signatures are appended after it;
// who signed is package sign's business). It puts the placeholder back
// where the seal stands and compares hashes.
func Intact(pdf []byte, m *Manifest) bool {
	if sealed(pdf, m) {
		return true
	}
	if !bytes.Contains(pdf, []byte("/ByteRange")) {
		return false
	}
	rep, err := sign.Verify(pdf, sign.VerifyOptions{})
	if err != nil || !rep.Valid() {
		return false
	}
	return sealed(pdf[:rep.SignedFrom], m)
}

// sealed reports whether pdf is byte for byte the file m was sealed into.
func sealed(pdf []byte, m *Manifest) bool {
	at, err := find(pdf, m.Packet.SHA256)
	if err != nil {
		return false
	}
	h := sha256.New() // the file with the placeholder back in place, without copying it
	h.Write(pdf[:at])
	h.Write([]byte(placeholder))
	h.Write(pdf[at+len(placeholder):])
	return hex.EncodeToString(h.Sum(nil)) == m.Packet.SHA256
}
