// Package assets embeds the files badgewallet ships inside its binary: the
// JSON-LD contexts that verification reads (never fetched from the
// network), and later the demo catalog, badge artwork templates and HTML
// templates.
//
// It imports only the standard library.
package assets
