// Package demo starts demo mode: the embedded issuer (Contoso Learning)
// beside the wallet awards a few badges to the earner's address, so the
// notifications, the claim and everything after it can be shown with no
// network. It joins the wallet and the issuer for the terminal UI, and
// imports only them.
package demo
