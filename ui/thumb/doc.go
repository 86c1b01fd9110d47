// Package thumb draws a badge's picture in the terminal with half-block
// characters: each cell shows two pixels, the upper one as the foreground
// colour of "▀" and the lower one as the background. Colours follow the
// terminal's profile (true colour, 256, 16) and there is no picture at all
// for a profile without colour (NO_COLOR).
//
// Pictures are untrusted: sizes are checked before decoding, and a picture
// that cannot be read is an error, never a panic. It imports only the
// standard library, termenv and the SVG rasterizer.
package thumb
