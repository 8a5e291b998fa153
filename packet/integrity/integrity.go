// Package integrity lets anyone verify an appeal packet: every packet PDF
// carries an embedded, machine-readable manifest (appealpacket-manifest.json)
// that lists each original file of the case with its size, SHA-256 and
// exhibit, and the manifest is sealed with the SHA-256 of the very PDF that
// holds it, so that an edit of the packet after it was built can be told.
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
	sum := sha256.Sum256(pdf)
	copy(pdf[at:], hex.EncodeToString(sum[:]))
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

// Decode parses an embedded manifest.
func Decode(b []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestName, err)
	}
	if m.Format != 1 {
		return nil, fmt.Errorf("%s: format %d is not one this appealpacket reads", ManifestName, m.Format)
	}
	if len(m.Packet.SHA256) != 64 || strings.Trim(m.Packet.SHA256, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%s: the seal %q is not a SHA-256", ManifestName, m.Packet.SHA256)
	}
	return &m, nil
}

// Embedded finds the sealed manifest in a packet file's bytes without
// parsing the PDF: the manifest is stored uncompressed, so its JSON stands
// in the file between "stream" and "endstream". It returns false when none
// is found (a file appealpacket did not write, or one rewritten since).
func Embedded(pdf []byte) (*Manifest, bool) {
	at := bytes.Index(pdf, []byte(key))
	if at < 0 || bytes.Contains(pdf[at+len(key):], []byte(key)) {
		return nil, false
	}
	start := bytes.LastIndex(pdf[:at], []byte("stream"))
	end := bytes.Index(pdf[at:], []byte("endstream"))
	if start < 0 || end < 0 {
		return nil, false
	}
	m, err := Decode(bytes.TrimSpace(pdf[start+len("stream") : at+end]))
	if err != nil {
		return nil, false
	}
	return m, true
}

// Intact reports whether pdf is byte for byte the file that m was sealed
// into: it puts the placeholder back where the seal stands and compares
// hashes.
func Intact(pdf []byte, m *Manifest) bool {
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
