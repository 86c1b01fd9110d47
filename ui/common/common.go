package common

import (
	"context"
	"net/http"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/issuer"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
)

// Services are the stores and tools the pages work with. The frame owns
// it; pages read it when they build a Cmd and hand copies of what they
// read to the Cmd, never the pointer.
type Services struct {
	Wallet *wallet.Wallet
	// IssuerDir is the folder of the embedded demo issuer (beside the
	// wallet database).
	IssuerDir string
	// Issuer is the embedded issuer while demo mode is on, else nil. Only
	// the frame's Update sets it (on DemoMsg).
	Issuer *issuer.Issuer
	// Copier copies share snippets (system clipboard, else OSC 52).
	Copier clipboard.Copier
	// SaveDir is where exports and saved images go (the current
	// directory by default).
	SaveDir string
	// Now is the clock; time.Now outside tests.
	Now func() time.Time
}

// Transport is the RoundTripper for claims and verification: the
// embedded issuer's in-process transport in demo mode (other URLs go to
// the network), else nil (the network).
func (s *Services) Transport() http.RoundTripper {
	if s == nil || s.Issuer == nil {
		return nil
	}
	return s.Issuer.Transport(http.DefaultTransport)
}

// VerifyOptions are the wallet verification options for the current mode.
func (s *Services) VerifyOptions() wallet.VerifyOptions {
	return wallet.VerifyOptions{Transport: s.Transport()}
}

// Common is shared by every page: the context that bounds all I/O, the
// services, styles, keys and the page's size.
type Common struct {
	Ctx    context.Context
	Svc    *Services
	Styles Styles
	Keys   Keys
	Width  int
	Height int
}

// Now is the services' clock, time.Now when unset.
func (c Common) Now() time.Time {
	if c.Svc != nil && c.Svc.Now != nil {
		return c.Svc.Now()
	}
	return time.Now()
}

// Page is one screen of the program (soft-serve's component contract): a
// tea.Model that can be resized and lists its keys for the help bar.
// Pages use pointer receivers; Update returns the same page.
type Page interface {
	tea.Model
	help.KeyMap
	SetSize(width, height int)
}

// Capturer is implemented by a page that sometimes owns the keyboard
// (a text input has focus): while Capturing is true the frame passes every
// key to the page, even q, tab and the digits, except ctrl+c.
type Capturer interface {
	Capturing() bool
}

// Titled is implemented by a page that wants a line of its own above the
// body (status on the right, e.g. "newest first · 3 of 12").
type Titled interface {
	Status() string
}
