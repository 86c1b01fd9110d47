// Package vcjwt checks the signatures of the two compact-JWS forms of Open
// Badges, offline:
//
//   - [VerifyVCJWT]: an OB 3.0 VC-JWT (the VC 2.0 form, whose payload is
//     the credential, or the VC 1.1 form, whose "vc" claim is). The key
//     comes from the protected header: an embedded public "jwk", or a
//     "kid" handed to a caller-supplied [KeyResolver] (which resolves
//     did:key locally and, when online, did:web and https JWKS). Only
//     RS256, ES256 and EdDSA are accepted; "none", HMAC and every other
//     algorithm are refused before any key is looked at.
//   - [VerifyOB2JWS]: an OB 2.0 signed badge (RS256, or ES256 with an EC
//     key), checked with the publicKeyPem of the issuer's
//     CryptographicKey.
//
// Only the signature is checked: the payload comes back as the bytes that
// were signed, and parsing it, the validity period, the issuer/key binding
// and the status are the verification pipeline's job. Input is capped at
// [MaxCompactBytes] before it is parsed. Every error wraps one of the
// sentinels in errors.go (use errors.Is), except errors from a
// KeyResolver, which are passed through untouched (wrapped with %w and
// the kid) so that "needs the network" stays recognisable.
//
// It imports the standard library, github.com/go-jose/go-jose/v4 and
// nothing else at run time; its tests also use
// badgewallet/wallet/openbadges (to unbake fixtures),
// badgewallet/wallet/openbadges/didkey (to resolve did:key kids) and
// badgewallet/internal/fixtures. It never touches the network and never
// imports bubbletea, lipgloss, store or the rest of the wallet.
package vcjwt
