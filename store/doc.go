// Package store is badgewallet's SQLite layer: it opens a database file
// through database/sql and modernc.org/sqlite with the pragmas the project
// relies on (busy timeout, WAL, foreign keys, synchronous=NORMAL, immediate
// write transactions), applies embedded numbered migrations, and offers typed
// queries over the wallet's tables.
//
// store knows tables, not Open Badges semantics: it stores the original
// badge bytes untouched next to a summary row that the wallet package fills
// in, and never parses, verifies or interprets a badge itself.
//
// The wallet and the issuer keep separate database files, each opened with
// its own [Schema] (a folder of migrations under migrations/).
//
// Imports: the standard library and modernc.org/sqlite only. store must never
// import other badgewallet packages, bubbletea or lipgloss.
package store
