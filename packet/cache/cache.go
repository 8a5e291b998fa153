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
//     entry is written in a temporary folder and renamed into place.
//
// Nothing read from the cache is trusted: what it holds ends up in a
// packet (the EXIF shown, the readiness on the cover), and a cache folder
// can be edited, copied from another machine or damaged. Every record is
// authenticated with HMAC-SHA256 under a secret of this cache (the file
// "key", 32 random bytes, mode 0600, created atomically with the cache).
// A record's MAC covers its data, the name, size and SHA-256 of each of its
// blobs, and the entry's key — which is itself the SHA-256 of the cache
// version, the source file's content hash, the kind of work and its
// parameters — so a record moved to another entry, another file's hash or
// another kind fails too. A sum's MAC covers the file identity and the
// sum. Every read checks the MAC and every blob's hash; anything that fails
// is deleted, logged at debug level, and recomputed by the caller, never
// used. A missing or short key file means a new key: every entry written
// under the old one is then recomputed.
//
// A blob is checked when Get returns its path; a process able to rewrite
// the cache folder while a build runs could still swap it afterwards (it
// could as well rewrite the user's files).
//
// The cache can be deleted at any time; nothing else refers to it.
package cache

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"appealpacket/internal/digest"
	"appealpacket/internal/regularfile"
	"appealpacket/packet/atomicfile"
)

// Version is part of every key and names the cache's folder: bump it when
// the meaning or the format of an entry changes.
const Version = "v2"

// keySize is the length of the MAC key, in bytes.
const keySize = 32

// maxRecordSize bounds a record read back (a picture's record is a few KB).
const maxRecordSize = 1 << 20

// Cache is a cache folder. Its methods are safe for concurrent use by
// goroutines and processes (writes are atomic renames).
type Cache struct {
	dir string
	key []byte // the MAC key
	log *slog.Logger
}

// DefaultDir is the cache folder under the user's cache directory.
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "appealpacket"), nil
}

// Open opens (creating if needed) a cache folder and its key. Records that
// fail their check are reported to log at debug level (nil: discarded).
func Open(dir string, log *slog.Logger) (*Cache, error) {
	root := filepath.Join(dir, Version)
	for _, sub := range []string{"sums", "entries", "tmp"} {
		if err := os.MkdirAll(filepath.Join(root, sub), 0o700); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Cache{dir: root, log: log}
	key, err := c.loadKey()
	if err != nil {
		return nil, fmt.Errorf("cache: key: %w", err)
	}
	c.key = key
	return c, nil
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) keyFile() string { return filepath.Join(c.dir, "key") }

// loadKey reads the cache's key, or makes a new one when there is none or
// it is not fit for use (short, or readable by others).
func (c *Cache) loadKey() ([]byte, error) {
	for range 3 {
		b, err := regularfile.Read(c.keyFile(), 4096)
		if err == nil && len(b) == keySize && private(c.keyFile()) {
			return b, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.log.Debug("cache key unreadable; making a new one", "err", err)
		} else if err == nil {
			c.log.Debug("cache key unfit (short, or readable by others); making a new one", "bytes", len(b))
		}
		replace := err == nil || !errors.Is(err, fs.ErrNotExist)
		if err := c.newKey(replace); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("the key file keeps changing")
}

// newKey writes a new random key to a private temporary file and puts it
// in place at once: a link that fails if another process made a key first
// (which is then used), or a rename over an unfit key.
func (c *Cache) newKey(replace bool) error {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Join(c.dir, "tmp"), "key-*") // mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(key)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if replace {
		return os.Rename(f.Name(), c.keyFile())
	}
	if err := os.Link(f.Name(), c.keyFile()); err != nil && !errors.Is(err, fs.ErrExist) {
		return os.Rename(f.Name(), c.keyFile()) // no hard links here
	}
	return nil
}

// mac authenticates fields under the cache's key, each prefixed with its
// length so that no two lists of fields give the same input.
func (c *Cache) mac(domain string, fields ...string) []byte {
	m := hmac.New(sha256.New, c.key)
	field(m, "appealpacket cache "+Version+" "+domain)
	for _, f := range fields {
		field(m, f)
	}
	return m.Sum(nil)
}

func field(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	io.WriteString(h, s)
}

// validMAC compares a MAC read from the cache (hex) with the one expected.
func validMAC(got string, want []byte) bool {
	b, err := hex.DecodeString(got)
	return err == nil && hmac.Equal(b, want)
}

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
	id := hashString(identity(abs, fi))
	p := filepath.Join(c.dir, "sums", id[:2], id)
	b, err := regularfile.Read(p, 256)
	if err != nil {
		return "", false
	}
	sum, mac, _ := strings.Cut(strings.TrimSpace(string(b)), " ")
	if len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" || !validMAC(mac, c.mac("sum", id, sum)) {
		c.reject(p, "sum", abs)
		return "", false
	}
	return sum, true
}

// SetSum records a file's SHA-256 for its current identity.
func (c *Cache) SetSum(abs string, fi fs.FileInfo, sum string) error {
	id := hashString(identity(abs, fi))
	line := sum + " " + hex.EncodeToString(c.mac("sum", id, sum)) + "\n"
	return c.writeFile(filepath.Join(c.dir, "sums", id[:2], id), []byte(line))
}

// reject deletes what failed its check, and says so at debug level.
func (c *Cache) reject(path, what, name string) {
	c.log.Debug("cache "+what+" failed its check; recomputing", "name", name, "path", path)
	os.RemoveAll(path)
}

// writeFile writes through a temporary file and renames it into place.
func (c *Cache) writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteScratch(path, filepath.Join(c.dir, "tmp"), func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Key names an entry: the SHA-256 of the cache version, the source
// content's SHA-256 (sum) and the kind and parameters of the work
// (params, e.g. "display", "800x600 q85"). A record's MAC covers its key.
func Key(sum string, params ...string) string {
	return hashString(append([]string{Version, sum}, params...)...)
}

// record is an entry's index file.
type record struct {
	Data  json.RawMessage   `json:"data"`
	Blobs map[string]string `json:"blobs"` // blob name -> "size:sha256"
	MAC   string            `json:"mac"`   // HMAC-SHA256 of the key, data and blobs
}

// recordMAC is the MAC of an entry's record.
func (c *Cache) recordMAC(key string, rec *record) []byte {
	fields := []string{key, string(rec.Data)}
	names := make([]string, 0, len(rec.Blobs))
	for name := range rec.Blobs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fields = append(fields, name, rec.Blobs[name])
	}
	return c.mac("record", fields...)
}

func checksum(b []byte) string {
	return fmt.Sprintf("%d:%s", len(b), digest.Hex(b))
}

// fileChecksum is checksum of a file's contents, read in small pieces.
func fileChecksum(name string) (string, error) {
	f, _, err := regularfile.Open(name, 1<<30)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d:%s", n, hex.EncodeToString(h.Sum(nil))), nil
}

func (c *Cache) entryDir(key string) string { return filepath.Join(c.dir, "entries", key[:2], key) }

// Get loads an entry into v (JSON) and returns the paths of its blobs. A
// missing entry returns false; one that fails its check (MAC, a blob's
// size or hash, JSON) is deleted, logged at debug level, and returns false.
func (c *Cache) Get(key string, v any) (map[string]string, bool) {
	if len(key) < 2 || strings.ContainsAny(key, `/\.`) {
		return nil, false
	}
	dir := c.entryDir(key)
	b, err := regularfile.Read(filepath.Join(dir, "record.json"), maxRecordSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	var rec record
	if err != nil || json.Unmarshal(b, &rec) != nil || !validMAC(rec.MAC, c.recordMAC(key, &rec)) {
		c.reject(dir, "record", key)
		return nil, false
	}
	blobs := map[string]string{}
	for name, sum := range rec.Blobs {
		p := filepath.Join(dir, name)
		if got, err := fileChecksum(p); err != nil || got != sum {
			c.reject(dir, "blob", key+"/"+name)
			return nil, false
		}
		blobs[name] = p
	}
	if err := json.Unmarshal(rec.Data, v); err != nil {
		c.reject(dir, "record", key)
		return nil, false
	}
	return blobs, true
}

// Put stores v (as JSON) and blobs (name -> file to copy in) under key.
// An entry that exists already is kept.
func (c *Cache) Put(key string, v any, blobs map[string]string) error {
	if len(key) < 2 || strings.ContainsAny(key, `/\.`) {
		return fmt.Errorf("cache: bad key %q", key)
	}
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
		if strings.ContainsAny(name, `/\`) || name == "record.json" || name == "" || name[0] == '.' {
			return fmt.Errorf("cache: bad blob name %q", name)
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o600); err != nil {
			return err
		}
		rec.Blobs[name] = checksum(b)
	}
	rec.MAC = hex.EncodeToString(c.recordMAC(key, &rec))
	rb, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "record.json"), rb, 0o600); err != nil {
		return err
	}
	dst := c.entryDir(key)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
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
