// Package safetext makes untrusted text (every string that came in a badge,
// a URL or a file name) harmless for a terminal: it removes ANSI escape
// sequences (CSI, OSC, DCS, APC, PM, SOS and two-byte escapes, in their
// 7-bit and 8-bit forms), C0 and C1 control characters, DEL, Unicode
// bidirectional overrides and isolates, and replaces invalid UTF-8.
//
// It imports only the standard library.
package safetext
