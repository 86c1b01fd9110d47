package share

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browserPath finds Chromium. Without one the browser tests skip, unless
// BADGEWALLET_BROWSER_TESTS=1 (set by .ci/run, which installs Chromium):
// then its absence is a failure, so CI never passes by skipping.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("BADGEWALLET_BROWSER_TESTS") == "1" {
		t.Fatal("BADGEWALLET_BROWSER_TESTS=1 but no chromium on PATH (apt-get install -y chromium)")
	}
	t.Skip("no chromium on PATH: browser tests skipped (apt-get install -y chromium, or see .ci/run)")
	return ""
}

// TestSnippetsInertInBrowser: the website embed and the email signature of
// a hostile badge (script tags, event handlers, quotes, javascript: URLs,
// control and bidi characters in every field) are pasted into a page served
// over loopback and opened in headless Chromium: no script of theirs runs,
// no element carries an event handler, every link is http(s), and the
// hostile name shows as text.
func TestSnippetsInertInBrowser(t *testing.T) {
	exe := browserPath(t)
	b := hostile()
	embed := mustSnippet(t, FormatHTML, b, ctx)
	sig := mustSnippet(t, FormatSignature, b, ctx)
	page := `<!doctype html><html><head><meta charset="utf-8"><title>snippets</title>
<script>window.pwned = 0; window.alert = function () { window.pwned++; };</script></head>
<body style="font-family:sans-serif;margin:24px">
<h3>Website embed</h3>` + embed + `
<h3>Email signature</h3>` + sig + `
</body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("headless", true), chromedp.WindowSize(900, 700))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 60*time.Second)
	defer cancel()

	err = chromedp.Do(bctx,
		chromedp.Navigate("http://"+ln.Addr().String()+"/"),
		chromedp.WaitReady("body"),
		chromedp.Sleep(300*time.Millisecond), // let any image error handler fire
	)
	if err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(bctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return n
	}
	pwned := eval(`window.pwned`)
	scripts := eval(`document.scripts.length`)
	handlers := eval(`[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length`)
	badLinks, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a[href], img[src]')].map(e => e.href || e.src).filter(u => !/^https?:/.test(u))`))
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("BADGEWALLET_SHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "snippets-hostile.png"), shot, 0o644)
	}
	if pwned != 0 || scripts != 1 || handlers != 0 || len(badLinks) != 0 {
		t.Fatalf("snippets are not inert: alert ran %d times, %d scripts (1 is the page's), %d elements with on* handlers, links %q\n%s\n%s",
			pwned, scripts, handlers, badLinks, embed, sig)
	}
	if !strings.Contains(text, "Evil <script>alert(1)</script>") {
		t.Fatalf("the hostile name does not show as text:\n%s", text)
	}
}
