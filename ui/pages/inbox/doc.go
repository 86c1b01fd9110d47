// Package inbox is the Inbox page of the terminal UI: the award
// notifications the demo issuer sent to the holder's addresses, the
// badges waiting to be accepted (flagging those not addressed to the
// holder) and, at the bottom, the rejected ones, which can be restored.
// Its count (pending badges plus unclaimed notifications) is shown in the
// frame's tab.
//
// It may import ui/common, ui/demo, wallet, bubbletea, bubbles and
// lipgloss; it imports no other page.
package inbox
