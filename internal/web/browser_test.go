package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"appealpacket/internal/testlevel"
)

// chromium finds a Chromium or Chrome to drive: skipped without one,
// failed when APPEALPACKET_REQUIRE_TOOLS is set (as in CI, which installs
// the Debian package chromium).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if testlevel.ToolsRequired() {
		t.Fatal("no Chromium found (APPEALPACKET_REQUIRE_TOOLS is set): install the chromium package")
	}
	t.Skip("no Chromium found (chromium, chromium-browser, google-chrome): the browser tests need one; `apt-get install chromium`")
	return ""
}

// TestBrowser goes, in headless Chromium, from an empty workspace to a
// verified packet of the demo files: upload, fill the form, see a
// finding appear beside its field and go, build, download, verify; in
// English and in Chinese. Screenshots of each step are kept in the test's
// temporary folder (and copied to $APPEALPACKET_SHOTS_DIR when set).
func TestBrowser(t *testing.T) {
	testlevel.SkipUnlessLong(t, "drives Chromium through the page (about 10 s a language)")
	exe := chromium(t)
	qpdf, qerr := exec.LookPath("qpdf")
	if qerr != nil && testlevel.ToolsRequired() {
		t.Fatal("qpdf is required (APPEALPACKET_REQUIRE_TOOLS is set) but not installed")
	}
	for _, tc := range []struct {
		lang, accept       string
		home, ready, built string
		verified, pair     string
	}{
		{"en", "en-US,en", "Your cases", "READY", "Built in", "VERIFIED", "IMG_0412.JPG (matched, distance "},
		{"zh", "zh-CN,zh", "您的案件", "就绪", "已生成", "已验证", "IMG_0412.JPG (比对吻合，差异 "},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			shots := t.TempDir()
			downloads := t.TempDir()
			s, err := New(Config{Workspace: t.TempDir(), Token: testToken})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(s)
			defer srv.Close()

			ctx := startChromium(t, exe, tc.accept)
			deadline := time.Now().Add(slowdown * 50 * time.Second)

			step := 0
			shot := func(name string) chromedp.Action[chromedp.Void] {
				return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					// The Chinese font comes from the page: wait for it.
					if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
						return fmt.Errorf("fonts of %s: %w", name, err)
					}
					buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						return fmt.Errorf("screenshot %s: %w", name, err)
					}
					step++
					file := fmt.Sprintf("%02d-%s.png", step, name)
					if err := os.WriteFile(filepath.Join(shots, file), buf, 0o644); err != nil {
						return err
					}
					if d := os.Getenv("APPEALPACKET_SHOTS_DIR"); d != "" {
						os.MkdirAll(filepath.Join(d, tc.lang), 0o755)
						os.WriteFile(filepath.Join(d, tc.lang, file), buf, 0o644)
					}
					return nil
				})
			}
			run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				start := time.Now()
				sctx, cancel := context.WithDeadline(ctx, deadline)
				defer cancel()
				if err := chromedp.Do(sctx, actions...); err != nil {
					chromedp.Do(ctx, shot("failed-"+strings.ReplaceAll(what, " ", "-")))
					t.Fatalf("%s: %v (screenshots in %s)", what, err, shots)
				}
				t.Logf("%s: %v", what, time.Since(start).Round(time.Millisecond))
			}
			text := func(sel string) string {
				t.Helper()
				sctx, cancel := context.WithDeadline(ctx, deadline)
				defer cancel()
				s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS(sel)))
				if err != nil {
					t.Fatalf("reading %s: %v", sel, err)
				}
				return s
			}
			css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

			// 1. The printed address: the token becomes a cookie.
			run("open", chromedp.Navigate(srv.URL+"/?token="+testToken), chromedp.WaitVisible(css("#name")), shot("home"))
			if h := text("h1"); h != tc.home {
				t.Errorf("home heading %q, want %q", h, tc.home)
			}
			// 2. New case.
			run("new case", chromedp.SendKeys(css("#name"), "demo"), chromedp.Click(css("#create")),
				chromedp.WaitVisible(css("#files")), shot("new-case"))
			// 3. Upload the demo files with the file picker.
			uploadStart := time.Now()
			run("upload", chromedp.SetUploadFiles(css("#files"), demoUpload(t)), chromedp.Click(css("#send")),
				chromedp.WaitVisible(css("#caseform")), shot("draft"))
			t.Logf("upload to draft: %v", time.Since(uploadStart).Round(time.Millisecond))
			// 4. Fill the form as the seller would, with a letter that has
			// run out: the finding appears beside its field.
			expired := `div.field[data-path="authorizations[1].to"] .finding[data-code="AUTH_EXPIRED"]`
			fill := append(fillDemo(t, s, time.Now().AddDate(0, -1, 0)),
				chromedp.Click(css("#save")), chromedp.WaitVisible(css(expired)),
				chromedp.ScrollIntoView(css(expired)), shot("finding-appears"))
			run("fill the form", again(fill...))
			// 5. Type the letter's real end date: the page saves and checks
			// on the change, and the finding is gone.
			to := css(`[name="f:authorizations[1].to"]`)
			clear := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('[name="f:authorizations[1].to"]').value = "") === ""`))
				return err
			})
			// The field the Tab key moves to: after the save's reload, the
			// page is back there, with the cursor in it.
			next, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const els = [...document.getElementById("caseform").elements].filter(e => e.name);
				return els[els.findIndex(e => e.name === "f:authorizations[1].to") + 1].name; })()`))
			if err != nil {
				t.Fatal(err)
			}
			run("fix the field", again(clear,
				chromedp.SendKeys(to, validUntil.Format(time.DateOnly)+"\t"),
				chromedp.WaitVisible(css("#ready"))))
			var place string
			for range 50 { // the page goes back to the place once it has loaded
				if place, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.activeElement, r = a.getBoundingClientRect();
					return a.name + (r.top >= 0 && r.bottom <= window.innerHeight ? " in view" : " out of view"); })()`)); err != nil || place == next+" in view" {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if err != nil || place != next+" in view" {
				t.Errorf("after the save, the focus is on %q (%v), want %q in view: the page did not come back where the seller was", place, err, next)
			}
			run("finding gone", chromedp.ScrollIntoView(css(`div.field[data-path="authorizations[1].to"]`)), shot("finding-gone"))
			if gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('`+expired+`') === null`)); err != nil || !gone {
				t.Errorf("the AUTH_EXPIRED finding is still shown after the fix (%v)", err)
			}
			if r := text("#ready"); !strings.Contains(r, tc.ready) {
				t.Errorf("check says %q, want %q", r, tc.ready)
			}
			run("key evidence", chromedp.ScrollIntoView(css("#key")), shot("key-evidence"))
			if k := text("#key"); !strings.Contains(k, tc.pair) {
				t.Errorf("key evidence says %q, want %q", k, tc.pair)
			}
			// 6. Build: progress, then the outputs.
			buildStart := time.Now()
			run("build", chromedp.Click(css("#buildbtn")), chromedp.WaitVisible(css("#built")),
				chromedp.ScrollIntoView(css("#build")), shot("built"))
			t.Logf("build click to packet: %v", time.Since(buildStart).Round(time.Millisecond))
			if b := text("#built"); !strings.Contains(b, tc.built) {
				t.Errorf("build says %q, want %q", b, tc.built)
			}
			// 7. Download the PDF.
			yes := true
			if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &yes}); err != nil {
				t.Fatalf("allowing downloads: %v", err)
			}
			dctx, dcancel := context.WithDeadline(ctx, deadline)
			defer dcancel()
			progress := chromedp.BrowserEvents(dctx, browser.DownloadProgress)
			run("download", chromedp.Click(css(`#outputs a[href$="-packet.pdf"]`)))
			var pdf string
			for ev, err := range progress {
				if err != nil {
					t.Fatalf("the download did not finish: %v", err)
				}
				if ev.State == browser.DownloadProgressStateCompleted {
					pdf = filepath.Join(downloads, ev.GUID)
					break
				}
			}
			if qerr == nil {
				if out, err := exec.Command(qpdf, "--check", pdf).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check on the downloaded packet: %v\n%s", err, out)
				} else {
					t.Logf("qpdf --check: %s", strings.TrimSpace(string(out)))
				}
			}
			named := filepath.Join(downloads, "packet.pdf")
			if err := os.Rename(pdf, named); err != nil {
				t.Fatal(err)
			}
			// 8. Verify it.
			run("verify", chromedp.SetUploadFiles(css("#vfile"), []string{named}), chromedp.Click(css("#verifybtn")),
				chromedp.WaitVisible(css("#verdict")), shot("verified"))
			if v := text("#verdict"); !strings.Contains(v, tc.verified) {
				t.Errorf("verify says %q, want %q", v, tc.verified)
			}
			// 9. The other language, one click away.
			run("switch language", chromedp.Navigate(srv.URL+"/"), chromedp.Click(css("#lang")),
				chromedp.WaitVisible(css("#name")))
			if h := text("h1"); h == tc.home {
				t.Errorf("the language switch left the heading %q", h)
			}
			t.Logf("screenshots: %s", shots)
		})
	}
}

// startChromium starts a headless Chromium at a blank page, in a window of
// 1100×900 that asks for the languages of accept ("zh-CN,zh"), and stops
// it when t ends.
func startChromium(t *testing.T, exe, accept string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("lang", accept[:5]), chromedp.Flag("accept-lang", accept), chromedp.WindowSize(1100, 900))
	actx, stopAllocator := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, stop := chromedp.NewContext(actx)
	t.Cleanup(func() { stop(); stopAllocator() })
	// The first call starts the browser: no timeout on it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// again runs actions that may run twice (typing into the form and saving
// it, which the same values leave as they were), a second time when they
// meet a stale page context: chromedp can still hold the JavaScript
// context of the page before a navigation for a moment after it, and the
// call then fails with "Cannot find context with specified id" (seen on a
// loaded 2-core machine, the upload taking 12 s).
func again(actions ...chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		err := chromedp.Do(ctx, actions...)
		if err != nil && strings.Contains(err.Error(), "Cannot find context with specified id") {
			time.Sleep(time.Second)
			err = chromedp.Do(ctx, actions...)
		}
		return err
	})
}

// demoUpload is the files of a current demo case (its letters valid for a
// year), by absolute path, for the page's file picker.
func demoUpload(t *testing.T) []string {
	t.Helper()
	var files []string
	demo := currentDemo(t)
	for _, f := range demoFiles(t, demo) {
		abs, err := filepath.Abs(filepath.Join(demo, f))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, abs)
	}
	return files
}

// fillDemo is the typing of a seller filling the form of the uploaded demo
// case (not saved): the demo's answers, a complaint received today, the
// first letter valid for a year and the second until secondTo.
func fillDemo(t *testing.T, s *Server, secondTo time.Time) []chromedp.Action[chromedp.Void] {
	t.Helper()
	field := func(path, v string) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(chromedp.CSS(`[name="f:`+path+`"]`), v)
	}
	var fill []chromedp.Action[chromedp.Void]
	for path, v := range demoAnswers(t, readCase(t, s, "demo")) {
		fill = append(fill, field(path, v))
	}
	today := time.Now()
	return append(fill,
		field("case.complaint_date", today.Format(time.DateOnly)),
		field("authorizations[0].to", validUntil.Format(time.DateOnly)),
		field("authorizations[1].to", secondTo.Format(time.DateOnly)))
}

func readCase(t *testing.T, s *Server, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.cfg.Workspace, name, "case.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBrowserWithoutJavaScript: with scripts switched off in Chromium the
// page still takes a seller from an empty workspace to a verified packet,
// by its plain forms and the Refresh link of a running build (what the
// package documentation promises; only drag and drop needs JavaScript).
func TestBrowserWithoutJavaScript(t *testing.T) {
	testlevel.SkipUnlessLong(t, "drives Chromium through the page")
	exe := chromium(t)
	s, err := New(Config{Workspace: t.TempDir(), Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx := startChromium(t, exe, "en-US,en")
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("switching scripts off: %v", err)
	}
	deadline := time.Now().Add(slowdown * 90 * time.Second)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithDeadline(ctx, deadline)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	present := func(sel string) bool {
		t.Helper()
		// (DevTools evaluates with the page's scripts switched off.)
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+sel+`').length`))
		if err != nil {
			t.Fatalf("looking for %s: %v", sel, err)
		}
		return n > 0
	}

	run("open", chromedp.Navigate(srv.URL+"/?token="+testToken), chromedp.WaitVisible(css("#name")))
	if ran := present("html.js"); ran {
		t.Fatal("the page's script ran: scripts are not switched off")
	}
	run("new case", chromedp.SendKeys(css("#name"), "demo"), chromedp.Click(css("#create")), chromedp.WaitVisible(css("#files")))
	run("upload", chromedp.SetUploadFiles(css("#files"), demoUpload(t)), chromedp.Click(css("#send")), chromedp.WaitVisible(css("#caseform")))
	run("fill the form and save", again(append(fillDemo(t, s, validUntil),
		chromedp.Click(css("#save")), chromedp.WaitVisible(css("#ready")))...))
	run("build", chromedp.Click(css("#buildbtn")), chromedp.WaitVisible(css("#job")))
	// No events without scripts: the seller follows the Refresh link.
	refreshes := 0
	defer func() { t.Logf("followed the Refresh link %d times", refreshes) }()
	for !present("#built") {
		if present("#builderr") {
			t.Fatal("the build failed")
		}
		if time.Now().After(deadline) {
			t.Fatal("the build did not finish")
		}
		time.Sleep(500 * time.Millisecond)
		if present("#running a") {
			run("refresh", chromedp.Click(css("#running a")), chromedp.WaitVisible(css("#job")))
			refreshes++
		}
	}
	if !present(`#outputs a[href$="-packet.pdf"]`) {
		t.Fatal("no download link for the packet")
	}
	pdfs, _ := filepath.Glob(filepath.Join(s.outDir("demo"), "*-packet.pdf"))
	if len(pdfs) != 1 {
		t.Fatalf("packets in the workspace: %v", pdfs)
	}
	run("verify", chromedp.SetUploadFiles(css("#vfile"), pdfs), chromedp.Click(css("#verifybtn")), chromedp.WaitVisible(css("#verdict")))
	v, err := chromedp.Run(ctx, chromedp.Text(css("#verdict")))
	if err != nil || !strings.Contains(v, "VERIFIED") {
		t.Errorf("verify says %q (%v), want VERIFIED", v, err)
	}
}
