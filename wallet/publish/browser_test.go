package publish

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"badgewallet/internal/browsertest"
)

// serve serves the wallet's site on loopback and returns its root URL.
func serveSite(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// TestSiteInBrowser: the served profile and a badge page in headless
// Chromium, at desktop and phone sizes: the visible text, the Open Graph
// tags, the image loading, no horizontal scrolling on a phone; and a
// hostile badge whose strings hold script, an event handler, javascript:
// links and terminal escapes: no script runs, no dialog opens, the text
// shows literally.
func TestSiteInBrowser(t *testing.T) {
	w := newWallet(t, "fixtures/1edtech-validator/ob30/simple-json.png")
	ctx := context.Background()
	if err := w.SetPrivacy(ctx, 1, true); err != nil {
		t.Fatal(err)
	}
	hostileName := `<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">` + "\x1b[31m!\a"
	add(t, w, credential(9, hostileName, `Evil"><script>alert(2)</script>`, "Click [here](javascript:window.pwned=3)", "javascript:window.pwned=4"), true)
	root := serveSite(t, Handler(w, ""))

	for _, size := range [][2]int{{1280, 800}, {390, 844}} {
		bctx := browsertest.New(t, size[0], size[1])
		var dialogs atomic.Int32
		err := chromedp.Listen(bctx, func(ev any) {
			switch ev.(type) {
			case *page.EventJavascriptDialogOpening, page.EventJavascriptDialogOpening:
				dialogs.Add(1)
				go chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
					_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
					return err
				}))
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct{ path, want, shot string }{
			{"", "Ada's badges", "profile"},
			{"badges/1/", "Verify it yourself", "badge"},
			{"badges/2/", "Verify it yourself", "hostile"},
		} {
			err := chromedp.Do(bctx,
				chromedp.EmulateViewport(int64(size[0]), int64(size[1])),
				chromedp.Navigate(root+p.path),
				chromedp.WaitReady("body"),
				chromedp.Sleep(300*time.Millisecond), // let an image error handler fire, if any
			)
			if err != nil {
				t.Fatal(err)
			}
			text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, p.want) {
				t.Errorf("%s at %v: no %q in\n%s", p.path, size, p.want, text)
			}
			state, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]any](`({
				pwned: typeof window.pwned,
				scripts: document.scripts.length,
				handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
				badLinks: [...document.querySelectorAll('a[href], img[src]')].map(e => e.href || e.src).filter(u => !/^https?:/.test(u)).length,
				overflow: document.documentElement.scrollWidth - window.innerWidth,
				brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length,
				ogTitle: document.querySelector('meta[property="og:title"]')?.content ?? '',
				ogImage: document.querySelector('meta[property="og:image"]')?.content ?? '',
				twitter: document.querySelector('meta[name="twitter:card"]')?.content ?? '',
			})`))
			if err != nil {
				t.Fatal(err)
			}
			if state["pwned"] != "undefined" || state["scripts"] != 0.0 || state["handlers"] != 0.0 || state["badLinks"] != 0.0 {
				t.Errorf("%s at %v: not inert: %v", p.path, size, state)
			}
			if state["overflow"].(float64) > 0 {
				t.Errorf("%s at %v: scrolls sideways by %v px", p.path, size, state["overflow"])
			}
			if state["brokenImages"] != 0.0 {
				t.Errorf("%s at %v: %v images do not load", p.path, size, state["brokenImages"])
			}
			switch p.shot {
			case "profile":
				if state["ogTitle"] != "Ada's badges" || state["twitter"] != "summary" {
					t.Errorf("profile tags: %v", state)
				}
			case "badge":
				if state["ogImage"] != base+"/badges/1/badge.png" || state["twitter"] != "summary_large_image" || state["ogTitle"] == "" {
					t.Errorf("badge tags: %v", state)
				}
			case "hostile":
				if !strings.Contains(text, `<script>window.pwned=1</script>"><img src=x onerror="window.pwned=2">`) || strings.ContainsAny(text, "\x1b\a") {
					t.Errorf("the hostile name does not show as plain text:\n%s", text)
				}
			}
			shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			browsertest.Shot(fmt.Sprintf("site-%s-%dx%d.png", p.shot, size[0], size[1]), shot)
		}
		if n := dialogs.Load(); n != 0 {
			t.Errorf("at %v: %d dialogs opened", size, n)
		}
	}
}
