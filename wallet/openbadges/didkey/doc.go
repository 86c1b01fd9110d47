// Package didkey turns Ed25519 public keys into their Multikey and did:key
// forms and back, offline.
//
// It provides:
//
//   - base58btc (the Bitcoin alphabet): [Encode] and [Decode];
//   - multibase decoding of the two encodings Data Integrity proofs use,
//     'z' (base58btc) and 'u' (base64url without padding): [DecodeMultibase];
//   - the Ed25519 Multikey form, "z" + base58btc(0xed 0x01 ‖ key), the
//     familiar "z6Mk…" strings: [EncodePublicKey] and [DecodePublicKey];
//   - did:key identifiers and verification methods: [DID],
//     [VerificationMethod], and [Resolve], which maps a proof's
//     verificationMethod to its controller and public key when that can be
//     done without the network: did:key, and (as the 1EdTech validator
//     does) an http(s) URL whose fragment is the key's Multikey.
//
// Anything that would need a DID document or an issuer profile fetched
// (did:web, an http(s) key URL with another fragment) fails with an error
// wrapping [ErrUnsupported]; malformed input fails with [ErrInvalid]. The
// package never touches the network, caps the length of what it decodes
// ([MaxDecodeLen]) and imports the standard library only.
package didkey
