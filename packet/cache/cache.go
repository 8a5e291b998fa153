// Package cache keeps the per-file work of a build (hashes, metadata,
// display copies, fingerprints) on disk, keyed by the file's content, so
// that rebuilding a case after editing its statement costs a small fraction
// of the first build.
//
// Two stores live under the cache folder (os.UserCacheDir()/appealpacket
// by default):
//
//   - sums/ maps a file's identity (absolute path, size, modification time
//     and, where the system has them, inode and change time) to its SHA-256,
//     so an unchanged file need not be read again, as git's index and
//     restic do. A file rewritten with the same size and times would go
//     unnoticed; `--no-cache` reads everything.
//   - entries/ holds, for a content hash and the parameters that shaped the
//     work, a JSON record and any number of blobs (a display copy). Each
//     entry is written in a temporary folder and renamed into place, and
//     records the size and CRC-32C of every blob (checksums against damage,
//     not against tampering: the cache is the user's own); an entry that is
//     partial, corrupt or unreadable is deleted and rebuilt, never trusted.
//
// The cache can be deleted at any time; nothing else refers to it.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Version is part of every key: bump it when the meaning of an entry changes.
const Version = "v1"

// Cache is a cache folder. Its methods are safe for concurrent use by
// goroutines and processes (writes are atomic renames).
type Cache struct {
	dir string
}

// DefaultDir is the cache folder under the user's cache directory.
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "appealpacket"), nil
}

// Open opens (creating if needed) a cache folder.
func Open(dir string) (*Cache, error) {
	for _, sub := range []string{"sums", "entries", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, Version, sub), 0o755); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	return &Cache{dir: filepath.Join(dir, Version)}, nil
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

func hashString(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s;", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// identity is what says a file has not changed since it was hashed.
func identity(abs string, fi fs.FileInfo) string {
	return fmt.Sprintf("%s|%d|%d|%s", abs, fi.Size(), fi.ModTime().UnixNano(), sysIdentity(fi))
}

// Sum returns the SHA-256 recorded for a file that has not changed since.
func (c *Cache) Sum(abs string, fi fs.FileInfo) (string, bool) {
	key := hashString(identity(abs, fi))
	b, err := os.ReadFile(filepath.Join(c.dir, "sums", key[:2], key))
	if err != nil {
		return "", false
	}
	s := strings.TrimSpace(string(b))
	if len(s) != 64 || strings.Trim(s, "0123456789abcdef") != "" {
		os.Remove(filepath.Join(c.dir, "sums", key[:2], key))
		return "", false
	}
	return s, true
}

// SetSum records a file's SHA-256 for its current identity.
func (c *Cache) SetSum(abs string, fi fs.FileInfo, sum string) error {
	key := hashString(identity(abs, fi))
	return c.writeFile(filepath.Join(c.dir, "sums", key[:2], key), []byte(sum+"\n"))
}

// writeFile writes through a temporary file and renames it into place.
func (c *Cache) writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Join(c.dir, "tmp"), "w-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Key names an entry: the content's SHA-256 and the parameters of the work.
func Key(sum string, params ...string) string {
	return hashString(append([]string{Version, sum}, params...)...)
}

// record is an entry's index file.
type record struct {
	Data  json.RawMessage   `json:"data"`
	Blobs map[string]string `json:"blobs"` // blob name -> "size:crc32c"
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(b []byte) string { return fmt.Sprintf("%d:%08x", len(b), crc32.Checksum(b, castagnoli)) }

// fileChecksum is checksum of a file's contents, read in small pieces.
func fileChecksum(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d:%08x", n, h.Sum32()), nil
}

func (c *Cache) entryDir(key string) string { return filepath.Join(c.dir, "entries", key[:2], key) }

// Get loads an entry into v (JSON) and returns the paths of its blobs. A
// missing entry returns false; a damaged one is removed and returns false.
func (c *Cache) Get(key string, v any) (map[string]string, bool) {
	dir := c.entryDir(key)
	b, err := os.ReadFile(filepath.Join(dir, "record.json"))
	if err != nil {
		return nil, false
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil || json.Unmarshal(rec.Data, v) != nil {
		os.RemoveAll(dir)
		return nil, false
	}
	blobs := map[string]string{}
	for name, sum := range rec.Blobs {
		p := filepath.Join(dir, name)
		if got, err := fileChecksum(p); err != nil || got != sum {
			os.RemoveAll(dir)
			return nil, false
		}
		blobs[name] = p
	}
	return blobs, true
}

// Put stores v (as JSON) and blobs (name -> file to copy in) under key.
// An entry that exists already is kept.
func (c *Cache) Put(key string, v any, blobs map[string]string) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Join(c.dir, "tmp"), "e-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rec := record{Data: data, Blobs: map[string]string{}}
	for name, src := range blobs {
		if strings.ContainsAny(name, `/\`) || name == "record.json" {
			return fmt.Errorf("cache: bad blob name %q", name)
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return err
		}
		rec.Blobs[name] = checksum(b)
	}
	rb, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "record.json"), rb, 0o644); err != nil {
		return err
	}
	dst := c.entryDir(key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		if _, statErr := os.Stat(dst); statErr == nil {
			return nil // another build stored it first
		}
		return err
	}
	return nil
}
