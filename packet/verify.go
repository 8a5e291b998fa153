package packet

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"appealpacket/packet/integrity"
	"appealpacket/packet/manifest"
	"appealpacket/packet/render/pdfimport"
)

// Verification statuses of a file.
const (
	StatusOK      = "ok"
	StatusChanged = "changed"
	StatusMissing = "missing"
	StatusExtra   = "extra"
)

// VerifyReport is the outcome of Verify.
type VerifyReport struct {
	Case  string
	Parts []PartCheck // every part of the packet
	// Files compares the case folder with the manifest (empty without a folder).
	Files []FileCheck
	// Attachments compares the originals embedded in the packet with the manifest.
	Attachments []FileCheck
}

// PartCheck says whether a packet file is the one appealpacket wrote.
type PartCheck struct {
	File   string
	Intact bool
	Note   string
}

// FileCheck is the status of one file.
type FileCheck struct {
	Path   string
	Status string // StatusOK, StatusChanged, StatusMissing or StatusExtra
	Detail string
}

// OK reports whether nothing differs.
func (r *VerifyReport) OK() bool {
	for _, p := range r.Parts {
		if !p.Intact {
			return false
		}
	}
	for _, f := range append(slices.Clone(r.Files), r.Attachments...) {
		if f.Status != StatusOK {
			return false
		}
	}
	return true
}

// readPacketFile returns a packet file's embedded manifest and attachments.
func readPacketFile(path string) ([]byte, *integrity.Manifest, []pdfimport.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	atts, err := pdfimport.Attachments(bytes.NewReader(data))
	if err != nil {
		return data, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, a := range atts {
		if a.Name == integrity.ManifestName {
			m, err := integrity.Decode(a.Data)
			if err != nil {
				return data, nil, atts, fmt.Errorf("%s: %w", path, err)
			}
			return data, m, atts, nil
		}
	}
	return data, nil, atts, fmt.Errorf("%s has no %s: it was not written by appealpacket, or was changed by another program", path, integrity.ManifestName)
}

// Verify checks a packet against its embedded manifest: that every part is
// byte for byte what appealpacket wrote, that the originals embedded in it
// are the ones the manifest names, and, when caseDir is not empty, that the
// case folder holds exactly the files the manifest lists, unchanged. The
// error is for a packet that cannot be read at all.
func Verify(packetPath, caseDir string) (*VerifyReport, error) {
	_, m, _, err := readPacketFile(packetPath)
	if err != nil {
		return nil, err
	}
	rep := &VerifyReport{Case: m.Case}
	dir := filepath.Dir(packetPath)
	parts := m.Packet.Parts
	if len(parts) == 0 {
		parts = []string{filepath.Base(packetPath)}
	}
	sums := map[string]string{} // path -> sha256 per the manifest
	for _, f := range m.Files {
		sums[f.Path] = f.SHA256
	}
	for _, part := range parts {
		path := filepath.Join(dir, part)
		data, pm, atts, err := readPacketFile(path)
		if err != nil {
			note := err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				note = "missing: a split packet needs all its parts in one folder"
			}
			rep.Parts = append(rep.Parts, PartCheck{File: part, Note: note})
			continue
		}
		pc := PartCheck{File: part, Intact: sealIntact(data, pm)}
		if !pc.Intact {
			pc.Note = "changed since appealpacket wrote it"
		}
		if pm.Case != m.Case {
			pc.Intact, pc.Note = false, fmt.Sprintf("belongs to case %s, not %s", pm.Case, m.Case)
		}
		rep.Parts = append(rep.Parts, pc)
		byName := map[string]pdfimport.File{}
		for _, a := range atts {
			byName[a.Name] = a
		}
		for _, f := range pm.Files {
			if !f.Attached {
				continue
			}
			a, ok := byName[f.Attachment]
			switch {
			case !ok:
				rep.Attachments = append(rep.Attachments, FileCheck{Path: f.Path, Status: StatusMissing, Detail: "not embedded in " + part})
			case hashOf(a.Data) != f.SHA256:
				rep.Attachments = append(rep.Attachments, FileCheck{Path: f.Path, Status: StatusChanged, Detail: "the embedded copy in " + part + " differs from the manifest"})
			default:
				rep.Attachments = append(rep.Attachments, FileCheck{Path: f.Path, Status: StatusOK})
			}
		}
	}
	if caseDir == "" {
		return rep, nil
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
		b, err := os.ReadFile(filepath.Join(caseDir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			rep.Files = append(rep.Files, FileCheck{Path: f.Path, Status: StatusMissing})
		case err != nil:
			rep.Files = append(rep.Files, FileCheck{Path: f.Path, Status: StatusChanged, Detail: err.Error()})
		case hashOf(b) != f.SHA256:
			rep.Files = append(rep.Files, FileCheck{Path: f.Path, Status: StatusChanged,
				Detail: fmt.Sprintf("%d bytes now, %d when the packet was built", len(b), f.Size)})
		default:
			rep.Files = append(rep.Files, FileCheck{Path: f.Path, Status: StatusOK})
		}
	}
	err = filepath.WalkDir(caseDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != caseDir && d.Name()[0] == '.' {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(caseDir, p)
		rel = filepath.ToSlash(rel)
		if rel == manifest.FileName || d.Name()[0] == '.' || listed[rel] {
			return nil
		}
		rep.Files = append(rep.Files, FileCheck{Path: rel, Status: StatusExtra, Detail: "in the folder but not in the packet"})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
