package packet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"appealpacket/packet/evidence/c2pa"
	"appealpacket/packet/evidence/exif"
	"appealpacket/packet/finding"
	"appealpacket/packet/manifest"
)

// Report is the outcome of checking a case without building it.
type Report struct {
	CaseID   string       `json:"case"`
	Ready    bool         `json:"ready"`
	Findings finding.List `json:"findings"`
}

// Check runs Load, Collect and Check on the case in dir and writes nothing.
// An error means the check could not run (no manifest, a manifest error,
// an unreadable folder); problems of the case itself are findings.
func Check(ctx context.Context, dir string, opts Options) (*Report, error) {
	c, err := collect(ctx, dir, &opts)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(c.workDir)
	if c.findings == nil {
		c.findings = finding.List{}
	}
	return &Report{CaseID: c.m.Case.ID, Ready: !c.findings.Blocking(), Findings: c.findings}, nil
}

// Inspect reads the metadata of picture files, shaped like `exiftool -json -n`
// output (see exif.Meta.ExifToolFields) plus SHA256, Warnings and C2PA (a
// c2pa.Report: the file's Content Credentials, validated without a trust
// list). A folder is walked for pictures; a file named explicitly is always
// reported, with a warning when it is not a picture. ok is false when no
// file could be read as a picture.
func Inspect(paths []string) (entries []map[string]any, ok bool, err error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, false, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && manifest.IsImageName(d.Name()) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, false, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	for _, f := range files {
		e, read := inspectFile(f)
		entries = append(entries, e)
		ok = ok || read
	}
	return entries, ok, nil
}

func inspectFile(name string) (map[string]any, bool) {
	entry := map[string]any{"SourceFile": filepath.ToSlash(name)}
	warnings := []string{}
	defer func() { entry["Warnings"] = warnings }()
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() {
		warnings = append(warnings, fmt.Sprintf("not a regular file: %v", err))
		return entry, false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		warnings = append(warnings, err.Error())
		return entry, false
	}
	sum := sha256.Sum256(data)
	entry["SHA256"] = hex.EncodeToString(sum[:])
	entry["C2PA"] = c2pa.Inspect(bytes.NewReader(data), int64(len(data)), c2pa.Options{})
	meta, err := exif.Read(data)
	if err != nil {
		warnings = append(warnings, err.Error())
		return entry, false
	}
	for k, v := range meta.ExifToolFields() {
		entry[k] = v
	}
	warnings = append(warnings, meta.Warnings...)
	return entry, true
}
