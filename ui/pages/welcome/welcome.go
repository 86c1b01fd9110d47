package welcome

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"badgewallet/issuer"
	"badgewallet/ui/common"
	"badgewallet/ui/demo"
)

// DemoAddress is the address used when the holder gives none.
const DemoAddress = "demo@example.com"

// focus is what has the keyboard.
type focus int

const (
	focusEmail focus = iota
	focusDemo
	focusEmpty
)

// doneMsg ends the setup.
type doneMsg struct {
	email  string
	demo   bool
	issuer *issuer.Issuer
	res    demo.Result
	err    error
}

// Model is the welcome page.
type Model struct {
	c       common.Common
	email   textinput.Model
	focus   focus
	choice  focus // demo or empty: what enter on the form chooses
	working bool
	spin    spinner.Model
	err     error

	field, fieldFocus lipgloss.Style // the email box, built once
	errText           lipgloss.Style // errors, wrapped to the form's width
}

// New returns the welcome page.
func New(c common.Common) *Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = DemoAddress
	ti.CharLimit = 254
	ti.Width = 40
	ti.Focus()
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	return &Model{c: c, email: ti, spin: sp, choice: focusDemo,
		field:      c.Styles.Box.Width(44),
		fieldFocus: c.Styles.Box.BorderForeground(c.Styles.Accent.GetForeground()).Width(44),
		errText:    c.Styles.Error.Width(72)}
}

// Init starts the cursor blinking.
func (m *Model) Init() tea.Cmd { return textinput.Blink }

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) { m.c.Width, m.c.Height = w, h }

// Capturing is always true: the welcome is a form.
func (m *Model) Capturing() bool { return true }

// Update handles the form.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case doneMsg:
		m.working = false
		if msg.err != nil {
			m.err = msg.err
			return m, nil
		}
		if msg.demo {
			n := len(msg.res.Awarded)
			return m, tea.Batch(
				common.Msg(common.DemoMsg{Issuer: msg.issuer, On: true}),
				common.Toast(fmt.Sprintf("Demo mode is on: Contoso Learning sent %d badge%s to %s — claim them from the inbox", n, common.Plural(n, "", "s"), msg.email)),
				common.Go(common.TabInbox))
		}
		return m, tea.Batch(common.Changed, common.Toast("Welcome! Badges sent to "+msg.email+" will be yours: claim or import them"), common.Go(common.TabWallet))
	case spinner.TickMsg:
		if !m.working {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		if m.working {
			return m, nil
		}
		return m, m.key(msg)
	}
	if m.focus == focusEmail {
		var cmd tea.Cmd
		m.email, cmd = m.email.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys.Welcome
	switch {
	case key.Matches(msg, k.Demo):
		m.email.SetValue(DemoAddress)
		m.email.CursorEnd()
		return nil
	case msg.Type == tea.KeyTab || msg.Type == tea.KeyDown:
		return m.setFocus((m.focus + 1) % 3)
	case msg.Type == tea.KeyShiftTab || msg.Type == tea.KeyUp:
		return m.setFocus((m.focus + 2) % 3)
	case key.Matches(msg, k.Next):
		if m.focus == focusEmail {
			if err := m.check(); err != nil {
				m.err = err
				return nil
			}
			return m.setFocus(focusDemo)
		}
		return m.submit()
	}
	if m.focus == focusEmail {
		m.err = nil
		var cmd tea.Cmd
		m.email, cmd = m.email.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) setFocus(f focus) tea.Cmd {
	m.focus = f
	if f != focusEmail {
		m.choice = f
	}
	if f == focusEmail {
		return m.email.Focus()
	}
	m.email.Blur()
	return nil
}

// address is the typed email, or the demo address.
func (m *Model) address() string {
	if v := strings.TrimSpace(m.email.Value()); v != "" {
		return v
	}
	return DemoAddress
}

func (m *Model) check() error {
	_, err := issuer.NormalizeEmail(m.address())
	if err != nil {
		return fmt.Errorf("%s — type an address like you@example.com, or leave it empty for %s", err, DemoAddress)
	}
	return nil
}

// submit sets the wallet up in a Cmd.
func (m *Model) submit() tea.Cmd {
	if err := m.check(); err != nil {
		m.err = err
		return m.setFocus(focusEmail)
	}
	m.err, m.working = nil, true
	ctx, svc, withDemo := m.c.Ctx, m.c.Svc, m.choice == focusDemo
	w, dir, now, clock := svc.Wallet, svc.IssuerDir, m.c.Now(), svc.Now
	if clock == nil {
		clock = time.Now
	}
	email, _ := issuer.NormalizeEmail(m.address())
	setup := func() tea.Msg {
		if !withDemo {
			if _, err := w.AddIdentity(ctx, email, false); err != nil {
				return doneMsg{err: fmt.Errorf("could not add %s: %w", email, err)}
			}
			if err := w.SetDemoMode(ctx, false); err != nil {
				return doneMsg{err: err}
			}
			return doneMsg{email: email}
		}
		res, err := demo.Start(ctx, dir, w, email, now)
		if err != nil {
			return doneMsg{err: err}
		}
		// The issuer runs on the live clock (claim codes expire, awards
		// are dated), not on the moment of the setup.
		is, err := issuer.Open(ctx, dir, issuer.Options{Now: clock})
		if err != nil {
			return doneMsg{err: fmt.Errorf("demo mode: %w", err)}
		}
		return doneMsg{email: email, demo: true, issuer: is, res: res}
	}
	return tea.Batch(m.spin.Tick, setup)
}

// ShortHelp is the footer's line.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys.Welcome
	return []key.Binding{k.Next, k.Switch, k.Demo, m.c.Keys.Global.ForceQuit}
}

// FullHelp is every key of the page.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// View draws the form in the middle of the page.
func (m *Model) View() string {
	st := m.c.Styles
	radio := func(f focus, label, detail string) string {
		mark, style := "○", st.Title
		if m.choice == f {
			mark = "●"
		}
		if m.focus == f {
			style = st.Selected
		}
		bar := "  "
		if m.focus == f {
			bar = st.Bar.Render("▌") + " "
		}
		return bar + style.Render(mark+" "+label) + "\n    " + st.Meta.Render(detail)
	}
	input := m.email.View()
	field := m.field.Render(input)
	if m.focus == focusEmail {
		field = m.fieldFocus.Render(input)
	}
	parts := []string{
		st.Heading.Render("◆ Welcome to badgewallet"),
		"",
		"Your wallet holds the Open Badges you earn. It verifies them offline,",
		"keeps them private until you choose, and makes share links and embeds.",
		"",
		st.Title.Render("Your email") + st.Meta.Render("   badges are matched to the addresses you add"),
		field,
		"",
		radio(focusDemo, "Demo mode", "start the embedded Contoso Learning issuer: it awards you three\n    badges and their notifications wait in your inbox"),
		"",
		radio(focusEmpty, "Start with an empty wallet", "claim badges from your email's links, or import files"),
		"",
	}
	switch {
	case m.working:
		parts = append(parts, m.spin.View()+" Setting up your wallet…")
	case m.err != nil:
		parts = append(parts, m.errText.Render(common.Clean("✖ "+m.err.Error(), 300)))
	default:
		parts = append(parts, st.Faint.Render("enter continues · tab switches · ctrl+d uses "+DemoAddress))
	}
	form := lipgloss.JoinVertical(lipgloss.Left, parts...)
	return common.Fit(common.Centered(m.c.Width, m.c.Height, form), m.c.Height)
}

var _ common.Page = (*Model)(nil)
