package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"appealpacket/packet/collect"
	"appealpacket/packet/evidence"
	"appealpacket/packet/manifest"
)

// thumbCache keeps the thumbnails made, by file, size and time: a page
// reloaded after each change of the form asks for them again.
type thumbCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

const maxThumbs = 2000 // about 20 MB at most

func (c *thumbCache) get(k string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *thumbCache) put(k string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxThumbs {
		c.m = map[string][]byte{}
	}
	c.m[k] = b
}

// thumb serves a small upright JPEG of a picture of the case, made by the
// library (collect.Run, collect.Thumbnail) as the check's report
// makes its own.
func (s *Server) thumb(w http.ResponseWriter, r *http.Request) {
	_, dir, ok := s.caseDir(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	rel := r.URL.Query().Get("path")
	side := 240
	if r.URL.Query().Get("size") == "large" {
		side = 480
	}
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	fi, err := statInside(dir, rel)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%d", dir, rel, fi.Size(), fi.ModTime().UnixNano(), side)
	b := s.thumbs.get(key)
	if b == nil {
		if !s.acquire(r.Context()) {
			return
		}
		b, err = makeThumb(r.Context(), dir, rel, side)
		s.release()
		if err != nil {
			s.log.Debug("thumbnail", "file", rel, "err", err)
			http.NotFound(w, r)
			return
		}
		s.thumbs.put(key, b)
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Write(b)
}

// statInside stats rel through an os.Root of dir: a link out of the
// folder, or anything but a regular file, is an error.
func statInside(dir, rel string) (os.FileInfo, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	fi, err := root.Lstat(filepath.FromSlash(rel))
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", rel)
	}
	return fi, nil
}

func makeThumb(ctx context.Context, dir, rel string, side int) ([]byte, error) {
	work, err := os.MkdirTemp("", "appealpacket-thumb-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	p := manifest.Path{Raw: rel, Rel: rel, Abs: filepath.Join(dir, filepath.FromSlash(rel))}
	items, err := collect.Run(ctx, []collect.Request{{Path: p, Role: evidence.Photo}}, collect.Options{WorkDir: work, Workers: 1})
	if err != nil {
		return nil, err
	}
	if len(items) != 1 {
		return nil, fmt.Errorf("%s: not read", rel)
	}
	if items[0].Err != nil {
		return nil, items[0].Err
	}
	return collect.Thumbnail(items[0], side, 1<<30)
}
