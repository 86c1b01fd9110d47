// Package mail turns the issuer's notification messages (badge awarded,
// claim link, confirmation code) into RFC 5322 messages and delivers them.
//
// A [Message] is plain data, the shape the issuer keeps in its outbox.
// [Message.Bytes] renders it deterministically: the same Message always gives
// the same bytes (the Message-ID and the MIME boundary are derived from
// Message.ID, the Date comes from Message.Date), so a stored message can be
// re-sent or compared byte for byte. Header injection is refused rather than
// repaired: a CR or LF (or any other control character) in a header value is
// an error wrapping [ErrInvalidMessage].
//
// A [Sender] delivers a Message. [SMTP] speaks SMTP to one relay (dial,
// EHLO, optional STARTTLS and AUTH PLAIN, MAIL, RCPT, DATA, QUIT) and honours
// the context and its own Timeout; its failures are [*Error] values naming the
// step that failed and the server's reply. [Discard] is the Sender used when no
// server is configured: the message only lives in the outbox.
//
// Imports: the standard library, github.com/emersion/go-smtp and
// github.com/emersion/go-sasl. Nothing from badgewallet; the outbox itself
// (storage, retries) belongs to the issuer package, which imports this one.
package mail
