// Package issuerpage is the Issuer page of the terminal UI: the embedded
// demo issuer (Contoso Learning), so an instructor can run the whole story
// from one terminal. Its sub-views are the catalog (achievements and the
// program's rules), award (one achievement to any email), bulk award from
// a CSV file with a progress bar, revoke (every awarded credential, with a
// reason) and the issuer's outbox (the award and claim-code emails). With
// demo mode off it only says how to turn it on.
//
// Everything it shows or changes goes through the open issuer
// (common.Services.Issuer): it never opens the issuer's database itself.
//
// It may import ui/common, issuer, store (only for the row types the issuer
// returns, store.Award and store.OutboxMessage), bubbletea, bubbles,
// lipgloss and x/ansi; only the frame (package ui) imports it.
package issuerpage
