package mail_test

import (
	"fmt"
	"strings"
	"time"

	"badgewallet/issuer/mail"
)

func ExampleMessage_Bytes() {
	m := mail.Message{
		ID:      "award-42",
		From:    "Demo Issuer <issuer@badgewallet.local>",
		To:      "Zoë <zoe@example.org>",
		Subject: "Badge obtenu : « Go »",
		Text:    "Claim it: https://issuer.badgewallet.local/claim/t0k3n\n",
		Date:    time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC),
		Headers: map[string]string{"X-Badgewallet-Claim": "https://issuer.badgewallet.local/claim/t0k3n"},
	}
	raw, err := m.Bytes()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(string(raw), "\r\n", "\n"))
	// Output:
	// Date: Fri, 14 Mar 2025 09:26:53 +0000
	// From: "Demo Issuer" <issuer@badgewallet.local>
	// To: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>
	// Subject: =?utf-8?q?Badge_obtenu_:_=C2=AB_Go_=C2=BB?=
	// Message-ID: <award-42@badgewallet.local>
	// MIME-Version: 1.0
	// X-Badgewallet-Claim: https://issuer.badgewallet.local/claim/t0k3n
	// Content-Type: text/plain; charset=utf-8
	// Content-Transfer-Encoding: quoted-printable
	//
	// Claim it: https://issuer.badgewallet.local/claim/t0k3n
}
