// Package list is the Wallet page: every accepted badge, paged through
// SQL as the cursor moves, with a filter, four sort orders, columns for
// verification and privacy, half-block thumbnails and, from 100 columns, a
// preview of the selected badge beside the list.
//
// It may import ui/common, ui/thumb, wallet, bubbletea, bubbles and
// lipgloss.
package list
