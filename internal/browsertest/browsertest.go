package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds Chromium. Without one the test skips, unless
// BADGEWALLET_BROWSER_TESTS=1 (set by .ci/run, which installs Chromium):
// then its absence is a failure, so CI never passes by skipping.
func Path(t testing.TB) string {
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

// New starts headless Chromium with a width×height window and returns
// its context (60 s to live); the browser stops with the test.
func New(t testing.TB, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(Path(t)), chromedp.NoSandbox,
		chromedp.Flag("headless", true), chromedp.WindowSize(width, height))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	bctx, cancelTimeout := context.WithTimeout(bctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAlloc() })
	return bctx
}

// Shot keeps a screenshot in $BADGEWALLET_SHOTS/name when that is set.
func Shot(name string, png []byte) {
	if dir := os.Getenv("BADGEWALLET_SHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, name), png, 0o644)
	}
}
