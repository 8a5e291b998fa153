package web

import (
	"bufio"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUploadToPacket40Photos measures, over real HTTP, the time from the
// upload of 40 camera photos (12 MP, from tools/benchphotos) and their
// listing picture to the packet: upload and sorting (init), the form's
// save and check, and the build. The seller's typing is not counted.
//
//	APPEALPACKET_BENCH=1 go test -run UploadToPacket40 -v ./internal/web
func TestUploadToPacket40Photos(t *testing.T) {
	if os.Getenv("APPEALPACKET_BENCH") == "" {
		t.Skip("a measurement: set APPEALPACKET_BENCH=1 to run it")
	}
	src := t.TempDir()
	if out, err := exec.Command("go", "run", "../../tools/benchphotos", "-n", "40", src).CombinedOutput(); err != nil {
		t.Fatalf("benchphotos: %v\n%s", err, out)
	}
	var files []string
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && d.Name() != "case.yaml" {
			files = append(files, p)
		}
		return nil
	})
	s, err := New(Config{Workspace: t.TempDir(), Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	post := func(path, ct string, body io.Reader) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+path, body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Origin", srv.URL)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("POST %s: %s", path, resp.Status)
		}
		return resp
	}
	if resp, err := c.Get(srv.URL + "/?token=" + testToken); err != nil || resp.StatusCode != 200 {
		t.Fatalf("open: %v", err)
	}
	post("/new", "application/x-www-form-urlencoded", strings.NewReader("name=bench"))

	var size int64
	start := time.Now()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		for _, f := range files {
			rel, _ := filepath.Rel(src, f)
			w, _ := mw.CreateFormFile("folder", "bench/"+filepath.ToSlash(rel))
			in, err := os.Open(f)
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			n, _ := io.Copy(w, in)
			size += n
			in.Close()
		}
		pw.CloseWithError(mw.Close())
	}()
	post("/case/bench/upload", mw.FormDataContentType(), pr) // follows to the case page: the check runs
	uploaded := time.Since(start)

	draft, err := os.ReadFile(filepath.Join(s.cfg.Workspace, "bench", "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	answers := answersFrom(t, src, draft)
	answers["case.complaint_date"] = time.Now().Format(time.DateOnly)
	// Not in benchphotos' case.yaml:
	answers["listings[0].url"] = "https://www.aliexpress.com/item/1.html"
	answers["seller.store"] = "Bench Store"
	answers["seller.store_id"] = "1102345678"
	form := url.Values{}
	for k, v := range answers {
		form.Set("f:"+k, v)
	}
	saveStart := time.Now()
	post("/case/bench/save", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	saved := time.Since(saveStart)

	buildStart := time.Now()
	post("/case/bench/build", "application/x-www-form-urlencoded", nil)
	resp, err := c.Get(srv.URL + "/case/bench/events")
	if err != nil {
		t.Fatal(err)
	}
	var last string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data:") {
			last = sc.Text()
		}
	}
	resp.Body.Close()
	built := time.Since(buildStart)
	if !strings.Contains(last, `"error":""`) {
		page, _ := c.Get(srv.URL + "/case/bench")
		b, _ := io.ReadAll(page.Body)
		t.Fatalf("build: %s\n%s", last, findingsOf(string(b)))
	}
	outs, _ := outputs(s.outDir("bench"))
	t.Logf("40 photos + 1 listing picture, %.0f MB: upload and sort (init) and check %v; save and check %v; build %v; total %v; outputs %v",
		float64(size)/1e6, uploaded.Round(10*time.Millisecond), saved.Round(10*time.Millisecond), built.Round(10*time.Millisecond),
		(uploaded + saved + built).Round(10*time.Millisecond), outs)
}
