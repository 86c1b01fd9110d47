-- 0001_init: the embedded issuer's tables (a separate database file,
-- issuer.db, beside the wallet's). Times are RFC 3339 UTC text.

-- Exams an earner passed (an exam pass may or may not yield a badge).
CREATE TABLE exam_passes (
    id        INTEGER PRIMARY KEY,
    email     TEXT NOT NULL,          -- lower-cased
    exam_id   TEXT NOT NULL,
    passed_on TEXT NOT NULL,
    UNIQUE (email, exam_id)
);

-- Issued credentials. The row id is also the credential's index in the
-- issuer's revocation status list.
CREATE TABLE awards (
    id             INTEGER PRIMARY KEY,
    credential_id  TEXT NOT NULL UNIQUE,
    email          TEXT NOT NULL,     -- lower-cased
    achievement_id TEXT NOT NULL,
    awarded_on     TEXT NOT NULL,
    credential     BLOB NOT NULL,     -- the signed OB 3.0 JSON
    baked_png      BLOB NOT NULL,
    baked_svg      BLOB NOT NULL,
    revoked        INTEGER NOT NULL DEFAULT 0,
    revoked_reason TEXT,
    claimed_at     TEXT,
    UNIQUE (email, achievement_id)
);
CREATE INDEX awards_email ON awards (email);

-- Claim links sent in notifications: the token names one award.
CREATE TABLE claim_links (
    token    TEXT PRIMARY KEY,
    award_id INTEGER NOT NULL REFERENCES awards (id),
    created  TEXT NOT NULL
);

-- Confirmation codes sent to prove an email while claiming. Only a hash
-- of the code is kept.
CREATE TABLE confirmations (
    id        INTEGER PRIMARY KEY,
    token     TEXT NOT NULL REFERENCES claim_links (token),
    email     TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created   TEXT NOT NULL,
    expires   TEXT NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 0,
    used_at   TEXT
);
CREATE INDEX confirmations_token ON confirmations (token, id);

-- Sessions of confirmed emails: list and fetch every award to that email.
CREATE TABLE sessions (
    token   TEXT PRIMARY KEY,
    email   TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);

-- Messages the issuer sent (notifications with claim links, codes).
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,       -- award | code
    to_addr      TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    created      TEXT NOT NULL,
    delivered_at TEXT,
    error        TEXT
);
CREATE INDEX outbox_to ON outbox (to_addr, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
