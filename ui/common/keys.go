package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Keys is every key binding of the program, in one place, shown by
// bubbles/help. Global keys work on every page unless a text input has
// focus (see Capturer); each page has its own group.
type Keys struct {
	Global   GlobalKeys
	List     ListKeys
	Wallet   WalletKeys
	Badge    BadgeKeys
	Inbox    InboxKeys
	Claim    ClaimKeys
	Share    ShareKeys
	Settings SettingsKeys
	Skills   SkillsKeys
	Issuer   IssuerKeys
	Import   ImportKeys
	Welcome  WelcomeKeys
}

// GlobalKeys switch pages, show help and quit.
type GlobalKeys struct {
	NextTab, PrevTab, Wallet, Inbox, Skills, Settings, Import, Issuer key.Binding
	Back, Help, Quit, ForceQuit                                       key.Binding
	Pages                                                             key.Binding // help only: 1…6
}

// ListKeys move a cursor in any list.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// WalletKeys act on the wallet list.
type WalletKeys struct {
	Open, Filter, ClearFilter, Sort, Reverse, Share, Privacy, Verify, Reload key.Binding
}

// BadgeKeys act on the open badge.
type BadgeKeys struct {
	Verify, Privacy, Share, Export, ExportImage, Accept, Reject key.Binding
}

// InboxKeys act on notifications and pending badges.
type InboxKeys struct {
	Open, Accept, Reject, AcceptAll, Restore, Paste, Reload, Yes, No key.Binding
}

// ClaimKeys drive the claim wizard.
type ClaimKeys struct {
	Next, Back, Left, Right key.Binding
}

// ShareKeys act on the share page.
type ShareKeys struct {
	Copy, Save, SaveImage, Privacy key.Binding
}

// SettingsKeys act on the settings list.
type SettingsKeys struct {
	Toggle, Add, Confirm, Merge, Edit key.Binding
}

// SkillsKeys act on the skills list.
type SkillsKeys struct {
	Copy key.Binding
}

// IssuerKeys drive the demo issuer page.
type IssuerKeys struct {
	Award, Bulk, Revoke, Outbox, Catalog, Open key.Binding
}

// ImportKeys drive the import page.
type ImportKeys struct {
	Start, Complete, Cancel key.Binding
}

// WelcomeKeys drive the first-run welcome.
type WelcomeKeys struct {
	Next, Switch, Demo key.Binding
}

func b(keys []string, helpKey, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}

// DefaultKeys returns the program's bindings.
func DefaultKeys() Keys {
	return Keys{
		Global: GlobalKeys{
			NextTab:   b([]string{"tab"}, "tab", "next page"),
			PrevTab:   b([]string{"shift+tab"}, "shift+tab", "previous page"),
			Wallet:    b([]string{"1"}, "1", "wallet"),
			Inbox:     b([]string{"2"}, "2", "inbox"),
			Skills:    b([]string{"3"}, "3", "skills"),
			Settings:  b([]string{"4"}, "4", "settings"),
			Import:    b([]string{"5"}, "5", "import"),
			Issuer:    b([]string{"6"}, "6", "issuer (demo)"),
			Pages:     b([]string{"1", "2", "3", "4", "5", "6"}, "1…6", "go to page"),
			Back:      b([]string{"esc"}, "esc", "back"),
			Help:      b([]string{"?"}, "?", "more"),
			Quit:      b([]string{"q"}, "q", "quit"),
			ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		},
		List: ListKeys{
			Up:       b([]string{"up", "k"}, "↑/k", "up"),
			Down:     b([]string{"down", "j"}, "↓/j", "down"),
			PageUp:   b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
			Home:     b([]string{"home", "g"}, "g", "first"),
			End:      b([]string{"end", "G"}, "G", "last"),
		},
		Wallet: WalletKeys{
			Open:        b([]string{"enter"}, "enter", "open"),
			Filter:      b([]string{"/"}, "/", "filter"),
			ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
			Sort:        b([]string{"o"}, "o", "sort"),
			Reverse:     b([]string{"O"}, "O", "reverse"),
			Share:       b([]string{"s"}, "s", "share"),
			Privacy:     b([]string{"p"}, "p", "public/private"),
			Verify:      b([]string{"v"}, "v", "verify"),
			Reload:      b([]string{"r", "ctrl+r"}, "r", "reload"),
		},
		Badge: BadgeKeys{
			Verify:      b([]string{"v"}, "v", "re-verify"),
			Privacy:     b([]string{"p"}, "p", "public/private"),
			Share:       b([]string{"s"}, "s", "share"),
			Export:      b([]string{"e"}, "e", "export credential"),
			ExportImage: b([]string{"i"}, "i", "save image"),
			Accept:      b([]string{"a"}, "a", "accept"),
			Reject:      b([]string{"x"}, "x", "reject"),
		},
		Inbox: InboxKeys{
			Open:      b([]string{"enter"}, "enter", "open / claim"),
			Accept:    b([]string{"a"}, "a", "accept"),
			Reject:    b([]string{"x"}, "x", "reject"),
			AcceptAll: b([]string{"A"}, "A", "accept all"),
			Restore:   b([]string{"u"}, "u", "restore rejected"),
			Paste:     b([]string{"c"}, "c", "claim a link"),
			Reload:    b([]string{"r", "ctrl+r"}, "r", "reload"),
			Yes:       b([]string{"y"}, "y", "yes"),
			No:        b([]string{"n", "esc"}, "n", "no"),
		},
		Claim: ClaimKeys{
			Next:  b([]string{"enter"}, "enter", "continue"),
			Back:  b([]string{"esc"}, "esc", "back a step"),
			Left:  b([]string{"left", "h"}, "←", "choose"),
			Right: b([]string{"right", "l"}, "→", "choose"),
		},
		Share: ShareKeys{
			Copy:      b([]string{"c", "y"}, "c", "copy"),
			Save:      b([]string{"o"}, "o", "save to file"),
			SaveImage: b([]string{"i"}, "i", "save baked image"),
			Privacy:   b([]string{"p"}, "p", "make public"),
		},
		Settings: SettingsKeys{
			Toggle:  b([]string{"enter", " "}, "enter", "toggle / edit"),
			Add:     b([]string{"a"}, "a", "add identity"),
			Confirm: b([]string{"c"}, "c", "confirm identity"),
			Merge:   b([]string{"m"}, "m", "merge an account"),
			Edit:    b([]string{"e"}, "e", "edit"),
		},
		Skills: SkillsKeys{
			Copy: b([]string{"c", "enter"}, "c", "copy job search link"),
		},
		Issuer: IssuerKeys{
			Award:   b([]string{"a"}, "a", "award"),
			Bulk:    b([]string{"b"}, "b", "bulk award CSV"),
			Revoke:  b([]string{"R"}, "R", "revoke"),
			Outbox:  b([]string{"m"}, "m", "outbox"),
			Catalog: b([]string{"t"}, "t", "catalog"),
			Open:    b([]string{"enter"}, "enter", "open / confirm"),
		},
		Import: ImportKeys{
			Start:    b([]string{"enter"}, "enter", "import"),
			Complete: b([]string{"tab"}, "tab", "complete path"),
			Cancel:   b([]string{"esc"}, "esc", "cancel"),
		},
		Welcome: WelcomeKeys{
			Next:   b([]string{"enter"}, "enter", "continue"),
			Switch: b([]string{"tab", "up", "down"}, "tab", "switch"),
			Demo:   b([]string{"ctrl+d"}, "ctrl+d", "use the demo address"),
		},
	}
}

// Move is how far a list key moves the cursor of a list of n rows with
// visible rows on screen: one row, a page, or to the first or last row
// (clamping is the list's); ok is false for any other key.
func (k ListKeys) Move(msg tea.KeyMsg, visible, n int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -visible, true
	case key.Matches(msg, k.PageDown):
		return visible, true
	case key.Matches(msg, k.Home):
		return -n, true
	case key.Matches(msg, k.End):
		return n, true
	}
	return 0, false
}
