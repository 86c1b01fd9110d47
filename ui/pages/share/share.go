package share

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"badgewallet/ui/common"
	"badgewallet/wallet"
	"badgewallet/wallet/clipboard"
	wshare "badgewallet/wallet/share"
)

// Layout of the page.
const (
	margin    = 1  // left margin
	listWidth = 24 // the format list, without the margin
	sep       = " │ "
	headLines = 3 // title, privacy warning, blank
)

// loadedMsg is the badge read from the wallet.
type loadedMsg struct {
	req           int
	detail        wallet.Detail
	profilePublic bool
	err           error
}

// previewMsg is the snippet of one format.
type previewMsg struct {
	req    int
	format wshare.Format
	text   string // the snippet (the QR drawing for the QR code)
	url    string // the verification link, for the QR code
	dark   bool   // the terminal is dark: the QR is drawn in reverse
	err    error
}

// doneMsg ends a change to the badge (making it public); the page reloads
// on the WalletChangedMsg it then sends.
type doneMsg struct {
	text string
	err  error
}

// Model is the Share page.
type Model struct {
	c       common.Common
	formats []wshare.FormatInfo
	cursor  int

	id      int64
	req     int // newest load request
	loaded  bool
	err     error
	d       wallet.Detail
	prevReq int // newest preview request
	prev    previewMsg
	hasPrev bool // prev answers prevReq

	qrDark lipgloss.Style // the QR code on a dark terminal (reverse video)

	profilePublic bool // the holder's profile is public (links work only then)
}

// New returns the Share page; Open chooses the badge.
func New(c common.Common) *Model {
	return &Model{c: c, formats: wshare.Formats(), qrDark: lipgloss.NewStyle().Reverse(true)}
}

// Open shows the share formats of badge id, the first one selected, and
// returns the Cmd that loads it.
func (m *Model) Open(id int64) tea.Cmd {
	m.id, m.cursor, m.loaded, m.err, m.d, m.hasPrev = id, 0, false, nil, wallet.Detail{}, false
	return m.reload()
}

// ID is the badge shown (0 before Open).
func (m *Model) ID() int64 { return m.id }

// Format is the selected format.
func (m *Model) Format() wshare.FormatInfo { return m.formats[m.cursor] }

// Init loads the badge when one was opened.
func (m *Model) Init() tea.Cmd {
	if m.id == 0 {
		return nil
	}
	return m.reload()
}

// SetSize sets the page's size.
func (m *Model) SetSize(w, h int) { m.c.Width, m.c.Height = w, h }

// reload reads the badge and the preview again.
func (m *Model) reload() tea.Cmd {
	m.req++
	req, ctx, w, id := m.req, m.c.Ctx, m.c.Svc.Wallet, m.id
	load := func() tea.Msg {
		d, err := w.Badge(ctx, id)
		if err != nil {
			return loadedMsg{req: req, err: err}
		}
		pub, err := w.ProfilePublic(ctx)
		return loadedMsg{req: req, detail: d, profilePublic: pub, err: err}
	}
	return tea.Batch(load, m.preview())
}

// preview returns the Cmd that makes the selected format's snippet.
func (m *Model) preview() tea.Cmd {
	m.prevReq++
	m.hasPrev = false
	req, ctx, w, id, f := m.prevReq, m.c.Ctx, m.c.Svc.Wallet, m.id, m.formats[m.cursor].Format
	return func() tea.Msg {
		msg := previewMsg{req: req, format: f}
		msg.text, msg.err = w.Share(ctx, id, f)
		if f == wshare.FormatQR && msg.err == nil {
			msg.url, msg.err = w.Share(ctx, id, wshare.FormatURL)
			msg.dark = lipgloss.ColorProfile() != termenv.Ascii && lipgloss.HasDarkBackground()
		}
		return msg
	}
}

// Update handles keys, the mouse and the results of Cmds.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
	case loadedMsg:
		if msg.req == m.req {
			m.d, m.profilePublic, m.err, m.loaded = msg.detail, msg.profilePublic, msg.err, msg.err == nil
		}
	case previewMsg:
		if msg.req == m.prevReq {
			m.prev, m.hasPrev = msg, true
		}
	case doneMsg:
		if msg.err != nil {
			return m, common.ToastErr(msg.err)
		}
		// WalletChangedMsg comes back to this page too: it reloads then.
		return m, tea.Batch(common.Toast(msg.text), common.Changed)
	case common.WalletChangedMsg:
		if m.id != 0 {
			return m, m.reload()
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			return m, m.move(-1)
		case tea.MouseButtonWheelDown:
			return m, m.move(1)
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// key handles one key press.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, l := m.c.Keys.Share, m.c.Keys.List
	switch {
	case key.Matches(msg, m.c.Keys.Global.Back):
		return common.Back
	case key.Matches(msg, l.Up):
		return m.move(-1)
	case key.Matches(msg, l.Down):
		return m.move(1)
	case key.Matches(msg, l.PageUp), key.Matches(msg, l.Home):
		return m.move(-len(m.formats))
	case key.Matches(msg, l.PageDown), key.Matches(msg, l.End):
		return m.move(len(m.formats))
	case !m.loaded:
		return nil
	case key.Matches(msg, k.Copy):
		return m.copy()
	case key.Matches(msg, k.Save):
		return m.save()
	case key.Matches(msg, k.SaveImage):
		return m.saveImage()
	case key.Matches(msg, k.Privacy):
		return m.makePublic()
	}
	return nil
}

// move moves the cursor by d formats and previews the new one.
func (m *Model) move(d int) tea.Cmd {
	c := min(max(m.cursor+d, 0), len(m.formats)-1)
	if c == m.cursor {
		return nil
	}
	m.cursor = c
	return m.preview()
}

// copy puts the previewed snippet on the clipboard (the QR code's link
// for the QR code).
func (m *Model) copy() tea.Cmd {
	fi := m.formats[m.cursor]
	if !m.hasPrev || m.prev.format != fi.Format {
		return common.Toast("The " + fi.Label + " preview is still being made: try again in a moment.")
	}
	if m.prev.err != nil {
		return common.ToastErr(errors.New("Nothing to copy: " + oneLine(problem(m.prev.err))))
	}
	text, what := m.prev.text, fi.Label
	if fi.Format == wshare.FormatQR {
		text, what = m.prev.url, "the QR code's link"
	}
	ctx, copier := m.c.Ctx, m.c.Svc.Copier
	return func() tea.Msg {
		r, err := copier.Copy(ctx, text)
		if err != nil {
			return common.ToastMsg{Text: "Could not copy " + what + ": " + err.Error() + " (o saves it to a file).", Err: true}
		}
		return common.ToastMsg{Text: copied(what, r)}
	}
}

// copied says what was copied and which way it went.
func copied(what string, r clipboard.Result) string {
	n := fmt.Sprintf("%d bytes", r.Bytes)
	if r.Bytes == 1 {
		n = "1 byte"
	}
	switch r.Method {
	case clipboard.System:
		return fmt.Sprintf("Copied %s (%s) to the system clipboard.", what, n)
	case clipboard.OSC52:
		return fmt.Sprintf("Copied %s (%s) through OSC 52, the terminal's clipboard; if nothing pastes, o saves it to a file.", what, n)
	}
	return r.String()
}

// save writes the snippet (the PNG for the QR code) to the save folder.
func (m *Model) save() tea.Cmd {
	fi := m.formats[m.cursor]
	ctx, w, id, dir := m.c.Ctx, m.c.Svc.Wallet, m.id, m.c.Svc.SaveDir
	base := common.FileName(m.d.Name, id) + "-" + string(fi.Format)
	return func() tea.Msg {
		var data []byte
		if fi.Format == wshare.FormatQR {
			png, err := w.ShareQRPNG(ctx, id)
			if err != nil {
				return common.ToastMsg{Text: "Nothing to save: " + oneLine(problem(err)), Err: true}
			}
			data = png
		} else {
			s, err := w.Share(ctx, id, fi.Format)
			if err != nil {
				return common.ToastMsg{Text: "Nothing to save: " + oneLine(problem(err)), Err: true}
			}
			data = []byte(strings.TrimRight(s, "\n") + "\n")
		}
		path, err := common.SaveFile(dir, base, fi.Ext, data)
		if err != nil {
			return common.ToastMsg{Text: "Could not save " + fi.Label + ": " + err.Error(), Err: true}
		}
		return common.ToastMsg{Text: "Saved " + fi.Label + " to " + path}
	}
}

// saveImage writes the baked image, when the badge came as one.
func (m *Model) saveImage() tea.Cmd {
	if m.d.Container != "png" && m.d.Container != "svg" {
		return common.Toast("This badge did not come as an image: there is no baked image to save.")
	}
	ctx, w, id, dir, base := m.c.Ctx, m.c.Svc.Wallet, m.id, m.c.Svc.SaveDir, common.FileName(m.d.Name, m.id)
	return func() tea.Msg {
		x, err := w.Export(ctx, id, wallet.ExportOriginal)
		if err != nil {
			return common.ToastMsg{Text: "Could not export the baked image: " + err.Error(), Err: true}
		}
		path, err := common.SaveFile(dir, base, x.Ext, x.Data)
		if err != nil {
			return common.ToastMsg{Text: "Could not save the baked image: " + err.Error(), Err: true}
		}
		return common.ToastMsg{Text: "Saved the baked image to " + path}
	}
}

// makePublic makes a private badge public, and the profile too when it
// is private: links work for others only when both are (the warning line
// says which p will change before it is pressed).
func (m *Model) makePublic() tea.Cmd {
	name := common.Clean(m.d.Name, 60)
	badge, profile := m.d.Privacy != "public", !m.profilePublic
	if !badge && !profile {
		return common.Toast(name + " is already public (the badge page makes it private).")
	}
	ctx, w, id := m.c.Ctx, m.c.Svc.Wallet, m.id
	return func() tea.Msg {
		if badge {
			if err := w.SetPrivacy(ctx, id, true); err != nil {
				return doneMsg{err: err}
			}
		}
		if profile {
			if err := w.SetProfilePublic(ctx, true); err != nil {
				return doneMsg{err: err}
			}
		}
		switch {
		case badge && profile:
			return doneMsg{text: name + " and your profile are now public: its links work for others."}
		case profile:
			return doneMsg{text: "Your profile is now public: the links to " + name + " work for others."}
		}
		return doneMsg{text: name + " is now public: its links work for others."}
	}
}

// privacyWarning says what keeps the links from working for others, and
// what p does about it; "" when nothing does.
func (m *Model) privacyWarning() string {
	switch badge, profile := m.d.Privacy != "public", !m.profilePublic; {
	case badge && profile:
		return "⚠ This badge and your profile are private: links will not work for others — p makes both public"
	case badge:
		return "⚠ This badge is private: links will not work for others — p makes it public"
	case profile:
		return "⚠ Your profile is private: links will not work for others — p makes it public"
	}
	return ""
}

// problem says, in plain words, why a snippet could not be made and what
// to do about it.
func problem(err error) string {
	switch {
	case errors.Is(err, wshare.ErrNoBaseURL):
		return "No public base URL is set, so this link would lead nowhere.\n\n" +
			"Set where your public badges are published (e.g. https://you.example/badges) in Settings → public base URL, then come back."
	case errors.Is(err, wshare.ErrBadBaseURL):
		return "The public base URL is not an http:// or https:// address.\n\nFix it in Settings → public base URL."
	case errors.Is(err, wshare.ErrProfilePrivate):
		return "Your public profile is off, so links to your badges do not work for others.\n\np makes it public (or Settings → public profile)."
	case errors.Is(err, wshare.ErrPrivate):
		return "This badge is private, so this link would not work for others.\n\np makes it public. The Resume line works for a private badge."
	case errors.Is(err, wallet.ErrNotFound):
		return "This badge is no longer in the wallet."
	}
	return "Could not make this snippet: " + err.Error()
}

// oneLine is the first paragraph of s.
func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// ShortHelp lists the keys of the help line.
func (m *Model) ShortHelp() []key.Binding {
	k, l := m.c.Keys.Share, m.c.Keys.List
	out := []key.Binding{l.Up, l.Down, k.Copy, k.Save}
	if m.d.Container == "png" || m.d.Container == "svg" {
		out = append(out, k.SaveImage)
	}
	if m.loaded && m.privacyWarning() != "" {
		out = append(out, k.Privacy)
	}
	return append(out, m.c.Keys.Global.Back)
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys.Share, m.c.Keys.List
	return [][]key.Binding{{l.Up, l.Down, l.Home, l.End}, {k.Copy, k.Save, k.SaveImage, k.Privacy}, {m.c.Keys.Global.Back}}
}

// View draws the page in exactly Width×Height.
func (m *Model) View() string {
	st := m.c.Styles
	w, h := m.c.Width, max(m.c.Height, 1)
	switch {
	case m.err != nil:
		msg := "Could not open this badge: " + common.Clean(m.err.Error(), w-30)
		if errors.Is(m.err, wallet.ErrNotFound) {
			msg = "This badge is no longer in the wallet (esc goes back)."
		}
		return common.Centered(w, h, st.Error.Render(msg))
	case !m.loaded:
		return common.Centered(w, h, st.Faint.Render("Opening the badge…"))
	}
	lm := strings.Repeat(" ", margin)

	// Title and the privacy warning.
	title := "Share "
	name := common.Clean(m.d.Name, w-margin-len(title))
	if name == "" {
		name = "(no name)"
	}
	head := lm + st.Heading.Render(title) + st.Title.Render(name)
	if is := m.d.IssuerName; is != "" {
		if rest := w - lipgloss.Width(head) - 3; rest > 5 {
			head += st.Meta.Render(" · " + common.Clean(is, rest))
		}
	}
	warn := ""
	if msg := m.privacyWarning(); msg != "" {
		warn = lm + st.Pending.Render(common.Clean(msg, w-margin))
	}
	lines := []string{head, warn, ""}

	// The list beside the preview.
	bodyH := max(h-headLines, 1)
	pw := max(w-margin-listWidth-lipgloss.Width(sep), 10)
	left := m.list()
	right := m.previewLines(pw, bodyH)
	for i := range bodyH {
		l := strings.Repeat(" ", listWidth)
		if i < len(left) {
			l = left[i]
		}
		r := ""
		if i < len(right) {
			r = right[i]
		}
		lines = append(lines, strings.TrimRight(lm+l+st.Rule.Render(sep)+r, " "))
	}
	return common.Fit(strings.Join(lines, "\n"), h)
}

// list is the formats, each padded to listWidth.
func (m *Model) list() []string {
	st := m.c.Styles
	out := make([]string, len(m.formats))
	for i, fi := range m.formats {
		label := common.Clean(fi.Label, listWidth-2)
		padding := strings.Repeat(" ", listWidth-2-lipgloss.Width(label))
		if i == m.cursor {
			out[i] = st.Bar.Render("▌") + " " + st.Selected.Render(label) + padding
		} else {
			out[i] = "  " + label + padding
		}
	}
	return out
}

// previewLines is the preview column: what the format is, then the
// snippet, in at most h lines of width w.
func (m *Model) previewLines(w, h int) []string {
	st := m.c.Styles
	fi := m.formats[m.cursor]
	if !m.hasPrev || m.prev.format != fi.Format {
		return []string{st.Heading.Render(fi.Label), "", st.Faint.Render("⟳ making the preview…")}
	}
	p := m.prev
	if p.err != nil {
		out := []string{st.Heading.Render(fi.Label), ""}
		style := st.Pending
		if !errors.Is(p.err, wshare.ErrPrivate) && !errors.Is(p.err, wshare.ErrNoBaseURL) && !errors.Is(p.err, wshare.ErrBadBaseURL) {
			style = st.Error
		}
		for _, l := range common.Wrap(problem(p.err), w) {
			out = append(out, style.Render(l))
		}
		return clip(out, h, w, st)
	}
	var info string
	var body []string
	if fi.Format == wshare.FormatQR {
		info = "c copies its link · o saves the PNG"
		qr := strings.Split(p.text, "\n")
		qw := lipgloss.Width(qr[0])
		if qw > w || len(qr)+4 > h {
			body = common.Wrap(fmt.Sprintf("The QR code needs %d×%d cells: enlarge the window, or o saves it as a PNG.", qw, len(qr)), w)
		} else {
			for _, l := range qr {
				if p.dark {
					l = m.qrDark.Render(l)
				}
				body = append(body, l)
			}
		}
		body = append(body, "", st.Faint.Render(common.Clean(p.url, w)))
	} else {
		info = fmt.Sprintf("%d bytes · c copies · o saves as %s", len(p.text), fi.Ext)
		body = common.Wrap(p.text, w)
	}
	out := []string{st.Heading.Render(fi.Label) + st.Meta.Render(" · "+common.Clean(info, max(w-lipgloss.Width(fi.Label)-3, 1))), ""}
	return clip(append(out, body...), h, w, st)
}

// clip keeps at most h lines, saying how many more there are.
func clip(lines []string, h, w int, st common.Styles) []string {
	if len(lines) <= h {
		return lines
	}
	more := fmt.Sprintf("… %d more lines: o saves it all", len(lines)-h+1)
	return append(lines[:h-1:h-1], st.Faint.Render(common.Clean(more, w)))
}
