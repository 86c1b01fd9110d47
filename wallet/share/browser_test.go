package share

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"badgewallet/internal/browsertest"
)

// TestSnippetsInertInBrowser: the website embed and the email signature of
// a hostile badge (script tags, event handlers, quotes, javascript: URLs,
// control and bidi characters in every field) are pasted into a page served
// over loopback and opened in headless Chromium: no script of theirs runs,
// no element carries an event handler, every link is http(s), and the
// hostile name shows as text.
func TestSnippetsInertInBrowser(t *testing.T) {
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

	bctx := browsertest.New(t, 900, 700)

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
	browsertest.Shot("snippets-hostile.png", shot)
	if pwned != 0 || scripts != 1 || handlers != 0 || len(badLinks) != 0 {
		t.Fatalf("snippets are not inert: alert ran %d times, %d scripts (1 is the page's), %d elements with on* handlers, links %q\n%s\n%s",
			pwned, scripts, handlers, badLinks, embed, sig)
	}
	if !strings.Contains(text, "Evil <script>alert(1)</script>") {
		t.Fatalf("the hostile name does not show as text:\n%s", text)
	}
}
