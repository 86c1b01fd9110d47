-- 0005_artwork: newer artwork fetched from a badge's issuer. The badge file
-- itself (badge_files) never changes; each picture the issuer served that
-- differed from what the wallet held is kept here, oldest first.
CREATE TABLE badge_artwork (
    id           INTEGER PRIMARY KEY,
    badge_id     INTEGER NOT NULL REFERENCES badges (id) ON DELETE CASCADE,
    source_url   TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,   -- hex sha256 of data
    data         BLOB NOT NULL,
    fetched      TEXT NOT NULL,
    UNIQUE (badge_id, sha256)
);
