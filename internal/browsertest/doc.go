// Package browsertest starts headless Chromium for browser tests: it finds
// the browser (skipping the test without one, failing instead when
// BADGEWALLET_BROWSER_TESTS=1, as in CI) and returns a chromedp context.
// Only tests import it.
package browsertest
