// Package common is what every page of the terminal UI shares, in the
// manner of soft-serve's common package: the Common value (context,
// services, styles, keys, size, clock), the Page contract, the messages
// pages send to the frame (toasts, navigation, "the wallet changed"),
// and the small drawing helpers every page uses.
//
// It may import wallet (and its subpackages), issuer, bubbletea, bubbles
// and lipgloss. Pages import it; it imports no page.
package common
