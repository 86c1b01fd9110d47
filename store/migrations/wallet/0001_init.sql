-- 0001_init: the wallet's first tables.
--
-- Times are TEXT in RFC 3339, UTC, to the second ("2006-01-02T15:04:05Z"),
-- so that they sort as text; NULL means unknown or never.

-- One row per stored badge: a normalized summary filled in by the wallet.
-- The original bytes live in badge_files so that listing never reads blobs.
CREATE TABLE badges (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,   -- hex sha256 of the original bytes
    credential_id TEXT,
    container     TEXT NOT NULL,          -- png | svg | json | jws | url
    spec_version  TEXT NOT NULL,          -- "2.0", "3.0", ...
    name          TEXT NOT NULL,
    description   TEXT,
    issuer_name   TEXT,
    issuer_id     TEXT,
    issued        TEXT,
    expires       TEXT,
    recipient     TEXT,
    verification  TEXT NOT NULL DEFAULT 'unchecked',
    verified_at   TEXT,
    privacy       TEXT NOT NULL DEFAULT 'private'
                  CHECK (privacy IN ('private', 'public')),
    acceptance    TEXT NOT NULL DEFAULT 'pending'
                  CHECK (acceptance IN ('pending', 'accepted', 'rejected')),
    added         TEXT NOT NULL,
    image_type    TEXT                    -- "image/png", "image/svg+xml" or NULL
);

CREATE INDEX badges_credential_id ON badges (credential_id);
CREATE INDEX badges_added         ON badges (added);
CREATE INDEX badges_issued        ON badges (issued);
CREATE INDEX badges_expires       ON badges (expires);
CREATE INDEX badges_name          ON badges (name COLLATE NOCASE);
CREATE INDEX badges_issuer_name   ON badges (issuer_name COLLATE NOCASE);
CREATE INDEX badges_acceptance    ON badges (acceptance, added);

-- The file exactly as it was imported or claimed (baked PNG/SVG, JSON, JWS...).
CREATE TABLE badge_files (
    badge_id INTEGER PRIMARY KEY REFERENCES badges (id) ON DELETE CASCADE,
    original BLOB NOT NULL
);

-- The holder's identities, matched against badge recipients.
CREATE TABLE identities (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'url', 'phone')),
    value     TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    added     TEXT NOT NULL,
    UNIQUE (kind, value)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
