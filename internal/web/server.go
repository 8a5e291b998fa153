package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"

	fontfiles "appealpacket/assets"
	"appealpacket/internal/i18n"
	"appealpacket/packet"
	"appealpacket/packet/atomicfile"
	"appealpacket/packet/doctext"
	"appealpacket/packet/finding"
	"appealpacket/packet/initcase"
)

//go:embed assets
var assets embed.FS

// Config sets up a Server.
type Config struct {
	Workspace string // the folder of case folders
	Token     string // the run's secret; every request must carry it
	// MaxFile and MaxCase bound an uploaded file and a case folder, in
	// bytes; 0 means 200 MB and 2 GB.
	MaxFile, MaxCase int64
	// Hosts are extra Host names accepted besides the loopback ones
	// (--listen-any).
	Hosts  []string
	Logger *slog.Logger
}

// Server is the web page's handler.
type Server struct {
	cfg    Config
	tmpl   *template.Template
	mux    *http.ServeMux
	log    *slog.Logger
	mu     sync.Mutex
	jobs   map[string]*job // builds by case name
	slots  chan struct{}   // bounds concurrent heavy work
	thumbs thumbCache
	// tesseract is the OCR command, looked for once, at the first check or build.
	tesseract func() *doctext.Tesseract
}

const cookieName = "appealpacket_session"

// New returns the Server of cfg.
func New(cfg Config) (*Server, error) {
	if len(cfg.Token) < 16 {
		return nil, errors.New("web: the token must have at least 16 characters")
	}
	if cfg.MaxFile <= 0 {
		cfg.MaxFile = 200 << 20
	}
	if cfg.MaxCase <= 0 {
		cfg.MaxCase = 2 << 30
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.Workspace, 0o755); err != nil {
		return nil, fmt.Errorf("web: workspace: %w", err)
	}
	t, err := template.New("").Funcs(template.FuncMap{"sev": func(s finding.Severity) string { return s.String() }}).
		ParseFS(assets, "assets/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s := &Server{cfg: cfg, tmpl: t, mux: http.NewServeMux(), log: cfg.Logger, jobs: map[string]*job{}, slots: make(chan struct{}, 2),
		tesseract: sync.OnceValue(func() *doctext.Tesseract {
			t, _ := doctext.Select(context.Background(), "") // nil when not installed
			return t
		})}
	static, _ := fs.Sub(assets, "assets")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /static/cjk.ttf", func(w http.ResponseWriter, r *http.Request) {
		// The packets' own CJK font, for machines without one: the
		// page's CSS asks for it only for Chinese characters.
		w.Header().Set("Cache-Control", "max-age=86400")
		http.ServeFileFS(w, r, fontfiles.Fonts, fontfiles.CJK)
	})
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("POST /new", s.newCase)
	s.mux.HandleFunc("GET /case/{name}", s.casePage)
	s.mux.HandleFunc("POST /case/{name}/upload", s.upload)
	s.mux.HandleFunc("POST /case/{name}/save", s.save)
	s.mux.HandleFunc("GET /case/{name}/file", s.file)
	s.mux.HandleFunc("GET /case/{name}/thumb", s.thumb)
	s.mux.HandleFunc("POST /case/{name}/build", s.build)
	s.mux.HandleFunc("GET /case/{name}/events", s.events)
	s.mux.HandleFunc("GET /case/{name}/out/{file}", s.output)
	s.mux.HandleFunc("POST /case/{name}/verify", s.verify)
	return s, nil
}

// ServeHTTP checks Host, token and Origin, then serves the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	// same-origin, not no-referrer: with no-referrer a browser sends "Origin: null"
	// on the page's own form posts, which the Origin check refuses.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'")
	if !s.hostOK(r.Host) {
		http.Error(w, "forbidden: unexpected Host", http.StatusForbidden)
		return
	}
	if tok := r.URL.Query().Get("token"); tok != "" {
		if !s.tokenOK(tok) {
			http.Error(w, "forbidden: wrong token", http.StatusForbidden)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.cfg.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			q.Del("token")
			u := *r.URL
			u.RawQuery = q.Encode()
			http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
			return
		}
	} else if c, err := r.Cookie(cookieName); err != nil || !s.tokenOK(c.Value) {
		http.Error(w, "forbidden: open the address appealpacket serve printed (it carries the token)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			http.Error(w, "forbidden: request from another site", http.StatusForbidden)
			return
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			http.Error(w, "forbidden: request from another site", http.StatusForbidden)
			return
		}
	}
	if l := r.URL.Query().Get("lang"); l != "" {
		if lang, err := i18n.Parse(l); err == nil {
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang.Code(), Path: "/", SameSite: http.SameSiteStrictMode})
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) tokenOK(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.cfg.Token)) == 1
}

// hostOK accepts loopback names only (and the configured extra hosts): a
// DNS name rebound to 127.0.0.1 arrives with its own name.
func (s *Server) hostOK(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.cfg.Hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// langOf picks the page's language: ?lang, the lang cookie, then
// Accept-Language.
func langOf(r *http.Request) i18n.Lang {
	if l, err := i18n.Parse(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil {
		if l, err := i18n.Parse(c.Value); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l, err := i18n.Parse(tag); err == nil {
			return l
		}
	}
	return i18n.English
}

// page is what every template gets.
type page struct {
	Lang  string
	T     func(key string, args ...any) string
	Title string
	Error string
	Cases []string
	Case  *caseView
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	l := langOf(r)
	p.Lang = l.Code()
	p.T = func(key string, args ...any) string { return messages.Text(l, key, args...) }
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := s.tmpl.ExecuteTemplate(w, name, p); err != nil {
		s.log.Error("template", "name", name, "err", err)
	}
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, key string, args ...any) {
	msg := messages.Text(langOf(r), key, args...)
	s.render(w, r, status, "error.html", &page{Error: msg})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	cases, err := s.caseNames()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "err.workspace", err)
		return
	}
	s.render(w, r, http.StatusOK, "home.html", &page{Cases: cases})
}

// caseNames lists the case folders of the workspace.
func (s *Server) caseNames() ([]string, error) {
	entries, err := os.ReadDir(s.cfg.Workspace)
	if err != nil {
		return nil, fmt.Errorf("reading the workspace: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// caseDir returns the folder of the case named in the URL: only a folder
// the workspace lists, never a path from the client.
func (s *Server) caseDir(r *http.Request) (string, string, bool) {
	name := r.PathValue("name")
	names, err := s.caseNames()
	if err != nil {
		return "", "", false
	}
	for _, n := range names {
		if n == name {
			return n, filepath.Join(s.cfg.Workspace, n), true
		}
	}
	return "", "", false
}

// CaseName makes a folder name of what a person typed: letters, digits and
// "-_." kept, anything else a "-"; "" when nothing is left.
func CaseName(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
		if b.Len() > 80 {
			break
		}
	}
	out := strings.Trim(b.String(), ".-")
	if out == "" {
		return ""
	}
	return out
}

func (s *Server) newCase(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	name := CaseName(r.FormValue("name"))
	if name == "" {
		s.fail(w, r, http.StatusBadRequest, "err.name")
		return
	}
	if err := os.Mkdir(filepath.Join(s.cfg.Workspace, name), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		s.fail(w, r, http.StatusInternalServerError, "err.workspace", err)
		return
	}
	http.Redirect(w, r, "/case/"+url.PathEscape(name), http.StatusSeeOther)
}

// UploadName makes a relative path inside the case folder of a name a
// browser sent (a file name, or "folder/sub/file.jpg" from a folder
// picker): "..", ".", empty and hidden parts and control characters
// dropped, "\" a separator. stripTop drops the first part (the picked
// folder's own name). "" means the name has nothing usable.
func UploadName(name string, stripTop bool) string {
	parts := strings.FieldsFunc(strings.ReplaceAll(name, "\\", "/"), func(r rune) bool { return r == '/' })
	var keep []string
	for _, p := range parts {
		p = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' {
				return -1
			}
			return r
		}, p)
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, ".") || len(p) > 200 {
			continue
		}
		keep = append(keep, p)
	}
	if stripTop && len(keep) > 1 {
		keep = keep[1:]
	}
	if len(keep) == 0 || len(keep) > 8 {
		return ""
	}
	rel := path.Join(keep...)
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return ""
	}
	return rel
}

// errTooLarge is an upload over a limit.
var errTooLarge = errors.New("over the size limit")

// upload streams the request's files into the case folder, then sorts
// them as init does.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	name, dir, ok := s.caseDir(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "err.nocase")
		return
	}
	used, err := folderSize(dir)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "err.workspace", err)
		return
	}
	room := s.cfg.MaxCase - used
	r.Body = http.MaxBytesReader(w, r.Body, room+1<<20) // room plus the multipart framing
	saved, err := s.receive(r, dir, room)
	switch {
	case errors.Is(err, errTooLarge):
		s.fail(w, r, http.StatusRequestEntityTooLarge, "err.toolarge", s.cfg.MaxFile>>20, s.cfg.MaxCase>>20)
		return
	case err != nil:
		s.fail(w, r, http.StatusBadRequest, "err.upload", err)
		return
	case saved == 0:
		s.fail(w, r, http.StatusBadRequest, "err.nofiles")
		return
	}
	if !s.acquire(r.Context()) {
		return
	}
	// A new case is written in the page's language: case.yaml's comments
	// (the form's help) and case.language, as init --lang does.
	_, err = initcase.Init(r.Context(), dir, initcase.Options{Logger: s.log, Lang: langOf(r)})
	s.release()
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, "err.init", err)
		return
	}
	http.Redirect(w, r, "/case/"+url.PathEscape(name), http.StatusSeeOther)
}

// receive writes the multipart files of r under dir, at most room bytes
// in all and cfg.MaxFile each. A file that already exists is kept (an
// original is never replaced). It returns how many files it saved.
func (s *Server) receive(r *http.Request, dir string, room int64) (int, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return 0, fmt.Errorf("not a file upload: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, fmt.Errorf("opening the case folder: %w", err)
	}
	defer root.Close()
	saved := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return saved, nil
		}
		if err != nil {
			if strings.Contains(err.Error(), "request body too large") {
				return saved, errTooLarge
			}
			return saved, fmt.Errorf("reading the upload: %w", err)
		}
		// part.FileName() keeps only the last element: the folder
		// picker's relative path is read from the header itself.
		_, params, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if params["filename"] == "" || (part.FormName() != "files" && part.FormName() != "folder") {
			continue // NextPart skips what is left of it
		}
		rel := UploadName(params["filename"], part.FormName() == "folder")
		if rel == "" || strings.EqualFold(rel, "case.yaml.bak") {
			continue
		}
		// A part over the limit is not read further (no Close: it would
		// read the rest).
		n, err := writeNew(root, rel, part, min(s.cfg.MaxFile, room))
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return saved, err
		}
		room -= n
		saved++
	}
}

// writeNew creates rel under root with at most limit bytes of src; over
// it, the partial file is removed and errTooLarge returned.
func writeNew(root *os.Root, rel string, src io.Reader, limit int64) (int64, error) {
	if d := path.Dir(rel); d != "." {
		if err := root.MkdirAll(filepath.FromSlash(d), 0o755); err != nil {
			return 0, fmt.Errorf("creating %s: %w", d, err)
		}
	}
	f, err := root.OpenFile(filepath.FromSlash(rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, io.LimitReader(src, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = errTooLarge
	}
	if err != nil {
		root.Remove(filepath.FromSlash(rel))
		if strings.Contains(err.Error(), "request body too large") {
			err = errTooLarge
		}
		if errors.Is(err, errTooLarge) {
			return n, err
		}
		return n, fmt.Errorf("writing %s: %w", rel, err)
	}
	return n, nil
}

func folderSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n, err
}

func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) release() { <-s.slots }

// save writes the form's values into case.yaml (only the values change).
func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	name, dir, ok := s.caseDir(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "err.nocase")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "err.upload", err)
		return
	}
	file := filepath.Join(dir, "case.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "err.nomanifest")
		return
	}
	values := map[string]string{}
	for k, v := range r.PostForm {
		if p, ok := strings.CutPrefix(k, "f:"); ok && len(v) > 0 {
			values[p] = strings.TrimSpace(v[0])
		}
	}
	out, err := SetValues(data, values)
	if err == nil {
		err = checkParses(out)
	}
	if err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, "err.save", err)
		return
	}
	if err := atomicfile.Write(file, func(w io.Writer) error { _, err := w.Write(out); return err }); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "err.save", err)
		return
	}
	http.Redirect(w, r, "/case/"+url.PathEscape(name)+"#form", http.StatusSeeOther)
}

// file serves a file of the case folder (for thumbnails), read through
// an os.Root: nothing outside the folder.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	_, dir, ok := s.caseDir(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	rel := r.URL.Query().Get("path")
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", "inline")
	http.ServeContent(w, r, path.Base(rel), fi.ModTime(), f)
}

// outDir is where a case's packets go: beside, not inside, the case
// folder, so that init does not list them as documents.
func (s *Server) outDir(name string) string {
	return filepath.Join(s.cfg.Workspace, ".packets", name)
}

func (s *Server) output(w http.ResponseWriter, r *http.Request) {
	name, _, ok := s.caseDir(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	file := r.PathValue("file")
	outs, _ := outputs(s.outDir(name))
	for _, o := range outs {
		if o == file {
			w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(file))
			http.ServeFile(w, r, filepath.Join(s.outDir(name), file))
			return
		}
	}
	http.NotFound(w, r)
}

func outputs(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && (strings.HasSuffix(e.Name(), ".pdf") || strings.HasSuffix(e.Name(), ".xlsx")) {
			out = append(out, e.Name())
		}
	}
	return out, err
}

// verify checks an uploaded packet against the case folder.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	_, dir, ok := s.caseDir(r)
	if !ok {
		s.fail(w, r, http.StatusNotFound, "err.nocase")
		return
	}
	tmp, err := os.MkdirTemp("", "appealpacket-verify-")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "err.workspace", err)
		return
	}
	defer os.RemoveAll(tmp)
	r.Body = http.MaxBytesReader(w, r.Body, packet.DefaultMaxPacketSize+1<<20)
	n, err := s.receive(r, tmp, packet.DefaultMaxPacketSize)
	if errors.Is(err, errTooLarge) {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "err.toolarge", s.cfg.MaxFile>>20, s.cfg.MaxCase>>20)
		return
	}
	if err != nil || n == 0 {
		s.fail(w, r, http.StatusBadRequest, "err.nofiles")
		return
	}
	pdfs, _ := outputs(tmp)
	var rep *packet.VerifyReport
	for _, p := range pdfs {
		if strings.HasSuffix(p, ".pdf") {
			rep, err = packet.Verify(filepath.Join(tmp, p), dir, packet.VerifyOptions{Lang: langOf(r)})
			break
		}
	}
	if rep == nil {
		if err == nil {
			err = errors.New("no PDF")
		}
		s.fail(w, r, http.StatusUnprocessableEntity, "err.verify", err)
		return
	}
	s.render(w, r, http.StatusOK, "verify.html", &page{Case: &caseView{Name: r.PathValue("name"), Verify: rep}})
}
