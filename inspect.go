package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"badgewallet/wallet/openbadges"
	"badgewallet/wallet/safetext"
)

func newInspect(opts *options, stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inspect FILE...",
		Short: "Tell what badge files hold (container, version, name, issuer, recipient, dates)",
		Long: "inspect reads each file (a baked PNG or SVG, OB 2.0 / 3.0 JSON, a compact JWS or VC-JWT,\n" +
			"or a text file holding a hosted assertion URL) and says what it holds. It reads\n" +
			"only the files: nothing is fetched and nothing is verified (see 'verify').\n" +
			"Exit status 1 if any file could not be read.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := 0
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			for i, name := range args {
				if err := cmd.Context().Err(); err != nil {
					return err
				}
				x, err := inspectFile(name)
				if err != nil {
					failed++
					fmt.Fprintf(stderr, "badgewallet: inspect %s: %s\n", safetext.Line(name), safetext.Line(err.Error()))
					continue
				}
				if opts.json {
					if err := enc.Encode(inspectJSON(name, x)); err != nil {
						return err
					}
					continue
				}
				if i > 0 {
					fmt.Fprintln(stdout)
				}
				printInspect(stdout, name, x)
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	return cmd
}

func inspectFile(name string) (*openbadges.Extracted, error) {
	data, err := openbadges.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return openbadges.Read(data)
}

// inspectReport is the --json shape.
type inspectReport struct {
	File      string            `json:"file"`
	Container string            `json:"container"`
	Baked     string            `json:"baked,omitempty"`
	Badge     *openbadges.Badge `json:"badge"`
	Payload   json.RawMessage   `json:"payload"`
}

func inspectJSON(name string, x *openbadges.Extracted) inspectReport {
	r := inspectReport{File: name, Container: string(x.Container), Badge: x.Badge}
	if x.Baked != 0 {
		r.Baked = x.Baked.String()
	}
	if len(x.Badge.Raw) > 0 && json.Valid(x.Badge.Raw) {
		r.Payload = x.Badge.Raw
	} else {
		r.Payload, _ = json.Marshal(string(x.Payload))
	}
	return r
}

// printInspect writes the human report. Every badge string is sanitized.
func printInspect(w io.Writer, name string, x *openbadges.Extracted) {
	b := x.Badge
	clean := safetext.Line
	fmt.Fprintln(w, clean(name))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, v)
		}
	}
	container := strings.ToUpper(string(x.Container))
	switch {
	case x.Container == openbadges.ContainerPNG && x.Baked != 0:
		container += fmt.Sprintf(", baked %s (iTXt %q)", x.Baked, x.Baked.Keyword())
	case x.Container == openbadges.ContainerSVG && x.Baked != 0:
		el := "openbadges:assertion"
		if x.Baked == 3 {
			el = "openbadges:credential"
		}
		container += fmt.Sprintf(", baked %s (<%s>)", x.Baked, el)
	}
	row("Container", container)
	row("Holds", describe(b))
	row("Name", clean(b.Name))
	if b.BadgeLinked {
		row("BadgeClass", clean(b.AchievementID)+" (linked: name and issuer are at that URL)")
	} else {
		row("Achievement", clean(b.AchievementID))
	}
	row("Issuer", issuerLine(b.Issuer))
	row("Recipient", recipientLine(b.Recipient))
	row("Issued", dateLine(b.Issued))
	if !b.ValidFrom.IsZero() && !b.ValidFrom.Equal(b.Issued) {
		row("Valid from", dateLine(b.ValidFrom))
	}
	row("Expires", dateLine(b.ValidUntil))
	row("ID", clean(b.ID))
	row("Hosted at", clean(b.HostedURL))
	for _, p := range b.Proofs {
		s := clean(p.Type)
		if p.Cryptosuite != "" {
			s += " " + clean(p.Cryptosuite)
		}
		row("Proof", s+" by "+clean(p.VerificationMethod))
	}
	if alg, _ := b.JOSE["alg"].(string); alg != "" {
		row("Signature", "JWS "+clean(alg)+" (not verified here)")
	}
	if b.Verification.Type != "" {
		row("Verification", clean(b.Verification.Type))
	}
	var skills []string
	for _, a := range b.Alignments {
		skills = append(skills, clean(a.Name))
	}
	for _, t := range b.Tags {
		skills = append(skills, clean(t))
	}
	row("Skills", safetext.Truncate(strings.Join(skills, " · "), 200))
	tw.Flush()
}

func describe(b *openbadges.Badge) string {
	var s string
	switch b.Spec {
	case openbadges.Spec1:
		s = "Open Badges 1.x"
	case openbadges.SpecVC:
		s = "Verifiable Credential"
	default:
		s = "Open Badges " + string(b.Spec)
	}
	if b.Kind != openbadges.KindVC {
		s += " " + string(b.Kind)
	}
	var form []string
	if b.VCVersion != "" {
		form = append(form, "VC "+b.VCVersion)
	}
	switch b.Form {
	case openbadges.FormJSON:
		if b.Spec == openbadges.Spec3 || b.Spec == openbadges.SpecVC || b.Spec == openbadges.Spec2 {
			form = append(form, "JSON-LD")
		} else {
			form = append(form, "JSON")
		}
	case openbadges.FormJWS:
		form = append(form, "signed JWS")
	case openbadges.FormVCJWT:
		form = append(form, "VC-JWT")
	case openbadges.FormHosted:
		form = append(form, "hosted: only its URL")
	}
	return s + " (" + strings.Join(form, ", ") + ")"
}

func issuerLine(is openbadges.Issuer) string {
	name, id := safetext.Line(is.Name), safetext.Line(is.ID)
	switch {
	case name != "" && id != "":
		return name + " <" + id + ">"
	case is.Linked:
		return id + " (linked)"
	}
	return name + id
}

func recipientLine(r openbadges.Recipient) string {
	var parts []string
	if r.Identity != "" {
		s := safetext.Line(r.Identity)
		var notes []string
		if r.Type != "" {
			notes = append(notes, safetext.Line(r.Type))
		}
		if r.Hashed {
			notes = append(notes, "hashed")
			if r.Salt != "" {
				notes = append(notes, "salted")
			}
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
		parts = append(parts, s)
	}
	if r.SubjectID != "" {
		parts = append(parts, "subject "+safetext.Line(r.SubjectID))
	}
	if n := len(r.Others); n > 0 {
		parts = append(parts, fmt.Sprintf("+%d more identifiers", n))
	}
	return strings.Join(parts, "; ")
}

func dateLine(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04 MST")
}
