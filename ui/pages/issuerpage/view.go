package issuerpage

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"badgewallet/issuer"
	"badgewallet/ui/common"
)

// Column widths of the lists.
const (
	idW     = 28
	kindW   = 15
	dateW   = 13
	emailW  = 25
	sentW   = 14
	msgKW   = 7
	rowW    = 5
	stateW  = 10 // a space and "⊘ revoked"
	minName = 12
)

// bodyHeight is the height below the title line and its blank line.
func (m *Model) bodyHeight() int { return max(m.c.Height-2, 1) }

// catalogRows is how many achievements fit: header, rows, blank, 4 lines
// of detail.
func (m *Model) catalogRows() int { return max(m.bodyHeight()-6, 1) }

// revokeRows: header, rows, blank, 3 lines of detail.
func (m *Model) revokeRows() int { return max(m.bodyHeight()-5, 1) }

// outboxRows: header, rows.
func (m *Model) outboxRows() int { return max(m.bodyHeight()-1, 1) }

// summaryRows: file, hint, blank, summary, blank, header, rows.
func (m *Model) summaryRows() int { return max(m.bodyHeight()-6, 1) }

// cell cleans s and cuts or pads it to exactly w cells.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = common.Clean(s, w)
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(w-lipgloss.Width(s), 0))
}

// line cleans s and cuts it to w cells.
func line(s string, w int) string {
	s = common.Clean(s, max(w, 1))
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s
}

// View draws the page in exactly Width×Height.
func (m *Model) View() string {
	w, h := m.c.Width, m.c.Height
	// Demo mode may have been turned off since the last Update (which
	// forgets the closed issuer): say so rather than draw its catalog.
	if m.is == nil || m.c.Svc.Issuer == nil {
		st := m.c.Styles
		msg := st.Empty.Render("Demo mode is off. Turn it on in Settings to award Contoso Learning badges from here.") +
			"\n\n" + st.Faint.Render("Press 4 for Settings.")
		return m.fit(common.Centered(w, h, msg))
	}
	var body string
	switch m.mode {
	case modeAward:
		body = m.awardView()
	case modeBulk:
		body = m.bulkView()
	case modeRevoke:
		body = m.revokeView()
	case modeOutbox:
		if m.reading {
			body = m.readerView()
		} else {
			body = m.outboxView()
		}
	default:
		body = m.catalogView()
	}
	return m.fit(m.titleLine() + "\n\n" + body)
}

// fit makes s exactly Width×Height.
func (m *Model) fit(s string) string {
	lines := strings.Split(common.Fit(s, m.c.Height), "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > m.c.Width {
			lines[i] = ansi.Truncate(l, m.c.Width, "")
		}
	}
	return strings.Join(lines, "\n")
}

// titleLine names the sub-view and lists the keys that switch them.
func (m *Model) titleLine() string {
	st, k := m.c.Styles, m.c.Keys.Issuer
	titles := map[mode]string{modeCatalog: "Catalog", modeAward: "Award a badge", modeBulk: "Bulk award from a CSV file",
		modeRevoke: "Revoke a credential", modeOutbox: "Outbox"}
	left := " " + st.Heading.Render(titles[m.mode]) + st.Meta.Render(" · "+line(m.is.Catalog().Issuer.Name, 30))
	var tabs []string
	for _, t := range []struct {
		b    key.Binding
		word string
		mode mode
	}{{k.Catalog, "catalog", modeCatalog}, {k.Award, "award", modeAward}, {k.Bulk, "bulk", modeBulk}, {k.Revoke, "revoke", modeRevoke}, {k.Outbox, "outbox", modeOutbox}} {
		style := st.Tab
		if t.mode == m.mode {
			style = st.TabActive
		}
		tabs = append(tabs, st.Key.Render(t.b.Help().Key)+" "+style.Render(t.word))
	}
	right := strings.Join(tabs, "   ") + " "
	gap := m.c.Width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// mark is the cursor bar of a row.
func (m *Model) mark(selected bool) string {
	if selected {
		return " " + m.c.Styles.Bar.Render("▌") + " "
	}
	return "   "
}

func (m *Model) catalogView() string {
	st, w := m.c.Styles, m.c.Width
	as := m.achievements()
	if len(as) == 0 {
		return common.Centered(w, m.bodyHeight(), st.Empty.Render("The catalog is empty: add achievements to catalog.json in the issuer's folder."))
	}
	kw, short := kindW, false
	if w < 100 { // "cert." leaves the names room
		kw, short = 7, true
	}
	nameW := max(w-3-idW-kw-1, minName)
	out := []string{st.Faint.Render("   " + cell("ID", idW) + cell("KIND", kw) + "NAME")}
	vis := m.catalogRows()
	for i := m.cat.top; i < len(as) && i < m.cat.top+vis; i++ {
		a := as[i]
		word := state(a)
		name := line(a.Name, nameW-lipgloss.Width(word)-2)
		if i == m.cat.cur {
			name = st.Selected.Render(name)
		}
		if word != "" {
			name += "  " + st.Faint.Render(word)
		}
		kind := a.Kind
		if short && kind == issuer.KindCertification {
			kind = "cert."
		}
		out = append(out, m.mark(i == m.cat.cur)+st.Meta.Render(cell(a.ID, idW)+cell(kind, kw))+name)
	}
	for len(out) < vis+1 {
		out = append(out, "")
	}
	a := m.selected()
	vw := max(w-1-labelW, 10)
	out = append(out, "",
		" "+st.Title.Render(line(a.Name, w-2)),
		" "+st.Label.Render("Rule")+line(m.is.Catalog().Rule(a), vw),
		" "+st.Label.Render("About")+line(a.Description, vw),
		" "+st.Label.Render("Award")+st.Meta.Render(line("a awards it to an email · in a CSV file its id is "+a.ID, vw)))
	return strings.Join(out, "\n")
}

func (m *Model) awardView() string {
	st, w := m.c.Styles, m.c.Width
	vw := max(w-1-labelW, 10)
	out := []string{}
	if a, ok := m.is.Catalog().Get(m.awardID); ok {
		out = append(out,
			" "+st.Label.Render("Achievement")+st.Title.Render(line(a.Name, vw-idW))+st.Meta.Render("  "+line(a.ID, idW-2)),
			" "+st.Label.Render("Rule")+line(m.is.Catalog().Rule(a), vw))
	}
	out = append(out, " "+st.Label.Render("Date")+m.c.Now().Format("2 Jan 2006")+st.Meta.Render(" (today)"), "")
	if m.focus == inputEmail {
		out = append(out, " "+st.Label.Render("Email")+m.email.View(),
			" "+st.Label.Render("")+st.Faint.Render(line("enter awards · esc cancels · the learner gets an email with a claim link", vw)))
	} else {
		out = append(out, " "+st.Label.Render("Email")+line(m.email.Value(), vw), "")
	}
	out = append(out, "")
	switch {
	case m.awarding:
		out = append(out, " "+st.Faint.Render("⟳ Awarding… signing and baking the badges"))
	case m.result != nil:
		out = append(out, m.resultPanel())
	}
	return strings.Join(out, "\n")
}

// resultPanel shows what the last award did, in plain words.
func (m *Model) resultPanel() string {
	st, w := m.c.Styles, m.c.Width
	r := m.result
	pw := max(w-4, 20)  // panel width with padding, without border
	tw := max(pw-4, 10) // text width inside the padding
	var lines []string
	panel := st.Panel
	switch {
	case r.err != nil && len(r.res.Awarded) == 0:
		panel = st.PanelErr
		lines = append(lines, st.Invalid.Render("✖ Nothing was awarded"), common.CleanText(explain(r.err, r.email, r.name)))
	case len(r.res.Awarded) == 0:
		lines = append(lines, st.Title.Render(line("– No badge was issued to "+r.email, tw)))
	default:
		lines = append(lines, st.Verified.Render("✔ ")+st.Title.Render(line(fmt.Sprintf("Awarded %s to %s", common.Counted(len(r.res.Awarded), "badge", "badges"), r.email), tw-2)))
		for _, a := range r.res.Awarded {
			lines = append(lines, "  • "+line(a.Name, tw-4))
		}
	}
	if len(r.res.Notes) > 0 {
		lines = append(lines, "")
		for _, n := range r.res.Notes {
			lines = append(lines, common.CleanText(n))
		}
	}
	if len(r.res.Awarded) > 0 {
		lines = append(lines, "", st.Faint.Render("The notification is in the outbox (m); its claim link adds the badge to a wallet."))
	}
	return indent(panel.Width(pw).Render(strings.Join(lines, "\n")), " ")
}

// explain says in plain words why an award failed.
func explain(err error, email, name string) string {
	email, name = common.Clean(email, 80), common.Clean(name, 80)
	switch {
	case errors.Is(err, issuer.ErrAlreadyHeld):
		return fmt.Sprintf("%s already holds %s: a badge is never issued twice.", email, name)
	case errors.Is(err, issuer.ErrBadEmail):
		return fmt.Sprintf("“%s” is not an email address: type one like ada@example.com.", email)
	case errors.Is(err, issuer.ErrRetired):
		return fmt.Sprintf("%s is retired: it accepts no new passes or awards. Badges already earned stay claimable.", name)
	case errors.Is(err, issuer.ErrLegacy):
		return fmt.Sprintf("%s is a legacy exam: it awards no badge.", name)
	}
	return common.Clean(err.Error(), 400)
}

func (m *Model) bulkView() string {
	st, w := m.c.Styles, m.c.Width
	vw := max(w-1-labelW, 10)
	b := m.bulk
	var out []string
	if m.focus == inputPath {
		out = append(out, " "+st.Label.Render("File")+m.path.View(),
			" "+st.Label.Render("")+st.Faint.Render(line("enter starts · esc cancels · ~/ is your home folder", vw)), "")
	} else {
		out = append(out, " "+st.Label.Render("File")+line(b.path, vw), " "+st.Label.Render("")+st.Faint.Render(line("b awards another file · esc back to the catalog", vw)), "")
	}
	switch {
	case m.focus == inputPath || (b.path == "" && !b.running):
		out = append(out, csvHelp(st, w)...)
	case b.running:
		pct := 0.0
		if b.total > 0 {
			pct = float64(b.done) / float64(b.total)
		}
		out = append(out, " "+m.bar.ViewAs(min(pct, 1)), "",
			" "+st.Meta.Render(fmt.Sprintf("Row %d of %d", b.done, b.total)))
		if b.done > 0 {
			out = append(out, " "+m.rowResult(b.last, w-2, false))
		}
	case b.rep == nil && b.err != nil:
		out = append(out, " "+st.Invalid.Render("✖ ")+line(b.err.Error(), w-3))
	case b.rep != nil:
		out = append(out, m.summary()...)
	}
	return strings.Join(out, "\n")
}

// csvHelp explains the CSV format with a sample.
func csvHelp(st common.Styles, w int) []string {
	tw := max(w-2, 10)
	para := func(s string) []string {
		return strings.Split(indent(ansi.Wrap(s, tw, " "), " "), "\n")
	}
	out := para("One award per row: email,achievement[,date]. The header row is optional; the date is YYYY-MM-DD (default today). Achievement ids are in the catalog (t). For example:")
	out = append(out, "",
		"   "+st.Accent.Render("email,achievement,date"),
		"   "+st.Accent.Render("ada@example.com,cl-900,2026-11-20"),
		"   "+st.Accent.Render("grace@example.com,solutions-architect-expert"),
		"   "+st.Accent.Render("linus@example.com,cl-303"),
		"")
	for _, l := range para("Each row is its own award: a bad row is reported and never stops or undoes the others.") {
		out = append(out, st.Faint.Render(l))
	}
	return out
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// rowResult is one CSV row's outcome: glyph and words, cut to w cells or
// wrapped (continuation lines indented under the words).
func (m *Model) rowResult(r issuer.RowResult, w int, wrap bool) string {
	st := m.c.Styles
	glyph, style, text := "✔ ", st.Verified, ""
	switch {
	case r.Err != nil:
		glyph, style, text = "✖ ", st.Invalid, "failed: "+reason(r.Err, r.ID)
	case len(r.Awarded) == 0:
		glyph, style, text = "– ", st.Faint, "skipped: "+strings.Join(r.Notes, " ")
	default:
		names := make([]string, len(r.Awarded))
		for i, a := range r.Awarded {
			names[i] = a.Name
		}
		text = strings.Join(names, ", ")
	}
	tw := max(w-2, 4)
	if !wrap {
		return style.Render(glyph) + line(text, tw)
	}
	lines := strings.Split(ansi.Wrap(common.Clean(text, 2000), tw, " "), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = style.Render(glyph) + line(lines[i], tw)
		} else {
			lines[i] = "  " + line(lines[i], tw)
		}
	}
	return strings.Join(lines, "\n")
}

// summary is the report of a finished bulk award.
func (m *Model) summary() []string {
	st, w, b := m.c.Styles, m.c.Width, m.bulk
	awarded, skipped, failed := tally(*b.rep)
	head := st.Title.Render(common.Counted(len(b.rep.Rows), "row", "rows")+" from "+line(filepath.Base(b.path), 40)) + st.Meta.Render(" · "+fmt.Sprintf("%s issued · %d awarded · %d skipped · %d failed", common.Counted(b.rep.Awarded, "badge", "badges"), awarded, skipped, failed))
	out := []string{" " + head}
	if b.err != nil {
		out = append(out, " "+st.Invalid.Render("✖ ")+line("stopped early: "+b.err.Error(), w-4))
	} else {
		out = append(out, "")
	}
	resW := max(w-3-rowW-emailW-1, minName)
	vis := m.summaryRows()
	indent := strings.Repeat(" ", 3+rowW+emailW)
	var rows []string
	last := b.top - 1
	for i := b.top; i < len(b.rep.Rows); i++ {
		r := b.rep.Rows[i]
		res := strings.Split(m.rowResult(r, resW, true), "\n")
		if len(rows) > 0 && len(rows)+len(res) > vis {
			break
		}
		rows = append(rows, "   "+st.Meta.Render(cell(fmt.Sprint(r.Row), rowW))+cell(r.Email, emailW)+res[0])
		for _, l := range res[1:] {
			rows = append(rows, indent+l)
		}
		last = i
	}
	status := ""
	if b.top > 0 || last < len(b.rep.Rows)-1 {
		status = fmt.Sprintf("rows %d–%d of %d", b.top+1, last+1, len(b.rep.Rows))
	}
	hdr := "   " + cell("ROW", rowW) + cell("EMAIL", emailW) + "RESULT"
	if status != "" {
		hdr += strings.Repeat(" ", max(w-lipgloss.Width(hdr)-lipgloss.Width(status)-1, 1)) + status
	}
	out = append(out, st.Faint.Render(hdr))
	out = append(out, rows...)
	return out
}

func (m *Model) revokeView() string {
	st, w := m.c.Styles, m.c.Width
	switch {
	case m.awardsErr != nil:
		return " " + st.Invalid.Render("✖ ") + line("Could not list the awards: "+m.awardsErr.Error(), w-4)
	case !m.awardsOK:
		return " " + st.Faint.Render("⟳ Loading the awarded credentials…")
	case len(m.awards) == 0:
		return common.Centered(w, m.bodyHeight(), st.Empty.Render("Nothing awarded yet: award a badge from the catalog (a)."))
	}
	nameW := max(w-3-dateW-emailW-stateW, minName)
	vis := m.revokeRows()
	out := []string{st.Faint.Render("   " + cell("AWARDED", dateW) + cell("EMAIL", emailW) + cell("BADGE", nameW) + " STATE")}
	for i := m.rv.top; i < len(m.awards) && i < m.rv.top+vis; i++ {
		a := m.awards[i]
		name := cell(m.achievementName(a.AchievementID), nameW)
		if i == m.rv.cur {
			name = st.Selected.Render(name)
		}
		word := st.Verified.Render("✔ active")
		if a.Revoked {
			word = st.Invalid.Render("⊘ revoked")
		} else if !a.ClaimedAt.IsZero() {
			word = st.Verified.Render("✔ claimed")
		}
		out = append(out, m.mark(i == m.rv.cur)+st.Meta.Render(cell(a.AwardedOn.Format("2 Jan 2006"), dateW))+cell(a.Email, emailW)+name+" "+word)
	}
	for len(out) < vis+1 {
		out = append(out, "")
	}
	a := m.awards[m.rv.cur]
	if m.focus == inputReason || m.revoking {
		a = m.revTarget // the list may have moved under the cursor
	}
	vw := max(w-1-labelW, 10)
	pos := fmt.Sprintf("  · %d of %d, newest first", m.rv.cur+1, len(m.awards))
	out = append(out, "", " "+st.Label.Render("Credential")+st.Meta.Render(line(a.CredentialID, vw-lipgloss.Width(pos))+pos))
	switch {
	case a.Revoked:
		out = append(out, " "+st.Label.Render("Revoked")+line(a.RevokedReason, vw))
	case m.focus == inputReason:
		out = append(out, " "+st.Label.Render("Reason")+m.reason.View(),
			" "+st.Label.Render("")+st.Faint.Render(line("enter revokes · esc cancels · verifiers see it on their next check", vw)))
	case m.revoking:
		out = append(out, " "+st.Label.Render("")+st.Faint.Render("⟳ Revoking…"))
	default:
		out = append(out, " "+st.Label.Render("Revoke")+st.Meta.Render(line("enter (or R) asks for a reason, then sets its bit in the status list", vw)))
	}
	return strings.Join(out, "\n")
}

// sent formats a message's time.
func sent(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006 15:04")
}

// sentShort formats a message's time for the list: the year only when it
// is not this year's (now's).
func sentShort(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if t.Local().Year() != now.Local().Year() {
		return t.Local().Format("2 Jan 2006")
	}
	return t.Local().Format("2 Jan 15:04")
}

func (m *Model) outboxView() string {
	st, w := m.c.Styles, m.c.Width
	switch {
	case m.msgsErr != nil:
		return " " + st.Invalid.Render("✖ ") + line("Could not read the outbox: "+m.msgsErr.Error(), w-4)
	case !m.msgsOK:
		return " " + st.Faint.Render("⟳ Reading the outbox…")
	case len(m.msgs) == 0:
		return common.Centered(w, m.bodyHeight(), st.Empty.Render("The outbox is empty: award a badge (a) and its notification appears here."))
	}
	subjW := max(w-3-sentW-emailW-msgKW, minName)
	hdr := "   " + cell("SENT", sentW) + cell("TO", emailW) + cell("KIND", msgKW) + "SUBJECT"
	status := fmt.Sprintf("newest first · %d of %d", m.ob.cur+1, len(m.msgs))
	out := []string{st.Faint.Render(hdr + strings.Repeat(" ", max(w-lipgloss.Width(hdr)-lipgloss.Width(status)-1, 1)) + status)}
	vis := m.outboxRows()
	for i := m.ob.top; i < len(m.msgs) && i < m.ob.top+vis; i++ {
		msg := m.msgs[i]
		subj := cell(msg.Subject, subjW)
		if i == m.ob.cur {
			subj = st.Selected.Render(subj)
		}
		out = append(out, m.mark(i == m.ob.cur)+st.Meta.Render(cell(sentShort(msg.Created, m.c.Now()), sentW))+cell(msg.To, emailW)+st.Meta.Render(cell(msg.Kind, msgKW))+subj)
	}
	return strings.Join(out, "\n")
}

// readerView shows one outbox message.
func (m *Model) readerView() string {
	st, w := m.c.Styles, m.c.Width
	msg := m.msgs[min(m.ob.cur, len(m.msgs)-1)]
	vw := max(w-1-labelW, 10)
	delivery := "kept in the outbox"
	switch {
	case msg.Error != "":
		delivery = "✖ not delivered: " + msg.Error
	case !msg.DeliveredAt.IsZero():
		delivery = "✔ delivered " + sent(msg.DeliveredAt)
	}
	out := []string{
		" " + st.Label.Render("To") + line(msg.To, vw),
		" " + st.Label.Render("Subject") + st.Title.Render(line(msg.Subject, vw)),
		" " + st.Label.Render("Sent") + st.Meta.Render(line(sent(msg.Created)+" · "+msg.Kind+" · "+delivery, vw)),
		" " + st.Rule.Render(strings.Repeat("─", max(w-2, 1))),
		m.body.View(),
	}
	return strings.Join(out, "\n")
}

// ShortHelp lists the keys of the current sub-view.
func (m *Model) ShortHelp() []key.Binding {
	if m.is == nil || m.c.Svc.Issuer == nil {
		return nil
	}
	k, l, back := m.c.Keys.Issuer, m.c.Keys.List, m.c.Keys.Global.Back
	with := func(b key.Binding, desc string) key.Binding {
		b.SetHelp(b.Help().Key, desc)
		return b
	}
	switch m.focus {
	case inputEmail:
		return []key.Binding{with(k.Open, "award"), with(back, "cancel")}
	case inputPath:
		return []key.Binding{with(k.Open, "start"), with(back, "cancel")}
	case inputReason:
		return []key.Binding{with(k.Open, "revoke"), with(back, "cancel")}
	}
	switch m.mode {
	case modeAward:
		return []key.Binding{with(k.Award, "award again"), k.Outbox, with(back, "catalog")}
	case modeBulk:
		return []key.Binding{l.Up, l.Down, with(k.Bulk, "another file"), k.Outbox, with(back, "catalog")}
	case modeRevoke:
		return []key.Binding{l.Up, l.Down, with(k.Open, "revoke"), k.Outbox, with(back, "catalog")}
	case modeOutbox:
		if m.reading {
			return []key.Binding{with(l.Up, "scroll"), with(l.Down, "scroll"), with(back, "back to the list")}
		}
		return []key.Binding{l.Up, l.Down, with(k.Open, "read"), k.Revoke, with(back, "catalog")}
	}
	return []key.Binding{l.Up, l.Down, k.Award, k.Bulk, k.Revoke, k.Outbox}
}

// FullHelp lists every key of the page.
func (m *Model) FullHelp() [][]key.Binding {
	if m.is == nil || m.c.Svc.Issuer == nil {
		return nil
	}
	k, l := m.c.Keys.Issuer, m.c.Keys.List
	return [][]key.Binding{
		{l.Up, l.Down, l.PageUp, l.PageDown, l.Home, l.End},
		{k.Catalog, k.Award, k.Bulk, k.Revoke, k.Outbox},
		{k.Open, m.c.Keys.Global.Back},
	}
}
