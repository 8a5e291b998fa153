package c2pa

import (
	"bytes"
	"cmp"
	"crypto"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
)

// Hard bindings tie a claim to the bytes of the asset: c2pa.hash.data (a
// hash of the file minus exclusion ranges) and c2pa.hash.bmff[.v2/.v3] (a
// hash of the ISO BMFF top-level boxes minus excluded boxes).

// hashByName maps C2PA hash algorithm names to hashes.
var hashByName = map[string]crypto.Hash{
	"sha256": crypto.SHA256,
	"sha384": crypto.SHA384,
	"sha512": crypto.SHA512,
}

// errAlgorithm reports a hash or signature algorithm this package does not
// implement (algorithm.unsupported).
var errAlgorithm = errors.New("algorithm not supported")

// newHash returns the hash named by the first non-empty name.
func newHash(names ...string) (hash.Hash, string, error) {
	for _, n := range names {
		if n == "" {
			continue
		}
		h, ok := hashByName[n]
		if !ok {
			return nil, n, fmt.Errorf("%w: hash %q", errAlgorithm, n)
		}
		return h.New(), n, nil
	}
	return nil, "", fmt.Errorf("%w: no hash algorithm named by the claim or the reference", errAlgorithm)
}

// dataHash is the c2pa.hash.data assertion.
type dataHash struct {
	Exclusions []struct {
		Start  int64 `cbor:"start"`
		Length int64 `cbor:"length"`
	} `cbor:"exclusions"`
	Name string `cbor:"name"`
	Alg  string `cbor:"alg"`
	Hash []byte `cbor:"hash"`
	URL  string `cbor:"url"`
}

// errBindingMismatch reports bytes that no longer match their hash.
var errBindingMismatch = errors.New("hashes do not match")

// errMalformed reports a hard-binding assertion that cannot be applied.
var errMalformed = errors.New("malformed hard binding")

// checkDataHash hashes the file minus the exclusions.
func checkDataHash(r io.ReaderAt, size int64, d dataHash, claimAlg string, lim Limits) error {
	if d.URL != "" {
		return fmt.Errorf("%w: the data hash covers a remote asset (%s)", errAlgorithm, d.URL)
	}
	h, _, err := newHash(d.Alg, claimAlg)
	if err != nil {
		return err
	}
	if len(d.Exclusions) > lim.MaxExclusions {
		return fmt.Errorf("%w: %d exclusions exceed the limit of %d", errMalformed, len(d.Exclusions), lim.MaxExclusions)
	}
	type span struct{ start, end int64 }
	var ex []span
	for _, e := range d.Exclusions {
		if e.Start < 0 || e.Length < 0 || e.Start > size || e.Length > size-e.Start {
			return fmt.Errorf("%w: exclusion %d+%d lies outside the %d-byte file", errMalformed, e.Start, e.Length, size)
		}
		ex = append(ex, span{e.Start, e.Start + e.Length})
	}
	slices.SortFunc(ex, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	pos := int64(0)
	for _, e := range ex {
		if e.start < pos {
			return fmt.Errorf("%w: overlapping exclusions at offset %d", errMalformed, e.start)
		}
		if err := hashRange(h, r, pos, e.start); err != nil {
			return err
		}
		pos = e.end
	}
	if err := hashRange(h, r, pos, size); err != nil {
		return err
	}
	if !bytes.Equal(h.Sum(nil), d.Hash) {
		return errBindingMismatch
	}
	return nil
}

// hashRange feeds bytes [from, to) of r to h.
func hashRange(h hash.Hash, r io.ReaderAt, from, to int64) error {
	if to <= from {
		return nil
	}
	if _, err := io.Copy(h, io.NewSectionReader(r, from, to-from)); err != nil {
		return fmt.Errorf("reading bytes %d-%d: %w", from, to, err)
	}
	return nil
}

// bmffHash is the c2pa.hash.bmff, .v2 and .v3 assertion.
type bmffHash struct {
	Exclusions []bmffExclusion `cbor:"exclusions"`
	Alg        string          `cbor:"alg"`
	Hash       []byte          `cbor:"hash"`
	Merkle     []any           `cbor:"merkle"`
	Name       string          `cbor:"name"`
}

type bmffExclusion struct {
	XPath  string `cbor:"xpath"`
	Length *int64 `cbor:"length"`
	Data   []struct {
		Offset int64  `cbor:"offset"`
		Value  []byte `cbor:"value"`
	} `cbor:"data"`
	Subset  []any  `cbor:"subset"`
	Version *int64 `cbor:"version"`
	Flags   []byte `cbor:"flags"`
	Exact   *bool  `cbor:"exact"`
}

// checkBMFFHash hashes the top-level boxes that no exclusion matches; from
// version 2 on, each box is preceded in the hash by its file offset as a
// 64-bit big-endian number. Exclusions of nested boxes, subset exclusions
// and Merkle trees (fragmented MP4) are not supported.
func checkBMFFHash(r io.ReaderAt, size int64, d bmffHash, version int, claimAlg string, lim Limits) error {
	h, _, err := newHash(d.Alg, claimAlg)
	if err != nil {
		return err
	}
	if d.Hash == nil {
		if len(d.Merkle) > 0 {
			return fmt.Errorf("%w: Merkle-tree BMFF hashes (fragmented MP4)", errAlgorithm)
		}
		return fmt.Errorf("%w: the BMFF hash has no hash", errMalformed)
	}
	if len(d.Exclusions) > lim.MaxExclusions {
		return fmt.Errorf("%w: %d exclusions exceed the limit of %d", errMalformed, len(d.Exclusions), lim.MaxExclusions)
	}
	for _, e := range d.Exclusions {
		if strings.Count(e.XPath, "/") != 1 || !strings.HasPrefix(e.XPath, "/") {
			return fmt.Errorf("%w: BMFF exclusion of nested box %q", errAlgorithm, e.XPath)
		}
		if len(e.Subset) > 0 {
			return fmt.Errorf("%w: BMFF subset exclusion of %q", errAlgorithm, e.XPath)
		}
	}
	boxes, err := topLevelBMFF(r, size, lim)
	if err != nil {
		return err
	}
	for _, b := range boxes {
		skip, err := excludedBox(r, b, d.Exclusions)
		if err != nil {
			return err
		}
		if skip {
			continue
		}
		if version >= 2 {
			h.Write(binary.BigEndian.AppendUint64(nil, uint64(b.start)))
		}
		if err := hashRange(h, r, b.start, b.end); err != nil {
			return err
		}
	}
	if !bytes.Equal(h.Sum(nil), d.Hash) {
		return errBindingMismatch
	}
	return nil
}

// excludedBox reports whether an exclusion matches the top-level box.
func excludedBox(r io.ReaderAt, b bmffBox, exclusions []bmffExclusion) (bool, error) {
	for _, e := range exclusions {
		if e.XPath[1:] != b.typ {
			continue
		}
		if e.Length != nil && *e.Length != b.end-b.start {
			continue
		}
		match := true
		if e.Version != nil || e.Flags != nil {
			var vf [4]byte
			if b.end-b.payload < 4 {
				continue
			}
			if err := readFull(r, vf[:], b.payload, "BMFF full box header"); err != nil {
				return false, err
			}
			if e.Version != nil && int64(vf[0]) != *e.Version {
				match = false
			}
			if e.Flags != nil && !bytes.Equal(e.Flags, vf[1:1+min(3, len(e.Flags))]) {
				match = false
			}
		}
		for _, dv := range e.Data {
			if !match {
				break
			}
			n := int64(len(dv.Value))
			if dv.Offset < 0 || n > 1<<16 || dv.Offset > b.end-b.start-n {
				match = false
				break
			}
			got := make([]byte, n)
			if err := readFull(r, got, b.start+dv.Offset, "BMFF exclusion data"); err != nil {
				return false, err
			}
			match = bytes.Equal(got, dv.Value)
		}
		if match {
			return true, nil
		}
	}
	return false, nil
}
