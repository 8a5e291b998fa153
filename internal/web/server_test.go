package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"appealpacket/internal/i18n"
)

const testToken = "0123456789abcdef0123456789abcdef"

type testServer struct {
	t   *testing.T
	s   *Server
	ws  string
	url string // what Host and Origin say
}

func newTestServer(t *testing.T, cfg Config) *testServer {
	t.Helper()
	if cfg.Workspace == "" {
		cfg.Workspace = t.TempDir()
	}
	cfg.Token = testToken
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{t: t, s: s, ws: cfg.Workspace, url: "http://127.0.0.1:8123"}
}

// do sends a request with the session cookie, a loopback Host and, for
// POST, the page's own Origin; hdr overrides them ("" removes).
func (ts *testServer) do(method, target string, body io.Reader, hdr map[string]string) *httptest.ResponseRecorder {
	ts.t.Helper()
	r := httptest.NewRequest(method, ts.url+target, body)
	r.AddCookie(&http.Cookie{Name: cookieName, Value: testToken})
	if method == http.MethodPost {
		r.Header.Set("Origin", ts.url)
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		switch {
		case k == "Cookie":
			r.Header.Del("Cookie")
			if v != "" {
				r.Header.Set("Cookie", v)
			}
		case k == "Host":
			r.Host = v
		case v == "":
			r.Header.Del(k)
		default:
			r.Header.Set(k, v)
		}
	}
	w := httptest.NewRecorder()
	ts.s.ServeHTTP(w, r)
	return w
}

// multipartBody builds an upload of files (form field "files" or
// "folder") named as given.
func multipartBody(t testing.TB, field string, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for name, data := range files {
		w, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

func TestAccessChecks(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, tc := range []struct {
		name   string
		method string
		target string
		hdr    map[string]string
		want   int
	}{
		{"session cookie", "GET", "/", nil, 200},
		{"no token, no cookie", "GET", "/", map[string]string{"Cookie": ""}, 403},
		{"wrong cookie", "GET", "/", map[string]string{"Cookie": cookieName + "=" + strings.Repeat("0", 32)}, 403},
		{"wrong token in URL", "GET", "/?token=" + strings.Repeat("f", 32), map[string]string{"Cookie": ""}, 403},
		{"right token in URL", "GET", "/?token=" + testToken, map[string]string{"Cookie": ""}, 303},
		{"static file needs the token too", "GET", "/static/app.js", map[string]string{"Cookie": ""}, 403},
		{"static file", "GET", "/static/app.js", nil, 200},
		{"rebound DNS name", "GET", "/", map[string]string{"Host": "attacker.example:8123"}, 403},
		{"IPv6 loopback", "GET", "/", map[string]string{"Host": "[::1]:8123"}, 200},
		{"localhost", "GET", "/", map[string]string{"Host": "localhost:8123"}, 200},
		{"foreign Origin", "POST", "/new", map[string]string{"Origin": "http://evil.example"}, 403},
		{"Origin of another port", "POST", "/new", map[string]string{"Origin": "http://127.0.0.1:9999"}, 403},
		{"opaque Origin", "POST", "/new", map[string]string{"Origin": "null"}, 403},
		{"cross-site fetch", "POST", "/new", map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site"}, 403},
		{"POST without cookie", "POST", "/new", map[string]string{"Cookie": ""}, 403},
		{"same-origin POST, no name", "POST", "/new", nil, 400},
		{"unknown case", "GET", "/case/nope", nil, 404},
		{"unknown route", "GET", "/etc/passwd", nil, 404},
		{"GET on a POST route", "GET", "/new", nil, 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := ts.do(tc.method, tc.target, strings.NewReader(""), tc.hdr)
			if w.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.want, w.Body)
			}
		})
	}
}

func TestTokenSetsAStrictHttpOnlyCookie(t *testing.T) {
	ts := newTestServer(t, Config{})
	w := ts.do("GET", "/case/x?token="+testToken+"&lang=zh", nil, map[string]string{"Cookie": ""})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/case/x?lang=zh" {
		t.Fatalf("status %d, Location %q", w.Code, w.Header().Get("Location"))
	}
	var found bool
	for _, c := range w.Result().Cookies() {
		if c.Name == cookieName {
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Value != testToken {
				t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict", c)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestNewCaseNames(t *testing.T) {
	ts := newTestServer(t, Config{})
	for _, tc := range []struct{ in, want string }{
		{"IPP-2024-0001234", "IPP-2024-0001234"},
		{"../../etc", "etc"},
		{"a/b\\c", "a-b-c"},
		{"投诉 123", "投诉-123"},
		{"..", ""},
		{"  ", ""},
	} {
		w := ts.do("POST", "/new", strings.NewReader("name="+tc.in), nil)
		if tc.want == "" {
			if w.Code != http.StatusBadRequest {
				t.Errorf("%q: status %d, want 400", tc.in, w.Code)
			}
			continue
		}
		if w.Code != http.StatusSeeOther {
			t.Errorf("%q: status %d", tc.in, w.Code)
			continue
		}
		if fi, err := os.Stat(filepath.Join(ts.ws, tc.want)); err != nil || !fi.IsDir() {
			t.Errorf("%q: no folder %q in the workspace (%v)", tc.in, tc.want, err)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(ts.ws), "etc")); err == nil {
		t.Error("a case folder was made outside the workspace")
	}
}

func TestUploadName(t *testing.T) {
	for _, tc := range []struct {
		in    string
		strip bool
		want  string
	}{
		{"IMG_0412.JPG", false, "IMG_0412.JPG"},
		{"../../evil.jpg", false, "evil.jpg"},
		{"..\\..\\evil.jpg", false, "evil.jpg"},
		{"/etc/passwd", false, "etc/passwd"},
		{"C:\\Users\\x\\a.pdf", false, "C/Users/x/a.pdf"},
		{"a/../../b.jpg", false, "a/b.jpg"},
		{"demo/originals/IMG_1.JPG", true, "originals/IMG_1.JPG"},
		{"demo/IMG_1.JPG", true, "IMG_1.JPG"},
		{"IMG_1.JPG", true, "IMG_1.JPG"},
		{".hidden", false, ""},
		{"..", false, ""},
		{"a\x00b.jpg", false, "ab.jpg"},
		{"", false, ""},
	} {
		if got := UploadName(tc.in, tc.strip); got != tc.want {
			t.Errorf("UploadName(%q, %v) = %q, want %q", tc.in, tc.strip, got, tc.want)
		}
	}
}

func FuzzUploadName(f *testing.F) {
	for _, s := range []string{"a.jpg", "../x", "a/../../b", "C:\\x", "\x00"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, name string, strip bool) {
		rel := UploadName(name, strip)
		if rel == "" {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "..") && strings.Contains("/"+rel+"/", "/../") {
			t.Fatalf("UploadName(%q) = %q: not inside the folder", name, rel)
		}
	})
}

func mkcase(t *testing.T, ts *testServer, name string) string {
	t.Helper()
	if w := ts.do("POST", "/new", strings.NewReader("name="+name), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("new case: %d %s", w.Code, w.Body)
	}
	return filepath.Join(ts.ws, name)
}

func TestUploadKeepsEverythingInsideTheCase(t *testing.T) {
	ts := newTestServer(t, Config{})
	dir := mkcase(t, ts, "c1")
	jpeg, err := os.ReadFile(filepath.Join(demoDir, "originals", "IMG_0412.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	body, ct := multipartBody(t, "files", map[string][]byte{
		"../../escaped.jpg": jpeg, "..\\..\\escaped2.jpg": jpeg, "/tmp/abs.jpg": jpeg, "ok.jpg": jpeg, "..": []byte("x"),
	})
	w := ts.do("POST", "/case/c1/upload", body, map[string]string{"Content-Type": ct})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	for _, name := range []string{"escaped.jpg", "escaped2.jpg", "tmp/abs.jpg", "ok.jpg", "case.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s not in the case folder: %v", name, err)
		}
	}
	for _, outside := range []string{filepath.Join(ts.ws, "escaped.jpg"), filepath.Join(filepath.Dir(ts.ws), "escaped.jpg"), "/tmp/abs.jpg.never"} {
		if _, err := os.Stat(outside); err == nil {
			t.Errorf("%s written outside the case folder", outside)
		}
	}
	// A second upload of the same name never replaces the original.
	body, ct = multipartBody(t, "files", map[string][]byte{"ok.jpg": []byte("not a photo")})
	ts.do("POST", "/case/c1/upload", body, map[string]string{"Content-Type": ct})
	if got, _ := os.ReadFile(filepath.Join(dir, "ok.jpg")); !bytes.Equal(got, jpeg) {
		t.Error("an upload replaced an original")
	}
}

func TestUploadRefusals(t *testing.T) {
	ts := newTestServer(t, Config{})
	mkcase(t, ts, "c1")
	for _, tc := range []struct {
		name string
		body string
		ct   string
		want int
	}{
		{"not multipart", "a=b", "application/x-www-form-urlencoded", 400},
		{"broken multipart", "--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n\r\nabc", "multipart/form-data; boundary=x", 400},
		{"no file", "--x--\r\n", "multipart/form-data; boundary=x", 400},
	} {
		w := ts.do("POST", "/case/c1/upload", strings.NewReader(tc.body), map[string]string{"Content-Type": tc.ct})
		if w.Code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.want)
		}
	}
	if w := ts.do("POST", "/case/nope/upload", strings.NewReader(""), nil); w.Code != 404 {
		t.Errorf("unknown case: %d", w.Code)
	}
}

// zeroes is a 2 GB multipart upload made on the fly: it counts what the
// server read of it.
type zeroes struct {
	head, tail []byte
	size, read int64
}

func (z *zeroes) Read(p []byte) (int, error) {
	pos := z.read
	total := int64(len(z.head)) + z.size + int64(len(z.tail))
	if pos >= total {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && pos < total {
		switch {
		case pos < int64(len(z.head)):
			p[n] = z.head[pos]
		case pos < int64(len(z.head))+z.size:
			p[n] = 0
		default:
			p[n] = z.tail[pos-int64(len(z.head))-z.size]
		}
		n++
		pos++
	}
	atomic.AddInt64(&z.read, int64(n))
	return n, nil
}

func TestOversizedUploadIsRefusedWithoutFillingTheDisk(t *testing.T) {
	for _, tc := range []struct {
		name             string
		maxFile, maxCase int64
	}{
		{"over the file limit", 1 << 20, 64 << 20},
		{"over the case limit", 64 << 20, 2 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Config{MaxFile: tc.maxFile, MaxCase: tc.maxCase})
			dir := mkcase(t, ts, "c1")
			z := &zeroes{
				head: []byte("--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"huge.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"),
				tail: []byte("\r\n--x--\r\n"), size: 2 << 30,
			}
			start := time.Now()
			w := ts.do("POST", "/case/c1/upload", z, map[string]string{"Content-Type": "multipart/form-data; boundary=x"})
			if w.Code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413: %s", w.Code, w.Body)
			}
			if n, _ := folderSize(dir); n != 0 {
				t.Errorf("%d bytes left in the case folder", n)
			}
			limit := min(tc.maxFile, tc.maxCase) + 2<<20
			if z.read > limit {
				t.Errorf("the server read %d bytes of the 2 GB upload; the limit is %d", z.read, limit)
			}
			t.Logf("read %d bytes of 2 GB in %v before refusing", z.read, time.Since(start))
		})
	}
}

func TestFileServesOnlyInsideTheCase(t *testing.T) {
	ts := newTestServer(t, Config{})
	dir := mkcase(t, ts, "c1")
	os.WriteFile(filepath.Join(dir, "a.jpg"), []byte("picture"), 0o644)
	os.WriteFile(filepath.Join(ts.ws, "secret.txt"), []byte("secret"), 0o644)
	linkErr := os.Symlink(filepath.Join(ts.ws, "secret.txt"), filepath.Join(dir, "link.jpg"))
	for _, tc := range []struct {
		path string
		want int
	}{
		{"a.jpg", 200},
		{"../secret.txt", 400},
		{"/etc/passwd", 400},
		{"link.jpg", 404},
		{"missing.jpg", 404},
		{".", 404},
	} {
		if tc.path == "link.jpg" && linkErr != nil {
			continue
		}
		w := ts.do("GET", "/case/c1/file?path="+tc.path, nil, nil)
		if w.Code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.path, w.Code, tc.want)
		}
		if strings.Contains(w.Body.String(), "secret") {
			t.Errorf("%s: served a file outside the case", tc.path)
		}
	}
}

func TestLanguage(t *testing.T) {
	i18n.CheckComplete(t, messages)
	ts := newTestServer(t, Config{})
	for _, tc := range []struct {
		hdr  map[string]string
		q    string
		want string
	}{
		{nil, "", "Your cases"},
		{map[string]string{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}, "", "您的案件"},
		{map[string]string{"Accept-Language": "fr-FR,zh;q=0.5"}, "", "您的案件"},
		{map[string]string{"Accept-Language": "zh-CN"}, "?lang=en", "Your cases"},
		{map[string]string{"Cookie": cookieName + "=" + testToken + "; lang=zh"}, "", "您的案件"},
	} {
		w := ts.do("GET", "/"+tc.q, nil, tc.hdr)
		if !strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%v %s: page lacks %q", tc.hdr, tc.q, tc.want)
		}
	}
}

// TestTheFlow goes from an empty workspace to a verified packet through
// the handlers: the flow the browser test clicks through.
func TestTheFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a packet")
	}
	ts := newTestServer(t, Config{})
	dir := mkcase(t, ts, "demo")
	files := map[string][]byte{}
	demo := currentDemo(t)
	for _, f := range demoFiles(t, demo) {
		b, err := os.ReadFile(filepath.Join(demo, f))
		if err != nil {
			t.Fatal(err)
		}
		files["demo/"+f] = b
	}
	body, ct := multipartBody(t, "folder", files)
	if w := ts.do("POST", "/case/demo/upload", body, map[string]string{"Content-Type": ct}); w.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	if _, err := os.Stat(filepath.Join(dir, "originals", "IMG_0412.JPG")); err != nil {
		t.Fatalf("the folder's layout was not kept: %v", err)
	}
	page := ts.do("GET", "/case/demo", nil, nil).Body.String()
	for _, want := range []string{"MANIFEST_INCOMPLETE", `name="f:case.id"`, "originals/IMG_0412.JPG", "Canon EOS 90D", `id="notready"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the draft's page lacks %q", want)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "case.yaml"))
	answers := demoAnswers(t, data)
	answers["case.complaint_date"] = time.Now().Format(time.DateOnly)
	answers["authorizations[0].to"] = validUntil.Format(time.DateOnly)
	answers["authorizations[1].to"] = validUntil.Format(time.DateOnly)
	form := make([]string, 0, len(answers))
	for k, v := range answers {
		form = append(form, "f:"+k+"="+urlEscape(v))
	}
	if w := ts.do("POST", "/case/demo/save", strings.NewReader(strings.Join(form, "&")), nil); w.Code != http.StatusSeeOther {
		t.Fatalf("save: %d %s", w.Code, w.Body)
	}
	saved, _ := os.ReadFile(filepath.Join(dir, "case.yaml"))
	if !bytes.Contains(saved, []byte("# the platform's complaint number")) || !bytes.Contains(saved, []byte(`id: "IPP-2024-0001234"`)) {
		t.Errorf("the save lost a comment or a value:\n%s", saved)
	}
	page = ts.do("GET", "/case/demo", nil, nil).Body.String()
	if !strings.Contains(page, `id="ready"`) {
		t.Fatalf("not ready after filling the form:\n%s", findingsOf(page))
	}
	if w := ts.do("POST", "/case/demo/build", nil, nil); w.Code != http.StatusSeeOther {
		t.Fatalf("build: %d %s", w.Code, w.Body)
	}
	if w := ts.do("POST", "/case/demo/build", nil, nil); w.Code != http.StatusConflict && !strings.Contains(ts.do("GET", "/case/demo", nil, nil).Body.String(), `id="built"`) {
		t.Errorf("a second build while one runs: %d, want 409", w.Code)
	}
	events := ts.do("GET", "/case/demo/events", nil, nil)
	if !strings.Contains(events.Body.String(), "event: done") || strings.Contains(events.Body.String(), `"error":"n`) {
		t.Fatalf("events: %s", events.Body)
	}
	page = ts.do("GET", "/case/demo", nil, nil).Body.String()
	if !strings.Contains(page, `id="built"`) {
		t.Fatalf("no built packet on the page: %s", page[strings.Index(page, `id="build"`):])
	}
	pdf := ts.do("GET", "/case/demo/out/IPP-2024-0001234-packet.pdf", nil, nil)
	if pdf.Code != 200 || !bytes.HasPrefix(pdf.Body.Bytes(), []byte("%PDF-")) {
		t.Fatalf("download: %d", pdf.Code)
	}
	if w := ts.do("GET", "/case/demo/out/..%2Fdemo%2Fcase.yaml", nil, nil); w.Code != 404 {
		t.Errorf("download outside the outputs: %d", w.Code)
	}
	body, ct = multipartBody(t, "files", map[string][]byte{"packet.pdf": pdf.Body.Bytes()})
	v := ts.do("POST", "/case/demo/verify", body, map[string]string{"Content-Type": ct})
	if v.Code != 200 || !strings.Contains(v.Body.String(), "VERIFIED") {
		t.Fatalf("verify: %d %s", v.Code, v.Body)
	}
	tampered := bytes.Replace(pdf.Body.Bytes(), []byte("IPP-2024-0001234"), []byte("IPP-2024-0009999"), 1)
	body, ct = multipartBody(t, "files", map[string][]byte{"packet.pdf": tampered})
	if v := ts.do("POST", "/case/demo/verify", body, map[string]string{"Content-Type": ct}); strings.Contains(v.Body.String(), "VERIFIED") {
		t.Error("a changed packet verified")
	}
}

func urlEscape(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "=", "%3D", " ", "+", "#", "%23")
	return r.Replace(s)
}

// findingsOf picks the finding lines of a page, for failure messages.
func findingsOf(page string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(page, "><", ">\n<"), "\n") {
		if strings.Contains(l, "data-code") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var _ = errors.New
var _ = context.Background
var _ = fmt.Sprint

func TestThumbnails(t *testing.T) {
	ts := newTestServer(t, Config{})
	dir := mkcase(t, ts, "c1")
	jpeg, err := os.ReadFile(filepath.Join(demoDir, "originals", "IMG_0412.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.jpg"), jpeg, 0o644)
	os.WriteFile(filepath.Join(dir, "b.pdf"), []byte("%PDF-1.4"), 0o644)
	os.WriteFile(filepath.Join(ts.ws, "outside.jpg"), jpeg, 0o644)
	linkErr := os.Symlink(filepath.Join(ts.ws, "outside.jpg"), filepath.Join(dir, "link.jpg"))
	for _, tc := range []struct {
		target string
		want   int
	}{
		{"/case/c1/thumb?path=a.jpg", 200},
		{"/case/c1/thumb?path=a.jpg&size=large", 200},
		{"/case/c1/thumb?path=../outside.jpg", 400},
		{"/case/c1/thumb?path=link.jpg", 404},
		{"/case/c1/thumb?path=b.pdf", 404},
		{"/case/c1/thumb?path=missing.jpg", 404},
		{"/case/nope/thumb?path=a.jpg", 404},
	} {
		if strings.Contains(tc.target, "link") && linkErr != nil {
			continue
		}
		w := ts.do("GET", tc.target, nil, nil)
		if w.Code != tc.want {
			t.Errorf("%s: status %d, want %d", tc.target, w.Code, tc.want)
			continue
		}
		if w.Code == 200 {
			if !bytes.HasPrefix(w.Body.Bytes(), []byte{0xff, 0xd8}) || w.Body.Len() > 60<<10 {
				t.Errorf("%s: not a small JPEG (%d bytes)", tc.target, w.Body.Len())
			}
		}
	}
}
