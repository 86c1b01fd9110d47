// Package uitest helps the UI's tests: real wallets in temporary folders
// (with the embedded demo issuer when asked), a Common for pages, a
// harness that runs one page as a program at a fixed size, and key
// messages by name. Only tests import it.
package uitest
