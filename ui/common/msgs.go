package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"badgewallet/issuer"
)

// Tab names the pages reachable from the header.
type Tab int

// The tabs, in header order. Badge, Share and Claim are opened from
// another page and shown under its tab.
const (
	TabWallet Tab = iota
	TabInbox
	TabSkills
	TabSettings
	TabImport
	TabIssuer
	TabBadge
	TabShare
	TabClaim
	TabWelcome
)

// ToastMsg shows one line in the footer for a few seconds.
type ToastMsg struct {
	Text string
	Err  bool
}

// Toast returns a Cmd that shows text as a success toast.
func Toast(text string) tea.Cmd {
	return func() tea.Msg { return ToastMsg{Text: text} }
}

// ToastErr returns a Cmd that shows err as an error toast (recoverable
// errors; plain words, sanitized by the frame).
func ToastErr(err error) tea.Cmd {
	if err == nil {
		return nil
	}
	return func() tea.Msg { return ToastMsg{Text: err.Error(), Err: true} }
}

// GoMsg switches to a tab.
type GoMsg struct{ Tab Tab }

// Go returns a Cmd that switches to tab.
func Go(tab Tab) tea.Cmd { return func() tea.Msg { return GoMsg{Tab: tab} } }

// OpenBadgeMsg opens the Badge page on one badge.
type OpenBadgeMsg struct{ ID int64 }

// OpenShareMsg opens the Share page on one badge.
type OpenShareMsg struct{ ID int64 }

// OpenClaimMsg opens the claim wizard, on URL when it is not empty.
type OpenClaimMsg struct{ URL string }

// BackMsg leaves a page opened from another (Badge, Share, Claim) for the
// page it was opened from.
type BackMsg struct{}

// Back returns a Cmd that sends BackMsg.
func Back() tea.Msg { return BackMsg{} }

// Msg returns a Cmd that sends msg.
func Msg(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// WalletChangedMsg tells every page that badges, settings or identities
// changed (accept, import, claim, privacy, ...): pages showing them reload.
type WalletChangedMsg struct{}

// Changed returns a Cmd that sends WalletChangedMsg.
func Changed() tea.Msg { return WalletChangedMsg{} }

// DemoMsg asks the frame to turn demo mode on (Issuer open) or off
// (Issuer nil; the frame closes the old one). The frame then sends
// WalletChangedMsg.
type DemoMsg struct {
	Issuer *issuer.Issuer
	On     bool
}
