package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/pages/badge"
	"badgewallet/ui/pages/claim"
	"badgewallet/ui/pages/importer"
	"badgewallet/ui/pages/inbox"
	"badgewallet/ui/pages/issuerpage"
	"badgewallet/ui/pages/list"
	"badgewallet/ui/pages/settings"
	"badgewallet/ui/pages/share"
	"badgewallet/ui/pages/skills"
	"badgewallet/ui/pages/welcome"
	"badgewallet/wallet"
)

// Minimum terminal size; below it a single line asks for more room.
const (
	minWidth  = 80
	minHeight = 24
)

// How long a toast stays.
const (
	toastFor    = 4 * time.Second
	toastErrFor = 8 * time.Second
)

// tabs are the header's pages, in order, with their labels.
var tabs = []struct {
	tab   common.Tab
	label string
}{
	{common.TabWallet, "Wallet"},
	{common.TabInbox, "Inbox"},
	{common.TabSkills, "Skills"},
	{common.TabSettings, "Settings"},
	{common.TabImport, "Import"},
	{common.TabIssuer, "Issuer"},
}

// startMsg is what the frame learns at start: whether this is a first run
// and whether demo mode is on (with the issuer opened).
type startMsg struct {
	firstRun bool
	issuer   *issuer.Issuer
	demoErr  error // demo mode is on but its issuer did not open
	err      error // the wallet cannot be read: fatal
}

// identityMsg carries the identity shown on the header's right.
type identityMsg struct {
	req int
	id  wallet.Identity
	ok  bool
}

// toastDoneMsg clears toast id when it is still the one shown.
type toastDoneMsg struct{ id int }

// App is the whole program: the header with tabs, the active page, the
// toast line and the help bar.
type App struct {
	c     common.Common
	pages map[common.Tab]common.Page
	tab   common.Tab   // the page shown
	stack []common.Tab // pages to go back to (Badge, Share, Claim)
	help  help.Model

	width, height int
	started       bool
	fatal         error

	toast    string
	toastErr bool
	toastID  int

	idReq    int
	identity wallet.Identity
	hasID    bool

	toastFor, toastErrFor time.Duration // how long toasts stay

	// inited are the pages started: a page starts (loads) when first
	// shown, so that a big wallet does not pay at start for pages the
	// user may never open; only started pages hear WalletChangedMsg.
	inited map[common.Tab]bool
}

// New returns the program over svc. ctx bounds every I/O.
func New(ctx context.Context, svc *common.Services) *App {
	if svc.Now == nil {
		svc.Now = time.Now
	}
	c := common.Common{Ctx: ctx, Svc: svc, Styles: common.DefaultStyles(), Keys: common.DefaultKeys(), Width: minWidth, Height: minHeight}
	a := &App{c: c, help: help.New(), width: minWidth, height: minHeight, tab: common.TabWallet,
		toastFor: toastFor, toastErrFor: toastErrFor, inited: map[common.Tab]bool{}}
	a.help.Styles.ShortKey = c.Styles.Key
	a.pages = map[common.Tab]common.Page{
		common.TabWallet:   list.New(c),
		common.TabInbox:    inbox.New(c),
		common.TabSkills:   skills.New(c),
		common.TabSettings: settings.New(c),
		common.TabImport:   importer.New(c),
		common.TabIssuer:   issuerpage.New(c),
		common.TabBadge:    badge.New(c),
		common.TabShare:    share.New(c),
		common.TabClaim:    claim.New(c),
		common.TabWelcome:  welcome.New(c),
	}
	return a
}

// Init learns whether this is a first run and opens the demo issuer when
// demo mode is on.
func (a *App) Init() tea.Cmd {
	ctx, w, dir, now := a.c.Ctx, a.c.Svc.Wallet, a.c.Svc.IssuerDir, a.c.Svc.Now
	return func() tea.Msg {
		on, chosen, err := w.DemoMode(ctx)
		if err != nil {
			return startMsg{err: err}
		}
		ids, err := w.Identities(ctx)
		if err != nil {
			return startMsg{err: err}
		}
		p, err := w.List(ctx, wallet.ListOptions{Limit: 1})
		if err != nil {
			return startMsg{err: err}
		}
		if !chosen && len(ids) == 0 && p.Total == 0 {
			return startMsg{firstRun: true}
		}
		if !on {
			return startMsg{}
		}
		is, err := issuer.Open(ctx, dir, issuer.Options{Now: now})
		if err != nil {
			return startMsg{demoErr: fmt.Errorf("demo mode is on but the demo issuer does not open (%w); the wallet works without it, and Settings turns demo mode on again", err)}
		}
		return startMsg{issuer: is}
	}
}

// pageSize is the size left to the page between header and footer.
func (a *App) pageSize() (int, int) {
	helpLines := strings.Count(a.help.View(a.keys()), "\n") + 1
	if a.help.ShowAll {
		helpLines++ // the frame's keys
	}
	return a.width, a.height - 4 - helpLines // header, rule; rule, toast, help
}

// layout sizes the help and every page; it runs on every resize and
// every toggle that changes what the frame takes.
func (a *App) layout() {
	a.help.Width = a.width - 2
	w, h := a.pageSize()
	a.c.Width, a.c.Height = w, h
	for _, p := range a.pages {
		p.SetSize(w, h)
	}
}

// frameKeys is the help bar: the page's keys, then the frame's.
type frameKeys struct {
	page      common.Page
	g         common.GlobalKeys
	capturing bool
}

// help is "?" with what pressing it does now.
func (k frameKeys) help(open bool) key.Binding {
	if !open {
		return k.g.Help
	}
	b := k.g.Help
	b.SetHelp("?", "less")
	return b
}

// ShortHelp is the page's short help and, unless the page owns the
// keyboard, page switching, more help and quit.
func (k frameKeys) ShortHelp() []key.Binding {
	out := append([]key.Binding{}, k.page.ShortHelp()...)
	if k.capturing {
		return out
	}
	return append(out, k.g.NextTab, k.help(false), k.g.Quit)
}

// FullHelp is the page's keys; the frame's go on a line of their own
// under them (globalHelp), so that no width drops them.
func (k frameKeys) FullHelp() [][]key.Binding { return k.page.FullHelp() }

// global are the frame's keys for the line under the full help.
func (k frameKeys) global() []key.Binding {
	if k.capturing {
		return []key.Binding{k.help(true), k.g.ForceQuit}
	}
	tabs := k.g.NextTab
	tabs.SetHelp("tab/shift+tab", "next/previous page")
	return []key.Binding{tabs, k.g.Pages, k.help(true), k.g.Quit}
}

func (a *App) keys() frameKeys {
	return frameKeys{page: a.page(), g: a.c.Keys.Global, capturing: a.capturing()}
}

// page is the page shown.
func (a *App) page() common.Page { return a.pages[a.tab] }

// capturing reports whether the shown page owns the keyboard.
func (a *App) capturing() bool {
	c, ok := a.page().(common.Capturer)
	return ok && c.Capturing()
}

// Update routes messages: keys to the shown page (after the global keys),
// everything else to every page (each ignores what is not its own).
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.layout()
		return a, nil
	case startMsg:
		return a, a.start(msg)
	case identityMsg:
		if msg.req == a.idReq {
			a.identity, a.hasID = msg.id, msg.ok
		}
		return a, nil
	case common.ToastMsg:
		a.toastID++
		a.toast, a.toastErr = msg.Text, msg.Err
		id, d := a.toastID, a.toastFor
		if msg.Err {
			d = a.toastErrFor
		}
		return a, tea.Tick(d, func(time.Time) tea.Msg { return toastDoneMsg{id: id} })
	case toastDoneMsg:
		if msg.id == a.toastID {
			a.toast = ""
		}
		return a, nil
	case common.GoMsg:
		return a, a.show(msg.Tab, false)
	case common.BackMsg:
		return a, a.back()
	case common.OpenBadgeMsg:
		return a, tea.Batch(a.show(common.TabBadge, true), a.pages[common.TabBadge].(*badge.Model).Open(msg.ID))
	case common.OpenShareMsg:
		return a, tea.Batch(a.show(common.TabShare, true), a.pages[common.TabShare].(*share.Model).Open(msg.ID))
	case common.OpenClaimMsg:
		return a, tea.Batch(a.show(common.TabClaim, true), a.pages[common.TabClaim].(*claim.Model).Open(msg.URL))
	case common.DemoMsg:
		return a, a.demo(msg)
	case common.WalletChangedMsg:
		return a, tea.Batch(a.broadcast(msg), a.loadIdentity())
	case tea.MouseMsg:
		_, cmd := a.page().Update(msg)
		return a, cmd
	case tea.KeyMsg:
		return a, a.key(msg)
	}
	return a, a.broadcast(msg)
}

// broadcast gives msg to every started page.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.pages))
	for tab, p := range a.pages {
		if !a.inited[tab] {
			continue
		}
		_, cmd := p.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// initPage starts tab's page the first time it is shown.
func (a *App) initPage(tab common.Tab) tea.Cmd {
	if a.inited[tab] {
		return nil
	}
	a.inited[tab] = true
	return a.pages[tab].Init()
}

// start shows the welcome on a first run, else the wallet, and starts
// every page.
func (a *App) start(msg startMsg) tea.Cmd {
	a.started = true
	if msg.err != nil {
		a.fatal = msg.err
		return nil
	}
	if msg.issuer != nil {
		a.c.Svc.Issuer = msg.issuer
	}
	if msg.firstRun {
		a.tab = common.TabWelcome
	}
	// The wallet and the inbox (whose count the header shows) start now;
	// the others when first shown.
	cmds := []tea.Cmd{a.loadIdentity(), a.initPage(common.TabWallet), a.initPage(common.TabInbox), a.initPage(a.tab)}
	if msg.demoErr != nil {
		cmds = append(cmds, common.ToastErr(msg.demoErr))
	}
	a.layout()
	return tea.Batch(cmds...)
}

// demo turns demo mode on or off, remembering the choice in the wallet.
func (a *App) demo(msg common.DemoMsg) tea.Cmd {
	svc := a.c.Svc
	old := svc.Issuer
	if msg.On {
		svc.Issuer = msg.Issuer
	} else {
		svc.Issuer = nil
	}
	ctx, w, on := a.c.Ctx, svc.Wallet, msg.On
	save := func() tea.Msg {
		if old != nil && old != msg.Issuer {
			old.Close()
		}
		if err := w.SetDemoMode(ctx, on); err != nil {
			return common.ToastMsg{Text: "could not remember demo mode: " + err.Error(), Err: true}
		}
		return common.WalletChangedMsg{}
	}
	return save
}

// loadIdentity reads the identity for the header: the first confirmed
// email, else the first identity.
func (a *App) loadIdentity() tea.Cmd {
	a.idReq++
	req, ctx, w := a.idReq, a.c.Ctx, a.c.Svc.Wallet
	return func() tea.Msg {
		ids, err := w.Identities(ctx)
		if err != nil || len(ids) == 0 {
			return identityMsg{req: req}
		}
		for _, id := range ids {
			if id.Confirmed {
				return identityMsg{req: req, id: id, ok: true}
			}
		}
		return identityMsg{req: req, id: ids[0], ok: true}
	}
}

// show switches to tab; sub pages remember where they were opened from.
func (a *App) show(tab common.Tab, push bool) tea.Cmd {
	if push && a.tab != tab {
		a.stack = append(a.stack, a.tab)
	} else if !push {
		a.stack = nil
	}
	a.tab = tab
	a.layout()
	return a.initPage(tab)
}

// back returns to the page a sub page was opened from.
func (a *App) back() tea.Cmd {
	if len(a.stack) == 0 {
		a.tab = common.TabWallet
	} else {
		a.tab = a.stack[len(a.stack)-1]
		a.stack = a.stack[:len(a.stack)-1]
	}
	a.layout()
	return nil
}

// key handles the global keys unless the page owns the keyboard.
func (a *App) key(msg tea.KeyMsg) tea.Cmd {
	g := a.c.Keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return tea.Quit
	}
	if !a.started {
		return nil
	}
	if a.fatal != nil {
		if key.Matches(msg, g.Quit, g.Back) {
			return tea.Quit
		}
		return nil
	}
	if !a.capturing() {
		switch {
		case key.Matches(msg, g.Quit):
			return tea.Quit
		case key.Matches(msg, g.Help):
			a.help.ShowAll = !a.help.ShowAll
			a.layout()
			return nil
		case key.Matches(msg, g.NextTab):
			return a.show(a.nextTab(1), false)
		case key.Matches(msg, g.PrevTab):
			return a.show(a.nextTab(-1), false)
		case key.Matches(msg, g.Wallet):
			return a.show(common.TabWallet, false)
		case key.Matches(msg, g.Inbox):
			return a.show(common.TabInbox, false)
		case key.Matches(msg, g.Skills):
			return a.show(common.TabSkills, false)
		case key.Matches(msg, g.Settings):
			return a.show(common.TabSettings, false)
		case key.Matches(msg, g.Import):
			return a.show(common.TabImport, false)
		case key.Matches(msg, g.Issuer):
			return a.show(common.TabIssuer, false)
		}
	}
	_, cmd := a.page().Update(msg)
	return cmd
}

// headerTab is the tab the shown page belongs to.
func (a *App) headerTab() common.Tab {
	t := a.tab
	for i := len(a.stack) - 1; i >= 0 && t > common.TabIssuer; i-- {
		t = a.stack[i]
	}
	if t > common.TabIssuer {
		return common.TabWallet
	}
	return t
}

// visibleTabs are the header's tabs (Issuer only in demo mode).
func (a *App) visibleTabs() []common.Tab {
	var out []common.Tab
	for _, t := range tabs {
		if t.tab == common.TabIssuer && a.c.Svc.Issuer == nil {
			continue
		}
		out = append(out, t.tab)
	}
	return out
}

// nextTab is the tab d steps from the current one, wrapping.
func (a *App) nextTab(d int) common.Tab {
	vis := a.visibleTabs()
	cur := a.headerTab()
	for i, t := range vis {
		if t == cur {
			return vis[(i+d+len(vis))%len(vis)]
		}
	}
	return vis[0]
}

// View draws the frame around the shown page.
func (a *App) View() string {
	if a.width < minWidth || a.height < minHeight {
		msg := fmt.Sprintf("Enlarge the window to %d×%d or more (now %d×%d)", minWidth, minHeight, a.width, a.height)
		return common.Centered(a.width, a.height, common.Clean(msg, a.width))
	}
	st := a.c.Styles
	rule := st.Rule.Render(strings.Repeat("─", a.width))
	if !a.started {
		return common.Centered(a.width, a.height, st.Faint.Render("Opening the wallet…"))
	}
	if a.fatal != nil {
		panel := st.PanelErr.Width(min(a.width-4, 76)).Render(
			st.Error.Render("badgewallet cannot go on") + "\n\n" + common.CleanText(a.fatal.Error()) +
				"\n\n" + st.Faint.Render("q quits. Nothing in the wallet was changed."))
		return common.Centered(a.width, a.height, panel)
	}
	_, h := a.pageSize()
	body := common.Fit(a.page().View(), h)
	var toast string
	if a.toast != "" {
		if a.toastErr {
			toast = st.ToastErr.Render(common.Clean("✖ "+a.toast, a.width-1))
		} else {
			toast = st.Toast.Render(common.Clean("✔ "+a.toast, a.width-1))
		}
	}
	// bubbles/help can overflow by an item when its "…" does not fit:
	// every line is cut to the width.
	helpView := a.help.View(a.keys())
	if a.help.ShowAll {
		helpView += "\n" + a.help.ShortHelpView(a.keys().global())
	}
	lines := strings.Split(helpView, "\n")
	for i, l := range lines {
		lines[i] = " " + ansi.Truncate(l, a.width-2, "…")
	}
	help := strings.Join(lines, "\n")
	return strings.Join([]string{a.header(), rule, body, rule, " " + toast, help}, "\n")
}

// header is the mark, the tabs with counts and the identity.
func (a *App) header() string {
	st := a.c.Styles
	var b strings.Builder
	b.WriteString(" " + st.Mark.Render("◆ badgewallet"))
	if a.tab == common.TabWelcome {
		return b.String()
	}
	cur := a.headerTab()
	for _, t := range a.visibleTabs() {
		label := tabs[t].label
		switch t {
		case common.TabWallet:
			if l, ok := a.pages[t].(*list.Model); ok {
				label += " " + common.Count(l.All())
			}
		case common.TabInbox:
			if n := a.pages[t].(*inbox.Model).Count(); n > 0 {
				label += " ●" + common.Count(n)
			}
		}
		style := st.Tab
		if t == cur {
			style = st.TabActive
		}
		b.WriteString("   " + style.Render(label))
	}
	left := b.String()
	if lipgloss.Width(left) > a.width { // six-digit counts at 80 columns
		return ansi.Truncate(left, a.width, "…")
	}
	if !a.hasID {
		return left
	}
	mark := "◌" // self-declared
	if a.identity.Confirmed {
		mark = "✔"
	}
	room := a.width - lipgloss.Width(left) - 5 // a gap, the mark, a margin
	if room < 12 {
		return left
	}
	right := st.Identity.Render(common.Clean(a.identity.Value, room) + " " + mark + " ")
	return left + strings.Repeat(" ", a.width-lipgloss.Width(left)-lipgloss.Width(right)) + right
}

// Run starts the program on the terminal until the user quits; it closes
// the demo issuer it opened. Quitting cancels the context of every page's
// I/O, so that an import or a bulk award under way stops with the program
// instead of running on against a wallet about to close.
func Run(ctx context.Context, svc *common.Services) error {
	_, err := run(ctx, svc, tea.WithAltScreen(), tea.WithMouseCellMotion())
	return err
}

// run is Run with more program options (tests give input and output); it
// returns the program's App.
func run(ctx context.Context, svc *common.Services, opts ...tea.ProgramOption) (*App, error) {
	pageCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	a := New(pageCtx, svc)
	p := tea.NewProgram(a, append(opts, tea.WithContext(ctx))...)
	_, err := p.Run()
	cancel()
	if svc.Issuer != nil {
		svc.Issuer.Close()
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return a, nil // interrupted: a clean exit
	}
	return a, err
}
