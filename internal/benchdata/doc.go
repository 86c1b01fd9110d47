// Package benchdata fills a wallet database with many synthetic badges
// for benchmarks (list, filter, TUI). Only tests import it.
package benchdata
